//! The frame around every screen: skip link, header and navigation, notices,
//! the screen itself, and the footer.

use super::nav::Link;
use super::pages;
use super::state::use_app;
use crate::browser;
use crate::route::Route;
use leptos::html;
use leptos::prelude::*;

/// The app's name as people see it.
pub const APP_NAME: &str = "Rebuild Trust";

/// The frame, and the effects that follow the route: focus and page title.
#[component]
pub fn Shell() -> impl IntoView {
    let state = use_app();
    let root = NodeRef::<html::Div>::new();
    let embedded = state.config.with_value(|c| c.embedded);

    // After a move to another screen, focus its heading so keyboard and screen
    // reader users start at the top of what changed. Not on first load: the
    // browser's own starting point is right there.
    Effect::new(move |previous: Option<Route>| {
        let route = state.route.get();
        if previous.is_some_and(|p| p != route) {
            browser::after_render(move || {
                if let Some(root) = root.get_untracked() {
                    browser::focus_within(&root, "h1");
                }
            });
        }
        route
    });
    if !embedded {
        Effect::new(move |_| {
            let title = state.route.with(Route::title);
            browser::set_title(&format!("{title} · {APP_NAME}"));
        });
    }

    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(root) = root.get_untracked() {
            browser::focus_within(&root, "#rt-main");
        }
    };
    let parts = state.config.with_value(|c| c.parts);

    view! {
        <div class="rt-app" data-theme=move || state.theme().id() node_ref=root>
            <a class="rt-skip" href="#rt-main" on:click=skip>"Skip to content"</a>
            <header class="rt-header">
                <div class="rt-header__inner">
                    <Link to=Route::Home class="rt-brand">{APP_NAME}</Link>
                    <nav class="rt-nav" aria-label="Main">
                        <ul>
                            <li><Link to=Route::Home>"Home"</Link></li>
                            {parts.check.then(|| view! { <li><Link to=Route::Check>"Readiness check"</Link></li> })}
                            {parts.guide.then(|| view! { <li><Link to=Route::Guide section=true>"Guide"</Link></li> })}
                            {parts.journal.then(|| view! { <li><Link to=Route::Journal>"Journal"</Link></li> })}
                            <li><Link to=Route::Settings>"Settings"</Link></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <NoticeBar/>
            <main id="rt-main" class="rt-main" tabindex="-1">
                {move || pages::screen(state.route.get())}
            </main>
            <footer class="rt-footer">
                <p>
                    "This is a self-help companion, not therapy or a diagnosis. "
                    "A counsellor can walk this road with you."
                </p>
                <p class="rt-footer__links">
                    <Link to=Route::Help>"Help and support"</Link>
                    <Link to=Route::Privacy>"Privacy"</Link>
                </p>
            </footer>
        </div>
    }
}

/// A storage problem, in words, until the person dismisses it.
#[component]
fn NoticeBar() -> impl IntoView {
    let state = use_app();
    view! {
        <div class="rt-notice-region" role="alert">
            {move || state.notice.get().map(|notice| view! {
                <div class="rt-notice">
                    <p>{notice.text}</p>
                    <button type="button" class="rt-button rt-button--quiet" on:click=move |_| state.notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            })}
        </div>
    }
}
