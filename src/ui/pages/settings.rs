//! The person's choices.

use super::PageTitle;
use crate::settings::Theme;
use crate::ui::use_app;
use leptos::prelude::*;

/// Settings: appearance, and later role, situation and privacy.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let site_theme = state.config.with_value(|c| c.theme.is_some());
    view! {
        <PageTitle>"Settings"</PageTitle>
        <fieldset class="rt-fieldset" disabled=site_theme>
            <legend>"Appearance"</legend>
            {Theme::ALL.into_iter().map(|theme| view! {
                <label class="rt-choice">
                    <input
                        type="radio"
                        name="rt-theme"
                        value=theme.id()
                        prop:checked=move || state.settings.with(|s| s.theme == theme)
                        on:change=move |_| state.settings.update(|s| s.theme = theme)
                    />
                    <span>{theme.label()}</span>
                </label>
            }).collect_view()}
            {site_theme.then(|| view! { <p class="rt-quiet">"This site sets the appearance."</p> })}
        </fieldset>
    }
}
