//! The quick exit button.

use crate::ui::state::use_session;
use leptos::prelude::*;

/// The quick exit button, on every screen.
#[component]
pub fn QuickExit() -> impl IntoView {
    let session = use_session();
    view! {
        <button type="button" class="rt-quick-exit" on:click=move |_| session.quick_exit()>
            "Quick exit"
            <span class="rt-visually-hidden">": leave this page at once. Shortcut: press Shift three times."</span>
        </button>
    }
}
