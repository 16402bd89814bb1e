//! The outcome rules: a fix treated as the full resolution, over-promising,
//! blaming before triage, a generic apology, and jargon. Each reads the
//! draft's structure (what is declared, what is promised and to whom it is
//! attached, whose fault a sentence makes it, what the customer is told
//! about their impact) rather than a phrase alone.

use super::lexicon::*;
use super::rules::{after_resolution_kind, finding, Reading};
use super::structure::{acknowledgment_hits, blame_hits, declared_resolved, impact_hits};
use super::tables::*;
use super::text::{Doc, Hit};
use super::times::TimeKind;
use super::{CoachStage, Finding, Rule, Severity};
use crate::messages::MessageKind;

/// `full(rule)`: the draft already has as many findings of `rule` as are
/// returned, so its check is skipped (each of these rules only adds its own
/// findings: skipping one changes nothing else).
pub(super) fn check(r: &Reading, full: &dyn Fn(Rule) -> bool, out: &mut Vec<Finding>) {
    if !full(Rule::FixAsFullResolution) {
        fix_as_full_resolution(r, out);
    }
    if !full(Rule::OverPromising) {
        over_promising(r, out);
    }
    if !full(Rule::BlamingBeforeTriage) {
        blaming_before_triage(r, out);
    }
    if !full(Rule::GenericApology) {
        let impact = !impact_hits(r.doc).is_empty();
        generic_apology(r, impact, out);
    }
    if !full(Rule::Jargon) {
        jargon(r, out);
    }
}

fn join_words(items: &[&str]) -> String {
    match items {
        [] => "the remaining restoration steps are".to_string(),
        [one] => format!("{one} is"),
        [init @ .., last] => format!("{} and {last} are", init.join(", ")),
    }
}

fn fix_as_full_resolution(r: &Reading, out: &mut Vec<Finding>) {
    let (doc, context) = (r.doc, r.cx);
    if after_resolution_kind(context)
        || (context.closeout_sent && context.exec_call_done && context.health_reassessed)
        || doc.find_first(&STILL_MONITORING).is_some()
    {
        return;
    }
    let Some(hit) = declared_resolved(doc, &[&DECLARED_FIXED, &RESOLVED_STATES])
        .first()
        .copied()
    else {
        return;
    };
    let again = doc.sentence_mask(&["again"]);
    let never = doc.sentence_mask(&NOT_AGAIN);
    let not_again = again.iter().zip(&never).any(|(a, n)| *a && *n);
    let names_what_follows = doc.find_first(&LATER_STEPS).is_some()
        || doc.find_first(&PREVENTION).is_some()
        || not_again
        || (!context.closeout_sent && doc.find_first(&CLOSEOUT_MENTIONS).is_some());
    // A daily update follows an acknowledgment already sent; elsewhere the
    // close of an incident must recognize what it did to the customer.
    let acknowledged =
        context.kind == Some(MessageKind::DailyUpdate) || !acknowledgment_hits(doc).is_empty();
    if names_what_follows && acknowledged {
        return;
    }
    let mut remaining = Vec::new();
    if !context.closeout_sent {
        remaining.push("a close-out document");
    }
    if !context.exec_call_done {
        remaining.push("an executive relationship call");
    }
    if !context.health_reassessed {
        remaining.push("a health score reassessment");
    }
    let message = if names_what_follows {
        "This declares the problem solved without a word about what it did to the customer. A close that does not recognize the impact reads as relief on our side, not theirs.".to_string()
    } else {
        format!(
            "This treats the technical fix as the end of the escalation. A fixed ticket is not a restored relationship: {} still to come.",
            join_words(&remaining)
        )
    };
    out.push(finding(
        Rule::FixAsFullResolution,
        Severity::Problem,
        &message,
        format!(
            "Say the fix is in, recognize what it cost {}, then say what follows: \"Within 48 hours I will send you a close-out covering the root cause and what we are changing so it does not happen again.\"",
            r.suggest.their_team()
        ),
        doc.span(hit),
    ));
}

/// Per-sentence masks as closures over a list of hits.
fn mask(doc: &Doc, hits: &[Hit]) -> Vec<bool> {
    let mut m = vec![false; doc.sentence_count()];
    for hit in hits {
        if let Some(slot) = m.get_mut(doc.sentence_of(*hit) as usize) {
            *slot = true;
        }
    }
    m
}

/// Per-clause first hit (clauses are numbered densely), for clause-local tests.
fn by_clause(doc: &Doc, hits: &[Hit]) -> Vec<Option<Hit>> {
    let clauses = doc.tokens.last().map_or(0, |t| t.clause as usize + 1);
    let mut firsts = vec![None; clauses];
    for hit in hits {
        if let Some(slot @ None) = firsts.get_mut(doc.clause_of(*hit) as usize) {
            *slot = Some(*hit);
        }
    }
    firsts
}

fn over_promising(r: &Reading, out: &mut Vec<Finding>) {
    let (doc, context) = (r.doc, r.cx);
    let at = |m: &[bool], s: u32| m.get(s as usize).copied().unwrap_or(false);
    let taken_back = doc.sentence_mask(&NOT_PROMISING);
    let hedged = doc.sentence_mask(&HEDGES);
    let mut flagged = vec![false; doc.sentence_count()];
    for hit in doc.hits(&ABSOLUTE_PROMISES) {
        let sentence = doc.sentence_of(hit);
        if at(&taken_back, sentence) || at(&flagged, sentence) {
            continue;
        }
        if let Some(slot) = flagged.get_mut(sentence as usize) {
            *slot = true;
        }
        out.push(finding(
            Rule::OverPromising,
            Severity::Problem,
            "This promises a certainty no one can give. If it does not hold, the customer loses trust twice.",
            "Promise what you control: what you will do and when you will report back.".to_string(),
            doc.span(hit),
        ));
    }
    if context.eta_confirmed {
        return;
    }
    // A fix promise: an outcome, a future or certainty word, and a deadline
    // in one clause, and that clause is not about a message ("you'll hear
    // from me by 11").
    let outcomes = by_clause(doc, &doc.hits(&OUTCOMES));
    let markers = by_clause(doc, &doc.hits(&PROMISE_MARKERS));
    // The first communication verb of each clause: a time after it is when
    // the customer hears from us, not when the fix lands.
    let talk = by_clause(doc, &doc.hits(&COMMUNICATION));
    let certain = doc.hits(&CERTAIN_FIX);
    let mut deadlines: Vec<Hit> = doc.hits(&FIX_DEADLINES);
    deadlines.extend(
        r.times
            .iter()
            .filter(|m| !matches!(m.kind, TimeKind::Cadence(_)))
            .map(|m| Hit {
                first: m.hit.first,
                last: m.zone.map_or(m.hit.last, |z| z.last),
            }),
    );
    deadlines.extend(certain.iter().copied());
    crate::sort::sort_by_key(&mut deadlines, |h| (h.first, h.last));
    for deadline in deadlines {
        let (sentence, clause) = (doc.sentence_of(deadline), doc.clause_of(deadline));
        if at(&flagged, sentence) || at(&taken_back, sentence) || at(&hedged, sentence) {
            continue;
        }
        let first = |m: &[Option<Hit>]| m.get(clause as usize).copied().flatten();
        let about_talk = first(&talk).is_some_and(|t| t.first < deadline.first);
        if first(&outcomes).is_none() || first(&markers).is_none() || about_talk {
            continue;
        }
        if let Some(slot) = flagged.get_mut(sentence as usize) {
            *slot = true;
        }
        out.push(finding(
            Rule::OverPromising,
            Severity::Problem,
            "This promises a fix time that has not been confirmed by the people who control it. A missed fix time re-escalates.",
            format!("Say what you know: \"I don't have an ETA yet and I won't make one up. I will have a confirmed date to you by {}.\"", r.suggest.update_soon()),
            doc.span(deadline),
        ));
    }
}

fn blaming_before_triage(r: &Reading, out: &mut Vec<Finding>) {
    let (doc, context) = (r.doc, r.cx);
    if context.triage_cause_known || after_resolution_kind(context) {
        return;
    }
    let hedged = doc.sentence_mask(&UNCERTAIN);
    let links = doc.hits(&CAUSE_LINKS);
    let blamed = blame_hits(doc);
    let first_in = |hits: &[Hit]| {
        let mut firsts: Vec<Option<Hit>> = vec![None; doc.sentence_count()];
        for hit in hits {
            if let Some(slot @ None) = firsts.get_mut(doc.sentence_of(*hit) as usize) {
                *slot = Some(*hit);
            }
        }
        firsts
    };
    // Highlight the cause words when the sentence has them ("caused by").
    let strong = first_in(&doc.hits(&["caused by", "due to", "because of", "because"]));
    let first_link = first_in(&links);
    let mut flagged = vec![false; doc.sentence_count()];
    for hit in blamed {
        let sentence = doc.sentence_of(hit) as usize;
        if hedged.get(sentence).copied().unwrap_or(false)
            || flagged.get(sentence).copied().unwrap_or(true)
        {
            continue;
        }
        if let Some(slot) = flagged.get_mut(sentence) {
            *slot = true;
        }
        let cause = strong.get(sentence).copied().flatten().or_else(|| {
            first_link
                .get(sentence)
                .copied()
                .flatten()
                .filter(|l| l.first <= hit.first)
        });
        out.push(finding(
            Rule::BlamingBeforeTriage,
            Severity::Problem,
            "This puts the cause on someone else (the customer, a vendor, a carrier) before triage has found it. Even when it turns out true, the customer hears that it is not our problem.",
            "Own the experience and say the cause is still being established: \"We don't know the cause yet, and I won't guess. Whoever's system it turns out to be, getting you working again is on me.\"".to_string(),
            doc.span(cause.unwrap_or(hit)),
        ));
    }
}

fn generic_apology(r: &Reading, impact: bool, out: &mut Vec<Finding>) {
    let doc = r.doc;
    if impact {
        return;
    }
    let salutation = doc.find_first(&GENERIC_SALUTATIONS).is_some();
    let objects = doc.hits(&GENERIC_OBJECTS);
    let object_in = mask(doc, &objects);
    let apologies = doc.hits(&APOLOGY);
    let generic = apologies.iter().find(|a| {
        salutation
            || object_in
                .get(doc.sentence_of(**a) as usize)
                .copied()
                .unwrap_or(false)
    });
    let Some(apology) = generic else {
        return;
    };
    let end = objects
        .iter()
        .find(|o| doc.sentence_of(**o) == doc.sentence_of(*apology) && o.first > apology.first)
        .map_or(apology.last, |o| o.last);
    out.push(finding(
        Rule::GenericApology,
        Severity::Warning,
        "This apology could go to anyone: it does not say what the problem did to this customer. A form apology tells an escalated customer they are still unheard.",
        format!(
            "Name the impact in their terms, then apologize for it: \"I know the failed exports left {} without month-end reports, and I'm sorry.\"",
            r.suggest.their_team()
        ),
        doc.span(Hit {
            first: apology.first,
            last: end,
        }),
    ));
}

fn jargon(r: &Reading, out: &mut Vec<Finding>) {
    let doc = r.doc;
    if r.cx.kind.is_none() && r.cx.stage == CoachStage::Restoration {
        return;
    }
    let mut flagged = vec![false; doc.sentence_count()];
    for hit in doc.hits(&JARGON) {
        let sentence = doc.sentence_of(hit) as usize;
        if flagged.get(sentence).copied().unwrap_or(true) {
            continue;
        }
        if let Some(slot) = flagged.get_mut(sentence) {
            *slot = true;
        }
        out.push(finding(
            Rule::Jargon,
            Severity::Warning,
            "This uses engineering words the customer should not have to decode. The playbook asks for a root cause that is specific, honest and free of jargon.",
            "Say what broke and what it meant for the customer in plain words, e.g. \"two updates ran at the same moment and one overwrote the other, so some orders were sent twice.\"".to_string(),
            doc.span(hit),
        ));
    }
}
