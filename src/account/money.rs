//! Exact money amounts and reading them from page text. Money is never a
//! float: amounts are integers in hundredths of the major unit, with the ISO
//! currency code when known.
//!
//! How separators are decided, in order:
//! - spaces (also U+00A0, U+202F, U+2009) and apostrophes only ever group digits;
//! - when both `,` and `.` appear, the last one is the decimal mark
//!   (`1,234,567.89` and `1.234.567,89` read the same in every locale);
//! - a mark that appears several times groups (`1.234.567`, Indian `12,34,567`);
//! - a single mark followed by anything but three digits is decimal (`1,5`, `1.25`);
//! - a single mark followed by exactly three digits (`1.234`) is the one case the
//!   page locale decides: where that mark is the locale's decimal mark the text
//!   is rejected as ambiguous (an amount with three decimals is not money, and
//!   guessing a thousandfold error is worse than asking); where it is not, it
//!   groups; with no locale it groups. After `K`/`M`/`Mio.` it is decimal
//!   (`1.234M`), unless the locale's decimal mark is the other one.

use super::locale::Locale;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An exact amount, e.g. `1200000.50 EUR` is `Money { cents: 120000050, currency: Some("EUR") }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Hundredths of the major unit (cents, pence, …).
    pub cents: i64,
    /// ISO 4217 code (`USD`, `EUR`, …) when the page said which currency.
    pub currency: Option<String>,
}

impl Money {
    /// A plain decimal in major units, as the panel's `data-amount`: `1200000.50`,
    /// `1200000` when there are no cents.
    pub fn to_decimal_string(&self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        let (major, minor) = (abs / 100, abs % 100);
        if minor == 0 {
            format!("{sign}{major}")
        } else {
            format!("{sign}{major}.{minor:02}")
        }
    }

    /// The amount for people: `1,200,000.50 USD`, `950,000 EUR`.
    pub fn describe(&self) -> String {
        let plain = self.to_decimal_string();
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let fraction = if fraction.is_empty() {
            String::new()
        } else {
            format!(".{fraction}")
        };
        match &self.currency {
            Some(code) => format!("{sign}{grouped}{fraction} {code}"),
            None => format!("{sign}{grouped}{fraction}"),
        }
    }

    /// Whole major units, rounded toward zero (what severity thresholds use).
    pub fn major_units(&self) -> i64 {
        self.cents / 100
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.to_decimal_string();
        match &self.currency {
            Some(c) => write!(f, "{s} {c}"),
            None => write!(f, "{s}"),
        }
    }
}

/// Why a text is not an amount. Every variant keeps the text, because the
/// message is shown to the CSM next to what the page said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    NoDigits {
        text: String,
    },
    NoDigitsAfterSeparator {
        text: String,
    },
    UnknownWord {
        text: String,
        word: String,
    },
    UnexpectedCharacter {
        text: String,
        character: char,
    },
    SeveralNumbers {
        text: String,
    },
    UnevenGroups {
        text: String,
    },
    AmbiguousSeparator {
        text: String,
        grouped: String,
        decimal: String,
    },
    TooManyDecimals {
        text: String,
    },
    TwoCurrencies {
        text: String,
        first: String,
        second: String,
    },
    TwoScales {
        text: String,
    },
    TooLarge {
        text: String,
    },
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use MoneyError::*;
        let text = match self {
            NoDigits { text }
            | NoDigitsAfterSeparator { text }
            | UnknownWord { text, .. }
            | UnexpectedCharacter { text, .. }
            | SeveralNumbers { text }
            | UnevenGroups { text }
            | AmbiguousSeparator { text, .. }
            | TooManyDecimals { text }
            | TwoCurrencies { text, .. }
            | TwoScales { text }
            | TooLarge { text } => text,
        };
        write!(f, "I couldn't read \"{text}\" as an amount: ")?;
        match self {
            NoDigits { .. } => write!(f, "there are no digits in it."),
            NoDigitsAfterSeparator { .. } => write!(f, "no digits after the separator."),
            UnknownWord { word, .. } => {
                write!(f, "I don't know what \"{word}\" means in an amount.")
            }
            UnexpectedCharacter { character, .. } => {
                write!(f, "\"{character}\" doesn't belong in an amount.")
            }
            SeveralNumbers { .. } => write!(
                f,
                "it holds more than one number, so I can't tell which one is the amount."
            ),
            UnevenGroups { .. } => write!(
                f,
                "the digit groups are uneven; thousands come in groups of three, like 1,234,567."
            ),
            AmbiguousSeparator {
                grouped, decimal, ..
            } => write!(
                f,
                "it could mean {grouped} or {decimal}. Please type it without the separator."
            ),
            TooManyDecimals { .. } => write!(f, "it has more than two decimal places."),
            TwoCurrencies { first, second, .. } => {
                write!(f, "it names two currencies, {first} and {second}.")
            }
            TwoScales { .. } => {
                write!(f, "it has more than one scale word (like K, M or million).")
            }
            TooLarge { .. } => write!(f, "the number is too large to be an amount."),
        }
    }
}

impl std::error::Error for MoneyError {}

/// Texts that mean "no value" in a CRM field.
const BLANKS: &[&str] = &[
    "", "-", "--", "—", "–", "n/a", "na", "none", "null", "tbd", "not set", "keine", "k. a.",
    "k.a.", "aucun", "ninguno", "nenhum", "geen",
];

const SYMBOLS: &[(char, &str)] = &[
    ('$', "USD"),
    ('€', "EUR"),
    ('£', "GBP"),
    ('¥', "JPY"),
    ('₹', "INR"),
    ('₩', "KRW"),
    ('₽', "RUB"),
    ('₺', "TRY"),
    ('₪', "ILS"),
    ('₱', "PHP"),
    ('₦', "NGN"),
    ('฿', "THB"),
    ('₫', "VND"),
    ('₴', "UAH"),
];

/// What a letter prefix turns `$` into (`US$`, `C$`, `R$`, …).
const DOLLAR_PREFIXES: &[(&str, &str)] = &[
    ("us", "USD"),
    ("c", "CAD"),
    ("ca", "CAD"),
    ("can", "CAD"),
    ("a", "AUD"),
    ("au", "AUD"),
    ("nz", "NZD"),
    ("s", "SGD"),
    ("sg", "SGD"),
    ("hk", "HKD"),
    ("mx", "MXN"),
    ("r", "BRL"),
];

const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CHF", "JPY", "INR", "CAD", "AUD", "NZD", "BRL", "MXN", "SEK", "NOK",
    "DKK", "PLN", "CZK", "HUF", "SGD", "HKD", "CNY", "ZAR", "KRW", "TRY", "ILS", "AED", "SAR",
    "RUB", "ARS", "CLP", "COP",
];

/// Currency words that are not ISO codes; `None` when the word names a
/// currency without saying which (`kr` is Swedish, Norwegian or Danish).
const CURRENCY_WORDS: &[(&str, Option<&str>)] = &[
    ("rs", Some("INR")),
    ("fr", Some("CHF")),
    ("sfr", Some("CHF")),
    ("zł", Some("PLN")),
    ("euro", Some("EUR")),
    ("euros", Some("EUR")),
    ("dollar", Some("USD")),
    ("dollars", Some("USD")),
    ("kr", None),
];

/// Scale words (lower-case, trailing dot removed) and their factor.
const SCALES: &[(&str, i64)] = &[
    ("k", 1_000),
    ("tsd", 1_000),
    ("tausend", 1_000),
    ("thousand", 1_000),
    ("mil", 1_000),
    ("mille", 1_000),
    ("m", 1_000_000),
    ("mm", 1_000_000),
    ("mn", 1_000_000),
    ("mio", 1_000_000),
    ("mill", 1_000_000),
    ("million", 1_000_000),
    ("millions", 1_000_000),
    ("millionen", 1_000_000),
    ("millón", 1_000_000),
    ("millon", 1_000_000),
    ("millones", 1_000_000),
    ("milhão", 1_000_000),
    ("milhao", 1_000_000),
    ("milhões", 1_000_000),
    ("milhoes", 1_000_000),
    ("miljoen", 1_000_000),
    ("mln", 1_000_000),
    ("b", 1_000_000_000),
    ("bn", 1_000_000_000),
    ("billion", 1_000_000_000),
    ("billions", 1_000_000_000),
    ("mrd", 1_000_000_000),
    ("md", 1_000_000_000),
    ("mds", 1_000_000_000),
    ("milliard", 1_000_000_000),
    ("milliards", 1_000_000_000),
    ("milliarde", 1_000_000_000),
    ("milliarden", 1_000_000_000),
    ("miljard", 1_000_000_000),
    ("mld", 1_000_000_000),
    ("bilhão", 1_000_000_000),
    ("bilhões", 1_000_000_000),
    ("lakh", 100_000),
    ("lakhs", 100_000),
    ("lac", 100_000),
    ("crore", 10_000_000),
    ("crores", 10_000_000),
    ("cr", 10_000_000),
];

/// Scale and currency fused in one word, as German and French finance write it.
const SCALED_CURRENCIES: &[(&str, i64)] = &[("t", 1_000), ("m", 1_000_000)];

/// Words that may sit beside an annual amount without changing it.
const FILLERS: &[&str] = &[
    "per",
    "year",
    "yr",
    "annum",
    "annual",
    "annually",
    "yearly",
    "pa",
    "p.a",
    "approx",
    "ca",
    "circa",
    "jährlich",
    "pro",
    "jahr",
    "par",
    "an",
    "por",
    "año",
    "ano",
    "jaar",
];

fn is_group_char(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '−' | '–' | '—')
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Number(&'a str),
    Word(&'a str),
    Dollar(Option<&'a str>),
    Symbol(char),
    Dash,
}

/// What the words and symbols around the number said.
#[derive(Default)]
struct Context {
    currency: Option<&'static str>,
    named_currency: bool,
    scale: Option<i64>,
    negative: bool,
}

/// Reads an amount. `Ok(None)` means the field is blank (`-`, `—`, empty, `n/a`).
///
/// ```
/// use defuse::account::{money::parse_money, locale::Locale};
/// let de = Locale::from_lang("de-DE");
/// let m = parse_money("1.200.000,50 €", &de);
/// assert!(matches!(m, Ok(Some(ref v)) if v.cents == 120_000_050 && v.currency.as_deref() == Some("EUR")));
/// ```
pub fn parse_money(text: &str, locale: &Locale) -> Result<Option<Money>, MoneyError> {
    let trimmed = text.trim();
    if is_blank(trimmed) {
        return Ok(None);
    }
    let primary = primary_amount(trimmed);
    let (inner, parenthesized) = match primary.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (inner, true),
        None => (primary, false),
    };
    let tokens = tokenize(inner, trimmed)?;
    let mut context = Context {
        negative: parenthesized,
        ..Context::default()
    };
    let mut number: Option<&str> = None;
    let mut previous: Option<Token> = None;
    for token in &tokens {
        match *token {
            Token::Number(n) => {
                if number.is_some() {
                    return Err(MoneyError::SeveralNumbers {
                        text: trimmed.into(),
                    });
                }
                number = Some(n);
                if previous == Some(Token::Dash) {
                    context.negative = true;
                }
            }
            Token::Dash => {}
            Token::Symbol(c) => {
                let code = SYMBOLS.iter().find(|(s, _)| *s == c).map(|(_, code)| *code);
                set_currency(&mut context, code, trimmed)?;
            }
            Token::Dollar(prefix) => {
                let code = match prefix {
                    Some(p) => DOLLAR_PREFIXES
                        .iter()
                        .find(|(w, _)| w.eq_ignore_ascii_case(p))
                        .map(|(_, code)| *code),
                    None => Some("USD"),
                };
                set_currency(&mut context, code, trimmed)?;
            }
            Token::Word(w) => read_word(w, &mut context, trimmed)?,
        }
        // A minus may stand before the currency: `-$1,000`.
        if !matches!(token, Token::Symbol(_) | Token::Dollar(_)) {
            previous = Some(*token);
        }
    }
    let Some(number) = number else {
        return if tokens
            .iter()
            .all(|t| matches!(t, Token::Dash | Token::Symbol(_) | Token::Dollar(_)))
            || context.named_currency
        {
            // `$ -` or `EUR —`: an accounting blank.
            Ok(None)
        } else {
            Err(MoneyError::NoDigits {
                text: trimmed.into(),
            })
        };
    };
    let scale = context.scale.unwrap_or(1);
    let (whole, fraction) = split_number(number, context.scale.is_some(), locale, trimmed)?;
    let cents = to_cents(&whole, &fraction, scale, trimmed)?;
    Ok(Some(Money {
        cents: if context.negative { -cents } else { cents },
        currency: context.currency.map(str::to_string),
    }))
}

/// Whether a field text means "no value" (shared with date reading).
pub(crate) fn is_blank(text: &str) -> bool {
    let lower = text.to_lowercase();
    BLANKS.contains(&lower.as_str()) || text.chars().all(|c| is_dash(c) || c.is_whitespace())
}

/// Multi-currency text such as `EUR 1,000,000.00 (USD 1,085,000.00)` or
/// `1.000 € / 1.085 $`: the first amount is the one the CRM stores.
fn primary_amount(text: &str) -> &str {
    let mut seen_digit = false;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            seen_digit = true;
        } else if seen_digit && matches!(c, '(' | '/' | '|' | ';' | '≈') {
            return text.get(..i).map(str::trim).unwrap_or(text);
        }
    }
    text
}

fn tokenize<'a>(text: &'a str, original: &str) -> Result<Vec<Token<'a>>, MoneyError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if c.is_ascii_digit() {
                    chars.next();
                    end = i + 1;
                } else if is_group_char(c) && next_is_digit(text, i + c.len_utf8()) {
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token::Number(text.get(start..end).unwrap_or("")));
            skip_dangling_separator(text, end, &mut chars, original)?;
        } else if c.is_alphabetic() {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                let abbreviation_dot = c == '.'
                    && text
                        .get(i + 1..)
                        .and_then(|rest| rest.chars().next())
                        .is_some_and(char::is_alphabetic);
                if c.is_alphabetic() || abbreviation_dot {
                    chars.next();
                    end = i + c.len_utf8();
                } else if c == '.' {
                    // The closing dot of an abbreviation (`Mio.`) belongs to it.
                    chars.next();
                    end = i + 1;
                    break;
                } else {
                    break;
                }
            }
            let word = text.get(start..end).unwrap_or("");
            if chars.peek().is_some_and(|&(_, c)| c == '$') {
                chars.next();
                tokens.push(Token::Dollar(Some(word)));
            } else {
                tokens.push(Token::Word(word));
            }
        } else if c == '$' {
            chars.next();
            tokens.push(Token::Dollar(None));
        } else if SYMBOLS.iter().any(|(s, _)| *s == c) {
            chars.next();
            tokens.push(Token::Symbol(c));
        } else if is_dash(c) {
            chars.next();
            tokens.push(Token::Dash);
        } else if c.is_whitespace() || matches!(c, '+' | '~' | ':' | '*') {
            chars.next();
        } else if matches!(c, '.' | ',') {
            return Err(MoneyError::NoDigitsAfterSeparator {
                text: original.into(),
            });
        } else {
            return Err(MoneyError::UnexpectedCharacter {
                text: original.into(),
                character: c,
            });
        }
    }
    Ok(tokens)
}

fn next_is_digit(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_digit())
}

/// After a number: `1.000,-` is the German way to say "no cents"; any other
/// `,` or `.` left hanging means the fraction is missing.
fn skip_dangling_separator(
    text: &str,
    end: usize,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    original: &str,
) -> Result<(), MoneyError> {
    let Some(&(_, c)) = chars.peek() else {
        return Ok(());
    };
    if !matches!(c, ',' | '.') {
        return Ok(());
    }
    let rest = text.get(end + 1..).unwrap_or("");
    if rest.starts_with('-') || rest.starts_with('–') {
        chars.next();
        while chars.peek().is_some_and(|&(_, c)| is_dash(c)) {
            chars.next();
        }
        return Ok(());
    }
    Err(MoneyError::NoDigitsAfterSeparator {
        text: original.into(),
    })
}

fn set_currency(
    context: &mut Context,
    code: Option<&'static str>,
    text: &str,
) -> Result<(), MoneyError> {
    context.named_currency = true;
    match (context.currency, code) {
        (Some(first), Some(second)) if first != second => Err(MoneyError::TwoCurrencies {
            text: text.into(),
            first: first.into(),
            second: second.into(),
        }),
        (None, Some(code)) => {
            context.currency = Some(code);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn set_scale(context: &mut Context, factor: i64, text: &str) -> Result<(), MoneyError> {
    if context.scale.is_some() {
        return Err(MoneyError::TwoScales { text: text.into() });
    }
    context.scale = Some(factor);
    Ok(())
}

fn read_word(word: &str, context: &mut Context, text: &str) -> Result<(), MoneyError> {
    let bare = word.trim_end_matches('.');
    if let Some(code) = ISO_CODES.iter().find(|c| c.eq_ignore_ascii_case(bare)) {
        return set_currency(context, Some(code), text);
    }
    let lower = bare.to_lowercase();
    if let Some((_, code)) = CURRENCY_WORDS.iter().find(|(w, _)| *w == lower) {
        return set_currency(context, *code, text);
    }
    if let Some((_, factor)) = SCALES.iter().find(|(w, _)| *w == lower) {
        return set_scale(context, *factor, text);
    }
    // `TEUR`, `MUSD`: a scale letter glued to an ISO code.
    for (prefix, factor) in SCALED_CURRENCIES {
        if let Some(code) = lower
            .strip_prefix(prefix)
            .and_then(|rest| ISO_CODES.iter().find(|c| c.eq_ignore_ascii_case(rest)))
        {
            set_scale(context, *factor, text)?;
            return set_currency(context, Some(code), text);
        }
    }
    if FILLERS.contains(&lower.as_str()) {
        return Ok(());
    }
    Err(MoneyError::UnknownWord {
        text: text.into(),
        word: word.into(),
    })
}

/// Splits a run of digits and separators into whole and fraction digits,
/// deciding which separator is decimal (see the module documentation).
fn split_number(
    number: &str,
    scaled: bool,
    locale: &Locale,
    text: &str,
) -> Result<(String, String), MoneyError> {
    let mut groups: Vec<&str> = Vec::new();
    let mut separators: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in number.char_indices() {
        if !c.is_ascii_digit() {
            groups.push(number.get(start..i).unwrap_or(""));
            separators.push(c);
            start = i + c.len_utf8();
        }
    }
    groups.push(number.get(start..).unwrap_or(""));
    let decimal_at = decimal_position(&groups, &separators, scaled, locale, text)?;
    let (whole_groups, fraction) = match decimal_at {
        Some(at) => (
            groups.get(..=at).unwrap_or(&[]),
            groups.get(at + 1).copied().unwrap_or(""),
        ),
        None => (groups.as_slice(), ""),
    };
    if !grouping_is_valid(whole_groups) {
        return Err(MoneyError::UnevenGroups { text: text.into() });
    }
    Ok((whole_groups.concat(), fraction.to_string()))
}

fn decimal_position(
    groups: &[&str],
    separators: &[char],
    scaled: bool,
    locale: &Locale,
    text: &str,
) -> Result<Option<usize>, MoneyError> {
    let commas = separators.iter().filter(|c| **c == ',').count();
    let points = separators.iter().filter(|c| **c == '.').count();
    let last = separators.len().checked_sub(1);
    let Some(last) = last else {
        return Ok(None);
    };
    let last_char = separators.get(last).copied().unwrap_or(' ');
    if commas > 0 && points > 0 {
        let count = if last_char == ',' { commas } else { points };
        if !matches!(last_char, ',' | '.') || count > 1 {
            return Err(MoneyError::UnevenGroups { text: text.into() });
        }
        return Ok(Some(last));
    }
    if commas + points != 1 || !matches!(last_char, ',' | '.') {
        return Ok(None);
    }
    let after = groups.get(last + 1).map_or(0, |g| g.len());
    let whole = groups.get(..=last).unwrap_or(&[]);
    if after != 3 || !grouping_is_valid(whole) || whole.first() == Some(&"0") {
        return Ok(Some(last));
    }
    let locale_mark = locale.decimal.map(|m| m.as_char());
    if scaled {
        return Ok(match locale_mark {
            Some(mark) if mark != last_char => None,
            _ => Some(last),
        });
    }
    match locale_mark {
        Some(mark) if mark == last_char => Err(MoneyError::AmbiguousSeparator {
            text: text.into(),
            grouped: groups.concat(),
            decimal: format!(
                "{}.{}",
                whole.concat(),
                groups.get(last + 1).copied().unwrap_or("")
            ),
        }),
        _ => Ok(None),
    }
}

/// Western thousands (`1,234,567`) or Indian lakh grouping (`12,34,567`).
fn grouping_is_valid(groups: &[&str]) -> bool {
    let [first, rest @ ..] = groups else {
        return true;
    };
    let Some((last, middle)) = rest.split_last() else {
        return true;
    };
    let western = (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3);
    let indian =
        (1..=2).contains(&first.len()) && middle.iter().all(|g| g.len() == 2) && last.len() == 3;
    western || indian
}

/// Exact cents from decimal digits and a scale; rounds half up only when a
/// scale word makes sub-cent digits meaningful (`1.23456K`).
fn to_cents(whole: &str, fraction: &str, scale: i64, text: &str) -> Result<i64, MoneyError> {
    let significant = fraction.trim_end_matches('0');
    if scale == 1 && significant.len() > 2 {
        return Err(MoneyError::TooManyDecimals { text: text.into() });
    }
    if significant.len() > 12 {
        return Err(MoneyError::TooManyDecimals { text: text.into() });
    }
    let too_large = || MoneyError::TooLarge { text: text.into() };
    if whole.len() > 20 {
        return Err(too_large());
    }
    let whole_value: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_large())?
    };
    let fraction_value: i128 = if significant.is_empty() {
        0
    } else {
        significant.parse().map_err(|_| too_large())?
    };
    let unit = 10i128.pow(significant.len() as u32);
    let cents = whole_value
        .checked_mul(unit)
        .and_then(|v| v.checked_add(fraction_value))
        .and_then(|v| v.checked_mul(i128::from(scale) * 100))
        .and_then(|v| v.checked_add(unit / 2))
        .map(|v| v / unit)
        .ok_or_else(too_large)?;
    i64::try_from(cents).map_err(|_| too_large())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(cents: i64, currency: Option<&str>) -> Money {
        Money {
            cents,
            currency: currency.map(str::to_string),
        }
    }

    fn parse(text: &str, lang: &str) -> Result<Option<Money>, MoneyError> {
        parse_money(text, &Locale::from_lang(lang))
    }

    fn ok(text: &str, lang: &str) -> Money {
        let got = parse(text, lang);
        assert!(matches!(got, Ok(Some(_))), "{text:?} in {lang}: {got:?}");
        got.ok().flatten().unwrap_or(Money {
            cents: 0,
            currency: None,
        })
    }

    fn err(text: &str, lang: &str) -> String {
        let got = parse(text, lang);
        assert!(got.is_err(), "{text:?} in {lang} should fail: {got:?}");
        got.err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn decimal_string_is_plain_major_units() {
        assert_eq!(m(120000050, None).to_decimal_string(), "1200000.50");
        assert_eq!(m(120000000, None).to_decimal_string(), "1200000");
        assert_eq!(m(-5, None).to_decimal_string(), "-0.05");
    }

    #[test]
    fn described_for_people() {
        assert_eq!(m(120000050, Some("USD")).describe(), "1,200,000.50 USD");
        assert_eq!(m(95000000, Some("EUR")).describe(), "950,000 EUR");
        assert_eq!(m(-123456, None).describe(), "-1,234.56");
        assert_eq!(m(0, None).describe(), "0");
    }

    #[test]
    fn symbols_and_codes_before_or_after() {
        assert_eq!(ok("$1,200,000", "en-US"), m(120_000_000, Some("USD")));
        assert_eq!(ok("1.200.000,00 €", "de-DE"), m(120_000_000, Some("EUR")));
        assert_eq!(ok("EUR 1.200.000", "de"), m(120_000_000, Some("EUR")));
        assert_eq!(ok("1 200 000 USD", "fr"), m(120_000_000, Some("USD")));
        assert_eq!(ok("£950,000.50", "en-GB"), m(95_000_050, Some("GBP")));
        assert_eq!(ok("US$ 10", ""), m(1000, Some("USD")));
        assert_eq!(ok("R$ 1.000,00", "pt-BR"), m(100_000, Some("BRL")));
        assert_eq!(ok("CHF 1'234'567.50", "de-CH"), m(123_456_750, Some("CHF")));
        assert_eq!(ok("1234", ""), m(123_400, None));
    }

    #[test]
    fn every_group_separator() {
        for text in [
            "1,234,567",
            "1.234.567",
            "1 234 567",
            "1\u{a0}234\u{a0}567",
            "1\u{202f}234\u{202f}567",
            "1'234'567",
            "12,34,567",
        ] {
            assert_eq!(ok(text, "").cents, 123_456_700, "{text}");
        }
        assert_eq!(ok("₹12,34,567.50", "en-IN"), m(123_456_750, Some("INR")));
        assert_eq!(ok("Rs. 1,00,000", "en-IN"), m(10_000_000, Some("INR")));
    }

    #[test]
    fn unambiguous_text_beats_the_locale() {
        assert_eq!(ok("1,234,567.89", "de-DE").cents, 123_456_789);
        assert_eq!(ok("1.234.567,89", "en-US").cents, 123_456_789);
        assert_eq!(ok("1,5", "en-US").cents, 150);
        assert_eq!(ok("1.25", "de-DE").cents, 125);
    }

    #[test]
    fn a_single_mark_before_three_digits_is_the_locale_s_call() {
        assert_eq!(ok("1.234", "de-DE").cents, 123_400);
        assert_eq!(ok("1,234", "en-US").cents, 123_400);
        assert_eq!(ok("1.234", "").cents, 123_400);
        assert_eq!(
            err("1.234", "en-US"),
            "I couldn't read \"1.234\" as an amount: it could mean 1234 or 1.234. \
             Please type it without the separator."
        );
        assert_eq!(
            err("1,234", "fr-FR"),
            "I couldn't read \"1,234\" as an amount: it could mean 1234 or 1.234. \
             Please type it without the separator."
        );
    }

    #[test]
    fn scale_words() {
        assert_eq!(ok("$1.2M", "en-US"), m(120_000_000, Some("USD")));
        assert_eq!(ok("1.2 million", ""), m(120_000_000, None));
        assert_eq!(ok("1,2 Mio. €", "de-DE"), m(120_000_000, Some("EUR")));
        assert_eq!(ok("1,2 M€", "fr"), m(120_000_000, Some("EUR")));
        assert_eq!(ok("850K", ""), m(85_000_000, None));
        assert_eq!(ok("2.5k USD", ""), m(250_000, Some("USD")));
        assert_eq!(ok("1,5 Mrd.", "de"), m(150_000_000_000, None));
        assert_eq!(ok("TEUR 500", "de"), m(50_000_000, Some("EUR")));
        assert_eq!(ok("1.234M", ""), m(123_400_000, None));
        assert_eq!(ok("1.234 Mio.", "de"), m(123_400_000_000, None));
        assert_eq!(ok("1.23456K", ""), m(123_456, None));
        assert_eq!(ok("12 lakh", "en-IN"), m(120_000_000, None));
        assert_eq!(ok("1,2 millones", "es"), m(120_000_000, None));
        assert_eq!(ok("2,5 milhões", "pt"), m(250_000_000, None));
        assert_eq!(ok("€ 3 mln", "nl"), m(300_000_000, Some("EUR")));
    }

    #[test]
    fn multi_currency_text_reads_the_first_amount() {
        assert_eq!(
            ok("EUR 1,000,000.00 (USD 1,085,000.00)", ""),
            m(100_000_000, Some("EUR"))
        );
        assert_eq!(ok("1.000 € / 1.085 $", "de"), m(100_000, Some("EUR")));
    }

    #[test]
    fn blanks_are_not_set() {
        for text in [
            "", "  ", "-", "—", "–", "--", "n/a", "N/A", "$ -", "EUR —", "None",
        ] {
            assert_eq!(parse(text, "en-US"), Ok(None), "{text:?}");
        }
    }

    #[test]
    fn negatives_and_no_cents_notation() {
        assert_eq!(ok("-$1,000", "en-US").cents, -100_000);
        assert_eq!(ok("(1,000.00)", "en-US").cents, -100_000);
        assert_eq!(ok("1.000,- €", "de").cents, 100_000);
    }

    #[test]
    fn errors_name_the_text_and_the_problem() {
        assert_eq!(
            err("about 1.2", "en-US"),
            "I couldn't read \"about 1.2\" as an amount: I don't know what \"about\" means in an amount."
        );
        assert_eq!(
            err("1,200.", "en-US"),
            "I couldn't read \"1,200.\" as an amount: no digits after the separator."
        );
        assert_eq!(
            err("100 - 200", "en-US"),
            "I couldn't read \"100 - 200\" as an amount: it holds more than one number, so I can't tell which one is the amount."
        );
        assert_eq!(
            err("1,23,4567", "en-US"),
            "I couldn't read \"1,23,4567\" as an amount: the digit groups are uneven; thousands come in groups of three, like 1,234,567."
        );
        assert_eq!(
            err("12.3456", "en-US"),
            "I couldn't read \"12.3456\" as an amount: it has more than two decimal places."
        );
        assert_eq!(
            err("EUR 100 USD", ""),
            "I couldn't read \"EUR 100 USD\" as an amount: it names two currencies, EUR and USD."
        );
        assert_eq!(
            err("12%", ""),
            "I couldn't read \"12%\" as an amount: \"%\" doesn't belong in an amount."
        );
        assert_eq!(
            err("1 K M", ""),
            "I couldn't read \"1 K M\" as an amount: it has more than one scale word (like K, M or million)."
        );
        assert_eq!(
            err("99999999999999999999999", ""),
            "I couldn't read \"99999999999999999999999\" as an amount: the number is too large to be an amount."
        );
        assert_eq!(
            err("31.03.2027", "de"),
            "I couldn't read \"31.03.2027\" as an amount: the digit groups are uneven; thousands come in groups of three, like 1,234,567."
        );
    }

    /// Groups the whole part by threes (or Indian lakh style) with `sep`.
    fn group(whole: u64, sep: &str, lakh: bool) -> String {
        let digits = whole.to_string();
        let mut parts: Vec<String> = Vec::new();
        let mut rest = digits.as_str();
        let mut size = 3;
        while rest.len() > size {
            let (head, tail) = rest.split_at(rest.len() - size);
            parts.push(tail.to_string());
            rest = head;
            if lakh {
                size = 2;
            }
        }
        parts.push(rest.to_string());
        parts.reverse();
        parts.join(sep)
    }

    /// `cents` written as a page in each style would; without the fraction
    /// when `with_cents` is false.
    fn styled(cents: u64, style: usize, with_cents: bool) -> (String, &'static str) {
        let (whole, minor) = (cents / 100, cents % 100);
        let fraction = |mark: char| {
            if with_cents {
                format!("{mark}{minor:02}")
            } else {
                String::new()
            }
        };
        match style {
            0 => (
                format!("${}{}", group(whole, ",", false), fraction('.')),
                "en-US",
            ),
            1 => (
                format!("{}{} €", group(whole, ".", false), fraction(',')),
                "de-DE",
            ),
            2 => (
                format!(
                    "{}{}\u{a0}€",
                    group(whole, "\u{202f}", false),
                    fraction(',')
                ),
                "fr-FR",
            ),
            3 => (
                format!("CHF {}{}", group(whole, "'", false), fraction('.')),
                "de-CH",
            ),
            _ => (
                format!("₹{}{}", group(whole, ",", true), fraction('.')),
                "en-IN",
            ),
        }
    }

    proptest! {
        #[test]
        fn formatted_amounts_read_back(cents in 0u64..10_000_000_000_000, style in 0usize..5) {
            let (text, lang) = styled(cents, style, true);
            let parsed = parse(&text, lang);
            prop_assert_eq!(parsed.map(|m| m.map(|m| m.cents)), Ok(Some(cents as i64)), "{}", text);
        }

        #[test]
        fn whole_amounts_read_back_in_their_locale(whole in 0u64..100_000_000_000, style in 0usize..5) {
            let (text, lang) = styled(whole * 100, style, false);
            prop_assert_eq!(parse(&text, lang).map(|m| m.map(|m| m.cents)), Ok(Some(whole as i64 * 100)), "{}", text);
        }

        #[test]
        fn never_panics(text in "\\PC{0,40}", lang in "[a-z]{0,2}(-[A-Z]{2})?") {
            let _ = parse(&text, &lang);
        }

        #[test]
        fn never_panics_on_money_like_text(text in "[-0-9.,' €$KkMm()a-z]{0,24}") {
            let _ = parse(&text, "en-US");
            let _ = parse(&text, "de-DE");
        }
    }
}
