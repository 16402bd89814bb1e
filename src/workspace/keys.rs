//! The storage schema, in one place: which key holds an event, a draft field
//! or the CSM's settings, and reading a key back. The panel, the service
//! worker and the tests ask this module instead of spelling prefixes.

use serde::Serialize;

/// Every Defuse key starts with this (hosts list only these).
pub const PREFIX: &str = "defuse:";
/// Event records: `defuse:ev:<escalation>:<event id>`, one key per event.
pub const EVENT_PREFIX: &str = "defuse:ev:";
/// Draft form fields: `defuse:draft:<scope>:<field>`; scope is an escalation
/// id or [`NEW_SCOPE`] for the opening form.
pub const DRAFT_PREFIX: &str = "defuse:draft:";
/// The fold cache: `defuse:fold:<escalation>:<stamp>`, derived from that
/// escalation's events and rebuilt whenever it is stale; the stamp says
/// what it was folded from (see `fold.rs`).
pub const FOLD_PREFIX: &str = "defuse:fold:";
/// The CSM's settings (one JSON record).
pub const SETTINGS: &str = "defuse:settings";
/// The draft scope of the form that opens a new escalation.
pub const NEW_SCOPE: &str = "new";

/// What a storage key holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Event {
        escalation: String,
        id: String,
    },
    Draft {
        scope: String,
        field: String,
    },
    Settings,
    /// A derived fold record (its stamp as written; empty in an old key):
    /// never an event, never exported.
    Fold {
        escalation: String,
        stamp: String,
    },
}

impl Key {
    /// Reads a key; `None` for keys that are not Defuse's (or malformed ones).
    pub fn parse(key: &str) -> Option<Key> {
        if key == SETTINGS {
            return Some(Key::Settings);
        }
        if let Some(rest) = key.strip_prefix(EVENT_PREFIX) {
            let (escalation, id) = rest.split_once(':')?;
            return (!escalation.is_empty() && !id.is_empty()).then(|| Key::Event {
                escalation: escalation.to_string(),
                id: id.to_string(),
            });
        }
        if let Some(rest) = key.strip_prefix(FOLD_PREFIX) {
            let (escalation, stamp) = rest.split_once(':').unwrap_or((rest, ""));
            return (!escalation.is_empty()).then(|| Key::Fold {
                escalation: escalation.to_string(),
                stamp: stamp.to_string(),
            });
        }
        let rest = key.strip_prefix(DRAFT_PREFIX)?;
        let (scope, field) = rest.split_once(':')?;
        (!scope.is_empty() && !field.is_empty()).then(|| Key::Draft {
            scope: scope.to_string(),
            field: field.to_string(),
        })
    }

    pub fn text(&self) -> String {
        match self {
            Key::Event { escalation, id } => event(escalation, id),
            Key::Draft { scope, field } => draft(scope, field),
            Key::Settings => SETTINGS.to_string(),
            Key::Fold { escalation, stamp } => fold(escalation, stamp),
        }
    }
}

pub fn event(escalation: &str, id: &str) -> String {
    format!("{EVENT_PREFIX}{escalation}:{id}")
}

pub fn fold(escalation: &str, stamp: &str) -> String {
    format!("{FOLD_PREFIX}{escalation}:{stamp}")
}

pub fn draft(scope: &str, field: &str) -> String {
    format!("{DRAFT_PREFIX}{scope}:{field}")
}

/// The CSM's own settings, kept across escalations.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Remembered after the first escalation the CSM opens.
    pub csm_name: String,
    /// Daily updates count the customer's business days only.
    pub business_days: bool,
}

crate::read_struct!(Settings {
    csm_name: "csmName" default,
    business_days: "businessDays" default,
});

impl Settings {
    /// Settings as stored; unreadable text gives the defaults.
    pub fn parse(text: &str) -> Settings {
        crate::json::read_text(text).unwrap_or_default()
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back() {
        assert_eq!(
            Key::parse("defuse:ev:esc-1:abc"),
            Some(Key::Event {
                escalation: "esc-1".into(),
                id: "abc".into()
            })
        );
        assert_eq!(
            Key::parse("defuse:draft:new:open.reached"),
            Some(Key::Draft {
                scope: "new".into(),
                field: "open.reached".into()
            })
        );
        assert_eq!(Key::parse(SETTINGS), Some(Key::Settings));
        let k = Key::parse("defuse:fold:esc-1:1.2.x");
        assert_eq!(
            k,
            Some(Key::Fold {
                escalation: "esc-1".into(),
                stamp: "1.2.x".into()
            })
        );
        assert_eq!(
            k.map(|k| k.text()).as_deref(),
            Some("defuse:fold:esc-1:1.2.x")
        );
        assert_eq!(Key::parse("defuse:fold:"), None);
        assert_eq!(Key::parse("defuse:ev:nocolon"), None);
        assert_eq!(Key::parse("other"), None);
        let k = Key::Draft {
            scope: "s".into(),
            field: "a.b".into(),
        };
        assert_eq!(Key::parse(&k.text()), Some(k));
    }
}
