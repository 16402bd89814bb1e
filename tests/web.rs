//! Browser tests of the web shell (wasm-bindgen-test in headless Chromium):
//! the exported core API over real JS values, and the panel drawing into a
//! real DOM behind a fake host.
#![cfg(target_arch = "wasm32")]

use defuse::web::api::{extract_account, version};
use defuse::web::host::Host;
use defuse::web::panel::start_panel;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(src: &str) -> JsValue {
    js_sys::eval(src).unwrap()
}

/// The element matching `selector` once the panel has drawn it: the first
/// frame comes from stored state (read asynchronously) and the page's
/// snapshot is drawn right after that frame.
async fn drawn(doc: &web_sys::Document, selector: &str) -> web_sys::Element {
    for _ in 0..200 {
        if let Some(e) = doc.query_selector(selector).unwrap() {
            return e;
        }
        let wait = js_sys::Promise::new(&mut |done, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&done, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
    }
    panic!("the panel never drew {selector}");
}

/// The storage of a fake host: empty.
fn empty_storage(host: &Object) {
    let calls = [
        ("storageKeys", "return Promise.resolve('')"),
        ("storageGet", "return Promise.resolve([])"),
        ("storagePut", "return Promise.resolve()"),
        ("storageRemove", "return Promise.resolve()"),
    ];
    for (name, body) in calls {
        Reflect::set(host, &name.into(), &Function::new_no_args(body)).unwrap();
    }
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn extract_account_reads_a_js_snapshot() {
    let snapshot = js(r#"({ url: 'http://127.0.0.1/x', lang: 'en-US',
        fields: [{ label: 'Account Name', value: '  Globex  ', kind: 'pair', attrs: {} }] })"#);
    let facts = extract_account(snapshot).unwrap();
    let name = Reflect::get(&facts, &"name".into()).unwrap();
    assert_eq!(
        Reflect::get(&name, &"value".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("Globex")
    );
}

#[wasm_bindgen_test]
fn extract_account_explains_a_malformed_snapshot() {
    let err = extract_account(js("({ fields: 'not a list' })")).unwrap_err();
    let err: JsValue = err.into();
    let message = err.dyn_into::<js_sys::Error>().unwrap().message();
    assert!(
        String::from(message).starts_with("The page snapshot could not be read:"),
        "unexpected message"
    );
}

#[wasm_bindgen_test]
async fn panel_draws_the_account_name_from_the_host_snapshot() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let app = doc.create_element("main").unwrap();
    app.set_id("app");
    doc.body().unwrap().append_child(&app).unwrap();

    // A fake host that delivers one snapshot at once, as a real host does
    // when it already has one.
    let host = Object::new();
    Reflect::set(&host, &"kind".into(), &"tab".into()).unwrap();
    let on_snapshot = Function::new_with_args(
        "cb",
        "cb({ url: 'x', fields: [{ label: 'Account Name', value: '<b>Initech</b>', kind: 'pair', attrs: {} }] })",
    );
    Reflect::set(&host, &"onSnapshot".into(), &on_snapshot).unwrap();
    Reflect::set(&host, &"onPageProblem".into(), &Function::new_no_args("")).unwrap();
    Reflect::set(&host, &"onStorageChange".into(), &Function::new_no_args("")).unwrap();
    empty_storage(&host);
    start_panel(host.unchecked_into::<Host>()).unwrap();

    let name = drawn(&doc, "[data-testid=account-name]").await;
    // Page text is text: markup in a field value is never parsed.
    assert_eq!(name.text_content().as_deref(), Some("<b>Initech</b>"));
    assert_eq!(name.child_element_count(), 0);
    assert_eq!(app.get_attribute("data-host").as_deref(), Some("tab"));
    app.remove();
}

/// Half an emoji at the agent's cut must not make the whole page unreadable:
/// the snapshot crosses as a JS value (serde-wasm-bindgen), not JSON text.
#[wasm_bindgen_test]
async fn panel_reads_a_snapshot_cut_inside_an_emoji() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let app = doc.create_element("main").unwrap();
    app.set_id("app");
    doc.body().unwrap().append_child(&app).unwrap();
    let host = Object::new();
    Reflect::set(&host, &"kind".into(), &"tab".into()).unwrap();
    let on_snapshot = Function::new_with_args(
        "cb",
        "cb({ url: 'x', conversation: 'so angry \\ud83d', fields: [{ label: 'Account Name', value: 'Umbrella \\ud83d', kind: 'pair', attrs: {} }] })",
    );
    Reflect::set(&host, &"onSnapshot".into(), &on_snapshot).unwrap();
    for name in ["onPageProblem", "onStorageChange"] {
        Reflect::set(&host, &name.into(), &Function::new_no_args("")).unwrap();
    }
    empty_storage(&host);
    start_panel(host.unchecked_into::<Host>()).unwrap();
    let name = drawn(&doc, "[data-testid=account-name]").await;
    assert!(name
        .text_content()
        .unwrap_or_default()
        .starts_with("Umbrella"));
    assert!(doc
        .query_selector("[data-testid=page-problem]")
        .unwrap()
        .is_none());
    app.remove();
}
