//! The guide: the overview of all steps, one step, and the whole guide on one page.

mod all;
mod step;

pub use all::GuideAll;
pub use step::{StepPage, StepPageProps};
use step::situation_notes;

use crate::ui::components::PageTitle;
use crate::content::{self, words};
use crate::route::Route;
use crate::ui::components::{paragraphs, ConfirmButton, Link, Welcome};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The list of steps with their state, overall progress, and the opening.
#[component]
pub fn GuideOverview() -> impl IntoView {
    let state = use_app();
    let guide = content::guide();
    let summary = move || {
        state
            .progress
            .with(|p| p.summary(guide.steps.iter().map(|s| s.id.as_str())))
    };
    let situation = move || state.settings.with(|s| s.situation);
    let t = crate::text::guide_overview::get();
    let step_title = crate::text::guide_step::get();

    view! {
        <PageTitle>{t.title}</PageTitle>
        <Welcome/>
        // Progress appears once there is some: a bar at 0% says nothing kind.
        {move || {
            let s = summary();
            let order: Vec<&str> = guide.steps.iter().map(|s| s.id.as_str()).collect();
            let resume = state.progress.with(|p| {
                (!p.is_empty()).then(|| p.resume(&order).and_then(|r| content::step(r.step()))).flatten()
            });
            (s.any_marked() || resume.is_some()).then(|| view! {
                <section aria-labelledby="rt-progress-h" class="rt-panel rt-noprint">
                    <h2 id="rt-progress-h">{t.progress}</h2>
                    {s.any_marked().then(|| view! {
                        <progress class="rt-progress" max="100" value=s.percent() aria-labelledby="rt-progress-h"></progress>
                        <p>{t.steps_solid(s.solid, s.percent(), t.steps(s.total), s.working)}</p>
                    })}
                    {resume.map(|step| view! {
                        <p>
                            {t.carry_on}
                            <Link to=Route::Step(step.id.clone())>{step_title.step_title(step.number, &step.title)}</Link>
                        </p>
                    })}
                </section>
            })
        }}

        <details class="rt-fold rt-intro">
            <summary>{guide.opening.title.clone()}</summary>
            {move || paragraphs(&guide.opening.body, situation())}
            {move || situation_notes(&guide.opening.situation, situation(), 3)}
        </details>

        <h2>{t.the_steps}</h2>
        <ol class="rt-steps">
            {guide.steps.iter().map(|step| {
                let id = step.id.as_str();
                let step_state = move || state.progress.with(|p| p.state(id));
                view! {
                    <li class="rt-step-item">
                        <span class="rt-step-item__number" aria-hidden="true">{step.number}</span>
                        <div class="rt-step-item__body">
                            <Link to=Route::Step(step.id.clone()) class="rt-step-item__title">
                                <span class="rt-visually-hidden">{t.step_prefix(step.number)}</span>
                                {step.title.clone()}
                            </Link>
                            <p class="rt-step-item__summary">{move || words(&step.summary, situation()).into_owned()}</p>
                            <p class="rt-badge" data-state=move || step_state().id()>{move || step_state().label()}</p>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>

        <section aria-labelledby="rt-closing-h">
            <h2 id="rt-closing-h">{guide.closing.title.clone()}</h2>
            {move || paragraphs(&guide.closing.body, situation())}
            {move || situation_notes(&guide.closing.situation, situation(), 3)}
        </section>

        <div class="rt-actions rt-noprint">
            <Link to=Route::GuideAll class="rt-button rt-button--quiet">{t.read_all}</Link>
            <Link to=Route::Summary class="rt-button rt-button--quiet">{t.make_summary}</Link>
            <ConfirmButton id="rt-reset-q" label=t.reset
                question=t.reset_question
                yes=t.reset_yes no=t.reset_no
                disabled=Signal::derive(move || state.progress.with(|p| p.is_empty()))
                on_yes=move || state.progress.set(Default::default())/>
        </div>
    }
}

