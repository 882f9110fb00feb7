//! The passphrase lock, discreet mode and the idle time.

use crate::route::Route;
use crate::storage::Store;
use crate::ui::components::{capitalise, Link};
use crate::ui::state::{random, use_app, use_session};
use crate::vault::flows::{self, BrowserDerive};
use leptos::prelude::*;
use super::recovery::{fresh, Outcome, Pending, RecoveryKeyPanel};

/// The passphrase lock, discreet mode and the idle time, in one place.
#[component]
pub(super) fn PrivacySection() -> impl IntoView {
    let state = use_app();
    let session = use_session();
    let busy = RwSignal::new(None::<&'static str>);
    let message = RwSignal::new(None::<(bool, String)>);
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    // A recovery key on screen, not yet saved; and whether the lock has one.
    let pending = RwSignal::new(None::<Pending>);
    let has_recovery = RwSignal::new(flows::has_recovery(&session.plain.get_value()).unwrap_or(false));
    let recovery_pass = RwSignal::new(String::new());
    let clear = move || {
        current.set(String::new());
        new.set(String::new());
        again.set(String::new());
    };
    let fail = move |e: String| {
        let _ = busy.try_set(None);
        let _ = message.try_set(Some((false, e)));
    };
    // The lock changed: the app and the session use `store` from now on.
    let done = move |store: Store, locked: bool, text: &str| {
        session.use_store(store, locked);
        clear();
        let _ = busy.try_set(None);
        let _ = message.try_set(Some((true, text.to_string())));
    };
    // Runs one of the lock's flows on the plain store, busy meanwhile.
    let run = move |working: &'static str, flow: Flow| {
        busy.set(Some(working));
        message.set(None);
        let store = session.plain.get_value();
        let (cur, n, a) = (current.get_untracked(), new.get_untracked(), again.get_untracked());
        let t = crate::text::settings_privacy::get();
        leptos::task::spawn_local(async move {
            let random = match random() {
                Ok(r) => r,
                Err(e) => return fail(format!("{}.", capitalise(&e.to_string()))),
            };
            match flow {
                Flow::TurnOn => match flows::turn_on(&store, &n, &a, &BrowserDerive, random).await {
                    Ok(unlocked) => {
                        // Data worth locking is data worth keeping.
                        crate::persist::ask_quietly();
                        has_recovery.set(false);
                        done(unlocked.store, true, t.turned_on);
                        // Offered at once, while the new passphrase is at hand; saved only if kept.
                        match fresh(n) {
                            Ok(p) => pending.set(Some(p)),
                            Err(e) => message.set(Some((false, t.no_recovery_key(e)))),
                        }
                    }
                    Err(e) => fail(t.not_turned_on(e)),
                },
                Flow::Change => match flows::change(&store, &cur, &n, &a, &BrowserDerive, random).await {
                    Ok(unlocked) => done(unlocked.store, true, t.changed),
                    Err(e) => fail(format!("{}.", capitalise(&e.to_string()))),
                },
                Flow::Remove => match flows::remove(&store, &cur, &BrowserDerive, random).await {
                    Ok(_) => {
                        pending.set(None);
                        has_recovery.set(false);
                        done(store, false, t.removed)
                    }
                    Err(e) => fail(format!("{}.", capitalise(&e.to_string()))),
                },
            }
        });
    };
    // A new passphrase is checked at once, before any waiting.
    let with_new = move |ev: leptos::ev::SubmitEvent, working: &'static str, flow: Flow| {
        ev.prevent_default();
        match flows::check_new_passphrase(&new.get_untracked(), &again.get_untracked()) {
            Ok(()) => run(working, flow),
            Err(e) => fail(format!("{}.", capitalise(&e.to_string()))),
        }
    };
    let t = crate::text::settings_privacy::get();
    let turn_on = move |ev| with_new(ev, t.making_key, Flow::TurnOn);
    let change = move |ev| with_new(ev, t.changing, Flow::Change);
    let remove = move |_| run(t.removing, Flow::Remove);
    // A new recovery key for the lock as it is: the passphrase is checked first.
    let make_recovery = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked().is_some() {
            return;
        }
        let pass = recovery_pass.get_untracked();
        if pass.is_empty() {
            return fail(t.type_passphrase_first.into());
        }
        busy.set(Some(t.checking));
        message.set(None);
        let store = session.plain.get_value();
        leptos::task::spawn_local(async move {
            if let Err(e) = flows::current_key(&store, &pass, &BrowserDerive).await {
                return fail(format!("{}.", capitalise(&e.to_string())));
            }
            let _ = busy.try_set(None);
            recovery_pass.set(String::new());
            match fresh(pass) {
                Ok(p) => pending.set(Some(p)),
                Err(e) => fail(e),
            }
        });
    };
    let recovery_ended = Callback::new(move |outcome: Outcome| {
        message.set(Some(match outcome {
            Outcome::Saved => {
                has_recovery.set(true);
                (true, t.recovery_saved.into())
            }
            Outcome::Skipped => (true, t.recovery_skipped.into()),
            Outcome::Failed(text) => (false, text),
        }));
    });

    let discreet_changed = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        if let Err(e) = session.set_discreet(on) {
            message.set(Some((false, t.discreet_not_saved(e))));
        }
    };
    // Only where the app's page is its own: a host's page keeps its own name.
    let owns_page = session.owns_page();

    view! {
        <h2>{t.heading}</h2>
        <p><Link to=Route::Privacy>{t.privacy_link}</Link></p>
        {owns_page.then(|| view! {
            <label class="rt-choice">
                <input type="checkbox" prop:checked=move || session.discreet.get() on:change=discreet_changed/>
                <span>{t.discreet}</span>
            </label>
        })}
        <h3>{t.lock_heading}</h3>
        <Show when=move || pending.with(Option::is_some)>
            <RecoveryKeyPanel pending=pending busy=busy ended=recovery_ended/>
        </Show>
        <Show when=move || session.has_lock.get() fallback=move || view! {
            <p>{t.lock_intro_before} <strong>{t.lock_intro_strong}</strong>{t.lock_intro_after}</p>
            <form class="rt-panel" on:submit=turn_on>
                <PassField id="rt-new-pass" label=t.new_passphrase value=new autocomplete="new-password"/>
                <PassField id="rt-new-pass-2" label=t.same_again value=again autocomplete="new-password"/>
                <button type="submit" class="rt-button" disabled=move || busy.get().is_some()>{t.turn_on}</button>
            </form>
        }>
            <p>{t.lock_is_on}</p>
            <div class="rt-actions">
                <button type="button" class="rt-button" on:click=move |_| session.lock_now()>{t.lock_now}</button>
            </div>
            <div class="rt-field">
                <label for="rt-lock-after">{t.lock_after}</label>
                <select id="rt-lock-after" on:change=move |ev| {
                    if let Ok(m) = event_target_value(&ev).parse::<u32>() {
                        state.settings.update(|s| s.lock_after_min = m);
                    }
                }>
                    {[1u32, 5, 15, 30, 60, 0].into_iter().map(|m| view! {
                        <option value=m.to_string() selected=move || state.settings.with(|s| s.lock_after_min == m)>
                            {match m { 0 => t.never.to_string(), m => t.minutes_without_use(m as usize) }}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <form class="rt-panel" on:submit=change>
                <h4>{t.change_heading}</h4>
                <PassField id="rt-cur-pass" label=t.current_passphrase value=current autocomplete="current-password"/>
                <PassField id="rt-chg-pass" label=t.new_passphrase value=new autocomplete="new-password"/>
                <PassField id="rt-chg-pass-2" label=t.same_new_again value=again autocomplete="new-password"/>
                <div class="rt-actions">
                    <button type="submit" class="rt-button" disabled=move || busy.get().is_some()>{t.change}</button>
                    <button type="button" class="rt-button rt-button--quiet" disabled=move || busy.get().is_some() on:click=remove>{t.remove}</button>
                </div>
                <p class="rt-quiet">{t.remove_note}</p>
            </form>
            // Not while a new key is on screen, above: it is not yet saved,
            // and this form would say there is none.
            <Show when=move || pending.with(Option::is_none)>
            <form class="rt-panel" on:submit=make_recovery>
                <h4>{t.recovery_heading}</h4>
                <p>{move || if has_recovery.get() {
                    t.recovery_saved_note
                } else {
                    t.recovery_none_note
                }}</p>
                <PassField id="rt-rec-pass" label=t.your_passphrase value=recovery_pass autocomplete="current-password"/>
                <div class="rt-actions">
                    <button type="submit" class="rt-button" disabled=move || busy.get().is_some() || pending.with(Option::is_some)>
                        {move || if has_recovery.get() { t.replace_recovery } else { t.make_recovery }}
                    </button>
                </div>
            </form>
            </Show>
        </Show>
        <div role="status" aria-live="polite">
            {move || busy.get().map(|b| view! { <p><progress class="rt-progress" aria-label=t.working></progress>{b}</p> })}
        </div>
        <div role="alert">
            {move || message.get().map(|(ok, text)| view! { <p class=if ok { "rt-message" } else { "rt-error" }>{text}</p> })}
        </div>
    }
}

/// Which of the lock's flows a form runs.
#[derive(Clone, Copy)]
enum Flow {
    TurnOn,
    Change,
    Remove,
}

/// A passphrase field: pasting and password managers welcome.
#[component]
pub(super) fn PassField(id: &'static str, label: &'static str, value: RwSignal<String>, autocomplete: &'static str) -> impl IntoView {
    view! {
        <div class="rt-field">
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete=autocomplete spellcheck="false"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

