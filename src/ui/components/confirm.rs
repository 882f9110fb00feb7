//! Asking before something that cannot be taken back.

use leptos::prelude::*;

/// A button that asks first: pressing it puts the question and two answers in
/// its place; "no" puts the button back, "yes" runs `on_yes`.
#[component]
pub fn ConfirmButton(
    /// Unique on the screen: labels the question group.
    id: &'static str,
    /// The button's text, e.g. "Delete entry…".
    label: &'static str,
    question: &'static str,
    yes: &'static str,
    no: &'static str,
    #[prop(into)] on_yes: Callback<()>,
    /// A quiet trigger (for undoable or gentle actions) instead of a red one.
    #[prop(optional)]
    quiet: bool,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let trigger = if quiet { "rt-button rt-button--quiet" } else { "rt-button rt-button--danger" };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class=trigger disabled=move || disabled.get() on:click=move |_| asking.set(true)>
                    {label}
                </button>
            }
        >
            <div class="rt-confirm" role="group" aria-labelledby=id>
                <p id=id>{question}</p>
                <button type="button" class="rt-button rt-button--danger"
                    on:click=move |_| { asking.set(false); on_yes.run(()); }>{yes}</button>
                <button type="button" class="rt-button rt-button--quiet" on:click=move |_| asking.set(false)>{no}</button>
            </div>
        </Show>
    }
}
