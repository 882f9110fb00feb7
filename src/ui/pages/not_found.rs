//! Screens for addresses that lead nowhere.

use crate::ui::components::PageTitle;
use crate::route::Route;
use crate::ui::components::Link;
use crate::text;
use leptos::prelude::*;

/// The 404 screen, naming what was asked for (as text, never as markup).
#[component]
pub fn NotFound(path: String) -> impl IntoView {
    let path = js_sys::decode_uri_component(&path).map(String::from).unwrap_or(path);
    let t = text::screens::get();
    view! {
        <PageTitle>{t.not_found}</PageTitle>
        <p>{t.nothing_at_before} <code>{path}</code> {t.nothing_at_after}</p>
        <p><Link to=Route::Home>{t.go_home}</Link></p>
    }
}

/// A part the embedding site chose not to offer.
#[component]
pub fn NotOffered() -> impl IntoView {
    let t = text::screens::get();
    view! {
        <PageTitle>{t.not_offered}</PageTitle>
        <p>{t.not_available}</p>
        <p><Link to=Route::Home>{t.go_to_start}</Link></p>
    }
}

/// A part of the app whose file could not be fetched: usually offline before
/// that part was ever opened. Nothing is lost; trying again fetches it anew.
#[component]
pub fn LoadFailed() -> impl IntoView {
    let state = crate::ui::state::use_app();
    let retry = move |_| {
        // The screen, once it arrives, takes the focus the button had.
        state.focus_heading.set_value(true);
        state.route.update(|_| {});
    };
    let t = text::screens::get();
    view! {
        <PageTitle>{t.load_failed}</PageTitle>
        <p>{t.load_failed_why}</p>
        <p>
            <button type="button" class="rt-button" on:click=retry>{t.try_again}</button>
        </p>
        <p><Link to=Route::Home>{t.go_home}</Link> " · " <Link to=Route::Help>{t.help_and_support}</Link></p>
    }
}
