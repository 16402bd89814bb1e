//! Exact money amounts and reading them from page text. Money is never a
//! float: amounts are integers in hundredths of the major unit, with the ISO
//! currency code when known. The text is scanned by [`super::money_read`]
//! with the page locale's CLDR data (symbols, scale words, separators).
//!
//! Which currency a symbol means, in order:
//! - an ISO code or a symbol only one currency uses (`€`, `US$`, `R$`, `₪`) is that currency;
//! - a shared symbol (`$`, `¥`, `kr`) is what the page locale writes with it
//!   (`$` on an `en-CA` page is CAD, `¥` on a `zh` page is CNY, `kr` on `sv` is SEK);
//! - otherwise `$` is USD and `¥` JPY, flagged [`Money::currency_assumed`] for
//!   the panel to ask ("read $ as USD — change?"); `kr` alone stays unknown.
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
use super::money_read::{self, Token, Trust};
use crate::case::Lowercase;
use serde::Serialize;
use std::fmt;

/// An exact amount, e.g. `1200000.50 EUR` is `Money { cents: 120000050, currency: Some("EUR") }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Hundredths of the major unit (cents, pence, …).
    pub cents: i64,
    /// ISO 4217 code (`USD`, `EUR`, …) when the page said which currency.
    pub currency: Option<String>,
    /// The currency was not written unambiguously (a bare `$` on a page
    /// whose locale doesn't use `$`): the panel should ask the CSM to confirm.
    #[serde(default, skip_serializing_if = "is_false")]
    pub currency_assumed: bool,
}

crate::read_struct!(Money {
    cents: "cents",
    currency: "currency",
    currency_assumed: "currencyAssumed" default,
});

fn is_false(b: &bool) -> bool {
    !*b
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
    /// The text reads as a date (`12/03/2027` in an ARR field).
    LooksLikeDate {
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
            | TooLarge { text }
            | LooksLikeDate { text } => text,
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
            LooksLikeDate { .. } => write!(f, "it looks like a date, not an amount."),
        }
    }
}

impl std::error::Error for MoneyError {}

/// Texts that mean "no value" in a CRM field.
static BLANKS: crate::words::WordList = crate::words::word_list![
    "", "-", "--", "—", "–", "n/a", "na", "none", "null", "tbd", "not set", "keine", "k. a.",
    "k.a.", "aucun", "ninguno", "nenhum", "geen",
];

/// What the words and symbols around the number said.
#[derive(Default)]
pub(super) struct Context {
    pub currency: Option<&'static str>,
    pub trust: Option<Trust>,
    pub named_currency: bool,
    pub scale: Option<i64>,
    pub negative: bool,
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
    if super::date::reads_as_date(trimmed, locale) {
        return Err(MoneyError::LooksLikeDate {
            text: trimmed.into(),
        });
    }
    let normalized = super::cldr::normalize(trimmed, locale.record());
    let primary = primary_amount(normalized.trim());
    let (inner, parenthesized) = match primary.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (inner, true),
        None => (primary, false),
    };
    let tokens = money_read::tokenize(inner, trimmed, locale)?;
    let mut context = Context {
        negative: parenthesized,
        ..Context::default()
    };
    let mut number: Option<&str> = None;
    let mut previous: Option<&Token> = None;
    for token in &tokens {
        match token {
            Token::Number(n) => {
                if number.is_some() {
                    return Err(MoneyError::SeveralNumbers {
                        text: trimmed.into(),
                    });
                }
                number = Some(n);
                if matches!(previous, Some(Token::Dash)) {
                    context.negative = true;
                }
            }
            Token::Dash | Token::Filler => {}
            Token::Currency { code, trust } => {
                set_currency(&mut context, *code, *trust, trimmed)?;
            }
            Token::Scale(factor) => set_scale(&mut context, *factor, trimmed)?,
            // Right after the number it is the scale (`33.5K`), else the currency (`K 33.5`).
            Token::CurrencyOrScale(code, factor) => {
                if matches!(previous, Some(Token::Number(_))) && context.scale.is_none() {
                    set_scale(&mut context, *factor, trimmed)?;
                } else {
                    set_currency(&mut context, Some(code), Trust::Locale, trimmed)?;
                }
            }
            Token::ScaledCurrency(factor, code) => {
                set_scale(&mut context, *factor, trimmed)?;
                set_currency(&mut context, Some(code), Trust::Written, trimmed)?;
            }
        }
        // A minus may stand before the currency: `-$1,000`.
        if !matches!(token, Token::Currency { .. }) {
            previous = Some(token);
        }
    }
    let Some(number) = number else {
        return if tokens
            .iter()
            .all(|t| matches!(t, Token::Dash | Token::Currency { .. }))
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
    let decimals = context.currency.and_then(money_read::decimals);
    let (whole, fraction) =
        money_read::split_number(number, context.scale.is_some(), decimals, locale, trimmed)?;
    let cents = money_read::to_cents(&whole, &fraction, scale, trimmed)?;
    Ok(Some(Money {
        cents: if context.negative { -cents } else { cents },
        currency: context.currency.map(str::to_string),
        currency_assumed: context.currency.is_some() && context.trust == Some(Trust::Assumed),
    }))
}

/// Whether a field text means "no value" (shared with date reading).
pub(crate) fn is_blank(text: &str) -> bool {
    let lower = text.lowercase();
    BLANKS.contains(&lower.as_str()) || text.chars().all(|c| is_dash(c) || c.is_whitespace())
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '−' | '–' | '—')
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

fn set_currency(
    context: &mut Context,
    code: Option<&'static str>,
    trust: Trust,
    text: &str,
) -> Result<(), MoneyError> {
    context.named_currency = true;
    let Some(code) = code else {
        return Ok(());
    };
    match (context.currency, context.trust) {
        (Some(first), Some(had)) if first != code => {
            // A code or an unambiguous symbol settles a shared one (`$ … USD`);
            // two readings as sure as each other are two currencies.
            if trust > had {
                context.currency = Some(code);
                context.trust = Some(trust);
            } else if trust == had {
                return Err(MoneyError::TwoCurrencies {
                    text: text.into(),
                    first: first.into(),
                    second: code.into(),
                });
            }
        }
        (Some(_), had) => context.trust = had.max(Some(trust)),
        (None, _) => {
            context.currency = Some(code);
            context.trust = Some(trust);
        }
    }
    Ok(())
}

fn set_scale(context: &mut Context, factor: i64, text: &str) -> Result<(), MoneyError> {
    if context.scale.is_some() {
        return Err(MoneyError::TwoScales { text: text.into() });
    }
    context.scale = Some(factor);
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "money_tests.rs"]
mod tests;
