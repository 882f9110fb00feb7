//! Helpers for the vault's native tests: fixed keys, deterministic randomness,
//! a backend that runs out of room on cue, and raw dumps of storage.

use super::envelope::{is_sealed, open, seal};
use super::key::nonce;
use super::meta::{VaultMeta, VaultState, META_KEY};
use super::{KdfParams, Key, Random, VaultError};
use crate::storage::{Backend, MemoryBackend, StorageError, Store};
use std::cell::Cell;

/// A fixed key per number (tests never derive keys natively).
pub(crate) fn key(n: u8) -> Key {
    Key::from_bytes([n; 32])
}

/// Valid parameters with a fixed salt.
pub(crate) fn params() -> KdfParams {
    KdfParams {
        salt: [7; 16],
        iterations: KdfParams::MIN_ITERATIONS,
    }
}

/// Deterministic, never-repeating bytes (a SplitMix64 stream), counting what it gave.
#[derive(Default)]
pub(crate) struct CountingRandom {
    state: Cell<u64>,
    given: Cell<usize>,
}

impl CountingRandom {
    /// How many bytes it has handed out.
    pub(crate) fn bytes_given(&self) -> usize {
        self.given.get()
    }

    fn next(&self) -> u64 {
        let s = self.state.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
        self.state.set(s);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Random for CountingRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), VaultError> {
        for chunk in buf.chunks_mut(8) {
            chunk.copy_from_slice(&self.next().to_le_bytes()[..chunk.len()]);
        }
        self.given.set(self.given.get() + buf.len());
        Ok(())
    }
}

/// A memory backend that reports a full quota once a number of writes have gone through.
/// It also counts the writes and removals that went through.
pub(crate) struct FailingBackend {
    pub(crate) inner: MemoryBackend,
    writes_left: Cell<usize>,
    written: Cell<usize>,
}

impl Default for FailingBackend {
    fn default() -> Self {
        Self {
            inner: MemoryBackend::default(),
            writes_left: Cell::new(usize::MAX),
            written: Cell::new(0),
        }
    }
}

impl FailingBackend {
    /// How many writes and removals have gone through so far.
    pub(crate) fn written(&self) -> usize {
        self.written.get()
    }

    /// Lets `writes` more writes through, then fails every one (`usize::MAX`: never).
    pub(crate) fn fail_after(&self, writes: usize) {
        self.writes_left.set(writes);
    }
}

impl Backend for FailingBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match self.writes_left.get() {
            0 => return Err(StorageError::QuotaExceeded),
            usize::MAX => {}
            n => self.writes_left.set(n - 1),
        }
        self.inner.set(key, value)?;
        self.written.set(self.written.get() + 1);
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.inner.remove(key)?;
        self.written.set(self.written.get() + 1);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner.keys()
    }
}

/// Every key and value in a backend, one `key=value` line each, as stored.
pub(crate) fn dump(backend: &dyn Backend) -> String {
    let mut keys = backend.keys().unwrap();
    keys.sort();
    keys.iter()
        .map(|k| format!("{k}={}\n", backend.get(k).unwrap().unwrap_or_default()))
        .collect()
}

/// A stand-in for PBKDF2 (which needs a browser): a key from the passphrase
/// and parameters, different for every passphrase, with the same refusals.
#[derive(Default)]
pub(crate) struct FakeDerive {
    calls: Cell<usize>,
}

impl FakeDerive {
    /// How many keys it has derived.
    pub(crate) fn calls(&self) -> usize {
        self.calls.get()
    }

    /// The key it derives, without the checks or the count.
    pub(crate) fn key(&self, passphrase: &str, params: &KdfParams) -> Key {
        use std::hash::{Hash, Hasher};
        let mut bytes = [0u8; 32];
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut h = std::hash::DefaultHasher::new();
            (passphrase, params.salt, params.iterations, i).hash(&mut h);
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
        Key::from_bytes(bytes)
    }
}

impl super::flows::Derive for FakeDerive {
    async fn derive(&self, passphrase: &str, params: &KdfParams) -> Result<Key, VaultError> {
        params.check()?;
        if passphrase.is_empty() {
            return Err(VaultError::EmptyPassphrase);
        }
        self.calls.set(self.calls.get() + 1);
        Ok(self.key(passphrase, params))
    }
}

/// Runs a future that never has to wait (nothing here does I/O) to its end.
pub(crate) fn poll<F: std::future::Future>(fut: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut fut = std::pin::pin!(fut);
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the future waited"),
    }
}

/// Locks as the previous version did (format 1): every record sealed with
/// the passphrase's `key` itself, and a version 1 lock record.
pub(crate) fn lock_v1(store: &Store, key: &Key, random: &dyn Random) {
    for name in store.keys().unwrap() {
        let raw = store.get_raw(&name).unwrap().unwrap();
        if name != META_KEY && !is_sealed(&raw) {
            store.set_raw(&name, &seal(key, nonce(random).unwrap(), &store.full_key(&name), &raw).unwrap()).unwrap();
        }
    }
    VaultMeta::create(key, params(), VaultState::Locked, nonce(random).unwrap()).unwrap().save(store).unwrap();
}

/// A passphrase change from `old` to `new` as the previous version leaves it
/// when interrupted: its lock record written, the first `done` records
/// re-sealed under `new`, the rest still under `old`.
pub(crate) fn change_v1_interrupted(store: &Store, old: &Key, new: &Key, done: usize, random: &dyn Random) {
    VaultMeta::rekeying(new, params(), old, random).unwrap().save(store).unwrap();
    let names: Vec<String> = store.keys().unwrap().into_iter().filter(|k| k != META_KEY).collect();
    for name in names.iter().take(done) {
        let full = store.full_key(name);
        let plain = open(old, &full, &store.get_raw(name).unwrap().unwrap()).unwrap();
        store.set_raw(name, &seal(new, nonce(random).unwrap(), &full, &plain).unwrap()).unwrap();
    }
}
