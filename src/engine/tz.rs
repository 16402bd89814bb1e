//! Local time without a tz database. The core asks a `TimeZoneRules`
//! implementation for UTC offsets (the web layer answers with the browser's
//! `Intl`; tests answer from a table of real offsets) and falls back to UTC,
//! with a flag, when a zone is unknown.

use chrono::{DateTime, Datelike, NaiveDateTime, TimeDelta, Utc, Weekday};
use serde::Serialize;

use super::time::{add, sub};

/// Answers "what is the UTC offset of `zone` at instant `at`?".
pub trait TimeZoneRules {
    /// Seconds east of UTC, or `None` when the zone name is unknown.
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> Option<i32>;
}

/// Knows only UTC; every other zone is unknown (and so falls back to UTC).
#[derive(Debug, Clone, Copy, Default)]
pub struct UtcOnly;

impl TimeZoneRules for UtcOnly {
    fn offset_seconds(&self, zone: &str, _at: DateTime<Utc>) -> Option<i32> {
        matches!(zone, "UTC" | "Etc/UTC" | "GMT").then_some(0)
    }
}

/// An instant as read on a wall clock in some zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalTime {
    pub local: NaiveDateTime,
    pub offset_seconds: i32,
    /// False when the zone was unknown and UTC was used instead.
    pub zone_known: bool,
}

/// Real offsets stay within ±18 h; anything beyond is a broken answer.
const MAX_OFFSET_SECONDS: i32 = 18 * 3600;

fn offset_at(rules: &dyn TimeZoneRules, zone: &str, at: DateTime<Utc>) -> Option<i32> {
    rules
        .offset_seconds(zone, at)
        .filter(|s| s.abs() <= MAX_OFFSET_SECONDS)
}

/// Reads `at` on the wall clock of `zone`.
pub fn to_local(rules: &dyn TimeZoneRules, zone: &str, at: DateTime<Utc>) -> LocalTime {
    let (offset, known) = match offset_at(rules, zone, at) {
        Some(s) => (s, true),
        None => (0, false),
    };
    LocalTime {
        local: add(at, TimeDelta::seconds(i64::from(offset))).naive_utc(),
        offset_seconds: offset,
        zone_known: known,
    }
}

/// The instant at which the wall clock of `zone` shows `local`. Asks for the
/// offset twice so a wall time on the other side of a DST change gets that
/// side's offset; a wall time inside a spring-forward gap lands just after it.
pub fn from_local(rules: &dyn TimeZoneRules, zone: &str, local: NaiveDateTime) -> DateTime<Utc> {
    let as_utc = local.and_utc();
    let first = offset_at(rules, zone, as_utc).unwrap_or(0);
    let guess = sub(as_utc, TimeDelta::seconds(i64::from(first)));
    let second = offset_at(rules, zone, guess).unwrap_or(first);
    sub(as_utc, TimeDelta::seconds(i64::from(second)))
}

/// Moves an instant that falls on a Saturday or Sunday in `zone` to the same
/// wall-clock time on the following Monday.
pub fn skip_weekend(rules: &dyn TimeZoneRules, zone: &str, at: DateTime<Utc>) -> DateTime<Utc> {
    let local = to_local(rules, zone, at).local;
    let days = match local.weekday() {
        Weekday::Sat => 2,
        Weekday::Sun => 1,
        _ => return at,
    };
    match local.checked_add_signed(TimeDelta::days(days)) {
        Some(monday) => from_local(rules, zone, monday),
        None => at,
    }
}
