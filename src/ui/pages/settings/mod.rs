//! The person's choices.

mod backup;
mod language;
mod lock;
mod recovery;
mod storage;

use backup::BackupSection;
use language::LanguageSection;
use lock::PrivacySection;
use storage::{DeleteEverything, StorageSection};
use crate::ui::components::PageTitle;
use crate::settings::Theme;
use crate::route::Route;
use crate::ui::components::{ChoiceGroup, Link, MomentChoice, RoleChoice, SituationChoice};
use crate::ui::state::use_app;

use leptos::prelude::*;

/// Settings: who is reading, the situation, and appearance.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let site_theme = state.config(|c| c.theme.is_some());
    let role = RwSignal::new(state.settings.with_untracked(|s| s.role));
    let situation = RwSignal::new(state.settings.with_untracked(|s| s.situation));
    let moment = RwSignal::new(state.settings.with_untracked(|s| s.moment));
    // Choices here take effect at once; the settings record saves itself.
    Effect::new(move |_| {
        let (r, s, m) = (role.get(), situation.get(), moment.get());
        state.settings.maybe_update(|settings| {
            let changed = settings.role != r || settings.situation != s || settings.moment != m;
            settings.role = r;
            settings.situation = s;
            settings.moment = m;
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
        <MomentChoice moment=moment role=role.into()/>
        <h2>"Appearance"</h2>
        <ChoiceGroup legend="Colours" name="rt-theme" disabled=Signal::from(site_theme)
            choices=Theme::ALL.iter().map(|t| (t.id(), t.label())).collect()
            selected=Signal::derive(move || Some(state.settings.with(|s| s.theme.id())))
            on_choose=Callback::new(move |id| {
                if let Some(theme) = Theme::from_id(id) {
                    state.settings.update(|s| s.theme = theme);
                }
            })>
            {site_theme.then(|| view! { <p class="rt-quiet">"This site sets the colours."</p> })}
        </ChoiceGroup>
        <LanguageSection/>
        <h2>"Summary for a counsellor"</h2>
        <p>"Make one page about where you are, from what is saved here, to print or keep as a PDF. You choose what goes on it."</p>
        <p><Link to=Route::Summary>"Make a summary for a counsellor"</Link></p>
        <PrivacySection/>
        <BackupSection/>
        <StorageSection/>
        <DeleteEverything/>
    }
}

