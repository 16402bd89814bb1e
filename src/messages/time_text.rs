//! Times and dates as the customer reads them ("4:30 PM CET today",
//! "Nov 27, 2026"). Written by hand rather than with chrono's formatter: the
//! output is small, fixed, English, and this keeps the wasm lean.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Weekday};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "4:30 PM", "12:05 AM".
pub fn clock(at: &DateTime<FixedOffset>) -> String {
    let (pm, hour12) = at.hour12();
    let meridiem = if pm { "PM" } else { "AM" };
    format!("{hour12}:{:02} {meridiem}", at.minute())
}

/// "Nov 27, 2026".
pub fn date(day: NaiveDate) -> String {
    let month = MONTHS.get(day.month0() as usize).copied().unwrap_or("");
    format!("{month} {}, {}", day.day(), day.year())
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "Friday, Nov 28".
pub fn weekday_date(day: NaiveDate) -> String {
    let month = MONTHS.get(day.month0() as usize).copied().unwrap_or("");
    format!("{}, {month} {}", weekday_name(day.weekday()), day.day())
}

/// How far a moment is from today, in the moment's own zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRelation {
    Today,
    Tomorrow,
    Other,
}

/// Compares calendar days in the zone of `at` (the customer's zone).
pub fn day_relation(at: &DateTime<FixedOffset>, now: &DateTime<FixedOffset>) -> DayRelation {
    let today = now.with_timezone(at.offset()).date_naive();
    let day = at.date_naive();
    if day == today {
        DayRelation::Today
    } else if today.succ_opt() == Some(day) {
        DayRelation::Tomorrow
    } else {
        DayRelation::Other
    }
}

/// "4:30 PM CET today", "9:00 AM CET tomorrow (Friday, Nov 28)",
/// "9:00 AM CET on Monday, Dec 1".
pub fn moment(at: &DateTime<FixedOffset>, zone_label: &str, now: &DateTime<FixedOffset>) -> String {
    let zone = zone_label.trim();
    let time = if zone.is_empty() {
        clock(at)
    } else {
        format!("{} {zone}", clock(at))
    };
    match day_relation(at, now) {
        DayRelation::Today => format!("{time} today"),
        DayRelation::Tomorrow => format!("{time} tomorrow ({})", weekday_date(at.date_naive())),
        DayRelation::Other => format!("{time} on {}", weekday_date(at.date_naive())),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn cet(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(3600)
            .and_then(|z| z.with_ymd_and_hms(y, m, d, h, min, 0).single())
            .unwrap_or_default()
    }

    #[test]
    fn clock_is_twelve_hour() {
        assert_eq!(clock(&cet(2026, 11, 27, 16, 30)), "4:30 PM");
        assert_eq!(clock(&cet(2026, 11, 27, 0, 5)), "12:05 AM");
        assert_eq!(clock(&cet(2026, 11, 27, 12, 0)), "12:00 PM");
    }

    #[test]
    fn moments_relative_to_now() {
        let now = cet(2026, 11, 27, 10, 0);
        assert_eq!(
            moment(&cet(2026, 11, 27, 16, 30), "CET", &now),
            "4:30 PM CET today"
        );
        assert_eq!(
            moment(&cet(2026, 11, 28, 9, 0), "CET", &now),
            "9:00 AM CET tomorrow (Saturday, Nov 28)"
        );
        assert_eq!(
            moment(&cet(2026, 12, 1, 9, 0), "", &now),
            "9:00 AM on Tuesday, Dec 1"
        );
    }

    #[test]
    fn today_is_judged_in_the_customers_zone() {
        // 23:30 UTC on the 26th is already the 27th in CET.
        let now_utc = FixedOffset::east_opt(0)
            .and_then(|z| z.with_ymd_and_hms(2026, 11, 26, 23, 30, 0).single())
            .unwrap_or_default();
        assert_eq!(
            day_relation(&cet(2026, 11, 27, 9, 0), &now_utc),
            DayRelation::Today
        );
    }

    proptest! {
        #[test]
        fn date_always_names_a_month(days in 0i64..200_000) {
            let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
            let text = date(day);
            prop_assert!(MONTHS.iter().any(|m| text.starts_with(m)));
        }
    }
}
