//! The one named DRI: rejecting names that are not exactly one person, and
//! recommending which role should own the escalation.

use crate::case::Lowercase;
use serde::Serialize;
use std::fmt;

use super::event::DriRole;
use super::severity::{Severity, SeverityAssessment};
use super::state::Escalation;
use super::triage::RootCause;

/// Why a DRI name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriError {
    Empty,
    Team(String),
    SeveralPeople(String),
}

impl fmt::Display for DriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DriError::Empty => write!(
                f,
                "The DRI needs a name. Enter the one person who owns this escalation until it is resolved."
            ),
            DriError::Team(name) => write!(
                f,
                "“{name}” is a team, not a person. Name the one person who owns this escalation until it is resolved."
            ),
            DriError::SeveralPeople(name) => write!(
                f,
                "“{name}” names more than one person. Pick one DRI; the others can help without owning it."
            ),
        }
    }
}

/// Joiners that put several people in one name.
static SEVERAL_PEOPLE_SEPARATORS: crate::words::WordList =
    crate::words::word_list![" and ", " & ", "&", ",", "/", " + ", ";", " or "];

/// Words that name a group rather than a person (compared whole-word,
/// lowercase).
static TEAM_WORDS: crate::words::WordList = crate::words::word_list![
    "team",
    "teams",
    "engineering",
    "support",
    "department",
    "dept",
    "group",
    "squad",
    "committee",
    "everyone",
    "everybody",
    "all",
    "staff",
    "ops",
    "operations",
    "devops",
    "sre",
    "success",
    "cs",
    "csm",
    "csms",
    "management",
    "leadership",
    "we",
    "us",
    "desk",
    "crew",
    "org",
    "organization",
    "organisation",
    "tier",
    "helpdesk",
    "product",
    "sales",
    "account",
    "people",
];

/// Accepts exactly one person's name and returns it trimmed.
pub fn validate_dri_name(name: &str) -> Result<String, DriError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(DriError::Empty);
    }
    let lower = trimmed.lowercase();
    if SEVERAL_PEOPLE_SEPARATORS
        .iter()
        .any(|sep| lower.contains(sep))
    {
        return Err(DriError::SeveralPeople(trimmed.to_string()));
    }
    let is_team = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|word| TEAM_WORDS.contains(&word));
    if is_team {
        return Err(DriError::Team(trimmed.to_string()));
    }
    Ok(trimmed.to_string())
}

/// The role the playbook says should own this escalation, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriRecommendation {
    pub role: DriRole,
    pub reason: String,
}

/// CSM by default; CS Manager for an executive-level situation, a product
/// defect that needs engineering, or a critical account.
pub fn recommend_dri(state: &Escalation, severity: &SeverityAssessment) -> DriRecommendation {
    let manager = |why: &str| DriRecommendation {
        role: DriRole::CsManager,
        reason: format!("CS Manager: {why}."),
    };
    if state.triage.executive_level {
        return manager("triage marked this an executive-level situation");
    }
    if state.triage.cause_kind == Some(RootCause::ProductDefect) {
        return manager("triage marked this a product defect that needs engineering");
    }
    if severity.level == Severity::Critical {
        return manager(&format!("the account is critical: {}", severity.reason));
    }
    DriRecommendation {
        role: DriRole::Csm,
        reason: "CSM: a standard escalation is owned by its CSM.".to_string(),
    }
}
