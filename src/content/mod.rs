//! The words of the guide, the readiness check and the help page.
//!
//! They live as TOML under `src/content/<locale>/`; `build.rs` checks them and
//! embeds them as JSON, parsed here once on first use.

pub mod model;

use crate::settings::{Moment, Role, Situation};
use model::{CheckContent, GuideContent, Passage, StartCard, StartContent, Step};
use std::borrow::Cow;
use std::sync::OnceLock;

static GUIDE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/guide.json"));
static CHECK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/check.json"));
static HELP_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/help.json"));
static START_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/start.json"));

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

/// The default help and crisis page.
pub fn help() -> &'static Passage {
    static HELP: OnceLock<Passage> = OnceLock::new();
    HELP.get_or_init(|| parse(HELP_JSON))
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

/// A guide step by id.
pub fn step(id: &str) -> Option<&'static Step> {
    guide().steps.iter().find(|s| s.id == id)
}

/// Fills the `{partner}` placeholders for the person's situation: "your
/// partner" while together (or when nobody said), "your ex" when apart,
/// whether trying to reconnect or not sure yet.
pub fn words(text: &str, situation: Option<Situation>) -> Cow<'_, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let (lower, upper) = match situation {
        Some(s) if s.is_apart() => ("your ex", "Your ex"),
        _ => ("your partner", "Your partner"),
    };
    Cow::Owned(text.replace("{partner}", lower).replace("{Partner}", upper))
}

#[cfg(test)]
mod tests {
    use super::*;

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
