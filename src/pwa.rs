//! Installing the app and using it offline.
//!
//! Registers the service worker (`/sw.js`, from the template `assets/sw.js`
//! that `tools/postbuild.mjs` fills in: it keeps every file the app needs, so
//! the app opens without a network), and tells the person when a new version is waiting. A new
//! version never takes over by itself: it waits until the person chooses
//! "Reload to update", which asks it to activate and then reloads the page.
//!
//! Nothing here is needed for the app to work: where the browser has no
//! service workers, or registering fails, the app simply runs without one.

use crate::config::AppConfig;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Where the worker is served; its scope is the whole site.
pub const SCRIPT: &str = "/sw.js";
/// The message that asks a waiting worker to take over (see `assets/sw.js`).
pub const ACTIVATE_MESSAGE: &str = "rt-activate";

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
    /// Set once the person asked for the update: only then does a change of
    /// worker reload the page.
    static RELOAD_ON_CHANGE: Cell<bool> = const { Cell::new(false) };
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Whether a new version is installed and waiting. Outside any reactive
    /// owner, so it outlives the shell (which is remounted on each unlock).
    static UPDATE_READY: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Whether a new version is waiting to be used.
pub fn update_ready() -> ArcRwSignal<bool> {
    UPDATE_READY.with(Clone::clone)
}

/// The browser's service worker container, where there is one and it may be used.
fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    if !window.is_secure_context() {
        return None;
    }
    // Read through Reflect: in some sandboxed frames the getter itself throws.
    js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("serviceWorker"))
        .ok()
        .and_then(|v| v.dyn_into::<ServiceWorkerContainer>().ok())
}

/// Registers the service worker, once per page, when the configuration allows it.
pub fn start(config: &AppConfig) {
    if !config.service_worker || STARTED.with(|s| s.replace(true)) {
        return;
    }
    let Some(container) = container() else { return };
    let register = move || {
        wasm_bindgen_futures::spawn_local(async move {
            // A failure (no worker file, storage refused) is not the person's problem.
            let Ok(registration) = JsFuture::from(container.register(SCRIPT)).await else { return };
            let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else { return };
            watch(&container, &registration);
            REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
        })
    };
    // Installing the worker fetches every file of the app: not while the
    // first screen is still loading its own, only once the page has loaded.
    let Some(window) = web_sys::window() else { return };
    let loaded = window.document().is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        register();
    } else {
        let once = Closure::once_into_js(register);
        let _ = window.add_event_listener_with_callback("load", once.unchecked_ref());
    }
}

fn announce() {
    UPDATE_READY.with(|ready| ready.set(true));
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Follows the registration: a version already waiting, one that finishes
/// installing later, and the change of worker after the person asked for it.
fn watch(container: &ServiceWorkerContainer, registration: &ServiceWorkerRegistration) {
    if registration.waiting().is_some() {
        announce();
    }

    let reg = registration.clone();
    let sw = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = reg.installing() else { return };
        let installing = worker.clone();
        let sw = sw.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            // With no controller this is the very first install, not an update.
            if installing.state() == ServiceWorkerState::Installed && sw.controller().is_some() {
                announce();
            }
        });
        let _ = worker.add_event_listener_with_callback("statechange", on_state.as_ref().unchecked_ref());
        on_state.forget();
    });
    let _ = registration
        .add_event_listener_with_callback("updatefound", on_update_found.as_ref().unchecked_ref());
    on_update_found.forget();

    // The first install also changes the controller (the worker claims the
    // page); only a change the person asked for reloads.
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if RELOAD_ON_CHANGE.with(Cell::get) {
            reload();
        }
    });
    let _ = container
        .add_event_listener_with_callback("controllerchange", on_controller_change.as_ref().unchecked_ref());
    on_controller_change.forget();

    // An installed app may stay open for days without a navigation: look for
    // a new version whenever it comes back into view. Offline, the check
    // fails quietly.
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let reg = registration.clone();
        let doc = document.clone();
        let on_visible = Closure::<dyn FnMut()>::new(move || {
            if doc.visibility_state() == web_sys::VisibilityState::Visible {
                if let Ok(promise) = reg.update() {
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = JsFuture::from(promise).await;
                    });
                }
            }
        });
        let _ = document
            .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
        on_visible.forget();
    }
}

/// Asks the waiting worker to take over; the page reloads when it has.
/// (An open journal entry is saved on `pagehide`, as on any reload.)
pub fn apply_update() {
    let waiting: Option<ServiceWorker> =
        REGISTRATION.with(|r| r.borrow().as_ref().and_then(ServiceWorkerRegistration::waiting));
    let Some(worker) = waiting else {
        // Another tab already switched to the new version: a reload picks it up.
        reload();
        return;
    };
    RELOAD_ON_CHANGE.with(|r| r.set(true));
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("type"), &JsValue::from_str(ACTIVATE_MESSAGE));
    if worker.post_message(&message).is_err() {
        reload();
    }
}


#[cfg(test)]
mod tests {
    #[test]
    fn the_worker_template_listens_for_the_message_the_page_sends() {
        let worker = std::fs::read_to_string("assets/sw.js").expect("assets/sw.js is readable");
        assert!(worker.contains(&format!("const ACTIVATE = '{}';", super::ACTIVATE_MESSAGE)));
        assert!(worker.contains("event.data.type === ACTIVATE"));
    }
}
