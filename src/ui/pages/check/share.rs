//! Showing a share code for one finished result: text to read aloud or type,
//! and a QR code drawn here. Nothing is sent; the person chooses whom to show.

use crate::assessment::CheckResult;
use crate::browser;
use crate::content;
use crate::route::Route;
use crate::share::{self, QrModules};
use crate::ui::components::{Link, PageTitle};
use crate::ui::state::use_app;
use crate::vault::{self, KdfParams, Random};
use leptos::prelude::*;

/// The quiet zone around a QR code, in modules, as the standard asks.
const QR_MARGIN: usize = 4;

/// The share screen for the result `id`.
#[component]
pub fn SharePage(id: String) -> impl IntoView {
    let state = use_app();
    let Some(result) = state.check_history.with_untracked(|h| h.get(&id).cloned()).filter(|r| !r.partner) else {
        return view! {
            <PageTitle>"There is no result of yours to share here"</PageTitle>
            <p>"It may have been deleted, or it is a result someone shared with you, which stays with you."</p>
            <p><Link to=Route::CheckHistory>"See your checks"</Link></p>
        }
        .into_any();
    };
    // After a safety warning, a clear caution comes before anything else.
    let cautioned = RwSignal::new(!result.needs_safety_reminder());
    let back = Route::CheckResult(result.id.clone());
    view! {
        <PageTitle>"Share this result"</PageTitle>
        <p class="rt-quiet">{format!("From your check of {}", browser::format_date(result.taken_at))}</p>
        {move || if cautioned.get() {
            view! { <ShareForm result=result.clone()/> }.into_any()
        } else {
            view! {
                <section class="rt-panel rt-panel--calm" aria-labelledby="rt-caution-h">
                    <h2 id="rt-caution-h">"Before you share, please think about your safety"</h2>
                    <p>"When you took this check, one of your safety answers suggested you may not feel safe. If you are afraid of your partner, showing them your answers can put you at risk, even with good intentions on both sides."</p>
                    <p>"You don’t have to share anything. Support lines can help you think this through first."</p>
                    <p><Link to=Route::Help>"See help and support options"</Link></p>
                    <div class="rt-actions">
                        <Link to=back.clone() class="rt-button">"Don’t share"</Link>
                        <button type="button" class="rt-button rt-button--quiet" on:click=move |_| cautioned.set(true)>
                            "I understand, let me share"
                        </button>
                    </div>
                </section>
            }.into_any()
        }}
        <p class="rt-actions"><Link to=Route::CheckResult(id.clone()) class="rt-button rt-button--quiet">"Back to the result"</Link></p>
    }
    .into_any()
}

/// The choices (answers or not, a passphrase or not) and the code once made.
#[component]
fn ShareForm(result: CheckResult) -> impl IntoView {
    let c = content::check();
    let with_answers = RwSignal::new(false);
    let protect = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let code = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let result = StoredValue::new(result);
    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let answers = with_answers.get_untracked();
        if !protect.get_untracked() {
            code.set(Some(result.with_value(|r| share::encode(c, r, answers))));
            return;
        }
        let phrase = passphrase.get_untracked();
        if phrase.trim().is_empty() {
            message.set(Some("Type a passphrase to protect the code with, or untick “Protect with a passphrase”.".into()));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let made = protected_code(&phrase, |key, params, nonce| {
                result.with_value(|r| share::encode_protected(c, r, answers, key, params, nonce).map_err(|e| e.to_string()))
            })
            .await;
            busy.set(false);
            match made {
                Ok(text) => code.set(Some(text)),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <form on:submit=make novalidate>
            <p>"A share code lets your partner set your result beside theirs, on their own device. It holds your role, your situation, the date and your six scores, and nothing about your safety answers. It is never sent anywhere: you show it, read it out or send it yourself."</p>
            <label class="rt-choice">
                <input type="checkbox" prop:checked=move || with_answers.get()
                    on:change=move |ev| { with_answers.set(event_target_checked(&ev)); code.set(None); }/>
                <span>"Also include my answer to each statement (the code gets longer)"</span>
            </label>
            <label class="rt-choice">
                <input type="checkbox" prop:checked=move || protect.get()
                    on:change=move |ev| { protect.set(event_target_checked(&ev)); code.set(None); }/>
                <span>"Protect with a passphrase (for sending through a messenger; tell your partner the passphrase another way)"</span>
            </label>
            <Show when=move || protect.get()>
                <div class="rt-field">
                    <label for="rt-share-pass">"Passphrase"</label>
                    <input id="rt-share-pass" type="password" autocomplete="new-password" spellcheck="false"
                        prop:value=move || passphrase.get()
                        on:input=move |ev| { passphrase.set(event_target_value(&ev)); code.set(None); }/>
                </div>
            </Show>
            <div role="alert">{move || message.get().map(|m| view! { <p class="rt-error">{m}</p> })}</div>
            <div class="rt-actions">
                <button type="submit" class="rt-button" disabled=move || busy.get()>
                    {move || if busy.get() { "Making the code…" } else { "Show the code" }}
                </button>
            </div>
        </form>
        <div role="status" aria-live="polite">
            {move || code.get().map(|text| view! { <CodeShown code=text date=result.with_value(|r| r.taken_at)/> })}
        </div>
    }
}

/// Derives a key from the passphrase (as the lock does, with a fresh salt) and
/// seals with it; the errors in words.
async fn protected_code(
    phrase: &str,
    seal: impl FnOnce(&vault::Key, &KdfParams, [u8; 12]) -> Result<String, String>,
) -> Result<String, String> {
    let random = vault::BrowserRandom::new().map_err(|e| e.to_string())?;
    let params = KdfParams::generate(&random).map_err(|e| e.to_string())?;
    let mut nonce = [0u8; 12];
    random.fill(&mut nonce).map_err(|e| e.to_string())?;
    let key = vault::derive_key(phrase, &params).await.map_err(|e| e.to_string())?;
    seal(&key, &params, nonce)
}

/// The code as grouped text and as a QR code.
#[component]
fn CodeShown(code: String, date: u64) -> impl IntoView {
    let groups = code.split('-').count();
    let spoken = code.replace('-', ", ");
    view! {
        <section class="rt-panel rt-share" aria-labelledby="rt-code-h">
            <h2 id="rt-code-h">"Your share code"</h2>
            <p class="rt-code" data-code=code.clone() aria-label=format!("Share code, {groups} groups: {spoken}")>
                {code.clone()}
            </p>
            <p class="rt-quiet">{format!("Made from your check of {}. Your partner’s screen will show this date, so an old code is easy to recognise.", browser::format_date(date))}</p>
            {share::qr(&code).map(|qr| view! { <QrImage qr=qr/> })}
            <p>"Your partner can type the code, paste it, or scan the picture with their phone, in “Compare with your partner” in the readiness check."</p>
        </section>
    }
}

/// The QR code as an SVG drawn here, no image file and no network.
#[component]
fn QrImage(qr: QrModules) -> impl IntoView {
    let size = qr.width + 2 * QR_MARGIN;
    view! {
        <svg class="rt-qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label="QR code of the share code above"
            shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect width=size height=size fill="#ffffff"/>
            <path d=qr.svg_path(QR_MARGIN) fill="#000000"/>
        </svg>
    }
}
