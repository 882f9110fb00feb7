//! Mood over time.

use crate::ui::components::PageTitle;
use super::*;
use crate::browser;
use crate::journal::{mood_series, mood_word, MOODS};
use crate::text;
use crate::route::Route;
use crate::ui::components::{LineChart, Link, Series};
use crate::ui::state::use_journal;
use leptos::prelude::*;

/// Mood over time: a line of the daily mean, with the same numbers in a table.
#[component]
pub fn MoodsPage() -> impl IntoView {
    let journal = use_journal();
    let series = Memo::new(move |_| journal.finder.with(|f| mood_series(f.entries(), browser::utc_offset_min_at)));
    let day_label = move |day: i64| browser::format_date((day.max(0) as u64) * DAY_MS + DAY_MS / 2);
    let (t, common) = (text::journal_moods::get(), text::journal_common::get());
    view! {
        <nav class="rt-breadcrumb rt-noprint" aria-label=common.breadcrumb>
            <Link to=Route::Journal>{common.your_journal}</Link>
            <span aria-hidden="true">" › "</span>
            <span>{common.mood_over_time}</span>
        </nav>
        <PageTitle>{common.mood_over_time}</PageTitle>
        <p>{t.intro}</p>
        {move || {
            let points = series.get();
            if points.is_empty() {
                return view! {
                    <p class="rt-empty">{t.empty}</p>
                }.into_any();
            }
            let (first, last) = (points[0].day, points[points.len() - 1].day);
            let summary = t.chart_summary(points.len(), day_label(first), day_label(last));
            let series = vec![Series {
                name: t.average.into(),
                points: points.iter().map(|p| (p.day as f64, f64::from(p.mean))).collect(),
                main: true,
            }];
            let ticks = MOODS.filter_map(|m| Some((f64::from(m), mood_word(m)?.to_string()))).collect();
            view! {
                <LineChart series=series y_range=(1.0, 5.0) ticks=ticks label_room=84.0
                    first=day_label(first) last=day_label(last) summary=summary/>
                <div class="rt-table-wrap" tabindex="0" role="region" aria-labelledby="rt-moods-caption">
                    <table class="rt-table">
                        <caption id="rt-moods-caption">{t.caption}</caption>
                        <thead><tr><th scope="col">{t.day}</th><th scope="col">{t.average}</th><th scope="col">{t.entries}</th></tr></thead>
                        <tbody>
                            {points.iter().rev().map(|p| view! {
                                <tr>
                                    <th scope="row">{day_label(p.day)}</th>
                                    <td>{t.mean(crate::locale::active().decimal(f64::from(p.mean), 1), mood_word((p.mean.round() as u8).clamp(1, 5)).unwrap_or_default())}</td>
                                    <td>{p.count}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
