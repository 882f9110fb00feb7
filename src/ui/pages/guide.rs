//! The guide: the overview of all steps, one step, and the whole guide on one page.

use super::PageTitle;
use crate::content::{self, model::Step, words};
use crate::guide::StepState;
use crate::route::Route;
use crate::settings::{Role, Situation};
use crate::ui::welcome::Welcome;
use crate::ui::{use_app, ConfirmButton, Link};
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

    view! {
        <PageTitle>"The guide"</PageTitle>
        <Welcome/>
        <section aria-labelledby="rt-progress-h" class="rt-panel rt-noprint">
            <h2 id="rt-progress-h">"Your progress"</h2>
            {move || {
                let s = summary();
                view! {
                    <progress class="rt-progress" max="100" value=s.percent() aria-labelledby="rt-progress-h"></progress>
                    <p>
                        {format!(
                            "{} of {} steps feel solid, {} in progress ({}%).",
                            s.solid, s.total, s.working, s.percent()
                        )}
                    </p>
                }
            }}
            {move || state.progress.with(|p| p.last_viewed().and_then(content::step)).map(|step| view! {
                <p>
                    "Continue where you left off: "
                    <Link to=Route::Step(step.id.clone())>{format!("Step {}: {}", step.number, step.title)}</Link>
                </p>
            })}
        </section>

        <section aria-labelledby="rt-opening-h">
            <h2 id="rt-opening-h">{guide.opening.title.clone()}</h2>
            {move || paragraphs(&guide.opening.body, situation())}
        </section>

        <h2>"The steps"</h2>
        <ol class="rt-steps">
            {guide.steps.iter().map(|step| {
                let id = step.id.as_str();
                let step_state = move || state.progress.with(|p| p.state(id));
                view! {
                    <li class="rt-step-item">
                        <span class="rt-step-item__number" aria-hidden="true">{step.number}</span>
                        <div class="rt-step-item__body">
                            <Link to=Route::Step(step.id.clone()) class="rt-step-item__title">
                                <span class="rt-visually-hidden">{format!("Step {}: ", step.number)}</span>
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
        </section>

        <div class="rt-actions rt-noprint">
            <Link to=Route::GuideAll class="rt-button rt-button--quiet">"Read or print the whole guide"</Link>
            <ConfirmButton id="rt-reset-q" label="Reset progress…"
                question="Clear every step’s mark and the place you left off? Your journal is not touched."
                yes="Yes, reset progress" no="Keep my progress"
                disabled=Signal::derive(move || state.progress.with(|p| p.is_empty()))
                on_yes=move || state.progress.set(Default::default())/>
        </div>
    }
}

/// One step of the guide.
#[component]
pub fn StepPage(id: String) -> impl IntoView {
    let Some(step) = content::step(&id) else {
        return super::not_found::NotFound(super::not_found::NotFoundProps {
            path: Route::Step(id).path(),
        })
        .into_any();
    };
    let state = use_app();
    // Remember this as the place to continue from (saved only when it changed).
    // In an effect, after the screen is built: writing state while a view is
    // being built can leave that view's bindings stale.
    Effect::new(move |_| {
        state.progress.maybe_update(|p| p.viewed(&step.id));
    });

    let steps = &content::guide().steps;
    let index = step.number as usize;
    let previous = index.checked_sub(1).and_then(|i| steps.get(i));
    let next = steps.get(index + 1);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    view! {
        <nav class="rt-breadcrumb rt-noprint" aria-label="Breadcrumb">
            <Link to=Route::Guide>"The guide"</Link>
            <span aria-hidden="true">" › "</span>
            <span>{format!("Step {}", step.number)}</span>
        </nav>
        <PageTitle>{format!("Step {}: {}", step.number, step.title)}</PageTitle>
        <StepStateChooser step=step/>
        <StepBody step=step heading_level=2/>
        <div class="rt-actions rt-noprint">
            <button type="button" class="rt-button rt-button--quiet" on:click=print>"Print this step"</button>
        </div>
        <nav class="rt-pager rt-noprint" aria-label="Steps">
            {previous.map(|p| view! {
                <Link to=Route::Step(p.id.clone()) class="rt-pager__prev">
                    <span class="rt-pager__dir">"Previous"</span>
                    {format!("Step {}: {}", p.number, p.title)}
                </Link>
            })}
            {next.map(|n| view! {
                <Link to=Route::Step(n.id.clone()) class="rt-pager__next">
                    <span class="rt-pager__dir">"Next"</span>
                    {format!("Step {}: {}", n.number, n.title)}
                </Link>
            })}
        </nav>
    }
    .into_any()
}

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
    view! {
        <PageTitle>"The whole guide"</PageTitle>
        <div class="rt-actions rt-noprint">
            <button type="button" class="rt-button" on:click=print>"Print the guide"</button>
            <Link to=Route::Guide class="rt-button rt-button--quiet">"Back to the overview"</Link>
        </div>
        <section aria-labelledby="rt-opening-h">
            <h2 id="rt-opening-h">{guide.opening.title.clone()}</h2>
            {move || paragraphs(&guide.opening.body, situation())}
        </section>
        {guide.steps.iter().map(|step| view! {
            <article class="rt-print-step" aria-labelledby=format!("rt-step-{}", step.id)>
                <h2 id=format!("rt-step-{}", step.id)>{format!("Step {}: {}", step.number, step.title)}</h2>
                <StepBody step=step heading_level=3 expand_all=true/>
            </article>
        }).collect_view()}
        <section aria-labelledby="rt-closing-h">
            <h2 id="rt-closing-h">{guide.closing.title.clone()}</h2>
            {move || paragraphs(&guide.closing.body, situation())}
        </section>
    }
}

/// "Where are you with this step?" as three radio buttons.
#[component]
fn StepStateChooser(step: &'static Step) -> impl IntoView {
    let state = use_app();
    let id = step.id.as_str();
    view! {
        <fieldset class="rt-fieldset rt-state-chooser rt-noprint">
            <legend>"Where are you with this step?"</legend>
            <div class="rt-segmented">
                {StepState::ALL.into_iter().map(|s| view! {
                    <label class="rt-segmented__option">
                        <input
                            type="radio"
                            name=format!("rt-state-{id}")
                            value=s.id()
                            prop:checked=move || state.progress.with(|p| p.state(id) == s)
                            on:change=move |_| state.progress.update(|p| p.set(id, s))
                        />
                        <span>{s.label()}</span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A step's text: summary, why, advice by role, situation notes, phrases and prompts.
#[component]
fn StepBody(step: &'static Step, heading_level: u8, #[prop(optional)] expand_all: bool) -> impl IntoView {
    let state = use_app();
    let situation = move || state.settings.with(|s| s.situation);
    let role = move || state.settings.with(|s| s.role);
    let journal_on = state.config.with_value(|c| c.parts.journal);
    let heading = move |text: String| -> AnyView {
        if heading_level == 2 {
            view! { <h2>{text}</h2> }.into_any()
        } else {
            view! { <h3>{text}</h3> }.into_any()
        }
    };

    view! {
        <p class="rt-lead">{move || words(&step.summary, situation()).into_owned()}</p>
        {heading("Why it matters".into())}
        {move || paragraphs(&step.why, situation())}
        {move || {
            let chosen = if expand_all { None } else { role() };
            advice_sections(step, chosen, situation(), heading_level)
        }}
        {move || situation_notes(step, situation(), heading_level)}
        {(!step.instead.is_empty()).then(|| view! {
            {heading("Words that help".into())}
            <ul class="rt-instead">
                {step.instead.iter().map(|pair| view! {
                    <li>
                        <p><span class="rt-instead__label">"Instead of saying "</span>
                            {move || words(&pair.say, situation()).into_owned()}</p>
                        <p><span class="rt-instead__label">"try "</span>
                            {move || words(&pair.try_, situation()).into_owned()}</p>
                    </li>
                }).collect_view()}
            </ul>
        })}
        {heading("To reflect on".into())}
        <ul class="rt-prompts">
            {step.prompts.iter().map(|prompt| view! {
                <li>
                    <p class="rt-prompt">{move || words(&prompt.text, situation()).into_owned()}</p>
                    {journal_on.then(|| view! {
                        <button type="button" class="rt-button rt-button--quiet rt-button--small rt-noprint"
                            on:click=move |_| super::journal::start_entry(Some(step.id.clone()), Some(prompt.id.clone()))>
                            "Write about this"
                            <span class="rt-visually-hidden">{format!(": {}", words(&prompt.text, None))}</span>
                        </button>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
}

fn advice_for(step: &'static Step, role: Role) -> &'static [String] {
    match role {
        Role::Hurt => &step.hurt,
        Role::Unfaithful => &step.unfaithful,
        Role::Both => &step.both,
    }
}

fn advice_list(items: &'static [String], situation: Option<Situation>) -> impl IntoView {
    view! {
        <ul class="rt-advice">
            {items.iter().map(|a| view! { <li>{words(a, situation).into_owned()}</li> }).collect_view()}
        </ul>
    }
}

/// The chosen role's advice first and open; the other roles one click away.
/// With no role chosen, every role's advice is shown.
fn advice_sections(
    step: &'static Step,
    chosen: Option<Role>,
    situation: Option<Situation>,
    level: u8,
) -> AnyView {
    let heading = move |text: &'static str| -> AnyView {
        if level == 2 {
            view! { <h2>{text}</h2> }.into_any()
        } else {
            view! { <h3>{text}</h3> }.into_any()
        }
    };
    match chosen {
        None => Role::ALL
            .into_iter()
            .map(|r| view! { <section class="rt-role">{heading(r.advice_heading())}{advice_list(advice_for(step, r), situation)}</section> })
            .collect_view()
            .into_any(),
        Some(role) => {
            let others: Vec<Role> = Role::ALL.into_iter().filter(|r| *r != role).collect();
            view! {
                <section class="rt-role rt-role--chosen">
                    {heading(role.advice_heading())}
                    {advice_list(advice_for(step, role), situation)}
                </section>
                {others.into_iter().map(|r| view! { <OtherRole step=step role=r situation=situation/> }).collect_view()}
            }
            .into_any()
        }
    }
}

/// Another role's advice behind a disclosure button (shown in print regardless).
#[component]
fn OtherRole(step: &'static Step, role: Role, situation: Option<Situation>) -> impl IntoView {
    let open = RwSignal::new(false);
    let panel_id = format!("rt-role-{}-{}", step.id, role.id());
    view! {
        <section class="rt-role rt-role--other">
            <h3 class="rt-disclosure">
                <button type="button" class="rt-disclosure__button"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=panel_id.clone()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    <span class="rt-disclosure__icon" aria-hidden="true">{move || if open.get() { "−" } else { "+" }}</span>
                    {role.advice_heading()}
                </button>
            </h3>
            <div id=panel_id class="rt-disclosure__panel" hidden=move || !open.get()>
                {advice_list(advice_for(step, role), situation)}
            </div>
        </section>
    }
}

/// Notes that apply to one situation: only the person's own when they said,
/// otherwise both, each labelled.
fn situation_notes(step: &'static Step, situation: Option<Situation>, level: u8) -> AnyView {
    let notes = &step.situation;
    let block = move |title: &'static str, body: &'static [String]| {
        (!body.is_empty()).then(|| {
            let h = if level == 2 {
                view! { <h2>{title}</h2> }.into_any()
            } else {
                view! { <h3>{title}</h3> }.into_any()
            };
            view! { <section class="rt-situation">{h}{paragraphs(body, situation)}</section> }
        })
    };
    match situation {
        Some(Situation::Together) => block("While you are together", &notes.together).into_any(),
        Some(Situation::Apart) => block("While you are apart", &notes.apart).into_any(),
        None => view! {
            {block("If you are still together", &notes.together)}
            {block("If you are apart and trying to reconnect", &notes.apart)}
        }
        .into_any(),
    }
}

/// Paragraphs of content text, placeholders filled.
pub fn paragraphs(body: &'static [String], situation: Option<Situation>) -> impl IntoView {
    body.iter()
        .map(|p| view! { <p>{words(p, situation).into_owned()}</p> })
        .collect_view()
}
