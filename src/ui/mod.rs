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
#[cfg(not(target_arch = "wasm32"))]
pub mod first_paint;
mod lock;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod root;
mod shell;
mod state;

pub use root::{App, Root};

/// Fetches the part of the app `route`'s screen is in, if it is not here yet,
/// so the first render shows that screen rather than "Opening…". A failure is
/// left for the screen to explain.
pub async fn fetch_part_for(route: &crate::route::Route) {
    if let Some(part) = pages::part_of(route) {
        let _ = part.load().await;
    }
}
pub use state::Notice;
