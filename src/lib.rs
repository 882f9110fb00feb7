//! Rebuild Trust: a private companion for rebuilding trust after infidelity.
//!
//! Plain-Rust domain modules (content, assessment, guide, journal, backup,
//! vault, storage, configuration, routes), each natively tested, sit below a
//! thin Leptos UI in [`ui`], which imports from them and never the other way
//! round. `main.rs` only mounts the standalone app; `embed.js` mounts widgets.

// Natively, views can render to HTML (src/ui/prerender.rs), and the type of
// a whole screen written as a string runs deeper than the default limit.
#![cfg_attr(not(target_arch = "wasm32"), recursion_limit = "256")]

pub mod assessment;
pub mod backup;
pub mod browser;
pub mod camera;
pub mod compare;
pub mod config;
pub mod content;
pub mod exit_mark;
pub mod focus;
pub mod frame;
pub mod guide;
pub mod ids;
pub mod names;
pub mod persist;
pub mod journal;
pub mod labels;
pub mod locale;
pub mod print;
pub mod pwa;
pub mod qr;
pub mod route;
pub mod settings;
pub mod share;
pub mod share_sheet;
pub mod storage;
pub mod summary;
pub mod text;
pub mod tombstones;
pub mod ui;
pub mod vault;

use config::AppConfig;
use leptos::prelude::*;
use storage::{LocalBackend, Store};
use std::rc::Rc;

/// Opens the browser's storage under the configured namespace.
///
/// Where the browser refuses storage (some private modes), the app still runs
/// on memory and says so, rather than showing a blank page.
pub fn open_store(config: &AppConfig) -> (Store, Option<storage::StorageError>) {
    match LocalBackend::open() {
        Ok(backend) => (Store::new(Rc::new(backend), &config.namespace), None),
        Err(err) => (
            Store::new(Rc::new(storage::MemoryBackend::default()), &config.namespace),
            Some(err),
        ),
    }
}

/// Mounts the app into `parent`, replacing the static first paint inside it.
///
/// A page written at build time (`src/ui/prerender.rs`) already shows its
/// screen: it stays until the app can show the same screen at once (its part
/// of the app fetched), and is then replaced in one go, with no "Opening…" between.
/// Building the app then runs as a task of its own, apart from the
/// WebAssembly's start, so neither blocks the page for as long.
pub fn mount(parent: web_sys::HtmlElement, config: AppConfig) {
    let prerendered = !config.embedded && parent.query_selector("[data-rt-static]").ok().flatten().is_some();
    if prerendered {
        let route = route::Route::from_path(&browser::current_path());
        wasm_bindgen_futures::spawn_local(async move {
            ui::fetch_part_for(&route).await;
            browser::next_task().await;
            mount_now(parent, config);
        });
    } else {
        mount_now(parent, config);
    }
}

fn mount_now(parent: web_sys::HtmlElement, config: AppConfig) {
    let (store, problem) = open_store(&config);
    // Install and offline use; standalone only, unless an embedding site opts in.
    pwa::start(&config);
    // Focus inside the page written at build time (a person who started with
    // the keyboard) goes to the same place in the app that replaces it.
    let spot = focus::Spot::focused_in(&parent);
    parent.set_inner_html("");
    // Said before any settings can be read: in the site's or the browser's language.
    locale::set_active(browser::language(None, config.lang));
    let notice = problem.map(|err| ui::Notice::from_error(text::notices::get().storage_unavailable, &err));
    let handle = leptos::mount::mount_to(parent.clone(), move || {
        view! { <ui::Root config=config store=store notice=notice/> }
    });
    // The app lives as long as the page.
    handle.forget();
    if let Some(spot) = spot {
        spot.focus_in(&parent);
    }
}
