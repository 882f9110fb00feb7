//! Turning the lock on, changing the passphrase, turning it off, and finishing
//! any of these after an interruption.
//!
//! Every change follows one pattern, so closing the tab at any moment loses
//! nothing: first the lock record is written with the state of the work (one
//! atomic write), then each record is rewritten one at a time (localStorage
//! replaces a value atomically, so each is either its old form or its new
//! one, and a full quota keeps the old), and only then is the state marked
//! done. [`resume`], run after every successful unlock, finishes whatever the
//! record says is under way. This relies on the browser persisting writes in
//! the order they were made, as its storage does.

use super::envelope::{is_sealed, open, seal};
use super::key::nonce;
use super::meta::{VaultMeta, VaultState, FORMAT_VERSION, META_KEY};
use super::{KdfParams, Key, Random, VaultError};
use crate::storage::Store;

/// What a conversion did, for the UI to tell the person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConvertReport {
    /// Records rewritten: sealed, re-sealed under the new key, or decrypted.
    pub rewritten: usize,
    /// Records that were already in their final form.
    pub unchanged: usize,
    /// Records no key at hand could open (damaged or tampered with): left exactly
    /// as they were. Keys without the namespace.
    pub unreadable: Vec<String>,
}

/// What to do with one record.
enum Step {
    Write(String),
    Keep,
    Unreadable,
}

/// Applies `step` to every record of the namespace but the lock record, writing one at a time.
///
/// Stops at the first storage error (a full quota, say) and returns it:
/// records done so far stay done, the rest stay as they were.
fn sweep(
    store: &Store,
    mut step: impl FnMut(&str, &str) -> Result<Step, VaultError>,
) -> Result<ConvertReport, VaultError> {
    let mut report = ConvertReport::default();
    for key in store.keys()? {
        if key == META_KEY {
            continue;
        }
        let Some(raw) = store.get_raw(&key)? else {
            continue;
        };
        match step(&store.full_key(&key), &raw)? {
            Step::Write(value) => {
                store.set_raw(&key, &value)?;
                report.rewritten += 1;
            }
            Step::Keep => report.unchanged += 1,
            Step::Unreadable => report.unreadable.push(key),
        }
    }
    Ok(report)
}

/// Seals plaintext records with `key`; sealed ones are kept.
///
/// Sealed records are not decrypted to check them: this runs at every unlock,
/// and a damaged one is reported when it is read.
fn seal_all(store: &Store, key: &Key, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    sweep(store, |full, raw| {
        if is_sealed(raw) {
            return Ok(Step::Keep);
        }
        Ok(Step::Write(seal(key, nonce(random)?, full, raw)?))
    })
}

/// Re-seals records still under `old` with `new` (and seals any plaintext).
fn reseal_all(store: &Store, old: &Key, new: &Key, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    sweep(store, |full, raw| {
        let plain = if !is_sealed(raw) {
            raw.to_string()
        } else if open(new, full, raw).is_ok() {
            return Ok(Step::Keep);
        } else {
            match open(old, full, raw) {
                Ok(plain) => plain,
                Err(_) => return Ok(Step::Unreadable),
            }
        };
        Ok(Step::Write(seal(new, nonce(random)?, full, &plain)?))
    })
}

/// Decrypts every sealed record back to its plaintext.
fn open_all(store: &Store, key: &Key) -> Result<ConvertReport, VaultError> {
    sweep(store, |full, raw| {
        if !is_sealed(raw) {
            return Ok(Step::Keep);
        }
        Ok(match open(key, full, raw) {
            Ok(plain) => Step::Write(plain),
            Err(_) => Step::Unreadable,
        })
    })
}

/// The lock record, or [`VaultError::NotLocked`].
fn meta(store: &Store) -> Result<VaultMeta, VaultError> {
    VaultMeta::load(store)?.ok_or(VaultError::NotLocked)
}

/// Writes the lock record as it is, in `state`, sealed with the record key.
fn save_state(store: &Store, meta: &VaultMeta, record_key: &Key, state: VaultState, random: &dyn Random) -> Result<(), VaultError> {
    meta.restate(record_key, state, random)?.save(store)
}

/// Turns the lock on: makes a random data key, wraps it with `key` (derived
/// from the new passphrase with `params`) in a version 2 lock record, and
/// encrypts every record of the namespace with the data key.
///
/// If it stops part-way (a full quota is returned as an error; a closed tab
/// just stops), nothing is lost: sealed and plaintext records both stay
/// readable, and [`resume`] after the next unlock finishes.
pub fn lock(store: &Store, key: &Key, params: KdfParams, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    if VaultMeta::load(store)?.is_some() {
        return Err(VaultError::AlreadyLocked);
    }
    let data = Key::generate(random)?;
    VaultMeta::create_v2(key, params, &data, VaultState::Converting, random)?.save(store)?;
    resume_with(store, &data, random)
}

/// Finishes whatever the lock record says is under way (turning the lock on,
/// a change of record key, removing the lock), after checking the
/// passphrase's `key`.
///
/// When the lock is simply on, it seals any plaintext record that appeared
/// (written by another tab opened before the lock was set, say), so after a
/// successful resume no record of the namespace is plaintext. A wrong key
/// changes nothing. A version 1 lock stays version 1 here ([`migrate`] moves it).
pub fn resume(store: &Store, key: &Key, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    let record = meta(store)?.record_key(key)?;
    resume_with(store, &record, random)
}

/// [`resume`] with the record key itself.
fn resume_with(store: &Store, record: &Key, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    let meta = meta(store)?;
    match meta.verify(record)? {
        VaultState::Locked => seal_all(store, record, random),
        VaultState::Converting => {
            let report = seal_all(store, record, random)?;
            save_state(store, &meta, record, VaultState::Locked, random)?;
            Ok(report)
        }
        VaultState::Rekeying => {
            let old = meta.previous_key(record)?;
            let report = reseal_all(store, &old, record, random)?;
            save_state(store, &meta, record, VaultState::Locked, random)?;
            Ok(report)
        }
        VaultState::Decrypting => {
            let report = open_all(store, record)?;
            store.remove(META_KEY)?;
            Ok(report)
        }
    }
}

/// Moves a lock in the earlier format (records sealed with the passphrase's
/// key itself) to version 2: finishes any work under way, then makes a data
/// key, writes the lock record with the data key wrapped by the same
/// passphrase's key and a change of record key under way (the previous key
/// kept, sealed with the data key), re-seals every record with the data key,
/// and marks it done. Interrupted at any point, every record stays readable
/// with the passphrase and the next unlock finishes it. A version 2 lock is
/// left alone.
pub fn migrate(store: &Store, key: &Key, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    let current = meta(store)?;
    if current.version() >= FORMAT_VERSION {
        current.open(key)?;
        return Ok(ConvertReport::default());
    }
    let mut report = resume(store, key, random)?;
    let current = meta(store)?;
    if current.version() >= FORMAT_VERSION {
        return Ok(report);
    }
    let data = Key::generate(random)?;
    VaultMeta::create_v2(key, current.kdf.clone(), &data, VaultState::Locked, random)?
        .rekeying_from(&data, key, random)?
        .save(store)?;
    let moved = resume_with(store, &data, random)?;
    report.rewritten += moved.rewritten;
    report.unchanged = moved.unchanged;
    report.unreadable = moved.unreadable;
    Ok(report)
}

/// The lock record, in version 2 (moved there first if needed), with its data key.
fn current_v2(store: &Store, key: &Key, random: &dyn Random) -> Result<(VaultMeta, Key), VaultError> {
    let mut current = meta(store)?;
    if current.version() < FORMAT_VERSION {
        current.open(key)?;
        migrate(store, key, random)?;
        current = meta(store)?;
    }
    let (data, _) = current.open(key)?;
    Ok((current, data))
}

/// Changes the passphrase from the one with `old_key` to the one with
/// `new_key` (derived with the fresh `new_params`): the data key is wrapped
/// again, which writes the lock record and nothing else. (A lock in the
/// earlier format is first moved to version 2, which rewrites each record once.)
/// The old passphrase stops working at once; any work under way carries on.
pub fn change_passphrase(
    store: &Store,
    old_key: &Key,
    new_key: &Key,
    new_params: KdfParams,
    random: &dyn Random,
) -> Result<ConvertReport, VaultError> {
    new_params.check()?;
    let (current, data) = current_v2(store, old_key, random)?;
    current.rewrap(&data, new_key, new_params, random)?.save(store)?;
    Ok(ConvertReport::default())
}

/// Saves a recovery key: the data key wrapped by `recovery_key` (derived with
/// `params`) in the lock record, replacing any earlier one, which stops
/// working. Writes the lock record only (after moving a lock in the earlier format).
pub fn set_recovery(
    store: &Store,
    key: &Key,
    recovery_key: &Key,
    params: KdfParams,
    random: &dyn Random,
) -> Result<(), VaultError> {
    params.check()?;
    let (current, data) = current_v2(store, key, random)?;
    current.with_recovery(&data, recovery_key, params, random)?.save(store)
}

/// For a forgotten passphrase: the recovery key opens the data key, which is
/// wrapped again with the new passphrase's key (derived with the fresh
/// `new_params`). Writes the lock record only; a wrong recovery key writes nothing.
pub fn recover(
    store: &Store,
    recovery_key: &Key,
    new_key: &Key,
    new_params: KdfParams,
    random: &dyn Random,
) -> Result<(), VaultError> {
    new_params.check()?;
    let current = meta(store)?;
    let data = current.record_key_by_recovery(recovery_key)?;
    current.verify(&data)?;
    current.rewrap(&data, new_key, new_params, random)?.save(store)
}

/// Removes the lock: decrypts every record back to plaintext, then deletes
/// the lock record. An interruption is finished by [`resume`] after unlocking.
pub fn unlock_remove(store: &Store, key: &Key, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    let current = meta(store)?;
    let (record, state) = current.open(key)?;
    if state == VaultState::Rekeying {
        // Bring every record under this one key first.
        resume_with(store, &record, random)?;
    }
    save_state(store, &meta(store)?, &record, VaultState::Decrypting, random)?;
    resume_with(store, &record, random)
}

/// For a forgotten passphrase: deletes every record of the namespace, the lock
/// record last. What was locked cannot be recovered, by design. Keys outside
/// the namespace are untouched. Returns how many records were removed.
pub fn wipe(store: &Store) -> Result<usize, VaultError> {
    let keys = store.keys()?;
    // The lock record goes last, so an interrupted wipe still asks for the
    // passphrase (or another wipe) rather than showing half-deleted sealed data.
    for key in keys.iter().filter(|k| k.as_str() != META_KEY) {
        store.remove(key)?;
    }
    if keys.iter().any(|k| k == META_KEY) {
        store.remove(META_KEY)?;
    }
    Ok(keys.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{Backend, MemoryBackend, Namespace, StorageError};
    use crate::vault::testing::{dump, key, params, CountingRandom, FailingBackend};
    use crate::vault::EncryptedBackend;
    use std::rc::Rc;

    const ENTRIES: [(&str, &str); 4] = [
        ("journal:2024-01-01", "I found the messages on his phone"),
        ("journal:2024-01-02", "We talked until 3am. Ünïcødé: 信任 🌱"),
        ("check:draft", "answers to the readiness check"),
        ("settings", "quick exit on"),
    ];

    fn filled(backend: Rc<dyn Backend>) -> Store {
        let store = Store::new(backend, &Namespace::default());
        for (k, text) in ENTRIES {
            store.save(k, &text).unwrap();
        }
        store
    }

    /// The lock's state as the passphrase's key `k` opens it.
    fn state(store: &Store, k: u8) -> Result<VaultState, VaultError> {
        meta(store)?.open(&key(k)).map(|(_, state)| state)
    }

    /// Every value under the namespace, as stored.
    fn namespace_values(store: &Store) -> Vec<String> {
        store.keys().unwrap().iter().map(|k| store.get_raw(k).unwrap().unwrap()).collect()
    }

    fn assert_no_plaintext(store: &Store) {
        for value in namespace_values(store) {
            for (_, text) in ENTRIES {
                assert!(!value.contains(text), "plaintext {text:?} left in {value:?}");
            }
            assert!(value.starts_with("rtv1:") || value.contains("\"check\":\"rtv1:"), "{value}");
        }
    }

    /// Reads every entry through the vault layer with `k` (and, during a
    /// passphrase change, the previous key), without finishing any work.
    fn assert_all_readable(store: &Store, k: u8) {
        let meta = meta(store).unwrap();
        let random: Rc<dyn Random> = Rc::new(CountingRandom::default());
        let (record, state) = meta.open(&key(k)).unwrap();
        let previous = (state == VaultState::Rekeying).then(|| meta.previous_key(&record).unwrap());
        let mut layer = EncryptedBackend::new(store.backend(), record, "rt:", random);
        if let Some(previous) = previous {
            layer = layer.with_previous_key(previous);
        }
        let unlocked = store.with_backend(Rc::new(layer));
        for (name, text) in ENTRIES {
            assert_eq!(unlocked.load::<String>(name).unwrap().as_deref(), Some(text), "{name}");
        }
    }

    #[test]
    fn locking_leaves_no_plaintext_of_any_entry() {
        let store = filled(Rc::new(MemoryBackend::default()));
        let random = CountingRandom::default();
        let report = lock(&store, &key(1), params(), &random).unwrap();
        assert_eq!(report, ConvertReport { rewritten: 4, unchanged: 0, unreadable: vec![] });
        assert_no_plaintext(&store);
        assert_eq!(state(&store, 1), Ok(VaultState::Locked));
        assert_all_readable(&store, 1);
    }

    #[test]
    fn locking_twice_is_refused() {
        let store = filled(Rc::new(MemoryBackend::default()));
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        assert_eq!(lock(&store, &key(2), params(), &random), Err(VaultError::AlreadyLocked));
        assert_all_readable(&store, 1);
    }

    #[test]
    fn locking_touches_no_other_namespace_or_host_key() {
        let backend = Rc::new(MemoryBackend::default());
        backend.set("theme", "host page's own").unwrap();
        backend.set("rt-other:entry", "a neighbour namespace with a similar name").unwrap();
        let store = filled(backend.clone());
        lock(&store, &key(1), params(), &CountingRandom::default()).unwrap();
        assert_eq!(backend.get("theme").unwrap().as_deref(), Some("host page's own"));
        assert_eq!(
            backend.get("rt-other:entry").unwrap().as_deref(),
            Some("a neighbour namespace with a similar name")
        );
    }

    #[test]
    fn a_conversion_stopped_by_a_full_quota_loses_nothing_and_resume_finishes_it() {
        let backend = Rc::new(FailingBackend::default());
        let store = filled(backend.clone());
        let before = dump(&backend.inner);
        // The lock record plus two records fit, then storage is full.
        backend.fail_after(3);
        let random = CountingRandom::default();
        let err = lock(&store, &key(1), params(), &random).unwrap_err();
        assert_eq!(err, VaultError::Storage(StorageError::QuotaExceeded));
        assert!(err.to_string().contains("full"), "{err}");
        assert_eq!(state(&store, 1), Ok(VaultState::Converting));
        let values = namespace_values(&store);
        assert_eq!(values.iter().filter(|v| v.starts_with("rtv1:")).count(), 2);
        assert_ne!(dump(&backend.inner), before);
        // Everything reads back, half sealed and half plaintext.
        assert_all_readable(&store, 1);

        // A wrong passphrase neither finishes nor changes anything.
        backend.fail_after(usize::MAX);
        let half = dump(&backend.inner);
        assert_eq!(resume(&store, &key(2), &random), Err(VaultError::WrongPassphrase));
        assert_eq!(dump(&backend.inner), half);

        let report = resume(&store, &key(1), &random).unwrap();
        assert_eq!(report.rewritten, 2);
        assert_eq!(report.unchanged, 2);
        assert_no_plaintext(&store);
        assert_eq!(state(&store, 1), Ok(VaultState::Locked));
        assert_all_readable(&store, 1);
    }

    #[test]
    fn a_conversion_interrupted_after_any_write_loses_nothing() {
        // Stopping after every possible number of writes stands in for closing the tab.
        for writes in 0..=ENTRIES.len() + 1 {
            let backend = Rc::new(FailingBackend::default());
            let store = filled(backend.clone());
            backend.fail_after(writes);
            let random = CountingRandom::default();
            assert!(lock(&store, &key(1), params(), &random).is_err(), "stopped after {writes}");
            backend.fail_after(usize::MAX);
            if writes == 0 {
                // Not even the lock record was written: the store is as it was.
                assert_eq!(VaultMeta::load(&store).unwrap(), None);
                continue;
            }
            assert_all_readable(&store, 1);
            resume(&store, &key(1), &random).unwrap();
            assert_no_plaintext(&store);
            assert_all_readable(&store, 1);
        }
    }

    #[test]
    fn resume_seals_plaintext_that_appeared_while_locked() {
        let store = filled(Rc::new(MemoryBackend::default()));
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        // Another tab, opened before the lock was set, saves an entry.
        store.save("journal:2024-01-03", &"written in an old tab").unwrap();
        let report = resume(&store, &key(1), &random).unwrap();
        assert_eq!((report.rewritten, report.unchanged), (1, 4));
        assert!(store.get_raw("journal:2024-01-03").unwrap().unwrap().starts_with("rtv1:"));
    }

    #[test]
    fn a_wrong_passphrase_never_changes_a_stored_byte() {
        let backend = Rc::new(MemoryBackend::default());
        let store = filled(backend.clone());
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        let before = dump(&*backend);
        assert_eq!(resume(&store, &key(2), &random), Err(VaultError::WrongPassphrase));
        assert_eq!(
            change_passphrase(&store, &key(2), &key(3), params(), &random),
            Err(VaultError::WrongPassphrase)
        );
        assert_eq!(unlock_remove(&store, &key(2), &random), Err(VaultError::WrongPassphrase));
        assert_eq!(
            super::super::unlock_with_key(&store, key(2), Rc::new(CountingRandom::default())).err(),
            Some(VaultError::WrongPassphrase)
        );
        assert_eq!(dump(&*backend), before);
    }

    #[test]
    fn changing_the_passphrase_rewrites_the_lock_record_and_nothing_else() {
        let backend = Rc::new(FailingBackend::default());
        let store = filled(backend.clone());
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        let records = |b: &FailingBackend| dump(&b.inner).lines().filter(|l| !l.starts_with("rt:vault=")).collect::<Vec<_>>().join("\n");
        let before = records(&backend);
        let writes = backend.written();
        let new_params = KdfParams { salt: [42; 16], ..params() };
        change_passphrase(&store, &key(1), &key(2), new_params.clone(), &random).unwrap();
        assert_eq!(backend.written() - writes, 1, "one write: the lock record");
        assert_eq!(records(&backend), before, "every record is left byte for byte");
        let meta = meta(&store).unwrap();
        assert_eq!(meta.kdf, new_params);
        assert_eq!(state(&store, 2), Ok(VaultState::Locked));
        assert_eq!(state(&store, 1), Err(VaultError::WrongPassphrase));
        assert!(!dump(&backend.inner).contains("prev_key"));
        assert_no_plaintext(&store);
        assert_all_readable(&store, 2);
    }

    #[test]
    fn changing_the_passphrase_at_2000_entries_writes_one_record() {
        let backend = Rc::new(FailingBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        for i in 0..2_000 {
            store.save(&format!("journal.e.{i:04}"), &format!("entry number {i}")).unwrap();
        }
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        let writes = backend.written();
        change_passphrase(&store, &key(1), &key(2), params(), &random).unwrap();
        assert_eq!(backend.written() - writes, 1);
        // Before this format, the same change re-sealed every record.
        let legacy = Rc::new(FailingBackend::default());
        let old = Store::new(legacy.clone(), &Namespace::default());
        for i in 0..2_000 {
            old.save(&format!("journal.e.{i:04}"), &format!("entry number {i}")).unwrap();
        }
        crate::vault::testing::lock_v1(&old, &key(1), &random);
        migrate(&old, &key(1), &random).unwrap();
        let writes = legacy.written();
        change_passphrase(&old, &key(1), &key(2), params(), &random).unwrap();
        assert_eq!(legacy.written() - writes, 1, "once moved to version 2, a change is one write too");
        let unlocked = crate::vault::unlock_with_key(&old, key(2), Rc::new(CountingRandom::default())).unwrap();
        assert_eq!(unlocked.store.load::<String>("journal.e.1999").unwrap().as_deref(), Some("entry number 1999"));
    }

    #[test]
    fn a_passphrase_change_the_previous_version_left_unfinished_is_finished_by_the_new_passphrase() {
        for done in 0..=ENTRIES.len() {
            let backend = Rc::new(FailingBackend::default());
            let store = filled(backend.clone());
            let random = CountingRandom::default();
            crate::vault::testing::lock_v1(&store, &key(1), &random);
            crate::vault::testing::change_v1_interrupted(&store, &key(1), &key(2), done, &random);
            assert_eq!(state(&store, 2), Ok(VaultState::Rekeying));
            // The app can read everything at once, half under each key.
            assert_all_readable(&store, 2);
            // The old passphrase no longer opens the lock, and changes nothing.
            let before = dump(&backend.inner);
            assert_eq!(resume(&store, &key(1), &random), Err(VaultError::WrongPassphrase));
            assert_eq!(migrate(&store, &key(1), &random), Err(VaultError::WrongPassphrase));
            assert_eq!(dump(&backend.inner), before);
            // The new one alone finishes the change, and moves the lock to version 2.
            migrate(&store, &key(2), &random).unwrap();
            assert_eq!(meta(&store).unwrap().version(), FORMAT_VERSION);
            assert_eq!(state(&store, 2), Ok(VaultState::Locked));
            assert_no_plaintext(&store);
            assert_all_readable(&store, 2);
        }
    }

    /// The records of a store moved to version 2 are under the data key: none opens with the passphrase's key.
    fn assert_none_opens_with(store: &Store, k: u8) {
        for name in store.keys().unwrap().iter().filter(|n| *n != META_KEY) {
            let raw = store.get_raw(name).unwrap().unwrap();
            assert!(open(&key(k), &store.full_key(name), &raw).is_err(), "{name} opens with the passphrase's key");
        }
    }

    #[test]
    fn a_lock_from_the_previous_version_moves_to_version_2_and_loses_nothing() {
        let backend = Rc::new(FailingBackend::default());
        let store = filled(backend.clone());
        let random = CountingRandom::default();
        crate::vault::testing::lock_v1(&store, &key(1), &random);
        assert_eq!(meta(&store).unwrap().version(), 1);
        assert_all_readable(&store, 1);
        let report = migrate(&store, &key(1), &random).unwrap();
        assert_eq!(report.rewritten, ENTRIES.len());
        let meta = meta(&store).unwrap();
        assert_eq!((meta.version(), meta.kdf.clone()), (FORMAT_VERSION, params()), "the same passphrase, the same derivation");
        assert_eq!(state(&store, 1), Ok(VaultState::Locked));
        assert!(!dump(&backend.inner).contains("prev_key"));
        assert_none_opens_with(&store, 1);
        assert_no_plaintext(&store);
        assert_all_readable(&store, 1);
        // Moving again does nothing.
        let writes = backend.written();
        assert_eq!(migrate(&store, &key(1), &random), Ok(ConvertReport::default()));
        assert_eq!(backend.written(), writes);
    }

    #[test]
    fn moving_to_version_2_interrupted_at_every_step_resumes_to_a_consistent_state() {
        // The lock record, each record, then the lock record marked done:
        // stopping after every number of writes stands in for closing the tab.
        for writes in 0..=ENTRIES.len() + 2 {
            let backend = Rc::new(FailingBackend::default());
            let store = filled(backend.clone());
            let random = CountingRandom::default();
            crate::vault::testing::lock_v1(&store, &key(1), &random);
            let locked = dump(&backend.inner);
            backend.fail_after(writes);
            let stopped = migrate(&store, &key(1), &random);
            backend.fail_after(usize::MAX);
            if writes <= ENTRIES.len() + 1 {
                assert_eq!(stopped, Err(VaultError::Storage(StorageError::QuotaExceeded)), "stopped after {writes}");
            } else {
                assert!(stopped.is_ok());
            }
            if writes == 0 {
                assert_eq!(dump(&backend.inner), locked, "nothing was written");
            } else {
                let meta = meta(&store).unwrap();
                assert_eq!(meta.version(), FORMAT_VERSION);
                let expected = if writes <= ENTRIES.len() + 1 { VaultState::Rekeying } else { VaultState::Locked };
                assert_eq!(state(&store, 1), Ok(expected), "stopped after {writes}");
            }
            // Consistent at every step: the passphrase reads everything (under
            // either key), a wrong one changes nothing, no plaintext anywhere.
            assert_all_readable(&store, 1);
            assert_no_plaintext(&store);
            let half = dump(&backend.inner);
            assert_eq!(migrate(&store, &key(2), &random), Err(VaultError::WrongPassphrase));
            assert_eq!(dump(&backend.inner), half);
            // The next unlock finishes it.
            let unlocked = crate::vault::unlock_with_key(&store, key(1), Rc::new(CountingRandom::default())).unwrap();
            assert_eq!(unlocked.resumed.as_ref().map(|r| r.unreadable.len()), Ok(0), "stopped after {writes}");
            assert_eq!(meta(&store).unwrap().version(), FORMAT_VERSION);
            assert_eq!(state(&store, 1), Ok(VaultState::Locked));
            assert_none_opens_with(&store, 1);
            for (name, text) in ENTRIES {
                assert_eq!(unlocked.store.load::<String>(name).unwrap().as_deref(), Some(text), "{name} after {writes}");
            }
        }
    }

    #[test]
    fn removing_the_lock_restores_every_record_to_plaintext() {
        let backend = Rc::new(MemoryBackend::default());
        backend.set("theme", "host").unwrap();
        let plain = filled(backend.clone());
        let before = dump(&*backend);
        let random = CountingRandom::default();
        lock(&plain, &key(1), params(), &random).unwrap();
        let report = unlock_remove(&plain, &key(1), &random).unwrap();
        assert_eq!(report.rewritten, 4);
        assert_eq!(dump(&*backend), before, "storage is exactly as before the lock");
        assert_eq!(super::super::status(&plain).unwrap(), super::super::VaultStatus::Open);
    }

    #[test]
    fn an_interrupted_lock_removal_loses_nothing_and_resume_finishes_it() {
        let backend = Rc::new(FailingBackend::default());
        let store = filled(backend.clone());
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        backend.fail_after(3); // the lock record, then two records
        assert!(unlock_remove(&store, &key(1), &random).is_err());
        backend.fail_after(usize::MAX);
        assert_eq!(state(&store, 1), Ok(VaultState::Decrypting));
        assert_all_readable(&store, 1);
        resume(&store, &key(1), &random).unwrap();
        assert_eq!(VaultMeta::load(&store).unwrap(), None);
        for (name, text) in ENTRIES {
            assert_eq!(store.load::<String>(name).unwrap().as_deref(), Some(text));
        }
    }

    #[test]
    fn a_record_no_key_opens_is_reported_and_left_alone_when_moving_to_version_2() {
        let store = filled(Rc::new(MemoryBackend::default()));
        let random = CountingRandom::default();
        crate::vault::testing::lock_v1(&store, &key(1), &random);
        let foreign = seal(&key(9), [5; 12], "rt:stray", "x").unwrap();
        store.set_raw("stray", &foreign).unwrap();
        let report = migrate(&store, &key(1), &random).unwrap();
        assert_eq!(report.unreadable, vec!["stray".to_string()]);
        assert_eq!(store.get_raw("stray").unwrap(), Some(foreign));
        assert_all_readable(&store, 1);
    }

    #[test]
    fn a_record_no_key_opens_is_reported_and_left_alone() {
        let store = filled(Rc::new(MemoryBackend::default()));
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        let foreign = seal(&key(9), [5; 12], "rt:stray", "x").unwrap();
        store.set_raw("stray", &foreign).unwrap();
        let report = unlock_remove(&store, &key(1), &random).unwrap();
        assert_eq!(report.unreadable, vec!["stray".to_string()]);
        assert_eq!(store.get_raw("stray").unwrap(), Some(foreign));
    }

    #[test]
    fn wipe_removes_only_this_namespace() {
        let backend = Rc::new(MemoryBackend::default());
        backend.set("theme", "host").unwrap();
        backend.set("rt-other:entry", "neighbour").unwrap();
        let store = filled(backend.clone());
        lock(&store, &key(1), params(), &CountingRandom::default()).unwrap();
        assert_eq!(wipe(&store).unwrap(), ENTRIES.len() + 1);
        assert!(store.keys().unwrap().is_empty());
        assert_eq!(backend.keys().unwrap(), vec!["rt-other:entry".to_string(), "theme".to_string()]);
        assert_eq!(super::super::status(&store).unwrap(), super::super::VaultStatus::Open);
    }
}
