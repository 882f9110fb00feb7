//! The standalone app: mounts into `#rt-root` in `index.html`.
//!
//! On a page without that element (a counselling site that loaded the embed
//! script) it does nothing: `embed.js` calls [`mount_widget`] for each widget.

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
    if let Some(root) = root {
        rebuild_trust::mount(root, rebuild_trust::config::AppConfig::default());
    }
}
