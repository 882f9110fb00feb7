//! Help and crisis resources.

use crate::ui::components::PageTitle;
use crate::content;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The help page: the site's own crisis line first when one is configured, then the default text.
#[component]
pub fn Help() -> impl IntoView {
    let help = content::help();
    let config = use_app().config(Clone::clone);
    let crisis = config.crisis_text.clone().map(|text| {
        let number = config.crisis_number.clone();
        view! {
            <section class="rt-panel" aria-labelledby="rt-crisis-h">
                <h2 id="rt-crisis-h">"Crisis support"</h2>
                <p>{text}</p>
                {number.map(|n| {
                    let tel: String = n.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                    view! { <p><a href=format!("tel:{tel}")>{n}</a></p> }
                })}
            </section>
        }
    });
    let contact = config.contact_url.clone().map(|url| {
        let name = config.practice_name.clone().unwrap_or_else(|| "your counsellor".into());
        view! { <p><a href=url>{format!("Contact {name}")}</a></p> }
    });
    view! {
        <PageTitle>{help.title.clone()}</PageTitle>
        {crisis}
        {contact}
        {help.body.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
    }
}
