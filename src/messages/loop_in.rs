//! The internal engineering / support loop-in, sent right after the
//! acknowledgment when triage says the problem is an outage or a data problem.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::compose::{lit, present, Composer, Piece};
use super::time_text::TimeStyle;
use super::{Message, MessageKind};

crate::unit_enum! {
    /// Why engineering is needed now.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum LoopInReason {
        Outage = "outage",
        DataProblem = "data-problem",
    }
}

impl LoopInReason {
    fn words(self) -> &'static str {
        match self {
            LoopInReason::Outage => "a product outage",
            LoopInReason::DataProblem => "a data problem",
        }
    }

    fn subject_words(self) -> &'static str {
        match self {
            LoopInReason::Outage => "outage",
            LoopInReason::DataProblem => "data problem",
        }
    }
}

/// The seed: loop in support or engineering immediately for outages and data problems.
pub fn loop_in_needed(outage: bool, data_problem: bool) -> Option<LoopInReason> {
    if outage {
        Some(LoopInReason::Outage)
    } else if data_problem {
        Some(LoopInReason::DataProblem)
    } else {
        None
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoopInInput {
    pub customer_name: String,
    pub sender_name: String,
    pub reason: Option<LoopInReason>,
    /// The customer's stated problem.
    pub stated_problem: Option<String>,
    /// The actual technical or business impact.
    pub impact: Option<String>,
    /// When it started, as the CSM knows it (free text: "this morning, ~9:00 CET").
    pub started: Option<String>,
    /// ARR and renewal, already formatted ("$240,000 ARR, renews Mar 1").
    pub arr_and_renewal: Option<String>,
    pub dri_name: String,
    /// The time promised to the customer for the next update.
    pub next_customer_update_at: Option<DateTime<FixedOffset>>,
    pub zone_label: String,
    pub now: DateTime<FixedOffset>,
    /// How times and dates are written (the CSM's locale); US style when absent.
    #[serde(default)]
    pub time_style: TimeStyle,
}

crate::read_struct!(LoopInInput {
    customer_name: "customerName",
    sender_name: "senderName",
    reason: "reason",
    stated_problem: "statedProblem",
    impact: "impact",
    started: "started",
    arr_and_renewal: "arrAndRenewal",
    dri_name: "driName",
    next_customer_update_at: "nextCustomerUpdateAt",
    zone_label: "zoneLabel",
    now: "now",
    time_style: "timeStyle" default,
});

/// Builds the loop-in. Not ready without reason, problem, DRI and sender.
pub fn engineering_loop_in(input: &LoopInInput) -> Message {
    let mut c = Composer::new(MessageKind::EngineeringLoopIn);
    let customer_subject =
        c.required_text("customer-name", "customer name", Some(&input.customer_name));
    let customer = Piece::Val(customer_subject.clone());
    let (reason, subject_reason) = match input.reason {
        Some(r) => (lit(r.words()), r.subject_words()),
        None => (c.gap("reason", "outage or data problem"), "escalation"),
    };
    c.para(vec![
        lit("Customer escalation: "),
        customer,
        lit(" is reporting "),
        reason,
        lit(". I need someone from engineering or support on this now."),
    ]);

    let problem = c.required(
        "stated-problem",
        "customer's stated problem",
        input.stated_problem.as_deref(),
    );
    c.field("What the customer says", vec![problem]);
    if let Some(impact) = present(input.impact.as_deref()) {
        c.field("Impact", vec![Piece::Val(impact.to_string())]);
    }
    if let Some(started) = present(input.started.as_deref()) {
        c.field("Started", vec![Piece::Val(started.to_string())]);
    }
    if let Some(arr) = present(input.arr_and_renewal.as_deref()) {
        c.field("ARR / renewal", vec![Piece::Val(arr.to_string())]);
    }
    let dri = c.required("dri-name", "DRI's name", Some(&input.dri_name));
    c.field("DRI", vec![dri]);
    if let Some(at) = &input.next_customer_update_at {
        c.field(
            "Next customer update",
            vec![Piece::Val(input.time_style.moment(
                at,
                &input.zone_label,
                &input.now,
            ))],
        );
    }
    c.para(vec![lit(
        "Please reply with the name of the person picking this up, so I can tell the customer exactly who is working on it.",
    )]);
    let sender = c.required("sender-name", "your name", Some(&input.sender_name));
    c.para(vec![sender]);

    c.finish(format!(
        "Escalation: {customer_subject} {subject_reason} - engineering needed now"
    ))
}
