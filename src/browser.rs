//! The browser calls the interface needs beyond storage, the lock's crypto and
//! the service worker: the address bar, the page title, focus, the clock and
//! dates, random ids and downloads. The callers never touch the address bar,
//! the title or the icon when the app is embedded: the host page owns those.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The current path of the address bar.
pub fn current_path() -> String {
    window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into())
}

/// Replaces the current history entry with `path`.
pub fn replace_path(path: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

pub fn set_title(title: &str) {
    if let Some(doc) = window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// The page's language (`lang` on `<html>`), for a screen reader's voice and
/// the browser's hyphenation; only where the app owns the page.
pub fn set_document_lang(lang: &str) {
    if let Some(html) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang);
    }
}

/// The language to speak (`Locale::choose`): the person's own choice, else the
/// site's, else the first of the browser's preferred languages the app has.
pub fn language(chosen: Option<crate::locale::Locale>, site: Option<crate::locale::Locale>) -> crate::locale::Locale {
    crate::locale::Locale::choose(chosen, site, &preferred_languages())
}

/// The browser's preferred languages, most wanted first (`navigator.languages`,
/// else `navigator.language`); empty where there is no browser.
pub fn preferred_languages() -> Vec<String> {
    // Pages rendered at build time (natively) have no browser, and speak the source language.
    if !cfg!(target_arch = "wasm32") {
        return Vec::new();
    }
    let Some(navigator) = window().map(|w| w.navigator()) else { return Vec::new() };
    let listed: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// Whether keyboard focus is on something of the app's own (inside its
/// `.rt-root`, in the page or in a widget's shadow root), rather than on
/// nothing or on a host page's element.
pub fn focus_is_in_app() -> bool {
    let mut active = window().and_then(|w| w.document()).and_then(|d| d.active_element());
    while let Some(inner) = active.as_ref().and_then(|el| el.shadow_root()).and_then(|s| s.active_element()) {
        active = Some(inner);
    }
    active.is_some_and(|el| el.closest(".rt-root").ok().flatten().is_some())
}

/// Focuses the first element under `root` matching `selector`.
/// Returns whether there was such an element to focus.
pub fn focus_within(root: &web_sys::Element, selector: &str) -> bool {
    match root.query_selector(selector) {
        Ok(Some(el)) => el.dyn_into::<web_sys::HtmlElement>().is_ok_and(|el| el.focus().is_ok()),
        _ => false,
    }
}

/// Milliseconds since 1970 by the browser's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// 53 random bits from the browser (ids only: not for secrets).
pub fn random_u64() -> u64 {
    crate::ids::random_bits(js_sys::Math::random())
}

/// A date such as "21 Nov 2026" (or "21 nov 2026" in Spanish) in the person's
/// own time zone, written by the browser's `Intl` for the language in use.
pub fn format_date(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    for (key, value) in [("day", "numeric"), ("month", "short"), ("year", "numeric")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    String::from(date.to_locale_date_string(crate::locale::active().date_tag(), &options))
}

/// The person's time zone as minutes east of UTC (London in summer: 60) at
/// `ms` (UTC milliseconds since 1970): the offset then, daylight saving and all.
pub fn utc_offset_min_at(ms: u64) -> i32 {
    -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)).get_timezone_offset() as i32)
}

/// Days since 1970-01-01 for a date input's value (`YYYY-MM-DD`).
pub fn day_from_input(value: &str) -> Option<i64> {
    let mut parts = value.split('-').map(|p| p.parse::<i32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let ms = js_sys::Date::utc(f64::from(y), f64::from(m - 1)) + f64::from(d - 1) * 86_400_000.0;
    ms.is_finite().then(|| (ms / 86_400_000.0).floor() as i64)
}

/// A time of day such as "14:05", in the person's own time zone.
pub fn format_time(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// Offers `contents` as a file download named `name`, without leaving the page
/// or touching the network: a `blob:` URL on a link that is clicked and dropped.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let doc = window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Discreet mode for the standalone page: a neutral icon and a class that the
/// static first paint and `assets/discreet.js` also use. (The title follows
/// in the shell.) Never called when embedded: the host owns its page.
pub fn apply_discreet(on: bool) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.document_element() {
        let _ = if on {
            root.class_list().add_1("rt-discreet")
        } else {
            root.class_list().remove_1("rt-discreet")
        };
    }
    if let Ok(Some(link)) = doc.query_selector("link[rel~='icon']") {
        let original = link.get_attribute("data-rt-icon").or_else(|| link.get_attribute("href"));
        if let Some(original) = original {
            let _ = link.set_attribute("data-rt-icon", &original);
            let _ = link.set_attribute("href", if on { "/notes.svg" } else { &original });
        }
    }
}

/// Runs `f` after the browser has laid out the next frame (new screens are in the DOM by then).
pub fn after_render(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(f);
}

/// Resolves in a task of its own (a zero-delay timer), so that work after it
/// does not lengthen the task that is running now (the WebAssembly's start).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = window().map(|w| w.set_timeout_with_callback(&resolve));
        if !matches!(scheduled, Some(Ok(_))) {
            // No timer to be had: carry on now rather than never.
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
