//! The person's choices.

use super::PageTitle;
use crate::settings::Theme;
use crate::ui::use_app;
use crate::ui::welcome::{RoleChoice, SituationChoice};
use leptos::prelude::*;

/// Settings: who is reading, the situation, and appearance.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let site_theme = state.config.with_value(|c| c.theme.is_some());
    let role = RwSignal::new(state.settings.with_untracked(|s| s.role));
    let situation = RwSignal::new(state.settings.with_untracked(|s| s.situation));
    // Choices here take effect at once; the settings record saves itself.
    Effect::new(move |_| {
        let (r, s) = (role.get(), situation.get());
        state.settings.maybe_update(|settings| {
            let changed = settings.role != r || settings.situation != s;
            settings.role = r;
            settings.situation = s;
            settings.welcomed |= changed;
            changed
        });
    });

    view! {
        <PageTitle>"Settings"</PageTitle>
        <h2>"About you"</h2>
        <p>"This decides whose advice the guide shows first, and whether it speaks of your partner or your ex."</p>
        <RoleChoice role=role/>
        <SituationChoice situation=situation/>
        <h2>"Appearance"</h2>
        <fieldset class="rt-fieldset" disabled=site_theme>
            <legend>"Colours"</legend>
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
            {site_theme.then(|| view! { <p class="rt-quiet">"This site sets the colours."</p> })}
        </fieldset>
    }
}
