//! Judging an event against the current state before it is appended. The UI
//! calls `check` and shows the error's message to the CSM; the fold itself
//! never refuses anything.

use crate::case::Lowercase;
use chrono::{DateTime, Utc};
use std::fmt;

use super::dri::{validate_dri_name, DriError};
use super::event::{EventBody, RestorationStep, StatusUpdate};
use super::record::MAX_RECORD_BYTES;
use super::state::{Escalation, Stage};
use super::triage::RootCause;
use super::triage::TriageKey;

/// Why an event cannot be recorded now. Each message says what is wrong and
/// what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    NotOpened,
    AlreadyOpened,
    Missing(&'static str),
    ReachedInFuture,
    PromiseNotAfterNow,
    AckFirst,
    AlreadyAcknowledged,
    EmptyAnswer(TriageKey),
    ChoiceRequired(TriageKey),
    ChoiceOnWrongQuestion(TriageKey),
    TriageIncomplete(Vec<TriageKey>),
    Dri(DriError),
    NotResolved,
    AlreadyResolved,
    BugLinkRequired,
    CloseoutAlreadySent,
    CloseoutFirst,
    StepAlreadySettled(RestorationStep),
    WaiverNeedsReason(RestorationStep),
    NothingToCorrect,
    CannotReopen,
    CloseRefused(Vec<&'static str>),
    Closed,
    /// The event would not fit in one stored record ([`MAX_RECORD_BYTES`]).
    TooLarge {
        bytes: usize,
    },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::NotOpened => write!(f, "Open the escalation first: record the account and when the escalation reached you."),
            EngineError::AlreadyOpened => write!(f, "This escalation is already open. Correct a fact instead of opening it again."),
            EngineError::Missing(what) => write!(f, "The {what} is empty. Fill it in before saving."),
            EngineError::ReachedInFuture => write!(f, "The time the escalation reached you is in the future. Enter when it actually reached you."),
            EngineError::PromiseNotAfterNow => write!(f, "The promised update time has already passed. Promise a specific time later than now."),
            EngineError::AckFirst => write!(f, "Send the acknowledgment first: it is due within 2 hours of the escalation reaching you."),
            EngineError::AlreadyAcknowledged => write!(f, "The acknowledgment was already sent. Send a status update instead."),
            EngineError::EmptyAnswer(key) => write!(f, "“{}” has no answer yet. Write what you know, even if it is “not known yet”.", key.question()),
            EngineError::ChoiceRequired(key) => write!(f, "“{}” needs one of the listed choices as well as your notes.", key.question()),
            EngineError::ChoiceOnWrongQuestion(key) => write!(f, "“{}” does not take a cause or outcome choice. Set it on its own question.", key.question()),
            EngineError::TriageIncomplete(keys) => {
                let missing: Vec<&str> = keys.iter().map(|k| k.question()).collect();
                write!(f, "Triage is not complete yet. Still unanswered: {}", missing.join(" "))
            }
            EngineError::Dri(e) => write!(f, "{e}"),
            EngineError::NotResolved => write!(f, "Resolve the escalation before sending the close-out document."),
            EngineError::AlreadyResolved => write!(f, "This escalation is already resolved. Reopen it if the problem came back."),
            EngineError::BugLinkRequired => write!(f, "A product defect needs a link to the bug report or roadmap item. Add the link before resolving."),
            EngineError::CloseoutAlreadySent => write!(f, "The close-out document was already sent for this resolution."),
            EngineError::CloseoutFirst => write!(f, "Send the close-out document first: the restoration steps start from it."),
            EngineError::StepAlreadySettled(step) => write!(f, "{} is already done or waived.", step.label()),
            EngineError::WaiverNeedsReason(step) => write!(f, "Give a reason for waiving the {}.", step.label().lowercase()),
            EngineError::NothingToCorrect => write!(f, "Say which fact to correct: the ARR, the renewal date, or when the escalation reached you."),
            EngineError::CannotReopen => write!(f, "Only a resolved or closed escalation can be reopened."),
            EngineError::CloseRefused(missing) => write!(f, "This escalation cannot be closed yet. Still to do: {}. Do each step, or waive it with a reason.", missing.join("; ")),
            EngineError::Closed => write!(f, "This escalation is closed. Reopen it to record more than a note."),
            EngineError::TooLarge { bytes } => write!(
                f,
                "This is too long to save ({} KB; one entry holds at most {} KB). Shorten it, or split it into two notes.",
                bytes.div_ceil(1024),
                MAX_BODY_BYTES / 1024
            ),
        }
    }
}

impl std::error::Error for EngineError {}

impl From<DriError> for EngineError {
    fn from(e: DriError) -> Self {
        EngineError::Dri(e)
    }
}

fn require(text: &str, what: &'static str) -> Result<(), EngineError> {
    if text.trim().is_empty() {
        Err(EngineError::Missing(what))
    } else {
        Ok(())
    }
}

/// The largest event body `check` lets through: the record around it (ids,
/// time, version) stays within [`MAX_RECORD_BYTES`], so whatever was saved
/// can always be exported and imported again.
const MAX_BODY_BYTES: usize = MAX_RECORD_BYTES - 1024;

/// Whether `body` may be appended to this escalation at `now`.
pub fn check(state: &Escalation, body: &EventBody, now: DateTime<Utc>) -> Result<(), EngineError> {
    let bytes = serde_json::to_string(body).map_or(0, |s| s.len());
    if bytes > MAX_BODY_BYTES {
        return Err(EngineError::TooLarge { bytes });
    }
    if let EventBody::Opened(opened) = body {
        if state.opened.is_some() {
            return Err(EngineError::AlreadyOpened);
        }
        require(&opened.account, "account name")?;
        require(&opened.csm_name, "CSM's name")?;
        if opened.reached_csm_at > now {
            return Err(EngineError::ReachedInFuture);
        }
        return Ok(());
    }
    if state.opened.is_none() {
        return Err(EngineError::NotOpened);
    }
    if state.stage == Stage::Closed
        && !matches!(
            body,
            EventBody::Note { .. } | EventBody::Reopened { .. } | EventBody::FactCorrected(_)
        )
    {
        return Err(EngineError::Closed);
    }
    match body {
        EventBody::Opened(_) => Ok(()),
        EventBody::AckSent {
            text,
            promised_update_at,
        } => {
            if state.ack.is_some() {
                return Err(EngineError::AlreadyAcknowledged);
            }
            require(text, "acknowledgment text")?;
            if *promised_update_at <= now {
                return Err(EngineError::PromiseNotAfterNow);
            }
            Ok(())
        }
        EventBody::EngineeringLoopedIn { .. } | EventBody::Note { .. } => Ok(()),
        EventBody::TriageAnswer(answer) => {
            if answer.answer.trim().is_empty() {
                return Err(EngineError::EmptyAnswer(answer.question));
            }
            let needs_cause = answer.question == TriageKey::CauseKind;
            let needs_outcome = answer.question == TriageKey::DesiredOutcome;
            if (answer.cause_kind.is_some() && !needs_cause)
                || (answer.desired_outcome.is_some() && !needs_outcome)
            {
                return Err(EngineError::ChoiceOnWrongQuestion(answer.question));
            }
            if (needs_cause && answer.cause_kind.is_none())
                || (needs_outcome && answer.desired_outcome.is_none())
            {
                return Err(EngineError::ChoiceRequired(answer.question));
            }
            Ok(())
        }
        EventBody::TriageCompleted {} => {
            if state.ack.is_none() {
                return Err(EngineError::AckFirst);
            }
            let missing = state.triage.unanswered();
            if missing.is_empty() {
                Ok(())
            } else {
                Err(EngineError::TriageIncomplete(missing))
            }
        }
        EventBody::DriAssigned { name, .. } => {
            validate_dri_name(name).map(|_| ()).map_err(Into::into)
        }
        EventBody::UpdateSent(update) => check_update(state, update, now),
        EventBody::Resolved {
            root_cause,
            bug_link,
        } => {
            if state.resolution.is_some() {
                return Err(EngineError::AlreadyResolved);
            }
            if *root_cause == RootCause::ProductDefect
                && bug_link.as_deref().is_none_or(|l| l.trim().is_empty())
            {
                return Err(EngineError::BugLinkRequired);
            }
            Ok(())
        }
        EventBody::CloseoutSent { .. } => {
            if state.resolution.is_none() {
                return Err(EngineError::NotResolved);
            }
            if state.closeout_sent_at.is_some() {
                return Err(EngineError::CloseoutAlreadySent);
            }
            Ok(())
        }
        EventBody::RestorationStepDone { step, .. } => check_step(state, *step),
        EventBody::RestorationStepWaived { step, reason } => {
            check_step(state, *step)?;
            if reason.trim().is_empty() {
                return Err(EngineError::WaiverNeedsReason(*step));
            }
            Ok(())
        }
        EventBody::FactCorrected(c) => {
            if c.arr.is_none() && c.renewal.is_none() && c.reached_csm_at.is_none() {
                return Err(EngineError::NothingToCorrect);
            }
            if c.reached_csm_at.is_some_and(|t| t > now) {
                return Err(EngineError::ReachedInFuture);
            }
            Ok(())
        }
        EventBody::Reopened { .. } => {
            if state.resolution.is_none() {
                return Err(EngineError::CannotReopen);
            }
            Ok(())
        }
        EventBody::Closed {} => {
            let missing = state.missing_for_close();
            if missing.is_empty() {
                Ok(())
            } else {
                Err(EngineError::CloseRefused(missing))
            }
        }
    }
}

fn check_update(
    state: &Escalation,
    update: &StatusUpdate,
    now: DateTime<Utc>,
) -> Result<(), EngineError> {
    if state.ack.is_none() {
        return Err(EngineError::AckFirst);
    }
    if update.promised_update_at.is_some_and(|at| at <= now) {
        return Err(EngineError::PromiseNotAfterNow);
    }
    require(&update.what_happened_today, "“What happened today” field")?;
    require(&update.what_happens_next, "“What is happening next” field")?;
    require(&update.eta, "“ETA for resolution” field")
}

fn check_step(state: &Escalation, step: RestorationStep) -> Result<(), EngineError> {
    if state.closeout_sent_at.is_none() {
        return Err(EngineError::CloseoutFirst);
    }
    match state.restoration.iter().find(|p| p.step == step) {
        Some(p) if p.settled() => Err(EngineError::StepAlreadySettled(step)),
        _ => Ok(()),
    }
}
