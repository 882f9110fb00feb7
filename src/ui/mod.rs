//! The user interface, in layers that only ever import downwards:
//!
//! ```text
//! root    the session's choice: the app, the lock screen, or nothing
//! lock    the lock screen (a sibling of the shell)
//! shell   the frame around every screen
//! pages   one folder per part, a file per screen
//! components  pieces several screens use
//! state   session, app state, saved slices, navigation, tabs in step
//! ```
//! Below `state` is the plain-Rust domain (`crate::journal`, `crate::vault`,
//! …), which knows nothing of Leptos.

mod components;
mod lock;
mod pages;
mod root;
mod shell;
mod state;

pub use root::{App, Root};
pub use state::Notice;
