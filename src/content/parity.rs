//! Whether a translation has the same shape as the source locale's content.
//!
//! Shared with `build.rs` (through `#[path]`), so it depends on nothing but
//! `serde_json`. Both files are compared as the JSON the build writes from them:
//! every key must exist in both, every list must be as long, every value that is
//! not words for a person (ids, scoring, reverse keying, thresholds, links,
//! kinds) must be equal, and every text must use the same placeholders. Only
//! the words themselves may differ.

use serde_json::Value;
use std::collections::BTreeSet;

/// Which parts of a file are not words for a person to read, and which are
/// each locale's own.
pub struct Rules<'a> {
    /// Keys whose string values (or lists of strings) are identifiers, links or
    /// kinds, not words: compared exactly. Numbers and booleans always are.
    pub exact: &'a [&'a str],
    /// Paths (keys joined by `.`, without list positions) that each locale
    /// fills for its own readers: a locale's own phone lines, say. Each is still
    /// checked by the file's own validation; here only its presence.
    pub own: &'a [&'a str],
    /// Paths only a translation has (the check's note that the translation has
    /// not been clinically validated): the source must not have them, every
    /// translation must.
    pub translation_only: &'a [&'a str],
}

/// Keys that hold identifiers, links or kinds in the app's content files.
const EXACT: &[&str] = &["id", "dimension", "kind", "who", "role", "situation", "moment", "step", "steps", "url", "links"];

/// The rules for one of the app's content files, by name (`check` for
/// `check.toml`): each locale lists its own phone lines in help, and only a
/// translated check carries the note that it has not been clinically validated.
/// The summary's file is words only (its `role` and `situation` are labels).
pub fn rules(file: &str) -> Rules<'static> {
    Rules {
        exact: if file == "summary" { &[] } else { EXACT },
        own: if file == "help" { &["lines"] } else { &[] },
        translation_only: if file == "check" { &["translation"] } else { &[] },
    }
}

/// The placeholders a text uses, by name, whatever the case of their first
/// letter (a sentence may start with the partner in one language and not in
/// another): `{Partner}` and `{partner}` are the same placeholder here.
pub fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.insert(after[..close].to_lowercase());
        rest = &after[close + 1..];
    }
    found
}

/// Every difference in shape between `source` (the source locale's file) and
/// `other` (a translation of it), one readable line each, naming where.
pub fn compare(source: &Value, other: &Value, rules: &Rules) -> Vec<String> {
    let mut problems = Vec::new();
    walk(source, other, &mut Place { shown: String::new(), keys: String::new(), key: "" }, rules, &mut problems);
    problems
}

/// Where in the file: as shown to a person (`items[3].reverse`), as a rule
/// path (`items.reverse`), and the nearest key.
struct Place<'k> {
    shown: String,
    keys: String,
    key: &'k str,
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "yes or no",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

fn walk(a: &Value, b: &Value, at: &mut Place, rules: &Rules, problems: &mut Vec<String>) {
    let here = if at.shown.is_empty() { "the file" } else { at.shown.as_str() };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, av) in x {
                let keys = if at.keys.is_empty() { key.clone() } else { format!("{}.{key}", at.keys) };
                let shown = if at.shown.is_empty() { key.clone() } else { format!("{}.{key}", at.shown) };
                if rules.translation_only.contains(&keys.as_str()) {
                    problems.push(format!("{shown}: only a translation has this, not the source"));
                    continue;
                }
                match y.get(key) {
                    None => problems.push(format!("{shown}: missing in the translation")),
                    Some(_) if rules.own.contains(&keys.as_str()) => {}
                    Some(bv) => walk(av, bv, &mut Place { shown, keys, key }, rules, problems),
                }
            }
            for key in y.keys().filter(|k| !x.contains_key(*k)) {
                let keys = if at.keys.is_empty() { key.clone() } else { format!("{}.{key}", at.keys) };
                let shown = if at.shown.is_empty() { key.clone() } else { format!("{}.{key}", at.shown) };
                if !rules.translation_only.contains(&keys.as_str()) {
                    problems.push(format!("{shown}: not in the source"));
                }
            }
            for path in rules.translation_only {
                let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
                if parent == at.keys && !y.contains_key(last) {
                    let shown = if at.shown.is_empty() { last.to_string() } else { format!("{}.{last}", at.shown) };
                    problems.push(format!("{shown}: every translation needs this"));
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                problems.push(format!("{here}: {} entries in the source, {} in the translation", x.len(), y.len()));
            }
            for (i, (av, bv)) in x.iter().zip(y).enumerate() {
                let shown = format!("{here}[{i}]");
                walk(av, bv, &mut Place { shown, keys: at.keys.clone(), key: at.key }, rules, problems);
            }
        }
        (Value::String(x), Value::String(y)) => {
            if rules.exact.contains(&at.key) {
                if x != y {
                    problems.push(format!("{here}: {x:?} in the source, {y:?} in the translation (not words: must be equal)"));
                }
            } else if placeholders(x) != placeholders(y) {
                problems.push(format!(
                    "{here}: placeholders {:?} in the source, {:?} in the translation",
                    placeholders(x),
                    placeholders(y)
                ));
            }
        }
        (Value::Null, Value::Null) => {}
        (Value::Bool(_) | Value::Number(_), _) if kind(a) == kind(b) => {
            if a != b {
                problems.push(format!("{here}: {a} in the source, {b} in the translation (not words: must be equal)"));
            }
        }
        _ => problems.push(format!("{here}: {} in the source, {} in the translation", kind(a), kind(b))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const RULES: Rules<'static> =
        Rules { exact: EXACT, own: &["help.lines"], translation_only: &["translation"] };

    fn source() -> Value {
        json!({
            "translation": null,
            "items": [
                { "id": "motives-1", "dimension": "motives", "reverse": false, "hurt": "I care about {my_partner}." },
                { "id": "motives-2", "dimension": "motives", "reverse": true, "hurt": "Fear keeps me here." }
            ],
            "bands": [ { "id": "low", "min": 0, "body": ["Not yet.", "{Partner} may wait."] } ],
            "safety": { "questions": [ { "id": "q", "kind": "abuse", "warning_if": false, "text": "Safe with {partner}?" } ] },
            "sections": [ { "heading": "Lock", "links": ["settings"] } ],
            "cards": [ { "id": "any", "role": null, "step": "should-we-try", "body": ["Go slowly."] } ],
            "help": { "lines": [ { "kind": "crisis", "name": "Samaritans", "number": "116 123" } ] }
        })
    }

    fn translation() -> Value {
        json!({
            "translation": "Esta traducción no ha sido validada clínicamente.",
            "items": [
                { "id": "motives-1", "dimension": "motives", "reverse": false, "hurt": "Quiero a {my_partner}." },
                { "id": "motives-2", "dimension": "motives", "reverse": true, "hurt": "El miedo me retiene." }
            ],
            "bands": [ { "id": "low", "min": 0, "body": ["Todavía no.", "Quizá {partner} espere."] } ],
            "safety": { "questions": [ { "id": "q", "kind": "abuse", "warning_if": false, "text": "¿A salvo con {partner}?" } ] },
            "sections": [ { "heading": "Bloqueo", "links": ["settings"] } ],
            "cards": [ { "id": "any", "role": null, "step": "should-we-try", "body": ["Ve despacio."] } ],
            "help": { "lines": [
                { "kind": "crisis", "name": "024", "number": "024" },
                { "kind": "abuse", "name": "016", "number": "016" }
            ] }
        })
    }

    /// The source without the `translation` key (serialised content leaves out
    /// an empty note), so the source never has it.
    fn plain_source() -> Value {
        let mut s = source();
        s.as_object_mut().unwrap().remove("translation");
        s
    }

    fn problems_after(change: impl FnOnce(&mut Value)) -> Vec<String> {
        let mut t = translation();
        change(&mut t);
        compare(&plain_source(), &t, &RULES)
    }

    fn one_problem(change: impl FnOnce(&mut Value), expected: &str) {
        let problems = problems_after(change);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].contains(expected), "{problems:#?}");
    }

    #[test]
    fn a_faithful_translation_passes_words_and_own_phone_lines_differing() {
        assert_eq!(compare(&plain_source(), &translation(), &RULES), Vec::<String>::new());
    }

    #[test]
    fn a_key_missing_from_the_translation_is_caught() {
        one_problem(|t| { t["items"][1].as_object_mut().unwrap().remove("hurt"); }, "items[1].hurt: missing in the translation");
    }

    #[test]
    fn a_key_only_the_translation_has_is_caught() {
        one_problem(|t| { t["bands"][0]["extra"] = json!("más"); }, "bands[0].extra: not in the source");
    }

    #[test]
    fn an_item_missing_from_a_list_is_caught() {
        one_problem(|t| { t["items"].as_array_mut().unwrap().pop(); }, "items: 2 entries in the source, 1 in the translation");
        one_problem(|t| { t["bands"][0]["body"].as_array_mut().unwrap().pop(); }, "bands[0].body: 2 entries");
    }

    #[test]
    fn a_changed_id_or_dimension_is_caught() {
        one_problem(|t| t["items"][0]["id"] = json!("motivos-1"), "items[0].id: \"motives-1\" in the source, \"motivos-1\"");
        one_problem(|t| t["items"][1]["dimension"] = json!("willingness"), "items[1].dimension");
    }

    #[test]
    fn changed_reverse_keying_scoring_or_warning_answers_are_caught() {
        one_problem(|t| t["items"][1]["reverse"] = json!(false), "items[1].reverse: true in the source, false");
        one_problem(|t| t["bands"][0]["min"] = json!(5), "bands[0].min: 0 in the source, 5");
        one_problem(|t| t["safety"]["questions"][0]["warning_if"] = json!(true), "warning_if");
    }

    #[test]
    fn changed_kinds_links_and_steps_are_caught() {
        one_problem(|t| t["safety"]["questions"][0]["kind"] = json!("self-harm"), "questions[0].kind");
        one_problem(|t| t["sections"][0]["links"][0] = json!("help"), "sections[0].links[0]");
        one_problem(|t| t["cards"][0]["step"] = json!("end-the-affair"), "cards[0].step");
        one_problem(|t| t["cards"][0]["role"] = json!("hurt"), "cards[0].role: nothing in the source, a text");
    }

    #[test]
    fn a_placeholder_added_dropped_or_changed_is_caught() {
        one_problem(|t| t["items"][0]["hurt"] = json!("Quiero a mi pareja."), "items[0].hurt: placeholders {\"my_partner\"}");
        one_problem(|t| t["items"][1]["hurt"] = json!("{Partner} me retiene."), "items[1].hurt: placeholders {}");
        one_problem(|t| t["bands"][0]["body"][1] = json!("Quizá {my_partner} espere."), "bands[0].body[1]");
    }

    #[test]
    fn a_placeholder_s_capital_may_differ_with_the_sentence() {
        assert!(problems_after(|t| t["bands"][0]["body"][1] = json!("{Partner} quizá espere.")).is_empty());
    }

    #[test]
    fn the_note_on_an_unvalidated_translation_is_required_of_a_translation_and_refused_in_the_source() {
        one_problem(|t| { t.as_object_mut().unwrap().remove("translation"); }, "translation: every translation needs this");
        let problems = compare(&source(), &translation(), &RULES);
        assert!(problems.iter().any(|p| p.contains("only a translation has this")), "{problems:#?}");
    }

    #[test]
    fn each_file_gets_its_own_exceptions() {
        assert_eq!(rules("help").own, ["lines"]);
        assert!(rules("check").own.is_empty());
        assert_eq!(rules("check").translation_only, ["translation"]);
        assert!(rules("guide").translation_only.is_empty(), "only the check carries the note");
        assert!(rules("summary").exact.is_empty(), "the summary's \"role\" is a label, not an id");
    }

    #[test]
    fn a_text_where_a_list_belongs_is_caught() {
        one_problem(|t| t["bands"][0]["body"] = json!("Todavía no."), "bands[0].body: a list in the source, a text");
    }
}
