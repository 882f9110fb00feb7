//! The standalone app: mounts into `#rt-root` in `index.html`.
//!
//! The same page is the framed widget: inside a frame whose URL fragment
//! carries `embed.js`'s options (`#rt-frame&…`), it reads them, tells the host
//! page's script about bad values and its height, and never touches the URL.
//! On a page without `#rt-root` (a host page that chose `isolation="none"`) it
//! does nothing: `embed.js` calls [`mount_widget`] for each widget.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

/// Mounts one embedded widget into `container` (inside `host`'s shadow root),
/// configured by `host`'s attributes (`parts`, or `data-parts` on a div, …).
/// Bad values become safe defaults, each explained in a console warning.
/// Exported from the binary itself, so the embed loads the very same
/// WebAssembly as the standalone app.
#[wasm_bindgen]
pub fn mount_widget(host: web_sys::Element, container: web_sys::HtmlElement) {
    console_error_panic_hook::set_once();
    let (config, warnings) = rebuild_trust::config::AppConfig::from_attributes(|name| {
        host.get_attribute(name).or_else(|| host.get_attribute(&format!("data-{name}")))
    });
    for warning in warnings {
        web_sys::console::warn_1(&format!("Rebuild Trust widget: {warning}").into());
    }
    rebuild_trust::mount(container, config);
}

fn main() {
    console_error_panic_hook::set_once();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("rt-root"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(root) = root else { return };
    use rebuild_trust::{config::AppConfig, frame};
    // Opened at the top with a frame's fragment (a shared link, say), it is
    // simply the standalone app: there is no host page to talk to.
    let framed = frame::in_frame().then(|| AppConfig::from_fragment(&frame::fragment())).flatten();
    match framed {
        Some((config, warnings)) => {
            frame::connect(std::rc::Rc::new(frame::ParentWindow));
            if !warnings.is_empty() {
                frame::send(frame::ToHost::Warnings { warnings });
            }
            frame::watch_height(&root);
            frame::watch_focus();
            rebuild_trust::mount(root, config);
        }
        None => rebuild_trust::mount(root, AppConfig::default()),
    }
}
