//! Whether the app is open, locked or gone: the layer above [`super::App`].
//!
//! While locked, no part of the app is mounted: its state (and every decrypted
//! word) is dropped with it, and only the lock screen shows. Quick exit hides
//! everything at once, locks, and replaces the page with a neutral one.

use super::Notice;
use crate::browser;
use crate::config::AppConfig;
use crate::storage::{Namespace, StorageError, Store};
use crate::vault::{self, BrowserRandom, Random, VaultStatus};
use leptos::prelude::*;
use std::rc::Rc;

/// What the root shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The app, mounted afresh for each opening (the number changes each time).
    Open(u32),
    /// The passphrase screen.
    Locked,
    /// Sealed records without a lock record: say so, offer only a wipe.
    LockMissing,
    /// After quick exit: nothing at all.
    Gone,
}

/// The key under the public store that holds discreet mode: readable before
/// unlock by design, and by `assets/discreet.js` before the app even loads.
pub const DISCREET_KEY: &str = "discreet";

/// The session: which store is in use, whether a lock is set, discreet mode.
#[derive(Clone, Copy)]
pub struct Session {
    pub view: RwSignal<View>,
    /// The store as the browser holds it (no encryption layer).
    pub plain: StoredValue<Store, LocalStorage>,
    /// The store the open app uses: encrypting while a lock is set.
    pub current: StoredValue<Option<Store>, LocalStorage>,
    /// Non-secret display preferences, readable before unlock.
    pub public: StoredValue<Store, LocalStorage>,
    pub has_lock: RwSignal<bool>,
    pub discreet: RwSignal<bool>,
    pub config: StoredValue<AppConfig>,
}

impl Session {
    fn new(config: AppConfig, plain: Store) -> Self {
        let public_ns = Namespace::new(&format!("{}-public", config.namespace.as_str()))
            .unwrap_or_else(|_| Namespace::new("rt-public").unwrap_or_default());
        let public = plain.with_namespace(&public_ns);
        let discreet = public.get_raw(DISCREET_KEY).ok().flatten().as_deref() == Some("1");
        Session {
            view: RwSignal::new(View::Locked),
            plain: StoredValue::new_local(plain),
            current: StoredValue::new_local(None),
            public: StoredValue::new_local(public),
            has_lock: RwSignal::new(false),
            discreet: RwSignal::new(discreet),
            config: StoredValue::new(config),
        }
    }

    /// Opens the app on `store`.
    pub fn open(&self, store: Store, locked: bool) {
        self.current.set_value(Some(store));
        self.has_lock.set(locked);
        self.view.update(|v| {
            *v = View::Open(match v {
                View::Open(n) => n.wrapping_add(1),
                _ => 0,
            })
        });
    }

    /// Swaps the store under the open app (the lock was just turned on or off).
    pub fn use_store(&self, store: Store, locked: bool) {
        self.current.set_value(Some(store));
        self.has_lock.set(locked);
    }

    /// Closes the app and forgets the key; only when a lock is set.
    pub fn lock_now(&self) {
        if self.has_lock.get_untracked() {
            self.current.set_value(None);
            self.view.set(View::Locked);
        }
    }

    /// Hides everything, locks, and leaves for the neutral page without a
    /// history entry to come back to. Never deletes anything.
    pub fn quick_exit(&self) {
        // Unmounting the app saves what an open editor holds, then drops it.
        self.current.set_value(None);
        self.view.set(View::Gone);
        let url = self.config.with_value(|c| c.exit_url.clone());
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(&url);
        }
    }

    pub fn set_discreet(&self, on: bool) -> Result<(), StorageError> {
        self.public.with_value(|p| {
            if on {
                p.set_raw(DISCREET_KEY, "1")
            } else {
                p.remove(DISCREET_KEY)
            }
        })?;
        self.discreet.set(on);
        browser::apply_discreet(on && !self.config.with_value(|c| c.embedded));
        Ok(())
    }

    /// The app's name as shown: neutral in discreet mode.
    pub fn app_name(&self) -> &'static str {
        if self.discreet.get() {
            "Notes"
        } else {
            super::shell::APP_NAME
        }
    }
}

/// The session; provided by [`Root`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The browser's random source, or an explanation of why there is none.
pub fn random() -> Result<Rc<dyn Random>, vault::VaultError> {
    Ok(Rc::new(BrowserRandom::new()?))
}

/// The top of the app: opens it, or asks for the passphrase first.
#[component]
pub fn Root(config: AppConfig, store: Store, #[prop(default = None)] notice: Option<Notice>) -> impl IntoView {
    let session = Session::new(config.clone(), store.clone());
    provide_context(session);
    let embedded = config.embedded;
    browser::apply_discreet(session.discreet.get_untracked() && !embedded);
    let mut first_notice = notice;
    match vault::status(&store) {
        Ok(VaultStatus::Open) => session.open(store, false),
        Ok(VaultStatus::Locked(_)) => session.view.set(View::Locked),
        Ok(VaultStatus::LockRecordMissing) => session.view.set(View::LockMissing),
        Err(err) => {
            first_notice = Some(Notice { text: format!("The app’s data could not be checked: {err}.") });
            session.open(store, false);
        }
    }
    let first_notice = StoredValue::new(first_notice);
    let on_key = quick_exit_keys(session);
    let page_wide = config.exit_keys_page;
    if page_wide {
        // Standalone (or when the host opts in), the shortcut works anywhere on the page.
        let handle = window_event_listener(leptos::ev::keydown, on_key);
        on_cleanup(move || handle.remove());
    }

    let screen = move || match session.view.get() {
        View::Open(_) => match session.current.get_value() {
            Some(store) => {
                let notice = first_notice.try_update_value(Option::take).flatten();
                view! { <super::App config=config.clone() store=store notice=notice/> }.into_any()
            }
            None => view! { <LockScreen/> }.into_any(),
        },
        View::Locked => view! { <LockScreen/> }.into_any(),
        View::LockMissing => view! { <LockMissing/> }.into_any(),
        View::Gone => view! { <div class="rt-app" data-theme="system"></div> }.into_any(),
    };
    // Embedded, the host page's keys are its own: only keys pressed inside the widget count.
    view! {
        <div class="rt-root" on:keydown=move |ev| if !page_wide { on_key(ev) }>{screen}</div>
    }
}

/// Shift pressed three times in a row (nothing else between, within two
/// seconds) triggers quick exit, as GOV.UK's "Exit this page" does: usable in
/// a panic, and never typed by accident in a sentence.
fn quick_exit_keys(session: Session) -> impl Fn(web_sys::KeyboardEvent) + Copy + 'static {
    let presses = StoredValue::new(Vec::<f64>::new());
    move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Shift" {
            presses.set_value(Vec::new());
            return;
        }
        if ev.repeat() {
            return;
        }
        let now = js_sys::Date::now();
        presses.update_value(|p| {
            p.retain(|t| now - t < 2000.0);
            p.push(now);
        });
        if presses.with_value(Vec::len) >= 3 {
            presses.set_value(Vec::new());
            session.quick_exit();
        }
    }
}

/// The quick exit button, on every screen.
#[component]
pub fn QuickExit() -> impl IntoView {
    let session = use_session();
    view! {
        <button type="button" class="rt-quick-exit" on:click=move |_| session.quick_exit()>
            "Quick exit"
            <span class="rt-visually-hidden">": leave this page at once. Shortcut: press Shift three times."</span>
        </button>
    }
}

/// Asks for the passphrase; shows nothing of the content.
#[component]
fn LockScreen() -> impl IntoView {
    let session = use_session();
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let forgot = RwSignal::new(false);
    let title = move || if session.discreet.get() { "Notes".to_string() } else { format!("{} is locked", super::shell::APP_NAME) };
    if !session.config.with_value(|c| c.embedded) {
        Effect::new(move |_| browser::set_title(if session.discreet.get() { "Notes" } else { "Locked" }));
    }
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let pass = passphrase.get_untracked();
        if pass.is_empty() {
            error.set(Some("Type your passphrase first.".into()));
            return;
        }
        busy.set(true);
        error.set(None);
        let store = session.plain.get_value();
        leptos::task::spawn_local(async move {
            let result = match random() {
                Ok(r) => vault::unlock(&store, &pass, r).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(unlocked) => {
                    if let Err(e) = &unlocked.resumed {
                        error.set(Some(format!("Unlocked, but finishing earlier work did not complete: {e}. Everything is readable.")));
                    }
                    session.open(unlocked.store, unlocked.locked);
                }
                Err(e) => {
                    let _ = busy.try_set(false);
                    let _ = error.try_set(Some(format!("{}.", capitalise(&e.to_string()))));
                }
            }
        });
    };
    view! {
        <div class="rt-app rt-lock" data-theme="system">
            <header class="rt-header">
                <div class="rt-header__inner">
                    <span class="rt-brand">{move || session.app_name()}</span>
                    <QuickExit/>
                </div>
            </header>
            <main class="rt-main" id="rt-main">
                <h1 class="rt-h1" tabindex="-1">{title}</h1>
                <form class="rt-panel" on:submit=unlock>
                    <div class="rt-field">
                        <label for="rt-unlock">"Passphrase"</label>
                        <input id="rt-unlock" type="password" autocomplete="current-password" autofocus
                            prop:value=move || passphrase.get()
                            on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    </div>
                    <div class="rt-actions">
                        <button type="submit" class="rt-button" disabled=move || busy.get()>"Unlock"</button>
                    </div>
                    <div role="status" aria-live="polite">
                        {move || busy.get().then(|| view! {
                            <p><progress class="rt-progress" aria-label="Opening"></progress>"Opening… this takes a moment."</p>
                        })}
                    </div>
                    <div role="alert">{move || error.get().map(|e| view! { <p class="rt-error">{e}</p> })}</div>
                </form>
                <p>
                    <button type="button" class="rt-linklike" aria-expanded=move || forgot.get().to_string()
                        on:click=move |_| forgot.update(|f| *f = !*f)>"Forgot your passphrase?"</button>
                </p>
                <Show when=move || forgot.get()>
                    <WipeEverything reason="Your data is encrypted with your passphrase. Without it, nobody can open it again: not this app, not its makers, not anyone. The only way on is to delete it all and start afresh."/>
                </Show>
            </main>
        </div>
    }
}

/// Sealed records but no lock record: nothing can read them.
#[component]
fn LockMissing() -> impl IntoView {
    view! {
        <div class="rt-app rt-lock" data-theme="system">
            <header class="rt-header"><div class="rt-header__inner"><span class="rt-brand">{move || use_session().app_name()}</span><QuickExit/></div></header>
            <main class="rt-main" id="rt-main">
                <h1 class="rt-h1" tabindex="-1">"The lock record is missing"</h1>
                <WipeEverything reason="Some of the app’s data is encrypted, but the record that holds the lock is gone (perhaps removed by hand), so it cannot be opened. Nothing has been changed. If you have a backup file, you can import it after starting afresh."/>
            </main>
        </div>
    }
}

/// "Delete everything and start afresh", after typing "delete".
#[component]
fn WipeEverything(reason: &'static str) -> impl IntoView {
    let session = use_session();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let ready = move || typed.with(|t| t.trim().eq_ignore_ascii_case("delete"));
    let wipe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !ready() {
            return;
        }
        let store = session.plain.get_value();
        match vault::wipe(&store) {
            Ok(_) => session.open(store, false),
            Err(e) => error.set(Some(format!("Not everything could be deleted: {e}."))),
        }
    };
    view! {
        <form class="rt-panel rt-danger-zone" on:submit=wipe>
            <p>{reason}</p>
            <div class="rt-field">
                <label for="rt-wipe-confirm">"Type “delete” to delete everything"</label>
                <input id="rt-wipe-confirm" type="text" autocomplete="off"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button rt-button--danger" disabled=move || !ready()>"Delete everything and start afresh"</button>
            </div>
            <div role="alert">{move || error.get().map(|e| view! { <p class="rt-error">{e}</p> })}</div>
        </form>
    }
}

/// First letter upper-case, for error messages that start a sentence.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
