//! The top of the component tree: the session decides between the app, the
//! lock screen and nothing at all; [`App`] provides the open app's state.

use super::lock::{locked, Cover};
use super::shell::Shell;
use super::state::{follow_browser_languages, follow_history, follow_other_tabs, quick_exit_keys, AppState, JournalState, Notice, Session, View};
use crate::browser;
use crate::config::AppConfig;
use crate::locale;
use crate::route::Route;
use crate::storage::Store;
use leptos::prelude::*;

/// The top of the app: opens it, or asks for the passphrase first.
#[component]
pub fn Root(config: AppConfig, store: Store, #[prop(default = None)] notice: Option<Notice>) -> impl IntoView {
    let session = Session::new(config.clone(), store.clone());
    provide_context(session);
    browser::apply_discreet(session.discreet.get_untracked() && session.owns_page());
    session.start();
    session.follow_page_life();
    follow_browser_languages(session);
    let first_notice = StoredValue::new(notice);
    let on_key = quick_exit_keys(session);
    let page_wide = config.exit_keys_page;
    if page_wide {
        // Standalone (or when the host opts in), the shortcut works anywhere on the page.
        let handle = window_event_listener(leptos::ev::keydown, on_key);
        on_cleanup(move || handle.remove());
    }

    // Before the app opens (the lock screen, the cover), the person's own
    // choice of language is not readable yet (it is sealed with the rest of
    // their settings): these speak the site's or the browser's language.
    let before_open = {
        let site = config.lang;
        move || {
            let language = browser::language(None, site);
            locale::set_active(language);
            if session.owns_page() {
                browser::set_document_lang(language.id());
            }
        }
    };
    let screen = move || match session.view.get() {
        View::Open(_) if session.with_store(|_| ()).is_some() => {
            let notice = first_notice.try_update_value(Option::take).flatten();
            view! { <App notice=notice/> }.into_any()
        }
        View::Gone => view! { <div class="rt-app" data-theme="system"></div> }.into_any(),
        other => {
            // A change of the browser's languages draws these again in the new one.
            session.languages.track();
            before_open();
            match other {
                View::Covered => view! { <Cover/> }.into_any(),
                View::LockMissing | View::LockDamaged => locked(other),
                _ => locked(View::Locked),
            }
        }
    };
    // Focus never falls out of the app when its control gives way, the lock
    // screen's for the app included (src/focus.rs).
    let root = NodeRef::<leptos::html::Div>::new();
    if cfg!(target_arch = "wasm32") {
        root.on_load(|el| crate::focus::keep(el.into()));
    }
    // Embedded, the host page's keys are its own: only keys pressed inside the widget count.
    view! {
        <div class="rt-root" node_ref=root on:keydown=move |ev| if !page_wide { on_key(ev) }>{screen}</div>
    }
}

/// The open app: its state, loaded from the session's store, and the shell.
#[component]
pub fn App(#[prop(default = None)] notice: Option<Notice>) -> impl IntoView {
    let session = super::state::use_session();
    let start = session.config.with_value(|c| {
        if c.embedded {
            c.start.clone()
        } else {
            Route::from_path(&browser::current_path())
        }
    });
    let state = AppState::new(session, start);
    // Opened by someone using the lock screen (focus is on it as it goes):
    // the screen's heading takes focus, as after moving to another screen.
    if browser::focus_is_in_app() {
        state.focus_heading.set_value(true);
    }
    if notice.is_some() {
        state.notice.set(notice);
    }
    provide_context(state);
    let journal = session.config.with_value(|c| JournalState::new(&c.namespace));
    provide_context(journal);
    follow_history(state);
    // The journal is read when a screen that shows it first opens (see JournalState::read).
    follow_other_tabs(state, journal);
    view! { <Shell/> }
}
