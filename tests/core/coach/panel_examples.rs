//! The issue's panel examples and patterns from real messages: promises of
//! communication, jargon, generic apologies, committees, vague cadences, fixes
//! treated as resolution, blame on carriers, quoted words, other languages, and
//! drafts too long to read at once.

use super::*;

// ---------- the issue's panel examples and real-message patterns ----------

fn found(draft: &str, ctx: &CoachContext) -> Vec<Rule> {
    let mut rules: Vec<Rule> = coach_draft(draft, ctx).iter().map(|f| f.rule).collect();
    rules.sort();
    rules.dedup();
    rules
}

fn free_text() -> CoachContext {
    CoachContext {
        now: at(27, 10),
        ..CoachContext::default()
    }
}

#[test]
fn a_promise_of_communication_is_not_an_over_promise() {
    let draft = "You'll hear from me by 11:00 AM PST today with a status update, whether or not we have the fix.";
    for (kind, stage) in [
        (Some(MessageKind::DailyUpdate), CoachStage::Cadence),
        (Some(MessageKind::Acknowledgment), CoachStage::Acknowledge),
        (None, CoachStage::Triage),
        (None, CoachStage::Unknown),
    ] {
        let mut ctx = context(kind, stage);
        ctx.triage_cause_known = false;
        assert!(
            !found(draft, &ctx).contains(&Rule::OverPromising),
            "{kind:?} {stage:?}: {:?}",
            coach_draft(draft, &ctx)
        );
    }
    // The same time attached to the fix is a promise no one has confirmed.
    let promise = "The fix will be live by 11:00 AM PST today.";
    let findings = coach_draft(promise, &context(None, CoachStage::Triage));
    assert_eq!(rules(&findings), [Rule::OverPromising]);
    assert_eq!(highlighted(promise, &findings[0]), "11:00 AM PST");
}

#[test]
fn jargon_in_a_root_cause_is_flagged_with_its_words() {
    let draft = "Root cause: a race condition in the ETL cron job's idempotency key.";
    let ctx = context(Some(MessageKind::Closeout), CoachStage::Resolved);
    let findings = coach_draft(draft, &ctx);
    assert_eq!(rules(&findings), [Rule::Jargon]);
    assert_eq!(highlighted(draft, &findings[0]), "race condition");
    assert_eq!(findings[0].severity, Severity::Warning);
    // Plain words pass.
    let plain = "Root cause: two updates to the same order ran at the same moment, so the second overwrote the first.";
    assert!(coach_draft(plain, &ctx).is_empty());
    // Internal notes may say it however engineers say it.
    let internal = context(Some(MessageKind::EngineeringLoopIn), CoachStage::Triage);
    assert!(coach_draft(draft, &internal).is_empty());
}

#[test]
fn a_generic_apology_without_impact_is_flagged() {
    let draft = "Dear customer, we apologize for any inconvenience.";
    let findings = coach_draft(draft, &free_text());
    assert_eq!(rules(&findings), [Rule::GenericApology]);
    assert_eq!(
        highlighted(draft, &findings[0]),
        "apologize for any inconvenience"
    );
    // The same apology after saying what it did to them is fine.
    let specific = "Your agents couldn't log in for three hours this morning, and I'm sorry for the inconvenience that caused your whole support desk.";
    assert!(!found(specific, &free_text()).contains(&Rule::GenericApology));
}

#[test]
fn suggestions_use_the_customers_zone_promised_time_and_account() {
    let mut ctx = context(Some(MessageKind::Acknowledgment), CoachStage::Acknowledge);
    ctx.now = Utc.with_ymd_and_hms(2026, 11, 27, 10, 5, 0).unwrap();
    ctx.customer_zone = Some("CET".into());
    ctx.customer_utc_offset_minutes = Some(60);
    ctx.account_name = Some("Northwind".into());
    let findings = coach_draft(
        "Our logs show this was caused by a bad deploy. We'll get back to you soon.",
        &ctx,
    );
    let suggestion = |rule: Rule| {
        findings
            .iter()
            .find(|f| f.rule == rule)
            .map(|f| f.suggestion.clone())
            .unwrap()
    };
    assert!(suggestion(Rule::AckWithoutSpecificTime).contains("by 1:30 PM CET today"));
    assert!(suggestion(Rule::ExplainingBeforeAcknowledging).contains("Northwind team - I hear"));
    // A promised time still ahead today is the one to keep.
    ctx.promised_update_at = Some(Utc.with_ymd_and_hms(2026, 11, 27, 15, 30, 0).unwrap());
    let findings = coach_draft("Sorry! We'll get back to you soon.", &ctx);
    assert!(findings
        .iter()
        .any(|f| f.suggestion.contains("by 4:30 PM CET today")));
    // No fixed example time is left in any suggestion.
    for f in &findings {
        assert!(!f.suggestion.contains("3:00 PM today"), "{}", f.suggestion);
    }
}

#[test]
fn the_context_reads_its_new_fields_from_js_and_defaults_without_them() {
    let ctx: CoachContext = serde_json::from_str(
        r#"{"now":"2026-11-28T10:00:00Z","customerZone":"PST","customerUtcOffsetMinutes":-480,"accountName":"Acme"}"#,
    )
    .unwrap();
    assert_eq!(ctx.customer_zone.as_deref(), Some("PST"));
    assert_eq!(ctx.customer_utc_offset_minutes, Some(-480));
    assert_eq!(ctx.account_name.as_deref(), Some("Acme"));
    let old: CoachContext = serde_json::from_str(r#"{"now":"2026-11-28T10:00:00Z"}"#).unwrap();
    assert_eq!(old.customer_zone, None);
    assert_eq!(old.account_name, None);
}

#[test]
fn plural_and_team_owners_are_a_committee() {
    for draft in [
        "Our engineers have identified the problem and are reverting the change.",
        "Engineers are reverting the configuration now.",
        "A fix has been implemented and the Courier Engineering team is monitoring system health.",
        "The dev and ops team are looking into it.",
    ] {
        assert!(
            found(draft, &free_text()).contains(&Rule::OwnershipByCommittee),
            "{draft}: {:?}",
            coach_draft(draft, &free_text())
        );
    }
    // A named person in the sentence owns the step.
    let owned = "Our engineers found the faulty step, and Priya Shah is leading the fix.";
    assert!(!found(owned, &free_text()).contains(&Rule::OwnershipByCommittee));
}

#[test]
fn cadences_and_spans_are_specific_times() {
    let ctx = context(Some(MessageKind::DailyUpdate), CoachStage::Cadence);
    for draft in [
        "We will provide updates every 15 minutes, or sooner if we have more information.",
        "Next update within 60 minutes, or as soon as we know more.",
        "Another update in 30 minutes.",
    ] {
        assert!(
            !found(draft, &ctx).contains(&Rule::SilenceBetweenUpdates),
            "{draft}: {:?}",
            coach_draft(draft, &ctx)
        );
    }
    let ack = context(Some(MessageKind::Acknowledgment), CoachStage::Acknowledge);
    assert!(coach_draft(
        "I'm sorry. I own this, and I'll update you every 30 minutes until it's fixed.",
        &ack
    )
    .is_empty());
    assert_eq!(
        found(
            "I'm sorry. I own this and will update you as we learn more.",
            &ack
        ),
        [Rule::SilenceBetweenUpdates, Rule::AckWithoutSpecificTime]
    );
}

#[test]
fn bare_resolved_close_outs_are_a_fix_treated_as_resolution() {
    for draft in [
        "The incident has been resolved.",
        "Users should no longer be experiencing any trouble.",
        "Everything is back to normal. Thanks for your patience!",
    ] {
        assert!(
            found(draft, &free_text()).contains(&Rule::FixAsFullResolution),
            "{draft}"
        );
    }
    // Recognizing the impact and saying what prevents a recurrence closes well.
    let good = "Exports work again. I know your finance team lost two days to this, and I'm sorry. On Friday I'll send the close-out with the cause and the check we're adding so it doesn't happen again.";
    assert!(coach_draft(good, &free_text()).is_empty());
    // Either half alone is not enough.
    assert!(found(
        "I'm sorry for the two lost days. Exports work again.",
        &free_text()
    )
    .contains(&Rule::FixAsFullResolution));
    assert!(found(
        "Exports work again, and we've added an alert so it can't happen again.",
        &free_text()
    )
    .contains(&Rule::FixAsFullResolution));
    // A monitoring update is not a close-out.
    assert!(!found(
        "A fix is in and error rates are back to normal; we're monitoring.",
        &free_text()
    )
    .contains(&Rule::FixAsFullResolution));
}

#[test]
fn openings_that_explain_before_acknowledging() {
    for draft in [
        "Today, our team deployed an upgrade to the sync service. Despite thorough testing, it delayed some exports. We're sorry.",
        "Due to human error during maintenance, some accounts were unavailable. We apologize.",
        "Last night there was scheduled maintenance on the database, which took longer than planned.",
    ] {
        let findings = coach_draft(draft, &free_text());
        assert!(
            rules(&findings).contains(&Rule::ExplainingBeforeAcknowledging),
            "{draft}: {findings:?}"
        );
    }
    // Impact first, then the cause, is the right order.
    let impact_first = "Between 9:10 and 9:55 UTC your agents could not log in, and I'm sorry. The cause was a configuration change on our side.";
    assert!(!found(impact_first, &free_text()).contains(&Rule::ExplainingBeforeAcknowledging));
}

#[test]
fn blaming_a_carrier_or_an_upstream_provider() {
    for draft in [
        "Your delivery is late because the carrier had delays that are beyond our control.",
        "The outage was caused by our upstream provider.",
        "This is due to an issue at a third-party vendor.",
    ] {
        assert!(
            found(draft, &free_text()).contains(&Rule::BlamingBeforeTriage),
            "{draft}"
        );
    }
    // Causes on our side are owned, not blamed; uncertainty is not blame.
    for draft in [
        "I'm sorry - a bad release on our side broke the export.",
        "I don't know yet whether the carrier or our warehouse is the cause, and I won't guess.",
        "Due to high demand, I'm answering in the order messages arrived.",
    ] {
        assert!(
            !found(draft, &free_text()).contains(&Rule::BlamingBeforeTriage),
            "{draft}"
        );
    }
}

#[test]
fn quoted_words_are_not_judged() {
    let draft = "You asked whether we can \"guarantee it will be fixed by Friday\". I can't, and I won't guess: I'll have a confirmed date to you by 2 PM CET today.";
    assert!(
        !found(draft, &context(None, CoachStage::Triage)).contains(&Rule::OverPromising),
        "{:?}",
        coach_draft(draft, &context(None, CoachStage::Triage))
    );
    let typographic = "Your CFO wrote \u{201C}this will never happen again, right?\u{201D} I can't promise that, and I won't.";
    assert!(!found(typographic, &context(None, CoachStage::Triage)).contains(&Rule::OverPromising));
}

#[test]
fn german_and_french_keep_todays_behaviour() {
    let ack = context(Some(MessageKind::Acknowledgment), CoachStage::Acknowledge);
    for draft in [
        "Ich verstehe, wie ärgerlich der Ausfall für Ihr Team ist. Ich kümmere mich persönlich darum und melde mich heute um 15:00 Uhr.",
        "Je comprends à quel point cette panne a perturbé votre équipe. Je m'en occupe et je reviens vers vous aujourd'hui à 15h00, 15:00 CET.",
    ] {
        assert!(coach_draft(draft, &ack).is_empty(), "{draft}: {:?}", coach_draft(draft, &ack));
    }
    // Without any time, the acknowledgment still lacks one, as before.
    assert_eq!(
        found("Wir kümmern uns darum.", &ack),
        [Rule::AckWithoutSpecificTime]
    );
}

#[test]
fn an_oversized_draft_gets_a_clear_error_or_is_read_up_to_the_cap() {
    use defuse::coach::{check_draft, CoachError, MAX_DRAFT_BYTES};
    let ctx = free_text();
    let sentence = "We apologize for any inconvenience. ";
    let big = sentence.repeat(MAX_DRAFT_BYTES / sentence.len() + 10);
    let err = check_draft(&big, &ctx).unwrap_err();
    assert_eq!(err, CoachError::TooLong { bytes: big.len() });
    assert_eq!(
        err.to_string(),
        "The draft is 1025 KB; the coach reads drafts up to 1024 KB. Shorten it or split it into several messages."
    );
    // coach_draft reads up to the cap, and every offset stays inside it.
    let findings = coach_draft(&big, &ctx);
    assert!(!findings.is_empty());
    let cap16 = MAX_DRAFT_BYTES as u32;
    assert!(findings.iter().all(|f| f.end <= cap16));
    assert_eq!(check_draft("We're sorry.", &ctx), Ok(vec![]));
}

#[test]
fn long_drafts_are_read_in_sections_with_offsets_into_the_whole_draft() {
    let ctx = free_text();
    let filler = "Thanks for the update on the rollout plan.\n".repeat(600);
    let draft = format!("{filler}Dear customer, we apologize for any inconvenience.\n{filler}");
    let findings = coach_draft(&draft, &ctx);
    assert_eq!(rules(&findings), [Rule::GenericApology]);
    assert_eq!(
        highlighted(&draft, &findings[0]),
        "apologize for any inconvenience"
    );
}
