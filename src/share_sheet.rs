//! Handing a file to the system's share sheet (AirDrop, Quick Share, a
//! message to oneself…) through the Web Share API, where the browser can
//! share files. The app itself sends nothing: the person chooses where it goes.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a file was not shared; in words (the active locale's,
/// `check_share_sheet`) through `Display`, to go inside a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    Unsupported,
    /// The person closed the share sheet: not an error to show.
    Cancelled,
    Failed(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = crate::text::check_share_sheet::get();
        match self {
            ShareError::Unsupported => f.write_str(t.unsupported),
            ShareError::Cancelled => f.write_str(t.cancelled),
            ShareError::Failed(reason) => f.write_str(&t.failed(reason)),
        }
    }
}

/// The file as the Web Share API takes it: `{ files: [file], title }`.
fn share_data(name: &str, mime: &str, text: &str) -> Result<JsValue, ShareError> {
    let failed = |e: JsValue| ShareError::Failed(e.as_string().unwrap_or_else(|| crate::text::check_share_sheet::get().no_reason.into()));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).map_err(failed)?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).map_err(failed)?;
    js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(name)).map_err(failed)?;
    Ok(data.into())
}

/// A method of `navigator`, if the browser has it.
fn method(navigator: &web_sys::Navigator, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(navigator, &name.into()).ok()?.dyn_into().ok()
}

/// Whether this browser can share a file of this type (`navigator.canShare`).
pub fn can_share(mime: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    let (Some(can), Some(_)) = (method(&navigator, "canShare"), method(&navigator, "share")) else { return false };
    let Ok(data) = share_data("probe.txt", mime, "") else { return false };
    can.call1(&navigator, &data).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Opens the share sheet with one file. Resolves when the person has chosen
/// where it goes, or closed the sheet ([`ShareError::Cancelled`]).
pub async fn share(name: &str, mime: &str, text: &str) -> Result<(), ShareError> {
    let navigator = web_sys::window().ok_or(ShareError::Unsupported)?.navigator();
    let share = method(&navigator, "share").ok_or(ShareError::Unsupported)?;
    let promise: js_sys::Promise = share
        .call1(&navigator, &share_data(name, mime, text)?)
        .map_err(|e| ShareError::Failed(describe(&e)))?
        .dyn_into()
        .map_err(|_| ShareError::Unsupported)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| {
        if e.dyn_ref::<web_sys::DomException>().is_some_and(|d| d.name() == "AbortError") {
            ShareError::Cancelled
        } else {
            ShareError::Failed(describe(&e))
        }
    })
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| crate::text::check_share_sheet::get().no_reason.into())
}
