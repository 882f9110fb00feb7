//! Whether the app is open, locked or gone, and which store it uses.
//!
//! While locked, no part of the app is mounted: its state (and every decrypted
//! word) is dropped with it, and only the lock screen shows. Quick exit hides
//! everything at once, locks, leaves a mark for the tab ([`crate::exit_mark`])
//! and replaces the page with a neutral one; an earlier copy of the app that
//! Back reaches shows nothing of the content until the person comes back in.

use crate::browser;
use crate::config::AppConfig;
use crate::exit_mark::{on_page_life, ExitGuard, SessionMark, Showing};
use crate::frame::{self, ToHost};
use crate::journal::drafts::{Draft, Held, Window};
use crate::names::{APP_NAME, DISCREET_KEY, NEUTRAL_NAME};
use crate::storage::{Namespace, StorageError, Store};
use crate::vault::{self, BrowserRandom, Damage, Random, VaultError, VaultStatus};
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
    /// The lock record cannot be read ([`Session::damage`] says how): stay
    /// locked, offer a repair, a backup or starting afresh.
    LockDamaged,
    /// After quick exit, an earlier copy of the app that Back reached: a
    /// neutral cover until the person chooses to come back in.
    Covered,
    /// After quick exit: nothing at all.
    Gone,
}

/// What the root shows first, from the lock's status and quick exit's mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    Open,
    Locked,
    LockMissing,
    Damaged(Damage),
    Covered,
}

impl Start {
    /// Decides. The lock record is never guessed about: one that cannot even
    /// be read counts as damaged, and the app is never opened without it.
    /// After quick exit, an unlocked app is covered; a locked one shows its
    /// lock screen, which already shows nothing of the content.
    pub fn decide(status: Result<VaultStatus, VaultError>, showing: Showing) -> Self {
        let start = match status {
            Ok(VaultStatus::Open) => Start::Open,
            Ok(VaultStatus::Locked(_)) => Start::Locked,
            Ok(VaultStatus::LockRecordMissing) => Start::LockMissing,
            Ok(VaultStatus::LockRecordDamaged(damage)) => Start::Damaged(damage),
            Err(err) => Start::Damaged(Damage { reason: crate::text::notices::get().lock_unreadable(err), kdf: None, wrapped: None }),
        };
        match (start, showing) {
            (Start::Open, Showing::Cover) => Start::Covered,
            (start, _) => start,
        }
    }
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
    /// What is wrong with the lock record, while [`View::LockDamaged`] shows.
    pub damage: RwSignal<Option<Damage>>,
    /// Words an editor could keep nowhere when it closed (the lock was turned
    /// on in another window, say), written as drafts at the next opening.
    held: RwSignal<Held, LocalStorage>,
    /// While words are held, closing the tab asks first ([`Session::hold`]).
    ask_before_closing: StoredValue<Option<WindowListenerHandle>, LocalStorage>,
    /// Fires when the browser's preferred languages change
    /// ([`super::follow_browser_languages`]): the open app and the lock
    /// screens both speak them, unless something else decides.
    pub languages: Trigger,
}

impl Session {
    pub fn new(config: AppConfig, plain: Store) -> Self {
        let public_ns = Namespace::new(&crate::names::public_namespace(config.namespace.as_str()))
            .unwrap_or_else(|_| Namespace::new(&crate::names::public_namespace("rt")).unwrap_or_default());
        let public = plain.with_namespace(&public_ns);
        let discreet = public.get_raw(DISCREET_KEY).ok().flatten().as_deref() == Some("1");
        // Framed, the host page names the frame: neutrally in discreet mode.
        frame::send(ToHost::Discreet { on: discreet });
        Session {
            view: RwSignal::new(View::Locked),
            plain: StoredValue::new_local(plain),
            current: StoredValue::new_local(None),
            public: StoredValue::new_local(public),
            has_lock: RwSignal::new(false),
            discreet: RwSignal::new(discreet),
            config: StoredValue::new(config),
            damage: RwSignal::new(None),
            held: RwSignal::new_local(Held::default()),
            ask_before_closing: StoredValue::new_local(None),
            languages: Trigger::new(),
        }
    }

    /// Quick exit's rule over this tab's mark.
    fn exit_guard(&self) -> ExitGuard<SessionMark> {
        ExitGuard::new(SessionMark::new(self.config.with_value(|c| c.namespace.as_str().to_string()).as_str()))
    }

    /// Checks the lock and the quick exit mark, and shows what that calls for.
    pub fn start(&self) {
        let plain = self.plain.get_value();
        match Start::decide(vault::status(&plain), self.exit_guard().at_start()) {
            Start::Open => self.open(plain, false),
            Start::Locked => self.show(View::Locked),
            Start::LockMissing => self.show(View::LockMissing),
            Start::Damaged(damage) => self.show_damage(damage),
            Start::Covered => self.show(View::Covered),
        }
    }

    /// Closes the app and says the lock record is damaged: nothing is opened
    /// or written until the person chooses a way forward.
    pub fn show_damage(&self, damage: Damage) {
        self.damage.set(Some(damage));
        self.show(View::LockDamaged);
    }

    /// Closes the app (dropping its store and key) and shows `view` instead.
    fn show(&self, view: View) {
        self.current.set_value(None);
        self.view.set(view);
    }

    /// The person chose to come back in after quick exit (or unlocked):
    /// forget the mark; from the cover, check the lock again and open.
    pub fn come_back(&self) {
        // A mark that cannot be cleared only means the cover shows again next time.
        let _ = self.exit_guard().coming_back();
        if self.view.get_untracked() == View::Covered {
            self.start();
        }
    }

    /// Follows the page's life: with the lock on, hiding the page (leaving it,
    /// or the browser keeping it in its back/forward cache) locks it; a page
    /// the cache brings back after quick exit shows nothing of the content.
    pub fn follow_page_life(self) {
        on_page_life(
            move || self.lock_now(),
            move |persisted| {
                if self.exit_guard().on_show(persisted) == Showing::Cover {
                    if self.has_lock.get_untracked() {
                        self.lock_now();
                    } else if matches!(self.view.get_untracked(), View::Open(_)) {
                        self.show(View::Covered);
                    }
                }
            },
        );
    }

    /// Runs `f` on the store the open app uses (encrypting while a lock is
    /// set); `None` while locked or after quick exit, when there is none.
    pub fn with_store<R>(&self, f: impl FnOnce(&Store) -> R) -> Option<R> {
        self.current.try_with_value(|c| c.as_ref().map(f)).flatten()
    }

    /// Opens the app on `store`: as it is while a lock is set (it encrypts);
    /// without one, guarded, so that a lock turned on in another window
    /// stops every plain write ([`vault::PlainGuard`]). Words held since an
    /// editor closed become drafts again now, if the store takes them.
    pub fn open(&self, store: Store, locked: bool) {
        let store = app_store(store, locked);
        self.held.update(|h| {
            h.release(&store);
        });
        if self.held.with_untracked(Held::is_empty) {
            self.stop_asking_before_closing();
        }
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
        self.current.set_value(Some(app_store(store, locked)));
        self.has_lock.set(locked);
    }

    /// Keeps `draft`, typed in `window`, in memory: the editor is closing and
    /// the storage took neither the entry nor its draft.
    ///
    /// Memory is all they have, so until a store takes them, closing or
    /// reloading the tab first asks (the browser's own question, which names
    /// nothing). Standalone only: in a frame, the question could stand in the
    /// way of the host page's quick exit; and never once quick exit has begun.
    pub fn hold(&self, window: &Window, draft: Draft) {
        self.held.update(|h| h.hold(window, draft));
        let standalone = !self.config.with_value(|c| c.embedded);
        // Quick exit is the only way to View::Gone.
        let leaving = self.view.get_untracked() == View::Gone;
        if standalone && !leaving && self.ask_before_closing.with_value(Option::is_none) {
            let handle = window_event_listener(leptos::ev::beforeunload, |ev| {
                ev.prevent_default();
                // Older browsers ask only when this is set.
                ev.set_return_value("unsaved");
            });
            self.ask_before_closing.set_value(Some(handle));
        }
    }

    /// Whether words are waiting in memory (the lock screen says so). Tracked.
    pub fn holding(&self) -> bool {
        self.held.with(|h| !h.is_empty())
    }

    fn stop_asking_before_closing(&self) {
        if let Some(handle) = self.ask_before_closing.try_update_value(Option::take).flatten() {
            handle.remove();
        }
    }

    /// Closes the app and forgets the key; only when a lock is set.
    pub fn lock_now(&self) {
        if self.has_lock.get_untracked() && matches!(self.view.get_untracked(), View::Open(_)) {
            self.show(View::Locked);
        }
    }

    /// Hides everything, locks, marks the tab as left, and leaves for the
    /// neutral page without a history entry to come back to. Never deletes anything.
    pub fn quick_exit(&self) {
        // Held words must not stop the page going (an editor closing below
        // may hold more, but finds the view gone and does not ask).
        self.stop_asking_before_closing();
        // Without the mark (storage refused), the cover and `no-store` are all that is left.
        let _ = self.exit_guard().leaving();
        // Unmounting the app saves what an open editor holds, then drops it.
        self.show(View::Gone);
        // Framed, it is the host page that must go: the host page's script replaces it.
        if frame::send(ToHost::Exit) {
            return;
        }
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
        browser::apply_discreet(on && self.owns_page());
        frame::send(ToHost::Discreet { on });
        Ok(())
    }

    /// Whether the app's page is its own (standalone, or in its own frame), so
    /// it may set the page's title and icon; in a host's page it may not.
    pub fn owns_page(&self) -> bool {
        !self.config.with_value(AppConfig::in_page)
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

/// The store the open app uses: `store` as it is while a lock is set (it
/// encrypts); without one, guarded against a lock set in another window.
fn app_store(store: Store, locked: bool) -> Store {
    if locked {
        store
    } else {
        vault::plain_app_store(&store)
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


#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::testing::{key, params, CountingRandom};

    #[test]
    fn the_start_never_opens_past_a_lock_record_it_cannot_read() {
        let damage = Damage { reason: "cut off".into(), kdf: None, wrapped: None };
        let cases = [
            (Ok(VaultStatus::Open), Start::Open),
            (Ok(VaultStatus::LockRecordMissing), Start::LockMissing),
            (Ok(VaultStatus::LockRecordDamaged(damage.clone())), Start::Damaged(damage)),
        ];
        for (status, start) in cases {
            assert_eq!(Start::decide(status, Showing::Content), start);
        }
        let unreadable = Start::decide(Err(VaultError::Storage(StorageError::Unavailable)), Showing::Content);
        assert!(matches!(unreadable, Start::Damaged(Damage { kdf: None, ref reason, .. }) if reason.contains("could not be read")));
    }

    #[test]
    fn after_quick_exit_the_start_shows_a_cover_or_the_lock_screen_never_the_content() {
        assert_eq!(Start::decide(Ok(VaultStatus::Open), Showing::Cover), Start::Covered);
        let meta = {
            let store = Store::memory();
            vault::lock(&store, &key(1), params(), &CountingRandom::default()).unwrap();
            vault::VaultMeta::load(&store).unwrap().unwrap()
        };
        assert_eq!(Start::decide(Ok(VaultStatus::Locked(meta)), Showing::Cover), Start::Locked);
        assert_eq!(Start::decide(Ok(VaultStatus::LockRecordMissing), Showing::Cover), Start::LockMissing);
    }
}
