//! Phone lines to call or text: the embedding site's own line first, then the
//! lines of the help content. Every number is a `tel:` link, and an `sms:` link
//! where the line takes texts.

use crate::content::{self, model::{dial_digits, Line, LineKind}};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The embedding site's crisis line (`crisis-text`, `crisis-number`), when set.
#[component]
pub fn SiteCrisisLine() -> impl IntoView {
    let config = use_app().config(Clone::clone);
    let (text, number) = (config.crisis_text.clone(), config.crisis_number.clone());
    (text.is_some() || number.is_some()).then(|| {
        view! {
            <div class="rt-line rt-line--site">
                {text.map(|t| view! { <p><strong>{t}</strong></p> })}
                {number.map(|n| {
                    let href = dial_digits(&n).map(|d| format!("tel:{d}"));
                    view! { <p><a class="rt-line__call" href=href>{n}</a></p> }
                })}
            </div>
        }
    })
}

/// The content's lines of these kinds, in this order.
#[component]
pub fn LineList(kinds: Vec<LineKind>) -> impl IntoView {
    let help = content::help();
    view! {
        <ul class="rt-lines">
            {kinds.into_iter().flat_map(|k| help.lines_of(k)).map(|line| view! { <LineItem line=line/> }).collect_view()}
        </ul>
    }
}

/// One line: what it is and where, then "Call" (and "Text") links.
#[component]
fn LineItem(line: &'static Line) -> impl IntoView {
    let t = crate::text::components::get();
    view! {
        <li class="rt-line">
            <span class="rt-line__name">{line.name.clone()}<span class="rt-line__region">{format!(" ({})", line.region)}</span></span>
            <span class="rt-line__actions">
                <a class="rt-line__call" href=line.tel()>{t.call(&line.number)}</a>
                {line.sms().map(|sms| view! { <a class="rt-line__call" href=sms>{t.text(&line.number)}</a> })}
            </span>
            {line.note.clone().map(|n| view! { <span class="rt-line__note">{n}</span> })}
        </li>
    }
}
