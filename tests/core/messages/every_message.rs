//! What holds for every generated message: each kind is generated and ready,
//! no seed placeholder survives missing inputs, values are escaped in HTML and
//! untouched in text, the JSON names, and the coach finds nothing to flag.

use super::*;

// ---------- every message ----------

#[test]
fn every_kind_is_generated_and_ready_with_full_inputs() {
    let messages = all_messages();
    for m in &messages {
        assert!(m.ready, "{:?} missing {:?}", m.kind, m.missing);
        assert_no_seed_placeholder(m);
    }
    let mut kinds: Vec<&str> = messages.iter().map(|m| m.kind.id()).collect();
    kinds.dedup();
    let all: Vec<&str> = MessageKind::ALL.iter().map(|k| k.id()).collect();
    assert_eq!(kinds, all);
}

#[test]
fn no_seed_placeholder_even_when_everything_is_missing() {
    let now = cet(27, 10, 0);
    let empty = |s: &str| s.to_string();
    let messages = vec![
        acknowledgment(&AckInput {
            customer_name: empty(""),
            sender_name: empty(""),
            impact_summary: None,
            promised_update_at: None,
            customer_zone_label: empty(""),
            desired_outcome: None,
            now,
            time_style: TimeStyle::default(),
        }),
        engineering_loop_in(&LoopInInput {
            customer_name: empty(""),
            sender_name: empty(""),
            reason: None,
            stated_problem: None,
            impact: None,
            started: None,
            arr_and_renewal: None,
            dri_name: empty(""),
            next_customer_update_at: None,
            zone_label: empty(""),
            now,
            time_style: TimeStyle::default(),
        }),
        dri_announcement(&DriInput {
            customer_name: empty(""),
            sender_name: empty(""),
            dri_name: empty(""),
            dri_role: None,
            dri_contact: None,
        }),
        daily_update(&DailyUpdateInput {
            customer_name: empty(""),
            sender_name: empty(""),
            status: None,
            happened_today: None,
            next_step: None,
            next_step_owner: None,
            next_step_due: None,
            eta: None,
            questions: vec![],
            next_update_at: None,
            customer_zone_label: empty(""),
            desired_outcome: None,
            now,
            time_style: TimeStyle::default(),
        }),
        closeout(&CloseoutInput {
            customer_name: empty(""),
            sender_name: empty(""),
            issue: None,
            impact: None,
            root_cause: None,
            root_cause_kind: Some(RootCause::ProductDefect),
            defect_link: None,
            actions_taken: vec![],
            prevention: None,
            what_to_expect: None,
            now,
            time_style: TimeStyle::default(),
        }),
        restoration_exec_call(&ExecCallInput {
            customer_name: empty(""),
            sender_name: empty(""),
            customer_exec_name: None,
            our_exec_name: None,
            our_exec_title: None,
            proposed_times: vec![],
            customer_zone_label: empty(""),
            now,
            time_style: TimeStyle::default(),
        }),
        restoration_health_score(&HealthScoreInput {
            customer_name: empty(""),
            sender_name: empty(""),
            previous_score: None,
            new_score: None,
            rationale: None,
            open_risks: None,
            next_review_on: None,
            now,
            time_style: TimeStyle::default(),
        }),
        restoration_prevention_follow_up(&PreventionFollowUpInput {
            customer_name: empty(""),
            sender_name: empty(""),
            closeout_sent_on: None,
            items: vec![],
            now,
            time_style: TimeStyle::default(),
        }),
    ];
    assert_eq!(messages.len(), MessageKind::ALL.len());
    for m in &messages {
        assert!(!m.ready, "{:?}", m.kind);
        assert!(!m.missing.is_empty());
        assert_no_seed_placeholder(m);
        for field in &m.missing {
            let marker = format!("({})", field.label);
            assert!(
                m.text.contains(&marker) || m.subject.contains(&marker),
                "{:?} lacks marker for {}",
                m.kind,
                field.id
            );
        }
    }
}

#[test]
fn every_value_is_escaped_in_html_and_untouched_in_text() {
    let evil = "<script>alert(\"x\")</script> & 'co'";
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;";
    let e = || evil.to_string();
    let mut ack = ack_input();
    ack.customer_name = e();
    ack.impact_summary = Some(e());
    ack.customer_zone_label = e();
    let mut loop_in = loop_in_input();
    loop_in.stated_problem = Some(e());
    loop_in.arr_and_renewal = Some(e());
    let mut dri = dri_input();
    dri.dri_name = e();
    dri.dri_role = Some(e());
    let mut update = update_input();
    update.next_step_owner = Some(e());
    update.questions = vec![e()];
    let mut close = closeout_input();
    close.root_cause = Some(e());
    close.actions_taken = vec![e()];
    let mut exec = exec_call_input();
    exec.our_exec_title = Some(e());
    let mut health = health_input();
    health.new_score = Some(e());
    let mut prevention = prevention_input();
    prevention.items[0].change = e();
    let messages = [
        acknowledgment(&ack),
        engineering_loop_in(&loop_in),
        dri_announcement(&dri),
        daily_update(&update),
        closeout(&close),
        restoration_exec_call(&exec),
        restoration_health_score(&health),
        restoration_prevention_follow_up(&prevention),
    ];
    for m in &messages {
        assert!(m.text.contains(evil), "{:?} text: {}", m.kind, m.text);
        assert!(m.html.contains(escaped), "{:?} html: {}", m.kind, m.html);
        assert!(!m.html.contains("<script>"), "{:?}", m.kind);
        assert!(!m.html.contains("\"x\""), "{:?}", m.kind);
    }
}

#[test]
fn message_json_uses_camel_case_fields_and_kebab_case_kinds() {
    let mut input = ack_input();
    input.promised_update_at = None;
    let json = serde_json::to_value(acknowledgment(&input)).unwrap();
    assert_eq!(json["kind"], "acknowledgment");
    assert_eq!(json["ready"], false);
    assert_eq!(json["missing"][0]["id"], "promised-update-at");
    assert_eq!(json["warnings"], serde_json::json!([]));
    let json = serde_json::to_value(restoration_prevention_follow_up(&prevention_input())).unwrap();
    assert_eq!(json["kind"], "restoration-prevention-follow-up");
    let eta: Eta = serde_json::from_str(r#"{"kind":"not-yet","reason":"waiting on QA"}"#).unwrap();
    assert_eq!(
        eta,
        Eta::NotYet {
            reason: Some("waiting on QA".into())
        }
    );
}

#[test]
fn generated_messages_pass_the_coach_clean() {
    let context = |kind: MessageKind, stage: CoachStage| CoachContext {
        kind: Some(kind),
        stage,
        triage_cause_known: true,
        now: cet(27, 10, 0).to_utc(),
        ..CoachContext::default()
    };
    let mut fix = ack_input();
    fix.desired_outcome = Some(DesiredOutcome::Fix);
    let mut accountability = update_input();
    accountability.desired_outcome = Some(DesiredOutcome::Accountability);
    let mut resolved = update_input();
    resolved.status = Some(UpdateStatus::Resolved);
    let mut other_dri = dri_input();
    other_dri.dri_name = "Marcus Webb".into();
    let mut process = closeout_input();
    process.root_cause_kind = Some(RootCause::ProcessFailure);
    let cases = [
        (acknowledgment(&ack_input()), CoachStage::Acknowledge),
        (acknowledgment(&fix), CoachStage::Acknowledge),
        (dri_announcement(&dri_input()), CoachStage::Triage),
        (dri_announcement(&other_dri), CoachStage::Triage),
        (daily_update(&update_input()), CoachStage::Cadence),
        (daily_update(&accountability), CoachStage::Cadence),
        (no_news_update(&update_input()), CoachStage::Cadence),
        (daily_update(&resolved), CoachStage::Resolved),
        (closeout(&closeout_input()), CoachStage::Resolved),
        (closeout(&process), CoachStage::Resolved),
        (
            restoration_exec_call(&exec_call_input()),
            CoachStage::Restoration,
        ),
        (
            restoration_prevention_follow_up(&prevention_input()),
            CoachStage::Restoration,
        ),
    ];
    for (m, stage) in cases {
        let findings = coach_draft(&m.text, &context(m.kind, stage));
        assert!(
            findings.is_empty(),
            "{:?}: {findings:?}\n{}",
            m.kind,
            m.text
        );
    }
}
