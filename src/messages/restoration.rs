//! The three relationship-restoration messages after close-out: the executive
//! relationship call invitation, the health-score reassessment note (internal),
//! and the follow-up on prevention. A resolved escalation is not yet a
//! restored relationship.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::compose::{lit, present, sentence, Block, Composer, Piece};
use super::time_text::{wall, TimeStyle};
use super::{Message, MessageKind};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecCallInput {
    pub customer_name: String,
    pub sender_name: String,
    /// The customer's executive sponsor, addressed directly.
    pub customer_exec_name: Option<String>,
    /// Our executive joining the call.
    pub our_exec_name: Option<String>,
    pub our_exec_title: Option<String>,
    /// Slots to offer, already in the customer's zone.
    pub proposed_times: Vec<DateTime<FixedOffset>>,
    pub customer_zone_label: String,
    pub now: DateTime<FixedOffset>,
    /// How times and dates are written (the CSM's locale); US style when absent.
    #[serde(default)]
    pub time_style: TimeStyle,
}

crate::read_struct!(ExecCallInput {
    customer_name: "customerName",
    sender_name: "senderName",
    customer_exec_name: "customerExecName",
    our_exec_name: "ourExecName",
    our_exec_title: "ourExecTitle",
    proposed_times: "proposedTimes",
    customer_zone_label: "customerZoneLabel",
    now: "now",
    time_style: "timeStyle" default,
});

/// Builds the executive call invitation. Not ready without both executives and a slot.
pub fn restoration_exec_call(input: &ExecCallInput) -> Message {
    let mut c = Composer::new(MessageKind::RestorationExecCall);
    let customer = c.required_text("customer-name", "customer name", Some(&input.customer_name));
    let their_exec = c.required(
        "customer-exec-name",
        "customer's executive sponsor",
        input.customer_exec_name.as_deref(),
    );
    c.para(vec![lit("Hi "), their_exec, lit(",")]);

    let our_exec_subject = present(input.our_exec_name.as_deref()).map(str::to_string);
    let our_exec = c.required(
        "our-exec-name",
        "our executive's name",
        input.our_exec_name.as_deref(),
    );
    let mut invite = vec![
        lit("Now that the issue is resolved and you have our close-out document, I would like to set up a 30-minute call between you and "),
        our_exec,
    ];
    if let Some(title) = present(input.our_exec_title.as_deref()) {
        invite.push(lit(", our "));
        invite.push(Piece::Val(title.to_string()));
    }
    invite.push(lit(
        ". This is not a status call: the goal is to hear directly from you how this affected ",
    ));
    invite.push(Piece::Val(customer.clone()));
    invite.push(lit(", what you need from us going forward, and what would rebuild your confidence in working with us."));
    c.para(invite);

    let slots: Vec<Vec<Piece>> = input
        .proposed_times
        .iter()
        .map(|at| {
            vec![Piece::Val(input.time_style.moment(
                at,
                &input.customer_zone_label,
                &input.now,
            ))]
        })
        .collect();
    let slots = if slots.is_empty() {
        vec![vec![
            c.gap("proposed-times", "times to propose for the call")
        ]]
    } else {
        slots
    };
    c.push(Block::List("Would one of these times work for you", slots));
    c.para(vec![lit(
        "If none of them suits you, tell me what does and I will make it work.",
    )]);
    let sender = c.required("sender-name", "your name", Some(&input.sender_name));
    c.para(vec![sender]);

    let with = our_exec_subject.unwrap_or_else(|| "(our executive's name)".to_string());
    c.finish(format!("{customer} - a conversation with {with}"))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthScoreInput {
    pub customer_name: String,
    pub sender_name: String,
    pub previous_score: Option<String>,
    pub new_score: Option<String>,
    /// Why the score moved (or did not).
    pub rationale: Option<String>,
    /// Renewal or relationship risks still open; optional.
    pub open_risks: Option<String>,
    pub next_review_on: Option<NaiveDate>,
    pub now: DateTime<FixedOffset>,
    /// How times and dates are written (the CSM's locale); US style when absent.
    #[serde(default)]
    pub time_style: TimeStyle,
}

crate::read_struct!(HealthScoreInput {
    customer_name: "customerName",
    sender_name: "senderName",
    previous_score: "previousScore",
    new_score: "newScore",
    rationale: "rationale",
    open_risks: "openRisks",
    next_review_on: "nextReviewOn",
    now: "now",
    time_style: "timeStyle" default,
});

/// Builds the internal health-score reassessment note.
pub fn restoration_health_score(input: &HealthScoreInput) -> Message {
    let mut c = Composer::new(MessageKind::RestorationHealthScore);
    let customer = c.required_text("customer-name", "customer name", Some(&input.customer_name));
    c.para(vec![
        lit("Health score reassessed for "),
        Piece::Val(customer.clone()),
        lit(" after the escalation's close-out, as part of restoring the relationship."),
    ]);
    let previous = c.required(
        "previous-score",
        "health score before the escalation",
        input.previous_score.as_deref(),
    );
    c.field("Previous health score", vec![previous]);
    let new = c.required(
        "new-score",
        "reassessed health score",
        input.new_score.as_deref(),
    );
    c.field("Reassessed health score", vec![new]);
    let why = match present(input.rationale.as_deref()) {
        Some(text) => Piece::Val(sentence(text)),
        None => c.gap("rationale", "why the score changed"),
    };
    c.field("Why", vec![why]);
    let risks = match present(input.open_risks.as_deref()) {
        Some(text) => Piece::Val(sentence(text)),
        None => lit("None noted"),
    };
    c.field("Open risks", vec![risks]);
    let review = match input.next_review_on {
        Some(day) => Piece::Val(input.time_style.date(day)),
        None => c.gap("next-review-on", "date of the next review"),
    };
    c.field("Next review", vec![review]);
    let sender = c.required("sender-name", "your name", Some(&input.sender_name));
    c.para(vec![sender]);
    c.finish(format!(
        "{customer} - health score reassessment {}",
        input.time_style.date(wall(&input.now).date())
    ))
}

/// One change promised in the close-out and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreventionItem {
    pub change: String,
    /// "Shipped on Dec 3", "In review, due Dec 10".
    pub status: Option<String>,
}

crate::read_struct!(PreventionItem {
    change: "change",
    status: "status",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreventionFollowUpInput {
    pub customer_name: String,
    pub sender_name: String,
    pub closeout_sent_on: Option<NaiveDate>,
    pub items: Vec<PreventionItem>,
    pub now: DateTime<FixedOffset>,
    /// How times and dates are written (the CSM's locale); US style when absent.
    #[serde(default)]
    pub time_style: TimeStyle,
}

crate::read_struct!(PreventionFollowUpInput {
    customer_name: "customerName",
    sender_name: "senderName",
    closeout_sent_on: "closeoutSentOn",
    items: "items",
    now: "now",
    time_style: "timeStyle" default,
});

/// Builds the prevention follow-up. Not ready without the close-out date and a
/// status for every promised change.
pub fn restoration_prevention_follow_up(input: &PreventionFollowUpInput) -> Message {
    let mut c = Composer::new(MessageKind::RestorationPreventionFollowUp);
    let customer = c.required_text("customer-name", "customer name", Some(&input.customer_name));
    let sent_on = match input.closeout_sent_on {
        Some(day) => Piece::Val(input.time_style.date(day)),
        None => c.gap("closeout-sent-on", "date the close-out was sent"),
    };
    c.para(vec![
        Piece::Val(customer.clone()),
        lit(" team - in our close-out on "),
        sent_on,
        lit(" I committed to specific changes so this does not happen again. Here is where each one stands."),
    ]);
    let mut items = Vec::new();
    for item in &input.items {
        let Some(change) = present(Some(&item.change)) else {
            continue;
        };
        let status = c.required(
            "prevention-status",
            "status of each change",
            item.status.as_deref(),
        );
        items.push(vec![Piece::Val(change.to_string()), lit(" - "), status]);
    }
    if items.is_empty() {
        items.push(vec![
            c.gap("prevention-items", "the changes promised in the close-out")
        ]);
    }
    c.push(Block::List("Changes we committed to", items));
    c.para(vec![lit(
        "If you see anything that looks like a repeat, tell me directly and I will treat it as a priority.",
    )]);
    let sender = c.required("sender-name", "your name", Some(&input.sender_name));
    c.para(vec![sender]);
    c.finish(format!("{customer} - follow-up on the changes we promised"))
}
