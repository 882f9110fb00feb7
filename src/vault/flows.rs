//! The lock's flows as the person meets them: unlock, turn on, change the
//! passphrase, remove, and repair a damaged lock record, each from the words
//! typed to the store the app uses next. The UI only calls these and shows
//! what they return; they run natively in tests with a fake key derivation.

use super::{
    change_passphrase, derive_key, lock, recover as recover_record, repair as repair_record, set_recovery,
    unlock_remove, unlock_with_key, ConvertReport, KdfParams, Key, RecoveryKey, Random, Unlocked, VaultError,
    VaultMeta,
};
use crate::storage::Store;
use std::rc::Rc;

/// The shortest passphrase accepted for a new lock.
pub const MIN_PASSPHRASE: usize = 8;

/// Turns a passphrase into a key: WebCrypto's PBKDF2 in the app
/// ([`BrowserDerive`]), a fast stand-in in native tests.
#[allow(async_fn_in_trait)] // used on the page's one thread only
pub trait Derive {
    async fn derive(&self, passphrase: &str, params: &KdfParams) -> Result<Key, VaultError>;
}

/// [`derive_key`] in the browser.
pub struct BrowserDerive;

impl Derive for BrowserDerive {
    async fn derive(&self, passphrase: &str, params: &KdfParams) -> Result<Key, VaultError> {
        derive_key(passphrase, params).await
    }
}

/// The rule for a new passphrase: long enough, and typed the same twice.
pub fn check_new_passphrase(new: &str, again: &str) -> Result<(), VaultError> {
    if new.chars().count() < MIN_PASSPHRASE {
        return Err(VaultError::PassphraseTooShort { min: MIN_PASSPHRASE });
    }
    if new != again {
        return Err(VaultError::PassphrasesDiffer);
    }
    Ok(())
}

/// The key of the lock as it stands, from the passphrase the person typed; a
/// wrong passphrase is refused here, before anything is changed.
pub async fn current_key(store: &Store, passphrase: &str, derive: &impl Derive) -> Result<Key, VaultError> {
    let meta = VaultMeta::load(store)?.ok_or(VaultError::NotLocked)?;
    let key = derive.derive(passphrase, &meta.kdf).await?;
    meta.open(&key)?;
    Ok(key)
}

/// Unlocks: the lock screen's one step. [`VaultError::CheckDamaged`] means
/// the passphrase is right and [`repair`] can mend the lock record.
pub async fn unlock(
    store: &Store,
    passphrase: &str,
    derive: &impl Derive,
    random: Rc<dyn Random>,
) -> Result<Unlocked, VaultError> {
    let meta = VaultMeta::load(store)?.ok_or(VaultError::NotLocked)?;
    let key = derive.derive(passphrase, &meta.kdf).await?;
    unlock_with_key(store, key, random)
}

/// A key for a new passphrase, with fresh parameters (a new random salt).
async fn fresh_key(passphrase: &str, derive: &impl Derive, random: &dyn Random) -> Result<(Key, KdfParams), VaultError> {
    let params = KdfParams::generate(random)?;
    Ok((derive.derive(passphrase, &params).await?, params))
}

/// Turns the lock on with a new passphrase (checked against the rule first)
/// and returns the encrypting store to use from now on.
pub async fn turn_on(
    store: &Store,
    new: &str,
    again: &str,
    derive: &impl Derive,
    random: Rc<dyn Random>,
) -> Result<Unlocked, VaultError> {
    check_new_passphrase(new, again)?;
    let (key, params) = fresh_key(new, derive, random.as_ref()).await?;
    lock(store, &key, params, random.as_ref())?;
    unlock_with_key(store, key, random)
}

/// Changes the passphrase from `current` to `new`, and returns the store to use.
pub async fn change(
    store: &Store,
    current: &str,
    new: &str,
    again: &str,
    derive: &impl Derive,
    random: Rc<dyn Random>,
) -> Result<Unlocked, VaultError> {
    check_new_passphrase(new, again)?;
    let old_key = current_key(store, current, derive).await?;
    let (new_key, params) = fresh_key(new, derive, random.as_ref()).await?;
    change_passphrase(store, &old_key, &new_key, params, random.as_ref())?;
    unlock_with_key(store, new_key, random)
}

/// Removes the lock with the current passphrase; the plain store is the one to use afterwards.
pub async fn remove(
    store: &Store,
    current: &str,
    derive: &impl Derive,
    random: Rc<dyn Random>,
) -> Result<ConvertReport, VaultError> {
    let key = current_key(store, current, derive).await?;
    unlock_remove(store, &key, random.as_ref())
}

/// Rewrites a damaged lock record from the passphrase, with the key derivation
/// still known (salvaged from the damaged record, or the stored one when only
/// the check value is damaged) and, for a version 2 record, its wrapped data
/// key, if and only if the key opens the records.
pub async fn repair(
    store: &Store,
    passphrase: &str,
    kdf: KdfParams,
    wrapped: Option<String>,
    derive: &impl Derive,
    random: Rc<dyn Random>,
) -> Result<Unlocked, VaultError> {
    let key = derive.derive(passphrase, &kdf).await?;
    repair_record(store, key, kdf, wrapped, random)
}

/// Whether the lock has a recovery key saved (so the lock screen can offer it).
pub fn has_recovery(store: &Store) -> Result<bool, VaultError> {
    Ok(VaultMeta::load(store)?.is_some_and(|m| m.recovery().is_some()))
}

/// A new recovery key to show the person: nothing is written until they say
/// they kept it ([`save_recovery`]).
pub fn new_recovery_key(random: &dyn Random) -> Result<RecoveryKey, VaultError> {
    RecoveryKey::generate(random)
}

/// Saves `recovery` as the lock's recovery key, after the current
/// passphrase is checked; an earlier recovery key stops working. Writes the
/// lock record only; a wrong passphrase writes nothing.
pub async fn save_recovery(
    store: &Store,
    passphrase: &str,
    recovery: &RecoveryKey,
    derive: &impl Derive,
    random: Rc<dyn Random>,
) -> Result<(), VaultError> {
    let key = current_key(store, passphrase, derive).await?;
    let params = KdfParams::generate(random.as_ref())?;
    let recovery_key = derive.derive(recovery.canonical(), &params).await?;
    set_recovery(store, &key, &recovery_key, params, random.as_ref())
}

/// For a forgotten passphrase: the recovery key as typed opens the lock, a
/// new passphrase (checked against the rule first) replaces the old one, and
/// the app opens with everything in it. Only the lock record is written; a
/// recovery key that is mistyped or wrong writes nothing.
pub async fn recover(
    store: &Store,
    typed_recovery: &str,
    new: &str,
    again: &str,
    derive: &impl Derive,
    random: Rc<dyn Random>,
) -> Result<Unlocked, VaultError> {
    let recovery = RecoveryKey::parse(typed_recovery)?;
    check_new_passphrase(new, again)?;
    let meta = VaultMeta::load(store)?.ok_or(VaultError::NotLocked)?;
    let slot = meta.recovery().ok_or(VaultError::NoRecoveryKey)?;
    let recovery_key = derive.derive(recovery.canonical(), &slot.kdf).await?;
    // Refused here, before the new passphrase's key is derived.
    meta.record_key_by_recovery(&recovery_key)?;
    let (new_key, params) = fresh_key(new, derive, random.as_ref()).await?;
    recover_record(store, &recovery_key, &new_key, params, random.as_ref())?;
    unlock_with_key(store, new_key, random)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{MemoryBackend, Namespace};
    use crate::vault::testing::{dump, poll, CountingRandom, FakeDerive};
    use crate::vault::{status, VaultStatus, META_KEY};

    const PASS: &str = "quiet river morning";

    fn random() -> Rc<dyn Random> {
        Rc::new(CountingRandom::default())
    }

    fn with_entry() -> (Rc<MemoryBackend>, Store) {
        let backend = Rc::new(MemoryBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        store.save("journal.e.a", &"words nobody else should read").unwrap();
        (backend, store)
    }

    #[test]
    fn a_new_passphrase_must_be_long_enough_and_typed_the_same_twice() {
        assert_eq!(check_new_passphrase("short", "short"), Err(VaultError::PassphraseTooShort { min: 8 }));
        assert_eq!(check_new_passphrase("ünïcødé!", "ünïcødé!"), Ok(()), "characters count, not bytes");
        assert_eq!(check_new_passphrase("long enough", "long enougH"), Err(VaultError::PassphrasesDiffer));
    }

    #[test]
    fn turning_the_lock_on_refuses_a_weak_passphrase_before_deriving_or_writing() {
        let (backend, store) = with_entry();
        let before = dump(&*backend);
        let derive = FakeDerive::default();
        let result = poll(turn_on(&store, "short", "short", &derive, random()));
        assert_eq!(result.err(), Some(VaultError::PassphraseTooShort { min: MIN_PASSPHRASE }));
        assert_eq!(derive.calls(), 0);
        assert_eq!(dump(&*backend), before);
    }

    #[test]
    fn turn_on_then_unlock_with_the_same_passphrase_only() {
        let (backend, store) = with_entry();
        let derive = FakeDerive::default();
        let on = poll(turn_on(&store, PASS, PASS, &derive, random())).unwrap();
        assert!(on.locked);
        assert!(!dump(&*backend).contains("nobody else"));
        assert_eq!(on.store.load::<String>("journal.e.a").unwrap().as_deref(), Some("words nobody else should read"));
        assert!(matches!(status(&store).unwrap(), VaultStatus::Locked(_)));

        let before = dump(&*backend);
        let wrong = poll(unlock(&store, "not the passphrase", &derive, random()));
        assert_eq!(wrong.err(), Some(VaultError::WrongPassphrase));
        assert_eq!(dump(&*backend), before);
        let again = poll(unlock(&store, PASS, &derive, random())).unwrap();
        assert_eq!(again.store.load::<String>("journal.e.a").unwrap().as_deref(), Some("words nobody else should read"));
    }

    #[test]
    fn changing_needs_the_current_passphrase_and_leaves_only_the_new_one_working() {
        let (backend, store) = with_entry();
        let derive = FakeDerive::default();
        poll(turn_on(&store, PASS, PASS, &derive, random())).unwrap();
        let before = dump(&*backend);
        let wrong = poll(change(&store, "not it", "a brand new phrase", "a brand new phrase", &derive, random()));
        assert_eq!(wrong.err(), Some(VaultError::WrongPassphrase));
        assert_eq!(dump(&*backend), before);

        let changed = poll(change(&store, PASS, "a brand new phrase", "a brand new phrase", &derive, random())).unwrap();
        assert!(changed.locked);
        assert_eq!(poll(unlock(&store, PASS, &derive, random())).err(), Some(VaultError::WrongPassphrase));
        assert!(poll(unlock(&store, "a brand new phrase", &derive, random())).is_ok());
    }

    #[test]
    fn removing_needs_the_current_passphrase_and_restores_plain_records() {
        let (backend, store) = with_entry();
        let derive = FakeDerive::default();
        poll(turn_on(&store, PASS, PASS, &derive, random())).unwrap();
        assert_eq!(poll(remove(&store, "not it", &derive, random())).err(), Some(VaultError::WrongPassphrase));
        let report = poll(remove(&store, PASS, &derive, random())).unwrap();
        assert_eq!(report.rewritten, 1);
        assert_eq!(status(&store).unwrap(), VaultStatus::Open);
        assert!(dump(&*backend).contains("words nobody else should read"));
    }

    #[test]
    fn a_cut_off_lock_record_is_repaired_with_the_right_passphrase_only() {
        let (backend, store) = with_entry();
        let derive = FakeDerive::default();
        poll(turn_on(&store, PASS, PASS, &derive, random())).unwrap();
        let meta = store.get_raw(META_KEY).unwrap().unwrap();
        store.set_raw(META_KEY, &meta[..meta.len() - 10]).unwrap();
        let VaultStatus::LockRecordDamaged(damage) = status(&store).unwrap() else {
            panic!("expected a damaged lock record");
        };
        let kdf = damage.kdf.unwrap();
        let before = dump(&*backend);
        let wrong = poll(repair(&store, "not it", kdf.clone(), damage.wrapped.clone(), &derive, random()));
        assert_eq!(wrong.err(), Some(VaultError::WrongPassphrase));
        assert_eq!(dump(&*backend), before);
        let repaired = poll(repair(&store, PASS, kdf, damage.wrapped.clone(), &derive, random())).unwrap();
        assert_eq!(repaired.store.load::<String>("journal.e.a").unwrap().as_deref(), Some("words nobody else should read"));
        assert!(poll(unlock(&store, PASS, &derive, random())).is_ok());
    }

    /// A locked journal of three entries with a recovery key saved, its backend, and the key as shown.
    fn with_recovery() -> (Rc<crate::vault::testing::FailingBackend>, Store, String) {
        use crate::journal::{save_entry, testing::entry};
        let backend = Rc::new(crate::vault::testing::FailingBackend::default());
        let store = Store::new(backend.clone(), &Namespace::default());
        for (id, n) in [("a", 1), ("b", 2), ("c", 3)] {
            save_entry(&store, &entry(id, n, &format!("entry {id}"), "private words"), None).unwrap();
        }
        let derive = FakeDerive::default();
        poll(turn_on(&store, PASS, PASS, &derive, random())).unwrap();
        let recovery = new_recovery_key(&CountingRandom::default()).unwrap();
        poll(save_recovery(&store, PASS, &recovery, &derive, random())).unwrap();
        (backend, store, recovery.grouped())
    }

    fn titles(store: &Store) -> Vec<String> {
        let mut titles: Vec<String> = crate::journal::load(store).unwrap().entries.into_iter().map(|e| e.title).collect();
        titles.sort();
        titles
    }

    const NEW: &str = "a new phrase to remember";

    /// A recovery key other than the one [`with_recovery`] saves (the second from the same stream).
    fn another_recovery_key() -> RecoveryKey {
        let r = CountingRandom::default();
        new_recovery_key(&r).unwrap();
        new_recovery_key(&r).unwrap()
    }

    #[test]
    fn the_recovery_key_opens_the_journal_and_sets_a_new_passphrase_writing_only_the_lock_record() {
        let (backend, store, shown) = with_recovery();
        assert!(has_recovery(&store).unwrap());
        let records = |b: &crate::vault::testing::FailingBackend| {
            dump(&b.inner).lines().filter(|l| !l.starts_with("rt:vault=")).collect::<Vec<_>>().join("\n")
        };
        let before = records(&backend);
        let writes = backend.written();
        let derive = FakeDerive::default();
        // Typed back by hand: lower case, spaces instead of dashes.
        let typed = shown.to_lowercase().replace('-', " ");
        let recovered = poll(recover(&store, &typed, NEW, NEW, &derive, random())).unwrap();
        assert!(recovered.locked);
        assert_eq!(backend.written() - writes, 1, "one write: the lock record");
        assert_eq!(records(&backend), before, "every entry is kept byte for byte");
        assert_eq!(titles(&recovered.store), ["entry a", "entry b", "entry c"]);
        // The forgotten passphrase no longer opens it; the new one does, and the recovery key still does.
        assert_eq!(poll(unlock(&store, PASS, &derive, random())).err(), Some(VaultError::WrongPassphrase));
        let again = poll(unlock(&store, NEW, &derive, random())).unwrap();
        assert_eq!(titles(&again.store), ["entry a", "entry b", "entry c"]);
        assert!(poll(recover(&store, &shown, PASS, PASS, &derive, random())).is_ok());
    }

    #[test]
    fn a_wrong_or_mistyped_recovery_key_is_refused_in_words_and_nothing_is_written() {
        let (backend, store, shown) = with_recovery();
        let before = dump(&backend.inner);
        let derive = FakeDerive::default();
        let other = another_recovery_key().grouped();
        assert_ne!(other, shown);
        let wrong = poll(recover(&store, &other, NEW, NEW, &derive, random())).err().unwrap();
        assert_eq!(wrong, VaultError::WrongRecoveryKey);
        assert!(wrong.to_string().contains("does not open the lock") && wrong.to_string().contains("Nothing was changed"), "{wrong}");
        let calls = derive.calls();
        let short = poll(recover(&store, &shown[..shown.len() - 2], NEW, NEW, &derive, random())).err().unwrap();
        assert!(matches!(short, VaultError::RecoveryKeyMalformed(_)) && short.to_string().contains("this has 30"), "{short}");
        assert_eq!(derive.calls(), calls, "a mistyped key is refused before any key is derived");
        let weak = poll(recover(&store, &shown, "short", "short", &derive, random())).err();
        assert_eq!(weak, Some(VaultError::PassphraseTooShort { min: MIN_PASSPHRASE }));
        assert_eq!(dump(&backend.inner), before);
        assert!(poll(unlock(&store, PASS, &derive, random())).is_ok(), "the passphrase still works");
    }

    #[test]
    fn without_a_saved_recovery_key_recovery_is_refused_and_nothing_is_written() {
        let (backend, store) = with_entry();
        let derive = FakeDerive::default();
        poll(turn_on(&store, PASS, PASS, &derive, random())).unwrap();
        assert!(!has_recovery(&store).unwrap());
        let before = dump(&*backend);
        let shown = new_recovery_key(&CountingRandom::default()).unwrap().grouped();
        let err = poll(recover(&store, &shown, NEW, NEW, &derive, random())).err().unwrap();
        assert_eq!(err, VaultError::NoRecoveryKey);
        assert!(err.to_string().contains("no recovery key was saved"), "{err}");
        assert_eq!(dump(&*backend), before);
    }

    #[test]
    fn saving_a_recovery_key_needs_the_passphrase_and_a_new_one_replaces_the_old() {
        let (backend, store, first) = with_recovery();
        let derive = FakeDerive::default();
        let second = another_recovery_key();
        assert_ne!(second.grouped(), first);
        let before = dump(&backend.inner);
        assert_eq!(
            poll(save_recovery(&store, "not the passphrase", &second, &derive, random())).err(),
            Some(VaultError::WrongPassphrase)
        );
        assert_eq!(dump(&backend.inner), before);
        let writes = backend.written();
        poll(save_recovery(&store, PASS, &second, &derive, random())).unwrap();
        assert_eq!(backend.written() - writes, 1);
        let stale = poll(recover(&store, &first, NEW, NEW, &derive, random())).err();
        assert_eq!(stale, Some(VaultError::WrongRecoveryKey), "the replaced key stops working");
        assert!(poll(recover(&store, &second.grouped(), NEW, NEW, &derive, random())).is_ok());
    }

    #[test]
    fn a_journal_locked_by_the_previous_version_opens_moves_and_can_get_a_recovery_key() {
        let (backend, store) = with_entry();
        let derive = FakeDerive::default();
        let kdf = crate::vault::testing::params();
        crate::vault::testing::lock_v1(&store, &derive.key(PASS, &kdf), &CountingRandom::default());
        assert_eq!(VaultMeta::load(&store).unwrap().unwrap().version(), 1);
        let sealed_before = dump(&*backend);
        assert_eq!(poll(unlock(&store, "not it", &derive, random())).err(), Some(VaultError::WrongPassphrase));
        assert_eq!(dump(&*backend), sealed_before);
        let opened = poll(unlock(&store, PASS, &derive, random())).unwrap();
        assert_eq!(opened.store.load::<String>("journal.e.a").unwrap().as_deref(), Some("words nobody else should read"));
        assert_eq!(VaultMeta::load(&store).unwrap().unwrap().version(), crate::vault::FORMAT_VERSION);
        let recovery = new_recovery_key(&CountingRandom::default()).unwrap();
        poll(save_recovery(&store, PASS, &recovery, &derive, random())).unwrap();
        let recovered = poll(recover(&store, &recovery.grouped(), NEW, NEW, &derive, random())).unwrap();
        assert_eq!(recovered.store.load::<String>("journal.e.a").unwrap().as_deref(), Some("words nobody else should read"));
        assert!(!dump(&*backend).contains("nobody else"));
    }
}
