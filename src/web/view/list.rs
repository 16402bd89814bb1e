//! Every escalation (switching between them) and the tools (settings,
//! export, import).

use super::widgets::{b, buttons, item, R};
use crate::panel::{ListVm, SectionVm};
use web_sys::Document;

pub fn list(doc: &Document, l: &ListVm) -> R {
    let mut sec = b(doc, "section")
        .class("list")
        .attr("aria-labelledby", "list-h")
        .child(b(doc, "h2").attr("id", "list-h").text("Escalations"));
    if l.items.is_empty() {
        sec = sec.child(b(doc, "p").class("muted").text(l.empty));
    } else {
        sec = sec.child(b(doc, "ul").children(l.items.iter().map(|i| {
            b(doc, "li")
                .attr_if(i.current, "aria-current", "true")
                .child(
                    b(doc, "button")
                        .attr("type", "button")
                        .attr("data-action", i.action.name())
                        .attr("data-arg", &i.action.arg())
                        .class(if i.overdue {
                            "switch overdue"
                        } else {
                            "switch"
                        })
                        .testid("escalation-item")
                        .text(&i.text),
                )
        })));
    }
    if !l.buttons.is_empty() {
        sec = sec.child(buttons(doc, &l.buttons));
    }
    sec
}

pub fn tools(doc: &Document, t: &SectionVm) -> R {
    b(doc, "details")
        .class("tools")
        .attr_if(t.items.iter().any(has_notice), "open", "")
        .child(b(doc, "summary").text(t.heading.as_deref().unwrap_or("Settings and data")))
        .children(t.items.iter().map(|i| item(doc, i)))
}

fn has_notice(i: &crate::panel::Item) -> bool {
    matches!(i, crate::panel::Item::Buttons(bs) if bs.iter().any(|b| b.notice.is_some()))
}
