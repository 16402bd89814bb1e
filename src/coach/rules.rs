//! The conversation rules: explaining before acknowledging, who owns the
//! next step (committee or vague owner), silence between updates, and the
//! acknowledgment's specific time. The outcome rules (resolution, promises,
//! blame, apology, jargon) are in `outcome_rules`. Each rule reads the
//! structure once and works sentence by sentence, so a draft is coached in
//! time linear in its length.

use chrono::Duration;

use super::owners::{self, Claim, Owner};
use super::structure::{acknowledgment_hits, first_explanation};
use super::suggest::Suggest;
use super::tables::*;
use super::text::{Doc, Hit};
use super::times::{time_mentions, TimeKind, TimeMention};
use super::{outcome_rules, CoachContext, CoachStage, Finding, Rule, Severity};
use crate::messages::MessageKind;

pub(super) fn finding(
    rule: Rule,
    severity: Severity,
    message: &str,
    suggestion: String,
    at: (u32, u32),
) -> Finding {
    Finding {
        rule,
        severity,
        message: message.to_string(),
        suggestion,
        start: at.0,
        end: at.1,
    }
}

/// Internal notes are not coached for customer-facing tone.
fn customer_facing(context: &CoachContext) -> bool {
    !matches!(
        context.kind,
        Some(MessageKind::EngineeringLoopIn) | Some(MessageKind::RestorationHealthScore)
    )
}

pub(super) fn after_resolution_kind(context: &CoachContext) -> bool {
    matches!(
        context.kind,
        Some(MessageKind::Closeout)
            | Some(MessageKind::RestorationExecCall)
            | Some(MessageKind::RestorationPreventionFollowUp)
            | Some(MessageKind::RestorationHealthScore)
    )
}

fn drafting_acknowledgment(context: &CoachContext) -> bool {
    context.kind == Some(MessageKind::Acknowledgment)
        || (context.kind.is_none() && context.stage == CoachStage::Acknowledge)
}

/// What every rule reads, computed once per draft.
pub(super) struct Reading<'a> {
    pub doc: &'a Doc,
    pub cx: &'a CoachContext,
    pub times: Vec<TimeMention>,
    pub suggest: Suggest<'a>,
}

/// `full(rule)`: enough findings of `rule` are already kept (see
/// [`super::MAX_FINDINGS_PER_RULE`]); checks that only add findings of full
/// rules are skipped.
pub(super) fn check_all(
    doc: &Doc,
    context: &CoachContext,
    full: &dyn Fn(Rule) -> bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !customer_facing(context) {
        return out;
    }
    let r = Reading {
        doc,
        cx: context,
        times: time_mentions(&doc.tokens),
        suggest: Suggest::new(context),
    };
    let claims = owners::claims(doc);
    let person = owners::person_sentences(doc, &claims);
    explaining_before_acknowledging(&r, &mut out);
    let committee = ownership_by_committee(&r, &claims, &person, &mut out);
    vague_owner(&r, &claims, &person, &committee, &mut out);
    silence_between_updates(&r, &mut out);
    ack_without_specific_time(&r, &mut out);
    outcome_rules::check(&r, full, &mut out);
    out
}

fn explaining_before_acknowledging(r: &Reading, out: &mut Vec<Finding>) {
    let context = r.cx;
    let applies = context.kind == Some(MessageKind::Acknowledgment)
        || (context.kind.is_none()
            && matches!(
                context.stage,
                CoachStage::Acknowledge
                    | CoachStage::Triage
                    | CoachStage::Unknown
                    | CoachStage::Resolved
            ));
    if !applies {
        return;
    }
    let Some(explaining) = first_explanation(r.doc) else {
        return;
    };
    let acknowledged_first = acknowledgment_hits(r.doc)
        .first()
        .is_some_and(|ack| ack.first < explaining.first);
    if !acknowledged_first {
        let greeting = r.suggest.greeting();
        out.push(finding(
            Rule::ExplainingBeforeAcknowledging,
            Severity::Problem,
            "This explains what happened before recognizing what it did to the customer. Customers escalate because they feel unheard; an explanation first reads as a defense.",
            format!("Open by recognizing the impact (\"{greeting}I hear that this has disrupted your team. That's not okay.\"), say what you are doing now, and keep the explanation for the close-out."),
            r.doc.span(explaining),
        ));
    }
}

const COMMITTEE_MESSAGE: &str = "Several teams or people are presented as owning this, and no single person is named. When everyone owns an escalation, the customer has no one to hold to it.";

fn committee_suggestion(r: &Reading) -> String {
    format!(
        "Name one person who owns resolution: \"{}I am your single point of contact until this is resolved.\" The teams can still be mentioned as the people that owner is pulling in.",
        r.suggest.greeting()
    )
}

/// Returns, per sentence, whether it was flagged, so the vague-owner check
/// does not repeat it.
fn ownership_by_committee(
    r: &Reading,
    claims: &[Claim],
    person: &[bool],
    out: &mut Vec<Finding>,
) -> Vec<bool> {
    let doc = r.doc;
    let count = doc.sentence_count();
    let mut flagged = vec![false; count];
    if doc.find_first(&SINGLE_OWNER).is_some() {
        return flagged;
    }
    // Named committees: "several teams", or two groups "all looking into this".
    let many = doc.sentence_mask(&MANY_OWNERS);
    let collective = doc.sentence_mask(&COLLECTIVE_VERBS);
    let mut groups = vec![0usize; count];
    for hit in doc.hits(&GROUPS) {
        if let Some(n) = groups.get_mut(doc.sentence_of(hit) as usize) {
            *n += 1;
        }
    }
    for sentence in 0..count {
        let explicit = many.get(sentence).copied().unwrap_or(false)
            || (collective.get(sentence).copied().unwrap_or(false)
                && groups.get(sentence).copied().unwrap_or(0) >= 2);
        if let (true, Some(slot)) = (explicit, flagged.get_mut(sentence)) {
            *slot = true;
        }
    }
    // A group as the grammatical owner ("engineers are reverting"), when no
    // person owns a step in the same sentence ("…, and I'm tracking it").
    for claim in claims.iter().filter(|c| c.owner == Owner::Group) {
        let index = claim.sentence as usize;
        if person.get(index).copied().unwrap_or(false) {
            continue;
        }
        if let Some(slot) = flagged.get_mut(index) {
            *slot = true;
        }
    }
    for (sentence, _) in flagged.iter().enumerate().filter(|(_, f)| **f) {
        out.push(finding(
            Rule::OwnershipByCommittee,
            Severity::Problem,
            COMMITTEE_MESSAGE,
            committee_suggestion(r),
            doc.sentence_span(sentence as u32),
        ));
    }
    flagged
}

fn vague_owner(
    r: &Reading,
    claims: &[Claim],
    person: &[bool],
    committee: &[bool],
    out: &mut Vec<Finding>,
) {
    let doc = r.doc;
    if doc.find_first(&SINGLE_OWNER).is_some() {
        return;
    }
    let mut spans: Vec<(u32, Hit)> = doc
        .hits(&VAGUE_OWNERS)
        .into_iter()
        .map(|h| (doc.sentence_of(h), h))
        .collect();
    spans.extend(
        claims
            .iter()
            .filter(|c| c.owner == Owner::Vague)
            .map(|c| (c.sentence, c.span)),
    );
    // One finding per sentence, the table's phrase first when both matched.
    crate::sort::sort_by_key(&mut spans, |(s, h)| (*s, h.first));
    let mut done = vec![false; doc.sentence_count()];
    for (sentence, hit) in spans {
        let index = sentence as usize;
        if committee.get(index).copied().unwrap_or(false)
            || person.get(index).copied().unwrap_or(false)
            || done.get(index).copied().unwrap_or(true)
        {
            continue;
        }
        if let Some(slot) = done.get_mut(index) {
            *slot = true;
        }
        out.push(finding(
            Rule::VagueOwner,
            Severity::Warning,
            "\"We\" or \"the team\" owns this commitment, so no one does. The customer cannot tell who to hold to it.",
            "Name the person: \"I will…\" or \"Priya, our lead engineer, will… and I will confirm it to you.\"".to_string(),
            doc.span(hit),
        ));
    }
}

fn silence_between_updates(r: &Reading, out: &mut Vec<Finding>) {
    let (doc, context) = (r.doc, r.cx);
    if after_resolution_kind(context) || context.stage == CoachStage::Restoration {
        return;
    }
    let since_last = context
        .last_customer_message_at
        .map(|last| context.now - last);
    let now_update = format!(
        "Send an update now, even if it says \"No new resolution yet. Here is what is happening and when you'll hear from me next: by {}.\"",
        r.suggest.update_soon()
    );
    if let Some(gap) = since_last.filter(|gap| *gap > Duration::hours(24)) {
        let hours = gap.num_hours();
        let message = if hours >= 48 {
            format!("The customer has not heard from you in {} days. Silence is the fastest way to re-escalate: the playbook asks for one update every day, even with no news.", hours / 24)
        } else {
            format!("The customer has not heard from you in {hours} hours. Silence is the fastest way to re-escalate: the playbook asks for one update every day, even with no news.")
        };
        out.push(finding(
            Rule::SilenceBetweenUpdates,
            Severity::Problem,
            &message,
            now_update,
            (0, 0),
        ));
    } else if context
        .promised_update_at
        .is_some_and(|promised| promised < context.now)
    {
        out.push(finding(
            Rule::SilenceBetweenUpdates,
            Severity::Problem,
            "The update you promised the customer is overdue. A missed promised time reads as silence.",
            format!("Send the update now and promise the next one at a time you can keep, e.g. by {}.", r.suggest.update_soon()),
            (0, 0),
        ));
    }

    // A promise with a time holds even with "sooner if anything changes".
    let mut timed = vec![false; doc.sentence_count()];
    for m in &r.times {
        if let Some(slot) = timed.get_mut(doc.sentence_of(m.hit) as usize) {
            *slot = true;
        }
    }
    let conditional = doc.hits(&CONDITIONAL_UPDATE);
    let mut conditional_sentence = vec![false; doc.sentence_count()];
    for hit in &conditional {
        if let Some(slot) = conditional_sentence.get_mut(doc.sentence_of(*hit) as usize) {
            *slot = true;
        }
    }
    let at = |mask: &[bool], s: u32| mask.get(s as usize).copied().unwrap_or(false);
    // "More information in the next 20 minutes": news words with a specific
    // time promise the next update as surely as "next update".
    let mut specific = vec![false; doc.sentence_count()];
    for m in r
        .times
        .iter()
        .filter(|m| !matches!(m.kind, TimeKind::Day(false)))
    {
        if let Some(slot) = specific.get_mut(doc.sentence_of(m.hit) as usize) {
            *slot = true;
        }
    }
    let promised = doc.hits(&NEXT_UPDATE).into_iter().any(|hit| {
        let sentence = doc.sentence_of(hit);
        !at(&conditional_sentence, sentence) || at(&timed, sentence)
    }) || doc
        .hits(&NEWS_WORDS)
        .into_iter()
        .any(|hit| at(&specific, doc.sentence_of(hit)));
    if promised {
        return;
    }
    let untimed = conditional
        .iter()
        .find(|hit| !at(&timed, doc.sentence_of(**hit)));
    if let Some(first) = untimed {
        out.push(finding(
            Rule::SilenceBetweenUpdates,
            Severity::Problem,
            "This promises an update only when there is news. If the fix takes days, the customer hears nothing for days.",
            format!("Commit to a time instead: \"You'll hear from me by {}, whether or not we have a fix.\"", r.suggest.update_tomorrow()),
            doc.span(*first),
        ));
    } else if conditional.is_empty()
        && ((context.kind == Some(MessageKind::DailyUpdate)
            && context.stage != CoachStage::Resolved)
            || (context.kind.is_none() && context.stage == CoachStage::Cadence))
    {
        out.push(finding(
            Rule::SilenceBetweenUpdates,
            Severity::Warning,
            "This update does not say when the customer will hear from you next.",
            format!(
                "End with the time of your next update: \"Next update from me: by {}.\"",
                r.suggest.update_tomorrow()
            ),
            (0, 0),
        ));
    }
}

/// Words for the next message, which a specific time in the same sentence
/// turns into a promise.
static NEWS_WORDS: crate::words::WordList = crate::words::word_list![
    "update",
    "updates",
    "hear",
    "information",
    "info",
    "details",
    "share",
    "post",
    "write",
    "call",
    "email",
    "report",
    "note",
    "message",
];

fn ack_without_specific_time(r: &Reading, out: &mut Vec<Finding>) {
    let doc = r.doc;
    if !drafting_acknowledgment(r.cx) {
        return;
    }
    let mut other_day = vec![false; doc.sentence_count()];
    for m in r.times.iter().filter(|m| m.kind == TimeKind::Day(true)) {
        if let Some(slot) = other_day.get_mut(doc.sentence_of(m.hit) as usize) {
            *slot = true;
        }
    }
    let on_other_day = |m: &TimeMention| {
        other_day
            .get(doc.sentence_of(m.hit) as usize)
            .copied()
            .unwrap_or(false)
    };
    // Late in the customer's evening no time is left today: a specific time
    // tomorrow is then the promise to make (see suggest::promise_today).
    let left_today = r.suggest.time_left_today();
    if r.times
        .iter()
        .any(|m| m.is_specific_today() && (!on_other_day(m) || !left_today))
    {
        return;
    }
    let soon = r.suggest.update_soon();
    let later = r.times.iter().find(|m| {
        matches!(
            m.kind,
            TimeKind::Clock | TimeKind::Within(_) | TimeKind::Cadence(_)
        )
    });
    if let Some(first) = later.filter(|_| left_today) {
        let sentence = doc.sentence_of(first.hit);
        let day = r
            .times
            .iter()
            .find(|m| m.kind == TimeKind::Day(true) && doc.sentence_of(m.hit) == sentence)
            .map_or(first.hit, |m| m.hit);
        out.push(finding(
            Rule::AckWithoutSpecificTime,
            Severity::Warning,
            "The acknowledgment promises the first update on another day. The playbook asks for a status update by a specific time today.",
            format!("Promise a time later today in the customer's time zone, e.g. \"by {soon}\"."),
            doc.span(day),
        ));
        return;
    }
    let at = doc
        .find_first(&VAGUE_TIMES)
        .map_or((0, 0), |hit| doc.span(hit));
    let when = if left_today {
        "a time later today"
    } else {
        "a specific time"
    };
    out.push(finding(
        Rule::AckWithoutSpecificTime,
        Severity::Warning,
        "The acknowledgment does not promise a specific time for the first status update.",
        format!("Add {when} in the customer's time zone: \"I will have a status update to you by {soon}.\""),
        at,
    ));
}
