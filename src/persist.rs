//! Keeping the app's data from being cleared by the browser: persistent
//! storage (`navigator.storage.persist()`), and knowing when Safari may clear
//! it anyway (an app not added to the Home Screen or the Dock loses a site's
//! storage after some days without a visit).
//!
//! The browser calls are the async functions here; what they mean, and when
//! to speak, is plain logic with native tests ([`apple_webkit`], [`Eviction`]).

use wasm_bindgen_futures::JsFuture;

/// Why the browser's answer is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersistError {
    #[error("{}", crate::text::storage_persist::get().unsupported)]
    Unsupported,
    #[error("{}", crate::text::storage_persist::get().failed(.0))]
    Failed(String),
}

fn manager() -> Result<web_sys::StorageManager, PersistError> {
    let navigator = web_sys::window().ok_or(PersistError::Unsupported)?.navigator();
    // Older browsers have no `navigator.storage` at all.
    let has = js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false);
    if !has {
        return Err(PersistError::Unsupported);
    }
    Ok(navigator.storage())
}

async fn answer(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Result<bool, PersistError> {
    let promise = promise.map_err(|_| PersistError::Unsupported)?;
    let value = JsFuture::from(promise)
        .await
        .map_err(|e| PersistError::Failed(e.as_string().unwrap_or_else(|| crate::text::storage_persist::get().no_reason.into())))?;
    value.as_bool().ok_or_else(|| PersistError::Failed(crate::text::storage_persist::get().not_yes_no.into()))
}

/// Whether the browser has already agreed to keep the data.
pub async fn persisted() -> Result<bool, PersistError> {
    answer(manager()?.persisted()).await
}

/// Asks the browser to keep the data even when space runs low. Browsers
/// decide by themselves (Chrome from how much the site is used, Firefox by
/// asking the person, Safari mostly by installation); the answer says what
/// they decided.
pub async fn ask() -> Result<bool, PersistError> {
    answer(manager()?.persist()).await
}

/// Asks in the background at a moment that makes sense (the first journal
/// entry, turning the lock on); Settings shows the outcome.
pub fn ask_quietly() {
    leptos::task::spawn_local(async {
        let _ = ask().await;
    });
}

/// Whether a user agent is a WebKit browser on an Apple device: Safari on a
/// Mac, and every browser on an iPhone or iPad (all use WebKit there, and
/// iPadOS presents itself as a Mac). Chrome and Edge on a Mac, and WebKit on
/// Linux, are not.
pub fn apple_webkit(user_agent: &str) -> bool {
    let apple = ["iPhone", "iPad", "iPod", "Macintosh"].iter().any(|d| user_agent.contains(d));
    let other_engine = ["Chrome/", "Chromium/", "Firefox/", "Edg/"].iter().any(|b| user_agent.contains(b));
    apple && user_agent.contains("AppleWebKit") && !other_engine
}

/// Whether to explain, once, that Safari may clear the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Eviction {
    /// A WebKit browser on an Apple device ([`apple_webkit`]).
    pub apple_webkit: bool,
    /// Opened from the Home Screen or the Dock (display mode standalone).
    pub installed: bool,
    /// The person already read the explanation.
    pub explained: bool,
}

impl Eviction {
    /// Safari clears a site's storage after days without a visit unless the
    /// app is installed: say so once, where the words are kept.
    pub fn explain(&self) -> bool {
        self.apple_webkit && !self.installed && !self.explained
    }
}

/// Whether the app was opened as an installed app (Home Screen, Dock, or an
/// installed web app elsewhere).
pub fn installed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let standalone = js_sys::Reflect::get(&window.navigator(), &"standalone".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    standalone
        || window
            .match_media("(display-mode: standalone)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
}

/// The browser's user agent, or nothing.
pub fn user_agent() -> String {
    web_sys::window().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safari_and_every_ios_browser_count_as_apple_webkit_and_nothing_else_does() {
        let yes = [
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        ];
        let no = [
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
            "",
        ];
        assert!(yes.iter().all(|ua| apple_webkit(ua)));
        assert!(no.iter().all(|ua| !apple_webkit(ua)));
    }

    #[test]
    fn the_safari_explanation_is_given_once_and_only_where_it_applies() {
        let e = |apple_webkit, installed, explained| Eviction { apple_webkit, installed, explained }.explain();
        assert!(e(true, false, false));
        assert!(!e(true, true, false), "an installed app keeps its storage");
        assert!(!e(true, false, true), "once is enough");
        assert!(!e(false, false, false));
    }
}
