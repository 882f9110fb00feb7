//! "A new version is ready": the service worker's news, and the choice to use it.

use crate::pwa;
use leptos::prelude::*;

/// "A new version is ready", with the choice to reload now or later.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = pwa::update_ready();
    let later = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let t = crate::text::components::get();
    view! {
        <div class="rt-update-region" role="status">
            {move || (ready.get() && !later.get()).then(|| view! {
                <div class="rt-notice rt-update">
                    <p>{t.update_ready}</p>
                    <div class="rt-update__actions">
                        <button
                            type="button"
                            class="rt-button"
                            prop:disabled=move || busy.get()
                            on:click=move |_| {
                                busy.set(true);
                                pwa::apply_update();
                            }
                        >
                            {t.reload_to_update}
                        </button>
                        <button type="button" class="rt-button rt-button--quiet" on:click=move |_| later.set(true)>
                            {t.not_now}
                        </button>
                    </div>
                </div>
            })}
        </div>
    }
}
