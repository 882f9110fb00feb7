//! Whether the app is open, locked or gone, and which store it uses.
//!
//! While locked, no part of the app is mounted: its state (and every decrypted
//! word) is dropped with it, and only the lock screen shows. Quick exit hides
//! everything at once, locks, and replaces the page with a neutral one.

use crate::browser;
use crate::config::AppConfig;
use crate::names::{APP_NAME, DISCREET_KEY, NEUTRAL_NAME};
use crate::storage::{Namespace, StorageError, Store};
use crate::vault::{self, BrowserRandom, Random};
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
    pub fn new(config: AppConfig, plain: Store) -> Self {
        let public_ns = Namespace::new(&crate::names::public_namespace(config.namespace.as_str()))
            .unwrap_or_else(|_| Namespace::new(&crate::names::public_namespace("rt")).unwrap_or_default());
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

    /// Runs `f` on the store the open app uses (encrypting while a lock is
    /// set); `None` while locked or after quick exit, when there is none.
    pub fn with_store<R>(&self, f: impl FnOnce(&Store) -> R) -> Option<R> {
        self.current.try_with_value(|c| c.as_ref().map(f)).flatten()
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
            NEUTRAL_NAME
        } else {
            APP_NAME
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
/// Shift pressed three times in a row (nothing else between, within two
/// seconds) triggers quick exit, as GOV.UK's "Exit this page" does: usable in
/// a panic, and never typed by accident in a sentence.
pub fn quick_exit_keys(session: Session) -> impl Fn(web_sys::KeyboardEvent) + Copy + 'static {
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

