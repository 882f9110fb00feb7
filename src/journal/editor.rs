//! The journal editor's working state as a plain type, so every rule is
//! tested natively and the editor screen only wires fields and buttons to it.
//!
//! An [`EditorSession`] holds one entry being written in one window: what is
//! typed and what is saved; a draft of every change at once (so a crash loses
//! nothing), a save after a quiet moment, on "Save now", and when the window
//! hides or the person leaves; a conflict when another window saved the same
//! entry meanwhile, with its three ways out (keep both, keep mine, use theirs);
//! and the drafts other windows left behind, offered back. Time comes from an
//! injected [`Clock`]. Whose draft is whose is explained in [`super::drafts`].

use super::drafts::{self, Draft, Found, Window};
use super::entry::Entry;
use super::repo::{self, JournalError, SaveOutcome};
use crate::storage::{StorageError, Store};

/// Quiet time after typing before an automatic save.
pub const AUTOSAVE_MS: u64 = 1200;

/// Where the session reads the time (ms since 1970).
pub trait Clock {
    fn now_ms(&self) -> u64;
}

impl<F: Fn() -> u64> Clock for F {
    fn now_ms(&self) -> u64 {
        self()
    }
}

/// What the editor says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Nothing typed since the entry was opened.
    Idle,
    /// Typed and kept as a draft, not saved yet.
    Pending,
    /// Saved at this time.
    Saved(u64),
    /// Another window saved this entry meanwhile: nothing is saved until the
    /// person chooses ([`EditorSession::conflict`]).
    Conflict,
    /// The browser's storage is full: not saved, the words are still on screen.
    Full,
    /// Not saved, for this reason; the words are still on screen.
    NotSaved(String),
    /// Even the draft could not be kept, for this reason: the words are only on screen.
    DraftNotKept(String),
}

impl Status {
    fn is_problem(&self) -> bool {
        matches!(
            self,
            Status::Conflict | Status::Full | Status::NotSaved(_) | Status::DraftNotKept(_)
        )
    }
}

/// One entry being written in one window.
pub struct EditorSession {
    store: Store,
    window: Window,
    clock: Box<dyn Clock>,
    /// The entry as last saved or opened: its id, creation time and rev.
    base: Entry,
    /// The rev the words on screen were started from, for conflict detection;
    /// `None` while the entry has never been saved.
    base_rev: Option<u32>,
    is_new: bool,
    /// The entry as typed most recently.
    typed: Entry,
    /// Typed and not saved.
    dirty: bool,
    last_edit: u64,
    /// The version another window saved, while the person has not chosen.
    conflict: Option<Entry>,
    /// Unsaved words of this window were found and put back on opening.
    restored: bool,
    /// Other windows' drafts of this entry, holding words that are not saved.
    offers: Vec<Found>,
    status: Status,
}

impl EditorSession {
    /// Opens entry `id` (a new one when nothing is stored under it) in `window`.
    ///
    /// This window's own draft (from before a reload or crash, or from an
    /// earlier version's shared key) is put back in place and made this
    /// load's; one that is stale shows the conflict at once. Other windows'
    /// drafts with unsaved words are offered ([`EditorSession::offers`]), never
    /// removed here. An entry that cannot be read is an error, and left as it is.
    pub fn open(
        store: Store,
        window: Window,
        id: &str,
        clock: Box<dyn Clock>,
    ) -> Result<Self, StorageError> {
        let now = clock.now_ms();
        let saved = repo::load_entry(&store, id)?;
        let mut own = Vec::new();
        let mut offers = Vec::new();
        for found in drafts::drafts_of(&store, id)? {
            match window.recency(found.owner.as_deref()) {
                Some(rank) => own.push((rank, found)),
                None if found.draft.has_unsaved_words(saved.as_ref()) => offers.push(found),
                None => {}
            }
        }
        own.sort_by_key(|(rank, _)| *rank);

        let base = saved
            .clone()
            .unwrap_or_else(|| Entry::new(id.to_string(), now));
        let mut session = EditorSession {
            base_rev: saved.as_ref().map(|s| s.rev),
            is_new: saved.is_none(),
            typed: base.clone(),
            base,
            store,
            window,
            clock,
            dirty: false,
            last_edit: now,
            conflict: None,
            restored: false,
            offers,
            status: Status::Idle,
        };
        let mut chosen = false;
        for (_, found) in own {
            let words = found.draft.has_unsaved_words(saved.as_ref());
            if !chosen && (words || saved.is_none()) {
                // A never-saved entry's draft without words still carries its
                // link to a guide step ("Write about this"), so it is used too.
                chosen = true;
                let _ = drafts::take_over(&session.store, &session.window, &found);
                session.typed = found.draft.entry;
                session.base_rev = found.draft.base_rev;
                session.restored = words;
                session.dirty = words;
                if words {
                    session.status = Status::Pending;
                }
            } else if words {
                // A second draft of this window with words: offered, not dropped.
                session.offers.push(found);
            } else {
                let _ = drafts::discard_draft(&session.store, id, found.owner.as_deref());
            }
        }
        if session.restored {
            session.check_against(saved);
        }
        Ok(session)
    }

    pub fn id(&self) -> &str {
        &self.base.id
    }

    /// The entry as typed.
    pub fn typed(&self) -> &Entry {
        &self.typed
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Never saved yet.
    pub fn is_new(&self) -> bool {
        self.is_new
    }

    /// Typed and not saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Whether this window's unsaved words were put back on opening (not a
    /// blank draft: only words).
    pub fn restored(&self) -> bool {
        self.restored
    }

    /// The version another window saved, while the person chooses what to keep.
    pub fn conflict(&self) -> Option<&Entry> {
        self.conflict.as_ref()
    }

    /// Other windows' unsaved words for this entry, to bring back or discard.
    pub fn offers(&self) -> &[Found] {
        &self.offers
    }

    /// A change typed by the person: kept as a draft at once, saved after a
    /// quiet moment ([`EditorSession::tick`]). `change` edits the entry as typed.
    pub fn edit(&mut self, change: impl FnOnce(&mut Entry)) {
        change(&mut self.typed);
        // The form cannot change who the entry is.
        self.typed.id.clone_from(&self.base.id);
        self.typed.created = self.base.created;
        self.dirty = true;
        self.last_edit = self.clock.now_ms();
        match self.keep_draft() {
            Err(err) => self.status = Status::DraftNotKept(err.to_string()),
            Ok(()) => {
                if matches!(self.status, Status::DraftNotKept(_)) || !self.status.is_problem() {
                    self.status = Status::Pending;
                }
            }
        }
    }

    fn keep_draft(&self) -> Result<(), JournalError> {
        let draft = Draft {
            entry: self.typed.clone(),
            base_rev: self.base_rev,
        };
        drafts::save_draft(&self.store, &self.window, &draft)
    }

    /// Saves what is typed ("Save now"), returning the entry as stored when a
    /// save happened. Nothing happens while a conflict waits for the person's
    /// choice, when nothing changed, or for a new entry with nothing written.
    pub fn save(&mut self) -> Option<Entry> {
        if self.conflict.is_some() || !self.dirty || (self.is_new && self.typed.is_blank()) {
            return None;
        }
        let mut mine = self.typed.clone();
        mine.updated = self.clock.now_ms();
        match repo::save_entry(&self.store, &mine, self.base_rev) {
            Ok(SaveOutcome::Saved(entry)) => {
                self.base_rev = Some(entry.rev);
                self.base = entry.clone();
                self.typed.rev = entry.rev;
                self.is_new = false;
                self.dirty = false;
                let _ = drafts::discard_if_saved(&self.store, &self.window, &entry);
                self.status = Status::Saved(entry.updated);
                Some(entry)
            }
            Ok(SaveOutcome::Conflict { theirs }) => {
                self.conflict = Some(theirs);
                self.status = Status::Conflict;
                None
            }
            Err(JournalError::Storage(StorageError::QuotaExceeded)) => {
                self.status = Status::Full;
                None
            }
            Err(err) => {
                self.status = Status::NotSaved(why_not_saved(&err));
                None
            }
        }
    }

    /// The automatic save: saves when something is typed and the person has
    /// paused for [`AUTOSAVE_MS`]; otherwise does nothing.
    pub fn tick(&mut self) -> Option<Entry> {
        let quiet = self.clock.now_ms().saturating_sub(self.last_edit) >= AUTOSAVE_MS;
        if self.dirty && quiet {
            self.save()
        } else {
            None
        }
    }

    /// The window is hidden or closing: saves, and whatever could not be saved
    /// (a conflict open, storage full) is kept as this window's draft, to be
    /// offered back the next time the entry is opened.
    pub fn hide(&mut self) -> Option<Entry> {
        let saved = self.save();
        if self.dirty {
            let _ = self.keep_draft();
        }
        saved
    }

    /// The words on screen that are neither saved nor kept as a draft (the
    /// storage refused both), as a draft to keep elsewhere; `None` when
    /// nothing typed is at risk.
    pub fn unsaved(&self) -> Option<Draft> {
        self.dirty.then(|| Draft {
            entry: self.typed.clone(),
            base_rev: self.base_rev,
        })
    }

    /// The person leaves the editor: as [`EditorSession::hide`], and an
    /// untouched new entry leaves nothing behind.
    pub fn leave(&mut self) -> Option<Entry> {
        let saved = self.hide();
        if self.is_new && self.typed.is_blank() {
            let _ = drafts::discard_draft(&self.store, self.id(), Some(self.window.id()));
            self.dirty = false;
        }
        saved
    }

    /// Compares the words now on screen with what is stored: a version saved
    /// elsewhere since they were started is a conflict.
    fn check_against(&mut self, stored: Option<Entry>) {
        match stored {
            Some(stored) if self.base_rev != Some(stored.rev) => {
                self.is_new = false;
                self.conflict = Some(stored);
                self.status = Status::Conflict;
            }
            Some(stored) => {
                self.is_new = false;
                self.base = stored;
            }
            None => {}
        }
    }

    /// Conflict resolved by keeping what is on screen over the other version.
    pub fn keep_mine(&mut self) -> Option<Entry> {
        let theirs = self.conflict.take()?;
        self.base_rev = Some(theirs.rev);
        self.base.rev = theirs.rev;
        self.typed.rev = theirs.rev;
        self.is_new = false;
        self.dirty = true;
        // Should the save fail, the draft already starts from their version.
        let _ = self.keep_draft();
        self.save()
    }

    /// Conflict resolved by taking the other version: the words on screen are
    /// replaced by it and this window's draft goes. Returns the version now shown.
    pub fn take_theirs(&mut self) -> Option<Entry> {
        let theirs = self.conflict.take()?;
        let _ = drafts::discard_draft(&self.store, self.id(), Some(self.window.id()));
        self.base = theirs.clone();
        self.base_rev = Some(theirs.rev);
        self.typed = theirs.clone();
        self.is_new = false;
        self.dirty = false;
        self.status = Status::Saved(theirs.updated);
        Some(theirs)
    }

    /// Conflict resolved by keeping both: the words on screen are saved as a
    /// new entry under `new_id`, titled as a copy, and the other version stays.
    /// Returns the entry holding the words on screen, for the editor to open.
    pub fn keep_both(&mut self, new_id: String) -> Option<Entry> {
        let theirs = self.conflict.clone()?;
        match repo::keep_both(&self.store, &self.typed, &theirs, new_id) {
            Ok(copy) => {
                let _ = drafts::discard_draft(&self.store, self.id(), Some(self.window.id()));
                self.conflict = None;
                self.dirty = false;
                self.status = Status::Saved(copy.updated);
                Some(copy)
            }
            Err(JournalError::Storage(StorageError::QuotaExceeded)) => {
                self.status = Status::Full;
                None
            }
            Err(err) => {
                self.status = Status::NotSaved(why_not_saved(&err));
                None
            }
        }
    }

    /// Brings another window's unsaved words (offer `index`) into the editor,
    /// as this window's draft. Words on screen that are not saved are saved
    /// first; when that is not possible the offer waits and `false` says so.
    /// Words started from an older version show the conflict choice at once.
    pub fn bring_back(&mut self, index: usize) -> bool {
        if index >= self.offers.len() || self.conflict.is_some() {
            return false;
        }
        if self.dirty && !(self.is_new && self.typed.is_blank()) {
            self.save();
            if self.dirty {
                return false;
            }
        }
        let found = self.offers.remove(index);
        if let Err(err) = drafts::take_over(&self.store, &self.window, &found) {
            self.status = Status::DraftNotKept(err.to_string());
            self.offers.insert(index, found);
            return false;
        }
        self.typed = found.draft.entry;
        self.base_rev = found.draft.base_rev;
        self.dirty = true;
        self.last_edit = self.clock.now_ms();
        self.status = Status::Pending;
        match repo::load_entry(&self.store, self.id()) {
            Ok(stored) => self.check_against(stored),
            Err(err) => self.status = Status::NotSaved(err.to_string()),
        }
        true
    }

    /// Discards another window's unsaved words (offer `index`), as the person
    /// chose. If that window wrote more since they were offered, nothing is
    /// removed and the offers are read again, so new words are shown first.
    pub fn discard_offer(&mut self, index: usize) -> Result<(), StorageError> {
        let Some(found) = self.offers.get(index) else {
            return Ok(());
        };
        if drafts::discard_offered(&self.store, found)? {
            self.offers.remove(index);
            Ok(())
        } else {
            self.refresh_offers()
        }
    }

    /// Reads other windows' drafts of this entry again (after a storage event).
    pub fn refresh_offers(&mut self) -> Result<(), StorageError> {
        let saved = repo::load_entry(&self.store, self.id()).ok().flatten();
        self.offers = drafts::drafts_of(&self.store, self.id())?
            .into_iter()
            .filter(|f| {
                !self.window.owns(f.owner.as_deref()) && f.draft.has_unsaved_words(saved.as_ref())
            })
            .collect();
        Ok(())
    }

    /// Deletes the entry (a new one is simply dropped) and this window's
    /// draft; returns the deleted entry, for undo. On failure nothing changed.
    pub fn delete(&mut self) -> Result<Option<Entry>, JournalError> {
        let removed = if self.is_new {
            None
        } else {
            repo::delete_entry(&self.store, self.id(), self.clock.now_ms())?
        };
        let _ = drafts::discard_draft(&self.store, self.id(), Some(self.window.id()));
        self.dirty = false;
        self.conflict = None;
        self.typed = Entry::new(self.base.id.clone(), self.base.created);
        Ok(removed)
    }
}

/// Why a save was refused, for the line that already says "Not saved": an
/// entry's own limit says just what to change, without "this entry can't be
/// saved" in front of it a second time.
fn why_not_saved(err: &JournalError) -> String {
    match err {
        JournalError::Invalid(invalid) => invalid.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::drafts::{draft_key, load_draft};
    use crate::journal::testing::{entry, store_on};
    use crate::journal::{load, load_entry};
    use crate::storage::MemoryBackend;
    use std::cell::Cell;
    use std::rc::Rc;

    /// A clock the test moves by hand.
    #[derive(Clone, Default)]
    struct TestClock(Rc<Cell<u64>>);

    impl TestClock {
        fn at(ms: u64) -> Self {
            let c = Self::default();
            c.0.set(ms);
            c
        }
        fn advance(&self, ms: u64) {
            self.0.set(self.0.get() + ms);
        }
        fn boxed(&self) -> Box<dyn Clock> {
            let c = self.0.clone();
            Box::new(move || c.get())
        }
    }

    /// An empty store and a clock at zero.
    fn fresh() -> (Store, TestClock) {
        (Store::memory(), TestClock::at(0))
    }

    fn window(id: &str) -> Window {
        Window::arrive(None, id.into())
    }

    fn open(store: &Store, win: &Window, id: &str, clock: &TestClock) -> EditorSession {
        EditorSession::open(store.clone(), win.clone(), id, clock.boxed()).unwrap()
    }

    fn write(s: &mut EditorSession, body: &str) {
        s.edit(|e| e.body = body.into());
    }

    /// A saved entry "e" with `body`, opened in windows "a" and "b".
    fn two_windows(store: &Store, clock: &TestClock, body: &str) -> (EditorSession, EditorSession) {
        let mut first = open(store, &window("first"), "e", clock);
        write(&mut first, body);
        first.save().unwrap();
        (
            open(store, &window("a"), "e", clock),
            open(store, &window("b"), "e", clock),
        )
    }

    fn own_draft(store: &Store, s: &EditorSession, win: &str) -> Option<Draft> {
        load_draft(store, s.id(), Some(win)).unwrap()
    }

    #[test]
    fn typing_keeps_a_draft_at_once_and_saves_after_a_quiet_moment() {
        let store = Store::memory();
        let clock = TestClock::at(10_000);
        let w = window("w");
        let mut s = open(&store, &w, "e", &clock);
        assert_eq!(
            (s.status(), s.is_new(), s.restored()),
            (&Status::Idle, true, false)
        );
        write(&mut s, "half a thought");
        assert_eq!(s.status(), &Status::Pending);
        assert_eq!(
            own_draft(&store, &s, "w").unwrap().entry.body,
            "half a thought"
        );
        clock.advance(AUTOSAVE_MS - 1);
        assert_eq!(s.tick(), None, "saved before the pause");
        clock.advance(1);
        let saved = s.tick().unwrap();
        assert_eq!(
            (saved.body.as_str(), saved.rev, saved.updated),
            ("half a thought", 1, 10_000 + AUTOSAVE_MS)
        );
        assert_eq!(s.status(), &Status::Saved(10_000 + AUTOSAVE_MS));
        assert_eq!(own_draft(&store, &s, "w"), None, "the saved draft stayed");
        assert_eq!(s.tick(), None, "nothing new to save");
    }

    #[test]
    fn too_many_tags_is_not_saved_says_what_to_change_and_keeps_every_tag_typed() {
        let (store, clock) = fresh();
        let mut s = open(&store, &window("w"), "e", &clock);
        let tags: Vec<String> = (0..21).map(|i| format!("tag{i}")).collect();
        s.edit(|e| {
            e.body = "words".into();
            e.tags = tags.clone();
        });
        assert_eq!(s.save(), None);
        assert_eq!(s.status(), &Status::NotSaved("an entry can have at most 20 tags, this one has 21".into()));
        assert_eq!(s.typed().tags, tags, "nothing typed is dropped");
        assert_eq!(load_entry(&store, "e").unwrap(), None, "and nothing stored");
    }

    #[test]
    fn words_typed_after_another_window_turned_the_lock_on_are_never_written_readable() {
        use crate::storage::Backend;
        use crate::vault::testing::{key, params, CountingRandom};
        let backend = Rc::new(MemoryBackend::default());
        let plain = Store::new(backend.clone(), &crate::storage::Namespace::default());
        // The store this window's open app writes through while no lock is set.
        let app = crate::vault::plain_app_store(&plain);
        let clock = TestClock::at(0);
        let mut s = open(&app, &window("w"), "e", &clock);
        write(&mut s, "written before the lock");
        clock.advance(AUTOSAVE_MS);
        assert!(s.tick().is_some());
        // Another window turns the lock on: every record there is sealed.
        crate::vault::lock(&plain, &key(1), params(), &CountingRandom::default()).unwrap();
        // This window has not heard yet; the person types on, then the app closes.
        write(&mut s, "typed after the lock was set");
        assert_eq!(s.leave(), None);
        for k in backend.keys().unwrap() {
            let value = backend.get(&k).unwrap().unwrap_or_default();
            assert!(!value.contains("typed after"), "{k} holds the words readable: {value}");
            assert!(!value.contains("written before"), "{k} holds the words readable: {value}");
        }
        // Nothing written, nothing lost: the words stay with the editor, to be kept once unlocked.
        assert!(matches!(s.status(), Status::NotSaved(_) | Status::DraftNotKept(_)), "{:?}", s.status());
        assert_eq!(s.unsaved().map(|d| d.entry.body), Some("typed after the lock was set".to_string()));
    }

    #[test]
    fn each_keystroke_restarts_the_quiet_time() {
        let (store, clock) = fresh();
        let mut s = open(&store, &window("w"), "e", &clock);
        write(&mut s, "a");
        clock.advance(1000);
        write(&mut s, "ab");
        clock.advance(1000);
        assert_eq!(s.tick(), None);
        clock.advance(200);
        assert_eq!(s.tick().unwrap().body, "ab");
    }

    #[test]
    fn a_new_entry_with_nothing_written_is_never_saved_and_leaves_nothing_behind() {
        let (store, clock) = fresh();
        let mut s = open(&store, &window("w"), "e", &clock);
        s.edit(|e| e.body = "  ".into());
        clock.advance(AUTOSAVE_MS);
        assert_eq!(s.tick(), None);
        assert_eq!(s.save(), None);
        assert_eq!(s.leave(), None);
        assert!(store.keys().unwrap().is_empty(), "{:?}", store.keys());
    }

    #[test]
    fn hiding_or_leaving_saves_what_is_pending_at_once() {
        let (store, clock) = fresh();
        let mut s = open(&store, &window("w"), "e", &clock);
        write(&mut s, "typed just before leaving");
        assert_eq!(s.hide().unwrap().body, "typed just before leaving");
        write(&mut s, "and a little more");
        assert_eq!(s.leave().unwrap().body, "and a little more");
        assert!(store
            .keys()
            .unwrap()
            .iter()
            .all(|k| !k.starts_with("journal.draft.")));
    }

    #[test]
    fn a_reload_puts_this_windows_unsaved_words_back_and_says_so() {
        let (store, clock) = fresh();
        let before = window("load1");
        let mut s = open(&store, &before, "e", &clock);
        write(&mut s, "saved");
        s.save();
        write(&mut s, "saved, then more");
        // The tab crashed before any save; the same tab loads again.
        let after = Window::arrive(Some(&before.to_remember()), "load2".into());
        let s2 = open(&store, &after, "e", &clock);
        assert!(s2.restored());
        assert_eq!(s2.typed().body, "saved, then more");
        assert_eq!(s2.status(), &Status::Pending);
        assert!(s2.offers().is_empty());
        assert_eq!(
            store.keys().unwrap(),
            ["journal.draft.e.load2", "journal.e.e", "journal.index"]
        );
    }

    #[test]
    fn an_entry_opened_empty_from_a_guide_prompt_keeps_its_link_and_says_nothing_was_restored() {
        let (store, clock) = fresh();
        let w = window("w");
        let mut started = Entry::new("e".into(), 0);
        started.step = Some("listen".into());
        started.prompt = Some("p1".into());
        drafts::save_draft(
            &store,
            &w,
            &Draft {
                entry: started,
                base_rev: None,
            },
        )
        .unwrap();
        let mut s = open(&store, &w, "e", &clock);
        assert!(
            !s.restored(),
            "a blank draft was announced as restored words"
        );
        assert_eq!(s.status(), &Status::Idle);
        assert_eq!(s.typed().step.as_deref(), Some("listen"));
        write(&mut s, "my answer");
        assert_eq!(s.save().unwrap().prompt.as_deref(), Some("p1"));
    }

    #[test]
    fn a_draft_under_the_shared_key_of_earlier_versions_is_taken_back() {
        let (store, clock) = fresh();
        let old = Draft {
            entry: entry("e", 5, "From before", "written before the update"),
            base_rev: None,
        };
        store.save(&draft_key("e", None), &old).unwrap();
        let mut s = open(&store, &window("w"), "e", &clock);
        assert!(s.restored());
        assert_eq!(s.typed().body, "written before the update");
        assert_eq!(
            store.keys().unwrap(),
            ["journal.draft.e.w"],
            "not moved to this window's key"
        );
        assert_eq!(s.save().unwrap().title, "From before");
    }

    #[test]
    fn a_save_from_a_stale_window_is_a_conflict_and_overwrites_nothing() {
        let (store, clock) = fresh();
        let (mut a, mut b) = two_windows(&store, &clock, "original");
        write(&mut a, "A's words");
        let from_a = a.save().unwrap();
        write(&mut b, "B's words");
        clock.advance(AUTOSAVE_MS);
        assert_eq!(b.tick(), None);
        assert_eq!(b.status(), &Status::Conflict);
        assert_eq!(b.conflict(), Some(&from_a));
        assert_eq!(load_entry(&store, "e").unwrap(), Some(from_a));
        // Until the person chooses, nothing is saved, and the words stay in B's draft.
        write(&mut b, "B's words, and more");
        assert_eq!(b.save(), None);
        assert_eq!(b.status(), &Status::Conflict);
        assert_eq!(
            own_draft(&store, &b, "b").unwrap().entry.body,
            "B's words, and more"
        );
    }

    fn conflicted(store: &Store, clock: &TestClock) -> (EditorSession, Entry) {
        let (mut a, mut b) = two_windows(store, clock, "original");
        write(&mut a, "A's words");
        let theirs = a.save().unwrap();
        write(&mut b, "B's words");
        assert_eq!(b.save(), None);
        (b, theirs)
    }

    #[test]
    fn keep_mine_saves_over_the_other_version() {
        let (store, clock) = fresh();
        let (mut b, theirs) = conflicted(&store, &clock);
        let saved = b.keep_mine().unwrap();
        assert_eq!(
            (saved.body.as_str(), saved.rev),
            ("B's words", theirs.rev + 1)
        );
        assert_eq!(b.conflict(), None);
        assert_eq!(own_draft(&store, &b, "b"), None);
        write(&mut b, "B goes on");
        assert_eq!(b.save().unwrap().rev, theirs.rev + 2);
    }

    #[test]
    fn use_theirs_shows_the_other_version_and_drops_only_this_windows_draft() {
        let (store, clock) = fresh();
        let (mut b, theirs) = conflicted(&store, &clock);
        assert_eq!(b.take_theirs(), Some(theirs.clone()));
        assert_eq!(b.typed(), &theirs);
        assert!(!b.is_dirty());
        assert_eq!(own_draft(&store, &b, "b"), None);
        write(&mut b, "B, from their version");
        assert_eq!(b.save().unwrap().rev, theirs.rev + 1);
    }

    #[test]
    fn keep_both_saves_mine_as_a_copy_and_leaves_theirs() {
        let (store, clock) = fresh();
        let (mut b, theirs) = conflicted(&store, &clock);
        let copy = b.keep_both("e-copy".into()).unwrap();
        assert_eq!(
            (copy.id.as_str(), copy.body.as_str(), copy.title.as_str()),
            ("e-copy", "B's words", "Copy")
        );
        assert_eq!(load_entry(&store, "e").unwrap(), Some(theirs));
        assert_eq!(load(&store).unwrap().entries.len(), 2);
        assert_eq!(own_draft(&store, &b, "b"), None);
        assert_eq!(b.conflict(), None);
    }

    #[test]
    fn a_resolution_that_cannot_be_saved_keeps_the_words_and_says_why() {
        let probe = Store::memory();
        let clock = TestClock::at(0);
        let (b, _) = conflicted(&probe, &clock);
        drop(b);
        let room = probe.used_chars().unwrap();
        let store = store_on(Rc::new(MemoryBackend::with_quota(room + 10)));
        let (mut b, _) = conflicted(&store, &clock);
        assert_eq!(b.keep_both("e-copy".into()), None);
        assert_eq!(b.status(), &Status::Full);
        assert!(b.conflict().is_some(), "the choice went away");
        assert_eq!(b.typed().body, "B's words");
    }

    #[test]
    fn full_storage_keeps_the_words_on_screen_and_in_the_draft() {
        let probe = Store::memory();
        let clock = TestClock::at(0);
        let mut p = open(&probe, &window("w"), "e", &clock);
        write(&mut p, "fits");
        let store = store_on(Rc::new(MemoryBackend::with_quota(
            probe.used_chars().unwrap() + 5,
        )));
        let mut s = open(&store, &window("w"), "e", &clock);
        write(&mut s, "fits");
        assert_eq!(s.save(), None);
        assert_eq!(s.status(), &Status::Full);
        assert!(s.is_dirty());
        assert_eq!(own_draft(&store, &s, "w").unwrap().entry.body, "fits");
        write(&mut s, &"far too long for what is left ".repeat(20));
        assert!(
            matches!(s.status(), Status::DraftNotKept(_)),
            "{:?}",
            s.status()
        );
        assert_eq!(s.typed().body.len(), 600);
    }

    /// The fault of issue #22: two windows autosaving one entry; the one with
    /// the conflict open is closed; its words must come back.
    #[test]
    fn the_words_of_a_window_closed_with_a_conflict_open_are_offered_when_the_entry_is_next_opened()
    {
        let (store, clock) = fresh();
        let (mut a, mut b) = two_windows(&store, &clock, "original");
        write(&mut a, "A's words");
        write(&mut b, "B's newer words");
        clock.advance(AUTOSAVE_MS);
        let from_a = a.tick().unwrap();
        assert_eq!(b.tick(), None);
        assert_eq!(b.status(), &Status::Conflict);
        // B is closed while the choice is open; A leaves too.
        b.hide();
        drop(b);
        a.leave();

        let mut c = open(&store, &window("c"), "e", &clock);
        assert_eq!(c.typed().body, "A's words");
        assert!(!c.restored());
        let offered: Vec<&str> = c
            .offers()
            .iter()
            .map(|f| f.draft.entry.body.as_str())
            .collect();
        assert_eq!(offered, ["B's newer words"]);
        // Opening never removes them; bringing them back starts from A's version, so the choice shows.
        assert!(c.bring_back(0));
        assert_eq!(c.typed().body, "B's newer words");
        assert_eq!(c.conflict(), Some(&from_a));
        assert!(c.offers().is_empty());
        assert_eq!(
            store.keys().unwrap(),
            ["journal.draft.e.c", "journal.e.e", "journal.index"]
        );
        let copy = c.keep_both("e-2".into()).unwrap();
        assert_eq!(copy.body, "B's newer words");
        assert_eq!(load_entry(&store, "e").unwrap().unwrap().body, "A's words");
    }

    #[test]
    fn an_offer_is_removed_only_when_the_person_discards_it() {
        let (store, clock) = fresh();
        let (_a, mut b) = two_windows(&store, &clock, "original");
        write(&mut b, "B's unsaved words");
        drop(b); // crashed: no hide, no leave
        for _ in 0..2 {
            let c = open(&store, &window("c"), "e", &clock);
            assert_eq!(c.offers().len(), 1);
        }
        let mut c = open(&store, &window("c"), "e", &clock);
        c.discard_offer(0).unwrap();
        assert!(c.offers().is_empty());
        assert!(drafts::drafts_of(&store, "e").unwrap().is_empty());
    }

    #[test]
    fn discarding_an_offer_whose_window_wrote_more_since_removes_nothing() {
        let (store, clock) = fresh();
        let (_a, mut b) = two_windows(&store, &clock, "original");
        write(&mut b, "first");
        let mut c = open(&store, &window("c"), "e", &clock);
        write(&mut b, "first, then more");
        c.discard_offer(0).unwrap();
        assert_eq!(c.offers().len(), 1);
        assert_eq!(c.offers()[0].draft.entry.body, "first, then more");
        assert_eq!(
            own_draft(&store, &b, "b").unwrap().entry.body,
            "first, then more"
        );
    }

    #[test]
    fn bringing_words_back_first_saves_the_words_on_screen() {
        let (store, clock) = fresh();
        let (mut a, mut b) = two_windows(&store, &clock, "original");
        write(&mut b, "B's words");
        let mut c = open(&store, &window("c"), "e", &clock);
        write(&mut c, "C's words");
        assert!(c.bring_back(0));
        assert_eq!(load_entry(&store, "e").unwrap().unwrap().body, "C's words");
        assert_eq!(c.typed().body, "B's words");
        assert!(
            c.conflict().is_some(),
            "B's words started from the original, C saved since"
        );
        // With a conflict open, another offer waits.
        write(&mut a, "A's words");
        a.hide();
        c.refresh_offers().unwrap();
        assert_eq!(c.offers().len(), 1);
        assert!(!c.bring_back(0));
        assert_eq!(c.typed().body, "B's words");
    }

    #[test]
    fn drafts_of_this_window_that_say_what_is_saved_are_removed_on_opening() {
        let (store, clock) = fresh();
        let w = window("w");
        let mut s = open(&store, &w, "e", &clock);
        write(&mut s, "same");
        let saved = s.save().unwrap();
        drafts::save_draft(
            &store,
            &w,
            &Draft {
                entry: saved,
                base_rev: Some(1),
            },
        )
        .unwrap();
        let s = open(&store, &w, "e", &clock);
        assert!(!s.restored());
        assert!(drafts::drafts_of(&store, "e").unwrap().is_empty());
    }

    #[test]
    fn a_stale_draft_of_this_window_shows_the_conflict_on_opening() {
        let (store, clock) = fresh();
        let (mut a, mut b) = two_windows(&store, &clock, "original");
        write(&mut b, "B's words");
        write(&mut a, "A's words");
        let theirs = a.save().unwrap();
        // B reloads before its autosave.
        let b2 = open(&store, &Window::arrive(Some("b"), "b2".into()), "e", &clock);
        assert!(b2.restored());
        assert_eq!(b2.status(), &Status::Conflict);
        assert_eq!(b2.conflict(), Some(&theirs));
    }

    #[test]
    fn delete_removes_the_entry_and_this_windows_draft_only() {
        let (store, clock) = fresh();
        let (mut a, mut b) = two_windows(&store, &clock, "original");
        write(&mut b, "B's words");
        write(&mut a, "A's words");
        assert_eq!(a.delete().unwrap().unwrap().body, "original");
        assert_eq!(a.leave(), None, "deleted words were saved on leaving");
        assert_eq!(load_entry(&store, "e").unwrap(), None);
        assert_eq!(own_draft(&store, &a, "a"), None);
        assert_eq!(own_draft(&store, &b, "b").unwrap().entry.body, "B's words");
    }

    #[test]
    fn the_form_cannot_change_which_entry_it_is() {
        let store = Store::memory();
        let clock = TestClock::at(7);
        let mut s = open(&store, &window("w"), "e", &clock);
        s.edit(|e| {
            e.id = "other".into();
            e.created = 1;
            e.body = "x".into();
        });
        let saved = s.save().unwrap();
        assert_eq!((saved.id.as_str(), saved.created), ("e", 7));
    }
}
