//! The optional passphrase lock: encryption at rest for everything the app stores.
//!
//! When the lock is on, every record under the app's namespace is sealed with
//! AES-256-GCM ([`seal`]), with a fresh random nonce per record and the
//! record's storage key as associated data. The key is derived from the
//! passphrase by PBKDF2-HMAC-SHA256 (at least 600,000 rounds, in the browser:
//! [`derive_key`]) and never stored. The only plaintext record is the lock
//! record ([`VaultMeta`], key `vault`): salt, rounds, and a check value that
//! proves a passphrase right without touching anything else.
//!
//! How the UI uses it:
//! - at start, [`status`]: `Locked` means ask for the passphrase, then
//!   [`unlock`]; use the returned store from then on (it encrypts), and show
//!   its `resumed` report if it did anything or failed.
//! - to turn the lock on: [`KdfParams::generate`], [`derive_key`], [`lock`],
//!   then [`unlock_with_key`] to get the encrypting store.
//! - [`change_passphrase`], [`unlock_remove`] (go back to the plain store
//!   afterwards) and, for a forgotten passphrase, [`wipe`].
//!
//! What it does not hide: that the app is used (its namespace and the lock
//! record are visible), how many records there are and roughly how long each
//! is. What it cannot prevent: someone with the device deleting records, or
//! putting back an older sealed version of one.

mod backend;
mod base64;
mod convert;
mod envelope;
mod key;
mod meta;
#[cfg(test)]
mod testing;

pub use backend::EncryptedBackend;
pub use convert::{change_passphrase, lock, resume, unlock_remove, wipe, ConvertReport};
pub use envelope::{is_sealed, open, open_bytes, seal, seal_bytes, SEALED_PREFIX};
pub use key::{derive_key, pbkdf2_sha256, BrowserRandom, KdfParams, Key, Random};
#[cfg(test)]
pub(crate) use testing::key as test_key;
pub use meta::{VaultMeta, VaultState, META_KEY};

use crate::storage::{StorageError, Store};
use std::rc::Rc;

/// What can go wrong with the lock, in terms a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    #[error("that passphrase does not open the lock; nothing was changed, so you can try again")]
    WrongPassphrase,
    #[error("the passphrase is empty; type one to lock with")]
    EmptyPassphrase,
    #[error(
        "the lock record asks for only {iterations} rounds of key stretching where at least {min} \
         are needed, so it was refused: it may have been tampered with; nothing was changed"
    )]
    WeakKdf { iterations: u32, min: u32 },
    #[error("the lock record is damaged ({0}); nothing was changed")]
    BadMeta(String),
    #[error("this is not an encrypted record: {0}")]
    Malformed(&'static str),
    #[error(
        "the record could not be decrypted: it was changed or damaged, moved from another \
         record, or locked with another passphrase"
    )]
    Undecryptable,
    #[error("the record is too long to encrypt")]
    TooLong,
    #[error("the lock is already on; change the passphrase or remove the lock instead")]
    AlreadyLocked,
    #[error("there is no lock on this app's data")]
    NotLocked,
    #[error(
        "this browser does not offer the encryption the lock needs ({0}); use a current browser, \
         and a page served over https"
    )]
    CryptoUnavailable(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Whether the app's data is locked, as seen before any passphrase is typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VaultStatus {
    /// No lock: use the store as it is.
    Open,
    /// Locked: ask for the passphrase, then [`unlock`].
    Locked(VaultMeta),
    /// Some records are sealed but the lock record is gone (deleted by hand,
    /// or records no key could open were left after removing the lock): they
    /// cannot be read. Say so rather than carrying on as if nothing was locked.
    LockRecordMissing,
}

/// Tells whether the namespace is locked, without a passphrase.
pub fn status(store: &Store) -> Result<VaultStatus, VaultError> {
    if let Some(meta) = VaultMeta::load(store)? {
        return Ok(VaultStatus::Locked(meta));
    }
    for key in store.keys()? {
        if store.get_raw(&key)?.is_some_and(|raw| is_sealed(&raw)) {
            return Ok(VaultStatus::LockRecordMissing);
        }
    }
    Ok(VaultStatus::Open)
}

/// The outcome of a successful unlock.
pub struct Unlocked {
    /// The store the app uses from now on: encrypting while the lock is on,
    /// plain if unlocking finished an interrupted removal of the lock.
    pub store: Store,
    /// Whether the lock is still on.
    pub locked: bool,
    /// What finishing interrupted work did ([`resume`]). An error here (a full
    /// storage, say) still leaves every record readable through `store`.
    pub resumed: Result<ConvertReport, VaultError>,
}

/// Unlocks with a passphrase: derives the key (asynchronously: the page stays
/// responsive), checks it, finishes interrupted work and returns the store to use.
pub async fn unlock(store: &Store, passphrase: &str, random: Rc<dyn Random>) -> Result<Unlocked, VaultError> {
    let meta = VaultMeta::load(store)?.ok_or(VaultError::NotLocked)?;
    let key = derive_key(passphrase, &meta.kdf).await?;
    unlock_with_key(store, key, random)
}

/// [`unlock`] with a key already derived. A wrong key changes nothing.
pub fn unlock_with_key(store: &Store, key: Key, random: Rc<dyn Random>) -> Result<Unlocked, VaultError> {
    let meta = VaultMeta::load(store)?.ok_or(VaultError::NotLocked)?;
    meta.verify(&key)?;
    let resumed = resume(store, &key, random.as_ref());
    let Some(meta) = VaultMeta::load(store)? else {
        return Ok(Unlocked {
            store: store.clone(),
            locked: false,
            resumed,
        });
    };
    // An unfinished passphrase change (resume failed) leaves records under
    // both keys; keep both so everything stays readable.
    let previous = match meta.verify(&key)? {
        VaultState::Rekeying => meta.previous_key(&key).ok(),
        _ => None,
    };
    let mut layer = EncryptedBackend::new(store.backend(), key, &store.full_key(""), random);
    if let Some(previous) = previous {
        layer = layer.with_previous_key(previous);
    }
    Ok(Unlocked {
        store: store.with_backend(Rc::new(layer)),
        locked: true,
        resumed,
    })
}

#[cfg(test)]
mod tests {
    use super::testing::{dump, key, params, CountingRandom, FailingBackend};
    use super::*;
    use crate::storage::{MemoryBackend, Namespace};

    fn random() -> Rc<dyn Random> {
        Rc::new(CountingRandom::default())
    }

    #[test]
    fn status_tells_open_locked_and_a_missing_lock_record_apart() {
        let store = Store::memory();
        assert_eq!(status(&store).unwrap(), VaultStatus::Open);
        store.save("settings", &1).unwrap();
        assert_eq!(status(&store).unwrap(), VaultStatus::Open);
        lock(&store, &key(1), params(), &CountingRandom::default()).unwrap();
        assert!(matches!(status(&store).unwrap(), VaultStatus::Locked(m) if m.kdf == params()));
        store.remove(META_KEY).unwrap();
        assert_eq!(status(&store).unwrap(), VaultStatus::LockRecordMissing);
    }

    #[test]
    fn unlocking_gives_an_encrypting_store_that_reads_and_writes() {
        let backend = Rc::new(MemoryBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        store.save("journal:1", &"first entry").unwrap();
        lock(&store, &key(1), params(), &CountingRandom::default()).unwrap();
        let unlocked = unlock_with_key(&store, key(1), random()).unwrap();
        assert!(unlocked.locked);
        assert_eq!(unlocked.resumed, Ok(ConvertReport { rewritten: 0, unchanged: 1, unreadable: vec![] }));
        assert_eq!(unlocked.store.load::<String>("journal:1").unwrap().as_deref(), Some("first entry"));
        unlocked.store.save("journal:2", &"second entry").unwrap();
        assert_eq!(unlocked.store.load::<String>("journal:2").unwrap().as_deref(), Some("second entry"));
        let raw = dump(&*backend);
        assert!(!raw.contains("first entry") && !raw.contains("second entry"), "{raw}");
    }

    #[test]
    fn unlocking_with_the_wrong_key_is_refused() {
        let store = Store::memory();
        lock(&store, &key(1), params(), &CountingRandom::default()).unwrap();
        assert_eq!(unlock_with_key(&store, key(2), random()).err(), Some(VaultError::WrongPassphrase));
        assert_eq!(unlock_with_key(&Store::memory(), key(1), random()).err(), Some(VaultError::NotLocked));
    }

    #[test]
    fn unlocking_finishes_an_interrupted_removal_and_hands_back_the_plain_store() {
        let backend = Rc::new(FailingBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        store.save("journal:1", &"entry").unwrap();
        store.save("journal:2", &"entry two").unwrap();
        let r = CountingRandom::default();
        lock(&store, &key(1), params(), &r).unwrap();
        backend.fail_after(2);
        assert!(unlock_remove(&store, &key(1), &r).is_err());
        backend.fail_after(usize::MAX);
        let unlocked = unlock_with_key(&store, key(1), random()).unwrap();
        assert!(!unlocked.locked);
        assert_eq!(unlocked.resumed.unwrap().rewritten, 1);
        unlocked.store.save("journal:3", &"after").unwrap();
        assert_eq!(store.get_raw("journal:3").unwrap().as_deref(), Some(r#"{"v":1,"data":"after"}"#));
    }

    #[test]
    fn a_failed_resume_still_unlocks_and_everything_stays_readable() {
        let backend = Rc::new(FailingBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        store.save("a", &"one").unwrap();
        store.save("b", &"two").unwrap();
        backend.fail_after(2); // the lock record and one record
        let r = CountingRandom::default();
        assert!(lock(&store, &key(1), params(), &r).is_err());
        let unlocked = unlock_with_key(&store, key(1), random()).unwrap();
        assert_eq!(unlocked.resumed, Err(VaultError::Storage(StorageError::QuotaExceeded)));
        assert!(unlocked.locked);
        assert_eq!(unlocked.store.load::<String>("a").unwrap().as_deref(), Some("one"));
        assert_eq!(unlocked.store.load::<String>("b").unwrap().as_deref(), Some("two"));
    }

    #[test]
    fn error_messages_say_what_happened_and_what_to_do() {
        for (err, words) in [
            (VaultError::WrongPassphrase, "try again"),
            (VaultError::WeakKdf { iterations: 1, min: 600_000 }, "tampered"),
            (VaultError::CryptoUnavailable("x".into()), "https"),
            (VaultError::Storage(StorageError::QuotaExceeded), "full"),
        ] {
            assert!(err.to_string().contains(words), "{err}");
        }
    }
}
