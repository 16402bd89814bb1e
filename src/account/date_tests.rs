//! Unit tests of reading dates (kept apart so each file stays small).

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
