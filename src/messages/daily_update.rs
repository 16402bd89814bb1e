//! The daily status update in the seed's format, including the honest
//! "no new resolution yet" day: silence is what re-escalates.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::compose::{lit, present, sentence, Composer, Piece};
use super::time_text::{wall, TimeStyle};
use super::{DesiredOutcome, Message, MessageKind};

/// The status line's value: the engine's record of the update, one type.
pub use crate::engine::UpdateStatus;

impl UpdateStatus {
    fn label(self) -> &'static str {
        match self {
            UpdateStatus::InProgress => "In progress",
            UpdateStatus::Resolved => "Resolved",
            UpdateStatus::PendingCustomer => "Pending information from your side",
        }
    }
}

/// The ETA line: a date, or an honest "not yet" with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Eta {
    Date { date: NaiveDate },
    NotYet { reason: Option<String> },
}

/// `Eta` read by hand (tag `kind`, then the variant's fields): serde's
/// derived internally tagged reader costs its `Content` machinery.
impl crate::json::FromValue for Eta {
    fn from_value(value: serde_json::Value) -> Result<Self, serde_json::Error> {
        let (kind, rest) = crate::json::tagged(value, "kind")?;
        let map = crate::json::object(rest, "struct variant")?;
        Ok(match kind.as_str() {
            "date" => crate::read_struct!(@fields map, Eta::Date { date: "date" }),
            "not-yet" => crate::read_struct!(@fields map, Eta::NotYet { reason: "reason" }),
            _ => {
                return Err(<serde_json::Error as serde::de::Error>::unknown_variant(
                    &kind,
                    &["date", "not-yet"],
                ))
            }
        })
    }
}

crate::thin_deserialize!(Eta);

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyUpdateInput {
    pub customer_name: String,
    pub sender_name: String,
    pub status: Option<UpdateStatus>,
    /// One or two sentences on actions taken today.
    pub happened_today: Option<String>,
    pub next_step: Option<String>,
    pub next_step_owner: Option<String>,
    pub next_step_due: Option<NaiveDate>,
    pub eta: Option<Eta>,
    /// Anything we need from the customer; empty means "None today".
    pub questions: Vec<String>,
    /// When the customer will hear from the sender next.
    pub next_update_at: Option<DateTime<FixedOffset>>,
    pub customer_zone_label: String,
    pub desired_outcome: Option<DesiredOutcome>,
    /// Already in the customer's zone: its date is the update's date.
    pub now: DateTime<FixedOffset>,
    /// How times and dates are written (the CSM's locale); US style when absent.
    #[serde(default)]
    pub time_style: TimeStyle,
}

crate::read_struct!(DailyUpdateInput {
    customer_name: "customerName",
    sender_name: "senderName",
    status: "status",
    happened_today: "happenedToday",
    next_step: "nextStep",
    next_step_owner: "nextStepOwner",
    next_step_due: "nextStepDue",
    eta: "eta",
    questions: "questions",
    next_update_at: "nextUpdateAt",
    customer_zone_label: "customerZoneLabel",
    desired_outcome: "desiredOutcome",
    now: "now",
    time_style: "timeStyle" default,
});

/// The seed's wording for a day without a resolution.
pub const NO_NEWS_SENTENCE: &str =
    "No new resolution yet. Here is what is happening and when you'll hear from me next.";

fn outcome_opening(outcome: Option<DesiredOutcome>) -> Option<&'static str> {
    match outcome? {
        DesiredOutcome::Acknowledgment => {
            Some("I know this is still affecting your team, and I have not lost sight of that.")
        }
        DesiredOutcome::Fix => Some("Here is exactly where the fix stands today."),
        DesiredOutcome::Accountability => {
            Some("Here is a plain account of where things stand, including what is on us.")
        }
    }
}

/// Builds the daily update. Not ready without status, today's actions, next
/// step with owner and date, ETA (or the reason there is none) and next update time.
pub fn daily_update(input: &DailyUpdateInput) -> Message {
    let mut c = Composer::new(MessageKind::DailyUpdate);
    let customer = c.required_text("customer-name", "customer name", Some(&input.customer_name));
    let today = wall(&input.now).date();

    if let Some(opening) = outcome_opening(input.desired_outcome) {
        c.para(vec![lit(opening)]);
    }

    let status = match input.status {
        Some(s) => lit(s.label()),
        None => c.gap("status", "status"),
    };
    c.field("Status", vec![status]);

    let happened = match present(input.happened_today.as_deref()) {
        Some(text) => Piece::Val(sentence(text)),
        None => c.gap("happened-today", "what happened today"),
    };
    c.field("What happened today", vec![happened]);

    let step = match present(input.next_step.as_deref()) {
        Some(text) => Piece::Val(text.trim_end_matches('.').to_string()),
        None => c.gap("next-step", "next step"),
    };
    let owner = c.required(
        "next-step-owner",
        "owner of the next step",
        input.next_step_owner.as_deref(),
    );
    let due = match input.next_step_due {
        Some(day) if day == today => {
            Piece::Val(format!("today, {}", input.time_style.weekday_date(day)))
        }
        Some(day) => Piece::Val(input.time_style.weekday_date(day)),
        None => c.gap("next-step-due", "date of the next step"),
    };
    c.field(
        "What is happening next",
        vec![step, lit(" (owner: "), owner, lit(", by "), due, lit(")")],
    );

    let eta = match &input.eta {
        Some(Eta::Date { date: day }) => vec![Piece::Val(input.time_style.date(*day))],
        Some(Eta::NotYet { reason }) => {
            let why = match present(reason.as_deref()) {
                Some(text) => Piece::Val(sentence(text)),
                None => c.gap("eta-reason", "why there is no ETA yet"),
            };
            vec![lit("We don't have one yet - here's why: "), why]
        }
        None => vec![c.gap("eta", "ETA or why there is none yet")],
    };
    c.field("ETA for resolution", eta);

    let questions: Vec<&str> = input
        .questions
        .iter()
        .map(|q| q.trim())
        .filter(|q| !q.is_empty())
        .collect();
    let questions = if questions.is_empty() {
        lit("None today")
    } else {
        Piece::Val(questions.join(" "))
    };
    c.field("Questions for you", vec![questions]);

    let next_update = match &input.next_update_at {
        Some(at) => Piece::Val(
            input
                .time_style
                .moment(at, &input.customer_zone_label, &input.now),
        ),
        None => c.gap("next-update-at", "time of your next update"),
    };
    c.field("Next update from me", vec![lit("by "), next_update]);

    if input.status == Some(UpdateStatus::Resolved) {
        c.para(vec![lit(
            "Resolved is not the end of this for me: within 48 hours you will get a written close-out document covering the root cause, what we did, and what we are changing to prevent a repeat.",
        )]);
    }
    let sender = c.required("sender-name", "your name", Some(&input.sender_name));
    c.para(vec![sender]);

    c.finish(format!(
        "{customer} - Escalation Update {}",
        input.time_style.date(today)
    ))
}

/// The no-news day: the seed's "No new resolution yet" sentence leads
/// "What happened today" (anything the CSM wrote follows it), status defaults
/// to in progress, and the next update time is required as always.
pub fn no_news_update(input: &DailyUpdateInput) -> Message {
    let mut filled = input.clone();
    filled.happened_today = Some(match present(input.happened_today.as_deref()) {
        Some(extra) => format!(
            "No new resolution yet. {} Here is what is happening and when you'll hear from me next.",
            sentence(extra)
        ),
        None => NO_NEWS_SENTENCE.to_string(),
    });
    if filled.status.is_none() {
        filled.status = Some(UpdateStatus::InProgress);
    }
    daily_update(&filled)
}
