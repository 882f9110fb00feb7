//! Browser tests: the storage backend against the real localStorage, and the
//! app mounted into a page (and into a shadow root, as when embedded).
#![cfg(target_arch = "wasm32")]

use rebuild_trust::config::AppConfig;
use rebuild_trust::storage::{Backend, LocalBackend, Namespace, StorageError, Store};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local(ns: &str) -> Store {
    Store::new(Rc::new(LocalBackend::open().expect("localStorage")), &Namespace::new(ns).unwrap())
}

fn clear(store: &Store) {
    for k in store.keys().unwrap() {
        store.remove(&k).unwrap();
    }
}

fn raw_local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Lets the reactive system and the browser catch up.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn records_round_trip_through_local_storage_under_the_namespace() {
    let store = local("wbt-roundtrip");
    clear(&store);
    store.save("thing", &vec!["<b>bold</b>".to_string(), "ünïcödé".into()]).unwrap();
    assert_eq!(
        store.load::<Vec<String>>("thing").unwrap(),
        Some(vec!["<b>bold</b>".to_string(), "ünïcödé".into()])
    );
    assert!(raw_local_storage().get_item("wbt-roundtrip:thing").unwrap().is_some());
    assert_eq!(store.keys().unwrap(), vec!["thing".to_string()]);
    store.remove("thing").unwrap();
    assert_eq!(store.load::<Vec<String>>("thing").unwrap(), None);
}

#[wasm_bindgen_test]
fn two_namespaces_and_the_host_page_never_see_each_other() {
    let a = local("wbt-a");
    let b = local("wbt-b");
    clear(&a);
    clear(&b);
    raw_local_storage().set_item("settings", "host page value").unwrap();
    a.save("settings", &1u32).unwrap();
    b.save("settings", &2u32).unwrap();
    assert_eq!(a.load::<u32>("settings").unwrap(), Some(1));
    assert_eq!(b.load::<u32>("settings").unwrap(), Some(2));
    assert_eq!(raw_local_storage().get_item("settings").unwrap().as_deref(), Some("host page value"));
    clear(&a);
    assert_eq!(b.load::<u32>("settings").unwrap(), Some(2));
    clear(&b);
    raw_local_storage().remove_item("settings").unwrap();
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_as_such_and_the_old_value_survives() {
    let store = local("wbt-quota");
    clear(&store);
    store.save("entry", &"what was saved before").unwrap();
    // Chromium allows about 5 million characters per origin; ask for more.
    let huge = "x".repeat(6 * 1024 * 1024);
    let err = LocalBackend::open().unwrap().set("wbt-quota:entry", &huge).unwrap_err();
    assert_eq!(err, StorageError::QuotaExceeded);
    assert_eq!(store.load::<String>("entry").unwrap().as_deref(), Some("what was saved before"));
    clear(&store);
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn embedded_config(ns: &str) -> AppConfig {
    let (mut config, warnings) = AppConfig::from_attributes(|_| None);
    assert!(warnings.is_empty());
    config.namespace = Namespace::new(ns).unwrap();
    config
}

#[wasm_bindgen_test]
async fn the_app_mounts_in_a_shadow_root_and_navigates_without_touching_the_url() {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let shadow = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let container: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    shadow.append_child(&container).unwrap();
    let url_before = web_sys::window().unwrap().location().href().unwrap();
    let history_before = web_sys::window().unwrap().history().unwrap().length().unwrap();

    rebuild_trust::mount(container.clone(), embedded_config("wbt-mount"));
    tick().await;

    let h1 = shadow.query_selector("h1").unwrap().expect("a heading rendered");
    assert!(h1.text_content().unwrap().contains("Rebuild trust"));
    let settings_link: web_sys::HtmlElement = shadow
        .query_selector("nav a[href='#rt/settings']")
        .unwrap()
        .expect("a settings link")
        .unchecked_into();
    settings_link.click();
    tick().await;

    let h1 = shadow.query_selector("h1").unwrap().unwrap();
    assert_eq!(h1.text_content().unwrap(), "Settings");
    assert_eq!(web_sys::window().unwrap().location().href().unwrap(), url_before);
    assert_eq!(web_sys::window().unwrap().history().unwrap().length().unwrap(), history_before);
    let active = shadow.active_element().expect("focus moved into the widget");
    assert_eq!(active.tag_name(), "H1");
    host.remove();
}

/// What another tab does when it saves: writes the record, and this tab's
/// window gets a `storage` event naming it.
fn saved_in_another_tab(store: &Store, key: &str) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(&store.full_key(key)));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn what_another_tab_saved_is_read_but_never_written_back_over_its_next_save() {
    use rebuild_trust::settings::{self, Settings, Theme};
    let store = local("wbt-echo");
    clear(&store);
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    rebuild_trust::mount(host.clone(), embedded_config("wbt-echo"));
    tick().await;

    // The other tab saves twice in quick succession (two keystrokes, say):
    // this tab hears of the first while the second is already stored.
    let first = Settings { theme: Theme::Dark, ..Settings::default() };
    let second = Settings { theme: Theme::Light, ..first.clone() };
    store.save(settings::KEY, &first).unwrap();
    saved_in_another_tab(&store, settings::KEY);
    store.save(settings::KEY, &second).unwrap();
    tick().await;
    assert_eq!(store.load::<Settings>(settings::KEY).unwrap(), Some(second.clone()), "the newer save stands");

    // And this tab still follows: the second save's event brings it in.
    saved_in_another_tab(&store, settings::KEY);
    tick().await;
    let theme = host.query_selector(".rt-app, [data-theme]").unwrap().and_then(|e| e.get_attribute("data-theme"));
    assert_eq!(theme.as_deref(), Some("light"));
    host.remove();
    clear(&store);
}
