//! What was deleted, and when: a tombstone per deleted journal entry or check
//! result (its id and the time, never its content), so a backup merged from
//! another device does not bring back what was deleted on either side.
//!
//! One record (`deleted`), carried in backups. Tombstones older than a year
//! ([`KEEP_MS`]) are pruned whenever the record is written: a copy of the
//! journal left untouched for longer than that could bring such an entry back.

use crate::storage::{StorageError, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The storage key of the record.
pub const KEY: &str = "deleted";
/// How long a tombstone is kept: a year, in milliseconds.
pub const KEEP_MS: u64 = 365 * 24 * 60 * 60 * 1000;

/// What a tombstone stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A journal entry.
    Entry,
    /// A readiness check result (one's own or a partner's).
    Check,
}

/// Deleted ids with the time of deletion (ms since 1970), per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tombstones {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub entries: BTreeMap<String, u64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub checks: BTreeMap<String, u64>,
}

impl Tombstones {
    fn map(&self, kind: Kind) -> &BTreeMap<String, u64> {
        match kind {
            Kind::Entry => &self.entries,
            Kind::Check => &self.checks,
        }
    }

    fn map_mut(&mut self, kind: Kind) -> &mut BTreeMap<String, u64> {
        match kind {
            Kind::Entry => &mut self.entries,
            Kind::Check => &mut self.checks,
        }
    }

    /// Whether `id` of this kind was deleted.
    pub fn has(&self, kind: Kind, id: &str) -> bool {
        self.map(kind).contains_key(id)
    }

    /// Marks `id` deleted at `at` (the later time wins if it already was).
    pub fn add(&mut self, kind: Kind, id: &str, at: u64) {
        let t = self.map_mut(kind).entry(id.to_string()).or_insert(at);
        *t = (*t).max(at);
    }

    /// Takes the mark off `id` (the deletion was undone).
    pub fn forget(&mut self, kind: Kind, id: &str) -> bool {
        self.map_mut(kind).remove(id).is_some()
    }

    /// Both sides' tombstones, the later time for an id on both.
    pub fn merge(&mut self, other: &Tombstones) {
        for (kind, map) in [(Kind::Entry, &other.entries), (Kind::Check, &other.checks)] {
            for (id, at) in map {
                self.add(kind, id, *at);
            }
        }
    }

    /// Drops tombstones older than a year before `now`.
    pub fn prune(&mut self, now: u64) {
        let since = now.saturating_sub(KEEP_MS);
        self.entries.retain(|_, at| *at >= since);
        self.checks.retain(|_, at| *at >= since);
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.entries.len() + self.checks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The stored tombstones. A record that cannot be read counts as none (it
/// holds only ids and times, and is written anew at the next deletion).
pub fn load(store: &Store) -> Result<Tombstones, StorageError> {
    match store.load::<Tombstones>(KEY) {
        Ok(t) => Ok(t.unwrap_or_default()),
        Err(StorageError::Corrupt { .. }) => Ok(Tombstones::default()),
        Err(err) => Err(err),
    }
}

/// Saves `tombstones`, pruned at `now`.
pub fn save(store: &Store, tombstones: &Tombstones, now: u64) -> Result<(), StorageError> {
    let mut t = tombstones.clone();
    t.prune(now);
    store.save(KEY, &t)
}

/// Records that `id` was deleted at `now`.
pub fn record(store: &Store, kind: Kind, id: &str, now: u64) -> Result<(), StorageError> {
    let mut t = load(store)?;
    t.add(kind, id, now);
    save(store, &t, now)
}

/// Takes the mark off `id` after an undo; writes nothing when there was none.
pub fn forget(store: &Store, kind: Kind, id: &str) -> Result<(), StorageError> {
    let mut t = load(store)?;
    if t.forget(kind, id) {
        store.save(KEY, &t)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deletion_is_recorded_forgotten_on_undo_and_pruned_after_a_year() {
        let store = Store::memory();
        record(&store, Kind::Entry, "a", 1_000).unwrap();
        record(&store, Kind::Check, "c", 2_000).unwrap();
        let t = load(&store).unwrap();
        assert!(t.has(Kind::Entry, "a") && t.has(Kind::Check, "c") && !t.has(Kind::Check, "a"));
        assert_eq!(store.get_raw(KEY).unwrap().unwrap(), r#"{"v":1,"data":{"entries":{"a":1000},"checks":{"c":2000}}}"#);
        forget(&store, Kind::Entry, "a").unwrap();
        assert!(!load(&store).unwrap().has(Kind::Entry, "a"));
        // A year and a bit later, the next deletion prunes the old one.
        record(&store, Kind::Entry, "b", 2_000 + KEEP_MS + 1).unwrap();
        let t = load(&store).unwrap();
        assert!(!t.has(Kind::Check, "c") && t.has(Kind::Entry, "b"));
    }

    #[test]
    fn merging_keeps_both_sides_and_the_later_time() {
        let mut mine = Tombstones::default();
        mine.add(Kind::Entry, "a", 5);
        mine.add(Kind::Entry, "b", 1);
        let mut theirs = Tombstones::default();
        theirs.add(Kind::Entry, "b", 9);
        theirs.add(Kind::Check, "c", 3);
        mine.merge(&theirs);
        assert_eq!(mine.entries, [("a".to_string(), 5), ("b".to_string(), 9)].into_iter().collect());
        assert_eq!(mine.checks.len(), 1);
    }

    #[test]
    fn an_unreadable_record_counts_as_none_and_is_replaced_at_the_next_deletion() {
        let store = Store::memory();
        store.set_raw(KEY, "{not json").unwrap();
        assert_eq!(load(&store).unwrap(), Tombstones::default());
        record(&store, Kind::Entry, "a", 1).unwrap();
        assert!(load(&store).unwrap().has(Kind::Entry, "a"));
    }
}
