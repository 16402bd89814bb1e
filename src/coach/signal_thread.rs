//! A conversation read as a thread: which customer message made it an
//! escalation, and when it reached us (the panel's default for "when it
//! reached you"). Intensity accumulates: a calm "any update?" followed by a
//! sharper "still nothing, our CFO is asking" escalates at the second
//! message, even if neither alone would. Our own messages never escalate, so
//! a page holding only what we sent never offers the playbook.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::signal_tables::ESCALATING_AT;
use super::signals::{score_escalation, score_message, SignalScore, Voice};
use crate::account::snapshot::{Direction, PageMessage, Snapshot};

/// The customer message at which the conversation became an escalation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationEscalation {
    /// Index of the message in the snapshot's `messages` (0 when read from
    /// the plain `conversation` excerpt).
    pub index: usize,
    /// When that message was sent, if the page said so in machine form.
    #[serde(default, deserialize_with = "crate::json::through_value")]
    pub at: Option<DateTime<Utc>>,
    pub author: Option<String>,
    /// The thread's intensity at that message (0..1).
    pub intensity: f32,
    /// That message's own evidence; offsets are UTF-16 in that message's text.
    pub message: SignalScore,
}

/// Each earlier customer message carries this share of its score forward…
const CARRY: f32 = 0.7;
/// …when it has at least this much evidence of its own (a bug report that
/// says "broken" once does not wind a thread up).
const CARRY_FROM: f32 = 0.25;

fn instant(at: Option<&str>) -> Option<DateTime<Utc>> {
    crate::rfc3339::parse_from_rfc3339(at?.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The first customer message at which the thread reads as an escalation, or
/// `None`. Messages are read in time order when every one has a time, else in
/// page order.
pub fn escalation_in(messages: &[PageMessage], lang: &str) -> Option<ConversationEscalation> {
    let mut order: Vec<usize> = (0..messages.len()).collect();
    let times: Vec<Option<DateTime<Utc>>> =
        messages.iter().map(|m| instant(m.at.as_deref())).collect();
    if times.iter().all(Option::is_some) {
        crate::sort::sort_by_key(&mut order, |i| times.get(*i).copied().flatten());
    }
    let mut carried = 0.0f32;
    for index in order {
        let Some(message) = messages.get(index) else {
            continue;
        };
        let score = score_message(&message.text, lang, message.direction);
        if score.voice == Voice::Vendor || score.matches.is_empty() {
            continue;
        }
        let intensity = 1.0 - (1.0 - score.score) * (1.0 - carried);
        if intensity >= ESCALATING_AT {
            return Some(ConversationEscalation {
                index,
                at: times.get(index).copied().flatten(),
                author: message.author.clone(),
                intensity,
                message: score,
            });
        }
        if score.score >= CARRY_FROM {
            carried = 1.0 - (1.0 - carried) * (1.0 - CARRY * score.score);
        }
    }
    None
}

/// The escalation on a page: from its messages when the agent sent them,
/// else from the plain conversation excerpt (direction unknown, no time).
pub fn snapshot_escalation(snapshot: &Snapshot) -> Option<ConversationEscalation> {
    if !snapshot.messages.is_empty() {
        return escalation_in(&snapshot.messages, &snapshot.lang);
    }
    let score = score_escalation(&snapshot.conversation, &snapshot.lang);
    score.escalating.then_some(ConversationEscalation {
        index: 0,
        at: None,
        author: None,
        intensity: score.score,
        message: score,
    })
}

/// Whether any message of the thread is the customer's (for the panel: a page
/// that holds only our own messages never offers the playbook).
pub fn has_customer_message(messages: &[PageMessage]) -> bool {
    messages.iter().any(|m| m.direction != Direction::Outbound)
}
