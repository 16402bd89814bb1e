//! The few date and time texts the core writes and reads (`2026-11-27`,
//! `2026-11-27T16:30`, `Fri 27 Nov 16:30`), done by hand: chrono's
//! strftime-style `format` / `parse_from_str` compile a format-string
//! interpreter and a general parser into the wasm (≈13 KB) for these five
//! shapes (digits and the leap-second rule as `src/rfc3339.rs` reads them).
//! Each function gives exactly what the chrono call it replaces gave
//! (a test compares them on generated input).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// `%Y-%m-%dT%H:%M`: a `datetime-local` value.
pub fn minute_value(at: NaiveDateTime) -> String {
    format!("{}T{:02}:{:02}", at.date(), at.hour(), at.minute())
}

/// `%a %-d %b %H:%M` ("Fri 27 Nov 16:30"), English names.
pub fn short_day_time(at: NaiveDateTime) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS
        .get(at.weekday().num_days_from_monday() as usize)
        .copied()
        .unwrap_or_default();
    let month = MONTHS
        .get(at.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!(
        "{day} {} {month} {:02}:{:02}",
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// What `NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()` reads.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let mut r = Reader(text);
    let date = r.date()?;
    r.0.is_empty().then_some(date)
}

/// What `NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")` or, failing
/// that, `…"%Y-%m-%dT%H:%M:%S"` reads.
pub fn parse_minute_value(text: &str) -> Option<NaiveDateTime> {
    let mut r = Reader(text);
    let date = r.date()?;
    r.literal("T")?;
    let hour = r.number(2)?;
    r.literal(":")?;
    let minute = r.number(2)?;
    let second = if r.0.is_empty() {
        0
    } else {
        r.literal(":")?;
        let s = r.number(2)?;
        r.0.is_empty().then_some(s)?
    };
    let time = crate::rfc3339::time(
        u32::try_from(hour).ok()?,
        u32::try_from(minute).ok()?,
        u32::try_from(second).ok()?,
        0,
    )
    .ok()?;
    Some(date.and_time(time))
}

/// chrono's reading rules for these items: a number skips leading
/// whitespace, takes up to `width` ASCII digits (a signed year any number
/// after its sign); a literal must match exactly.
struct Reader<'a>(&'a str);

impl Reader<'_> {
    fn date(&mut self) -> Option<NaiveDate> {
        let year = self.year()?;
        self.literal("-")?;
        let month = self.number(2)?;
        self.literal("-")?;
        let day = self.number(2)?;
        NaiveDate::from_ymd_opt(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    fn year(&mut self) -> Option<i64> {
        self.0 = self.0.trim_start();
        if let Some(rest) = self.0.strip_prefix('-') {
            self.0 = rest;
            0i64.checked_sub(self.digits(usize::MAX)?)
        } else if let Some(rest) = self.0.strip_prefix('+') {
            self.0 = rest;
            self.digits(usize::MAX)
        } else {
            self.digits(4)
        }
    }

    fn number(&mut self, width: usize) -> Option<i64> {
        self.0 = self.0.trim_start();
        self.digits(width)
    }

    /// One to `width` ASCII digits, as `src/rfc3339.rs` reads them.
    fn digits(&mut self, width: usize) -> Option<i64> {
        let (rest, n) = crate::rfc3339::number(self.0, 1, width).ok()?;
        self.0 = rest;
        Some(n)
    }

    fn literal(&mut self, lit: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(lit)?;
        Some(())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chrono_minute(text: &str) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
            .ok()
    }

    const SAMPLES: &[&str] = &[
        "2026-11-27",
        "2026-1-7",
        " 2026- 01 -02",
        "2026-02-30",
        "+12026-01-01",
        "-0044-03-15",
        "99999-01-01",
        "2026-11-27 ",
        "2026-11-27T16:30",
        "2026-11-27T16:30:59",
        "2026-11-27T23:59:60",
        "2026-11-27T24:00",
        "2026-11-27T1:5",
        "2026-11-27t16:30",
        "2026-11-27T16:30:",
        "2026-11-27T16:30:5x",
        "2026-11-27T16:305",
        "",
        "-",
        "+-1-1-1",
        "2026-١١-27",
        "9223372036854775808-01-01",
    ];

    #[test]
    fn reads_what_chrono_reads_on_samples() {
        for s in SAMPLES {
            assert_eq!(
                parse_ymd(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s:?}"
            );
            assert_eq!(parse_minute_value(s), chrono_minute(s), "{s:?}");
        }
    }

    #[test]
    fn writes_what_chrono_writes() {
        let days = [
            (2026, 11, 27, 16, 30),
            (2026, 1, 4, 0, 5),
            (0, 1, 1, 0, 0),
            (-44, 3, 15, 12, 0),
            (12026, 12, 31, 23, 59),
        ];
        for (y, m, d, h, min) in days {
            let at = NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0));
            assert!(at.is_some());
            let Some(at) = at else { continue };
            assert_eq!(minute_value(at), at.format("%Y-%m-%dT%H:%M").to_string());
            assert_eq!(short_day_time(at), at.format("%a %-d %b %H:%M").to_string());
            assert_eq!(at.date().to_string(), at.format("%Y-%m-%d").to_string());
        }
    }

    proptest! {
        #[test]
        fn reads_what_chrono_reads(s in "[ +-]?[0-9]{0,6}[- ]{0,2}[0-9 ]{0,3}-?[0-9]{0,3}(T[0-9 ]{0,3}:[0-9]{0,3}(:[0-9]{0,3})?)? ?") {
            prop_assert_eq!(parse_ymd(&s), NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
            prop_assert_eq!(parse_minute_value(&s), chrono_minute(&s));
        }

        #[test]
        fn writes_what_chrono_writes_for_any_minute(days in -800_000i64..800_000, minute in 0u32..1440) {
            let at = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).unwrap_or(0))
                .and_then(|d| d.and_hms_opt(minute / 60, minute % 60, 0));
            if let Some(at) = at {
                prop_assert_eq!(minute_value(at), at.format("%Y-%m-%dT%H:%M").to_string());
                prop_assert_eq!(short_day_time(at), at.format("%a %-d %b %H:%M").to_string());
            }
        }
    }
}
