//! The building blocks every part draws with: fields (label, control, hint,
//! error beside it, offered value), buttons with their notice beside them,
//! drafts with coach findings, and sections (Enter submits `data-submit`).

use super::super::dom::B;
use crate::panel::{ButtonVm, DraftVm, FieldKind, FieldVm, FindingVm, Item, NoticeVm, SectionVm};
use web_sys::Document;

/// A node under construction (its DOM error, if any, is kept by `dom`
/// until `render` builds the top-level parts).
pub type R = B;

pub fn b(doc: &Document, tag: &str) -> B {
    B::new(doc, tag)
}

pub fn notice(doc: &Document, n: &NoticeVm) -> R {
    b(doc, "p")
        .class(if n.error { "notice error" } else { "notice" })
        .attr("role", if n.error { "alert" } else { "status" })
        .testid("notice")
        .text(&n.text)
}

pub fn button(doc: &Document, v: &ButtonVm) -> R {
    let (name, arg) = (v.action.name(), v.action.arg());
    let mut el = b(doc, "button")
        .attr("type", "button")
        .attr("data-action", name)
        .attr("data-arg", &arg)
        .attr("id", &format!("a-{name}-{arg}"))
        .text(&v.label);
    if let Some(t) = v.testid {
        el = el.testid(t);
    }
    if v.primary {
        el = el.class("primary");
    }
    el
}

/// A row of buttons, then the notice of whichever caused one.
pub fn buttons(doc: &Document, list: &[ButtonVm]) -> R {
    b(doc, "div")
        .class("actions-group")
        .child(
            b(doc, "div")
                .class("actions")
                .children(list.iter().map(|v| button(doc, v))),
        )
        .children(
            list.iter()
                .filter_map(|v| v.notice.as_ref())
                .map(|n| notice(doc, n)),
        )
}

pub fn field(doc: &Document, f: &FieldVm) -> R {
    let hint_id = format!("{}-hint", f.id);
    let err_id = format!("{}-error", f.id);
    let offer_id = format!("{}-offer", f.id);
    let described: Vec<&str> = [
        f.error.as_ref().map(|_| err_id.as_str()),
        f.hint.as_ref().map(|_| hint_id.as_str()),
        f.offer.as_ref().map(|_| offer_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut control = match f.kind {
        FieldKind::Area(rows) => b(doc, "textarea").attr("rows", &rows.to_string()),
        FieldKind::Select => b(doc, "select").children(
            f.options
                .iter()
                .map(|(v, l)| b(doc, "option").attr("value", v).text(l)),
        ),
        kind => {
            let t = match kind {
                FieldKind::Date => "date",
                FieldKind::DateTime => "datetime-local",
                FieldKind::Url => "url",
                FieldKind::Check => "checkbox",
                _ => "text",
            };
            b(doc, "input").attr("type", t).attr("autocomplete", "off")
        }
    };
    control = control.attr("id", &f.id).attr("data-draft", &f.key);
    if let Some(t) = f.testid {
        control = control.testid(t);
    }
    if f.error.is_some() {
        control = control.attr("aria-invalid", "true");
    }
    if !described.is_empty() {
        control = control.attr("aria-describedby", &described.join(" "));
    }
    let check = f.kind == FieldKind::Check;
    control = if check {
        control.attr_if(!f.value.trim().is_empty(), "checked", "")
    } else {
        control.value(&f.value)
    };
    let label = b(doc, "label").attr("for", &f.id).text(&f.label);
    let mut wrap = b(doc, "div").class(if check { "field check" } else { "field" });
    wrap = if check {
        wrap.child(control).child(label)
    } else {
        wrap.child(label).child(control)
    };
    wrap.children(
        f.hint
            .as_ref()
            .map(|h| b(doc, "small").attr("id", &hint_id).class("hint").text(h)),
    )
    .children(
        f.error
            .as_ref()
            .map(|e| b(doc, "p").attr("id", &err_id).class("field-error").text(e)),
    )
    .children(f.offer.as_ref().map(|(why, btn)| {
        b(doc, "div")
            .class("offer")
            .attr("id", &offer_id)
            .child(b(doc, "span").text(why))
            .child(button(doc, btn))
    }))
}

fn finding(doc: &Document, f: &FindingVm) -> R {
    let quote = (f.end > f.start).then(|| {
        b(doc, "blockquote")
            .text(&f.before)
            .child(b(doc, "mark").text(&f.flagged))
            .text(&f.after)
    });
    b(doc, "div")
        .class(&format!("finding {}", f.severity))
        .testid("coach-finding")
        .attr("data-rule", &f.rule)
        .attr("data-start", &f.start.to_string())
        .attr("data-end", &f.end.to_string())
        .child(b(doc, "p").class("finding-message").text(&f.message))
        .children(quote)
        .child(
            b(doc, "p")
                .class("suggestion")
                .text(&format!("Try: {}", f.suggestion)),
        )
}

pub fn draft(doc: &Document, d: &DraftVm) -> R {
    let mut subject = d.subject.clone();
    subject.testid = Some("draft-subject");
    b(doc, "section")
        .class(if d.internal {
            "draft internal"
        } else {
            "draft"
        })
        .attr("data-draft-block", &d.kind)
        .attr("data-prefix", d.prefix)
        .attr("data-edited", if d.edited { "true" } else { "false" })
        .attr("data-internal", if d.internal { "true" } else { "false" })
        .attr("aria-label", &d.title)
        .child(b(doc, "h3").text(&d.title))
        .child(
            b(doc, "p")
                .class(if d.ready { "ready" } else { "missing" })
                .testid(if d.ready {
                    "draft-ready"
                } else {
                    "draft-missing"
                })
                .text(&d.status),
        )
        .child(field(doc, &subject))
        .child(field(doc, &d.body))
        .child(
            b(doc, "div")
                .class("coach")
                .attr("data-coach", d.prefix)
                .children((!d.findings.is_empty()).then(|| {
                    b(doc, "p")
                        .class("coach-title")
                        .text(&format!("Coach: {} to look at", d.findings.len()))
                }))
                .children(d.findings.iter().map(|f| finding(doc, f))),
        )
        .child(buttons(doc, &d.buttons))
        .children(d.result.as_ref().map(|(ok, m)| {
            b(doc, "p")
                .class(if *ok {
                    "insert-result ok"
                } else {
                    "insert-result error"
                })
                .attr("role", "status")
                .testid("insert-result")
                .attr("data-ok", if *ok { "true" } else { "false" })
                .text(m)
        }))
}

pub fn item(doc: &Document, i: &Item) -> R {
    match i {
        Item::Text {
            text,
            class,
            testid,
        } => {
            let p = b(doc, "p").class(class).text(text);
            match testid {
                Some(t) => p.testid(t),
                None => p,
            }
        }
        Item::Field(f) => field(doc, f),
        Item::Buttons(list) => buttons(doc, list),
        Item::Draft(d) => draft(doc, d),
        Item::Section(s) => section(doc, s, "h3"),
    }
}

/// A section; `heading` is its heading level.
pub fn section(doc: &Document, s: &SectionVm, heading: &str) -> R {
    let mut el = b(doc, "section").class(s.class);
    if let Some(t) = &s.testid {
        el = el.testid(t);
    }
    if let Some(st) = s.status {
        el = el.attr("data-status", st);
    }
    if let Some(a) = &s.submit {
        el = el
            .attr("data-submit", a.name())
            .attr("data-submit-arg", &a.arg());
    }
    if let Some(h) = &s.heading {
        el = el.child(b(doc, heading).text(h));
    }
    el.children(s.items.iter().map(|i| item(doc, i)))
}
