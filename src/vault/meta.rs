//! The lock record: the one record under the namespace that stays plaintext.
//!
//! It holds what is needed to derive the key (salt, rounds) and a check value
//! sealed with the key. The check's content is the lock's state, so the state
//! is authenticated: someone editing storage by hand cannot, say, set it to
//! "decrypting" to make the next unlock strip the encryption, because a state
//! only counts once the key has opened it.

use super::envelope::{open, seal, well_formed};
use super::key::nonce;
use super::{KdfParams, Key, Random, VaultError};
use base64ct::{Base64, Encoding};
use crate::storage::{decode, StorageError, Store};
use zeroize::Zeroize;

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
        let mut old_text = Base64::encode_string(old.bytes());
        let sealed = seal(new, nonce(random)?, PREV_KEY_AAD, &old_text);
        old_text.zeroize();
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
        let decoded = Base64::decode_vec(&text).ok();
        text.zeroize();
        let mut bytes = decoded.ok_or_else(|| VaultError::BadMeta("the previous key is not base64".into()))?;
        let key = Key::from_slice(&bytes);
        bytes.zeroize();
        key.ok_or_else(|| VaultError::BadMeta("the previous key has the wrong length".into()))
    }

    /// Reads the lock record, if any, refusing one that is damaged or whose
    /// key derivation was weakened.
    pub fn load(store: &Store) -> Result<Option<Self>, VaultError> {
        let Some(raw) = store.get_raw(META_KEY)? else {
            return Ok(None);
        };
        Self::parse(&store.full_key(META_KEY), &raw).map(Some)
    }

    /// Parses a stored lock record, checking everything that can be checked
    /// without the key: its shape, the key derivation, and that the check
    /// value (and the previous key, if any) are well-formed sealed values.
    pub(crate) fn parse(full_key: &str, raw: &str) -> Result<Self, VaultError> {
        let meta: Self = decode(full_key, raw).map_err(|e| match e {
            StorageError::Corrupt { reason, .. } => VaultError::BadMeta(reason),
            other => VaultError::BadMeta(other.to_string()),
        })?;
        meta.kdf.check()?;
        if !well_formed(&meta.check) {
            return Err(VaultError::BadMeta("its check value is not a sealed value".into()));
        }
        if meta.prev_key.as_deref().is_some_and(|p| !well_formed(p)) {
            return Err(VaultError::BadMeta("its copy of the previous key is not a sealed value".into()));
        }
        Ok(meta)
    }

    /// Whether this record is in the middle of a passphrase change.
    pub(crate) fn is_rekeying(&self) -> bool {
        self.prev_key.is_some()
    }

    /// Writes the lock record (one atomic write).
    pub(crate) fn save(&self, store: &Store) -> Result<(), VaultError> {
        Ok(store.save(META_KEY, self)?)
    }
}

/// The key derivation parameters, read from what is left of a damaged lock
/// record (cut off, or with other fields changed), so the passphrase can still
/// be tried: the salt must be there whole; rounds outside the range any lock
/// uses are taken as the number every lock this app makes uses. Whether the
/// result is right is never assumed: only a key that opens records counts.
pub(crate) fn salvage_kdf(raw: &str) -> Option<KdfParams> {
    let text: String = raw.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let after = |field: &str| text.find(field).map(|at| &text[at + field.len()..]);
    let salt = after("\"salt\":\"")?;
    let salt = Base64::decode_vec(&salt[..salt.find('"')?]).ok().and_then(|s| <[u8; 16]>::try_from(s).ok())?;
    let iterations = after("\"iterations\":")
        .and_then(|rest| rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())].parse::<u32>().ok())
        .filter(|n| (KdfParams::MIN_ITERATIONS..=KdfParams::MAX_ITERATIONS).contains(n))
        .unwrap_or(KdfParams::MIN_ITERATIONS);
    Some(KdfParams { salt, iterations })
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
    fn a_lock_record_stored_by_an_earlier_build_reads_back_and_is_written_the_same() {
        // A passphrase change under way from key [1; 32] to key [2; 32], sealed
        // independently (Python's `cryptography`, `base64` and `json`).
        const STORED: &str = r#"{"v":1,"data":{"kdf":{"salt":"BwcHBwcHBwcHBwcHBwcHBw==","iterations":600000},"check":"rtv1:CAgICAgICAgICAgIZqB/m+8LQHppoNdjfFLkgNrAoyuZDqKbFtqLrTz8v8JQ6i4/9cGPN6y3ZTmY","prev_key":"rtv1:CQkJCQkJCQkJCQkJYcQ8Iay+epwNWpNXfMXiAzm2RpANA1WZlzlT1wUqgQyvxOs7n1TaYKMMvR/pnWDvceMGbRVrl4oETNrv"}}"#;
        let store = Store::memory();
        store.set_raw(META_KEY, STORED).unwrap();
        let meta = VaultMeta::load(&store).unwrap().unwrap();
        assert_eq!(meta.kdf, params());
        assert_eq!(meta.verify(&key(2)), Ok(VaultState::Rekeying));
        assert_eq!(meta.previous_key(&key(2)).unwrap().bytes(), key(1).bytes());
        meta.save(&store).unwrap();
        assert_eq!(store.get_raw(META_KEY).unwrap().as_deref(), Some(STORED));
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
