//! The heading every screen starts with.

use crate::ui::state::use_app;
use leptos::prelude::*;

/// The heading every screen starts with; focus moves here on navigation.
#[component]
pub fn PageTitle(children: Children) -> impl IntoView {
    let state = use_app();
    let heading = NodeRef::<leptos::html::H1>::new();
    // A screen that arrived after the move to it takes the focus itself.
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            if state.focus_heading.try_get_value() == Some(true) && h1.focus().is_ok() {
                state.focus_heading.set_value(false);
            }
        }
    });
    view! { <h1 class="rt-h1" tabindex="-1" node_ref=heading>{children()}</h1> }
}
