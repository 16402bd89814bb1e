//! The close-out document, due within 48 hours of resolution, in the seed's
//! sections. A product defect needs a bug or roadmap link; a process failure
//! on our side is said in so many words.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::fmt;

use super::compose::{lit, present, sentence, Block, Composer, Piece};
use super::time_text::{wall, TimeStyle};
use super::{Message, MessageKind};

/// The kind of root cause: the engine's one type (triage, resolution, close-out).
pub use crate::engine::RootCause;

/// Why a bug or roadmap link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    NotAWebAddress,
    ContainsSpaces,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkError::Empty => "The root cause is a product defect, so the close-out needs a link to the bug report or roadmap item. Paste that link to continue.",
            LinkError::NotAWebAddress => "The bug or roadmap link must be a web address starting with https:// or http://. Copy the full link from the ticket and paste it here.",
            LinkError::ContainsSpaces => "The bug or roadmap link contains spaces, so it is not a single web address. Copy the full link from the ticket and paste it here.",
        })
    }
}

impl std::error::Error for LinkError {}

/// Accepts only http(s) addresses, so a link can never carry a script.
pub fn validate_link(link: &str) -> Result<&str, LinkError> {
    let link = link.trim();
    if link.is_empty() {
        return Err(LinkError::Empty);
    }
    let lower = link.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        None | Some("") => Err(LinkError::NotAWebAddress),
        Some(_) if link.chars().any(char::is_whitespace) => Err(LinkError::ContainsSpaces),
        Some(_) => Ok(link),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloseoutInput {
    pub customer_name: String,
    pub sender_name: String,
    /// One sentence describing the issue.
    pub issue: Option<String>,
    /// Who was affected, for how long, what they could not do.
    pub impact: Option<String>,
    /// Specific, honest, no jargon.
    pub root_cause: Option<String>,
    pub root_cause_kind: Option<RootCause>,
    /// Required when the root cause is a product defect.
    pub defect_link: Option<String>,
    /// Actions taken, in order.
    pub actions_taken: Vec<String>,
    /// Specific changes to process, product or monitoring.
    pub prevention: Option<String>,
    /// Any follow-up from our side.
    pub what_to_expect: Option<String>,
    /// Already in the customer's zone: its date is the document's date.
    pub now: DateTime<FixedOffset>,
    /// How times and dates are written (the CSM's locale); US style when absent.
    #[serde(default)]
    pub time_style: TimeStyle,
}

crate::read_struct!(CloseoutInput {
    customer_name: "customerName",
    sender_name: "senderName",
    issue: "issue",
    impact: "impact",
    root_cause: "rootCause",
    root_cause_kind: "rootCauseKind",
    defect_link: "defectLink",
    actions_taken: "actionsTaken",
    prevention: "prevention",
    what_to_expect: "whatToExpect",
    now: "now",
    time_style: "timeStyle" default,
});

/// Builds the close-out. Not ready without every section, at least one action,
/// the kind of root cause, and a valid link for a product defect.
pub fn closeout(input: &CloseoutInput) -> Message {
    let mut c = Composer::new(MessageKind::Closeout);
    let customer = c.required_text("customer-name", "customer name", Some(&input.customer_name));
    c.para(vec![
        Piece::Val(customer.clone()),
        lit(" team - here is the close-out for this escalation, as promised: what happened, why, what we did, and what we are changing so it does not happen again."),
    ]);

    let issue = match present(input.issue.as_deref()) {
        Some(text) => Piece::Val(sentence(text)),
        None => c.gap("issue", "one-sentence description of the issue"),
    };
    c.field("Issue", vec![issue]);
    let impact = match present(input.impact.as_deref()) {
        Some(text) => Piece::Val(sentence(text)),
        None => c.gap(
            "impact",
            "who was affected, for how long, what they could not do",
        ),
    };
    c.field("Impact", vec![impact]);

    let cause = match present(input.root_cause.as_deref()) {
        Some(text) => Piece::Val(sentence(text)),
        None => c.gap("root-cause", "root cause"),
    };
    let root_cause = match input.root_cause_kind {
        Some(RootCause::ProcessFailure) => {
            vec![lit("This was a process failure on our side. "), cause]
        }
        Some(RootCause::ProductDefect) => {
            let link = match validate_link(input.defect_link.as_deref().unwrap_or("")) {
                Ok(url) => Piece::Link(url.to_string()),
                Err(e) => c.refused(
                    "defect-link",
                    "link to the bug report or roadmap item",
                    Some(e.to_string()),
                ),
            };
            vec![
                cause,
                lit(" This was a defect in our product; you can follow the fix here: "),
                link,
            ]
        }
        Some(RootCause::Configuration) | Some(RootCause::Unknown) => vec![cause],
        None => {
            let kind = c.gap(
                "root-cause-kind",
                "product defect, configuration issue or process failure",
            );
            vec![cause, lit(" "), kind]
        }
    };
    c.field("Root cause", root_cause);

    let actions: Vec<Vec<Piece>> = input
        .actions_taken
        .iter()
        .filter_map(|a| present(Some(a)))
        .map(|a| vec![Piece::Val(sentence(a))])
        .collect();
    let actions = if actions.is_empty() {
        vec![vec![c.gap("actions-taken", "actions taken, in order")]]
    } else {
        actions
    };
    c.push(Block::List("What we did", actions));

    let prevention = match present(input.prevention.as_deref()) {
        Some(text) => Piece::Val(sentence(text)),
        None => c.gap("prevention", "specific changes to prevent recurrence"),
    };
    c.field("What we're doing to prevent recurrence", vec![prevention]);
    let next = match present(input.what_to_expect.as_deref()) {
        Some(text) => Piece::Val(sentence(text)),
        None => c.gap("what-to-expect", "what the customer should expect next"),
    };
    c.field("What you should expect next", vec![next]);

    let sender = c.required("sender-name", "your name", Some(&input.sender_name));
    c.para(vec![sender]);
    c.finish(format!(
        "{customer} - Escalation Close-out {}",
        input.time_style.date(wall(&input.now).date())
    ))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn accepted_links_are_http_without_spaces(s in ".{0,40}") {
            if let Ok(url) = validate_link(&s) {
                let lower = url.to_ascii_lowercase();
                prop_assert!(lower.starts_with("https://") || lower.starts_with("http://"));
                prop_assert!(!url.chars().any(char::is_whitespace));
            }
        }
    }
}
