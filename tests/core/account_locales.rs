//! Money and dates the way CRMs print them across locales, through the public
//! readers (`parse_money`, `parse_date`) and through extraction: each class of
//! text issue 11 found misread, in our own examples.

use chrono::NaiveDate;
use defuse::account::{extract, parse_date, parse_money, DateError, Locale, Problem, Snapshot};

fn read(text: &str, lang: &str) -> Option<(i64, Option<String>, bool)> {
    let got = parse_money(text, &Locale::from_lang(lang));
    assert!(matches!(got, Ok(Some(_))), "{text:?} in {lang}: {got:?}");
    got.ok()
        .flatten()
        .map(|m| (m.cents, m.currency, m.currency_assumed))
}

fn sure(text: &str, lang: &str, cents: i64, code: &str) {
    assert_eq!(
        read(text, lang),
        Some((cents, Some(code.to_string()), false)),
        "{text:?} in {lang}"
    );
}

fn day(text: &str, lang: &str) -> Option<NaiveDate> {
    let got = parse_date(text, &Locale::from_lang(lang));
    assert!(matches!(got, Ok(Some(_))), "{text:?} in {lang}: {got:?}");
    got.ok().flatten()
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn a_shared_symbol_is_the_page_locale_s_own_currency() {
    sure("$1,250,000.00", "en-CA", 125_000_000, "CAD");
    sure("$1,250,000.00", "en-AU", 125_000_000, "AUD");
    sure("1 250 000,00 $", "fr-CA", 125_000_000, "CAD");
    sure("$ 1.250.000,00", "es-MX", 125_000_000, "MXN");
    sure("$ 1.250.000,00", "es-AR", 125_000_000, "ARS");
    sure("$1,250,000.00", "zh-TW", 125_000_000, "TWD");
    sure("¥1,250,000.00", "zh-CN", 125_000_000, "CNY");
    sure("￥1,250,000", "ja-JP", 125_000_000, "JPY");
    sure("1 250 000,00 kr", "sv-SE", 125_000_000, "SEK");
    sure("kr. 1.250.000,00", "da-DK", 125_000_000, "DKK");
    sure("kr 1 250 000,00", "nb-NO", 125_000_000, "NOK");
    sure("R 1 250 000,00", "en-ZA", 125_000_000, "ZAR");
    sure("$1,250,000.00", "en-US", 125_000_000, "USD");
}

#[test]
fn elsewhere_dollar_and_yen_are_assumed_and_a_code_always_wins() {
    assert_eq!(
        read("$1,250.00", "de-DE"),
        Some((125_000, Some("USD".into()), true))
    );
    assert_eq!(
        read("¥1,250", "fr-FR"),
        Some((125_000, Some("JPY".into()), true))
    );
    assert_eq!(read("kr 1 250", "de-DE"), Some((125_000, None, false)));
    sure("US$1,250.00", "en-CA", 125_000, "USD");
    sure("1 250,00 $ US", "fr-CA", 125_000, "USD");
    sure("USD 1,250.00", "es-MX", 125_000, "USD");
    sure("$1,250.00 USD", "en-CA", 125_000, "USD");
}

#[test]
fn compact_words_are_the_locale_s_own() {
    sure("1,2 mil. Kč", "cs-CZ", 120_000_000, "CZK");
    sure("1,2 mil. RON", "ro-RO", 120_000_000, "RON");
    sure("₺1,2 B", "tr-TR", 120_000, "TRY");
    sure("123万円", "ja-JP", 123_000_000, "JPY");
    sure("¥123万", "zh-CN", 123_000_000, "CNY");
    sure("₩123만", "ko-KR", 123_000_000, "KRW");
    sure("1,2 млн ₽", "ru-RU", 120_000_000, "RUB");
    sure("950 тыс. ₽", "ru-RU", 95_000_000, "RUB");
    sure("R$ 1,2 mi", "pt-BR", 120_000_000, "BRL");
    sure("1,2 milj. €", "fi-FI", 120_000_000, "EUR");
    sure("950 tys. zł", "pl-PL", 95_000_000, "PLN");
    sure("950 tis. Kč", "cs-CZ", 95_000_000, "CZK");
    sure("950 E Ft", "hu-HU", 95_000_000, "HUF");
    sure("1,2 mn kr", "sv-SE", 120_000_000, "SEK");
    sure("950 t kr.", "da-DK", 95_000_000, "DKK");
    sure("Rp 1,2 jt", "id-ID", 120_000_000, "IDR");
    sure("₹12 लाख", "hi-IN", 120_000_000, "INR");
    sure("₹12L", "en-IN", 120_000_000, "INR");
}

#[test]
fn marks_native_digits_and_local_signs_are_read() {
    sure("\u{200f}‏1,250.00 ₪", "he-IL", 125_000, "ILS");
    sure("\u{200f}١٬٢٥٠٫٠٠ ر.س.\u{200f}", "ar-SA", 125_000, "SAR");
    sure("د.إ.\u{200f} ١٬٢٥٠٫٠٠", "ar-AE", 125_000, "AED");
    sure("۱٬۲۵۰ ریال", "fa-IR", 125_000, "IRR");
    sure("₹१२,५००", "hi-IN", 1_250_000, "INR");
    sure("1,250,000원", "ko-KR", 125_000_000, "KRW");
    sure("1.250.000 Ft", "hu-HU", 125_000_000, "HUF");
    sure("1 250 000,00 Kč", "cs-CZ", 125_000_000, "CZK");
    sure("CHF 1’250’000.00", "de-CH", 125_000_000, "CHF");
}

#[test]
fn month_names_weekdays_and_year_forms() {
    let cases = [
        ("3 aprile 2027", "it-IT", ymd(2027, 4, 3)),
        ("31 marca 2027", "pl-PL", ymd(2027, 3, 31)),
        ("15 Ocak 2028", "tr-TR", ymd(2028, 1, 15)),
        ("31. marts 2027", "da-DK", ymd(2027, 3, 31)),
        ("31. maaliskuuta 2027", "fi-FI", ymd(2027, 3, 31)),
        ("31. března 2027", "cs-CZ", ymd(2027, 3, 31)),
        ("2027. márc. 31.", "hu-HU", ymd(2027, 3, 31)),
        ("31 martie 2027", "ro-RO", ymd(2027, 3, 31)),
        ("31 марта 2027 г.", "ru-RU", ymd(2027, 3, 31)),
        ("31 березня 2027 р.", "uk-UA", ymd(2027, 3, 31)),
        ("31 Μαρτίου 2027", "el-GR", ymd(2027, 3, 31)),
        ("31 במרץ 2027", "he-IL", ymd(2027, 3, 31)),
        ("٣١ مارس ٢٠٢٧", "ar-EG", ymd(2027, 3, 31)),
        ("31 मार्च 2027", "hi-IN", ymd(2027, 3, 31)),
        ("31 tháng 3, 2027", "vi-VN", ymd(2027, 3, 31)),
        ("onsdag 31 mars 2027", "sv-SE", ymd(2027, 3, 31)),
        ("2027年3月31日", "ja-JP", ymd(2027, 3, 31)),
        ("2027年3月31日星期三", "zh-CN", ymd(2027, 3, 31)),
        ("2027년 3월 31일 수요일", "ko-KR", ymd(2027, 3, 31)),
        ("27. 3. 31.", "ko-KR", ymd(2027, 3, 31)),
        ("31/3/70", "th-TH", ymd(2027, 3, 31)),
        ("31/3/27", "th-TH", ymd(2027, 3, 31)),
        ("31 มี.ค. 2027", "th-TH", ymd(2027, 3, 31)),
        ("วันพุธที่ 31 มีนาคม พ.ศ. 2570", "th-TH", ymd(2027, 3, 31)),
        ("令和9年3月31日", "ja-JP", ymd(2027, 3, 31)),
        ("民國116年3月31日", "zh-TW", ymd(2027, 3, 31)),
        ("۱۴۰۶/۱/۱۱", "fa-IR", ymd(2027, 3, 31)),
        ("31/03/2027", "id-ID", ymd(2027, 3, 31)),
        ("03/04/2027", "el-GR", ymd(2027, 4, 3)),
    ];
    for (text, lang, want) in cases {
        assert_eq!(day(text, lang), want, "{text:?} in {lang}");
    }
}

#[test]
fn a_date_is_never_money_and_money_never_a_date() {
    assert_eq!(
        parse_money("12/03/2027", &Locale::from_lang("en-GB")).map_err(|e| e.to_string()),
        Err(
            "I couldn't read \"12/03/2027\" as an amount: it looks like a date, not an amount."
                .into()
        )
    );
    assert_eq!(
        parse_date("$12.03", &Locale::from_lang("en-US")).map_err(|e| e.to_string()),
        Err(
            "I couldn't read \"$12.03\" as a date: it looks like an amount of money, not a date."
                .into()
        )
    );
    assert!(matches!(
        parse_date("03/04/2027", &Locale::from_lang("en")),
        Err(DateError::Ambiguous { .. })
    ));
    // A Thai two-digit year plausible in both calendars: both readings.
    assert_eq!(
        parse_date("31/3/55", &Locale::from_lang("th")),
        Err(DateError::Ambiguous {
            text: "31/3/55".into(),
            first: NaiveDate::from_ymd_opt(2012, 3, 31).unwrap_or_default(),
            second: NaiveDate::from_ymd_opt(2055, 3, 31).unwrap_or_default(),
        })
    );
}

#[test]
fn extraction_tells_an_assumed_currency_and_a_date_in_the_arr_field() {
    let snapshot = |lang: &str, arr: &str| -> Snapshot {
        let json = serde_json::json!({
            "url": "https://crm.example.com/accounts/1",
            "lang": lang,
            "fields": [
                { "label": "Account Name", "value": "Globex", "kind": "pair", "attrs": {} },
                { "label": "ARR", "value": arr, "kind": "pair", "attrs": {} },
            ],
        });
        let parsed: Result<Snapshot, _> = serde_json::from_value(json);
        assert!(parsed.is_ok(), "{parsed:?}");
        parsed.unwrap_or_default().validate()
    };
    let facts = extract(&snapshot("de-DE", "$1.250.000"));
    let arr = facts.arr.map(|f| f.value);
    assert_eq!(arr.as_ref().map(|m| m.currency_assumed), Some(true));
    let json = serde_json::to_value(&arr).unwrap_or_default();
    assert_eq!(json["currencyAssumed"], serde_json::json!(true));
    let facts = extract(&snapshot("en-CA", "$1,250,000"));
    assert_eq!(
        facts
            .arr
            .map(|f| (f.value.currency, f.value.currency_assumed)),
        Some((Some("CAD".into()), false))
    );
    let facts = extract(&snapshot("en-GB", "12/03/2027"));
    assert!(facts.arr.is_none());
    assert!(facts.problems.iter().any(|p| matches!(
        p,
        Problem::ArrUnreadable { error, .. } if error.contains("looks like a date")
    )));
}
