//! Mood over time.

use crate::ui::components::PageTitle;
use super::*;
use crate::browser;
use crate::journal::{
    mood_series,
    MOOD_WORDS,
};
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
    view! {
        <nav class="rt-breadcrumb rt-noprint" aria-label="Breadcrumb">
            <Link to=Route::Journal>"Your journal"</Link>
            <span aria-hidden="true">" › "</span>
            <span>"Mood over time"</span>
        </nav>
        <PageTitle>"Mood over time"</PageTitle>
        <p>
            "Healing rarely runs in a straight line. Seeing the ups and downs over weeks can make a hard day "
            "feel less like going backwards."
        </p>
        {move || {
            let points = series.get();
            if points.is_empty() {
                return view! {
                    <p class="rt-empty">"When you choose a mood for your entries, it shows here, day by day."</p>
                }.into_any();
            }
            let (first, last) = (points[0].day, points[points.len() - 1].day);
            let summary = format!(
                "Mood by day, {} with a mood from {} to {}. The table below lists each day.",
                crate::plural::DAY.count(points.len()), day_label(first), day_label(last)
            );
            let series = vec![Series {
                name: "Average mood".into(),
                points: points.iter().map(|p| (p.day as f64, f64::from(p.mean))).collect(),
                main: true,
            }];
            let ticks = MOOD_WORDS.iter().enumerate().map(|(i, w)| ((i + 1) as f64, (*w).to_string())).collect();
            view! {
                <LineChart series=series y_range=(1.0, 5.0) ticks=ticks label_room=84.0
                    first=day_label(first) last=day_label(last) summary=summary/>
                <div class="rt-table-wrap" tabindex="0" role="region" aria-labelledby="rt-moods-caption">
                    <table class="rt-table">
                        <caption id="rt-moods-caption">"Mood by day (1 is very low, 5 is good)"</caption>
                        <thead><tr><th scope="col">"Day"</th><th scope="col">"Average mood"</th><th scope="col">"Entries"</th></tr></thead>
                        <tbody>
                            {points.iter().rev().map(|p| view! {
                                <tr>
                                    <th scope="row">{day_label(p.day)}</th>
                                    <td>{format!("{:.1} ({})", p.mean, MOOD_WORDS[(p.mean.round() as usize).clamp(1, 5) - 1])}</td>
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
