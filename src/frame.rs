//! The framed app's side of the conversation with `embed.js` on the host page.
//!
//! The frame is on the app's own origin, so the host page can read none of
//! it; the two talk only by `postMessage`. The frame tells the host script
//! four things, none of them the person's words: its height (so the host sizes
//! the frame to it, with no inner scrollbar), the configuration warnings (so
//! they show in the host's console, where the site's developer looks), whether
//! discreet mode is on (so the frame's title is neutral), and that the person
//! asked for quick exit (only the host's script can replace the host page). The
//! frame listens to nothing from the host: every option arrived in its URL
//! fragment, so there is nothing a forged message could change.
//!
//! Messages go to `window.parent` with the target origin `*`: the frame cannot
//! know its host's origin in every browser, and nothing it sends is private.
//! Everything the rest of the app calls goes through a [`HostLink`], which
//! native tests replace with [`FakeHost`].

use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// One message to the host page's script, in the shape `assets/embed.js` checks:
/// an object whose `rt` names the kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rt", rename_all = "lowercase")]
pub enum ToHost {
    /// The content's height in CSS pixels, rounded up.
    Height { height: u32 },
    /// Bad options were replaced by defaults; each one explained.
    Warnings { warnings: Vec<String> },
    /// Discreet mode is on or off: the host names the frame accordingly.
    Discreet { on: bool },
    /// The words on the app's quick exit button, for the host page's own.
    #[serde(rename = "exit-label")]
    ExitLabel { label: String },
    /// Quick exit: the host replaces its page with the exit URL.
    Exit,
    /// The footer's contact link: the host opens the contact URL it was given.
    Contact,
    /// A control inside took focus, this far from the frame's top (CSS
    /// pixels, rounded): the host makes sure its own quick exit, shown over
    /// the top of the screen, does not cover it.
    Focus { top: i32, bottom: i32 },
}

impl ToHost {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Where messages for the host page go.
pub trait HostLink {
    fn send(&self, message: ToHost);
}

/// Records what was sent, for tests.
#[derive(Default)]
pub struct FakeHost {
    pub sent: RefCell<Vec<ToHost>>,
}

impl HostLink for FakeHost {
    fn send(&self, message: ToHost) {
        self.sent.borrow_mut().push(message);
    }
}

/// The real link: `window.parent.postMessage`.
pub struct ParentWindow;

impl HostLink for ParentWindow {
    fn send(&self, message: ToHost) {
        let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
        if let Ok(value) = js_sys::JSON::parse(&message.to_json()) {
            let _ = parent.post_message(&value, "*");
        }
    }
}

thread_local! {
    static HOST: RefCell<Option<Rc<dyn HostLink>>> = const { RefCell::new(None) };
}

/// Connects the app to its host page; called once, when it starts framed.
pub fn connect(link: Rc<dyn HostLink>) {
    HOST.with(|h| *h.borrow_mut() = Some(link));
}

/// Sends `message` to the host page. Returns false when the app is not framed
/// (nothing connected), so the caller does the thing itself.
pub fn send(message: ToHost) -> bool {
    let link = HOST.with(|h| h.borrow().clone());
    match link {
        Some(link) => {
            link.send(message);
            true
        }
        None => false,
    }
}

/// Sends a height only when it changed, rounded up to whole pixels (a
/// fraction rounded down would clip the last line).
pub struct HeightReporter {
    last: Cell<Option<u32>>,
}

impl HeightReporter {
    pub fn new() -> Self {
        Self { last: Cell::new(None) }
    }

    pub fn report(&self, px: f64) {
        if !px.is_finite() || px < 0.0 {
            return;
        }
        let height = px.ceil().min(f64::from(u32::MAX)) as u32;
        if self.last.replace(Some(height)) != Some(height) {
            send(ToHost::Height { height });
        }
    }
}

impl Default for HeightReporter {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether this page is inside a frame (its window is not the top one).
pub fn in_frame() -> bool {
    web_sys::window().is_some_and(|w| match w.top() {
        Ok(Some(top)) => top != w,
        _ => false,
    })
}

/// The URL fragment, where `embed.js` puts a frame's options.
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Marks the document as framed (the stylesheet drops its full-viewport
/// heights, and the page never scrolls inside the frame: the host sizes the
/// frame to the content) and reports the content's height whenever it changes.
/// A browser pauses the rendering of a frame that is off screen, and with it
/// the resize observer, so the height is also checked once a second (sent only
/// if it changed): a frame scrolled back into view already has its height.
pub fn watch_height(root: &web_sys::HtmlElement) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let Some(html) = window.document().and_then(|d| d.document_element()) else { return };
    let _ = html.class_list().add_1("rt-framed");
    let reporter = HeightReporter::new();
    let measured = html.clone();
    let callback = Closure::<dyn Fn()>::new(move || reporter.report(measured.get_bounding_client_rect().height()));
    let function: &js_sys::Function = callback.as_ref().unchecked_ref();
    let _ = function.call0(&wasm_bindgen::JsValue::NULL);
    if let Ok(observer) = web_sys::ResizeObserver::new(function) {
        observer.observe(&html);
        observer.observe(root);
    }
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(function, 1000);
    // The observer and the timer live as long as the page.
    callback.forget();
}

/// Tells the host page where each control that takes focus by keyboard is
/// (see [`ToHost::Focus`]). The frame never scrolls; the host page does. Not
/// for a click (`:focus-visible` tells them apart): the page must not move
/// between pressing and releasing.
pub fn watch_focus() {
    use wasm_bindgen::JsCast;
    // Kept for the page's life: the handle is never used to remove it.
    let _ = leptos::prelude::window_event_listener(leptos::ev::focusin, |ev| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(el) = target.filter(|el| el.matches(":focus-visible").unwrap_or(false)) {
            let rect = el.get_bounding_client_rect();
            send(ToHost::Focus { top: rect.top().round() as i32, bottom: rect.bottom().round() as i32 });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connected() -> Rc<FakeHost> {
        let fake = Rc::new(FakeHost::default());
        connect(fake.clone());
        fake
    }

    #[test]
    fn messages_have_the_shape_embed_js_checks() {
        assert_eq!(ToHost::Height { height: 812 }.to_json(), r#"{"rt":"height","height":812}"#);
        assert_eq!(ToHost::Exit.to_json(), r#"{"rt":"exit"}"#);
        assert_eq!(ToHost::Contact.to_json(), r#"{"rt":"contact"}"#);
        assert_eq!(ToHost::Focus { top: -12, bottom: 91 }.to_json(), r#"{"rt":"focus","top":-12,"bottom":91}"#);
        assert_eq!(ToHost::Discreet { on: true }.to_json(), r#"{"rt":"discreet","on":true}"#);
        assert_eq!(
            ToHost::ExitLabel { label: "Quick exit".into() }.to_json(),
            r#"{"rt":"exit-label","label":"Quick exit"}"#
        );
        assert_eq!(
            ToHost::Warnings { warnings: vec!["theme: \"neon\"".into()] }.to_json(),
            r#"{"rt":"warnings","warnings":["theme: \"neon\""]}"#
        );
        let embed = include_str!("../assets/embed.js");
        for kind in ["'height'", "'exit'", "'contact'", "'discreet'", "'warnings'", "'exit-label'"] {
            assert!(embed.contains(kind), "assets/embed.js does not handle {kind}");
        }
    }

    #[test]
    fn without_a_host_nothing_is_sent_and_the_caller_is_told() {
        HOST.with(|h| *h.borrow_mut() = None);
        assert!(!send(ToHost::Exit));
        let fake = connected();
        assert!(send(ToHost::Exit));
        assert_eq!(*fake.sent.borrow(), vec![ToHost::Exit]);
    }

    #[test]
    fn heights_are_rounded_up_and_sent_only_when_they_change() {
        let fake = connected();
        let reporter = HeightReporter::new();
        for px in [400.2, 400.9, 401.0, f64::NAN, -3.0, 380.0, 380.0, 401.0] {
            reporter.report(px);
        }
        let heights: Vec<u32> = fake
            .sent
            .borrow()
            .iter()
            .filter_map(|m| match m {
                ToHost::Height { height } => Some(*height),
                _ => None,
            })
            .collect();
        assert_eq!(heights, vec![401, 380, 401]);
    }
}
