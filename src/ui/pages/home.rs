//! The first screen: what this is, and the three ways in.

use crate::ui::components::PageTitle;
use crate::route::Route;
use crate::ui::components::Welcome;
use crate::ui::components::Link;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Home: a welcome and a card for each part that is offered.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_app();
    let parts = state.config(|c| c.parts);
    // The step's title comes with the guide's own file, fetched after this
    // screen has shown; the line appears when it arrives.
    let label = RwSignal::new(None::<(String, String)>);
    if let Some(id) = state.progress.with_untracked(|p| p.last_viewed().map(str::to_string)).filter(|_| parts.guide) {
        leptos::task::spawn_local(async move {
            if let Ok(Some(text)) = super::split::step_label(id.clone()).await {
                let _ = label.try_set(Some((id, text)));
            }
        });
    }
    let last_step = move || {
        label.get().map(|(id, text)| view! {
            <p class="rt-panel rt-continue">
                "Continue where you left off: "
                <Link to=Route::Step(id)>{text}</Link>
            </p>
        })
    };
    view! {
        <PageTitle>"Rebuild trust, one honest step at a time"</PageTitle>
        <p class="rt-lead">
            "A private companion for couples, and for ex-partners, finding their way after infidelity. "
            "Everything you write stays on this device."
        </p>
        {last_step}
        <Welcome/>
        <ul class="rt-cards">
            {parts.check.then(|| view! {
                <li class="rt-card">
                    <h2><Link to=Route::Check>"Readiness check"</Link></h2>
                    <p>"Should we even try? A few quiet questions, starting with your safety, and where to begin."</p>
                </li>
            })}
            {parts.guide.then(|| view! {
                <li class="rt-card">
                    <h2><Link to=Route::Guide>"The guide"</Link></h2>
                    <p>"Fifteen steps, with what each of you can do, at your own pace."</p>
                </li>
            })}
            {parts.journal.then(|| view! {
                <li class="rt-card">
                    <h2><Link to=Route::Journal>"Private journal"</Link></h2>
                    <p>"A place for feelings, questions and small signs of progress. It never leaves this device."</p>
                </li>
            })}
        </ul>
        <p class="rt-quiet">
            "Rebuilding is possible, and it is never guaranteed. Deciding to part can be a brave and healthy outcome too."
        </p>
    }
}
