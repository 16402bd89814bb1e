//! A tiny DOM builder for the panel. Text always goes in as text
//! (`set_text_content` / text nodes); nothing here ever parses HTML.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// Creates `<tag>` with the given attributes and text.
pub fn el(
    doc: &Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    Ok(e)
}

/// A node under construction: `B::new(doc, "p").attr("class", "x").text("hi").build()?`.
pub struct B {
    el: Result<Element, JsValue>,
}

impl B {
    pub fn new(doc: &Document, tag: &str) -> B {
        B {
            el: doc.create_element(tag),
        }
    }

    pub fn attr(mut self, k: &str, v: &str) -> B {
        if let Ok(e) = &self.el {
            if let Err(err) = e.set_attribute(k, v) {
                self.el = Err(err);
            }
        }
        self
    }

    pub fn attr_if(self, cond: bool, k: &str, v: &str) -> B {
        if cond {
            self.attr(k, v)
        } else {
            self
        }
    }

    pub fn text(mut self, t: &str) -> B {
        if let Ok(e) = &self.el {
            match e.owner_document() {
                Some(doc) => {
                    if let Err(err) = e.append_child(&doc.create_text_node(t)) {
                        self.el = Err(err);
                    }
                }
                None => e.set_text_content(Some(t)),
            }
        }
        self
    }

    pub fn child(mut self, child: Result<Element, JsValue>) -> B {
        match (&self.el, child) {
            (Ok(e), Ok(c)) => {
                if let Err(err) = e.append_child(&c) {
                    self.el = Err(err);
                }
            }
            (Ok(_), Err(err)) => self.el = Err(err),
            _ => {}
        }
        self
    }

    pub fn children(mut self, kids: impl IntoIterator<Item = Result<Element, JsValue>>) -> B {
        for k in kids {
            self = self.child(k);
        }
        self
    }

    /// Sets a form control's current value (not its attribute).
    pub fn value(mut self, v: &str) -> B {
        if let Ok(e) = &self.el {
            if let Some(i) = e.dyn_ref::<web_sys::HtmlInputElement>() {
                i.set_value(v);
            } else if let Some(t) = e.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                t.set_value(v);
            } else if let Some(s) = e.dyn_ref::<web_sys::HtmlSelectElement>() {
                s.set_value(v);
            } else if let Err(err) = e.set_attribute("value", v) {
                self.el = Err(err);
            }
        }
        self
    }

    pub fn build(self) -> Result<Element, JsValue> {
        self.el
    }
}
