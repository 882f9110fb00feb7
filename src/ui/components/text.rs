//! Small helpers for showing words.

use crate::content::words;
use crate::settings::Situation;
use leptos::prelude::*;

/// Paragraphs of content text, placeholders filled.
pub fn paragraphs(body: &'static [String], situation: Option<Situation>) -> impl IntoView {
    body.iter()
        .map(|p| view! { <p>{words(p, situation).into_owned()}</p> })
        .collect_view()
}

/// First letter upper-case, for error messages that start a sentence.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn capitalise_changes_only_the_first_letter() {
        assert_eq!(super::capitalise("that passphrase… ünd"), "That passphrase… ünd");
        assert_eq!(super::capitalise("élan"), "Élan");
        assert_eq!(super::capitalise(""), "");
    }
}
