//! One module per screen; [`screen`] picks the one for a route.

mod check;
mod guide;
mod help;
mod journal;
mod home;
mod not_found;
mod privacy;
mod settings;

use super::state::use_app;
use crate::route::Route;
use leptos::prelude::*;

/// The screen for `route` (or "not offered here" for a part the site switched off).
pub fn screen(route: Route) -> AnyView {
    let parts = use_app().config.with_value(|c| c.parts);
    if parts.hides(&route) {
        return not_found::NotOffered().into_any();
    }
    match route {
        Route::Home => home::Home().into_any(),
        Route::Settings => settings::SettingsPage().into_any(),
        Route::Privacy => privacy::Privacy().into_any(),
        Route::Help => help::Help().into_any(),
        Route::Guide => guide::GuideOverview().into_any(),
        Route::GuideAll => guide::GuideAll().into_any(),
        Route::Step(id) => guide::StepPage(guide::StepPageProps { id }).into_any(),
        Route::Check => check::CheckPage().into_any(),
        Route::CheckHistory => check::CheckHistoryPage().into_any(),
        Route::CheckResult(id) => check::CheckResultPage(check::CheckResultPageProps { id }).into_any(),
        Route::Journal => journal::JournalPage().into_any(),
        Route::JournalEntry(id) => journal::EditorPage(journal::EditorPageProps { id }).into_any(),
        Route::JournalMoods => journal::MoodsPage().into_any(),
        Route::NotFound(path) => not_found::NotFound(not_found::NotFoundProps { path }).into_any(),
    }
}

/// The heading every screen starts with; focus moves here on navigation.
#[component]
pub fn PageTitle(children: Children) -> impl IntoView {
    view! { <h1 class="rt-h1" tabindex="-1">{children()}</h1> }
}
