//! Times and dates as the customer reads them ("4:30 PM CET today",
//! "Nov 27, 2026" — or "16:30 CET today", "27 Nov 2026"), in one convention
//! per CSM locale ([`TimeStyle`]) shared by every draft and the panel's
//! countdown. Written by hand rather than with chrono's formatter: the output
//! is small, fixed, English, and this keeps the wasm lean.
//!
//! Never panics: chrono's `naive_local()` (behind `hour12()`, `date_naive()`,
//! …) traps when the offset pushes an instant past chrono's range, so local
//! wall times are computed here with checked arithmetic.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Weekday,
};
use serde::Serialize;

use super::time_style_table::LOCALE_STYLES;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

crate::unit_enum! {
    /// Which part of a date comes first.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum DateOrder {
        /// "Nov 27, 2026"
        MonthFirst = "month-first",
        /// "27 Nov 2026"
        DayFirst = "day-first",
        /// "2026 Nov 27"
        YearFirst = "year-first",
    }
}

/// One convention for writing times and dates, taken from the CSM's locale:
/// drafts and countdowns use the same one. The default is the US convention
/// (12-hour clock, month first). In JSON it is either a locale tag
/// (`"en-GB"`) or `{ "hour12": false, "dateOrder": "day-first" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeStyle {
    /// "4:30 PM" when true, "16:30" when false.
    pub hour12: bool,
    pub date_order: DateOrder,
}

impl Default for TimeStyle {
    fn default() -> Self {
        TimeStyle {
            hour12: true,
            date_order: DateOrder::MonthFirst,
        }
    }
}

// Written by hand rather than as an untagged enum: serde's untagged
// machinery buffers the input and costs the wasm several kilobytes.
impl crate::json::FromValue for TimeStyle {
    fn from_value(value: serde_json::Value) -> Result<Self, serde_json::Error> {
        use serde_json::Value;
        const EXPECTED: &str = "a locale tag such as \"en-GB\", or { hour12, dateOrder }";
        match value {
            Value::String(tag) => Ok(TimeStyle::for_locale(&tag)),
            Value::Null => Ok(TimeStyle::default()),
            Value::Object(map) => {
                let mut style = TimeStyle::default();
                for (key, value) in map {
                    match key.as_str() {
                        "hour12" => style.hour12 = crate::json::read(value)?,
                        "dateOrder" => style.date_order = crate::json::read(value)?,
                        _ => {}
                    }
                }
                Ok(style)
            }
            other => Err(crate::json::invalid(&other, &EXPECTED)),
        }
    }
}

crate::thin_deserialize!(TimeStyle);

fn decode(bits: u8) -> TimeStyle {
    TimeStyle {
        hour12: bits & 1 == 1,
        date_order: match bits >> 1 {
            1 => DateOrder::DayFirst,
            2 => DateOrder::YearFirst,
            _ => DateOrder::MonthFirst,
        },
    }
}

/// The rows of `LOCALE_STYLES`: a tag, then its style as its last character.
fn style_rows() -> impl Iterator<Item = (&'static str, u8)> {
    LOCALE_STYLES.lines().filter_map(|row| {
        let (key, digit) = row.split_at_checked(row.len().checked_sub(1)?)?;
        Some((key, digit.parse().ok()?))
    })
}

fn lookup(tag: &str) -> Option<TimeStyle> {
    style_rows()
        .find(|(key, _)| *key == tag)
        .map(|(_, bits)| decode(bits))
}

impl TimeStyle {
    /// The convention of a BCP 47 tag such as `en-US`, `en_GB`, `de`,
    /// `zh-Hant-TW` (from CLDR, see `time_style_table.rs`): the most specific
    /// known entry in the fallback order every locale table uses
    /// (`account::cldr::tag_lookup`); the default for an unknown language.
    pub fn for_locale(tag: &str) -> TimeStyle {
        crate::account::cldr::tag_lookup(tag)
            .and_then(|t| t.candidates.iter().find_map(|c| lookup(c)))
            .unwrap_or_default()
    }

    /// "4:30 PM" or "16:30".
    pub fn clock(self, at: &DateTime<FixedOffset>) -> String {
        self.clock_of(wall(at))
    }

    /// A wall-clock time already read in its zone: "4:30 PM" or "16:30".
    pub fn clock_at(self, local: NaiveDateTime) -> String {
        self.clock_of(local)
    }

    fn clock_of(self, local: NaiveDateTime) -> String {
        if self.hour12 {
            let (pm, hour12) = local.hour12();
            let meridiem = if pm { "PM" } else { "AM" };
            format!("{hour12}:{:02} {meridiem}", local.minute())
        } else {
            format!("{:02}:{:02}", local.hour(), local.minute())
        }
    }

    /// "Nov 27, 2026", "27 Nov 2026" or "2026 Nov 27".
    pub fn date(self, day: NaiveDate) -> String {
        let month = month_name(day);
        match self.date_order {
            DateOrder::MonthFirst => format!("{month} {}, {}", day.day(), day.year()),
            DateOrder::DayFirst => format!("{} {month} {}", day.day(), day.year()),
            DateOrder::YearFirst => format!("{} {month} {}", day.year(), day.day()),
        }
    }

    /// "Friday, Nov 28" or "Friday, 28 Nov".
    pub fn weekday_date(self, day: NaiveDate) -> String {
        let month = month_name(day);
        let weekday = weekday_name(day.weekday());
        match self.date_order {
            DateOrder::DayFirst => format!("{weekday}, {} {month}", day.day()),
            DateOrder::MonthFirst | DateOrder::YearFirst => {
                format!("{weekday}, {month} {}", day.day())
            }
        }
    }

    /// A wall time for compact displays (the panel's deadlines): "Fri, Nov 27,
    /// 4:30 PM", "Fri, 27 Nov, 16:30".
    pub fn short_date_time(self, local: NaiveDateTime) -> String {
        let day = local.date();
        let weekday = weekday_name(day.weekday()).get(..3).unwrap_or("");
        let month = month_name(day);
        let date = match self.date_order {
            DateOrder::DayFirst => format!("{} {month}", day.day()),
            DateOrder::MonthFirst | DateOrder::YearFirst => format!("{month} {}", day.day()),
        };
        format!("{weekday}, {date}, {}", self.clock_of(local))
    }

    /// "4:30 PM CET today", "9:00 AM CET tomorrow (Friday, Nov 28)",
    /// "16:30 CET on Monday, 1 Dec".
    pub fn moment(
        self,
        at: &DateTime<FixedOffset>,
        zone_label: &str,
        now: &DateTime<FixedOffset>,
    ) -> String {
        let zone = zone_label.trim();
        let time = if zone.is_empty() {
            self.clock(at)
        } else {
            format!("{} {zone}", self.clock(at))
        };
        let day = wall(at).date();
        match day_relation(at, now) {
            DayRelation::Today => format!("{time} today"),
            DayRelation::Tomorrow => format!("{time} tomorrow ({})", self.weekday_date(day)),
            DayRelation::Other => format!("{time} on {}", self.weekday_date(day)),
        }
    }
}

fn month_name(day: NaiveDate) -> &'static str {
    MONTHS.get(day.month0() as usize).copied().unwrap_or("")
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

/// The wall-clock time of `at` in its own offset, without chrono's trap at
/// the ends of its range (there the UTC reading is used).
pub fn wall(at: &DateTime<FixedOffset>) -> NaiveDateTime {
    shifted(at.naive_utc(), at.offset())
}

fn shifted(utc: NaiveDateTime, offset: &FixedOffset) -> NaiveDateTime {
    utc.checked_add_signed(TimeDelta::seconds(i64::from(offset.local_minus_utc())))
        .unwrap_or(utc)
}

/// Whether `at` is an instant Defuse writes: its UTC and wall-clock readings
/// both within the years 0 to 9999 (what JavaScript reads back as well).
pub fn in_writable_range(at: &DateTime<FixedOffset>) -> bool {
    let years = 0..=9999;
    let local = at
        .naive_utc()
        .checked_add_signed(TimeDelta::seconds(i64::from(at.offset().local_minus_utc())));
    years.contains(&at.naive_utc().year()) && local.is_some_and(|l| years.contains(&l.year()))
}

/// "4:30 PM" (the default style; see [`TimeStyle::clock`]).
pub fn clock(at: &DateTime<FixedOffset>) -> String {
    TimeStyle::default().clock(at)
}

/// "Nov 27, 2026" (the default style; see [`TimeStyle::date`]).
pub fn date(day: NaiveDate) -> String {
    TimeStyle::default().date(day)
}

/// "Friday, Nov 28" (the default style; see [`TimeStyle::weekday_date`]).
pub fn weekday_date(day: NaiveDate) -> String {
    TimeStyle::default().weekday_date(day)
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
    let today = shifted(now.naive_utc(), at.offset()).date();
    let day = wall(at).date();
    if day == today {
        DayRelation::Today
    } else if today.succ_opt() == Some(day) {
        DayRelation::Tomorrow
    } else {
        DayRelation::Other
    }
}

/// "4:30 PM CET today" in the default style; see [`TimeStyle::moment`].
pub fn moment(at: &DateTime<FixedOffset>, zone_label: &str, now: &DateTime<FixedOffset>) -> String {
    TimeStyle::default().moment(at, zone_label, now)
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

    #[test]
    fn the_table_is_sorted_and_every_row_reads() {
        // Sorted and unique: one row per tag; every row reads.
        let rows: Vec<(&str, u8)> = style_rows().collect();
        assert!(rows.windows(2).all(|w| match w {
            [a, b] => a.0 < b.0,
            _ => true,
        }));
        assert_eq!(rows.len(), LOCALE_STYLES.lines().count());
    }

    proptest! {
        #[test]
        fn date_always_names_a_month(days in 0i64..200_000) {
            let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
            let text = date(day);
            prop_assert!(MONTHS.iter().any(|m| text.starts_with(m)));
        }

        /// Any instant chrono holds, in any offset, formats without a trap.
        #[test]
        fn any_instant_and_offset_formats(secs in i64::MIN..i64::MAX, off in -86_399i32..86_400, now_secs in i64::MIN..i64::MAX) {
            let at = DateTime::from_timestamp(secs % 8_210_298_412_799, 0).unwrap_or_default();
            let now = DateTime::from_timestamp(now_secs % 8_210_298_412_799, 0).unwrap_or_default();
            if let Some(zone) = FixedOffset::east_opt(off) {
                let (at, now) = (at.with_timezone(&zone), now.with_timezone(&zone));
                for style in [TimeStyle::default(), TimeStyle::for_locale("de-DE"), TimeStyle::for_locale("ja")] {
                    prop_assert!(!style.moment(&at, "X", &now).is_empty());
                    prop_assert!(!style.date(wall(&at).date()).is_empty());
                }
            }
        }
    }
}
