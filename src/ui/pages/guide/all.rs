//! The whole guide on one page.

use crate::ui::components::PageTitle;
use crate::content::{self};
use crate::route::Route;
use crate::ui::components::{paragraphs, Link};
use crate::ui::state::use_app;
use leptos::prelude::*;
use super::step::{situation_notes, StepBody};

/// The whole guide on one page, every role's advice shown, for reading or printing.
#[component]
pub fn GuideAll() -> impl IntoView {
    let guide = content::guide();
    let state = use_app();
    let situation = move || state.settings.with(|s| s.situation);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let t = crate::text::guide_all::get();
    let step_title = crate::text::guide_step::get();
    view! {
        <PageTitle>{t.title}</PageTitle>
        <div class="rt-actions rt-noprint">
            <button type="button" class="rt-button" on:click=print>{t.print}</button>
            <Link to=Route::Guide class="rt-button rt-button--quiet">{t.back}</Link>
        </div>
        <section aria-labelledby="rt-opening-h">
            <h2 id="rt-opening-h">{guide.opening.title.clone()}</h2>
            {move || paragraphs(&guide.opening.body, situation())}
            {move || situation_notes(&guide.opening.situation, situation(), 3)}
        </section>
        {guide.steps.iter().map(|step| view! {
            <article class="rt-print-step" aria-labelledby=format!("rt-step-{}", step.id)>
                <h2 id=format!("rt-step-{}", step.id)>{step_title.step_title(step.number, &step.title)}</h2>
                <StepBody step=step heading_level=3 expand_all=true/>
            </article>
        }).collect_view()}
        <section aria-labelledby="rt-closing-h">
            <h2 id="rt-closing-h">{guide.closing.title.clone()}</h2>
            {move || paragraphs(&guide.closing.body, situation())}
            {move || situation_notes(&guide.closing.situation, situation(), 3)}
        </section>
    }
}

