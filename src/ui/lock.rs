//! The lock screen, the screens for a lock record that is missing or
//! damaged, and the neutral cover after quick exit. None shows anything of the
//! content.

use super::components::{capitalise, QuickExit, TypedConfirm};
use super::pages::split::{now, split_point, LoadError};
use super::state::{random, use_session, Session, View};
use crate::browser;
use crate::names::{APP_NAME, NEUTRAL_NAME};
use crate::storage::Store;
use crate::text;
use crate::vault::flows::{self, BrowserDerive};
use crate::vault::{self, Random, Unlocked, VaultError, VaultStatus};
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

split_point!(
    /// The passphrase screen and the screens for a missing or damaged lock
    /// record, with the flows behind them: a file of their own, fetched only
    /// when a lock is set, so nobody without one downloads them.
    lock: fn lock_screen(view: View) -> AnyView, load load_lock {
        match view {
            View::LockMissing => LockMissing().into_any(),
            View::LockDamaged => LockDamaged().into_any(),
            _ => LockScreen().into_any(),
        }
    }
);

static LOCK_LOADED: AtomicBool = AtomicBool::new(false);

/// The screen for a locked `view` ([`View::Locked`], [`View::LockMissing`] or
/// [`View::LockDamaged`]), once its file has arrived. Meanwhile the frame,
/// with quick exit, is already there, naming nothing in discreet mode.
pub fn locked(view: View) -> AnyView {
    let session = use_session();
    let arrived = RwSignal::new(LOCK_LOADED.load(Ordering::Relaxed).then_some(true));
    if arrived.get_untracked().is_none() {
        leptos::task::spawn_local(async move {
            let ok = load_lock().await.is_ok();
            if ok {
                LOCK_LOADED.store(true, Ordering::Relaxed);
            }
            let _ = arrived.try_set(Some(ok));
        });
    }
    let name = move || session.app_name().to_string();
    (move || match arrived.get() {
        None => view! {
            <LockFrame heading=Signal::derive(name)>
                <p class="rt-pending">{crate::text::lock_cover::get().opening}</p>
            </LockFrame>
        }
        .into_any(),
        Some(true) => now(lock_screen(view)).and_then(Result::ok).unwrap_or_else(|| not_fetched(name)),
        Some(false) => not_fetched(name),
    })
    .into_any()
}

/// The lock screen's file could not be fetched (offline before it was ever opened).
fn not_fetched(name: impl Fn() -> String + Send + Sync + 'static) -> AnyView {
    view! {
        <LockFrame heading=Signal::derive(name)>
            <p role="alert">{crate::text::lock_cover::get().not_fetched}</p>
        </LockFrame>
    }
    .into_any()
}

/// What a passphrase form on these screens is doing.
#[derive(Clone, Copy)]
struct Attempt {
    passphrase: RwSignal<String>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    /// What to say when the field is empty.
    missing: &'static str,
}

impl Attempt {
    fn new() -> Self {
        Self {
            passphrase: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            missing: text::lock_screen::get().type_passphrase,
        }
    }

    /// Runs one lock flow with the typed passphrase: busy meanwhile, then the
    /// app opens (and quick exit's mark is cleared: the person came back in),
    /// or the error is said in words and `on_error` may react to it.
    fn run<F>(
        self,
        session: Session,
        flow: impl FnOnce(Store, String, Rc<dyn Random>) -> F + 'static,
        on_error: impl Fn(&VaultError) + 'static,
    ) where
        F: Future<Output = Result<Unlocked, VaultError>> + 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        let pass = self.passphrase.get_untracked();
        if pass.trim().is_empty() {
            self.error.set(Some(self.missing.into()));
            return;
        }
        self.busy.set(true);
        self.error.set(None);
        let store = session.plain.get_value();
        leptos::task::spawn_local(async move {
            let result = match random() {
                Ok(r) => flow(store, pass, r).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(unlocked) => {
                    if let Err(e) = &unlocked.resumed {
                        self.error.set(Some(text::lock_screen::get().unlocked_unfinished(e)));
                    }
                    session.come_back();
                    session.open(unlocked.store, unlocked.locked);
                }
                Err(e) => {
                    let _ = self.busy.try_set(false);
                    let _ = self.error.try_set(Some(format!("{}.", capitalise(&e.to_string()))));
                    on_error(&e);
                }
            }
        });
    }

    /// The passphrase field, the button, and what is happening.
    fn form(self, button: &'static str, on_submit: impl Fn() + 'static) -> impl IntoView {
        let t = text::lock_screen::get();
        view! {
            <form class="rt-panel" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); on_submit(); }>
                <div class="rt-field">
                    <label for="rt-unlock">{t.passphrase}</label>
                    <input id="rt-unlock" type="password" autocomplete="current-password" autofocus
                        prop:value=move || self.passphrase.get()
                        on:input=move |ev| self.passphrase.set(event_target_value(&ev))/>
                </div>
                <div class="rt-actions">
                    <button type="submit" class="rt-button" disabled=move || self.busy.get()>{button}</button>
                </div>
                {self.feedback()}
            </form>
        }
    }

    /// What is happening, and what went wrong, in words.
    fn feedback(self) -> impl IntoView {
        let t = text::lock_screen::get();
        view! {
            <div role="status" aria-live="polite">
                {move || self.busy.get().then(|| view! {
                    <p><progress class="rt-progress" aria-label=t.opening></progress>{t.opening_moment}</p>
                })}
            </div>
            <div role="alert">{move || self.error.get().map(|e| view! { <p class="rt-error">{e}</p> })}</div>
        }
    }
}

/// The frame of these screens: the app's name (neutral in discreet mode),
/// quick exit, and one heading.
#[component]
fn LockFrame(#[prop(into)] heading: Signal<String>, children: Children) -> impl IntoView {
    let session = use_session();
    view! {
        <div class="rt-app rt-lock" data-theme="system">
            <header class="rt-header">
                <div class="rt-header__inner">
                    <span class="rt-brand">{move || session.app_name()}</span>
                    <QuickExit/>
                </div>
            </header>
            <main class="rt-main" id="rt-main">
                <h1 class="rt-h1" tabindex="-1">{move || heading.get()}</h1>
                {children()}
            </main>
        </div>
    }
}

/// Asks for the passphrase; shows nothing of the content.
#[component]
pub fn LockScreen() -> impl IntoView {
    let session = use_session();
    let attempt = Attempt::new();
    let forgot = RwSignal::new(false);
    // The passphrase opened the records but the check value is damaged.
    let check_damaged = RwSignal::new(false);
    let t = text::lock_screen::get();
    let title = move || if session.discreet.get() { NEUTRAL_NAME.to_string() } else { t.is_locked(APP_NAME) };
    if session.owns_page() {
        Effect::new(move |_| browser::set_title(if session.discreet.get() { NEUTRAL_NAME } else { t.locked_title }));
    }
    let unlock = move || {
        attempt.run(
            session,
            |store, pass, random| async move { flows::unlock(&store, &pass, &BrowserDerive, random).await },
            move |e| check_damaged.set(*e == VaultError::CheckDamaged),
        )
    };
    let repair = move |_| {
        attempt.run(
            session,
            |store, pass, random| async move {
                let meta = vault::VaultMeta::load(&store)?.ok_or(VaultError::NotLocked)?;
                let wrapped = meta.wrapped().map(str::to_string);
                flows::repair(&store, &pass, meta.kdf, wrapped, &BrowserDerive, random).await
            },
            |_| {},
        )
    };
    view! {
        <LockFrame heading=Signal::derive(title)>
            <Show when=move || session.holding()>
                <p class="rt-panel">{t.words_waiting}</p>
            </Show>
            {attempt.form(t.unlock, unlock)}
            <Show when=move || check_damaged.get()>
                <div class="rt-panel">
                    <p>{t.repair_explained}</p>
                    <button type="button" class="rt-button" disabled=move || attempt.busy.get() on:click=repair>
                        {t.repair}
                    </button>
                </div>
            </Show>
            <p>
                <button type="button" class="rt-linklike" aria-expanded=move || forgot.get().to_string()
                    on:click=move |_| forgot.update(|f| *f = !*f)>{t.forgot}</button>
            </p>
            <Show when=move || forgot.get()>
                {if flows::has_recovery(&session.plain.get_value()).unwrap_or(false) {
                    view! {
                        <Recover/>
                        <h2>{t.no_recovery_key}</h2>
                        <WipeEverything reason=t.wipe_without_key/>
                    }.into_any()
                } else {
                    view! {
                        <WipeEverything reason=t.wipe_no_key_saved/>
                    }.into_any()
                }}
            </Show>
        </LockFrame>
    }
}

/// A forgotten passphrase: the recovery key and a new passphrase open the
/// app with everything in it ([`flows::recover`]); only the lock record changes.
#[component]
fn Recover() -> impl IntoView {
    let session = use_session();
    let t = text::lock_screen::get();
    let attempt = Attempt { missing: t.type_recovery_key, ..Attempt::new() };
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, a) = (new.get_untracked(), again.get_untracked());
        attempt.run(
            session,
            move |store, typed, random| async move { flows::recover(&store, &typed, &n, &a, &BrowserDerive, random).await },
            |_| {},
        )
    };
    let field = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="rt-field">
                <label for=id>{label}</label>
                <input id=id type="password" autocomplete="new-password" spellcheck="false"
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <h2>{t.use_recovery_key}</h2>
        <p>{t.recovery_explained}</p>
        <form class="rt-panel" on:submit=submit>
            <div class="rt-field">
                <label for="rt-recovery-key">{t.recovery_key}</label>
                <p class="rt-quiet" id="rt-recovery-key-hint">{t.recovery_key_hint}</p>
                <input id="rt-recovery-key" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false"
                    aria-describedby="rt-recovery-key-hint" class="rt-recovery__input"
                    prop:value=move || attempt.passphrase.get()
                    on:input=move |ev| attempt.passphrase.set(event_target_value(&ev))/>
            </div>
            {field("rt-recover-new", t.new_passphrase, new)}
            {field("rt-recover-new-2", t.new_passphrase_again, again)}
            <div class="rt-actions">
                <button type="submit" class="rt-button" disabled=move || attempt.busy.get()>{t.set_new_passphrase}</button>
            </div>
            {attempt.feedback()}
        </form>
    }
}

/// Sealed records but no lock record: nothing can read them.
#[component]
pub fn LockMissing() -> impl IntoView {
    let t = text::lock_screen::get();
    view! {
        <LockFrame heading=t.missing_heading>
            <WipeEverything reason=t.missing_reason/>
        </LockFrame>
    }
}

/// The lock record is there but cannot be read: the app stays locked, every
/// sealed record stays as it is, and nothing is written until the person
/// chooses: repair it with the passphrase (when what is left of it allows),
/// check again, or knowingly start afresh (and restore a backup file).
#[component]
pub fn LockDamaged() -> impl IntoView {
    let session = use_session();
    let t = text::lock_screen::get();
    let attempt = Attempt::new();
    let checked = RwSignal::new(None::<&'static str>);
    let reason = move || session.damage.with(|d| d.as_ref().map(|d| d.reason.clone()).unwrap_or_default());
    let kdf = move || session.damage.with(|d| d.as_ref().and_then(|d| d.kdf.clone()));
    let repair = move || {
        let Some(kdf) = kdf() else { return };
        let wrapped = session.damage.with_untracked(|d| d.as_ref().and_then(|d| d.wrapped.clone()));
        attempt.run(
            session,
            move |store, pass, random| async move { flows::repair(&store, &pass, kdf, wrapped, &BrowserDerive, random).await },
            |_| {},
        )
    };
    let try_again = move |_| {
        let plain = session.plain.get_value();
        match vault::status(&plain) {
            Ok(VaultStatus::LockRecordDamaged(damage)) => {
                session.damage.set(Some(damage));
                checked.set(Some(t.checked_again));
            }
            // Mended elsewhere (another tab, a restored copy): carry on from the start.
            _ => session.start(),
        }
    };
    view! {
        <LockFrame heading=t.damaged_heading>
            <p>
                {move || t.unreadable(reason())}
                {t.stays_locked}
            </p>
            {move || match kdf() {
                Some(_) => view! {
                    <div>
                        <p>{t.enough_left}</p>
                        {attempt.form(t.repair, repair)}
                    </div>
                }.into_any(),
                None => view! {
                    <p>{t.too_little_left}</p>
                }.into_any(),
            }}
            <h2>{t.other_ways}</h2>
            <p>{t.check_again_explained}</p>
            <div class="rt-actions">
                <button type="button" class="rt-button rt-button--quiet" on:click=try_again>{t.try_again}</button>
            </div>
            <p role="status">{move || checked.get()}</p>
            <p>{t.restore_later}</p>
            <WipeEverything reason=t.wipe_damaged/>
        </LockFrame>
    }
}

/// After quick exit, an earlier copy of the app that Back reached: neutral,
/// naming nothing, until the person chooses to open it again.
#[component]
pub fn Cover() -> impl IntoView {
    let session = use_session();
    if session.owns_page() {
        browser::set_title(NEUTRAL_NAME);
    }
    let t = text::lock_cover::get();
    view! {
        <div class="rt-app rt-lock" data-theme="system">
            <main class="rt-main" id="rt-main">
                <h1 class="rt-h1" tabindex="-1">{t.closed}</h1>
                <p>{t.stays_closed}</p>
                <div class="rt-actions">
                    <button type="button" class="rt-button" on:click=move |_| session.come_back()>{t.open_again}</button>
                </div>
            </main>
        </div>
    }
}

/// "Delete everything and start afresh", after typing "delete".
#[component]
fn WipeEverything(reason: &'static str) -> impl IntoView {
    let session = use_session();
    let wipe = move |()| {
        let store = session.plain.get_value();
        match vault::wipe(&store) {
            Ok(_) => {
                session.damage.set(None);
                session.open(store, false);
                None
            }
            Err(e) => Some(text::lock_screen::get().not_all_deleted(e)),
        }
    };
    let t = text::lock_screen::get();
    view! {
        <TypedConfirm id="rt-wipe-confirm" label=t.type_delete
            button=t.delete_everything on_confirm=wipe>
            <p>{reason}</p>
        </TypedConfirm>
    }
}
