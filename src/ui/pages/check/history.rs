//! Every completed check, over time.

use crate::ui::components::PageTitle;
use crate::assessment::CheckResult;
use crate::browser;
use crate::content::{self};
use crate::route::Route;
use super::SafetyReminder;
use crate::ui::components::{LineChart, Link, Series};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Every completed check: a trend chart with a table alternative.
#[component]
pub fn CheckHistoryPage() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let t = crate::text::check_history::get();
    let results = move || state.check_history().with(|h| h.0.clone());
    let removed = RwSignal::new(None::<CheckResult>);
    let delete = move |id: String| {
        if let Some(r) = state.delete_check(&id) {
            removed.set(Some(r));
        }
    };
    let undo = move |_| {
        if let Some(r) = removed.get_untracked() {
            state.restore_check(r);
            removed.set(None);
        }
    };

    view! {
        <PageTitle>{t.title}</PageTitle>
        <div role="status" class="rt-status">
            {move || removed.get().map(|r| view! {
                <div class="rt-notice rt-notice--inline">
                    <p>{t.deleted(browser::format_date(r.taken_at))}</p>
                    <button type="button" class="rt-button rt-button--quiet" on:click=undo>{t.undo}</button>
                </div>
            })}
        </div>
        {move || {
            let list = results();
            if list.is_empty() {
                return view! {
                    <p>{t.empty}</p>
                    <p><Link to=Route::Check class="rt-button">{t.take}</Link></p>
                }.into_any();
            }
            let any_reminder = list.iter().any(CheckResult::needs_safety_reminder);
            view! {
                <TrendChart results=list.clone()/>
                <div class="rt-table-wrap" tabindex="0" role="region" aria-labelledby="rt-table-caption">
                    <table class="rt-table rt-table--cards">
                        <caption id="rt-table-caption">{t.caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.date}</th>
                                <th scope="col">{t.overall}</th>
                                {c.dimensions.iter().map(|d| view! { <th scope="col">{d.title.clone()}</th> }).collect_view()}
                                <th scope="col"><span class="rt-visually-hidden">{t.actions}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().rev().map(|r| {
                                let id = r.id.clone();
                                let date = browser::format_date(r.taken_at);
                                let (delete_label, open, whose) = if r.partner {
                                    (t.delete_partner(&date), Route::CheckComparison(r.id.clone()), t.theirs)
                                } else {
                                    (t.delete_own(&date), Route::CheckResult(r.id.clone()), "")
                                };
                                view! {
                                    <tr class:rt-row--theirs=r.partner>
                                        <th scope="row">
                                            <Link to=open>{date.clone()}</Link>{whose}
                                            {r.needs_safety_reminder().then(|| view! { " " <span class="rt-badge">{crate::text::check_reminder::get().label}</span> })}
                                        </th>
                                        <td data-label=t.overall>{r.scores.overall}</td>
                                        {c.dimensions.iter().map(|d| view! {
                                            <td data-label=d.title.clone()>{r.dimension(&d.id).map(|s| s.to_string()).unwrap_or_else(|| "–".into())}</td>
                                        }).collect_view()}
                                        <td>
                                            <button type="button" class="rt-button rt-button--danger rt-button--small"
                                                on:click=move |_| delete(id.clone())>
                                                {t.delete} <span class="rt-visually-hidden">{delete_label}</span>
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {any_reminder.then(|| view! { <SafetyReminder/> })}
            }.into_any()
        }}
        <p class="rt-actions"><Link to=Route::Check class="rt-button rt-button--quiet">{t.back}</Link></p>
    }
}

/// The overall score and each part over time, as one line chart.
/// The table next to it carries the same numbers for screen readers.
#[component]
fn TrendChart(results: Vec<CheckResult>) -> impl IntoView {
    let c = content::check();
    let t = crate::text::check_history::get();
    let n = results.len();
    let xs = || results.iter().enumerate().map(|(i, r)| (i as f64, r));
    // Both people's checks share one time line; the other person's overall
    // score is its own line (their results came from share codes).
    let own = || xs().filter(|(_, r)| !r.partner);
    let mut series = vec![Series {
        name: t.overall.into(),
        points: own().map(|(x, r)| (x, f64::from(r.scores.overall))).collect(),
        main: true,
    }];
    series.extend(c.dimensions.iter().map(|d| Series {
        name: d.title.clone(),
        points: own().filter_map(|(x, r)| r.dimension(&d.id).map(|s| (x, f64::from(s)))).collect(),
        main: false,
    }));
    if results.iter().any(|r| r.partner) {
        series.push(Series {
            name: t.partner_overall.into(),
            points: xs().filter(|(_, r)| r.partner).map(|(x, r)| (x, f64::from(r.scores.overall))).collect(),
            main: false,
        });
    }
    let first = results.first().map(|r| browser::format_date(r.taken_at)).unwrap_or_default();
    let last = results.last().map(|r| browser::format_date(r.taken_at)).unwrap_or_default();
    let latest = results.iter().rev().find(|r| !r.partner).map(|r| r.scores.overall).unwrap_or(0);
    let summary = t.chart_summary(n, &first, &last, latest);
    view! {
        <LineChart series=series y_range=(0.0, 100.0)
            ticks=[0u32, 25, 50, 75, 100].into_iter().map(|g| (f64::from(g), g.to_string())).collect()
            first=first last=last summary=summary
            caption=t.chart_caption/>
    }
}
