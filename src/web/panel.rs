//! The panel UI: renders what the core decided about the current page into the
//! panel page, and redraws when the host delivers a new snapshot.

use super::api::parse_snapshot;
use super::dom::{document, el};
use crate::account;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The host interface the panel runs behind (side panel, pop-out tab or
/// embedded iframe): one small JS object per host, see `www/hosts/`.
#[wasm_bindgen]
extern "C" {
    pub type Host;

    /// Which host this is: `side-panel`, `tab` or `embedded`.
    #[wasm_bindgen(method, getter)]
    fn kind(this: &Host) -> String;

    /// Calls `callback(snapshot)` now (if one is known) and on every change.
    #[wasm_bindgen(method, js_name = onSnapshot)]
    fn on_snapshot(this: &Host, callback: &Closure<dyn FnMut(JsValue)>);

    /// Calls `callback(message)` when the page cannot be read.
    #[wasm_bindgen(method, js_name = onPageProblem)]
    fn on_page_problem(this: &Host, callback: &Closure<dyn FnMut(String)>);
}

struct Panel {
    root: Element,
}

impl Panel {
    fn render_snapshot(&self, value: JsValue) -> Result<(), JsValue> {
        let doc = document()?;
        let header = el(&doc, "header", &[("class", "account")], None)?;
        match parse_snapshot(value) {
            Ok(snapshot) => {
                let facts = account::extract(&snapshot);
                let name = match &facts.name {
                    Some(f) => {
                        let e = el(
                            &doc,
                            "h1",
                            &[("data-testid", "account-name")],
                            Some(&f.value),
                        )?;
                        e.set_attribute(
                            "title",
                            &format!(
                                "Read from “{}” ({}, {})",
                                f.source.label, f.source.crm, f.source.kind
                            ),
                        )?;
                        e
                    }
                    None => el(
                        &doc,
                        "p",
                        &[("class", "problem"), ("data-testid", "account-missing")],
                        Some("No account name found on this page."),
                    )?,
                };
                header.append_child(&name)?;
            }
            Err(e) => {
                let msg: JsValue = e.into();
                let text = js_sys::Error::from(msg).message();
                let p = el(
                    &doc,
                    "p",
                    &[("class", "problem")],
                    Some(&String::from(text)),
                )?;
                header.append_child(&p)?;
            }
        }
        self.root.replace_children_with_node_1(&header);
        Ok(())
    }

    fn render_problem(&self, message: &str) -> Result<(), JsValue> {
        let doc = document()?;
        let p = el(
            &doc,
            "p",
            &[("class", "problem"), ("role", "status")],
            Some(message),
        )?;
        self.root.replace_children_with_node_1(&p);
        Ok(())
    }
}

/// Starts the panel in `#app` behind the given host.
#[wasm_bindgen(js_name = startPanel)]
pub fn start_panel(host: Host) -> Result<(), JsValue> {
    let doc = document()?;
    let root = doc
        .get_element_by_id("app")
        .ok_or_else(|| JsValue::from_str("panel page has no #app"))?;
    root.set_attribute("data-host", &host.kind())?;
    let panel = Rc::new(RefCell::new(Panel { root }));

    let p = panel.clone();
    let on_snapshot = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
        if let Err(e) = p.borrow().render_snapshot(value) {
            web_sys::console::error_2(&"Defuse: could not draw the account".into(), &e);
        }
    });
    host.on_snapshot(&on_snapshot);
    // The panel lives as long as the page: the callbacks must too.
    on_snapshot.forget();

    let p = panel;
    let on_problem = Closure::<dyn FnMut(String)>::new(move |message: String| {
        if let Err(e) = p.borrow().render_problem(&message) {
            web_sys::console::error_2(&"Defuse: could not draw a problem".into(), &e);
        }
    });
    host.on_page_problem(&on_problem);
    on_problem.forget();
    Ok(())
}
