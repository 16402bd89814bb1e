//! Scenario tests for `defuse::coach`: the rules on the seed's examples, the
//! labelled corpus and highlight offsets.

use chrono::{DateTime, TimeZone, Utc};
use defuse::coach::eval::{evaluate, parse_corpus, CorpusError};
use defuse::coach::{coach_draft, CoachContext, CoachStage, Finding, Rule, Severity};
use defuse::messages::MessageKind;

const CORPUS: &str = include_str!("../data/coach/corpus.json");
const TUNE: &str = include_str!("../data/coach/tune.json");
const TEST: &str = include_str!("../data/coach/test.json");

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

fn context(kind: Option<MessageKind>, stage: CoachStage) -> CoachContext {
    CoachContext {
        kind,
        stage,
        triage_cause_known: true,
        now: at(28, 10),
        ..CoachContext::default()
    }
}

fn rules(findings: &[Finding]) -> Vec<Rule> {
    let mut rules: Vec<Rule> = findings.iter().map(|f| f.rule).collect();
    rules.dedup();
    rules
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// The text a finding highlights, read back through UTF-16 like the panel does.
fn highlighted(draft: &str, f: &Finding) -> String {
    let units: Vec<u16> = draft.encode_utf16().collect();
    String::from_utf16(&units[f.start as usize..f.end as usize]).unwrap()
}

// ---------- the corpus ----------

/// The tuning split: the existing corpus plus `tune.json`.
fn tuning_split() -> Vec<defuse::coach::eval::CorpusEntry> {
    let mut entries = parse_corpus(CORPUS).unwrap();
    entries.extend(parse_corpus(TUNE).unwrap());
    entries
}

#[test]
fn the_splits_are_large_labelled_and_disjoint() {
    let tune = tuning_split();
    let test = parse_corpus(TEST).unwrap();
    assert!(tune.len() + test.len() >= 300);
    assert!(test.len() >= 120, "test split has {}", test.len());
    let clean = tune
        .iter()
        .chain(&test)
        .filter(|e| e.expected.is_empty())
        .count();
    let share = clean as f64 / (tune.len() + test.len()) as f64;
    assert!(share >= 0.40, "clean share {share}");
    for entry in &test {
        assert!(
            tune.iter()
                .all(|t| t.id != entry.id && t.draft != entry.draft),
            "{} is in both splits",
            entry.id
        );
    }
    for rule in Rule::ALL {
        let examples = test.iter().filter(|e| e.expected.contains(&rule)).count();
        assert!(examples >= 5, "{} has {examples} test examples", rule.id());
    }
}

/// The bar the issue sets, on the held-out test split (never used to tune):
/// micro precision ≥ 0.9, micro recall ≥ 0.8, no rule below 0.8 precision.
#[test]
fn held_out_test_split_meets_the_bar() {
    let test = parse_corpus(TEST).unwrap();
    let evaluation = evaluate(&test);
    println!("{}", evaluation.table());
    assert!(
        evaluation.micro_precision() >= 0.9,
        "micro precision {}",
        evaluation.micro_precision()
    );
    assert!(
        evaluation.micro_recall() >= 0.8,
        "micro recall {}",
        evaluation.micro_recall()
    );
    for score in &evaluation.scores {
        assert!(
            score.precision() >= 0.8,
            "{} precision {}",
            score.rule.id(),
            score.precision()
        );
    }
}

#[test]
fn tuning_split_stays_where_it_was_tuned() {
    let evaluation = evaluate(&tuning_split());
    println!("{}", evaluation.table());
    for score in &evaluation.scores {
        assert!(
            score.precision() >= 0.9 && score.recall() >= 0.85,
            "{} precision {} recall {}",
            score.rule.id(),
            score.precision(),
            score.recall()
        );
    }
}

#[test]
fn corpus_holds_the_seeds_own_examples() {
    let entries = parse_corpus(CORPUS).unwrap();
    for id in [
        "seed-ack-template",
        "seed-good-explaining",
        "seed-good-committee",
        "seed-good-silence",
        "seed-good-overpromising",
        "seed-bad-explaining",
        "seed-bad-committee",
        "seed-bad-overpromising",
    ] {
        assert!(entries.iter().any(|e| e.id == id), "missing {id}");
    }
}

#[test]
fn corpus_errors_say_what_to_do() {
    assert_eq!(
        parse_corpus("[]").unwrap_err().to_string(),
        "The coach corpus has no drafts. Add at least one labelled draft."
    );
    let dup = r#"[{"id":"a","draft":"x","expected":[]},{"id":"a","draft":"y","expected":[]}]"#;
    assert_eq!(
        parse_corpus(dup).unwrap_err(),
        CorpusError::DuplicateId("a".into())
    );
    assert_eq!(
        parse_corpus(dup).unwrap_err().to_string(),
        "The coach corpus has two drafts with the id \"a\". Give each draft its own id."
    );
    let bad = parse_corpus(r#"[{"id":"a","draft":"x","expected":["no-such-rule"]}]"#).unwrap_err();
    assert!(bad.to_string().starts_with(
        "The coach corpus could not be read as a list of drafts (unknown variant `no-such-rule`"
    ));
}

// ---------- the seed's bad examples, with highlights ----------

#[test]
fn seed_bad_explaining_highlights_the_explanation() {
    let draft = "The reason this happened is that our infrastructure team was doing a scheduled migration...";
    let findings = coach_draft(draft, &context(None, CoachStage::Acknowledge));
    let explaining: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == Rule::ExplainingBeforeAcknowledging)
        .collect();
    assert_eq!(explaining.len(), 1);
    assert_eq!((explaining[0].start, explaining[0].end), (0, 10));
    assert_eq!(explaining[0].severity, Severity::Problem);
}

#[test]
fn seed_bad_committee_highlights_the_sentence() {
    let draft = "The support team, engineering team, and your CSM are all looking into this.";
    let findings = coach_draft(draft, &context(None, CoachStage::Triage));
    assert_eq!(rules(&findings), [Rule::OwnershipByCommittee]);
    assert_eq!(
        highlighted(draft, &findings[0]),
        "The support team, engineering team, and your CSM are all looking into this"
    );
}

#[test]
fn seed_bad_over_promising_highlights_the_deadline() {
    let draft = "This will be fixed by end of day.";
    let findings = coach_draft(draft, &context(None, CoachStage::Triage));
    assert_eq!(rules(&findings), [Rule::OverPromising]);
    assert_eq!(highlighted(draft, &findings[0]), "by end of day");
    assert_eq!((findings[0].start, findings[0].end), (19, 32));
}

#[test]
fn seed_bad_silence_three_days_is_a_problem_about_the_situation() {
    let mut ctx = context(Some(MessageKind::DailyUpdate), CoachStage::Cadence);
    ctx.last_customer_message_at = Some(at(25, 9));
    let findings = coach_draft("Next update from me: by 4:00 PM CET tomorrow.", &ctx);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, Rule::SilenceBetweenUpdates);
    assert_eq!((findings[0].start, findings[0].end), (0, 0));
    assert_eq!(
        findings[0].message,
        "The customer has not heard from you in 3 days. Silence is the fastest way to re-escalate: the playbook asks for one update every day, even with no news."
    );
}

#[test]
fn seed_bad_ticket_closed_lists_what_is_still_to_come() {
    let mut ctx = context(None, CoachStage::Resolved);
    ctx.closeout_sent = true;
    let findings = coach_draft("Ticket closed - thanks for your patience!", &ctx);
    assert_eq!(rules(&findings), [Rule::FixAsFullResolution]);
    assert_eq!(
        findings[0].message,
        "This treats the technical fix as the end of the escalation. A fixed ticket is not a restored relationship: an executive relationship call and a health score reassessment are still to come."
    );
    ctx.exec_call_done = true;
    ctx.health_reassessed = true;
    assert!(coach_draft("Ticket closed - thanks for your patience!", &ctx).is_empty());
}

#[test]
fn seed_good_examples_pass_clean() {
    let cases = [
        ("I hear that this has disrupted your team. That's not okay. Here's what I'm doing right now.", None, CoachStage::Unknown),
        ("I am your single point of contact. Priya Shah owns this until it is resolved.", Some(MessageKind::DriAnnouncement), CoachStage::Triage),
        ("No new resolution yet. Here is what is happening and when you'll hear from me next. Next update from me: by 10:00 AM CET tomorrow.", Some(MessageKind::DailyUpdate), CoachStage::Cadence),
        ("I don't have an ETA yet and I won't make one up. I will have a confirmed date to you by 3:00 PM today.", None, CoachStage::Cadence),
    ];
    for (draft, kind, stage) in cases {
        assert_eq!(coach_draft(draft, &context(kind, stage)), vec![], "{draft}");
    }
}

// ---------- offsets ----------

#[test]
fn offsets_are_utf16_code_units_after_emoji_and_accents() {
    let prefix = "Chère équipe 🙏🏽 — ça ira: ";
    let draft = format!("{prefix}this will be fixed within the hour.");
    let findings = coach_draft(&draft, &context(None, CoachStage::Triage));
    assert_eq!(rules(&findings), [Rule::OverPromising]);
    let start = utf16_len(prefix) + utf16_len("this will be fixed ");
    assert_eq!((findings[0].start, findings[0].end), (start, start + 15));
    assert_eq!(highlighted(&draft, &findings[0]), "within the hour");
    // The byte offset would be larger: the emoji is 4 bytes but 2 code units each.
    assert!(draft.find("within").unwrap() as u32 > start);
}

// ---------- rule details ----------

#[test]
fn a_promise_taken_back_is_not_over_promising() {
    let ctx = context(None, CoachStage::Triage);
    assert!(coach_draft(
        "I can't promise it will be fixed by end of day, and I won't guess.",
        &ctx
    )
    .is_empty());
    assert!(coach_draft(
        "I've restored access and will send the close-out by Friday.",
        &ctx
    )
    .is_empty());
}

#[test]
fn a_confirmed_eta_allows_a_date_but_never_a_guarantee() {
    let mut ctx = context(None, CoachStage::Triage);
    ctx.eta_confirmed = true;
    assert!(coach_draft("It will be fixed by Friday.", &ctx).is_empty());
    let findings = coach_draft("It will be fixed by Friday, guaranteed.", &ctx);
    assert_eq!(rules(&findings), [Rule::OverPromising]);
    assert_eq!(
        highlighted("It will be fixed by Friday, guaranteed.", &findings[0]),
        "guaranteed"
    );
}

#[test]
fn blaming_depends_on_whether_triage_has_a_cause() {
    let draft = "I'm sorry - this was caused by a misconfiguration in your SSO settings.";
    let mut ctx = context(None, CoachStage::Triage);
    ctx.triage_cause_known = false;
    let findings = coach_draft(draft, &ctx);
    assert_eq!(rules(&findings), [Rule::BlamingBeforeTriage]);
    assert_eq!(highlighted(draft, &findings[0]), "caused by");
    ctx.triage_cause_known = true;
    assert!(coach_draft(draft, &ctx).is_empty());
    ctx.triage_cause_known = false;
    assert!(coach_draft(
        "I hear you. We don't know yet whether it is caused by the release.",
        &ctx
    )
    .is_empty());
}

#[test]
fn ack_needs_a_specific_time_today() {
    let ctx = context(Some(MessageKind::Acknowledgment), CoachStage::Acknowledge);
    let draft = "I hear you and I own this. I'll get back to you as soon as possible.";
    let findings = coach_draft(draft, &ctx);
    assert_eq!(rules(&findings), [Rule::AckWithoutSpecificTime]);
    assert_eq!(findings[0].severity, Severity::Warning);
    assert_eq!(highlighted(draft, &findings[0]), "as soon as possible");

    let draft = "I hear you and I own this. Update from me tomorrow at 9 AM.";
    let findings = coach_draft(draft, &ctx);
    assert_eq!(rules(&findings), [Rule::AckWithoutSpecificTime]);
    assert_eq!(highlighted(draft, &findings[0]), "tomorrow");

    for good in [
        "I hear you and I own this. Update from me by 4:30 PM CET today.",
        "I hear you and I own this. Update from me at 16:30.",
        "I hear you and I own this. Update from me by 4pm.",
        "I hear you and I own this. Update from me by 9 a.m. your time.",
    ] {
        assert!(coach_draft(good, &ctx).is_empty(), "{good}");
    }
}

#[test]
fn vague_owner_is_quiet_when_a_person_is_named() {
    let ctx = context(None, CoachStage::Triage);
    let draft = "Thanks. The team will look at the logs.";
    let findings = coach_draft(draft, &ctx);
    assert_eq!(rules(&findings), [Rule::VagueOwner]);
    assert_eq!(highlighted(draft, &findings[0]), "The team will");
    assert!(coach_draft("Thanks. Priya from our team will look at the logs.", &ctx).is_empty());
    assert!(coach_draft("I own this. The team will look at the logs.", &ctx).is_empty());
}

#[test]
fn conditional_updates_are_silence_unless_a_time_is_promised() {
    let ctx = context(Some(MessageKind::DailyUpdate), CoachStage::Cadence);
    let draft = "Still working on it. I'll update you once it's fixed.";
    let findings = coach_draft(draft, &ctx);
    assert_eq!(rules(&findings), [Rule::SilenceBetweenUpdates]);
    assert_eq!(highlighted(draft, &findings[0]), "update you once");
    assert!(coach_draft(
        "Still working on it. Next update from me: 10 AM tomorrow, sooner if anything changes.",
        &ctx
    )
    .is_empty());
}

#[test]
fn an_overdue_promised_update_is_silence() {
    let mut ctx = context(Some(MessageKind::DailyUpdate), CoachStage::Cadence);
    ctx.promised_update_at = Some(at(28, 8));
    let findings = coach_draft("Next update from me: by 4:00 PM CET tomorrow.", &ctx);
    assert_eq!(rules(&findings), [Rule::SilenceBetweenUpdates]);
    assert_eq!(
        findings[0].message,
        "The update you promised the customer is overdue. A missed promised time reads as silence."
    );
}

#[test]
fn internal_notes_are_not_coached_for_customer_tone() {
    let draft =
        "Eng - Acme checkout down, probably due to the 3.2 deploy. We'll need someone on it.";
    let mut ctx = context(
        Some(MessageKind::EngineeringLoopIn),
        CoachStage::Acknowledge,
    );
    ctx.triage_cause_known = false;
    assert!(coach_draft(draft, &ctx).is_empty());
}

#[test]
fn findings_and_context_use_the_js_shapes() {
    let ctx: CoachContext = serde_json::from_str(
        r#"{"kind":"daily-update","stage":"cadence","triageCauseKnown":true,"now":"2026-11-28T10:00:00Z","lastCustomerMessageAt":"2026-11-25T09:00:00Z","etaConfirmed":true}"#,
    )
    .unwrap();
    assert_eq!(ctx.kind, Some(MessageKind::DailyUpdate));
    assert_eq!(ctx.stage, CoachStage::Cadence);
    assert!(ctx.eta_confirmed && !ctx.closeout_sent);
    let findings = coach_draft("It will be resolved by tomorrow, guaranteed.", &ctx);
    let json = serde_json::to_value(&findings).unwrap();
    let rules: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "silence-between-updates",
            "silence-between-updates",
            "over-promising"
        ]
    );
    assert_eq!(json[2]["severity"], "problem");
    assert_eq!(json[1]["severity"], "warning");
    assert!(json[2]["suggestion"]
        .as_str()
        .unwrap()
        .starts_with("Promise what you control"));
}

#[test]
fn a_long_draft_is_coached_in_one_pass() {
    let paragraph = "I hear you, and I'm sorry this hit your team so hard. I own this until it is resolved. Next update from me: by 4:30 PM CET today. ";
    let draft = paragraph.repeat(2000 / paragraph.len() + 1);
    assert!(draft.len() >= 2000);
    assert!(coach_draft(
        &draft,
        &context(Some(MessageKind::Acknowledgment), CoachStage::Acknowledge)
    )
    .is_empty());
}

// The escalation-signal tests live in tests/core/signal.rs.

// The issue's panel examples and real-message patterns live in coach/.
mod panel_examples;
