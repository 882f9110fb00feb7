//! The words of the guide, the readiness check and the help page.
//!
//! They live as TOML under `src/content/<locale>/`; `build.rs` checks them and
//! embeds them as JSON, parsed here once on first use.

pub mod compare;
pub mod model;

use crate::settings::Situation;
use model::{CheckContent, GuideContent, Passage, Step};
use std::borrow::Cow;
use std::sync::OnceLock;

static GUIDE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/guide.json"));
static CHECK_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/check.json"));
static HELP_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/help.json"));
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

/// The default help and crisis page.
pub fn help() -> &'static Passage {
    static HELP: OnceLock<Passage> = OnceLock::new();
    HELP.get_or_init(|| parse(HELP_JSON))
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

/// Fills the `{partner}` placeholders for the person's situation: "your
/// partner" while together (or when nobody said), "your ex" when apart.
pub fn words(text: &str, situation: Option<Situation>) -> Cow<'_, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let (lower, upper) = match situation {
        Some(Situation::Apart) => ("your ex", "Your ex"),
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
        assert!(matches!(words("plain", None), Cow::Borrowed("plain")));
    }
}
