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
    NextAction, RestorationStep, Stage, TimeZoneRules,
};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;

use super::Quarantined;

/// The fold record's schema; any other version is ignored and rebuilt.
pub const FOLD_VERSION: u32 = 1;

/// An open deadline as the reminders need it (the alarms' instants and the
/// notification's wording), independent of the `now` it was computed at.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

crate::read_struct!(OpenDeadline {
    kind: "kind",
    step: "step" default,
    due: "due",
    due_soon_from: "dueSoonFrom",
    csm_local: "csmLocal",
    zone_known: "zoneKnown",
});

/// Where the fold came from: the escalation's event keys in storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub events: usize,
    /// Two 64-bit sums over every event key's hash, as 32 hex digits.
    pub digest: String,
}

crate::read_struct!(Source {
    events: "events",
    digest: "digest",
});

impl Source {
    /// The source of a set of event keys, in any order: the digest
    /// combines each key's hash by addition, so no sort is needed (the key
    /// list of 30,000 events is read at every wake-up). A key removed and
    /// another added (same count, even the same greatest key) changes it.
    pub fn of<'a>(keys: impl IntoIterator<Item = &'a str>) -> Source {
        let mut sum = SourceSum::default();
        for k in keys {
            sum.add(k);
        }
        sum.finish()
    }
}

/// A [`Source`] being summed, one key at a time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceSum {
    events: usize,
    sum: u64,
    mix: u64,
}

impl SourceSum {
    /// Adds an event key (`defuse:ev:<escalation>:<id>`).
    pub fn add(&mut self, key: &str) {
        let id = key
            .strip_prefix(super::keys::EVENT_PREFIX)
            .and_then(|rest| rest.split_once(':'))
            .map_or(key, |(_, id)| id);
        self.add_id(id);
    }

    /// Adds an event id: the escalation is the same for every key summed,
    /// so only the rest of the key is hashed.
    pub fn add_id(&mut self, id: &str) {
        let h = key_hash(id);
        self.events += 1;
        self.sum = self.sum.wrapping_add(h);
        self.mix ^= h.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    pub fn finish(self) -> Source {
        Source {
            events: self.events,
            digest: format!("{:016x}{:016x}", self.sum, self.mix),
        }
    }
}

/// A key's hash, eight bytes at a time (FxHash's step, with the length
/// mixed in): the wake-up hashes every event key in storage.
fn key_hash(key: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = key.len() as u64;
    let bytes = key.as_bytes();
    let mut at = 0;
    while let Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) = bytes.get(at..at + 8) {
        h = (h.rotate_left(5) ^ u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]))
            .wrapping_mul(K);
        at += 8;
    }
    let mut w = [0u8; 8];
    for (slot, b) in w.iter_mut().zip(bytes.get(at..).unwrap_or_default()) {
        *slot = *b;
    }
    h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    // Final avalanche, so sums of hashes of similar keys spread.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// What a fold's key says about it, so a wake-up judges a fold from the
/// key list alone and reads only the folds it will use:
/// `defuse:fold:<escalation>:<v>.<events>.<digest>.<business days 0|1>.<q|o>.<unreadable>.<folded at ms>.<valid until ms or ->`
/// (`q`: closed, nothing to remind of; `o`: open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub v: u32,
    pub source: Source,
    pub business_days: bool,
    pub quiet: bool,
    pub unreadable: usize,
    pub folded_at_ms: i64,
    pub valid_until_ms: Option<i64>,
}

impl Stamp {
    pub fn parse(text: &str) -> Option<Stamp> {
        let mut p = text.split('.');
        let v = p.next()?.parse().ok()?;
        let events = p.next()?.parse().ok()?;
        let digest = p.next()?;
        let business_days = match p.next()? {
            "0" => false,
            "1" => true,
            _ => return None,
        };
        let quiet = match p.next()? {
            "q" => true,
            "o" => false,
            _ => return None,
        };
        let unreadable = p.next()?.parse().ok()?;
        let folded_at_ms = p.next()?.parse().ok()?;
        let valid_until_ms = match p.next()? {
            "-" => None,
            ms => Some(ms.parse().ok()?),
        };
        if p.next().is_some()
            || digest.len() != 32
            || !digest.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return None;
        }
        Some(Stamp {
            v,
            source: Source {
                events,
                digest: digest.to_string(),
            },
            business_days,
            quiet,
            unreadable,
            folded_at_ms,
            valid_until_ms,
        })
    }

    pub fn text(&self) -> String {
        format!(
            "{}.{}.{}.{}.{}.{}.{}.{}",
            self.v,
            self.source.events,
            self.source.digest,
            u8::from(self.business_days),
            if self.quiet { "q" } else { "o" },
            self.unreadable,
            self.folded_at_ms,
            self.valid_until_ms
                .map_or_else(|| "-".to_string(), |ms| ms.to_string())
        )
    }

    /// Whether the fold stands for the events whose keys make `source`,
    /// with these settings, at `now`. A closed escalation's fold holds no
    /// deadline, so the settings do not matter to it.
    pub fn is_fresh(&self, source: &Source, business_days: bool, now: DateTime<Utc>) -> bool {
        let now_ms = now.timestamp_millis();
        self.v == FOLD_VERSION
            && self.source == *source
            && (self.quiet || self.business_days == business_days)
            && self.folded_at_ms <= now_ms
            && self.valid_until_ms.is_none_or(|until| now_ms < until)
    }
}

/// Zone rules that ask each `(zone, instant)` once.
struct Memo<'a> {
    inner: &'a dyn TimeZoneRules,
    seen: RefCell<HashMap<(String, i64), Option<i32>>>,
}

impl<'a> Memo<'a> {
    fn new(inner: &'a dyn TimeZoneRules) -> Memo<'a> {
        Memo {
            inner,
            seen: RefCell::new(HashMap::new()),
        }
    }
}

impl TimeZoneRules for Memo<'_> {
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> Option<i32> {
        let key = (zone.to_string(), at.timestamp_micros());
        if let Some(found) = self.seen.borrow().get(&key) {
            return *found;
        }
        let found = self.inner.offset_seconds(zone, at);
        self.seen.borrow_mut().insert(key, found);
        found
    }
}

/// One escalation, folded: what the reminder plan and the panel's list read.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// The list's next action (as of `folded_at`, holding until `valid_until`).
    pub next: NextAction,
    /// This escalation's records that could not be read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<Quarantined>,
}

crate::read_struct!(Fold {
    v: "v",
    source: "source",
    business_days: "businessDays",
    folded_at: "foldedAt",
    valid_until: "validUntil",
    id: "id",
    opened: "opened",
    account: "account",
    crm_url: "crmUrl",
    csm_zone: "csmZone",
    stage: "stage",
    started_at: "startedAt",
    closed_at: "closedAt",
    overdue: "overdue",
    deadlines: "deadlines",
    next: "next",
    unreadable: "unreadable" default,
});

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
        // Closed: nothing to remind of, nothing overdue (as the badge
        // counts), and nothing that changes with time.
        let quiet = state.opened.is_none() || state.stage == Stage::Closed;
        // The three walks below ask the same zone offsets; in the browser
        // each is an Intl call, so they are asked once.
        let rules = Memo::new(rules);
        let due = if quiet {
            Vec::new()
        } else {
            deadlines(state, now, &rules, config)
        };
        let next = next_action(state, now, &rules, config);
        let opened = state.opened.as_ref();
        // Severity (how early "due soon" starts) reads today's date when a
        // renewal is known: such a picture holds until midnight UTC at most.
        let midnight = opened
            .and_then(|o| o.renewal)
            .filter(|_| due.iter().any(|d| d.status.is_open()))
            .and_then(|_| now.date_naive().succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc());
        let wake = if quiet {
            None
        } else {
            next_wakeup(state, now, &rules, config)
        };
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
            next,
            unreadable,
        }
    }

    /// What its key says about it.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            v: self.v,
            source: self.source.clone(),
            business_days: self.business_days,
            quiet: self.is_quiet(),
            unreadable: self.unreadable.len(),
            folded_at_ms: self.folded_at.timestamp_millis(),
            // Rounded down: the picture may be judged stale a little early,
            // never late.
            valid_until_ms: self.valid_until.map(|t| t.timestamp_millis()),
        }
    }

    /// The storage key of this fold.
    pub fn key(&self, escalation: &str) -> String {
        super::keys::fold(escalation, &self.stamp().text())
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
        crate::json::read_text::<Fold>(text)
            .ok()
            .filter(|f| f.v == FOLD_VERSION)
    }
}
