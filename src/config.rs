//! How the app is set up where it runs: standalone with defaults, or embedded
//! on a counselling site with options read from the element's attributes.

use crate::route::Route;
use crate::storage::Namespace;
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
    pub parts: Parts,
    /// An accent colour as `#rgb` or `#rrggbb`; the theme's own when `None`.
    pub accent: Option<String>,
    /// A theme the site fixes; the person's own choice when `None`.
    pub theme: Option<Theme>,
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
            parts: Parts::default(),
            accent: None,
            theme: None,
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

impl AppConfig {
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
}
