//! The user interface: the shell around every screen, and the screens.

mod confirm;
mod nav;
pub mod session;
mod pages;
mod shell;
mod journal_state;
mod state;
mod sync;
mod welcome;

pub use confirm::ConfirmButton;
pub use nav::Link;
pub use session::{use_session, QuickExit, Root, Session};
pub use journal_state::{use_journal, JournalState};
pub use state::{use_app, AppState, Notice};

use crate::browser;
use crate::config::AppConfig;
use crate::storage::Store;
use leptos::prelude::*;

/// The whole app, given where it runs and where it keeps data.
#[component]
pub fn App(config: AppConfig, store: Store, #[prop(default = None)] notice: Option<Notice>) -> impl IntoView {
    let start = if config.embedded {
        config.start.clone()
    } else {
        crate::route::Route::from_path(&browser::current_path())
    };
    let state = AppState::new(config, store, start);
    if notice.is_some() {
        state.notice.set(notice);
    }
    provide_context(state);
    let journal = JournalState::new();
    provide_context(journal);
    nav::follow_history(state);
    sync::follow_other_tabs(state, journal);
    // The journal is read after the first screen is painted, not before.
    browser::after_render(move || journal.load(state));
    view! { <shell::Shell/> }
}
