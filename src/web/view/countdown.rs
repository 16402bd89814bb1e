//! The countdown to the next required message. Between status changes a
//! tick only rewrites its headline in place.

use super::widgets::{b, R};
use crate::panel::{CountdownVm, Main, ViewModel};
use web_sys::Document;

pub fn countdown(doc: &Document, c: &CountdownVm) -> R {
    let mut el = b(doc, "section")
        .class(c.class)
        .attr("id", "countdown")
        .attr("aria-label", "Next required message")
        .testid("next-deadline")
        .attr("data-kind", &c.kind);
    if let (Some(due), Some(status)) = (&c.due, &c.status) {
        el = el.attr("data-due", due).attr("data-status", status);
    }
    el.child(
        b(doc, "p")
            .class("headline")
            .attr("id", "countdown-headline")
            .text(&c.headline),
    )
    .children(
        (!c.next_action.is_empty()).then(|| b(doc, "p").class("next-action").text(&c.next_action)),
    )
    .children(c.due_lines.iter().map(|l| b(doc, "p").class("due").text(l)))
}

/// Updates the drawn countdown when it still shows the same deadline and
/// status; `false` asks for a full redraw.
pub fn patch_countdown(doc: &Document, vm: &ViewModel) -> bool {
    let (Main::Escalation(e), Some(el)) = (&vm.main, doc.get_element_by_id("countdown")) else {
        return false;
    };
    let c = &e.countdown;
    let same = el.get_attribute("data-kind").as_deref() == Some(c.kind.as_str())
        && el.get_attribute("data-due") == c.due
        && el.get_attribute("data-status") == c.status;
    if !same {
        return false;
    }
    if let Some(h) = doc.get_element_by_id("countdown-headline") {
        h.set_text_content(Some(&c.headline));
    }
    el.set_attribute("class", c.class).is_ok()
}
