//! Room used, persistence, and deleting everything.

use crate::ui::components::TypedConfirm;
use crate::ui::state::{use_app, use_journal, use_session};
use crate::{persist, vault};
use leptos::prelude::*;

/// How much room the app uses, and asking the browser to keep the data.
#[component]
pub(super) fn StorageSection() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    // A typical localStorage allowance: about five million characters per site.
    const TYPICAL_QUOTA_CHARS: usize = 5_000_000;
    let used = Memo::new(move |_| {
        // Recount when the journal or anything saved changes.
        journal.finder.with(|_| ());
        state.settings.with(|_| ());
        state.with_store(|s| s.used_chars()).and_then(Result::ok).unwrap_or(0)
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
        });
    }
    // The app asks by itself at the first entry and when the lock goes on; this says what was decided.
    leptos::task::spawn_local(async move {
        let _ = persisted.try_set(persist::persisted().await.ok());
    });
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            let answer = persist::ask().await.ok();
            let t = crate::text::settings_storage::get();
            let _ = persist_answer.try_set(Some(match answer {
                Some(true) => t.ask_yes.into(),
                Some(false) => t.ask_no.into(),
                None => t.ask_unsupported.into(),
            }));
            if answer == Some(true) {
                let _ = persisted.try_set(Some(true));
            }
        });
    };
    let kb = |chars: usize| (chars * 2).div_ceil(1024);
    let t = crate::text::settings_storage::get();

    view! {
        <h2>{t.heading}</h2>
        <p>{move || t.used(kb(used.get()), used.get() * 100 / TYPICAL_QUOTA_CHARS)}</p>
        {move || (used.get() * 100 >= TYPICAL_QUOTA_CHARS * 80).then(|| view! {
            <p class="rt-error" role="alert">
                {t.nearly_full}
            </p>
        })}
        {move || estimate.get().map(|(u, q)| view! {
            <p class="rt-quiet">{t.browser_reports(crate::locale::active().decimal(q / 1_048_576.0, 0), crate::locale::active().decimal(u / 1_048_576.0, 1))}</p>
        })}
        <p>
            {move || match persisted.get() {
                Some(true) => t.kept,
                Some(false) => t.not_kept_yet,
                None => t.kept_unknown,
            }}
        </p>
        <button type="button" class="rt-button rt-button--quiet" on:click=ask
            disabled=move || persisted.get() == Some(true)>{t.ask_keep}</button>
        <p role="status">{move || persist_answer.get()}</p>
    }
}

/// Deletes everything the app keeps, after the person types "delete".
#[component]
pub(super) fn DeleteEverything() -> impl IntoView {
    let state = use_app();
    let session = use_session();
    let journal = use_journal();
    let delete = move |()| {
        // Through the plain store: the lock (if any) goes too, and the app carries on without one.
        let plain = session.plain.get_value();
        let failed = vault::wipe(&plain).err();
        let _ = session.set_discreet(false);
        session.use_store(plain, false);
        journal.deleted.set(None);
        journal.load(state);
        state.reload_all();
        let t = crate::text::settings_delete::get();
        Some(match failed {
            None => t.done.into(),
            Some(e) => t.failed(e),
        })
    };
    let t = crate::text::settings_delete::get();
    view! {
        <h2>{t.heading}</h2>
        <TypedConfirm id="rt-delete-confirm" label=t.confirm_label button=t.button on_confirm=delete>
            <p>{t.note}</p>
        </TypedConfirm>
    }
}
