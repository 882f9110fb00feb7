//! The interface's own words, in the active locale: one module per section of
//! `src/content/<locale>/ui/*.toml` (see `content::strings` for the format and
//! the checks), written by `build.rs`.
//!
//! ```ignore
//! let t = crate::text::journal::get();
//! view! { <button>{t.save_now}</button> <p>{t.saved_at(time)}</p> }
//! ```
//!
//! `get()` reads `crate::locale::active()` when it is called: a screen asks
//! for its words as it is drawn, and is drawn again when the language changes.

include!(concat!(env!("OUT_DIR"), "/text.rs"));

/// The plural form of `count` in the active locale, as an index into a counted
/// text's forms (`one`, `other`; see `content::strings::forms`).
pub fn form(count: usize) -> usize {
    match crate::locale::active() {
        // Both say "1 entry / 1 entrada" and "0, 2 entries / entradas".
        crate::locale::Locale::En | crate::locale::Locale::Es => usize::from(count != 1),
    }
}

/// A template with its `{name}` placeholders filled in. A placeholder with no
/// value stays as written (the build checks that none is left so).
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) => {
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => {
                        use std::fmt::Write as _;
                        let _ = write!(out, "{value}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The longest a quoted name or label runs in a message before it is cut.
const QUOTED_CHARS: usize = 40;

/// `text` in quotes, as a message shows a name or words from a file or from
/// what was typed: control characters (a line break, a tab) become spaces,
/// and anything over 40 characters is cut with "…", so a message stays one
/// readable line. Shown as text, never as markup.
pub fn quoted(text: &str) -> String {
    let mut chars = text.chars().map(|c| if c.is_control() { ' ' } else { c });
    let mut short: String = chars.by_ref().take(QUOTED_CHARS).collect();
    if chars.next().is_some() {
        short.push('…');
    }
    quote::get().quoted(short)
}

/// What is wrong with data that is not in the shape the app reads, in words
/// of the active locale: serde's own message is English and names Rust types
/// ("invalid type: sequence, expected a string"). A field or value it names
/// is kept, quoted; the kind of problem is put in words; anything else is
/// "not in the shape it should be".
pub fn shape_problem(error: &serde_json::Error) -> String {
    let t = shape_problems::get();
    let message = error.to_string();
    // serde writes the name between backticks: "missing field `created`".
    let named = |prefix: &str| {
        let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
        rest.split_once('`').map(|(name, _)| quoted(name))
    };
    if let Some(field) = named("missing field ") {
        t.missing_field(field)
    } else if let Some(field) = named("unknown field ") {
        t.unknown_field(field)
    } else if let Some(field) = named("duplicate field ") {
        t.duplicate_field(field)
    } else if let Some(value) = named("unknown variant ") {
        t.unknown_value(value)
    } else if message.starts_with("invalid type: ") {
        t.wrong_kind.to_string()
    } else if message.starts_with("invalid value: ") || message.starts_with("invalid length ") {
        t.out_of_range.to_string()
    } else {
        t.other.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{self, Locale};

    #[test]
    fn placeholders_are_filled_by_name_in_any_order() {
        assert_eq!(fill("{b} then {a}, {b}", &[("a", &1), ("b", &"two")]), "two then 1, two");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("left {alone}", &[]), "left {alone}");
        assert_eq!(fill("cut {off", &[("off", &1)]), "cut {off");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural_in_both_locales() {
        for l in [Locale::En, Locale::Es] {
            locale::set_active(l);
            assert_eq!([form(0), form(1), form(2), form(21)], [1, 0, 1, 1]);
        }
        locale::set_active(Locale::SOURCE);
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        created: u64,
        kind: Kind,
        pair: (u8, u8),
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Plain,
    }

    /// The words for what serde found wrong with `json` read as a `Sample`.
    fn problem(json: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        shape_problem(&serde_json::from_value::<Sample>(value).unwrap_err())
    }

    #[test]
    fn each_kind_of_shape_problem_is_put_in_words_with_the_name_it_is_about() {
        locale::set_active(Locale::En);
        let cases = [
            (r#"{"kind":"plain","pair":[1,2]}"#, "its “created” field is missing"),
            (r#"{"created":1,"kind":"plain","pair":[1,2],"colour":1}"#, "it has a field this version does not know, “colour”"),
            (r#"{"created":1,"kind":"fancy","pair":[1,2]}"#, "“fancy” is not one of the values it can have"),
            (r#"{"created":["a"],"kind":"plain","pair":[1,2]}"#, "one of its values is of the wrong kind"),
            (r#"{"created":-1,"kind":"plain","pair":[1,2]}"#, "one of its values is out of range"),
            (r#"{"created":1,"kind":"plain","pair":[1]}"#, "one of its values is out of range"),
            (r#""text""#, "one of its values is of the wrong kind"),
        ];
        for (json, words) in cases {
            assert_eq!(problem(json), words, "{json}");
        }
        // Nothing of serde's English or of Rust's type names is left, in Spanish either.
        locale::set_active(Locale::Es);
        assert_eq!(problem(r#"{"kind":"plain","pair":[1,2]}"#), "le falta el campo “created”");
        assert_eq!(problem(r#"{"created":"x","kind":"plain","pair":[1,2]}"#), "uno de sus valores es de un tipo que no corresponde");
        locale::set_active(Locale::SOURCE);
    }

    #[test]
    fn a_duplicate_field_named_by_serde_is_put_in_words() {
        locale::set_active(Locale::En);
        let e = <serde_json::Error as serde::de::Error>::duplicate_field("created");
        assert_eq!(shape_problem(&e), "its “created” field is there twice");
        let other = <serde_json::Error as serde::de::Error>::custom("something else entirely");
        assert_eq!(shape_problem(&other), "it is not in the shape it should be");
        locale::set_active(Locale::SOURCE);
    }

    #[test]
    fn quoted_words_stay_one_short_line() {
        locale::set_active(Locale::En);
        assert_eq!(quoted("work"), "“work”");
        assert_eq!(quoted("say \"hi\"\nthen\tgo"), "“say \"hi\" then go”");
        let long = "ü".repeat(41);
        assert_eq!(quoted(&long), format!("“{}…”", "ü".repeat(40)));
        assert_eq!(quoted(&"ü".repeat(40)), format!("“{}”", "ü".repeat(40)));
        locale::set_active(Locale::SOURCE);
    }
}
