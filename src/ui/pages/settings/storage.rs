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
            let _ = persist_answer.try_set(Some(match answer {
                Some(true) => "The browser agreed: it will not clear this data on its own to free up space.".into(),
                Some(false) => "The browser said no for now. Browsers decide this themselves, often based on how much a site is used; your data is still kept, and backups are the safest way to be sure.".into(),
                None => "This browser does not support this request. Backups are the safest way to keep your data.".into(),
            }));
            if answer == Some(true) {
                let _ = persisted.try_set(Some(true));
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
                Some(true) => "Kept for good: this browser has agreed to keep the app’s data even when space runs low.",
                Some(false) => "Not kept for good yet: this browser may clear the app’s data when space runs low. You can ask it to keep it; backups are the surest way.",
                None => "This browser does not say whether it will keep the app’s data when space runs low. Backups are the surest way to keep it.",
            }}
        </p>
        <button type="button" class="rt-button rt-button--quiet" on:click=ask
            disabled=move || persisted.get() == Some(true)>"Ask the browser to keep my data"</button>
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
        Some(match failed {
            None => "Everything was deleted from this browser.".into(),
            Some(e) => format!("Not everything could be deleted: {e}."),
        })
    };
    view! {
        <h2>"Delete everything"</h2>
        <TypedConfirm id="rt-delete-confirm" label="Type “delete” to confirm" button="Delete everything" on_confirm=delete>
            <p>
                "This removes your journal, guide progress, check results and settings from this browser. "
                "It cannot be undone. Save a backup first if you may want any of it again."
            </p>
        </TypedConfirm>
    }
}
