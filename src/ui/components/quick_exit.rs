//! The quick exit button.

use crate::frame::{self, ToHost};
use crate::ui::state::use_session;
use leptos::prelude::*;

/// The quick exit button, on every screen.
#[component]
pub fn QuickExit() -> impl IntoView {
    let session = use_session();
    let hint = session.config.with_value(|c| c.quick_exit_hint());
    // In English, `names::QUICK_EXIT` (a test checks).
    let label = crate::text::components::get().quick_exit;
    if cfg!(not(target_arch = "wasm32")) {
        // Written at build time (src/ui/prerender.rs): a plain link, which
        // works with no script at all; assets/static.js makes it replace the
        // page and adds the keys, until the app takes over.
        let url = session.config.with_value(|c| c.exit_url.clone());
        return view! {
            <a class="rt-quick-exit" href=url>
                {label}
                <span class="rt-visually-hidden">{format!(": {hint}")}</span>
            </a>
        }
        .into_any();
    }
    // Framed, the host page shows a quick exit of its own while this one has
    // scrolled out of view (assets/embed.js): in the words this one shows.
    frame::send(ToHost::ExitLabel { label: label.to_owned() });
    view! {
        <button type="button" class="rt-quick-exit" on:click=move |_| session.quick_exit()>
            {label}
            <span class="rt-visually-hidden">{format!(": {hint}")}</span>
        </button>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_button_says_quick_exit_in_english_and_its_own_words_in_spanish() {
        use crate::locale::{self, Locale};
        assert_eq!(crate::text::components::get().quick_exit, crate::names::QUICK_EXIT);
        locale::set_active(Locale::Es);
        let es = crate::text::components::get().quick_exit;
        locale::set_active(Locale::SOURCE);
        assert_eq!(es, "Salida rápida");
        // assets/embed.js takes no label longer than 40 characters.
        assert!(es.chars().count() <= 40);
    }
}
