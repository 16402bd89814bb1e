//! The engine's settings: cadence mode, reminder lead times and severity
//! thresholds. Everything has a documented default.

use serde::Serialize;

use super::severity::SeverityConfig;

/// How long before a deadline it counts as "due soon", in minutes, for a
/// standard account (scaled up by severity, see `SeverityConfig`).
///
/// Defaults: acknowledgment 30 min, triage 10 min (its whole budget is only
/// 30 min), first update 30 min, daily update 2 h, close-out 12 h,
/// restoration 3 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueSoonMinutes {
    pub acknowledgment: u32,
    pub triage: u32,
    pub first_update: u32,
    pub daily_update: u32,
    pub closeout: u32,
    pub restoration: u32,
}

crate::read_struct!(DueSoonMinutes {
    acknowledgment: "acknowledgment",
    triage: "triage",
    first_update: "firstUpdate",
    daily_update: "dailyUpdate",
    closeout: "closeout",
    restoration: "restoration",
});

impl Default for DueSoonMinutes {
    fn default() -> Self {
        DueSoonMinutes {
            acknowledgment: 30,
            triage: 10,
            first_update: 30,
            daily_update: 120,
            closeout: 12 * 60,
            restoration: 3 * 24 * 60,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// When set, a daily update that would fall on the customer's Saturday or
    /// Sunday is due at the same local time on the next Monday instead.
    pub business_days: bool,
    pub due_soon: DueSoonMinutes,
    pub severity: SeverityConfig,
}

crate::read_struct!(Config {
    business_days: "businessDays",
    due_soon: "dueSoon",
    severity: "severity",
});
