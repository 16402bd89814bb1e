//! Reading the account from a CRM page: the snapshot the page agent sends and
//! the extraction of account facts (name, ARR, renewal date) from it.
//!
//! The page agent (plain JS, `www/agent/`) only collects candidate fields; every
//! decision about what a field means lives here.

pub mod date;
pub mod locale;
pub mod money;
pub mod snapshot;

pub use money::Money;
use serde::{Deserialize, Serialize};
pub use snapshot::{Candidate, Snapshot};

/// Where a fact was read from, so the panel can show it on hover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The label (or attribute) that identified the field.
    pub label: String,
    /// Which CRM's knowledge matched (`salesforce-lightning`, `generic`, …).
    pub crm: String,
    /// How it matched (`attribute`, `label`, `title`, …).
    pub kind: String,
}

/// One fact read from the page with its provenance and confidence (0..=1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fact<T> {
    pub value: T,
    pub source: Source,
    pub confidence: f32,
}

/// Everything Defuse read about the account on the current page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountFacts {
    pub name: Option<Fact<String>>,
}

/// Labels that name the account in the CRMs we know, most specific first.
const NAME_LABELS: &[&str] = &["account name", "company name", "organization", "name"];

/// Reads the account facts out of a snapshot.
pub fn extract(snapshot: &Snapshot) -> AccountFacts {
    let name = snapshot
        .fields
        .iter()
        .filter(|c| !c.hidden && !c.value.trim().is_empty())
        .find_map(|c| {
            let label = c.label.trim().to_lowercase();
            NAME_LABELS.iter().position(|l| *l == label).map(|_| Fact {
                value: c.value.trim().to_string(),
                source: Source {
                    label: c.label.trim().to_string(),
                    crm: "generic".into(),
                    kind: "label".into(),
                },
                confidence: 0.6,
            })
        });
    AccountFacts { name }
}
