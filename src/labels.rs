//! How the app names the person's choices (`settings.rs`), in the active
//! language: the words are in `src/content/<locale>/ui/guide.toml`. Apart from
//! `settings.rs` because build.rs compiles that file too, without the words.

use crate::settings::{Moment, Role, Situation, Theme};
use crate::text;

impl Role {
    /// How the app names this role to the person.
    pub fn label(self) -> &'static str {
        let t = text::choices_role::get();
        match self {
            Role::Hurt => t.hurt,
            Role::Unfaithful => t.unfaithful,
            Role::Both => t.both,
        }
    }

    /// Heading for this role's advice in the guide.
    pub fn advice_heading(self) -> &'static str {
        let t = text::guide_step::get();
        match self {
            Role::Hurt => t.advice_hurt,
            Role::Unfaithful => t.advice_unfaithful,
            Role::Both => t.advice_both,
        }
    }
}

impl Situation {
    pub fn label(self) -> &'static str {
        let t = text::choices_situation::get();
        match self {
            Situation::Together => t.together,
            Situation::Apart => t.apart,
            Situation::ApartUnsure => t.apart_unsure,
        }
    }
}

impl Moment {
    /// How the choice reads to this person: the partner who was hurt found
    /// out; for the partner who was unfaithful it came out.
    pub fn label(self, role: Option<Role>) -> &'static str {
        let t = text::choices_moment::get();
        match (self, role) {
            (Moment::JustFoundOut, Some(Role::Hurt)) => t.just_found_out_hurt,
            (Moment::JustFoundOut, _) => t.just_found_out,
            (Moment::SomeTimeOn, _) => t.some_time_on,
        }
    }
}

impl Theme {
    pub fn label(self) -> &'static str {
        let t = text::choices_theme::get();
        match self {
            Theme::System => t.system,
            Theme::Light => t.light,
            Theme::Dark => t.dark,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{self, Locale};

    #[test]
    fn the_choices_are_named_in_the_language_in_use() {
        locale::set_active(Locale::Es);
        let spanish = [
            Role::Unfaithful.label(),
            Role::Both.advice_heading(),
            Situation::Together.label(),
            Moment::JustFoundOut.label(Some(Role::Hurt)),
            Theme::Dark.label(),
        ];
        locale::set_active(Locale::En);
        assert_eq!(spanish, ["Fui infiel", "Para las dos personas", "Seguimos en pareja", "Acabo de enterarme", "Oscuro"]);
        assert_eq!(Role::Unfaithful.label(), "I was unfaithful");
        assert_eq!(Moment::SomeTimeOn.label(None), "It came out a while ago");
    }
}
