//! The standalone app: mounts into `#rt-root` in `index.html`.
//!
//! On a page without that element (a counselling site that loaded the embed
//! script) it does nothing: the embed mounts each widget itself.

use wasm_bindgen::JsCast;

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
