//! Everything the app keeps goes through here.
//!
//! A [`Backend`] is a flat string key/value store (the browser's localStorage,
//! or [`MemoryBackend`] in native tests). [`Store`] puts every key under one
//! namespace prefix, so two embedded widgets, or a host page's own scripts,
//! never read or overwrite each other's data, and it speaks typed values
//! through serde with typed errors. Encryption (the passphrase lock) is a layer
//! between the two: [`crate::vault::EncryptedBackend`].

mod memory;
mod local;

pub use memory::MemoryBackend;
pub use local::LocalBackend;

use serde::{de::DeserializeOwned, Serialize};
use std::rc::Rc;

/// The schema version this build writes. Records carry it so later builds can
/// migrate them, and a record from a newer build is never misread.
pub const SCHEMA_VERSION: u32 = 1;

/// What can go wrong when reading or writing, in terms a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("{}", words().unavailable)]
    Unavailable,
    #[error("{}", words().quota_exceeded)]
    QuotaExceeded,
    #[error("{}", words().refused(.0))]
    Refused(String),
    #[error("{}", words().corrupt(.key, .reason))]
    Corrupt { key: String, reason: String },
    #[error("{}", words().too_new(.found, .key))]
    TooNew { key: String, found: u32 },
    /// The lock was turned on in another window since this one opened without
    /// it: nothing more is written here in the clear ([`crate::vault::PlainGuard`]).
    #[error("{}", words().locked_elsewhere)]
    LockedElsewhere,
}

/// `StorageError`'s words, in the active language (read as it is said).
fn words() -> &'static crate::text::storage_errors::Strings {
    crate::text::storage_errors::get()
}

/// A flat key/value store of strings. Keys passed in are already namespaced.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key in the backend (not only this app's).
    fn keys(&self) -> Result<Vec<String>, StorageError>;
    /// The value exactly as the browser holds it, under any layer that
    /// transforms values (the lock's encryption): what to keep or hand to the
    /// person when a record cannot be read.
    fn stored(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.get(key)
    }
}

/// A storage namespace: letters, digits, `-` and `_`, 1 to 40 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace(String);

impl Namespace {
    /// The namespace of the standalone app.
    pub const DEFAULT: &'static str = "rt";

    /// Accepts a well-formed namespace, or says why not.
    pub fn new(name: &str) -> Result<Self, String> {
        let ok = (1..=40).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(Self(name.to_string()))
        } else {
            Err(format!(
                "storage namespace {name:?} must be 1 to 40 letters, digits, '-' or '_'"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Namespace {
    fn default() -> Self {
        Self(Self::DEFAULT.to_string())
    }
}

/// A record as stored: the schema version beside the value.
#[derive(serde::Serialize, serde::Deserialize)]
struct Envelope<T> {
    v: u32,
    data: T,
}

/// How many copies of one record's unreadable versions are kept aside at
/// most ([`Store::keep_aside`]): enough for any real run of damage, and a
/// bound on what damage repeated by something else can fill storage with.
pub const ASIDE_COPIES: usize = 9;

/// The app's view of storage: namespaced keys and typed values.
#[derive(Clone)]
pub struct Store {
    backend: Rc<dyn Backend>,
    prefix: String,
}

impl Store {
    pub fn new(backend: Rc<dyn Backend>, namespace: &Namespace) -> Self {
        Self {
            backend,
            prefix: format!("{}:", namespace.as_str()),
        }
    }

    /// The backend under this store, for a layer (the vault) to wrap.
    pub fn backend(&self) -> Rc<dyn Backend> {
        self.backend.clone()
    }

    /// The same namespace over another backend, such as a layer wrapping this one's.
    pub fn with_backend(&self, backend: Rc<dyn Backend>) -> Self {
        Self {
            backend,
            prefix: self.prefix.clone(),
        }
    }

    /// An empty in-memory store, for tests.
    pub fn memory() -> Self {
        Self::new(Rc::new(MemoryBackend::default()), &Namespace::default())
    }

    /// The same backend under another namespace (for records kept apart, such
    /// as the display preferences readable before unlock).
    pub fn with_namespace(&self, namespace: &Namespace) -> Store {
        Store::new(self.backend.clone(), namespace)
    }

    /// The full backend key for one of this store's keys.
    pub fn full_key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// Reads a typed record; `Ok(None)` when there is none.
    pub fn load<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let Some(raw) = self.get_raw(key)? else {
            return Ok(None);
        };
        decode(&self.full_key(key), &raw).map(Some)
    }

    /// Writes a typed record under the current schema version.
    pub fn save<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let raw = serde_json::to_string(&Envelope {
            v: SCHEMA_VERSION,
            data: value,
        })
        .map_err(|e| StorageError::Refused(e.to_string()))?;
        self.set_raw(key, &raw)
    }

    pub fn get_raw(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.backend.get(&self.full_key(key))
    }

    /// The record exactly as stored, beneath the lock's encryption: for a
    /// record that cannot be read, so it can be kept and saved byte for byte.
    pub fn get_stored(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.backend.stored(&self.full_key(key))
    }

    pub fn set_raw(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.backend.set(&self.full_key(key), value)
    }

    /// Copies the record under `key`, which could not be read, aside, so that
    /// saving a fresh value there later never destroys it: to
    /// `<key>.unreadable`, or, when an earlier incident's copy is there, to
    /// `<key>.unreadable.2`, `.3`… up to [`ASIDE_COPIES`]. Returns whether
    /// these very bytes are now kept aside (copied now, or before).
    pub fn keep_aside(&self, key: &str) -> bool {
        let Ok(Some(raw)) = self.get_raw(key) else {
            return false;
        };
        for n in 1..=ASIDE_COPIES {
            let aside = match n {
                1 => format!("{key}.unreadable"),
                n => format!("{key}.unreadable.{n}"),
            };
            match self.get_raw(&aside) {
                Ok(None) => return self.set_raw(&aside, &raw).is_ok(),
                Ok(Some(kept)) if kept == raw => return true,
                _ => {}
            }
        }
        false
    }

    pub fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.backend.remove(&self.full_key(key))
    }

    /// This store's keys (without the prefix), sorted.
    pub fn keys(&self) -> Result<Vec<String>, StorageError> {
        let mut keys: Vec<String> = self
            .backend
            .keys()?
            .into_iter()
            .filter_map(|k| k.strip_prefix(&self.prefix).map(str::to_string))
            .collect();
        keys.sort();
        Ok(keys)
    }

    /// Characters held under this namespace, keys included: what the browser counts
    /// against its quota (it stores UTF-16, so bytes are about twice this).
    pub fn used_chars(&self) -> Result<usize, StorageError> {
        let mut total = 0;
        for key in self.keys()? {
            // As stored: sealed records count at their sealed size, and one
            // that cannot be opened still takes room.
            let value = self.get_stored(&key)?.unwrap_or_default();
            total += self.full_key(&key).chars().count() + value.chars().count();
        }
        Ok(total)
    }
}

/// Parses a stored record, refusing one from a newer schema rather than misreading it.
pub fn decode<T: DeserializeOwned>(key: &str, raw: &str) -> Result<T, StorageError> {
    let (_, data) = open_envelope(key, raw)?;
    serde_json::from_value(data).map_err(|e| StorageError::Corrupt {
        key: key.to_string(),
        reason: crate::text::shape_problem(&e),
    })
}

/// Opens a record's envelope: its schema version (at most [`SCHEMA_VERSION`];
/// a newer one is refused, never misread) and its data, not yet typed, so a
/// caller with older shapes to upgrade can migrate it first.
pub fn open_envelope(key: &str, raw: &str) -> Result<(u32, serde_json::Value), StorageError> {
    let corrupt = |reason: &str| StorageError::Corrupt {
        key: key.to_string(),
        reason: reason.to_string(),
    };
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|_| {
        corrupt(words().not_json)
    })?;
    let version = value
        .get("v")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| corrupt(words().no_schema))?;
    let version = u32::try_from(version)
        .ok()
        .filter(|v| *v <= SCHEMA_VERSION)
        .ok_or(StorageError::TooNew {
            key: key.to_string(),
            found: u32::try_from(version).unwrap_or(u32::MAX),
        })?;
    let data = value.get("data").cloned().ok_or_else(|| corrupt(words().no_data))?;
    Ok((version, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unreadable_version_of_a_record_is_kept_aside_once_and_none_overwrites_another() {
        let store = Store::memory();
        assert!(!store.keep_aside("guide"), "nothing stored: nothing kept");
        store.set_raw("guide", "first damage").unwrap();
        assert!(store.keep_aside("guide"));
        assert!(store.keep_aside("guide"), "the same bytes again: already kept");
        store.set_raw("guide", "second damage").unwrap();
        assert!(store.keep_aside("guide"));
        assert_eq!(store.get_raw("guide.unreadable").unwrap().as_deref(), Some("first damage"));
        assert_eq!(store.get_raw("guide.unreadable.2").unwrap().as_deref(), Some("second damage"));
        assert_eq!(store.keys().unwrap(), ["guide", "guide.unreadable", "guide.unreadable.2"]);
        for n in 3..=ASIDE_COPIES {
            store.set_raw("guide", &format!("damage {n}")).unwrap();
            assert!(store.keep_aside("guide"));
        }
        store.set_raw("guide", "one too many").unwrap();
        assert!(!store.keep_aside("guide"), "past the bound, it says it kept nothing");
        assert_eq!(store.get_raw("guide.unreadable").unwrap().as_deref(), Some("first damage"));
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Sample {
        name: String,
        count: u32,
    }

    fn sample() -> Sample {
        Sample {
            name: "a <b> & \"c\"".into(),
            count: 3,
        }
    }

    #[test]
    fn a_saved_record_loads_back_equal() {
        let store = Store::memory();
        store.save("thing", &sample()).unwrap();
        assert_eq!(store.load::<Sample>("thing").unwrap(), Some(sample()));
    }

    #[test]
    fn a_missing_record_is_none_not_an_error() {
        assert_eq!(Store::memory().load::<Sample>("nothing").unwrap(), None);
    }

    #[test]
    fn keys_live_under_the_namespace_and_namespaces_do_not_see_each_other() {
        let backend: Rc<dyn Backend> = Rc::new(MemoryBackend::default());
        let a = Store::new(backend.clone(), &Namespace::new("clinic-a").unwrap());
        let b = Store::new(backend.clone(), &Namespace::new("clinic-b").unwrap());
        backend.set("host-key", "the host's own").unwrap();
        a.save("settings", &sample()).unwrap();
        assert_eq!(b.load::<Sample>("settings").unwrap(), None);
        assert_eq!(a.keys().unwrap(), vec!["settings".to_string()]);
        assert!(backend.get("clinic-a:settings").unwrap().is_some());
        b.remove("settings").unwrap();
        assert!(a.load::<Sample>("settings").unwrap().is_some());
        assert_eq!(backend.get("host-key").unwrap().as_deref(), Some("the host's own"));
    }

    #[test]
    fn malformed_namespaces_are_refused() {
        for bad in ["", "has space", "colon:inside", &"x".repeat(41), "ünïcode"] {
            assert!(Namespace::new(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(Namespace::new("Clinic_2-b").is_ok());
    }

    #[test]
    fn broken_json_is_reported_as_corrupt_with_its_key() {
        let store = Store::memory();
        store.set_raw("thing", "{not json").unwrap();
        match store.load::<Sample>("thing") {
            Err(StorageError::Corrupt { key, .. }) => assert_eq!(key, "rt:thing"),
            other => panic!("expected Corrupt, got {other:?}"),
        }
        // Reading never rewrites or removes what was there.
        assert_eq!(store.get_raw("thing").unwrap().as_deref(), Some("{not json"));
    }

    #[test]
    fn wrong_types_and_missing_versions_are_corrupt() {
        let store = Store::memory();
        store.set_raw("a", r#"{"v":1,"data":{"name":5,"count":"x"}}"#).unwrap();
        store.set_raw("b", r#"{"data":{"name":"n","count":1}}"#).unwrap();
        assert!(matches!(store.load::<Sample>("a"), Err(StorageError::Corrupt { .. })));
        assert!(matches!(store.load::<Sample>("b"), Err(StorageError::Corrupt { .. })));
    }

    /// What each kind of damage is called, read straight into a type as
    /// through `open_envelope` (the journal's path): the same words for both.
    #[test]
    fn every_kind_of_damaged_envelope_is_named_the_same_on_both_paths() {
        let reason = |raw: &str| match decode::<Sample>("k", raw) {
            Err(StorageError::Corrupt { reason, .. }) => reason,
            other => panic!("{raw}: expected Corrupt, got {other:?}"),
        };
        let envelope = |raw: &str| match open_envelope("k", raw) {
            Err(StorageError::Corrupt { reason, .. }) => reason,
            other => panic!("{raw}: expected Corrupt, got {other:?}"),
        };
        for (raw, why) in [
            ("{not json", "not valid JSON"),
            (r#"{"v":1,"data":{"name":"n","#, "not valid JSON"),
            ("[1,2,3", "not valid JSON"),
            ("", "not valid JSON"),
            ("[1,2,3]", "no schema version"),
            ("5", "no schema version"),
            (r#""text""#, "no schema version"),
            ("null", "no schema version"),
            (r#"{"data":{}}"#, "no schema version"),
            (r#"{"v":"1","data":{}}"#, "no schema version"),
            (r#"{"v":1.5,"data":{}}"#, "no schema version"),
            (r#"{"v":-1,"data":{}}"#, "no schema version"),
            (r#"{"v":null,"data":{}}"#, "no schema version"),
            (r#"{"v":{"a":[1]},"data":{}}"#, "no schema version"),
            (r#"{"v":1}"#, "it has no data"),
        ] {
            assert!(reason(raw).contains(why), "{raw}: {}", reason(raw));
            assert!(envelope(raw).contains(why), "{raw}: {}", envelope(raw));
        }
        // A sound envelope around the wrong shape: what is wrong, in words
        // (not serde's English).
        assert_eq!(reason(r#"{"v":1,"data":{"name":5,"count":1}}"#), "one of its values is of the wrong kind");
        assert_eq!(reason(r#"{"v":1,"data":{"count":1}}"#), "its “name” field is missing");
        assert_eq!(reason(r#"{"v":1,"data":null}"#), "one of its values is of the wrong kind");
        // Present but null is data, for a type that may be nothing.
        assert_eq!(decode::<Option<Sample>>("k", r#"{"v":1,"data":null}"#), Ok(None));
        // Fields this app does not know are skipped, wherever they are.
        let extra = r#"{"x":[{"y":1}],"v":1,"data":{"name":"n","count":2,"z":null},"w":"?"}"#;
        assert_eq!(decode::<Sample>("k", extra), Ok(Sample { name: "n".into(), count: 2 }));
        let (version, data) = open_envelope("k", extra).unwrap();
        assert_eq!((version, data["count"].as_u64()), (1, Some(2)));
    }

    #[test]
    fn a_record_from_a_newer_schema_is_refused_not_misread() {
        let store = Store::memory();
        store.set_raw("a", r#"{"v":99,"data":{"name":"n","count":1}}"#).unwrap();
        assert_eq!(
            store.load::<Sample>("a"),
            Err(StorageError::TooNew { key: "rt:a".into(), found: 99 })
        );
    }

    #[test]
    fn a_full_backend_reports_quota_and_keeps_the_old_value() {
        let backend = Rc::new(MemoryBackend::with_quota(60));
        let store = Store::new(backend.clone(), &Namespace::default());
        store.save("thing", &sample()).unwrap();
        let big = Sample { name: "x".repeat(100), count: 1 };
        assert_eq!(store.save("thing", &big), Err(StorageError::QuotaExceeded));
        assert_eq!(store.load::<Sample>("thing").unwrap(), Some(sample()));
    }

    #[test]
    fn used_chars_counts_only_this_namespace() {
        let backend: Rc<dyn Backend> = Rc::new(MemoryBackend::default());
        backend.set("other:key", "0123456789").unwrap();
        let store = Store::new(backend, &Namespace::default());
        store.set_raw("k", "abc").unwrap();
        assert_eq!(store.used_chars().unwrap(), "rt:k".len() + 3);
    }
}
