//! Screens for addresses that lead nowhere.

use crate::ui::components::PageTitle;
use crate::route::Route;
use crate::ui::components::Link;
use leptos::prelude::*;

/// The 404 screen, naming what was asked for (as text, never as markup).
#[component]
pub fn NotFound(path: String) -> impl IntoView {
    let path = js_sys::decode_uri_component(&path).map(String::from).unwrap_or(path);
    view! {
        <PageTitle>"This page isn’t here"</PageTitle>
        <p>"There is nothing at " <code>{path}</code> ". The link may be old, or a letter may be off."</p>
        <p><Link to=Route::Home>"Go to the home page"</Link></p>
    }
}

/// A part the embedding site chose not to offer.
#[component]
pub fn NotOffered() -> impl IntoView {
    view! {
        <PageTitle>"Not offered here"</PageTitle>
        <p>"This part of the app isn’t available on this site."</p>
        <p><Link to=Route::Home>"Go to the start"</Link></p>
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
    view! {
        <PageTitle>"This part couldn’t be opened"</PageTitle>
        <p>
            "Its file could not be fetched, perhaps because this device is offline. "
            "Your notes and progress are safe on this device."
        </p>
        <p>
            <button type="button" class="rt-button" on:click=retry>"Try again"</button>
        </p>
        <p><Link to=Route::Home>"Go to the home page"</Link> " · " <Link to=Route::Help>"Help and support"</Link></p>
    }
}
