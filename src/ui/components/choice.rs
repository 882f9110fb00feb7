//! A group of radio buttons for one of a fixed set of choices.

use crate::settings::{Moment, Role, Situation};
use leptos::prelude::*;

/// A fieldset of radio buttons, one per `(id, label)` in `choices`, with the
/// chosen id in `selected`. Not generic over the choice's type, so there is
/// one copy of it in the WebAssembly, whatever is chosen with it.
#[component]
pub fn ChoiceGroup(
    /// The group's question.
    legend: &'static str,
    /// The inputs' `name`, unique on the screen.
    name: &'static str,
    choices: Vec<(&'static str, &'static str)>,
    selected: Signal<Option<&'static str>>,
    on_choose: Callback<&'static str>,
    /// Set once, when the choice is not the person's to make here (a site
    /// that sets the colours): a plain attribute, not a signal, which keeps
    /// a reactive attribute's code out of the first download.
    #[prop(optional)] disabled: bool,
    /// Words each choice (by id) for the person, when that depends on
    /// something else they chose; otherwise the label in `choices` stays.
    #[prop(optional)]
    worded: Option<Callback<&'static str, &'static str>>,
    /// A line under the choices, when there is something to say about them.
    #[prop(optional_no_strip)] note: Option<&'static str>,
) -> impl IntoView {
    view! {
        <fieldset class="rt-fieldset" disabled=disabled>
            <legend>{legend}</legend>
            {choices.into_iter().map(|(id, label)| view! {
                <label class="rt-choice">
                    <input type="radio" name=name value=id
                        prop:checked=move || selected.get() == Some(id)
                        on:change=move |_| on_choose.run(id)/>
                    <span>{move || worded.map_or(label, |w| w.run(id))}</span>
                </label>
            }).collect_view()}
            {note.map(|n| view! { <p class="rt-quiet">{n}</p> })}
        </fieldset>
    }
}

/// "Who is reading?", bound to `role`.
#[component]
pub fn RoleChoice(role: RwSignal<Option<Role>>) -> impl IntoView {
    view! {
        <ChoiceGroup legend=crate::text::components::get().who_is_reading name="rt-role"
            choices=Role::ALL.iter().map(|r| (r.id(), r.label())).collect()
            selected=Signal::derive(move || role.get().map(Role::id))
            on_choose=Callback::new(move |id| role.set(Role::from_id(id)))/>
    }
}

/// "Where do things stand?", bound to `situation`.
#[component]
pub fn SituationChoice(situation: RwSignal<Option<Situation>>) -> impl IntoView {
    view! {
        <ChoiceGroup legend=crate::text::components::get().where_things_stand name="rt-situation"
            choices=Situation::ALL.iter().map(|s| (s.id(), s.label())).collect()
            selected=Signal::derive(move || situation.get().map(Situation::id))
            on_choose=Callback::new(move |id| situation.set(Situation::from_id(id)))/>
    }
}

/// "How recent is this?", bound to `moment` and worded for the `role` chosen beside it.
#[component]
pub fn MomentChoice(moment: RwSignal<Option<Moment>>, role: Signal<Option<Role>>) -> impl IntoView {
    let worded = move |id| Moment::from_id(id).map_or("", |m| m.label(role.get()));
    view! {
        <ChoiceGroup legend=crate::text::components::get().how_recent name="rt-moment"
            choices=Moment::ALL.iter().map(|m| (m.id(), m.label(None))).collect()
            selected=Signal::derive(move || moment.get().map(Moment::id))
            on_choose=Callback::new(move |id| moment.set(Moment::from_id(id)))
            worded=Callback::new(worded)/>
    }
}
