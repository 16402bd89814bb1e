//! Closing an escalation and the engine's checks: close is refused until the
//! close-out and restoration are settled, out-of-order events get messages,
//! outages ask for engineering first, and odd logs still fold.

use super::*;

// ---------------------------------------------------------------- closing

#[test]
fn close_is_refused_until_closeout_and_restoration_are_settled() {
    let mut log = acknowledged_and_triaged();
    log.add("2026-03-02T14:00:00Z", update());
    let now = t("2026-03-03T10:00:00Z");
    assert_eq!(
        check(&log.state(), &EventBody::Closed {}, now)
            .unwrap_err()
            .to_string(),
        "This escalation cannot be closed yet. Still to do: resolve the issue; send the close-out document; hold the executive relationship call; reassess the health score; follow up that the prevention commitments landed. Do each step, or waive it with a reason."
    );
    log.add("2026-03-03T09:00:00Z", resolved());
    log.add("2026-03-03T12:00:00Z", closeout());
    log.add(
        "2026-03-05T12:00:00Z",
        step_done(RestorationStep::ExecutiveRelationshipCall),
    );
    let now = t("2026-03-06T10:00:00Z");
    assert_eq!(
        check(&log.state(), &EventBody::Closed {}, now)
            .unwrap_err()
            .to_string(),
        "This escalation cannot be closed yet. Still to do: reassess the health score; follow up that the prevention commitments landed. Do each step, or waive it with a reason."
    );
    let blank_waiver = EventBody::RestorationStepWaived {
        step: RestorationStep::PreventionFollowUp,
        reason: "  ".into(),
    };
    assert_eq!(
        check(&log.state(), &blank_waiver, now)
            .unwrap_err()
            .to_string(),
        "Give a reason for waiving the prevention follow-up."
    );
    // A close forced into the log anyway (say, by an old device) is ignored.
    log.force(now, EventBody::Closed {});
    assert_eq!(log.state().stage, Stage::Restore);

    log.add(
        "2026-03-06T11:00:00Z",
        step_done(RestorationStep::HealthScoreReassessment),
    );
    log.add(
        "2026-03-06T12:00:00Z",
        EventBody::RestorationStepWaived {
            step: RestorationStep::PreventionFollowUp,
            reason: "No prevention work was promised: it was their configuration.".into(),
        },
    );
    let state = log.state();
    let waived = &state.restoration[2];
    assert_eq!(
        waived.waived_reason.as_deref(),
        Some("No prevention work was promised: it was their configuration.")
    );
    // The earlier forced close now stands: the conditions hold in the final state.
    assert_eq!(state.stage, Stage::Closed);
    assert_eq!(
        check(&state, &EventBody::Closed {}, now)
            .unwrap_err()
            .to_string(),
        "This escalation is closed. Reopen it to record more than a note."
    );
}

// ---------------------------------------------------------------- checks

#[test]
fn check_messages_for_out_of_order_events() {
    let empty = fold(&[]);
    let now = t("2026-03-02T10:00:00Z");
    assert_eq!(empty.stage, Stage::Acknowledge);
    assert_eq!(
        check(&empty, &ack("2026-03-02T15:00:00Z"), now)
            .unwrap_err()
            .to_string(),
        "Open the escalation first: record the account and when the escalation reached you."
    );
    assert_eq!(
        check(&empty, &opened("2026-03-02T11:00:00Z", "UTC"), now)
            .unwrap_err()
            .to_string(),
        "The time the escalation reached you is in the future. Enter when it actually reached you."
    );
    let mut log = Log::new();
    log.add(
        "2026-03-02T08:05:00Z",
        opened("2026-03-02T08:00:00Z", "UTC"),
    );
    let state = log.state();
    assert_eq!(
        check(&state, &update(), now).unwrap_err().to_string(),
        "Send the acknowledgment first: it is due within 2 hours of the escalation reaching you."
    );
    assert_eq!(
        check(&state, &ack("2026-03-02T09:00:00Z"), now)
            .unwrap_err()
            .to_string(),
        "The promised update time has already passed. Promise a specific time later than now."
    );
    log.add("2026-03-02T09:00:00Z", ack("2026-03-02T15:00:00Z"));
    log.add(
        "2026-03-02T09:05:00Z",
        answer(TriageKey::StatedProblem, "Sync broken"),
    );
    let state = log.state();
    assert_eq!(
        check(&state, &EventBody::TriageCompleted {}, now).unwrap_err().to_string(),
        "Triage is not complete yet. Still unanswered: What is the actual technical or business impact? When did this start? Has this happened before? Who at the customer is most affected? What is the ARR / renewal timeline? Is this a product bug, configuration issue, or process failure? What outcome does the customer want?"
    );
    assert_eq!(
        check(&state, &answer(TriageKey::DesiredOutcome, "a fix"), now)
            .unwrap_err()
            .to_string(),
        "“What outcome does the customer want?” needs one of the listed choices as well as your notes."
    );
    assert_eq!(
        check(&state, &answer(TriageKey::Impact, " "), now).unwrap_err().to_string(),
        "“What is the actual technical or business impact?” has no answer yet. Write what you know, even if it is “not known yet”."
    );
    assert_eq!(
        check(
            &state,
            &EventBody::Resolved {
                root_cause: RootCause::ProductDefect,
                bug_link: None
            },
            now
        )
        .unwrap_err()
        .to_string(),
        "A product defect needs a link to the bug report or roadmap item. Add the link before resolving."
    );
    assert_eq!(
        check(
            &state,
            &step_done(RestorationStep::HealthScoreReassessment),
            now
        )
        .unwrap_err()
        .to_string(),
        "Send the close-out document first: the restoration steps start from it."
    );
    assert_eq!(
        check(
            &state,
            &EventBody::Reopened {
                reason: String::new()
            },
            now
        )
        .unwrap_err()
        .to_string(),
        "Only a resolved or closed escalation can be reopened."
    );
    assert_eq!(
        check(
            &state,
            &EventBody::FactCorrected(FactCorrection::default()),
            now
        )
        .unwrap_err()
        .to_string(),
        "Say which fact to correct: the ARR, the renewal date, or when the escalation reached you."
    );
}

#[test]
fn an_outage_asks_for_engineering_first() {
    let mut log = acknowledged_and_triaged();
    log.add(
        "2026-03-02T10:00:00Z",
        EventBody::TriageAnswer(TriageAnswer {
            question: TriageKey::Impact,
            answer: "Invoices lost for two days".into(),
            cause_kind: None,
            desired_outcome: None,
            executive_level: None,
            outage_or_data_problem: Some(true),
        }),
    );
    let state = log.state();
    assert!(needs_engineering_loop_in(&state));
    let next = next_action(&state, t("2026-03-02T10:01:00Z"), TZ, &config());
    assert_eq!(next.kind, ActionKind::LoopInEngineering);
    assert_eq!(
        next.label,
        "Loop in support or engineering now: triage found an outage or data problem"
    );
    log.add(
        "2026-03-02T10:05:00Z",
        EventBody::EngineeringLoopedIn {
            detail: "INC-42".into(),
        },
    );
    assert!(!needs_engineering_loop_in(&log.state()));
}

#[test]
fn fold_tolerates_odd_logs() {
    let mut log = Log::new();
    let at = t("2026-03-02T09:00:00Z");
    log.force(at, update());
    log.force(at, closeout());
    log.force(at, step_done(RestorationStep::PreventionFollowUp));
    log.force(at, EventBody::Closed {});
    log.force(at, ack("2026-03-01T00:00:00Z"));
    let state = log.state();
    assert_eq!(state.stage, Stage::Acknowledge);
    assert!(state.opened.is_none());
    assert!(deadlines(&state, at, TZ, &config()).is_empty());
    assert_eq!(
        next_action(&state, at, TZ, &config()).kind,
        ActionKind::OpenEscalation
    );

    // Absurd instants clamp instead of overflowing.
    let mut far = Log::new();
    far.force(
        DateTime::<Utc>::MAX_UTC,
        opened("2026-03-02T08:00:00Z", "Europe/Berlin"),
    );
    let mut body = opened("2026-03-02T08:00:00Z", "UTC");
    if let EventBody::Opened(o) = &mut body {
        o.reached_csm_at = DateTime::<Utc>::MAX_UTC;
    }
    far.force(DateTime::<Utc>::MAX_UTC, body);
    far.force(DateTime::<Utc>::MAX_UTC, ack("2026-03-02T08:00:00Z"));
    far.force(DateTime::<Utc>::MAX_UTC, update());
    let state = far.state();
    let d = deadlines(&state, DateTime::<Utc>::MAX_UTC, TZ, &config());
    assert!(!d.is_empty());
    let _ = next_wakeup(&state, DateTime::<Utc>::MIN_UTC, TZ, &config());
    let _ = timeline(&state, DateTime::<Utc>::MAX_UTC, TZ, &config());
}
