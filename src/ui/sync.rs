//! Keeping two tabs in step: when another tab saves, the browser fires a
//! `storage` event here, and the changed record is read again.

use super::journal_state::JournalState;
use super::state::AppState;
use crate::assessment::{self, Draft, History};
use crate::guide::{self, Progress};
use crate::journal;
use crate::settings::{self, Settings};
use crate::vault::{self, VaultStatus};
use leptos::prelude::*;

/// Listens for changes other tabs make under this app's namespace.
pub fn follow_other_tabs(state: AppState, journal: JournalState) {
    let session = super::use_session();
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(full_key) = ev.key() else {
            // `localStorage.clear()` elsewhere: read everything again.
            journal.load(state);
            return;
        };
        let Some(key) = full_key.strip_prefix(&state.store.with_value(|s| s.full_key(""))).map(str::to_string) else {
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
                Ok(VaultStatus::Open) if session.has_lock.get_untracked() => {
                    state.store.set_value(plain.clone());
                    session.use_store(plain, false);
                }
                _ => {}
            }
            return;
        }
        if let Some(k) = journal::parse_key(&key) {
            journal.refresh(state, k);
            return;
        }
        match key.as_str() {
            settings::KEY => reload::<Settings>(state, &key, state.settings),
            guide::KEY => reload::<Progress>(state, &key, state.progress),
            assessment::HISTORY_KEY => reload::<History>(state, &key, state.check_history),
            assessment::DRAFT_KEY => reload::<Option<Draft>>(state, &key, state.check_draft),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}

/// Replaces `signal` with the stored value when it differs. Setting only on a
/// difference matters: the save effect writes back, and an unchanged write
/// fires no event in the other tab, so two tabs never echo each other.
fn reload<T>(state: AppState, key: &str, signal: RwSignal<T>)
where
    T: serde::de::DeserializeOwned + Default + PartialEq + Send + Sync + 'static,
{
    if let Ok(value) = state.store.with_value(|s| s.load::<T>(key)) {
        let value = value.unwrap_or_default();
        if signal.with_untracked(|v| *v != value) {
            signal.set(value);
        }
    }
}
