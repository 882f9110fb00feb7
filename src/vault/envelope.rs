//! One encrypted record as text: `rtv1:` then base64 of nonce ‖ ciphertext ‖ tag.
//!
//! AES-256-GCM with a fresh random 96-bit nonce per record. The record's full
//! storage key is the associated data, so a record copied or moved to another
//! key (two entries swapped, say) fails to open instead of showing up in the
//! wrong place. What this cannot catch: a record rolled back to an older sealed
//! version of itself, or deleted.

use super::{base64, Key, VaultError};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

/// What every sealed record starts with; plaintext records are JSON and start with `{`.
pub const SEALED_PREFIX: &str = "rtv1:";

const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// The cipher for a key. Building it per record is cheap (one key expansion) and
/// keeps no expanded key schedule alive between records.
fn cipher(key: &Key) -> Aes256Gcm {
    Aes256Gcm::new(key.bytes().into())
}

/// Encrypts `plaintext` for storage under `aad` (the record's full storage key).
///
/// The nonce must never have been used with this key: pass a fresh random one.
pub fn seal(key: &Key, nonce: [u8; 12], aad: &str, plaintext: &str) -> Result<String, VaultError> {
    let sealed = seal_bytes(key, nonce, aad.as_bytes(), plaintext.as_bytes())?;
    let mut bytes = Vec::with_capacity(NONCE_LEN + sealed.len());
    bytes.extend_from_slice(&nonce);
    bytes.extend_from_slice(&sealed);
    Ok(format!("{SEALED_PREFIX}{}", base64::encode(&bytes)))
}

/// AES-256-GCM over raw bytes: the ciphertext followed by its 16-byte tag.
/// The records above and shared check codes (`crate::share`) both use it.
pub fn seal_bytes(key: &Key, nonce: [u8; 12], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, VaultError> {
    cipher(key)
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad })
        // Only fails past 64 GiB, far beyond what browser storage holds.
        .map_err(|_| VaultError::TooLong)
}

/// Opens what [`seal_bytes`] made, refusing anything altered or sealed with another key or `aad`.
pub fn open_bytes(key: &Key, nonce: &[u8; 12], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
    if sealed.len() < TAG_LEN {
        return Err(VaultError::Malformed("it is too short to hold a tag"));
    }
    cipher(key)
        .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad })
        .map_err(|_| VaultError::Undecryptable)
}

/// Decrypts a sealed record stored under `aad`, refusing anything altered,
/// moved, or sealed with another key.
pub fn open(key: &Key, aad: &str, envelope: &str) -> Result<String, VaultError> {
    let body = envelope
        .strip_prefix(SEALED_PREFIX)
        .ok_or(VaultError::Malformed("it does not start with the vault's marker"))?;
    let bytes = base64::decode(body).ok_or(VaultError::Malformed("its text is not valid base64"))?;
    if bytes.len() < NONCE_LEN + TAG_LEN {
        return Err(VaultError::Malformed("it is too short to hold a nonce and a tag"));
    }
    let (nonce, sealed) = bytes.split_at(NONCE_LEN);
    let nonce: &[u8; 12] = nonce.try_into().map_err(|_| VaultError::Malformed("its nonce is cut short"))?;
    let mut plain = open_bytes(key, nonce, aad.as_bytes(), sealed)?;
    // Authentic bytes were sealed from a `&str`, so this only fails for a forged key.
    match String::from_utf8(std::mem::take(&mut plain)) {
        Ok(text) => Ok(text),
        Err(e) => {
            super::key::wipe(&mut e.into_bytes());
            Err(VaultError::Malformed("its content is not text"))
        }
    }
}

/// Whether a stored value is a sealed record (as opposed to plaintext JSON).
pub fn is_sealed(raw: &str) -> bool {
    raw.starts_with(SEALED_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::testing::{key, CountingRandom};
    use crate::vault::key::nonce;

    const AAD: &str = "rt:journal:1";

    fn sealed(text: &str) -> String {
        seal(&key(1), [7; 12], AAD, text).unwrap()
    }

    /// Flips one bit of the decoded envelope's byte `i` and re-encodes it.
    fn flip(envelope: &str, i: usize) -> String {
        let mut bytes = base64::decode(&envelope[SEALED_PREFIX.len()..]).unwrap();
        bytes[i] ^= 0x01;
        format!("{SEALED_PREFIX}{}", base64::encode(&bytes))
    }

    #[test]
    fn sealed_records_open_back_to_the_same_text() {
        for text in ["", "x", r#"{"v":1,"data":"ünïcødé ✓ 信任 🌱"}"#, &"long ".repeat(10_000)] {
            let envelope = sealed(text);
            assert!(is_sealed(&envelope));
            assert_eq!(open(&key(1), AAD, &envelope).unwrap(), text);
        }
    }

    #[test]
    fn the_envelope_is_the_marker_then_base64_of_nonce_ciphertext_and_tag() {
        let envelope = sealed("abc");
        let bytes = base64::decode(envelope.strip_prefix("rtv1:").unwrap()).unwrap();
        assert_eq!(bytes.len(), 12 + 3 + 16);
        assert_eq!(bytes[..12], [7; 12]);
        assert!(!envelope.contains("abc"));
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn the_cipher_is_aes_256_gcm_by_known_answers() {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14.
        let zero = Key::from_bytes([0; 32]);
        let bytes = |e: String| base64::decode(e.strip_prefix(SEALED_PREFIX).unwrap()).unwrap();
        assert_eq!(bytes(seal(&zero, [0; 12], "", "").unwrap())[12..], unhex("530f8afbc74536b9a963b4f1c4cb738b"));
        assert_eq!(
            bytes(seal(&zero, [0; 12], "", "\0".repeat(16).as_str()).unwrap())[12..],
            unhex("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919")
        );
        // PBKDF2-HMAC-SHA256("correct horse battery staple", "rebuild-trust-16",
        // 600,000 rounds) sealing "text" under "aad", computed independently
        // (Python's hashlib and cryptography). The browser test derives the key
        // and expects the same envelope.
        let derived = unhex("28605d2736306733a9a6ad1b8df2d50b03247f5cfc010fc95cf5d30cb143f33f");
        let key = Key::from_bytes(derived.try_into().unwrap());
        assert_eq!(
            seal(&key, [1; 12], "aad", "text").unwrap(),
            "rtv1:AQEBAQEBAQEBAQEBEB78krD92uQHm4Dj0fiN2Zs9uWg="
        );
    }

    #[test]
    fn plaintext_json_is_not_taken_for_a_sealed_record() {
        assert!(!is_sealed(r#"{"v":1,"data":"rtv1:"}"#));
        assert!(!is_sealed(""));
    }

    #[test]
    fn tampered_ciphertext_tag_or_nonce_is_refused() {
        let envelope = sealed("the entry text");
        let len = base64::decode(&envelope[SEALED_PREFIX.len()..]).unwrap().len();
        for (what, at) in [("nonce", 0), ("ciphertext", 12), ("tag", len - 1)] {
            assert_eq!(
                open(&key(1), AAD, &flip(&envelope, at)),
                Err(VaultError::Undecryptable),
                "tampered {what} was accepted"
            );
        }
    }

    #[test]
    fn truncated_and_garbage_envelopes_are_refused_as_malformed() {
        let envelope = sealed("the entry text");
        let cases = [
            envelope[..envelope.len() - 4].to_string(), // whole base64 groups cut: tag short
            envelope[..envelope.len() - 1].to_string(), // not base64 any more
            "rtv1:".to_string(),
            "rtv1:AAAA".to_string(),
            "rtv1:!!!!".to_string(),
            r#"{"v":1,"data":1}"#.to_string(),
            "rtv2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_string(),
        ];
        for case in &cases {
            let result = open(&key(1), AAD, case);
            assert!(
                matches!(result, Err(VaultError::Malformed(_)) | Err(VaultError::Undecryptable)),
                "{case:?} gave {result:?}"
            );
        }
        // Cut inside the tag but still whole base64: authentication catches it.
        assert_eq!(open(&key(1), AAD, &cases[0]), Err(VaultError::Undecryptable));
        assert!(matches!(open(&key(1), AAD, "rtv1:AAAA"), Err(VaultError::Malformed(_))));
        let message = open(&key(1), AAD, "garbage").unwrap_err().to_string();
        assert!(message.contains("not an encrypted record"), "{message}");
    }

    #[test]
    fn the_wrong_key_is_refused() {
        assert_eq!(open(&key(2), AAD, &sealed("secret")), Err(VaultError::Undecryptable));
    }

    #[test]
    fn a_record_moved_to_another_key_is_refused() {
        let envelope = sealed("entry one");
        assert_eq!(open(&key(1), "rt:journal:2", &envelope), Err(VaultError::Undecryptable));
        assert_eq!(open(&key(1), "other:journal:1", &envelope), Err(VaultError::Undecryptable));
    }

    #[test]
    fn each_seal_takes_a_fresh_nonce_so_equal_texts_differ() {
        let random = CountingRandom::default();
        let a = seal(&key(1), nonce(&random).unwrap(), AAD, "same").unwrap();
        let b = seal(&key(1), nonce(&random).unwrap(), AAD, "same").unwrap();
        assert_ne!(a, b);
        assert_eq!(random.bytes_given(), 24, "one 12-byte nonce per record");
        let nonce_of = |e: &str| base64::decode(&e[5..]).unwrap()[..12].to_vec();
        assert_ne!(nonce_of(&a), nonce_of(&b));
        assert_eq!(open(&key(1), AAD, &a).unwrap(), "same");
        assert_eq!(open(&key(1), AAD, &b).unwrap(), "same");
    }
}
