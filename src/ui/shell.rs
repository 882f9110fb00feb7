//! The frame around every screen: skip link, header and navigation, notices,
//! the screen itself, and the footer.

use super::components::{Link, NoticeBar, QuickExit, UpdateBanner};
use super::pages;
use super::state::{use_app, AppState, Session};
use crate::browser;
use crate::frame::{self, ToHost};
use crate::locale;
use crate::names::{APP_NAME, NEUTRAL_NAME};
use crate::route::Route;
use crate::text;
use leptos::html;
use leptos::prelude::*;

/// The frame, and the effects that follow the route: focus and page title.
#[component]
pub fn Shell() -> impl IntoView {
    let state = use_app();
    let root = NodeRef::<html::Div>::new();

    // After a move to another screen, focus its heading so keyboard and screen
    // reader users start at the top of what changed. Not on first load: the
    // browser's own starting point is right there. A screen whose part of the
    // app is still being fetched focuses its heading when it appears
    // (`PageTitle`); one already here is focused after this render.
    Effect::new(move |previous: Option<Route>| {
        let route = state.route.get();
        if previous.is_some_and(|p| p != route) {
            state.focus_heading.set_value(true);
            browser::after_render(move || {
                // The shell may be gone by then (locked, or quick exit).
                if let Some(root) = root.try_get_untracked().flatten() {
                    state.take_focus(&root);
                }
            });
        }
        route
    });
    let session = state.session;
    // The language in use, changing only when it does (not with every other
    // setting). Content read from here on speaks it; a screen drawn before
    // this effect runs sets it itself (below).
    let language = Memo::new(move |_| state.locale());
    // The screen last drawn, and in which language.
    let drawn = StoredValue::new(None::<(Route, locale::Locale)>);
    // The frame's own words are drawn now, before the effect below first runs.
    locale::set_active(language.get_untracked());
    Effect::new(move |_| {
        let now = language.get();
        locale::set_active(now);
        if session.owns_page() {
            browser::set_document_lang(now.id());
        }
    });
    if session.owns_page() {
        Effect::new(move |_| {
            // Discreet: the same neutral title on every screen.
            if session.discreet.get() {
                browser::set_title(NEUTRAL_NAME);
            } else {
                // In the language in use, and again when it changes.
                locale::set_active(language.get());
                let title = state.route.with(Route::title);
                browser::set_title(&format!("{title} · {APP_NAME}"));
            }
        });
    }
    // A page rendered at build time (src/ui/prerender.rs) has no browser to watch.
    if cfg!(target_arch = "wasm32") {
        idle_lock(state, session);
    }

    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(root) = root.get_untracked() {
            let _ = browser::focus_within(&root, "#rt-main");
        }
    };
    // A site's accent colour (validated as #rgb/#rrggbb); the stylesheet uses
    // it in the light theme only, where it was chosen to be seen.
    let accent = state.config(|c| c.accent.clone());
    Effect::new(move |_| {
        if let (Some(root), Some(accent)) = (root.get(), accent.as_deref()) {
            let _ = web_sys::HtmlElement::style(&root).set_property("--rt-host-accent", accent);
        }
    });
    // Framed, the link would open inside the frame: the host page's script
    // follows it instead, in the host page.
    let contact_click = move |ev: leptos::ev::MouseEvent| {
        if frame::send(ToHost::Contact) {
            ev.prevent_default();
        }
    };
    let contact = state.config(|c| c.contact_url.clone().map(|url| (url, c.practice_name.clone())));
    // The frame's own words, in the language in use (a closure that reads them
    // is drawn again when it changes).
    let words = move || {
        locale::set_active(language.get());
        text::shell::get()
    };

    view! {
        <div class="rt-app" data-theme=move || state.theme().id() lang=move || language.get().id() node_ref=root>
            // The frame's own words follow the language: drawn again when it changes.
            {move || {
                let t = words();
                view! {
                    <a class="rt-skip" href="#rt-main" on:click=skip>{t.skip}</a>
                    <header class="rt-header">
                        <div class="rt-header__inner">
                            <Link to=Route::Home class="rt-brand">{move || session.app_name()}</Link>
                            <MainNav/>
                            <Link to=Route::Help class="rt-header__help">{t.help}</Link>
                            <QuickExit/>
                        </div>
                    </header>
                }
            }}
            <NoticeBar/>
            <UpdateBanner/>
            <main id="rt-main" class="rt-main" tabindex="-1">
                {move || {
                    let route = state.route.get();
                    // A change of language redraws the screen in it, nothing
                    // lost (what is being written is kept as a draft).
                    let chosen = language.get();
                    locale::set_active(chosen);
                    // Settings, where the language is picked, is drawn again
                    // too; focus goes back to the language just picked.
                    let before = drawn.get_value();
                    drawn.set_value(Some((route.clone(), chosen)));
                    if route == Route::Settings && before.is_some_and(|(r, l)| r == Route::Settings && l != chosen) {
                        browser::after_render(move || {
                            if let Some(root) = root.try_get_untracked().flatten() {
                                let _ = browser::focus_within(&root, "input[name=rt-locale]:checked");
                            }
                        });
                    }
                    pages::screen(route)
                }}
            </main>
            {move || {
                let t = words();
                let contact = contact.clone();
                view! {
                    <footer class="rt-footer">
                        <p>
                            {t.not_therapy} " "
                            {match contact {
                                Some((url, name)) => {
                                    let name = name.unwrap_or_else(|| t.a_counsellor.to_string());
                                    view! { {t.support_lead} " " <a href=url on:click=contact_click>{t.talk_to(name)}</a> "." }.into_any()
                                }
                                None => t.counsellor_can_help.into_any(),
                            }}
                        </p>
                        <p class="rt-footer__links">
                            <Link to=Route::Help>{t.help_and_support}</Link>
                            <Link to=Route::Privacy>{t.privacy}</Link>
                        </p>
                    </footer>
                }
            }}
        </div>
    }
}

/// The four parts and Settings: inline on a wide screen; on a phone behind a
/// "Menu" button, so the header stays one line. Choosing a screen or pressing
/// Escape closes the menu.
#[component]
fn MainNav() -> impl IntoView {
    let state = use_app();
    let parts = state.config(|c| c.parts);
    let open = RwSignal::new(false);
    let toggle = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        state.route.track();
        open.set(false);
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = toggle.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let t = text::shell::get();
    view! {
        <nav class="rt-nav" aria-label=t.main_nav on:keydown=on_key>
            <button type="button" class="rt-nav__toggle" node_ref=toggle aria-controls="rt-nav-list" aria-label=t.menu
                aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                <span class="rt-nav__icon" aria-hidden="true"></span>
                <span class="rt-nav__toggle-text">{t.menu}</span>
            </button>
            <ul id="rt-nav-list" class="rt-nav__list" data-open=move || open.get().then_some("")>
                <li><Link to=Route::Home>{t.home}</Link></li>
                {parts.check.then(|| view! { <li><Link to=Route::Check>{t.check}</Link></li> })}
                {parts.guide.then(|| view! { <li><Link to=Route::Guide section=true>{t.guide}</Link></li> })}
                {parts.journal.then(|| view! { <li><Link to=Route::Journal>{t.journal}</Link></li> })}
                <li><Link to=Route::Settings>{t.settings}</Link></li>
            </ul>
        </nav>
    }
}

/// With a lock set, closes the app after the chosen idle time.
fn idle_lock(state: AppState, session: Session) {
    let last = StoredValue::new(js_sys::Date::now());
    let touch = move |_: web_sys::Event| last.set_value(js_sys::Date::now());
    let handles = ["pointerdown", "keydown", "input", "wheel", "touchstart"]
        .map(|name| window_event_listener_untyped(name, touch));
    let timer = set_interval_with_handle(
        move || {
            let minutes = state.settings.try_with_untracked(|s| s.lock_after_min).unwrap_or(0);
            let idle = js_sys::Date::now() - last.try_get_value().unwrap_or_else(js_sys::Date::now);
            if minutes > 0 && session.has_lock.get_untracked() && idle > f64::from(minutes) * 60_000.0 {
                session.lock_now();
            }
        },
        std::time::Duration::from_secs(5),
    );
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Ok(t) = timer {
            t.clear();
        }
    });
}
