//! Upgrading stored entry records from older schema versions, one step at a time.
//!
//! A record is `{"v": N, "data": {...}}`. [`migrate`] runs `STEPS[N]`,
//! `STEPS[N+1]`, … until the data has the current shape. When
//! [`SCHEMA_VERSION`] goes to 2, add one function `v1_to_v2` to `STEPS`; a test
//! fails until the chain reaches the current version. Upgraded records are not
//! written back when read: reading never writes, and the next save stores the
//! current shape anyway.
//!
//! Version 0 is the shape of pre-release builds, kept as the worked example of
//! a step: `text` where v1 has `body`, `mood` as one of [`MOOD_WORDS`]
//! (`"Low"`) instead of a number, and no `updated` or `rev`:
//!
//! ```json
//! {"v":0,"data":{"id":"a1","created":1700000000000,"title":"","text":"…","mood":"Low","tags":["x"]}}
//! ```
//!
//! [`MOOD_WORDS`]: super::entry::MOOD_WORDS

use super::entry::{mood_from_word, quoted, words};
use crate::storage::SCHEMA_VERSION;
use serde_json::{Map, Value};

/// One upgrade: the data of a version-n record in, version n+1 out.
type Step = fn(Map<String, Value>) -> Result<Map<String, Value>, String>;

/// `STEPS[n]` upgrades version n to n+1; its length is the current version.
const STEPS: &[Step] = &[v0_to_v1];

/// Upgrades an entry's data from `version` to the current schema, or says in
/// plain words why it cannot. Data from a newer version is refused.
pub fn migrate(version: u32, data: Value) -> Result<Value, String> {
    if version > SCHEMA_VERSION {
        return Err(words().too_new(version));
    }
    let Value::Object(mut map) = data else {
        return Err(words().not_an_entry.into());
    };
    for step in STEPS.iter().skip(version as usize) {
        map = step(map)?;
    }
    Ok(Value::Object(map))
}

/// Pre-release records: `text` became `body`, a mood word became 1 to 5, and
/// `updated` (the creation time, the best known) and `rev` were added.
fn v0_to_v1(mut map: Map<String, Value>) -> Result<Map<String, Value>, String> {
    if let Some(text) = map.remove("text") {
        map.entry("body").or_insert(text);
    }
    match map.get("mood") {
        Some(Value::String(word)) => {
            let mood = mood_from_word(word)
                .ok_or_else(|| words().unknown_mood(quoted(word)))?;
            map.insert("mood".into(), Value::from(mood));
        }
        Some(Value::Null) | None => {}
        Some(_) => return Err(words().mood_not_word.into()),
    }
    if !map.contains_key("updated") {
        let created = map.get("created").cloned().unwrap_or(Value::from(0));
        map.insert("updated".into(), created);
    }
    map.entry("rev").or_insert(Value::from(0));
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Entry;
    use serde_json::json;

    #[test]
    fn the_chain_reaches_the_current_schema_version() {
        // Bumping SCHEMA_VERSION without adding a step here would misread records.
        assert_eq!(STEPS.len(), SCHEMA_VERSION as usize);
    }

    #[test]
    fn a_current_record_passes_through_unchanged() {
        let data = json!({"id":"a","created":1,"body":"b","mood":2,"rev":4});
        assert_eq!(migrate(SCHEMA_VERSION, data.clone()).unwrap(), data);
    }

    #[test]
    fn a_pre_release_v0_record_becomes_a_current_entry() {
        let old = json!({"id":"a1","created":1000,"title":"T","text":"line 1\nline 2","mood":"Low","tags":["x"]});
        let entry: Entry = serde_json::from_value(migrate(0, old).unwrap()).unwrap();
        assert_eq!(entry.body, "line 1\nline 2");
        assert_eq!(entry.mood, Some(2));
        assert_eq!(entry.updated, 1000);
        assert_eq!(entry.rev, 0);
        assert_eq!(entry.tags, vec!["x".to_string()]);
    }

    #[test]
    fn a_v0_record_without_a_mood_keeps_none() {
        let old = json!({"id":"a1","created":1000,"text":"t","mood":null});
        let entry: Entry = serde_json::from_value(migrate(0, old).unwrap()).unwrap();
        assert_eq!(entry.mood, None);
    }

    #[test]
    fn a_v0_mood_word_the_app_does_not_know_is_reported_not_guessed() {
        let old = json!({"id":"a1","created":1000,"text":"t","mood":"Elated"});
        let err = migrate(0, old).unwrap_err();
        assert!(err.contains("“Elated”"), "{err}");
    }

    #[test]
    fn records_newer_than_this_build_are_refused() {
        let err = migrate(SCHEMA_VERSION + 1, json!({"id":"a"})).unwrap_err();
        assert!(err.contains("newer version"), "{err}");
    }

    #[test]
    fn data_that_is_not_an_object_is_refused() {
        assert!(migrate(0, json!([1, 2])).is_err());
        assert!(migrate(1, json!("text")).is_err());
    }
}
