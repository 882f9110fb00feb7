//! The first screen: what this is, where to start or carry on, and the three ways in.

use super::split;
use crate::browser;
use crate::content::{self, words};
use crate::route::Route;
use crate::text;
use crate::ui::components::{Link, PageTitle, Welcome};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Home: a welcome, a "Start here" card, where the person left off, and a card for each part.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_app();
    let parts = state.config(|c| c.parts);
    let t = text::home::get();
    view! {
        <PageTitle>{t.title}</PageTitle>
        <p class="rt-lead">{t.lead}</p>
        <Welcome/>
        <StartHere/>
        <LeftOff/>
        <ul class="rt-cards">
            {parts.check.then(|| view! {
                <li class="rt-card">
                    <h2><Link to=Route::Check>{t.check}</Link></h2>
                    <p>{t.check_about}</p>
                </li>
            })}
            {parts.guide.then(|| view! {
                <li class="rt-card">
                    <h2><Link to=Route::Guide>{t.guide}</Link></h2>
                    <p>{t.guide_about}</p>
                </li>
            })}
            {parts.journal.then(|| view! {
                <li class="rt-card">
                    <h2><Link to=Route::Journal>{t.journal}</Link></h2>
                    <p>{t.journal_about}</p>
                </li>
            })}
        </ul>
        <p class="rt-quiet">{t.never_guaranteed}</p>
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
        let t = text::home::get();
        Some(view! {
            <section class="rt-panel rt-start" aria-labelledby="rt-start-h">
                <h2 id="rt-start-h">{t.start_here}</h2>
                {card.body.iter().map(|p| view! { <p>{move || words(p, situation()).into_owned()}</p> }).collect_view()}
                <p class="rt-start__links">
                    {move || label.get().flatten().map(|(id, text)| view! { <Link to=Route::Step(id)>{text}</Link> })}
                    <Link to=Route::Help>{t.help_now}</Link>
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
            let t = text::home::get();
            view! {
                <section class="rt-panel rt-place" aria-labelledby="rt-place-h">
                    <h2 id="rt-place-h">{t.left_off}</h2>
                    {move || guide.get().map(|(lead, id, text)| view! {
                        <p>{lead}" "<Link to=Route::Step(id)>{text}</Link></p>
                    })}
                    {last.map(|l| view! {
                        <p class="rt-last-check">
                            {t.last_check(browser::format_date(l.taken_at))}
                            {move || band.get().map(|b| t.with_band(b))}
                            {t.last_check_end}
                            <Link to=Route::CheckResult(l.id)>{t.see_result}</Link>
                        </p>
                    })}
                </section>
            }
        })
    }
}
