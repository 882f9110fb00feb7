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

/// Why a picture or the camera could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CameraError {
    #[error("This browser can’t use the camera here. You can type the code, or choose a photo of it.")]
    Unsupported,
    #[error("The camera wasn’t allowed. That’s fine: you can type the code, or choose a photo of it. To use the camera later, allow it in your browser’s site settings.")]
    Denied,
    #[error("No camera was found. You can type the code, or choose a photo of it.")]
    NoCamera,
    #[error("That picture couldn’t be opened ({0}). Try another photo, or type the code.")]
    Picture(String),
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
        let global = js_sys::global();
        let class = js_sys::Reflect::get(&global, &"BarcodeDetector".into()).ok()?;
        let class: js_sys::Function = class.dyn_into().ok()?;
        let options = js_sys::Object::new();
        let formats = js_sys::Array::of1(&"qr_code".into());
        js_sys::Reflect::set(&options, &"formats".into(), &formats).ok()?;
        let detector = js_sys::Reflect::construct(&class, &js_sys::Array::of1(&options)).ok()?;
        Some(BrowserDetector(detector))
    }
}

impl CodeDetector for BrowserDetector {
    async fn detect(&self, source: &JsValue) -> Option<String> {
        let detect: js_sys::Function = js_sys::Reflect::get(&self.0, &"detect".into()).ok()?.dyn_into().ok()?;
        let promise: js_sys::Promise = detect.call1(&self.0, source).ok()?.dyn_into().ok()?;
        let found: js_sys::Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        found
            .iter()
            .find_map(|code| js_sys::Reflect::get(&code, &"rawValue".into()).ok()?.as_string())
    }
}

fn picture_error(e: JsValue) -> CameraError {
    CameraError::Picture(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "the browser gave no reason".into()),
    )
}

/// Opens a chosen picture file as an `ImageBitmap` (which needs no image URL,
/// so the page's Content Security Policy stays as it is).
pub async fn open_picture(file: &web_sys::File) -> Result<web_sys::ImageBitmap, CameraError> {
    let window = web_sys::window().ok_or(CameraError::Unsupported)?;
    let promise = window.create_image_bitmap_with_blob(file).map_err(picture_error)?;
    let bitmap = JsFuture::from(promise).await.map_err(picture_error)?;
    bitmap.dyn_into().map_err(picture_error)
}

/// Draws a picture (an `ImageBitmap` or a playing `<video>`) of the given
/// size on a canvas, scaled down to at most [`MAX_SIDE`], and reads it back grey.
fn to_luma(draw: impl Fn(&web_sys::CanvasRenderingContext2d, f64, f64) -> Result<(), JsValue>, width: u32, height: u32) -> Result<Luma, CameraError> {
    if width == 0 || height == 0 {
        return Err(CameraError::Picture("it is empty".into()));
    }
    let scale = f64::from(MAX_SIDE) / f64::from(width.max(height));
    let scale = scale.min(1.0);
    let (w, h) = (((f64::from(width) * scale) as u32).max(1), ((f64::from(height) * scale) as u32).max(1));
    let document = web_sys::window().and_then(|w| w.document()).ok_or(CameraError::Unsupported)?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").map_err(picture_error)?.dyn_into().map_err(|e| picture_error(e.into()))?;
    canvas.set_width(w);
    canvas.set_height(h);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(picture_error)?
        .ok_or(CameraError::Unsupported)?
        .dyn_into()
        .map_err(|e| picture_error(e.into()))?;
    draw(&context, f64::from(w), f64::from(h)).map_err(picture_error)?;
    let data = context.get_image_data(0.0, 0.0, f64::from(w), f64::from(h)).map_err(picture_error)?;
    Luma::from_rgba(w as usize, h as usize, &data.data()).ok_or(CameraError::Picture("its pixels are unreadable".into()))
}

/// A chosen picture, grey, for the Rust decoder.
pub fn picture_luma(bitmap: &web_sys::ImageBitmap) -> Result<Luma, CameraError> {
    to_luma(
        |cx, w, h| cx.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, w, h),
        bitmap.width(),
        bitmap.height(),
    )
}

/// The camera's current frame, grey, for the Rust decoder.
pub fn frame_luma(video: &web_sys::HtmlVideoElement) -> Result<Luma, CameraError> {
    to_luma(
        |cx, w, h| cx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w, h),
        video.video_width(),
        video.video_height(),
    )
}

/// Starts the back camera into `video`. Permission is the browser's to ask
/// (inside a widget, the host page's frame must allow `camera`).
pub async fn start(video: &web_sys::HtmlVideoElement) -> Result<web_sys::MediaStream, CameraError> {
    let devices = web_sys::window()
        .ok_or(CameraError::Unsupported)?
        .navigator()
        .media_devices()
        .map_err(|_| CameraError::Unsupported)?;
    let constraints = web_sys::MediaStreamConstraints::new();
    let video_wanted = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&video_wanted, &"facingMode".into(), &"environment".into());
    constraints.set_video(&video_wanted);
    let promise = devices.get_user_media_with_constraints(&constraints).map_err(|_| CameraError::Unsupported)?;
    let stream: web_sys::MediaStream = JsFuture::from(promise)
        .await
        .map_err(|e| {
            let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name()).unwrap_or_default();
            match name.as_str() {
                "NotAllowedError" | "SecurityError" => CameraError::Denied,
                "NotFoundError" | "OverconstrainedError" => CameraError::NoCamera,
                _ => CameraError::Unsupported,
            }
        })?
        .dyn_into()
        .map_err(|_| CameraError::Unsupported)?;
    video.set_src_object(Some(&stream));
    let _ = video.play().map(JsFuture::from);
    Ok(stream)
}

/// Stops every track of the camera's stream, so its light goes off.
pub fn stop(stream: &web_sys::MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
}
