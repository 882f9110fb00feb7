//! An in-memory [`Backend`], so storage logic can be tested natively.

use super::{Backend, StorageError};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// A map in memory, with an optional quota (in characters, keys included) to
/// test what happens when the browser's storage is full.
#[derive(Default)]
pub struct MemoryBackend {
    map: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
}

impl MemoryBackend {
    pub fn with_quota(chars: usize) -> Self {
        Self {
            map: RefCell::default(),
            quota: Some(chars),
        }
    }

    fn size_with(&self, key: &str, value: &str) -> usize {
        let map = self.map.borrow();
        let others: usize = map
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum();
        others + key.chars().count() + value.chars().count()
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.quota.is_some_and(|q| self.size_with(key, value) > q) {
            return Err(StorageError::QuotaExceeded);
        }
        self.map.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}
