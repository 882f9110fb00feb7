//! "Type “delete” to …": for the one action that cannot be undone at all.

use leptos::prelude::*;

/// The word a person types to confirm deleting everything, in English: always
/// accepted, whatever the language (the active one's word is accepted too).
pub const CONFIRM_WORD: &str = "delete";

/// Whether `typed` confirms: the word (the active language's, or English), in
/// any case, spaces around it allowed.
pub fn confirms(typed: &str) -> bool {
    let typed = typed.trim();
    typed.eq_ignore_ascii_case(CONFIRM_WORD) || typed.to_lowercase() == crate::text::components_typed_confirm::get().word.to_lowercase()
}

/// A form that explains what will be lost, asks for the word, and only then
/// enables its button. `on_confirm` runs on submit and returns what to say
/// (announced in the form's status line); the field is then cleared.
#[component]
pub fn TypedConfirm(
    /// The field's id, unique on the screen.
    id: &'static str,
    label: &'static str,
    button: &'static str,
    #[prop(into)] on_confirm: Callback<(), Option<String>>,
    children: Children,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let said = RwSignal::new(None::<String>);
    let ready = move || typed.with(|t| confirms(t));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !ready() {
            return;
        }
        let message = on_confirm.run(());
        // The form may be gone (the screen changed); then nobody is reading.
        let _ = typed.try_set(String::new());
        let _ = said.try_set(message);
    };
    view! {
        <form class="rt-panel rt-danger-zone" on:submit=submit>
            {children()}
            <div class="rt-field">
                <label for=id>{label}</label>
                <input id=id type="text" autocomplete="off"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button rt-button--danger" disabled=move || !ready()>{button}</button>
            </div>
            <p role="status">{move || said.get()}</p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_word_itself_confirms() {
        assert!(confirms("delete"));
        assert!(confirms("  DELETE "));
        assert!(!confirms(""));
        assert!(!confirms("delet"));
        assert!(!confirms("delete everything"));
    }

    #[test]
    fn in_spanish_its_own_word_confirms_and_the_english_one_still_does() {
        crate::locale::set_active(crate::locale::Locale::Es);
        let said = [confirms("borrar"), confirms(" Borrar "), confirms("delete"), confirms("borrarlo")];
        crate::locale::set_active(crate::locale::Locale::SOURCE);
        assert_eq!(said, [true, true, true, false]);
        assert!(!confirms("borrar"), "English accepts only its own word");
    }
}
