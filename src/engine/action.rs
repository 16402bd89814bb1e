//! The one next thing the CSM should do, chosen from the state and the open
//! deadlines.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::config::Config;
use super::deadline::{deadlines, Deadline, DeadlineKind, DeadlineStatus};
use super::event::RestorationStep;
use super::state::{needs_engineering_loop_in, Escalation, Stage};
use super::tz::TimeZoneRules;

crate::unit_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ActionKind {
        OpenEscalation = "open-escalation",
        SendAcknowledgment = "send-acknowledgment",
        LoopInEngineering = "loop-in-engineering",
        CompleteTriage = "complete-triage",
        AssignDri = "assign-dri",
        SendFirstUpdate = "send-first-update",
        SendDailyUpdate = "send-daily-update",
        SendCloseout = "send-closeout",
        RestorationStep = "restoration-step",
        Close = "close",
        Nothing = "nothing",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextAction {
    pub kind: ActionKind,
    pub step: Option<RestorationStep>,
    /// The deadline this action answers, if it has one.
    pub due: Option<DateTime<Utc>>,
    pub status: Option<DeadlineStatus>,
    pub label: String,
}

crate::read_struct!(NextAction {
    kind: "kind",
    step: "step",
    due: "due",
    status: "status",
    label: "label",
});

fn label(kind: ActionKind, step: Option<RestorationStep>) -> String {
    let text = match (kind, step) {
        (ActionKind::OpenEscalation, _) => "Open the escalation",
        (ActionKind::SendAcknowledgment, _) => "Send the acknowledgment",
        (ActionKind::LoopInEngineering, _) => {
            "Loop in support or engineering now: triage found an outage or data problem"
        }
        (ActionKind::CompleteTriage, _) => "Complete the internal triage",
        (ActionKind::AssignDri, _) => "Assign one named DRI",
        (ActionKind::SendFirstUpdate, _) => "Send the first status update you promised",
        (ActionKind::SendDailyUpdate, _) => "Send today's status update, even with no news",
        (ActionKind::SendCloseout, _) => "Send the close-out document",
        (ActionKind::RestorationStep, Some(RestorationStep::ExecutiveRelationshipCall)) => {
            "Hold the executive relationship call"
        }
        (ActionKind::RestorationStep, Some(RestorationStep::HealthScoreReassessment)) => {
            "Reassess the health score"
        }
        (ActionKind::RestorationStep, _) => "Follow up that the prevention commitments landed",
        (ActionKind::Close, _) => "Close the escalation",
        (ActionKind::Nothing, _) => "Nothing to do: the escalation is closed",
    };
    text.to_string()
}

fn plain(kind: ActionKind) -> NextAction {
    NextAction {
        kind,
        step: None,
        due: None,
        status: None,
        label: label(kind, None),
    }
}

fn for_deadline(d: &Deadline) -> NextAction {
    let kind = match d.kind {
        DeadlineKind::Acknowledgment => ActionKind::SendAcknowledgment,
        DeadlineKind::Triage => ActionKind::CompleteTriage,
        DeadlineKind::FirstUpdate => ActionKind::SendFirstUpdate,
        DeadlineKind::DailyUpdate => ActionKind::SendDailyUpdate,
        DeadlineKind::Closeout => ActionKind::SendCloseout,
        DeadlineKind::Restoration => ActionKind::RestorationStep,
    };
    NextAction {
        kind,
        step: d.step,
        due: Some(d.due),
        status: Some(d.status),
        label: label(kind, d.step),
    }
}

/// What to do next, in this order: open; loop in engineering when triage
/// found an outage; any deadline that is overdue or due soon (earliest
/// first); assign the DRI once triage is done; the earliest open deadline;
/// close once nothing is left.
pub fn next_action(
    state: &Escalation,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    config: &Config,
) -> NextAction {
    if state.opened.is_none() {
        return plain(ActionKind::OpenEscalation);
    }
    if state.stage == Stage::Closed {
        return plain(ActionKind::Nothing);
    }
    if needs_engineering_loop_in(state) {
        return plain(ActionKind::LoopInEngineering);
    }
    let all = deadlines(state, now, rules, config);
    let open: Vec<&Deadline> = all.iter().filter(|d| d.status.is_open()).collect();
    if let Some(urgent) = open
        .iter()
        .find(|d| matches!(d.status, DeadlineStatus::Overdue | DeadlineStatus::DueSoon))
    {
        return for_deadline(urgent);
    }
    if state.triage.completed_at.is_some() && state.dri.is_none() && state.resolution.is_none() {
        return plain(ActionKind::AssignDri);
    }
    if let Some(first) = open.first() {
        return for_deadline(first);
    }
    plain(ActionKind::Close)
}
