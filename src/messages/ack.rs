//! The acknowledgment: the first message, due within 2 hours, following the
//! seed's template (impact recognized, personal ownership, the right people,
//! a status update by a specific time today in the customer's zone).

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::compose::{lit, present, sentence, Composer, Piece};
use super::time_text::{day_relation, DayRelation, TimeStyle};
use super::{DesiredOutcome, Message, MessageKind, MessageWarning};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AckInput {
    pub customer_name: String,
    pub sender_name: String,
    /// What the customer could not do, in their words if possible.
    pub impact_summary: Option<String>,
    /// When the first status update will be sent, already in the customer's zone.
    pub promised_update_at: Option<DateTime<FixedOffset>>,
    /// Label shown after the time, e.g. "CET".
    pub customer_zone_label: String,
    pub desired_outcome: Option<DesiredOutcome>,
    pub now: DateTime<FixedOffset>,
    /// How times and dates are written (the CSM's locale); US style when absent.
    #[serde(default)]
    pub time_style: TimeStyle,
}

crate::read_struct!(AckInput {
    customer_name: "customerName",
    sender_name: "senderName",
    impact_summary: "impactSummary",
    promised_update_at: "promisedUpdateAt",
    customer_zone_label: "customerZoneLabel",
    desired_outcome: "desiredOutcome",
    now: "now",
    time_style: "timeStyle" default,
});

/// The sentence that leads with what this customer wants most.
pub(crate) fn outcome_emphasis(outcome: Option<DesiredOutcome>) -> Option<&'static str> {
    match outcome? {
        DesiredOutcome::Acknowledgment => Some(
            " You should not have had to deal with this, and I want you to know it has been heard.",
        ),
        DesiredOutcome::Fix => Some(" My first priority is getting this working again for you."),
        DesiredOutcome::Accountability => Some(
            " You will get a straight, complete account from me of what went wrong and what we will change.",
        ),
    }
}

/// Builds the acknowledgment. Not ready without customer, sender and update time.
pub fn acknowledgment(input: &AckInput) -> Message {
    let mut c = Composer::new(MessageKind::Acknowledgment);
    let customer = c.required("customer-name", "customer name", Some(&input.customer_name));
    let customer_subject =
        c.required_text("customer-name", "customer name", Some(&input.customer_name));

    let promised = match &input.promised_update_at {
        Some(at) => {
            if day_relation(at, &input.now) != DayRelation::Today {
                c.warn(MessageWarning::UpdateNotToday);
            }
            if *at < input.now {
                c.warn(MessageWarning::UpdateTimeInPast);
            }
            Piece::Val(
                input
                    .time_style
                    .moment(at, &input.customer_zone_label, &input.now),
            )
        }
        None => c.gap("promised-update-at", "time of next update"),
    };
    let subject_time = match &input.promised_update_at {
        Some(at) => input
            .time_style
            .moment(at, &input.customer_zone_label, &input.now),
        None => "(time of next update)".to_string(),
    };

    let mut opening = vec![customer, lit(" team - I hear you.")];
    if let Some(impact) = present(input.impact_summary.as_deref()) {
        opening.push(lit(" I understand the impact: "));
        opening.push(Piece::Val(sentence(impact)));
    }
    opening.push(lit(
        " What you've described is not acceptable and I take personal ownership of getting this resolved.",
    ));
    if let Some(emphasis) = outcome_emphasis(input.desired_outcome) {
        opening.push(lit(emphasis));
    }
    opening.push(lit(
        " I'm pulling together the right people right now and will have a status update to you by ",
    ));
    opening.push(promised);
    opening.push(lit("."));
    c.para(opening);

    let sender = c.required("sender-name", "your name", Some(&input.sender_name));
    c.para(vec![sender]);

    c.finish(format!(
        "{customer_subject} - I'm on it: status update by {subject_time}"
    ))
}
