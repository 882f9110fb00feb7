//! Names and keys that more than one part of the project must agree on: the
//! Rust code, `index.html`'s static first paint, `assets/discreet.js` and
//! `assets/embed.js` (tests check those files against these values).

/// The app's name as people see it.
pub const APP_NAME: &str = "Rebuild Trust";

/// The name discreet mode shows instead: in the tab, and on the lock screen.
pub const NEUTRAL_NAME: &str = "Notes";

/// The words on the quick exit button: in the app's header, on the pages
/// written at build time, and, framed, on the host page's own quick exit,
/// which `assets/embed.js` shows in these words until the frame sends the
/// words its button shows ([`crate::frame::ToHost::ExitLabel`]). Discreet
/// mode keeps them (it changes the app's name, not what its buttons do).
pub const QUICK_EXIT: &str = "Quick exit";

/// The key, under the public namespace, that holds discreet mode. It is read
/// before unlock by design, and by `assets/discreet.js` before the app loads.
pub const DISCREET_KEY: &str = "discreet";

/// The namespace for what must be readable before unlock (discreet mode, the
/// lock's salt lives in the main namespace): `<namespace>-public`.
pub fn public_namespace(namespace: &str) -> String {
    format!("{namespace}-public")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn the_script_that_runs_before_the_app_reads_the_same_key_and_shows_the_same_name() {
        let script = file("assets/discreet.js");
        // The default namespace, or a frame's own (named in its URL fragment).
        let key = format!("namespace + '{}:{DISCREET_KEY}'", public_namespace(""));
        assert!(script.contains(&format!("localStorage.getItem({key})")), "discreet.js must read {key}");
        assert!(script.contains("framed[1] : 'rt'"), "outside a frame, discreet.js must read the default namespace");
        assert!(script.contains(&format!("#{}", crate::config::FRAME_MARKER)));
        assert!(script.contains(&format!("document.title = '{NEUTRAL_NAME}'")), "discreet.js must use {NEUTRAL_NAME}");
    }

    #[test]
    fn the_host_page_shows_the_app_s_words_on_its_quick_exit_before_the_frame_sends_them() {
        let script = file("assets/embed.js");
        // Its words are the app's, per locale (tools/postbuild.mjs fills them
        // from [components] quick_exit, whose English is QUICK_EXIT: a test in
        // ui::components::quick_exit checks that).
        assert!(script.contains("const WORDS = __RT_WORDS__;"), "embed.js must take its words from the locale files");
        assert!(script.contains("button.textContent = words(host).exit;"));
        let build = file("tools/postbuild.mjs");
        assert!(build.contains("ui.components?.quick_exit"), "postbuild must fill the quick exit's words");
        // And takes no words longer than it says it does.
        let cap = script
            .split("label.length <= ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.parse::<usize>().ok())
            .expect("embed.js caps the label's length");
        assert!(QUICK_EXIT.chars().count() <= cap);
    }

    #[test]
    fn the_host_page_titles_the_frame_with_the_same_names() {
        let script = file("assets/embed.js");
        // The app's name at first, then as the frame says discreet mode turns on and off.
        assert!(script.contains(&format!("iframe.title = '{APP_NAME}';")));
        assert!(
            script.contains(&format!("iframe.title = data.on ? '{NEUTRAL_NAME}' : '{APP_NAME}';")),
            "embed.js must title the frame {NEUTRAL_NAME} in discreet mode and {APP_NAME} otherwise"
        );
    }

    #[test]
    fn the_static_first_paint_names_the_app_and_its_neutral_name() {
        let page = file("index.html");
        assert!(page.contains(&format!("<span class=\"rt-subject\">{APP_NAME}</span>")));
        assert!(page.contains(&format!("<span class=\"rt-neutral\">{NEUTRAL_NAME}</span>")));
        assert!(page.contains(&format!("<h1 class=\"rt-h1 rt-neutral\">{NEUTRAL_NAME}</h1>")));
    }
}
