//! A full backup in one file: export, validation on import, and a merge that
//! never loses what is already on this device and never brings back what was
//! deleted on either side.
//!
//! Import is three steps, so nothing changes until everything is known to be
//! sound: [`read`] checks the whole file (an encrypted one, [`sealed`], is
//! then opened with its passphrase), [`plan_merge`] decides per item what to
//! do (pure, nothing written), and [`apply`] writes.

pub mod sealed;

use crate::assessment::{self, History};
use crate::guide::{self, Progress, StepState};
use crate::journal::entry::{Entry, EntryError, MAX_ID_CHARS};
use crate::journal::repo::{copy_title, index_new, put_record, JournalError, Put, Rev, Unreadable};
use crate::settings::{self, Settings};
use crate::storage::Store;
use crate::summary::{self, Choices};
use crate::tombstones::{self, Kind, Tombstones};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The marker that tells a Rebuild Trust backup from any other JSON file.
pub const FORMAT: &str = "rebuild-trust-backup";
/// The backup format this build writes and the newest it reads. Version 2
/// added tombstones (`deleted`) and encrypted files ([`sealed`]); version 3
/// the summary for a counsellor (`summary`). Older files are still read.
pub const VERSION: u32 = 3;
/// The largest file accepted (20 MiB); the UI can check a file's size against it before reading it.
pub const MAX_BACKUP_BYTES: usize = 20 * 1024 * 1024;
/// The deepest nesting accepted: a real backup goes five levels deep.
pub const MAX_DEPTH: usize = 64;

/// The top-level fields of a backup, all others are refused.
const FIELDS: [&str; 9] = [
    "format",
    "version",
    "exported_at",
    "journal",
    "progress",
    "check_history",
    "settings",
    "deleted",
    "summary",
];

/// Everything the app keeps, in one versioned document.
///
/// Only [`parse_and_validate`] reads one (there is no `Deserialize`), so an
/// unchecked backup can never reach storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backup {
    /// Always [`FORMAT`].
    pub format: String,
    /// The backup format, [`VERSION`] when written by this build.
    pub version: u32,
    /// Milliseconds since 1970 when it was made.
    pub exported_at: u64,
    /// Every readable entry, oldest first.
    pub journal: Vec<Entry>,
    /// Guide progress.
    pub progress: Progress,
    /// Completed readiness checks.
    pub check_history: History,
    /// The person's choices.
    pub settings: Settings,
    /// What was deleted on the device it came from: ids and times only.
    pub deleted: Tombstones,
    /// The person's choices and own words for their summary for a counsellor.
    pub summary: Choices,
}

impl Backup {
    /// A backup of the given data, made at `exported_at` (ms since 1970).
    pub fn new(
        mut journal: Vec<Entry>,
        progress: Progress,
        check_history: History,
        settings: Settings,
        exported_at: u64,
    ) -> Self {
        journal.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
        Backup {
            format: FORMAT.to_string(),
            version: VERSION,
            exported_at,
            journal,
            progress,
            check_history,
            settings,
            deleted: Tombstones::default(),
            summary: Choices::default(),
        }
    }

    /// The same backup carrying the summary's choices and words.
    pub fn with_summary(mut self, summary: Choices) -> Self {
        self.summary = summary;
        self
    }

    /// The same backup carrying these tombstones (none for an id it holds).
    pub fn with_deleted(mut self, mut deleted: Tombstones) -> Self {
        for e in &self.journal {
            deleted.forget(Kind::Entry, &e.id);
        }
        for r in &self.check_history.0 {
            deleted.forget(Kind::Check, &r.id);
        }
        self.deleted = deleted;
        self
    }
}

/// The backup as a readable, pretty-printed JSON document.
pub fn export(backup: &Backup) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(backup)
}

/// The backup as compact JSON, the text an encrypted file seals.
pub(crate) fn export_compact(backup: &Backup) -> Result<String, serde_json::Error> {
    serde_json::to_string(backup)
}

/// Something a backup made now would leave out, because it cannot be read.
/// It stays on this device exactly as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// A journal entry's record, by its key (as the journal page names it).
    Entry(String),
    /// One of the other parts a backup holds; the backup would carry its
    /// starting value instead.
    Part(&'static str),
}

/// What a backup made now would leave out: the journal records that could not
/// be read (`unreadable`, as the journal loaded them) and any other part whose
/// record cannot be read, named in the active locale. Empty when the backup
/// would be whole. Reads only.
pub fn left_out(store: &Store, unreadable: &[Unreadable]) -> Vec<LeftOut> {
    let t = crate::text::settings_backup_messages::get();
    // The parts of a backup besides the journal: their storage keys and names.
    let parts = [
        (settings::KEY, t.your_settings),
        (guide::KEY, t.your_progress),
        (assessment::HISTORY_KEY, t.your_history),
        (summary::KEY, t.your_summary),
    ];
    let mut left: Vec<LeftOut> = unreadable.iter().map(|u| LeftOut::Entry(u.key.clone())).collect();
    for (key, name) in parts {
        let readable = match key {
            settings::KEY => store.load::<Settings>(key).is_ok(),
            guide::KEY => store.load::<Progress>(key).is_ok(),
            summary::KEY => store.load::<Choices>(key).is_ok(),
            _ => store.load::<History>(key).is_ok(),
        };
        if !readable {
            left.push(LeftOut::Part(name));
        }
    }
    left
}

/// What to tell the person before saving a backup that leaves something out,
/// or `None` when it leaves nothing out.
pub fn left_out_warning(left: &[LeftOut]) -> Option<String> {
    if left.is_empty() {
        return None;
    }
    let t = crate::text::settings_backup_messages::get();
    let entries: Vec<&str> = left
        .iter()
        .filter_map(|l| match l {
            LeftOut::Entry(key) => Some(key.as_str()),
            LeftOut::Part(_) => None,
        })
        .collect();
    let mut items: Vec<String> = Vec::new();
    if !entries.is_empty() {
        items.push(t.entries_unread(entries.len(), entries.join(", ")));
    }
    items.extend(left.iter().filter_map(|l| match l {
        LeftOut::Part(name) => Some(t.part_unread(name)),
        LeftOut::Entry(_) => None,
    }));
    let list = match items.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => t.and(last, rest.join(", ")),
        [] => String::new(),
    };
    Some(if entries.is_empty() { t.left_out(list) } else { t.left_out_entries(list) })
}

/// Why a file cannot be imported. Checking happens before anything is written,
/// so every one of these means nothing was changed. Shown in the active
/// locale; the names and reasons it carries were put in words when the file
/// was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge { bytes: usize },
    TooDeep,
    Truncated,
    NotJson,
    NotOurs,
    TooNew { found: u64 },
    UnknownPart(String),
    /// A part of the backup (named for the person) and what is wrong with it.
    Damaged { part: &'static str, detail: String },
    BadEntry {
        position: usize,
        id: Option<String>,
        detail: String,
    },
    InvalidEntry {
        position: usize,
        id: Option<String>,
        error: EntryError,
    },
    DuplicateEntryId(String),
    DuplicateCheckId(String),
    /// An encrypted backup's shape is wrong, and why (in words).
    SealedDamaged(&'static str),
    WrongPassphrase,
    NoPassphrase,
    Crypto(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = crate::text::settings_backup_messages::get();
        let text = match self {
            ImportError::Empty => t.empty.to_string(),
            ImportError::TooLarge { bytes } => t.too_large(bytes.div_ceil(1024 * 1024)),
            ImportError::TooDeep => t.too_deep.to_string(),
            ImportError::Truncated => t.truncated.to_string(),
            ImportError::NotJson => t.not_json.to_string(),
            ImportError::NotOurs => t.not_ours.to_string(),
            ImportError::TooNew { found } => t.too_new(found, VERSION),
            ImportError::UnknownPart(name) => t.unknown_part(crate::text::quoted(name)),
            ImportError::Damaged { part, detail } => t.damaged(detail, part),
            ImportError::BadEntry { position, id, detail } => t.bad_entry(detail, id_note(id), position),
            ImportError::InvalidEntry { position, id, error } => t.invalid_entry(error, id_note(id), position),
            ImportError::DuplicateEntryId(id) => t.duplicate_entry(crate::text::quoted(id)),
            ImportError::DuplicateCheckId(id) => t.duplicate_check(crate::text::quoted(id)),
            ImportError::SealedDamaged(why) => t.sealed_damaged(why),
            ImportError::WrongPassphrase => t.wrong_passphrase.to_string(),
            ImportError::NoPassphrase => t.no_passphrase.to_string(),
            ImportError::Crypto(detail) => t.crypto(detail),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ImportError {}

/// A backup file as read: plain, or encrypted and waiting for its passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupFile {
    Plain(Backup),
    Sealed(sealed::Sealed),
}

/// Reads any backup file: a plain one is checked whole ([`parse_and_validate`]);
/// an encrypted one has its shape and header checked ([`sealed::read`]) and
/// is opened once the person types its passphrase.
pub fn read(text: &str) -> Result<BackupFile, ImportError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let unmarked = text.strip_prefix('\u{feff}').unwrap_or(text);
    // An encrypted file starts with its format, version and then its encryption.
    let sealed = unmarked
        .strip_prefix(&format!("{{\"format\":\"{FORMAT}\",\"version\":"))
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .is_some_and(|rest| rest.starts_with(",\"encryption\":"));
    if sealed {
        return sealed::read(unmarked).map(BackupFile::Sealed);
    }
    parse_and_validate(text).map(BackupFile::Plain)
}

/// " (id …)" when the id is known, for messages about one entry.
fn id_note(id: &Option<String>) -> String {
    id.as_deref()
        .map(|id| crate::text::settings_backup_messages::get().id_note(crate::text::quoted(id)))
        .unwrap_or_default()
}

/// Reads a backup file and checks all of it before anything changes: size
/// (before parsing), nesting depth (before serde sees it), the format marker
/// and version, every part's shape, every entry's validity and unique ids.
pub fn parse_and_validate(text: &str) -> Result<Backup, ImportError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    // Some editors put a byte-order mark in front when a file is saved again.
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(ImportError::Empty);
    }
    if deeper_than(text, MAX_DEPTH) {
        return Err(ImportError::TooDeep);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else {
            ImportError::NotJson
        }
    })?;
    let Value::Object(mut top) = value else {
        return Err(ImportError::NotOurs);
    };
    if top.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotOurs);
    }
    // What is wrong is put in words now, in the active locale.
    let t = crate::text::settings_backup_messages::get();
    let version = match top.get("version") {
        Some(v) => v
            .as_u64()
            .filter(|v| *v >= 1)
            .ok_or_else(|| ImportError::Damaged {
                part: t.part_version,
                detail: t.not_a_version.into(),
            })?,
        None => {
            return Err(ImportError::Damaged {
                part: t.part_version,
                detail: t.missing.into(),
            });
        }
    };
    if version > u64::from(VERSION) {
        return Err(ImportError::TooNew { found: version });
    }
    if let Some(unknown) = top.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(ImportError::UnknownPart(unknown.clone()));
    }
    let exported_at = part::<u64>(&mut top, "exported_at", t.part_exported_at)?;
    let journal = journal(top.remove("journal"))?;
    let progress = part::<Progress>(&mut top, "progress", t.part_progress)?;
    let check_history = part::<History>(&mut top, "check_history", t.part_history)?;
    let mut seen = BTreeSet::new();
    if let Some(dup) = check_history.0.iter().find(|r| !seen.insert(r.id.as_str())) {
        return Err(ImportError::DuplicateCheckId(dup.id.clone()));
    }
    let settings = part::<Settings>(&mut top, "settings", t.part_settings)?;
    let deleted = part::<Tombstones>(&mut top, "deleted", t.part_deleted)?;
    let summary = part::<Choices>(&mut top, "summary", t.part_summary)?;
    if let Some(detail) = summary.problem() {
        return Err(ImportError::Damaged { part: t.part_summary, detail });
    }
    if let Some(bad) = deleted.entries.keys().find(|id| crate::journal::entry::validate_id(id).is_err()) {
        return Err(ImportError::Damaged {
            part: t.part_deleted,
            detail: t.not_an_id(crate::text::quoted(bad)),
        });
    }
    Ok(Backup {
        format: FORMAT.to_string(),
        version: VERSION,
        exported_at,
        journal,
        progress,
        check_history,
        settings,
        deleted,
        summary,
    })
}

/// Reads one top-level part; a missing one is its default (an empty journal, no progress…).
fn part<T: DeserializeOwned + Default>(
    top: &mut Map<String, Value>,
    key: &str,
    name: &'static str,
) -> Result<T, ImportError> {
    match top.remove(key) {
        None | Some(Value::Null) => Ok(T::default()),
        Some(v) => serde_json::from_value(v).map_err(|e| ImportError::Damaged {
            part: name,
            detail: crate::text::shape_problem(&e),
        }),
    }
}

/// Reads the entries one by one, so a problem names the entry it is in.
fn journal(value: Option<Value>) -> Result<Vec<Entry>, ImportError> {
    let items = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => {
            let t = crate::text::settings_backup_messages::get();
            return Err(ImportError::Damaged {
                part: t.part_journal,
                detail: t.not_a_list.into(),
            });
        }
    };
    let mut entries = Vec::with_capacity(items.len());
    let mut ids = BTreeSet::new();
    for (i, item) in items.into_iter().enumerate() {
        let position = i + 1;
        let id = item
            .get("id")
            .and_then(Value::as_str)
            .map(|s| s.chars().take(MAX_ID_CHARS).collect());
        let mut entry: Entry = serde_json::from_value(item).map_err(|e| ImportError::BadEntry {
            position,
            id: id.clone(),
            detail: crate::text::shape_problem(&e),
        })?;
        entry.normalise();
        entry
            .validate()
            .map_err(|error| ImportError::InvalidEntry {
                position,
                id,
                error,
            })?;
        if !ids.insert(entry.id.clone()) {
            return Err(ImportError::DuplicateEntryId(entry.id));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// Whether JSON text nests arrays and objects deeper than `max`. Brackets
/// inside strings do not count. Runs over bytes, so it costs one fast pass
/// and cannot itself be driven into deep recursion.
fn deeper_than(text: &str, max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// What import does with one entry of the backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryDecision {
    /// Not on this device: added as it is.
    Add(Entry),
    /// The backup's is newer (higher rev and later save): it replaces the one stored at `base_rev`.
    Update { entry: Entry, base_rev: u32 },
    /// Nothing to do.
    Skip { id: String, why: SkipReason },
    /// Both changed: the backup's is added beside this device's, under a new
    /// id with a title saying it is a copy from the backup.
    KeepBoth(Entry),
    /// Deleted on the other device: this device's entry (at `rev`) is removed.
    Remove { id: String, rev: u32 },
}

/// Why an entry of the backup is not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// This device has the same words.
    Identical,
    /// This device's is newer (higher rev and later save).
    LocalNewer,
    /// An earlier import already added it as a copy.
    AlreadyCopied,
    /// It was deleted on this device (or the backup says it was deleted).
    Deleted,
}

/// What an import will do (from [`plan`]) or did (from [`apply`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Entries new to this device.
    pub added: usize,
    /// Entries replaced by the backup's newer version.
    pub updated: usize,
    /// Entries of this device kept as they are.
    pub kept: usize,
    /// Entries removed here because they were deleted on the other device.
    pub removed: usize,
    /// Entries of the backup left out because they were deleted here.
    pub not_restored: usize,
    /// Check results removed here because they were deleted on the other device.
    pub checks_removed: usize,
    /// Entries already here or newer here.
    pub skipped: usize,
    /// Entries kept twice because both versions changed.
    pub kept_both: usize,
    /// Readiness check results new to this device.
    pub checks_added: usize,
    /// Guide progress took a step further along from the backup.
    pub progress_changed: bool,
    /// The backup's settings replaced this device's defaults.
    pub settings_restored: bool,
    /// The backup's summary choices and words replaced this device's untouched ones.
    pub summary_restored: bool,
}

impl ImportReport {
    /// One line for the person, e.g. "2 entries added, 1 kept as a copy beside yours".
    pub fn summary(&self) -> String {
        let t = crate::text::settings_backup_messages::get();
        let counts = [
            (self.kept, t.entries_unchanged(self.kept)),
            (self.added, t.entries_added(self.added)),
            (self.updated, t.entries_updated(self.updated)),
            (self.removed, t.entries_removed(self.removed)),
            (self.not_restored, t.entries_left_out(self.not_restored)),
            (self.kept_both, t.entries_kept_both(self.kept_both)),
            (self.checks_added, t.checks_added(self.checks_added)),
            (self.checks_removed, t.checks_removed(self.checks_removed)),
        ];
        let mut parts: Vec<String> = counts.into_iter().filter(|(n, _)| *n > 0).map(|(_, words)| words).collect();
        if self.progress_changed {
            parts.push(t.progress_merged.into());
        }
        if self.settings_restored {
            parts.push(t.settings_restored.into());
        }
        if self.summary_restored {
            parts.push(t.summary_restored.into());
        }
        if parts.is_empty() {
            t.nothing_to_import.into()
        } else {
            parts.join(", ")
        }
    }
}

/// Everything an import will write, decided before any write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// One decision per entry of the backup, in its order.
    pub entries: Vec<EntryDecision>,
    /// The check history with the backup's missing results added; `None` when nothing is new.
    pub history: Option<History>,
    /// The merged guide progress; `None` when it does not change.
    pub progress: Option<Progress>,
    /// The backup's settings, when this device still has the defaults.
    pub settings: Option<Settings>,
    /// The backup's summary choices, when this device's are untouched.
    pub summary: Option<Choices>,
    /// Both sides' tombstones, when the backup brings new ones.
    pub deleted: Option<Tombstones>,
    /// The counts, for the person to confirm before [`apply`].
    pub report: ImportReport,
}

/// How far along a step state is, for merging.
fn rank(state: StepState) -> u8 {
    match state {
        StepState::NotStarted => 0,
        StepState::Working => 1,
        StepState::Solid => 2,
    }
}

/// What this device holds, as an import compares it with a backup.
#[derive(Debug, Clone, Copy)]
pub struct Here<'a> {
    /// Every readable journal entry.
    pub entries: &'a [Entry],
    pub progress: &'a Progress,
    pub history: &'a History,
    pub settings: &'a Settings,
    pub summary: &'a Choices,
    /// What was deleted on this device.
    pub deleted: &'a Tombstones,
}

/// Decides what importing `backup` does to this device's data, writing nothing.
///
/// Deletions first: whatever either side deleted (`deleted` here, the
/// backup's tombstones there) stays deleted: a backup's entry deleted here is
/// left out, and an entry here that the backup says was deleted is removed.
/// Other entries by id: absent here → add; the same words → skip; the
/// backup's newer (higher rev *and* later `updated`) → update; this device's
/// newer → skip; anything else is a real conflict → keep both. Check results
/// likewise: removed when deleted there, added when new and not deleted here.
/// Each guide step keeps the further-along state; the last-viewed step stays
/// unless there is none. Settings, and the summary's choices and words, stay
/// unless this device still has the defaults. Both sides' tombstones are
/// kept, pruned at `now`.
///
/// `bring_back` is the person's choice to restore from the backup what was
/// deleted on this device (an entry deleted by mistake, say): then only the
/// backup's own deletions count, and what comes back loses its tombstone.
pub fn plan_merge(here: Here, backup: &Backup, now: u64, bring_back: bool) -> ImportPlan {
    let Here { entries: current, progress, history, settings, summary, deleted } = here;
    let none = Tombstones::default();
    let deleted_here = if bring_back { &none } else { deleted };
    let local: BTreeMap<&str, &Entry> = current.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut taken: BTreeSet<String> = current
        .iter()
        .chain(&backup.journal)
        .map(|e| e.id.clone())
        .collect();
    let mut report = ImportReport::default();
    let mut entries = Vec::with_capacity(backup.journal.len());
    for theirs in &backup.journal {
        let gone = deleted_here.has(Kind::Entry, &theirs.id) || backup.deleted.has(Kind::Entry, &theirs.id);
        let decision = match local.get(theirs.id.as_str()) {
            _ if gone => skip(theirs, SkipReason::Deleted),
            None => EntryDecision::Add(theirs.clone()),
            Some(mine) if mine.same_content(theirs) => skip(theirs, SkipReason::Identical),
            Some(mine) if theirs.rev > mine.rev && theirs.updated > mine.updated => {
                EntryDecision::Update {
                    entry: theirs.clone(),
                    base_rev: mine.rev,
                }
            }
            Some(mine) if mine.rev > theirs.rev && mine.updated > theirs.updated => {
                skip(theirs, SkipReason::LocalNewer)
            }
            Some(_) => keep_both(theirs, &local, &mut taken),
        };
        entries.push(decision);
    }
    for mine in current {
        if backup.deleted.has(Kind::Entry, &mine.id) && !deleted.has(Kind::Entry, &mine.id) {
            entries.push(EntryDecision::Remove { id: mine.id.clone(), rev: mine.rev });
        }
    }
    for decision in &entries {
        match decision {
            EntryDecision::Add(_) => report.added += 1,
            EntryDecision::Update { .. } => report.updated += 1,
            EntryDecision::Skip { why: SkipReason::Deleted, id } if !local.contains_key(id.as_str()) => {
                report.not_restored += 1
            }
            EntryDecision::Skip { .. } => report.skipped += 1,
            EntryDecision::KeepBoth(_) => report.kept_both += 1,
            EntryDecision::Remove { .. } => report.removed += 1,
        }
    }
    report.kept = current.len() - report.updated - report.removed;

    let mut merged_deleted = deleted.clone();
    merged_deleted.merge(&backup.deleted);
    let mut merged_history = history.clone();
    merged_history.0.retain(|r| !backup.deleted.has(Kind::Check, &r.id));
    report.checks_removed = history.0.len() - merged_history.0.len();
    for result in &backup.check_history.0 {
        let gone = deleted_here.has(Kind::Check, &result.id) || backup.deleted.has(Kind::Check, &result.id);
        if history.get(&result.id).is_none() && !gone {
            merged_history.add(result.clone());
            merged_deleted.forget(Kind::Check, &result.id);
            report.checks_added += 1;
        }
    }
    for decision in &entries {
        if let EntryDecision::Add(e) | EntryDecision::KeepBoth(e) | EntryDecision::Update { entry: e, .. } = decision {
            merged_deleted.forget(Kind::Entry, &e.id);
        }
    }
    merged_deleted.prune(now);

    let mut merged_progress = progress.clone();
    for (step, state) in backup.progress.marks() {
        if rank(state) > rank(merged_progress.state(step)) {
            merged_progress.set(step, state);
        }
    }
    if merged_progress.last_viewed().is_none() {
        if let Some(step) = backup.progress.last_viewed() {
            merged_progress.viewed(step);
        }
    }
    report.progress_changed = merged_progress != *progress;

    let restore_settings =
        *settings == Settings::default() && backup.settings != Settings::default();
    report.settings_restored = restore_settings;
    let restore_summary = *summary == Choices::default() && backup.summary != Choices::default();
    report.summary_restored = restore_summary;

    ImportPlan {
        entries,
        history: (report.checks_added > 0 || report.checks_removed > 0).then_some(merged_history),
        progress: report.progress_changed.then_some(merged_progress),
        settings: restore_settings.then(|| backup.settings.clone()),
        summary: restore_summary.then(|| backup.summary.clone()),
        deleted: (merged_deleted != *deleted).then_some(merged_deleted),
        report,
    }
}

fn skip(entry: &Entry, why: SkipReason) -> EntryDecision {
    EntryDecision::Skip {
        id: entry.id.clone(),
        why,
    }
}

/// The backup's version of a conflicting entry as a copy beside this device's.
/// Copy ids are derived (`<id>-copy`, `<id>-copy2`, …) rather than random, so
/// importing the same file again finds the copy made last time instead of
/// adding another.
fn keep_both(
    theirs: &Entry,
    local: &BTreeMap<&str, &Entry>,
    taken: &mut BTreeSet<String>,
) -> EntryDecision {
    let mut copy = theirs.clone();
    copy.title = copy_title(&theirs.title, "copy from backup");
    for n in 1usize.. {
        let suffix = if n == 1 {
            "-copy".to_string()
        } else {
            format!("-copy{n}")
        };
        // Ids are ASCII, so cutting bytes keeps whole characters.
        let room = MAX_ID_CHARS - suffix.len();
        copy.id = format!("{}{suffix}", &theirs.id[..theirs.id.len().min(room)]);
        if let Some(existing) = local.get(copy.id.as_str()) {
            if existing.same_content(&copy) {
                return skip(theirs, SkipReason::AlreadyCopied);
            }
        } else if taken.insert(copy.id.clone()) {
            break;
        }
    }
    EntryDecision::KeepBoth(copy)
}

/// The import stopped at a storage error; what was written before it stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyError {
    /// What went wrong.
    pub cause: JournalError,
    /// What had been written before it.
    pub done: ImportReport,
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = crate::text::settings_backup_messages::get();
        f.write_str(&t.apply_stopped(&self.cause, self.done.summary()))
    }
}

impl std::error::Error for ApplyError {}

/// Carries out a plan: entries one record each through the journal's own
/// writes (each checked again and never overwriting a change made since the
/// plan), then check history, guide progress, settings and the summary's
/// choices. Stops at the first
/// error and says what was already written. Call it right after [`plan`], then
/// reload the app's state from storage.
pub fn apply(store: &Store, plan: &ImportPlan) -> Result<ImportReport, ApplyError> {
    let mut done = ImportReport::default();
    let fail = |cause: JournalError, done: ImportReport| ApplyError { cause, done };
    done.kept = plan.report.kept;
    done.not_restored = plan.report.not_restored;
    // Entries new here are listed in the index once, after their records.
    let mut new_ids = Vec::new();
    let stop = |cause: JournalError, done: ImportReport, new_ids: &[String]| {
        // What was written is listed even when the import stops.
        let _ = index_new(store, new_ids);
        fail(cause, done)
    };
    for decision in &plan.entries {
        let (entry, base_rev, counter) = match decision {
            EntryDecision::Skip { why: SkipReason::Deleted, .. } => continue,
            EntryDecision::Skip { .. } => {
                done.skipped += 1;
                continue;
            }
            EntryDecision::Remove { id, rev } => {
                match crate::journal::repo::remove_deleted(store, id, *rev) {
                    Ok(_) => done.removed += 1,
                    Err(err) => return Err(stop(err, done, &new_ids)),
                }
                continue;
            }
            EntryDecision::Add(entry) => (entry, None, &mut done.added),
            EntryDecision::Update { entry, base_rev } => {
                (entry, Some(*base_rev), &mut done.updated)
            }
            EntryDecision::KeepBoth(entry) => (entry, None, &mut done.kept_both),
        };
        // Revisions are kept as in the backup, so a round trip restores them exactly.
        match put_record(store, entry, base_rev, Rev::Keep) {
            Ok((Put::Written(written), new)) => {
                *counter += 1;
                if new {
                    new_ids.push(written.id);
                }
            }
            Ok((Put::Conflict(_), _)) => {
                return Err(stop(JournalError::IdTaken(entry.id.clone()), done, &new_ids))
            }
            Err(err) => return Err(stop(err, done, &new_ids)),
        }
    }
    if let Err(e) = index_new(store, &new_ids) {
        return Err(fail(e.into(), done));
    }
    if let Some(history) = &plan.history {
        store
            .save(assessment::HISTORY_KEY, history)
            .map_err(|e| fail(e.into(), done))?;
        done.checks_added = plan.report.checks_added;
        done.checks_removed = plan.report.checks_removed;
    }
    if let Some(progress) = &plan.progress {
        store
            .save(guide::KEY, progress)
            .map_err(|e| fail(e.into(), done))?;
        done.progress_changed = true;
    }
    if let Some(settings) = &plan.settings {
        store
            .save(settings::KEY, settings)
            .map_err(|e| fail(e.into(), done))?;
        done.settings_restored = true;
    }
    if let Some(summary) = &plan.summary {
        store
            .save(summary::KEY, summary)
            .map_err(|e| fail(e.into(), done))?;
        done.summary_restored = true;
    }
    if let Some(deleted) = &plan.deleted {
        store
            .save(tombstones::KEY, deleted)
            .map_err(|e| fail(e.into(), done))?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A merge with no tombstones on this device.
    fn plan(
        current: &[Entry],
        progress: &Progress,
        history: &History,
        settings: &Settings,
        backup: &Backup,
    ) -> ImportPlan {
        let (summary, deleted) = (Choices::default(), Tombstones::default());
        plan_merge(Here { entries: current, progress, history, settings, summary: &summary, deleted: &deleted }, backup, 0, false)
    }

    /// This device with these entries, history and tombstones, and defaults for the rest.
    fn defaults_and<'a>(entries: &'a [Entry], history: &'a History, deleted: &'a Tombstones) -> Here<'a> {
        static PROGRESS: std::sync::LazyLock<Progress> = std::sync::LazyLock::new(Progress::default);
        static SETTINGS: std::sync::LazyLock<Settings> = std::sync::LazyLock::new(Settings::default);
        static SUMMARY: std::sync::LazyLock<Choices> = std::sync::LazyLock::new(Choices::default);
        Here { entries, progress: &PROGRESS, history, settings: &SETTINGS, summary: &SUMMARY, deleted }
    }

    /// The plan for restoring `backup` into a device that holds nothing yet.
    fn plan_into_empty(backup: &Backup) -> ImportPlan {
        plan(&[], &Progress::default(), &History::default(), &Settings::default(), backup)
    }

    /// A merge of `backup` into the journal in `store`, with default progress, history and settings.
    fn plan_onto(store: &Store, backup: &Backup) -> ImportPlan {
        plan(&journal::load(store).unwrap().entries, &Progress::default(), &History::default(), &Settings::default(), backup)
    }
    use crate::assessment::{CheckResult, Scores};
    use crate::journal::testing::{entry, snapshot, store_on, Spy};
    use crate::journal::{self, Draft};
    use crate::settings::{Role, Theme};
    use std::rc::Rc;

    fn check(id: &str, taken_at: u64) -> CheckResult {
        CheckResult {
            id: id.into(),
            taken_at,
            role: Some(Role::Hurt),
            situation: None,
            scores: Scores {
                dimensions: vec![("honesty".into(), 50)],
                overall: 50,
            },
            band: "early".into(),
            answers: [("q1".to_string(), 3u8)].into_iter().collect(),
            safety_warnings: Vec::new(),
            partner: false,
        }
    }

    #[test]
    fn a_backup_says_before_saving_what_it_would_leave_out() {
        let store = Store::memory();
        journal::save_entry(&store, &entry("good", 1, "", "x"), None).unwrap();
        store.save(settings::KEY, &Settings::default()).unwrap();
        assert_eq!(left_out(&store, &[]), vec![]);
        assert_eq!(left_out_warning(&[]), None);

        store.set_raw("journal.e.bad", "not json").unwrap();
        store.set_raw("journal.e.worse", "rtv1:AAAA").unwrap();
        store.set_raw(guide::KEY, "{\"v\":1,").unwrap();
        let unreadable = journal::load(&store).unwrap().unreadable;
        let left = left_out(&store, &unreadable);
        assert_eq!(
            left,
            vec![
                LeftOut::Entry("journal.e.bad".into()),
                LeftOut::Entry("journal.e.worse".into()),
                LeftOut::Part("your guide progress"),
            ]
        );
        let warning = left_out_warning(&left).unwrap();
        assert!(
            warning.starts_with(
                "This backup would leave out 2 journal entries that could not be read \
                 (journal.e.bad, journal.e.worse) and your guide progress, which could not be read."
            ),
            "{warning}"
        );
        assert!(warning.contains("save each unreadable entry as a file"), "{warning}");
        let one = left_out_warning(&[LeftOut::Part("your settings")]).unwrap();
        assert!(one.starts_with("This backup would leave out your settings, which could not be read."), "{one}");
        assert!(!one.contains("journal page"), "{one}");
    }

    fn full_entry(id: &str, created: u64) -> Entry {
        let mut e = entry(
            id,
            created,
            "Title <b>",
            "Body\nwith lines, ünïcode and \"quotes\" [[[",
        );
        e.updated = created + 10;
        e.mood = Some(2);
        e.feelings = vec!["Hurt".into(), "Hopeful".into()];
        e.tags = vec!["talks".into()];
        e.step = Some("listen".into());
        e.prompt = Some("p1".into());
        e.rev = 3;
        e
    }

    pub(super) fn sample() -> Backup {
        let mut progress = Progress::default();
        progress.set("listen", StepState::Solid);
        progress.set("boundaries", StepState::Working);
        progress.viewed("boundaries");
        let settings = Settings {
            theme: Theme::Dark,
            role: Some(Role::Hurt),
            situation: None,
            welcomed: true,
            ..Settings::default()
        };
        Backup::new(
            vec![full_entry("b2", 2_000), full_entry("a1", 1_000)],
            progress,
            History(vec![check("c1", 10), check("c2", 20)]),
            settings,
            99_000,
        )
    }

    fn exported(b: &Backup) -> String {
        export(b).unwrap()
    }

    /// The sample backup as JSON, changed by `edit`.
    fn edited(edit: impl FnOnce(&mut Value)) -> String {
        let mut v: Value = serde_json::from_str(&exported(&sample())).unwrap();
        edit(&mut v);
        serde_json::to_string(&v).unwrap()
    }

    #[test]
    fn an_export_parses_back_to_the_same_backup() {
        let b = sample();
        let text = exported(&b);
        assert!(
            text.contains("\n  \"format\": \"rebuild-trust-backup\""),
            "not pretty or no marker"
        );
        assert_eq!(parse_and_validate(&text).unwrap(), b);
        assert_eq!(
            b.journal[0].id, "a1",
            "the journal is exported oldest first"
        );
    }

    #[test]
    fn export_then_import_into_an_empty_device_reproduces_everything() {
        let source = Store::memory();
        for e in sample().journal {
            journal::restore_entry(&source, &e).unwrap();
        }
        let loaded = journal::load(&source).unwrap();
        let s = sample();
        let text = exported(&Backup::new(
            loaded.entries.clone(),
            s.progress,
            s.check_history,
            s.settings,
            5,
        ));

        let target = Store::memory();
        let backup = parse_and_validate(&text).unwrap();
        let plan = plan_into_empty(&backup);
        let report = apply(&target, &plan).unwrap();
        assert_eq!(report, plan.report);
        assert_eq!((report.added, report.checks_added), (2, 2));
        assert!(report.progress_changed && report.settings_restored);

        assert_eq!(journal::load(&target).unwrap().entries, loaded.entries);
        assert_eq!(
            target.load::<Progress>(guide::KEY).unwrap(),
            Some(sample().progress)
        );
        assert_eq!(
            target.load::<History>(assessment::HISTORY_KEY).unwrap(),
            Some(sample().check_history)
        );
        assert_eq!(
            target.load::<Settings>(settings::KEY).unwrap(),
            Some(sample().settings)
        );
    }

    #[test]
    fn importing_the_same_backup_again_writes_nothing() {
        let backend = Rc::new(Spy::default());
        let store = store_on(backend.clone());
        let b = sample();
        apply(
            &store,
            &plan_into_empty(&b),
        )
        .unwrap();
        let entries = journal::load(&store).unwrap().entries;
        backend.reset();
        let again = plan(&entries, &b.progress, &b.check_history, &b.settings, &b);
        assert_eq!(
            again.report,
            ImportReport {
                kept: 2,
                skipped: 2,
                ..ImportReport::default()
            }
        );
        assert_eq!(again.report.summary(), "2 entries unchanged");
        apply(&store, &again).unwrap();
        assert_eq!(backend.sets.get(), 0);
    }

    // Hostile and mistaken files.

    #[test]
    fn a_file_over_the_size_limit_is_refused_before_parsing() {
        let huge = format!("\"{}\"", "a".repeat(50 * 1024 * 1024));
        assert_eq!(
            parse_and_validate(&huge),
            Err(ImportError::TooLarge { bytes: huge.len() })
        );
        assert!(ImportError::TooLarge { bytes: huge.len() }
            .to_string()
            .contains("This file is 51 MB"));
    }

    #[test]
    fn deep_nesting_is_refused_with_a_clear_message_before_serde_sees_it() {
        let deep = "[".repeat(10_000);
        assert_eq!(parse_and_validate(&deep), Err(ImportError::TooDeep));
        let closed = format!("{}{}", "{\"a\":".repeat(65), "1}".repeat(65));
        assert_eq!(parse_and_validate(&closed), Err(ImportError::TooDeep));
        // Exactly at the limit it is not refused for depth (but it is not a backup).
        let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(parse_and_validate(&at_limit), Err(ImportError::NotOurs));
    }

    #[test]
    fn brackets_inside_text_do_not_count_as_nesting() {
        let mut b = sample();
        b.journal[0].body = format!("{} \\\" {}", "[".repeat(500), "{".repeat(500));
        assert_eq!(parse_and_validate(&exported(&b)).unwrap(), b);
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(parse_and_validate(""), Err(ImportError::Empty));
        assert_eq!(parse_and_validate(" \n\t"), Err(ImportError::Empty));
        assert_eq!(parse_and_validate("\u{feff}"), Err(ImportError::Empty));
    }

    #[test]
    fn a_file_that_is_not_json_or_is_cut_off_is_refused() {
        assert_eq!(parse_and_validate("Dear diary,"), Err(ImportError::NotJson));
        assert_eq!(
            parse_and_validate("<html></html>"),
            Err(ImportError::NotJson)
        );
        let text = exported(&sample());
        assert_eq!(
            parse_and_validate(&text[..text.len() / 2]),
            Err(ImportError::Truncated)
        );
    }

    #[test]
    fn a_byte_order_mark_in_front_is_tolerated() {
        let text = format!("\u{feff}{}", exported(&sample()));
        assert_eq!(parse_and_validate(&text).unwrap(), sample());
    }

    #[test]
    fn json_that_is_not_a_backup_is_refused_as_foreign() {
        for foreign in [
            "[]",
            "42",
            "\"text\"",
            "null",
            r#"{"name":"package.json"}"#,
            r#"{"format":"other-app-backup","version":1}"#,
            r#"{"format":7,"version":1}"#,
        ] {
            assert_eq!(
                parse_and_validate(foreign),
                Err(ImportError::NotOurs),
                "{foreign}"
            );
        }
        assert_eq!(
            ImportError::NotOurs.to_string(),
            "This file is not a Rebuild Trust backup. Choose the backup file you saved from the app."
        );
    }

    #[test]
    fn a_backup_from_a_newer_version_is_refused_with_advice_to_update() {
        let text = edited(|v| {
            v["version"] = 4.into();
            v["new_thing"] = true.into();
        });
        let err = parse_and_validate(&text).unwrap_err();
        assert_eq!(err, ImportError::TooNew { found: 4 });
        assert!(err
            .to_string()
            .starts_with("This backup was made by a newer version of Rebuild Trust"));
    }

    #[test]
    fn a_missing_or_malformed_version_is_refused() {
        let missing = edited(|v| {
            v.as_object_mut().unwrap().remove("version");
        });
        assert!(matches!(
            parse_and_validate(&missing),
            Err(ImportError::Damaged {
                part: "format version",
                ..
            })
        ));
        for bad in [
            Value::from("1"),
            Value::from(0),
            Value::from(-1),
            Value::from(1.5),
        ] {
            let text = edited(|v| v["version"] = bad.clone());
            assert!(
                matches!(parse_and_validate(&text), Err(ImportError::Damaged { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_unknown_top_level_part_is_refused_rather_than_silently_dropped() {
        let text = edited(|v| v["letters"] = Value::Array(vec![]));
        assert_eq!(
            parse_and_validate(&text),
            Err(ImportError::UnknownPart("letters".into()))
        );
    }

    #[test]
    fn missing_parts_are_empty_not_errors() {
        let text = r#"{"format":"rebuild-trust-backup","version":1}"#;
        let b = parse_and_validate(text).unwrap();
        assert!(b.journal.is_empty() && b.progress.is_empty() && b.check_history.0.is_empty());
        assert_eq!(b.settings, Settings::default());
    }

    #[test]
    fn wrong_types_are_refused_naming_the_part() {
        let cases: [(&str, Value, &str); 5] = [
            ("journal", Value::from("entries"), "journal"),
            ("progress", Value::from(5), "guide progress"),
            (
                "check_history",
                serde_json::json!({"c1": 1}),
                "readiness check history",
            ),
            ("settings", serde_json::json!({"theme": "neon"}), "settings"),
            ("exported_at", Value::from("yesterday"), "export date"),
        ];
        for (key, bad, part) in cases {
            let text = edited(|v| v[key] = bad.clone());
            match parse_and_validate(&text) {
                Err(err @ ImportError::Damaged { part: p, .. }) => {
                    assert_eq!(p, part);
                    assert!(
                        err.to_string()
                            .contains(&format!("The {part} in this backup")),
                        "{err}"
                    );
                }
                other => panic!("{key}: expected Damaged, got {other:?}"),
            }
        }
    }

    #[test]
    fn an_entry_of_the_wrong_shape_is_refused_naming_its_position_and_id() {
        let text = edited(|v| v["journal"][1]["created"] = "monday".into());
        match parse_and_validate(&text) {
            Err(err @ ImportError::BadEntry { position: 2, .. }) => {
                assert!(
                    err.to_string()
                        .starts_with("Journal entry 2 (id “b2”) in this backup can't be read (one of its values is of the wrong kind)"),
                    "{err}"
                );
            }
            other => panic!("expected BadEntry, got {other:?}"),
        }
        let no_id = edited(|v| v["journal"][0] = serde_json::json!({"created": 1}));
        assert!(matches!(
            parse_and_validate(&no_id),
            Err(ImportError::BadEntry {
                position: 1,
                id: None,
                ..
            })
        ));
        let mood_too_big = edited(|v| v["journal"][0]["mood"] = 300.into());
        assert!(matches!(
            parse_and_validate(&mood_too_big),
            Err(ImportError::BadEntry { .. })
        ));
    }

    #[test]
    fn an_entry_with_an_invalid_mood_or_id_is_refused() {
        let text = edited(|v| v["journal"][0]["mood"] = 7.into());
        assert_eq!(
            parse_and_validate(&text),
            Err(ImportError::InvalidEntry {
                position: 1,
                id: Some("a1".into()),
                error: EntryError::BadMood(7)
            })
        );
        let bad_id = edited(|v| v["journal"][0]["id"] = "../../etc".into());
        assert!(matches!(
            parse_and_validate(&bad_id),
            Err(ImportError::InvalidEntry {
                error: EntryError::BadId(_),
                ..
            })
        ));
        let long = edited(|v| v["journal"][0]["body"] = "x".repeat(100_001).into());
        assert!(matches!(
            parse_and_validate(&long),
            Err(ImportError::InvalidEntry {
                error: EntryError::BodyTooLong(_),
                ..
            })
        ));
    }

    #[test]
    fn duplicate_entry_or_check_ids_are_refused() {
        let text = edited(|v| v["journal"][1]["id"] = "a1".into());
        assert_eq!(
            parse_and_validate(&text),
            Err(ImportError::DuplicateEntryId("a1".into()))
        );
        let text = edited(|v| v["check_history"][1]["id"] = "c1".into());
        assert_eq!(
            parse_and_validate(&text),
            Err(ImportError::DuplicateCheckId("c1".into()))
        );
    }

    #[test]
    fn labels_in_a_hand_edited_backup_are_tidied_not_refused() {
        let text = edited(|v| v["journal"][0]["tags"] = serde_json::json!([" a ", "A", "", "b"]));
        assert_eq!(
            parse_and_validate(&text).unwrap().journal[0].tags,
            ["a", "b"]
        );
    }

    // Merge rules.

    fn backup_of(entries: Vec<Entry>) -> Backup {
        Backup::new(
            entries,
            Progress::default(),
            History::default(),
            Settings::default(),
            0,
        )
    }

    fn versioned(id: &str, body: &str, rev: u32, updated: u64) -> Entry {
        let mut e = entry(id, 1_000, "Note", body);
        e.rev = rev;
        e.updated = updated;
        e
    }

    fn decide(local: Entry, theirs: Entry) -> EntryDecision {
        let p = plan(
            &[local],
            &Progress::default(),
            &History::default(),
            &Settings::default(),
            &backup_of(vec![theirs]),
        );
        p.entries.into_iter().next().unwrap()
    }

    #[test]
    fn an_entry_absent_here_is_added() {
        let theirs = versioned("new", "x", 1, 1);
        let p = plan_into_empty(&backup_of(vec![theirs.clone()]));
        assert_eq!(p.entries, [EntryDecision::Add(theirs)]);
        assert_eq!(p.report.added, 1);
    }

    #[test]
    fn an_identical_entry_is_skipped_whatever_its_revision() {
        let mine = versioned("a", "same", 2, 200);
        assert_eq!(
            decide(mine.clone(), mine.clone()),
            skip(&mine, SkipReason::Identical)
        );
        let mut later = mine.clone();
        later.rev = 9;
        later.updated = 900;
        assert_eq!(
            decide(mine.clone(), later),
            skip(&mine, SkipReason::Identical)
        );
    }

    #[test]
    fn a_newer_entry_in_the_backup_updates_this_one() {
        let theirs = versioned("a", "newer words", 3, 300);
        assert_eq!(
            decide(versioned("a", "older words", 2, 200), theirs.clone()),
            EntryDecision::Update {
                entry: theirs,
                base_rev: 2
            }
        );
    }

    #[test]
    fn a_newer_entry_here_is_kept() {
        let theirs = versioned("a", "older words", 2, 200);
        assert_eq!(
            decide(versioned("a", "newer words", 3, 300), theirs.clone()),
            skip(&theirs, SkipReason::LocalNewer)
        );
    }

    #[test]
    fn the_same_revision_with_different_words_keeps_both() {
        let decision = decide(
            versioned("a", "mine", 2, 200),
            versioned("a", "theirs", 2, 200),
        );
        let EntryDecision::KeepBoth(copy) = decision else {
            panic!("expected keep both, got {decision:?}")
        };
        assert_eq!(
            (copy.id.as_str(), copy.title.as_str(), copy.body.as_str()),
            ("a-copy", "Note (copy from backup)", "theirs")
        );
    }

    #[test]
    fn revision_and_time_that_disagree_keep_both() {
        // Higher rev but an earlier save, and the other way round.
        assert!(matches!(
            decide(
                versioned("a", "mine", 2, 200),
                versioned("a", "theirs", 3, 100)
            ),
            EntryDecision::KeepBoth(_)
        ));
        assert!(matches!(
            decide(
                versioned("a", "mine", 3, 100),
                versioned("a", "theirs", 2, 200)
            ),
            EntryDecision::KeepBoth(_)
        ));
        // A higher rev saved at the very same time is no proof either.
        assert!(matches!(
            decide(
                versioned("a", "mine", 2, 200),
                versioned("a", "theirs", 3, 200)
            ),
            EntryDecision::KeepBoth(_)
        ));
    }

    #[test]
    fn a_copy_id_already_used_by_another_entry_gets_the_next_number_within_64_characters() {
        let unrelated = versioned("a-copy", "unrelated", 1, 1);
        let p = plan(
            &[versioned("a", "mine", 2, 200), unrelated],
            &Progress::default(),
            &History::default(),
            &Settings::default(),
            &backup_of(vec![versioned("a", "theirs", 2, 200)]),
        );
        assert!(matches!(&p.entries[0], EntryDecision::KeepBoth(c) if c.id == "a-copy2"));
        let long_id = "x".repeat(64);
        let EntryDecision::KeepBoth(copy) = decide(
            versioned(&long_id, "mine", 1, 1),
            versioned(&long_id, "theirs", 1, 1),
        ) else {
            panic!("expected keep both");
        };
        assert_eq!(copy.id.len(), 64);
        assert!(copy.id.ends_with("-copy") && copy.validate().is_ok());
    }

    #[test]
    fn importing_a_conflict_twice_does_not_copy_it_twice() {
        let store = Store::memory();
        journal::restore_entry(&store, &versioned("a", "mine", 2, 200)).unwrap();
        let backup = backup_of(vec![versioned("a", "theirs", 2, 200)]);
        let none = (Progress::default(), History::default(), Settings::default());
        let first = plan(
            &journal::load(&store).unwrap().entries,
            &none.0,
            &none.1,
            &none.2,
            &backup,
        );
        assert_eq!(apply(&store, &first).unwrap().kept_both, 1);
        let second = plan(
            &journal::load(&store).unwrap().entries,
            &none.0,
            &none.1,
            &none.2,
            &backup,
        );
        assert_eq!(
            second.entries,
            [skip(&backup.journal[0], SkipReason::AlreadyCopied)]
        );
        assert_eq!(journal::load(&store).unwrap().entries.len(), 2);
    }

    #[test]
    fn check_results_merge_by_id() {
        let local = History(vec![check("c1", 10), check("c3", 30)]);
        let mut backup = backup_of(vec![]);
        let mut changed_c1 = check("c1", 10);
        changed_c1.band = "other".into();
        backup.check_history = History(vec![changed_c1, check("c2", 20)]);
        let p = plan(
            &[],
            &Progress::default(),
            &local,
            &Settings::default(),
            &backup,
        );
        assert_eq!(p.report.checks_added, 1);
        let merged = p.history.unwrap();
        assert_eq!(
            merged.0.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["c1", "c2", "c3"]
        );
        assert_eq!(
            merged.get("c1").unwrap().band,
            "early",
            "a result already here is kept as it is"
        );
        backup.check_history = local.clone();
        assert_eq!(
            plan(
                &[],
                &Progress::default(),
                &local,
                &Settings::default(),
                &backup
            )
            .history,
            None
        );
    }

    #[test]
    fn each_guide_step_keeps_the_further_along_state() {
        let mut mine = Progress::default();
        mine.set("a", StepState::Solid);
        mine.set("b", StepState::Working);
        mine.set("c", StepState::Working);
        let mut theirs = Progress::default();
        theirs.set("a", StepState::Working);
        theirs.set("b", StepState::Solid);
        theirs.set("d", StepState::Working);
        let mut backup = backup_of(vec![]);
        backup.progress = theirs;
        let merged = plan(
            &[],
            &mine,
            &History::default(),
            &Settings::default(),
            &backup,
        )
        .progress
        .unwrap();
        let states: Vec<_> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| merged.state(s))
            .collect();
        use StepState::*;
        assert_eq!(states, [Solid, Solid, Working, Working, NotStarted]);
    }

    #[test]
    fn the_last_viewed_step_here_is_kept_unless_there_is_none() {
        let mut mine = Progress::default();
        mine.viewed("mine");
        let mut backup = backup_of(vec![]);
        backup.progress.viewed("theirs");
        let p = plan(
            &[],
            &mine,
            &History::default(),
            &Settings::default(),
            &backup,
        );
        assert_eq!(p.progress, None, "nothing changes");
        assert!(!p.report.progress_changed);
        let p = plan_into_empty(&backup);
        assert_eq!(p.progress.unwrap().last_viewed(), Some("theirs"));
    }

    #[test]
    fn settings_here_are_kept_unless_they_are_the_defaults() {
        let mut backup = backup_of(vec![]);
        backup.settings = Settings {
            theme: Theme::Dark,
            ..Settings::default()
        };
        let mine = Settings {
            role: Some(Role::Unfaithful),
            ..Settings::default()
        };
        assert_eq!(
            plan(
                &[],
                &Progress::default(),
                &History::default(),
                &mine,
                &backup
            )
            .settings,
            None
        );
        let p = plan_into_empty(&backup);
        assert_eq!(p.settings, Some(backup.settings.clone()));
        assert!(p.report.settings_restored);
        backup.settings = Settings::default();
        assert_eq!(
            plan(
                &[],
                &Progress::default(),
                &History::default(),
                &Settings::default(),
                &backup
            )
            .settings,
            None
        );
    }

    #[test]
    fn the_report_reads_as_a_sentence() {
        let r = ImportReport {
            kept: 3,
            added: 1,
            updated: 2,
            removed: 1,
            not_restored: 2,
            skipped: 1,
            kept_both: 1,
            checks_added: 1,
            checks_removed: 1,
            progress_changed: true,
            settings_restored: false,
            summary_restored: true,
        };
        assert_eq!(
            r.summary(),
            "3 entries unchanged, 1 entry added, 2 entries updated, 1 entry removed (deleted on the other device), \
             2 entries left out (deleted here), 1 entry kept as a copy beside yours, 1 check result added, \
             1 check result removed (deleted on the other device), guide progress merged, \
             summary for a counsellor restored"
        );
        assert_eq!(ImportReport::default().summary(), "nothing to import");
    }

    #[test]
    fn what_the_person_is_told_follows_the_language_in_use() {
        use crate::locale::{self, Locale};
        locale::set_active(Locale::Es);
        let report = ImportReport { added: 2, kept_both: 1, settings_restored: true, ..ImportReport::default() }.summary();
        let too_large = ImportError::TooLarge { bytes: 3 * 1024 * 1024 }.to_string();
        let no_version = parse_and_validate(r#"{"format":"rebuild-trust-backup"}"#).map(|_| ()).unwrap_err().to_string();
        let sealed = sealed::read("{}").unwrap_err().to_string();
        let warning = left_out_warning(&[LeftOut::Entry("journal.e.x".into()), LeftOut::Part("tu configuración")]);
        locale::set_active(Locale::SOURCE);
        assert_eq!(
            report,
            "2 entradas añadidas, 1 entrada guardada como copia junto a la tuya, configuración recuperada"
        );
        assert_eq!(
            too_large,
            "Este archivo ocupa 3 MB, más de lo que puede ocupar una copia de Rebuild Trust (20 MB como mucho). \
             Comprueba que has elegido el archivo correcto."
        );
        assert_eq!(
            no_version,
            "No se puede leer la versión del formato de esta copia (falta). Puede que el archivo se haya \
             modificado o dañado; prueba con otra copia."
        );
        assert!(sealed.starts_with("Esta copia cifrada está dañada (su encabezado no tiene la forma"), "{sealed}");
        assert_eq!(
            warning.as_deref(),
            Some(
                "Esta copia dejaría fuera 1 entrada del diario que no se ha podido leer (journal.e.x) y tu \
                 configuración, que no se ha podido leer. Todo lo demás estaría en ella, y lo que queda fuera \
                 sigue en este dispositivo tal como está. En la página del diario puedes guardar cada entrada \
                 ilegible como archivo."
            )
        );
        // And back in English, the same messages are English again.
        assert_eq!(ImportError::TooLarge { bytes: 1 }.to_string().split(',').next(), Some("This file is 1 MB"));
    }

    /// Summary choices with the person's own words in them.
    fn my_summary() -> Choices {
        let mut c = Choices { moods: true, show_name: true, talk: "Sleep, and how we argue.".into(), ..Choices::default() };
        c.pick("e-1").unwrap();
        c.set_excerpt_text("e-1", "The part I want to read out.");
        c
    }

    #[test]
    fn the_summary_travels_in_a_backup_and_is_restored_only_over_untouched_choices() {
        let backup = backup_of(vec![]).with_summary(my_summary());
        let read = parse_and_validate(&export(&backup).unwrap()).unwrap();
        assert_eq!(read.summary, my_summary(), "the words and choices come back as written");

        let empty = plan_into_empty(&read);
        assert_eq!(empty.summary, Some(my_summary()));
        assert!(empty.report.summary_restored);
        let store = Store::memory();
        apply(&store, &empty).unwrap();
        assert_eq!(store.load::<Choices>(summary::KEY).unwrap(), Some(my_summary()));

        // This device's own summary is never replaced.
        let mine = Choices { talk: "Something else.".into(), ..Choices::default() };
        let (history, deleted) = (History::default(), Tombstones::default());
        let here = Here { summary: &mine, ..defaults_and(&[], &history, &deleted) };
        let p = plan_merge(here, &read, 0, false);
        assert_eq!(p.summary, None);
        assert!(!p.report.summary_restored);
    }

    #[test]
    fn a_damaged_summary_in_a_backup_is_refused_by_name() {
        for (summary, detail) in [
            (serde_json::json!({"talk": 5}), "one of its values is of the wrong kind"),
            (serde_json::json!({"talk": "x".repeat(summary::MAX_TALK_CHARS + 1)}), "at most 600"),
            (serde_json::json!({"excerpts": [{"entry": "a"}, {"entry": "b"}, {"entry": "c"}, {"entry": "d"}]}), "at most 3"),
            (serde_json::json!({"excerpts": [{"entry": "a"}, {"entry": "a"}]}), "twice"),
            (serde_json::json!({"excerpts": [{"entry": "../x"}]}), "not an entry id"),
        ] {
            let text = edited(|v| v["summary"] = summary.clone());
            match parse_and_validate(&text) {
                Err(ImportError::Damaged { part: "summary for a counsellor", detail: d }) => {
                    assert!(d.contains(detail), "{summary}: {d}")
                }
                other => panic!("{summary}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_version_2_backup_without_a_summary_still_reads() {
        let text = edited(|v| {
            v["version"] = 2.into();
            v.as_object_mut().unwrap().remove("summary");
        });
        assert_eq!(parse_and_validate(&text).unwrap().summary, Choices::default());
    }

    #[test]
    fn an_unreadable_summary_is_named_before_a_backup_is_saved() {
        let store = Store::memory();
        store.set_raw(summary::KEY, "{not json").unwrap();
        assert_eq!(left_out(&store, &[]), vec![LeftOut::Part("your summary for a counsellor")]);
    }

    // Two devices that diverged.

    /// One device's data: its entries, check results and tombstones, in a store.
    fn device(entries: &[Entry], checks: &[&str], deleted: &[(Kind, &str, u64)]) -> Store {
        let store = Store::memory();
        for e in entries {
            journal::restore_entry(&store, e).unwrap();
        }
        let history = History(checks.iter().enumerate().map(|(i, id)| check(id, i as u64)).collect());
        store.save(assessment::HISTORY_KEY, &history).unwrap();
        let mut t = Tombstones::default();
        for (kind, id, at) in deleted {
            t.add(*kind, id, *at);
        }
        store.save(tombstones::KEY, &t).unwrap();
        store
    }

    /// A backup of `store`, as the settings page makes one, through its file.
    fn backup_of_device(store: &Store) -> Backup {
        let b = Backup::new(
            journal::load(store).unwrap().entries,
            Progress::default(),
            store.load::<History>(assessment::HISTORY_KEY).unwrap().unwrap_or_default(),
            Settings::default(),
            5_000,
        )
        .with_deleted(tombstones::load(store).unwrap());
        parse_and_validate(&export(&b).unwrap()).unwrap()
    }

    /// Merges `from`'s backup into `into`, as the settings page does.
    fn merge(into: &Store, from: &Store) -> ImportReport {
        let entries = journal::load(into).unwrap().entries;
        let history = into.load::<History>(assessment::HISTORY_KEY).unwrap().unwrap_or_default();
        let deleted = tombstones::load(into).unwrap();
        let p = plan_merge(defaults_and(&entries, &history, &deleted), &backup_of_device(from), 6_000, false);
        let done = apply(into, &p).unwrap();
        assert_eq!(done, p.report, "it did what it said it would");
        done
    }

    fn bodies(store: &Store) -> Vec<(String, String)> {
        let mut v: Vec<_> = journal::load(store).unwrap().entries.into_iter().map(|e| (e.id, e.body)).collect();
        v.sort();
        v
    }

    fn check_ids(store: &Store) -> Vec<String> {
        let h = store.load::<History>(assessment::HISTORY_KEY).unwrap().unwrap_or_default();
        let mut ids: Vec<String> = h.0.into_iter().map(|r| r.id).collect();
        ids.sort();
        ids
    }

    #[test]
    fn two_diverged_copies_merge_keeping_every_survivor_and_no_deleted_item_either_way() {
        // Both started from: s1..s4 (entries), c1..c3 (checks). Then, apart:
        // the phone edited s1, added p-new, deleted s2 and check c1 (and
        // once deleted an entry the laptop never had); the laptop edited s3,
        // added l-new, deleted s4 and check c2.
        let phone_device = || {
            device(
                &[
                    versioned("s1", "phone's edit", 2, 200),
                    versioned("s3", "common", 1, 100),
                    versioned("s4", "common", 1, 100),
                    versioned("p-new", "written on the phone", 1, 300),
                ],
                &["c2", "c3"],
                &[(Kind::Entry, "s2", 400), (Kind::Check, "c1", 400), (Kind::Entry, "gone-long-ago", 50)],
            )
        };
        let phone = phone_device();
        let laptop = device(
            &[
                versioned("s1", "common", 1, 100),
                versioned("s2", "common", 1, 100),
                versioned("s3", "laptop's edit", 2, 250),
                versioned("l-new", "written on the laptop", 1, 350),
            ],
            &["c1", "c3"],
            &[(Kind::Entry, "s4", 450), (Kind::Check, "c2", 450)],
        );
        let survivors = vec![
            ("l-new".to_string(), "written on the laptop".to_string()),
            ("p-new".to_string(), "written on the phone".to_string()),
            ("s1".to_string(), "phone's edit".to_string()),
            ("s3".to_string(), "laptop's edit".to_string()),
        ];

        // The laptop's backup merged into the phone.
        let report = merge(&phone, &laptop);
        assert_eq!(bodies(&phone), survivors);
        assert_eq!(check_ids(&phone), ["c3"]);
        assert_eq!(
            (report.kept, report.added, report.updated, report.removed, report.not_restored, report.kept_both),
            (2, 1, 1, 1, 1, 0),
            "kept s1 and p-new; added l-new; updated s3; removed s4; left out s2"
        );
        assert_eq!((report.checks_added, report.checks_removed), (0, 1));
        assert_eq!(
            report.summary(),
            "2 entries unchanged, 1 entry added, 1 entry updated, 1 entry removed (deleted on the other device), \
             1 entry left out (deleted here), 1 check result removed (deleted on the other device)"
        );
        let stones = tombstones::load(&phone).unwrap();
        assert!(["s2", "s4", "gone-long-ago"].iter().all(|id| stones.has(Kind::Entry, id)));
        assert!(stones.has(Kind::Check, "c1") && stones.has(Kind::Check, "c2"));

        // And the other way: the phone's backup (made before the merge) into the laptop.
        let report = merge(&laptop, &phone_device());
        assert_eq!(bodies(&laptop), survivors);
        assert_eq!(check_ids(&laptop), ["c3"]);
        assert_eq!((report.added, report.updated, report.removed, report.not_restored), (1, 1, 1, 1));

        // Merging again changes nothing on either side.
        let again = merge(&phone, &laptop);
        assert_eq!((again.added, again.updated, again.removed, again.kept_both), (0, 0, 0, 0));
        assert_eq!(bodies(&phone), survivors);
        assert_eq!(bodies(&laptop), survivors);
    }

    #[test]
    fn a_backup_carries_tombstones_without_content_and_never_for_what_it_holds() {
        let store = device(&[versioned("a", "kept", 1, 1)], &[], &[(Kind::Entry, "b", 7), (Kind::Entry, "a", 3)]);
        let text = export(&backup_of_device(&store)).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 3);
        assert_eq!(v["deleted"], serde_json::json!({"entries": {"b": 7}}));
    }

    #[test]
    fn an_entry_deleted_here_by_mistake_comes_back_from_a_backup_only_when_asked() {
        let store = device(&[versioned("a", "keep", 1, 1), versioned("b", "deleted by mistake", 1, 1)], &["c1"], &[]);
        let backup = backup_of_device(&store);
        journal::delete_entry(&store, "b", 10).unwrap();
        tombstones::record(&store, Kind::Check, "c1", 10).unwrap();
        store.save(assessment::HISTORY_KEY, &History::default()).unwrap();
        let here = || tombstones::load(&store).unwrap();
        let entries = || journal::load(&store).unwrap().entries;
        let (entries, here) = (entries(), here());
        let plain = plan_merge(defaults_and(&entries, &History::default(), &here), &backup, 20, false);
        assert_eq!((plain.report.added, plain.report.not_restored, plain.report.checks_added), (0, 1, 0));
        let back = plan_merge(defaults_and(&entries, &History::default(), &here), &backup, 20, true);
        assert_eq!((back.report.added, back.report.not_restored, back.report.checks_added), (1, 0, 1));
        apply(&store, &back).unwrap();
        assert_eq!(bodies(&store).len(), 2);
        assert!(tombstones::load(&store).unwrap().is_empty(), "what came back is no longer marked deleted");
    }

    #[test]
    fn tombstones_older_than_a_year_are_pruned_by_a_merge() {
        let here = device(&[], &[], &[(Kind::Entry, "old", 1)]);
        let mut theirs = backup_of(vec![]);
        theirs.deleted.add(Kind::Entry, "recent", tombstones::KEEP_MS + 10);
        let deleted = tombstones::load(&here).unwrap();
        let p = plan_merge(defaults_and(&[], &History::default(), &deleted), &theirs, tombstones::KEEP_MS + 20, false);
        let merged = p.deleted.unwrap();
        assert!(merged.has(Kind::Entry, "recent") && !merged.has(Kind::Entry, "old"));
    }

    #[test]
    fn a_version_1_backup_without_tombstones_still_reads() {
        let text = edited(|v| {
            v["version"] = 1.into();
            v.as_object_mut().unwrap().remove("deleted");
        });
        assert_eq!(parse_and_validate(&text).unwrap(), sample());
        let bad = edited(|v| v["deleted"] = serde_json::json!({"entries": {"no spaces allowed": 1}}));
        assert!(matches!(parse_and_validate(&bad), Err(ImportError::Damaged { part: "list of deleted items", .. })));
    }

    // Applying.

    #[test]
    fn apply_updates_keeping_the_backups_revision_and_leaves_other_data_alone() {
        let store = Store::memory();
        journal::restore_entry(&store, &versioned("a", "old", 2, 200)).unwrap();
        journal::drafts::save_draft(
            &store,
            &journal::Window::arrive(None, "w".into()),
            &Draft {
                entry: versioned("z", "draft", 0, 0),
                base_rev: None,
            },
        )
        .unwrap();
        store.set_raw("other", "untouched").unwrap();
        let backup = backup_of(vec![versioned("a", "new", 5, 500)]);
        let p = plan_onto(&store, &backup);
        assert_eq!(apply(&store, &p).unwrap().updated, 1);
        assert_eq!(
            journal::load_entry(&store, "a").unwrap(),
            Some(versioned("a", "new", 5, 500))
        );
        assert_eq!(
            store.get_raw("other").unwrap().as_deref(),
            Some("untouched")
        );
        assert!(journal::drafts::load_draft(&store, "z", Some("w")).unwrap().is_some());
        assert_eq!(
            store.get_raw(settings::KEY).unwrap(),
            None,
            "default settings were written"
        );
    }

    #[test]
    fn restoring_many_entries_writes_each_record_once_and_the_index_once() {
        let backend = Rc::new(crate::vault::testing::FailingBackend::default());
        let store = Store::new(backend.clone(), &crate::storage::Namespace::default());
        journal::restore_entry(&store, &versioned("here", "already here", 1, 1)).unwrap();
        let n = 300;
        let backup = backup_of((0..n).map(|i| versioned(&format!("e{i:03}"), "restored", 1, i as u64)).collect());
        let p = plan_onto(&store, &backup);
        let before = backend.written();
        assert_eq!(apply(&store, &p).unwrap().added, n);
        // Each new record, then the index once (and the tombstones at most once):
        // not an index rewrite per entry, which made a restore of 2,000 take seconds.
        let writes = backend.written() - before;
        assert!(writes <= n + 2, "{writes} writes for {n} entries");
        let loaded = journal::load(&store).unwrap();
        assert_eq!(loaded.entries.len(), n + 1);
        let mut index = journal::repo::index(&store).unwrap();
        assert_eq!(index.len(), n + 1);
        index.sort();
        index.dedup();
        assert_eq!(index.len(), n + 1, "every id listed once");
    }

    #[test]
    fn apply_stops_at_the_first_storage_error_and_says_what_was_written() {
        let backend = Rc::new(Spy::default());
        let store = store_on(backend.clone());
        let backup = sample();
        let p = plan_into_empty(&backup);
        *backend.full_for.borrow_mut() = Some("journal.e.b2".into());
        let err = apply(&store, &p).unwrap_err();
        assert_eq!(
            err.cause,
            JournalError::Storage(crate::storage::StorageError::QuotaExceeded)
        );
        assert_eq!(
            err.done,
            ImportReport {
                added: 1,
                ..ImportReport::default()
            }
        );
        assert!(
            err.to_string().contains("Already imported: 1 entry added."),
            "{err}"
        );
        let loaded = journal::load(&store).unwrap();
        assert_eq!(
            loaded
                .entries
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            ["a1"]
        );
        assert_eq!(
            store.get_raw(guide::KEY).unwrap(),
            None,
            "it went on after the error"
        );
        assert!(snapshot(backend.as_ref()).keys().all(|k| !k.contains("b2")));
    }

    #[test]
    fn apply_never_overwrites_an_entry_changed_after_the_plan() {
        let store = Store::memory();
        journal::restore_entry(&store, &versioned("a", "old", 2, 200)).unwrap();
        let backup = backup_of(vec![versioned("a", "new", 5, 500)]);
        let p = plan_onto(&store, &backup);
        // Another tab saves in between.
        let mut edited = versioned("a", "edited meanwhile", 2, 250);
        edited.rev = 2;
        journal::save_entry(&store, &edited, Some(2)).unwrap();
        let err = apply(&store, &p).unwrap_err();
        assert_eq!(err.cause, JournalError::IdTaken("a".into()));
        assert_eq!(
            journal::load_entry(&store, "a").unwrap().unwrap().body,
            "edited meanwhile"
        );
    }
}
