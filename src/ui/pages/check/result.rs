//! One completed check.

use crate::ui::components::PageTitle;
use crate::assessment::{self};
use crate::browser;
use crate::content::{self, words};
use crate::route::Route;
use crate::ui::components::{paragraphs, ConfirmButton, Link};
use super::SafetyReminder;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// One completed check, or, when there is none by that id (never saved, or
/// deleted, here or in another tab while it was open), a few words saying so.
#[component]
pub fn CheckResultPage(id: String) -> impl IntoView {
    let history = use_app().check_history();
    let result = Memo::new(move |_| history.with(|h| h.get(&id).cloned()));
    move || match result.get() {
        Some(result) => view! { <ResultShown result/> }.into_any(),
        None => {
            let t = crate::text::check_result::get();
            view! {
                <PageTitle>{t.missing_title}</PageTitle>
                <p>{t.missing_body}</p>
                <p><Link to=Route::CheckHistory>{t.see_checks}</Link></p>
            }
            .into_any()
        }
    }
}

/// The band, a bar per dimension, and where to start.
#[component]
fn ResultShown(result: assessment::CheckResult) -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let t = crate::text::check_result::get();
    let id = result.id.clone();
    let order: Vec<&str> = content::guide().steps.iter().map(|s| s.id.as_str()).collect();
    let lead = assessment::lead(c, &order, &result.scores);
    let band = lead.band;
    let step_link = |id: &str| {
        content::step(id).map(|step| view! { <Link to=Route::Step(step.id.clone())>{t.step(step.number, &step.title)}</Link> })
    };
    let situation = result.situation;
    let high_from = c.bands.last().map(|b| b.min).unwrap_or(70);
    let config = state.config(Clone::clone);
    let delete = {
        let id = id.clone();
        move || {
            state.delete_check(&id);
            state.go(Route::CheckHistory);
        }
    };

    view! {
        <PageTitle>{t.title}</PageTitle>
        <p class="rt-quiet">{t.taken_on(browser::format_date(result.taken_at))}</p>
        {result.needs_safety_reminder().then(|| view! { <SafetyReminder/> })}
        // The summary first, with the one step to start with; each part's
        // score is folded below for whoever wants it.
        <section class="rt-panel rt-band" aria-label=t.in_short>
            <h2 id="rt-band-h">{band.title.clone()}</h2>
            <p class="rt-band__score">{t.overall(result.scores.overall)}</p>
            {paragraphs(&band.body[..1.min(band.body.len())], situation)}
            {lead.first_step.as_deref().and_then(content::step).map(|step| view! {
                <p class="rt-lead-step">
                    <Link to=Route::Step(step.id.clone()) class="rt-button">
                        {t.start_with(step.number, &step.title)}
                    </Link>
                </p>
            })}
            {(!lead.weakest.is_empty()).then(|| view! {
                <p>{t.chosen_for(lead.weakest.iter().map(|part| t.part_named(part)).collect::<Vec<_>>().join(t.parts_and))}</p>
            })}
            {paragraphs(&band.body[1.min(band.body.len())..], situation)}
            {(!lead.more_steps.is_empty()).then(|| view! {
                <p>{t.after_that}
                    {lead.more_steps.iter().enumerate().map(|(i, id)| view! {
                        {(i > 0).then_some(t.list_comma)}{step_link(id)}
                    }).collect_view()}
                {t.after_that_end}</p>
            })}
        </section>

        <details class="rt-fold rt-dims-fold">
            <summary>{t.how_each}</summary>
            <ul class="rt-dims">
                {c.dimensions.iter().filter_map(|d| result.dimension(&d.id).map(|score| (d, score))).map(|(d, score)| view! {
                    <li class="rt-dim">
                        <h3 class="rt-dim__title">{d.title.clone()}</h3>
                        <div class="rt-bar" aria-hidden="true">
                            <div class="rt-bar__fill" style:width=format!("{score}%")></div>
                        </div>
                        <p class="rt-dim__score">{t.score(score)}</p>
                        <p>{words(if score >= high_from { &d.high } else { &d.low }, situation).into_owned()}</p>
                    </li>
                }).collect_view()}
            </ul>
        </details>

        <section aria-labelledby="rt-about-h">
            <h2 id="rt-about-h">{t.about}</h2>
            {paragraphs(&c.disclaimer, situation)}
            {c.translation.as_deref().map(|note| view! { <p>{note}</p> })}
            // The disclaimer already says a counsellor can help; a site that
            // embeds the app adds the way to reach its own.
            {config.contact_url.clone().map(|url| view! {
                <p>{t.talk_lead}
                    <a href=url>{config.practice_name.clone().unwrap_or_else(|| t.contact_counsellor.into())}</a></p>
            })}
        </section>

        <div class="rt-actions rt-noprint">
            <Link to=Route::Check class="rt-button rt-button--quiet">{t.back}</Link>
            <Link to=Route::CheckHistory class="rt-button rt-button--quiet">{t.all_checks}</Link>
            {share_links(&result)}
            <Link to=Route::Summary class="rt-button rt-button--quiet">{t.summary}</Link>
            <ConfirmButton id="rt-del-q" label=t.delete
                question=t.delete_question
                yes=t.delete_yes no=t.delete_no on_yes=delete/>
        </div>
    }
}

/// "Share this result" and "Compare with your partner", where the site offers comparing.
fn share_links(result: &assessment::CheckResult) -> Option<impl IntoView> {
    let t = crate::text::check_result::get();
    let on = use_app().config(|c| c.parts.compare) && !result.partner;
    on.then(|| view! {
        <Link to=Route::CheckShare(result.id.clone()) class="rt-button rt-button--quiet">{t.share}</Link>
        <Link to=Route::CheckCompare class="rt-button rt-button--quiet">{t.compare}</Link>
    })
}
