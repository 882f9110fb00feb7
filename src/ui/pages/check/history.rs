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
    let results = move || state.check_history.with(|h| h.0.clone());
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
        <PageTitle>"Your checks over time"</PageTitle>
        <div role="status" class="rt-status">
            {move || removed.get().map(|r| view! {
                <div class="rt-notice rt-notice--inline">
                    <p>{format!("The check from {} was deleted.", browser::format_date(r.taken_at))}</p>
                    <button type="button" class="rt-button rt-button--quiet" on:click=undo>"Undo"</button>
                </div>
            })}
        </div>
        {move || {
            let list = results();
            if list.is_empty() {
                return view! {
                    <p>"No completed checks yet. When you finish one, it is kept here with its date, so you can see how things move over time."</p>
                    <p><Link to=Route::Check class="rt-button">"Take the readiness check"</Link></p>
                }.into_any();
            }
            let any_reminder = list.iter().any(CheckResult::needs_safety_reminder);
            view! {
                <TrendChart results=list.clone()/>
                <div class="rt-table-wrap" tabindex="0" role="region" aria-labelledby="rt-table-caption">
                    <table class="rt-table rt-table--cards">
                        <caption id="rt-table-caption">"Scores out of 100, by date"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Overall"</th>
                                {c.dimensions.iter().map(|d| view! { <th scope="col">{d.title.clone()}</th> }).collect_view()}
                                <th scope="col"><span class="rt-visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().rev().map(|r| {
                                let id = r.id.clone();
                                let date = browser::format_date(r.taken_at);
                                let (delete_label, open, whose) = if r.partner {
                                    (format!(" your partner’s check from {date}"), Route::CheckComparison(r.id.clone()), " (your partner’s)")
                                } else {
                                    (format!(" the check from {date}"), Route::CheckResult(r.id.clone()), "")
                                };
                                view! {
                                    <tr class:rt-row--theirs=r.partner>
                                        <th scope="row">
                                            <Link to=open>{date.clone()}</Link>{whose}
                                            {r.needs_safety_reminder().then(|| view! { " " <span class="rt-badge">"Safety reminder"</span> })}
                                        </th>
                                        <td data-label="Overall">{r.scores.overall}</td>
                                        {c.dimensions.iter().map(|d| view! {
                                            <td data-label=d.title.clone()>{r.dimension(&d.id).map(|s| s.to_string()).unwrap_or_else(|| "–".into())}</td>
                                        }).collect_view()}
                                        <td>
                                            <button type="button" class="rt-button rt-button--danger rt-button--small"
                                                on:click=move |_| delete(id.clone())>
                                                "Delete" <span class="rt-visually-hidden">{delete_label}</span>
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
        <p class="rt-actions"><Link to=Route::Check class="rt-button rt-button--quiet">"Back to the check"</Link></p>
    }
}

/// The overall score and each part over time, as one line chart.
/// The table next to it carries the same numbers for screen readers.
#[component]
fn TrendChart(results: Vec<CheckResult>) -> impl IntoView {
    let c = content::check();
    let n = results.len();
    let xs = || results.iter().enumerate().map(|(i, r)| (i as f64, r));
    // Both people's checks share one time line; the other person's overall
    // score is its own line (their results came from share codes).
    let own = || xs().filter(|(_, r)| !r.partner);
    let mut series = vec![Series {
        name: "Overall".into(),
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
            name: "Your partner, overall".into(),
            points: xs().filter(|(_, r)| r.partner).map(|(x, r)| (x, f64::from(r.scores.overall))).collect(),
            main: false,
        });
    }
    let first = results.first().map(|r| browser::format_date(r.taken_at)).unwrap_or_default();
    let last = results.last().map(|r| browser::format_date(r.taken_at)).unwrap_or_default();
    let latest = results.iter().rev().find(|r| !r.partner).map(|r| r.scores.overall).unwrap_or(0);
    let summary = format!(
        "Overall score across {}, from {first} to {last}; your latest is {latest} out of 100. The table below lists every score.",
        crate::plural::CHECK.count(n)
    );
    view! {
        <LineChart series=series y_range=(0.0, 100.0)
            ticks=[0u32, 25, 50, 75, 100].into_iter().map(|g| (f64::from(g), g.to_string())).collect()
            first=first last=last summary=summary
            caption="Ups and downs are normal: healing is rarely a straight line."/>
    }
}
