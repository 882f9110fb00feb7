//! The first screen: what this is, where to start or carry on, and the three ways in.

use super::split;
use crate::assessment;
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
/// check's date and band. Each line needs a part's own file, fetched after
/// this screen has shown (the guide's for its words, the check's for the
/// check history and its words); each appears when it arrives.
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
    // The newest check's line needs the check history, which is read with
    // the check's file: fetched once a history is saved, now or later (a
    // first check finished in another tab). Once shown, it follows the
    // history (a check deleted in another tab).
    let line = RwSignal::new(None::<split::LastCheckLine>);
    let fetching = StoredValue::new(false);
    Effect::new(move |_| {
        state.track_stored_history();
        if !parts.check || fetching.get_value() {
            return;
        }
        let saved = untrack(|| state.with_store(|s| matches!(s.get_stored(assessment::HISTORY_KEY), Ok(Some(_)))));
        if saved == Some(true) {
            fetching.set_value(true);
            leptos::task::spawn_local(async move {
                if let Ok(found) = split::last_check(state).await {
                    let _ = line.try_set(Some(found));
                }
            });
        }
    });
    let last = Memo::new(move |_| line.get().and_then(|find| find(state)));
    move || {
        (guide.with(Option::is_some) || last.with(Option::is_some)).then(|| {
            let t = text::home::get();
            view! {
                <section class="rt-panel rt-place" aria-labelledby="rt-place-h">
                    <h2 id="rt-place-h">{t.left_off}</h2>
                    {move || guide.get().map(|(lead, id, text)| view! {
                        <p>{lead}" "<Link to=Route::Step(id)>{text}</Link></p>
                    })}
                    {move || last.get().map(|(l, band)| view! {
                        <p class="rt-last-check">
                            {t.last_check(browser::format_date(l.taken_at))}
                            {band.map(|b| t.with_band(b))}
                            {t.last_check_end}
                            <Link to=Route::CheckResult(l.id)>{t.see_result}</Link>
                        </p>
                    })}
                </section>
            }
        })
    }
}
