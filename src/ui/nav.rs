//! Moving between screens without the URL owning the state.
//!
//! The route is a signal in [`AppState`]. Standalone, the address bar follows
//! it, but every move *replaces* the one history entry instead of adding one:
//! the app never leaves a trail of screens in the browser's history, and
//! Quick exit, which replaces that single entry, leaves nothing for Back to
//! return to. Embedded, the host page's address bar and history are never touched.

use super::state::{use_app, AppState};
use crate::browser;
use crate::route::Route;
use leptos::prelude::*;

impl AppState {
    /// Shows `route`, updating the address bar (without a new history entry) when standalone.
    pub fn go(&self, route: Route) {
        if !self.config.with_value(|c| c.embedded) && self.route.with_untracked(|r| *r != route) {
            browser::replace_path(&route.path());
        }
        self.route.set(route);
    }

    /// The `href` for a link: the real path standalone; a fragment when embedded,
    /// so even a modified click can never send the host page elsewhere.
    pub fn href(&self, route: &Route) -> String {
        if self.config.with_value(|c| c.embedded) {
            format!("#rt{}", route.path())
        } else {
            route.path()
        }
    }
}

/// Follows Back and Forward in the standalone app.
pub fn follow_history(state: AppState) {
    if state.config.with_value(|c| c.embedded) {
        return;
    }
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        state.route.set(Route::from_path(&browser::current_path()));
    });
    on_cleanup(move || handle.remove());
}

/// A link to another screen: a real `<a href>`, so it behaves like one for
/// keyboards and screen readers, that moves the route signal on a plain click.
#[component]
pub fn Link(
    to: Route,
    #[prop(optional, into)] class: Option<String>,
    /// Marks the link current for every screen of its section (guide steps under "Guide").
    #[prop(optional)]
    section: bool,
    children: Children,
) -> impl IntoView {
    let state = use_app();
    let href = state.href(&to);
    let current = {
        let to = to.clone();
        move || {
            state.route.with(|r| {
                if *r == to {
                    Some("page")
                } else if section && r.section() == to {
                    Some("true")
                } else {
                    None
                }
            })
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        // Let the browser handle new-tab and new-window clicks standalone.
        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0;
        if modified && !state.config.with_value(|c| c.embedded) {
            return;
        }
        ev.prevent_default();
        state.go(to.clone());
    };
    view! {
        <a href=href class=class aria-current=current on:click=on_click>
            {children()}
        </a>
    }
}
