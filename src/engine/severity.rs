//! How much is at stake for the account, from its ARR and the days left to
//! its renewal. Severity picks the DRI's role and how early reminders come.

use chrono::NaiveDate;
use serde::Serialize;

use crate::account::Money;

crate::unit_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Severity {
        Standard = "standard",
        High = "high",
        Critical = "critical",
    }
}

/// Thresholds, in whole major units of the account's currency (the currency
/// itself is not converted) and in days to renewal.
///
/// Defaults: ARR ≥ 250,000 or renewal within 90 days → `high`; ARR ≥
/// 1,000,000 or renewal within 30 days → `critical`. Unknown ARR or an
/// unknown renewal date never lowers severity (the other fact still counts);
/// a renewal date already in the past is treated as unknown, since it is
/// stale CRM data rather than an imminent renewal.
///
/// Reminder lead times (the "due soon" windows) are multiplied by
/// `high_lead_percent` / `critical_lead_percent` so that a bigger account is
/// reminded earlier. Defaults: 150 % and 200 %.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeverityConfig {
    pub high_arr: i64,
    pub critical_arr: i64,
    pub high_renewal_days: i64,
    pub critical_renewal_days: i64,
    pub high_lead_percent: u32,
    pub critical_lead_percent: u32,
}

crate::read_struct!(SeverityConfig {
    high_arr: "highArr",
    critical_arr: "criticalArr",
    high_renewal_days: "highRenewalDays",
    critical_renewal_days: "criticalRenewalDays",
    high_lead_percent: "highLeadPercent",
    critical_lead_percent: "criticalLeadPercent",
});

impl Default for SeverityConfig {
    fn default() -> Self {
        SeverityConfig {
            high_arr: 250_000,
            critical_arr: 1_000_000,
            high_renewal_days: 90,
            critical_renewal_days: 30,
            high_lead_percent: 150,
            critical_lead_percent: 200,
        }
    }
}

/// A severity with the sentence that explains it to the CSM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeverityAssessment {
    pub level: Severity,
    pub reason: String,
}

/// Judges the account. `today` is the date the renewal is counted from.
pub fn assess_severity(
    arr: Option<&Money>,
    renewal: Option<NaiveDate>,
    today: NaiveDate,
    config: &SeverityConfig,
) -> SeverityAssessment {
    let mut reasons: Vec<(Severity, String)> = Vec::new();
    if let Some(arr) = arr {
        let units = arr.major_units();
        if units >= config.critical_arr {
            reasons.push((
                Severity::Critical,
                format!("ARR {arr} is at least {}", config.critical_arr),
            ));
        } else if units >= config.high_arr {
            reasons.push((
                Severity::High,
                format!("ARR {arr} is at least {}", config.high_arr),
            ));
        }
    }
    if let Some(renewal) = renewal {
        let days = (renewal - today).num_days();
        if days >= 0 && days <= config.critical_renewal_days {
            reasons.push((
                Severity::Critical,
                format!(
                    "renewal in {days} days (within {})",
                    config.critical_renewal_days
                ),
            ));
        } else if days >= 0 && days <= config.high_renewal_days {
            reasons.push((
                Severity::High,
                format!(
                    "renewal in {days} days (within {})",
                    config.high_renewal_days
                ),
            ));
        }
    }
    let level = reasons
        .iter()
        .map(|(level, _)| *level)
        .max()
        .unwrap_or(Severity::Standard);
    let reason = if reasons.is_empty() {
        "ARR and renewal are below the thresholds or unknown".to_string()
    } else {
        reasons
            .into_iter()
            .filter(|(l, _)| *l == level)
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
            .join(" and ")
    };
    SeverityAssessment { level, reason }
}

/// The percentage applied to reminder lead times at this severity.
pub fn lead_percent(level: Severity, config: &SeverityConfig) -> u32 {
    match level {
        Severity::Standard => 100,
        Severity::High => config.high_lead_percent,
        Severity::Critical => config.critical_lead_percent,
    }
}

/// The severity of an escalation's account as of `now` (renewal days are
/// counted from the UTC date of `now`).
pub fn escalation_severity(
    state: &super::state::Escalation,
    now: chrono::DateTime<chrono::Utc>,
    config: &SeverityConfig,
) -> SeverityAssessment {
    let opened = state.opened.as_ref();
    assess_severity(
        opened.and_then(|o| o.arr.as_ref()),
        opened.and_then(|o| o.renewal),
        now.date_naive(),
        config,
    )
}
