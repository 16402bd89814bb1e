//! Reading a calendar date from page text: ISO, numeric dates in either day
//! order, and month names in English, German, French, Spanish, Portuguese and
//! Dutch. When the page locale can't say whether `03/04/2027` is the 3rd of
//! April or the 4th of March, both readings are returned for the CSM to pick.

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

/// Month names and abbreviations in the six languages, lower-case.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("february", 2),
    ("feb", 2),
    ("febr", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("februari", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("marz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("maart", 3),
    ("mrt", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("mei", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("junho", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("julho", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("setembro", 9),
    ("set", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("out", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("déc", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dezembro", 12),
];

/// Words a written date may carry that don't change it: weekdays, ordinal
/// suffixes, prepositions, time markers.
const IGNORED_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lun",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
    "segunda",
    "terça",
    "terca",
    "quarta",
    "quinta",
    "sexta",
    "feira",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "ma",
    "wo",
    "vr",
    "za",
    "zo",
    "st",
    "nd",
    "rd",
    "th",
    "er",
    "e",
    "º",
    "ª",
    "o",
    "de",
    "del",
    "of",
    "the",
    "le",
    "el",
    "den",
    "der",
    "am",
    "on",
    "em",
    "da",
    "à",
    "a",
    "pm",
    "uhr",
    "h",
    "utc",
    "gmt",
    "z",
];

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Number(&'a str),
    Word(&'a str),
    Separator(char),
}

/// Reads a date. `Ok(None)` means the field is blank (`-`, `—`, empty).
pub fn parse_date(text: &str, locale: &Locale) -> Result<Option<NaiveDate>, DateError> {
    let trimmed = text.trim();
    if is_blank(trimmed) {
        return Ok(None);
    }
    let tokens = drop_time(tokenize(without_iso_time(trimmed)));
    let mut numbers: Vec<&str> = Vec::new();
    let mut month: Option<(u32, usize)> = None;
    let mut dotted = false;
    for token in &tokens {
        match token {
            Token::Number(n) => numbers.push(n),
            Token::Separator('.') if month.is_none() => dotted = true,
            Token::Separator(_) => {}
            Token::Word(w) => {
                let lower = w.to_lowercase();
                if let Some((_, m)) = MONTHS.iter().find(|(name, _)| *name == lower) {
                    if month.is_some() {
                        return Err(DateError::Unreadable {
                            text: trimmed.into(),
                        });
                    }
                    month = Some((*m, numbers.len()));
                } else if !IGNORED_WORDS.contains(&lower.as_str()) {
                    return Err(DateError::UnknownWord {
                        text: trimmed.into(),
                        word: (*w).into(),
                    });
                }
            }
        }
    }
    let date = match month {
        Some((month, numbers_before)) => with_month_name(&numbers, month, numbers_before, trimmed)?,
        None => numeric(&numbers, dotted, locale, trimmed)?,
    };
    Ok(Some(date))
}

/// Which day order a numeric date proves by itself: `31/03/2027` can only be
/// day-first, `3/31/2027` only month-first. Other dates on a page settle an
/// ambiguous one when the page language doesn't.
pub fn order_evidence(text: &str) -> Option<DateOrder> {
    let trimmed = text.trim();
    if trimmed.len() > 40 || !trimmed.contains(['/', '-']) {
        return None;
    }
    let tokens = drop_time(tokenize(without_iso_time(trimmed)));
    let mut numbers = tokens.iter().filter_map(|t| match t {
        Token::Number(n) => Some(*n),
        _ => None,
    });
    let only_slashes_and_dashes = tokens.iter().all(|t| match t {
        Token::Number(_) | Token::Separator('/' | '-') => true,
        Token::Word(w) => w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm"),
        Token::Separator(_) => false,
    });
    let (Some(a), Some(b), Some(year), None) = (
        numbers.next(),
        numbers.next(),
        numbers.next(),
        numbers.next(),
    ) else {
        return None;
    };
    if !only_slashes_and_dashes || a.len() > 2 || b.len() > 2 || year_from(year).is_none() {
        return None;
    }
    match (number(a), number(b)) {
        (13..=31, 1..=12) => Some(DateOrder::DayFirst),
        (1..=12, 13..=31) => Some(DateOrder::MonthFirst),
        _ => None,
    }
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

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        let mut end = start + c.len_utf8();
        chars.next();
        if c.is_ascii_digit() || c.is_alphabetic() {
            let digits = c.is_ascii_digit();
            while let Some(&(i, next)) = chars.peek() {
                let same_kind = if digits {
                    next.is_ascii_digit()
                } else {
                    next.is_alphabetic()
                };
                if !same_kind {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            let run = text.get(start..end).unwrap_or("");
            tokens.push(if digits {
                Token::Number(run)
            } else {
                Token::Word(run)
            });
        } else if !c.is_whitespace() {
            tokens.push(Token::Separator(c));
        }
    }
    tokens
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

fn year_from(digits: &str) -> Option<i32> {
    let value: i32 = digits.parse().ok()?;
    match digits.len() {
        4 => Some(value),
        // Renewal dates are near: `27` is 2027, `95` is 1995.
        2 if value < 70 => Some(2000 + value),
        2 => Some(1900 + value),
        _ => None,
    }
}

fn number(digits: &str) -> u32 {
    digits.parse().unwrap_or(u32::MAX)
}

fn day_number(digits: &str) -> Option<u32> {
    (digits.len() <= 2).then(|| number(digits))
}

fn make(year: i32, month: u32, day: u32, text: &str) -> Result<NaiveDate, DateError> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| DateError::NoSuchDay { text: text.into() })
}

fn with_month_name(
    numbers: &[&str],
    month: u32,
    numbers_before: usize,
    text: &str,
) -> Result<NaiveDate, DateError> {
    let unreadable = || DateError::Unreadable { text: text.into() };
    match numbers {
        [year, day] if year.len() == 4 => {
            let year = year_from(year).ok_or_else(unreadable)?;
            make(year, month, day_number(day).ok_or_else(unreadable)?, text)
        }
        // `31 March 2027`, `March 31, 2027`, `31-Mar-27`: the day comes first.
        [day, year] if numbers_before < 2 => {
            let year = year_from(year).ok_or_else(unreadable)?;
            make(year, month, day_number(day).ok_or_else(unreadable)?, text)
        }
        [single] if single.len() == 4 => Err(DateError::MissingDay { text: text.into() }),
        [single] if single.len() <= 2 => Err(DateError::MissingYear { text: text.into() }),
        _ => Err(unreadable()),
    }
}

fn numeric(
    numbers: &[&str],
    dotted: bool,
    locale: &Locale,
    text: &str,
) -> Result<NaiveDate, DateError> {
    let unreadable = || DateError::Unreadable { text: text.into() };
    match numbers {
        [] => Err(DateError::NoDate { text: text.into() }),
        [compact] if compact.len() == 8 => {
            let year = compact
                .get(..4)
                .and_then(year_from)
                .ok_or_else(unreadable)?;
            let month = compact.get(4..6).map_or(u32::MAX, number);
            let day = compact.get(6..).map_or(u32::MAX, number);
            make(year, month, day, text)
        }
        [year, month, day] if year.len() == 4 => {
            if month.len() > 2 || day.len() > 2 {
                return Err(unreadable());
            }
            let year = year_from(year).ok_or_else(unreadable)?;
            make(year, number(month), number(day), text)
        }
        [a, b, year] => {
            if a.len() > 2 || b.len() > 2 {
                return Err(unreadable());
            }
            let year = year_from(year).ok_or_else(unreadable)?;
            let (a, b) = (number(a), number(b));
            let order = if dotted {
                // `31.03.2027`: nobody writes month-first with dots.
                Some(DateOrder::DayFirst)
            } else if a > 12 || a == b {
                Some(DateOrder::DayFirst)
            } else if b > 12 {
                Some(DateOrder::MonthFirst)
            } else {
                locale.date_order
            };
            match order {
                Some(DateOrder::DayFirst) => make(year, b, a, text),
                Some(DateOrder::MonthFirst) => make(year, a, b, text),
                None => Err(DateError::Ambiguous {
                    text: text.into(),
                    first: make(year, b, a, text)?,
                    second: make(year, a, b, text)?,
                }),
            }
        }
        [_, year] if year.len() == 4 => Err(DateError::MissingDay { text: text.into() }),
        _ => Err(unreadable()),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        let date = NaiveDate::from_ymd_opt(y, m, d);
        assert!(date.is_some(), "not a date: {y}-{m}-{d}");
        date.unwrap_or_default()
    }

    fn parse(text: &str, lang: &str) -> Result<Option<NaiveDate>, DateError> {
        parse_date(text, &Locale::from_lang(lang))
    }

    fn ok(text: &str, lang: &str) -> NaiveDate {
        let got = parse(text, lang);
        assert!(matches!(got, Ok(Some(_))), "{text:?} in {lang}: {got:?}");
        got.ok().flatten().unwrap_or_default()
    }

    fn err(text: &str, lang: &str) -> String {
        let got = parse(text, lang);
        assert!(got.is_err(), "{text:?} in {lang} should fail: {got:?}");
        got.err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn numeric_formats() {
        let want = ymd(2027, 3, 31);
        for (text, lang) in [
            ("2027-03-31", ""),
            ("2027-03-31T00:00:00.000Z", ""),
            ("3/31/2027", ""),
            ("3/31/2027 10:30 AM", "en-US"),
            ("31.03.2027", ""),
            ("31/03/2027", ""),
            ("31-03-2027", "de"),
            ("2027/03/31", ""),
            ("2027.03.31", ""),
            ("20270331", ""),
            ("31.03.27", "de"),
            ("3/31/27", "en-US"),
        ] {
            assert_eq!(ok(text, lang), want, "{text}");
        }
    }

    #[test]
    fn month_names_in_six_languages() {
        let want = ymd(2027, 3, 31);
        for text in [
            "March 31, 2027",
            "Mar 31 2027",
            "Wednesday, March 31st, 2027",
            "31 March 2027",
            "31-Mar-2027",
            "31. März 2027",
            "Mi., 31. Mär. 2027",
            "31 mars 2027",
            "mercredi 31 mars 2027",
            "31 de marzo de 2027",
            "31 de março de 2027",
            "31 maart 2027",
            "2027 March 31",
        ] {
            assert_eq!(ok(text, ""), want, "{text}");
        }
        assert_eq!(ok("1er avril 2027", "fr"), ymd(2027, 4, 1));
        assert_eq!(ok("15. Dezember 2026", "de"), ymd(2026, 12, 15));
        assert_eq!(ok("2 févr. 2028", "fr"), ymd(2028, 2, 2));
        assert_eq!(ok("1 okt 2027", "nl"), ymd(2027, 10, 1));
        assert_eq!(ok("Jan 5, 27", "en-US"), ymd(2027, 1, 5));
    }

    #[test]
    fn ambiguous_dates_follow_the_locale_or_offer_both() {
        assert_eq!(ok("03/04/2027", "en-US"), ymd(2027, 3, 4));
        assert_eq!(ok("03/04/2027", "en-GB"), ymd(2027, 4, 3));
        assert_eq!(ok("03/04/2027", "fr"), ymd(2027, 4, 3));
        assert_eq!(
            parse("03/04/2027", "en"),
            Err(DateError::Ambiguous {
                text: "03/04/2027".into(),
                first: ymd(2027, 4, 3),
                second: ymd(2027, 3, 4),
            })
        );
        assert_eq!(
            err("03/04/2027", ""),
            "I couldn't read \"03/04/2027\" as a date: it could be 3 April 2027 or 4 March 2027. \
             Please choose the right one."
        );
        // A day above 12 settles it whatever the locale.
        assert_eq!(ok("13/04/2027", "en-US"), ymd(2027, 4, 13));
        assert_eq!(ok("04/13/2027", "en-GB"), ymd(2027, 4, 13));
        assert_eq!(ok("04/04/2027", ""), ymd(2027, 4, 4));
    }

    #[test]
    fn dates_that_prove_their_order() {
        assert_eq!(order_evidence("31/03/2027"), Some(DateOrder::DayFirst));
        assert_eq!(
            order_evidence("3/31/2026 4:12 PM"),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(order_evidence("03/04/2027"), None);
        assert_eq!(order_evidence("2027-03-31"), None);
        assert_eq!(order_evidence("31.03.2027"), None);
        assert_eq!(order_evidence("Case 13/12"), None);
    }

    #[test]
    fn blanks_and_errors() {
        for text in ["", "-", "—", "n/a"] {
            assert_eq!(parse(text, "en-US"), Ok(None), "{text:?}");
        }
        assert_eq!(
            err("31/02/2027", "en-GB"),
            "I couldn't read \"31/02/2027\" as a date: that day doesn't exist in the calendar."
        );
        assert_eq!(
            err("next spring", ""),
            "I couldn't read \"next spring\" as a date: I don't know what \"next\" means in a date."
        );
        assert_eq!(
            err("March 2027", ""),
            "I couldn't read \"March 2027\" as a date: it has a month and a year but no day."
        );
        assert_eq!(
            err("31 March", ""),
            "I couldn't read \"31 March\" as a date: it has no year."
        );
        assert_eq!(
            err("1/2/3/4", ""),
            "I couldn't read \"1/2/3/4\" as a date: I can't tell which numbers are the day, the month and the year."
        );
        assert_eq!(
            err("???", ""),
            "I couldn't read \"???\" as a date: there is no date in it."
        );
    }

    const LANG_MONTHS: [[&str; 12]; 5] = [
        [
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
    ];

    fn written(date: NaiveDate, format: usize) -> (String, &'static str) {
        let (y, m, d) = (date.year(), date.month(), date.day());
        let month_name = |lang: usize| LANG_MONTHS[lang][date.month0() as usize];
        match format {
            0 => (format!("{y:04}-{m:02}-{d:02}"), ""),
            1 => (format!("{m}/{d}/{y}"), "en-US"),
            2 => (format!("{d:02}.{m:02}.{y}"), "de-DE"),
            3 => (format!("{d:02}/{m:02}/{y}"), "en-GB"),
            4 => (format!("{y}/{m:02}/{d:02}"), ""),
            5 => (
                format!("{} {d}, {y}", MONTH_NAMES_EN[date.month0() as usize]),
                "",
            ),
            6 => (format!("{d}. {} {y}", month_name(0)), "de"),
            7 => (format!("{d} {} {y}", month_name(1)), "fr"),
            8 => (format!("{d} de {} de {y}", month_name(2)), "es"),
            9 => (format!("{d} de {} de {y}", month_name(3)), "pt"),
            10 => (format!("{d} {} {y}", month_name(4)), "nl"),
            _ => (format!("{d:02}/{m:02}/{:02}", y % 100), "fr"),
        }
    }

    proptest! {
        #[test]
        fn dates_read_back_in_every_format(days in 0i64..36_500, format in 0usize..12) {
            let date = ymd(1970, 1, 1) + chrono::Duration::days(days);
            let (text, lang) = written(date, format);
            prop_assert_eq!(parse(&text, lang), Ok(Some(date)), "{}", text);
        }

        #[test]
        fn never_panics(text in "\\PC{0,40}", lang in "[a-z]{0,2}(-[A-Z]{2})?") {
            let _ = parse(&text, &lang);
        }

        #[test]
        fn never_panics_on_date_like_text(text in "[0-9./: -]{0,20}") {
            let _ = parse(&text, "");
        }
    }
}
