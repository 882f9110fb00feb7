//! Links between screens.

use crate::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

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
        if modified && !state.config(|c| c.embedded) {
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
