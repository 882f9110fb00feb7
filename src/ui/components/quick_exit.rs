//! The quick exit button.

use crate::ui::state::use_session;
use leptos::prelude::*;

/// The quick exit button, on every screen.
#[component]
pub fn QuickExit() -> impl IntoView {
    let session = use_session();
    let hint = session.config.with_value(|c| c.quick_exit_hint());
    view! {
        <button type="button" class="rt-quick-exit" on:click=move |_| session.quick_exit()>
            "Quick exit"
            <span class="rt-visually-hidden">{format!(": {hint}")}</span>
        </button>
    }
}
