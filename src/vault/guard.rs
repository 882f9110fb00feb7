//! The plain store's guard: once a lock record exists, nothing more is
//! written readable.
//!
//! While no lock is set, the open app writes records as they are. Another
//! window of the same browser may turn the lock on at any moment; this window
//! hears of it only later (a `storage` event), and meanwhile, or when its
//! editor saves on closing, a plain write would put words back in the clear
//! after the other window sealed everything. So every write and removal first
//! looks for the lock record, and refuses with
//! [`StorageError::LockedElsewhere`] when there is one: the words stay with
//! the window (see [`crate::journal::EditorSession::unsaved`]) until it is unlocked.
//!
//! The lock's own flows (turning it on, removing it, wiping) write through the
//! unguarded store, as they must.

use super::meta::META_KEY;
use crate::storage::{Backend, StorageError, Store};
use std::rc::Rc;

/// Passes reads through; refuses writes under the namespace once its lock record exists.
pub struct PlainGuard {
    inner: Rc<dyn Backend>,
    prefix: String,
    meta_key: String,
}

impl PlainGuard {
    /// Guards the namespace whose keys start with `prefix` (such as `"rt:"`).
    pub fn new(inner: Rc<dyn Backend>, prefix: &str) -> Self {
        Self {
            inner,
            prefix: prefix.to_string(),
            meta_key: format!("{prefix}{META_KEY}"),
        }
    }

    fn check(&self, key: &str) -> Result<(), StorageError> {
        if key.starts_with(&self.prefix) && self.inner.get(&self.meta_key)?.is_some() {
            return Err(StorageError::LockedElsewhere);
        }
        Ok(())
    }
}

impl Backend for PlainGuard {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.check(key)?;
        self.inner.set(key, value)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.check(key)?;
        self.inner.remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner.keys()
    }

    fn stored(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.stored(key)
    }
}

/// The store the open app writes through while no lock is set: `plain`,
/// guarded so that it writes nothing once a lock record appears.
pub fn plain_app_store(plain: &Store) -> Store {
    plain.with_backend(Rc::new(PlainGuard::new(plain.backend(), &plain.full_key(""))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{MemoryBackend, Namespace};
    use crate::vault::testing::{key, params, CountingRandom};

    fn stores() -> (Rc<MemoryBackend>, Store, Store) {
        let backend = Rc::new(MemoryBackend::default());
        let plain = Store::new(backend.clone(), &Namespace::default());
        let app = plain_app_store(&plain);
        (backend, plain, app)
    }

    #[test]
    fn without_a_lock_it_reads_and_writes_as_the_plain_store() {
        let (_, plain, app) = stores();
        app.set_raw("note", "hello").unwrap();
        assert_eq!(plain.get_raw("note").unwrap().as_deref(), Some("hello"));
        app.remove("note").unwrap();
        assert_eq!(plain.get_raw("note").unwrap(), None);
    }

    #[test]
    fn once_a_lock_record_exists_it_writes_and_removes_nothing() {
        let (backend, plain, app) = stores();
        app.set_raw("note", "hello").unwrap();
        crate::vault::lock(&plain, &key(1), params(), &CountingRandom::default()).unwrap();
        let before: Vec<_> = {
            let mut all: Vec<_> = backend.keys().unwrap().into_iter().map(|k| (k.clone(), backend.get(&k).unwrap())).collect();
            all.sort();
            all
        };
        assert_eq!(app.set_raw("note", "secret"), Err(StorageError::LockedElsewhere));
        assert_eq!(app.set_raw("other", "secret"), Err(StorageError::LockedElsewhere));
        assert_eq!(app.remove("note"), Err(StorageError::LockedElsewhere));
        let mut after: Vec<_> = backend.keys().unwrap().into_iter().map(|k| (k.clone(), backend.get(&k).unwrap())).collect();
        after.sort();
        assert_eq!(before, after, "a refused call changed storage");
        // Reading still works (the sealed bytes, as stored).
        assert!(app.get_raw("note").unwrap().is_some_and(|v| crate::vault::is_sealed(&v)));
    }

    #[test]
    fn other_namespaces_are_not_its_concern() {
        let (backend, plain, app) = stores();
        crate::vault::lock(&plain, &key(1), params(), &CountingRandom::default()).unwrap();
        let other = Store::new(Rc::new(PlainGuard::new(backend.clone(), "rt:")), &Namespace::new("clinic").unwrap());
        other.set_raw("note", "theirs").unwrap();
        assert_eq!(app.set_raw("note", "x"), Err(StorageError::LockedElsewhere));
    }
}
