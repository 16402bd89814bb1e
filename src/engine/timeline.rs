//! The panel's history: every event, and every settled deadline with its
//! due time, in one chronological list. Missed deadlines never drop out.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::config::Config;
use super::deadline::{deadlines, Deadline, DeadlineKind, DeadlineStatus};
use super::event::EventBody;
use super::state::Escalation;
use super::tz::TimeZoneRules;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub label: String,
    /// The event this entry shows, for event entries.
    pub event_id: Option<String>,
    /// The settled deadline this entry shows, for deadline entries.
    pub deadline: Option<Deadline>,
}

fn event_label(body: &EventBody) -> String {
    match body {
        EventBody::Opened(o) => format!("Escalation opened for {}", o.account),
        EventBody::AckSent { .. } => "Acknowledgment sent".into(),
        EventBody::EngineeringLoopedIn { .. } => "Engineering looped in".into(),
        EventBody::TriageAnswer(a) => format!("Triage: {}", a.question.question()),
        EventBody::TriageCompleted {} => "Triage completed".into(),
        EventBody::DriAssigned { name, .. } => format!("DRI assigned: {}", name.trim()),
        EventBody::UpdateSent(_) => "Status update sent".into(),
        EventBody::Resolved { .. } => "Resolved".into(),
        EventBody::CloseoutSent { .. } => "Close-out document sent".into(),
        EventBody::RestorationStepDone { step, .. } => format!("{} done", step.label()),
        EventBody::RestorationStepWaived { step, reason } => {
            format!("{} waived: {}", step.label(), reason.trim())
        }
        EventBody::FactCorrected(_) => "Fact corrected".into(),
        EventBody::Note { text } => format!("Note: {}", text.trim()),
        EventBody::Reopened { .. } => "Reopened".into(),
        EventBody::Closed {} => "Closed".into(),
    }
}

fn deadline_name(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Acknowledgment => "Acknowledgment",
        DeadlineKind::Triage => "Triage",
        DeadlineKind::FirstUpdate => "First status update",
        DeadlineKind::DailyUpdate => "Daily status update",
        DeadlineKind::Closeout => "Close-out document",
        DeadlineKind::Restoration => "Restoration step",
    }
}

fn deadline_label(d: &Deadline) -> String {
    let name = match d.step {
        Some(step) => step.label(),
        None => deadline_name(d.kind),
    };
    if let Some(run) = d.missed_run {
        return format!("{name} missed {} times in a row", run.count);
    }
    let outcome = match (d.status, d.waived, d.satisfied_at) {
        (DeadlineStatus::Met, true, _) => "waived in time",
        (DeadlineStatus::Met, false, _) => "met",
        (_, _, Some(_)) => "missed (done late)",
        _ => "missed",
    };
    format!("{name} {outcome}")
}

/// Events and settled deadlines, oldest first. A met deadline sits at the
/// moment it was met, a missed one at its due time.
pub fn timeline(
    state: &Escalation,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    config: &Config,
) -> Vec<TimelineEntry> {
    let mut entries: Vec<TimelineEntry> = state
        .log
        .iter()
        .map(|e| TimelineEntry {
            at: e.at,
            label: event_label(&e.body),
            event_id: Some(e.id.clone()),
            deadline: None,
        })
        .collect();
    entries.extend(
        deadlines(state, now, rules, config)
            .into_iter()
            .filter(|d| !d.status.is_open())
            .map(|d| TimelineEntry {
                at: match (d.status, d.satisfied_at) {
                    (DeadlineStatus::Met, Some(at)) => at,
                    _ => d.due,
                },
                label: deadline_label(&d),
                event_id: None,
                deadline: Some(d),
            }),
    );
    crate::sort::sort_by_key(&mut entries, |e| e.at);
    entries
}
