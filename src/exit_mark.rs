//! What quick exit leaves behind so that Back cannot show the app again.
//!
//! Quick exit replaces only the current history entry. If the app was loaded
//! more than once in the tab (the address typed again, a bookmark), Back
//! reaches an earlier load, either started afresh or restored as it was from
//! the browser's back/forward cache. So quick exit leaves a mark in the tab's
//! `sessionStorage` (per tab, gone when the tab closes), and every start, and
//! every restore from that cache, looks for it first: while it is there, the
//! app shows nothing of the content (a neutral cover, or the lock screen when
//! the lock is on) until the person deliberately comes back in, which clears
//! it. With the lock on, the app also locks whenever the page is hidden
//! (`pagehide`), so a page the cache keeps is kept locked.
//!
//! [`ExitGuard`] is the rule, tested natively over [`MemoryMark`];
//! [`SessionMark`] and [`on_page_life`] are the browser's side.

use std::cell::Cell;
use wasm_bindgen::JsCast;

/// Why the mark could not be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkError {
    #[error("this browser does not let the page keep anything for the tab (session storage is off)")]
    Unavailable,
    #[error("the browser refused to keep the quick exit mark: {0}")]
    Refused(String),
}

/// Where the mark is kept: the tab's `sessionStorage` in the app, a cell in tests.
pub trait Mark {
    fn is_set(&self) -> bool;
    fn set(&self) -> Result<(), MarkError>;
    fn clear(&self) -> Result<(), MarkError>;
}

/// What the app may show, as far as quick exit is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// Whatever it would show anyway.
    Content,
    /// Nothing of the content: the neutral cover, or the lock screen when the lock is on.
    Cover,
}

/// The rule: after quick exit, nothing of the content until the person comes back in.
pub struct ExitGuard<M: Mark> {
    mark: M,
}

impl<M: Mark> ExitGuard<M> {
    pub fn new(mark: M) -> Self {
        Self { mark }
    }

    /// When the app starts (a fresh load, or a reload).
    pub fn at_start(&self) -> Showing {
        if self.mark.is_set() {
            Showing::Cover
        } else {
            Showing::Content
        }
    }

    /// When the page is shown again; `persisted` when it comes back from the
    /// back/forward cache exactly as it was left.
    pub fn on_show(&self, persisted: bool) -> Showing {
        if persisted {
            self.at_start()
        } else {
            Showing::Content
        }
    }

    /// Quick exit: remember, for this tab, that the person left.
    pub fn leaving(&self) -> Result<(), MarkError> {
        self.mark.set()
    }

    /// The person chose to come back in (opened the cover, or unlocked).
    pub fn coming_back(&self) -> Result<(), MarkError> {
        self.mark.clear()
    }
}

/// A mark in memory, for tests.
#[derive(Default)]
pub struct MemoryMark(Cell<bool>);

impl Mark for MemoryMark {
    fn is_set(&self) -> bool {
        self.0.get()
    }
    fn set(&self) -> Result<(), MarkError> {
        self.0.set(true);
        Ok(())
    }
    fn clear(&self) -> Result<(), MarkError> {
        self.0.set(false);
        Ok(())
    }
}

/// The mark in the tab's `sessionStorage`, under the app's namespace.
pub struct SessionMark {
    key: String,
}

impl SessionMark {
    /// The mark of the app whose storage namespace is `namespace`.
    pub fn new(namespace: &str) -> Self {
        Self {
            key: format!("{namespace}:left"),
        }
    }

    fn storage() -> Result<web_sys::Storage, MarkError> {
        web_sys::window()
            .and_then(|w| w.session_storage().ok().flatten())
            .ok_or(MarkError::Unavailable)
    }
}

fn refused(err: wasm_bindgen::JsValue) -> MarkError {
    MarkError::Refused(
        err.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "no reason given".into()),
    )
}

impl Mark for SessionMark {
    /// Where the tab keeps nothing, no mark was ever set either.
    fn is_set(&self) -> bool {
        Self::storage().is_ok_and(|s| matches!(s.get_item(&self.key), Ok(Some(_))))
    }
    fn set(&self) -> Result<(), MarkError> {
        Self::storage()?.set_item(&self.key, "1").map_err(refused)
    }
    fn clear(&self) -> Result<(), MarkError> {
        Self::storage()?.remove_item(&self.key).map_err(refused)
    }
}

/// Calls `on_hide` when the page is hidden (left, closed, or put in the
/// back/forward cache) and `on_show(persisted)` when it is shown again,
/// for as long as the current reactive owner lives.
pub fn on_page_life(on_hide: impl Fn() + 'static, on_show: impl Fn(bool) + 'static) {
    use leptos::prelude::{on_cleanup, window_event_listener};
    let hide = window_event_listener(leptos::ev::pagehide, move |_| on_hide());
    let show = window_event_listener(leptos::ev::pageshow, move |ev: web_sys::PageTransitionEvent| {
        on_show(ev.persisted())
    });
    on_cleanup(move || {
        hide.remove();
        show.remove();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_quick_exit_nothing_shows_until_the_person_comes_back_in() {
        let guard = ExitGuard::new(MemoryMark::default());
        assert_eq!(guard.at_start(), Showing::Content);
        assert_eq!(guard.on_show(true), Showing::Content);
        guard.leaving().unwrap();
        // An earlier load of the app in this tab, started again or restored as it was.
        assert_eq!(guard.at_start(), Showing::Cover);
        assert_eq!(guard.on_show(true), Showing::Cover);
        // A plain first show is the start itself, already decided.
        assert_eq!(guard.on_show(false), Showing::Content);
        guard.coming_back().unwrap();
        assert_eq!(guard.at_start(), Showing::Content);
        assert_eq!(guard.on_show(true), Showing::Content);
    }
}
