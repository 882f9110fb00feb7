//! The recovery key: shown once after the lock is turned on (or when the
//! person asks for a new one), saved to the lock only once they say they
//! kept it.

use crate::browser;
use crate::ui::components::capitalise;
use crate::ui::state::{random, use_session};
use crate::vault::flows::{self, BrowserDerive};
use crate::vault::RecoveryKey;
use leptos::prelude::*;

/// A recovery key on screen, not yet saved: the key as shown and the
/// passphrase that will save it (already checked, or just set).
#[derive(Clone)]
pub(super) struct Pending {
    pub shown: String,
    pub passphrase: String,
}

/// Makes a new recovery key to show, or says why not.
pub(super) fn fresh(passphrase: String) -> Result<Pending, String> {
    let random = random().map_err(|e| format!("{}.", capitalise(&e.to_string())))?;
    let key = flows::new_recovery_key(random.as_ref()).map_err(|e| format!("{}.", capitalise(&e.to_string())))?;
    Ok(Pending { shown: key.grouped(), passphrase })
}

/// How the choice on a shown recovery key ended.
#[derive(Clone)]
pub(super) enum Outcome {
    /// Saved with the lock.
    Saved,
    /// The person chose not to keep one; nothing was written.
    Skipped,
    /// Not saved, in words; the key stays on screen.
    Failed(String),
}

/// The key, the word about who can use it, and the choice: kept or skipped.
/// `ended` is told how it ended.
#[component]
pub(super) fn RecoveryKeyPanel(
    pending: RwSignal<Option<Pending>>,
    busy: RwSignal<Option<&'static str>>,
    ended: Callback<Outcome>,
) -> impl IntoView {
    let session = use_session();
    let shown = move || pending.with(|p| p.as_ref().map(|p| p.shown.clone()).unwrap_or_default());
    let file_note = RwSignal::new(None::<String>);
    let save_file = move |_| {
        let t = crate::text::settings_recovery::get();
        let text = t.file(session.app_name(), shown());
        file_note.set(Some(match browser::download("recovery-key.txt", "text/plain", &text) {
            Ok(()) => t.file_saved.into(),
            Err(e) => t.file_not_saved(e),
        }));
    };
    let kept = move |_| {
        let Some(Pending { shown, passphrase }) = pending.get_untracked() else { return };
        let t = crate::text::settings_recovery::get();
        busy.set(Some(t.saving));
        let store = session.plain.get_value();
        leptos::task::spawn_local(async move {
            let result = async {
                let key = RecoveryKey::parse(&shown)?;
                flows::save_recovery(&store, &passphrase, &key, &BrowserDerive, random()?).await
            }
            .await;
            let _ = busy.try_set(None);
            match result {
                Ok(()) => {
                    let _ = pending.try_set(None);
                    ended.run(Outcome::Saved);
                }
                Err(e) => ended.run(Outcome::Failed(t.not_saved(e))),
            }
        });
    };
    let skip = move |_| {
        pending.set(None);
        ended.run(Outcome::Skipped);
    };
    let t = crate::text::settings_recovery::get();
    view! {
        <section class="rt-panel rt-recovery" aria-labelledby="rt-recovery-heading">
            <h4 id="rt-recovery-heading">{t.heading}</h4>
            <p>{t.intro}</p>
            <p class="rt-recovery__key">
                {move || shown().split('-').map(|g| view! { <span>{g.to_string()}</span> " " }).collect_view()}
            </p>
            <p><strong>{t.warning_strong}</strong>{t.warning_after}</p>
            <div class="rt-actions">
                <button type="button" class="rt-button rt-button--quiet" on:click=save_file>{t.save_file}</button>
            </div>
            <p role="status">{move || file_note.get()}</p>
            <div class="rt-actions">
                <button type="button" class="rt-button" disabled=move || busy.get().is_some() on:click=kept>{t.kept}</button>
                <button type="button" class="rt-button rt-button--quiet" disabled=move || busy.get().is_some() on:click=skip>{t.skip}</button>
            </div>
            <p class="rt-quiet">{t.skip_note}</p>
        </section>
    }
}
