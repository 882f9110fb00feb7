//! The first screen: what this is, where to start or carry on, and the three ways in.

use super::split;
use crate::browser;
use crate::content::{self, words};
use crate::route::Route;
use crate::ui::components::{Link, PageTitle, Welcome};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Home: a welcome, a "Start here" card, where the person left off, and a card for each part.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_app();
    let parts = state.config(|c| c.parts);
    view! {
        <PageTitle>"Rebuild trust, one honest step at a time"</PageTitle>
        <p class="rt-lead">
            "A private companion for couples, and for ex-partners, finding their way after infidelity. "
            "Everything you write stays on this device."
        </p>
        <Welcome/>
        <StartHere/>
        <LeftOff/>
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

/// "Start here": a short card fitted to what the person told the app, with
/// the step to read first and the way to help. Shown once the first-run
/// question is answered or skipped, until a step of the guide is marked.
#[component]
fn StartHere() -> impl IntoView {
    let state = use_app();
    let guide = state.config(|c| c.parts.guide);
    let card = move || {
        state.settings.with(|s| {
            s.welcomed
                .then(|| content::start_card(content::start(), s.role, s.situation, s.moment))
                .flatten()
        })
    };
    let unmarked = move || state.progress.with(|p| p.marks().next().is_none());
    // The step's title comes with the guide's own file, fetched after this
    // screen has shown; the link appears when it arrives.
    let label = LocalResource::new(move || {
        let step = card().map(|c| c.step.clone());
        async move {
            let id = step?;
            let text = split::step_label(id.clone()).await.ok().flatten()?;
            Some((id, text))
        }
    });
    let situation = move || state.settings.with(|s| s.situation);
    move || {
        let card = card().filter(|_| guide && unmarked())?;
        Some(view! {
            <section class="rt-panel rt-start" aria-labelledby="rt-start-h">
                <h2 id="rt-start-h">"Start here"</h2>
                {card.body.iter().map(|p| view! { <p>{move || words(p, situation()).into_owned()}</p> }).collect_view()}
                <p class="rt-start__links">
                    {move || label.get().flatten().map(|(id, text)| view! { <Link to=Route::Step(id)>{text}</Link> })}
                    <Link to=Route::Help>"Help, if you need someone now"</Link>
                </p>
            </section>
        })
    }
}

/// Where the person left off: the guide step to carry on with, and the last
/// check's date and band. Both lines need a part's own file for their words,
/// fetched after this screen has shown; each appears when it arrives.
#[component]
fn LeftOff() -> impl IntoView {
    let state = use_app();
    let parts = state.config(|c| c.parts);
    let guide = RwSignal::new(None::<(&'static str, String, String)>);
    let progress = state.progress.get_untracked();
    if parts.guide && !progress.is_empty() {
        leptos::task::spawn_local(async move {
            if let Ok(Some(line)) = split::resume_label(progress).await {
                let _ = guide.try_set(Some(line));
            }
        });
    }
    let last = state.check_history.with_untracked(|h| h.last_check()).filter(|_| parts.check);
    let band = RwSignal::new(None::<String>);
    if let Some(id) = last.as_ref().map(|l| l.band.clone()) {
        leptos::task::spawn_local(async move {
            if let Ok(Some(title)) = split::band_title(id).await {
                let _ = band.try_set(Some(title));
            }
        });
    }
    let has_last = last.is_some();
    move || {
        (guide.with(Option::is_some) || has_last).then(|| {
            let last = last.clone();
            view! {
                <section class="rt-panel rt-place" aria-labelledby="rt-place-h">
                    <h2 id="rt-place-h">"Where you left off"</h2>
                    {move || guide.get().map(|(lead, id, text)| view! {
                        <p>{lead}" "<Link to=Route::Step(id)>{text}</Link></p>
                    })}
                    {last.map(|l| view! {
                        <p class="rt-last-check">
                            {format!("Your last readiness check, on {}", browser::format_date(l.taken_at))}
                            {move || band.get().map(|b| format!(": {b}"))}
                            ". "
                            <Link to=Route::CheckResult(l.id)>"See that result"</Link>
                        </p>
                    })}
                </section>
            }
        })
    }
}
