//! One entry point for callers that hold a message's input as JSON (the JS
//! API): the kind by its id, the input checked before anything is built, and
//! every failure a typed error with a sentence the CSM can act on.

use chrono::{DateTime, FixedOffset};

use std::fmt;

use super::time_text::in_writable_range;
use super::{
    acknowledgment, closeout, daily_update, dri_announcement, engineering_loop_in, no_news_update,
    restoration_exec_call, restoration_health_score, restoration_prevention_follow_up, AckInput,
    CloseoutInput, DailyUpdateInput, DriInput, ExecCallInput, HealthScoreInput, LoopInInput,
    Message, PreventionFollowUpInput,
};

/// Why no message was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageError {
    /// Not one of the message kinds.
    UnknownKind(String),
    /// The input does not have the shape the kind needs.
    Input(String),
    /// A time outside the years 0 to 9999 (or one whose wall-clock reading
    /// in its offset leaves them).
    OutOfRange(&'static str),
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageError::UnknownKind(kind) => write!(f, "“{kind}” is not a message kind."),
            MessageError::Input(detail) => {
                write!(f, "The message input could not be read: {detail}")
            }
            MessageError::OutOfRange(field) => write!(
                f,
                "The time in “{field}” is outside the years 0 to 9999, so no message was written. Check the date."
            ),
        }
    }
}

impl std::error::Error for MessageError {}

/// The times an input carries, by their JSON names, for range checks.
trait Timed {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)>;
}

impl Timed for AckInput {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)> {
        let mut out = vec![("now", &self.now)];
        out.extend(
            self.promised_update_at
                .iter()
                .map(|t| ("promisedUpdateAt", t)),
        );
        out
    }
}

impl Timed for LoopInInput {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)> {
        let mut out = vec![("now", &self.now)];
        out.extend(
            self.next_customer_update_at
                .iter()
                .map(|t| ("nextCustomerUpdateAt", t)),
        );
        out
    }
}

impl Timed for DriInput {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)> {
        Vec::new()
    }
}

impl Timed for DailyUpdateInput {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)> {
        let mut out = vec![("now", &self.now)];
        out.extend(self.next_update_at.iter().map(|t| ("nextUpdateAt", t)));
        out
    }
}

impl Timed for CloseoutInput {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)> {
        vec![("now", &self.now)]
    }
}

impl Timed for ExecCallInput {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)> {
        let mut out = vec![("now", &self.now)];
        out.extend(self.proposed_times.iter().map(|t| ("proposedTimes", t)));
        out
    }
}

impl Timed for HealthScoreInput {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)> {
        vec![("now", &self.now)]
    }
}

impl Timed for PreventionFollowUpInput {
    fn times(&self) -> Vec<(&'static str, &DateTime<FixedOffset>)> {
        vec![("now", &self.now)]
    }
}

fn build<T: crate::json::FromValue + Timed>(
    input: &str,
    make: fn(&T) -> Message,
) -> Result<Message, MessageError> {
    // From text, like every other reader of the JS API: one deserializer
    // per type keeps the wasm small.
    let input: T = crate::json::read_text(input).map_err(|e| MessageError::Input(e.to_string()))?;
    if let Some((field, _)) = input
        .times()
        .into_iter()
        .find(|(_, at)| !in_writable_range(at))
    {
        return Err(MessageError::OutOfRange(field));
    }
    Ok(make(&input))
}

/// The message of kind `kind` (an id such as `acknowledgment`,
/// `daily-update`, `no-news-update`) from its input as JSON text.
pub fn generate_from_json(kind: &str, input: &str) -> Result<Message, MessageError> {
    match kind {
        "acknowledgment" => build(input, acknowledgment),
        "engineering-loop-in" => build(input, engineering_loop_in),
        "dri-announcement" => build(input, dri_announcement),
        "daily-update" => build(input, daily_update),
        "no-news-update" => build(input, no_news_update),
        "closeout" => build(input, closeout),
        "restoration-exec-call" => build(input, restoration_exec_call),
        "restoration-health-score" => build(input, restoration_health_score),
        "restoration-prevention-follow-up" => build(input, restoration_prevention_follow_up),
        other => Err(MessageError::UnknownKind(other.chars().take(80).collect())),
    }
}
