//! Settings' language picker.

use crate::locale::Locale;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// "Language": follow the browser, or one of the app's languages, each named
/// in itself (and marked as that language, for a screen reader's voice).
/// Switching redraws every screen in the new language; nothing is reloaded.
#[component]
pub fn LanguageSection() -> impl IntoView {
    let state = use_app();
    let chosen = move || state.settings.with(|s| s.locale);
    let choose = move |locale: Option<Locale>| state.settings.update(|s| s.locale = locale);
    let t = crate::text::settings_language::get();
    view! {
        // Named in both languages whichever is in use, so a person who cannot
        // read the one in use still finds where to change it.
        <h2>"Language " <span lang="es">"· Idioma"</span></h2>
        <p>{t.note}</p>
        <fieldset class="rt-fieldset">
            <legend>{t.legend}</legend>
            <label class="rt-choice">
                <input type="radio" name="rt-locale" value="auto"
                    prop:checked=move || chosen().is_none()
                    on:change=move |_| choose(None)/>
                <span>{t.follow_browser}</span>
            </label>
            {Locale::ALL.into_iter().map(|locale| view! {
                <label class="rt-choice">
                    <input type="radio" name="rt-locale" value=locale.id()
                        prop:checked=move || chosen() == Some(locale)
                        on:change=move |_| choose(Some(locale))/>
                    <span lang=locale.id()>{locale.name()}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}
