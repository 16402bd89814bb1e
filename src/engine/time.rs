//! Saturating instant arithmetic: event times come from stored records, so an
//! absurd date must clamp, never overflow.

use chrono::{DateTime, NaiveDate, TimeDelta, Timelike, Utc};

pub fn add(at: DateTime<Utc>, delta: TimeDelta) -> DateTime<Utc> {
    at.checked_add_signed(delta)
        .unwrap_or(if delta < TimeDelta::zero() {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

pub fn sub(at: DateTime<Utc>, delta: TimeDelta) -> DateTime<Utc> {
    add(at, -delta)
}

pub fn minutes(m: u32) -> TimeDelta {
    TimeDelta::minutes(i64::from(m))
}

/// The earliest and latest instants every JavaScript date parser reads from
/// an ISO string: years 0 to 9999 (a wider year needs the six-digit form
/// chrono does not write).
pub fn js_range() -> (DateTime<Utc>, DateTime<Utc>) {
    let first = NaiveDate::from_ymd_opt(0, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(DateTime::<Utc>::MIN_UTC, |t| t.and_utc());
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 999))
        .map_or(DateTime::<Utc>::MAX_UTC, |t| t.and_utc());
    (first, last)
}

/// Whether `at` can be handed to JavaScript as it is: within years 0–9999
/// and not a leap second (JavaScript has no 23:59:60).
pub fn is_js_instant(at: DateTime<Utc>) -> bool {
    let (first, last) = js_range();
    at >= first && at <= last && at.nanosecond() < 1_000_000_000
}

/// `at` made readable by JavaScript: a leap second becomes the last
/// millisecond before it, and an instant outside years 0–9999 is clamped to
/// the nearest end of that range.
pub fn js_instant(at: DateTime<Utc>) -> DateTime<Utc> {
    let at = if at.nanosecond() >= 1_000_000_000 {
        at.with_nanosecond(999_000_000).unwrap_or(at)
    } else {
        at
    };
    let (first, last) = js_range();
    at.clamp(first, last)
}
