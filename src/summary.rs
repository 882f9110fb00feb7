//! The one-page summary a person can bring to a counsellor: their choices in,
//! the sections of the page out. Everything comes from what is on the device;
//! nothing is sent anywhere. Pure Rust, so what each choice includes is tested
//! natively; the screen only draws what [`build`] returns.

use crate::assessment::CheckResult;
use crate::content::model::{CheckContent, GuideContent};
use crate::guide::{Progress, StepState};
use crate::journal::{local_day, Entry};
use crate::settings::{Role, Situation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The storage key of the person's choices and their own words.
pub const KEY: &str = "summary";

/// Most journal excerpts on the page.
pub const MAX_EXCERPTS: usize = 3;
/// Longest excerpt, in characters, as printed.
pub const EXCERPT_CHARS: usize = 200;
/// Most weeks listed in the mood table (the newest; the chart shows every week).
pub const LISTED_WEEKS: usize = 6;
/// Longest "what I would like to talk about", in characters.
pub const MAX_TALK_CHARS: usize = 600;

/// What the person chose to put on the page. Kept on the device while they
/// work on it, so leaving the screen (or the app) loses nothing.
///
/// Nothing from the journal is ticked until the person ticks it; the rest is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Choices {
    /// Role, situation and the dates the page covers.
    pub about: bool,
    pub check: bool,
    /// The reminder that a safety answer was a warning sign.
    pub safety: bool,
    pub partner: bool,
    pub guide: bool,
    /// Mood over time, from the journal.
    pub moods: bool,
    /// Journal excerpts, in the order picked.
    pub excerpts: Vec<Excerpt>,
    /// "What I would like to talk about", written on the summary screen.
    pub talk: String,
    /// Print the app's name (discreet by default: the page names nothing).
    pub show_name: bool,
}

impl Default for Choices {
    fn default() -> Self {
        Choices {
            about: true,
            check: true,
            safety: true,
            partner: true,
            guide: true,
            moods: false,
            excerpts: Vec::new(),
            talk: String::new(),
            show_name: false,
        }
    }
}

/// A journal entry picked for the page, and the person's shortened version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    pub entry: String,
    /// The person's own cut; `None` prints the entry's opening.
    #[serde(default)]
    pub text: Option<String>,
}

/// Why an excerpt could not be picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickError {
    /// Already [`MAX_EXCERPTS`] picked.
    Full,
}

impl Choices {
    /// Whether `entry` is one of the picked excerpts.
    pub fn is_picked(&self, entry: &str) -> bool {
        self.excerpts.iter().any(|e| e.entry == entry)
    }

    /// Picks an entry for an excerpt (picking it twice changes nothing).
    pub fn pick(&mut self, entry: &str) -> Result<(), PickError> {
        if self.is_picked(entry) {
            return Ok(());
        }
        if self.excerpts.len() >= MAX_EXCERPTS {
            return Err(PickError::Full);
        }
        self.excerpts.push(Excerpt { entry: entry.to_string(), text: None });
        Ok(())
    }

    pub fn unpick(&mut self, entry: &str) {
        self.excerpts.retain(|e| e.entry != entry);
    }

    /// What is wrong with choices read from outside the app (a backup file),
    /// in words; `None` when the summary screen could have made them.
    pub fn problem(&self) -> Option<String> {
        let t = crate::text::summary_problem::get();
        if self.excerpts.len() > MAX_EXCERPTS {
            return Some(t.too_many(self.excerpts.len(), MAX_EXCERPTS));
        }
        if let Some(bad) = self.excerpts.iter().find(|e| crate::journal::entry::validate_id(&e.entry).is_err()) {
            return Some(t.not_an_id(crate::text::quoted(&bad.entry)));
        }
        if let Some((i, e)) = self.excerpts.iter().enumerate().find(|(i, e)| self.excerpts[..*i].iter().any(|x| x.entry == e.entry)) {
            return Some(t.twice(&e.entry, i + 1));
        }
        let talk = self.talk.chars().count();
        if talk > MAX_TALK_CHARS {
            return Some(t.talk_too_long(talk, MAX_TALK_CHARS));
        }
        None
    }

    /// The person's own cut of a picked excerpt; an empty text goes back to the entry's opening.
    pub fn set_excerpt_text(&mut self, entry: &str, text: &str) {
        if let Some(e) = self.excerpts.iter_mut().find(|e| e.entry == entry) {
            e.text = (!text.trim().is_empty()).then(|| text.to_string());
        }
    }
}

/// A safety answer recorded as a warning sign, with the check it was given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafetyRecord {
    pub taken_at: u64,
}

/// A comparison of the person's latest check with their partner's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// When the partner's result was taken.
    pub taken_at: u64,
    /// `(dimension id, mine, theirs)`, each 0 to 100, in content order.
    pub dimensions: Vec<(String, u32, u32)>,
}

/// Everything on the device the page can draw from.
pub struct Sources<'a> {
    pub role: Option<Role>,
    pub situation: Option<Situation>,
    pub check: &'a CheckContent,
    /// Completed checks, oldest first.
    pub history: &'a [CheckResult],
    /// The latest check with a safety warning, once results keep their warnings.
    pub safety: Option<SafetyRecord>,
    /// The latest partner comparison, once there are comparisons.
    pub comparison: Option<&'a Comparison>,
    pub guide: &'a GuideContent,
    pub progress: &'a Progress,
    pub entries: &'a [Entry],
    /// Minutes east of UTC at an instant (see [`local_day`]).
    pub offset_at: &'a dyn Fn(u64) -> i32,
}

/// The page, section by section; a section is `None` when it is not chosen
/// or there is nothing on the device for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub about: Option<About>,
    pub check: Option<CheckSection>,
    pub safety: Option<SafetyRecord>,
    pub partner: Option<PartnerSection>,
    pub guide: Option<GuideSection>,
    pub moods: Option<MoodSection>,
    pub excerpts: Vec<ExcerptOut>,
    pub talk: Option<String>,
    pub show_name: bool,
}

impl Summary {
    /// Whether the page has anything on it besides its heading and footer.
    pub fn is_empty(&self) -> bool {
        self.about.is_none()
            && self.check.is_none()
            && self.safety.is_none()
            && self.partner.is_none()
            && self.guide.is_none()
            && self.moods.is_none()
            && self.excerpts.is_empty()
            && self.talk.is_none()
    }
}

/// Who is writing, and the dates the page covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    pub role: Option<Role>,
    pub situation: Option<Situation>,
    /// The first and last dated thing on the page (ms since 1970), if any.
    pub range: Option<(u64, u64)>,
}

/// One row of the check's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    pub title: String,
    pub first: u32,
    pub latest: u32,
}

impl ScoreRow {
    /// Latest minus first.
    pub fn change(&self) -> i64 {
        i64::from(self.latest) - i64::from(self.first)
    }
}

/// The readiness check over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSection {
    /// One row per dimension, in content order.
    pub rows: Vec<ScoreRow>,
    pub overall: ScoreRow,
    /// The latest result's band, by its title.
    pub band: String,
    /// `(taken_at, overall)` for every check, oldest first: the chart.
    pub points: Vec<(u64, u32)>,
}

/// One dimension compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRow {
    pub title: String,
    pub mine: u32,
    pub theirs: u32,
}

impl PartnerRow {
    pub fn difference(&self) -> u32 {
        self.mine.abs_diff(self.theirs)
    }
}

/// The latest partner comparison, largest differences first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerSection {
    pub taken_at: u64,
    pub rows: Vec<PartnerRow>,
}

/// Where the person is in the guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideSection {
    /// "Step n: title" of every step marked as feeling solid, in guide order.
    pub done: Vec<String>,
    /// The step being worked on: the one last opened if it is marked so,
    /// otherwise the first so marked in guide order.
    pub in_progress: Option<String>,
}

/// The mean mood of one week (Monday to Sunday, local time).
#[derive(Debug, Clone, PartialEq)]
pub struct WeekMood {
    /// The Monday, as days since 1970-01-01.
    pub monday: i64,
    /// The mean of the week's moods, 1.0 to 5.0.
    pub mean: f32,
    /// How many entries had a mood that week.
    pub count: usize,
}

/// Mood over time, by week.
#[derive(Debug, Clone, PartialEq)]
pub struct MoodSection {
    pub weeks: Vec<WeekMood>,
}

/// A journal excerpt as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcerptOut {
    pub entry: String,
    pub created: u64,
    /// The entry's title (may be empty: then the date stands alone).
    pub title: String,
    /// Plain text, never more than [`EXCERPT_CHARS`] characters plus an ellipsis.
    pub text: String,
}

const DAY_MS: u64 = 86_400_000;

/// The page for `choices`, from `sources`.
pub fn build(sources: &Sources, choices: &Choices) -> Summary {
    let check = choices.check.then(|| check_section(sources)).flatten();
    let partner = choices.partner.then(|| partner_section(sources)).flatten();
    let moods = choices.moods.then(|| mood_section(sources)).flatten();
    let excerpts = excerpts(sources, choices);
    let talk = shorten(&choices.talk, MAX_TALK_CHARS);
    let mut summary = Summary {
        about: None,
        check,
        safety: choices.safety.then_some(sources.safety).flatten(),
        partner,
        guide: choices.guide.then(|| guide_section(sources)).flatten(),
        moods,
        excerpts,
        talk: (!talk.is_empty()).then_some(talk),
        show_name: choices.show_name,
    };
    if choices.about {
        summary.about = Some(About {
            role: sources.role,
            situation: sources.situation,
            range: range(sources, &summary),
        });
    }
    summary
}

/// What could go on the page: every section the device has something for.
pub fn available(sources: &Sources) -> Summary {
    let everything = Choices { moods: true, ..Choices::default() };
    build(sources, &everything)
}

/// The first and last date of what the page shows.
fn range(sources: &Sources, summary: &Summary) -> Option<(u64, u64)> {
    let mut dates: Vec<u64> = Vec::new();
    if let Some(check) = &summary.check {
        dates.extend(check.points.iter().map(|p| p.0));
    }
    if let Some(partner) = &summary.partner {
        dates.push(partner.taken_at);
    }
    if summary.moods.is_some() {
        dates.extend(sources.entries.iter().filter(|e| e.mood.is_some()).map(|e| e.created));
    }
    dates.extend(summary.excerpts.iter().map(|e| e.created));
    Some((*dates.iter().min()?, *dates.iter().max()?))
}

fn check_section(sources: &Sources) -> Option<CheckSection> {
    let (first, latest) = (sources.history.first()?, sources.history.last()?);
    let rows = sources
        .check
        .dimensions
        .iter()
        .filter_map(|d| {
            // A dimension's first score is its first scored check.
            let first = sources.history.iter().find_map(|r| r.dimension(&d.id))?;
            Some(ScoreRow { title: d.title.clone(), first, latest: latest.dimension(&d.id)? })
        })
        .collect();
    let band = sources
        .check
        .bands
        .iter()
        .find(|b| b.id == latest.band)
        .map(|b| b.title.clone())
        .unwrap_or_else(|| crate::assessment::band(sources.check, latest.scores.overall).title.clone());
    Some(CheckSection {
        rows,
        overall: ScoreRow { title: String::new(), first: first.scores.overall, latest: latest.scores.overall },
        band,
        points: sources.history.iter().map(|r| (r.taken_at, r.scores.overall)).collect(),
    })
}

fn partner_section(sources: &Sources) -> Option<PartnerSection> {
    let comparison = sources.comparison?;
    let mut rows: Vec<PartnerRow> = comparison
        .dimensions
        .iter()
        .filter_map(|(id, mine, theirs)| {
            let d = sources.check.dimensions.iter().find(|d| &d.id == id)?;
            Some(PartnerRow { title: d.title.clone(), mine: *mine, theirs: *theirs })
        })
        .collect();
    // Stable: equal differences keep content order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.difference()));
    (!rows.is_empty()).then_some(PartnerSection { taken_at: comparison.taken_at, rows })
}

fn guide_section(sources: &Sources) -> Option<GuideSection> {
    let steps = &sources.guide.steps;
    let t = crate::text::summary_sheet::get();
    let label = |s: &crate::content::model::Step| t.step(s.number, &s.title);
    let done: Vec<String> =
        steps.iter().filter(|s| sources.progress.state(&s.id) == StepState::Solid).map(label).collect();
    let working = |s: &&crate::content::model::Step| sources.progress.state(&s.id) == StepState::Working;
    let in_progress = sources
        .progress
        .last_viewed()
        .and_then(|id| steps.iter().find(|s| s.id == id))
        .filter(working)
        .or_else(|| steps.iter().find(working))
        .map(label);
    (!done.is_empty() || in_progress.is_some()).then_some(GuideSection { done, in_progress })
}

/// The Monday (days since 1970-01-01, which was a Thursday) of `day`'s week.
pub fn monday(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

/// The mean mood per local week, weeks in order, entries without a mood left out.
pub fn weekly_moods(entries: &[Entry], offset_at: &dyn Fn(u64) -> i32) -> Vec<WeekMood> {
    let mut weeks: BTreeMap<i64, (u32, usize)> = BTreeMap::new();
    for entry in entries {
        if let Some(mood) = entry.mood {
            let week = weeks.entry(monday(local_day(entry.created, offset_at(entry.created)))).or_default();
            week.0 += u32::from(mood);
            week.1 += 1;
        }
    }
    weeks
        .into_iter()
        .map(|(monday, (sum, count))| WeekMood { monday, mean: sum as f32 / count as f32, count })
        .collect()
}

fn mood_section(sources: &Sources) -> Option<MoodSection> {
    let weeks = weekly_moods(sources.entries, sources.offset_at);
    (!weeks.is_empty()).then_some(MoodSection { weeks })
}

/// The start of a week as milliseconds since 1970 (UTC midnight of its Monday),
/// for labelling it with a date.
pub fn week_ms(monday: i64) -> u64 {
    u64::try_from(monday).unwrap_or(0) * DAY_MS + DAY_MS / 2
}

fn excerpts(sources: &Sources, choices: &Choices) -> Vec<ExcerptOut> {
    choices
        .excerpts
        .iter()
        .take(MAX_EXCERPTS)
        .filter_map(|picked| {
            // An entry deleted since it was picked simply drops out.
            let entry = sources.entries.iter().find(|e| e.id == picked.entry)?;
            let text = shorten(picked.text.as_deref().unwrap_or(&entry.body), EXCERPT_CHARS);
            Some(ExcerptOut { entry: entry.id.clone(), created: entry.created, title: entry.title.trim().to_string(), text })
        })
        .collect()
}

/// `text` on one line, at most `max` characters, cut only between words
/// (with "…" when something was left out). Runs of white space become one
/// space. A single word longer than `max` is the only thing ever cut inside.
pub fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    // Room for the ellipsis.
    let room = max.saturating_sub(1);
    let cut = flat.char_indices().nth(room).map_or(flat.len(), |(i, _)| i);
    let head = &flat[..cut];
    // `cut` falls on a space, or inside a word: then back to the last space.
    let at_boundary = flat[cut..].starts_with(' ');
    let kept = if at_boundary { head } else { head.rsplit_once(' ').map_or(head, |(before, _)| before) };
    let kept = kept.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—'));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Scores;

    fn history() -> Vec<CheckResult> {
        let c = crate::content::check();
        let ids: Vec<&str> = c.dimensions.iter().map(|d| d.id.as_str()).collect();
        let result = |at: u64, base: u32| CheckResult {
            id: format!("r{at}"),
            taken_at: at,
            role: None,
            situation: None,
            scores: Scores {
                dimensions: ids.iter().enumerate().map(|(i, d)| (d.to_string(), base + i as u32)).collect(),
                overall: base + 2,
            },
            band: crate::assessment::band(c, base + 2).id.clone(),
            answers: BTreeMap::new(),
            safety_warnings: Vec::new(),
            partner: false,
        };
        vec![result(10 * DAY_MS, 20), result(40 * DAY_MS, 35), result(70 * DAY_MS, 60)]
    }

    fn entry(id: &str, day: u64, mood: Option<u8>, body: &str) -> Entry {
        let mut e = Entry::new(id.into(), day * DAY_MS + 3_600_000);
        e.mood = mood;
        e.body = body.into();
        e.title = format!("Title {id}");
        e
    }

    fn entries() -> Vec<Entry> {
        vec![
            entry("e1", 12, Some(2), "A hard first week, and I did not sleep much."),
            entry("e2", 13, Some(4), "Talked for an hour without shouting."),
            entry("e3", 20, None, "No mood chosen for this one."),
            entry("e4", 22, Some(3), "Mixed."),
        ]
    }

    struct World {
        history: Vec<CheckResult>,
        entries: Vec<Entry>,
        progress: Progress,
        comparison: Option<Comparison>,
        safety: Option<SafetyRecord>,
    }

    impl World {
        fn new() -> World {
            let guide = crate::content::guide();
            let mut progress = Progress::default();
            progress.set(&guide.steps[0].id, StepState::Solid);
            progress.set(&guide.steps[2].id, StepState::Working);
            progress.set(&guide.steps[3].id, StepState::Working);
            progress.viewed(&guide.steps[3].id);
            World { history: history(), entries: entries(), progress, comparison: None, safety: None }
        }

        fn sources(&self) -> Sources<'_> {
            Sources {
                role: Some(Role::Hurt),
                situation: Some(Situation::Together),
                check: crate::content::check(),
                history: &self.history,
                safety: self.safety,
                comparison: self.comparison.as_ref(),
                guide: crate::content::guide(),
                progress: &self.progress,
                entries: &self.entries,
                offset_at: &|_| 0,
            }
        }
    }

    #[test]
    fn by_default_everything_but_the_journal_is_on_the_page() {
        let w = World::new();
        let s = build(&w.sources(), &Choices::default());
        assert!(s.about.is_some() && s.check.is_some() && s.guide.is_some());
        assert!(s.moods.is_none(), "moods come from the journal: off until ticked");
        assert!(s.excerpts.is_empty());
        assert!(s.talk.is_none());
        assert!(!s.show_name, "discreet unless the person chooses the name");
    }

    #[test]
    fn each_unticked_section_is_left_off_and_nothing_ticked_is_an_empty_page() {
        let mut w = World::new();
        w.safety = Some(SafetyRecord { taken_at: 40 * DAY_MS });
        w.comparison = Some(Comparison { taken_at: 5, dimensions: vec![] });
        let none = Choices { about: false, check: false, safety: false, partner: false, guide: false, ..Choices::default() };
        let s = build(&w.sources(), &none);
        assert!(s.is_empty());
        let only_guide = Choices { guide: true, ..none.clone() };
        let s = build(&w.sources(), &only_guide);
        assert!(s.guide.is_some() && s.check.is_none() && s.about.is_none() && s.safety.is_none());
        let only_safety = Choices { safety: true, ..none };
        assert_eq!(build(&w.sources(), &only_safety).safety, w.safety);
    }

    #[test]
    fn the_check_table_has_first_latest_and_change_per_dimension_and_the_latest_band() {
        let w = World::new();
        let c = crate::content::check();
        let check = build(&w.sources(), &Choices::default()).check.unwrap();
        assert_eq!(check.rows.len(), c.dimensions.len());
        assert_eq!(check.rows[0], ScoreRow { title: c.dimensions[0].title.clone(), first: 20, latest: 60 });
        assert_eq!(check.rows[1].change(), 40);
        assert_eq!((check.overall.first, check.overall.latest), (22, 62));
        assert_eq!(check.band, crate::assessment::band(c, 62).title);
        assert_eq!(check.points, vec![(10 * DAY_MS, 22), (40 * DAY_MS, 37), (70 * DAY_MS, 62)]);
    }

    #[test]
    fn a_fall_is_a_negative_change_and_one_check_is_no_change() {
        let mut w = World::new();
        w.history.reverse();
        for (i, r) in w.history.iter_mut().enumerate() {
            r.taken_at = i as u64;
        }
        let check = build(&w.sources(), &Choices::default()).check.unwrap();
        assert_eq!(check.rows[0].change(), -40);
        w.history.truncate(1);
        let check = build(&w.sources(), &Choices::default()).check.unwrap();
        assert!(check.rows.iter().all(|r| r.change() == 0));
        w.history.clear();
        assert!(build(&w.sources(), &Choices::default()).check.is_none());
    }

    #[test]
    fn the_safety_reminder_shows_only_when_a_warning_was_recorded_and_it_is_ticked() {
        let mut w = World::new();
        assert!(build(&w.sources(), &Choices::default()).safety.is_none());
        w.safety = Some(SafetyRecord { taken_at: 40 * DAY_MS });
        assert!(build(&w.sources(), &Choices::default()).safety.is_some());
        let off = Choices { safety: false, ..Choices::default() };
        assert!(build(&w.sources(), &off).safety.is_none());
    }

    #[test]
    fn the_partner_comparison_lists_the_largest_differences_first() {
        let mut w = World::new();
        let c = crate::content::check();
        let d = |i: usize| c.dimensions[i].id.clone();
        w.comparison = Some(Comparison {
            taken_at: 71 * DAY_MS,
            dimensions: vec![(d(0), 50, 55), (d(1), 80, 30), (d(2), 40, 60), (d(3), 70, 50), ("gone".into(), 0, 100)],
        });
        let partner = build(&w.sources(), &Choices::default()).partner.unwrap();
        let titles: Vec<&str> = partner.rows.iter().map(|r| r.title.as_str()).collect();
        // 50, then the two of 20 in content order, then 5; an unknown dimension is left out.
        assert_eq!(titles, [&c.dimensions[1].title, &c.dimensions[2].title, &c.dimensions[3].title, &c.dimensions[0].title]);
        assert_eq!(partner.rows[0].difference(), 50);
        let off = Choices { partner: false, ..Choices::default() };
        assert!(build(&w.sources(), &off).partner.is_none());
    }

    #[test]
    fn the_guide_lists_steps_done_and_the_step_last_opened_while_in_progress() {
        let mut w = World::new();
        let steps = &crate::content::guide().steps;
        let label = |i: usize| format!("Step {}: {}", steps[i].number, steps[i].title);
        let g = build(&w.sources(), &Choices::default()).guide.unwrap();
        assert_eq!(g.done, vec![label(0)]);
        assert_eq!(g.in_progress, Some(label(3)));
        // The last opened step is done: the first one being worked on stands in.
        w.progress.viewed(&steps[0].id);
        assert_eq!(build(&w.sources(), &Choices::default()).guide.unwrap().in_progress, Some(label(2)));
        w.progress = Progress::default();
        assert!(build(&w.sources(), &Choices::default()).guide.is_none());
    }

    #[test]
    fn moods_are_averaged_per_monday_to_sunday_week() {
        // 1970-01-05 (day 4) was a Monday.
        assert_eq!(monday(4), 4);
        assert_eq!(monday(10), 4);
        assert_eq!(monday(11), 11);
        assert_eq!(monday(3), -3);
        let w = World::new();
        let s = build(&w.sources(), &Choices { moods: true, ..Choices::default() });
        // Days 12 and 13 share the week from day 11; day 22 is in the week from 18; day 20 has no mood.
        assert_eq!(
            s.moods.unwrap().weeks,
            vec![WeekMood { monday: 11, mean: 3.0, count: 2 }, WeekMood { monday: 18, mean: 3.0, count: 1 }]
        );
    }

    #[test]
    fn a_week_is_the_persons_local_week() {
        // 23:30 UTC on Sunday (day 10) is already Monday in UTC+1.
        let e = [entry("late", 10, Some(5), "")];
        let mut late = e[0].clone();
        late.created = 10 * DAY_MS + 23 * 3_600_000 + 1_800_000;
        assert_eq!(weekly_moods(std::slice::from_ref(&late), &|_| 0)[0].monday, 4);
        assert_eq!(weekly_moods(&[late], &|_| 60)[0].monday, 11);
    }

    #[test]
    fn no_moods_means_no_mood_section_even_when_ticked() {
        let mut w = World::new();
        for e in &mut w.entries {
            e.mood = None;
        }
        assert!(build(&w.sources(), &Choices { moods: true, ..Choices::default() }).moods.is_none());
    }

    #[test]
    fn only_picked_entries_appear_in_the_order_picked_at_most_three() {
        let w = World::new();
        let mut c = Choices::default();
        c.pick("e2").unwrap();
        c.pick("e1").unwrap();
        c.pick("e2").unwrap();
        c.pick("e4").unwrap();
        assert_eq!(c.pick("e3"), Err(PickError::Full));
        let s = build(&w.sources(), &c);
        let ids: Vec<&str> = s.excerpts.iter().map(|e| e.entry.as_str()).collect();
        assert_eq!(ids, ["e2", "e1", "e4"]);
        assert_eq!(s.excerpts[0].text, "Talked for an hour without shouting.");
        assert_eq!(s.excerpts[0].title, "Title e2");
        c.unpick("e1");
        assert!(c.pick("e3").is_ok());
        assert!(!c.is_picked("e1"));
    }

    #[test]
    fn the_persons_own_cut_is_printed_and_clearing_it_brings_back_the_entry() {
        let w = World::new();
        let mut c = Choices::default();
        c.pick("e1").unwrap();
        c.set_excerpt_text("e1", "  A hard first week.  ");
        assert_eq!(build(&w.sources(), &c).excerpts[0].text, "A hard first week.");
        c.set_excerpt_text("e1", "   ");
        assert_eq!(build(&w.sources(), &c).excerpts[0].text, "A hard first week, and I did not sleep much.");
        c.set_excerpt_text("not-picked", "x");
        assert_eq!(c.excerpts.len(), 1);
    }

    #[test]
    fn a_deleted_entry_drops_out_of_the_page() {
        let w = World::new();
        let mut c = Choices::default();
        c.pick("gone").unwrap();
        c.pick("e4").unwrap();
        let s = build(&w.sources(), &c);
        assert_eq!(s.excerpts.len(), 1);
        assert_eq!(s.excerpts[0].entry, "e4");
    }

    #[test]
    fn the_date_range_covers_what_is_on_the_page() {
        let mut w = World::new();
        w.comparison = Some(Comparison { taken_at: 90 * DAY_MS, dimensions: vec![(crate::content::check().dimensions[0].id.clone(), 1, 2)] });
        let about = |c: &Choices| build(&w.sources(), c).about.unwrap();
        assert_eq!(about(&Choices::default()).range, Some((10 * DAY_MS, 90 * DAY_MS)));
        let mut c = Choices { check: false, partner: false, ..Choices::default() };
        assert_eq!(about(&c).range, None);
        c.pick("e4").unwrap();
        let e4 = 22 * DAY_MS + 3_600_000;
        assert_eq!(about(&c).range, Some((e4, e4)));
        c.moods = true;
        assert_eq!(about(&c).range, Some((12 * DAY_MS + 3_600_000, e4)));
        assert_eq!(about(&c).role, Some(Role::Hurt));
    }

    #[test]
    fn what_i_would_like_to_talk_about_is_on_the_page_when_written() {
        let w = World::new();
        let c = Choices { talk: "  How to rebuild\n\n  trust <b>slowly</b>  ".into(), ..Choices::default() };
        // Kept as text: markup is just characters.
        assert_eq!(build(&w.sources(), &c).talk.as_deref(), Some("How to rebuild trust <b>slowly</b>"));
    }

    #[test]
    fn shortening_never_cuts_a_word() {
        let text = "I keep thinking about the night it all came out, and what we said after.";
        assert_eq!(shorten(text, 200), text);
        assert_eq!(shorten(text, 20), "I keep thinking…");
        assert_eq!(shorten(text, 17), "I keep thinking…");
        assert_eq!(shorten(text, 16), "I keep thinking…");
        assert_eq!(shorten(text, 15), "I keep…");
        for max in 2..text.len() {
            let short = shorten(text, max);
            assert!(short.chars().count() <= max, "{max}: {short}");
            let words = short.trim_end_matches('…');
            assert!(text.starts_with(words), "{max}: {short}");
            let next = text[words.len()..].chars().next();
            assert!(matches!(next, None | Some(' ') | Some(',')), "{max} cut a word: {short}");
        }
    }

    #[test]
    fn shortening_drops_a_dangling_comma_flattens_lines_and_counts_characters_not_bytes() {
        assert_eq!(shorten("One, two three", 6), "One…");
        assert_eq!(shorten("line one\n\nline   two", 100), "line one line two");
        assert_eq!(shorten("été été été", 8), "été été…");
        assert_eq!(shorten("Unbreakablewordhere", 6), "Unbre…");
        assert_eq!(shorten("", 5), "");
    }

    #[test]
    fn choices_saved_before_a_field_existed_still_load() {
        let c: Choices = serde_json::from_str(r#"{"check":false,"excerpts":[{"entry":"e1"}]}"#).unwrap();
        assert!(!c.check && c.about && !c.moods);
        assert_eq!(c.excerpts, vec![Excerpt { entry: "e1".into(), text: None }]);
    }

    #[test]
    fn the_page_and_the_problems_follow_the_language_in_use() {
        let w = World::new();
        let steps = &crate::content::guide().steps;
        let too_many = Choices {
            excerpts: (0..4).map(|i| Excerpt { entry: format!("e{i}"), text: None }).collect(),
            ..Choices::default()
        };
        let twice = Choices { excerpts: vec![Excerpt { entry: "e1".into(), text: None }; 2], ..Choices::default() };
        let english = (too_many.problem(), twice.problem());
        crate::locale::set_active(crate::locale::Locale::Es);
        let guide = build(&w.sources(), &Choices::default()).guide;
        let spanish = (too_many.problem(), twice.problem());
        let es_steps = &crate::content::guide().steps;
        crate::locale::set_active(crate::locale::Locale::En);
        assert_eq!(guide.unwrap().done, vec![format!("Paso {}: {}", es_steps[0].number, es_steps[0].title)]);
        assert_eq!(spanish.0.as_deref(), Some("elige 4 fragmentos del diario, y la página admite como mucho 3"));
        assert_eq!(spanish.1.as_deref(), Some("el fragmento 2 elige dos veces la entrada e1"));
        assert_eq!(english.0.as_deref(), Some("it picks 4 journal excerpts, and the page holds at most 3"));
        assert_eq!(english.1.as_deref(), Some("excerpt 2 picks entry e1 twice"));
        // A name from the file is quoted as every other message quotes one, not as Rust writes it.
        let not_an_id = Choices { excerpts: vec![Excerpt { entry: "../x\n".into(), text: None }], ..Choices::default() };
        assert_eq!(not_an_id.problem().as_deref(), Some("“../x ” is not an entry id"));
        assert_eq!(build(&w.sources(), &Choices::default()).guide.unwrap().done[0], format!("Step {}: {}", steps[0].number, steps[0].title));
    }

    #[test]
    fn available_shows_every_section_the_device_has_data_for() {
        let w = World::new();
        let a = available(&w.sources());
        assert!(a.check.is_some() && a.guide.is_some() && a.moods.is_some());
        assert!(a.partner.is_none() && a.safety.is_none());
    }
}
