//! The words of the guide, the readiness check, the help page and the privacy page.
//!
//! They live as TOML under `src/content/<locale>/`; `build.rs` checks them and
//! embeds them as JSON, one set per locale. Each accessor gives the active
//! locale's words (`crate::locale::active`), parsing a locale's file the first
//! time it is asked for, so only the locale in use is ever parsed. A part of
//! the app that never calls an accessor carries none of its texts.

pub mod compare;
pub mod model;
pub mod parity;
pub mod strings;

use crate::locale::{self, Locale};
use crate::settings::{Moment, Role, Situation};
use model::{
    CheckContent, GuideContent, HelpContent, InsteadOf, LineKind, PrivacyContent, SafetyKind, StartCard, StartContent,
    Step, SummaryContent, Voice,
};
use std::borrow::Cow;
use std::sync::OnceLock;

const LOCALES: usize = Locale::ALL.len();

/// One content file's JSON for every locale, in `Locale::ALL` order.
macro_rules! embedded {
    ($file:literal) => {
        [
            include_str!(concat!(env!("OUT_DIR"), "/en/", $file)),
            include_str!(concat!(env!("OUT_DIR"), "/es/", $file)),
        ]
    };
}

/// A content file, parsed once per locale on first use, in the active locale.
macro_rules! accessor {
    ($(#[$doc:meta])* $name:ident, $file:literal, $ty:ty) => {
        $(#[$doc])*
        pub fn $name() -> &'static $ty {
            static JSON: [&str; LOCALES] = embedded!($file);
            static PARSED: [OnceLock<$ty>; LOCALES] = [const { OnceLock::new() }; LOCALES];
            let i = index(locale::active());
            PARSED[i].get_or_init(|| parse(JSON[i]))
        }
    };
}

/// A locale's place in `Locale::ALL` (and in the embedded arrays).
fn index(l: Locale) -> usize {
    Locale::ALL.iter().position(|x| *x == l).unwrap_or(0)
}

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> T {
    // The build wrote this JSON from content it had just validated, with these
    // same types; failing here would mean a broken build, not bad user input.
    serde_json::from_str(json).expect("embedded content matches its types")
}

accessor!(
    /// The guide.
    guide, "guide.json", GuideContent
);
accessor!(
    /// The readiness check.
    check, "check.json", CheckContent
);
accessor!(
    /// The default help and crisis page, with its list of phone lines.
    help, "help.json", HelpContent
);
accessor!(
    /// The privacy page.
    privacy, "privacy.json", PrivacyContent
);
accessor!(
    /// The "Start here" cards.
    start, "start.json", StartContent
);
accessor!(
    /// The summary for a counsellor's words.
    summary, "summary.json", SummaryContent
);
accessor!(
    /// The words for comparing two people's results.
    compare, "compare.json", compare::CompareContent
);

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

/// Fills the placeholders for the person's situation, in the active locale:
/// `{partner}` is "your partner" while together (or when nobody said) and
/// "your ex" when apart, whether trying to reconnect or not sure yet;
/// `{my_partner}`, for statements in the first person, is "my partner" or
/// "my ex". A capital first letter in the placeholder gives a capital in the words.
pub fn words(text: &str, situation: Option<Situation>) -> Cow<'_, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let apart = situation.is_some_and(Situation::is_apart);
    let [yours, your, mine, my] = match (locale::active(), apart) {
        (Locale::En, false) => ["your partner", "Your partner", "my partner", "My partner"],
        (Locale::En, true) => ["your ex", "Your ex", "my ex", "My ex"],
        (Locale::Es, false) => ["tu pareja", "Tu pareja", "mi pareja", "Mi pareja"],
        (Locale::Es, true) => ["tu ex", "Tu ex", "mi ex", "Mi ex"],
    };
    Cow::Owned(
        text.replace("{partner}", yours)
            .replace("{Partner}", your)
            .replace("{my_partner}", mine)
            .replace("{My_partner}", my),
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

    #[test]
    fn placeholders_are_filled_in_the_active_locale() {
        locale::set_active(Locale::Es);
        let t = "{Partner} puede volver a preguntar; escucha a {partner}.";
        assert_eq!(words(t, Some(Situation::Together)), "Tu pareja puede volver a preguntar; escucha a tu pareja.");
        assert_eq!(words(t, Some(Situation::ApartUnsure)), "Tu ex puede volver a preguntar; escucha a tu ex.");
        assert_eq!(words("Quiero a {my_partner}. {My_partner} lo sabe.", None), "Quiero a mi pareja. Mi pareja lo sabe.");
        locale::set_active(Locale::En);
        assert_eq!(words("{Partner} knows.", None), "Your partner knows.");
    }

    #[test]
    fn each_accessor_gives_the_active_locale_s_words() {
        let english = check().intro.title.clone();
        locale::set_active(Locale::Es);
        assert_eq!(check().intro.title, "Prueba de preparación");
        assert_eq!(help().title, "Ayuda y apoyo");
        assert!(help().lines.iter().any(|l| l.number == "024"), "Spain's line for suicidal thoughts");
        assert!(check().translation.is_some(), "the Spanish check says it is not clinically validated");
        assert_eq!(start_card(start(), None, None, None).map(|c| c.id.as_str()), Some("anyone"));
        locale::set_active(Locale::En);
        assert_eq!(check().intro.title, english);
        assert_eq!(check().translation, None);
    }

    /// Every translation matches the source locale in everything but words,
    /// checked on the content as shipped (the build checks the same).
    #[test]
    fn every_shipped_translation_has_the_source_s_shape() {
        fn value<T: serde::Serialize>(v: &T) -> serde_json::Value {
            serde_json::to_value(v).unwrap()
        }
        fn all() -> Vec<(&'static str, serde_json::Value)> {
            vec![
                ("guide", value(guide())),
                ("check", value(check())),
                ("help", value(help())),
                ("privacy", value(privacy())),
                ("start", value(start())),
                ("summary", value(summary())),
                ("compare", value(compare())),
            ]
        }
        let source = all();
        for other in Locale::ALL.into_iter().filter(|l| *l != Locale::SOURCE) {
            locale::set_active(other);
            let translated = all();
            locale::set_active(Locale::SOURCE);
            for ((name, a), (_, b)) in source.iter().zip(&translated) {
                let problems = parity::compare(a, b, &parity::rules(name));
                assert!(problems.is_empty(), "{}/{name}: {problems:#?}", other.id());
            }
        }
    }

    #[test]
    fn a_translation_that_flips_an_item_s_reverse_keying_is_refused() {
        let source = serde_json::to_value(check()).unwrap();
        locale::set_active(Locale::Es);
        let mut spanish = check().clone();
        locale::set_active(Locale::En);
        spanish.items[1].reverse = !spanish.items[1].reverse;
        spanish.safety.questions[0].text = "¿Te sientes a salvo?".into();
        let problems = parity::compare(&source, &serde_json::to_value(&spanish).unwrap(), &parity::rules("check"));
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].contains("items[1].reverse") || problems[1].contains("items[1].reverse"), "{problems:#?}");
        assert!(problems.iter().any(|p| p.contains("safety.questions[0].text: placeholders")), "{problems:#?}");
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
