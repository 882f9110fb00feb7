//! The browser's pictures and camera, for reading a share code's QR:
//! a photo chosen from a file input becomes a greyscale [`Luma`] picture,
//! the camera's frames likewise, and where the browser has its own
//! `BarcodeDetector` it reads codes itself (the Rust decoder in `crate::qr`
//! is then never fetched). Each call fails with a [`CameraError`] in words;
//! nothing here sends anything anywhere.

use crate::qr::Luma;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Pictures larger than this on their longest side are scaled down first:
/// a QR code needs far fewer pixels, and a phone photo has millions.
const MAX_SIDE: u32 = 1200;

/// Why a picture or the camera could not be used; in words (the active
/// locale's, `check_camera`) through `Display`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CameraError {
    Unsupported,
    Denied,
    NoCamera,
    /// Why, in words: the browser's, or one of `check_camera`'s reasons.
    Picture(String),
}

impl std::fmt::Display for CameraError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = crate::text::check_camera::get();
        match self {
            CameraError::Unsupported => f.write_str(t.unsupported),
            CameraError::Denied => f.write_str(t.denied),
            CameraError::NoCamera => f.write_str(t.no_camera),
            CameraError::Picture(reason) => f.write_str(&t.picture(reason)),
        }
    }
}

// The browser's QR reader, picture and camera calls go through `Reflect` rather than
// web-sys's typed bindings: each typed binding is an import kept in the main
// WebAssembly file and a function in its JavaScript glue, which Home would
// download for a screen few people open. These few generic calls are already there.

/// `target[name]`.
fn get(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
}

/// `target[name](...args)`.
fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let method: js_sys::Function = get(target, name)?.dyn_into()?;
    method.apply(target, &args.iter().copied().collect::<js_sys::Array>())
}

/// A browser's own QR reader, or nothing where there is none.
#[allow(async_fn_in_trait)] // used only in this single-threaded app, never across threads
pub trait CodeDetector {
    /// The text of a QR code in the picture or video, if the browser found one.
    async fn detect(&self, source: &JsValue) -> Option<String>;
}

/// `BarcodeDetector` for QR codes, where the browser has it (Chromium on
/// Android and macOS, Safari); `None` elsewhere.
pub struct BrowserDetector(JsValue);

impl BrowserDetector {
    pub fn new() -> Option<BrowserDetector> {
        let class: js_sys::Function = get(&js_sys::global(), "BarcodeDetector").ok()?.dyn_into().ok()?;
        let options = js_sys::Object::new();
        let formats = js_sys::Array::of1(&"qr_code".into());
        js_sys::Reflect::set(&options, &"formats".into(), &formats).ok()?;
        let detector = js_sys::Reflect::construct(&class, &js_sys::Array::of1(&options)).ok()?;
        Some(BrowserDetector(detector))
    }
}

impl CodeDetector for BrowserDetector {
    async fn detect(&self, source: &JsValue) -> Option<String> {
        let promise: js_sys::Promise = call(&self.0, "detect", &[source]).ok()?.dyn_into().ok()?;
        let found: js_sys::Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        found.iter().find_map(|code| get(&code, "rawValue").ok()?.as_string())
    }
}

fn picture_error(e: JsValue) -> CameraError {
    CameraError::Picture(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| crate::text::check_camera::get().no_reason.into()),
    )
}

/// `target[name]` as a whole number (a picture's or video's size); 0 if it has none.
fn size(target: &JsValue, name: &str) -> u32 {
    get(target, name).ok().and_then(|v| v.as_f64()).map_or(0, |n| n as u32)
}

/// Opens a chosen picture file as an `ImageBitmap` (which needs no image URL,
/// so the page's Content Security Policy stays as it is).
pub async fn open_picture(file: &web_sys::File) -> Result<JsValue, CameraError> {
    let promise: js_sys::Promise = call(&js_sys::global(), "createImageBitmap", &[file.as_ref()])
        .map_err(picture_error)?
        .dyn_into()
        .map_err(picture_error)?;
    JsFuture::from(promise).await.map_err(picture_error)
}

/// Draws a picture (an `ImageBitmap` or a playing `<video>`) of the given
/// size on a canvas, scaled down to at most [`MAX_SIDE`], and reads it back grey.
fn to_luma(picture: &JsValue, width: u32, height: u32) -> Result<Luma, CameraError> {
    if width == 0 || height == 0 {
        return Err(CameraError::Picture(crate::text::check_camera::get().empty.into()));
    }
    let scale = f64::from(MAX_SIDE) / f64::from(width.max(height));
    let scale = scale.min(1.0);
    let (w, h) = (((f64::from(width) * scale) as u32).max(1), ((f64::from(height) * scale) as u32).max(1));
    let document = web_sys::window().and_then(|w| w.document()).ok_or(CameraError::Unsupported)?;
    let canvas: JsValue = document.create_element("canvas").map_err(picture_error)?.into();
    js_sys::Reflect::set(&canvas, &"width".into(), &w.into()).map_err(picture_error)?;
    js_sys::Reflect::set(&canvas, &"height".into(), &h.into()).map_err(picture_error)?;
    let context = call(&canvas, "getContext", &[&"2d".into()]).map_err(picture_error)?;
    if context.is_null() || context.is_undefined() {
        return Err(CameraError::Unsupported);
    }
    let (zero, w_js, h_js) = (JsValue::from(0), JsValue::from(w), JsValue::from(h));
    call(&context, "drawImage", &[picture, &zero, &zero, &w_js, &h_js]).map_err(picture_error)?;
    let data = call(&context, "getImageData", &[&zero, &zero, &w_js, &h_js]).map_err(picture_error)?;
    let pixels: js_sys::Uint8ClampedArray = get(&data, "data").map_err(picture_error)?.dyn_into().map_err(picture_error)?;
    Luma::from_rgba(w as usize, h as usize, &pixels.to_vec()).ok_or_else(|| CameraError::Picture(crate::text::check_camera::get().unreadable.into()))
}

/// A chosen picture (from [`open_picture`]), grey, for the Rust decoder.
pub fn picture_luma(bitmap: &JsValue) -> Result<Luma, CameraError> {
    to_luma(bitmap, size(bitmap, "width"), size(bitmap, "height"))
}

/// The camera's current frame, grey, for the Rust decoder; 0 × 0 until the camera runs.
pub fn frame_luma(video: &web_sys::HtmlVideoElement) -> Result<Luma, CameraError> {
    to_luma(video, video_width(video), size(video, "videoHeight"))
}

/// How wide the camera's picture is; 0 until it runs.
pub fn video_width(video: &web_sys::HtmlVideoElement) -> u32 {
    size(video, "videoWidth")
}

/// Why the camera could not start, from the browser's error.
fn camera_error(e: &JsValue) -> CameraError {
    match get(e, "name").ok().and_then(|n| n.as_string()).as_deref() {
        Some("NotAllowedError" | "SecurityError") => CameraError::Denied,
        Some("NotFoundError" | "OverconstrainedError") => CameraError::NoCamera,
        _ => CameraError::Unsupported,
    }
}

/// The camera's stream, stopped with [`stop`].
#[derive(Clone)]
pub struct Stream(JsValue);

/// Starts the back camera into `video`. Permission is the browser's to ask
/// (inside a widget, the host page's frame must allow `camera`).
pub async fn start(video: &web_sys::HtmlVideoElement) -> Result<Stream, CameraError> {
    let window = web_sys::window().ok_or(CameraError::Unsupported)?;
    let devices = get(&window.navigator(), "mediaDevices").map_err(|_| CameraError::Unsupported)?;
    if devices.is_undefined() || devices.is_null() {
        return Err(CameraError::Unsupported);
    }
    let video_wanted = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&video_wanted, &"facingMode".into(), &"environment".into());
    let constraints = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&constraints, &"video".into(), &video_wanted);
    let promise: js_sys::Promise = call(&devices, "getUserMedia", &[&constraints])
        .map_err(|_| CameraError::Unsupported)?
        .dyn_into()
        .map_err(|_| CameraError::Unsupported)?;
    let stream = JsFuture::from(promise).await.map_err(|e| camera_error(&e))?;
    if stream.is_undefined() || stream.is_null() {
        return Err(CameraError::Unsupported);
    }
    js_sys::Reflect::set(video, &"srcObject".into(), &stream).map_err(|_| CameraError::Unsupported)?;
    if let Ok(playing) = call(video, "play", &[]).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
        // Autoplay of a muted inline video is allowed; a refusal only leaves the picture still.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(playing).await;
        });
    }
    Ok(Stream(stream))
}

/// Stops every track of the camera's stream, so its light goes off.
pub fn stop(stream: &Stream) {
    let Ok(tracks) = call(&stream.0, "getTracks", &[]).and_then(|t| t.dyn_into::<js_sys::Array>()) else {
        return;
    };
    for track in tracks.iter() {
        let _ = call(&track, "stop", &[]);
    }
}
