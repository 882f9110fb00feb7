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
//! How the UI uses it ([`flows`] holds each step as the person meets it):
//! - at start, [`status`]: `Locked` means ask for the passphrase, then
//!   [`flows::unlock`]; use the returned store from then on (it encrypts), and
//!   show its `resumed` report if it did anything or failed.
//!   `LockRecordDamaged` means stay locked, whatever else: offer
//!   [`flows::repair`] when the damage leaves the key derivation known, a
//!   backup, or a wipe. [`VaultError::CheckDamaged`] from unlocking means the
//!   passphrase opens the records but the check value is damaged: offer the repair.
//! - to turn the lock on, change the passphrase or remove it:
//!   [`flows::turn_on`], [`flows::change`], [`flows::remove`] (go back to the
//!   plain store afterwards); for a forgotten passphrase, [`wipe`].
//! - reading is per record: one that does not decrypt is a
//!   [`StorageError::Corrupt`] for that record alone, and
//!   [`Store::get_stored`] still gives its bytes as stored.
//!
//! What it does not hide: that the app is used (its namespace and the lock
//! record are visible), how many records there are and roughly how long each
//! is. What it cannot prevent: someone with the device deleting records, or
//! putting back an older sealed version of one.

mod backend;
mod convert;
mod envelope;
pub mod flows;
mod guard;
mod key;
mod meta;
#[cfg(test)]
pub(crate) mod testing;

pub use backend::EncryptedBackend;
pub use convert::{change_passphrase, lock, resume, unlock_remove, wipe, ConvertReport};
pub use guard::{plain_app_store, PlainGuard};
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
    #[error(
        "your passphrase opens your records, but the lock record's check value is damaged; \
         it can be repaired from your passphrase, and nothing else changes"
    )]
    CheckDamaged,
    #[error(
        "no encrypted record is left to check a passphrase against, so the lock record \
         cannot be repaired; nothing was changed"
    )]
    NothingSealed,
    #[error("please use at least {min} characters: a few unrelated words are easy to remember and hard to guess")]
    PassphraseTooShort { min: usize },
    #[error("the two passphrases are not the same; please type them again")]
    PassphrasesDiffer,
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
    /// The lock record is there but cannot be read (cut off, changed). The
    /// app must stay locked: never open the store as if there were no lock,
    /// which would write new records in plain text. See [`Damage`].
    LockRecordDamaged(Damage),
}

/// What is known about a damaged lock record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    /// What is wrong with it, in plain words.
    pub reason: String,
    /// How to derive the key, when what is left of the record still says:
    /// then the passphrase can be tried, and if its key opens the records,
    /// the record can be rewritten ([`repair`]).
    pub kdf: Option<KdfParams>,
}

/// Tells whether the namespace is locked, without a passphrase. Only a failure
/// to read storage at all is an error; a lock record that exists is never
/// taken for no lock.
pub fn status(store: &Store) -> Result<VaultStatus, VaultError> {
    if let Some(raw) = store.get_raw(META_KEY)? {
        return Ok(match VaultMeta::parse(&store.full_key(META_KEY), &raw) {
            Ok(meta) => VaultStatus::Locked(meta),
            Err(err) => VaultStatus::LockRecordDamaged(Damage {
                reason: err.to_string(),
                kdf: meta::salvage_kdf(&raw),
            }),
        });
    }
    for key in store.keys()? {
        if store.get_raw(&key)?.is_some_and(|raw| is_sealed(&raw)) {
            return Ok(VaultStatus::LockRecordMissing);
        }
    }
    Ok(VaultStatus::Open)
}

/// Whether `key` opens at least one sealed record of the namespace: proof that
/// it is the lock's key even when the lock record cannot say so. `None` when
/// there is no sealed record to try.
fn opens_records(store: &Store, key: &Key) -> Result<Option<bool>, VaultError> {
    let mut tried = false;
    for name in store.keys()? {
        if name == META_KEY {
            continue;
        }
        let Some(raw) = store.get_raw(&name)? else { continue };
        if is_sealed(&raw) {
            if open(key, &store.full_key(&name), &raw).is_ok() {
                return Ok(Some(true));
            }
            tried = true;
        }
    }
    Ok(tried.then_some(false))
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

/// Unlocks with a key already derived ([`flows::unlock`] derives it from the
/// passphrase): checks it, finishes interrupted work and returns the store to
/// use. A wrong key changes nothing.
///
/// A key the check value refuses but that opens the records is the right
/// one, and the check value is what is damaged: [`VaultError::CheckDamaged`]
/// (offer [`repair`]). Not during a passphrase change, when the previous key
/// still opens records it should no longer unlock.
pub fn unlock_with_key(store: &Store, key: Key, random: Rc<dyn Random>) -> Result<Unlocked, VaultError> {
    let meta = VaultMeta::load(store)?.ok_or(VaultError::NotLocked)?;
    match meta.verify(&key) {
        Ok(_) => {}
        Err(VaultError::WrongPassphrase | VaultError::BadMeta(_))
            if !meta.is_rekeying() && opens_records(store, &key)? == Some(true) =>
        {
            return Err(VaultError::CheckDamaged);
        }
        Err(err) => return Err(err),
    }
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

/// Rewrites a damaged lock record from a key that provably opens the
/// records (derived with the [`Damage::kdf`] or the stored parameters), then
/// unlocks. Records stay as they are; any the key cannot open are named when
/// read. A key that opens nothing changes nothing.
pub fn repair(store: &Store, key: Key, kdf: KdfParams, random: Rc<dyn Random>) -> Result<Unlocked, VaultError> {
    match opens_records(store, &key)? {
        Some(true) => {}
        Some(false) => return Err(VaultError::WrongPassphrase),
        None => return Err(VaultError::NothingSealed),
    }
    VaultMeta::create(&key, kdf, VaultState::Locked, self::key::nonce(random.as_ref())?)?.save(store)?;
    unlock_with_key(store, key, random)
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

    /// Two records locked with key 1, on a backend that can run out of room.
    fn two_locked_records() -> (Rc<FailingBackend>, Store, CountingRandom) {
        let backend = Rc::new(FailingBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        store.save("journal:1", &"entry").unwrap();
        store.save("journal:2", &"entry two").unwrap();
        let r = CountingRandom::default();
        lock(&store, &key(1), params(), &r).unwrap();
        (backend, store, r)
    }

    #[test]
    fn unlocking_finishes_an_interrupted_removal_and_hands_back_the_plain_store() {
        let (backend, store, r) = two_locked_records();
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


    /// A locked store with three journal entries, its backend, and the lock record as stored.
    fn locked_journal() -> (Rc<MemoryBackend>, Store, String) {
        use crate::journal::{save_entry, testing::entry};
        let backend = Rc::new(MemoryBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        for (id, created, title) in [("a", 1, "first"), ("b", 2, "second"), ("c", 3, "third")] {
            save_entry(&store, &entry(id, created, title, "private words"), None).unwrap();
        }
        lock(&store, &key(1), params(), &CountingRandom::default()).unwrap();
        let meta = store.get_raw(META_KEY).unwrap().unwrap();
        (backend, store, meta)
    }

    #[test]
    fn a_damaged_lock_record_is_never_taken_for_no_lock() {
        let (_, store, meta) = locked_journal();
        let salt_end = meta.find("\"iterations\"").unwrap();
        for (damaged, kdf_known) in [
            (meta[..meta.len() - 10].to_string(), true),       // cut off inside the check value
            (meta[..salt_end].to_string(), true),              // cut off after the salt
            (meta[..20].to_string(), false),                   // cut off inside the salt
            (meta.replace("\"check\":\"rtv1:", "\"check\":\"x"), true), // check not sealed
            (meta.replace("600000", "1000"), true),            // weakened rounds
            ("".to_string(), false),
            ("null".to_string(), false),
        ] {
            store.set_raw(META_KEY, &damaged).unwrap();
            match status(&store).unwrap() {
                VaultStatus::LockRecordDamaged(d) => {
                    assert!(!d.reason.is_empty());
                    assert_eq!(d.kdf, kdf_known.then(params), "{damaged:?}");
                }
                other => panic!("{damaged:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn a_damaged_lock_record_refuses_every_write_through_the_open_store() {
        let (backend, store, meta) = locked_journal();
        let unlocked = unlock_with_key(&store, key(1), random()).unwrap();
        store.set_raw(META_KEY, &meta[..meta.len() - 10]).unwrap();
        let before = dump(&*backend);
        assert!(unlocked.store.save("journal.e.d", &"new words").is_err());
        assert_eq!(dump(&*backend), before);
        assert!(!dump(&*backend).contains("new words"));
    }

    /// The lock record with one byte of its check value's ciphertext changed.
    fn flip_check(meta: &str) -> String {
        let at = meta.find("\"check\":\"rtv1:").unwrap() + "\"check\":\"rtv1:".len() + 20;
        let mut bytes = meta.as_bytes().to_vec();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn a_damaged_check_value_is_told_apart_from_a_wrong_passphrase_and_repaired() {
        let (backend, store, meta) = locked_journal();
        store.set_raw(META_KEY, &flip_check(&meta)).unwrap();
        assert!(matches!(status(&store).unwrap(), VaultStatus::Locked(_)));
        let before = dump(&*backend);
        assert_eq!(unlock_with_key(&store, key(2), random()).err(), Some(VaultError::WrongPassphrase));
        assert_eq!(unlock_with_key(&store, key(1), random()).err(), Some(VaultError::CheckDamaged));
        assert_eq!(repair(&store, key(2), params(), random()).err(), Some(VaultError::WrongPassphrase));
        assert_eq!(dump(&*backend), before, "nothing changes until the right key repairs it");

        let repaired = repair(&store, key(1), params(), random()).unwrap();
        assert!(repaired.locked);
        let loaded = crate::journal::load(&repaired.store).unwrap();
        assert_eq!(loaded.entries.len(), 3);
        assert!(matches!(status(&store).unwrap(), VaultStatus::Locked(m) if m.verify(&key(1)) == Ok(VaultState::Locked)));
        assert!(!dump(&*backend).contains("private words"));
    }

    #[test]
    fn a_cut_off_lock_record_is_repaired_from_the_salvaged_parameters() {
        let (backend, store, meta) = locked_journal();
        store.set_raw(META_KEY, &meta[..meta.len() - 10]).unwrap();
        let VaultStatus::LockRecordDamaged(Damage { kdf: Some(kdf), .. }) = status(&store).unwrap() else {
            panic!("expected a damaged record with its parameters");
        };
        let records = |b: &MemoryBackend| dump(b).lines().filter(|l| !l.starts_with("rt:vault=")).collect::<Vec<_>>().join("\n");
        let before = records(&backend);
        let repaired = repair(&store, key(1), kdf, random()).unwrap();
        assert_eq!(records(&backend), before, "every sealed record is kept as it was");
        assert_eq!(crate::journal::load(&repaired.store).unwrap().entries.len(), 3);
    }

    #[test]
    fn nothing_sealed_means_nothing_to_repair_against() {
        let store = Store::memory();
        store.save("settings", &1).unwrap();
        store.set_raw(META_KEY, "{\"v\":1,").unwrap();
        assert_eq!(repair(&store, key(1), params(), random()).err(), Some(VaultError::NothingSealed));
        assert_eq!(store.get_raw(META_KEY).unwrap().as_deref(), Some("{\"v\":1,"));
    }

    #[test]
    fn during_a_passphrase_change_the_old_passphrase_is_wrong_not_a_damaged_check() {
        let (backend, store, r) = two_locked_records();
        backend.fail_after(2); // the new lock record and one record
        assert!(change_passphrase(&store, &key(1), &key(2), params(), &r).is_err());
        backend.fail_after(usize::MAX);
        assert_eq!(unlock_with_key(&store, key(1), random()).err(), Some(VaultError::WrongPassphrase));
    }

    #[test]
    fn under_the_lock_each_record_is_read_on_its_own() {
        use crate::journal::{discard_unreadable, load, save_entry, testing::entry, JournalError};
        let backend = Rc::new(MemoryBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        let ids = ["a", "b", "c", "d", "e"];
        for (n, id) in ids.iter().enumerate() {
            save_entry(&store, &entry(id, n as u64, &format!("title {id}"), "words"), None).unwrap();
        }
        lock(&store, &key(1), params(), &CountingRandom::default()).unwrap();
        let raw = |id: &str| store.get_raw(&format!("journal.e.{id}")).unwrap().unwrap();
        // One changed byte in "a"; "b" and "c" swapped.
        let mut flipped = raw("a").into_bytes();
        let at = flipped.len() - 5;
        flipped[at] = if flipped[at] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        let (b, c) = (raw("b"), raw("c"));
        store.set_raw("journal.e.a", &flipped).unwrap();
        store.set_raw("journal.e.b", &c).unwrap();
        store.set_raw("journal.e.c", &b).unwrap();
        let before = dump(&*backend);

        let unlocked = unlock_with_key(&store, key(1), random()).unwrap();
        let loaded = load(&unlocked.store).unwrap();
        let shown: Vec<&str> = loaded.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(shown, ["e", "d"]);
        let named: Vec<(&str, &str)> = loaded.unreadable.iter().map(|u| (u.key.as_str(), u.raw.as_str())).collect();
        assert_eq!(
            named,
            [("journal.e.a", flipped.as_str()), ("journal.e.b", c.as_str()), ("journal.e.c", b.as_str())],
            "each bad record is named and kept exactly as stored"
        );
        assert!(loaded.unreadable.iter().all(|u| u.reason.contains("could not be decrypted")));
        assert_eq!(dump(&*backend), before, "reading changed nothing");

        // An unreadable record is never overwritten, and can be discarded once seen.
        let overwrite = save_entry(&unlocked.store, &entry("a", 0, "new", "x"), None);
        assert!(matches!(overwrite, Err(JournalError::Storage(StorageError::Corrupt { .. }))));
        assert!(!discard_unreadable(&unlocked.store, "journal.e.d").unwrap());
        assert!(discard_unreadable(&unlocked.store, "journal.e.a").unwrap());
        assert_eq!(store.get_raw("journal.e.a").unwrap(), None);
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
