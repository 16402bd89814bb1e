//! Reopening (the cadence restarts and a new close-out is needed), the one-DRI
//! rule and its recommendation, and the severity table.

use super::*;

// ---------------------------------------------------------------- reopen

#[test]
fn reopening_restarts_the_cadence_and_needs_a_new_closeout() {
    let mut log = acknowledged_and_triaged();
    log.add(
        "2026-03-02T10:00:00Z",
        EventBody::DriAssigned {
            name: "Ana Lima".into(),
            role: DriRole::Csm,
        },
    );
    log.add("2026-03-02T14:00:00Z", update());
    log.add("2026-03-03T09:00:00Z", resolved());
    log.add("2026-03-03T12:00:00Z", closeout());
    log.add(
        "2026-03-04T09:00:00Z",
        EventBody::Reopened {
            reason: "The sync failed again.".into(),
        },
    );
    let state = log.state();
    assert_eq!(state.stage, Stage::Cadence);
    assert_eq!(state.resolution, None);
    assert_eq!(state.closeout_sent_at, None);
    assert_eq!(
        summary(&state, "2026-03-04T10:00:00Z")[3..],
        [
            (K::Closeout, "2026-03-05T09:00:00+00:00".into(), S::Met),
            (
                K::DailyUpdate,
                "2026-03-05T09:00:00+00:00".into(),
                S::Upcoming
            ),
        ]
    );
    assert_eq!(
        check(&state, &closeout(), t("2026-03-04T10:00:00Z"))
            .unwrap_err()
            .to_string(),
        "Resolve the escalation before sending the close-out document."
    );
    log.add("2026-03-04T15:00:00Z", resolved());
    assert_eq!(log.state().stage, Stage::CloseOut);
    let closeouts = summary(&log.state(), "2026-03-04T16:00:00Z")
        .into_iter()
        .filter(|(k, _, _)| *k == K::Closeout)
        .map(|(_, due, s)| (due, s))
        .collect::<Vec<_>>();
    assert_eq!(
        closeouts,
        [
            ("2026-03-05T09:00:00+00:00".to_string(), S::Met),
            ("2026-03-06T15:00:00+00:00".to_string(), S::Upcoming),
        ]
    );
}

// ---------------------------------------------------------------- DRI

#[test]
fn dri_must_be_exactly_one_person() {
    let msg = |name: &str| validate_dri_name(name).unwrap_err().to_string();
    assert_eq!(
        msg("   "),
        "The DRI needs a name. Enter the one person who owns this escalation until it is resolved."
    );
    assert_eq!(
        msg("the support team"),
        "“the support team” is a team, not a person. Name the one person who owns this escalation until it is resolved."
    );
    assert_eq!(
        msg("Engineering"),
        "“Engineering” is a team, not a person. Name the one person who owns this escalation until it is resolved."
    );
    for several in ["Ana and Bo", "Ana, Bo", "Ana/Bo", "Ana & Bo"] {
        assert_eq!(
            msg(several),
            format!("“{several}” names more than one person. Pick one DRI; the others can help without owning it.")
        );
    }
    assert_eq!(validate_dri_name("  Ana Lima ").unwrap(), "Ana Lima");
    assert_eq!(
        validate_dri_name("Jean-Luc O'Brien").unwrap(),
        "Jean-Luc O'Brien"
    );

    let log = acknowledged_and_triaged();
    let refused = check(
        &log.state(),
        &EventBody::DriAssigned {
            name: "Ana, Bo".into(),
            role: DriRole::Csm,
        },
        t("2026-03-02T10:00:00Z"),
    );
    assert_eq!(
        refused,
        Err(EngineError::Dri(DriError::SeveralPeople("Ana, Bo".into())))
    );
}

#[test]
fn dri_recommendation_follows_triage_and_severity() {
    let standard = assess_severity(None, None, date("2026-03-02"), &SeverityConfig::default());
    let log = acknowledged_and_triaged();
    let rec = recommend_dri(&log.state(), &standard);
    assert_eq!(rec.role, DriRole::Csm);
    assert_eq!(
        rec.reason,
        "CSM: a standard escalation is owned by its CSM."
    );

    let mut exec = acknowledged_and_triaged();
    let mut body = TriageAnswer {
        question: TriageKey::MostAffected,
        answer: "Their CFO".into(),
        cause_kind: None,
        desired_outcome: None,
        executive_level: Some(true),
        outage_or_data_problem: None,
    };
    exec.add(
        "2026-03-02T10:00:00Z",
        EventBody::TriageAnswer(body.clone()),
    );
    assert_eq!(
        recommend_dri(&exec.state(), &standard).reason,
        "CS Manager: triage marked this an executive-level situation."
    );

    let mut defect = acknowledged_and_triaged();
    body.question = TriageKey::CauseKind;
    body.executive_level = None;
    body.cause_kind = Some(RootCause::ProductDefect);
    defect.add("2026-03-02T10:00:00Z", EventBody::TriageAnswer(body));
    let rec = recommend_dri(&defect.state(), &standard);
    assert_eq!(rec.role, DriRole::CsManager);
    assert_eq!(
        rec.reason,
        "CS Manager: triage marked this a product defect that needs engineering."
    );

    let critical = assess_severity(
        None,
        Some(date("2026-03-20")),
        date("2026-03-02"),
        &SeverityConfig::default(),
    );
    assert_eq!(
        recommend_dri(&log.state(), &critical).reason,
        "CS Manager: the account is critical: renewal in 18 days (within 30)."
    );
}

// ---------------------------------------------------------------- severity

#[test]
fn severity_table() {
    let cfg = SeverityConfig::default();
    let today = date("2026-03-02");
    let usd = |cents: i64| Money {
        cents,
        currency: Some("USD".into()),
        currency_assumed: false,
    };
    let level = |arr: Option<Money>, renewal: Option<&str>| {
        assess_severity(arr.as_ref(), renewal.map(date), today, &cfg).level
    };
    assert_eq!(level(None, None), Severity::Standard);
    assert_eq!(level(Some(usd(24_999_999)), None), Severity::Standard);
    assert_eq!(level(Some(usd(25_000_000)), None), Severity::High);
    assert_eq!(level(Some(usd(99_999_999)), None), Severity::High);
    assert_eq!(level(Some(usd(100_000_000)), None), Severity::Critical);
    assert_eq!(level(None, Some("2026-06-01")), Severity::Standard); // 91 days
    assert_eq!(level(None, Some("2026-05-31")), Severity::High); // 90 days
    assert_eq!(level(None, Some("2026-04-01")), Severity::Critical); // 30 days
    assert_eq!(level(None, Some("2026-03-01")), Severity::Standard); // stale
    assert_eq!(
        level(Some(usd(100)), Some("2026-03-10")),
        Severity::Critical
    );

    let a = assess_severity(
        Some(&usd(120_000_000)),
        Some(date("2026-03-20")),
        today,
        &cfg,
    );
    assert_eq!(
        a.reason,
        "ARR 1200000 USD is at least 1000000 and renewal in 18 days (within 30)"
    );
    let b = assess_severity(None, None, today, &cfg);
    assert_eq!(
        b.reason,
        "ARR and renewal are below the thresholds or unknown"
    );
}
