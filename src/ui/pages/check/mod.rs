//! The readiness check: intro, safety screen, the questions, results and history.

mod compare;
mod history;
mod intro;
mod questions;
mod result;
mod safety;
mod scan;
mod share;

pub use compare::{ComparePage, ComparisonPage, ComparisonPageProps};
pub use history::CheckHistoryPage;
pub use result::{CheckResultPage, CheckResultPageProps};
pub use share::{SharePage, SharePageProps};

use intro::CheckIntro;
use questions::Questions;
use safety::{SafetyHelp, SafetyScreen};
use crate::assessment::Phase;
use crate::browser;
use crate::content;
use crate::route::Route;
use crate::ui::components::Link;
use crate::ui::state::use_app;
use leptos::html;
use leptos::prelude::*;

/// The check itself: whichever part the person is at.
#[component]
pub fn CheckPage() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    // A memo, so answering a question (which changes the draft) does not
    // rebuild the screen the person is on: only a change of phase does.
    let phase = Memo::new(move |_| state.check_draft().with(|d| d.as_ref().map(|d| d.phase(c))));
    // Whether a part was already drawn here: moving on from it within this
    // screen (its button gone with it), the next part's heading takes focus,
    // as a new screen's does; arriving at the check, the page's own does.
    let drawn = StoredValue::new(false);
    view! {
        {move || {
            let moved_on = drawn.get_value();
            drawn.set_value(true);
            match phase.get() {
                None => view! { <CheckIntro/> }.into_any(),
                Some(Phase::Safety) => view! { <SafetyScreen moved_on=moved_on/> }.into_any(),
                Some(Phase::SafetyHelp) => view! { <SafetyHelp/> }.into_any(),
                Some(Phase::Items) => view! { <Questions moved_on=moved_on/> }.into_any(),
            }
        }}
    }
}

/// Focuses `target` after the next render: used when the check moves on within one screen.
fn focus_later(target: NodeRef<html::H1>) {
    browser::after_render(move || {
        // The screen may be gone by then (the browser can run this late).
        if let Some(el) = target.try_get_untracked().flatten() {
            let _ = el.focus();
        }
    });
}

/// The gentle reminder on a result (and in the history) taken after a safety warning.
#[component]
fn SafetyReminder() -> impl IntoView {
    let c = content::check();
    let t = crate::text::check_reminder::get();
    view! {
        <aside class="rt-panel rt-panel--calm rt-reminder" role="note" aria-label=t.label>
            <p><strong>{t.lead}</strong>{c.safety.reminder.clone()}</p>
            <p><Link to=Route::Help>{t.help}</Link></p>
        </aside>
    }
}
