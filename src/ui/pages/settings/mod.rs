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

    let t = crate::text::settings_page::get();
    view! {
        <PageTitle>{t.title}</PageTitle>
        <h2>{t.about_you}</h2>
        <p>{t.about_you_note}</p>
        <RoleChoice role=role/>
        <SituationChoice situation=situation/>
        <MomentChoice moment=moment role=role.into()/>
        <h2>{t.appearance}</h2>
        <ChoiceGroup legend=t.colours name="rt-theme" disabled=site_theme
            choices=Theme::ALL.iter().map(|t| (t.id(), t.label())).collect()
            selected=Signal::derive(move || Some(state.settings.with(|s| s.theme.id())))
            on_choose=Callback::new(move |id| {
                if let Some(theme) = Theme::from_id(id) {
                    state.settings.update(|s| s.theme = theme);
                }
            })
            note=site_theme.then_some(t.site_sets_colours)/>
        <LanguageSection/>
        <h2>{t.summary_heading}</h2>
        <p>{t.summary_note}</p>
        <p><Link to=Route::Summary>{t.summary_link}</Link></p>
        <PrivacySection/>
        <BackupSection/>
        <StorageSection/>
        <DeleteEverything/>
    }
}

