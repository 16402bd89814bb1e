//! Presentation decisions the panel needs, kept pure so they are tested
//! natively: the countdown to the next required message (its text, its
//! urgency and when the next tick is due), human durations, and labels.
//! The web layer only puts these strings into the DOM.

use crate::engine::{DeadlineKind, DeadlineStatus, LocalTime};
use crate::messages::TimeStyle;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The kebab-case name of an enum value, as the JS API and the panel's
/// `data-*` attributes and form values write it (its serde name).
pub fn kebab<T: crate::json::WireName>(value: &T) -> String {
    value.wire_name().to_string()
}

/// The enum value a kebab-case name stands for, if any.
pub fn from_kebab<T: crate::json::FromValue>(name: &str) -> Option<T> {
    crate::json::read(serde_json::Value::String(name.to_string())).ok()
}

/// Under this much time left the countdown ticks every second.
const SECOND_TICKS_BELOW_MS: i64 = 60 * 60 * 1000;

/// "1 h 05 min", "42 min 07 s", "3 d 4 h": precise when it matters, calm otherwise.
pub fn human_duration(ms: i64) -> String {
    let total = ms.unsigned_abs() / 1000;
    let (d, h, m, s) = (
        total / 86_400,
        (total / 3600) % 24,
        (total / 60) % 60,
        total % 60,
    );
    if d > 0 {
        format!("{d} d {h} h")
    } else if h > 0 {
        format!("{h} h {m:02} min")
    } else if m > 0 {
        format!("{m} min {s:02} s")
    } else {
        format!("{s} s")
    }
}

pub fn deadline_label(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Acknowledgment => "Acknowledgment",
        DeadlineKind::Triage => "Internal triage",
        DeadlineKind::FirstUpdate => "First status update",
        DeadlineKind::DailyUpdate => "Daily status update",
        DeadlineKind::Closeout => "Close-out document",
        DeadlineKind::Restoration => "Restoration step",
    }
}

pub fn status_label(status: DeadlineStatus) -> &'static str {
    match status {
        DeadlineStatus::Upcoming => "upcoming",
        DeadlineStatus::DueSoon => "due soon",
        DeadlineStatus::Overdue => "overdue",
        DeadlineStatus::Met => "met",
        DeadlineStatus::Missed => "missed",
    }
}

/// A wall-clock time as the panel shows it, in the CSM's time style (the one
/// drafts use): "Fri, Nov 27, 4:30 PM (CST, UTC-06:00)" for `en-US`,
/// "Fri, 27 Nov, 16:30 (CET, UTC+01:00)" for `de-DE`.
pub fn local_label(t: &LocalTime, zone_name: &str, style: TimeStyle) -> String {
    let off = t.offset_seconds;
    let sign = if off < 0 { '-' } else { '+' };
    let abs = off.unsigned_abs();
    let zone = if t.zone_known {
        zone_name.to_string()
    } else {
        format!("{zone_name}, unknown zone: shown in UTC")
    };
    format!(
        "{} ({zone}, UTC{sign}{:02}:{:02})",
        style.short_date_time(t.local),
        abs / 3600,
        (abs / 60) % 60
    )
}

/// What the countdown shows at `now`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Countdown {
    pub kind: DeadlineKind,
    pub status: DeadlineStatus,
    /// "Acknowledgment due in 1 h 05 min" or "Acknowledgment overdue by 12 min 03 s".
    pub headline: String,
    pub overdue: bool,
    /// Milliseconds until the next tick should redraw it.
    pub next_tick_ms: i64,
}

/// The countdown to `due` at `now`. Ticks land on whole seconds (under an
/// hour left, or when overdue by under an hour) or whole minutes (otherwise),
/// and never later than `wakeup` (the next status change).
pub fn countdown(
    kind: DeadlineKind,
    status: DeadlineStatus,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
    wakeup: Option<DateTime<Utc>>,
) -> Countdown {
    let left = (due - now).num_milliseconds();
    let overdue = left < 0;
    let label = deadline_label(kind);
    let headline = if overdue {
        format!("{label} overdue by {}", human_duration(left))
    } else {
        format!("{label} due in {}", human_duration(left))
    };
    let unit = if left.abs() < SECOND_TICKS_BELOW_MS {
        1000
    } else {
        60_000
    };
    // Time until the displayed value changes: the remainder to the next unit boundary.
    let rem = left.rem_euclid(unit);
    let mut next = if rem == 0 { unit } else { rem };
    // Crossing the one-hour line switches to second ticks: do not overshoot it.
    if unit == 60_000 && left > SECOND_TICKS_BELOW_MS {
        next = next.min(left - SECOND_TICKS_BELOW_MS).max(1);
    }
    if let Some(w) = wakeup {
        let to_wake = (w - now).num_milliseconds();
        if to_wake > 0 {
            next = next.min(to_wake);
        }
    }
    Countdown {
        kind,
        status,
        headline,
        overdue,
        next_tick_ms: next.max(1),
    }
}

/// Splits `text` around the UTF-16 range `[start, end)` (the coach's offsets)
/// into a short excerpt: (before, flagged, after), cut to about `context`
/// characters each side. Out-of-range offsets give an empty flag.
pub fn excerpt(text: &str, start: u32, end: u32, context: usize) -> (String, String, String) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (s, e) = (start as usize, end as usize);
    if s > e || e > units.len() {
        return (String::new(), String::new(), String::new());
    }
    let part = |a: usize, b: usize| String::from_utf16_lossy(units.get(a..b).unwrap_or(&[]));
    let before = part(0, s);
    let flagged = part(s, e);
    let after = part(e, units.len());
    let before: String = {
        let chars: Vec<char> = before.chars().collect();
        let cut = chars.len().saturating_sub(context);
        let head = if cut > 0 { "…" } else { "" };
        format!(
            "{head}{}",
            chars.get(cut..).unwrap_or(&[]).iter().collect::<String>()
        )
    };
    let after: String = {
        let chars: Vec<char> = after.chars().collect();
        let tail = if chars.len() > context { "…" } else { "" };
        format!("{}{tail}", chars.iter().take(context).collect::<String>())
    };
    (before, flagged, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        let parsed = DateTime::parse_from_rfc3339(s);
        assert!(parsed.is_ok(), "not an RFC 3339 time: {s}");
        parsed.map(|d| d.with_timezone(&Utc)).unwrap_or_default()
    }

    #[test]
    fn excerpts_cut_on_utf16_offsets() {
        // "é" and the emoji are 1 and 2 UTF-16 units.
        let text = "Hé 🙂 it's fixed now";
        let start = text.encode_utf16().count() as u32 - 9;
        let (b, f, a) = excerpt(text, start, start + 5, 3);
        assert_eq!(
            (b.as_str(), f.as_str(), a.as_str()),
            ("…'s ", "fixed", " no…")
        );
        assert_eq!(
            excerpt(text, 5, 99, 3),
            (String::new(), String::new(), String::new())
        );
    }

    #[test]
    fn durations_read_calmly() {
        assert_eq!(human_duration(0), "0 s");
        assert_eq!(human_duration(59_999), "59 s");
        assert_eq!(human_duration(61_000), "1 min 01 s");
        assert_eq!(human_duration(3_900_000), "1 h 05 min");
        assert_eq!(human_duration(-3_900_000), "1 h 05 min");
        assert_eq!(human_duration(2 * 86_400_000 + 3 * 3_600_000), "2 d 3 h");
    }

    #[test]
    fn ticks_every_minute_above_an_hour_and_every_second_below() {
        let due = t("2026-11-27T12:00:00Z");
        let far = countdown(
            DeadlineKind::Acknowledgment,
            DeadlineStatus::Upcoming,
            due,
            t("2026-11-27T09:30:20Z"),
            None,
        );
        assert_eq!(far.headline, "Acknowledgment due in 2 h 29 min");
        assert_eq!(far.next_tick_ms, 40_000);
        let near = countdown(
            DeadlineKind::Acknowledgment,
            DeadlineStatus::DueSoon,
            due,
            t("2026-11-27T11:30:00.250Z"),
            None,
        );
        assert_eq!(near.headline, "Acknowledgment due in 29 min 59 s");
        assert_eq!(near.next_tick_ms, 750);
        // Just above the hour: the next tick lands on the hour line, not a minute later.
        let edge = countdown(
            DeadlineKind::DailyUpdate,
            DeadlineStatus::Upcoming,
            due,
            t("2026-11-27T10:59:30Z"),
            None,
        );
        assert_eq!(edge.next_tick_ms, 30_000);
    }

    #[test]
    fn overdue_counts_up_and_a_status_change_wakes_it_early() {
        let due = t("2026-11-27T12:00:00Z");
        let late = countdown(
            DeadlineKind::Triage,
            DeadlineStatus::Overdue,
            due,
            t("2026-11-27T12:12:03.400Z"),
            None,
        );
        assert!(late.overdue);
        assert_eq!(late.headline, "Internal triage overdue by 12 min 03 s");
        assert_eq!(late.next_tick_ms, 600);
        let woken = countdown(
            DeadlineKind::Acknowledgment,
            DeadlineStatus::Upcoming,
            due,
            t("2026-11-27T09:00:00Z"),
            Some(t("2026-11-27T09:00:05Z")),
        );
        assert_eq!(woken.next_tick_ms, 5_000);
    }
}
