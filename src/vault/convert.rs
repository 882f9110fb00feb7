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
use super::meta::{VaultMeta, VaultState, META_KEY};
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

/// Writes the lock record for `key` in `state`.
fn save_state(store: &Store, key: &Key, kdf: KdfParams, state: VaultState, random: &dyn Random) -> Result<(), VaultError> {
    VaultMeta::create(key, kdf, state, nonce(random)?)?.save(store)
}

/// Turns the lock on: encrypts every record of the namespace with `key`
/// (derived from the new passphrase with `params`).
///
/// If it stops part-way (a full quota is returned as an error; a closed tab
/// just stops), nothing is lost: sealed and plaintext records both stay
/// readable with the key, and [`resume`] after the next unlock finishes.
pub fn lock(store: &Store, key: &Key, params: KdfParams, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    if VaultMeta::load(store)?.is_some() {
        return Err(VaultError::AlreadyLocked);
    }
    save_state(store, key, params, VaultState::Converting, random)?;
    resume(store, key, random)
}

/// Finishes whatever the lock record says is under way (turning the lock on,
/// changing the passphrase, removing the lock), after checking `key`.
///
/// When the lock is simply on, it seals any plaintext record that appeared
/// (written by another tab opened before the lock was set, say), so after a
/// successful resume no record of the namespace is plaintext. A wrong key
/// changes nothing.
pub fn resume(store: &Store, key: &Key, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    let meta = meta(store)?;
    match meta.verify(key)? {
        VaultState::Locked => seal_all(store, key, random),
        VaultState::Converting => {
            let report = seal_all(store, key, random)?;
            save_state(store, key, meta.kdf, VaultState::Locked, random)?;
            Ok(report)
        }
        VaultState::Rekeying => {
            let old = meta.previous_key(key)?;
            let report = reseal_all(store, &old, key, random)?;
            save_state(store, key, meta.kdf, VaultState::Locked, random)?;
            Ok(report)
        }
        VaultState::Decrypting => {
            let report = open_all(store, key)?;
            store.remove(META_KEY)?;
            Ok(report)
        }
    }
}

/// Changes the passphrase: re-encrypts every record from `old_key` to
/// `new_key` (derived with the fresh `new_params`).
///
/// The lock record switches to the new passphrase first, holding the old key
/// sealed with the new one, so an interruption is finished by [`resume`] after
/// unlocking with the new passphrase; the old one stops working at once.
pub fn change_passphrase(
    store: &Store,
    old_key: &Key,
    new_key: &Key,
    new_params: KdfParams,
    random: &dyn Random,
) -> Result<ConvertReport, VaultError> {
    new_params.check()?;
    if meta(store)?.verify(old_key)? != VaultState::Locked {
        // Finish earlier work first, so only one change is ever under way.
        resume(store, old_key, random)?;
        meta(store)?;
    }
    VaultMeta::rekeying(new_key, new_params, old_key, random)?.save(store)?;
    resume(store, new_key, random)
}

/// Removes the lock: decrypts every record back to plaintext, then deletes
/// the lock record. An interruption is finished by [`resume`] after unlocking.
pub fn unlock_remove(store: &Store, key: &Key, random: &dyn Random) -> Result<ConvertReport, VaultError> {
    let meta = meta(store)?;
    if meta.verify(key)? == VaultState::Rekeying {
        // Bring every record under this one key first.
        resume(store, key, random)?;
    }
    save_state(store, key, meta.kdf, VaultState::Decrypting, random)?;
    resume(store, key, random)
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
        let mut layer = EncryptedBackend::new(store.backend(), key(k), "rt:", random);
        if meta.verify(&key(k)).unwrap() == VaultState::Rekeying {
            layer = layer.with_previous_key(meta.previous_key(&key(k)).unwrap());
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
        assert_eq!(meta(&store).unwrap().verify(&key(1)), Ok(VaultState::Locked));
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
        assert_eq!(meta(&store).unwrap().verify(&key(1)), Ok(VaultState::Converting));
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
        assert_eq!(meta(&store).unwrap().verify(&key(1)), Ok(VaultState::Locked));
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
    fn changing_the_passphrase_reseals_everything_under_the_new_key_only() {
        let backend = Rc::new(MemoryBackend::default());
        let store = filled(backend.clone());
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        let new_params = KdfParams { salt: [42; 16], ..params() };
        let report = change_passphrase(&store, &key(1), &key(2), new_params.clone(), &random).unwrap();
        assert_eq!(report.rewritten, 4);
        let meta = meta(&store).unwrap();
        assert_eq!(meta.kdf, new_params);
        assert_eq!(meta.verify(&key(2)), Ok(VaultState::Locked));
        assert_eq!(meta.verify(&key(1)), Err(VaultError::WrongPassphrase));
        assert!(!dump(&*backend).contains("prev_key"));
        assert_no_plaintext(&store);
        assert_all_readable(&store, 2);
        for k in store.keys().unwrap().iter().filter(|k| *k != META_KEY) {
            let raw = store.get_raw(k).unwrap().unwrap();
            assert!(open(&key(1), &store.full_key(k), &raw).is_err(), "{k} still opens with the old key");
        }
    }

    #[test]
    fn an_interrupted_passphrase_change_loses_nothing_and_the_new_passphrase_finishes_it() {
        for writes in 1..=ENTRIES.len() {
            let backend = Rc::new(FailingBackend::default());
            let store = filled(backend.clone());
            let random = CountingRandom::default();
            lock(&store, &key(1), params(), &random).unwrap();
            backend.fail_after(writes); // the new lock record, then some records
            assert!(change_passphrase(&store, &key(1), &key(2), params(), &random).is_err());
            backend.fail_after(usize::MAX);
            assert_eq!(meta(&store).unwrap().verify(&key(2)), Ok(VaultState::Rekeying));
            // The app can read everything at once, half under each key.
            assert_all_readable(&store, 2);
            // The old passphrase no longer opens the lock, and changes nothing.
            let before = dump(&backend.inner);
            assert_eq!(resume(&store, &key(1), &random), Err(VaultError::WrongPassphrase));
            assert_eq!(dump(&backend.inner), before);
            // The new one alone finishes the change.
            resume(&store, &key(2), &random).unwrap();
            assert_eq!(meta(&store).unwrap().verify(&key(2)), Ok(VaultState::Locked));
            assert_no_plaintext(&store);
            assert_all_readable(&store, 2);
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
        assert_eq!(meta(&store).unwrap().verify(&key(1)), Ok(VaultState::Decrypting));
        assert_all_readable(&store, 1);
        resume(&store, &key(1), &random).unwrap();
        assert_eq!(VaultMeta::load(&store).unwrap(), None);
        for (name, text) in ENTRIES {
            assert_eq!(store.load::<String>(name).unwrap().as_deref(), Some(text));
        }
    }

    #[test]
    fn a_record_no_key_opens_is_reported_and_left_alone() {
        let store = filled(Rc::new(MemoryBackend::default()));
        let random = CountingRandom::default();
        lock(&store, &key(1), params(), &random).unwrap();
        let foreign = seal(&key(9), [5; 12], "rt:stray", "x").unwrap();
        store.set_raw("stray", &foreign).unwrap();
        let report = change_passphrase(&store, &key(1), &key(2), params(), &random).unwrap();
        assert_eq!(report.unreadable, vec!["stray".to_string()]);
        let report = unlock_remove(&store, &key(2), &random).unwrap();
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
