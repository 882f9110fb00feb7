//! The journal: the list with search and filters, the editor, and mood over time.

mod editor;
mod list;
mod moods;
mod notices;

pub use editor::{EditorPage, EditorPageProps};
pub use list::JournalPage;
pub use moods::MoodsPage;

use crate::browser;
use crate::ids::new_id;
use crate::journal::{self, Entry, JournalError};
use crate::route::Route;
use crate::ui::state::{use_app, use_journal, Notice};
use leptos::prelude::*;

/// How many entries the list shows before "Show more".
pub(super) const PAGE: usize = 50;
pub(super) const DAY_MS: u64 = 86_400_000;

/// Starts a new entry (optionally about a guide step's prompt) and opens it.
pub fn start_entry(step: Option<String>, prompt: Option<String>) {
    let state = use_app();
    let window = use_journal().window;
    let now = browser::now_ms();
    let id = new_id(now, browser::random_u64());
    if step.is_some() {
        // Kept as this window's draft straight away, so the link survives a
        // reload before the first word.
        let mut entry = Entry::new(id.clone(), now);
        entry.step = step;
        entry.prompt = prompt;
        let draft = journal::Draft { entry, base_rev: None };
        let saved = state.with_store(|s| window.with_value(|w| journal::drafts::save_draft(s, w, &draft)));
        if let Some(Err(err)) = saved {
            state.notice.set(Some(journal_notice(crate::text::journal_editor::get().start_failed, &err)));
            return;
        }
    }
    state.go(Route::JournalEntry(id));
}

pub(super) fn journal_notice(what: &str, err: &JournalError) -> Notice {
    match err {
        JournalError::Storage(e) => Notice::from_error(what, e),
        other => Notice { text: crate::text::journal_common::get().error_with_reason(other, what) },
    }
}

