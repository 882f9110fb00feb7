//! The lock screen, and the screen for sealed data without its lock record.
//! Neither shows anything of the content.

use super::components::{capitalise, QuickExit, TypedConfirm};
use super::state::{random, use_session};
use crate::browser;
use crate::names::{APP_NAME, NEUTRAL_NAME};
use crate::vault;
use leptos::prelude::*;

/// Asks for the passphrase; shows nothing of the content.
#[component]
pub fn LockScreen() -> impl IntoView {
    let session = use_session();
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let forgot = RwSignal::new(false);
    let title = move || if session.discreet.get() { NEUTRAL_NAME.to_string() } else { format!("{APP_NAME} is locked") };
    if !session.config.with_value(|c| c.embedded) {
        Effect::new(move |_| browser::set_title(if session.discreet.get() { NEUTRAL_NAME } else { "Locked" }));
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
pub fn LockMissing() -> impl IntoView {
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
    let wipe = move |()| {
        let store = session.plain.get_value();
        match vault::wipe(&store) {
            Ok(_) => {
                session.open(store, false);
                None
            }
            Err(e) => Some(format!("Not everything could be deleted: {e}.")),
        }
    };
    view! {
        <TypedConfirm id="rt-wipe-confirm" label="Type “delete” to delete everything"
            button="Delete everything and start afresh" on_confirm=wipe>
            <p>{reason}</p>
        </TypedConfirm>
    }
}
