//! Moving between screens without the URL owning the state.
//!
//! The route is a signal in [`AppState`]. Standalone, the address bar follows
//! it, but every move *replaces* the one history entry instead of adding one:
//! the app never leaves a trail of screens in the browser's history, and
//! Quick exit, which replaces that single entry, leaves nothing for Back to
//! return to. Embedded, the host page's address bar and history are never touched.

use super::app::AppState;
use crate::browser;
use crate::route::Route;
use leptos::prelude::*;

impl AppState {
    /// Shows `route`, updating the address bar (without a new history entry) when standalone.
    pub fn go(&self, route: Route) {
        if !self.config(|c| c.embedded) && self.route.with_untracked(|r| *r != route) {
            browser::replace_path(&route.path());
        }
        self.route.set(route);
    }

    /// Shows `route` with focus on the element `selector` finds there (such as
    /// a field to fill in) instead of the screen's heading; the heading when
    /// there is no such element.
    pub fn go_to_field(&self, route: Route, selector: &'static str) {
        self.focus_target.set_value(Some(selector));
        self.go(route);
    }

    /// Moves focus as a move to another screen asks (see `focus_heading`):
    /// to the requested element under `root`, else to the heading. Returns
    /// whether something took focus; then the request is done.
    pub fn take_focus(&self, root: &web_sys::Element) -> bool {
        if self.focus_heading.try_get_value() != Some(true) {
            return false;
        }
        let target = self.focus_target.get_value();
        let done = target.is_some_and(|t| browser::focus_within(root, t)) || browser::focus_within(root, "h1");
        if done {
            self.focus_heading.set_value(false);
            self.focus_target.set_value(None);
        }
        done
    }

    /// The `href` for a link: the real path standalone; a fragment when embedded,
    /// so even a modified click can never send the host page elsewhere.
    pub fn href(&self, route: &Route) -> String {
        if self.config(|c| c.embedded) {
            format!("#rt{}", route.path())
        } else {
            route.path()
        }
    }
}

/// Follows Back and Forward in the standalone app.
pub fn follow_history(state: AppState) {
    if state.config(|c| c.embedded) {
        return;
    }
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        state.route.set(Route::from_path(&browser::current_path()));
    });
    on_cleanup(move || handle.remove());
}
