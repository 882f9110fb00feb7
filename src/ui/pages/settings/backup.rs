//! Backups: export (encrypted or plain), Markdown copy, restore and merge.

use super::lock::PassField;
use crate::backup::sealed::{self, Protection, Sealed};
use crate::ui::components::ChoiceGroup;
use crate::ui::state::{random, use_app, use_journal, use_session};
use crate::vault::flows::BrowserDerive;
use crate::{backup, browser, content, journal, share_sheet, tombstones};
use leptos::prelude::*;

/// How a backup file is protected: the choices' ids.
const WITH_LOCK: &str = "lock";
const WITH_OTHER: &str = "other";
const PLAIN: &str = "plain";
/// A file for the share sheet is text: every share target takes it.
const MOVE_TYPE: &str = "text/plain";

/// Backups: a full JSON backup, a readable Markdown copy of the journal, and restoring.
#[component]
pub(super) fn BackupSection() -> impl IntoView {
    let state = use_app();
    let session = use_session();
    let journal = use_journal();
    // What the export buttons did, and what the restore did: each shown beside its own control.
    let saved = RwSignal::new(None::<(bool, String)>);
    let message = RwSignal::new(None::<(bool, String)>);
    let plan = RwSignal::new(None::<StoredValue<backup::ImportPlan>>);
    // How to protect the next backup: the person's choice, else encrypted
    // with the lock's passphrase when the lock is on, plain when it is off.
    let chosen = RwSignal::new(None::<&'static str>);
    let protection = Memo::new(move |_| {
        let locked = session.has_lock.get();
        match chosen.get() {
            Some(WITH_LOCK) if !locked => PLAIN,
            Some(c) => c,
            None if locked => WITH_LOCK,
            None => PLAIN,
        }
    });
    let pass = RwSignal::new(String::new());
    let pass_again = RwSignal::new(String::new());
    let busy = RwSignal::new(None::<&'static str>);
    // An encrypted file waiting for its passphrase, and that passphrase.
    let waiting = RwSignal::new(None::<StoredValue<Sealed>>);
    let open_pass = RwSignal::new(String::new());
    let today = move || {
        let d = js_sys::Date::new_0();
        format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
    };

    // Set while the person is asked whether to save a backup that leaves something out.
    let left_out = RwSignal::new(None::<(String, bool)>);
    // Saves the file's text (or hands it to the share sheet), or says why there is none.
    let finish = move |text: Result<String, String>, count: usize, encrypted: bool, send: bool| {
        let _ = busy.try_set(None);
        let t = crate::text::settings_backup::get();
        let text = match text {
            Ok(text) => text,
            Err(e) => {
                let _ = saved.try_set(Some((false, t.not_saved(e))));
                return;
            }
        };
        let what = t.backed_up(count);
        let done = move || {
            state.settings.update(|s| s.last_backup = Some(browser::now_ms()));
            pass.set(String::new());
            pass_again.set(String::new());
        };
        // A move goes to the share sheet where the browser can share files; otherwise, and for a backup, a download.
        if send && share_sheet::can_share(MOVE_TYPE) {
            let name = format!("rebuild-trust-move-{}.txt", today());
            leptos::task::spawn_local(async move {
                let result = share_sheet::share(&name, MOVE_TYPE, &text).await;
                let said = match result {
                    Ok(()) => {
                        done();
                        (true, if encrypted { t.sent_encrypted(what) } else { t.sent(what) })
                    }
                    Err(share_sheet::ShareError::Cancelled) => (true, t.nothing_sent.to_string()),
                    Err(e) => (false, t.not_sent(e)),
                };
                let _ = saved.try_set(Some(said));
            });
            return;
        }
        match browser::download(&format!("journal-backup-{}.json", today()), "application/json", &text) {
            Ok(()) => {
                done();
                let said = match (encrypted, send) {
                    (false, false) => t.saved(what),
                    (true, false) => t.saved_encrypted(what),
                    (false, true) => t.saved_to_send(what),
                    (true, true) => t.saved_to_send_encrypted(what),
                };
                let _ = saved.try_set(Some((true, said)));
            }
            Err(e) => {
                let _ = saved.try_set(Some((false, t.not_saved(e))));
            }
        }
    };
    let save_now = move |send: bool| {
        left_out.set(None);
        let entries: Vec<_> = journal.finder.with(|f| f.entries().cloned().collect());
        let deleted = state.with_store(tombstones::load).and_then(Result::ok).unwrap_or_default();
        let b = backup::Backup::new(
            entries,
            state.progress.get_untracked(),
            state.check_history().get_untracked(),
            state.settings.get_untracked(),
            browser::now_ms(),
        )
        .with_deleted(deleted)
        .with_summary(state.summary().get_untracked());
        let count = b.journal.len();
        let how = protection.get_untracked();
        if how == PLAIN {
            return finish(backup::export(&b).map_err(|e| e.to_string()), count, false, send);
        }
        busy.set(Some(crate::text::settings_backup::get().encrypting));
        let store = session.plain.get_value();
        let (p1, p2) = (pass.get_untracked(), pass_again.get_untracked());
        leptos::task::spawn_local(async move {
            let sealed = match random() {
                Ok(random) => {
                    let protect = if how == WITH_LOCK {
                        Protection::LockPassphrase(&p1)
                    } else {
                        Protection::Passphrase { new: &p1, again: &p2 }
                    };
                    sealed::seal_as(&b, protect, &store, &BrowserDerive, random.as_ref()).await
                }
                Err(e) => Err(e),
            };
            finish(sealed.map_err(|e| e.to_string()), count, true, send);
        });
    };
    // Says first what a backup would leave out, if anything.
    let save_backup = move |send: bool| {
        saved.set(None);
        let warning = state
            .with_store(|s| journal.unreadable.with_untracked(|u| backup::left_out(s, u)))
            .and_then(|left| backup::left_out_warning(&left));
        match warning {
            Some(text) => left_out.set(Some((text, send))),
            None => save_now(send),
        }
    };
    let save_markdown = move |_| {
        let t = crate::text::settings_backup::get();
        let markdown = journal.finder.with(|f| {
            journal::to_markdown(
                f.entries(),
                |id| content::step(id).map(|s| t.step(s.number, &s.title)),
                browser::format_date,
            )
        });
        match browser::download(&format!("journal-{}.md", today()), "text/markdown", &markdown) {
            Ok(()) => saved.set(Some((true, t.document_saved.into()))),
            Err(e) => saved.set(Some((false, t.document_not_saved(e)))),
        }
    };

    // The backup being merged, and whether to bring back what was deleted here.
    let opened = StoredValue::new(None::<backup::Backup>);
    let bring_back = RwSignal::new(false);
    // Works out what a merge would do, for the person to confirm.
    let replan = move || {
        let entries: Vec<_> = journal.finder.with_untracked(|f| f.entries().cloned().collect());
        let deleted = state.with_store(tombstones::load).and_then(Result::ok).unwrap_or_default();
        let p = opened.with_value(|b| {
            b.as_ref().map(|b| {
                let here = backup::Here {
                    entries: &entries,
                    progress: &state.progress.get_untracked(),
                    history: &state.check_history().get_untracked(),
                    settings: &state.settings.get_untracked(),
                    summary: &state.summary().get_untracked(),
                    deleted: &deleted,
                };
                backup::plan_merge(here, b, browser::now_ms(), bring_back.get_untracked())
            })
        });
        let _ = plan.try_set(p.map(StoredValue::new));
    };
    let show_plan = move |b: backup::Backup| {
        opened.set_value(Some(b));
        let _ = bring_back.try_set(false);
        let _ = message.try_set(None);
        replan();
    };
    let choose_file = move |ev: leptos::ev::Event| {
        plan.set(None);
        waiting.set(None);
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        // Refuse an oversized file before reading a byte of it.
        if file.size() > backup::MAX_BACKUP_BYTES as f64 {
            let err = backup::ImportError::TooLarge { bytes: file.size() as usize };
            message.set(Some((false, err.to_string())));
            input.set_value("");
            return;
        }
        let t = crate::text::settings_backup::get();
        message.set(Some((true, t.reading.into())));
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            input.set_value("");
            let Some(text) = text.ok().and_then(|t| t.as_string()) else {
                message.set(Some((false, t.not_read.into())));
                return;
            };
            match backup::read(&text) {
                Err(err) => message.set(Some((false, t.nothing_changed(err)))),
                Ok(backup::BackupFile::Plain(b)) => show_plan(b),
                Ok(backup::BackupFile::Sealed(s)) => {
                    message.set(None);
                    waiting.set(Some(StoredValue::new(s)));
                }
            }
        });
    };
    let open_sealed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = waiting.get_untracked() else { return };
        let s = s.get_value();
        let passphrase = open_pass.get_untracked();
        let t = crate::text::settings_backup::get();
        busy.set(Some(t.opening));
        message.set(None);
        leptos::task::spawn_local(async move {
            let opened = s.open_with(&passphrase, &BrowserDerive).await;
            let _ = busy.try_set(None);
            match opened {
                Ok(b) => {
                    let _ = waiting.try_set(None);
                    let _ = open_pass.try_set(String::new());
                    show_plan(b);
                }
                Err(err) => {
                    let _ = message.try_set(Some((false, t.nothing_changed(err))));
                }
            }
        });
    };
    let import = move |_| {
        let Some(p) = plan.get_untracked() else { return };
        let Some(result) = p.with_value(|p| state.with_store(|s| backup::apply(s, p))) else { return };
        plan.set(None);
        opened.set_value(None);
        // Read back everything the import may have written.
        journal.load(state);
        state.reload_all();
        let t = crate::text::settings_backup::get();
        match result {
            Ok(report) => message.set(Some((true, t.merged(report.summary())))),
            Err(err) => message.set(Some((false, t.import_stopped(err.cause, err.done.summary())))),
        }
    };

    let t = crate::text::settings_backup::get();
    view! {
        <h2>{t.heading}</h2>
        <p>{t.intro}</p>
        <ChoiceGroup legend=t.protect name="rt-backup-protect"
            choices=vec![
                (WITH_LOCK, t.with_lock),
                (WITH_OTHER, t.with_other),
                (PLAIN, t.plain),
            ]
            selected=Signal::derive(move || Some(protection.get()))
            on_choose=Callback::new(move |id| chosen.set(Some(id)))
            worded=Callback::new(move |id| match id {
                WITH_LOCK if !session.has_lock.get() => t.with_lock_off,
                WITH_LOCK => t.with_lock,
                WITH_OTHER => t.with_other,
                _ => t.plain,
            })/>
        {move || match protection.get() {
            WITH_LOCK => view! {
                <p class="rt-quiet">{t.with_lock_note}</p>
                <PassField id="rt-backup-pass" label=t.lock_passphrase value=pass autocomplete="current-password"/>
            }.into_any(),
            WITH_OTHER => view! {
                <p class="rt-quiet">{t.with_other_note}</p>
                <PassField id="rt-backup-pass" label=t.file_passphrase value=pass autocomplete="new-password"/>
                <PassField id="rt-backup-pass-2" label=t.file_passphrase_again value=pass_again autocomplete="new-password"/>
            }.into_any(),
            _ => view! {
                <p class="rt-quiet">
                    {move || if session.has_lock.get() { t.plain_note_locked } else { t.plain_note }}
                </p>
            }.into_any(),
        }}
        {move || journal.unreadable.with(|u| !u.is_empty()).then(|| view! {
            <p class="rt-error">{t.unreadable}</p>
        })}
        <div class="rt-actions">
            <button type="button" class="rt-button" on:click=move |_| save_backup(false) disabled=move || busy.get().is_some()>{t.save_backup}</button>
            <button type="button" class="rt-button rt-button--quiet" on:click=move |_| save_backup(true) disabled=move || busy.get().is_some()>{t.send}</button>
            <button type="button" class="rt-button rt-button--quiet" on:click=save_markdown>{t.save_document}</button>
        </div>
        {move || left_out.get().map(|(text, send)| view! {
            <div class="rt-confirm" role="group" aria-labelledby="rt-left-out-q">
                <p id="rt-left-out-q">{text}</p>
                <button type="button" class="rt-button" on:click=move |_| save_now(send)>{t.save_without}</button>
                <button type="button" class="rt-button rt-button--quiet" on:click=move |_| left_out.set(None)>{t.cancel}</button>
            </div>
        })}
        // Each confirmation appears next to the buttons that caused it.
        <div role="status" aria-live="polite">
            {move || busy.get().map(|b| view! { <p><progress class="rt-progress" aria-label=t.working></progress>{b}</p> })}
        </div>
        <Message message=saved/>
        <div class="rt-field rt-field--wide">
            <label for="rt-import">{t.restore}</label>
            <input id="rt-import" type="file" accept=".json,application/json,.txt,text/plain" on:change=choose_file/>
        </div>
        {move || waiting.get().map(|_| view! {
            <form class="rt-panel" on:submit=open_sealed>
                <p>{t.encrypted_file}</p>
                <PassField id="rt-open-pass" label=t.backup_passphrase value=open_pass autocomplete="current-password"/>
                <div class="rt-actions">
                    <button type="submit" class="rt-button" disabled=move || busy.get().is_some()>{t.open}</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=move |_| waiting.set(None)>{t.cancel}</button>
                </div>
            </form>
        })}
        // The group stays while the person ticks the box, so focus stays on it.
        <Show when=move || plan.with(Option::is_some)>
            <div class="rt-confirm rt-confirm--neutral" role="group" aria-labelledby="rt-import-q">
                <p id="rt-import-q" aria-live="polite">{move || plan.get().map(|p| {
                    t.readable(p.with_value(|p| p.report.summary()))
                })}</p>
                <Show when=move || bring_back.get() || plan.get().is_some_and(|p| p.with_value(|p| p.report.not_restored > 0))>
                    <label class="rt-choice">
                        <input type="checkbox" prop:checked=move || bring_back.get()
                            on:change=move |ev| { bring_back.set(event_target_checked(&ev)); replan(); }/>
                        <span>{t.bring_back}</span>
                    </label>
                </Show>
                <button type="button" class="rt-button" on:click=import>{t.import}</button>
                <button type="button" class="rt-button rt-button--quiet" on:click=move |_| plan.set(None)>{t.cancel}</button>
            </div>
        </Show>
        <Message message=message/>
        <h3>{t.moving_heading}</h3>
        <p>{t.moving_intro}</p>
        <ol>
            <li>{t.moving_here}</li>
            <li>{t.moving_there}</li>
        </ol>
        <p>
            <strong>{t.phone_to_phone}</strong>
            {t.phone_to_phone_how}
            <strong>{t.phone_to_computer}</strong>
            {t.phone_to_computer_how}
        </p>
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
