//! Backups: export, Markdown copy, restore.

use crate::ui::state::{use_app, use_journal};
use crate::plural::JOURNAL_ENTRY;
use crate::{backup, browser, content, journal};
use leptos::prelude::*;

/// Backups: a full JSON backup, a readable Markdown copy of the journal, and restoring.
#[component]
pub(super) fn BackupSection() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    // What the export buttons did, and what the restore did: each shown beside its own control.
    let saved = RwSignal::new(None::<(bool, String)>);
    let message = RwSignal::new(None::<(bool, String)>);
    let plan = RwSignal::new(None::<StoredValue<backup::ImportPlan>>);
    let today = move || {
        let d = js_sys::Date::new_0();
        format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
    };

    // Set while the person is asked whether to save a backup that leaves something out.
    let left_out = RwSignal::new(None::<String>);
    let save_now = move || {
        left_out.set(None);
        let entries: Vec<_> = journal.finder.with(|f| f.entries().cloned().collect());
        let b = backup::Backup::new(
            entries,
            state.progress.get_untracked(),
            state.check_history.get_untracked(),
            state.settings.get_untracked(),
            browser::now_ms(),
        );
        let result = backup::export(&b)
            .map_err(|e| e.to_string())
            .and_then(|json| browser::download(&format!("journal-backup-{}.json", today()), "application/json", &json));
        match result {
            Ok(()) => {
                state.settings.update(|s| s.last_backup = Some(browser::now_ms()));
                saved.set(Some((
                    true,
                    format!("Backup saved: {} and everything else that could be read.", JOURNAL_ENTRY.count(b.journal.len())),
                )));
            }
            Err(e) => saved.set(Some((false, format!("The backup could not be saved: {e}")))),
        }
    };
    // Says first what a backup would leave out, if anything.
    let save_backup = move |_| {
        saved.set(None);
        let warning = state
            .with_store(|s| journal.unreadable.with_untracked(|u| backup::left_out(s, u)))
            .and_then(|left| backup::left_out_warning(&left));
        match warning {
            Some(text) => left_out.set(Some(text)),
            None => save_now(),
        }
    };
    let save_markdown = move |_| {
        let markdown = journal.finder.with(|f| {
            journal::to_markdown(
                f.entries(),
                |id| content::step(id).map(|s| format!("Step {}: {}", s.number, s.title)),
                browser::format_date,
            )
        });
        match browser::download(&format!("journal-{}.md", today()), "text/markdown", &markdown) {
            Ok(()) => saved.set(Some((true, "Your journal was saved as a document.".into()))),
            Err(e) => saved.set(Some((false, format!("The document could not be saved: {e}")))),
        }
    };

    let choose_file = move |ev: leptos::ev::Event| {
        plan.set(None);
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        // Refuse an oversized file before reading a byte of it.
        if file.size() > backup::MAX_BACKUP_BYTES as f64 {
            let err = backup::ImportError::TooLarge { bytes: file.size() as usize };
            message.set(Some((false, err.to_string())));
            input.set_value("");
            return;
        }
        message.set(Some((true, "Reading the file…".into())));
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            input.set_value("");
            let Some(text) = text.ok().and_then(|t| t.as_string()) else {
                message.set(Some((false, "The file could not be read. Try choosing it again.".into())));
                return;
            };
            match backup::parse_and_validate(&text) {
                Err(err) => message.set(Some((false, format!("{err} Nothing was changed.")))),
                Ok(b) => {
                    let entries: Vec<_> = journal.finder.with_untracked(|f| f.entries().cloned().collect());
                    let p = backup::plan(
                        &entries,
                        &state.progress.get_untracked(),
                        &state.check_history.get_untracked(),
                        &state.settings.get_untracked(),
                        &b,
                    );
                    message.set(None);
                    plan.set(Some(StoredValue::new(p)));
                }
            }
        });
    };
    let import = move |_| {
        let Some(p) = plan.get_untracked() else { return };
        let Some(result) = p.with_value(|p| state.with_store(|s| backup::apply(s, p))) else { return };
        plan.set(None);
        // Read back everything the import may have written.
        journal.load(state);
        state.reload_all();
        match result {
            Ok(report) => message.set(Some((true, format!("Imported: {}.", report.summary())))),
            Err(err) => message.set(Some((
                false,
                format!(
                    "The import stopped: {}. Already done: {}. Everything else is as it was.",
                    err.cause,
                    err.done.summary()
                ),
            ))),
        }
    };

    view! {
        <h2>"Backups"</h2>
        <p>
            "Your data lives only in this browser. A backup file lets you keep a copy somewhere safe, "
            "or move to another device. Keep it private: it holds your journal as plain text."
        </p>
        {move || journal.unreadable.with(|u| !u.is_empty()).then(|| view! {
            <p class="rt-error">"Some journal entries could not be read and are not part of a backup. The journal page lets you save each of them as a file."</p>
        })}
        <div class="rt-actions">
            <button type="button" class="rt-button" on:click=save_backup>"Save a full backup"</button>
            <button type="button" class="rt-button rt-button--quiet" on:click=save_markdown>"Save the journal as a document"</button>
        </div>
        {move || left_out.get().map(|text| view! {
            <div class="rt-confirm" role="group" aria-labelledby="rt-left-out-q">
                <p id="rt-left-out-q">{text}</p>
                <button type="button" class="rt-button" on:click=move |_| save_now()>"Save it without them"</button>
                <button type="button" class="rt-button rt-button--quiet" on:click=move |_| left_out.set(None)>"Cancel"</button>
            </div>
        })}
        // Each confirmation appears next to the buttons that caused it.
        <Message message=saved/>
        <div class="rt-field rt-field--wide">
            <label for="rt-import">"Restore from a backup file"</label>
            <input id="rt-import" type="file" accept=".json,application/json" on:change=choose_file/>
        </div>
        {move || plan.get().map(|p| {
            let summary = p.with_value(|p| p.report.summary());
            view! {
                <div class="rt-confirm rt-confirm--neutral" role="group" aria-labelledby="rt-import-q">
                    <p id="rt-import-q">{format!("This backup is readable. Importing it will bring in: {summary}. Nothing of yours is overwritten by an older version.")}</p>
                    <button type="button" class="rt-button" on:click=import>"Import"</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=move |_| plan.set(None)>"Cancel"</button>
                </div>
            }
        })}
        <Message message=message/>
    }
}

/// A result in words, announced: a plain message, or an error.
#[component]
fn Message(message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    view! {
        <div role="status" aria-live="polite">
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "rt-message" } else { "rt-error" }>{text}</p>
            })}
        </div>
    }
}
