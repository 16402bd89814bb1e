//! The event vocabulary: the envelope every record carries and the bodies the
//! playbook needs. Events are facts that happened; they are never edited, only
//! followed by later events (a correction, a reopen).

use crate::account::Money;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::triage::{DesiredOutcome, RootCause, TriageKey};

/// One entry of an escalation's append-only log. `id` is made by the caller
/// (unique per event); `at` is when it was recorded. The fold orders events
/// by `(at, id)`, so the order in which devices deliver them does not matter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: String,
    /// The escalation this event belongs to, so one store holds many.
    pub escalation: String,
    pub at: DateTime<Utc>,
    pub body: EventBody,
}

crate::read_struct!(Event {
    id: "id",
    escalation: "escalation",
    at: "at",
    body: "body",
});

impl Event {
    /// Every instant the event carries (its own time and any time in its
    /// body), so a reader can refuse one JavaScript could not handle.
    pub fn instants(&self) -> Vec<DateTime<Utc>> {
        let mut out = vec![self.at];
        match &self.body {
            EventBody::Opened(o) => out.push(o.reached_csm_at),
            EventBody::AckSent {
                promised_update_at, ..
            } => out.push(*promised_update_at),
            EventBody::UpdateSent(u) => out.extend(u.promised_update_at),
            EventBody::FactCorrected(c) => out.extend(c.reached_csm_at),
            _ => {}
        }
        out
    }
}

/// What happened. Tagged `type` with the kebab-case names the JS API uses.
///
/// Waiving a restoration step is its own event (`restoration-step-waived`)
/// rather than a flag on `restoration-step-done`, so the timeline can say
/// plainly which steps were skipped and why.
///
/// Read by hand (`event_wire.rs`) through an externally tagged mirror: the
/// derived internally tagged reader costs serde's `Content` machinery.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum EventBody {
    Opened(Opened),
    AckSent {
        text: String,
        /// The "status update to you by [specific time]" promised in the ack.
        promised_update_at: DateTime<Utc>,
    },
    EngineeringLoopedIn {
        #[serde(default)]
        detail: String,
    },
    TriageAnswer(TriageAnswer),
    TriageCompleted {},
    DriAssigned {
        name: String,
        role: DriRole,
    },
    UpdateSent(StatusUpdate),
    Resolved {
        root_cause: RootCause,
        #[serde(default)]
        bug_link: Option<String>,
    },
    CloseoutSent {
        #[serde(default)]
        text: String,
    },
    RestorationStepDone {
        step: RestorationStep,
        #[serde(default)]
        note: String,
    },
    RestorationStepWaived {
        step: RestorationStep,
        reason: String,
    },
    FactCorrected(FactCorrection),
    Note {
        text: String,
    },
    Reopened {
        #[serde(default)]
        reason: String,
    },
    /// The CSM declares the escalation over; honoured only once the close-out
    /// is sent and every restoration step is done or waived.
    Closed {},
}

/// The facts known when the escalation starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Opened {
    pub account: String,
    #[serde(default)]
    pub arr: Option<Money>,
    #[serde(default)]
    pub renewal: Option<NaiveDate>,
    /// Where the account lives in the CRM, so a reminder can reopen it.
    #[serde(default)]
    pub crm_url: Option<String>,
    /// When the escalation reached the CSM: the acknowledgment clock starts here.
    pub reached_csm_at: DateTime<Utc>,
    /// IANA zone name such as `Europe/Berlin`.
    pub customer_zone: String,
    pub csm_zone: String,
    /// The sender of every message.
    pub csm_name: String,
}

crate::read_struct!(Opened {
    account: "account",
    arr: "arr" default,
    renewal: "renewal" default,
    crm_url: "crmUrl" default,
    reached_csm_at: "reachedCsmAt",
    customer_zone: "customerZone",
    csm_zone: "csmZone",
    csm_name: "csmName",
});

/// One answer in the internal triage. `causeKind` and `desiredOutcome` carry
/// the structured choice for the two questions the playbook acts on; the flags
/// may be set from any answer and the latest value wins.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TriageAnswer {
    pub question: TriageKey,
    pub answer: String,
    #[serde(default)]
    pub cause_kind: Option<RootCause>,
    #[serde(default)]
    pub desired_outcome: Option<DesiredOutcome>,
    #[serde(default)]
    pub executive_level: Option<bool>,
    #[serde(default)]
    pub outage_or_data_problem: Option<bool>,
}

crate::read_struct!(TriageAnswer {
    question: "question",
    answer: "answer",
    cause_kind: "causeKind" default,
    desired_outcome: "desiredOutcome" default,
    executive_level: "executiveLevel" default,
    outage_or_data_problem: "outageOrDataProblem" default,
});

/// The five fields of the daily status update format.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusUpdate {
    pub status: UpdateStatus,
    pub what_happened_today: String,
    pub what_happens_next: String,
    pub eta: String,
    #[serde(default)]
    pub questions: String,
    /// The "next update from me by …" time promised in this update. The next
    /// update is due then, or 24 h after this one if that is earlier. Logs
    /// written before this field existed read as `None` (24 h).
    #[serde(default)]
    pub promised_update_at: Option<DateTime<Utc>>,
}

crate::read_struct!(StatusUpdate {
    status: "status",
    what_happened_today: "whatHappenedToday",
    what_happens_next: "whatHappensNext",
    eta: "eta",
    questions: "questions" default,
    promised_update_at: "promisedUpdateAt" default,
});

crate::unit_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum UpdateStatus {
        InProgress = "in-progress",
        Resolved = "resolved",
        PendingCustomer = "pending-customer",
    }
}

/// A later, better value for a fact given at opening. Only the fields present
/// change; the original stays in the log.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactCorrection {
    #[serde(default)]
    pub arr: Option<Money>,
    #[serde(default)]
    pub renewal: Option<NaiveDate>,
    #[serde(default)]
    pub reached_csm_at: Option<DateTime<Utc>>,
}

crate::read_struct!(FactCorrection {
    arr: "arr" default,
    renewal: "renewal" default,
    reached_csm_at: "reachedCsmAt" default,
});

crate::unit_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DriRole {
        Csm = "csm",
        CsManager = "cs-manager",
        Other = "other",
    }
}

crate::unit_enum! {
    /// The three steps that turn a resolved escalation into a restored relationship.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum RestorationStep {
        ExecutiveRelationshipCall = "executive-relationship-call",
        HealthScoreReassessment = "health-score-reassessment",
        PreventionFollowUp = "prevention-follow-up",
    }
}

impl RestorationStep {
    pub const ALL: [RestorationStep; 3] = [
        RestorationStep::ExecutiveRelationshipCall,
        RestorationStep::HealthScoreReassessment,
        RestorationStep::PreventionFollowUp,
    ];

    /// What the CSM does, as an imperative phrase for lists of missing work.
    pub fn todo(self) -> &'static str {
        match self {
            RestorationStep::ExecutiveRelationshipCall => "hold the executive relationship call",
            RestorationStep::HealthScoreReassessment => "reassess the health score",
            RestorationStep::PreventionFollowUp => {
                "follow up that the prevention commitments landed"
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RestorationStep::ExecutiveRelationshipCall => "Executive relationship call",
            RestorationStep::HealthScoreReassessment => "Health score reassessment",
            RestorationStep::PreventionFollowUp => "Prevention follow-up",
        }
    }
}
