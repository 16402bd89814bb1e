//! Every message of the playbook (acknowledgment, loop-in, DRI announcement,
//! daily update, close-out, restoration), filled from the escalation.
//!
//! Each builder takes one plain input struct (the glue maps the engine's state
//! onto it) and returns a [`Message`]. A message with a required value missing
//! is still rendered, so the CSM can see its shape, but `ready` is false and
//! `missing` says what to fill in; the gap shows as a neutral marker such as
//! "(time of next update)", never as a seed-style bracket placeholder.

mod ack;
mod closeout;
mod compose;
mod daily_update;
mod dri;
mod generate;
pub mod html;
mod loop_in;
mod restoration;
mod time_style_table;
pub mod time_text;

pub use ack::{acknowledgment, AckInput};
pub use closeout::{closeout, validate_link, CloseoutInput, LinkError, RootCause};
pub use daily_update::{
    daily_update, no_news_update, DailyUpdateInput, Eta, UpdateStatus, NO_NEWS_SENTENCE,
};
pub use dri::{dri_announcement, DriInput};
pub use generate::{generate_from_json, MessageError};
pub use loop_in::{engineering_loop_in, loop_in_needed, LoopInInput, LoopInReason};
pub use restoration::{
    restoration_exec_call, restoration_health_score, restoration_prevention_follow_up,
    ExecCallInput, HealthScoreInput, PreventionFollowUpInput, PreventionItem,
};
pub use time_text::{DateOrder, TimeStyle};

use serde::Serialize;

crate::unit_enum! {
    /// Which message of the playbook this is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum MessageKind {
        Acknowledgment = "acknowledgment",
        EngineeringLoopIn = "engineering-loop-in",
        DriAnnouncement = "dri-announcement",
        DailyUpdate = "daily-update",
        Closeout = "closeout",
        RestorationExecCall = "restoration-exec-call",
        RestorationHealthScore = "restoration-health-score",
        RestorationPreventionFollowUp = "restoration-prevention-follow-up",
    }
}

impl MessageKind {
    /// Every kind, in playbook order.
    pub const ALL: [MessageKind; 8] = [
        MessageKind::Acknowledgment,
        MessageKind::EngineeringLoopIn,
        MessageKind::DriAnnouncement,
        MessageKind::DailyUpdate,
        MessageKind::Closeout,
        MessageKind::RestorationExecCall,
        MessageKind::RestorationHealthScore,
        MessageKind::RestorationPreventionFollowUp,
    ];

    /// The kebab-case id used by the JS API (its wire name).
    pub fn id(self) -> &'static str {
        crate::json::WireName::wire_name(&self)
    }
}

/// What the customer wants most (the triage's last question) decides which
/// sentence the acknowledgment and updates lead with. One type with the engine.
pub use crate::engine::DesiredOutcome;

/// A required value the message could not be completed without.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingField {
    /// Kebab-case id of the input field, e.g. `promised-update-at`.
    pub id: String,
    /// What to fill in, in words the CSM reads, e.g. "time of next update".
    pub label: String,
    /// Why a value that was given could not be used (shown to the CSM).
    pub problem: Option<String>,
}

crate::read_struct!(MissingField {
    id: "id",
    label: "label",
    problem: "problem",
});

crate::unit_enum! {
    /// Something about a ready message the CSM should look at before sending.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum MessageWarning {
        /// The promised update time is not today in the customer's zone.
        UpdateNotToday = "update-not-today",
        /// The promised update time is already in the past.
        UpdateTimeInPast = "update-time-in-past",
    }
}

/// A generated message: subject, plain text, and HTML for rich composers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub kind: MessageKind,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// True only when no required value is missing.
    pub ready: bool,
    pub missing: Vec<MissingField>,
    pub warnings: Vec<MessageWarning>,
}

crate::read_struct!(Message {
    kind: "kind",
    subject: "subject",
    text: "text",
    html: "html",
    ready: "ready",
    missing: "missing",
    warnings: "warnings",
});
