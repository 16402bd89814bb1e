//! A tiny DOM builder for the panel. Text always goes in as text (a text
//! node through `Element.append(string)`); nothing here ever parses HTML.

use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

thread_local! {
    /// The first DOM error of the node being built, until a `build` hands it
    /// on. Size: keeping it out of `B` makes `B` one word, so each builder
    /// step (hundreds of call sites) passes and returns it in a register
    /// instead of through memory.
    static FAILED: Cell<Option<JsValue>> = const { Cell::new(None) };
}

/// Drops an error no `build` took (none should be left: every tree's root
/// ends in `build`); called before a redraw so one failed frame cannot fail
/// the next.
pub fn clear_failure() {
    FAILED.with(Cell::take);
}

fn failed() -> bool {
    FAILED.with(|f| {
        let e = f.take();
        let failed = e.is_some();
        f.set(e);
        failed
    })
}

/// Keeps `err` unless an earlier error is already kept.
fn fail(err: JsValue) {
    FAILED.with(|f| {
        let kept = f.take();
        f.set(Some(kept.unwrap_or(err)));
    });
}

/// A node under construction: `B::new(doc, "p").attr("class", "x").text("hi")`,
/// children appended unbuilt, the tree's root `build()?` once.
/// After a DOM error every step is skipped and `build` returns that error.
pub struct B {
    el: Element,
}

impl B {
    pub fn new(doc: &Document, tag: &str) -> B {
        let el = if failed() {
            None
        } else {
            doc.create_element(tag).map_err(fail).ok()
        };
        // A failed node is never touched: every step checks `failed` first.
        B {
            el: el.unwrap_or_else(|| JsValue::UNDEFINED.unchecked_into()),
        }
    }

    pub fn attr(self, k: &str, v: &str) -> B {
        if !failed() {
            if let Err(err) = self.el.set_attribute(k, v) {
                fail(err);
            }
        }
        self
    }

    /// `class`: the most set attribute, named once here (size: one string
    /// argument pair less at each of ~40 call sites).
    pub fn class(self, v: &str) -> B {
        self.attr("class", v)
    }

    /// `data-testid`, the tests' stable handle (see `view`'s list).
    pub fn testid(self, v: &str) -> B {
        self.attr("data-testid", v)
    }

    pub fn attr_if(self, cond: bool, k: &str, v: &str) -> B {
        if cond {
            self.attr(k, v)
        } else {
            self
        }
    }

    /// Appends `t` as a text node (`Element.append` with a string: one call).
    pub fn text(self, t: &str) -> B {
        if !failed() {
            if let Err(err) = self.el.append_with_str_1(t) {
                fail(err);
            }
        }
        self
    }

    /// Appends a node built with `B` (unbuilt: its error, if any, is
    /// already kept, and `build` of the whole tree reports it).
    pub fn child(self, child: B) -> B {
        if !failed() {
            if let Err(err) = self.el.append_child(&child.el) {
                fail(err);
            }
        }
        self
    }

    pub fn children(mut self, kids: impl IntoIterator<Item = B>) -> B {
        for k in kids {
            self = self.child(k);
        }
        self
    }

    /// Sets a form control's current value (the `value` property, not the
    /// attribute): `input`, `textarea` and `select` alike.
    pub fn value(self, v: &str) -> B {
        if !failed() {
            let set = js_sys::Reflect::set(&self.el, &"value".into(), &v.into());
            if let Err(err) = set {
                fail(err);
            }
        }
        self
    }

    /// The node, or the first error met while building it or its children.
    pub fn build(self) -> Result<Element, JsValue> {
        match FAILED.with(Cell::take) {
            Some(err) => Err(err),
            None => Ok(self.el),
        }
    }
}
