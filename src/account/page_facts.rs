//! Page facts shown as text beside the account: the customer's executive
//! sponsor, the account's health score, and the CRM user signed in (from the
//! CRM's user menu, which the agent sends as `user` candidates). Each is
//! optional, never parsed, and never blocks the account facts.

use super::facts::{AccountFacts, Fact, Source};
use super::labels::{trim_fast, LabelMemo};
use super::labels_extra::{match_extra, Extra};
use super::snapshot::Candidate;
use super::titles::{ends_in_placeholder, is_placeholder};
use crate::case::Lowercase;

const MAX_SPONSOR_CHARS: usize = 120;
const MAX_HEALTH_CHARS: usize = 40;
const MAX_USER_CHARS: usize = 80;
const LABEL_CONFIDENCE: f32 = 0.8;
const USER_CONFIDENCE: f32 = 0.7;

/// Words user menus put around the user's name (`Account manager for Jane
/// Doe`, `Signed in as jane@acme.example`), lower-case.
static USER_PREFIXES: crate::words::WordList = crate::words::word_list![
    "account manager for ",
    "signed in as ",
    "logged in as ",
    "user menu for ",
    "profile of ",
    "view profile ",
    "open profile menu for ",
    "user: ",
    "angemeldet als ",
    "connecté en tant que ",
];

/// Texts user menus show that are not a name.
static NOT_USERS: crate::words::WordList = crate::words::word_list![
    "view profile",
    "user",
    "profile",
    "account",
    "me",
    "settings",
    "sign out",
    "log out",
    "my profile",
    "account manager",
];

/// What the candidates said, first visible reading of each kind.
#[derive(Default)]
pub(super) struct PageFacts {
    sponsor: Option<(String, String)>,
    health: Option<(String, String)>,
    user: Option<(String, String)>,
}

fn squashed(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The user's name or email in a user-menu text, if it reads as one.
pub(super) fn user_name(text: &str) -> Option<String> {
    let text = squashed(text);
    let lower = text.lowercase();
    let name = USER_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| text.get(p.len()..))
        .unwrap_or(&text)
        .trim()
        .trim_end_matches(['▾', '▼', '⌄'])
        .trim();
    let words = name.split(' ').count();
    let usable = !name.is_empty()
        && name.chars().count() <= MAX_USER_CHARS
        && words <= 5
        && name.chars().any(char::is_alphabetic)
        && !is_placeholder(name)
        && !NOT_USERS.contains(&name.lowercase().as_str());
    usable.then(|| name.to_string())
}

impl PageFacts {
    /// Takes the candidate if it is one of the page facts; true when it is
    /// (then it is no account field either).
    pub(super) fn collect(&mut self, candidate: &Candidate, labels: &mut LabelMemo) -> bool {
        if candidate.kind == "user" {
            if self.user.is_none() {
                self.user = user_name(&candidate.value).map(|n| ("user menu".to_string(), n));
            }
            return true;
        }
        if matches!(candidate.kind.as_str(), "heading" | "title") {
            return false;
        }
        let label = trim_fast(&candidate.label);
        if label.is_empty() || label.len() > 80 {
            return false;
        }
        let Some(extra) = match_extra(labels.normalized(label)) else {
            return false;
        };
        let value = squashed(&candidate.value);
        if is_placeholder(&value) || ends_in_placeholder(&value) {
            return true;
        }
        let (slot, max) = match extra {
            Extra::ExecutiveSponsor => (&mut self.sponsor, MAX_SPONSOR_CHARS),
            Extra::HealthScore => (&mut self.health, MAX_HEALTH_CHARS),
        };
        if slot.is_none() && value.chars().count() <= max {
            *slot = Some((label.to_string(), value));
        }
        true
    }

    /// Writes what was found into the facts, sourced to the page's CRM.
    pub(super) fn into_facts(self, facts: &mut AccountFacts) {
        let crm = facts.crm.as_str();
        let fact = |found: Option<(String, String)>, kind: &str, confidence: f32| {
            found.map(|(label, value)| Fact {
                value,
                source: Source {
                    label,
                    crm: crm.to_string(),
                    kind: kind.to_string(),
                },
                confidence,
            })
        };
        facts.executive_sponsor = fact(self.sponsor, "label", LABEL_CONFIDENCE);
        facts.health_score = fact(self.health, "label", LABEL_CONFIDENCE);
        facts.signed_in_user = fact(self.user, "user-menu", USER_CONFIDENCE);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn user_menu_texts() {
        assert_eq!(
            user_name("Account manager for Priya Raman"),
            Some("Priya Raman".into())
        );
        assert_eq!(
            user_name("  Signed in as  sam@acme.example "),
            Some("sam@acme.example".into())
        );
        assert_eq!(user_name("Dana Whitfield ▾"), Some("Dana Whitfield".into()));
        assert_eq!(user_name("View profile"), None);
        assert_eq!(user_name("—"), None);
        assert_eq!(
            user_name("You have 3 unread notifications about your open cases today"),
            None
        );
    }
}
