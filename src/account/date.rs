//! Reading a calendar date from page text: ISO, numeric dates in the page
//! locale's field order, month and weekday names of every CLDR locale (page
//! locale first), era years (Buddhist, Japanese, ROC) and the Persian calendar.
//! When the page locale can't say whether `03/04/2027` is the 3rd of April or
//! the 4th of March, both readings are returned for the CSM to pick. The
//! scanning lives in [`super::date_read`], calendars in [`super::date_calendar`].

use super::date_read::{self, Token};
use super::locale::{DateOrder, Locale};
use super::money::is_blank;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Why a text is not a single date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    NoDate {
        text: String,
    },
    UnknownWord {
        text: String,
        word: String,
    },
    NoSuchDay {
        text: String,
    },
    MissingDay {
        text: String,
    },
    MissingYear {
        text: String,
    },
    Unreadable {
        text: String,
    },
    /// The text reads as an amount (`$12.03` in a renewal field).
    LooksLikeMoney {
        text: String,
    },
    /// Both readings are real dates and the locale doesn't decide: `first`
    /// takes the first number as the day, `second` takes it as the month.
    Ambiguous {
        text: String,
        first: NaiveDate,
        second: NaiveDate,
    },
}

const MONTH_NAMES_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as an unmistakable phrase for messages: `3 April 2027`.
pub fn describe(date: NaiveDate) -> String {
    let month = MONTH_NAMES_EN
        .get(date.month0() as usize)
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DateError::*;
        let text = match self {
            NoDate { text }
            | UnknownWord { text, .. }
            | NoSuchDay { text }
            | MissingDay { text }
            | MissingYear { text }
            | Unreadable { text }
            | LooksLikeMoney { text }
            | Ambiguous { text, .. } => text,
        };
        write!(f, "I couldn't read \"{text}\" as a date: ")?;
        match self {
            NoDate { .. } => write!(f, "there is no date in it."),
            UnknownWord { word, .. } => write!(f, "I don't know what \"{word}\" means in a date."),
            NoSuchDay { .. } => write!(f, "that day doesn't exist in the calendar."),
            MissingDay { .. } => write!(f, "it has a month and a year but no day."),
            MissingYear { .. } => write!(f, "it has no year."),
            Unreadable { .. } => write!(
                f,
                "I can't tell which numbers are the day, the month and the year."
            ),
            LooksLikeMoney { .. } => write!(f, "it looks like an amount of money, not a date."),
            Ambiguous { first, second, .. } => write!(
                f,
                "it could be {} or {}. Please choose the right one.",
                describe(*first),
                describe(*second)
            ),
        }
    }
}

impl std::error::Error for DateError {}

/// Reads a date. `Ok(None)` means the field is blank (`-`, `—`, empty).
pub fn parse_date(text: &str, locale: &Locale) -> Result<Option<NaiveDate>, DateError> {
    let trimmed = text.trim();
    if is_blank(trimmed) {
        return Ok(None);
    }
    if super::money_read::names_currency(trimmed, locale) {
        return Err(DateError::LooksLikeMoney {
            text: trimmed.into(),
        });
    }
    date_read::read(trimmed, locale).map(Some)
}

/// Whether a text is a date (even an ambiguous one): such a text in an amount
/// field is not money.
pub(crate) fn reads_as_date(text: &str, locale: &Locale) -> bool {
    let normalized = super::cldr::normalize(text, locale.record());
    let tokens = date_read::tokenize(&normalized, locale);
    let numbers = tokens
        .iter()
        .filter(|t| matches!(t, Token::Number(_)))
        .count();
    let named = tokens.iter().any(|t| matches!(t, Token::Month(_)));
    // Only years a CRM could show: `1,23,4567` is an uneven amount, not a date.
    let plausible = |d: &NaiveDate| (1900..2200).contains(&d.year());
    (numbers >= 3 || named)
        && match date_read::read(text, locale) {
            Ok(date) => plausible(&date),
            Err(DateError::Ambiguous { first, .. }) => plausible(&first),
            Err(_) => false,
        }
}

/// Which day order a numeric date proves by itself: `31/03/2027` can only be
/// day-first, `3/31/2027` only month-first. Other dates on a page settle an
/// ambiguous one when the page language doesn't.
pub fn order_evidence(text: &str) -> Option<DateOrder> {
    let trimmed = text.trim();
    if trimmed.len() > 40 || !trimmed.contains(['/', '-']) {
        return None;
    }
    // Runs for every field of the page: only numbers, separators and AM/PM.
    let letters: String = trimmed.chars().filter(|c| c.is_alphabetic()).collect();
    if !letters.is_empty() && !matches!(letters.to_ascii_lowercase().as_str(), "am" | "pm") {
        return None;
    }
    let normalized = super::cldr::normalize(trimmed, None);
    let tokens = date_read::tokenize(&normalized, &Locale::default());
    let mut numbers = tokens.iter().filter_map(|t| match t {
        Token::Number(n) => Some(*n),
        _ => None,
    });
    let only_slashes_and_dashes = tokens.iter().all(|t| {
        matches!(
            t,
            Token::Number(_) | Token::Separator('/' | '-') | Token::Ignored
        )
    });
    let (Some(a), Some(b), Some(year), None) = (
        numbers.next(),
        numbers.next(),
        numbers.next(),
        numbers.next(),
    ) else {
        return None;
    };
    if !only_slashes_and_dashes || a.len() > 2 || b.len() > 2 || !matches!(year.len(), 2 | 4) {
        return None;
    }
    match (date_read::number(a), date_read::number(b)) {
        (13..=31, 1..=12) => Some(DateOrder::DayFirst),
        (1..=12, 13..=31) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "date_tests.rs"]
mod tests;
