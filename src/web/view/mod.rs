//! Drawing the view model into `#app`: one module per part of the panel.
//! Text always goes in as text. Nodes that stay are kept (the host's
//! morph), so focus, caret and scroll survive a redraw;
//! a focus the model asks for (a new step, the first error) wins.
//!
//! Why steps are not one module each here (issue 10's "one module per
//! step"): each step already has its own function in the pure model
//! (`panel::steps::{acknowledge, triage, dri, cadence}`,
//! `panel::parts::{closeout, restore}`), where what it shows and why is
//! decided and tested natively on a fake clock. What reaches this layer is
//! only sections of fields, drafts and buttons, and drawing those is the same
//! for every step; per-step drawing modules would copy the same widget
//! calls six times, let the steps drift apart in markup, focus handling and
//! test ids, and move decisions back into the untested DOM layer. So the
//! step-specific code lives in the model, one function per step, and this
//! layer stays one set of widgets.
//!
//! Stable test ids: `account-name` (`account-reading` until the page's
//! snapshot comes, `account-missing` when it has none), `account-arr`, `account-renewal`,
//! `next-deadline`, `step-<name>`, `draft`, `draft-subject`, `coach-finding`,
//! `insert`, `insert-result`, `mark-sent`, `timeline-event`, `notice`.

mod countdown;
mod header;
mod list;
mod steps;
mod timeline;
mod widgets;

pub use countdown::patch_countdown;

use super::host::Host;
use crate::panel::{Main, ViewModel};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use widgets::{b, notice, R};

/// How a frame gets into the page.
pub enum Draw<'a> {
    /// Morphed into the live DOM by the host (`Host::morph`): nodes that
    /// stay are kept, so the focused field keeps its caret, IME composition
    /// and undo history; `keep_focused`: and its live value (every frame but
    /// one drawn for a click or an Enter submit, which may change it).
    Morph { host: &'a Host, keep_focused: bool },
    /// Swapped in whole (a host without `morph`: tests' fake hosts, or a
    /// morph that failed); focus and selection are put back by hand, the
    /// scroll offset is not kept.
    Swap,
}

/// Draws the whole panel from `vm`.
pub fn render(
    doc: &Document,
    root: &Element,
    vm: &ViewModel,
    focus: Option<&str>,
    draw: Draw,
) -> Result<(), JsValue> {
    super::dom::clear_failure();
    let before = doc.active_element();
    let kept = before.as_ref().map(|e| {
        let sel = if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
            (
                i.selection_start().ok().flatten(),
                i.selection_end().ok().flatten(),
            )
        } else if let Some(t) = e.dyn_ref::<HtmlTextAreaElement>() {
            (
                t.selection_start().ok().flatten(),
                t.selection_end().ok().flatten(),
            )
        } else {
            (None, None)
        };
        (e.id(), sel)
    });

    let parts = js_sys::Array::new();
    let push = |e: R| -> Result<(), JsValue> {
        parts.push(&e.build()?.into());
        Ok(())
    };
    if let Some(n) = &vm.notice {
        push(notice(doc, n))?;
    }
    push(header::header(doc, &vm.header))?;
    if let Some(p) = &vm.page_problem {
        push(b(doc, "p").class("problem").testid("page-problem").text(p))?;
    }
    if !vm.quarantine.is_empty() {
        push(header::quarantine(doc, &vm.quarantine))?;
    }
    if let Some(bind) = &vm.bind {
        push(header::bind(doc, bind))?;
    }
    match &vm.main {
        Main::Loading => push(
            b(doc, "p")
                .class("loading")
                .text("Loading your escalations…"),
        )?,
        Main::Open(form) => {
            if let Some(s) = &vm.signal {
                push(header::signal(doc, s))?;
            }
            push(widgets::section(doc, form, "h2"))?;
        }
        Main::Escalation(e) => {
            push(countdown::countdown(doc, &e.countdown))?;
            push(steps::stepper(doc, &e.steps))?;
            push(steps::step(doc, &e.step))?;
            push(timeline::timeline(doc, &e.timeline))?;
        }
    }
    if !matches!(vm.main, Main::Loading) {
        push(list::list(doc, &vm.list))?;
        push(list::tools(doc, &vm.tools))?;
    }
    let swap = match draw {
        Draw::Morph { host, keep_focused } => host
            .morph(root, &parts, keep_focused)
            .map_err(|e| web_sys::console::error_2(&"Defuse: could not morph the frame".into(), &e))
            .is_err(),
        Draw::Swap => true,
    };
    if swap {
        root.replace_children_with_node(&parts);
    }

    // The focused node still in place (a morph keeps it) needs nothing:
    // setting its selection again could end an IME composition.
    let stayed = match (&before, doc.active_element()) {
        (Some(a), Some(b)) => JsValue::from(a.clone()) == JsValue::from(b),
        _ => false,
    };
    let target = match focus {
        Some(id) => Some((id.to_string(), (None, None))),
        None => kept.filter(|(id, _)| !id.is_empty() && !stayed),
    };
    if let Some((id, (s, e))) = target {
        if let Some(el) = doc.get_element_by_id(&id) {
            if let Some(h) = el.dyn_ref::<HtmlElement>() {
                let _ = h.focus();
            }
            if let (Some(s), Some(e)) = (s, e) {
                if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                    let _ = i.set_selection_range(s, e);
                } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
                    let _ = t.set_selection_range(s, e);
                }
            }
        }
    }
    Ok(())
}
