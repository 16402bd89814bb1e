//! The escalation's state as a pure fold over its log. The fold accepts any
//! log (merged logs from two devices can hold odd orders and duplicates) and
//! never fails: judging whether an event makes sense is `check`'s job.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::event::{DriRole, Event, EventBody, Opened, RestorationStep, StatusUpdate};
use super::merge::normalize;
use super::triage::{DesiredOutcome, RootCause, TriageKey, TRIAGE_QUESTIONS};

crate::unit_enum! {
    /// Where the escalation stands in the playbook.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Stage {
        /// Also the stage of an empty log: the first thing to do is open it.
        Acknowledge = "acknowledge",
        Triage = "triage",
        Dri = "dri",
        Cadence = "cadence",
        CloseOut = "close-out",
        Restore = "restore",
        Closed = "closed",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ack {
    pub at: DateTime<Utc>,
    pub text: String,
    pub promised_update_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TriageItem {
    pub key: TriageKey,
    pub question: &'static str,
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Triage {
    /// Always the eight questions, in the playbook's order.
    pub items: Vec<TriageItem>,
    pub cause_kind: Option<RootCause>,
    pub desired_outcome: Option<DesiredOutcome>,
    pub executive_level: bool,
    pub outage_or_data_problem: bool,
    pub completed_at: Option<DateTime<Utc>>,
}

impl Triage {
    fn new() -> Self {
        Triage {
            items: TRIAGE_QUESTIONS
                .iter()
                .map(|(key, question)| TriageItem {
                    key: *key,
                    question,
                    answer: None,
                })
                .collect(),
            cause_kind: None,
            desired_outcome: None,
            executive_level: false,
            outage_or_data_problem: false,
            completed_at: None,
        }
    }

    /// Questions still without a usable answer, in the playbook's order.
    pub fn unanswered(&self) -> Vec<TriageKey> {
        self.items
            .iter()
            .filter(|item| match item.key {
                TriageKey::CauseKind => self.cause_kind.is_none(),
                TriageKey::DesiredOutcome => self.desired_outcome.is_none(),
                _ => item.answer.as_deref().is_none_or(|a| a.trim().is_empty()),
            })
            .map(|item| item.key)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dri {
    pub name: String,
    pub role: DriRole,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentUpdate {
    pub at: DateTime<Utc>,
    pub update: StatusUpdate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
    pub at: DateTime<Utc>,
    pub root_cause: RootCause,
    pub bug_link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestorationProgress {
    pub step: RestorationStep,
    pub done_at: Option<DateTime<Utc>>,
    /// Set when the step was skipped on purpose, with the CSM's reason.
    pub waived_reason: Option<String>,
}

impl RestorationProgress {
    pub fn settled(&self) -> bool {
        self.done_at.is_some()
    }
}

/// Everything the panel shows about one escalation, derived from its log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Escalation {
    /// The escalation id of the opening event (empty before it).
    pub id: String,
    pub stage: Stage,
    /// The opening facts with every correction applied.
    pub opened: Option<Opened>,
    pub ack: Option<Ack>,
    pub engineering_looped_in_at: Option<DateTime<Utc>>,
    pub triage: Triage,
    pub dri: Option<Dri>,
    pub updates: Vec<SentUpdate>,
    /// The resolution of the current cycle; a reopen clears it.
    pub resolution: Option<Resolution>,
    pub closeout_sent_at: Option<DateTime<Utc>>,
    pub restoration: Vec<RestorationProgress>,
    pub closed_at: Option<DateTime<Utc>>,
    pub reopened_at: Option<DateTime<Utc>>,
    /// The log in fold order (by `at`, then `id`), duplicates removed.
    pub log: Vec<Event>,
}

fn fresh_restoration() -> Vec<RestorationProgress> {
    RestorationStep::ALL
        .iter()
        .map(|step| RestorationProgress {
            step: *step,
            done_at: None,
            waived_reason: None,
        })
        .collect()
}

impl Escalation {
    fn empty() -> Self {
        Escalation {
            id: String::new(),
            stage: Stage::Acknowledge,
            opened: None,
            ack: None,
            engineering_looped_in_at: None,
            triage: Triage::new(),
            dri: None,
            updates: Vec::new(),
            resolution: None,
            closeout_sent_at: None,
            restoration: fresh_restoration(),
            closed_at: None,
            reopened_at: None,
            log: Vec::new(),
        }
    }

    /// What still stands between this escalation and `closed`, as imperative
    /// phrases; empty when it may be closed.
    pub fn missing_for_close(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.resolution.is_none() {
            missing.push("resolve the issue");
        }
        if self.closeout_sent_at.is_none() {
            missing.push("send the close-out document");
        }
        missing.extend(
            self.restoration
                .iter()
                .filter(|p| !p.settled())
                .map(|p| p.step.todo()),
        );
        missing
    }

    fn apply(&mut self, event: &Event, closed_requests: &mut Vec<DateTime<Utc>>) {
        match &event.body {
            EventBody::Opened(opened) => {
                // The first `opened` (in fold order) sets the facts; a later
                // one, from another device or an imported file, changes
                // nothing: facts change only through `fact-corrected`, so a
                // file cannot re-point the escalation at another account or URL.
                if self.opened.is_none() {
                    self.id = event.escalation.clone();
                    self.opened = Some(opened.clone());
                }
            }
            EventBody::AckSent {
                text,
                promised_update_at,
            } => {
                if self.ack.is_none() {
                    self.ack = Some(Ack {
                        at: event.at,
                        text: text.clone(),
                        promised_update_at: *promised_update_at,
                    });
                }
            }
            EventBody::EngineeringLoopedIn { .. } => {
                self.engineering_looped_in_at.get_or_insert(event.at);
            }
            EventBody::TriageAnswer(answer) => self.apply_triage_answer(answer),
            EventBody::TriageCompleted {} => {
                self.triage.completed_at.get_or_insert(event.at);
            }
            EventBody::DriAssigned { name, role } => {
                self.dri = Some(Dri {
                    name: name.trim().to_string(),
                    role: *role,
                    at: event.at,
                });
            }
            EventBody::UpdateSent(update) => self.updates.push(SentUpdate {
                at: event.at,
                update: update.clone(),
            }),
            EventBody::Resolved {
                root_cause,
                bug_link,
            } => {
                if self.resolution.is_none() {
                    self.resolution = Some(Resolution {
                        at: event.at,
                        root_cause: *root_cause,
                        bug_link: bug_link.clone(),
                    });
                }
            }
            EventBody::CloseoutSent { .. } => {
                if self.resolution.is_some() {
                    self.closeout_sent_at.get_or_insert(event.at);
                }
            }
            EventBody::RestorationStepDone { step, .. } => {
                if let Some(p) = self.restoration_mut(*step) {
                    p.done_at.get_or_insert(event.at);
                }
            }
            EventBody::RestorationStepWaived { step, reason } => {
                if let Some(p) = self.restoration_mut(*step) {
                    if p.done_at.is_none() && !reason.trim().is_empty() {
                        p.done_at = Some(event.at);
                        p.waived_reason = Some(reason.trim().to_string());
                    }
                }
            }
            EventBody::FactCorrected(correction) => {
                if let Some(opened) = self.opened.as_mut() {
                    if let Some(arr) = &correction.arr {
                        opened.arr = Some(arr.clone());
                    }
                    if let Some(renewal) = correction.renewal {
                        opened.renewal = Some(renewal);
                    }
                    if let Some(reached) = correction.reached_csm_at {
                        opened.reached_csm_at = reached;
                    }
                }
            }
            EventBody::Note { .. } => {}
            EventBody::Reopened { .. } => {
                self.reopened_at = Some(event.at);
                self.resolution = None;
                self.closeout_sent_at = None;
                self.restoration = fresh_restoration();
                closed_requests.clear();
            }
            EventBody::Closed {} => closed_requests.push(event.at),
        }
    }

    fn apply_triage_answer(&mut self, answer: &super::event::TriageAnswer) {
        if let Some(item) = self
            .triage
            .items
            .iter_mut()
            .find(|item| item.key == answer.question)
        {
            item.answer = Some(answer.answer.clone());
        }
        if let Some(kind) = answer.cause_kind {
            self.triage.cause_kind = Some(kind);
        }
        if let Some(outcome) = answer.desired_outcome {
            self.triage.desired_outcome = Some(outcome);
        }
        if let Some(flag) = answer.executive_level {
            self.triage.executive_level = flag;
        }
        if let Some(flag) = answer.outage_or_data_problem {
            self.triage.outage_or_data_problem = flag;
        }
    }

    fn restoration_mut(&mut self, step: RestorationStep) -> Option<&mut RestorationProgress> {
        // Restoration starts from the close-out; earlier steps do not count.
        self.closeout_sent_at?;
        self.restoration.iter_mut().find(|p| p.step == step)
    }

    fn derive_stage(&self) -> Stage {
        if self.closed_at.is_some() {
            Stage::Closed
        } else if self.resolution.is_some() {
            if self.closeout_sent_at.is_some() {
                Stage::Restore
            } else {
                Stage::CloseOut
            }
        } else if self.opened.is_none() || self.ack.is_none() {
            Stage::Acknowledge
        } else if self.triage.completed_at.is_none() {
            Stage::Triage
        } else if self.dri.is_none() {
            Stage::Dri
        } else {
            Stage::Cadence
        }
    }
}

/// Folds a log into the escalation's state. Pass the events of one escalation
/// (filter by `Event::escalation`); order and duplicates do not matter.
pub fn fold(events: &[Event]) -> Escalation {
    fold_normalized(normalize(events.to_vec()))
}

/// [`fold`] of a log already in fold order with one event per id (what
/// `merge` / `normalize` return), skipping the second sort.
pub fn fold_normalized(log: Vec<Event>) -> Escalation {
    let mut state = Escalation::empty();
    let mut closed_requests = Vec::new();
    for event in &log {
        state.apply(event, &mut closed_requests);
    }
    // A close is judged against the final state, so a merged log in which the
    // close sorts before the last restoration step still closes.
    if state.missing_for_close().is_empty() {
        state.closed_at = closed_requests.last().copied();
    }
    state.stage = state.derive_stage();
    state.log = log;
    state
}

/// Whether triage flagged an outage or data problem and engineering has not
/// been looped in yet (the playbook says: immediately).
pub fn needs_engineering_loop_in(state: &Escalation) -> bool {
    state.triage.outage_or_data_problem && state.engineering_looped_in_at.is_none()
}
