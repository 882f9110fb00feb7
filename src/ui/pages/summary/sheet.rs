//! The printed page itself. On screen it is the preview; in print it is all
//! there is (the print styles hide everything else and fit it on one sheet).

use crate::browser;
use crate::content::{self};
use crate::journal::mood_word;
use crate::names::APP_NAME;
use crate::summary::{week_ms, ScoreRow, Summary};
use crate::ui::components::{LineChart, Series};
use leptos::prelude::*;

const DAY_MS: f64 = 86_400_000.0;

/// "+12", "−5" or "0".
fn signed(change: i64) -> String {
    match change {
        c if c > 0 => format!("+{c}"),
        c if c < 0 => format!("−{}", -c),
        _ => "0".into(),
    }
}

/// The one page, from a built [`Summary`].
#[component]
pub fn Sheet(page: Summary) -> impl IntoView {
    let w = &content::summary().page;
    let t = crate::text::summary_sheet::get();
    let about = page.about.map(|a| {
        let range = a.range.map(|(from, to)| {
            let (from, to) = (browser::format_date(from), browser::format_date(to));
            if from == to { from } else { format!("{from} – {to}") }
        });
        let fact = |name: &str, value: String| view! { <span><strong>{format!("{name}: ")}</strong>{value}</span> };
        view! {
            <p class="rt-sheet__facts">
                {a.role.map(|r| fact(&w.role, r.label().to_string()))}
                {a.situation.map(|s| fact(&w.situation, s.label().to_string()))}
                {range.map(|r| fact(&w.range, r))}
            </p>
        }
    });
    let check = page.check.map(|c| {
        let row = |title: String, r: &ScoreRow, class: &'static str| view! {
            <tr class=class><th scope="row">{title}</th><td>{r.first}</td><td>{r.latest}</td><td><bdi>{signed(r.change())}</bdi></td></tr>
        };
        let first = c.points.first().map(|p| browser::format_date(p.0)).unwrap_or_default();
        let last = c.points.last().map(|p| browser::format_date(p.0)).unwrap_or_default();
        let summary = t.check_chart(c.points.len(), &first, c.overall.first, &last, c.overall.latest);
        let series = vec![Series {
            name: w.overall.clone(),
            points: c.points.iter().map(|&(at, s)| (at as f64 / DAY_MS, f64::from(s))).collect(),
            main: true,
        }];
        view! {
            <section class="rt-sheet__section rt-sheet__check">
                <h4>{w.check.clone()}</h4>
                <div class="rt-sheet__pair">
                    <table class="rt-sheet__table">
                        <caption>{w.check_caption.clone()}</caption>
                        <thead><tr>
                            <th scope="col">{w.dimension.clone()}</th><th scope="col">{w.first.clone()}</th>
                            <th scope="col">{w.latest.clone()}</th><th scope="col">{w.change.clone()}</th>
                        </tr></thead>
                        <tbody>
                            {c.rows.iter().map(|r| row(r.title.clone(), r, "")).collect_view()}
                            {row(w.overall.clone(), &c.overall, "rt-sheet__total")}
                        </tbody>
                    </table>
                    <LineChart series=series y_range=(0.0, 100.0)
                        ticks=[0u32, 50, 100].into_iter().map(|g| (f64::from(g), g.to_string())).collect()
                        first=first last=last summary=summary/>
                </div>
                <p>{format!("{}: ", w.band)}<strong>{c.band.clone()}</strong></p>
            </section>
        }
    });
    let safety = page.safety.map(|_| view! {
        <section class="rt-sheet__section rt-sheet__safety"><p>{w.safety.clone()}</p></section>
    });
    let partner = page.partner.map(|p| view! {
        <section class="rt-sheet__section">
            <h4>{w.partner.clone()}</h4>
            <table class="rt-sheet__table">
                <thead><tr>
                    <th scope="col">{w.dimension.clone()}</th><th scope="col">{w.partner_mine.clone()}</th>
                    <th scope="col">{w.partner_theirs.clone()}</th><th scope="col">{w.partner_difference.clone()}</th>
                </tr></thead>
                <tbody>
                    {p.rows.iter().map(|r| view! {
                        <tr><th scope="row">{r.title.clone()}</th><td>{r.mine}</td><td>{r.theirs}</td><td>{r.difference()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    });
    let guide = page.guide.map(|g| view! {
        <section class="rt-sheet__section">
            <h4>{w.guide.clone()}</h4>
            {(!g.done.is_empty()).then(|| view! { <p><strong>{format!("{}: ", w.guide_done)}</strong>{g.done.join("; ")}</p> })}
            {g.in_progress.map(|s| view! { <p><strong>{format!("{}: ", w.guide_working)}</strong>{s}</p> })}
        </section>
    });
    let moods = page.moods.map(|m| {
        let listed = &m.weeks[m.weeks.len().saturating_sub(crate::summary::LISTED_WEEKS)..];
        let label = |monday: i64| browser::format_date(week_ms(monday));
        let (first, last) = (label(m.weeks[0].monday), label(m.weeks[m.weeks.len() - 1].monday));
        let summary = t.mood_chart(m.weeks.len(), &first, &last);
        let series = vec![Series {
            name: w.average.clone(),
            points: m.weeks.iter().map(|wk| (wk.monday as f64, f64::from(wk.mean))).collect(),
            main: true,
        }];
        let ticks = [1u8, 3, 5].into_iter().map(|i| (f64::from(i), mood_word(i).unwrap_or_default().to_string())).collect();
        view! {
            <section class="rt-sheet__section">
                <h4>{w.moods.clone()}</h4>
                <div class="rt-sheet__pair">
                    <table class="rt-sheet__table">
                        <caption>{w.moods_caption.clone()}</caption>
                        <thead><tr><th scope="col">{w.week.clone()}</th><th scope="col">{w.average.clone()}</th><th scope="col">{w.entries.clone()}</th></tr></thead>
                        <tbody>
                            {listed.iter().map(|wk| view! {
                                <tr><th scope="row">{label(wk.monday)}</th><td>{crate::locale::active().decimal(f64::from(wk.mean), 1)}</td><td>{wk.count}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <LineChart series=series y_range=(1.0, 5.0) ticks=ticks label_room=120.0
                        first=first last=last summary=summary/>
                </div>
            </section>
        }
    });
    let excerpts = (!page.excerpts.is_empty()).then(|| view! {
        <section class="rt-sheet__section">
            <h4>{w.excerpts.clone()}</h4>
            {page.excerpts.iter().map(|e| {
                let date = browser::format_date(e.created);
                let said = if e.title.is_empty() { date } else { format!("{date}, {}", e.title) };
                view! { <blockquote class="rt-sheet__quote"><p dir="auto">{e.text.clone()}" "<cite>{format!("({said})")}</cite></p></blockquote> }
            }).collect_view()}
        </section>
    });
    let talk = page.talk.map(|t| view! {
        <section class="rt-sheet__section">
            <h4>{w.talk.clone()}</h4>
            <p class="rt-sheet__talk" dir="auto">{t}</p>
        </section>
    });
    let footer = if page.show_name { format!("{} {} {APP_NAME}.", w.footer, w.made_with) } else { w.footer.clone() };
    view! {
        <article class="rt-sheet" aria-labelledby="rt-sheet-h">
            <div class="rt-sheet__body">
            <h3 id="rt-sheet-h" class="rt-sheet__title">{w.heading.clone()}</h3>
            {about}
            {safety}
            {check}
            <div class="rt-sheet__pair">{partner}{guide}</div>
            {moods}
            {excerpts}
            {talk}
            <p class="rt-sheet__footer">{footer}" "{content::summary().screen.not_therapy.clone()}</p>
            </div>
        </article>
    }
}
