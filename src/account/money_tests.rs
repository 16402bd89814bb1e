//! Unit tests of reading money (kept apart so each file stays small).

use super::*;
use proptest::prelude::*;

fn m(cents: i64, currency: Option<&str>) -> Money {
    Money {
        cents,
        currency: currency.map(str::to_string),
        currency_assumed: false,
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
        currency_assumed: false,
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
        "I couldn't read \"31.03.2027\" as an amount: it looks like a date, not an amount."
    );
    assert_eq!(
        err("12/03/2027", "en-US"),
        "I couldn't read \"12/03/2027\" as an amount: it looks like a date, not an amount."
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
