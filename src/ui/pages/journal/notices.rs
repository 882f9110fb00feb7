//! The notes the list shows above the entries: undo, backup reminder, unreadable records.

use super::*;
use crate::browser;
use crate::journal::{
    self,
};
use crate::route::Route;
use crate::ui::components::Link;
use crate::ui::state::{use_app, use_journal, Notice};
use leptos::prelude::*;

/// "Entry deleted. Undo" after a delete.
#[component]
pub(super) fn UndoDelete() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let undo = move |_| {
        let Some(entry) = journal.deleted.get_untracked() else { return };
        match state.with_store(|s| journal::restore_entry(s, &entry)) {
            Some(Ok(restored)) => {
                journal.finder.update(|f| f.upsert(restored));
                journal.deleted.set(None);
            }
            Some(Err(err)) => state.notice.set(Some(journal_notice("The entry could not be put back", &err))),
            None => {}
        }
    };
    view! {
        <div role="status">
            {move || journal.deleted.get().map(|e| {
                let name = if e.title.trim().is_empty() { browser::format_date(e.created) } else { e.title.clone() };
                view! {
                    <div class="rt-notice rt-notice--inline">
                        <p>{format!("“{name}” was deleted.")}</p>
                        <button type="button" class="rt-button rt-button--quiet" on:click=undo>"Undo"</button>
                    </div>
                }
            })}
        </div>
    }
}

/// A gentle, dismissible reminder when there are entries and no recent backup.
#[component]
pub(super) fn BackupReminder() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let due = move || {
        let now = browser::now_ms();
        let oldest = journal.finder.with(|f| f.entries().map(|e| e.created).min());
        let (last_backup, dismissed) = state.settings.with(|s| (s.last_backup, s.backup_reminder_dismissed));
        let since = last_backup.or(oldest);
        let quiet = dismissed.is_some_and(|d| now.saturating_sub(d) < BACKUP_REMINDER_DAYS * DAY_MS);
        since.is_some_and(|t| now.saturating_sub(t) > BACKUP_REMINDER_DAYS * DAY_MS) && !quiet
    };
    view! {
        <Show when=due>
            <aside class="rt-notice rt-notice--inline" aria-label="Backup reminder">
                <p>
                    "Your journal lives only in this browser. It has been a while since your last backup: "
                    <Link to=Route::Settings>"save a copy in Settings"</Link>
                    " if you would like one."
                </p>
                <button type="button" class="rt-button rt-button--quiet"
                    on:click=move |_| state.settings.update(|s| s.backup_reminder_dismissed = Some(browser::now_ms()))>
                    "Not now"
                </button>
            </aside>
        </Show>
    }
}

/// Records that could not be read: named, left untouched, and exportable as they are.
#[component]
pub(super) fn UnreadableEntries() -> impl IntoView {
    let journal = use_journal();
    let state = use_app();
    view! {
        <Show when=move || journal.unreadable.with(|u| !u.is_empty())>
            <section class="rt-error" aria-labelledby="rt-unreadable-h">
                <h2 id="rt-unreadable-h">"Some entries could not be read"</h2>
                <p>
                    "They are still stored exactly as they were; nothing has been changed or removed. "
                    "You can save each one as a file to keep it safe."
                </p>
                <ul>
                    {move || journal.unreadable.get().into_iter().map(|u| {
                        let name = format!("unreadable-{}.txt", u.key.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
                        let raw = u.raw.clone();
                        view! {
                            <li>
                                <code>{u.key.clone()}</code>": "{u.reason.clone()}" "
                                <button type="button" class="rt-linklike" on:click=move |_| {
                                    if let Err(e) = browser::download(&name, "text/plain", &raw) {
                                        state.notice.set(Some(Notice { text: format!("The file could not be saved: {e}") }));
                                    }
                                }>"Save it as a file"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

