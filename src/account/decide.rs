//! Deciding each fact from the identified candidates: the best reading per
//! field wins, readings that agree make it surer, readings that disagree at
//! the same level are kept as alternatives and reported, so the CSM chooses
//! instead of Defuse guessing.

use super::date::{order_evidence, parse_date, DateError};
use super::extract::{Identified, Reading};
use super::facts::{AccountFacts, ArrBasis, Fact, Problem, Source};
use super::labels::Meaning;
use super::locale::{DateOrder, Locale};
use super::money::{is_blank, parse_money, Money};
use super::snapshot::Snapshot;
use super::titles::{currency_in_label, ends_in_placeholder, strip_status};
use crate::case::Lowercase;
use chrono::NaiveDate;

/// Two different values this close in score are a conflict, not a ranking.
const CONFLICT_MARGIN: u16 = 100;
/// A fact the page contradicts is shown as at most this sure.
const CONFLICTED_CONFIDENCE: f32 = 0.5;
/// Agreement between two sources makes a value a little more certain.
const AGREEMENT_BONUS: u16 = 30;
const MAX_ALTERNATIVES: usize = 5;
const MAX_NAME_CHARS: usize = 200;

pub(super) fn source_of(found: &Identified) -> Source {
    Source {
        label: found.label.clone(),
        crm: found.crm.as_str().to_string(),
        kind: found.how.as_str().to_string(),
    }
}

pub(super) fn confidence(score: u16) -> f32 {
    f32::from(score.min(1000)) / 1000.0
}

/// The outcome of weighing the readings of one field.
struct Choice<T> {
    fact: Fact<T>,
    alternatives: Vec<Fact<T>>,
    /// The chosen value first, then the values that contradict it at the
    /// same level; empty when nothing does.
    conflicting: Vec<T>,
}

/// Picks the best reading, folds agreeing readings into it, and lists the
/// disagreeing ones.
fn choose<T: Clone>(
    mut readings: Vec<Reading<T>>,
    same: impl Fn(&T, &T) -> bool,
) -> Option<Choice<T>> {
    // Stable: equal scores keep page order, so the first on the page wins ties.
    crate::sort::sort_by_key(&mut readings, |r| std::cmp::Reverse(r.score));
    let mut iter = readings.into_iter();
    let best = iter.next()?;
    let mut score = best.score;
    let mut alternatives: Vec<Reading<T>> = Vec::new();
    let mut conflicting = Vec::new();
    for other in iter {
        if same(&best.value, &other.value) {
            score = score
                .saturating_add(AGREEMENT_BONUS / 2)
                .min(best.score + AGREEMENT_BONUS);
            continue;
        }
        if alternatives.iter().any(|a| same(&a.value, &other.value)) {
            continue;
        }
        let close = other.score + CONFLICT_MARGIN >= best.score;
        if close && other.meaning == best.meaning && other.rank == best.rank {
            conflicting.push(other.value.clone());
        }
        alternatives.push(other);
    }
    let mut confidence_value = confidence(score.min(990));
    if !conflicting.is_empty() {
        conflicting.insert(0, best.value.clone());
        confidence_value = confidence_value.min(CONFLICTED_CONFIDENCE);
    }
    let fact = Fact {
        value: best.value,
        source: best.source,
        confidence: confidence_value,
    };
    let alternatives = alternatives
        .into_iter()
        .take(MAX_ALTERNATIVES)
        .map(|r| Fact {
            value: r.value,
            source: r.source,
            confidence: confidence(r.score),
        })
        .collect();
    Some(Choice {
        fact,
        alternatives,
        conflicting,
    })
}

/// Link text CRMs print after a name, e.g. Classic's `[View Hierarchy]`.
fn without_trailing_link(value: &str) -> &str {
    let trimmed = value.trim_end();
    match (trimmed.ends_with(']'), trimmed.rfind('[')) {
        (true, Some(at)) if at > 0 => trimmed.get(..at).unwrap_or(trimmed),
        _ => trimmed,
    }
}

pub(super) fn clean_name(value: &str) -> Option<String> {
    let name = strip_status(without_trailing_link(value))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let usable = !is_blank(&name)
        && !ends_in_placeholder(&name)
        && name.chars().count() <= MAX_NAME_CHARS
        && name.chars().any(char::is_alphanumeric);
    usable.then_some(name)
}

pub(super) fn decide_name(found: &[Identified], facts: &mut AccountFacts) {
    let readings: Vec<Reading<String>> = found
        .iter()
        .filter(|f| f.meaning == Meaning::Name)
        .filter_map(|f| {
            Some(Reading {
                value: clean_name(f.value)?,
                meaning: f.meaning,
                rank: f.rank,
                source: source_of(f),
                score: f.score,
            })
        })
        .collect();
    match choose(readings, |a, b| a.lowercase() == b.lowercase()) {
        Some(Choice {
            fact,
            alternatives,
            conflicting,
        }) => {
            facts.name = Some(fact);
            facts.alternatives.name = alternatives;
            if !conflicting.is_empty() {
                facts.problems.push(Problem::NameConflict {
                    values: conflicting,
                });
            }
        }
        None => facts.problems.push(Problem::NameMissing),
    }
}

/// ARR bases in order of preference, with how much of the confidence they
/// keep (per mille).
const ARR_BASES: [(Meaning, ArrBasis, u16); 4] = [
    (Meaning::Arr, ArrBasis::Arr, 1000),
    (Meaning::ContractValue, ArrBasis::ContractValue, 900),
    (Meaning::Mrr, ArrBasis::MrrTimesTwelve, 750),
    (Meaning::AnnualRevenue, ArrBasis::CompanyAnnualRevenue, 300),
];

/// Scales a confidence in whole per-mille steps, so `0.8` of `0.9` is exactly `0.72`.
fn scaled(confidence: f32, per_mille: u16) -> f32 {
    let base = (confidence * 1000.0).round() as u32;
    (base * u32::from(per_mille) / 1000) as f32 / 1000.0
}

fn same_amount(a: &Money, b: &Money) -> bool {
    a.cents == b.cents && (a.currency == b.currency || a.currency.is_none() || b.currency.is_none())
}

pub(super) fn decide_arr(found: &[Identified], locale: &Locale, facts: &mut AccountFacts) {
    let mut unreadable: Vec<(usize, u16, &str, String)> = Vec::new();
    for (position, (meaning, basis, factor)) in ARR_BASES.iter().enumerate() {
        let mut readings: Vec<Reading<Money>> = Vec::new();
        for f in found.iter().filter(|f| f.meaning == *meaning) {
            match parse_money(f.value, locale) {
                Ok(Some(mut money)) => {
                    // A bare number under `ARR (USD)`: the label names the currency.
                    if money.currency.is_none() {
                        money.currency = currency_in_label(&f.label).map(str::to_string);
                    }
                    readings.push(Reading {
                        value: money,
                        meaning: f.meaning,
                        rank: f.rank,
                        source: source_of(f),
                        score: f.score,
                    })
                }
                Ok(None) => {}
                Err(error) => unreadable.push((position, f.score, f.value, error.to_string())),
            }
        }
        let Some(Choice {
            mut fact,
            alternatives,
            conflicting,
        }) = choose(readings, same_amount)
        else {
            continue;
        };
        if fact.value.currency.is_none() {
            fact.value.currency = alternatives
                .iter()
                .find(|a| a.value.cents == fact.value.cents)
                .and_then(|a| a.value.currency.clone());
        }
        report_unreadable_better_basis(&unreadable, position, facts);
        if *basis == ArrBasis::MrrTimesTwelve {
            let Some(annual) = fact.value.cents.checked_mul(12) else {
                continue;
            };
            facts.problems.push(Problem::ArrFromMrr {
                mrr: fact.value.clone(),
            });
            fact.value.cents = annual;
        }
        if *basis == ArrBasis::CompanyAnnualRevenue {
            facts.problems.push(Problem::ArrIsCompanyRevenue {
                revenue: fact.value.clone(),
            });
        }
        fact.confidence = scaled(fact.confidence, *factor);
        if !conflicting.is_empty() {
            facts.problems.push(Problem::ArrConflict {
                values: conflicting,
            });
        }
        facts.arr = Some(fact);
        facts.arr_basis = Some(*basis);
        facts.alternatives.arr = alternatives
            .into_iter()
            .map(|mut a| {
                if *basis == ArrBasis::MrrTimesTwelve {
                    a.value.cents = a.value.cents.saturating_mul(12);
                }
                a.confidence = scaled(a.confidence, *factor);
                a
            })
            .collect();
        return;
    }
    report_unreadable_better_basis(&unreadable, ARR_BASES.len(), facts);
    if !facts
        .problems
        .iter()
        .any(|p| matches!(p, Problem::ArrUnreadable { .. }))
    {
        facts.problems.push(Problem::ArrMissing);
    }
}

/// An ARR field the page has but that couldn't be read is worth telling even
/// when a weaker figure was found: the CSM may want to fix it by hand.
fn report_unreadable_better_basis(
    unreadable: &[(usize, u16, &str, String)],
    chosen_position: usize,
    facts: &mut AccountFacts,
) {
    let worst_acceptable = chosen_position;
    let best = unreadable
        .iter()
        .filter(|(position, ..)| *position < worst_acceptable)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    if let Some((_, _, text, error)) = best {
        facts.problems.push(Problem::ArrUnreadable {
            text: text.to_string(),
            error: error.clone(),
        });
    }
}

/// The day order the page's other dates prove, when they all agree.
pub(super) fn page_date_order(snapshot: &Snapshot) -> Option<DateOrder> {
    let mut proven = snapshot
        .fields
        .iter()
        .filter(|c| !c.hidden)
        .filter_map(|c| order_evidence(&c.value));
    let first = proven.next()?;
    proven.all(|order| order == first).then_some(first)
}

/// A date read by the page's other dates rather than its language is a little less sure.
const EVIDENCE_PENALTY: u16 = 100;

pub(super) fn decide_renewal(
    found: &[Identified],
    locale: &Locale,
    page_order: impl FnOnce() -> Option<DateOrder>,
    facts: &mut AccountFacts,
) {
    let mut readings: Vec<Reading<NaiveDate>> = Vec::new();
    let mut ambiguous: Option<(u16, &Identified, NaiveDate, NaiveDate)> = None;
    let mut unreadable: Option<(u16, &str, String)> = None;
    for f in found.iter().filter(|f| f.meaning == Meaning::Renewal) {
        match parse_date(f.value, locale) {
            Ok(Some(date)) => readings.push(Reading {
                value: date,
                meaning: f.meaning,
                rank: f.rank,
                source: source_of(f),
                score: f.score,
            }),
            Ok(None) => {}
            Err(DateError::Ambiguous { first, second, .. }) => {
                if ambiguous.as_ref().is_none_or(|(s, ..)| f.score > *s) {
                    ambiguous = Some((f.score, f, first, second));
                }
            }
            Err(error) => {
                if unreadable.as_ref().is_none_or(|(s, ..)| f.score > *s) {
                    unreadable = Some((f.score, f.value, error.to_string()));
                }
            }
        }
    }
    if let Some(Choice {
        fact,
        alternatives,
        conflicting,
    }) = choose(readings, |a, b| a == b)
    {
        facts.renewal = Some(fact);
        facts.alternatives.renewal = alternatives;
        if !conflicting.is_empty() {
            facts.problems.push(Problem::RenewalConflict {
                values: conflicting,
            });
        }
    } else if let Some((Some(date), f)) = ambiguous.as_ref().map(|(_, f, ..)| {
        let by_evidence = page_order().map(|order| Locale {
            date_order: Some(order),
            ..*locale
        });
        let date = by_evidence.and_then(|l| parse_date(f.value, &l).ok().flatten());
        (date, f)
    }) {
        facts.renewal = Some(Fact {
            value: date,
            source: source_of(f),
            confidence: confidence(f.score.saturating_sub(EVIDENCE_PENALTY)),
        });
    } else if let Some((score, f, first, second)) = ambiguous {
        let choice = |date| Fact {
            value: date,
            source: source_of(f),
            confidence: confidence(score).min(CONFLICTED_CONFIDENCE),
        };
        facts.alternatives.renewal = vec![choice(first), choice(second)];
        facts.problems.push(Problem::RenewalAmbiguous {
            text: f.value.to_string(),
            first,
            second,
        });
    } else if let Some((_, text, error)) = unreadable {
        facts.problems.push(Problem::RenewalUnreadable {
            text: text.to_string(),
            error,
        });
    } else {
        facts.problems.push(Problem::RenewalMissing);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn trailing_link_text_is_not_part_of_a_name() {
        assert_eq!(
            clean_name("Umbrella Industries [View Hierarchy]"),
            Some("Umbrella Industries".to_string())
        );
        assert_eq!(clean_name("[Draft]"), Some("[Draft]".to_string()));
        assert_eq!(clean_name("  Acme \n Corp "), Some("Acme Corp".to_string()));
        assert_eq!(clean_name("—"), None);
    }

    #[test]
    fn save_states_and_placeholders_are_not_names() {
        assert_eq!(clean_name("Contoso - Saved"), Some("Contoso".to_string()));
        assert_eq!(
            clean_name("Contoso (Read-only)"),
            Some("Contoso".to_string())
        );
        assert_eq!(clean_name("Last action —"), None);
        assert_eq!(clean_name("N/A"), None);
    }
}
