//! The app's screens as a value, and their paths.
//!
//! Navigation is an app-level signal holding a [`Route`]. The standalone app
//! mirrors it in the address bar (see `ui::nav`); an embedded widget never
//! touches the host page's URL, so the route must not depend on it.

/// One screen of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Check,
    /// Every completed check, with the trend over time.
    CheckHistory,
    /// One completed check's result, by id.
    CheckResult(String),
    /// A share code for one completed check, by id.
    CheckShare(String),
    /// Entering the other person's share code.
    CheckCompare,
    /// The other person's result (by id) beside one's own latest.
    CheckComparison(String),
    Guide,
    /// The whole guide on one page, for reading through or printing.
    GuideAll,
    /// A guide step, by its content id.
    Step(String),
    Journal,
    /// One journal entry in the editor, by id (new entries get their id up front).
    JournalEntry(String),
    /// Mood over time.
    JournalMoods,
    Settings,
    /// A one-page summary to bring to a counsellor, made on the device.
    Summary,
    Privacy,
    Help,
    /// Anything else; keeps the path so the 404 page can say what was asked for.
    NotFound(String),
}

impl Route {
    /// Parses a path such as `/guide/tell-the-truth`. Query strings and
    /// fragments are ignored; a trailing slash is accepted.
    pub fn from_path(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let trimmed = path.trim_matches('/');
        let mut parts = trimmed.split('/');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(""), None, _) => Route::Home,
            (Some("check"), None, _) => Route::Check,
            (Some("check"), Some("history"), None) => Route::CheckHistory,
            (Some("check"), Some("result"), Some(id)) if is_slug(id) => match (parts.next(), parts.next()) {
                (None, _) => Route::CheckResult(id.to_string()),
                (Some("share"), None) => Route::CheckShare(id.to_string()),
                _ => Route::NotFound(path.to_string()),
            },
            (Some("check"), Some("compare"), None) => Route::CheckCompare,
            (Some("check"), Some("compare"), Some(id)) if is_slug(id) && parts.next().is_none() => {
                Route::CheckComparison(id.to_string())
            }
            (Some("guide"), None, _) => Route::Guide,
            (Some("guide"), Some("all"), None) => Route::GuideAll,
            (Some("guide"), Some(id), None) if is_slug(id) => Route::Step(id.to_string()),
            (Some("journal"), None, _) => Route::Journal,
            (Some("journal"), Some("moods"), None) => Route::JournalMoods,
            (Some("journal"), Some("entry"), Some(id))
                if crate::journal::validate_id(id).is_ok() && parts.next().is_none() =>
            {
                Route::JournalEntry(id.to_string())
            }
            (Some("settings"), None, _) => Route::Settings,
            (Some("summary"), None, _) => Route::Summary,
            (Some("privacy"), None, _) => Route::Privacy,
            (Some("help"), None, _) => Route::Help,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The path that [`Route::from_path`] reads back as this route.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Check => "/check".into(),
            Route::CheckHistory => "/check/history".into(),
            Route::CheckResult(id) => format!("/check/result/{id}"),
            Route::CheckShare(id) => format!("/check/result/{id}/share"),
            Route::CheckCompare => "/check/compare".into(),
            Route::CheckComparison(id) => format!("/check/compare/{id}"),
            Route::Guide => "/guide".into(),
            Route::GuideAll => "/guide/all".into(),
            Route::Step(id) => format!("/guide/{id}"),
            Route::Journal => "/journal".into(),
            Route::JournalEntry(id) => format!("/journal/entry/{id}"),
            Route::JournalMoods => "/journal/moods".into(),
            Route::Settings => "/settings".into(),
            Route::Summary => "/summary".into(),
            Route::Privacy => "/privacy".into(),
            Route::Help => "/help".into(),
            Route::NotFound(path) => path.clone(),
        }
    }

    /// The screen's name, for the page title and the navigation.
    pub fn title(&self) -> &'static str {
        let t = crate::text::route_titles::get();
        match self {
            Route::Home => t.home,
            Route::Check
            | Route::CheckHistory
            | Route::CheckResult(_)
            | Route::CheckShare(_)
            | Route::CheckCompare
            | Route::CheckComparison(_) => t.check,
            Route::Guide | Route::GuideAll | Route::Step(_) => t.guide,
            Route::Journal | Route::JournalEntry(_) | Route::JournalMoods => t.journal,
            Route::Settings => t.settings,
            Route::Summary => t.summary,
            Route::Privacy => t.privacy,
            Route::Help => t.help,
            Route::NotFound(_) => t.not_found,
        }
    }

    /// Which top-level section the route belongs to, for "you are here" in the navigation.
    pub fn section(&self) -> Route {
        match self {
            Route::Step(_) | Route::GuideAll => Route::Guide,
            Route::CheckHistory
            | Route::CheckResult(_)
            | Route::CheckShare(_)
            | Route::CheckCompare
            | Route::CheckComparison(_) => Route::Check,
            Route::JournalEntry(_) | Route::JournalMoods => Route::Journal,
            other => other.clone(),
        }
    }

    /// Parses a start screen named in an embed attribute (`check`, `guide`, ...).
    pub fn from_name(name: &str) -> Option<Route> {
        match Route::from_path(&format!("/{}", name.trim())) {
            Route::NotFound(_) => None,
            route => Some(route),
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_reads_back_from_its_own_path() {
        let routes = [
            Route::Home,
            Route::Check,
            Route::CheckHistory,
            Route::CheckResult("k2x9-a1".into()),
            Route::CheckShare("k2x9-a1".into()),
            Route::CheckCompare,
            Route::CheckComparison("p-3fa9".into()),
            Route::Guide,
            Route::GuideAll,
            Route::Step("tell-the-truth".into()),
            Route::Journal,
            Route::JournalEntry("m1x2-Ab_9".into()),
            Route::JournalMoods,
            Route::Settings,
            Route::Summary,
            Route::Privacy,
            Route::Help,
        ];
        for route in routes {
            assert_eq!(Route::from_path(&route.path()), route);
        }
    }

    #[test]
    fn trailing_slashes_queries_and_fragments_are_ignored() {
        assert_eq!(Route::from_path("/guide/"), Route::Guide);
        assert_eq!(Route::from_path("/journal?x=1#top"), Route::Journal);
        assert_eq!(Route::from_path(""), Route::Home);
    }

    #[test]
    fn unknown_and_malformed_paths_are_not_found() {
        for path in ["/nope", "/guide/a/b", "/check/result", "/check/result/a/b", "/check/result/a/share/x", "/check/compare/a/b", "/check/compare/A B", "/journal/entry/a b", "/journal/entry/x/y", "/guide/Has Caps", "/guide/<script>", "/settings/x", "/summary/x"] {
            assert!(matches!(Route::from_path(path), Route::NotFound(_)), "{path}");
        }
    }

    #[test]
    fn start_screens_are_named_without_a_slash() {
        assert_eq!(Route::from_name("journal"), Some(Route::Journal));
        assert_eq!(Route::from_name("summary"), Some(Route::Summary));
        assert_eq!(Route::from_name(" check "), Some(Route::Check));
        assert_eq!(Route::from_name("shop"), None);
    }

    #[test]
    fn a_screens_title_is_in_the_language_in_use() {
        crate::locale::set_active(crate::locale::Locale::Es);
        let spanish = [Route::Guide.title(), Route::Summary.title(), Route::NotFound("/x".into()).title()];
        crate::locale::set_active(crate::locale::Locale::En);
        assert_eq!(spanish, ["Guía", "Resumen para tu terapia", "Página no encontrada"]);
        assert_eq!(Route::Summary.title(), "Summary for a counsellor");
    }
}
