//! Scoring the money and date readers against texts Node's `Intl` formatted
//! (`tools/locale-cases.mjs`): exact, honestly ambiguous (the right reading
//! offered), refused, or silently wrong. Shared by the locale suite
//! (`tests/core/locales.rs`) and the bench (`examples/locale_eval.rs`).

use chrono::NaiveDate;
use defuse::account::{parse_date, parse_money, DateError, Locale};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

#[derive(Debug, Deserialize)]
pub struct Case {
    pub locale: String,
    pub kind: String,
    pub text: String,
    pub cents: Option<i64>,
    pub currency: Option<String>,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
pub struct CaseSet {
    pub set: String,
    pub icu: String,
    pub locales: usize,
    pub cases: Vec<Case>,
}

/// How one reading came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Exact,
    /// Amount and currency right, the currency flagged as assumed.
    ExactAssumed,
    /// Both readings offered, the right one among them.
    Ambiguous,
    /// An error (or a missing currency): nothing wrong taken as true.
    Refused,
    /// A value that is not what the text means, with nothing to warn.
    Silent,
}

/// Runs the case generator (Node) for a set (`measure` or `tune`).
pub fn load(root: &Path, set: &str) -> Result<CaseSet, String> {
    let output = Command::new("node")
        .arg(root.join("tools/locale-cases.mjs"))
        .args(["--set", set])
        .current_dir(root)
        .output()
        .map_err(|e| format!("could not run node tools/locale-cases.mjs: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("bad case JSON: {e}"))
}

pub fn judge(case: &Case) -> (Outcome, String) {
    let locale = Locale::from_lang(&case.locale);
    if let Some(want) = case.date {
        return match parse_date(&case.text, &locale) {
            Ok(Some(got)) if got == want => (Outcome::Exact, String::new()),
            Ok(got) => (Outcome::Silent, format!("{got:?}")),
            Err(DateError::Ambiguous { first, second, .. }) if first == want || second == want => {
                (Outcome::Ambiguous, String::new())
            }
            Err(DateError::Ambiguous { first, second, .. }) => {
                (Outcome::Silent, format!("ambiguous {first} / {second}"))
            }
            Err(e) => (Outcome::Refused, e.to_string()),
        };
    }
    match parse_money(&case.text, &locale) {
        Ok(Some(m)) if Some(m.cents) == case.cents && m.currency == case.currency => {
            if m.currency_assumed {
                (Outcome::ExactAssumed, String::new())
            } else {
                (Outcome::Exact, String::new())
            }
        }
        Ok(Some(m)) if Some(m.cents) == case.cents && m.currency.is_none() => {
            (Outcome::Refused, "no currency".into())
        }
        Ok(Some(m)) if m.currency_assumed && Some(m.cents) == case.cents => {
            (Outcome::Refused, format!("assumed {:?}", m.currency))
        }
        Ok(got) => (Outcome::Silent, format!("{got:?}")),
        Err(e) => (Outcome::Refused, e.to_string()),
    }
}

/// Counts per locale and kind of text (money or date).
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub total: usize,
    pub exact: usize,
    pub ambiguous: usize,
    pub silent: usize,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        self.total += 1;
        match outcome {
            Outcome::Exact | Outcome::ExactAssumed => self.exact += 1,
            Outcome::Ambiguous => self.ambiguous += 1,
            Outcome::Silent => self.silent += 1,
            Outcome::Refused => {}
        }
    }

    /// Exact, or honestly ambiguous with the right reading offered.
    pub fn good(&self) -> usize {
        self.exact + self.ambiguous
    }

    pub fn percent(&self, n: usize) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * n as f64 / self.total as f64
        }
    }
}

pub struct Report {
    pub money: Tally,
    pub dates: Tally,
    pub per_locale: BTreeMap<String, (Tally, Tally)>,
    /// (locale, kind, text, what was read) of every case not exact.
    pub misses: Vec<(String, String, String, Outcome, String)>,
}

pub fn evaluate(cases: &[Case]) -> Report {
    let mut report = Report {
        money: Tally::default(),
        dates: Tally::default(),
        per_locale: BTreeMap::new(),
        misses: Vec::new(),
    };
    for case in cases {
        let (outcome, detail) = judge(case);
        let entry = report.per_locale.entry(case.locale.clone()).or_default();
        if case.date.is_some() {
            report.dates.add(outcome);
            entry.1.add(outcome);
        } else {
            report.money.add(outcome);
            entry.0.add(outcome);
        }
        if !matches!(outcome, Outcome::Exact | Outcome::ExactAssumed) {
            report.misses.push((
                case.locale.clone(),
                case.kind.clone(),
                case.text.clone(),
                outcome,
                detail,
            ));
        }
    }
    report
}

impl Report {
    pub fn summary(&self, set: &CaseSet) -> String {
        format!(
            "locale suite ({} set, ICU {}, {} locales): money {}/{} exact ({:.2}%), dates {}/{} exact ({:.2}%) + {} ambiguous with the right reading ({:.2}%), silent errors: {}",
            set.set,
            set.icu,
            set.locales,
            self.money.exact,
            self.money.total,
            self.money.percent(self.money.exact),
            self.dates.exact,
            self.dates.total,
            self.dates.percent(self.dates.exact),
            self.dates.ambiguous,
            self.dates.percent(self.dates.good()),
            self.money.silent + self.dates.silent,
        )
    }

    /// One line per locale: money exact %, dates exact-or-ambiguous %, silent errors.
    pub fn table(&self) -> String {
        let mut out = String::from("locale          money %   dates %  silent\n");
        for (locale, (money, dates)) in &self.per_locale {
            out.push_str(&format!(
                "{locale:<14} {:>7.1}  {:>8.1}  {:>6}\n",
                money.percent(money.exact),
                dates.percent(dates.good()),
                money.silent + dates.silent
            ));
        }
        out
    }
}
