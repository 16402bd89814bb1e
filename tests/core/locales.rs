//! The locale suite: money and dates as Node's `Intl` (ICU) writes them in
//! every CLDR "modern" locale it formats, read back by the core. The cases are
//! generated here, at test time (`tools/locale-cases.mjs --set measure`); the
//! `tune` set, drawn from other seeds, is the one to iterate on:
//! `LOCALE_SET=tune cargo test --test core locales -- --nocapture`
//! (`LOCALE_TABLE=1` adds the per-locale table `make bench` prints).

use super::locale_eval::{evaluate, load, Outcome};
use std::path::Path;

#[test]
fn money_and_dates_read_back_in_every_locale_with_no_silent_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set_name = std::env::var("LOCALE_SET").unwrap_or_else(|_| "measure".into());
    let loaded = load(root, &set_name);
    assert!(loaded.is_ok(), "{:?}", loaded.as_ref().err());
    let Ok(set) = loaded else { return };
    assert!(set.locales >= 50, "only {} locales", set.locales);
    let report = evaluate(&set.cases);
    println!("{}", report.summary(&set));
    if std::env::var_os("LOCALE_TABLE").is_some() {
        print!("{}", report.table());
    }
    for (locale, kind, text, outcome, detail) in &report.misses {
        if *outcome != Outcome::Ambiguous {
            println!("  {outcome:?} {locale} {kind} {text:?}: {detail}");
        }
    }
    let silent: Vec<_> = report
        .misses
        .iter()
        .filter(|m| m.3 == Outcome::Silent)
        .collect();
    assert!(silent.is_empty(), "silently wrong: {silent:#?}");
    assert!(
        report.money.percent(report.money.exact) >= 99.0,
        "money exact below 99%"
    );
    assert!(
        report.dates.percent(report.dates.good()) >= 99.0,
        "dates exact or rightly ambiguous below 99%"
    );
}
