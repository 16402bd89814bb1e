//! The stepper and the shown step (acknowledge, triage, DRI, cadence,
//! close-out, restoration): each step's sections come from the model.

use super::widgets::{b, notice, section, R};
use crate::panel::{StepTabVm, StepVm};
use web_sys::Document;

pub fn stepper(doc: &Document, steps: &[StepTabVm]) -> R {
    b(doc, "nav")
        .class("stepper")
        .attr("aria-label", "Playbook steps")
        .child(b(doc, "ol").children(steps.iter().map(|s| {
            let btn = b(doc, "button")
                .attr("type", "button")
                .attr("data-action", s.action.name())
                .attr("data-arg", &s.action.arg())
                .attr("id", &format!("a-step-{}", s.name))
                .testid(&format!("step-{}", s.name))
                .attr("data-status", s.status)
                .class(&format!("step {}", s.status))
                .attr_if(s.shown, "aria-current", "step")
                .text(s.label);
            b(doc, "li").child(btn)
        })))
}

pub fn step(doc: &Document, s: &StepVm) -> R {
    b(doc, "section")
        .attr("id", "step-body")
        .class(&format!("step-body step-{}", s.name))
        .attr("aria-labelledby", "step-h")
        .child(
            b(doc, "h2")
                .attr("id", "step-h")
                .attr("tabindex", "-1")
                .text(&s.title),
        )
        .children(s.notice.as_ref().map(|n| notice(doc, n)))
        .children(s.sections.iter().map(|x| section(doc, x, "h3")))
}
