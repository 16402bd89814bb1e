//! Reading a draft's structure: where the customer's experience is first
//! acknowledged, where the first explanation of a cause sits, whether the
//! draft states what the problem did to the customer (impact), and which
//! sentences talk about a fix as a future outcome. Each reader is one pass
//! over the phrase hits; rules combine them.

use super::lexicon::*;
use super::tables::{ACKNOWLEDGING, EXPLAINING};
use super::text::{Doc, Hit};

/// How far after the people an impact verb may sit ("your finance team
/// could not…").
const IMPACT_WINDOW: usize = 5;

/// Statements of what the problem did to people: "customers could not log
/// in", "this has disrupted your team", "your reports never arrived".
pub(super) fn impact_hits(doc: &Doc) -> Vec<Hit> {
    let mut starts = vec![false; doc.tokens.len()];
    for hit in doc.hits(&IMPACT_EXPERIENCE) {
        if let Some(slot) = starts.get_mut(hit.first) {
            *slot = true;
        }
    }
    let mut found: Vec<Hit> = doc.hits(&IMPACT_PHRASES);
    for person in doc.hits(&IMPACT_PEOPLE) {
        let clause = doc.clause_of(person);
        let window = person.last + 1..=person.last + IMPACT_WINDOW;
        let experience = window.into_iter().find(|at| {
            starts.get(*at).copied().unwrap_or(false)
                && doc.tokens.get(*at).is_some_and(|t| t.clause == clause)
        });
        if let Some(at) = experience {
            found.push(Hit {
                first: person.first,
                last: at,
            });
        }
    }
    crate::sort::sort_by_key(&mut found, |h| (h.first, h.last));
    found
}

/// Every acknowledgment of the customer's experience: recognition phrases,
/// apologies and impact statements, in text order.
pub(super) fn acknowledgment_hits(doc: &Doc) -> Vec<Hit> {
    let mut found = doc.hits(&ACKNOWLEDGING);
    found.extend(doc.hits(&APOLOGY));
    found.extend(impact_hits(doc));
    crate::sort::sort_by_key(&mut found, |h| (h.first, h.last));
    found
}

/// The first explanation of what happened or why. "An issue causing delays"
/// leaves the cause open and is not one.
pub(super) fn first_explanation(doc: &Doc) -> Option<Hit> {
    let mut found = doc.hits(&EXPLAINING);
    found.extend(doc.hits(&EXPLANATIONS));
    for hit in doc.hits(&["causing"]) {
        // "an issue causing…", "an issue that is causing…"
        let from = hit.first.saturating_sub(4);
        let open = (from..hit.first).any(|at| UNKNOWN_CAUSE.contains(&doc.word(at)));
        if !open {
            found.push(hit);
        }
    }
    found.into_iter().min_by_key(|h| (h.first, h.last))
}

/// For each sentence, whether it states a resolution ("has been resolved",
/// "back to normal") as a fact, not a condition or a forecast.
pub(super) fn declared_resolved(doc: &Doc, phrases: &[&[&str]]) -> Vec<Hit> {
    let mut found: Vec<Hit> = Vec::new();
    for table in phrases {
        found.extend(doc.hits(table));
    }
    crate::sort::sort_by_key(&mut found, |h| (h.first, h.last));
    found.dedup_by_key(|h| h.first);
    found.retain(|hit| !conditional_or_future(doc, *hit));
    found
}

static CONDITION_WORDS: crate::words::WordList = crate::words::word_list![
    "once", "until", "when", "if", "before", "after", "whether", "not", "isn't", "aren't",
    "hasn't", "haven't", "never", "yet", "soon", "getting", "get", "to", "make", "keep",
];

static FUTURE_WORDS: crate::words::WordList =
    crate::words::word_list!["will", "going", "expect", "expects", "expected", "should"];

/// "once it is fixed", "until it's resolved", "will be restored by 5":
/// a condition or a forecast, not a declaration. "should … now" declares.
fn conditional_or_future(doc: &Doc, hit: Hit) -> bool {
    let clause = doc.clause_of(hit);
    let from = hit.first.saturating_sub(4);
    let before = doc.tokens.get(from..hit.first).unwrap_or(&[]);
    let in_clause = |t: &&super::text::Token| t.clause == clause;
    if before
        .iter()
        .filter(in_clause)
        .any(|t| CONDITION_WORDS.contains(&t.text.as_str()) || t.text.ends_with("'ll"))
    {
        return true;
    }
    let future: Vec<&str> = before
        .iter()
        .filter(in_clause)
        .map(|t| t.text.as_str())
        .filter(|w| FUTURE_WORDS.contains(w))
        .collect();
    let now_follows = (hit.first..hit.last + 4).any(|at| doc.word(at) == "now");
    // "should no longer see errors" reports a state, like "should now work";
    // "you will no longer see the old menu" is still a forecast.
    let negated_state =
        matches!(doc.word(hit.first), "no" | "not") && future.iter().all(|w| *w == "should");
    !future.is_empty() && !now_follows && !negated_state
}

/// Where a sentence puts the cause on someone else: a deflection ("beyond
/// our control"), or a vendor, carrier or the customer's side named in a
/// sentence about a cause or a failure.
pub(super) fn blame_hits(doc: &Doc) -> Vec<Hit> {
    let mut link_in = vec![false; doc.sentence_count()];
    for hit in doc.hits(&CAUSE_LINKS) {
        if let Some(slot) = link_in.get_mut(doc.sentence_of(hit) as usize) {
            *slot = true;
        }
    }
    // "The Courier team", "Courier has identified…": a company named like a
    // party, speaking for itself.
    let ours = |p: &Hit| {
        let next = doc.word(p.last + 1);
        let capitalized = doc.tokens.get(p.first).is_some_and(|t| t.capitalized);
        matches!(next, "team" | "engineering")
            || (capitalized && matches!(next, "has" | "is" | "was"))
    };
    let mut parties: Vec<Hit> = doc
        .hits(&EXTERNAL_PARTIES)
        .into_iter()
        .filter(|p| !ours(p))
        .collect();
    parties.extend(doc.hits(&CUSTOMER_SIDE));
    let mut blamed: Vec<Hit> = doc.hits(&DEFLECTIONS);
    blamed.extend(parties.into_iter().filter(|p| {
        link_in
            .get(doc.sentence_of(*p) as usize)
            .copied()
            .unwrap_or(false)
    }));
    crate::sort::sort_by_key(&mut blamed, |h| (h.first, h.last));
    blamed
}
