//! Reading a share code's QR from a photo or the camera. The browser's own
//! `BarcodeDetector` reads it where there is one; otherwise the Rust decoder
//! (`crate::qr`) does, from its own WebAssembly file, fetched only here.

use crate::camera::{self, BrowserDetector, CameraError, CodeDetector};
use crate::qr::Luma;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "split")]
use leptos::wasm_split::SplitLoaderError as LoadError;

/// The Rust QR decoder, behind its own split point: with the `split` feature
/// it lives in the file `qr`, fetched on the first call.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(qr, wasm_split_path = ::leptos::wasm_split, fallible)]
fn decode(image: Luma) -> Result<Option<String>, LoadError> {
    Ok(crate::qr::decode(&image))
}

#[cfg(not(feature = "split"))]
async fn decode(image: Luma) -> Result<Option<String>, std::convert::Infallible> {
    Ok(crate::qr::decode(&image))
}

/// What reading a picture gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Read {
    Found(String),
    NothingFound,
    Failed(String),
}

/// Reads a QR code from a chosen picture file.
pub(super) async fn read_picture(file: web_sys::File) -> Read {
    let bitmap = match camera::open_picture(&file).await {
        Ok(b) => b,
        Err(e) => return Read::Failed(e.to_string()),
    };
    if let Some(detector) = BrowserDetector::new() {
        if let Some(text) = detector.detect(&bitmap).await {
            return Read::Found(text);
        }
    }
    match camera::picture_luma(&bitmap) {
        Ok(luma) => rust_decode(luma).await,
        Err(e) => Read::Failed(e.to_string()),
    }
}

async fn rust_decode(luma: Luma) -> Read {
    match decode(luma).await {
        Ok(Some(text)) => Read::Found(text),
        Ok(None) => Read::NothingFound,
        Err(_) => Read::Failed(crate::text::check_scan::get().unavailable.into()),
    }
}

/// The camera, while scanning: a live picture and a stop button. Calls
/// `found` with the first code it reads, or `failed` with why it can't scan.
#[component]
pub(super) fn CameraScan(#[prop(into)] found: Callback<String>, #[prop(into)] failed: Callback<CameraError>) -> impl IntoView {
    let video = NodeRef::<leptos::html::Video>::new();
    let stream = StoredValue::new_local(None::<camera::Stream>);
    let alive = StoredValue::new(true);
    Effect::new(move |_| {
        let Some(el) = video.get() else { return };
        let el: web_sys::HtmlVideoElement = el.unchecked_into();
        leptos::task::spawn_local(async move {
            match camera::start(&el).await {
                Err(e) => failed.run(e),
                Ok(s) => {
                    stream.set_value(Some(s));
                    let detector = BrowserDetector::new();
                    while alive.try_get_value() == Some(true) {
                        sleep(300).await;
                        if camera::video_width(&el) == 0 {
                            continue;
                        }
                        let text = match &detector {
                            Some(d) => d.detect(&el).await,
                            None => match camera::frame_luma(&el) {
                                Ok(luma) => match rust_decode(luma).await {
                                    Read::Found(t) => Some(t),
                                    _ => None,
                                },
                                Err(_) => None,
                            },
                        };
                        if let Some(text) = text {
                            if alive.try_get_value() == Some(true) {
                                found.run(text);
                            }
                            break;
                        }
                    }
                    if let Some(Some(s)) = stream.try_get_value() {
                        camera::stop(&s);
                    }
                }
            }
        });
    });
    on_cleanup(move || {
        let _ = alive.try_set_value(false);
        if let Some(Some(s)) = stream.try_get_value() {
            camera::stop(&s);
        }
    });
    let t = crate::text::check_scan::get();
    view! {
        <video class="rt-camera" node_ref=video muted=true playsinline=true aria-label=t.camera_label></video>
    }
}

/// Waits `ms` milliseconds without blocking the page.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
