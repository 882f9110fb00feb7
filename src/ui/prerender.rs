//! The static pages, written at build time by the app's own components: Home,
//! every guide step, the whole guide, Help and Privacy, each as the app shows
//! it to someone opening it for the first time (nothing saved, the default
//! role), once in every language. `src/bin/prerender.rs` puts each into the
//! page's HTML, so the first paint is the content itself, in the reader's
//! language (`assets/discreet.js` picks it, as for the first paint), and it
//! reads in full without JavaScript or WebAssembly (in English, which needs no
//! script to pick); the app then replaces it with the same screen, live.
//!
//! Native only: it renders with no browser at all. Nothing here runs, or is
//! compiled, in the WebAssembly.

use super::pages::split::{now, Part};
use super::shell::Shell;
use super::state::{AppState, Session};
use crate::config::AppConfig;
use crate::content;
use crate::locale::{self, Locale};
use crate::names::APP_NAME;
use crate::route::Route;
use crate::storage::{MemoryBackend, Store};
use leptos::prelude::*;
use std::rc::Rc;

/// One page, rendered in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub route: Route,
    pub locale: Locale,
    /// The tab's title, as the running app sets it.
    pub title: String,
    /// What the app mounts into `#rt-root`, as HTML.
    pub html: String,
}

/// Every screen that has a static page: the ones whose words are the same for
/// everyone before they have told the app anything.
pub fn routes() -> Vec<Route> {
    let mut routes = vec![Route::Home, Route::GuideAll, Route::Help, Route::Privacy];
    routes.extend(content::guide().steps.iter().map(|s| Route::Step(s.id.clone())));
    routes
}

/// Whether `route` has a static page (so the app must keep it until it can
/// show the same screen, rather than a "still opening" placeholder).
pub fn has_page(route: &Route) -> bool {
    routes().contains(route)
}

/// Renders `route` as the app would show it on a first visit, in `locale`
/// (as a site's `lang` would set it: nothing saved names another).
pub fn render(route: &Route, locale: Locale) -> Page {
    no_tasks();
    // A build-time render has no use for a part's file: every part is in this
    // one binary, so the screen is built now rather than "Opening…".
    for part in [Part::Guide] {
        let _ = now(part.load());
    }
    let owner = Owner::new();
    let (html, title) = locale::speaking(locale, || {
        let html = owner.with(|| {
            let config = AppConfig { lang: Some(locale), ..AppConfig::default() };
            let store = Store::new(Rc::new(MemoryBackend::default()), &config.namespace);
            let session = Session::new(config, store.clone());
            session.current.set_value(Some(store));
            provide_context(session);
            let state = AppState::new(session, route.clone());
            provide_context(state);
            // `Root`'s own wrapper, so the app's first render replaces this like for like.
            view! { <div class="rt-root"><Shell/></div> }.to_html()
        });
        owner.unset();
        (html, format!("{} · {APP_NAME}", route.title()))
    });
    Page { route: route.clone(), locale, title, html }
}

/// `route`'s page in every language, the source language first.
pub fn render_all(route: &Route) -> Vec<Page> {
    let mut locales = Locale::ALL.to_vec();
    locales.sort_by_key(|l| *l != Locale::SOURCE);
    locales.iter().map(|l| render(route, *l)).collect()
}

/// The page for every other path (the single-page fallback): the built
/// `index.html` as Trunk wrote it, with its neutral "Opening…" first paint.
pub const FALLBACK: &str = "app.html";

/// Where the first paint starts and ends in `index.html`.
pub const FIRST_PAINT: (&str, &str) = ("<!-- rt:first-paint -->", "<!-- /rt:first-paint -->");

/// The file a static host serves for `route`: `/` is `index.html`, any other
/// path `<path>.html` (`/guide/tell-the-truth` → `guide/tell-the-truth.html`).
pub fn file_for(route: &Route) -> String {
    match route.path().trim_matches('/') {
        "" => "index.html".into(),
        path => format!("{path}.html"),
    }
}

/// The page for `pages` (one screen in every language, the source language
/// first), from the built `index.html`: its title, and its first paint as the
/// screen itself, once per language, each marked `data-rt-static="<locale>"`.
/// The stylesheet shows the source language's unless `<html data-rt-locale>`
/// names another; the other languages' titles wait in `<meta name="rt-title">`
/// for `assets/discreet.js`. Every id in a copy other than the first takes the
/// language as a suffix, and so does everything that points at one, so each
/// copy's labels and links stay its own. The neutral first paint stays, shown
/// instead only in discreet mode (`assets/discreet.js` decides before the
/// first paint).
pub fn fill(template: &str, pages: &[Page]) -> Result<String, String> {
    let (start, end) = FIRST_PAINT;
    let (Some(from), Some(to)) = (template.find(start), template.find(end)) else {
        return Err(format!("index.html has no first paint between {start} and {end}"));
    };
    let Some(first) = pages.first() else {
        return Err("no page to write".into());
    };
    let neutral = &template[from + start.len()..to];
    let title = "<title>Rebuild Trust</title>";
    if !template.contains(title) {
        return Err(format!("index.html has no {title}"));
    }
    let mut body = format!("<div class=\"rt-neutral\">{neutral}</div>");
    let mut titles = format!("<title>{}</title>", escape(&first.title));
    for (i, page) in pages.iter().enumerate() {
        let id = page.locale.id();
        let html = if i == 0 { page.html.clone() } else { suffix_ids(&page.html, &page.locale.id_suffix()) };
        body.push_str(&format!("<div class=\"rt-subject\" data-rt-static=\"{id}\">{html}</div>"));
        if i > 0 {
            titles.push_str(&format!("<meta name=\"rt-title\" data-locale=\"{id}\" content=\"{}\">", escape(&page.title)));
        }
    }
    let filled = format!("{}{body}{}", &template[..from], &template[to + end.len()..]);
    Ok(filled.replacen(title, &titles, 1))
}

/// The attributes that name an element by its id, each followed by the value's opening quote.
const ID_ATTRIBUTES: [&str; 6] = [" id=\"", " for=\"", " aria-labelledby=\"", " aria-describedby=\"", " aria-controls=\"", " href=\"#"];

/// `html` with `suffix` (a locale's [`Locale::id_suffix`]) after every id,
/// and after every id an attribute points at (`for`, `aria-labelledby` and
/// `-describedby`, which may list several, `aria-controls`, and links within
/// the page).
fn suffix_ids(html: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some((at, attr)) = ID_ATTRIBUTES.iter().filter_map(|a| rest.find(a).map(|i| (i, *a))).min() {
        let value_start = at + attr.len();
        let Some(len) = rest[value_start..].find('"') else { break };
        out.push_str(&rest[..value_start]);
        let ids: Vec<String> = rest[value_start..value_start + len]
            .split_whitespace()
            .map(|id| format!("{id}{suffix}"))
            .collect();
        out.push_str(&ids.join(" "));
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// Text made safe for HTML, in an element or in a quoted attribute.
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Effects, resources and fetches spawn tasks; a build-time render drops them
/// unrun, as a server render would (what they do needs a browser).
pub(crate) fn no_tasks() {
    struct Drop;
    impl any_spawner::CustomExecutor for Drop {
        fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
        fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
        fn poll_local(&self) {}
    }
    // Set once per thread; a second call finds it set, which is as wanted.
    let _ = any_spawner::Executor::init_local_custom_executor(Drop);
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<html><head><title>Rebuild Trust</title></head><body><div id=\"rt-root\">\
        <!-- rt:first-paint --><p class=\"rt-neutral\">Opening…</p><!-- /rt:first-paint --></div></body></html>";

    #[test]
    fn a_step_is_its_own_file_and_home_is_the_index() {
        assert_eq!(file_for(&Route::Home), "index.html");
        assert_eq!(file_for(&Route::Step("tell-the-truth".into())), "guide/tell-the-truth.html");
        assert_eq!(file_for(&Route::GuideAll), "guide/all.html");
        assert_eq!(file_for(&Route::Help), "help.html");
    }

    fn page(locale: Locale, title: &str, html: &str) -> Page {
        Page { route: Route::Help, locale, title: title.into(), html: html.into() }
    }

    #[test]
    fn the_page_holds_the_screen_in_every_language_and_keeps_the_neutral_first_paint_for_discreet_mode() {
        let pages = [
            page(Locale::En, "Help & support · Rebuild Trust", "<main id=\"rt-main\">words</main>"),
            page(Locale::Es, "Ayuda \"y\" apoyo · Rebuild Trust", "<main id=\"rt-main\">palabras</main>"),
        ];
        let filled = fill(TEMPLATE, &pages).expect("filled");
        assert!(filled.contains("<title>Help &amp; support · Rebuild Trust</title><meta name=\"rt-title\" data-locale=\"es\" content=\"Ayuda &quot;y&quot; apoyo · Rebuild Trust\"></head>"), "{filled}");
        assert!(filled.contains("<div class=\"rt-neutral\"><p class=\"rt-neutral\">Opening…</p></div>"), "{filled}");
        assert!(filled.contains("<div class=\"rt-subject\" data-rt-static=\"en\"><main id=\"rt-main\">words</main></div><div class=\"rt-subject\" data-rt-static=\"es\"><main id=\"rt-main--es\">palabras</main></div></div></body>"), "{filled}");
        assert!(!filled.contains("rt:first-paint"));
    }

    #[test]
    fn a_copy_names_its_own_ids_and_points_at_them() {
        let html = "<a href=\"#rt-main\" class=\"rt-skip\">Skip</a><a href=\"/help\">Help</a><a href=\"#\">top</a>\
            <button aria-controls=\"rt-nav-list\"></button><ul id=\"rt-nav-list\"></ul>\
            <form aria-labelledby=\"h1 h2\"><h2 id=\"h1\"></h2><label for=\"f\"></label><input id=\"f\" aria-describedby=\"d\" data-id=\"x\"></form>";
        assert_eq!(
            suffix_ids(html, &Locale::Es.id_suffix()),
            "<a href=\"#rt-main--es\" class=\"rt-skip\">Skip</a><a href=\"/help\">Help</a><a href=\"#\">top</a>\
            <button aria-controls=\"rt-nav-list--es\"></button><ul id=\"rt-nav-list--es\"></ul>\
            <form aria-labelledby=\"h1--es h2--es\"><h2 id=\"h1--es\"></h2><label for=\"f--es\"></label><input id=\"f--es\" aria-describedby=\"d--es\" data-id=\"x\"></form>"
        );
    }

    /// The values of `attr` (with its leading space and opening quote) in `html`.
    fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
        html.match_indices(attr)
            .filter_map(|(at, _)| {
                let from = at + attr.len();
                html[from..].find('"').map(|len| &html[from..from + len])
            })
            .collect()
    }

    #[test]
    fn every_written_page_has_unique_ids_and_every_reference_finds_one_in_its_own_language() {
        let template = TEMPLATE.to_string();
        for route in routes() {
            let filled = fill(&template, &render_all(&route)).expect("filled");
            let ids = values(&filled, " id=\"");
            let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
            assert_eq!(unique.len(), ids.len(), "{route:?}: an id is used twice");
            for copy in filled.split("data-rt-static=").skip(1) {
                let own: std::collections::HashSet<&str> = values(copy, " id=\"").into_iter().collect();
                for attr in &ID_ATTRIBUTES[1..] {
                    for id in values(copy, attr).iter().flat_map(|v| v.split_whitespace()) {
                        assert!(own.contains(id), "{route:?}: {attr}{id} points at no id of its own copy");
                    }
                }
            }
        }
    }

    #[test]
    fn each_language_is_written_in_its_own_words() {
        let step = &content::guide().steps[2];
        let pages = render_all(&Route::Step(step.id.clone()));
        assert_eq!(pages.iter().map(|p| p.locale).collect::<Vec<_>>(), [Locale::En, Locale::Es]);
        for page in &pages {
            locale::set_active(page.locale);
            let spoken = content::step(&step.id).expect("the step").title.clone();
            assert!(page.html.contains(&format!("lang=\"{}\"", page.locale.id())), "{:?}", page.locale);
            assert!(page.html.contains(&escape(&spoken)), "{:?}: {spoken}", page.locale);
            assert_eq!(page.title, format!("{} · {APP_NAME}", Route::Step(step.id.clone()).title()));
        }
        locale::set_active(Locale::SOURCE);
        assert_ne!(pages[0].title, pages[1].title, "the tab's title is in each language too");
    }

    #[test]
    fn a_step_renders_its_own_words_in_the_app_frame() {
        let step = &content::guide().steps[2];
        let page = render(&Route::Step(step.id.clone()), Locale::En);
        assert!(page.html.starts_with("<div class=\"rt-root\"><div data-theme=\"system\" lang=\"en\" class=\"rt-app\""), "{}", &page.html[..200]);
        assert!(page.html.contains(&format!("Step {}: {}", step.number, escape(&step.title))), "the step's heading");
        assert!(page.html.contains("href=\"/help\""), "the header's link to Help");
        assert!(!page.html.contains("Opening…"), "the step itself, not a placeholder");
        assert_eq!(page.title, "Guide · Rebuild Trust");
    }

    #[test]
    fn every_page_renders() {
        for route in routes() {
            for page in render_all(&route) {
                assert!(page.html.contains("<main id=\"rt-main\""), "{route:?}");
                assert!(!page.html.contains("Opening…") && !page.html.contains("Abriendo…"), "{route:?}");
            }
        }
    }

    #[test]
    fn the_static_pages_script_leaves_for_the_default_quick_exit_page() {
        let script = std::fs::read_to_string("assets/static.js").expect("assets/static.js");
        assert!(script.contains(&format!("var EXIT = '{}';", crate::config::DEFAULT_EXIT_URL)));
    }

    #[test]
    fn quick_exit_on_a_static_page_is_a_plain_link() {
        let page = render(&Route::Help, Locale::En);
        let link = format!("<a href=\"{}\" class=\"rt-quick-exit\">Quick exit", crate::config::DEFAULT_EXIT_URL);
        assert!(page.html.contains(&link), "{}", &page.html[..1500]);
    }

    #[test]
    fn every_step_the_whole_guide_help_and_privacy_have_a_page() {
        let routes = routes();
        for step in &content::guide().steps {
            assert!(routes.contains(&Route::Step(step.id.clone())), "{}", step.id);
        }
        for route in [Route::Home, Route::GuideAll, Route::Help, Route::Privacy] {
            assert!(has_page(&route), "{route:?}");
        }
        assert!(!has_page(&Route::Journal) && !has_page(&Route::Check) && !has_page(&Route::Guide));
    }
}
