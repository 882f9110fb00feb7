//! The notes the list shows above the entries: the privacy offer, undo, the
//! backup reminder, unsaved words, unreadable records.

use super::*;
use crate::{browser, persist};
use crate::config::AppConfig;
use crate::journal::{self, drafts::Found};
use crate::route::Route;
use crate::ui::components::Link;
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
    let toggle_discreet = move |_| {
        let on = !session.discreet.get_untracked();
        match session.set_discreet(on) {
            Ok(()) => problem.set(None),
            Err(err) => problem.set(Some(format!("Discreet mode could not be changed: {err}."))),
        }
    };
    view! {
        <Show when=move || !state.settings.with(|s| s.journal_privacy_offer_dismissed)>
            <aside class="rt-notice rt-notice--inline rt-notice--block rt-notice--calm rt-privacy-offer" aria-labelledby="rt-privacy-offer-h">
                <h2 id="rt-privacy-offer-h">"Worried someone might see this?"</h2>
                <p>
                    "What you write stays in this browser, so anyone who can use this device could open it. "
                    "If that worries you, two things can help. Either can be changed later in Settings."
                </p>
                <ul class="rt-privacy-offer__list">
                    <li>
                        <Show when=move || !session.has_lock.get() fallback=|| view! {
                            <p>"A passphrase lock is on: the journal opens only with it."</p>
                        }>
                            <button type="button" class="rt-button"
                                on:click=move |_| state.go_to_field(Route::Settings, NEW_PASSPHRASE_FIELD)>
                                "Set a passphrase"
                            </button>
                            <p class="rt-quiet">"Then the app asks for it before showing anything."</p>
                        </Show>
                    </li>
                    {(!embedded).then(|| view! {
                        <li>
                            <button type="button" class="rt-button rt-button--quiet"
                                aria-pressed=move || if session.discreet.get() { "true" } else { "false" }
                                on:click=toggle_discreet>
                                "Discreet mode"
                            </button>
                            <p class="rt-quiet" role="status">
                                {move || if session.discreet.get() {
                                    "On: this tab is called “Notes”, with a plain icon."
                                } else {
                                    "Off. When on, this tab is called “Notes”, with a plain icon."
                                }}
                            </p>
                        </li>
                    })}
                </ul>
                {move || problem.get().map(|p| view! { <p role="alert">{p}</p> })}
                <button type="button" class="rt-button rt-button--quiet"
                    on:click=move |_| state.settings.update(|s| s.journal_privacy_offer_dismissed = true)>
                    "Hide this"
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
    let name = |found: &Found| {
        let e = &found.draft.entry;
        if e.title.trim().is_empty() {
            format!("Started {}", browser::format_date(e.created))
        } else {
            e.title.clone()
        }
    };
    view! {
        <Show when=move || waiting.with_value(|w| !w.is_empty())>
            <section class="rt-notice rt-notice--inline rt-notice--block" aria-labelledby="rt-unsaved-h">
                <h2 id="rt-unsaved-h">"Words not saved yet"</h2>
                <p>"These were written in a tab or window that did not save them. Open one to bring the words back, or to let them go."</p>
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

/// In a host's page (`isolation="none"`) without a lock: one line saying where
/// the journal is kept, since the host page's scripts can read it there.
#[component]
pub(super) fn InPageNotice() -> impl IntoView {
    let state = use_app();
    let in_page = state.config(AppConfig::in_page);
    let session = state.session;
    view! {
        <Show when=move || in_page && !session.has_lock.get()>
            <p class="rt-quiet rt-in-page">
                "Your journal is kept in this website’s storage, where the site’s own scripts can read it. "
                <Link to=Route::Settings>"A passphrase lock"</Link>
                " encrypts it."
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
    view! {
        <Show when=due>
            <aside class="rt-notice rt-notice--inline" aria-label="Backup reminder">
                <p>
                    "Your journal lives only in this browser. It has been a while, or quite a few entries, since your last backup: "
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
    view! {
        <Show when=show>
            <aside class="rt-notice rt-notice--inline" aria-label="Keeping your journal in Safari">
                <p>
                    "A note about Safari: it may clear what a website keeps after some days without a visit, "
                    "and your journal with it. Two things keep your words safe. Add the app to your Home Screen "
                    "(on an iPhone or iPad, tap Share, then “Add to Home Screen”; on a Mac, choose File, then "
                    "“Add to Dock”) and open it from there. And "
                    <Link to=Route::Settings>"save a backup"</Link>
                    " now and then."
                </p>
                <button type="button" class="rt-button rt-button--quiet"
                    on:click=move |_| state.settings.update(|s| s.safari_explained = true)>
                    "Got it"
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

