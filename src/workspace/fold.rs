//! The fold cache: one derived, rebuildable record per escalation
//! (`defuse:fold:<escalation>`) holding what the reminders and the panel's
//! list need, so a wake-up reads 500 small folds instead of decoding 30,000
//! event records.
//!
//! A fold is never the truth, only a shortcut. It names the event keys it
//! was folded from (their count, the greatest, and a digest of all of
//! them), so whether it is still fresh is decided from the storage key list
//! alone: two tabs appending at once, an import, a record removed by hand
//! all change the list. It also says the settings it was computed with and
//! until when its deadline picture holds (`valid_until`, from the engine's
//! `next_wakeup`): after that instant, or with other settings, it is stale.
//! A fold that is missing, unreadable, of another version or stale is
//! ignored and the escalation is decoded from its events again (and its
//! fold rewritten). Folds are not events: they are never exported, never
//! imported, and never call for a new reminder plan.

use crate::engine::{
    deadlines, next_action, next_wakeup, Config, DeadlineKind, DeadlineStatus, Escalation,
    RestorationStep, Stage, TimeZoneRules,
};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Quarantined;

/// The fold record's schema; any other version is ignored and rebuilt.
pub const FOLD_VERSION: u32 = 1;

/// An open deadline as the reminders need it (the alarms' instants and the
/// notification's wording), independent of the `now` it was computed at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenDeadline {
    pub kind: DeadlineKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<RestorationStep>,
    pub due: DateTime<Utc>,
    pub due_soon_from: DateTime<Utc>,
    /// The due time on the CSM's clock, and whether their zone was known.
    pub csm_local: NaiveDateTime,
    pub zone_known: bool,
}

/// The list entry's next action, as the panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FoldNext {
    pub label: String,
    pub due: Option<DateTime<Utc>>,
    pub status: Option<DeadlineStatus>,
}

/// Where the fold came from: the escalation's event keys in storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub events: usize,
    /// The greatest event key (keys are unique; a new one usually sorts last).
    pub last: String,
    /// FNV-1a 64 of every event key, sorted, as 16 hex digits.
    pub digest: String,
}

impl Source {
    /// The source of a set of event keys (any order).
    pub fn of<'a>(keys: impl IntoIterator<Item = &'a str>) -> Source {
        let mut keys: Vec<&str> = keys.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for k in &keys {
            for b in k.bytes().chain(std::iter::once(0u8)) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        Source {
            events: keys.len(),
            last: keys.last().map(|k| k.to_string()).unwrap_or_default(),
            digest: format!("{hash:016x}"),
        }
    }
}

/// One escalation, folded: what the reminder plan and the panel's list read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fold {
    pub v: u32,
    pub source: Source,
    /// The settings the deadlines were computed with.
    pub business_days: bool,
    pub folded_at: DateTime<Utc>,
    /// The deadline picture holds for `folded_at <= now < valid_until`;
    /// `None`: until the events change.
    pub valid_until: Option<DateTime<Utc>>,
    /// The escalation id (as its events name it).
    pub id: String,
    /// False for events without an opening event: no escalation to show.
    pub opened: bool,
    pub account: String,
    pub crm_url: Option<String>,
    pub csm_zone: String,
    pub stage: Stage,
    /// When the first event happened (the list prefers the newest).
    pub started_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Overdue deadlines (the badge counts them for escalations not closed).
    pub overdue: usize,
    /// Open deadlines (upcoming, due soon or overdue), soonest first.
    pub deadlines: Vec<OpenDeadline>,
    pub next: FoldNext,
    /// This escalation's records that could not be read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<Quarantined>,
}

impl Fold {
    /// Folds `state` (from the events whose keys make `source`) at `now`.
    pub fn build(
        state: &Escalation,
        source: Source,
        unreadable: Vec<Quarantined>,
        now: DateTime<Utc>,
        rules: &dyn TimeZoneRules,
        config: &Config,
    ) -> Fold {
        let due = deadlines(state, now, rules, config);
        let next = next_action(state, now, rules, config);
        let opened = state.opened.as_ref();
        // Severity (how early "due soon" starts) reads today's date when a
        // renewal is known: such a picture holds until midnight UTC at most.
        let midnight = opened
            .and_then(|o| o.renewal)
            .filter(|_| due.iter().any(|d| d.status.is_open()))
            .and_then(|_| now.date_naive().succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc());
        let wake = next_wakeup(state, now, rules, config);
        let valid_until = match (wake, midnight) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Fold {
            v: FOLD_VERSION,
            source,
            business_days: config.business_days,
            folded_at: now,
            valid_until,
            id: state.id.clone(),
            opened: opened.is_some(),
            account: opened.map(|o| o.account.clone()).unwrap_or_default(),
            crm_url: opened.and_then(|o| o.crm_url.clone()),
            csm_zone: opened.map(|o| o.csm_zone.clone()).unwrap_or_default(),
            stage: state.stage,
            started_at: state.log.first().map(|e| e.at),
            closed_at: state.closed_at,
            overdue: due
                .iter()
                .filter(|d| d.status == DeadlineStatus::Overdue)
                .count(),
            deadlines: due
                .iter()
                .filter(|d| d.status.is_open())
                .map(|d| OpenDeadline {
                    kind: d.kind,
                    step: d.step,
                    due: d.due,
                    due_soon_from: d.due_soon_from,
                    csm_local: d.csm_due.local,
                    zone_known: d.csm_due.zone_known,
                })
                .collect(),
            next: FoldNext {
                label: next.label,
                due: next.due,
                status: next.status,
            },
            unreadable,
        }
    }

    /// Whether this fold stands for the events whose keys make `source`,
    /// computed with `business_days`, at `now`.
    pub fn is_fresh(&self, source: &Source, business_days: bool, now: DateTime<Utc>) -> bool {
        self.v == FOLD_VERSION
            && self.source == *source
            && self.business_days == business_days
            && self.folded_at <= now
            && self.valid_until.is_none_or(|until| now < until)
    }

    /// Closed, with nothing left to remind of.
    pub fn is_quiet(&self) -> bool {
        !self.opened || self.stage == Stage::Closed
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored fold, or `None` when it cannot be read (it is then rebuilt:
    /// a fold is derived data, never the only copy of anything).
    pub fn decode(text: &str) -> Option<Fold> {
        serde_json::from_str::<Fold>(text)
            .ok()
            .filter(|f| f.v == FOLD_VERSION)
    }
}
