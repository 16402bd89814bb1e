//! The checks behind each coach rule. The phrases live in `tables`; this file
//! decides when a phrase is a problem (order, sentence, context).

use chrono::Duration;

use super::tables::*;
use super::text::{clock_times, sentence_span, Doc, Hit, Token};
use super::{CoachContext, CoachStage, Finding, Rule, Severity};
use crate::messages::MessageKind;

fn finding(
    rule: Rule,
    severity: Severity,
    message: &str,
    suggestion: &str,
    at: (u32, u32),
) -> Finding {
    Finding {
        rule,
        severity,
        message: message.to_string(),
        suggestion: suggestion.to_string(),
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

fn after_resolution_kind(context: &CoachContext) -> bool {
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

pub(super) fn check_all(doc: &Doc, context: &CoachContext) -> Vec<Finding> {
    let mut out = Vec::new();
    if customer_facing(context) {
        explaining_before_acknowledging(doc, context, &mut out);
        let committee = ownership_by_committee(doc, &mut out);
        silence_between_updates(doc, context, &mut out);
        fix_as_full_resolution(doc, context, &mut out);
        over_promising(doc, context, &mut out);
        blaming_before_triage(doc, context, &mut out);
        ack_without_specific_time(doc, context, &mut out);
        vague_owner(doc, &committee, &mut out);
    }
    out
}

fn explaining_before_acknowledging(doc: &Doc, context: &CoachContext, out: &mut Vec<Finding>) {
    let applies = context.kind == Some(MessageKind::Acknowledgment)
        || (context.kind.is_none()
            && matches!(
                context.stage,
                CoachStage::Acknowledge | CoachStage::Triage | CoachStage::Unknown
            ));
    if !applies {
        return;
    }
    let Some(explaining) = doc.find_first(EXPLAINING) else {
        return;
    };
    let acknowledged_first = doc
        .find_first(ACKNOWLEDGING)
        .is_some_and(|ack| ack.first < explaining.first);
    if !acknowledged_first {
        out.push(finding(
            Rule::ExplainingBeforeAcknowledging,
            Severity::Problem,
            "This explains what happened before recognizing what it did to the customer. Customers escalate because they feel unheard; an explanation first reads as a defense.",
            "Open by recognizing the impact (\"I hear that this has disrupted your team. That's not okay.\"), say what you are doing now, and keep the explanation for the close-out.",
            doc.span(explaining),
        ));
    }
}

/// Returns the sentences flagged, so the vague-owner check does not repeat them.
fn ownership_by_committee(doc: &Doc, out: &mut Vec<Finding>) -> Vec<u32> {
    if doc.find_first(SINGLE_OWNER).is_some() {
        return Vec::new();
    }
    let many = doc.sentences_with(MANY_OWNERS);
    let collective = doc.sentences_with(COLLECTIVE_VERBS);
    let groups: Vec<u32> = doc
        .hits(GROUPS)
        .iter()
        .map(|h| doc.sentence_of(*h))
        .collect();
    let mut flagged: Vec<u32> = Vec::new();
    for sentence in 0..=doc.last_sentence() {
        let group_count = groups.iter().filter(|s| **s == sentence).count();
        let committee =
            many.contains(&sentence) || (collective.contains(&sentence) && group_count >= 2);
        if committee {
            flagged.push(sentence);
            out.push(finding(
                Rule::OwnershipByCommittee,
                Severity::Problem,
                "Several teams or people are presented as owning this, and no single person is named. When everyone owns an escalation, the customer has no one to hold to it.",
                "Name one person who owns resolution: \"I am your single point of contact until this is resolved.\" The teams can still be mentioned as the people that owner is pulling in.",
                sentence_span(&doc.tokens, sentence),
            ));
        }
    }
    flagged
}

fn silence_between_updates(doc: &Doc, context: &CoachContext, out: &mut Vec<Finding>) {
    if after_resolution_kind(context) || context.stage == CoachStage::Restoration {
        return;
    }
    let since_last = context
        .last_customer_message_at
        .map(|last| context.now - last);
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
            "Send an update now, even if it says \"No new resolution yet. Here is what is happening and when you'll hear from me next.\"",
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
            "Send the update now and promise the next one at a time you can keep.",
            (0, 0),
        ));
    }

    let conditional = doc.hits(CONDITIONAL_UPDATE);
    let conditional_sentences: Vec<u32> = conditional.iter().map(|h| doc.sentence_of(*h)).collect();
    // A promise with a time holds even with "sooner if anything changes".
    let mut timed_sentences: Vec<u32> = clock_times(&doc.tokens)
        .iter()
        .map(|h| doc.sentence_of(*h))
        .collect();
    timed_sentences.extend(doc.sentences_with(NOT_TODAY));
    timed_sentences.extend(doc.sentences_with(&["today"]));
    let promised = doc.hits(NEXT_UPDATE).into_iter().any(|hit| {
        let sentence = doc.sentence_of(hit);
        !conditional_sentences.contains(&sentence) || timed_sentences.contains(&sentence)
    });
    if promised {
        return;
    }
    if let Some(first) = conditional.first() {
        out.push(finding(
            Rule::SilenceBetweenUpdates,
            Severity::Problem,
            "This promises an update only when there is news. If the fix takes days, the customer hears nothing for days.",
            "Commit to a time instead: \"You'll hear from me by 10:00 AM tomorrow, whether or not we have a fix.\"",
            doc.span(*first),
        ));
    } else if (context.kind == Some(MessageKind::DailyUpdate)
        && context.stage != CoachStage::Resolved)
        || (context.kind.is_none() && context.stage == CoachStage::Cadence)
    {
        out.push(finding(
            Rule::SilenceBetweenUpdates,
            Severity::Warning,
            "This update does not say when the customer will hear from you next.",
            "End with the time of your next update: \"Next update from me: by 4:30 PM tomorrow.\"",
            (0, 0),
        ));
    }
}

const CONDITION_WORDS: &[&str] = &[
    "once", "until", "when", "if", "before", "after", "whether", "not", "isn't",
];

/// "once it is fixed", "until it's resolved": a condition, not a declaration.
fn is_conditional(doc: &Doc, hit: Hit) -> bool {
    let sentence = doc.sentence_of(hit);
    let from = hit.first.saturating_sub(2);
    doc.tokens.get(from..hit.first).is_some_and(|before| {
        before
            .iter()
            .any(|t| t.sentence == sentence && CONDITION_WORDS.contains(&t.text.as_str()))
    })
}

fn fix_as_full_resolution(doc: &Doc, context: &CoachContext, out: &mut Vec<Finding>) {
    let names_what_follows = doc.find_first(LATER_STEPS).is_some()
        || (!context.closeout_sent && doc.find_first(CLOSEOUT_MENTIONS).is_some());
    if after_resolution_kind(context)
        || (context.closeout_sent && context.exec_call_done && context.health_reassessed)
        || names_what_follows
    {
        return;
    }
    let Some(hit) = doc
        .hits(DECLARED_FIXED)
        .into_iter()
        .find(|hit| !is_conditional(doc, *hit))
    else {
        return;
    };
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
    let message = format!(
        "This treats the technical fix as the end of the escalation. A fixed ticket is not a restored relationship: {} still to come.",
        join_words(&remaining)
    );
    out.push(finding(
        Rule::FixAsFullResolution,
        Severity::Problem,
        &message,
        "Say the fix is in, then say what follows: \"Within 48 hours I will send you a close-out covering the root cause and what we are changing so it does not happen again.\"",
        doc.span(hit),
    ));
}

fn join_words(items: &[&str]) -> String {
    match items {
        [] => "the remaining restoration steps are".to_string(),
        [one] => format!("{one} is"),
        [init @ .., last] => format!("{} and {last} are", init.join(", ")),
    }
}

fn first_in(hits: &[Hit], doc: &Doc, sentence: u32) -> Option<Hit> {
    hits.iter()
        .copied()
        .find(|h| doc.sentence_of(*h) == sentence)
}

fn over_promising(doc: &Doc, context: &CoachContext, out: &mut Vec<Finding>) {
    let taken_back = doc.sentences_with(NOT_PROMISING);
    let absolute = doc.hits(ABSOLUTE_PROMISES);
    let fix_words = doc.hits(FIX_WORDS);
    let future = doc.hits(FUTURE);
    // "it will be fixed by…" promises; "I've restored it and will send…" does not.
    let promised_fix: Vec<u32> = fix_words
        .iter()
        .filter(|fix| {
            future
                .iter()
                .any(|f| f.first < fix.first && doc.sentence_of(*f) == doc.sentence_of(**fix))
        })
        .map(|fix| doc.sentence_of(*fix))
        .collect();
    let deadlines = doc.hits(FIX_DEADLINES);
    let clocks = clock_times(&doc.tokens);
    let certain = doc.hits(CERTAIN_FIX);
    for sentence in 0..=doc.last_sentence() {
        if taken_back.contains(&sentence) {
            continue;
        }
        if let Some(hit) = first_in(&absolute, doc, sentence) {
            out.push(finding(
                Rule::OverPromising,
                Severity::Problem,
                "This promises a certainty no one can give. If it does not hold, the customer loses trust twice.",
                "Promise what you control: what you will do and when you will report back.",
                doc.span(hit),
            ));
            continue;
        }
        if context.eta_confirmed || !promised_fix.contains(&sentence) {
            continue;
        }
        let promise = first_in(&deadlines, doc, sentence)
            .or_else(|| first_in(&clocks, doc, sentence))
            .or_else(|| first_in(&certain, doc, sentence));
        if let Some(hit) = promise {
            out.push(finding(
                Rule::OverPromising,
                Severity::Problem,
                "This promises a fix time that has not been confirmed by the people who control it. A missed fix time re-escalates.",
                "Say what you know: \"I don't have an ETA yet and I won't make one up. I will have a confirmed date to you by 3:00 PM today.\"",
                doc.span(hit),
            ));
        }
    }
}

fn blaming_before_triage(doc: &Doc, context: &CoachContext, out: &mut Vec<Finding>) {
    if context.triage_cause_known || after_resolution_kind(context) {
        return;
    }
    let hedged = doc.sentences_with(UNCERTAIN);
    let mut flagged_sentences: Vec<u32> = Vec::new();
    for hit in doc.hits(CAUSES) {
        let sentence = doc.sentence_of(hit);
        if flagged_sentences.contains(&sentence) || hedged.contains(&sentence) {
            continue;
        }
        flagged_sentences.push(sentence);
        out.push(finding(
            Rule::BlamingBeforeTriage,
            Severity::Problem,
            "This names a cause before triage has found one. If it turns out wrong, you have blamed the wrong thing (or the customer) in writing.",
            "Recognize the impact and say the cause is still being established: \"We don't know the cause yet, and I won't guess. You'll have it as soon as we do.\"",
            doc.span(hit),
        ));
    }
}

fn ack_without_specific_time(doc: &Doc, context: &CoachContext, out: &mut Vec<Finding>) {
    if !drafting_acknowledgment(context) {
        return;
    }
    let times = clock_times(&doc.tokens);
    let other_days = doc.hits(NOT_TODAY);
    let other_day_sentences: Vec<u32> = other_days.iter().map(|h| doc.sentence_of(*h)).collect();
    if times
        .iter()
        .any(|hit| !other_day_sentences.contains(&doc.sentence_of(*hit)))
    {
        return;
    }
    if let Some(first) = times.first() {
        let day = first_in(&other_days, doc, doc.sentence_of(*first)).unwrap_or(*first);
        out.push(finding(
            Rule::AckWithoutSpecificTime,
            Severity::Warning,
            "The acknowledgment promises the first update on another day. The playbook asks for a status update by a specific time today.",
            "Promise a time later today in the customer's time zone, e.g. \"by 4:30 PM CET today\".",
            doc.span(day),
        ));
        return;
    }
    let at = doc
        .find_first(VAGUE_TIMES)
        .map_or((0, 0), |hit| doc.span(hit));
    out.push(finding(
        Rule::AckWithoutSpecificTime,
        Severity::Warning,
        "The acknowledgment does not promise a specific time for the first status update.",
        "Add a time later today in the customer's time zone: \"I will have a status update to you by 4:30 PM CET today.\"",
        at,
    ));
}

const FIRST_PERSON: &[&str] = &["i", "i'm", "i'll", "i've", "i'd", "me", "my"];
const NAME_FOLLOWERS: &[&str] = &["from", "on", "in", "at", "of", "and"];

fn vague_owner(doc: &Doc, committee_sentences: &[u32], out: &mut Vec<Finding>) {
    if doc.find_first(SINGLE_OWNER).is_some() {
        return;
    }
    let mut flagged_sentences: Vec<u32> = Vec::new();
    for hit in doc.hits(VAGUE_OWNERS) {
        let sentence = doc.sentence_of(hit);
        if committee_sentences.contains(&sentence) || flagged_sentences.contains(&sentence) {
            continue;
        }
        // "Priya from our team will…" and "I'll make sure the team is…" name an owner.
        let before: Vec<&Token> = doc
            .tokens
            .get(..hit.first)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.sentence == sentence)
            .collect();
        let named = before.iter().enumerate().any(|(i, t)| {
            let next = before.get(i + 1);
            // A capital opening the sentence is only a name when a name
            // usually follows it ("Priya from…", "Priya Shah…").
            let name_follows =
                next.is_some_and(|n| n.capitalized || NAME_FOLLOWERS.contains(&n.text.as_str()));
            FIRST_PERSON.contains(&t.text.as_str()) || (t.capitalized && (i > 0 || name_follows))
        });
        if named {
            continue;
        }
        flagged_sentences.push(sentence);
        out.push(finding(
            Rule::VagueOwner,
            Severity::Warning,
            "\"We\" or \"the team\" owns this commitment, so no one does. The customer cannot tell who to hold to it.",
            "Name the person: \"I will…\" or \"Priya, our lead engineer, will… and I will confirm it to you.\"",
            doc.span(hit),
        ));
    }
}
