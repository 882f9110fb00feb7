//! The journal as the UI holds it: every entry ready for searching, the
//! records that could not be read, the last deleted entry for undo, and which
//! window this is (drafts belong to one window: see [`crate::journal::drafts`]).
//!
//! Nothing is read at start: the first screen that shows the journal (its own
//! screens, Settings, the summary) asks for it with [`JournalState::read`].
//! From then on it is kept current entry by entry: by the editor's saves, and
//! by storage events when another tab changes something. Reading and following
//! are reached only through `read`, so their code (decoding entries, the search
//! index) travels with those screens' WebAssembly parts, not Home's download.

use super::app::{AppState, Notice};
use crate::browser;
use crate::ids::new_id;
use crate::journal::{self, Entry, Finder, JournalKey, Unreadable, Window};
use crate::storage::{LocalBackend, Namespace, Store};
use leptos::prelude::*;
use std::rc::Rc;

/// The journal in memory. `Copy`, so it moves freely into closures.
#[derive(Clone, Copy)]
pub struct JournalState {
    pub finder: RwSignal<Finder>,
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// Whether the first read has happened.
    pub loaded: RwSignal<bool>,
    /// The entry deleted last, until undone or another one is deleted.
    pub deleted: RwSignal<Option<Entry>>,
    /// This page load, and the earlier loads of this tab: whose drafts are whose.
    pub window: StoredValue<Window>,
    /// How another tab's change reaches the journal, once it has been read.
    follow: StoredValue<Option<Follow>>,
}

/// Brings the journal up to date after another tab changed `key` (`None`:
/// anything may have changed).
type Follow = fn(JournalState, AppState, Option<JournalKey>);

impl JournalState {
    /// The journal of a newly opened app in `namespace`; this tab's
    /// sessionStorage (under the same namespace) says which window this is.
    pub fn new(namespace: &Namespace) -> Self {
        let tab = LocalBackend::open_tab().ok().map(|b| Store::new(Rc::new(b), namespace));
        let window = Window::start(tab.as_ref(), new_id(browser::now_ms(), browser::random_u64()));
        JournalState {
            finder: RwSignal::new(Finder::default()),
            unreadable: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            deleted: RwSignal::new(None),
            window: StoredValue::new(window),
            follow: StoredValue::new(None),
        }
    }

    /// Reads the journal if it hasn't been read since the app opened, and
    /// from then on follows other tabs' changes to it.
    pub fn read(&self, app: AppState) {
        if self.follow.get_value().is_none() {
            self.follow.set_value(Some(|journal, app, key| match key {
                Some(key) => journal.refresh(app, key),
                None => journal.load(app),
            }));
        }
        if !self.loaded.get_untracked() {
            self.load(app);
        }
    }

    /// Another tab changed `key` (`None`: anything may have changed). Until a
    /// screen has read the journal there is nothing to bring up to date.
    pub fn changed(&self, app: AppState, key: Option<JournalKey>) {
        if let Some(follow) = self.follow.get_value() {
            follow(*self, app, key);
        }
    }

    /// Reads every entry from storage, replacing what is held.
    pub fn load(&self, app: AppState) {
        match app.with_store(journal::load) {
            Some(Ok(loaded)) => {
                self.finder.set(Finder::new(loaded.entries));
                self.unreadable.set(loaded.unreadable);
            }
            Some(Err(err)) => app
                .notice
                .set(Some(Notice::from_error(crate::text::notices::get().journal_unreadable, &err))),
            None => return,
        }
        self.loaded.set(true);
    }

    /// Re-reads one entry after another tab changed it.
    pub fn refresh(&self, app: AppState, key: JournalKey) {
        if !self.loaded.get_untracked() {
            return;
        }
        match key {
            JournalKey::Entry(id) => match app.with_store(|s| journal::load_entry(s, &id)) {
                Some(Ok(Some(entry))) => self.finder.update(|f| f.upsert(entry)),
                Some(Ok(None)) => {
                    self.finder.update(|f| {
                        f.remove(&id);
                    });
                }
                // Unreadable now: read everything again so it is reported, not hidden.
                Some(Err(_)) => self.load(app),
                None => {}
            },
            // Another window's drafts come and go as it types and saves; they
            // are offered when an entry is opened, not while that window may
            // still be writing.
            JournalKey::Index | JournalKey::Draft(_) => {}
        }
    }
}

/// The journal state; provided by [`crate::ui::App`].
pub fn use_journal() -> JournalState {
    expect_context::<JournalState>()
}
