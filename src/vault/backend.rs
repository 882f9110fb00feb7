//! A [`Backend`] layer that seals what the app writes and opens what it reads.

use super::envelope::{is_sealed, open, seal};
use super::key::nonce;
use super::meta::{VaultMeta, VaultState, META_KEY};
use super::{Key, Random, VaultError};
use crate::storage::{decode, Backend, StorageError};
use std::rc::Rc;

/// Encrypts every record under one namespace prefix, except the lock record.
///
/// Keys outside the prefix (the host page's own, other widgets' namespaces)
/// pass through untouched. A plaintext record is read as it is, so a store
/// whose conversion was interrupted keeps working; a sealed record that fails
/// to open is reported as corrupt and left in place, never deleted.
pub struct EncryptedBackend {
    inner: Rc<dyn Backend>,
    key: Key,
    /// During an interrupted passphrase change, records may still be under this one.
    previous: Option<Key>,
    prefix: String,
    meta_key: String,
    random: Rc<dyn Random>,
}

impl EncryptedBackend {
    /// Wraps `inner`, sealing keys that start with `prefix` (such as `"rt:"`) with `key`.
    pub fn new(inner: Rc<dyn Backend>, key: Key, prefix: &str, random: Rc<dyn Random>) -> Self {
        Self {
            inner,
            key,
            previous: None,
            prefix: prefix.to_string(),
            meta_key: format!("{prefix}{META_KEY}"),
            random,
        }
    }

    /// Also opens records still sealed with `previous` (an unfinished passphrase change).
    pub fn with_previous_key(mut self, previous: Key) -> Self {
        self.previous = Some(previous);
        self
    }

    /// Whether this layer seals the record under `key`.
    fn covers(&self, key: &str) -> bool {
        key.starts_with(&self.prefix) && key != self.meta_key
    }

    /// Opens a sealed record with the key, or the previous one during a change.
    fn open_record(&self, key: &str, raw: &str) -> Result<String, VaultError> {
        match open(&self.key, key, raw) {
            Err(VaultError::Undecryptable) if self.previous.is_some() => {
                self.previous.as_ref().map_or(Err(VaultError::Undecryptable), |p| open(p, key, raw))
            }
            other => other,
        }
    }

    /// Refuses to write when the lock was removed or re-keyed since this layer
    /// was opened (in another tab, say): a record sealed with a key the lock no
    /// longer knows could never be read again.
    fn check_lock_unchanged(&self) -> Result<(), StorageError> {
        let t = super::words();
        let stale = |why: &str| StorageError::Refused(t.stale(why));
        let raw = self
            .inner
            .get(&self.meta_key)?
            .ok_or_else(|| stale(t.stale_removed))?;
        let meta: VaultMeta = decode(&self.meta_key, &raw)?;
        match meta.verify(&self.key) {
            Ok(VaultState::Decrypting) => Err(stale(t.stale_removing)),
            Ok(_) => Ok(()),
            Err(_) => Err(stale(t.stale_changed)),
        }
    }
}

/// A record that cannot be opened, as a storage error naming it.
fn corrupt(key: &str, err: &VaultError) -> StorageError {
    let reason = match err {
        VaultError::Undecryptable => super::words().undecryptable_left.to_string(),
        other => super::words().undecryptable_because(other),
    };
    StorageError::Corrupt {
        key: key.to_string(),
        reason,
    }
}

impl Backend for EncryptedBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let Some(raw) = self.inner.get(key)? else {
            return Ok(None);
        };
        if !self.covers(key) || !is_sealed(&raw) {
            return Ok(Some(raw));
        }
        self.open_record(key, &raw).map(Some).map_err(|e| corrupt(key, &e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if !self.covers(key) {
            return self.inner.set(key, value);
        }
        self.check_lock_unchanged()?;
        let refused = |e: VaultError| StorageError::Refused(e.to_string());
        let nonce = nonce(self.random.as_ref()).map_err(refused)?;
        let sealed = seal(&self.key, nonce, key, value).map_err(refused)?;
        self.inner.set(key, &sealed)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.inner.remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner.keys()
    }

    fn stored(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.stored(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{MemoryBackend, Namespace, Store};
    use crate::vault::testing::{dump, key, params, CountingRandom};

    const SECRETS: [&str; 3] = ["I found the messages", "we talked until 3am", "ünïcødé 信任"];

    /// A raw store with a lock record for key 1, and the encrypted store over it.
    fn stores() -> (Rc<MemoryBackend>, Store, Store) {
        let inner = Rc::new(MemoryBackend::default());
        let raw = Store::new(inner.clone(), &Namespace::default());
        VaultMeta::create(&key(1), params(), VaultState::Locked, [9; 12])
            .unwrap()
            .save(&raw)
            .unwrap();
        let random: Rc<dyn Random> = Rc::new(CountingRandom::default());
        let backend = EncryptedBackend::new(inner.clone(), key(1), "rt:", random);
        let sealed = raw.with_backend(Rc::new(backend));
        (inner, raw, sealed)
    }

    #[test]
    fn records_round_trip_and_storage_holds_no_plaintext() {
        let (inner, _raw, sealed) = stores();
        for (i, secret) in SECRETS.iter().enumerate() {
            sealed.save(&format!("journal:{i}"), secret).unwrap();
        }
        for (i, secret) in SECRETS.iter().enumerate() {
            assert_eq!(sealed.load::<String>(&format!("journal:{i}")).unwrap().as_deref(), Some(*secret));
        }
        let everything = dump(&*inner);
        for secret in SECRETS {
            assert!(!everything.contains(secret), "{secret:?} is in storage as plaintext");
        }
        assert!(inner.get("rt:journal:0").unwrap().unwrap().starts_with("rtv1:"));
        assert_eq!(
            sealed.keys().unwrap(),
            vec!["journal:0", "journal:1", "journal:2", "vault"]
        );
    }

    #[test]
    fn other_namespaces_host_keys_and_the_lock_record_are_untouched() {
        let (inner, raw, sealed) = stores();
        let meta_before = inner.get("rt:vault").unwrap();
        inner.set("theme", "host page's own").unwrap();
        let backend = sealed.backend();
        backend.set("other-widget:entry", "not ours").unwrap();
        backend.set("theme", "host page's own, rewritten").unwrap();
        sealed.save("journal:1", &"mine").unwrap();
        assert_eq!(inner.get("other-widget:entry").unwrap().as_deref(), Some("not ours"));
        assert_eq!(inner.get("theme").unwrap().as_deref(), Some("host page's own, rewritten"));
        assert_eq!(backend.get("other-widget:entry").unwrap().as_deref(), Some("not ours"));
        assert_eq!(inner.get("rt:vault").unwrap(), meta_before);
        assert_eq!(raw.load::<VaultMeta>("vault").unwrap().unwrap().verify(&key(1)), Ok(VaultState::Locked));
    }

    #[test]
    fn a_plaintext_record_is_read_as_it_is() {
        let (_inner, raw, sealed) = stores();
        raw.save("settings", &"not yet converted").unwrap();
        assert_eq!(sealed.load::<String>("settings").unwrap().as_deref(), Some("not yet converted"));
    }

    #[test]
    fn a_record_that_fails_to_open_is_corrupt_and_stays_in_storage() {
        let (inner, raw, sealed) = stores();
        sealed.save("journal:1", &"one").unwrap();
        sealed.save("journal:2", &"two").unwrap();
        // Swap the two sealed records.
        let one = inner.get("rt:journal:1").unwrap().unwrap();
        let two = inner.get("rt:journal:2").unwrap().unwrap();
        raw.set_raw("journal:1", &two).unwrap();
        raw.set_raw("journal:2", &one).unwrap();
        for k in ["journal:1", "journal:2"] {
            match sealed.load::<String>(k) {
                Err(StorageError::Corrupt { key, reason }) => {
                    assert_eq!(key, format!("rt:{k}"));
                    assert!(reason.contains("could not be decrypted"), "{reason}");
                }
                other => panic!("expected Corrupt, got {other:?}"),
            }
        }
        assert_eq!(inner.get("rt:journal:1").unwrap(), Some(two.clone()));
        // What is stored stays reachable byte for byte, to be kept or saved as a file.
        assert_eq!(sealed.get_stored("journal:1").unwrap(), Some(two));
        assert_eq!(sealed.get_stored("journal:2").unwrap(), Some(one));
    }

    #[test]
    fn writes_are_refused_once_the_lock_is_removed_or_rekeyed_elsewhere() {
        let (inner, raw, sealed) = stores();
        sealed.save("journal:1", &"before").unwrap();
        // Another tab changes the passphrase.
        VaultMeta::create(&key(2), params(), VaultState::Locked, [4; 12]).unwrap().save(&raw).unwrap();
        let err = sealed.save("journal:1", &"after").unwrap_err();
        assert!(err.to_string().contains("passphrase was changed"), "{err}");
        // Another tab removes the lock.
        raw.remove("vault").unwrap();
        let err = sealed.save("journal:1", &"after").unwrap_err();
        assert!(err.to_string().contains("lock was removed"), "{err}");
        assert!(is_sealed(&inner.get("rt:journal:1").unwrap().unwrap()));
    }

    #[test]
    fn records_under_the_previous_key_open_during_an_unfinished_change() {
        let inner = Rc::new(MemoryBackend::default());
        let raw = Store::new(inner.clone(), &Namespace::default());
        let random = Rc::new(CountingRandom::default());
        raw.set_raw("old", &seal(&key(1), [1; 12], "rt:old", r#"{"v":1,"data":"old"}"#).unwrap()).unwrap();
        raw.set_raw("new", &seal(&key(2), [2; 12], "rt:new", r#"{"v":1,"data":"new"}"#).unwrap()).unwrap();
        let both = raw.with_backend(Rc::new(
            EncryptedBackend::new(inner.clone(), key(2), "rt:", random.clone()).with_previous_key(key(1)),
        ));
        assert_eq!(both.load::<String>("old").unwrap().as_deref(), Some("old"));
        assert_eq!(both.load::<String>("new").unwrap().as_deref(), Some("new"));
        let new_only = raw.with_backend(Rc::new(EncryptedBackend::new(inner, key(2), "rt:", random)));
        assert!(matches!(new_only.load::<String>("old"), Err(StorageError::Corrupt { .. })));
    }
}
