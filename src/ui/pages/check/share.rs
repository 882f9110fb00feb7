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
    let t = crate::text::check_share::get();
    let Some(result) = state.check_history().with_untracked(|h| h.get(&id).cloned()).filter(|r| !r.partner) else {
        return view! {
            <PageTitle>{t.none_title}</PageTitle>
            <p>{t.none_body}</p>
            <p><Link to=Route::CheckHistory>{t.see_checks}</Link></p>
        }
        .into_any();
    };
    // After a safety warning, a clear caution comes before anything else.
    let cautioned = RwSignal::new(!result.needs_safety_reminder());
    let back = Route::CheckResult(result.id.clone());
    view! {
        <PageTitle>{t.title}</PageTitle>
        <p class="rt-quiet">{t.from_check(browser::format_date(result.taken_at))}</p>
        {move || if cautioned.get() {
            view! { <ShareForm result=result.clone()/> }.into_any()
        } else {
            view! {
                <section class="rt-panel rt-panel--calm" aria-labelledby="rt-caution-h">
                    <h2 id="rt-caution-h">{t.caution_title}</h2>
                    <p>{t.caution_body}</p>
                    <p>{t.caution_optional}</p>
                    <p><Link to=Route::Help>{t.see_help}</Link></p>
                    <div class="rt-actions">
                        <Link to=back.clone() class="rt-button">{t.dont}</Link>
                        <button type="button" class="rt-button rt-button--quiet" on:click=move |_| cautioned.set(true)>
                            {t.understand}
                        </button>
                    </div>
                </section>
            }.into_any()
        }}
        <p class="rt-actions"><Link to=Route::CheckResult(id.clone()) class="rt-button rt-button--quiet">{t.back}</Link></p>
    }
    .into_any()
}

/// The choices (answers or not, a passphrase or not) and the code once made.
#[component]
fn ShareForm(result: CheckResult) -> impl IntoView {
    let c = content::check();
    let t = crate::text::check_share::get();
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
            message.set(Some(t.need_passphrase.into()));
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
            <p>{t.about}</p>
            <label class="rt-choice">
                <input type="checkbox" prop:checked=move || with_answers.get()
                    on:change=move |ev| { with_answers.set(event_target_checked(&ev)); code.set(None); }/>
                <span>{t.with_answers}</span>
            </label>
            <label class="rt-choice">
                <input type="checkbox" prop:checked=move || protect.get()
                    on:change=move |ev| { protect.set(event_target_checked(&ev)); code.set(None); }/>
                <span>{t.protect}</span>
            </label>
            <Show when=move || protect.get()>
                <div class="rt-field">
                    <label for="rt-share-pass">{t.passphrase}</label>
                    <input id="rt-share-pass" type="password" autocomplete="new-password" spellcheck="false"
                        prop:value=move || passphrase.get()
                        on:input=move |ev| { passphrase.set(event_target_value(&ev)); code.set(None); }/>
                </div>
            </Show>
            <div role="alert">{move || message.get().map(|m| view! { <p class="rt-error">{m}</p> })}</div>
            <div class="rt-actions">
                <button type="submit" class="rt-button" disabled=move || busy.get()>
                    {move || if busy.get() { t.making } else { t.show }}
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
    let t = crate::text::check_share::get();
    let groups = code.split('-').count();
    let spoken = code.replace('-', ", ");
    view! {
        <section class="rt-panel rt-share" aria-labelledby="rt-code-h">
            <h2 id="rt-code-h">{t.code_title}</h2>
            <p class="rt-code" data-code=code.clone() aria-label=t.code_label(groups, spoken)>
                {code.clone()}
            </p>
            <p class="rt-quiet">{t.made_from(browser::format_date(date))}</p>
            {share::qr(&code).map(|qr| view! { <QrImage qr=qr/> })}
            <p>{t.partner_can}</p>
        </section>
    }
}

/// The QR code as an SVG drawn here, no image file and no network.
#[component]
fn QrImage(qr: QrModules) -> impl IntoView {
    let t = crate::text::check_share::get();
    let size = qr.width + 2 * QR_MARGIN;
    view! {
        <svg class="rt-qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label=t.qr_label
            shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect width=size height=size fill="#ffffff"/>
            <path d=qr.svg_path(QR_MARGIN) fill="#000000"/>
        </svg>
    }
}
