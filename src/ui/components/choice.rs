//! A group of radio buttons for one of a fixed set of choices.

use crate::settings::{Moment, Role, Situation, Theme};
use leptos::prelude::*;

/// Something chosen from a short, fixed list.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    const ALL: &'static [Self];
    /// Stable, for the input's value.
    fn id(self) -> &'static str;
    /// What the person reads.
    fn label(self) -> &'static str;
}

/// The settings' choice types already have `ALL`, `id` and `label`.
macro_rules! choice {
    ($($t:ty),*) => {$(
        impl Choice for $t {
            const ALL: &'static [Self] = &<$t>::ALL;
            fn id(self) -> &'static str {
                <$t>::id(self)
            }
            fn label(self) -> &'static str {
                <$t>::label(self)
            }
        }
    )*};
}
choice!(Role, Situation, Theme);

/// A moment's words depend on the role (see [`MomentChoice`]); alone, the
/// wording that fits anyone.
impl Choice for Moment {
    const ALL: &'static [Self] = &Moment::ALL;
    fn id(self) -> &'static str {
        Moment::id(self)
    }
    fn label(self) -> &'static str {
        Moment::label(self, None)
    }
}

/// A fieldset of radio buttons bound to `value` (`None` until one is chosen).
#[component]
pub fn ChoiceGroup<T: Choice>(
    /// The group's question.
    legend: &'static str,
    /// The inputs' `name`, unique on the screen.
    name: &'static str,
    value: Signal<Option<T>>,
    on_choose: Callback<T>,
    #[prop(into, optional)] disabled: Signal<bool>,
    /// Words each choice for the person, when that depends on something else they chose.
    #[prop(optional)]
    worded: Option<Callback<T, &'static str>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <fieldset class="rt-fieldset" disabled=move || disabled.get()>
            <legend>{legend}</legend>
            {T::ALL.iter().copied().map(|choice| view! {
                <label class="rt-choice">
                    <input type="radio" name=name value=choice.id()
                        prop:checked=move || value.get() == Some(choice)
                        on:change=move |_| on_choose.run(choice)/>
                    <span>{move || worded.map_or_else(|| choice.label(), |w| w.run(choice))}</span>
                </label>
            }).collect_view()}
            {children.map(|c| c())}
        </fieldset>
    }
}

/// "Who is reading?", bound to `role`.
#[component]
pub fn RoleChoice(role: RwSignal<Option<Role>>) -> impl IntoView {
    view! {
        <ChoiceGroup legend="Who is reading?" name="rt-role" value=role.into()
            on_choose=Callback::new(move |r: Role| role.set(Some(r)))/>
    }
}

/// "Where do things stand?", bound to `situation`.
#[component]
pub fn SituationChoice(situation: RwSignal<Option<Situation>>) -> impl IntoView {
    view! {
        <ChoiceGroup legend="Where do things stand?" name="rt-situation" value=situation.into()
            on_choose=Callback::new(move |s: Situation| situation.set(Some(s)))/>
    }
}

/// "How recent is this?", bound to `moment` and worded for the `role` chosen beside it.
#[component]
pub fn MomentChoice(moment: RwSignal<Option<Moment>>, role: Signal<Option<Role>>) -> impl IntoView {
    view! {
        <ChoiceGroup legend="How recent is this?" name="rt-moment" value=moment.into()
            on_choose=Callback::new(move |m: Moment| moment.set(Some(m)))
            worded=Callback::new(move |m: Moment| m.label(role.get()))/>
    }
}
