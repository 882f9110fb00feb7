//! The lock record: the one record under the namespace that stays plaintext.
//!
//! It holds what is needed to derive the key (salt, rounds) and a check value
//! sealed with the key. The check's content is the lock's state, so the state
//! is authenticated: someone editing storage by hand cannot, say, set it to
//! "decrypting" to make the next unlock strip the encryption, because a state
//! only counts once the key has opened it.

use super::envelope::{open, seal};
use super::key::{nonce, wipe};
use super::{base64, KdfParams, Key, Random, VaultError};
use crate::storage::Store;

/// The lock record's key in the namespace (`rt:vault` for the standalone app).
pub const META_KEY: &str = "vault";

/// Associated data of the check value, so no other sealed value can stand in for it.
const CHECK_AAD: &str = "rebuild-trust vault check";
/// Associated data of the previous key kept during a passphrase change.
const PREV_KEY_AAD: &str = "rebuild-trust vault previous key";

/// Where the lock is in its life. Anything but `Locked` means work was
/// interrupted and [`super::resume`] finishes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaultState {
    /// Turning the lock on: records may still be plaintext.
    Converting,
    /// Every record is sealed with the key.
    Locked,
    /// Changing the passphrase: records may be under the previous key or this one.
    Rekeying,
    /// Removing the lock: records may already be plaintext.
    Decrypting,
}

impl VaultState {
    const ALL: [Self; 4] = [Self::Converting, Self::Locked, Self::Rekeying, Self::Decrypting];

    /// The sealed text that stands for this state.
    fn check_text(self) -> &'static str {
        match self {
            Self::Converting => "rebuild-trust vault: converting",
            Self::Locked => "rebuild-trust vault: locked",
            Self::Rekeying => "rebuild-trust vault: rekeying",
            Self::Decrypting => "rebuild-trust vault: decrypting",
        }
    }
}

/// The stored lock record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VaultMeta {
    /// How to derive the key from the passphrase.
    pub kdf: KdfParams,
    /// The state, sealed with the key: opening it proves the passphrase.
    check: String,
    /// During a passphrase change only: the previous key sealed with the new
    /// one, so the new passphrase alone can finish an interrupted change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prev_key: Option<String>,
}

impl VaultMeta {
    /// A lock record for `key` in `state`.
    pub fn create(key: &Key, kdf: KdfParams, state: VaultState, nonce: [u8; 12]) -> Result<Self, VaultError> {
        kdf.check()?;
        Ok(Self {
            kdf,
            check: seal(key, nonce, CHECK_AAD, state.check_text())?,
            prev_key: None,
        })
    }

    /// The record for a passphrase change under way from `old` to `new`.
    pub(crate) fn rekeying(new: &Key, kdf: KdfParams, old: &Key, random: &dyn Random) -> Result<Self, VaultError> {
        let mut meta = Self::create(new, kdf, VaultState::Rekeying, nonce(random)?)?;
        let mut old_text = base64::encode(old.bytes());
        let sealed = seal(new, nonce(random)?, PREV_KEY_AAD, &old_text);
        wipe_string(&mut old_text);
        meta.prev_key = Some(sealed?);
        Ok(meta)
    }

    /// Checks the key against the record and returns the (authenticated) state;
    /// a wrong key is [`VaultError::WrongPassphrase`].
    pub fn verify(&self, key: &Key) -> Result<VaultState, VaultError> {
        let text = match open(key, CHECK_AAD, &self.check) {
            Ok(text) => text,
            Err(VaultError::Undecryptable) => return Err(VaultError::WrongPassphrase),
            Err(e) => return Err(VaultError::BadMeta(e.to_string())),
        };
        let state = VaultState::ALL
            .into_iter()
            .find(|s| s.check_text() == text)
            .ok_or_else(|| VaultError::BadMeta("its check value names no known state".into()))?;
        if state == VaultState::Rekeying && self.prev_key.is_none() {
            return Err(VaultError::BadMeta(
                "a passphrase change is under way but the previous key is missing".into(),
            ));
        }
        Ok(state)
    }

    /// The previous key of a passphrase change under way, opened with the new key.
    pub(crate) fn previous_key(&self, key: &Key) -> Result<Key, VaultError> {
        let sealed = self
            .prev_key
            .as_deref()
            .ok_or_else(|| VaultError::BadMeta("it holds no previous key".into()))?;
        let mut text = open(key, PREV_KEY_AAD, sealed).map_err(|e| VaultError::BadMeta(e.to_string()))?;
        let decoded = base64::decode(&text);
        wipe_string(&mut text);
        let mut bytes = decoded.ok_or_else(|| VaultError::BadMeta("the previous key is not base64".into()))?;
        let key = Key::from_slice(&bytes);
        wipe(&mut bytes);
        key.ok_or_else(|| VaultError::BadMeta("the previous key has the wrong length".into()))
    }

    /// Reads the lock record, if any, refusing one whose key derivation was weakened.
    pub fn load(store: &Store) -> Result<Option<Self>, VaultError> {
        let Some(meta) = store.load::<Self>(META_KEY)? else {
            return Ok(None);
        };
        meta.kdf.check()?;
        Ok(Some(meta))
    }

    /// Writes the lock record (one atomic write).
    pub(crate) fn save(&self, store: &Store) -> Result<(), VaultError> {
        Ok(store.save(META_KEY, self)?)
    }
}

/// Overwrites a string's bytes before it is freed.
fn wipe_string(text: &mut String) {
    let mut bytes = std::mem::take(text).into_bytes();
    wipe(&mut bytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::testing::{key, params, CountingRandom};

    #[test]
    fn the_right_key_verifies_and_reads_the_state() {
        for state in VaultState::ALL.into_iter().filter(|s| *s != VaultState::Rekeying) {
            let meta = VaultMeta::create(&key(1), params(), state, [3; 12]).unwrap();
            assert_eq!(meta.verify(&key(1)), Ok(state));
        }
    }

    #[test]
    fn a_wrong_key_is_a_wrong_passphrase() {
        let meta = VaultMeta::create(&key(1), params(), VaultState::Locked, [3; 12]).unwrap();
        assert_eq!(meta.verify(&key(2)), Err(VaultError::WrongPassphrase));
        let message = VaultError::WrongPassphrase.to_string();
        assert!(message.contains("nothing was changed"), "{message}");
    }

    #[test]
    fn a_state_edited_by_hand_is_not_trusted() {
        let random = CountingRandom::default();
        let locked = VaultMeta::create(&key(1), params(), VaultState::Locked, nonce(&random).unwrap()).unwrap();
        // Someone swaps in another sealed value (here: the previous-key slot of
        // a rekeying record) as the check: it fails, whatever it says.
        let rekeying = VaultMeta::rekeying(&key(1), params(), &key(2), &random).unwrap();
        let forged = VaultMeta { check: rekeying.prev_key.clone().unwrap(), ..locked.clone() };
        assert!(forged.verify(&key(1)).is_err());
        // A check that is not a sealed value at all is a damaged record, not a wrong passphrase.
        let garbage = VaultMeta { check: "decrypting".into(), ..locked };
        assert!(matches!(garbage.verify(&key(1)), Err(VaultError::BadMeta(_))));
    }

    #[test]
    fn a_rekeying_record_gives_back_the_previous_key_only_to_the_new_one() {
        let random = CountingRandom::default();
        let meta = VaultMeta::rekeying(&key(2), params(), &key(1), &random).unwrap();
        assert_eq!(meta.verify(&key(2)), Ok(VaultState::Rekeying));
        assert_eq!(meta.verify(&key(1)), Err(VaultError::WrongPassphrase));
        assert_eq!(meta.previous_key(&key(2)).unwrap().bytes(), key(1).bytes());
        assert!(meta.previous_key(&key(3)).is_err());
        let stripped = VaultMeta { prev_key: None, ..meta };
        assert!(matches!(stripped.verify(&key(2)), Err(VaultError::BadMeta(_))));
    }

    #[test]
    fn a_stored_record_with_weakened_key_derivation_is_refused() {
        let store = Store::memory();
        let mut meta = VaultMeta::create(&key(1), params(), VaultState::Locked, [3; 12]).unwrap();
        meta.save(&store).unwrap();
        assert_eq!(VaultMeta::load(&store).unwrap(), Some(meta.clone()));
        meta.kdf.iterations = 1_000;
        // Written as an attacker would: straight into storage, past `create`'s check.
        store.save(META_KEY, &meta).unwrap();
        assert_eq!(
            VaultMeta::load(&store),
            Err(VaultError::WeakKdf { iterations: 1_000, min: KdfParams::MIN_ITERATIONS })
        );
    }

    #[test]
    fn create_refuses_weak_params() {
        let weak = KdfParams { salt: [0; 16], iterations: 10 };
        assert!(matches!(
            VaultMeta::create(&key(1), weak, VaultState::Locked, [3; 12]),
            Err(VaultError::WeakKdf { .. })
        ));
    }
}
