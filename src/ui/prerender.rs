//! The static pages, written at build time by the app's own components: Home,
//! every guide step, the whole guide, Help and Privacy, each as the app shows
//! it to someone opening it for the first time (nothing saved, the default
//! role). `src/bin/prerender.rs` puts each into the page's HTML, so the first
//! paint is the content itself, and it reads in full without JavaScript or
//! WebAssembly; the app then replaces it with the same screen, live.
//!
//! Native only: it renders with no browser at all. Nothing here runs, or is
//! compiled, in the WebAssembly.

use super::pages::split::{now, Part};
use super::shell::Shell;
use super::state::{AppState, Session};
use crate::config::AppConfig;
use crate::content;
use crate::names::APP_NAME;
use crate::route::Route;
use crate::storage::{MemoryBackend, Store};
use leptos::prelude::*;
use std::rc::Rc;

/// One page, rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub route: Route,
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

/// Renders `route` as the app would show it on a first visit.
pub fn render(route: &Route) -> Page {
    no_tasks();
    // A build-time render has no use for a part's file: every part is in this
    // one binary, so the screen is built now rather than "Opening…".
    for part in [Part::Guide] {
        let _ = now(part.load());
    }
    let owner = Owner::new();
    let html = owner.with(|| {
        let config = AppConfig::default();
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
    Page { route: route.clone(), title: format!("{} · {APP_NAME}", route.title()), html }
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

/// The page for `page`, from the built `index.html`: its title, and its first
/// paint as the screen itself. The neutral first paint stays, shown instead
/// only in discreet mode (`assets/discreet.js` decides before the first paint).
pub fn fill(template: &str, page: &Page) -> Result<String, String> {
    let (start, end) = FIRST_PAINT;
    let (Some(from), Some(to)) = (template.find(start), template.find(end)) else {
        return Err(format!("index.html has no first paint between {start} and {end}"));
    };
    let neutral = &template[from + start.len()..to];
    let title = "<title>Rebuild Trust</title>";
    if !template.contains(title) {
        return Err(format!("index.html has no {title}"));
    }
    let body = format!(
        "<div class=\"rt-neutral\">{neutral}</div><div class=\"rt-subject\" data-rt-static=\"\">{}</div>",
        page.html
    );
    let filled = format!("{}{body}{}", &template[..from], &template[to + end.len()..]);
    Ok(filled.replacen(title, &format!("<title>{}</title>", escape(&page.title)), 1))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Effects, resources and fetches spawn tasks; a build-time render drops them
/// unrun, as a server render would (what they do needs a browser).
fn no_tasks() {
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

    #[test]
    fn the_page_holds_the_screen_and_keeps_the_neutral_first_paint_for_discreet_mode() {
        let page = Page { route: Route::Help, title: "Help & support · Rebuild Trust".into(), html: "<main>words</main>".into() };
        let filled = fill(TEMPLATE, &page).expect("filled");
        assert!(filled.contains("<title>Help &amp; support · Rebuild Trust</title>"), "{filled}");
        assert!(filled.contains("<div class=\"rt-neutral\"><p class=\"rt-neutral\">Opening…</p></div>"), "{filled}");
        assert!(filled.contains("<div class=\"rt-subject\" data-rt-static=\"\"><main>words</main></div></div></body>"), "{filled}");
        assert!(!filled.contains("rt:first-paint"));
    }

    #[test]
    fn a_template_without_its_first_paint_is_refused() {
        let page = Page { route: Route::Help, title: "Help".into(), html: String::new() };
        assert!(fill("<title>Rebuild Trust</title><div id=\"rt-root\"></div>", &page).is_err());
        assert!(fill(&TEMPLATE.replace("<title>Rebuild Trust</title>", ""), &page).is_err());
    }

    #[test]
    fn a_step_renders_its_own_words_in_the_app_frame() {
        let step = &content::guide().steps[2];
        let page = render(&Route::Step(step.id.clone()));
        assert!(page.html.starts_with("<div class=\"rt-root\"><div data-theme=\"system\" lang=\"en\" class=\"rt-app\""), "{}", &page.html[..200]);
        assert!(page.html.contains(&format!("Step {}: {}", step.number, escape(&step.title))), "the step's heading");
        assert!(page.html.contains("href=\"/help\""), "the header's link to Help");
        assert!(!page.html.contains("Opening…"), "the step itself, not a placeholder");
        assert_eq!(page.title, "Guide · Rebuild Trust");
    }

    #[test]
    fn every_page_renders() {
        for route in routes() {
            let page = render(&route);
            assert!(page.html.contains("<main id=\"rt-main\""), "{route:?}");
            assert!(!page.html.contains("Opening…"), "{route:?}");
        }
    }

    #[test]
    fn the_static_pages_script_leaves_for_the_default_quick_exit_page() {
        let script = std::fs::read_to_string("assets/static.js").expect("assets/static.js");
        assert!(script.contains(&format!("var EXIT = '{}';", crate::config::DEFAULT_EXIT_URL)));
    }

    #[test]
    fn quick_exit_on_a_static_page_is_a_plain_link() {
        let page = render(&Route::Help);
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
