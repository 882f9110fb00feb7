//! The private journal: entries, how they are kept, found and exported.
//!
//! Pure Rust over [`Store`](crate::storage::Store), so every rule is tested
//! natively; the UI only calls these functions.
//!
//! - [`entry`]: the [`Entry`] shape, moods, feelings, tags, validation, ids.
//! - [`repo`]: one record per entry, index, two-tab conflicts, undo.
//! - [`drafts`]: unsaved words, kept per window and offered back.
//! - [`editor`]: [`EditorSession`], the editor's state: saving, autosave,
//!   conflicts and their resolutions, other windows' drafts.
//! - [`migrate`]: upgrading older stored records.
//! - [`search`]: [`fold`], [`Finder`] and [`Filter`], excerpts, tag counts.
//! - [`mood`]: mood per local day.
//! - [`markdown`]: the journal as a Markdown document.

pub mod drafts;
pub mod editor;
pub mod entry;
pub mod markdown;
pub mod migrate;
pub mod mood;
pub mod repo;
pub mod search;

pub use entry::{
    feelings, mood_from_word, mood_word, normalise_labels, validate_id, Entry,
    EntryError, MOODS, MOOD_WORDS,
};
pub use markdown::to_markdown;
pub use mood::{day_bounds, local_day, mood_series, MoodPoint};
pub use drafts::{Draft, Window};
pub use editor::{Clock, EditorSession, Status};
pub use repo::{
    delete_all, delete_entry, discard_unreadable, keep_both, load, load_entry, parse_backend_key,
    parse_key, restore_entry, save_entry, JournalError, JournalKey, Loaded, SaveOutcome,
    Unreadable,
};
pub use search::{excerpt, fold, tag_counts, Filter, Finder, TagCount, EXCERPT_CHARS};

/// Helpers shared by the journal's and the backup's tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::Entry;
    use crate::storage::{Backend, MemoryBackend, Namespace, StorageError, Store};
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;
    use std::rc::Rc;

    /// An entry with a title and body, created at `created` ms.
    pub fn entry(id: &str, created: u64, title: &str, body: &str) -> Entry {
        let mut e = Entry::new(id.into(), created);
        e.title = title.into();
        e.body = body.into();
        e
    }

    /// A backend that counts writes and the bytes they carry, logs every
    /// change, and can refuse writes to keys ending in a given suffix as if full.
    #[derive(Default)]
    pub struct Spy {
        pub inner: MemoryBackend,
        pub sets: Cell<usize>,
        pub bytes: Cell<usize>,
        pub log: RefCell<Vec<String>>,
        pub full_for: RefCell<Option<String>>,
    }

    impl Spy {
        pub fn reset(&self) {
            self.sets.set(0);
            self.bytes.set(0);
            self.log.borrow_mut().clear();
        }
    }

    impl Backend for Spy {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
            if self
                .full_for
                .borrow()
                .as_deref()
                .is_some_and(|s| key.ends_with(s))
            {
                return Err(StorageError::QuotaExceeded);
            }
            self.sets.set(self.sets.get() + 1);
            self.bytes.set(self.bytes.get() + key.len() + value.len());
            self.log.borrow_mut().push(format!("set {key}"));
            self.inner.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StorageError> {
            self.log.borrow_mut().push(format!("remove {key}"));
            self.inner.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StorageError> {
            self.inner.keys()
        }
    }

    /// A store over `backend` in the default namespace.
    pub fn store_on(backend: Rc<dyn Backend>) -> Store {
        Store::new(backend, &Namespace::default())
    }

    /// Every key and value in a backend, to compare before and after.
    pub fn snapshot(backend: &dyn Backend) -> BTreeMap<String, String> {
        backend
            .keys()
            .unwrap()
            .into_iter()
            .map(|k| {
                let v = backend.get(&k).unwrap().unwrap();
                (k, v)
            })
            .collect()
    }
}

#[cfg(test)]
mod words_tests {
    use super::*;
    use crate::locale::{self, Locale};

    /// Puts the source language back even when an assertion fails.
    struct Speaking;
    impl Speaking {
        fn spanish() -> Self {
            locale::set_active(Locale::Es);
            Speaking
        }
    }
    impl Drop for Speaking {
        fn drop(&mut self) {
            locale::set_active(Locale::SOURCE);
        }
    }

    #[test]
    fn a_person_reading_spanish_gets_the_journals_messages_in_spanish() {
        let _es = Speaking::spanish();
        assert_eq!(
            EntryError::TitleTooLong(250).to_string(),
            "el título tiene 250 caracteres; déjalo en 200 como máximo"
        );
        assert_eq!(
            EntryError::BadLabel { what: "tag", label: "x".repeat(41) }.to_string(),
            format!("la etiqueta “{}…” tiene 41 caracteres; una etiqueta admite hasta 40", "x".repeat(40))
        );
        assert_eq!(
            EntryError::BadLabel { what: "feeling", label: " ".into() }.to_string(),
            "una de las emociones está vacía"
        );
        assert_eq!(
            JournalError::Invalid(EntryError::BadMood(9)).to_string(),
            "no se puede guardar esta entrada: el ánimo debe ir de 1 a 5, no 9"
        );
        assert_eq!(
            JournalError::IdTaken("a1".into()).to_string(),
            "ya hay una entrada con el identificador a1, así que no se sobrescribió"
        );
        assert_eq!(
            migrate::migrate(99, serde_json::json!({})).unwrap_err(),
            "se guardó con una versión más nueva de la app (esquema 99); actualiza la app para leerla"
        );
        assert_eq!(mood_word(1), Some("Muy bajo"));
        assert_eq!(feelings()[0], "Dolor");
        assert_eq!(to_markdown([], |_| None, |_| String::new()), "# Diario\n\nAún no hay entradas.\n");
        // Records from before schema 1 still read, whatever the language: their mood words are English.
        assert_eq!(mood_from_word("Very low"), Some(1));
    }

    #[test]
    fn the_source_language_keeps_its_exact_words() {
        assert_eq!(
            EntryError::BadId("a b".into()).to_string(),
            "the entry id “a b” may only use letters, digits, '-' and '_' (at most 64)"
        );
        assert_eq!(
            EntryError::TooManyLabels { what: "feelings", count: 21 }.to_string(),
            "an entry can have at most 20 feelings, this one has 21"
        );
        assert_eq!(to_markdown([], |_| None, |_| String::new()), "# Journal\n\nNo entries yet.\n");
        assert_eq!(mood_word(4), Some("Steady"));
    }
}
