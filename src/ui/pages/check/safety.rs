//! The safety questions (in the "both" role, each person alone, one after the
//! other), and the calm page after a warning answer.

use crate::assessment::{Draft, SafetyKind, SafetyStage};
use crate::content::{self, model::Passage, words};
use crate::route::Route;
use crate::ui::components::{paragraphs, ConfirmButton, LineList, Link, PageTitle, SiteCrisisLine};
use crate::ui::state::use_app;
use leptos::html;
use leptos::prelude::*;
use super::focus_later;

/// The safety part: in the "both" role each person answers alone, one after
/// the other; otherwise straight to the questions.
#[component]
pub(super) fn SafetyScreen(
    /// Reached from the check's start within this screen: the first heading takes focus.
    moved_on: bool,
) -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let t = crate::text::check_safety::get();
    let stage = Memo::new(move |_| state.check_draft().with(|d| d.as_ref().map(Draft::safety_stage)));
    view! {
        {move || match stage.get() {
            Some(SafetyStage::Alone { .. }) => {
                hand_over(&c.safety.alone, t.alone_ready, Draft::confirm_alone).into_any()
            }
            Some(SafetyStage::Next) => {
                hand_over(&c.safety.next, t.other_ready, move |d| d.next_person(c)).into_any()
            }
            Some(SafetyStage::Questions { person, of }) => {
                view! { <SafetyQuestions person=person of=of moved_on=moved_on/> }.into_any()
            }
            None => ().into_any(),
        }}
    }
}

/// A screen between the two people, in the "both" role: who answers next,
/// alone, and a button the one now alone presses to see their questions.
fn hand_over(passage: &'static Passage, button: &'static str, ready: impl Fn(&mut Draft) + Copy + 'static) -> impl IntoView {
    let state = use_app();
    let heading = NodeRef::<html::H1>::new();
    focus_later(heading);
    let situation = move || state.settings.with(|s| s.situation);
    let on_click = move |_| {
        state.check_draft().update(|d| {
            if let Some(d) = d {
                ready(d);
            }
        })
    };
    view! {
        <h1 class="rt-h1" tabindex="-1" node_ref=heading>{passage.title.clone()}</h1>
        {move || paragraphs(&passage.body, situation())}
        <div class="rt-actions">
            <button type="button" class="rt-button" on:click=on_click>{button}</button>
            <CancelCheck/>
        </div>
    }
}

/// Yes/no questions about safety, asked before anything about the couple.
#[component]
fn SafetyQuestions(person: u8, of: u8, moved_on: bool) -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let t = crate::text::check_safety::get();
    let heading = NodeRef::<html::H1>::new();
    if of > 1 || moved_on {
        focus_later(heading);
    }
    let situation = move || state.settings.with(|s| s.situation);
    let missing = RwSignal::new(Vec::<&'static str>::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let open = state
            .check_draft()
            .with_untracked(|d| d.as_ref().map(|d| d.safety_unanswered(c)).unwrap_or_default());
        if open.is_empty() {
            state.check_draft().update(|d| {
                if let Some(d) = d {
                    // Every question is answered, so this cannot be refused.
                    let _ = d.submit_safety(c);
                }
            });
        }
        missing.set(open);
    };

    view! {
        {if of > 1 {
            view! { <h1 class="rt-h1" tabindex="-1" node_ref=heading>{t.title}</h1> }.into_any()
        } else {
            view! { <PageTitle>{t.title}</PageTitle> }.into_any()
        }}
        {(of > 1).then(|| view! { <p class="rt-quiet">{t.person_of(of, person)}</p> })}
        {move || paragraphs(&c.safety.intro, situation())}
        <form on:submit=submit novalidate>
            {c.safety.questions.iter().map(|q| {
                let id = q.id.as_str();
                let chosen = move || state.check_draft().with(|d| d.as_ref().and_then(|d| d.safety.get(id).copied()));
                let pick = move |yes: bool| state.check_draft().update(|d| {
                    if let Some(d) = d {
                        d.safety.insert(id.to_string(), yes);
                    }
                });
                view! {
                    <fieldset class="rt-fieldset">
                        <legend>{move || words(&q.text, situation()).into_owned()}</legend>
                        <div class="rt-segmented">
                            <label class="rt-segmented__option">
                                <input type="radio" name=format!("rt-safety-{id}") value="yes"
                                    prop:checked=move || chosen() == Some(true) on:change=move |_| pick(true)/>
                                <span>{t.yes}</span>
                            </label>
                            <label class="rt-segmented__option">
                                <input type="radio" name=format!("rt-safety-{id}") value="no"
                                    prop:checked=move || chosen() == Some(false) on:change=move |_| pick(false)/>
                                <span>{t.no}</span>
                            </label>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div role="alert">
                {move || (!missing.get().is_empty()).then(|| view! {
                    <div class="rt-error">
                        <p>{t.missing}</p>
                        <ul>{missing.get().into_iter().map(|t| view! { <li>{words(t, situation()).into_owned()}</li> }).collect_view()}</ul>
                    </div>
                })}
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button">{t.next}</button>
                <CancelCheck/>
            </div>
        </form>
    }
}

/// The calm page after a warning answer: help first, with the lines to call or
/// text right here; going on to the questions is the quiet choice. Thoughts of
/// self-harm lead to crisis lines, fear of the partner to abuse helplines.
#[component]
pub(super) fn SafetyHelp() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let t = crate::text::check_safety::get();
    let heading = NodeRef::<html::H1>::new();
    focus_later(heading);
    let situation = move || state.settings.with(|s| s.situation);
    // Fixed while this page is shown: the warnings that led here.
    let kinds = state
        .check_draft()
        .with_untracked(|d| d.as_ref().map(|d| d.help_for(c)).unwrap_or_default());
    let passage = |k: SafetyKind| match k {
        SafetyKind::SelfHarm => &c.safety.crisis,
        SafetyKind::Abuse => &c.safety.help,
    };
    let title = kinds.first().map(|k| passage(*k).title.clone()).unwrap_or_else(|| c.safety.help.title.clone());
    let lines = content::lines_after(&kinds);
    let go_on = move |_| state.check_draft().update(|d| if let Some(d) = d { d.continue_anyway() });
    let review = move |_| state.check_draft().update(|d| if let Some(d) = d { d.review_safety() });
    view! {
        <h1 class="rt-h1" tabindex="-1" node_ref=heading>{title}</h1>
        <div class="rt-panel rt-panel--calm">
            {kinds.iter().enumerate().map(|(i, k)| {
                let p = passage(*k);
                view! {
                    {(i > 0).then(|| view! { <h2>{p.title.clone()}</h2> })}
                    {move || paragraphs(&p.body, situation())}
                }
            }).collect_view()}
            <SiteCrisisLine/>
            <LineList kinds=lines/>
            <div class="rt-actions">
                <Link to=Route::Help class="rt-button">{t.all_help}</Link>
            </div>
        </div>
        <h2>{c.safety.go_on.title.clone()}</h2>
        {move || paragraphs(&c.safety.go_on.body, situation())}
        <div class="rt-actions">
            <button type="button" class="rt-button rt-button--quiet" on:click=go_on>{t.go_on}</button>
            <button type="button" class="rt-button rt-button--quiet" on:click=review>{t.review}</button>
            <CancelCheck/>
        </div>
    }
}

/// Stops the check and clears its answers, after asking.
#[component]
pub(super) fn CancelCheck() -> impl IntoView {
    let state = use_app();
    let t = crate::text::check_safety::get();
    view! {
        <ConfirmButton id="rt-cancel-q" label=t.cancel quiet=true
            question=t.cancel_question
            yes=t.cancel_yes no=t.cancel_no
            on_yes=move || state.check_draft().set(None)/>
    }
}

