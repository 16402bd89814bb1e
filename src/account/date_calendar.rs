//! Calendars a page may write its years in: Gregorian, Buddhist (Thai pages
//! write 2570 for 2027), era years (`令和9年`, `民國116年`, `พ.ศ. 2570`) and
//! the Persian solar calendar (Iranian and Afghan pages: `۱۴۰۶/۱/۱۱`).

use chrono::NaiveDate;

/// A page calendar (the `calendar` field of a CLDR record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Calendar {
    /// Gregorian years shifted by a fixed number: the Gregorian year before
    /// year 1 (0 Gregorian, -543 Buddhist, 2018 Reiwa, 1911 ROC).
    Offset(i32),
    Persian,
}

/// Buddhist years are Gregorian + 543.
const BUDDHIST: i32 = -543;
/// Roughly where a Persian year lands in the Gregorian calendar, for two-digit years.
const PERSIAN_APPROX: i32 = 621;

impl Calendar {
    /// The calendar of a CLDR record's `calendar` code; Japanese and ROC
    /// pages write Gregorian years unless an era name says otherwise.
    pub(super) fn of_record(code: u8) -> Calendar {
        match code {
            1 => Calendar::Offset(BUDDHIST),
            2 => Calendar::Persian,
            _ => Calendar::Offset(0),
        }
    }

    /// A written year (digits) in this calendar: two digits are taken in the
    /// century that puts them between 1970 and 2069 (renewals are near); a
    /// four-digit year that can't be in this calendar's present is Gregorian
    /// (a Thai page writing 2027, an Iranian page writing 2027).
    pub(super) fn year(self, digits: &str) -> Option<(Calendar, i32)> {
        let value: i32 = digits.parse().ok()?;
        let offset = match self {
            Calendar::Offset(o) => o,
            Calendar::Persian => PERSIAN_APPROX,
        };
        match digits.len() {
            2 => {
                let own = (self, in_window(value, offset));
                match self.other_reading(digits) {
                    // Only the Gregorian reading is a plausible renewal year.
                    None if self == Calendar::Offset(BUDDHIST) && !plausible(own.1 + offset) => {
                        Some((Calendar::Offset(0), in_window(value, 0)))
                    }
                    _ => Some(own),
                }
            }
            4 => {
                let gregorian_looking = (1900..2300).contains(&value);
                match self {
                    Calendar::Offset(BUDDHIST) if gregorian_looking => {
                        Some((Calendar::Offset(0), value))
                    }
                    Calendar::Persian if value >= 1700 => Some((Calendar::Offset(0), value)),
                    _ => Some((self, value)),
                }
            }
            _ => None,
        }
    }

    /// A Thai page may write a two-digit year in either calendar (`31/3/70`
    /// is 2027 in Buddhist years; `31/3/27` is 2027 too, in Gregorian ones):
    /// the Gregorian reading when both are plausible renewal years, for the
    /// CSM to choose between.
    pub(super) fn other_reading(self, digits: &str) -> Option<(Calendar, i32)> {
        if self != Calendar::Offset(BUDDHIST) || digits.len() != 2 {
            return None;
        }
        let value: i32 = digits.parse().ok()?;
        let buddhist = in_window(value, BUDDHIST) + BUDDHIST;
        let gregorian = in_window(value, 0);
        (plausible(buddhist) && plausible(gregorian)).then_some((Calendar::Offset(0), gregorian))
    }

    /// The Gregorian date of a day in this calendar.
    pub(super) fn date(self, year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        match self {
            Calendar::Offset(o) => NaiveDate::from_ymd_opt(year.checked_add(o)?, month, day),
            Calendar::Persian => persian(year, month, day),
        }
    }
}

/// A two-digit year in the century that puts it between 1970 and 2069
/// (Gregorian), for a calendar `offset` years from it.
fn in_window(two_digits: i32, offset: i32) -> i32 {
    let base = 1970 - offset;
    two_digits + 100 * (base - two_digits + 99).div_euclid(100)
}

/// Years a renewal date can plausibly be in.
fn plausible(gregorian: i32) -> bool {
    (1990..2090).contains(&gregorian)
}

/// Julian day number of 1 Farvardin of year 1, minus one (as ICU counts it).
const PERSIAN_EPOCH: i64 = 1_948_320;
/// Julian day number of 0001-01-01 (proleptic Gregorian) minus one.
const JULIAN_DAY_OF_CE: i64 = 1_721_425;

/// Whether a Persian year has 366 days (the 33-year arithmetic rule ICU uses).
fn persian_leap(year: i64) -> bool {
    (25 * year + 11).rem_euclid(33) < 8
}

/// A Persian (Solar Hijri) date in the Gregorian calendar: months 1–6 have
/// 31 days, 7–11 have 30, the last 29 (30 in leap years).
fn persian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let length = match month {
        1..=6 => 31,
        7..=11 => 30,
        12 if persian_leap(y) => 30,
        12 => 29,
        _ => return None,
    };
    if day == 0 || day > length || !(1..=9999).contains(&year) {
        return None;
    }
    let before_month = if month <= 7 {
        31 * (i64::from(month) - 1)
    } else {
        30 * (i64::from(month) - 1) + 6
    };
    let julian_day = PERSIAN_EPOCH - 1
        + 365 * (y - 1)
        + (8 * y + 21).div_euclid(33)
        + before_month
        + i64::from(day);
    let days = i32::try_from(julian_day - JULIAN_DAY_OF_CE).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn persian_dates_convert() {
        assert_eq!(persian(1406, 1, 11), ymd(2027, 3, 31));
        assert_eq!(persian(1403, 1, 1), ymd(2024, 3, 20));
        assert_eq!(persian(1402, 12, 29), ymd(2024, 3, 19));
        assert_eq!(persian(1403, 12, 30), ymd(2025, 3, 20));
        assert_eq!(persian(1404, 12, 30), None);
        assert_eq!(persian(1404, 7, 1), ymd(2025, 9, 23));
    }

    #[test]
    fn years_land_near_today() {
        let greg = Calendar::Offset(0);
        assert_eq!(greg.year("27"), Some((greg, 2027)));
        assert_eq!(greg.year("70"), Some((greg, 1970)));
        let thai = Calendar::of_record(1);
        assert_eq!(
            thai.year("70").map(|(c, y)| c.date(y, 3, 31)),
            Some(ymd(2027, 3, 31))
        );
        assert_eq!(
            thai.year("2570").map(|(c, y)| c.date(y, 3, 31)),
            Some(ymd(2027, 3, 31))
        );
        assert_eq!(
            thai.year("2027").map(|(c, y)| c.date(y, 3, 31)),
            Some(ymd(2027, 3, 31))
        );
        let persian = Calendar::Persian;
        assert_eq!(persian.year("06"), Some((persian, 1406)));
        assert_eq!(greg.year("123"), None);
    }
}
