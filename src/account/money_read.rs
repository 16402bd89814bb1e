//! Scanning an amount's text into tokens (numbers, currencies, scale words)
//! and turning its digits into exact cents. Words are matched longest first
//! against, in order of trust: the page locale's CLDR symbols and scale words,
//! ISO codes, the hand tables below (generic words CLDR doesn't list), and the
//! symbols every locale reads the same way.

use super::cldr::{self, Record};
use super::locale::Locale;
use super::money::{is_dash, MoneyError};
use crate::case::Lowercase;

/// How sure a currency reading is; a surer one overrides a weaker one in
/// the same text (`$1,250 USD` on an en-CA page is USD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Trust {
    /// A shared symbol read as the most common currency (`$` → USD on a German page).
    Assumed,
    /// A shared symbol read as the page locale's own currency (`$` on en-CA).
    Locale,
    /// An ISO code or a symbol only one currency uses.
    Written,
}

/// What one stretch of an amount's text is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token<'a> {
    Number(&'a str),
    /// `None`: a currency word that doesn't say which (`kr` with no locale).
    Currency {
        code: Option<&'static str>,
        trust: Trust,
    },
    Scale(i64),
    /// A word the page locale uses both ways (`K` on en-PG: kina and thousand).
    CurrencyOrScale(&'static str, i64),
    ScaledCurrency(i64, &'static str),
    Dash,
    Filler,
}

/// Currency words that are not ISO codes; `None` when the word names a
/// currency without saying which (`kr` is Swedish, Norwegian or Danish).
const CURRENCY_WORDS: &[(&str, Option<&str>)] = &[
    ("rs", Some("INR")),
    ("rs.", Some("INR")),
    ("fr", Some("CHF")),
    ("sfr", Some("CHF")),
    ("zł", Some("PLN")),
    ("euro", Some("EUR")),
    ("euros", Some("EUR")),
    ("dollar", Some("USD")),
    ("dollars", Some("USD")),
    ("kr", None),
    // How Japanese and Korean pages write yen and won after the amount.
    ("円", Some("JPY")),
    ("원", Some("KRW")),
];

/// Dollars with a letter prefix (`US$`, `C$`, `R$`, …) CLDR doesn't list.
const DOLLAR_PREFIXES: &[(&str, &str)] = &[
    ("us$", "USD"),
    ("c$", "CAD"),
    ("ca$", "CAD"),
    ("can$", "CAD"),
    ("a$", "AUD"),
    ("au$", "AUD"),
    ("nz$", "NZD"),
    ("s$", "SGD"),
    ("sg$", "SGD"),
    ("hk$", "HKD"),
    ("mx$", "MXN"),
    ("r$", "BRL"),
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
static FILLERS: crate::words::WordList = crate::words::word_list![
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

/// How many decimals a currency is written with, when not two.
pub(super) fn decimals(code: &str) -> Option<u8> {
    if cldr::three_decimals(code) {
        Some(3)
    } else if cldr::zero_decimals(code) {
        Some(0)
    } else {
        None
    }
}

fn pow10(exponent: u16) -> Option<i64> {
    10i64.checked_pow(u32::from(exponent))
}

fn currency(code: Option<&'static str>, trust: Trust) -> Token<'static> {
    Token::Currency { code, trust }
}

/// The best known word at the start of `rest`: longest wins, and between
/// equally long ones the more trusted source.
fn term(rest: &str, before: Option<char>, locale: &Locale) -> Option<(usize, Token<'static>)> {
    let mut best: Option<(usize, Token<'static>)> = None;
    let mut consider = |word: &str, token: Token<'static>| {
        if best.as_ref().is_none_or(|(len, _)| word.len() > *len) && cldr::fits(rest, word, before)
        {
            best = Some((word.len(), token));
        }
    };
    let record: Option<&Record> = locale.record();
    let own = locale.own_currency();
    if let Some(r) = record {
        for (word, index) in cldr::words(r.symbols) {
            let scale = cldr::words(r.scales).find(|(w, _)| *w == word);
            // Sure only for the page's own currency: `$` is USD on a German
            // page by CLDR, but "read $ as USD" is for the CSM to confirm.
            let code = cldr::code(index);
            match (code, scale.and_then(|(_, e)| pow10(e))) {
                (Some(code), Some(factor)) => consider(word, Token::CurrencyOrScale(code, factor)),
                _ => consider(
                    word,
                    currency(
                        code,
                        if code == own {
                            Trust::Locale
                        } else {
                            Trust::Assumed
                        },
                    ),
                ),
            }
        }
        for (word, exponent) in cldr::words(r.scales) {
            if let Some(factor) = pow10(exponent) {
                consider(word, Token::Scale(factor));
            }
        }
    }
    if let Some(code) = rest
        .get(..3)
        .and_then(cldr::code_index)
        .and_then(cldr::code)
    {
        consider(
            rest.get(..3).unwrap_or(""),
            currency(Some(code), Trust::Written),
        );
    }
    for (word, code) in CURRENCY_WORDS {
        consider(word, currency(*code, Trust::Written));
    }
    for (word, factor) in SCALES {
        consider(word, Token::Scale(*factor));
    }
    for (word, code, assumed) in cldr::global_symbols() {
        let trust = if assumed {
            Trust::Assumed
        } else {
            Trust::Written
        };
        consider(word, currency(cldr::code(code), trust));
    }
    for (prefix, code) in DOLLAR_PREFIXES {
        consider(prefix, currency(Some(code), Trust::Written));
    }
    for word in FILLERS.iter() {
        consider(word, Token::Filler);
    }
    if best.is_none() {
        if let Some((len, factor)) =
            cldr::any_scale(rest, before).and_then(|(l, e)| Some((l, pow10(e)?)))
        {
            best = Some((len, Token::Scale(factor)));
        }
    }
    best
}

/// Whether a text names a currency by a sign or an ISO code (`$`, `€`,
/// `EUR`; a code only in capitals, as `ils` is a Romansh word): such a text
/// in a date field is money, not a date.
pub(super) fn names_currency(text: &str, locale: &Locale) -> bool {
    let words = text.split(|c: char| !c.is_ascii_alphabetic());
    if words.into_iter().any(|w| {
        w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()) && cldr::code_index(w).is_some()
    }) {
        return true;
    }
    let normalized = cldr::normalize(text, locale.record());
    let mut before = None;
    for (at, c) in normalized.char_indices() {
        let sign = !cldr::is_word_char(c) && !c.is_ascii_digit() && !c.is_whitespace();
        if sign && !matches!(c, '.' | ',' | '/' | '-' | ':' | '(' | ')' | '\'') {
            let rest = normalized.get(at..).unwrap_or("");
            if let Some((_, Token::Currency { code: Some(_), .. })) = term(rest, before, locale) {
                return true;
            }
        }
        before = Some(c);
    }
    false
}

/// Splits normalized, lower-case text into tokens; errors quote `original`.
pub(super) fn tokenize<'a>(
    text: &'a str,
    original: &str,
    locale: &Locale,
) -> Result<Vec<Token<'a>>, MoneyError> {
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(c) = text.get(at..).and_then(|r| r.chars().next()) {
        let rest = text.get(at..).unwrap_or("");
        let before = text.get(..at).and_then(|b| b.chars().next_back());
        if c.is_ascii_digit() {
            let mut end = at;
            let mut chars = rest.char_indices().peekable();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_ascii_digit() {
                    end = at + i + 1;
                } else if !(is_group_char(c) && next_is_digit(rest, i + c.len_utf8())) {
                    break;
                }
                chars.next();
            }
            tokens.push(Token::Number(text.get(at..end).unwrap_or("")));
            at = end + skip_dangling_separator(text.get(end..).unwrap_or(""), original)?;
        } else if c.is_whitespace() || matches!(c, '+' | '~' | ':' | '*' | '≈') {
            at += c.len_utf8();
        } else if let Some((len, token)) = term(rest, before, locale) {
            tokens.push(token);
            at += len;
        } else if is_dash(c) {
            tokens.push(Token::Dash);
            at += c.len_utf8();
        } else if cldr::is_word_char(c) {
            let word: String = rest
                .chars()
                .take_while(|c| cldr::is_word_char(*c) || *c == '.')
                .collect();
            let bare = word.trim_end_matches('.');
            // `TEUR`, `MUSD`: a scale letter glued to an ISO code.
            let scaled = SCALED_CURRENCIES.iter().find_map(|(prefix, factor)| {
                let code = bare.strip_prefix(prefix).and_then(cldr::code_index)?;
                Some(Token::ScaledCurrency(*factor, cldr::code(code)?))
            });
            match scaled {
                Some(token) => tokens.push(token),
                None => {
                    return Err(MoneyError::UnknownWord {
                        text: original.into(),
                        word: original_word(original, bare),
                    })
                }
            }
            at += word.len();
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

/// The word as the page wrote it (the scan runs on lower-case text); the
/// date reader uses it too.
pub(super) fn original_word(original: &str, lower: &str) -> String {
    let count = lower.chars().count();
    original
        .char_indices()
        .find_map(|(i, _)| {
            let candidate: String = original.get(i..)?.chars().take(count).collect();
            (candidate.lowercase() == lower).then_some(candidate)
        })
        .unwrap_or_else(|| lower.to_string())
}

fn next_is_digit(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_digit())
}

/// After a number: `1.000,-` is the German way to say "no cents"; any other
/// `,` or `.` left hanging means the fraction is missing. Returns the bytes to skip.
fn skip_dangling_separator(rest: &str, original: &str) -> Result<usize, MoneyError> {
    let Some(c) = rest.chars().next() else {
        return Ok(0);
    };
    if !matches!(c, ',' | '.') {
        return Ok(0);
    }
    let after = rest.get(1..).unwrap_or("");
    if after.starts_with(is_dash) {
        let dashes: usize = after
            .chars()
            .take_while(|c| is_dash(*c))
            .map(char::len_utf8)
            .sum();
        return Ok(1 + dashes);
    }
    // `1,2 mil.`: a dot closing an abbreviation is read with the word, not here.
    Err(MoneyError::NoDigitsAfterSeparator {
        text: original.into(),
    })
}

/// Splits a run of digits and separators into whole and fraction digits,
/// deciding which separator is decimal (see the module documentation).
pub(super) fn split_number(
    number: &str,
    scaled: bool,
    decimals: Option<u8>,
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
    let decimal_at = decimal_position(&groups, &separators, scaled, decimals, locale, text)?;
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
    decimals: Option<u8>,
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
    match decimals {
        // `12.500 KWD`: a three-decimal currency.
        Some(3) if !scaled && locale_mark.is_none_or(|m| m == last_char) => return Ok(Some(last)),
        // `JP¥10,916`: a currency without decimals only groups.
        Some(0) if !scaled => return Ok(None),
        _ => {}
    }
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
pub(super) fn to_cents(
    whole: &str,
    fraction: &str,
    scale: i64,
    text: &str,
) -> Result<i64, MoneyError> {
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
