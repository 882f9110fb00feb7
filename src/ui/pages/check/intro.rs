//! What the check is, and who is answering.

use crate::ui::components::PageTitle;
use crate::assessment::Draft;
use crate::content::{self};
use crate::route::Route;
use crate::ui::components::{paragraphs, Link, RoleChoice, SituationChoice};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// What the check is, who is answering, and a start button.
#[component]
pub(super) fn CheckIntro() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let t = crate::text::check_intro::get();
    let role = RwSignal::new(state.settings.with_untracked(|s| s.role));
    let situation = RwSignal::new(state.settings.with_untracked(|s| s.situation));
    let missing_role = RwSignal::new(false);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(r) = role.get_untracked() else {
            missing_role.set(true);
            return;
        };
        state.settings.update(|s| {
            s.role = Some(r);
            s.situation = situation.get_untracked().or(s.situation);
            s.welcomed = true;
        });
        state.check_draft().set(Some(Draft::new(Some(r))));
    };
    let has_history = move || state.check_history().with(|h| !h.0.is_empty());

    view! {
        <PageTitle>{c.intro.title.clone()}</PageTitle>
        {move || paragraphs(&c.intro.body, state.settings.with(|s| s.situation))}
        // A translated check says it has not been clinically validated.
        {c.translation.as_deref().map(|note| view! { <p class="rt-quiet">{note}</p> })}
        <form class="rt-check-start" on:submit=start novalidate>
            <p>{t.worded_for}</p>
            <RoleChoice role=role/>
            <SituationChoice situation=situation/>
            {move || missing_role.get().then(|| view! {
                <p class="rt-error" role="alert">{t.choose_role}</p>
            })}
            <div class="rt-actions">
                <button type="submit" class="rt-button">{t.start}</button>
                {move || has_history().then(|| view! {
                    <Link to=Route::CheckHistory class="rt-button rt-button--quiet">{t.earlier}</Link>
                })}
                {state.config(|c| c.parts.compare).then(|| view! {
                    <Link to=Route::CheckCompare class="rt-button rt-button--quiet">{t.compare}</Link>
                })}
            </div>
        </form>
    }
}

