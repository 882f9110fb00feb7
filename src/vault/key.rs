//! The key, how it is derived from a passphrase, and where randomness comes from.
//!
//! Key derivation and randomness are the browser's (WebCrypto): PBKDF2 there is
//! native code (600,000 rounds took 87 ms in headless Chromium on a desktop;
//! slow phones take several times that), asynchronous so the page stays
//! responsive meanwhile, and it adds nothing to the download. The functions
//! compile natively so the crate builds for `cargo test`, but they only work in
//! a browser; native tests inject a [`Random`] and build keys directly.

use super::VaultError;
use base64ct::{Base64, Encoding};
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroize;
use wasm_bindgen_futures::JsFuture;

/// A 256-bit AES key.
///
/// It has no `Debug` that shows the bytes, no `Clone`, and it is overwritten
/// with zeros when dropped (as are the cipher's round keys, see Cargo.toml).
/// That only shortens how long this copy sits in the page's memory: moves may
/// leave earlier copies behind, and the passphrase itself lives on as a JavaScript
/// string (in the input field and the garbage collector) that Rust cannot
/// reach. Anyone who can read a running, unlocked tab's memory can read its
/// data anyway.
pub struct Key([u8; 32]);

impl Key {
    /// Wraps fixed key bytes, for tests.
    #[cfg(test)]
    pub(crate) fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A fresh random key: the data key of a new lock.
    pub(crate) fn generate(random: &dyn Random) -> Result<Self, VaultError> {
        let mut key = Self([0; 32]);
        random.fill(&mut key.0)?;
        Ok(key)
    }

    /// Copies 32 bytes straight into a key (no stray stack copy), or `None` for another length.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        let mut key = Self([0; 32]);
        (bytes.len() == 32).then(|| {
            key.0.copy_from_slice(bytes);
            key
        })
    }

    /// The raw bytes, for the cipher only.
    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(hidden)")
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// Where the key comes from: PBKDF2-HMAC-SHA256 over the passphrase with this
/// salt and number of rounds. Stored (it is not secret) in the lock record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "KdfParamsJson", into = "KdfParamsJson")]
pub struct KdfParams {
    /// Random per lock and per passphrase, so equal passphrases give unrelated keys.
    pub salt: [u8; 16],
    /// PBKDF2 rounds, at least [`Self::MIN_ITERATIONS`].
    pub iterations: u32,
}

impl KdfParams {
    /// OWASP's minimum for PBKDF2-HMAC-SHA256 (2023); fewer is refused.
    pub const MIN_ITERATIONS: u32 = 600_000;
    /// Far more than any lock this app writes (16 times the minimum): a lock
    /// record asking for more was tampered with to make unlocking hang, and is refused.
    pub const MAX_ITERATIONS: u32 = 10_000_000;

    /// Fresh parameters for a new lock or a new passphrase: a random salt and the minimum rounds.
    pub fn generate(random: &dyn Random) -> Result<Self, VaultError> {
        let mut salt = [0u8; 16];
        random.fill(&mut salt)?;
        Ok(Self {
            salt,
            iterations: Self::MIN_ITERATIONS,
        })
    }

    /// Refuses parameters weaker than the minimum (a tampered lock record must not
    /// downgrade the key derivation) or absurdly slow ones.
    pub fn check(&self) -> Result<(), VaultError> {
        if self.iterations < Self::MIN_ITERATIONS {
            return Err(VaultError::WeakKdf {
                iterations: self.iterations,
                min: Self::MIN_ITERATIONS,
            });
        }
        if self.iterations > Self::MAX_ITERATIONS {
            return Err(VaultError::BadMeta(super::words().too_many_rounds(self.iterations, Self::MAX_ITERATIONS)));
        }
        Ok(())
    }
}

/// The stored form of [`KdfParams`]: the salt as base64 text.
#[derive(serde::Serialize, serde::Deserialize)]
struct KdfParamsJson {
    salt: String,
    iterations: u32,
}

impl From<KdfParams> for KdfParamsJson {
    fn from(p: KdfParams) -> Self {
        Self {
            salt: Base64::encode_string(&p.salt),
            iterations: p.iterations,
        }
    }
}

impl TryFrom<KdfParamsJson> for KdfParams {
    type Error = String;
    fn try_from(j: KdfParamsJson) -> Result<Self, String> {
        let salt = Base64::decode_vec(&j.salt).ok()
            .and_then(|s| <[u8; 16]>::try_from(s).ok())
            .ok_or_else(|| "the salt is not 16 bytes of base64".to_string())?;
        Ok(Self {
            salt,
            iterations: j.iterations,
        })
    }
}

/// A source of unpredictable bytes: the browser's in the app, an injected one in native tests.
pub trait Random {
    /// Fills `buf` with random bytes, or fails (it never returns predictable bytes).
    fn fill(&self, buf: &mut [u8]) -> Result<(), VaultError>;
}

/// A fresh 96-bit nonce for one sealed record.
pub(crate) fn nonce(random: &dyn Random) -> Result<[u8; 12], VaultError> {
    let mut n = [0u8; 12];
    random.fill(&mut n)?;
    Ok(n)
}

/// The browser's cryptographic random numbers (`crypto.getRandomValues`).
pub struct BrowserRandom {
    crypto: web_sys::Crypto,
}

impl BrowserRandom {
    /// Fails where the page has no `window.crypto` (very old browsers; never natively used).
    pub fn new() -> Result<Self, VaultError> {
        let crypto = web_sys::window()
            .ok_or_else(|| VaultError::CryptoUnavailable(super::words().no_window.into()))?
            .crypto()
            .map_err(|e| VaultError::CryptoUnavailable(describe(&e)))?;
        Ok(Self { crypto })
    }
}

impl Random for BrowserRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), VaultError> {
        // getRandomValues refuses more than 65,536 bytes per call.
        for chunk in buf.chunks_mut(65_536) {
            self.crypto
                .get_random_values_with_u8_array(chunk)
                .map_err(|e| VaultError::CryptoUnavailable(describe(&e)))?;
        }
        Ok(())
    }
}

/// A thrown JavaScript value as text for an error message.
fn describe(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| super::words().no_browser_reason.into())
}

/// Derives the lock's key from a passphrase, in the browser, without freezing the page.
///
/// The passphrase is normalised to Unicode NFC first, so the same words typed
/// through another keyboard or input method (which may compose accents
/// differently) give the same key. Parameters under the minimum are refused
/// before any work is done.
pub async fn derive_key(passphrase: &str, params: &KdfParams) -> Result<Key, VaultError> {
    params.check()?;
    if passphrase.is_empty() {
        return Err(VaultError::EmptyPassphrase);
    }
    let mut normalized = String::from(js_sys::JsString::from(passphrase).normalize("NFC")).into_bytes();
    let derived = pbkdf2_sha256(&normalized, &params.salt, params.iterations, 32).await;
    normalized.zeroize();
    let mut bits = derived?;
    let key = Key::from_slice(&bits);
    bits.zeroize();
    key.ok_or_else(|| VaultError::CryptoUnavailable(super::words().wrong_key_length.into()))
}

/// PBKDF2-HMAC-SHA256 through WebCrypto, with any salt, rounds and length (in
/// bytes, a multiple of 8 bits). For test vectors; the lock uses [`derive_key`],
/// which enforces the minimum.
pub async fn pbkdf2_sha256(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Result<Vec<u8>, VaultError> {
    let unavailable = |e: JsValue| VaultError::CryptoUnavailable(describe(&e));
    let crypto = web_sys::window()
        .ok_or_else(|| VaultError::CryptoUnavailable(super::words().no_window.into()))?
        .crypto()
        .map_err(unavailable)?;
    let subtle = crypto.subtle();
    // `crypto.subtle` is missing outside secure contexts (a page on plain http
    // that is not localhost).
    if subtle.is_undefined() {
        return Err(VaultError::CryptoUnavailable(
            super::words().no_subtle.into(),
        ));
    }
    let bits = u32::try_from(len * 8)
        .map_err(|_| VaultError::CryptoUnavailable(super::words().key_too_long.into()))?;

    let raw = js_sys::Uint8Array::from(password);
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveBits"));
    let imported = subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages);
    // The JavaScript copy of the passphrase bytes is no longer needed once imported.
    raw.fill(0, 0, raw.length());
    let base: web_sys::CryptoKey = JsFuture::from(imported.map_err(unavailable)?)
        .await
        .map_err(unavailable)?
        .unchecked_into();

    let salt = js_sys::Uint8Array::from(salt);
    let algorithm = web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &salt);
    let promise = subtle
        .derive_bits_with_object(&algorithm, &base, bits)
        .map_err(unavailable)?;
    let buffer = JsFuture::from(promise).await.map_err(unavailable)?;
    let view = js_sys::Uint8Array::new(&buffer);
    let out = view.to_vec();
    view.fill(0, 0, view.length());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_never_shows_its_bytes_in_debug_output() {
        let key = Key::from_bytes([0xab; 32]);
        let shown = format!("{key:?}");
        assert!(!shown.contains("ab") && !shown.contains("171"), "{shown}");
    }

    #[test]
    fn weak_kdf_params_are_refused() {
        let weak = KdfParams { salt: [1; 16], iterations: 599_999 };
        assert_eq!(
            weak.check(),
            Err(VaultError::WeakKdf { iterations: 599_999, min: 600_000 })
        );
        let hang = KdfParams { salt: [1; 16], iterations: u32::MAX };
        assert!(matches!(hang.check(), Err(VaultError::BadMeta(_))));
        assert!(KdfParams { salt: [1; 16], iterations: 600_000 }.check().is_ok());
    }

    #[test]
    fn derive_key_refuses_weak_params_and_empty_passphrases_before_asking_the_browser() {
        // Natively any browser call would panic, so reaching one fails this test.
        let weak = KdfParams { salt: [1; 16], iterations: 1 };
        let result = poll_once(derive_key("passphrase", &weak));
        assert!(matches!(result, Err(VaultError::WeakKdf { iterations: 1, .. })));
        let ok = KdfParams { salt: [1; 16], iterations: KdfParams::MIN_ITERATIONS };
        assert_eq!(poll_once(derive_key("", &ok)).err(), Some(VaultError::EmptyPassphrase));
    }

    #[test]
    fn kdf_params_are_stored_with_a_base64_salt_and_read_back() {
        let params = KdfParams { salt: *b"0123456789abcdef", iterations: 600_000 };
        let json = serde_json::to_string(&params).unwrap();
        assert_eq!(json, r#"{"salt":"MDEyMzQ1Njc4OWFiY2RlZg==","iterations":600000}"#);
        assert_eq!(serde_json::from_str::<KdfParams>(&json).unwrap(), params);
        let short = r#"{"salt":"MDEy","iterations":600000}"#;
        assert!(serde_json::from_str::<KdfParams>(short).is_err());
    }

    /// Polls a future that never waits (it fails before any await) to completion.
    fn poll_once<F: std::future::Future>(fut: F) -> F::Output {
        use std::task::{Context, Poll, Waker};
        let mut fut = std::pin::pin!(fut);
        match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("the future waited"),
        }
    }
}
