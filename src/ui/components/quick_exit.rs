//! The quick exit button.

use crate::ui::state::use_session;
use leptos::prelude::*;

/// The quick exit button, on every screen.
#[component]
pub fn QuickExit() -> impl IntoView {
    let session = use_session();
    let hint = session.config.with_value(|c| c.quick_exit_hint());
    if cfg!(not(target_arch = "wasm32")) {
        // Written at build time (src/ui/prerender.rs): a plain link, which
        // works with no script at all; assets/static.js makes it replace the
        // page and adds the keys, until the app takes over.
        let url = session.config.with_value(|c| c.exit_url.clone());
        return view! {
            <a class="rt-quick-exit" href=url>
                "Quick exit"
                <span class="rt-visually-hidden">{format!(": {hint}")}</span>
            </a>
        }
        .into_any();
    }
    view! {
        <button type="button" class="rt-quick-exit" on:click=move |_| session.quick_exit()>
            "Quick exit"
            <span class="rt-visually-hidden">{format!(": {hint}")}</span>
        </button>
    }
    .into_any()
}
