//! Keeps keyboard focus in the app when the control that had it goes away.
//!
//! Many of the app's controls give way to what they did: "Turn on the lock"
//! to the recovery key, "Start the check" to its first questions, "Delete
//! entry…" to the question whether to, "Save and continue" to a thank-you.
//! The browser then drops focus to the page's body, and a person using the
//! keyboard or a screen reader is sent back to the top of the page, or hears
//! nothing at all. Here, unless the app has already put focus somewhere (a new
//! screen's heading), it goes to what took the control's place: the first
//! heading of what was just drawn, else its first control, else its first
//! words (a message), else the part of the screen the control was in. Not
//! after a mouse or a finger: there, focus on the body shows nothing, and
//! moving it would scroll the screen under them.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, MutationObserver, MutationObserverInit, MutationRecord, Node};

/// What focus may go to, best first; the last is any element with words.
const CHOICES: [&str; 3] = [
    "h1, h2, h3, h4",
    "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]",
    "p, li, [role=status], [role=alert]",
];

/// Watches `root` (the app's own element) for as long as the page lives.
pub fn keep(root: Element) {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    // The element inside the app that last took focus.
    let last: Rc<RefCell<Option<Element>>> = Rc::default();
    let remember = {
        let last = last.clone();
        Closure::<dyn FnMut(web_sys::FocusEvent)>::new(move |ev: web_sys::FocusEvent| {
            *last.borrow_mut() = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        })
    };
    let _ = root.add_event_listener_with_callback("focusin", remember.as_ref().unchecked_ref());
    remember.forget();
    // Whether the last thing the person did was with a pointer (a mouse, a
    // finger), not with keys or a screen reader (whose "click" comes without
    // one). For them, focus on the body shows nothing and loses nothing, and
    // moving it would scroll the screen under their finger: left alone.
    let pointer: Rc<Cell<bool>> = Rc::default();
    for (event, by_pointer) in [("pointerdown", true), ("keydown", false)] {
        let pointer = pointer.clone();
        let note = Closure::<dyn FnMut()>::new(move || pointer.set(by_pointer));
        let _ = root.add_event_listener_with_callback_and_bool(event, note.as_ref().unchecked_ref(), true);
        note.forget();
    }

    let watched = root.clone();
    let changed = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(move |records: js_sys::Array, _| {
        let gone = last.borrow().as_ref().is_some_and(|el| !el.is_connected());
        if !gone {
            return;
        }
        let old = last.borrow_mut().take();
        if pointer.get() {
            return;
        }
        let records: Vec<MutationRecord> = records.iter().filter_map(|r| r.dyn_into().ok()).collect();
        let nodes = |list: web_sys::NodeList| (0..list.length()).filter_map(move |i| list.item(i));
        let added: Vec<Element> = records
            .iter()
            .flat_map(|r| nodes(r.added_nodes()))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect();
        // Where the control was: the element it (or what held it) was taken out of.
        let place = old.as_ref().and_then(|old| {
            records.iter().find_map(|r| {
                let held = nodes(r.removed_nodes()).any(|n| n.contains(Some(old.unchecked_ref())));
                held.then(|| r.target()).flatten().and_then(|t| t.dyn_into::<Element>().ok()).filter(|t| t.is_connected())
            })
        });
        let root = watched.clone();
        // After the frame is laid out: the app's own focus (a new screen's
        // heading) has had its turn by then, and wins.
        crate::browser::after_render(move || {
            if !focus_is_lost(&root) {
                return;
            }
            if let Some(target) = pick(&added, place.as_ref().unwrap_or(&root)) {
                if !target.has_attribute("tabindex") && !target.matches(CHOICES[1]).unwrap_or(false) {
                    let _ = target.set_attribute("tabindex", "-1");
                }
                if let Ok(el) = target.dyn_into::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    });
    if let Ok(observer) = MutationObserver::new(changed.as_ref().unchecked_ref()) {
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        let _ = observer.observe_with_options(&root, &options);
    }
    changed.forget();
}

/// Whether focus is nowhere: on the page's body (or, in a shadow root, on
/// nothing inside it) while this page has the person's attention. Focus that
/// the person moved elsewhere (the host page, another window) is left alone.
fn focus_is_lost(root: &Element) -> bool {
    let Some(doc) = root.owner_document() else { return false };
    if !doc.has_focus().unwrap_or(false) {
        return false;
    }
    let on_body = match doc.active_element() {
        None => true,
        Some(active) => doc.body().is_some_and(|body| active == *body.unchecked_ref::<Element>()),
    };
    match root.get_root_node().dyn_ref::<web_sys::ShadowRoot>() {
        // In a host's page: nothing focused inside, and nothing else either
        // (or the widget itself, as a browser may leave it).
        Some(shadow) => {
            shadow.active_element().is_none() && (on_body || doc.active_element().as_ref() == Some(&shadow.host()))
        }
        None => on_body,
    }
}

/// What focus goes to: among what was just drawn, the first of the best kind
/// in the page's order; else the first of the best kind in `place`, else `place`.
fn pick(added: &[Element], place: &Element) -> Option<Element> {
    let connected: Vec<&Element> = added.iter().filter(|e| e.is_connected()).collect();
    for selector in CHOICES {
        let first = connected
            .iter()
            .filter_map(|e| if e.matches(selector).unwrap_or(false) { Some((*e).clone()) } else { e.query_selector(selector).ok().flatten() })
            .reduce(|first, e| {
                let before = first.compare_document_position(&e) & Node::DOCUMENT_POSITION_PRECEDING != 0;
                if before { e } else { first }
            });
        if first.is_some() {
            return first;
        }
    }
    CHOICES
        .iter()
        .find_map(|selector| place.query_selector(selector).ok().flatten())
        .or_else(|| Some(place.clone()))
}

/// Where focus was in a page written at build time, to find again in the app
/// that replaces it: a person who started with the keyboard before the app
/// arrived carries on from the same link or control, not from the top.
///
/// The static page's copy for another language names its ids with a suffix
/// (`--es`, see `src/ui/prerender.rs`), and its links to them too; here
/// without it, as in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// The element with this id.
    Id(String),
    /// A link to this address.
    Href(String),
    /// The first element with this tag, class and words (a button with no id).
    Like { tag: String, class: String, text: String },
}

/// `name` without a static copy's language suffix.
fn own_name(name: &str) -> &str {
    crate::locale::Locale::ALL
        .iter()
        .find_map(|l| name.strip_suffix(&l.id_suffix()))
        .unwrap_or(name)
}

impl Spot {
    /// The spot for a focused element with this id and link address (empty:
    /// none), tag, class and words.
    pub fn of(id: &str, href: &str, tag: &str, class: &str, text: &str) -> Option<Spot> {
        if !id.is_empty() {
            Some(Spot::Id(own_name(id).to_string()))
        } else if !href.is_empty() {
            Some(Spot::Href(own_name(href).to_string()))
        } else if !class.is_empty() || !text.trim().is_empty() {
            Some(Spot::Like { tag: tag.to_string(), class: class.to_string(), text: text.to_string() })
        } else {
            None
        }
    }

    /// What has focus under `parent` now, if anything does.
    pub fn focused_in(parent: &Element) -> Option<Spot> {
        let active = parent.owner_document()?.active_element()?;
        if !parent.contains(Some(&active)) || active == *parent {
            return None;
        }
        let href = active.get_attribute("href").unwrap_or_default();
        Spot::of(&active.id(), &href, &active.tag_name(), &active.class_name(), &active.text_content().unwrap_or_default())
    }

    /// Focuses the element at this spot under `parent`, if there is one.
    pub fn focus_in(&self, parent: &Element) {
        let (selector, same): (&str, Box<dyn Fn(&Element) -> bool>) = match self {
            Spot::Id(id) => ("[id]", Box::new(move |el| el.id() == *id)),
            Spot::Href(href) => ("a[href]", Box::new(move |el| el.get_attribute("href").as_deref() == Some(href.as_str()))),
            Spot::Like { tag, class, text } => (
                tag.as_str(),
                Box::new(move |el| el.class_name() == *class && el.text_content().as_deref() == Some(text.as_str())),
            ),
        };
        let found = parent.query_selector_all(selector).ok().and_then(|all| {
            (0..all.length()).filter_map(|i| all.item(i)?.dyn_into::<Element>().ok()).find(|el| same(el))
        });
        if let Some(el) = found.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Spot;

    #[test]
    fn a_spot_is_its_id_else_its_address_else_its_tag_class_and_words_in_any_language_s_copy() {
        let like = |class: &str, text: &str| Some(Spot::Like { tag: "BUTTON".into(), class: class.into(), text: text.into() });
        assert_eq!(Spot::of("rt-nav-list", "/x", "UL", "c", "t"), Some(Spot::Id("rt-nav-list".into())));
        assert_eq!(Spot::of("rt-nav-list--es", "", "UL", "", ""), Some(Spot::Id("rt-nav-list".into())));
        // A suffix that names no language is part of the name.
        assert_eq!(Spot::of("rt-card--wide", "", "DIV", "", ""), Some(Spot::Id("rt-card--wide".into())));
        assert_eq!(Spot::of("", "/guide", "A", "", "Guide"), Some(Spot::Href("/guide".into())));
        assert_eq!(Spot::of("", "#rt-main--es", "A", "rt-skip", "Saltar"), Some(Spot::Href("#rt-main".into())));
        assert_eq!(Spot::of("", "", "BUTTON", "rt-quick-exit", "Quick exit"), like("rt-quick-exit", "Quick exit"));
        assert_eq!(Spot::of("", "", "BUTTON", "", "Menu"), like("", "Menu"));
        assert_eq!(Spot::of("", "", "DIV", "", "  "), None);
    }
}
