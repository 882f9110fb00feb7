//! The language the app speaks: which locales exist, how one is chosen, and
//! which one is in use now.
//!
//! Shared with `build.rs` (through `#[path]`), so it depends on nothing but
//! `serde`: the build checks that `src/content/` has a folder for every locale
//! here and no other.

use serde::{Deserialize, Serialize};

/// A language the app has content for. `src/content/<id>/` holds its words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English, the source every other locale is translated from.
    #[default]
    En,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Es];
    /// The locale the others are checked against (same ids, same scoring).
    pub const SOURCE: Locale = Locale::En;

    /// The folder name under `src/content/` and the stored id; also the
    /// `lang` attribute's value.
    pub fn id(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
        }
    }

    /// What a page written at build time adds to every id in its copy for
    /// this language (`rt-main--es`), so the copies' ids never clash; the
    /// app, replacing the page, drops it again (`focus::Spot`).
    pub fn id_suffix(self) -> String {
        format!("--{}", self.id())
    }

    /// The language's name in itself, as a language picker shows it (a person
    /// who cannot read the current language still finds their own).
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
        }
    }

    /// The locale the browser's `Intl` formats dates with: British English
    /// keeps the day-month order the app has always shown; Spanish is neutral.
    pub fn date_tag(self) -> &'static str {
        match self {
            Locale::En => "en-GB",
            Locale::Es => "es",
        }
    }

    /// A number with `digits` decimals, written as this language writes it:
    /// "3.5" in English, "3,5" in Spanish.
    pub fn decimal(self, value: f64, digits: usize) -> String {
        let text = format!("{value:.digits$}");
        match self {
            Locale::En => text,
            Locale::Es => text.replace('.', ","),
        }
    }

    pub fn from_id(id: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.id() == id)
    }

    /// The locale for a BCP 47 language tag such as `es-MX` or `en`: its
    /// primary language subtag, in any case; `None` for a language the app
    /// does not have.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Locale::ALL.into_iter().find(|l| l.id().eq_ignore_ascii_case(primary))
    }

    /// The first of the browser's preferred languages (`navigator.languages`,
    /// most wanted first) that the app has; English when none is.
    pub fn preferred<S: AsRef<str>>(languages: &[S]) -> Locale {
        languages.iter().find_map(|t| Locale::from_tag(t.as_ref())).unwrap_or_default()
    }

    /// The locale in use: the person's own choice in Settings, else the one an
    /// embedding site asked for, else the browser's preferred languages.
    pub fn choose<S: AsRef<str>>(chosen: Option<Locale>, site: Option<Locale>, languages: &[S]) -> Locale {
        chosen.or(site).unwrap_or_else(|| Locale::preferred(languages))
    }
}

// The browser runs the app on one thread. Native tests run on many: each
// starts in English, and a test that switches locale changes only its own.
thread_local! {
    static ACTIVE: std::cell::Cell<Locale> = const { std::cell::Cell::new(Locale::SOURCE) };
}

/// The locale the app speaks now: the content accessors (`crate::content`)
/// and the date formatting read it. The interface sets it (from Settings, the
/// embedding site and the browser) before a screen renders.
pub fn active() -> Locale {
    ACTIVE.with(std::cell::Cell::get)
}

/// Makes `locale` the one in use; screens rendered after this speak it.
pub fn set_active(locale: Locale) {
    ACTIVE.with(|a| a.set(locale));
}

/// Runs `f` with `locale` in use, then puts back the one that was: for words
/// read in a language other than the person's (a page written at build time
/// in every language).
pub fn speaking<R>(locale: Locale, f: impl FnOnce() -> R) -> R {
    let before = active();
    set_active(locale);
    let out = f();
    set_active(before);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_and_are_the_stored_form() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_id(l.id()), Some(l));
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{}\"", l.id()));
        }
        assert_eq!(Locale::from_id("fr"), None);
        assert_eq!(Locale::from_id("ES"), None, "stored ids are exact");
    }

    #[test]
    fn a_language_tag_is_read_by_its_primary_subtag_in_any_case() {
        assert_eq!(Locale::from_tag("es-ES"), Some(Locale::Es));
        assert_eq!(Locale::from_tag("es-419"), Some(Locale::Es));
        assert_eq!(Locale::from_tag("ES_mx"), Some(Locale::Es));
        assert_eq!(Locale::from_tag("en-US"), Some(Locale::En));
        assert_eq!(Locale::from_tag(" en "), Some(Locale::En));
        assert_eq!(Locale::from_tag("fr-CA"), None);
        assert_eq!(Locale::from_tag("est"), None, "Estonian is not Spanish");
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn speaking_another_language_puts_back_the_one_in_use() {
        set_active(Locale::Es);
        assert_eq!(speaking(Locale::En, active), Locale::En);
        assert_eq!(active(), Locale::Es);
        set_active(Locale::SOURCE);
    }

    #[test]
    fn decimals_are_written_the_language_s_way() {
        assert_eq!(Locale::En.decimal(3.46, 1), "3.5");
        assert_eq!(Locale::Es.decimal(3.46, 1), "3,5");
        assert_eq!(Locale::Es.decimal(2048.0, 0), "2048");
        assert_eq!(Locale::En.decimal(0.04, 1), "0.0");
    }

    #[test]
    fn the_browser_s_first_supported_language_wins_else_english() {
        assert_eq!(Locale::preferred(&["es-ES", "en"]), Locale::Es);
        assert_eq!(Locale::preferred(&["fr-FR", "es-MX", "en"]), Locale::Es, "French is skipped");
        assert_eq!(Locale::preferred(&["fr", "en-GB", "es"]), Locale::En);
        assert_eq!(Locale::preferred(&["fr", "de"]), Locale::En);
        assert_eq!(Locale::preferred::<&str>(&[]), Locale::En);
    }

    #[test]
    fn the_person_s_choice_beats_the_site_which_beats_the_browser() {
        let browser = ["es-AR"];
        assert_eq!(Locale::choose(None, None, &browser), Locale::Es);
        assert_eq!(Locale::choose(None, Some(Locale::En), &browser), Locale::En);
        assert_eq!(Locale::choose(Some(Locale::Es), Some(Locale::En), &["en"]), Locale::Es);
        assert_eq!(Locale::choose(Some(Locale::En), None, &browser), Locale::En);
    }

    #[test]
    fn switching_the_active_locale_is_seen_at_once() {
        assert_eq!(active(), Locale::En, "every thread starts in English");
        set_active(Locale::Es);
        assert_eq!(active(), Locale::Es);
        set_active(Locale::En);
        assert_eq!(active(), Locale::En);
    }
}
