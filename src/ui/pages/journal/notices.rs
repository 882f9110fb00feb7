//! The notes the list shows above the entries: the privacy offer, undo, the
//! backup reminder, unsaved words, unreadable records.

use super::*;
use crate::{browser, persist};
use crate::config::AppConfig;
use crate::journal::{self, drafts::Found};
use crate::route::Route;
use crate::ui::components::Link;
use crate::names::NEUTRAL_NAME;
use crate::text;
use crate::ui::state::{use_app, use_journal, Notice};
use leptos::prelude::*;

/// Where Settings asks for a new passphrase (`ui::pages::settings::lock`).
const NEW_PASSPHRASE_FIELD: &str = "#rt-new-pass";

/// On the journal, until put away: a calm offer of the passphrase lock and
/// discreet mode, each one tap away.
#[component]
pub(super) fn PrivacyOffer() -> impl IntoView {
    let state = use_app();
    let session = state.session;
    // Embedded, the host page owns the tab's title and icon.
    let embedded = state.config(|c| c.embedded);
    let problem = RwSignal::new(None::<String>);
    let t = text::journal_notices::get();
    let toggle_discreet = move |_| {
        let on = !session.discreet.get_untracked();
        match session.set_discreet(on) {
            Ok(()) => problem.set(None),
            Err(err) => problem.set(Some(t.discreet_failed(err))),
        }
    };
    view! {
        <Show when=move || !state.settings.with(|s| s.journal_privacy_offer_dismissed)>
            <aside class="rt-notice rt-notice--inline rt-notice--block rt-notice--calm rt-privacy-offer" aria-labelledby="rt-privacy-offer-h">
                <h2 id="rt-privacy-offer-h">{t.privacy_heading}</h2>
                <p>{t.privacy_text}</p>
                <ul class="rt-privacy-offer__list">
                    <li>
                        <Show when=move || !session.has_lock.get() fallback=move || view! {
                            <p>{t.lock_on}</p>
                        }>
                            <button type="button" class="rt-button"
                                on:click=move |_| state.go_to_field(Route::Settings, NEW_PASSPHRASE_FIELD)>
                                {t.set_passphrase}
                            </button>
                            <p class="rt-quiet">{t.set_passphrase_then}</p>
                        </Show>
                    </li>
                    {(!embedded).then(|| view! {
                        <li>
                            <button type="button" class="rt-button rt-button--quiet"
                                aria-pressed=move || if session.discreet.get() { "true" } else { "false" }
                                on:click=toggle_discreet>
                                {t.discreet}
                            </button>
                            <p class="rt-quiet" role="status">
                                {move || if session.discreet.get() {
                                    t.discreet_on(NEUTRAL_NAME)
                                } else {
                                    t.discreet_off(NEUTRAL_NAME)
                                }}
                            </p>
                        </li>
                    })}
                </ul>
                {move || problem.get().map(|p| view! { <p role="alert">{p}</p> })}
                <button type="button" class="rt-button rt-button--quiet"
                    on:click=move |_| state.settings.update(|s| s.journal_privacy_offer_dismissed = true)>
                    {t.hide}
                </button>
            </aside>
        </Show>
    }
}

/// Words kept as drafts that no entry holds: from a window closed before it
/// could save, or from a new entry never saved. Each opens in the editor,
/// which brings them back or discards them as the person chooses.
#[component]
pub(super) fn UnsavedDrafts() -> impl IntoView {
    let state = use_app();
    // Read as the list opens: another window may still be writing, so its
    // drafts are not followed as they come and go.
    let waiting = state
        .with_store(|s| journal::drafts::waiting(s, browser::now_ms(), |id| journal::load_entry(s, id)))
        .and_then(Result::ok)
        .unwrap_or_default();
    let waiting = StoredValue::new(waiting);
    let t = text::journal_notices::get();
    let name = move |found: &Found| {
        let e = &found.draft.entry;
        if e.title.trim().is_empty() {
            t.started(browser::format_date(e.created))
        } else {
            e.title.clone()
        }
    };
    view! {
        <Show when=move || waiting.with_value(|w| !w.is_empty())>
            <section class="rt-notice rt-notice--inline rt-notice--block" aria-labelledby="rt-unsaved-h">
                <h2 id="rt-unsaved-h">{t.unsaved_heading}</h2>
                <p>{t.unsaved_text}</p>
                <ul>
                    {move || waiting.get_value().into_iter().map(|found| {
                        let (id, name) = (found.entry_id().to_string(), name(&found));
                        view! { <li><Link to=Route::JournalEntry(id)>{name}</Link></li> }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

/// "Entry deleted. Undo" after a delete.
#[component]
pub(super) fn UndoDelete() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let t = text::journal_notices::get();
    let undo = move |_| {
        let Some(entry) = journal.deleted.get_untracked() else { return };
        match state.with_store(|s| journal::restore_entry(s, &entry)) {
            Some(Ok(restored)) => {
                journal.finder.update(|f| f.upsert(restored));
                journal.deleted.set(None);
            }
            Some(Err(err)) => state.notice.set(Some(journal_notice(t.put_back_failed, &err))),
            None => {}
        }
    };
    view! {
        <div role="status">
            {move || journal.deleted.get().map(|e| {
                let name = if e.title.trim().is_empty() { browser::format_date(e.created) } else { e.title.clone() };
                view! {
                    <div class="rt-notice rt-notice--inline">
                        <p>{t.deleted(name)}</p>
                        <button type="button" class="rt-button rt-button--quiet" on:click=undo>{t.undo}</button>
                    </div>
                }
            })}
        </div>
    }
}

/// In a host's page (`isolation="none"`) without a lock: one line saying where
/// the journal is kept, since the host page's scripts can read it there.
#[component]
pub(super) fn InPageNotice() -> impl IntoView {
    let state = use_app();
    let in_page = state.config(AppConfig::in_page);
    let session = state.session;
    let t = text::journal_notices::get();
    view! {
        <Show when=move || in_page && !session.has_lock.get()>
            <p class="rt-quiet rt-in-page">
                {t.in_page_before}
                <Link to=Route::Settings>{t.in_page_link}</Link>
                {t.in_page_after}
            </p>
        </Show>
    }
}

/// A gentle, dismissible reminder when there are entries and no recent backup.
#[component]
pub(super) fn BackupReminder() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let due = move || {
        let created: Vec<u64> = journal.finder.with(|f| f.entries().map(|e| e.created).collect());
        state.settings.with(|s| s.backup_due(browser::now_ms(), &created))
    };
    let t = text::journal_notices::get();
    view! {
        <Show when=due>
            <aside class="rt-notice rt-notice--inline" aria-label=t.backup_label>
                <p>
                    {t.backup_before}
                    <Link to=Route::Settings>{t.backup_link}</Link>
                    {t.backup_after}
                </p>
                <button type="button" class="rt-button rt-button--quiet"
                    on:click=move |_| state.settings.update(|s| s.backup_reminder_dismissed = Some(browser::now_ms()))>
                    {t.not_now}
                </button>
            </aside>
        </Show>
    }
}

/// Once, in Safari (and every iPhone or iPad browser) with the app not
/// installed: Safari may clear the journal after days without a visit; how to
/// install it, and a backup. Only on the app's own page: a site's widget
/// cannot be installed.
#[component]
pub(super) fn SafariNotice() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let applies = !state.config(|c| c.embedded) && persist::apple_webkit(&persist::user_agent()) && !persist::installed();
    let show = move || {
        let eviction = persist::Eviction {
            apple_webkit: applies,
            installed: false,
            explained: state.settings.with(|s| s.safari_explained),
        };
        eviction.explain() && journal.finder.with(|f| f.entries().next().is_some())
    };
    let t = text::journal_notices::get();
    view! {
        <Show when=show>
            <aside class="rt-notice rt-notice--inline" aria-label=t.safari_label>
                <p>
                    {t.safari_before}
                    <Link to=Route::Settings>{t.safari_link}</Link>
                    {t.safari_after}
                </p>
                <button type="button" class="rt-button rt-button--quiet"
                    on:click=move |_| state.settings.update(|s| s.safari_explained = true)>
                    {t.got_it}
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
    let t = text::journal_notices::get();
    view! {
        <Show when=move || journal.unreadable.with(|u| !u.is_empty())>
            <section class="rt-error" aria-labelledby="rt-unreadable-h">
                <h2 id="rt-unreadable-h">{t.unreadable_heading}</h2>
                <p>{t.unreadable_text}</p>
                <ul>
                    {move || journal.unreadable.get().into_iter().map(|u| {
                        let name = format!("unreadable-{}.txt", u.key.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
                        let raw = u.raw.clone();
                        view! {
                            <li>
                                <code>{u.key.clone()}</code>": "{u.reason.clone()}" "
                                <button type="button" class="rt-linklike" on:click=move |_| {
                                    if let Err(e) = browser::download(&name, "text/plain", &raw) {
                                        state.notice.set(Some(Notice { text: t.file_failed(e) }));
                                    }
                                }>{t.save_as_file}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

