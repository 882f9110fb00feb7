//! Keeping the journal in the [`Store`].
//!
//! Each entry is its own record under `journal.e.<id>`, so saving one entry
//! writes only that entry, however long the journal grows. `journal.index`
//! lists the ids in creation order and changes only when an entry is created
//! or deleted. Loading does not depend on it: records are found by their keys,
//! so an entry whose index write was lost (a crash between the two writes) is
//! still found, and the next create writes a repaired index. Drafts, per
//! window, are in [`super::drafts`].

use super::drafts::parse_draft_key;
use super::entry::{validate_id, words, Entry, EntryError, MAX_TITLE_CHARS};
use super::migrate::migrate;
use crate::storage::{StorageError, Store};
use crate::tombstones::{self, Kind};
use std::collections::BTreeSet;

/// Every journal key starts with this; [`delete_all`] removes them all.
pub const PREFIX: &str = "journal.";
/// The list of entry ids, in creation order.
pub const INDEX_KEY: &str = "journal.index";
/// An entry's record is this followed by its id.
pub const ENTRY_PREFIX: &str = "journal.e.";

/// The storage key of an entry's record.
pub fn entry_key(id: &str) -> String {
    format!("{ENTRY_PREFIX}{id}")
}

/// What a journal storage key refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalKey {
    Entry(String),
    Index,
    /// A draft of this entry, by any window.
    Draft(String),
}

/// Recognises one of the journal's keys (without the namespace prefix), so
/// the UI can react to a change made in another tab by reloading just that part.
pub fn parse_key(key: &str) -> Option<JournalKey> {
    if key == INDEX_KEY {
        return Some(JournalKey::Index);
    }
    if let Some((id, _)) = parse_draft_key(key) {
        return Some(JournalKey::Draft(id));
    }
    let id = key.strip_prefix(ENTRY_PREFIX)?;
    validate_id(id)
        .ok()
        .map(|()| JournalKey::Entry(id.to_string()))
}

/// Like [`parse_key`], for the full key a browser `storage` event carries
/// (`"rt:journal.e.…"`); keys of other namespaces are not this store's.
pub fn parse_backend_key(store: &Store, full_key: &str) -> Option<JournalKey> {
    full_key
        .strip_prefix(&store.full_key(""))
        .and_then(parse_key)
}

/// What can stop a journal change; every variant leaves storage as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("{}", words().cant_save(.0))]
    Invalid(#[from] EntryError),
    #[error("{}", words().id_taken(.0))]
    IdTaken(String),
    #[error("{}", words().changed_meanwhile(.0))]
    ChangedMeanwhile(String),
}

/// A stored record that could not be read, kept untouched so nothing is lost;
/// the UI can show `raw` for the person to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The key within the store, e.g. `journal.e.abc`.
    pub key: String,
    /// Why, in plain words.
    pub reason: String,
    /// The record exactly as stored.
    pub raw: String,
}

/// The journal as read from storage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Newest first by creation.
    pub entries: Vec<Entry>,
    /// Records that could not be read, left untouched.
    pub unreadable: Vec<Unreadable>,
}

/// Sorts newest first by creation; ties by id so the order is stable everywhere.
pub(crate) fn sort_newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
}

/// Reads every entry. Never writes or removes anything: a record that cannot
/// be read is reported in [`Loaded::unreadable`] and left as it is.
pub fn load(store: &Store) -> Result<Loaded, StorageError> {
    let mut loaded = Loaded::default();
    for key in store.keys()? {
        if !key.starts_with(ENTRY_PREFIX) {
            continue;
        }
        // Gone since the keys were listed (another tab deleted it): nothing to read.
        let Some(read) = read_record(store, &key)? else {
            continue;
        };
        match read.and_then(|raw| decode_entry(store, &key, &raw).map_err(|e| (e, raw))) {
            Ok(entry) => loaded.entries.push(entry),
            Err((err, raw)) => loaded.unreadable.push(Unreadable {
                reason: plain_reason(&err),
                key,
                raw,
            }),
        }
    }
    sort_newest_first(&mut loaded.entries);
    Ok(loaded)
}

/// One record's text, or why it cannot be read with the record as stored
/// (under the lock, a record that does not decrypt: one bad record is named,
/// the others still open). `Ok(None)` when there is none; `Err` only when
/// storage itself fails.
type Read = Result<String, (StorageError, String)>;

fn read_record(store: &Store, key: &str) -> Result<Option<Read>, StorageError> {
    match store.get_raw(key) {
        Ok(raw) => Ok(raw.map(Ok)),
        Err(err @ StorageError::Corrupt { .. }) => {
            Ok(store.get_stored(key)?.map(|stored| Err((err, stored))))
        }
        Err(err) => Err(err),
    }
}

/// Reads one entry, e.g. after another tab changed it; `Ok(None)` when there is none.
pub fn load_entry(store: &Store, id: &str) -> Result<Option<Entry>, StorageError> {
    let key = entry_key(id);
    match store.get_raw(&key)? {
        Some(raw) => decode_entry(store, &key, &raw).map(Some),
        None => Ok(None),
    }
}

/// Parses a stored entry of any known schema version, upgrading older ones and
/// refusing newer ones, and checks it is a valid entry stored under its own id.
fn decode_entry(store: &Store, key: &str, raw: &str) -> Result<Entry, StorageError> {
    let full_key = store.full_key(key);
    let corrupt = |reason: String| StorageError::Corrupt {
        key: full_key.clone(),
        reason,
    };
    let (version, data) = crate::storage::open_envelope(&full_key, raw)?;
    let data = migrate(version, data).map_err(corrupt)?;
    let mut entry: Entry = serde_json::from_value(data)
        .map_err(|e| corrupt(words().not_an_entry_because(crate::text::shape_problem(&e))))?;
    entry.normalise();
    entry.validate().map_err(|e| corrupt(e.to_string()))?;
    if key.strip_prefix(ENTRY_PREFIX) != Some(entry.id.as_str()) {
        return Err(corrupt(words().other_id(&entry.id)));
    }
    Ok(entry)
}

/// The reason a record is unreadable, in plain words for the person.
fn plain_reason(err: &StorageError) -> String {
    match err {
        StorageError::Corrupt { reason, .. } => reason.clone(),
        StorageError::TooNew { found, .. } => words().too_new(found),
        other => other.to_string(),
    }
}

/// The result of [`save_entry`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written; this is the entry as stored (tidied, with its new `rev`).
    Saved(Entry),
    /// Someone (another tab) saved this entry since the editor opened it.
    /// Nothing was written; offer [`keep_both`].
    Conflict { theirs: Entry },
}

/// Saves one entry: writes only its record, plus the index when it is new.
///
/// `base_rev` is the `rev` the editor started from (`None` for a new entry).
/// When the stored record's rev differs, another tab saved meanwhile, and
/// nothing is overwritten. The caller sets `updated` beforehand. An entry
/// deleted in another tab while being edited is saved again: losing the words
/// just typed would be worse than the entry coming back. Drafts are left to
/// the caller ([`super::drafts::discard_if_saved`] after a save).
pub fn save_entry(
    store: &Store,
    entry: &Entry,
    base_rev: Option<u32>,
) -> Result<SaveOutcome, JournalError> {
    Ok(match put(store, entry, base_rev, Rev::Bump)? {
        Put::Written(saved) => SaveOutcome::Saved(saved),
        Put::Conflict(theirs) => SaveOutcome::Conflict { theirs },
    })
}

/// Whether a write bumps the revision (an edit) or keeps it (undo, import).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rev {
    Bump,
    Keep,
}

/// The result of [`put`].
pub(crate) enum Put {
    Written(Entry),
    Conflict(Entry),
}

/// The one place entries are written. Checks the entry, refuses to overwrite
/// a record that changed since `base_rev` (or any record when `base_rev` is
/// `None`) or that cannot be read, then writes the record and, for a new
/// entry, the index; if the index write fails the record is taken out again.
pub(crate) fn put(
    store: &Store,
    entry: &Entry,
    base_rev: Option<u32>,
    rev: Rev,
) -> Result<Put, JournalError> {
    let (put, new) = put_record(store, entry, base_rev, rev)?;
    if let (Put::Written(entry), true) = (&put, new) {
        let key = entry_key(&entry.id);
        if let Err(err) = add_to_index(store, std::slice::from_ref(&entry.id)) {
            // Nothing half-done stays behind. Should even the removal fail, the
            // record is an orphan, which load still finds: no harm either way.
            let _ = store.remove(&key);
            return Err(err.into());
        }
        // An entry written again (undo, or saved after another tab deleted it)
        // is no longer deleted. Should this fail, a merge elsewhere could drop
        // the entry there, never here; the write itself has succeeded.
        let _ = tombstones::forget(store, Kind::Entry, &entry.id);
    }
    Ok(put)
}

/// [`put`]'s checks and record write alone, and whether the entry is new
/// here. For many entries at once (a restore): the index and the tombstones
/// are then written once for all the new ones ([`index_new`]), not once per
/// entry. Should it stop part-way, records written without their index line
/// are found by `load` and listed again by the next index write.
pub(crate) fn put_record(
    store: &Store,
    entry: &Entry,
    base_rev: Option<u32>,
    rev: Rev,
) -> Result<(Put, bool), JournalError> {
    let mut entry = entry.clone();
    entry.normalise();
    entry.validate()?;
    let key = entry_key(&entry.id);
    // An unreadable record is refused (the error), never overwritten.
    let stored = match store.get_raw(&key)? {
        Some(raw) => Some(decode_entry(store, &key, &raw)?),
        None => None,
    };
    if let Some(theirs) = stored.as_ref().filter(|s| base_rev != Some(s.rev)) {
        return Ok((Put::Conflict(theirs.clone()), false));
    }
    if rev == Rev::Bump {
        let last = stored.as_ref().map(|s| s.rev).or(base_rev).unwrap_or(0);
        entry.rev = last.saturating_add(1);
    }
    store.save(&key, &entry)?;
    Ok((Put::Written(entry), stored.is_none()))
}

/// Lists entries written by [`put_record`] as new in the index, in one write,
/// and forgets their tombstones in at most one more.
pub(crate) fn index_new(store: &Store, ids: &[String]) -> Result<(), StorageError> {
    if ids.is_empty() {
        return Ok(());
    }
    add_to_index(store, ids)?;
    // As in [`put`]: should this fail, the records and the index are written all the same.
    let _ = tombstones::load(store).and_then(|mut deleted| {
        let mut changed = false;
        for id in ids {
            changed |= deleted.forget(Kind::Entry, id);
        }
        if changed { store.save(tombstones::KEY, &deleted) } else { Ok(()) }
    });
    Ok(())
}

/// Adds `id` to the index, repairing it on the way: records it misses (a crash
/// between two writes) are added, ids without a record and ids listed twice
/// dropped, and an index that cannot be read is rebuilt. One from a newer
/// schema is never overwritten.
fn add_to_index(store: &Store, new: &[String]) -> Result<(), StorageError> {
    let listed = read_index_for_rewrite(store)?;
    let records: BTreeSet<String> = store
        .keys()?
        .into_iter()
        .filter_map(|k| k.strip_prefix(ENTRY_PREFIX).map(str::to_string))
        .collect();
    let adding: BTreeSet<&String> = new.iter().collect();
    let mut known = BTreeSet::new();
    let mut ids: Vec<String> = listed
        .into_iter()
        .filter(|i| !adding.contains(i) && records.contains(i) && known.insert(i.clone()))
        .collect();
    ids.extend(
        records
            .into_iter()
            .filter(|r| !adding.contains(r) && !known.contains(r)),
    );
    let mut pushed = BTreeSet::new();
    ids.extend(new.iter().filter(|id| pushed.insert(*id)).cloned());
    store.save(INDEX_KEY, &ids)
}

/// The index as it stands, or empty when it is damaged (it can be rebuilt
/// from the records); an index from a newer schema stops the change.
fn read_index_for_rewrite(store: &Store) -> Result<Vec<String>, StorageError> {
    match store.load::<Vec<String>>(INDEX_KEY) {
        Ok(ids) => Ok(ids.unwrap_or_default()),
        Err(StorageError::Corrupt { .. }) => Ok(Vec::new()),
        Err(err) => Err(err),
    }
}

/// The entry ids in creation order, as the index lists them (those with a
/// record only). The journal itself comes from [`load`].
pub fn index(store: &Store) -> Result<Vec<String>, StorageError> {
    let ids = store.load::<Vec<String>>(INDEX_KEY)?.unwrap_or_default();
    let mut present = Vec::with_capacity(ids.len());
    for id in ids {
        if store.get_raw(&entry_key(&id))?.is_some() {
            present.push(id);
        }
    }
    Ok(present)
}

/// A title that says this is a copy, within the title limit:
/// `"Monday (copy)"`, or `"Copy"` for an untitled entry.
pub(crate) fn copy_title(title: &str, note: &str) -> String {
    if title.trim().is_empty() {
        let mut chars = note.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    let suffix = format!(" ({note})");
    let room = MAX_TITLE_CHARS.saturating_sub(suffix.chars().count());
    let cut: String = title.chars().take(room).collect();
    format!("{}{suffix}", cut.trim_end())
}

/// Resolves a [`SaveOutcome::Conflict`] by keeping both: `mine` is saved as a
/// new entry under `new_id` with a title saying it is a copy, and `theirs`
/// stays as it is. Returns the entry that now holds `mine` (`theirs` itself
/// when both say the same thing, so no needless copy is made).
pub fn keep_both(
    store: &Store,
    mine: &Entry,
    theirs: &Entry,
    new_id: String,
) -> Result<Entry, JournalError> {
    if mine.same_content(theirs) {
        return Ok(theirs.clone());
    }
    let mut copy = mine.clone();
    copy.title = copy_title(&mine.title, words().copy_note);
    copy.id = new_id;
    copy.rev = 0;
    match put(store, &copy, None, Rev::Bump)? {
        Put::Written(saved) => Ok(saved),
        Put::Conflict(_) => Err(JournalError::IdTaken(copy.id)),
    }
}

/// Deletes an entry, returning it so it can be put back ([`restore_entry`]);
/// `Ok(None)` when there was none. A record that cannot be read is not
/// deleted this way (see [`discard_unreadable`]). Drafts are left: the
/// editor removes its own, and another window's unsaved words are offered
/// back, not dropped with the entry they were meant for.
///
/// A tombstone (the id and `now`, no content) is left so that merging a
/// backup from another device does not bring the entry back ([`crate::tombstones`]).
pub fn delete_entry(store: &Store, id: &str, now: u64) -> Result<Option<Entry>, JournalError> {
    validate_id(id)?;
    let Some(entry) = load_entry(store, id)? else {
        return Ok(None);
    };
    // The tombstone first: without it a merge could bring the entry back, so
    // when it cannot be written nothing is deleted (and the person is told).
    tombstones::record(store, Kind::Entry, id, now)?;
    if let Err(e) = store.remove(&entry_key(id)) {
        // The entry stays; so must nothing say it was deleted.
        let _ = tombstones::forget(store, Kind::Entry, id);
        return Err(e.into());
    }
    // The entry is gone whatever happens here: an id listed without a record is
    // ignored and dropped by the next create, so a failed index write is harmless.
    let _ = remove_from_index(store, id);
    Ok(Some(entry))
}

/// Removes an entry a merged backup says was deleted on another device, if
/// it is still at revision `rev` (as planned); one changed since is left as it is.
pub(crate) fn remove_deleted(store: &Store, id: &str, rev: u32) -> Result<bool, JournalError> {
    let Some(entry) = load_entry(store, id)? else {
        return Ok(false);
    };
    if entry.rev != rev {
        return Err(JournalError::ChangedMeanwhile(id.to_string()));
    }
    store.remove(&entry_key(id))?;
    let _ = remove_from_index(store, id);
    Ok(true)
}

fn remove_from_index(store: &Store, id: &str) -> Result<(), StorageError> {
    let mut ids = store.load::<Vec<String>>(INDEX_KEY)?.unwrap_or_default();
    let before = ids.len();
    ids.retain(|i| i != id);
    if ids.len() != before {
        store.save(INDEX_KEY, &ids)?;
    }
    Ok(())
}

/// Puts a deleted entry back with the same id and revision (undo); its
/// tombstone goes, as for any entry written anew.
pub fn restore_entry(store: &Store, entry: &Entry) -> Result<Entry, JournalError> {
    match put(store, entry, None, Rev::Keep)? {
        Put::Written(saved) => Ok(saved),
        Put::Conflict(_) => Err(JournalError::IdTaken(entry.id.clone())),
    }
}

/// Removes every journal key of this store (entries, index, drafts, unreadable
/// records) and nothing else; returns how many. The UI asks for typed confirmation first.
pub fn delete_all(store: &Store) -> Result<usize, StorageError> {
    let mut removed = 0;
    for key in store.keys()? {
        if key.starts_with(PREFIX) {
            store.remove(&key)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Removes one unreadable entry record, once the person has seen (and perhaps
/// copied) it. Returns false, removing nothing, for a key that is not an entry
/// record or a record that reads fine.
pub fn discard_unreadable(store: &Store, key: &str) -> Result<bool, StorageError> {
    if !key.starts_with(ENTRY_PREFIX) {
        return Ok(false);
    }
    let Some(read) = read_record(store, key)? else {
        return Ok(false);
    };
    if read.is_ok_and(|raw| decode_entry(store, key, &raw).is_ok()) {
        return Ok(false);
    }
    store.remove(key)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::drafts::{load_draft, save_draft, Draft, Window};
    use crate::journal::testing::{entry, snapshot, store_on, Spy};
    use crate::storage::{Backend, MemoryBackend, Namespace};
    use std::rc::Rc;

    /// Saves a new entry and returns it as stored.
    fn create(store: &Store, id: &str, created: u64, body: &str) -> Entry {
        match save_entry(store, &entry(id, created, "", body), None).unwrap() {
            SaveOutcome::Saved(e) => e,
            other => panic!("expected a save, got {other:?}"),
        }
    }

    fn saved(outcome: Result<SaveOutcome, JournalError>) -> Entry {
        match outcome.unwrap() {
            SaveOutcome::Saved(e) => e,
            other => panic!("expected a save, got {other:?}"),
        }
    }

    #[test]
    fn a_saved_entry_loads_back_equal_with_rev_one() {
        let store = Store::memory();
        let mut e = entry("a1", 1000, "Title", "line one\nline two");
        e.mood = Some(4);
        e.feelings = vec!["Calm".into()];
        e.tags = vec!["walk".into()];
        e.step = Some("listen".into());
        e.prompt = Some("p3".into());
        let stored = saved(save_entry(&store, &e, None));
        assert_eq!(stored.rev, 1);
        assert_eq!(stored, Entry { rev: 1, ..e });
        let loaded = load(&store).unwrap();
        assert_eq!(loaded.entries, vec![stored.clone()]);
        assert!(loaded.unreadable.is_empty());
        assert_eq!(load_entry(&store, "a1").unwrap(), Some(stored));
        assert_eq!(index(&store).unwrap(), vec!["a1".to_string()]);
    }

    #[test]
    fn entries_load_newest_first() {
        let store = Store::memory();
        create(&store, "b", 2000, "");
        create(&store, "c", 3000, "");
        create(&store, "a", 1000, "");
        let ids: Vec<String> = load(&store)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(ids, ["c", "b", "a"]);
        assert_eq!(index(&store).unwrap(), ["b", "c", "a"]);
    }

    #[test]
    fn saving_tidies_labels_and_refuses_an_invalid_entry() {
        let store = Store::memory();
        let mut e = entry("a", 1, "", "");
        e.tags = vec![" Work ".into(), "work".into(), "".into()];
        assert_eq!(
            saved(save_entry(&store, &e, None)).tags,
            vec!["Work".to_string()]
        );
        let mut bad = entry("b", 1, "", "");
        bad.mood = Some(9);
        assert_eq!(
            save_entry(&store, &bad, None),
            Err(JournalError::Invalid(EntryError::BadMood(9)))
        );
        assert_eq!(load_entry(&store, "b").unwrap(), None);
    }

    /// Builds a journal of `n` entries on a counting backend, then edits one.
    fn edit_cost(n: usize) -> (usize, usize) {
        let backend = Rc::new(Spy::default());
        let store = store_on(backend.clone());
        for i in 0..n {
            create(&store, &format!("e{i:05}"), i as u64, &"words ".repeat(150));
        }
        let mut e = load_entry(&store, "e00000").unwrap().unwrap();
        e.body.push_str("one more line");
        backend.reset();
        let base = e.rev;
        saved(save_entry(&store, &e, Some(base)));
        (backend.sets.get(), backend.bytes.get())
    }

    #[test]
    fn saving_an_edit_writes_exactly_one_record_whatever_the_journal_size() {
        let (small_sets, small_bytes) = edit_cost(3);
        let (large_sets, large_bytes) = edit_cost(400);
        assert_eq!(small_sets, 1);
        assert_eq!(large_sets, 1);
        // The same entry costs the same bytes in a journal 100 times longer.
        assert_eq!(small_bytes, large_bytes);
        assert!(large_bytes < 2_000, "{large_bytes}");
    }

    #[test]
    fn creating_writes_the_record_and_the_index_only() {
        let backend = Rc::new(Spy::default());
        let store = store_on(backend.clone());
        create(&store, "a", 1, "x");
        assert_eq!(backend.sets.get(), 2);
        let before = store.get_raw(INDEX_KEY).unwrap();
        let e = load_entry(&store, "a").unwrap().unwrap();
        saved(save_entry(&store, &e, Some(e.rev)));
        assert_eq!(
            store.get_raw(INDEX_KEY).unwrap(),
            before,
            "an edit changed the index"
        );
    }

    #[test]
    fn an_entry_missing_from_the_index_is_still_loaded_and_the_next_create_repairs_the_index() {
        let store = Store::memory();
        create(&store, "a", 1, "");
        // A crash between the record write and the index write leaves an orphan.
        store
            .save(&entry_key("orphan"), &entry("orphan", 2, "", "kept"))
            .unwrap();
        let before = snapshot_store(&store);
        let loaded = load(&store).unwrap();
        assert_eq!(
            loaded
                .entries
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            ["orphan", "a"]
        );
        assert_eq!(snapshot_store(&store), before, "load wrote something");
        create(&store, "b", 3, "");
        assert_eq!(index(&store).unwrap(), ["a", "orphan", "b"]);
    }

    #[test]
    fn an_id_in_the_index_without_a_record_is_ignored_and_dropped_by_the_next_create() {
        let store = Store::memory();
        create(&store, "a", 1, "");
        store.save(INDEX_KEY, &vec!["a", "ghost"]).unwrap();
        let loaded = load(&store).unwrap();
        assert_eq!(loaded.entries.len(), 1);
        assert!(loaded.unreadable.is_empty());
        assert_eq!(index(&store).unwrap(), ["a"]);
        create(&store, "b", 2, "");
        assert_eq!(
            store.load::<Vec<String>>(INDEX_KEY).unwrap().unwrap(),
            ["a", "b"]
        );
    }

    #[test]
    fn the_repair_on_create_removes_ids_the_index_lists_twice() {
        let store = Store::memory();
        create(&store, "a", 1, "");
        create(&store, "b", 2, "");
        store
            .save(INDEX_KEY, &vec!["a", "b", "a", "b", "b"])
            .unwrap();
        create(&store, "c", 3, "");
        assert_eq!(
            store.load::<Vec<String>>(INDEX_KEY).unwrap().unwrap(),
            ["a", "b", "c"]
        );
    }

    #[test]
    fn a_damaged_index_is_rebuilt_on_create_but_one_from_a_newer_version_is_never_overwritten() {
        let store = Store::memory();
        create(&store, "a", 1, "");
        store.set_raw(INDEX_KEY, "{broken").unwrap();
        assert_eq!(load(&store).unwrap().entries.len(), 1);
        create(&store, "b", 2, "");
        assert_eq!(index(&store).unwrap(), ["a", "b"]);

        let newer = r#"{"v":99,"data":{"future":true}}"#;
        store.set_raw(INDEX_KEY, newer).unwrap();
        let err = save_entry(&store, &entry("c", 3, "", ""), None).unwrap_err();
        assert!(
            matches!(
                err,
                JournalError::Storage(StorageError::TooNew { found: 99, .. })
            ),
            "{err:?}"
        );
        assert_eq!(store.get_raw(INDEX_KEY).unwrap().as_deref(), Some(newer));
        assert_eq!(
            load_entry(&store, "c").unwrap(),
            None,
            "half a create stayed behind"
        );
    }

    fn snapshot_store(store: &Store) -> Vec<(String, Option<String>)> {
        store
            .keys()
            .unwrap()
            .into_iter()
            .map(|k| (k.clone(), store.get_raw(&k).unwrap()))
            .collect()
    }

    #[test]
    fn unreadable_records_are_reported_in_plain_words_and_left_byte_for_byte() {
        let store = Store::memory();
        create(&store, "good", 1, "fine");
        let cases = [
            (
                "journal.e.broken",
                r#"{"v":1,"data":{"id":"bro"#,
                "not valid JSON",
            ),
            (
                "journal.e.types",
                r#"{"v":1,"data":{"id":"types","created":"monday"}}"#,
                "shape of a journal entry",
            ),
            (
                "journal.e.mood",
                r#"{"v":1,"data":{"id":"mood","created":1,"mood":7}}"#,
                "mood must be from 1 to 5",
            ),
            (
                "journal.e.newer",
                r#"{"v":2,"data":{"id":"newer","created":1}}"#,
                "newer version of the app",
            ),
            (
                "journal.e.moved",
                r#"{"v":1,"data":{"id":"elsewhere","created":1}}"#,
                "another id",
            ),
            (
                "journal.e.nov",
                r#"{"data":{"id":"nov","created":1}}"#,
                "no schema version",
            ),
        ];
        for (key, raw, _) in cases {
            store.set_raw(key, raw).unwrap();
        }
        let before = snapshot_store(&store);
        let loaded = load(&store).unwrap();
        assert_eq!(snapshot_store(&store), before, "load changed storage");
        assert_eq!(
            loaded
                .entries
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            ["good"]
        );
        assert_eq!(loaded.unreadable.len(), cases.len());
        for (key, raw, why) in cases {
            let u = loaded.unreadable.iter().find(|u| u.key == key).unwrap();
            assert_eq!(u.raw, raw);
            assert!(u.reason.contains(why), "{key}: {}", u.reason);
        }
        // Saving other entries leaves them alone too.
        create(&store, "later", 2, "");
        for (key, raw, _) in cases {
            assert_eq!(store.get_raw(key).unwrap().as_deref(), Some(raw));
        }
    }

    #[test]
    fn a_record_from_a_newer_schema_is_refused_and_never_overwritten() {
        let store = Store::memory();
        let newer = r#"{"v":2,"data":{"id":"n","created":1,"body":"from the future","rev":3}}"#;
        store.set_raw("journal.e.n", newer).unwrap();
        assert!(matches!(
            load_entry(&store, "n"),
            Err(StorageError::TooNew { found: 2, .. })
        ));
        let err = save_entry(&store, &entry("n", 1, "", "mine"), Some(3)).unwrap_err();
        assert!(matches!(
            err,
            JournalError::Storage(StorageError::TooNew { .. })
        ));
        assert!(delete_entry(&store, "n", 1).is_err());
        assert_eq!(
            store.get_raw("journal.e.n").unwrap().as_deref(),
            Some(newer)
        );
    }

    #[test]
    fn a_pre_release_v0_record_loads_migrated_and_saves_back_as_current() {
        let store = Store::memory();
        let old = r#"{"v":0,"data":{"id":"old","created":500,"title":"Then","text":"first words","mood":"Steady"}}"#;
        store.set_raw("journal.e.old", old).unwrap();
        let loaded = load(&store).unwrap();
        let e = &loaded.entries[0];
        assert_eq!(
            (e.body.as_str(), e.mood, e.updated, e.rev),
            ("first words", Some(4), 500, 0)
        );
        assert_eq!(
            store.get_raw("journal.e.old").unwrap().as_deref(),
            Some(old),
            "load wrote the upgrade"
        );
        let again = saved(save_entry(&store, e, Some(0)));
        assert_eq!(again.rev, 1);
        let raw = store.get_raw("journal.e.old").unwrap().unwrap();
        assert!(
            raw.starts_with(r#"{"v":1,"#) && raw.contains(r#""body":"first words""#),
            "{raw}"
        );
    }

    #[test]
    fn a_full_storage_keeps_the_saved_version_of_an_edited_entry() {
        let backend = Rc::new(MemoryBackend::with_quota(2_000));
        let store = store_on(backend.clone());
        let first = create(&store, "a", 1, "the words that were saved");
        let before = snapshot(backend.as_ref());
        let mut big = first.clone();
        big.body = "x".repeat(5_000);
        assert_eq!(
            save_entry(&store, &big, Some(first.rev)),
            Err(JournalError::Storage(StorageError::QuotaExceeded))
        );
        assert_eq!(snapshot(backend.as_ref()), before);
        assert_eq!(load_entry(&store, "a").unwrap(), Some(first));
    }

    #[test]
    fn a_delete_whose_tombstone_cannot_be_written_deletes_nothing() {
        let backend = Rc::new(Spy::default());
        let store = store_on(backend.clone());
        create(&store, "a", 1, "first");
        let before = snapshot(backend.as_ref());
        *backend.full_for.borrow_mut() = Some(crate::tombstones::KEY.into());
        assert_eq!(
            delete_entry(&store, "a", 5),
            Err(JournalError::Storage(StorageError::QuotaExceeded))
        );
        // Said "could not be deleted", so it must still be there, as it was.
        assert_eq!(snapshot(backend.as_ref()), before, "the entry went although the delete failed");
    }

    #[test]
    fn a_create_whose_index_write_fails_takes_its_record_back_out() {
        let backend = Rc::new(Spy::default());
        let store = store_on(backend.clone());
        create(&store, "a", 1, "first");
        let before = snapshot(backend.as_ref());
        backend.reset();
        *backend.full_for.borrow_mut() = Some(INDEX_KEY.into());
        assert_eq!(
            save_entry(&store, &entry("b", 2, "", "second"), None),
            Err(JournalError::Storage(StorageError::QuotaExceeded))
        );
        assert_eq!(
            *backend.log.borrow(),
            ["set rt:journal.e.b", "remove rt:journal.e.b"]
        );
        assert_eq!(
            snapshot(backend.as_ref()),
            before,
            "half a create stayed behind"
        );
    }

    #[test]
    fn a_create_that_does_not_fit_leaves_storage_as_it_was() {
        // Allow one character less than two entries need: the second create fails part-way.
        let probe = Store::memory();
        create(&probe, "a", 1, "first");
        create(&probe, "b", 2, "second");
        let backend = Rc::new(MemoryBackend::with_quota(probe.used_chars().unwrap() - 1));
        let store = store_on(backend.clone());
        create(&store, "a", 1, "first");
        let before = snapshot(backend.as_ref());
        assert_eq!(
            save_entry(&store, &entry("b", 2, "", "second"), None),
            Err(JournalError::Storage(StorageError::QuotaExceeded))
        );
        assert_eq!(snapshot(backend.as_ref()), before);
    }

    #[test]
    fn a_save_from_a_stale_tab_is_a_conflict_and_overwrites_nothing() {
        let store = Store::memory();
        let original = create(&store, "a", 1, "original");
        // Tab A and tab B both open rev 1; A saves first.
        let mut in_a = original.clone();
        in_a.body = "A's words".into();
        let saved_a = saved(save_entry(&store, &in_a, Some(original.rev)));
        assert_eq!(saved_a.rev, 2);
        let mut in_b = original.clone();
        in_b.body = "B's words".into();
        assert_eq!(
            save_entry(&store, &in_b, Some(original.rev)),
            Ok(SaveOutcome::Conflict {
                theirs: saved_a.clone()
            })
        );
        assert_eq!(load_entry(&store, "a").unwrap(), Some(saved_a.clone()));
        // Saving from the new base works.
        let mut in_b2 = saved_a.clone();
        in_b2.body = "B, after reloading".into();
        assert_eq!(saved(save_entry(&store, &in_b2, Some(2))).rev, 3);
    }

    #[test]
    fn a_new_entry_whose_id_was_saved_elsewhere_meanwhile_is_a_conflict() {
        let store = Store::memory();
        let theirs = create(&store, "n", 1, "other tab");
        assert_eq!(
            save_entry(&store, &entry("n", 1, "", "this tab"), None),
            Ok(SaveOutcome::Conflict { theirs })
        );
    }

    #[test]
    fn keep_both_saves_mine_as_a_marked_copy_and_leaves_theirs() {
        let store = Store::memory();
        let original = create(&store, "a", 1, "original");
        let mut theirs = original.clone();
        theirs.body = "theirs".into();
        let theirs = saved(save_entry(&store, &theirs, Some(1)));
        let mut mine = original.clone();
        mine.title = "Monday".into();
        mine.body = "mine".into();
        let SaveOutcome::Conflict { theirs: got } = save_entry(&store, &mine, Some(1)).unwrap()
        else {
            panic!("expected a conflict");
        };
        let copy = keep_both(&store, &mine, &got, "a-2".into()).unwrap();
        assert_eq!(
            (copy.id.as_str(), copy.title.as_str(), copy.body.as_str()),
            ("a-2", "Monday (copy)", "mine")
        );
        assert_eq!(copy.rev, 1);
        assert_eq!(load_entry(&store, "a").unwrap(), Some(theirs));
        assert_eq!(load(&store).unwrap().entries.len(), 2);
        assert_eq!(index(&store).unwrap(), ["a", "a-2"]);
    }

    #[test]
    fn keep_both_of_identical_words_makes_no_copy_and_an_untitled_copy_says_copy() {
        let store = Store::memory();
        let theirs = create(&store, "a", 1, "same");
        assert_eq!(
            keep_both(&store, &theirs, &theirs, "a-2".into()).unwrap(),
            theirs
        );
        assert_eq!(load(&store).unwrap().entries.len(), 1);
        let mut mine = theirs.clone();
        mine.body = "different".into();
        assert_eq!(
            keep_both(&store, &mine, &theirs, "a-2".into())
                .unwrap()
                .title,
            "Copy"
        );
        assert_eq!(
            keep_both(&store, &mine, &theirs, "a-2".into()),
            Err(JournalError::IdTaken("a-2".into()))
        );
    }

    #[test]
    fn copy_titles_stay_within_the_limit() {
        assert_eq!(
            copy_title("Monday", "copy from backup"),
            "Monday (copy from backup)"
        );
        assert_eq!(copy_title(" ", "copy from backup"), "Copy from backup");
        let long = copy_title(&"é".repeat(200), "copy");
        assert_eq!(long.chars().count(), 200);
        assert!(long.ends_with(" (copy)"));
    }

    #[test]
    fn an_entry_deleted_in_another_tab_while_edited_is_saved_again() {
        let store = Store::memory();
        let e = create(&store, "a", 1, "x");
        delete_entry(&store, "a", 1).unwrap();
        let mut edited = e.clone();
        edited.body = "kept after all".into();
        let again = saved(save_entry(&store, &edited, Some(e.rev)));
        assert_eq!(again.rev, 2);
        assert_eq!(index(&store).unwrap(), ["a"]);
    }

    #[test]
    fn delete_returns_the_entry_and_restore_puts_it_back_unchanged() {
        let store = Store::memory();
        create(&store, "a", 1, "keep");
        let b = create(&store, "b", 2, "delete me");
        let elsewhere = Draft {
            entry: Entry {
                body: "another window's unsaved words".into(),
                ..b.clone()
            },
            base_rev: Some(1),
        };
        save_draft(&store, &Window::arrive(None, "other".into()), &elsewhere).unwrap();
        let deleted = delete_entry(&store, "b", 1).unwrap();
        assert_eq!(deleted, Some(b.clone()));
        assert_eq!(load_entry(&store, "b").unwrap(), None);
        assert_eq!(
            load_draft(&store, "b", Some("other")).unwrap(),
            Some(elsewhere),
            "another window's words went with the entry"
        );
        assert_eq!(index(&store).unwrap(), ["a"]);
        let stones = crate::tombstones::load(&store).unwrap();
        assert_eq!(stones.entries, [("b".to_string(), 1)].into_iter().collect(), "a tombstone, no content");
        assert_eq!(delete_entry(&store, "b", 1).unwrap(), None);
        assert_eq!(restore_entry(&store, &b).unwrap(), b);
        assert!(crate::tombstones::load(&store).unwrap().is_empty(), "undo takes the tombstone off");
        assert_eq!(load_entry(&store, "b").unwrap(), Some(b.clone()));
        assert_eq!(index(&store).unwrap(), ["a", "b"]);
        // The editor that had rev 1 open can still save after the undo.
        assert_eq!(saved(save_entry(&store, &b, Some(1))).rev, 2);
        assert_eq!(
            restore_entry(&store, &b),
            Err(JournalError::IdTaken("b".into()))
        );
    }

    #[test]
    fn delete_all_removes_every_journal_key_and_nothing_else() {
        let backend: Rc<dyn Backend> = Rc::new(MemoryBackend::default());
        let store = store_on(backend.clone());
        let other = Store::new(backend.clone(), &Namespace::new("clinic").unwrap());
        create(&store, "a", 1, "");
        create(&other, "a", 1, "the other namespace's");
        save_draft(
            &store,
            &Window::arrive(None, "w".into()),
            &Draft {
                entry: entry("new", 2, "", "draft"),
                base_rev: None,
            },
        )
        .unwrap();
        store.set_raw("journal.draft.old", "{}").unwrap();
        store.set_raw("journal.e.broken", "{").unwrap();
        store.set_raw("settings", "{}").unwrap();
        store.set_raw("journalist", "not ours").unwrap();
        backend.set("journal.e.host", "the host page's").unwrap();
        assert_eq!(delete_all(&store).unwrap(), 5);
        assert_eq!(store.keys().unwrap(), ["journalist", "settings"]);
        assert_eq!(load(&other).unwrap().entries.len(), 1);
        assert_eq!(
            backend.get("journal.e.host").unwrap().as_deref(),
            Some("the host page's")
        );
    }

    #[test]
    fn only_an_unreadable_entry_record_can_be_discarded() {
        let store = Store::memory();
        create(&store, "good", 1, "");
        store.set_raw("journal.e.bad", "{").unwrap();
        store.set_raw("settings", "{").unwrap();
        assert!(!discard_unreadable(&store, "journal.e.good").unwrap());
        assert!(!discard_unreadable(&store, "settings").unwrap());
        assert!(discard_unreadable(&store, "journal.e.bad").unwrap());
        assert_eq!(
            store.keys().unwrap(),
            ["journal.e.good", "journal.index", "settings"]
        );
    }

    #[test]
    fn parse_key_recognises_entries_the_index_and_drafts_only() {
        assert_eq!(
            parse_key("journal.e.abc-1"),
            Some(JournalKey::Entry("abc-1".into()))
        );
        assert_eq!(parse_key("journal.index"), Some(JournalKey::Index));
        assert_eq!(
            parse_key("journal.draft.x_2"),
            Some(JournalKey::Draft("x_2".into()))
        );
        assert_eq!(
            parse_key("journal.draft.x_2.window-1"),
            Some(JournalKey::Draft("x_2".into()))
        );
        for other in [
            "settings",
            "journal.e.",
            "journal.e.bad id",
            "journal.draft.",
            "journal.indexx",
            "journal",
            "guide",
        ] {
            assert_eq!(parse_key(other), None, "{other}");
        }
        let store = Store::memory();
        assert_eq!(
            parse_backend_key(&store, "rt:journal.e.a"),
            Some(JournalKey::Entry("a".into()))
        );
        assert_eq!(parse_backend_key(&store, "other:journal.e.a"), None);
        assert_eq!(parse_backend_key(&store, "journal.e.a"), None);
    }
}
