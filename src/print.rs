//! Printing through the browser's own print window (where "Save as PDF" is how
//! a person gets a file), and knowing where that cannot work: some in-app
//! browsers, a frame that may block it, or a widget inside another site's page
//! (printing there prints the site's page). The decision is a pure function of
//! what the browser reports, so it is tested natively; [`BrowserPrinter`] is
//! the one place that asks the browser.

/// Whether printing from here can give the person their page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    Available,
    /// The browser has no print function at all.
    Missing,
    /// A browser inside another app: printing often does nothing there.
    InApp,
    /// The page is inside a frame, which may block printing.
    Framed,
    /// A widget on another site's page: printing would print that page.
    Embedded,
}

impl Availability {
    /// Whether to offer the print button: it may work, and trying harms nothing.
    pub fn can_try(self) -> bool {
        matches!(self, Availability::Available | Availability::InApp | Availability::Framed)
    }
}

/// What the browser reports about where the app runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    pub has_print: bool,
    pub user_agent: String,
    /// The page is not the top window.
    pub framed: bool,
    /// The app is a widget in a shadow root on another site's page.
    pub embedded: bool,
}

/// Markers of browsers built into other apps (social and messaging apps,
/// Android's WebView), where `window.print` is often a silent no-op.
const IN_APP_MARKERS: [&str; 9] =
    ["FBAN", "FBAV", "Instagram", "Line/", "MicroMessenger", "Snapchat", "musical_ly", "; wv)", "GSA/"];

/// Where printing stands, most limiting reason first.
pub fn availability(env: &Environment) -> Availability {
    if env.embedded {
        Availability::Embedded
    } else if !env.has_print {
        Availability::Missing
    } else if IN_APP_MARKERS.iter().any(|m| env.user_agent.contains(m)) {
        Availability::InApp
    } else if env.framed {
        Availability::Framed
    } else {
        Availability::Available
    }
}

/// The tallest a printed page may be, in millimetres: a Letter sheet (279.4 mm,
/// shorter than A4's 297 mm) less a little for rounding.
pub const PAGE_ROOM_MM: f64 = 274.0;
/// The smallest the page's contents are ever scaled to fit.
pub const MIN_FIT: f64 = 0.6;

/// How much to scale a page's contents so the whole page fits on one sheet:
/// 1 when it fits as it is. `height_mm` is the page's height at full size,
/// `fixed_mm` the part that does not scale (its padding).
pub fn fit(height_mm: f64, fixed_mm: f64, room_mm: f64) -> f64 {
    let content = height_mm - fixed_mm;
    if !(content > 0.0) || height_mm <= room_mm {
        return 1.0;
    }
    ((room_mm - fixed_mm) / content).clamp(MIN_FIT, 1.0)
}

/// CSS pixels to millimetres (96 pixels to the inch).
pub fn px_to_mm(px: f64) -> f64 {
    px * 25.4 / 96.0
}

/// Lays out the page `sheet` inside `frame`: its contents scaled so that it
/// fits one printed sheet (`--rt-fit`, which the style sheet zooms `body`,
/// the part inside the page's padding, by), and, on screen only, the whole
/// page shrunk to the frame's width (`--rt-preview`, [`preview_scale`]).
/// Everything is measured at full size each time.
pub fn fit_sheet(frame: &web_sys::HtmlElement, sheet: &str, body: &str) {
    use wasm_bindgen::JsCast;
    let style = frame.style();
    let _ = style.set_property("--rt-fit", "1");
    let _ = style.set_property("--rt-preview", "1");
    let element = |selector: &str| frame.query_selector(selector).ok().flatten()?.dyn_into::<web_sys::HtmlElement>().ok();
    let (Some(page), Some(inside)) = (element(sheet), element(body)) else { return };
    let height = |el: &web_sys::HtmlElement| px_to_mm(f64::from(el.offset_height()));
    let scale = fit(height(&page), height(&page) - height(&inside), PAGE_ROOM_MM);
    let _ = style.set_property("--rt-fit", &format!("{scale:.3}"));
    // The room inside the frame's padding, the same on both sides (the frame
    // is the page's offset parent, so the page's offset is that padding).
    let room = f64::from(frame.client_width() - 2 * page.offset_left());
    let preview = preview_scale(room, f64::from(page.offset_width()));
    let _ = style.set_property("--rt-preview", &format!("{preview:.4}"));
}

/// How much to shrink the preview of a page `sheet_px` wide so that all of it
/// shows in `room_px` of screen: 1 (never larger) when it fits; on a phone,
/// less, so the page is seen whole (as a print preview shows it, to be pinched
/// closer) rather than cut off at the screen's edge.
pub fn preview_scale(room_px: f64, sheet_px: f64) -> f64 {
    if !(room_px > 0.0 && sheet_px > room_px) {
        return 1.0;
    }
    room_px / sheet_px
}

/// Why printing did not start, in the language in use (the summary's words:
/// only its screen prints).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    #[error("{}", crate::text::summary_print::get().unavailable)]
    Unavailable,
    #[error("{}", crate::text::summary_print::get().refused(.0))]
    Refused(String),
}

/// Printing, behind a type the screen can be given a fake of.
pub trait Printer {
    fn availability(&self) -> Availability;
    /// Opens the browser's print window for the page as it is now.
    fn print(&self) -> Result<(), PrintError>;
}

/// The browser's own print.
#[derive(Debug, Clone, Copy)]
pub struct BrowserPrinter {
    /// Whether the app runs as a widget on another site's page.
    pub embedded: bool,
}

impl BrowserPrinter {
    fn environment(&self) -> Environment {
        let Some(window) = web_sys::window() else {
            return Environment { embedded: self.embedded, ..Environment::default() };
        };
        let print = js_sys::Reflect::get(&window, &"print".into()).ok();
        let top = window.top().ok().flatten();
        Environment {
            has_print: print.is_some_and(|p| p.is_function()),
            user_agent: window.navigator().user_agent().unwrap_or_default(),
            // A top window that cannot be read is another origin's: framed.
            framed: top.is_none_or(|t| t != window),
            embedded: self.embedded,
        }
    }
}

impl Printer for BrowserPrinter {
    fn availability(&self) -> Availability {
        availability(&self.environment())
    }

    fn print(&self) -> Result<(), PrintError> {
        if !self.availability().can_try() {
            return Err(PrintError::Unavailable);
        }
        let window = web_sys::window().ok_or(PrintError::Unavailable)?;
        window.print().map_err(|e| PrintError::Refused(format!("{e:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESKTOP: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

    fn env(ua: &str) -> Environment {
        Environment { has_print: true, user_agent: ua.into(), framed: false, embedded: false }
    }

    #[test]
    fn why_printing_did_not_start_is_said_in_the_language_in_use() {
        let refused = PrintError::Refused("NotAllowedError".into());
        assert_eq!(refused.to_string(), "the browser refused to print (NotAllowedError)");
        crate::locale::set_active(crate::locale::Locale::Es);
        let spanish = [PrintError::Unavailable.to_string(), refused.to_string()];
        crate::locale::set_active(crate::locale::Locale::En);
        assert_eq!(spanish, ["aquí no se puede imprimir", "el navegador no permitió imprimir (NotAllowedError)"]);
        assert_eq!(PrintError::Unavailable.to_string(), "printing is not available here");
    }

    #[test]
    fn a_page_that_fits_is_left_alone_and_a_taller_one_shrinks_just_enough() {
        assert_eq!(fit(200.0, 22.0, 274.0), 1.0);
        assert_eq!(fit(274.0, 22.0, 274.0), 1.0);
        let f = fit(300.0, 22.0, 274.0);
        assert!((22.0 + (300.0 - 22.0) * f - 274.0).abs() < 1e-9, "{f}");
        assert_eq!(fit(10_000.0, 22.0, 274.0), MIN_FIT);
        assert_eq!(fit(0.0, 22.0, 274.0), 1.0);
        assert_eq!(fit(f64::NAN, 22.0, 274.0), 1.0);
        assert!((px_to_mm(96.0) - 25.4).abs() < 1e-9);
    }

    #[test]
    fn the_preview_is_shrunk_to_the_screen_only_when_the_page_is_wider() {
        assert_eq!(preview_scale(1000.0, 794.0), 1.0, "never enlarged");
        assert_eq!(preview_scale(794.0, 794.0), 1.0);
        assert!((preview_scale(330.0, 794.0) * 794.0 - 330.0).abs() < 1e-9, "a phone sees the page whole");
        assert_eq!(preview_scale(0.0, 794.0), 1.0, "not laid out yet");
        assert_eq!(preview_scale(f64::NAN, 794.0), 1.0);
    }

    #[test]
    fn an_ordinary_browser_prints() {
        assert_eq!(availability(&env(DESKTOP)), Availability::Available);
        assert!(Availability::Available.can_try());
    }

    #[test]
    fn in_app_browsers_are_recognised_by_their_markers() {
        let facebook = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0]";
        let webview = "Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36";
        let instagram = "Mozilla/5.0 (iPhone) Mobile/15E148 Instagram 300.0";
        for ua in [facebook, webview, instagram] {
            assert_eq!(availability(&env(ua)), Availability::InApp, "{ua}");
        }
        // Chrome on Android itself is not a WebView.
        let chrome = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36";
        assert_eq!(availability(&env(chrome)), Availability::Available);
    }

    #[test]
    fn a_frame_may_block_printing_but_it_is_still_worth_a_try() {
        let framed = Environment { framed: true, ..env(DESKTOP) };
        assert_eq!(availability(&framed), Availability::Framed);
        assert!(Availability::Framed.can_try());
    }

    #[test]
    fn without_print_or_inside_another_sites_page_there_is_no_print_button() {
        let missing = Environment { has_print: false, ..env(DESKTOP) };
        assert_eq!(availability(&missing), Availability::Missing);
        // Embedded wins over everything: printing would print the host's page.
        let embedded = Environment { embedded: true, framed: true, ..env(DESKTOP) };
        assert_eq!(availability(&embedded), Availability::Embedded);
        assert!(!Availability::Missing.can_try() && !Availability::Embedded.can_try());
    }
}
