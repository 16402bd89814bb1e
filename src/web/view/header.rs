//! The account header (name, ARR, renewal, severity, DRI with where each was
//! read), page problems, unreadable records, the binding question and the
//! escalation signal.

use super::widgets::{b, buttons, R};
use crate::panel::{BindVm, HeaderVm};
use web_sys::Document;

fn fact(doc: &Document, label: &str, dd: R) -> R {
    b(doc, "div").child(b(doc, "dt").text(label)).child(dd)
}

fn source(doc: &Document, text: &str) -> R {
    b(doc, "span").class("source").text(text)
}

pub fn header(doc: &Document, h: &HeaderVm) -> R {
    let title = match &h.name {
        Some((name, src)) => b(doc, "h1")
            .testid("account-name")
            .attr("title", src)
            .text(name),
        None if h.reading => b(doc, "h1")
            .class("muted")
            .testid("account-reading")
            .text("Reading the page…"),
        None => b(doc, "h1")
            .class("muted")
            .testid("account-missing")
            .text("No account on this page"),
    };
    let arr = match &h.arr {
        Some(a) => b(doc, "dd")
            .testid("account-arr")
            .attr("data-amount", &a.amount)
            .attr_if(
                a.currency.is_some(),
                "data-currency",
                a.currency.as_deref().unwrap_or(""),
            )
            .attr("title", &a.source)
            .text(&a.text)
            .child(source(doc, &a.source))
            .children(
                a.change
                    .iter()
                    .map(|c| buttons(doc, std::slice::from_ref(c))),
            ),
        None => b(doc, "dd")
            .testid("account-arr")
            .class("muted")
            .text("not found — enter it when you open the escalation"),
    };
    let renewal = match &h.renewal {
        Some(r) => b(doc, "dd")
            .testid("account-renewal")
            .attr("data-date", &r.date)
            .attr("title", &r.source)
            .text(&r.text)
            .child(source(doc, &r.source)),
        None => b(doc, "dd")
            .testid("account-renewal")
            .class("muted")
            .text("not found"),
    };
    let mut dl = b(doc, "dl")
        .class("facts")
        .child(fact(doc, "ARR", arr))
        .child(fact(doc, "Renewal", renewal));
    if let Some((level, reason)) = &h.severity {
        dl = dl.child(fact(
            doc,
            "Severity",
            b(doc, "dd")
                .testid("severity")
                .class(&format!("sev-{level}"))
                .attr("title", reason)
                .text(level)
                .child(source(doc, reason)),
        ));
    }
    if let Some(dri) = &h.dri {
        dl = dl.child(fact(doc, "DRI", b(doc, "dd").testid("dri").text(dri)));
    }
    b(doc, "header")
        .class("account")
        .child(title)
        .child(dl)
        .children(h.problems.iter().map(|p| {
            b(doc, "p")
                .class("fact-problem")
                .testid("fact-problem")
                .text(p)
        }))
}

pub fn quarantine(doc: &Document, list: &[String]) -> R {
    b(doc, "details")
        .class("quarantine")
        .testid("quarantine")
        .child(b(doc, "summary").text(&format!(
            "{} saved records could not be read. They are kept, not deleted.",
            list.len()
        )))
        .child(b(doc, "ul").children(list.iter().map(|q| b(doc, "li").text(q))))
}

pub fn bind(doc: &Document, v: &BindVm) -> R {
    b(doc, "section")
        .class("bind")
        .testid("bind-offer")
        .attr("aria-label", "Which escalation is this page?")
        .child(b(doc, "p").text(&v.text))
        .child(buttons(doc, &v.buttons))
}

pub fn signal(doc: &Document, text: &str) -> R {
    b(doc, "section")
        .class("signal")
        .testid("escalation-signal")
        .attr("aria-label", "Escalation detected")
        .child(b(doc, "p").text(text))
        .child(
            b(doc, "a")
                .attr("href", "#f-open-account")
                .class("button-link")
                .text("Start the playbook below"),
        )
}
