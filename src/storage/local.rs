//! The browser's localStorage as a [`Backend`].
//!
//! This talks to `web_sys::Storage` directly rather than through gloo-storage.
//! gloo's typed `get`/`set` JSON-encode every value a second time (a record
//! `{"v":1}` would be stored as `"{\"v\":1}"`), which would change the format of
//! every record already on people's devices; its `raw()` is this same
//! `web_sys::Storage`, except that it panics where storage is switched off;
//! and its errors do not tell a full quota apart from other refusals, which
//! the app must explain. The probe and the classification below are the
//! parts gloo would not replace.

use super::{Backend, StorageError};
use wasm_bindgen::{JsCast, JsValue};

/// The window's localStorage (or, from [`LocalBackend::open_tab`], its sessionStorage).
pub struct LocalBackend {
    storage: web_sys::Storage,
}

impl LocalBackend {
    /// Fails when storage is switched off (some private modes, blocked cookies).
    pub fn open() -> Result<Self, StorageError> {
        let storage = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or(StorageError::Unavailable)?;
        Ok(Self { storage })
    }

    /// This tab's sessionStorage: it survives a reload of the tab and is
    /// gone when the tab is closed. Fails where storage is switched off.
    pub fn open_tab() -> Result<Self, StorageError> {
        let storage = web_sys::window()
            .and_then(|w| w.session_storage().ok().flatten())
            .ok_or(StorageError::Unavailable)?;
        Ok(Self { storage })
    }
}

/// Turns a thrown DOMException into a typed error.
fn classify(err: JsValue) -> StorageError {
    match err.dyn_ref::<web_sys::DomException>() {
        // Chromium and Firefox name it; old Firefox used NS_ERROR_DOM_QUOTA_REACHED (1014), others 22.
        Some(e)
            if e.name() == "QuotaExceededError"
                || e.name() == "NS_ERROR_DOM_QUOTA_REACHED"
                || e.code() == 22
                || e.code() == 1014 =>
        {
            StorageError::QuotaExceeded
        }
        Some(e) if e.name() == "SecurityError" => StorageError::Unavailable,
        Some(e) => StorageError::Refused(e.message()),
        None => StorageError::Refused(format!("{err:?}")),
    }
}

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let len = self.storage.length().map_err(classify)?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            if let Some(k) = self.storage.key(i).map_err(classify)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}
