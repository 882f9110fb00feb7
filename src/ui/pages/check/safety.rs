//! The safety questions, and the calm page after a warning answer.

use crate::ui::components::PageTitle;
use crate::content::{self, words};
use crate::route::Route;
use crate::ui::components::{paragraphs, ConfirmButton, Link};
use crate::ui::state::use_app;
use leptos::html;
use leptos::prelude::*;
use super::focus_later;

/// Yes/no questions about safety, asked before anything about the couple.
#[component]
pub(super) fn SafetyScreen() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let situation = move || state.settings.with(|s| s.situation);
    let missing = RwSignal::new(Vec::<&'static str>::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let unanswered = state
            .check_draft
            .with_untracked(|d| d.as_ref().map(|d| d.safety_unanswered(c)).unwrap_or_default());
        if unanswered.is_empty() {
            state.check_draft.update(|d| {
                if let Some(d) = d {
                    d.safety_done = true;
                }
            });
        } else {
            missing.set(unanswered);
        }
    };

    view! {
        <PageTitle>"First, your safety"</PageTitle>
        {move || paragraphs(&c.safety.intro, situation())}
        <form on:submit=submit novalidate>
            {c.safety.questions.iter().map(|q| {
                let id = q.id.as_str();
                let chosen = move || state.check_draft.with(|d| d.as_ref().and_then(|d| d.safety.get(id).copied()));
                let pick = move |yes: bool| state.check_draft.update(|d| {
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
                                <span>"Yes"</span>
                            </label>
                            <label class="rt-segmented__option">
                                <input type="radio" name=format!("rt-safety-{id}") value="no"
                                    prop:checked=move || chosen() == Some(false) on:change=move |_| pick(false)/>
                                <span>"No"</span>
                            </label>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div role="alert">
                {move || (!missing.get().is_empty()).then(|| view! {
                    <div class="rt-error">
                        <p>"Please answer every safety question first. Still open:"</p>
                        <ul>{missing.get().into_iter().map(|t| view! { <li>{words(t, situation()).into_owned()}</li> }).collect_view()}</ul>
                    </div>
                })}
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button">"Continue"</button>
                <CancelCheck/>
            </div>
        </form>
    }
}

/// The calm page after a warning answer: help first, couples exercises only by choice.
#[component]
pub(super) fn SafetyHelp() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let config = state.config(Clone::clone);
    let heading = NodeRef::<html::H1>::new();
    focus_later(heading);
    let situation = move || state.settings.with(|s| s.situation);
    let go_on = move |_| {
        state.check_draft.update(|d| {
            if let Some(d) = d {
                d.continued_after_warning = true;
            }
        })
    };
    let review = move |_| {
        state.check_draft.update(|d| {
            if let Some(d) = d {
                d.safety_done = false;
            }
        })
    };
    view! {
        <h1 class="rt-h1" tabindex="-1" node_ref=heading>{c.safety.help.title.clone()}</h1>
        <div class="rt-panel rt-panel--calm">
            {move || paragraphs(&c.safety.help.body, situation())}
            {config.crisis_text.clone().map(|t| view! { <p><strong>{t}</strong></p> })}
            {config.crisis_number.clone().map(|n| {
                let tel: String = n.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                view! { <p><a href=format!("tel:{tel}")>{n}</a></p> }
            })}
            <p><Link to=Route::Help>"See help and support options"</Link></p>
        </div>
        <h2>"If you still want to go on"</h2>
        <p>
            "The questions that follow are about rebuilding the relationship. "
            "They can wait. If you decide to answer them anyway, that is your choice to make."
        </p>
        <div class="rt-actions">
            <button type="button" class="rt-button rt-button--quiet" on:click=go_on>"Continue to the questions anyway"</button>
            <button type="button" class="rt-button rt-button--quiet" on:click=review>"Change my safety answers"</button>
            <CancelCheck/>
        </div>
    }
}

/// Stops the check and clears its answers, after asking.
#[component]
pub(super) fn CancelCheck() -> impl IntoView {
    let state = use_app();
    view! {
        <ConfirmButton id="rt-cancel-q" label="Stop and clear my answers" quiet=true
            question="Clear the answers of this unfinished check? Earlier results are kept."
            yes="Yes, clear them" no="Keep going"
            on_yes=move || state.check_draft.set(None)/>
    }
}

