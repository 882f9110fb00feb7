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
