//! The draft coach (the playbook's anti-patterns, with highlight offsets) and
//! the escalation-signal scorer for page conversation text.
//!
//! The coach reads a draft and its context and returns findings the panel can
//! underline. Its knowledge is data ([`tables`], [`lexicon`]); the readers in
//! `structure`, `owners` and `times` find what the draft does (who owns the
//! next step, where the first acknowledgment sits, which time is promised);
//! the checks in `rules` and `outcome_rules` decide what is a problem, and
//! `suggest` words the fix from the escalation's own facts. Everything is
//! deterministic, linear in the draft's length, and never reads the clock.

pub mod eval;
pub mod lexicon;
mod lexicon_outcome;
mod outcome_rules;
mod owners;
mod rules;
mod signal_cues;
mod signal_de;
mod signal_en;
pub mod signal_eval;
mod signal_fr;
mod signal_tables;
pub mod signal_thread;
pub mod signals;
mod structure;
mod suggest;
pub mod tables;
mod tables_updates;
pub mod text;
pub mod times;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::messages::MessageKind;

pub use signal_thread::{escalation_in, snapshot_escalation, ConversationEscalation};
pub use signals::{score_escalation, score_message, Signal, SignalMatch, SignalScore, Voice};
pub use suggest::promise_today;

crate::unit_enum! {
    /// The anti-patterns the coach knows.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Rule {
        ExplainingBeforeAcknowledging = "explaining-before-acknowledging",
        OwnershipByCommittee = "ownership-by-committee",
        SilenceBetweenUpdates = "silence-between-updates",
        FixAsFullResolution = "fix-as-full-resolution",
        OverPromising = "over-promising",
        BlamingBeforeTriage = "blaming-before-triage",
        AckWithoutSpecificTime = "ack-without-specific-time",
        VagueOwner = "vague-owner",
        /// "We apologize for any inconvenience" with nothing about what it did.
        GenericApology = "generic-apology",
        /// Engineering words in a message for the customer.
        Jargon = "jargon",
    }
}

impl Rule {
    pub const ALL: [Rule; 10] = [
        Rule::ExplainingBeforeAcknowledging,
        Rule::OwnershipByCommittee,
        Rule::SilenceBetweenUpdates,
        Rule::FixAsFullResolution,
        Rule::OverPromising,
        Rule::BlamingBeforeTriage,
        Rule::AckWithoutSpecificTime,
        Rule::VagueOwner,
        Rule::GenericApology,
        Rule::Jargon,
    ];

    /// The kebab-case id used by the JS API and the corpus (its wire name).
    pub fn id(self) -> &'static str {
        crate::json::WireName::wire_name(&self)
    }
}

crate::unit_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Severity {
        /// Worth a second look.
        Warning = "warning",
        /// Likely to re-escalate: fix before sending.
        Problem = "problem",
    }
}

/// One thing the coach found in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

crate::read_struct!(Finding {
    rule: "rule",
    severity: "severity",
    message: "message",
    suggestion: "suggestion",
    start: "start",
    end: "end",
});

crate::unit_enum! {
    /// Where the escalation is, as far as the coach needs to know.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum CoachStage {
        Acknowledge = "acknowledge",
        Triage = "triage",
        Cadence = "cadence",
        Resolved = "resolved",
        Restoration = "restoration",
        #[default]
        Unknown = "unknown",
    }
}

/// What the coach knows about the draft's situation (mapped from the log).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
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
    /// Short label of the customer's time zone, e.g. "CET" (JSON
    /// `customerZone`). Suggestions name it; without it they say UTC.
    pub customer_zone: Option<String>,
    /// The customer's UTC offset in minutes at `now` (JSON
    /// `customerUtcOffsetMinutes`), so suggested times are their wall clock.
    pub customer_utc_offset_minutes: Option<i32>,
    /// The account's name (JSON `accountName`), used in suggested openings.
    pub account_name: Option<String>,
}

crate::read_struct!(CoachContext {
    kind: "kind" default,
    stage: "stage" default,
    triage_cause_known: "triageCauseKnown" default,
    now: "now" default,
    last_customer_message_at: "lastCustomerMessageAt" default,
    promised_update_at: "promisedUpdateAt" default,
    closeout_sent: "closeoutSent" default,
    exec_call_done: "execCallDone" default,
    health_reassessed: "healthReassessed" default,
    eta_confirmed: "etaConfirmed" default,
    customer_zone: "customerZone" default,
    customer_utc_offset_minutes: "customerUtcOffsetMinutes" default,
    account_name: "accountName" default,
});

/// The longest draft the coach reads: 1 MiB of UTF-8. A real message is a
/// few KB; the bound keeps a pasted log from stalling the panel.
pub const MAX_DRAFT_BYTES: usize = 1 << 20;

/// Why the coach refused a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoachError {
    TooLong { bytes: usize },
}

impl std::fmt::Display for CoachError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CoachError::TooLong { bytes } => write!(
                f,
                "The draft is {} KB; the coach reads drafts up to {} KB. Shorten it or split it into several messages.",
                bytes.div_ceil(1024),
                MAX_DRAFT_BYTES / 1024
            ),
        }
    }
}

impl std::error::Error for CoachError {}

/// Checks a draft against every rule, or refuses one over [`MAX_DRAFT_BYTES`].
pub fn check_draft(draft: &str, context: &CoachContext) -> Result<Vec<Finding>, CoachError> {
    if draft.len() > MAX_DRAFT_BYTES {
        return Err(CoachError::TooLong { bytes: draft.len() });
    }
    Ok(coach_draft(draft, context))
}

/// Checks a draft against every rule. Findings come in text order, situation
/// findings (offset 0) first. A draft over [`MAX_DRAFT_BYTES`] is read up to
/// that size (cut at a character boundary); use [`check_draft`] to refuse it.
pub fn coach_draft(draft: &str, context: &CoachContext) -> Vec<Finding> {
    let draft = within_cap(draft);
    let mut findings = Vec::new();
    let mut rest = draft;
    let mut offset16: u32 = 0;
    let mut first = true;
    let mut per_rule = [0usize; Rule::ALL.len()];
    while !rest.is_empty() {
        let (section, tail) = rest.split_at(section_end(rest));
        let doc = text::Doc::unquoted(section);
        let counts = per_rule;
        let full = |rule: Rule| {
            let index = Rule::ALL.iter().position(|r| *r == rule).unwrap_or(0);
            counts
                .get(index)
                .is_some_and(|n| *n >= MAX_FINDINGS_PER_RULE)
        };
        for mut f in rules::check_all(&doc, context, &full) {
            let situation = f.start == 0 && f.end == 0;
            if situation && !first {
                continue;
            }
            let index = Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0);
            match per_rule.get_mut(index) {
                Some(n) if *n < MAX_FINDINGS_PER_RULE => *n += 1,
                _ => continue,
            }
            if !situation {
                f.start += offset16;
                f.end += offset16;
            }
            findings.push(f);
        }
        offset16 += section.encode_utf16().count() as u32;
        rest = tail;
        first = false;
    }
    crate::sort::sort_by_key(&mut findings, |f| (f.start, f.end, f.rule));
    findings
}

/// At most this many findings of one rule are returned for a draft: past a
/// few dozen underlines of the same kind the panel shows nothing more useful,
/// and the bound keeps memory flat on a pasted log.
pub const MAX_FINDINGS_PER_RULE: usize = 25;

/// A message longer than this is read section by section (whole paragraphs
/// or sentences), each as its own message: no real draft is this long, and
/// reading a pasted log in cache-sized pieces keeps coaching time linear in
/// its length.
pub const SECTION_BYTES: usize = 16 * 1024;

/// Where the first section of `text` ends: the last paragraph break, else
/// the last sentence end, within [`SECTION_BYTES`]; the whole text if short.
fn section_end(text: &str) -> usize {
    if text.len() <= SECTION_BYTES {
        return text.len();
    }
    let mut limit = SECTION_BYTES;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = text.get(..limit).unwrap_or("");
    let cut = head
        .rfind('\n')
        .or_else(|| head.rfind(['.', '!', '?']))
        .map_or(limit, |at| at + 1);
    if cut < SECTION_BYTES / 2 {
        limit
    } else {
        cut
    }
}

fn within_cap(draft: &str) -> &str {
    if draft.len() <= MAX_DRAFT_BYTES {
        return draft;
    }
    let mut end = MAX_DRAFT_BYTES;
    while !draft.is_char_boundary(end) {
        end -= 1;
    }
    draft.get(..end).unwrap_or("")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text, however hostile, is coached without a panic and every
        /// highlight lies inside it, in UTF-16 code units.
        #[test]
        fn findings_stay_inside_any_draft(s in "\\PC{0,400}", kind in 0usize..4) {
            let kinds = [None, Some(MessageKind::Acknowledgment), Some(MessageKind::DailyUpdate), Some(MessageKind::Closeout)];
            let context = CoachContext { kind: kinds.get(kind).copied().flatten(), ..CoachContext::default() };
            let total = s.encode_utf16().count() as u32;
            for f in coach_draft(&s, &context) {
                prop_assert!(f.start <= f.end && f.end <= total, "{f:?}");
            }
        }

        /// Words of the coach's own vocabulary, shuffled into sentences.
        #[test]
        fn findings_stay_inside_drafts_made_of_coach_words(
            words in proptest::collection::vec(prop::sample::select(vec![
                "we", "will", "be", "fixed", "by", "4:30", "PM", "CET", "today", "sorry", "for",
                "any", "inconvenience", "engineers", "are", "reverting", "the", "team", "is",
                "monitoring", "\"", "“", "”", ",", ".", "\n", "due", "to", "carrier", "every", "15",
                "minutes", "race", "condition", "resolved", "has", "been", "I", "Priya", "once",
            ]), 0..120)
        ) {
            let s = words.join(" ");
            let total = s.encode_utf16().count() as u32;
            for f in coach_draft(&s, &CoachContext::default()) {
                prop_assert!(f.start <= f.end && f.end <= total, "{f:?}");
            }
        }
    }
}
