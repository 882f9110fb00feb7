//! How the app is set up where it runs: standalone with defaults, or embedded
//! on a counselling site with options read from the element's attributes
//! (in the host page, `isolation="none"`) or from the URL fragment of the
//! frame `embed.js` creates (the default).

use crate::route::Route;
use crate::storage::Namespace;
use crate::locale::Locale;
use crate::settings::Theme;

/// Where the quick exit goes unless a site chooses otherwise: a neutral page.
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.co.uk/weather";

/// Which of the parts are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub check: bool,
    pub guide: bool,
    pub journal: bool,
    /// Sharing check results and comparing them with a partner's (only with the check).
    pub compare: bool,
}

impl Default for Parts {
    fn default() -> Self {
        Self { check: true, guide: true, journal: true, compare: true }
    }
}

const NO_PARTS: Parts = Parts { check: false, guide: false, journal: false, compare: false };

impl Parts {
    /// Whether a route belongs to a part that is switched off.
    pub fn hides(&self, route: &Route) -> bool {
        if matches!(route, Route::CheckShare(_) | Route::CheckCompare | Route::CheckComparison(_)) {
            return !(self.check && self.compare);
        }
        match route.section() {
            Route::Check => !self.check,
            Route::Guide => !self.guide,
            Route::Journal => !self.journal,
            _ => false,
        }
    }
}

/// The whole configuration, with safe defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
    /// Running inside a host page: never touch its URL, title or history.
    pub embedded: bool,
    /// Embedded in a frame from the app's own origin (the default): the host
    /// page cannot read its storage, DOM or keys. The frame reports its
    /// height and asks the host page's script to perform quick exit.
    /// Embedded but not framed means in the host page itself (`isolation="none"`).
    pub framed: bool,
    pub parts: Parts,
    /// An accent colour as `#rgb` or `#rrggbb`; the theme's own when `None`.
    pub accent: Option<String>,
    /// A theme the site fixes; the person's own choice when `None`.
    pub theme: Option<Theme>,
    /// The language the site asks for (`lang="es"`); the person's own choice
    /// in Settings still comes first, and without either the browser's.
    pub lang: Option<Locale>,
    /// The practice or counsellor offering the app.
    pub practice_name: Option<String>,
    /// A contact or booking link (https or mailto/tel only).
    pub contact_url: Option<String>,
    /// A crisis line to show in place of the default help text.
    pub crisis_text: Option<String>,
    pub crisis_number: Option<String>,
    /// Where the quick exit sends the page.
    pub exit_url: String,
    pub namespace: Namespace,
    pub start: Route,
    /// Embedded: whether the quick-exit keys (Shift three times) work anywhere
    /// on the host page, not only inside the widget. Always on standalone.
    pub exit_keys_page: bool,
    /// Register the service worker (install and offline use, see `crate::pwa`).
    /// Standalone: on. Embedded: off unless the site opts in with
    /// `service-worker="on"`, because a worker acts for the host's whole origin.
    pub service_worker: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            embedded: false,
            framed: false,
            parts: Parts::default(),
            accent: None,
            theme: None,
            lang: None,
            practice_name: None,
            contact_url: None,
            crisis_text: None,
            crisis_number: None,
            exit_url: DEFAULT_EXIT_URL.to_string(),
            namespace: Namespace::default(),
            start: Route::Home,
            exit_keys_page: true,
            service_worker: true,
        }
    }
}

/// The options `embed.js` carries from the host element to the framed app
/// (`assets/embed.js` lists the same names; a test below keeps them in step).
pub const FRAME_OPTIONS: [&str; 12] = [
    "parts",
    "start",
    "accent",
    "theme",
    "lang",
    "practice-name",
    "contact-url",
    "crisis-text",
    "crisis-number",
    "exit-url",
    "namespace",
    "quick-exit-keys",
];

/// The first word of a framed app's URL fragment: `#rt-frame&parts=guide&…`.
pub const FRAME_MARKER: &str = "rt-frame";

impl AppConfig {
    /// What the quick exit button tells screen readers about its shortcut,
    /// true to where the keys work: anywhere on the page (standalone, or when
    /// the host opted in) or only while inside the widget.
    pub fn quick_exit_hint(&self) -> &'static str {
        let t = crate::text::components::get();
        if self.exit_keys_page {
            t.exit_hint_page
        } else {
            t.exit_hint_widget
        }
    }

    /// Whether the app shows its data to the host page's scripts: embedded in
    /// the page itself rather than in a frame of its own.
    pub fn in_page(&self) -> bool {
        self.embedded && !self.framed
    }

    /// Reads a framed app's configuration from its URL fragment (as written by
    /// `embed.js`: the marker, then `name=value` pairs, percent-encoded, joined
    /// by `&`). `None` when the fragment is not a frame's. The values are
    /// checked exactly as attributes are, with the same warnings; a pair that
    /// cannot be decoded is dropped with a warning of its own. A frame never
    /// registers a service worker (see the README).
    pub fn from_fragment(fragment: &str) -> Option<(AppConfig, Vec<String>)> {
        let mut pairs = fragment.strip_prefix('#').unwrap_or(fragment).split('&');
        if pairs.next() != Some(FRAME_MARKER) {
            return None;
        }
        let mut bad = Vec::new();
        let mut values = Vec::new();
        for pair in pairs.filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match (percent_decode(name), percent_decode(value)) {
                (Some(name), Some(value)) if FRAME_OPTIONS.contains(&name.as_str()) => values.push((name, value)),
                (Some(name), Some(_)) => bad.push(format!("{name}: not an option the frame takes, ignored")),
                _ => bad.push(format!("{pair:?} could not be read, ignored")),
            }
        }
        let (mut config, mut warnings) = AppConfig::from_attributes(|name| {
            values.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone())
        });
        config.framed = true;
        config.service_worker = false;
        warnings.extend(bad);
        Some((config, warnings))
    }

    /// Reads an embedded widget's configuration through `attr` (an attribute
    /// lookup). Every bad value is replaced by its default and explained in the
    /// returned warnings, so a typo never leaves a blank widget.
    pub fn from_attributes(attr: impl Fn(&str) -> Option<String>) -> (AppConfig, Vec<String>) {
        let mut warnings = Vec::new();
        let mut config = AppConfig {
            embedded: true,
            exit_keys_page: false,
            service_worker: false,
            ..AppConfig::default()
        };
        let text = |name: &str| attr(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());

        if let Some(list) = text("parts") {
            let mut parts = NO_PARTS;
            for name in list.split([' ', ',']).filter(|s| !s.is_empty()) {
                match name {
                    "check" => parts.check = true,
                    "guide" => parts.guide = true,
                    "journal" => parts.journal = true,
                    "compare" => parts.compare = true,
                    other => warnings
                        .push(format!("parts: unknown part {other:?} ignored (use check, compare, guide, journal)")),
                }
            }
            if parts == NO_PARTS || parts == (Parts { compare: true, ..NO_PARTS }) {
                warnings.push("parts: no known part named, showing them all".into());
                parts = Parts::default();
            }
            config.parts = parts;
        }
        if let Some(colour) = text("accent") {
            if is_hex_colour(&colour) {
                config.accent = Some(colour);
            } else {
                warnings.push(format!("accent: {colour:?} is not a #rgb or #rrggbb colour, using the default"));
            }
        }
        if let Some(theme) = text("theme") {
            match theme.as_str() {
                "light" => config.theme = Some(Theme::Light),
                "dark" => config.theme = Some(Theme::Dark),
                "auto" | "system" => config.theme = Some(Theme::System),
                other => warnings.push(format!("theme: {other:?} is not light, dark or auto, using auto")),
            }
        }
        if let Some(lang) = text("lang") {
            match Locale::from_tag(&lang) {
                Some(locale) => config.lang = Some(locale),
                None => warnings.push(format!(
                    "lang: {lang:?} is not a language the app has ({}), using the person's own",
                    Locale::ALL.map(Locale::id).join(", ")
                )),
            }
        }
        config.practice_name = text("practice-name");
        if let Some(url) = text("contact-url") {
            if is_safe_link(&url) {
                config.contact_url = Some(url);
            } else {
                warnings.push(format!("contact-url: {url:?} must start with https://, mailto: or tel:, ignored"));
            }
        }
        config.crisis_text = text("crisis-text");
        config.crisis_number = text("crisis-number");
        if let Some(url) = text("exit-url") {
            if url.starts_with("https://") || url.starts_with("http://") {
                config.exit_url = url;
            } else {
                warnings.push(format!("exit-url: {url:?} must be an http(s) address, using the default"));
            }
        }
        if let Some(ns) = text("namespace") {
            match Namespace::new(&ns) {
                Ok(ns) => config.namespace = ns,
                Err(why) => warnings.push(format!("namespace: {why}; using the default")),
            }
        }
        if let Some(keys) = text("quick-exit-keys") {
            match keys.as_str() {
                "page" => config.exit_keys_page = true,
                "widget" => config.exit_keys_page = false,
                other => warnings.push(format!("quick-exit-keys: {other:?} is not page or widget, using widget")),
            }
        }
        if let Some(start) = text("start") {
            match Route::from_name(&start) {
                Some(route) if !config.parts.hides(&route) => config.start = route,
                _ => warnings.push(format!("start: {start:?} is not a screen that is shown, starting at home")),
            }
        }
        if let Some(sw) = text("service-worker") {
            match sw.as_str() {
                "on" => config.service_worker = true,
                "off" => config.service_worker = false,
                other => warnings.push(format!("service-worker: {other:?} is not on or off, leaving it off")),
            }
        }
        (config, warnings)
    }
}

/// Decodes `%XX` escapes (UTF-8), as `encodeURIComponent` writes them.
/// `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut rest = s.bytes();
    while let Some(b) = rest.next() {
        if b == b'%' {
            let hex = [rest.next()?, rest.next()?];
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok()
}

fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|hex| {
        matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}

fn is_safe_link(s: &str) -> bool {
    ["https://", "mailto:", "tel:"].iter().any(|p| s.starts_with(p))
        && !s.chars().any(|c| c.is_whitespace() || c == '"' || c == '<')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> (AppConfig, Vec<String>) {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        AppConfig::from_attributes(|name| map.get(name).cloned())
    }

    #[test]
    fn no_attributes_means_defaults_and_no_warnings() {
        let (config, warnings) = parse(&[]);
        assert!(warnings.is_empty());
        assert!(config.embedded);
        assert_eq!(config.parts, Parts::default());
        assert_eq!(config.namespace.as_str(), "rt");
    }

    #[test]
    fn good_attributes_are_taken() {
        let (config, warnings) = parse(&[
            ("parts", "guide, journal"),
            ("accent", "#0a7B3c"),
            ("theme", "dark"),
            ("practice-name", "Harbour Counselling"),
            ("contact-url", "https://example.org/book"),
            ("namespace", "harbour"),
            ("start", "journal"),
            ("exit-url", "https://example.org/news"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.parts, Parts { check: false, guide: true, journal: true, compare: false });
        assert_eq!(config.accent.as_deref(), Some("#0a7B3c"));
        assert_eq!(config.theme, Some(Theme::Dark));
        assert_eq!(config.start, Route::Journal);
        assert_eq!(config.namespace.as_str(), "harbour");
        assert_eq!(config.exit_url, "https://example.org/news");
        assert!(!config.exit_keys_page, "the host's keys stay the host's unless it opts in");
        let (config, _) = parse(&[("quick-exit-keys", "page")]);
        assert!(config.exit_keys_page);
    }

    #[test]
    fn bad_attributes_fall_back_to_safe_defaults_with_a_warning_each() {
        let (config, warnings) = parse(&[
            ("parts", "shop"),
            ("accent", "red; background: url(x)"),
            ("theme", "neon"),
            ("contact-url", "javascript:alert(1)"),
            ("exit-url", "javascript:alert(1)"),
            ("namespace", "a b"),
            ("start", "nowhere"),
        ]);
        assert_eq!(warnings.len(), 8, "{warnings:#?}");
        assert_eq!(config.parts, Parts::default());
        assert_eq!(config.accent, None);
        assert_eq!(config.theme, None);
        assert_eq!(config.contact_url, None);
        assert_eq!(config.exit_url, DEFAULT_EXIT_URL);
        assert_eq!(config.namespace.as_str(), "rt");
        assert_eq!(config.start, Route::Home);
    }

    #[test]
    fn the_service_worker_is_on_standalone_and_off_embedded_unless_the_site_opts_in() {
        assert!(AppConfig::default().service_worker);
        assert!(!parse(&[]).0.service_worker);
        let (config, warnings) = parse(&[("service-worker", " on ")]);
        assert!(config.service_worker && warnings.is_empty(), "{warnings:?}");
        let (config, warnings) = parse(&[("service-worker", "off")]);
        assert!(!config.service_worker && warnings.is_empty(), "{warnings:?}");
        let (config, warnings) = parse(&[("service-worker", "yes please")]);
        assert!(!config.service_worker);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    /// What `encodeURIComponent` does, for building fragments as `embed.js` does.
    fn encode(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    fn fragment(pairs: &[(&str, &str)]) -> String {
        let mut f = format!("#{FRAME_MARKER}");
        for (name, value) in pairs {
            f.push_str(&format!("&{}={}", encode(name), encode(value)));
        }
        f
    }

    #[test]
    fn a_fragment_that_is_not_a_frame_s_is_not_read() {
        for f in ["", "#", "#rt/journal", "#rt-framed&parts=guide", "rt-frames", "#parts=guide&rt-frame"] {
            assert_eq!(AppConfig::from_fragment(f), None, "{f:?}");
        }
    }

    #[test]
    fn every_option_arrives_through_the_fragment_checked_as_attributes_are() {
        let pairs = [
            ("parts", "guide journal"),
            ("start", "journal"),
            ("accent", "#6a3d8f"),
            ("theme", "light"),
            ("lang", "es-MX"),
            ("practice-name", "Harbour & Co · “Counselling” = 100%"),
            ("contact-url", "https://example.org/book?a=1&b=2#x"),
            ("crisis-text", "If you are in danger, call 999."),
            ("crisis-number", "0800 000 0000"),
            ("exit-url", "https://example.org/"),
            ("namespace", "harbour"),
            ("quick-exit-keys", "page"),
        ];
        assert_eq!(pairs.map(|(n, _)| n), FRAME_OPTIONS, "every option is covered here");
        let (config, warnings) = AppConfig::from_fragment(&fragment(&pairs)).expect("a frame's fragment");
        let (attributes, _) = parse(&pairs);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config, AppConfig { framed: true, ..attributes });
        assert_eq!(config.practice_name.as_deref(), Some("Harbour & Co · “Counselling” = 100%"));
        assert_eq!(config.contact_url.as_deref(), Some("https://example.org/book?a=1&b=2#x"));
        assert!(config.embedded && config.framed && !config.in_page());
        assert!(config.exit_keys_page);
        assert_eq!(config.lang, Some(Locale::Es));
    }

    #[test]
    fn a_site_s_language_is_one_the_app_has_or_a_warning() {
        assert_eq!(parse(&[("lang", "es")]).0.lang, Some(Locale::Es));
        assert_eq!(parse(&[("lang", " EN-gb ")]).0.lang, Some(Locale::En));
        assert_eq!(parse(&[]).0.lang, None, "without the option, the person's own languages");
        let (config, warnings) = parse(&[("lang", "fr")]);
        assert_eq!(config.lang, None);
        assert_eq!(warnings, ["lang: \"fr\" is not a language the app has (en, es), using the person's own"]);
        let bad = format!("{}&lang=klingon", fragment(&[]));
        let (framed, warnings) = AppConfig::from_fragment(&bad).expect("a frame's fragment");
        assert_eq!((framed.lang, warnings.len()), (None, 1), "the frame checks it as attributes are");
    }

    #[test]
    fn bad_values_in_the_fragment_give_the_same_defaults_and_warnings_as_attributes() {
        let pairs = [("parts", "shop"), ("accent", "red; background: url(x)"), ("theme", "neon"), ("start", "nowhere")];
        let (config, warnings) = AppConfig::from_fragment(&fragment(&pairs)).expect("a frame's fragment");
        let (attributes, attribute_warnings) = parse(&pairs);
        assert_eq!(warnings, attribute_warnings);
        assert_eq!(config, AppConfig { framed: true, ..attributes });
    }

    #[test]
    fn a_broken_or_unknown_pair_is_dropped_with_a_warning_and_never_turns_on_the_worker() {
        let f = format!("{}&namespace=%E2%28&accent=%2&theme=%ZZ&service-worker=on&&parts=guide", fragment(&[]));
        let (config, warnings) = AppConfig::from_fragment(&f).expect("a frame's fragment");
        assert_eq!(warnings.len(), 4, "{warnings:#?}");
        assert_eq!(config.namespace.as_str(), "rt");
        assert_eq!(config.accent, None);
        assert!(!config.service_worker, "a framed app registers no service worker");
        assert_eq!(config.parts, Parts { check: false, compare: false, guide: true, journal: false });
    }

    #[test]
    fn in_page_means_embedded_without_a_frame() {
        assert!(!AppConfig::default().in_page());
        assert!(parse(&[]).0.in_page());
    }

    #[test]
    fn embed_js_forwards_every_frame_option_and_knows_the_default_exit() {
        let embed = include_str!("../assets/embed.js");
        for name in FRAME_OPTIONS {
            assert!(embed.contains(&format!("'{name}'")), "assets/embed.js does not forward {name}");
        }
        assert!(embed.contains(&format!("'{FRAME_MARKER}'")));
        assert!(embed.contains(&format!("'{DEFAULT_EXIT_URL}'")), "the host script's exit must match the app's");
    }

    #[test]
    fn comparing_is_its_own_part_and_needs_the_check() {
        let compare_routes = [Route::CheckShare("a".into()), Route::CheckCompare, Route::CheckComparison("p-1".into())];
        let (all, _) = parse(&[]);
        assert!(compare_routes.iter().all(|r| !all.parts.hides(r)));
        let (check_only, warnings) = parse(&[("parts", "check guide")]);
        assert!(warnings.is_empty());
        assert!(compare_routes.iter().all(|r| check_only.parts.hides(r)));
        assert!(!check_only.parts.hides(&Route::CheckHistory));
        let (both, _) = parse(&[("parts", "check compare")]);
        assert!(compare_routes.iter().all(|r| !both.parts.hides(r)));
        let (alone, warnings) = parse(&[("parts", "compare")]);
        assert_eq!(alone.parts, Parts::default(), "comparing alone is not a part to offer");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn a_start_screen_in_a_hidden_part_is_refused() {
        let (config, warnings) = parse(&[("parts", "guide"), ("start", "journal")]);
        assert_eq!(config.start, Route::Home);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn the_quick_exit_hint_says_where_the_keys_work() {
        let standalone = AppConfig::default();
        assert!(standalone.quick_exit_hint().ends_with("Shift three times does the same."));
        let (widget, _) = parse(&[]);
        assert!(widget.quick_exit_hint().contains("while in this widget"));
        let (page_wide, _) = parse(&[("quick-exit-keys", "page")]);
        assert!(!page_wide.quick_exit_hint().contains("widget"));
    }
}
