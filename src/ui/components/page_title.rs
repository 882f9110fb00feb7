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
            // The app's root holds the screen (and any field asked to take focus).
            if let Ok(Some(root)) = h1.closest(".rt-app") {
                state.take_focus(&root);
            }
        }
    });
    view! { <h1 class="rt-h1" tabindex="-1" node_ref=heading>{children()}</h1> }
}
