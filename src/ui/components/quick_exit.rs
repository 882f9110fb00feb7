//! The quick exit button.

use crate::frame::{self, ToHost};
use crate::names::QUICK_EXIT;
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
                {QUICK_EXIT}
                <span class="rt-visually-hidden">{format!(": {hint}")}</span>
            </a>
        }
        .into_any();
    }
    // Framed, the host page shows a quick exit of its own while this one has
    // scrolled out of view (assets/embed.js): in the words this one shows.
    frame::send(ToHost::ExitLabel { label: QUICK_EXIT.to_owned() });
    view! {
        <button type="button" class="rt-quick-exit" on:click=move |_| session.quick_exit()>
            {QUICK_EXIT}
            <span class="rt-visually-hidden">{format!(": {hint}")}</span>
        </button>
    }
    .into_any()
}
