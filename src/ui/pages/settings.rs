//! The person's choices.

use super::PageTitle;
use crate::settings::Theme;
use crate::route::Route;
use crate::ui::session::{capitalise, random};
use crate::ui::{use_app, use_journal, use_session, Link};
use crate::{backup, browser, content, journal, vault};
use crate::ui::welcome::{RoleChoice, SituationChoice};
use leptos::prelude::*;

/// Settings: who is reading, the situation, and appearance.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let site_theme = state.config.with_value(|c| c.theme.is_some());
    let role = RwSignal::new(state.settings.with_untracked(|s| s.role));
    let situation = RwSignal::new(state.settings.with_untracked(|s| s.situation));
    // Choices here take effect at once; the settings record saves itself.
    Effect::new(move |_| {
        let (r, s) = (role.get(), situation.get());
        state.settings.maybe_update(|settings| {
            let changed = settings.role != r || settings.situation != s;
            settings.role = r;
            settings.situation = s;
            settings.welcomed |= changed;
            changed
        });
    });

    view! {
        <PageTitle>"Settings"</PageTitle>
        <h2>"About you"</h2>
        <p>"This decides whose advice the guide shows first, and whether it speaks of your partner or your ex."</p>
        <RoleChoice role=role/>
        <SituationChoice situation=situation/>
        <h2>"Appearance"</h2>
        <fieldset class="rt-fieldset" disabled=site_theme>
            <legend>"Colours"</legend>
            {Theme::ALL.into_iter().map(|theme| view! {
                <label class="rt-choice">
                    <input
                        type="radio"
                        name="rt-theme"
                        value=theme.id()
                        prop:checked=move || state.settings.with(|s| s.theme == theme)
                        on:change=move |_| state.settings.update(|s| s.theme = theme)
                    />
                    <span>{theme.label()}</span>
                </label>
            }).collect_view()}
            {site_theme.then(|| view! { <p class="rt-quiet">"This site sets the colours."</p> })}
        </fieldset>
        <PrivacySection/>
        <BackupSection/>
        <StorageSection/>
        <DeleteEverything/>
    }
}

/// Backups: a full JSON backup, a readable Markdown copy of the journal, and restoring.
#[component]
fn BackupSection() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let message = RwSignal::new(None::<(bool, String)>);
    let plan = RwSignal::new(None::<StoredValue<backup::ImportPlan>>);
    let today = move || {
        let d = js_sys::Date::new_0();
        format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
    };

    let save_backup = move |_| {
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
                message.set(Some((true, format!("Backup saved: {} journal entries and everything else.", b.journal.len()))));
            }
            Err(e) => message.set(Some((false, format!("The backup could not be saved: {e}")))),
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
            Ok(()) => message.set(Some((true, "Your journal was saved as a document.".into()))),
            Err(e) => message.set(Some((false, format!("The document could not be saved: {e}")))),
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
        let result = p.with_value(|p| state.store.with_value(|s| backup::apply(s, p)));
        plan.set(None);
        // Read back everything the import may have written.
        journal.load(state);
        reload_all(state);
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
        <div class="rt-field rt-field--wide">
            <label for="rt-import">"Restore from a backup file"</label>
            <input id="rt-import" type="file" accept=".json,application/json" on:change=choose_file/>
        </div>
        {move || plan.get().map(|p| {
            let summary = p.with_value(|p| p.report.summary());
            view! {
                <div class="rt-confirm" role="group" aria-labelledby="rt-import-q">
                    <p id="rt-import-q">{format!("This backup is readable. Importing it will bring in: {summary}. Nothing of yours is overwritten by an older version.")}</p>
                    <button type="button" class="rt-button" on:click=import>"Import"</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=move |_| plan.set(None)>"Cancel"</button>
                </div>
            }
        })}
        <div role="status" aria-live="polite">
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "rt-message" } else { "rt-error" }>{text}</p>
            })}
        </div>
    }
}

/// Reads settings, progress and check history again after storage changed underneath them.
fn reload_all(state: crate::ui::AppState) {
    let store = state.store.get_value();
    if let Ok(s) = store.load(crate::settings::KEY) {
        state.settings.set(s.unwrap_or_default());
    }
    if let Ok(p) = store.load(crate::guide::KEY) {
        state.progress.set(p.unwrap_or_default());
    }
    if let Ok(h) = store.load(crate::assessment::HISTORY_KEY) {
        state.check_history.set(h.unwrap_or_default());
    }
    if let Ok(d) = store.load::<Option<crate::assessment::Draft>>(crate::assessment::DRAFT_KEY) {
        state.check_draft.set(d.flatten());
    }
}

/// How much room the app uses, and asking the browser to keep the data.
#[component]
fn StorageSection() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    // A typical localStorage allowance: about five million characters per site.
    const TYPICAL_QUOTA_CHARS: usize = 5_000_000;
    let used = Memo::new(move |_| {
        // Recount when the journal or anything saved changes.
        journal.finder.with(|_| ());
        state.settings.with(|_| ());
        state.store.with_value(|s| s.used_chars()).unwrap_or(0)
    });
    let estimate = RwSignal::new(None::<(f64, f64)>);
    let persisted = RwSignal::new(None::<bool>);
    let persist_answer = RwSignal::new(None::<String>);
    let manager = web_sys::window().map(|w| w.navigator().storage());
    if let Some(m) = manager.clone() {
        leptos::task::spawn_local(async move {
            if let Ok(e) = m.estimate().map(wasm_bindgen_futures::JsFuture::from) {
                if let Ok(v) = e.await {
                    let get = |k: &str| js_sys::Reflect::get(&v, &k.into()).ok().and_then(|x| x.as_f64());
                    if let (Some(u), Some(q)) = (get("usage"), get("quota")) {
                        estimate.set(Some((u, q)));
                    }
                }
            }
            if let Ok(p) = m.persisted().map(wasm_bindgen_futures::JsFuture::from) {
                persisted.set(p.await.ok().and_then(|v| v.as_bool()));
            }
        });
    }
    let ask = move |_| {
        let Some(m) = manager.clone() else { return };
        leptos::task::spawn_local(async move {
            let answer = match m.persist().map(wasm_bindgen_futures::JsFuture::from) {
                Ok(p) => p.await.ok().and_then(|v| v.as_bool()),
                Err(_) => None,
            };
            persist_answer.set(Some(match answer {
                Some(true) => "The browser agreed: it will not clear this data on its own to free up space.".into(),
                Some(false) => "The browser said no for now. Browsers decide this themselves, often based on how much a site is used; your data is still kept, and backups are the safest way to be sure.".into(),
                None => "This browser does not support this request. Backups are the safest way to keep your data.".into(),
            }));
            if answer == Some(true) {
                persisted.set(Some(true));
            }
        });
    };
    let kb = |chars: usize| (chars * 2).div_ceil(1024);

    view! {
        <h2>"Storage"</h2>
        <p>
            {move || format!("Your data takes about {} KB of this browser’s storage for the app ", kb(used.get()))}
            {move || format!("(about {}% of what browsers usually allow).", used.get() * 100 / TYPICAL_QUOTA_CHARS)}
        </p>
        {move || (used.get() * 100 >= TYPICAL_QUOTA_CHARS * 80).then(|| view! {
            <p class="rt-error" role="alert">
                "Storage is nearly full. Save a backup, then delete entries you no longer need, so new writing can be saved."
            </p>
        })}
        {move || estimate.get().map(|(u, q)| view! {
            <p class="rt-quiet">{format!("The browser reports {:.1} MB used of {:.0} MB available to this site in all.", u / 1_048_576.0, q / 1_048_576.0)}</p>
        })}
        <p>
            {move || match persisted.get() {
                Some(true) => "This browser has agreed to keep the app’s data even when space runs low.",
                _ => "Browsers may clear a site’s data when space runs low. You can ask this browser to keep it.",
            }}
        </p>
        <button type="button" class="rt-button rt-button--quiet" on:click=ask
            disabled=move || persisted.get() == Some(true)>"Ask the browser to keep my data"</button>
        <p role="status">{move || persist_answer.get()}</p>
    }
}

/// Deletes everything the app keeps, after the person types "delete".
#[component]
fn DeleteEverything() -> impl IntoView {
    let state = use_app();
    let session = use_session();
    let journal = use_journal();
    let typed = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);
    let ready = move || typed.with(|t| t.trim().eq_ignore_ascii_case("delete"));
    let delete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !ready() {
            return;
        }
        // Through the plain store: the lock (if any) goes too, and the app carries on without one.
        let plain = session.plain.get_value();
        let failed = vault::wipe(&plain).err();
        let _ = session.set_discreet(false);
        state.store.set_value(plain.clone());
        session.use_store(plain, false);
        journal.deleted.set(None);
        journal.load(state);
        reload_all(state);
        typed.set(String::new());
        done.set(Some(match failed {
            None => "Everything was deleted from this browser.".into(),
            Some(e) => format!("Not everything could be deleted: {e}."),
        }));
    };
    view! {
        <h2>"Delete everything"</h2>
        <form class="rt-panel rt-danger-zone" on:submit=delete>
            <p>
                "This removes your journal, guide progress, check results and settings from this browser. "
                "It cannot be undone. Save a backup first if you may want any of it again."
            </p>
            <div class="rt-field">
                <label for="rt-delete-confirm">"Type “delete” to confirm"</label>
                <input id="rt-delete-confirm" type="text" autocomplete="off"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button rt-button--danger" disabled=move || !ready()>"Delete everything"</button>
            </div>
            <p role="status">{move || done.get()}</p>
        </form>
    }
}

/// The passphrase lock, discreet mode and the idle time, in one place.
#[component]
fn PrivacySection() -> impl IntoView {
    let state = use_app();
    let session = use_session();
    let busy = RwSignal::new(None::<&'static str>);
    let message = RwSignal::new(None::<(bool, String)>);
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let clear = move || {
        current.set(String::new());
        new.set(String::new());
        again.set(String::new());
    };
    // A new passphrase: long enough, and typed the same twice.
    let check_new = move || -> Result<String, String> {
        let (n, a) = (new.get_untracked(), again.get_untracked());
        if n.chars().count() < MIN_PASSPHRASE {
            return Err(format!("Please use at least {MIN_PASSPHRASE} characters. A few unrelated words are easy to remember and hard to guess."));
        }
        if n != a {
            return Err("The two passphrases are not the same. Please type them again.".into());
        }
        Ok(n)
    };
    let fail = move |e: String| {
        let _ = busy.try_set(None);
        let _ = message.try_set(Some((false, e)));
    };
    // The lock changed: the app and the session use `store` from now on.
    let done = move |store: crate::storage::Store, locked: bool, text: &str| {
        state.store.set_value(store.clone());
        session.use_store(store, locked);
        clear();
        let _ = busy.try_set(None);
        let _ = message.try_set(Some((true, text.to_string())));
    };

    let turn_on = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pass = match check_new() {
            Ok(p) => p,
            Err(e) => return fail(e),
        };
        busy.set(Some("Making your key… this takes a moment."));
        message.set(None);
        let store = session.plain.get_value();
        leptos::task::spawn_local(async move {
            let result = async {
                let random = random()?;
                let params = vault::KdfParams::generate(random.as_ref())?;
                let key = vault::derive_key(&pass, &params).await?;
                vault::lock(&store, &key, params, random.as_ref())?;
                vault::unlock_with_key(&store, key, random)
            }
            .await;
            match result {
                Ok(unlocked) => done(
                    unlocked.store,
                    true,
                    "The lock is on. Everything the app keeps is now encrypted with your passphrase.",
                ),
                Err(e) => fail(format!("The lock was not turned on: {e}. Nothing was lost.")),
            }
        });
    };

    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pass = match check_new() {
            Ok(p) => p,
            Err(e) => return fail(e),
        };
        let old = current.get_untracked();
        busy.set(Some("Changing the passphrase… this takes a moment."));
        message.set(None);
        let store = session.plain.get_value();
        leptos::task::spawn_local(async move {
            let result = async {
                let random = random()?;
                let old_key = current_key(&store, &old).await?;
                let params = vault::KdfParams::generate(random.as_ref())?;
                let new_key = vault::derive_key(&pass, &params).await?;
                vault::change_passphrase(&store, &old_key, &new_key, params, random.as_ref())?;
                vault::unlock_with_key(&store, new_key, random)
            }
            .await;
            match result {
                Ok(unlocked) => done(unlocked.store, true, "Your passphrase was changed. Use the new one from now on."),
                Err(e) => fail(format!("{}.", capitalise(&e.to_string()))),
            }
        });
    };

    let remove = move |_| {
        let old = current.get_untracked();
        busy.set(Some("Removing the lock…"));
        message.set(None);
        let store = session.plain.get_value();
        leptos::task::spawn_local(async move {
            let result = async {
                let random = random()?;
                let key = current_key(&store, &old).await?;
                vault::unlock_remove(&store, &key, random.as_ref())
            }
            .await;
            match result {
                Ok(_) => done(store, false, "The lock is off. Your data is kept without encryption again."),
                Err(e) => fail(format!("{}.", capitalise(&e.to_string()))),
            }
        });
    };

    let discreet_changed = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        if let Err(e) = session.set_discreet(on) {
            message.set(Some((false, format!("Discreet mode could not be saved: {e}."))));
        }
    };
    let embedded = state.config.with_value(|c| c.embedded);

    view! {
        <h2>"Privacy"</h2>
        <p><Link to=Route::Privacy>"What the app keeps, and how private it is"</Link></p>
        {(!embedded).then(|| view! {
            <label class="rt-choice">
                <input type="checkbox" prop:checked=move || session.discreet.get() on:change=discreet_changed/>
                <span>"Discreet mode: call the app “Notes” in the browser tab and on the lock screen, with a plain icon"</span>
            </label>
        })}
        <h3>"Passphrase lock"</h3>
        <Show when=move || session.has_lock.get() fallback=move || view! {
            <p>
                "With a lock, everything the app keeps is encrypted on this device, and the app asks for your passphrase "
                "each time it opens. "
                <strong>"If you forget the passphrase, your data cannot be recovered"</strong>
                ": not by the app, and not by anyone else."
            </p>
            <form class="rt-panel" on:submit=turn_on>
                <PassField id="rt-new-pass" label="New passphrase" value=new autocomplete="new-password"/>
                <PassField id="rt-new-pass-2" label="The same passphrase again" value=again autocomplete="new-password"/>
                <button type="submit" class="rt-button" disabled=move || busy.get().is_some()>"Turn on the lock"</button>
            </form>
        }>
            <p>"The lock is on. Your data is encrypted on this device."</p>
            <div class="rt-actions">
                <button type="button" class="rt-button" on:click=move |_| session.lock_now()>"Lock now"</button>
            </div>
            <div class="rt-field">
                <label for="rt-lock-after">"Lock by itself after"</label>
                <select id="rt-lock-after" on:change=move |ev| {
                    if let Ok(m) = event_target_value(&ev).parse::<u32>() {
                        state.settings.update(|s| s.lock_after_min = m);
                    }
                }>
                    {[1u32, 5, 15, 30, 60, 0].into_iter().map(|m| view! {
                        <option value=m.to_string() selected=move || state.settings.with(|s| s.lock_after_min == m)>
                            {match m { 0 => "Never (only when I lock it)".to_string(), 1 => "1 minute without use".to_string(), m => format!("{m} minutes without use") }}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <form class="rt-panel" on:submit=change>
                <h4>"Change the passphrase"</h4>
                <PassField id="rt-cur-pass" label="Current passphrase" value=current autocomplete="current-password"/>
                <PassField id="rt-chg-pass" label="New passphrase" value=new autocomplete="new-password"/>
                <PassField id="rt-chg-pass-2" label="The same new passphrase again" value=again autocomplete="new-password"/>
                <div class="rt-actions">
                    <button type="submit" class="rt-button" disabled=move || busy.get().is_some()>"Change passphrase"</button>
                    <button type="button" class="rt-button rt-button--quiet" disabled=move || busy.get().is_some() on:click=remove>"Remove the lock"</button>
                </div>
                <p class="rt-quiet">"Removing the lock also needs the current passphrase, typed above."</p>
            </form>
        </Show>
        <div role="status" aria-live="polite">
            {move || busy.get().map(|b| view! { <p><progress class="rt-progress" aria-label="Working"></progress>{b}</p> })}
        </div>
        <div role="alert">
            {move || message.get().map(|(ok, text)| view! { <p class=if ok { "rt-message" } else { "rt-error" }>{text}</p> })}
        </div>
    }
}

/// The key of the lock as it stands, from the passphrase the person typed;
/// a wrong passphrase is refused here, before anything is changed.
async fn current_key(store: &crate::storage::Store, passphrase: &str) -> Result<vault::Key, vault::VaultError> {
    let meta = vault::VaultMeta::load(store)?.ok_or(vault::VaultError::NotLocked)?;
    let key = vault::derive_key(passphrase, &meta.kdf).await?;
    meta.verify(&key)?;
    Ok(key)
}

/// The shortest passphrase accepted for a new lock.
const MIN_PASSPHRASE: usize = 8;

/// A passphrase field: pasting and password managers welcome.
#[component]
fn PassField(id: &'static str, label: &'static str, value: RwSignal<String>, autocomplete: &'static str) -> impl IntoView {
    view! {
        <div class="rt-field">
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete=autocomplete spellcheck="false"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}
