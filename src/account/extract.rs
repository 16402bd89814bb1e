//! Scoring the snapshot's candidates into account facts. A candidate is
//! identified by CRM attribute rules first, then by its label (whole, then
//! partial), then by being the page heading or title; hidden copies never
//! count. Each identification carries a score (per mille) that becomes the
//! fact's confidence, and the best reading per field wins. Visible readings
//! that disagree at the same level are kept as alternatives and reported, so
//! the CSM chooses instead of Defuse guessing.

use super::crm::{crm_from_url, heading_names_account, name_from_title, Crm, Target, ATTR_RULES};
use super::date::{order_evidence, parse_date, DateError};
use super::facts::{AccountFacts, ArrBasis, Fact, Problem, Source};
use super::labels::{normalize_into, LabelIndex, Meaning};
use super::locale::{DateOrder, Locale};
use super::money::{is_blank, parse_money, Money};
use super::snapshot::{Candidate, Snapshot};
use chrono::NaiveDate;

/// How a candidate was identified, as `Source.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Attribute,
    Label,
    LabelPartial,
    Inline,
    Heading,
    Title,
}

impl How {
    fn as_str(self) -> &'static str {
        match self {
            How::Attribute => "attribute",
            How::Label => "label",
            How::LabelPartial => "label-partial",
            How::Inline => "inline",
            How::Heading => "heading",
            How::Title => "title",
        }
    }
}

/// Scores (per mille) by how a field was identified: an attribute a CRM
/// renders for exactly that field beats a label we recognise, which beats
/// text merely near a label.
const SCORE_ATTRIBUTE: u16 = 950;
const SCORE_FIELD_NAME: u16 = 900;
const SCORE_FIELD_LABEL_ATTR: u16 = 900;
const SCORE_LABEL: u16 = 800;
const SCORE_HEADING: u16 = 700;
const SCORE_LABEL_PARTIAL: u16 = 600;
const SCORE_INLINE: u16 = 500;
const SCORE_TITLE: u16 = 400;
/// Each step down a synonym's rank (`Contract End` after `Renewal Date`).
const RANK_PENALTY: u16 = 50;
/// Two different values this close in score are a conflict, not a ranking.
const CONFLICT_MARGIN: u16 = 100;
/// A fact the page contradicts is shown as at most this sure.
const CONFLICTED_CONFIDENCE: f32 = 0.5;
/// Agreement between two sources makes a value a little more certain.
const AGREEMENT_BONUS: u16 = 30;
const MAX_ALTERNATIVES: usize = 5;
/// Longer labels are prose, not field labels.
const MAX_LABEL_CHARS: usize = 80;
const MAX_NAME_CHARS: usize = 200;

/// At most this many distinct attribute names appear in the CRM rules.
const MAX_RULE_ATTRS: usize = 16;

/// The distinct attribute names the rules read, and for each rule the index
/// of its name: a candidate's few attributes are then sorted into slots once,
/// instead of every rule searching the attribute map.
struct RuleSlots {
    names: Vec<&'static str>,
    slots: Vec<usize>,
}

impl RuleSlots {
    fn new() -> RuleSlots {
        let mut names: Vec<&'static str> = Vec::new();
        let slots = ATTR_RULES
            .iter()
            .map(|rule| match names.iter().position(|n| *n == rule.attr) {
                Some(at) => at,
                None => {
                    names.push(rule.attr);
                    names.len() - 1
                }
            })
            .collect();
        RuleSlots { names, slots }
    }
}

/// One candidate recognised as a field.
struct Identified<'a> {
    meaning: Meaning,
    rank: u8,
    how: How,
    crm: Crm,
    label: String,
    value: &'a str,
    score: u16,
}

/// A parsed value with where it came from.
struct Reading<T> {
    value: T,
    meaning: Meaning,
    rank: u8,
    source: Source,
    score: u16,
}

/// Reads the account facts (name, ARR, renewal date) out of a snapshot.
pub fn extract(snapshot: &Snapshot) -> AccountFacts {
    let locale = Locale::from_lang(&snapshot.lang);
    let index = LabelIndex::new();
    let rules = RuleSlots::new();
    let headings_ok = heading_names_account(&snapshot.url);
    let mut buffer = String::new();
    let mut signatures = [0usize; 6];
    let mut found: Vec<Identified> = Vec::new();
    for candidate in snapshot.fields.iter().filter(|c| !c.hidden) {
        let (identified, signature) = identify(candidate, &rules, &index, &mut buffer, headings_ok);
        if let Some(slot) = signature.and_then(|crm| signatures.get_mut(crm as usize)) {
            *slot += 1;
        }
        found.extend(identified);
    }
    let crm = crm_from_url(&snapshot.url).unwrap_or_else(|| busiest_crm(&signatures));
    // A generic site's title is anything; a CRM's title names the record.
    if crm != Crm::Generic {
        let titles = snapshot
            .fields
            .iter()
            .filter(|c| c.kind == "title" && !c.hidden)
            .map(|c| c.value.as_str());
        for title in std::iter::once(snapshot.title.as_str()).chain(titles) {
            if let Some(name) = name_from_title(title) {
                found.push(Identified {
                    meaning: Meaning::Name,
                    rank: 0,
                    how: How::Title,
                    crm,
                    label: "page title".into(),
                    value: name,
                    score: SCORE_TITLE,
                });
            }
        }
    }
    let mut facts = AccountFacts {
        crm,
        ..AccountFacts::default()
    };
    decide_name(&found, &mut facts);
    decide_arr(&found, &locale, &mut facts);
    decide_renewal(&found, &locale, || page_date_order(snapshot), &mut facts);
    facts
}

fn busiest_crm(signatures: &[usize; 6]) -> Crm {
    const ORDER: [Crm; 5] = [
        Crm::SalesforceLightning,
        Crm::SalesforceClassic,
        Crm::Hubspot,
        Crm::Dynamics365,
        Crm::Zendesk,
    ];
    ORDER
        .iter()
        .copied()
        .filter(|crm| signatures.get(*crm as usize).is_some_and(|n| *n > 0))
        .max_by_key(|crm| signatures.get(*crm as usize).copied().unwrap_or(0))
        .unwrap_or(Crm::Generic)
}

/// Which field a candidate is, if any, and which CRM its markup belongs to.
fn identify<'a>(
    candidate: &'a Candidate,
    rules: &RuleSlots,
    index: &LabelIndex,
    buffer: &mut String,
    headings_ok: bool,
) -> (Option<Identified<'a>>, Option<Crm>) {
    let value = candidate.value.as_str();
    let is_heading = candidate.kind == "heading";
    let mut signature = None;
    let make =
        |meaning, rank: u8, how, crm, label: String, value: &'a str, score: u16| Identified {
            meaning,
            rank,
            how,
            crm,
            label,
            value: value.trim(),
            score: score.saturating_sub(RANK_PENALTY * u16::from(rank)),
        };
    let mut values: [Option<&str>; MAX_RULE_ATTRS] = [None; MAX_RULE_ATTRS];
    for (name, value) in &candidate.attrs {
        if let Some(at) = rules.names.iter().position(|n| n == name) {
            if let Some(slot) = values.get_mut(at) {
                *slot = Some(value.as_str());
            }
        }
    }
    for (rule, slot) in ATTR_RULES.iter().zip(&rules.slots) {
        let Some(attr_value) = values.get(*slot).copied().flatten() else {
            continue;
        };
        let Some(captured) = rule.pattern.capture(attr_value) else {
            continue;
        };
        signature.get_or_insert(rule.crm);
        let hit = match rule.target {
            Target::Field(meaning) => Some((meaning, 0, SCORE_ATTRIBUTE)),
            Target::FieldName => index
                .match_field_name(captured, buffer)
                .map(|m| (m.meaning, m.rank, SCORE_FIELD_NAME)),
            Target::LabelText => {
                normalize_into(attr_value, buffer);
                index.match_label(buffer).map(|m| {
                    let score = if m.exact {
                        SCORE_FIELD_LABEL_ATTR
                    } else {
                        SCORE_LABEL_PARTIAL
                    };
                    (m.meaning, m.rank, score)
                })
            }
            Target::Signature => None,
            Target::Ignore => return (None, signature),
        };
        if let Some((mut meaning, mut rank, score)) = hit {
            if meaning == Meaning::Name && is_heading && !headings_ok {
                return (None, signature);
            }
            if meaning == Meaning::AnnualRevenue {
                if let Some((relabelled, relabelled_rank)) =
                    recurring_label(candidate, index, buffer)
                {
                    meaning = relabelled;
                    rank = relabelled_rank;
                }
            }
            let label = match candidate.label.trim() {
                "" => format!("{}={}", rule.attr, attr_value),
                visible => visible.to_string(),
            };
            let how = if is_heading {
                How::Heading
            } else {
                How::Attribute
            };
            let identified = make(meaning, rank, how, rule.crm, label, value, score);
            return (Some(identified), signature);
        }
    }
    let crm = signature.unwrap_or(Crm::Generic);
    let identified = match candidate.kind.as_str() {
        "heading" if headings_ok && !value.trim().is_empty() => {
            let label = match candidate.label.trim() {
                "" => "page heading".to_string(),
                visible => visible.to_string(),
            };
            Some(make(
                Meaning::Name,
                0,
                How::Heading,
                crm,
                label,
                value,
                SCORE_HEADING,
            ))
        }
        "heading" | "title" => None,
        _ => by_label(candidate, value, index, buffer).map(
            |(meaning, rank, how, label, value, score)| {
                make(meaning, rank, how, crm, label, value, score)
            },
        ),
    };
    (identified, signature)
}

/// Orgs often keep ARR in the CRM's standard "annual revenue" field and
/// relabel it `ARR`: the visible label then says what the number is.
fn recurring_label(
    candidate: &Candidate,
    index: &LabelIndex,
    buffer: &mut String,
) -> Option<(Meaning, u8)> {
    normalize_into(&candidate.label, buffer);
    let m = index.match_label(buffer)?;
    matches!(
        m.meaning,
        Meaning::Arr | Meaning::ContractValue | Meaning::Mrr
    )
    .then_some((m.meaning, m.rank))
}

type LabelHit<'a> = (Meaning, u8, How, String, &'a str, u16);

/// The generic reader: the label beside the value, or `Label: value` in one text.
fn by_label<'a>(
    candidate: &'a Candidate,
    value: &'a str,
    index: &LabelIndex,
    buffer: &mut String,
) -> Option<LabelHit<'a>> {
    let label = candidate.label.trim();
    if label.len() > MAX_LABEL_CHARS {
        return None;
    }
    if label.is_empty() {
        let (inline_label, rest) = value.split_once(':')?;
        if inline_label.len() > MAX_LABEL_CHARS / 2 {
            return None;
        }
        normalize_into(inline_label, buffer);
        let m = index.match_label(buffer)?;
        return Some((
            m.meaning,
            m.rank,
            How::Inline,
            inline_label.trim().to_string(),
            rest.trim(),
            SCORE_INLINE,
        ));
    }
    normalize_into(label, buffer);
    let m = index.match_label(buffer)?;
    let (how, score) = if m.exact {
        (How::Label, SCORE_LABEL)
    } else {
        (How::LabelPartial, SCORE_LABEL_PARTIAL)
    };
    Some((m.meaning, m.rank, how, label.to_string(), value, score))
}

fn source_of(found: &Identified) -> Source {
    Source {
        label: found.label.clone(),
        crm: found.crm.as_str().to_string(),
        kind: found.how.as_str().to_string(),
    }
}

fn confidence(score: u16) -> f32 {
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
    readings.sort_by_key(|r| std::cmp::Reverse(r.score));
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

fn clean_name(value: &str) -> Option<String> {
    let name = without_trailing_link(value)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let usable = !is_blank(&name)
        && name.chars().count() <= MAX_NAME_CHARS
        && name.chars().any(char::is_alphanumeric);
    usable.then_some(name)
}

fn decide_name(found: &[Identified], facts: &mut AccountFacts) {
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
    match choose(readings, |a, b| a.to_lowercase() == b.to_lowercase()) {
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

fn decide_arr(found: &[Identified], locale: &Locale, facts: &mut AccountFacts) {
    let mut unreadable: Vec<(usize, u16, &str, String)> = Vec::new();
    for (position, (meaning, basis, factor)) in ARR_BASES.iter().enumerate() {
        let mut readings: Vec<Reading<Money>> = Vec::new();
        for f in found.iter().filter(|f| f.meaning == *meaning) {
            match parse_money(f.value, locale) {
                Ok(Some(money)) => readings.push(Reading {
                    value: money,
                    meaning: f.meaning,
                    rank: f.rank,
                    source: source_of(f),
                    score: f.score,
                }),
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
fn page_date_order(snapshot: &Snapshot) -> Option<DateOrder> {
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

fn decide_renewal(
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

    use proptest::prelude::*;

    const LABELS: &[&str] = &[
        "ARR",
        "MRR",
        "Annual Revenue",
        "Renewal Date",
        "Account Name",
        "",
        "Vertragsende",
        "Parent Account",
        "Notes",
    ];
    const ATTRS: &[(&str, &str)] = &[
        (
            "data-target-selection-name",
            "sfdc:RecordField.Account.ARR__c",
        ),
        ("data-target-selection-name", "sfdc:RecordField.Account."),
        ("data-id", "-FieldSectionItemContainer"),
        ("data-id", ".fieldControl"),
        ("data-selenium-test", "property-input-"),
        ("field-label", "ARR"),
        ("class", "pageDescription"),
        ("slot", "primaryField"),
    ];

    fn candidate() -> impl Strategy<Value = Candidate> {
        (
            0..LABELS.len(),
            "\\PC{0,24}",
            proptest::option::of(0..ATTRS.len()),
            0usize..5,
            any::<bool>(),
        )
            .prop_map(|(label, value, attr, kind, hidden)| {
                let mut attrs = std::collections::BTreeMap::new();
                if let Some((name, attr_value)) = attr.and_then(|i| ATTRS.get(i)) {
                    attrs.insert(name.to_string(), attr_value.to_string());
                }
                Candidate {
                    label: LABELS.get(label).copied().unwrap_or("").to_string(),
                    value,
                    attrs,
                    kind: ["pair", "input", "attr", "heading", "title"][kind].to_string(),
                    hidden,
                    ..Candidate::default()
                }
            })
    }

    proptest! {
        #[test]
        fn extraction_never_panics_and_always_explains(
            fields in proptest::collection::vec(candidate(), 0..12),
            lang in "(en|de|fr|en-US|)",
            url in "(https://x.lightning.force.com/lightning/r/Account/1|https://app.hubspot.com/contacts/1/company/2|)",
            title in "\\PC{0,20}",
        ) {
            let snapshot = Snapshot { url, title, lang, fields, ..Snapshot::default() };
            let facts = extract(&snapshot);
            // Every field is either read or explained.
            prop_assert!(facts.name.is_some() || facts.problems.iter().any(|p| p.field() == crate::account::facts::Field::Name));
            prop_assert!(facts.arr.is_some() || facts.problems.iter().any(|p| p.field() == crate::account::facts::Field::Arr));
            prop_assert!(facts.renewal.is_some() || facts.problems.iter().any(|p| p.field() == crate::account::facts::Field::Renewal));
            prop_assert_eq!(facts.arr.is_some(), facts.arr_basis.is_some());
            for fact in facts.name.iter().map(|f| f.confidence)
                .chain(facts.arr.iter().map(|f| f.confidence))
                .chain(facts.renewal.iter().map(|f| f.confidence)) {
                prop_assert!((0.0..=1.0).contains(&fact));
            }
        }
    }

    #[test]
    fn rule_attributes_fit_their_slots() {
        let rules = RuleSlots::new();
        assert!(rules.names.len() <= MAX_RULE_ATTRS, "{}", rules.names.len());
        assert_eq!(rules.slots.len(), ATTR_RULES.len());
    }

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
}
