//! An encrypted backup file: the whole plain backup sealed with AES-256-GCM
//! under a key derived from a passphrase (PBKDF2-HMAC-SHA256, as the lock
//! derives its key), with the derivation's parameters in the file's header.
//!
//! The file is one line of JSON in a fixed shape (README, "Backup files"):
//!
//! ```text
//! {"format":"rebuild-trust-backup","version":2,"encryption":{"cipher":"AES-256-GCM",
//!  "kdf":"PBKDF2-HMAC-SHA256","salt":"…","iterations":600000,"nonce":"…"},"data":"…"}
//! ```
//!
//! The associated data is the header (everything but `data`, written exactly
//! as in the file), so a changed salt, round count or nonce is refused like a
//! wrong passphrase. Reading insists on the exact spelling this module writes
//! (it writes the file again from what it read and compares), so no byte of
//! the file can change, not even a space, without the file being refused.
//! Opening is two steps like every import: [`read`] checks the shape (no
//! passphrase needed), [`Sealed::open`] decrypts and validates the backup inside.

use super::{export_compact, parse_and_validate, Backup, ImportError, FORMAT};
use crate::storage::Store;
use crate::vault::flows::{current_key, Derive};
use crate::vault::{open_bytes, seal_bytes, KdfParams, Key, Random, VaultError, VaultMeta};
use base64ct::{Base64, Encoding};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

/// The backup format of encrypted files (they began with version 2).
pub const SEALED_VERSION: u32 = 2;
/// The cipher named in the header.
pub const CIPHER: &str = "AES-256-GCM";
/// The key derivation named in the header.
pub const KDF: &str = "PBKDF2-HMAC-SHA256";

/// How the key was derived and the nonce: all of it public, all of it checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Encryption {
    cipher: String,
    kdf: String,
    /// 16 bytes, base64.
    salt: String,
    iterations: u32,
    /// 12 bytes, base64.
    nonce: String,
}

/// The header: the associated data of the seal, as written in the file.
#[derive(Serialize)]
struct Header<'a> {
    format: &'a str,
    version: u32,
    encryption: &'a Encryption,
}

/// The whole file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    version: u32,
    encryption: Encryption,
    /// The sealed backup, ciphertext then the 16-byte tag, base64.
    data: String,
}

/// An encrypted backup, read and checked but not yet opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    header: Vec<u8>,
    params: KdfParams,
    nonce: [u8; 12],
    data: Vec<u8>,
}

fn damaged(why: &'static str) -> ImportError {
    ImportError::SealedDamaged(why)
}

fn header_bytes(encryption: &Encryption) -> Vec<u8> {
    // Serialising a plain struct of strings and numbers cannot fail.
    serde_json::to_vec(&Header { format: FORMAT, version: SEALED_VERSION, encryption }).unwrap_or_default()
}

/// Checks an encrypted backup file's shape and header, without a passphrase.
/// `text` is the file as read (a byte-order mark already taken off); one
/// final line break is allowed, nothing else may differ from what [`seal`] writes.
pub fn read(text: &str) -> Result<Sealed, ImportError> {
    // What is wrong is put in words now, in the active locale.
    let t = crate::text::settings_backup_messages::get();
    let body = text.strip_suffix('\n').unwrap_or(text);
    let file: File = serde_json::from_str(body)
        .map_err(|_| damaged(t.sealed_shape))?;
    if file.format != FORMAT {
        return Err(ImportError::NotOurs);
    }
    if file.version > super::VERSION {
        return Err(ImportError::TooNew { found: u64::from(file.version) });
    }
    if file.version != SEALED_VERSION {
        return Err(damaged(t.sealed_version));
    }
    if serde_json::to_string(&file).ok().as_deref() != Some(body) {
        return Err(damaged(t.sealed_changed));
    }
    let e = &file.encryption;
    if e.cipher != CIPHER || e.kdf != KDF {
        return Err(damaged(t.sealed_cipher));
    }
    let salt = Base64::decode_vec(&e.salt)
        .ok()
        .and_then(|s| <[u8; 16]>::try_from(s).ok())
        .ok_or(damaged(t.sealed_salt))?;
    let nonce = Base64::decode_vec(&e.nonce)
        .ok()
        .and_then(|n| <[u8; 12]>::try_from(n).ok())
        .ok_or(damaged(t.sealed_nonce))?;
    let params = KdfParams { salt, iterations: e.iterations };
    params.check().map_err(|_| damaged(t.sealed_rounds))?;
    let data = Base64::decode_vec(&file.data).map_err(|_| damaged(t.sealed_base64))?;
    if data.len() < 16 {
        return Err(damaged(t.sealed_short));
    }
    Ok(Sealed { header: header_bytes(e), params, nonce, data })
}

impl Sealed {
    /// How to derive the key from the passphrase.
    pub fn params(&self) -> &KdfParams {
        &self.params
    }

    /// Decrypts with `key` and checks the backup inside as a plain file is
    /// checked. A wrong key and a changed byte are the same refusal.
    pub fn open(&self, key: &Key) -> Result<Backup, ImportError> {
        let mut plain = open_bytes(key, &self.nonce, &self.header, &self.data)
            .map_err(|_| ImportError::WrongPassphrase)?;
        let result = match std::str::from_utf8(&plain) {
            Ok(text) => parse_and_validate(text),
            Err(_) => Err(damaged(crate::text::settings_backup_messages::get().sealed_not_text)),
        };
        plain.zeroize();
        result
    }

    /// Derives the key from `passphrase` and opens the backup.
    pub async fn open_with(&self, passphrase: &str, derive: &impl Derive) -> Result<Backup, ImportError> {
        let key = derive.derive(passphrase, &self.params).await.map_err(vault_error)?;
        self.open(&key)
    }
}

/// A key-derivation failure as an import error.
fn vault_error(err: VaultError) -> ImportError {
    match err {
        VaultError::EmptyPassphrase => ImportError::NoPassphrase,
        other => ImportError::Crypto(other.to_string()),
    }
}

/// Seals `backup` under `key` (derived with `params`) with a fresh `nonce`:
/// the file's whole text.
pub fn seal(backup: &Backup, key: &Key, params: &KdfParams, nonce: [u8; 12]) -> Result<String, VaultError> {
    let mut plain = export_compact(backup).map_err(|_| VaultError::TooLong)?.into_bytes();
    let encryption = Encryption {
        cipher: CIPHER.into(),
        kdf: KDF.into(),
        salt: Base64::encode_string(&params.salt),
        iterations: params.iterations,
        nonce: Base64::encode_string(&nonce),
    };
    let sealed = seal_bytes(key, nonce, &header_bytes(&encryption), &plain);
    plain.zeroize();
    let file = File {
        format: FORMAT.into(),
        version: SEALED_VERSION,
        encryption,
        data: Base64::encode_string(&sealed?),
    };
    let mut text = serde_json::to_string(&file).map_err(|_| VaultError::TooLong)?;
    text.push('\n');
    Ok(text)
}

/// How a backup file is protected, as the person chose.
pub enum Protection<'a> {
    /// With the lock's passphrase (typed again, and checked against the lock).
    LockPassphrase(&'a str),
    /// With a passphrase for this file alone, typed twice.
    Passphrase { new: &'a str, again: &'a str },
}

/// Seals `backup` as the person chose. With the lock's passphrase the key and
/// its parameters are the lock's own (a wrong passphrase is refused first);
/// another passphrase gets a fresh salt. Writes nothing to `store`.
pub async fn seal_as(
    backup: &Backup,
    protection: Protection<'_>,
    store: &Store,
    derive: &impl Derive,
    random: &dyn Random,
) -> Result<String, VaultError> {
    let (key, params) = match protection {
        Protection::LockPassphrase(passphrase) => {
            let meta = VaultMeta::load(store)?.ok_or(VaultError::NotLocked)?;
            (current_key(store, passphrase, derive).await?, meta.kdf)
        }
        Protection::Passphrase { new, again } => {
            crate::vault::flows::check_new_passphrase(new, again)?;
            let params = KdfParams::generate(random)?;
            (derive.derive(new, &params).await?, params)
        }
    };
    let mut nonce = [0u8; 12];
    random.fill(&mut nonce)?;
    seal(backup, &key, &params, nonce)
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::super::{read as read_file, BackupFile};
    use super::*;
    use crate::vault::testing::{poll, CountingRandom, FakeDerive};

    const PASS: &str = "lantern by the sea";

    fn sealed_sample() -> String {
        let derive = FakeDerive::default();
        poll(seal_as(
            &sample(),
            Protection::Passphrase { new: PASS, again: PASS },
            &Store::memory(),
            &derive,
            &CountingRandom::default(),
        ))
        .unwrap()
    }

    /// Reads a whole file and opens it with `passphrase`, as the restore screen does.
    fn open_file(text: &str, passphrase: &str) -> Result<Backup, ImportError> {
        match read_file(text)? {
            BackupFile::Sealed(s) => poll(s.open_with(passphrase, &FakeDerive::default())),
            BackupFile::Plain(_) => panic!("expected an encrypted file"),
        }
    }

    #[test]
    fn an_encrypted_backup_opens_back_to_the_same_backup_with_its_passphrase() {
        let text = sealed_sample();
        assert_eq!(open_file(&text, PASS).unwrap(), sample());
        assert!(!text.contains("Body") && !text.contains("listen"), "nothing readable leaks: {text}");
        assert!(text.starts_with(r#"{"format":"rebuild-trust-backup","version":2,"encryption":{"cipher":"AES-256-GCM","kdf":"PBKDF2-HMAC-SHA256","salt":""#));
        assert!(text.contains(r#""iterations":600000,"nonce":""#) && text.ends_with("\"}\n"));
        // A byte-order mark an editor added, or a file without its last line break, still opens.
        assert_eq!(open_file(&format!("\u{feff}{text}"), PASS).unwrap(), sample());
        assert_eq!(open_file(text.trim_end(), PASS).unwrap(), sample());
    }

    #[test]
    fn a_wrong_or_empty_passphrase_is_refused_in_words() {
        let text = sealed_sample();
        let err = open_file(&text, "lantern by the seA").unwrap_err();
        assert_eq!(err, ImportError::WrongPassphrase);
        assert!(err.to_string().contains("does not open this backup"), "{err}");
        assert_eq!(open_file(&text, "").unwrap_err(), ImportError::NoPassphrase);
    }

    #[test]
    fn every_single_byte_change_is_refused() {
        // A small backup (one short entry, one tombstone) keeps 255 changes
        // of every byte quick; the format is the same whatever it holds.
        let mut small = Backup::new(
            vec![crate::journal::testing::entry("a", 1, "T", "words")],
            Default::default(),
            Default::default(),
            Default::default(),
            9,
        );
        small.deleted.add(crate::tombstones::Kind::Entry, "b", 3);
        let derive = FakeDerive::default();
        let protection = Protection::Passphrase { new: PASS, again: PASS };
        let text = poll(seal_as(&small, protection, &Store::memory(), &derive, &CountingRandom::default())).unwrap();
        assert_eq!(open_file(&text, PASS).unwrap(), small);
        let bytes = text.as_bytes();
        let mut tried = 0;
        for i in 0..bytes.len() {
            // Every other value of the byte, as the file's text would read it
            // (bytes that are not UTF-8 become U+FFFD, as in the browser).
            for b in 0..=255u8 {
                if b == bytes[i] {
                    continue;
                }
                let mut changed = bytes.to_vec();
                changed[i] = b;
                let changed = String::from_utf8_lossy(&changed);
                let result = match read_file(&changed) {
                    Ok(BackupFile::Sealed(s)) => s.open(&FakeDerive::default().key(PASS, s.params())),
                    Ok(BackupFile::Plain(b)) => Ok(b),
                    Err(e) => Err(e),
                };
                assert!(result.is_err(), "byte {i} changed to {b} was accepted");
                tried += 1;
            }
        }
        assert_eq!(tried, bytes.len() * 255);
    }

    #[test]
    fn a_changed_header_is_named_as_damage_before_any_passphrase() {
        let text = sealed_sample();
        let spaced = text.replacen(",", ", ", 1);
        assert_eq!(read(&spaced).unwrap_err(), ImportError::SealedDamaged("it was changed after it was saved"));
        let weak = text.replace("600000", "1000");
        assert!(matches!(read(&weak), Err(ImportError::SealedDamaged(w)) if w.contains("rounds")));
        let newer = text.replace("\"version\":2", "\"version\":4");
        assert_eq!(read_file(&newer).unwrap_err(), ImportError::TooNew { found: 4 });
        let cut = &text[..text.len() / 2];
        assert!(read_file(cut).is_err());
    }

    #[test]
    fn the_lock_passphrase_seals_with_the_locks_own_key_and_is_checked_first() {
        let store = Store::memory();
        let derive = FakeDerive::default();
        let random: std::rc::Rc<dyn Random> = std::rc::Rc::new(CountingRandom::default());
        poll(crate::vault::flows::turn_on(&store, PASS, PASS, &derive, random.clone())).unwrap();
        let wrong = poll(seal_as(&sample(), Protection::LockPassphrase("not it at all"), &store, &derive, random.as_ref()));
        assert_eq!(wrong.err(), Some(VaultError::WrongPassphrase));
        let text = poll(seal_as(&sample(), Protection::LockPassphrase(PASS), &store, &derive, random.as_ref())).unwrap();
        let meta = VaultMeta::load(&store).unwrap().unwrap();
        let BackupFile::Sealed(s) = read_file(&text).unwrap() else { panic!("expected sealed") };
        assert_eq!(s.params(), &meta.kdf);
        assert_eq!(open_file(&text, PASS).unwrap(), sample());
        // Another passphrase must follow the lock's rule.
        let short = poll(seal_as(&sample(), Protection::Passphrase { new: "short", again: "short" }, &store, &derive, random.as_ref()));
        assert_eq!(short.err(), Some(VaultError::PassphraseTooShort { min: 8 }));
    }
}
