//! The gentle first-run question: who is reading, and in what situation.

use super::{RoleChoice, SituationChoice};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Asks for role and situation until answered or skipped; both can be changed in Settings.
#[component]
pub fn Welcome() -> impl IntoView {
    let state = use_app();
    let role = RwSignal::new(state.settings.with_untracked(|s| s.role));
    let situation = RwSignal::new(state.settings.with_untracked(|s| s.situation));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.settings.update(|s| {
            s.role = role.get_untracked();
            s.situation = situation.get_untracked();
            s.welcomed = true;
        });
    };
    let skip = move |_| state.settings.update(|s| s.welcomed = true);

    view! {
        <Show when=move || !state.settings.with(|s| s.welcomed)>
            <form class="rt-panel rt-welcome" aria-labelledby="rt-welcome-h" on:submit=save>
                <h2 id="rt-welcome-h">"Before you start, if you like"</h2>
                <p>
                    "Telling the app a little about you puts the advice meant for you first. "
                    "It stays on this device, and you can change it any time in Settings."
                </p>
                <RoleChoice role=role/>
                <SituationChoice situation=situation/>
                <div class="rt-actions">
                    <button type="submit" class="rt-button">"Save and continue"</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=skip>"Skip for now"</button>
                </div>
            </form>
        </Show>
    }
}
