//! The draft coach (the playbook's anti-patterns, with highlight offsets) and
//! the escalation-signal scorer for page conversation text.
//!
//! The coach reads a draft and its context and returns findings the panel can
//! underline. Its knowledge is data ([`tables`]); the checks in `rules` are
//! small and deterministic, and never read the clock.

pub mod eval;
mod rules;
mod signal_cues;
mod signal_de;
mod signal_en;
pub mod signal_eval;
mod signal_fr;
mod signal_tables;
pub mod signal_thread;
pub mod signals;
pub mod tables;
pub mod text;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::messages::MessageKind;

pub use signal_thread::{escalation_in, snapshot_escalation, ConversationEscalation};
pub use signals::{score_escalation, score_message, Signal, SignalMatch, SignalScore, Voice};

/// The anti-patterns the coach knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    ExplainingBeforeAcknowledging,
    OwnershipByCommittee,
    SilenceBetweenUpdates,
    FixAsFullResolution,
    OverPromising,
    BlamingBeforeTriage,
    AckWithoutSpecificTime,
    VagueOwner,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::ExplainingBeforeAcknowledging,
        Rule::OwnershipByCommittee,
        Rule::SilenceBetweenUpdates,
        Rule::FixAsFullResolution,
        Rule::OverPromising,
        Rule::BlamingBeforeTriage,
        Rule::AckWithoutSpecificTime,
        Rule::VagueOwner,
    ];

    /// The kebab-case id used by the JS API and the corpus.
    pub fn id(self) -> &'static str {
        match self {
            Rule::ExplainingBeforeAcknowledging => "explaining-before-acknowledging",
            Rule::OwnershipByCommittee => "ownership-by-committee",
            Rule::SilenceBetweenUpdates => "silence-between-updates",
            Rule::FixAsFullResolution => "fix-as-full-resolution",
            Rule::OverPromising => "over-promising",
            Rule::BlamingBeforeTriage => "blaming-before-triage",
            Rule::AckWithoutSpecificTime => "ack-without-specific-time",
            Rule::VagueOwner => "vague-owner",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth a second look.
    Warning,
    /// Likely to re-escalate: fix before sending.
    Problem,
}

/// One thing the coach found in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub suggestion: String,
    /// Highlight range in UTF-16 code units of the draft. `start == end == 0`
    /// means the finding is about the situation (the log), not a phrase.
    pub start: u32,
    pub end: u32,
}

/// Where the escalation is, as far as the coach needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CoachStage {
    Acknowledge,
    Triage,
    Cadence,
    Resolved,
    Restoration,
    #[default]
    Unknown,
}

/// What the coach knows about the draft's situation (mapped from the log).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CoachContext {
    /// The message being drafted; `None` when unknown (free text).
    pub kind: Option<MessageKind>,
    pub stage: CoachStage,
    /// Triage has answered "product bug, configuration issue, or process failure?".
    pub triage_cause_known: bool,
    pub now: DateTime<Utc>,
    /// When the customer last heard from us.
    pub last_customer_message_at: Option<DateTime<Utc>>,
    /// The next update we promised, if any.
    pub promised_update_at: Option<DateTime<Utc>>,
    pub closeout_sent: bool,
    pub exec_call_done: bool,
    pub health_reassessed: bool,
    /// The fix date comes from the people who control it.
    pub eta_confirmed: bool,
}

/// Checks a draft against every rule. Findings come in text order, situation
/// findings (offset 0) first.
pub fn coach_draft(draft: &str, context: &CoachContext) -> Vec<Finding> {
    let doc = text::Doc::new(draft);
    let mut findings = rules::check_all(&doc, context);
    findings.sort_by_key(|f| (f.start, f.end, f.rule));
    findings
}
