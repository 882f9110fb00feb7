//! The words of the guide, the readiness check, the help page and the privacy page.
//!
//! They live as TOML under `src/content/<locale>/`; `build.rs` checks them and
//! embeds them as JSON, parsed here once on first use.

pub mod compare;
pub mod model;

use crate::settings::{Moment, Role, Situation};
use model::{
    CheckContent, GuideContent, HelpContent, InsteadOf, LineKind, PrivacyContent, SafetyKind, StartCard, StartContent,
    Step, SummaryContent, Voice,
};
use std::borrow::Cow;
use std::sync::OnceLock;

static GUIDE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/guide.json"));
static CHECK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/check.json"));
static HELP_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/help.json"));
static PRIVACY_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/privacy.json"));
static START_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/start.json"));
static SUMMARY_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/summary.json"));
static COMPARE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/compare.json"));

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> T {
    // The build wrote this JSON from content it had just validated, with these
    // same types; failing here would mean a broken build, not bad user input.
    serde_json::from_str(json).expect("embedded content matches its types")
}

/// The guide, parsed once.
pub fn guide() -> &'static GuideContent {
    static GUIDE: OnceLock<GuideContent> = OnceLock::new();
    GUIDE.get_or_init(|| parse(GUIDE_JSON))
}

/// The readiness check, parsed once.
pub fn check() -> &'static CheckContent {
    static CHECK: OnceLock<CheckContent> = OnceLock::new();
    CHECK.get_or_init(|| parse(CHECK_JSON))
}

/// The default help and crisis page, with its list of phone lines.
pub fn help() -> &'static HelpContent {
    static HELP: OnceLock<HelpContent> = OnceLock::new();
    HELP.get_or_init(|| parse(HELP_JSON))
}

/// The privacy page.
pub fn privacy() -> &'static PrivacyContent {
    static PRIVACY: OnceLock<PrivacyContent> = OnceLock::new();
    PRIVACY.get_or_init(|| parse(PRIVACY_JSON))
}

/// The "Start here" cards, parsed once.
pub fn start() -> &'static StartContent {
    static START: OnceLock<StartContent> = OnceLock::new();
    START.get_or_init(|| parse(START_JSON))
}

/// The "Start here" card fitted to the person's answers: the first that fits.
/// The build guarantees the last card fits anyone, so this always finds one
/// for real content; `None` only for a hand-made list without such a card.
pub fn start_card(
    cards: &StartContent,
    role: Option<Role>,
    situation: Option<Situation>,
    moment: Option<Moment>,
) -> Option<&StartCard> {
    cards
        .cards
        .iter()
        .find(|c| c.fits(role.map(Role::id), situation.map(Situation::id), moment.map(Moment::id)))
}

/// The summary for a counsellor's words, parsed once.
pub fn summary() -> &'static SummaryContent {
    static SUMMARY: OnceLock<SummaryContent> = OnceLock::new();
    SUMMARY.get_or_init(|| parse(SUMMARY_JSON))
}

/// The words for comparing two people's results, parsed once.
pub fn compare() -> &'static compare::CompareContent {
    static COMPARE: OnceLock<compare::CompareContent> = OnceLock::new();
    COMPARE.get_or_init(|| parse(COMPARE_JSON))
}

/// A guide step by id.
pub fn step(id: &str) -> Option<&'static Step> {
    guide().steps.iter().find(|s| s.id == id)
}

/// The steps before and after `step` in the guide (by position, not by number).
pub fn neighbours(step: &Step) -> (Option<&'static Step>, Option<&'static Step>) {
    let steps = &guide().steps;
    match steps.iter().position(|s| s.id == step.id) {
        Some(i) => (i.checked_sub(1).and_then(|p| steps.get(p)), steps.get(i + 1)),
        None => (None, None),
    }
}

/// Whose line a pair is, as the heading shown above it.
pub fn voice_heading(voice: Voice) -> &'static str {
    match voice {
        Voice::Hurt => "For the partner who was hurt",
        Voice::Unfaithful => "For the partner who was unfaithful",
    }
}

/// A step's "instead of saying" pairs, grouped by whose line they are: the
/// person's own lines first (the hurt partner's first when nobody said or
/// both are reading), each group in content order.
pub fn pairs_by_voice(step: &Step, role: Option<Role>) -> Vec<(Voice, Vec<&InsteadOf>)> {
    let order = match role {
        Some(Role::Unfaithful) => [Voice::Unfaithful, Voice::Hurt],
        _ => [Voice::Hurt, Voice::Unfaithful],
    };
    order
        .into_iter()
        .map(|v| (v, step.instead.iter().filter(|p| p.who == v).collect::<Vec<_>>()))
        .filter(|(_, pairs)| !pairs.is_empty())
        .collect()
}

/// The kinds of phone line to show after safety warnings, in order, without
/// repeats: each warning's own lines (crisis lines first), emergency last.
pub fn lines_after(warnings: &[SafetyKind]) -> Vec<LineKind> {
    let mut kinds: Vec<LineKind> = warnings.iter().map(|w| LineKind::for_warning(*w)[0]).collect();
    kinds.sort_by_key(|k| *k != LineKind::Crisis);
    kinds.dedup();
    if !kinds.is_empty() {
        kinds.push(LineKind::Emergency);
    }
    kinds
}

/// Fills the placeholders for the person's situation: `{partner}` is "your
/// partner" while together (or when nobody said) and "your ex" when apart;
/// `{my_partner}`, for statements in the first person, is "my partner" or "my ex".
/// A capital first letter in the placeholder gives a capital in the words.
/// Fills the `{partner}` placeholders for the person's situation: "your
/// partner" while together (or when nobody said), "your ex" when apart,
/// whether trying to reconnect or not sure yet.
pub fn words(text: &str, situation: Option<Situation>) -> Cow<'_, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let who = match situation {
        Some(s) if s.is_apart() => "ex",
        _ => "partner",
    };
    Cow::Owned(
        text.replace("{partner}", &format!("your {who}"))
            .replace("{Partner}", &format!("Your {who}"))
            .replace("{my_partner}", &format!("my {who}"))
            .replace("{My_partner}", &format!("My {who}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_follow_the_guide_order_from_the_first_step_to_the_last() {
        let steps = &guide().steps;
        let (first, last) = (&steps[0], &steps[steps.len() - 1]);
        assert_eq!(first.number, 1);
        assert_eq!(neighbours(first), (None, Some(&steps[1])));
        assert_eq!(neighbours(&steps[1]), (Some(first), Some(&steps[2])));
        assert_eq!(neighbours(last), (Some(&steps[steps.len() - 2]), None));
    }

    #[test]
    fn the_readers_own_lines_come_first() {
        let step = &guide().steps[2];
        let voices = |role| pairs_by_voice(step, role).into_iter().map(|(v, _)| v).collect::<Vec<_>>();
        assert_eq!(voices(Some(Role::Unfaithful)), [Voice::Unfaithful, Voice::Hurt]);
        assert_eq!(voices(Some(Role::Hurt)), [Voice::Hurt, Voice::Unfaithful]);
        assert_eq!(voices(None), [Voice::Hurt, Voice::Unfaithful]);
        let all: usize = pairs_by_voice(step, Some(Role::Both)).iter().map(|(_, p)| p.len()).sum();
        assert_eq!(all, step.instead.len());
        assert!(pairs_by_voice(step, None)[0].1.iter().all(|p| p.who == Voice::Hurt));
    }

    #[test]
    fn a_self_harm_warning_shows_crisis_lines_never_abuse_lines() {
        assert_eq!(lines_after(&[SafetyKind::SelfHarm]), [LineKind::Crisis, LineKind::Emergency]);
        assert_eq!(lines_after(&[SafetyKind::Abuse]), [LineKind::Abuse, LineKind::Emergency]);
        assert_eq!(
            lines_after(&[SafetyKind::Abuse, SafetyKind::SelfHarm]),
            [LineKind::Crisis, LineKind::Abuse, LineKind::Emergency]
        );
        assert!(lines_after(&[]).is_empty());
    }

    #[test]
    fn placeholders_follow_the_situation() {
        let t = "{Partner} may ask again; listen to {partner}'s question.";
        assert_eq!(
            words(t, Some(Situation::Apart)),
            "Your ex may ask again; listen to your ex's question."
        );
        assert_eq!(
            words(t, Some(Situation::Together)),
            "Your partner may ask again; listen to your partner's question."
        );
        assert_eq!(words(t, None), words(t, Some(Situation::Together)));
        let mine = "{My_partner} and I talk; I trust {my_partner}.";
        assert_eq!(words(mine, Some(Situation::Apart)), "My ex and I talk; I trust my ex.");
        assert_eq!(words(mine, None), "My partner and I talk; I trust my partner.");
        assert_eq!(words(t, Some(Situation::ApartUnsure)), words(t, Some(Situation::Apart)));
        assert!(matches!(words("plain", None), Cow::Borrowed("plain")));
    }

    fn card_for(role: Option<Role>, situation: Option<Situation>, moment: Option<Moment>) -> &'static str {
        start_card(start(), role, situation, moment).map(|c| c.id.as_str()).unwrap_or("none")
    }

    #[test]
    fn start_here_fits_the_moment_first_then_the_situation() {
        use Moment::*;
        assert_eq!(card_for(Some(Role::Hurt), Some(Situation::Together), Some(JustFoundOut)), "just-found-out-hurt");
        assert_eq!(card_for(Some(Role::Unfaithful), None, Some(JustFoundOut)), "just-found-out-unfaithful");
        assert_eq!(card_for(None, Some(Situation::ApartUnsure), Some(JustFoundOut)), "just-found-out");
        assert_eq!(card_for(Some(Role::Both), Some(Situation::ApartUnsure), Some(SomeTimeOn)), "apart-unsure");
        assert_eq!(card_for(Some(Role::Hurt), Some(Situation::Apart), None), "anyone");
        assert_eq!(card_for(None, None, None), "anyone");
    }

    #[test]
    fn someone_who_just_found_out_is_pointed_to_the_step_on_emotional_waves() {
        for role in [None, Some(Role::Hurt), Some(Role::Unfaithful), Some(Role::Both)] {
            let card = start_card(start(), role, None, Some(Moment::JustFoundOut)).unwrap();
            assert_eq!(card.step, "emotional-waves");
            assert!(step(&card.step).is_some());
        }
    }

    #[test]
    fn a_card_list_without_a_catch_all_is_refused() {
        let guide = guide();
        let (roles, situations, moments) =
            (Role::ALL.map(Role::id), Situation::ALL.map(Situation::id), Moment::ALL.map(Moment::id));
        let ids = model::ChoiceIds { roles: &roles, situations: &situations, moments: &moments };
        let mut cards = start().clone();
        assert!(cards.validate(guide, &ids).is_ok());
        cards.cards.pop();
        let problems = cards.validate(guide, &ids).unwrap_err().to_string();
        assert!(problems.contains("last card must have no conditions"), "{problems}");
        cards.cards[0].moment = Some("yesterday".into());
        cards.cards[0].step = "no-such-step".into();
        let problems = cards.validate(guide, &ids).unwrap_err().to_string();
        assert!(problems.contains("\"yesterday\" is not one of"), "{problems}");
        assert!(problems.contains("\"no-such-step\" is not a guide step"), "{problems}");
    }
}
