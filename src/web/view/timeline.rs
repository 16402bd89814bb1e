//! The timeline (events and deadlines, newest first), internal notes and
//! fact corrections.

use super::widgets::{b, section, R};
use crate::panel::TimelineVm;
use web_sys::Document;

pub fn timeline(doc: &Document, t: &TimelineVm) -> R {
    let items = t.entries.iter().map(|e| {
        b(doc, "li")
            .testid("timeline-event")
            .attr("data-type", &e.kind)
            .class(&e.class)
            .child(b(doc, "time").attr("datetime", &e.datetime).text(&e.time))
            .text(" ")
            .child(b(doc, "span").text(&e.label))
    });
    b(doc, "details")
        .class("timeline")
        .attr("open", "")
        .child(b(doc, "summary").text("Timeline"))
        .child(b(doc, "ol").children(items))
        .child(section(doc, &t.note, "h3"))
        .child(
            b(doc, "details")
                .class("corrections")
                .child(b(doc, "summary").text("Correct a fact"))
                .child(section(doc, &t.corrections, "h3")),
        )
}
