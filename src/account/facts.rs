//! What extraction hands to the panel: each fact with its source and
//! confidence, the alternatives when the page disagrees with itself, and the
//! problems worth telling the CSM about, in words the panel can show.

use super::crm::Crm;
use super::date::describe;
use super::hosts::RecordKey;
use super::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a fact was read from, so the panel can show it on hover.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The label (or attribute) that identified the field.
    pub label: String,
    /// Which CRM's knowledge matched (`salesforce-lightning`, `generic`, …).
    pub crm: String,
    /// How it matched (`attribute`, `label`, `title`, …).
    pub kind: String,
}

crate::read_struct!(Source {
    label: "label",
    crm: "crm",
    kind: "kind",
});

/// One fact read from the page with its provenance and confidence (0..=1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(deserialize = "T: crate::json::FromValue"))]
pub struct Fact<T> {
    #[serde(deserialize_with = "crate::json::through_value")]
    pub value: T,
    pub source: Source,
    pub confidence: f32,
}

crate::via_serde!(Fact<String>, Fact<Money>, Fact<NaiveDate>);

crate::unit_enum! {
    /// What the ARR figure really is. Anything but `Arr` is flagged in the panel.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ArrBasis {
        /// An ARR field (or a manual entry).
        Arr = "arr",
        /// Annual contract value, the nearest thing to ARR.
        ContractValue = "contract-value",
        /// Derived: 12 × monthly recurring revenue.
        MrrTimesTwelve = "mrr-times-twelve",
        /// The customer company's own annual revenue: only a low-confidence fallback.
        CompanyAnnualRevenue = "company-annual-revenue",
    }
}

/// Other values the page showed for each field, best first, for the CSM to choose from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Alternatives {
    pub name: Vec<Fact<String>>,
    pub arr: Vec<Fact<Money>>,
    pub renewal: Vec<Fact<NaiveDate>>,
}

crate::read_struct!(Alternatives {
    name: "name" default,
    arr: "arr" default,
    renewal: "renewal" default,
});

/// Everything Defuse read about the account on the current page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AccountFacts {
    pub name: Option<Fact<String>>,
    pub arr: Option<Fact<Money>>,
    /// Set whenever `arr` is: what kind of figure it is.
    pub arr_basis: Option<ArrBasis>,
    pub renewal: Option<Fact<NaiveDate>>,
    pub alternatives: Alternatives,
    pub problems: Vec<Problem>,
    /// The CRM the page was recognised as.
    pub crm: Crm,
    /// The customer's executive sponsor, as the page writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executive_sponsor: Option<Fact<String>>,
    /// The account's health score or status, as the page writes it (`82`, `At risk`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_score: Option<Fact<String>>,
    /// The CRM user signed in, from the CRM's user menu when the page shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_in_user: Option<Fact<String>>,
    /// The CRM record the page shows (CRM, tenant host, record type, id),
    /// from the record-URL patterns: what an escalation binds to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_key: Option<RecordKey>,
}

crate::read_struct!(AccountFacts {
    name: "name" default,
    arr: "arr" default,
    arr_basis: "arrBasis" default,
    renewal: "renewal" default,
    alternatives: "alternatives" default,
    problems: "problems" default,
    crm: "crm" default,
    executive_sponsor: "executiveSponsor" default,
    health_score: "healthScore" default,
    signed_in_user: "signedInUser" default,
    record_key: "recordKey" default,
});

crate::unit_enum! {
    /// Which account fact a problem or correction is about.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Field {
        Name = "name",
        Arr = "arr",
        Renewal = "renewal",
    }
}

/// Something the CSM should know about what was (not) read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum Problem {
    NameMissing,
    NameConflict {
        values: Vec<String>,
    },
    ArrMissing,
    ArrUnreadable {
        text: String,
        error: String,
    },
    ArrConflict {
        values: Vec<Money>,
    },
    ArrFromMrr {
        mrr: Money,
    },
    ArrIsCompanyRevenue {
        revenue: Money,
    },
    RenewalMissing,
    RenewalUnreadable {
        text: String,
        error: String,
    },
    RenewalAmbiguous {
        text: String,
        #[serde(deserialize_with = "crate::json::through_value")]
        first: NaiveDate,
        #[serde(deserialize_with = "crate::json::through_value")]
        second: NaiveDate,
    },
    RenewalConflict {
        #[serde(deserialize_with = "crate::json::through_value")]
        values: Vec<NaiveDate>,
    },
}

crate::via_serde!(Problem);

impl Problem {
    pub fn field(&self) -> Field {
        use Problem::*;
        match self {
            NameMissing | NameConflict { .. } => Field::Name,
            ArrMissing
            | ArrUnreadable { .. }
            | ArrConflict { .. }
            | ArrFromMrr { .. }
            | ArrIsCompanyRevenue { .. } => Field::Arr,
            RenewalMissing
            | RenewalUnreadable { .. }
            | RenewalAmbiguous { .. }
            | RenewalConflict { .. } => Field::Renewal,
        }
    }

    /// The sentence the panel shows.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

fn list<T>(values: &[T], show: impl Fn(&T) -> String) -> String {
    values.iter().map(show).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Problem::*;
        match self {
            NameMissing => write!(
                f,
                "I couldn't find the account name on this page. Enter it by hand."
            ),
            NameConflict { values } => write!(
                f,
                "This page shows more than one account name ({}). Choose the right one.",
                list(values, |v| v.clone())
            ),
            ArrMissing => write!(f, "No ARR found on this page. Enter it by hand."),
            ArrUnreadable { error, .. } => write!(f, "{error} Enter the ARR by hand."),
            ArrConflict { values } => write!(
                f,
                "This page shows different ARR figures ({}). Choose the right one.",
                list(values, Money::describe)
            ),
            ArrFromMrr { mrr } => write!(
                f,
                "No ARR on this page, so it was worked out as 12 × the MRR of {}. \
                 Check it, or enter the ARR by hand.",
                mrr.describe()
            ),
            ArrIsCompanyRevenue { revenue } => write!(
                f,
                "The only figure found is the company's annual revenue ({}), not what they pay us. \
                 Check it, or enter the ARR by hand.",
                revenue.describe()
            ),
            RenewalMissing => write!(f, "No renewal date found on this page. Enter it by hand."),
            RenewalUnreadable { error, .. } => {
                write!(f, "{error} Enter the renewal date by hand.")
            }
            RenewalAmbiguous {
                text,
                first,
                second,
            } => write!(
                f,
                "The renewal date \"{text}\" could be {} or {}. Choose the right one.",
                describe(*first),
                describe(*second)
            ),
            RenewalConflict { values } => write!(
                f,
                "This page shows different renewal dates ({}). Choose the right one.",
                list(values, |d| describe(*d))
            ),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn usd(cents: i64) -> Money {
        Money {
            cents,
            currency: Some("USD".into()),
            currency_assumed: false,
        }
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn every_problem_reads_as_a_calm_sentence() {
        let cases = [
            (
                Problem::NameMissing,
                "I couldn't find the account name on this page. Enter it by hand.",
            ),
            (
                Problem::NameConflict {
                    values: vec!["Acme Corp".into(), "Acme Holdings".into()],
                },
                "This page shows more than one account name (Acme Corp, Acme Holdings). \
                 Choose the right one.",
            ),
            (
                Problem::ArrMissing,
                "No ARR found on this page. Enter it by hand.",
            ),
            (
                Problem::ArrUnreadable {
                    text: "lots".into(),
                    error: "I couldn't read \"lots\" as an amount: I don't know what \"lots\" \
                            means in an amount."
                        .into(),
                },
                "I couldn't read \"lots\" as an amount: I don't know what \"lots\" means in an \
                 amount. Enter the ARR by hand.",
            ),
            (
                Problem::ArrConflict {
                    values: vec![usd(100_000_000), usd(90_000_000)],
                },
                "This page shows different ARR figures (1,000,000 USD, 900,000 USD). \
                 Choose the right one.",
            ),
            (
                Problem::ArrFromMrr {
                    mrr: usd(1_000_000),
                },
                "No ARR on this page, so it was worked out as 12 × the MRR of 10,000 USD. \
                 Check it, or enter the ARR by hand.",
            ),
            (
                Problem::ArrIsCompanyRevenue {
                    revenue: usd(500_000_000_000),
                },
                "The only figure found is the company's annual revenue (5,000,000,000 USD), \
                 not what they pay us. Check it, or enter the ARR by hand.",
            ),
            (
                Problem::RenewalMissing,
                "No renewal date found on this page. Enter it by hand.",
            ),
            (
                Problem::RenewalUnreadable {
                    text: "soon".into(),
                    error: "I couldn't read \"soon\" as a date: I don't know what \"soon\" \
                            means in a date."
                        .into(),
                },
                "I couldn't read \"soon\" as a date: I don't know what \"soon\" means in a \
                 date. Enter the renewal date by hand.",
            ),
            (
                Problem::RenewalAmbiguous {
                    text: "03/04/2027".into(),
                    first: ymd(2027, 4, 3),
                    second: ymd(2027, 3, 4),
                },
                "The renewal date \"03/04/2027\" could be 3 April 2027 or 4 March 2027. \
                 Choose the right one.",
            ),
            (
                Problem::RenewalConflict {
                    values: vec![ymd(2027, 3, 31), ymd(2027, 6, 30)],
                },
                "This page shows different renewal dates (31 March 2027, 30 June 2027). \
                 Choose the right one.",
            ),
        ];
        for (problem, message) in cases {
            assert_eq!(problem.message(), message);
        }
    }

    #[test]
    fn problems_are_tagged_kebab_case() {
        let json = serde_json::to_value(Problem::ArrFromMrr { mrr: usd(100) }).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "arr-from-mrr", "mrr": { "cents": 100, "currency": "USD" } })
        );
    }
}
