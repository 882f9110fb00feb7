//! The lock's flows as the person meets them: unlock, turn on, change the
//! passphrase, remove, and repair a damaged lock record, each from the words
//! typed to the store the app uses next. The UI only calls these and shows
//! what they return; they run natively in tests with a fake key derivation.

use super::{
    change_passphrase, derive_key, lock, repair as repair_record, unlock_remove, unlock_with_key, ConvertReport,
    KdfParams, Key, Random, Unlocked, VaultError, VaultMeta,
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
    meta.verify(&key)?;
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
/// the check value is damaged), if and only if its key opens the records.
pub async fn repair(
    store: &Store,
    passphrase: &str,
    kdf: KdfParams,
    derive: &impl Derive,
    random: Rc<dyn Random>,
) -> Result<Unlocked, VaultError> {
    let key = derive.derive(passphrase, &kdf).await?;
    repair_record(store, key, kdf, random)
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
        store.set_raw(META_KEY, &meta[..meta.len() / 2]).unwrap();
        let VaultStatus::LockRecordDamaged(damage) = status(&store).unwrap() else {
            panic!("expected a damaged lock record");
        };
        let kdf = damage.kdf.unwrap();
        let before = dump(&*backend);
        let wrong = poll(repair(&store, "not it", kdf.clone(), &derive, random()));
        assert_eq!(wrong.err(), Some(VaultError::WrongPassphrase));
        assert_eq!(dump(&*backend), before);
        let repaired = poll(repair(&store, PASS, kdf, &derive, random())).unwrap();
        assert_eq!(repaired.store.load::<String>("journal.e.a").unwrap().as_deref(), Some("words nobody else should read"));
        assert!(poll(unlock(&store, PASS, &derive, random())).is_ok());
    }
}
