//! One step of the guide, and the step's text as the whole-guide page shows it too.

use crate::ui::components::PageTitle;
use crate::content::{self, model::{SituationNotes, Step, Voice}, words};
use crate::guide::StepState;
use crate::route::Route;
use crate::settings::{Role, Situation};
use crate::ui::components::{paragraphs, Link};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// One step of the guide.
#[component]
pub fn StepPage(id: String) -> impl IntoView {
    let Some(step) = content::step(&id) else {
        return super::super::not_found::NotFound(super::super::not_found::NotFoundProps {
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

    let (previous, next) = content::neighbours(step);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    let t = crate::text::guide_step::get();
    view! {
        <nav class="rt-breadcrumb rt-noprint" aria-label=t.breadcrumb>
            <Link to=Route::Guide>{t.the_guide}</Link>
            <span aria-hidden="true">" › "</span>
            <span>{t.step_number(step.number)}</span>
        </nav>
        <PageTitle>{t.step_title(step.number, &step.title)}</PageTitle>
        <StepStateChooser step=step/>
        <StepBody step=step heading_level=2/>
        <div class="rt-actions rt-noprint">
            <button type="button" class="rt-button rt-button--quiet" on:click=print>{t.print}</button>
        </div>
        <nav class="rt-pager rt-noprint" aria-label=t.steps_nav>
            {previous.map(|p| view! {
                <Link to=Route::Step(p.id.clone()) class="rt-pager__prev">
                    <span class="rt-pager__dir">{t.previous}</span>
                    {t.step_title(p.number, &p.title)}
                </Link>
            })}
            {next.map(|n| view! {
                <Link to=Route::Step(n.id.clone()) class="rt-pager__next">
                    <span class="rt-pager__dir">{t.next}</span>
                    {t.step_title(n.number, &n.title)}
                </Link>
            })}
        </nav>
    }
    .into_any()
}


/// "Where are you with this step?" as three radio buttons.
#[component]
pub(super) fn StepStateChooser(step: &'static Step) -> impl IntoView {
    let state = use_app();
    let id = step.id.as_str();
    let t = crate::text::guide_step::get();
    view! {
        <fieldset class="rt-fieldset rt-state-chooser rt-noprint">
            <legend>{t.where_are_you}</legend>
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
pub(super) fn StepBody(step: &'static Step, heading_level: u8, #[prop(optional)] expand_all: bool) -> impl IntoView {
    let state = use_app();
    let situation = move || state.settings.with(|s| s.situation);
    let role = move || state.settings.with(|s| s.role);
    let journal_on = state.config(|c| c.parts.journal);
    let t = crate::text::guide_step::get();
    let heading = move |text: String| -> AnyView {
        if heading_level == 2 {
            view! { <h2>{text}</h2> }.into_any()
        } else {
            view! { <h3>{text}</h3> }.into_any()
        }
    };

    view! {
        <p class="rt-lead">{move || words(&step.summary, situation()).into_owned()}</p>
        {heading(t.why.into())}
        {move || paragraphs(&step.why, situation())}
        {move || {
            let chosen = if expand_all { None } else { role() };
            advice_sections(step, chosen, situation(), heading_level)
        }}
        {move || situation_notes(&step.situation, situation(), heading_level)}
        {step.notes.iter().map(|note| view! {
            <section class="rt-note">
                {heading(note.title.clone())}
                {move || paragraphs(&note.body, situation())}
            </section>
        }).collect_view()}
        {(!step.instead.is_empty()).then(|| view! {
            {heading(t.words_that_help.into())}
            {move || content::pairs_by_voice(step, if expand_all { None } else { role() }).into_iter().map(|(voice, pairs)| {
                let who = match voice {
                    Voice::Hurt => t.voice_hurt,
                    Voice::Unfaithful => t.voice_unfaithful,
                };
                view! {
                    {if heading_level == 2 { view! { <h3 class="rt-instead__who">{who}</h3> }.into_any() }
                     else { view! { <h4 class="rt-instead__who">{who}</h4> }.into_any() }}
                    <ul class="rt-instead">
                        {pairs.into_iter().map(|pair| view! {
                            <li>
                                <p><span class="rt-instead__label">{t.instead_of}</span>
                                    {words(&pair.say, situation()).into_owned()}</p>
                                <p><span class="rt-instead__label">{t.try_this}</span>
                                    {words(&pair.try_, situation()).into_owned()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            }).collect_view()}
        })}
        {heading(t.to_reflect.into())}
        <ul class="rt-prompts">
            {step.prompts.iter().map(|prompt| view! {
                <li>
                    <p class="rt-prompt">{move || words(&prompt.text, situation()).into_owned()}</p>
                    {journal_on.then(|| view! {
                        <button type="button" class="rt-button rt-button--quiet rt-button--small rt-noprint"
                            on:click=move |_| super::super::journal::start_entry(Some(step.id.clone()), Some(prompt.id.clone()))>
                            {t.write_about}
                            <span class="rt-visually-hidden">{t.write_about_which(words(&prompt.text, None))}</span>
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
pub(super) fn OtherRole(step: &'static Step, role: Role, situation: Option<Situation>) -> impl IntoView {
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
/// otherwise both, each labelled (`level` 2 gives them `h2` headings, else `h3`).
pub(super) fn situation_notes(notes: &'static SituationNotes, situation: Option<Situation>, level: u8) -> AnyView {
    let t = crate::text::guide_step::get();
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
        Some(Situation::Together) => block(t.while_together, &notes.together).into_any(),
        Some(Situation::Apart | Situation::ApartUnsure) => block(t.while_apart, &notes.apart).into_any(),
        None => view! {
            {block(t.if_together, &notes.together)}
            {block(t.if_apart, &notes.apart)}
        }
        .into_any(),
    }
}

