//! Saturating instant arithmetic: event times come from stored records, so an
//! absurd date must clamp, never overflow.

use chrono::{DateTime, TimeDelta, Utc};

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
