//! What the screens share, below every component: the session (open, locked
//! or gone), the app's state and its saved slices, the journal in memory,
//! navigation, and keeping two tabs (and the browser's languages) in step. Nothing here renders.

mod app;
mod journal;
mod nav;
mod persisted;
mod session;
mod sync;

pub use app::{use_app, AppState, Notice};
pub use journal::{use_journal, JournalState};
pub use nav::follow_history;
pub use session::{quick_exit_keys, random, use_session, Session, View};
pub use sync::{follow_browser_languages, follow_other_tabs};
