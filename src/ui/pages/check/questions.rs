//! The agreement statements, one at a time.

use crate::assessment::CheckResult;
use crate::browser;
use crate::content::{self, model::CheckContent, words};
use crate::ids::new_id;
use crate::route::Route;
use crate::settings::{Role, Situation};
use crate::ui::state::use_app;
use leptos::html;
use leptos::prelude::*;
use super::focus_later;
use super::safety::CancelCheck;

fn item_text(c: &'static CheckContent, index: usize, role: Option<Role>, situation: Option<Situation>) -> String {
    let item = &c.items[index];
    let text = match role.unwrap_or(Role::Both) {
        Role::Hurt => &item.hurt,
        Role::Unfaithful => &item.unfaithful,
        Role::Both => &item.both,
    };
    words(text, situation).into_owned()
}

/// The agreement items, one at a time, with back and next.
#[component]
pub(super) fn Questions(
    /// Reached from the safety screen within this screen: the heading takes focus.
    moved_on: bool,
) -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let t = crate::text::check_questions::get();
    let total = c.items.len();
    let heading = NodeRef::<html::H1>::new();
    let position = Memo::new(move |_| {
        state
            .check_draft()
            .with(|d| d.as_ref().map(|d| d.position.min(total - 1)).unwrap_or(0))
    });
    let position = move || position.get();
    let role = move || state.settings.with(|s| s.role);
    let situation = move || state.settings.with(|s| s.situation);
    let unanswered = RwSignal::new(Vec::<usize>::new());
    let move_to = move |i: usize| {
        state.check_draft().update(|d| {
            if let Some(d) = d {
                d.position = i.min(total - 1);
            }
        });
        unanswered.set(Vec::new());
        focus_later(heading);
    };
    if moved_on {
        focus_later(heading);
    }
    let finish = move || {
        let Some(draft) = state.check_draft().get_untracked() else { return };
        let open = draft.unanswered(c);
        if !open.is_empty() {
            unanswered.set(open);
            return;
        }
        let (role, situation) = state.settings.with_untracked(|s| (s.role, s.situation));
        let id = new_id(browser::now_ms(), browser::random_u64());
        if let Some(result) = CheckResult::from_draft(c, &draft, id.clone(), browser::now_ms(), role, situation) {
            state.check_history().update(|h| h.add(result));
            state.check_draft().set(None);
            state.go(Route::CheckResult(id));
        }
    };

    view! {
        <h1 class="rt-h1" tabindex="-1" node_ref=heading>
            {move || t.title(position() + 1, total)}
        </h1>
        <progress class="rt-progress" max=total
            value=move || state.check_draft().with(|d| d.as_ref().map(|d| d.answered_count(c)).unwrap_or(0))
            aria-label=t.answered_label></progress>
        <p class="rt-quiet">
            {move || t.answered(state.check_draft().with(|d| d.as_ref().map(|d| d.answered_count(c)).unwrap_or(0)), total)}
        </p>
        {move || {
            let i = position();
            let item = &c.items[i];
            let id = item.id.as_str();
            let chosen = move || state.check_draft().with(|d| d.as_ref().and_then(|d| d.answers.get(id).copied()));
            view! {
                <fieldset class="rt-fieldset rt-question">
                    <legend class="rt-question__text">{item_text(c, i, role(), situation())}</legend>
                    <div class="rt-scale">
                        {c.scale.iter().enumerate().map(|(k, label)| {
                            let value = (k + 1) as u8;
                            view! {
                                <label class="rt-scale__option">
                                    <input type="radio" name=format!("rt-item-{id}") value=value
                                        prop:checked=move || chosen() == Some(value)
                                        on:change=move |_| state.check_draft().update(|d| {
                                            if let Some(d) = d { d.answer(c, id, value); }
                                        })/>
                                    <span>{label.clone()}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            }
        }}
        <div role="alert">
            {move || (!unanswered.get().is_empty()).then(|| view! {
                <div class="rt-error">
                    <p>{t.unanswered}</p>
                    <ul>
                        {unanswered.get().into_iter().map(|i| view! {
                            <li>
                                <button type="button" class="rt-linklike" on:click=move |_| move_to(i)>
                                    {t.question(i + 1, item_text(c, i, role(), situation()))}
                                </button>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
        </div>
        <div class="rt-actions">
            <button type="button" class="rt-button rt-button--quiet"
                disabled=move || position() == 0
                on:click=move |_| move_to(position().saturating_sub(1))>{t.back}</button>
            {move || if position() + 1 < total {
                view! { <button type="button" class="rt-button" on:click=move |_| move_to(position() + 1)>{t.next}</button> }.into_any()
            } else {
                view! { <button type="button" class="rt-button" on:click=move |_| finish()>{t.finish}</button> }.into_any()
            }}
        </div>
        <CancelCheck/>
    }
}
