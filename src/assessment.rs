//! The readiness check: answers in, scores per dimension, a band and the guide
//! steps to start with out. Pure Rust, so every rule is tested natively.

use crate::content::model::{Band, CheckContent};
pub use crate::content::model::SafetyKind;
use crate::settings::{Role, Situation};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Storage key of the check in progress.
pub const DRAFT_KEY: &str = "check.draft";
/// Storage key of the completed checks.
pub const HISTORY_KEY: &str = "check.history";

/// A point on the five-point agreement scale: 1 (strongly disagree) to 5 (strongly agree).
pub type Answer = u8;

/// The lowest and highest answers.
pub const SCALE: std::ops::RangeInclusive<Answer> = 1..=5;

/// How many of the weakest dimensions point to steps to start with.
const WEAKEST: usize = 2;

/// Scores of one completed check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    /// 0 to 100 per dimension id, in content order.
    pub dimensions: Vec<(String, u32)>,
    /// The mean of the dimension scores, 0 to 100.
    pub overall: u32,
}

/// A 0-100 score for one item answer: agreement, or disagreement for a reverse-worded item.
pub fn item_points(answer: Answer, reverse: bool) -> u32 {
    let a = u32::from(answer.clamp(*SCALE.start(), *SCALE.end()));
    let keyed = if reverse { 6 - a } else { a };
    (keyed - 1) * 25
}

/// Scores every dimension from the answered items. A dimension with no answer
/// scores `None` and is left out of the overall mean.
pub fn score(content: &CheckContent, answers: &BTreeMap<String, Answer>) -> Scores {
    let mut dimensions = Vec::new();
    for dim in &content.dimensions {
        let points: Vec<u32> = content
            .items
            .iter()
            .filter(|it| it.dimension == dim.id)
            .filter_map(|it| answers.get(&it.id).map(|a| item_points(*a, it.reverse)))
            .collect();
        if !points.is_empty() {
            dimensions.push((dim.id.clone(), rounded_mean(&points)));
        }
    }
    let overall = rounded_mean(&dimensions.iter().map(|(_, s)| *s).collect::<Vec<_>>());
    Scores { dimensions, overall }
}

/// Mean rounded half up, in integers so every platform agrees; 0 for nothing.
pub(crate) fn rounded_mean(values: &[u32]) -> u32 {
    if values.is_empty() {
        return 0;
    }
    let n = values.len() as u32;
    (values.iter().sum::<u32>() * 2 + n) / (2 * n)
}

/// The band an overall score falls in: the last whose `min` it reaches.
pub fn band(content: &CheckContent, overall: u32) -> &Band {
    content
        .bands
        .iter()
        .rev()
        .find(|b| overall >= b.min)
        .unwrap_or(&content.bands[0])
}

/// The weakest dimensions (lowest first; ties keep content order).
pub fn weakest(scores: &Scores) -> Vec<&str> {
    let mut dims: Vec<(usize, &(String, u32))> = scores.dimensions.iter().enumerate().collect();
    dims.sort_by_key(|(i, (_, s))| (*s, *i));
    dims.into_iter().take(WEAKEST).map(|(_, (id, _))| id.as_str()).collect()
}

/// Guide steps to start with: those the weakest dimensions name, without
/// repeats, in the order the guide has them.
pub fn start_steps(content: &CheckContent, guide_order: &[&str], scores: &Scores) -> Vec<String> {
    let weak = weakest(scores);
    let mut wanted: Vec<&str> = content
        .dimensions
        .iter()
        .filter(|d| weak.contains(&d.id.as_str()))
        .flat_map(|d| d.steps.iter().map(String::as_str))
        .collect();
    wanted.sort_by_key(|s| guide_order.iter().position(|g| g == s).unwrap_or(usize::MAX));
    wanted.dedup();
    wanted.into_iter().map(str::to_string).collect()
}

/// What a result leads with: the band, and the one step to start with.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead<'c> {
    pub band: &'c Band,
    /// The first of the steps to start with, by id; `None` only when no
    /// dimension was scored.
    pub first_step: Option<String>,
    /// The rest of the steps to start with, after the first.
    pub more_steps: Vec<String>,
    /// Titles of the weakest dimensions, lowest first.
    pub weakest: Vec<&'c str>,
}

/// The summary at the top of a result: a band, "start with step N", and the
/// areas that need care most.
pub fn lead<'c>(content: &'c CheckContent, guide_order: &[&str], scores: &Scores) -> Lead<'c> {
    let mut steps = start_steps(content, guide_order, scores).into_iter();
    let weakest = weakest(scores)
        .into_iter()
        .filter_map(|id| content.dimensions.iter().find(|d| d.id == id))
        .map(|d| d.title.as_str())
        .collect();
    Lead {
        band: band(content, scores.overall),
        first_step: steps.next(),
        more_steps: steps.collect(),
        weakest,
    }
}

/// What Home shows of the most recent check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastCheck {
    pub id: String,
    /// Milliseconds since 1970.
    pub taken_at: u64,
    /// The band's id; its title comes with the check's content.
    pub band: String,
}

/// Where a person is in the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The safety part is not finished: see [`Draft::safety_stage`].
    Safety,
    /// A safety answer was a warning sign and the person has not chosen to go on.
    SafetyHelp,
    /// The agreement items.
    Items,
}

/// Where the safety part stands. When two people use the check together, each
/// answers alone, one after the other, before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafetyStage {
    /// Two are answering: the one whose turn it is has not yet said they are alone.
    Alone { person: u8 },
    /// The questions, for person `person` of `of`.
    Questions { person: u8, of: u8 },
    /// The first person is done: time to pass the device to the other.
    Next,
}

/// A check in progress, saved after every answer so closing the tab loses nothing.
///
/// Drafts saved before two people could answer one at a time, or before
/// warnings were kept, load with one person and no recorded warnings (every
/// field defaults); their current answers still count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Safety answers of the person answering now: `true` for yes.
    pub safety: BTreeMap<String, bool>,
    /// The person answering now submitted the safety questions.
    pub safety_done: bool,
    /// The person saw the help page and chose to continue anyway.
    pub continued_after_warning: bool,
    pub answers: BTreeMap<String, Answer>,
    /// The item shown, by position in the item list.
    pub position: usize,
    /// How many people answer the safety questions, one at a time: 2 in the
    /// "both" role, otherwise 1 (0 in older drafts means 1).
    pub people: u8,
    /// How many of them have finished before the one answering now.
    pub people_done: u8,
    /// The person answering now said they are alone (asked only when two answer).
    pub alone: bool,
    /// Every kind of warning given in this check, by anyone. Changing an answer
    /// afterwards never removes one, so the result keeps its reminder.
    pub warnings: BTreeSet<SafetyKind>,
}

impl Draft {
    /// A new check for someone in `role`: in the "both" role two people answer
    /// the safety questions, one at a time.
    pub fn new(role: Option<Role>) -> Draft {
        Draft { people: if role == Some(Role::Both) { 2 } else { 1 }, ..Draft::default() }
    }

    fn people(&self) -> u8 {
        self.people.max(1)
    }

    /// The kinds of warning in the current person's answers.
    pub fn current_warnings(&self, content: &CheckContent) -> BTreeSet<SafetyKind> {
        content
            .safety
            .questions
            .iter()
            .filter(|q| self.safety.get(&q.id) == Some(&q.warning_if))
            .map(|q| q.kind)
            .collect()
    }

    /// Whether any of the current person's safety answers is a warning sign.
    pub fn has_warning(&self, content: &CheckContent) -> bool {
        !self.current_warnings(content).is_empty()
    }

    /// What help the current person sees after a warning: crisis lines for
    /// thoughts of self-harm first, then abuse help.
    pub fn help_for(&self, content: &CheckContent) -> Vec<SafetyKind> {
        let mut kinds: Vec<SafetyKind> = self.current_warnings(content).into_iter().collect();
        kinds.sort_by_key(|k| *k != SafetyKind::SelfHarm);
        kinds
    }

    /// Every warning given in this check, kept with its result.
    pub fn all_warnings(&self, content: &CheckContent) -> Vec<SafetyKind> {
        let mut all = self.warnings.clone();
        all.extend(self.current_warnings(content));
        all.into_iter().collect()
    }

    /// Where the safety part stands (meaningful while the phase is [`Phase::Safety`]).
    pub fn safety_stage(&self) -> SafetyStage {
        let (person, of) = (self.people_done + 1, self.people());
        if self.safety_done {
            SafetyStage::Next
        } else if of > 1 && !self.alone {
            SafetyStage::Alone { person }
        } else {
            SafetyStage::Questions { person, of }
        }
    }

    /// The person whose turn it is says they are answering alone.
    pub fn confirm_alone(&mut self) {
        self.alone = true;
    }

    /// Submits the current person's safety answers; the questions still open otherwise.
    pub fn submit_safety<'a>(&mut self, content: &'a CheckContent) -> Result<(), Vec<&'a str>> {
        let open = self.safety_unanswered(content);
        if !open.is_empty() {
            return Err(open);
        }
        self.safety_done = true;
        let now = self.current_warnings(content);
        self.warnings.extend(now);
        Ok(())
    }

    /// After a warning, the person chooses to go on anyway.
    pub fn continue_anyway(&mut self) {
        self.continued_after_warning = true;
    }

    /// Back to the current person's safety answers. A warning already given
    /// stays recorded: changing an answer does not clear it.
    pub fn review_safety(&mut self) {
        self.safety_done = false;
        self.continued_after_warning = false;
    }

    /// Hands over to the next person, who starts with a clear screen and has
    /// said they are alone. Does nothing unless the stage is [`SafetyStage::Next`].
    pub fn next_person(&mut self, content: &CheckContent) {
        if self.phase(content) == Phase::Safety && self.safety_stage() == SafetyStage::Next {
            self.people_done += 1;
            self.safety.clear();
            self.safety_done = false;
            self.continued_after_warning = false;
            self.alone = true;
        }
    }

    /// Safety questions not yet answered.
    pub fn safety_unanswered<'a>(&self, content: &'a CheckContent) -> Vec<&'a str> {
        content
            .safety
            .questions
            .iter()
            .filter(|q| !self.safety.contains_key(&q.id))
            .map(|q| q.text.as_str())
            .collect()
    }

    pub fn phase(&self, content: &CheckContent) -> Phase {
        if !self.safety_done {
            Phase::Safety
        } else if self.has_warning(content) && !self.continued_after_warning {
            Phase::SafetyHelp
        } else if self.people_done + 1 < self.people() {
            Phase::Safety
        } else {
            Phase::Items
        }
    }

    /// Records an answer, ignoring anything off the scale or for an unknown item.
    pub fn answer(&mut self, content: &CheckContent, item: &str, answer: Answer) {
        if SCALE.contains(&answer) && content.items.iter().any(|it| it.id == item) {
            self.answers.insert(item.to_string(), answer);
        }
    }

    /// Positions (0-based) of the items still unanswered.
    pub fn unanswered(&self, content: &CheckContent) -> Vec<usize> {
        content
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| !self.answers.contains_key(&it.id))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn answered_count(&self, content: &CheckContent) -> usize {
        content.items.len() - self.unanswered(content).len()
    }
}

/// A completed check, kept with its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub id: String,
    /// Milliseconds since 1970, from the browser's clock.
    pub taken_at: u64,
    pub role: Option<Role>,
    pub situation: Option<Situation>,
    pub scores: Scores,
    pub band: String,
    pub answers: BTreeMap<String, Answer>,
    /// The kinds of safety warning given before this check was taken, so the
    /// result (and anything made from it later) shows a gentle reminder.
    /// Results stored before this existed load with none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safety_warnings: Vec<SafetyKind>,
    /// The other person's result, entered from their share code (`crate::share`).
    /// Older stored results have no such field and are the person's own.
    #[serde(default, skip_serializing_if = "is_false")]
    pub partner: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl CheckResult {
    /// Scores a finished draft. `None` while any item is unanswered.
    pub fn from_draft(
        content: &CheckContent,
        draft: &Draft,
        id: String,
        taken_at: u64,
        role: Option<Role>,
        situation: Option<Situation>,
    ) -> Option<CheckResult> {
        if !draft.unanswered(content).is_empty() {
            return None;
        }
        let scores = score(content, &draft.answers);
        Some(CheckResult {
            id,
            taken_at,
            role,
            situation,
            band: band(content, scores.overall).id.clone(),
            scores,
            answers: draft.answers.clone(),
            safety_warnings: draft.all_warnings(content),
            partner: false,
        })
    }

    /// Whether this result was taken after a safety warning.
    pub fn needs_safety_reminder(&self) -> bool {
        !self.safety_warnings.is_empty()
    }

    /// One dimension's score, if it was scored.
    pub fn dimension(&self, id: &str) -> Option<u32> {
        self.scores
            .dimensions
            .iter()
            .find(|(d, _)| d == id)
            .map(|(_, s)| *s)
    }
}

/// Every completed check, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct History(pub Vec<CheckResult>);

impl History {
    /// Adds a result, keeping the list in date order.
    pub fn add(&mut self, result: CheckResult) {
        self.0.push(result);
        self.0.sort_by_key(|r| r.taken_at);
    }

    /// Removes a result, returning it so it can be put back (undo).
    pub fn remove(&mut self, id: &str) -> Option<CheckResult> {
        let at = self.0.iter().position(|r| r.id == id)?;
        Some(self.0.remove(at))
    }

    pub fn get(&self, id: &str) -> Option<&CheckResult> {
        self.0.iter().find(|r| r.id == id)
    }

    pub fn latest(&self) -> Option<&CheckResult> {
        self.0.last()
    }

    /// The person's own newest check's date and band, for Home (a partner's
    /// result, entered from their code, is not the person's own check).
    pub fn last_check(&self) -> Option<LastCheck> {
        self.own().last().map(|r| LastCheck { id: r.id.clone(), taken_at: r.taken_at, band: r.band.clone() })
    }

    /// The person's own results, oldest first.
    pub fn own(&self) -> impl Iterator<Item = &CheckResult> {
        self.0.iter().filter(|r| !r.partner)
    }

    /// The other person's results, entered from their share codes, oldest first.
    pub fn partners(&self) -> impl Iterator<Item = &CheckResult> {
        self.0.iter().filter(|r| r.partner)
    }

    /// Keeps a partner's result, unless the same one is already kept; `false` then.
    pub fn add_partner(&mut self, result: CheckResult) -> bool {
        if self.get(&result.id).is_some() {
            return false;
        }
        self.add(result);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Dimension, Item, Passage, Safety, SafetyKind, SafetyQuestion};

    fn passage() -> Passage {
        Passage { title: "t".into(), body: vec!["b".into()] }
    }

    /// Two dimensions: "a" with items a1, a2 (reverse), a3; "b" with b1, b2 (reverse), b3.
    fn content() -> CheckContent {
        let item = |id: &str, dim: &str, reverse: bool| Item {
            id: id.into(),
            dimension: dim.into(),
            reverse,
            hurt: "h".into(),
            unfaithful: "u".into(),
            both: "b".into(),
        };
        let dim = |id: &str, steps: &[&str]| Dimension {
            id: id.into(),
            title: id.into(),
            about: "x".into(),
            low: "x".into(),
            high: "x".into(),
            steps: steps.iter().map(|s| s.to_string()).collect(),
        };
        let band = |id: &str, min: u32| Band { id: id.into(), min, title: id.into(), body: vec!["x".into()] };
        CheckContent {
            intro: passage(),
            scale: vec!["1".into(), "2".into(), "3".into(), "4".into(), "5".into()],
            safety: Safety {
                intro: vec!["x".into()],
                reminder: "x".into(),
                alone: passage(),
                next: passage(),
                questions: vec![
                    SafetyQuestion { id: "safe".into(), kind: SafetyKind::Abuse, text: "Safe?".into(), warning_if: false },
                    SafetyQuestion { id: "threat".into(), kind: SafetyKind::Abuse, text: "Threats?".into(), warning_if: true },
                    SafetyQuestion { id: "hurt-self".into(), kind: SafetyKind::SelfHarm, text: "Self-harm?".into(), warning_if: true },
                ],
                help: passage(),
                go_on: passage(),
                crisis: passage(),
            },
            dimensions: vec![dim("a", &["s3", "s1"]), dim("b", &["s1", "s2"]), dim("c", &["s4"])],
            items: vec![
                item("a1", "a", false),
                item("a2", "a", true),
                item("a3", "a", false),
                item("b1", "b", false),
                item("b2", "b", true),
                item("b3", "b", false),
                item("c1", "c", false),
                item("c2", "c", true),
                item("c3", "c", false),
            ],
            bands: vec![band("not-yet", 0), band("mixed", 45), band("ready", 70)],
            disclaimer: vec!["x".into()],
            translation: None,
        }
    }

    fn all(content: &CheckContent, answer: Answer) -> BTreeMap<String, Answer> {
        content.items.iter().map(|it| (it.id.clone(), answer)).collect()
    }

    /// A kept result with middling scores, for history tests.
    fn stored(c: &CheckContent, id: &str, at: u64, band: &str) -> CheckResult {
        CheckResult {
            id: id.into(),
            taken_at: at,
            role: None,
            situation: None,
            scores: score(c, &all(c, 3)),
            band: band.into(),
            answers: BTreeMap::new(),
            safety_warnings: Vec::new(),
            partner: false,
        }
    }

    #[test]
    fn reverse_keyed_items_score_disagreement() {
        assert_eq!(item_points(5, false), 100);
        assert_eq!(item_points(1, false), 0);
        assert_eq!(item_points(5, true), 0);
        assert_eq!(item_points(1, true), 100);
        assert_eq!(item_points(3, true), 50);
        assert_eq!(item_points(2, true), 75);
    }

    #[test]
    fn all_agree_and_all_disagree_score_by_keying() {
        let c = content();
        // Two of three items in each dimension are plainly worded.
        let agree = score(&c, &all(&c, 5));
        assert_eq!(agree.dimensions, vec![("a".into(), 67), ("b".into(), 67), ("c".into(), 67)]);
        assert_eq!(agree.overall, 67);
        let disagree = score(&c, &all(&c, 1));
        assert_eq!(disagree.dimensions[0].1, 33);
        assert_eq!(disagree.overall, 33);
    }

    #[test]
    fn the_most_and_least_ready_answers_reach_100_and_0() {
        let c = content();
        let best: BTreeMap<String, Answer> = c
            .items
            .iter()
            .map(|it| (it.id.clone(), if it.reverse { 1 } else { 5 }))
            .collect();
        assert_eq!(score(&c, &best).overall, 100);
        let worst: BTreeMap<String, Answer> = c
            .items
            .iter()
            .map(|it| (it.id.clone(), if it.reverse { 5 } else { 1 }))
            .collect();
        assert_eq!(score(&c, &worst).overall, 0);
        assert_eq!(band(&c, 0).id, "not-yet");
        assert_eq!(band(&c, 100).id, "ready");
    }

    #[test]
    fn bands_change_exactly_at_their_thresholds() {
        let c = content();
        assert_eq!(band(&c, 44).id, "not-yet");
        assert_eq!(band(&c, 45).id, "mixed");
        assert_eq!(band(&c, 69).id, "mixed");
        assert_eq!(band(&c, 70).id, "ready");
    }

    #[test]
    fn the_real_bands_start_where_the_content_says() {
        let real = crate::content::check();
        for (i, b) in real.bands.iter().enumerate() {
            assert_eq!(band(real, b.min).id, b.id);
            if b.min > 0 {
                assert_eq!(band(real, b.min - 1).id, real.bands[i - 1].id);
            }
        }
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(rounded_mean(&[50, 75]), 63);
        assert_eq!(rounded_mean(&[0, 25, 25]), 17);
        assert_eq!(rounded_mean(&[]), 0);
    }

    #[test]
    fn a_dimension_without_answers_is_left_out_not_zero() {
        let c = content();
        let mut answers = BTreeMap::new();
        answers.insert("a1".to_string(), 5);
        let s = score(&c, &answers);
        assert_eq!(s.dimensions, vec![("a".into(), 100)]);
        assert_eq!(s.overall, 100);
    }

    #[test]
    fn start_steps_come_from_the_weakest_dimensions_in_guide_order() {
        let c = content();
        let scores = Scores {
            dimensions: vec![("a".into(), 20), ("b".into(), 90), ("c".into(), 40)],
            overall: 50,
        };
        assert_eq!(weakest(&scores), vec!["a", "c"]);
        let order = ["s1", "s2", "s3", "s4"];
        assert_eq!(start_steps(&c, &order, &scores), vec!["s1", "s3", "s4"]);
    }

    #[test]
    fn ties_among_the_weakest_keep_content_order() {
        let scores = Scores {
            dimensions: vec![("a".into(), 50), ("b".into(), 50), ("c".into(), 50)],
            overall: 50,
        };
        assert_eq!(weakest(&scores), vec!["a", "b"]);
    }

    #[test]
    fn a_warning_safety_answer_leads_to_help_until_the_person_chooses_to_continue() {
        let c = content();
        let mut d = Draft::default();
        assert_eq!(d.phase(&c), Phase::Safety);
        assert_eq!(d.safety_unanswered(&c).len(), 3);
        d.safety.insert("safe".into(), true);
        d.safety.insert("threat".into(), false);
        d.safety.insert("hurt-self".into(), false);
        d.safety_done = true;
        assert!(!d.has_warning(&c));
        assert_eq!(d.phase(&c), Phase::Items);
        d.safety.insert("safe".into(), false);
        assert!(d.has_warning(&c));
        assert_eq!(d.phase(&c), Phase::SafetyHelp);
        d.continued_after_warning = true;
        assert_eq!(d.phase(&c), Phase::Items);
        d.safety.insert("safe".into(), true);
        d.safety.insert("threat".into(), true);
        d.continued_after_warning = false;
        assert_eq!(d.phase(&c), Phase::SafetyHelp);
    }

    #[test]
    fn a_result_needs_every_item_answered() {
        let c = content();
        let mut d = Draft::default();
        for it in c.items.iter().skip(2) {
            d.answer(&c, &it.id, 4);
        }
        d.answer(&c, "a1", 9);
        d.answer(&c, "nope", 3);
        assert_eq!(d.unanswered(&c), vec![0, 1]);
        assert_eq!(d.answered_count(&c), 7);
        assert!(CheckResult::from_draft(&c, &d, "r".into(), 1, None, None).is_none());
        d.answer(&c, "a1", 4);
        d.answer(&c, "a2", 2);
        let r = CheckResult::from_draft(&c, &d, "r".into(), 1, Some(Role::Hurt), None).unwrap();
        assert_eq!(r.band, band(&c, r.scores.overall).id);
        assert_eq!(r.dimension("a"), Some(75));
    }

    /// A draft with every item answered `answer`.
    fn answered(c: &CheckContent, answer: Answer) -> Draft {
        Draft { answers: all(c, answer), ..Draft::default() }
    }

    #[test]
    fn a_result_remembers_a_safety_warning_and_old_results_load_as_the_persons_own() {
        let c = content();
        let mut d = answered(&c, 3);
        d.safety.insert("threat".into(), true);
        let r = CheckResult::from_draft(&c, &d, "r".into(), 1, None, None).unwrap();
        assert!(r.needs_safety_reminder());
        d.safety.insert("threat".into(), false);
        let calm = CheckResult::from_draft(&c, &d, "r".into(), 1, None, None).unwrap();
        assert!(!calm.needs_safety_reminder());
        let json = serde_json::to_string(&calm).unwrap();
        assert!(!json.contains("partner") && !json.contains("safety_warning"), "stored as before: {json}");
        let old = r#"[{"id":"a","taken_at":5,"role":"hurt","situation":null,"scores":{"dimensions":[["a",50]],"overall":50},"band":"mixed","answers":{}}]"#;
        let h: History = serde_json::from_str(old).unwrap();
        assert_eq!(h.own().count(), 1);
        assert_eq!(h.partners().count(), 0);
        assert!(!h.0[0].needs_safety_reminder());
    }

    #[test]
    fn a_partners_result_is_kept_once_and_apart_from_ones_own() {
        let c = content();
        let d = answered(&c, 3);
        let mine = CheckResult::from_draft(&c, &d, "mine".into(), 1, None, None).unwrap();
        let theirs = CheckResult { id: "p-1".into(), partner: true, ..mine.clone() };
        let mut h = History::default();
        h.add(mine);
        assert!(h.add_partner(theirs.clone()));
        assert!(!h.add_partner(theirs), "the same code entered twice");
        assert_eq!(h.own().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["mine"]);
        assert_eq!(h.partners().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["p-1"]);
        assert!(h.remove("p-1").is_some());
    }

    #[test]
    fn history_keeps_date_order_and_removal_can_be_undone() {
        let c = content();
        let make = |id: &str, at: u64| stored(&c, id, at, "mixed");
        let mut h = History::default();
        h.add(make("late", 20));
        h.add(make("early", 10));
        assert_eq!(h.latest().unwrap().id, "late");
        assert_eq!(h.0[0].id, "early");
        let removed = h.remove("early").unwrap();
        assert!(h.get("early").is_none());
        h.add(removed);
        assert_eq!(h.0.len(), 2);
        assert!(h.remove("missing").is_none());
    }

    /// Answers every item and scores the check.
    fn finish(c: &CheckContent, d: &mut Draft, role: Option<Role>, situation: Option<Situation>) -> Option<CheckResult> {
        for it in &c.items {
            d.answer(c, &it.id, 3);
        }
        CheckResult::from_draft(c, d, "r".into(), 1, role, situation)
    }

    /// Answers every safety question of `c` safely, except the ids in `warn`.
    fn answer_safety(d: &mut Draft, c: &CheckContent, warn: &[&str]) {
        for q in &c.safety.questions {
            let warning = warn.contains(&q.id.as_str());
            d.safety.insert(q.id.clone(), if warning { q.warning_if } else { !q.warning_if });
        }
    }

    #[test]
    fn a_self_harm_answer_leads_to_crisis_help_first() {
        let c = content();
        let mut d = Draft::new(Some(Role::Hurt));
        answer_safety(&mut d, &c, &["hurt-self"]);
        d.submit_safety(&c).unwrap();
        assert_eq!(d.phase(&c), Phase::SafetyHelp);
        assert_eq!(d.help_for(&c), vec![SafetyKind::SelfHarm]);
        answer_safety(&mut d, &c, &["threat", "hurt-self"]);
        assert_eq!(d.help_for(&c), vec![SafetyKind::SelfHarm, SafetyKind::Abuse]);
        answer_safety(&mut d, &c, &["threat"]);
        assert_eq!(d.help_for(&c), vec![SafetyKind::Abuse]);
    }

    #[test]
    fn unanswered_safety_questions_are_named_and_nothing_moves_on() {
        let c = content();
        let mut d = Draft::new(Some(Role::Unfaithful));
        d.safety.insert("safe".into(), true);
        assert_eq!(d.submit_safety(&c), Err(vec!["Threats?", "Self-harm?"]));
        assert!(!d.safety_done);
        assert_eq!(d.phase(&c), Phase::Safety);
    }

    #[test]
    fn one_person_answers_straight_away_without_a_hand_over() {
        let c = content();
        let mut d = Draft::new(Some(Role::Hurt));
        assert_eq!(d.safety_stage(), SafetyStage::Questions { person: 1, of: 1 });
        answer_safety(&mut d, &c, &[]);
        d.submit_safety(&c).unwrap();
        assert_eq!(d.phase(&c), Phase::Items);
        // A draft from before two could answer (people = 0) is one person too.
        let old: Draft = serde_json::from_str(r#"{"safety":{},"safety_done":false,"continued_after_warning":false,"answers":{},"position":0}"#).unwrap();
        assert_eq!(old.safety_stage(), SafetyStage::Questions { person: 1, of: 1 });
    }

    #[test]
    fn together_each_person_answers_alone_one_after_the_other() {
        let c = content();
        let mut d = Draft::new(Some(Role::Both));
        assert_eq!(d.phase(&c), Phase::Safety);
        assert_eq!(d.safety_stage(), SafetyStage::Alone { person: 1 });
        d.confirm_alone();
        assert_eq!(d.safety_stage(), SafetyStage::Questions { person: 1, of: 2 });
        answer_safety(&mut d, &c, &[]);
        d.submit_safety(&c).unwrap();
        // Not the items yet: the other person answers first.
        assert_eq!(d.phase(&c), Phase::Safety);
        assert_eq!(d.safety_stage(), SafetyStage::Next);
        d.next_person(&c);
        assert_eq!(d.safety_stage(), SafetyStage::Questions { person: 2, of: 2 });
        assert!(d.safety.is_empty(), "the second person starts with a clear screen");
        answer_safety(&mut d, &c, &[]);
        d.submit_safety(&c).unwrap();
        assert_eq!(d.phase(&c), Phase::Items);
        // Handing over again does nothing once both have answered.
        d.next_person(&c);
        assert_eq!(d.people_done, 1);
    }

    #[test]
    fn the_first_persons_warning_is_kept_after_the_second_answers() {
        let c = content();
        let mut d = Draft::new(Some(Role::Both));
        d.confirm_alone();
        answer_safety(&mut d, &c, &["threat"]);
        d.submit_safety(&c).unwrap();
        assert_eq!(d.phase(&c), Phase::SafetyHelp);
        d.continue_anyway();
        assert_eq!(d.safety_stage(), SafetyStage::Next);
        d.next_person(&c);
        answer_safety(&mut d, &c, &[]);
        d.submit_safety(&c).unwrap();
        assert_eq!(d.phase(&c), Phase::Items, "the second person sees no help page for the first one's answer");
        let r = finish(&c, &mut d, Some(Role::Both), None).unwrap();
        assert_eq!(r.safety_warnings, vec![SafetyKind::Abuse]);
        assert!(r.needs_safety_reminder());
    }

    #[test]
    fn changing_the_safety_answers_does_not_clear_the_warning() {
        let c = content();
        let mut d = Draft::new(Some(Role::Hurt));
        answer_safety(&mut d, &c, &["hurt-self"]);
        d.submit_safety(&c).unwrap();
        d.review_safety();
        answer_safety(&mut d, &c, &[]);
        d.submit_safety(&c).unwrap();
        assert_eq!(d.phase(&c), Phase::Items);
        let r = finish(&c, &mut d, None, None).unwrap();
        assert_eq!(r.safety_warnings, vec![SafetyKind::SelfHarm]);
    }

    #[test]
    fn a_result_without_a_warning_has_no_reminder() {
        let c = content();
        let mut d = Draft::new(Some(Role::Hurt));
        answer_safety(&mut d, &c, &[]);
        d.submit_safety(&c).unwrap();
        let r = finish(&c, &mut d, None, None).unwrap();
        assert!(!r.needs_safety_reminder());
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("safety_warnings"), "stored as before: {json}");
    }

    #[test]
    fn an_older_draft_that_continued_past_a_warning_keeps_it_in_the_result() {
        let c = content();
        // Saved before warnings were recorded: only the answers show the warning.
        let json = r#"{"safety":{"safe":false,"threat":false,"hurt-self":false},"safety_done":true,"continued_after_warning":true,"answers":{},"position":0}"#;
        let mut d: Draft = serde_json::from_str(json).unwrap();
        assert_eq!(d.phase(&c), Phase::Items);
        let r = finish(&c, &mut d, None, None).unwrap();
        assert_eq!(r.safety_warnings, vec![SafetyKind::Abuse]);
    }

    #[test]
    fn stored_results_with_and_without_a_warning_load() {
        let old = r#"[{"id":"a","taken_at":1,"role":"hurt","situation":null,"scores":{"dimensions":[["a",50]],"overall":50},"band":"mixed","answers":{"a1":3}}]"#;
        let h: History = serde_json::from_str(old).unwrap();
        assert!(!h.0[0].needs_safety_reminder());
        let new = r#"[{"id":"b","taken_at":2,"role":"both","situation":"apart","scores":{"dimensions":[],"overall":0},"band":"not-yet","answers":{},"safety_warnings":["self-harm","abuse"]}]"#;
        let h: History = serde_json::from_str(new).unwrap();
        assert_eq!(h.0[0].safety_warnings, vec![SafetyKind::SelfHarm, SafetyKind::Abuse]);
    }

    #[test]
    fn a_result_leads_with_its_band_and_the_first_step_to_start_with() {
        let c = content();
        let scores = Scores {
            dimensions: vec![("a".into(), 20), ("b".into(), 90), ("c".into(), 40)],
            overall: 50,
        };
        let l = lead(&c, &["s1", "s2", "s3", "s4"], &scores);
        assert_eq!(l.band.id, "mixed");
        assert_eq!(l.first_step.as_deref(), Some("s1"));
        assert_eq!(l.more_steps, vec!["s3", "s4"]);
        assert_eq!(l.weakest, vec!["a", "c"]);
        let none = lead(&c, &[], &Scores { dimensions: vec![], overall: 0 });
        assert_eq!(none.first_step, None);
        assert!(none.more_steps.is_empty());
    }

    #[test]
    fn home_shows_the_newest_check_even_when_an_older_one_was_added_last() {
        let c = content();
        let mut h = History::default();
        assert_eq!(h.last_check(), None);
        h.add(stored(&c, "new", 20, "ready"));
        h.add(stored(&c, "old", 10, "not-yet"));
        assert_eq!(h.last_check(), Some(LastCheck { id: "new".into(), taken_at: 20, band: "ready".into() }));
    }
}
