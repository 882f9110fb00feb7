//! The lock record: the one record under the namespace that stays plaintext.
//!
//! Two formats exist. Both hold what is needed to derive the passphrase's
//! key (salt, rounds) and a check value: the lock's state, sealed with the
//! key the records are sealed with (the *record key*). The state is thereby
//! authenticated: someone editing storage by hand cannot, say, set it to
//! "decrypting" to make the next unlock strip the encryption, because a state
//! only counts once the record key has opened it.
//!
//! - Version 1 (earlier builds; no `version` field): the record key is the
//!   passphrase's key itself. Unlocking moves such a lock to version 2.
//! - Version 2: the record key is a random *data key*, kept in the record
//!   wrapped (sealed) by the passphrase's key (`wrapped`) and, if the person
//!   saved one, by a recovery key (`recovery`, with its own derivation
//!   parameters). Changing the passphrase or using the recovery key rewrites
//!   this one record and nothing else.

use super::envelope::{open, seal, well_formed};
use super::key::nonce;
use super::{KdfParams, Key, Random, VaultError};
use base64ct::{Base64, Encoding};
use crate::storage::{decode, StorageError, Store};
use zeroize::Zeroize;

/// The lock record's key in the namespace (`rt:vault` for the standalone app).
pub const META_KEY: &str = "vault";

/// The format this build writes.
pub const FORMAT_VERSION: u32 = 2;

/// Associated data of the check value, so no other sealed value can stand in for it.
const CHECK_AAD: &str = "rebuild-trust vault check";
/// Associated data of the previous key kept during a passphrase change.
const PREV_KEY_AAD: &str = "rebuild-trust vault previous key";
/// Associated data of the data key wrapped by the passphrase's key.
const WRAPPED_AAD: &str = "rebuild-trust vault data key";
/// Associated data of the data key wrapped by the recovery key.
const RECOVERY_AAD: &str = "rebuild-trust vault recovery";

/// Where the lock is in its life. Anything but `Locked` means work was
/// interrupted and [`super::resume`] finishes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaultState {
    /// Turning the lock on: records may still be plaintext.
    Converting,
    /// Every record is sealed with the record key.
    Locked,
    /// Moving records to a new record key (a version 1 passphrase change, or
    /// moving a version 1 lock to version 2): records may be under the
    /// previous key or this one.
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

/// The data key wrapped by a recovery key, and how to derive that key from
/// the recovery key's text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecoverySlot {
    pub kdf: KdfParams,
    wrapped: String,
}

fn is_v1(version: &u32) -> bool {
    *version == 1
}

fn v1() -> u32 {
    1
}

/// The stored lock record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VaultMeta {
    /// The format: 1 (no field, earlier builds) or 2.
    #[serde(default = "v1", skip_serializing_if = "is_v1")]
    version: u32,
    /// How to derive the passphrase's key.
    pub kdf: KdfParams,
    /// Version 2: the data key sealed with the passphrase's key. Placed before
    /// the rest so that a record cut short most likely keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wrapped: Option<String>,
    /// Version 2, when a recovery key was saved: the data key sealed with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recovery: Option<RecoverySlot>,
    /// The state, sealed with the record key: opening it proves the key.
    check: String,
    /// During a change of record key only: the previous record key sealed
    /// with the new one, so the new key alone can finish an interrupted change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prev_key: Option<String>,
}

/// Seals a key's bytes with another key (as base64 text, under `aad`).
fn wrap_key(wrapping: &Key, aad: &str, key: &Key, random: &dyn Random) -> Result<String, VaultError> {
    let mut text = Base64::encode_string(key.bytes());
    let sealed = seal(wrapping, nonce(random)?, aad, &text);
    text.zeroize();
    sealed
}

/// Opens what [`wrap_key`] sealed. Any failure to open is `Undecryptable`
/// (a wrong key, or a changed value); a value that opens but holds no key is damage.
fn unwrap_key(wrapping: &Key, aad: &str, sealed: &str) -> Result<Key, VaultError> {
    let mut text = open(wrapping, aad, sealed)?;
    let decoded = Base64::decode_vec(&text).ok();
    text.zeroize();
    let mut bytes = decoded.ok_or_else(|| VaultError::BadMeta(super::words().key_not_base64.into()))?;
    let key = Key::from_slice(&bytes);
    bytes.zeroize();
    key.ok_or_else(|| VaultError::BadMeta(super::words().key_wrong_length.into()))
}

impl VaultMeta {
    /// A version 1 lock record (the record key is the passphrase's key), as
    /// earlier builds wrote it: for tests of old locks, and to repair one.
    pub fn create(key: &Key, kdf: KdfParams, state: VaultState, nonce: [u8; 12]) -> Result<Self, VaultError> {
        kdf.check()?;
        Ok(Self {
            version: 1,
            kdf,
            wrapped: None,
            recovery: None,
            check: seal(key, nonce, CHECK_AAD, state.check_text())?,
            prev_key: None,
        })
    }

    /// A version 2 lock record: `data` wrapped by `passphrase_key` (derived
    /// with `kdf`), the state sealed with `data`.
    pub(crate) fn create_v2(
        passphrase_key: &Key,
        kdf: KdfParams,
        data: &Key,
        state: VaultState,
        random: &dyn Random,
    ) -> Result<Self, VaultError> {
        kdf.check()?;
        Ok(Self {
            version: FORMAT_VERSION,
            kdf,
            wrapped: Some(wrap_key(passphrase_key, WRAPPED_AAD, data, random)?),
            recovery: None,
            check: seal(data, nonce(random)?, CHECK_AAD, state.check_text())?,
            prev_key: None,
        })
    }

    /// The same record in another `state`, sealed with `record_key`; the
    /// wrapped keys stay, the previous key goes.
    pub(crate) fn restate(&self, record_key: &Key, state: VaultState, random: &dyn Random) -> Result<Self, VaultError> {
        Ok(Self {
            check: seal(record_key, nonce(random)?, CHECK_AAD, state.check_text())?,
            prev_key: None,
            ..self.clone()
        })
    }

    /// This record with a change of record key under way, from `old` to
    /// `new`: `self` must already be sealed for `new` (see [`Self::restate`]).
    pub(crate) fn rekeying_from(mut self, new: &Key, old: &Key, random: &dyn Random) -> Result<Self, VaultError> {
        self.check = seal(new, nonce(random)?, CHECK_AAD, VaultState::Rekeying.check_text())?;
        self.prev_key = Some(wrap_key(new, PREV_KEY_AAD, old, random)?);
        Ok(self)
    }

    /// The version 1 record for a passphrase change under way from `old` to `new`.
    #[cfg(test)]
    pub(crate) fn rekeying(new: &Key, kdf: KdfParams, old: &Key, random: &dyn Random) -> Result<Self, VaultError> {
        Self::create(new, kdf, VaultState::Rekeying, nonce(random)?)?.rekeying_from(new, old, random)
    }

    /// The same record opened by a new passphrase's key (derived with `kdf`)
    /// instead of the old one: only the wrapped data key changes. Version 2 only.
    pub(crate) fn rewrap(&self, data: &Key, passphrase_key: &Key, kdf: KdfParams, random: &dyn Random) -> Result<Self, VaultError> {
        kdf.check()?;
        if self.version < 2 {
            return Err(VaultError::BadMeta(super::words().earlier_no_rewrap.into()));
        }
        Ok(Self {
            kdf,
            wrapped: Some(wrap_key(passphrase_key, WRAPPED_AAD, data, random)?),
            ..self.clone()
        })
    }

    /// The same record with `data` also wrapped by a recovery key (derived
    /// with `kdf`), replacing any earlier recovery key. Version 2 only.
    pub(crate) fn with_recovery(&self, data: &Key, recovery_key: &Key, kdf: KdfParams, random: &dyn Random) -> Result<Self, VaultError> {
        kdf.check()?;
        if self.version < 2 {
            return Err(VaultError::BadMeta(super::words().earlier_no_recovery.into()));
        }
        Ok(Self {
            recovery: Some(RecoverySlot { kdf, wrapped: wrap_key(recovery_key, RECOVERY_AAD, data, random)? }),
            ..self.clone()
        })
    }

    /// The same record with this recovery slot (kept through a repair).
    pub(crate) fn with_slot(self, recovery: Option<RecoverySlot>) -> Self {
        Self { recovery, ..self }
    }

    /// The format version of this record.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The recovery key's slot, if one was saved.
    pub fn recovery(&self) -> Option<&RecoverySlot> {
        self.recovery.as_ref()
    }

    /// The wrapped data key as stored (version 2), to keep for a repair.
    pub fn wrapped(&self) -> Option<&str> {
        self.wrapped.as_deref()
    }

    /// The record key from the passphrase's key: the key itself in version 1,
    /// the unwrapped data key in version 2. A wrong key is
    /// [`VaultError::WrongPassphrase`]; the state is not checked here.
    pub(crate) fn record_key(&self, passphrase_key: &Key) -> Result<Key, VaultError> {
        match &self.wrapped {
            None => Key::from_slice(passphrase_key.bytes()).ok_or(VaultError::TooLong),
            Some(wrapped) => unwrap_record_key(passphrase_key, wrapped),
        }
    }

    /// The record key from a recovery key. A wrong one is [`VaultError::WrongRecoveryKey`].
    pub(crate) fn record_key_by_recovery(&self, recovery_key: &Key) -> Result<Key, VaultError> {
        let slot = self.recovery.as_ref().ok_or(VaultError::NoRecoveryKey)?;
        match unwrap_key(recovery_key, RECOVERY_AAD, &slot.wrapped) {
            Err(VaultError::Undecryptable) => Err(VaultError::WrongRecoveryKey),
            Err(VaultError::Malformed(why)) => Err(VaultError::BadMeta(why.into())),
            other => other,
        }
    }

    /// Opens the record with the passphrase's key: the record key and the
    /// (authenticated) state. A wrong key is [`VaultError::WrongPassphrase`].
    pub(crate) fn open(&self, passphrase_key: &Key) -> Result<(Key, VaultState), VaultError> {
        let record = self.record_key(passphrase_key)?;
        let state = self.verify(&record)?;
        Ok((record, state))
    }

    /// Checks a record key against the record and returns the (authenticated)
    /// state; a wrong key is [`VaultError::WrongPassphrase`].
    pub fn verify(&self, key: &Key) -> Result<VaultState, VaultError> {
        let text = match open(key, CHECK_AAD, &self.check) {
            Ok(text) => text,
            Err(VaultError::Undecryptable) => return Err(VaultError::WrongPassphrase),
            Err(e) => return Err(VaultError::BadMeta(e.to_string())),
        };
        let state = VaultState::ALL
            .into_iter()
            .find(|s| s.check_text() == text)
            .ok_or_else(|| VaultError::BadMeta(super::words().unknown_state.into()))?;
        if state == VaultState::Rekeying && self.prev_key.is_none() {
            return Err(VaultError::BadMeta(super::words().previous_key_missing.into()));
        }
        Ok(state)
    }

    /// The previous record key of a change under way, opened with the new one.
    pub(crate) fn previous_key(&self, key: &Key) -> Result<Key, VaultError> {
        let sealed = self
            .prev_key
            .as_deref()
            .ok_or_else(|| VaultError::BadMeta(super::words().no_previous_key.into()))?;
        unwrap_key(key, PREV_KEY_AAD, sealed).map_err(|e| match e {
            VaultError::BadMeta(why) => VaultError::BadMeta(why),
            other => VaultError::BadMeta(other.to_string()),
        })
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
    /// without the key: its shape, its version, the key derivations, and that
    /// every sealed value in it is well-formed.
    pub(crate) fn parse(full_key: &str, raw: &str) -> Result<Self, VaultError> {
        let meta: Self = decode(full_key, raw).map_err(|e| match e {
            StorageError::Corrupt { reason, .. } => VaultError::BadMeta(reason),
            other => VaultError::BadMeta(other.to_string()),
        })?;
        if meta.version > FORMAT_VERSION {
            return Err(VaultError::TooNew { found: meta.version });
        }
        if meta.version == 0 || (meta.version == 2) != meta.wrapped.is_some() || (meta.version == 1 && meta.recovery.is_some()) {
            return Err(VaultError::BadMeta(super::words().version_mismatch.into()));
        }
        meta.kdf.check()?;
        if !well_formed(&meta.check) {
            return Err(VaultError::BadMeta(super::words().check_not_sealed.into()));
        }
        if meta.prev_key.as_deref().is_some_and(|p| !well_formed(p)) {
            return Err(VaultError::BadMeta(super::words().previous_not_sealed.into()));
        }
        if meta.wrapped.as_deref().is_some_and(|w| !well_formed(w)) {
            return Err(VaultError::BadMeta(super::words().wrapped_not_sealed.into()));
        }
        if let Some(slot) = &meta.recovery {
            slot.kdf.check()?;
            if !well_formed(&slot.wrapped) {
                return Err(VaultError::BadMeta(super::words().recovery_not_sealed.into()));
            }
        }
        Ok(meta)
    }

    /// Whether this record is in the middle of a change of record key.
    pub(crate) fn is_rekeying(&self) -> bool {
        self.prev_key.is_some()
    }

    /// Writes the lock record (one atomic write).
    pub(crate) fn save(&self, store: &Store) -> Result<(), VaultError> {
        Ok(store.save(META_KEY, self)?)
    }
}

/// The data key from a wrapped value and the passphrase's key (a wrong key is
/// [`VaultError::WrongPassphrase`]): for a lock record read whole, or salvaged
/// from a damaged one.
pub(crate) fn unwrap_record_key(passphrase_key: &Key, wrapped: &str) -> Result<Key, VaultError> {
    match unwrap_key(passphrase_key, WRAPPED_AAD, wrapped) {
        Err(VaultError::Undecryptable) => Err(VaultError::WrongPassphrase),
        Err(VaultError::Malformed(why)) => Err(VaultError::BadMeta(why.into())),
        other => other,
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

/// What a passphrase needs from a damaged lock record to be tried: the key
/// derivation ([`salvage_kdf`]) and, for a version 2 record, its wrapped data
/// key whole (without it, no passphrase can open the records any more).
pub(crate) fn salvage(raw: &str) -> Option<(KdfParams, Option<String>)> {
    let kdf = salvage_kdf(raw)?;
    let text: String = raw.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let v2 = text.contains("\"version\":2") || text.contains("\"wrapped\":");
    if !v2 {
        return Some((kdf, None));
    }
    let field = "\"wrapped\":\"";
    let rest = &text[text.find(field)? + field.len()..];
    let wrapped = &rest[..rest.find('"')?];
    well_formed(wrapped).then(|| (kdf, Some(wrapped.to_string())))
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

    #[test]
    fn a_version_2_record_keeps_its_fields_in_order_and_reads_back() {
        let random = CountingRandom::default();
        let data = Key::generate(&random).unwrap();
        let meta = VaultMeta::create_v2(&key(1), params(), &data, VaultState::Locked, &random)
            .unwrap()
            .with_recovery(&data, &key(5), params(), &random)
            .unwrap();
        let store = Store::memory();
        meta.save(&store).unwrap();
        let raw = store.get_raw(META_KEY).unwrap().unwrap();
        assert!(raw.starts_with(r#"{"v":1,"data":{"version":2,"kdf":{"salt":"#), "{raw}");
        let order: Vec<usize> = ["\"kdf\"", "\"wrapped\"", "\"recovery\"", "\"check\""].iter().map(|f| raw.find(f).unwrap()).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{raw}");
        assert_eq!(VaultMeta::load(&store).unwrap(), Some(meta.clone()));
        let (record, state) = meta.open(&key(1)).unwrap();
        assert_eq!((record.bytes(), state), (data.bytes(), VaultState::Locked));
        assert_eq!(meta.record_key_by_recovery(&key(5)).unwrap().bytes(), data.bytes());
        assert_eq!(meta.record_key_by_recovery(&key(6)).err(), Some(VaultError::WrongRecoveryKey));
        assert_eq!(meta.open(&key(2)).err(), Some(VaultError::WrongPassphrase));
    }

    #[test]
    fn a_record_from_a_newer_version_or_with_a_mismatched_version_is_refused() {
        let random = CountingRandom::default();
        let data = Key::generate(&random).unwrap();
        let meta = VaultMeta::create_v2(&key(1), params(), &data, VaultState::Locked, &random).unwrap();
        let json = serde_json::to_string(&meta).unwrap();
        let newer = json.replace("\"version\":2", "\"version\":3");
        assert_eq!(VaultMeta::parse("rt:vault", &format!(r#"{{"v":1,"data":{newer}}}"#)), Err(VaultError::TooNew { found: 3 }));
        let older = json.replace("\"version\":2,", "");
        assert!(matches!(VaultMeta::parse("rt:vault", &format!(r#"{{"v":1,"data":{older}}}"#)), Err(VaultError::BadMeta(_))));
        let v1 = VaultMeta::create(&key(1), params(), VaultState::Locked, [3; 12]).unwrap();
        assert!(v1.rewrap(&data, &key(2), params(), &random).is_err());
        assert!(v1.with_recovery(&data, &key(2), params(), &random).is_err());
    }
}
