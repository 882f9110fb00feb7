//! The optional passphrase lock: encryption at rest for everything the app stores.
//!
//! When the lock is on, every record under the app's namespace is sealed with
//! AES-256-GCM ([`seal`]), with a fresh random nonce per record and the
//! record's storage key as associated data. Records are sealed with a random
//! *data key*; the lock record ([`VaultMeta`], key `vault`, the only plaintext
//! record) keeps it wrapped by the passphrase's key and, if the person saved
//! one, by a [`RecoveryKey`]'s key. Those keys are derived by PBKDF2-HMAC-SHA256
//! (at least 600,000 rounds, in the browser: [`derive_key`]) and never stored;
//! the salts and rounds are in the lock record, with a check value that proves
//! a key right without touching anything else. So changing the passphrase, or
//! setting a new one with the recovery key, rewrites the lock record alone.
//! Locks made by earlier builds (format 1: records sealed with the passphrase's
//! key itself) still open, and unlocking moves them to format 2 ([`migrate`]).
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
//!   plain store afterwards); to save or replace a recovery key,
//!   [`flows::new_recovery_key`] then [`flows::save_recovery`]; for a forgotten
//!   passphrase, [`flows::recover`] with the recovery key, or else [`wipe`].
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
mod recovery;
#[cfg(test)]
pub(crate) mod testing;

pub use backend::EncryptedBackend;
pub use convert::{change_passphrase, lock, migrate, recover, resume, set_recovery, unlock_remove, wipe, ConvertReport};
pub use guard::{plain_app_store, PlainGuard};
pub use envelope::{is_sealed, open, open_bytes, seal, seal_bytes, SEALED_PREFIX};
pub use key::{derive_key, pbkdf2_sha256, BrowserRandom, KdfParams, Key, Random};
#[cfg(test)]
pub(crate) use testing::key as test_key;
pub use meta::{RecoverySlot, VaultMeta, VaultState, FORMAT_VERSION, META_KEY};
pub use recovery::{RecoveryKey, RecoveryShape};

use crate::storage::{StorageError, Store};
use std::rc::Rc;

/// What can go wrong with the lock, in terms a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    #[error("{}", words().wrong_passphrase)]
    WrongPassphrase,
    #[error("{}", words().empty_passphrase)]
    EmptyPassphrase,
    #[error("{}", words().weak_kdf(.iterations, .min))]
    WeakKdf { iterations: u32, min: u32 },
    #[error("{}", words().bad_meta(.0))]
    BadMeta(String),
    #[error("{}", words().malformed(.0))]
    Malformed(&'static str),
    #[error("{}", words().undecryptable)]
    Undecryptable,
    #[error("{}", words().check_damaged)]
    CheckDamaged,
    #[error("{}", words().nothing_sealed)]
    NothingSealed,
    #[error("{}", words().too_short(.min))]
    PassphraseTooShort { min: usize },
    #[error("{}", words().passphrases_differ)]
    PassphrasesDiffer,
    #[error("{}", words().too_long)]
    TooLong,
    #[error("{}", words().already_locked)]
    AlreadyLocked,
    #[error("{}", words().not_locked)]
    NotLocked,
    #[error("{}", words().wrong_recovery_key)]
    WrongRecoveryKey,
    #[error("{0}")]
    RecoveryKeyMalformed(RecoveryShape),
    #[error("{}", words().no_recovery_key)]
    NoRecoveryKey,
    #[error("{}", words().too_new(.found))]
    TooNew { found: u32 },
    #[error("{}", words().crypto_unavailable(.0))]
    CryptoUnavailable(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The lock's words for a person, in the active language (read as they are said).
pub(crate) fn words() -> &'static crate::text::vault_errors::Strings {
    crate::text::vault_errors::get()
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
    /// How to derive the key, when what is left of the record still says
    /// (and, for a version 2 record, its wrapped data key is whole): then the
    /// passphrase can be tried, and if its key opens the records, the record
    /// can be rewritten ([`repair`]).
    pub kdf: Option<KdfParams>,
    /// A version 2 record's wrapped data key, salvaged whole.
    pub wrapped: Option<String>,
}

/// Tells whether the namespace is locked, without a passphrase. Only a failure
/// to read storage at all is an error; a lock record that exists is never
/// taken for no lock.
pub fn status(store: &Store) -> Result<VaultStatus, VaultError> {
    if let Some(raw) = store.get_raw(META_KEY)? {
        return Ok(match VaultMeta::parse(&store.full_key(META_KEY), &raw) {
            Ok(meta) => VaultStatus::Locked(meta),
            Err(err) => {
                let salvaged = meta::salvage(&raw);
                VaultStatus::LockRecordDamaged(Damage {
                    reason: err.to_string(),
                    kdf: salvaged.as_ref().map(|(kdf, _)| kdf.clone()),
                    wrapped: salvaged.and_then(|(_, wrapped)| wrapped),
                })
            }
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

/// Unlocks with the passphrase's key, already derived ([`flows::unlock`]
/// derives it): checks it, finishes interrupted work, moves a lock in the
/// earlier format to version 2 ([`migrate`]), and returns the store to use.
/// A wrong key changes nothing.
///
/// A key that opens the records (in version 2: the wrapped data key) but not
/// the check value is the right one, and the check value is what is damaged:
/// [`VaultError::CheckDamaged`] (offer [`repair`]). Not during a change of
/// record key, when the previous key still opens records it should no longer unlock.
pub fn unlock_with_key(store: &Store, key: Key, random: Rc<dyn Random>) -> Result<Unlocked, VaultError> {
    let meta = VaultMeta::load(store)?.ok_or(VaultError::NotLocked)?;
    let record = meta.record_key(&key)?;
    match meta.verify(&record) {
        Ok(_) => {}
        Err(VaultError::WrongPassphrase | VaultError::BadMeta(_))
            if !meta.is_rekeying() && opens_records(store, &record)? == Some(true) =>
        {
            return Err(VaultError::CheckDamaged);
        }
        Err(err) => return Err(err),
    }
    let resumed = match resume(store, &key, random.as_ref()) {
        Ok(done) if VaultMeta::load(store)?.is_some_and(|m| m.version() < FORMAT_VERSION) => {
            migrate(store, &key, random.as_ref()).map(|mut moved| {
                moved.rewritten += done.rewritten;
                moved
            })
        }
        other => other,
    };
    let Some(meta) = VaultMeta::load(store)? else {
        return Ok(Unlocked {
            store: store.clone(),
            locked: false,
            resumed,
        });
    };
    // An unfinished change of record key (resume failed) leaves records under
    // both keys; keep both so everything stays readable.
    let (record, state) = meta.open(&key)?;
    let previous = match state {
        VaultState::Rekeying => meta.previous_key(&record).ok(),
        _ => None,
    };
    let mut layer = EncryptedBackend::new(store.backend(), record, &store.full_key(""), random);
    if let Some(previous) = previous {
        layer = layer.with_previous_key(previous);
    }
    Ok(Unlocked {
        store: store.with_backend(Rc::new(layer)),
        locked: true,
        resumed,
    })
}

/// Rewrites a damaged lock record from the passphrase's key, if its record
/// key provably opens the records, then unlocks. `kdf` is the derivation the
/// key was made with (salvaged, or the stored one when only the check value
/// is damaged); `wrapped` is a version 2 record's wrapped data key (salvaged
/// or stored), `None` for the earlier format. Records stay as they are; any
/// the key cannot open are named when read. A key that opens nothing changes
/// nothing. A recovery key survives when the record still reads whole.
pub fn repair(
    store: &Store,
    key: Key,
    kdf: KdfParams,
    wrapped: Option<String>,
    random: Rc<dyn Random>,
) -> Result<Unlocked, VaultError> {
    let record = match &wrapped {
        Some(wrapped) => meta::unwrap_record_key(&key, wrapped)?,
        None => Key::from_slice(key.bytes()).ok_or(VaultError::TooLong)?,
    };
    match opens_records(store, &record)? {
        Some(true) => {}
        Some(false) => return Err(VaultError::WrongPassphrase),
        None => return Err(VaultError::NothingSealed),
    }
    let nonce = self::key::nonce(random.as_ref())?;
    let mended = match wrapped {
        None => VaultMeta::create(&key, kdf, VaultState::Locked, nonce)?,
        Some(_) => {
            let kept = VaultMeta::load(store).ok().flatten().and_then(|m| m.recovery().cloned());
            VaultMeta::create_v2(&key, kdf, &record, VaultState::Locked, random.as_ref())?.with_slot(kept)
        }
    };
    mended.save(store)?;
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
    fn the_lock_says_what_went_wrong_in_the_language_in_use() {
        use crate::locale::{self, Locale};
        let said = || {
            [
                VaultError::WrongPassphrase.to_string(),
                VaultError::PassphraseTooShort { min: 8 }.to_string(),
                VaultError::RecoveryKeyMalformed(RecoveryShape::Length { found: 3 }).to_string(),
                VaultError::Storage(StorageError::Unavailable).to_string(),
            ]
        };
        assert_eq!(
            said()[1],
            "please use at least 8 characters: a few unrelated words are easy to remember and hard to guess"
        );
        locale::set_active(Locale::Es);
        let es = said();
        locale::set_active(Locale::SOURCE);
        assert_eq!(
            es,
            [
                "esa frase de acceso no abre el bloqueo; no se ha cambiado nada, así que puedes intentarlo otra vez",
                "usa al menos 8 caracteres: unas cuantas palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar",
                "una clave de recuperación tiene 32 letras y cifras (ocho grupos de cuatro), y esta tiene 3; revisa cada grupo",
                "este navegador no deja que la app guarde datos aquí (el almacenamiento está desactivado o bloqueado)",
            ]
        );
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

    /// The same, locked by the previous version (format 1).
    fn legacy_journal() -> (Rc<MemoryBackend>, Store, String) {
        use crate::journal::{save_entry, testing::entry};
        let backend = Rc::new(MemoryBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        for (id, created, title) in [("a", 1, "first"), ("b", 2, "second"), ("c", 3, "third")] {
            save_entry(&store, &entry(id, created, title, "private words"), None).unwrap();
        }
        super::testing::lock_v1(&store, &key(1), &CountingRandom::default());
        let meta = store.get_raw(META_KEY).unwrap().unwrap();
        (backend, store, meta)
    }

    #[test]
    fn a_damaged_lock_record_is_never_taken_for_no_lock() {
        for v2 in [true, false] {
            let (_, store, meta) = if v2 { locked_journal() } else { legacy_journal() };
            let wrapped = VaultMeta::parse("rt:vault", &meta).unwrap().wrapped().map(str::to_string);
            assert_eq!(wrapped.is_some(), v2);
            let salt_end = meta.find("\"iterations\"").unwrap();
            let in_wrapped = meta.find("\"wrapped\":\"rtv1:").map_or(0, |at| at + 30);
            for (damaged, kdf_known) in [
                (meta[..meta.len() - 10].to_string(), true),       // cut off inside the check value
                (meta[..salt_end].to_string(), !v2),               // cut off after the salt (and before the wrapped key)
                (meta[..in_wrapped].to_string(), false),           // cut off inside the wrapped key
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
                        assert_eq!(d.wrapped, wrapped.clone().filter(|_| kdf_known), "{damaged:?}");
                    }
                    other => panic!("{damaged:?} gave {other:?}"),
                }
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
        let wrapped = VaultMeta::load(&store).unwrap().unwrap().wrapped().map(str::to_string);
        assert!(wrapped.is_some());
        assert_eq!(repair(&store, key(2), params(), wrapped.clone(), random()).err(), Some(VaultError::WrongPassphrase));
        assert_eq!(dump(&*backend), before, "nothing changes until the right key repairs it");

        let repaired = repair(&store, key(1), params(), wrapped, random()).unwrap();
        assert!(repaired.locked);
        let loaded = crate::journal::load(&repaired.store).unwrap();
        assert_eq!(loaded.entries.len(), 3);
        assert!(matches!(status(&store).unwrap(), VaultStatus::Locked(m) if m.open(&key(1)).map(|(_, s)| s) == Ok(VaultState::Locked)));
        assert!(!dump(&*backend).contains("private words"));
    }

    #[test]
    fn a_cut_off_lock_record_is_repaired_from_the_salvaged_parameters() {
        let (backend, store, meta) = locked_journal();
        store.set_raw(META_KEY, &meta[..meta.len() - 10]).unwrap();
        let VaultStatus::LockRecordDamaged(Damage { kdf: Some(kdf), wrapped, .. }) = status(&store).unwrap() else {
            panic!("expected a damaged record with its parameters");
        };
        let records = |b: &MemoryBackend| dump(b).lines().filter(|l| !l.starts_with("rt:vault=")).collect::<Vec<_>>().join("\n");
        let before = records(&backend);
        let repaired = repair(&store, key(1), kdf, wrapped, random()).unwrap();
        assert_eq!(records(&backend), before, "every sealed record is kept as it was");
        assert_eq!(crate::journal::load(&repaired.store).unwrap().entries.len(), 3);
    }

    #[test]
    fn nothing_sealed_means_nothing_to_repair_against() {
        let store = Store::memory();
        store.save("settings", &1).unwrap();
        store.set_raw(META_KEY, "{\"v\":1,").unwrap();
        assert_eq!(repair(&store, key(1), params(), None, random()).err(), Some(VaultError::NothingSealed));
        assert_eq!(store.get_raw(META_KEY).unwrap().as_deref(), Some("{\"v\":1,"));
    }

    #[test]
    fn during_a_passphrase_change_the_old_passphrase_is_wrong_not_a_damaged_check() {
        let (_, store, _) = legacy_journal();
        super::testing::change_v1_interrupted(&store, &key(1), &key(2), 1, &CountingRandom::default());
        assert_eq!(unlock_with_key(&store, key(1), random()).err(), Some(VaultError::WrongPassphrase));
        let unlocked = unlock_with_key(&store, key(2), random()).unwrap();
        assert_eq!(crate::journal::load(&unlocked.store).unwrap().entries.len(), 3);
        assert_eq!(VaultMeta::load(&store).unwrap().unwrap().version(), FORMAT_VERSION);
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
