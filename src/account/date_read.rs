//! Scanning a date's text into numbers, month names and era years, and
//! putting the fields in order. Names are matched longest first in the page
//! locale's CLDR words (months, weekdays and pattern words to ignore), then in
//! every locale's when the page's own don't match (a page without a language,
//! or an English date on a German page).

use super::cldr::{self, Record};
use super::date::DateError;
use super::date_calendar::Calendar;
use super::locale::{DateOrder, Locale};
use super::money_read::original_word;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token<'a> {
    Number(&'a str),
    /// Month 1–12; 101–112 for a Persian month.
    Month(u16),
    /// An era name: the Gregorian year before its year 1.
    Era(i32),
    Separator(char),
    Ignored,
    /// A word no table knows.
    Unknown(&'a str),
}

/// Words a written date may carry beside what CLDR lists: ordinal suffixes,
/// prepositions, time markers.
static IGNORED_WORDS: crate::words::WordList = crate::words::word_list![
    "st", "nd", "rd", "th", "er", "e", "º", "ª", "o", "de", "del", "of", "the", "le", "el", "den",
    "der", "am", "on", "em", "da", "à", "a", "pm", "uhr", "h", "utc", "gmt", "z", "ad", "ce",
];

/// Record `order` codes where the year comes first.
const YEAR_MONTH_DAY: u8 = 2;
const YEAR_DAY_MONTH: u8 = 3;

fn word_value<'w>(
    rest: &str,
    before: Option<char>,
    record: &Record,
) -> Option<(&'w str, Token<'static>)>
where
    'static: 'w,
{
    let month = cldr::longest(rest, before, cldr::words(record.months));
    let ignored = cldr::longest(rest, before, cldr::words(record.ignore));
    match (month, ignored) {
        (Some((m, v)), Some((i, _))) if m.len() >= i.len() => Some((m, Token::Month(v))),
        (_, Some((i, _))) => Some((i, Token::Ignored)),
        (Some((m, v)), None) => Some((m, Token::Month(v))),
        (None, None) => None,
    }
}

/// The known word at the start of `rest`: page locale first, then eras and
/// the hand list, then any locale's names (where locales give a word
/// different months, it is not read).
fn term(
    rest: &str,
    before: Option<char>,
    record: Option<&Record>,
) -> Option<(usize, Token<'static>)> {
    let mut best: Option<(usize, Token<'static>)> = None;
    if let Some((w, t)) = record.and_then(|r| word_value(rest, before, r)) {
        best = Some((w.len(), t));
    }
    for (name, year) in cldr::eras() {
        if best.as_ref().is_none_or(|(l, _)| name.len() > *l) && cldr::fits(rest, name, before) {
            best = Some((name.len(), Token::Era(year)));
        }
    }
    for word in IGNORED_WORDS.iter() {
        if best.is_none() && cldr::fits(rest, word, before) {
            best = Some((word.len(), Token::Ignored));
        }
    }
    if best.is_some() || !worth_a_search(rest) {
        return best;
    }
    let mut found: Option<(usize, Token<'static>)> = None;
    let mut conflict = false;
    for other in cldr::all_records() {
        let Some((w, t)) = word_value(rest, before, other) else {
            continue;
        };
        match &found {
            Some((len, _)) if w.len() < *len => {}
            Some((len, previous)) if w.len() == *len => match (previous, &t) {
                (Token::Month(a), Token::Month(b)) if a != b => conflict = true,
                // A month in one language and a weekday in another: the month.
                (Token::Ignored, Token::Month(_)) => found = Some((w.len(), t)),
                _ => {}
            },
            _ => {
                found = Some((w.len(), t));
                conflict = false;
            }
        }
    }
    found.filter(|_| !conflict)
}

/// Names start with a letter, or with digits glued to a letter (`3月`).
fn worth_a_search(rest: &str) -> bool {
    let mut chars = rest.chars().skip_while(char::is_ascii_digit);
    chars.next().is_some_and(cldr::is_word_char)
}

/// Splits normalized, lower-case text into tokens, without the time of day.
pub(super) fn tokenize<'a>(text: &'a str, locale: &Locale) -> Vec<Token<'a>> {
    let text = without_iso_time(text);
    let record = locale.record();
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(c) = text.get(at..).and_then(|r| r.chars().next()) {
        let rest = text.get(at..).unwrap_or("");
        let before = text.get(..at).and_then(|b| b.chars().next_back());
        if c.is_whitespace() {
            at += c.len_utf8();
        } else if let Some((len, token)) = term(rest, before, record) {
            tokens.push(token);
            at += len.max(1);
        } else if c.is_ascii_digit() {
            let len = rest.chars().take_while(char::is_ascii_digit).count();
            tokens.push(Token::Number(rest.get(..len).unwrap_or("")));
            at += len;
        } else if cldr::is_word_char(c) {
            let len: usize = rest
                .chars()
                .take_while(|c| cldr::is_word_char(*c))
                .map(char::len_utf8)
                .sum();
            tokens.push(Token::Unknown(rest.get(..len).unwrap_or("")));
            at += len;
        } else {
            tokens.push(Token::Separator(c));
            at += c.len_utf8();
        }
    }
    drop_time(tokens)
}

/// `2027-03-31T00:00:00Z`: the date is what matters.
fn without_iso_time(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        let digit_before = i
            .checked_sub(1)
            .and_then(|j| bytes.get(j))
            .is_some_and(u8::is_ascii_digit);
        let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if matches!(b, b'T' | b't') && digit_before && digit_after {
            return text.get(..i).unwrap_or(text);
        }
    }
    text
}

/// Drops a time of day (`10:30`, `10:30:00.000`) so only the date is left.
fn drop_time(tokens: Vec<Token<'_>>) -> Vec<Token<'_>> {
    let mut kept = Vec::with_capacity(tokens.len());
    let mut in_time = false;
    for (i, token) in tokens.iter().enumerate() {
        let colon_next = tokens.get(i + 1) == Some(&Token::Separator(':'));
        match token {
            Token::Number(_) if colon_next || in_time => in_time = true,
            Token::Separator(':') | Token::Separator('.') if in_time => {}
            _ => {
                in_time = false;
                kept.push(token.clone());
            }
        }
    }
    kept
}

pub(super) fn number(digits: &str) -> u32 {
    digits.parse().unwrap_or(u32::MAX)
}

fn day_number(digits: &str) -> Option<u32> {
    (digits.len() <= 2).then(|| number(digits))
}

/// Reads a non-blank date text.
pub(super) fn read(text: &str, locale: &Locale) -> Result<NaiveDate, DateError> {
    let record = locale.record();
    let normalized = cldr::normalize(text, record);
    let tokens = tokenize(&normalized, locale);
    let mut calendar = Calendar::of_record(record.map_or(0, |r| r.calendar));
    let mut numbers: Vec<&str> = Vec::new();
    let mut month: Option<(u32, usize)> = None;
    let mut era_year: Option<i32> = None;
    let mut era: Option<i32> = None;
    let mut dotted = false;
    for token in &tokens {
        match token {
            Token::Number(n) => match era.take() {
                Some(offset) => {
                    era_year = n.parse().ok();
                    calendar = Calendar::Offset(offset);
                }
                None => numbers.push(n),
            },
            Token::Separator('.') if month.is_none() => dotted = true,
            Token::Unknown(word) => {
                return Err(DateError::UnknownWord {
                    text: text.into(),
                    word: original_word(text, word),
                })
            }
            Token::Separator(_) | Token::Ignored => {}
            Token::Era(offset) => era = Some(*offset),
            Token::Month(m) => {
                if month.is_some() {
                    return Err(DateError::Unreadable { text: text.into() });
                }
                if *m > 100 {
                    calendar = Calendar::Persian;
                }
                month = Some((u32::from(*m % 100), numbers.len()));
            }
        }
    }
    // `พ.ศ. 2570`, `令和9年`: the number after an era name is its year.
    let year_given = era_year.map(|y| (calendar, y));
    match month {
        Some((month, before)) => {
            with_month_name(&numbers, month, before, year_given, calendar, text)
        }
        None => numeric(&numbers, dotted, year_given, calendar, locale, text),
    }
}

fn make(
    calendar: Calendar,
    year: i32,
    month: u32,
    day: u32,
    text: &str,
) -> Result<NaiveDate, DateError> {
    calendar
        .date(year, month, day)
        .ok_or_else(|| DateError::NoSuchDay { text: text.into() })
}

fn with_month_name(
    numbers: &[&str],
    month: u32,
    numbers_before: usize,
    year_given: Option<(Calendar, i32)>,
    calendar: Calendar,
    text: &str,
) -> Result<NaiveDate, DateError> {
    let unreadable = || DateError::Unreadable { text: text.into() };
    let year_of = |digits: &str| calendar.year(digits).ok_or_else(unreadable);
    let (day, (calendar, year)) = match (numbers, year_given) {
        ([day], Some(year)) => (day, year),
        ([year, day], None) if year.len() == 4 => (day, year_of(year)?),
        // `31 March 2027`, `March 31, 2027`, `31-Mar-27`: the day comes first.
        ([day, year], None) if numbers_before < 2 => (day, year_of(year)?),
        ([single], None) if single.len() == 4 => {
            return Err(DateError::MissingDay { text: text.into() })
        }
        ([single], None) if single.len() <= 2 => {
            return Err(DateError::MissingYear { text: text.into() })
        }
        _ => return Err(unreadable()),
    };
    make(
        calendar,
        year,
        month,
        day_number(day).ok_or_else(unreadable)?,
        text,
    )
}

fn numeric(
    numbers: &[&str],
    dotted: bool,
    year_given: Option<(Calendar, i32)>,
    calendar: Calendar,
    locale: &Locale,
    text: &str,
) -> Result<NaiveDate, DateError> {
    let unreadable = || DateError::Unreadable { text: text.into() };
    let order = locale.record().map(|r| r.order);
    let year_first = matches!(order, Some(YEAR_MONTH_DAY | YEAR_DAY_MONTH));
    let small = |n: &&str| n.len() <= 2;
    match (numbers, year_given) {
        ([], None) => Err(DateError::NoDate { text: text.into() }),
        ([month, day], Some((calendar, year))) if month.len() <= 2 && day.len() <= 2 => {
            make(calendar, year, number(month), number(day), text)
        }
        ([compact], None) if compact.len() == 8 => {
            let (calendar, year) = compact
                .get(..4)
                .and_then(|y| calendar.year(y))
                .ok_or_else(unreadable)?;
            let month = compact.get(4..6).map_or(u32::MAX, number);
            let day = compact.get(6..).map_or(u32::MAX, number);
            make(calendar, year, month, day, text)
        }
        ([year, a, b], None) if year.len() == 4 || (year_first && numbers.iter().all(small)) => {
            if !small(a) || !small(b) {
                return Err(unreadable());
            }
            let (calendar, year) = calendar.year(year).ok_or_else(unreadable)?;
            let (month, day) = if order == Some(YEAR_DAY_MONTH) && number(b) <= 12 {
                (b, a)
            } else {
                (a, b)
            };
            make(calendar, year, number(month), number(day), text)
        }
        ([a, b, year_digits], None) => {
            if !small(a) || !small(b) {
                return Err(unreadable());
            }
            let (calendar_used, year) = calendar.year(year_digits).ok_or_else(unreadable)?;
            let date = day_month_year(a, b, (calendar_used, year), dotted, locale, text)?;
            match calendar.other_reading(year_digits) {
                Some(other) => match day_month_year(a, b, other, dotted, locale, text) {
                    Ok(second) if second != date => Err(DateError::Ambiguous {
                        text: text.into(),
                        first: date,
                        second,
                    }),
                    _ => Ok(date),
                },
                None => Ok(date),
            }
        }
        ([_, year], None) if year.len() == 4 => Err(DateError::MissingDay { text: text.into() }),
        _ => Err(unreadable()),
    }
}

/// `a/b/year` with the day order the text, the locale or both readings give.
fn day_month_year(
    a: &str,
    b: &str,
    (calendar, year): (Calendar, i32),
    dotted: bool,
    locale: &Locale,
    text: &str,
) -> Result<NaiveDate, DateError> {
    let (a, b) = (number(a), number(b));
    let order = if dotted && locale.date_order != Some(DateOrder::MonthFirst) {
        // `31.03.2027`: month-first locales aside, dots mean day-first.
        Some(DateOrder::DayFirst)
    } else if a > 12 || a == b {
        Some(DateOrder::DayFirst)
    } else if b > 12 {
        Some(DateOrder::MonthFirst)
    } else {
        locale.date_order
    };
    match order {
        Some(DateOrder::DayFirst) => make(calendar, year, b, a, text),
        Some(DateOrder::MonthFirst) => make(calendar, year, a, b, text),
        None => Err(DateError::Ambiguous {
            text: text.into(),
            first: make(calendar, year, b, a, text)?,
            second: make(calendar, year, a, b, text)?,
        }),
    }
}
