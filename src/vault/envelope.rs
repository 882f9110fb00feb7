//! One encrypted record as text: `rtv1:` then base64 of nonce ‖ ciphertext ‖ tag.
//!
//! AES-256-GCM with a fresh random 96-bit nonce per record. The record's full
//! storage key is the associated data, so a record copied or moved to another
//! key (two entries swapped, say) fails to open instead of showing up in the
//! wrong place. What this cannot catch: a record rolled back to an older sealed
//! version of itself, or deleted.

use super::{Key, VaultError};
use base64ct::{Base64, Encoding};
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
    Ok(format!("{SEALED_PREFIX}{}", Base64::encode_string(&bytes)))
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
        return Err(VaultError::Malformed(super::words().short_for_tag));
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
        .ok_or(VaultError::Malformed(super::words().no_marker))?;
    let bytes = Base64::decode_vec(body).map_err(|_| VaultError::Malformed(super::words().not_base64))?;
    if bytes.len() < NONCE_LEN + TAG_LEN {
        return Err(VaultError::Malformed(super::words().short_for_nonce));
    }
    let (nonce, sealed) = bytes.split_at(NONCE_LEN);
    let nonce: &[u8; 12] = nonce.try_into().map_err(|_| VaultError::Malformed(super::words().nonce_cut))?;
    let mut plain = open_bytes(key, nonce, aad.as_bytes(), sealed)?;
    // Authentic bytes were sealed from a `&str`, so this only fails for a forged key.
    match String::from_utf8(std::mem::take(&mut plain)) {
        Ok(text) => Ok(text),
        Err(e) => {
            zeroize::Zeroize::zeroize(&mut e.into_bytes());
            Err(VaultError::Malformed(super::words().not_text))
        }
    }
}

/// Whether `envelope` has the shape of a sealed value (marker, base64, room
/// for a nonce and a tag), without a key to open it.
pub(crate) fn well_formed(envelope: &str) -> bool {
    envelope
        .strip_prefix(SEALED_PREFIX)
        .and_then(|body| Base64::decode_vec(body).ok())
        .is_some_and(|bytes| bytes.len() >= NONCE_LEN + TAG_LEN)
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
        let mut bytes = Base64::decode_vec(&envelope[SEALED_PREFIX.len()..]).unwrap();
        bytes[i] ^= 0x01;
        format!("{SEALED_PREFIX}{}", Base64::encode_string(&bytes))
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
        let bytes = Base64::decode_vec(envelope.strip_prefix("rtv1:").unwrap()).unwrap();
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
        let bytes = |e: String| Base64::decode_vec(e.strip_prefix(SEALED_PREFIX).unwrap()).unwrap();
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
    fn envelopes_stored_by_earlier_builds_open_and_are_written_byte_for_byte_the_same() {
        // Sealed independently (Python's `cryptography` and `base64`) with key
        // [1; 32], nonce [n; 12] and this record key: every padding length.
        const AAD: &str = "rt:journal.e.x";
        let stored = [
            ("", 2, "rtv1:AgICAgICAgICAgICYiLnpPe+yHDlK1wSC1oW9A=="),
            ("a", 3, "rtv1:AwMDAwMDAwMDAwMDmTZ1ljboQw44rKQ21W+vjU4="),
            ("ab", 4, "rtv1:BAQEBAQEBAQEBAQEjsMoyJBboqbl6xwQD2xbmLp1"),
            (
                r#"{"v":1,"data":"ünïcødé 信任 🌱"}"#,
                5,
                "rtv1:BQUFBQUFBQUFBQUFeoCXF1iDH6URewz946nXSdyX04ICds0P5AdC97m4JDYEHpcWYVB8wrjgSRPQ/w052zXmoKmx/Oc=",
            ),
        ];
        for (text, n, envelope) in stored {
            assert_eq!(open(&key(1), AAD, envelope).unwrap(), text);
            assert_eq!(seal(&key(1), [n; 12], AAD, text).unwrap(), envelope);
            assert!(well_formed(envelope));
        }
        // RFC 4648's vectors, and the two characters where alphabets differ.
        for (plain, text) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(Base64::encode_string(plain.as_bytes()), text);
            assert_eq!(Base64::decode_vec(text).unwrap(), plain.as_bytes());
        }
        assert_eq!(Base64::encode_string(&[0xfb, 0xff]), "+/8=");
        for bad in ["Zg", "Zg=", "Zm9vY", "Z===", "Zg==Zg==", "Zm9v\n", " Zm9v", "Zm-v", "Zm_v", "Zh==", "Zm9=", "===="] {
            assert!(Base64::decode_vec(bad).is_err(), "{bad:?} was accepted");
        }
        // One spelling per record: text that decodes to the same bytes in a
        // lenient decoder (stray low bits, missing padding, whitespace) is refused.
        for bad in [
            "rtv1:AgICAgICAgICAgICYiLnpPe+yHDlK1wSC1oW9B==",
            "rtv1:AgICAgICAgICAgICYiLnpPe+yHDlK1wSC1oW9A",
            "rtv1:AgICAgICAgICAgICYiLnpPe+yHDlK1wSC1oW9A=",
            "rtv1:AgICAgICAgICAgICYiLnpPe+yHDl K1wSC1oW9A==",
            "rtv1:AgICAgICAgICAgICYiLnpPe-yHDlK1wSC1oW9A==",
        ] {
            assert!(matches!(open(&key(1), AAD, bad), Err(VaultError::Malformed(_))), "{bad:?} was accepted");
            assert!(!well_formed(bad), "{bad:?}");
        }
    }

    #[test]
    fn plaintext_json_is_not_taken_for_a_sealed_record() {
        assert!(!is_sealed(r#"{"v":1,"data":"rtv1:"}"#));
        assert!(!is_sealed(""));
    }

    #[test]
    fn tampered_ciphertext_tag_or_nonce_is_refused() {
        let envelope = sealed("the entry text");
        let len = Base64::decode_vec(&envelope[SEALED_PREFIX.len()..]).unwrap().len();
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
        let nonce_of = |e: &str| Base64::decode_vec(&e[5..]).unwrap()[..12].to_vec();
        assert_ne!(nonce_of(&a), nonce_of(&b));
        assert_eq!(open(&key(1), AAD, &a).unwrap(), "same");
        assert_eq!(open(&key(1), AAD, &b).unwrap(), "same");
    }
}
