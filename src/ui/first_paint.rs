//! The words of `index.html`'s first paint in every locale. The page is
//! written in English (Trunk builds it as it is); the build step that writes
//! the static pages (`src/bin/prerender.rs`) checks that it says exactly the
//! words of `[first_paint]` in `src/content/en/ui/page.toml`, and puts every
//! other locale's words beside them, each marked with its `lang`. The
//! stylesheet shows the English ones until `assets/discreet.js`, before the
//! page paints, names another locale on `<html data-rt-locale>`.

use super::prerender::escape;
use crate::locale::{self, Locale};
use crate::route::Route;
use crate::text::first_paint;

/// One text of the first paint, in every locale.
fn texts(pick: fn(&'static first_paint::Strings) -> &'static str) -> Vec<(Locale, &'static str)> {
    Locale::ALL.into_iter().map(|l| (l, locale::speaking(l, || pick(first_paint::get())))).collect()
}

/// `template` with each first-paint text in every locale; an error naming a
/// text `template` does not say exactly once (the page and the words have
/// drifted apart).
pub fn in_every_language(template: &str) -> Result<String, String> {
    let mut page = template.to_string();
    let inline: [fn(&'static first_paint::Strings) -> &'static str; 3] = [|t| t.title, |t| t.lead, |t| t.opening];
    for pick in inline {
        let all = texts(pick);
        let spans: String = all
            .iter()
            .map(|(l, text)| format!("<span class=\"rt-l\" lang=\"{}\">{}</span>", l.id(), escape(text)))
            .collect();
        page = replace_once(&page, &format!(">{}<", escape(all[0].1)), &format!(">{spans}<"))?;
    }
    // Without JavaScript nothing can pick one: every language, one after
    // another. Then, shown only where scripting is off (the stylesheet's
    // `scripting: none`), the way to the pages that read without it, and out.
    let all = texts(|t| t.needs_wasm);
    let paragraphs: String =
        all.iter().map(|(l, text)| format!("<p lang=\"{}\">{}</p>", l.id(), escape(text))).collect();
    let ways: String = Locale::ALL
        .into_iter()
        .map(|l| {
            // Each page named as its own heading names it, at its own path.
            let (t, exit, links) = locale::speaking(l, || {
                let pages = [(Route::GuideAll, crate::text::guide_all::get().title), (Route::Help, Route::Help.title()), (Route::Privacy, Route::Privacy.title())];
                let links = pages.map(|(route, name)| format!("<a href=\"{}\">{}</a>", route.path(), escape(name))).join(" · ");
                (first_paint::get(), crate::text::components::get().quick_exit, links)
            });
            format!(
                "<p lang=\"{id}\">{} {links}</p><p lang=\"{id}\"><a href=\"{}\" class=\"rt-quick-exit\">{}</a></p>",
                escape(t.can_still_read),
                escape(crate::config::DEFAULT_EXIT_URL),
                escape(exit),
                id = l.id(),
            )
        })
        .collect();
    page = replace_once(
        &page,
        &format!("<noscript><p>{}</p></noscript>", escape(all[0].1)),
        &format!("<noscript>{paragraphs}</noscript><div class=\"rt-noscript\">{ways}</div>"),
    )?;
    Ok(page)
}

fn replace_once(page: &str, find: &str, with: &str) -> Result<String, String> {
    match page.matches(find).count() {
        1 => Ok(page.replacen(find, with, 1)),
        n => Err(format!("index.html should say {find:?} once in its first paint (it does {n} times): it and src/content/en/ui/page.toml must agree")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_html_says_the_english_words_and_gets_every_locale_s() {
        let template = std::fs::read_to_string("index.html").unwrap();
        let page = in_every_language(&template).unwrap();
        for l in Locale::ALL {
            locale::set_active(l);
            let t = first_paint::get();
            for text in [t.title, t.opening] {
                assert!(page.contains(&format!("<span class=\"rt-l\" lang=\"{}\">{text}</span>", l.id())), "{text}");
            }
            assert!(page.contains(&format!("<p lang=\"{}\">{}</p>", l.id(), t.needs_wasm)));
        }
        locale::set_active(Locale::SOURCE);
        // English first, so a page whose script never runs reads as before.
        assert!(page.find("lang=\"en\"").unwrap() < page.find("lang=\"es\"").unwrap());
    }

    /// The first paint says what Home will say, in every language, so the
    /// app takes over without the words changing.
    #[test]
    fn the_first_paint_says_home_s_words() {
        for l in Locale::ALL {
            locale::set_active(l);
            let (paint, home) = (first_paint::get(), crate::text::home::get());
            assert_eq!((paint.title, paint.lead), (home.title, home.lead), "{l:?}");
        }
        locale::set_active(Locale::SOURCE);
    }

    /// The script that picks the first paint's language knows exactly the
    /// app's locales, and the stylesheet shows each of the others when picked.
    #[test]
    fn discreet_js_and_the_stylesheet_know_every_locale() {
        let script = std::fs::read_to_string("assets/discreet.js").unwrap();
        let ids: Vec<String> = Locale::ALL.iter().map(|l| format!("'{}'", l.id())).collect();
        assert!(script.contains(&format!("var known = [{}];", ids.join(", "))), "discreet.js must list {ids:?}");
        let css = std::fs::read_to_string("style/app.css").unwrap();
        for l in Locale::ALL.into_iter().filter(|l| *l != Locale::SOURCE) {
            let rule = format!("[data-rt-locale=\"{0}\"] .rt-l[lang=\"{0}\"]", l.id());
            assert!(css.contains(&rule), "style/app.css needs {rule}");
            // And the pages written at build time, one copy per locale (src/ui/prerender.rs).
            let rule = format!("html:not(.rt-discreet)[data-rt-locale=\"{0}\"] [data-rt-static=\"{0}\"]", l.id());
            assert!(css.contains(&rule), "style/app.css needs {rule}");
        }
    }

    #[test]
    fn a_page_that_says_other_words_is_refused() {
        let template = std::fs::read_to_string("index.html").unwrap().replace("Opening…", "Loading…");
        let err = in_every_language(&template).unwrap_err();
        assert!(err.contains("Opening…"), "{err}");
    }
}
