//! Keeping two tabs in step: when another tab saves, the browser fires a
//! `storage` event here, and the changed record is read again.

use super::app::AppState;
use super::journal::JournalState;
use super::session::Session;
use crate::journal;
use crate::vault::{self, VaultStatus};
use leptos::prelude::*;

/// Listens for changes other tabs make under this app's namespace.
pub fn follow_other_tabs(state: AppState, journal: JournalState) {
    let session = state.session;
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(full_key) = ev.key() else {
            // `localStorage.clear()` elsewhere: read everything again.
            journal.changed(state, None);
            return;
        };
        let prefix = session.plain.with_value(|s| s.full_key(""));
        let Some(key) = full_key.strip_prefix(&prefix).map(str::to_string) else {
            return;
        };
        if key == vault::META_KEY {
            // The lock was turned on, changed or removed in another tab.
            let plain = session.plain.get_value();
            match vault::status(&plain) {
                Ok(VaultStatus::Locked(_)) => {
                    session.has_lock.set(true);
                    session.lock_now();
                }
                Ok(VaultStatus::Open) if session.has_lock.get_untracked() => session.use_store(plain, false),
                Ok(VaultStatus::LockRecordDamaged(damage)) => session.show_damage(damage),
                _ => {}
            }
            return;
        }
        if let Some(k) = journal::parse_key(&key) {
            journal.changed(state, Some(k));
            return;
        }
        state.reload(&key);
    });
    on_cleanup(move || handle.remove());
}

/// Follows the browser's preferred languages: changed in the browser's
/// settings while the app is open or locked, it speaks the new one at once,
/// unless the person picked a language in Settings (read once unlocked) or
/// the site set one.
pub fn follow_browser_languages(session: Session) {
    let handle = window_event_listener(leptos::ev::languagechange, move |_| session.languages.notify());
    on_cleanup(move || handle.remove());
}
