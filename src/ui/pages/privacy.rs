//! What the app keeps, where, and how to stay private: the words are in
//! `src/content/en/privacy.toml`.

use crate::content::{self, model::PageLink};
use crate::route::Route;
use crate::ui::components::{paragraphs, Link, PageTitle};
use leptos::prelude::*;

/// The privacy page.
#[component]
pub fn Privacy() -> impl IntoView {
    let p = content::privacy();
    let t = crate::text::guide_privacy::get();
    view! {
        <PageTitle>{p.title.clone()}</PageTitle>
        {p.lead.iter().map(|t| view! { <p class="rt-lead">{t.clone()}</p> }).collect_view()}
        {p.sections.iter().map(|s| view! {
            <h2>{s.heading.clone()}</h2>
            {paragraphs(&s.body, None)}
            {(!s.list.is_empty()).then(|| view! {
                <ul>{s.list.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view()}</ul>
            })}
            {s.links.iter().map(|l| match l {
                PageLink::Settings => view! { <p><Link to=Route::Settings>{t.open_settings}</Link></p> }.into_any(),
                PageLink::Help => view! { <p><Link to=Route::Help>{t.help}</Link></p> }.into_any(),
            }).collect_view()}
        }).collect_view()}
    }
}
