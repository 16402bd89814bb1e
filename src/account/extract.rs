//! Identifying the snapshot's candidates: a candidate is identified by CRM
//! attribute rules first, then by its label (whole, then partial), then by
//! being the page heading or title; hidden copies and placeholder values
//! (`—`, `N/A`) never count. Each identification carries a score (per mille)
//! that becomes the fact's confidence; [`super::decide`] weighs them. The
//! document title confirms or supplies the record name.

use super::crm::{
    crm_from_url, heading_names_account, Crm, Pattern, Target, ATTR_RULES, CRM_COUNT,
};
use super::decide::{decide_arr, decide_name, decide_renewal, page_date_order};
use super::facts::{AccountFacts, Source};
use super::hosts::record_key;
use super::labels::{trim_fast, LabelIndex, LabelMemo, Meaning};
use super::locale::Locale;
use super::page_facts::PageFacts;
use super::snapshot::{Candidate, Snapshot};
use super::titles::{is_placeholder, strip_status, title_name};
use std::sync::OnceLock;

/// How a candidate was identified, as `Source.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    Attribute,
    Label,
    LabelPartial,
    Inline,
    Heading,
    Title,
}

impl How {
    pub(super) fn as_str(self) -> &'static str {
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
/// A title on a site Defuse doesn't know: only when it reads `<record> - <app>`.
const SCORE_TITLE_GENERIC: u16 = 300;
/// A name the document title repeats is surer; less than the step from a
/// heading to a labelled field, so a confirmed heading never outranks the
/// record's own name field (the field is what the CSM edits).
const TITLE_CONFIRMS: u16 = 50;
/// A heading the title contradicts is likely a section heading
/// (`Overview`), so it falls to the title's own level: a conflict, not a win.
const TITLE_CONTRADICTS: u16 = 300;
/// Each step down a synonym's rank (`Contract End` after `Renewal Date`).
const RANK_PENALTY: u16 = 50;
/// Longer labels are prose, not field labels.
const MAX_LABEL_CHARS: usize = 80;

/// At most this many distinct attribute names appear in the CRM rules.
const MAX_RULE_ATTRS: usize = 16;

/// The distinct attribute names the rules read, and for each rule the index
/// of its name: a candidate's few attributes are then sorted into slots once,
/// instead of every rule searching the attribute map.
struct RuleSlots {
    names: Vec<&'static str>,
    slots: Vec<usize>,
    /// Per slot, the rules that read it.
    rules_of: Vec<Vec<usize>>,
    /// Per slot, whether a rule searches inside the value (worth remembering
    /// the last value's captures; prefix and exact checks cost less than that).
    searched: Vec<bool>,
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
            .collect::<Vec<usize>>();
        let rules_of = (0..names.len())
            .map(|slot| {
                (0..slots.len())
                    .filter(|r| slots.get(*r) == Some(&slot))
                    .collect()
            })
            .collect();
        let searched = (0..names.len())
            .map(|slot| {
                ATTR_RULES.iter().zip(&slots).any(|(rule, at)| {
                    *at == slot && matches!(rule.pattern, Pattern::Before(_) | Pattern::Contains(_))
                })
            })
            .collect();
        RuleSlots {
            names,
            slots,
            rules_of,
            searched,
        }
    }
}

/// What the rules captured of the attribute values last seen, per slot:
/// a page renders most fields with one component, so a candidate's `class`
/// or `tag` is most often the previous candidate's, and its rules (substring
/// searches, most of them) need not run again.
struct RuleMemo {
    /// Per slot, the value the captures are for.
    last: Vec<Option<String>>,
    /// Per rule, where its capture lies in that value (`None`: no match).
    captures: Vec<Option<(usize, usize)>>,
    /// Per slot, the rules (bit = index in [`ATTR_RULES`]) that value matched.
    hits: Vec<u64>,
}

impl RuleMemo {
    fn new(rules: &RuleSlots) -> RuleMemo {
        RuleMemo {
            last: vec![None; rules.names.len()],
            captures: vec![None; ATTR_RULES.len()],
            hits: vec![0; rules.names.len()],
        }
    }

    /// Brings the captures of `slot`'s rules up to date for `value`, and
    /// gives the rules it matches.
    fn see(&mut self, slot: usize, value: &str, rules: &RuleSlots) -> u64 {
        let (Some(last), Some(hits)) = (self.last.get_mut(slot), self.hits.get_mut(slot)) else {
            return 0;
        };
        if rules.searched.get(slot).copied().unwrap_or(false) {
            if last.as_deref() == Some(value) {
                return *hits;
            }
            let text = last.get_or_insert_with(String::new);
            text.clear();
            text.push_str(value);
        }
        *hits = 0;
        for r in rules.rules_of.get(slot).map_or(&[][..], Vec::as_slice) {
            if let (Some(capture), Some(rule)) = (self.captures.get_mut(*r), ATTR_RULES.get(*r)) {
                *capture = rule.pattern.capture_range(value);
                if capture.is_some() {
                    *hits |= 1u64.checked_shl(*r as u32).unwrap_or(0);
                }
            }
        }
        *hits
    }
}

/// One candidate recognised as a field.
pub(super) struct Identified<'a> {
    pub(super) meaning: Meaning,
    pub(super) rank: u8,
    pub(super) how: How,
    pub(super) crm: Crm,
    pub(super) label: String,
    pub(super) value: &'a str,
    pub(super) score: u16,
}

/// A parsed value with where it came from.
pub(super) struct Reading<T> {
    pub(super) value: T,
    pub(super) meaning: Meaning,
    pub(super) rank: u8,
    pub(super) source: Source,
    pub(super) score: u16,
}

fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        strip_status(s)
            .split_whitespace()
            .map(crate::case::lower)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// Reads the account facts (name, ARR, renewal date, and the page facts
/// beside them) out of a snapshot.
pub fn extract(snapshot: &Snapshot) -> AccountFacts {
    // The tables are the same for every page: sorted once per process.
    static INDEX: OnceLock<LabelIndex> = OnceLock::new();
    static RULES: OnceLock<RuleSlots> = OnceLock::new();
    let locale = Locale::from_lang(&snapshot.lang);
    let index = INDEX.get_or_init(LabelIndex::new);
    let rules = RULES.get_or_init(RuleSlots::new);
    let headings_ok = heading_names_account(&snapshot.url);
    let mut buffer = String::new();
    let mut labels = LabelMemo::default();
    let mut captures = RuleMemo::new(rules);
    let mut signatures = [0usize; CRM_COUNT];
    let mut found: Vec<Identified> = Vec::new();
    let mut page = PageFacts::default();
    for candidate in snapshot.fields.iter().filter(|c| !c.hidden) {
        if page.collect(candidate, &mut labels) {
            continue;
        }
        let (identified, signature) = identify(
            candidate,
            rules,
            index,
            &mut buffer,
            &mut labels,
            &mut captures,
            headings_ok,
        );
        if let Some(slot) = signature.and_then(|crm| signatures.get_mut(crm as usize)) {
            *slot += 1;
        }
        found.extend(identified.filter(|f| !is_placeholder(f.value)));
    }
    let crm = crm_from_url(&snapshot.url).unwrap_or_else(|| busiest_crm(&signatures));
    let titles = snapshot
        .fields
        .iter()
        .filter(|c| c.kind == "title" && !c.hidden)
        .map(|c| c.value.as_str());
    let mut title_names: Vec<&str> = Vec::new();
    // A generic site's title is anything (`Inbox (3) - Gmail`): it names a
    // record only on a page that shows account fields (ARR, renewal, …).
    let account_page = found.iter().any(|f| f.meaning != Meaning::Name);
    for title in std::iter::once(snapshot.title.as_str()).chain(titles) {
        // A CRM's title names the record; elsewhere only `<record> - <app>`
        // counts, and lower.
        let score = match title_name(title) {
            Some((name, _)) if crm != Crm::Generic && headings_ok => Some((name, SCORE_TITLE)),
            Some((name, true)) if headings_ok && account_page => Some((name, SCORE_TITLE_GENERIC)),
            _ => None,
        };
        if let Some((name, score)) = score {
            title_names.push(name);
            found.push(Identified {
                meaning: Meaning::Name,
                rank: 0,
                how: How::Title,
                crm,
                label: "page title".into(),
                value: name,
                score,
            });
        }
    }
    if !title_names.is_empty() {
        for f in found
            .iter_mut()
            .filter(|f| f.meaning == Meaning::Name && f.how != How::Title)
        {
            if title_names.iter().any(|t| same_name(t, f.value)) {
                f.score = f.score.saturating_add(TITLE_CONFIRMS);
            } else if f.how == How::Heading {
                f.score = f.score.saturating_sub(TITLE_CONTRADICTS);
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
    page.into_facts(&mut facts);
    facts.record_key = record_key(&snapshot.url, crm);
    facts
}

fn busiest_crm(signatures: &[usize; CRM_COUNT]) -> Crm {
    const ORDER: [Crm; 6] = [
        Crm::SalesforceLightning,
        Crm::SalesforceClassic,
        Crm::Hubspot,
        Crm::Dynamics365,
        Crm::Zendesk,
        Crm::Zoho,
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
    labels: &mut LabelMemo,
    memo: &mut RuleMemo,
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
    // The rules the candidate's attributes match, as bits in rule order:
    // most candidates match none or a few of the rules.
    let mut hits = 0u64;
    for (name, value) in &candidate.attrs {
        // Lengths first: the rules' attribute names all differ in length.
        let slot = rules
            .names
            .iter()
            .position(|n| n.len() == name.len() && n == name);
        if let Some(at) = slot {
            if let Some(slot) = values.get_mut(at) {
                *slot = Some(value.as_str());
                hits |= memo.see(at, value, rules);
            }
        }
    }
    while hits != 0 {
        let r = hits.trailing_zeros() as usize;
        hits &= hits - 1;
        let (Some(rule), Some(slot), Some(Some((from, to)))) =
            (ATTR_RULES.get(r), rules.slots.get(r), memo.captures.get(r))
        else {
            continue;
        };
        let Some(attr_value) = values.get(*slot).copied().flatten() else {
            continue;
        };
        let Some(captured) = attr_value.get(*from..*to) else {
            continue;
        };
        signature.get_or_insert(rule.crm);
        let hit = match rule.target {
            Target::Field(meaning) => Some((meaning, 0, SCORE_ATTRIBUTE)),
            Target::FieldName => index
                .match_field_name(captured, buffer)
                .map(|m| (m.meaning, m.rank, SCORE_FIELD_NAME)),
            Target::LabelText => labels.match_label(attr_value, index).map(|m| {
                let score = if m.exact {
                    SCORE_FIELD_LABEL_ATTR
                } else {
                    SCORE_LABEL_PARTIAL
                };
                (m.meaning, m.rank, score)
            }),
            Target::Signature => None,
            Target::Ignore => return (None, signature),
        };
        if let Some((mut meaning, mut rank, score)) = hit {
            if meaning == Meaning::Name && is_heading && !headings_ok {
                return (None, signature);
            }
            if meaning == Meaning::AnnualRevenue {
                if let Some((relabelled, relabelled_rank)) =
                    recurring_label(candidate, index, labels)
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
        _ => by_label(candidate, value, index, labels).map(
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
    labels: &mut LabelMemo,
) -> Option<(Meaning, u8)> {
    let m = labels.match_label(&candidate.label, index)?;
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
    labels: &mut LabelMemo,
) -> Option<LabelHit<'a>> {
    let label = trim_fast(&candidate.label);
    if label.len() > MAX_LABEL_CHARS {
        return None;
    }
    if label.is_empty() {
        let (inline_label, rest) = value.split_once(':')?;
        if inline_label.len() > MAX_LABEL_CHARS / 2 {
            return None;
        }
        let m = labels.match_label(inline_label, index)?;
        return Some((
            m.meaning,
            m.rank,
            How::Inline,
            inline_label.trim().to_string(),
            rest.trim(),
            SCORE_INLINE,
        ));
    }
    let m = labels.match_label(label, index)?;
    let (how, score) = if m.exact {
        (How::Label, SCORE_LABEL)
    } else {
        (How::LabelPartial, SCORE_LABEL_PARTIAL)
    };
    Some((m.meaning, m.rank, how, label.to_string(), value, score))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    use proptest::prelude::*;

    static LABELS: crate::words::WordList = crate::words::word_list![
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
                let mut attrs = crate::sort_map::Map::new();
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
        // Rules matched are bits of a u64.
        assert!(ATTR_RULES.len() <= 64, "{}", ATTR_RULES.len());
    }
}
