//! Help and crisis resources.

use crate::content;
use crate::ui::components::{paragraphs, LineList, PageTitle, SiteCrisisLine};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The help page: the site's own crisis line first when one is configured, then
/// a section per kind of line, each number ready to call (or text).
#[component]
pub fn Help() -> impl IntoView {
    let help = content::help();
    let config = use_app().config(Clone::clone);
    let t = crate::text::guide_help::get();
    let site_line = (config.crisis_text.is_some() || config.crisis_number.is_some()).then(|| {
        view! {
            <section class="rt-panel" aria-labelledby="rt-crisis-h">
                <h2 id="rt-crisis-h">{t.crisis}</h2>
                <SiteCrisisLine/>
            </section>
        }
    });
    let contact = config.contact_url.clone().map(|url| {
        let name = config.practice_name.clone().unwrap_or_else(|| t.your_counsellor.into());
        view! { <p><a href=url>{t.contact(name)}</a></p> }
    });
    view! {
        <PageTitle>{help.title.clone()}</PageTitle>
        {site_line}
        {contact}
        {paragraphs(&help.intro, None)}
        {help.sections.iter().map(|s| {
            let id = format!("rt-lines-{}", s.kind.id());
            let labelled_by = id.clone();
            view! {
                <section class="rt-help-section" aria-labelledby=labelled_by>
                    <h2 id=id>{s.title.clone()}</h2>
                    {paragraphs(&s.body, None)}
                    <LineList kinds=vec![s.kind]/>
                </section>
            }
        }).collect_view()}
        <p>{help.directory.text.clone()} " " <a href=help.directory.url.clone()>{help.directory.label.clone()}</a></p>
        {paragraphs(&help.after, None)}
    }
}
