//! The gentle first-run question: who is reading, where things stand, and
//! whether it has only just come out.

use super::{MomentChoice, RoleChoice, SituationChoice};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Asks until answered or skipped; every answer can be changed in Settings.
/// Saving or skipping leaves a confirmation where the form was, announced to
/// screen readers, rather than the form silently vanishing.
#[component]
pub fn Welcome() -> impl IntoView {
    let state = use_app();
    let role = RwSignal::new(state.settings.with_untracked(|s| s.role));
    let situation = RwSignal::new(state.settings.with_untracked(|s| s.situation));
    let moment = RwSignal::new(state.settings.with_untracked(|s| s.moment));
    let confirmation = RwSignal::new(None::<&'static str>);
    let t = crate::text::components::get();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.settings.update(|s| {
            s.role = role.get_untracked();
            s.situation = situation.get_untracked();
            s.moment = moment.get_untracked();
            s.welcomed = true;
        });
        confirmation.set(Some(t.welcome_saved));
    };
    let skip = move |_| {
        state.settings.update(|s| s.welcomed = true);
        confirmation.set(Some(t.welcome_skipped));
    };

    view! {
        // Present before it has anything to say, so its words are announced.
        <div role="status">
            {move || confirmation.get().map(|text| view! { <p class="rt-saved">{text}</p> })}
        </div>
        <Show when=move || !state.settings.with(|s| s.welcomed)>
            <form class="rt-panel rt-welcome" aria-labelledby="rt-welcome-h" on:submit=save>
                <h2 id="rt-welcome-h">{t.welcome_heading}</h2>
                <p>{t.welcome_lead}</p>
                <RoleChoice role=role/>
                <SituationChoice situation=situation/>
                <MomentChoice moment=moment role=role.into()/>
                <div class="rt-actions">
                    <button type="submit" class="rt-button">{t.save_and_continue}</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=skip>{t.skip_for_now}</button>
                </div>
            </form>
        </Show>
    }
}
