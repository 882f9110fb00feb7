//! The notice at the top of every screen.

use crate::ui::state::use_app;
use leptos::prelude::*;

/// A storage problem, in words, until the person dismisses it.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = use_app();
    let t = crate::text::components::get();
    view! {
        <div class="rt-notice-region" role="alert">
            {move || state.notice.get().map(|notice| view! {
                <div class="rt-notice">
                    <p>{notice.text}</p>
                    <button type="button" class="rt-button rt-button--quiet" on:click=move |_| state.notice.set(None)>
                        {t.dismiss}
                    </button>
                </div>
            })}
        </div>
    }
}
