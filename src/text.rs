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
}
