//! The status-update cadence on a fake clock: the next update is due at the
//! time promised in the last customer message or 24 h after it, whichever is
//! earlier; long silences are summarised, so every call stays O(events) even
//! for hostile logs; every instant handed to JavaScript is one it can read.

use super::*;
use defuse::workspace::{alarm_plan, badge_count, Workspace};

fn update_promising(promised: Option<&str>) -> EventBody {
    let EventBody::UpdateSent(mut u) = update() else {
        unreachable!()
    };
    u.promised_update_at = promised.map(t);
    EventBody::UpdateSent(u)
}

fn daily(state: &Escalation, now: &str) -> Vec<(String, DeadlineStatus, Option<MissedRun>)> {
    deadlines(state, t(now), TZ, &config())
        .into_iter()
        .filter(|d| d.kind == K::DailyUpdate)
        .map(|d| (d.due.to_rfc3339(), d.status, d.missed_run))
        .collect()
}

fn workspace_of(log: &Log) -> Workspace {
    let mut ws = Workspace::default();
    ws.add_all(&log.events);
    ws
}

#[test]
fn a_promise_earlier_than_24_hours_sets_the_next_due_time() {
    let mut log = acknowledged_and_triaged();
    log.add("2026-03-02T14:00:00Z", update());
    // Tuesday 15:06 (≈ "9:54 AM CST") the update promises Wednesday 09:54 UTC.
    log.add(
        "2026-03-03T15:06:00Z",
        update_promising(Some("2026-03-04T09:54:00Z")),
    );
    let state = log.state();
    assert_eq!(
        daily(&state, "2026-03-04T08:00:00Z").last(),
        Some(&("2026-03-04T09:54:00+00:00".into(), S::DueSoon, None))
    );
    // Past the promised time it is overdue, although 24 h have not passed.
    let now = "2026-03-04T10:00:00Z";
    assert_eq!(
        daily(&state, now).last(),
        Some(&("2026-03-04T09:54:00+00:00".into(), S::Overdue, None))
    );
    assert_eq!(
        next_action(&state, t(now), TZ, &config()).kind,
        ActionKind::SendDailyUpdate
    );
    let ws = workspace_of(&log);
    assert_eq!(badge_count(&ws, t(now), TZ, &config()), 1);
    // The reminder rang at the promised time, not 24 h after the send.
    let plan = alarm_plan(&ws, t("2026-03-04T08:00:00Z"), TZ, &config());
    assert!(plan
        .iter()
        .any(|r| r.kind == K::DailyUpdate && r.due == t("2026-03-04T09:54:00Z")));
    assert!(!plan.iter().any(|r| r.due == t("2026-03-04T15:06:00Z")));
}

#[test]
fn a_promise_later_than_24_hours_still_leaves_24_hours() {
    let mut log = acknowledged_and_triaged();
    log.add(
        "2026-03-02T14:00:00Z",
        update_promising(Some("2026-03-05T09:00:00Z")),
    );
    assert_eq!(
        daily(&log.state(), "2026-03-03T15:00:00Z"),
        [("2026-03-03T14:00:00+00:00".into(), S::Overdue, None)]
    );
}

#[test]
fn the_ack_promise_is_capped_at_24_hours_too() {
    let mut log = Log::new();
    log.add(
        "2026-03-02T08:05:00Z",
        opened("2026-03-02T08:00:00Z", "UTC"),
    );
    log.add("2026-03-02T09:30:00Z", ack("2026-03-04T09:00:00Z"));
    let first: Vec<_> = deadlines(&log.state(), t("2026-03-02T10:00:00Z"), TZ, &config())
        .into_iter()
        .filter(|d| d.kind == K::FirstUpdate)
        .map(|d| d.due)
        .collect();
    assert_eq!(first, [t("2026-03-03T09:30:00Z")]);
}

#[test]
fn a_promise_in_the_past_is_refused() {
    let log = acknowledged_and_triaged();
    let err = check(
        &log.state(),
        &update_promising(Some("2026-03-02T13:00:00Z")),
        t("2026-03-02T14:00:00Z"),
    );
    assert_eq!(
        err.map_err(|e| e.to_string()),
        Err(
            "The promised update time has already passed. Promise a specific time later than now."
                .into()
        )
    );
}

#[test]
fn update_records_without_a_promise_still_load() {
    let old = r#"{"v":1,"id":"u1","escalation":"esc-1","at":"2026-03-02T14:00:00Z","body":{"type":"update-sent","status":"in-progress","whatHappenedToday":"a","whatHappensNext":"b","eta":"c"}}"#;
    let event = decode_record(old).unwrap();
    let EventBody::UpdateSent(u) = &event.body else {
        panic!("not an update: {event:?}")
    };
    assert_eq!(u.promised_update_at, None);
    let with = encode_record(&Event {
        body: update_promising(Some("2026-03-03T09:00:00Z")),
        ..event
    });
    assert!(
        with.contains(r#""promisedUpdateAt":"2026-03-03T09:00:00Z""#),
        "{with}"
    );
    assert!(decode_record(&with).is_ok());
}

#[test]
fn a_long_silence_is_one_summary_with_count_first_and_last() {
    let mut log = acknowledged_and_triaged();
    log.add("2026-03-02T14:00:00Z", update());
    // Nothing for thirty days: 29 updates missed, the 30th is overdue now.
    let picture = daily(&log.state(), "2026-04-01T15:00:00Z");
    assert_eq!(
        picture,
        [
            (
                "2026-03-03T14:00:00+00:00".into(),
                S::Missed,
                Some(MissedRun {
                    count: 29,
                    last_due: t("2026-03-31T14:00:00Z"),
                })
            ),
            ("2026-04-01T14:00:00+00:00".into(), S::Overdue, None),
        ]
    );
    let entries = timeline(&log.state(), t("2026-04-01T15:00:00Z"), TZ, &config());
    assert!(entries
        .iter()
        .any(|e| e.label == "Daily status update missed 29 times in a row"));
}

#[test]
fn business_day_silences_count_five_updates_a_week() {
    let mut log = acknowledged_and_triaged();
    log.add("2026-03-02T14:00:00Z", update()); // Monday
    let config = Config {
        business_days: true,
        ..Config::default()
    };
    // Ten weeks later, Monday 15:00: Tue 3 Mar … Fri 8 May missed (50), Monday's overdue.
    let picture: Vec<_> = deadlines(&log.state(), t("2026-05-11T15:00:00Z"), TZ, &config)
        .into_iter()
        .filter(|d| d.kind == K::DailyUpdate)
        .map(|d| (d.due, d.status, d.missed_run.map(|r| (r.count, r.last_due))))
        .collect();
    assert_eq!(
        picture,
        [
            (
                t("2026-03-03T14:00:00Z"),
                S::Missed,
                Some((49, t("2026-05-08T14:00:00Z")))
            ),
            (t("2026-05-11T14:00:00Z"), S::Overdue, None),
        ]
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Day by day, the way the cadence is defined: the reference for the summary.
    fn walk(due: DateTime<Utc>, t: DateTime<Utc>, business: bool) -> (u64, DateTime<Utc>) {
        let mut count = 0;
        let mut due = due;
        loop {
            let mut next = due + TimeDelta::hours(24);
            if business {
                next = skip_weekend(&UtcOnly, "UTC", next);
            }
            if next > t {
                return (count, due);
            }
            count += 1;
            due = next;
        }
    }

    proptest! {
        /// The summary's count and the open slot agree with a day-by-day walk.
        #[test]
        fn summaries_agree_with_walking_day_by_day(
            start_hour in 0i64..(24 * 7),
            silence_hours in 0i64..(24 * 120),
            business in any::<bool>(),
        ) {
            let mut log = Log::new();
            let opened_at = t("2026-03-02T08:00:00Z") + TimeDelta::hours(start_hour);
            log.force(opened_at, opened("2026-03-02T08:00:00Z", "UTC"));
            log.force(opened_at, ack("2026-03-10T00:00:00Z"));
            let sent = opened_at + TimeDelta::hours(1);
            log.force(sent, update());
            let config = Config { business_days: business, ..Config::default() };
            let now = sent + TimeDelta::hours(silence_hours);
            let daily: Vec<Deadline> = deadlines(&log.state(), now, &UtcOnly, &config)
                .into_iter()
                .filter(|d| d.kind == K::DailyUpdate)
                .collect();
            let mut first = sent + TimeDelta::hours(24);
            if business {
                first = skip_weekend(&UtcOnly, "UTC", first);
            }
            let (count, current) = walk(first, now, business);
            let missed: u64 = daily
                .iter()
                .filter(|d| d.status == S::Missed)
                .map(|d| d.missed_run.map_or(1, |r| r.count))
                .sum();
            prop_assert_eq!(missed, count);
            prop_assert_eq!(daily.last().map(|d| d.due), Some(current));
            prop_assert!(daily.len() <= 2);
        }
    }
}

/// 100 updates 401 days apart (the 20 KB import from the hardening review):
/// the answer holds one summary per gap, not 40,000 entries.
#[test]
fn updates_years_apart_give_one_summary_per_gap() {
    let mut log = acknowledged_and_triaged();
    let mut at = t("2026-03-02T14:00:00Z");
    for _ in 0..100 {
        log.force(at, update());
        at += TimeDelta::days(401);
    }
    let now = at;
    let all = deadlines(&log.state(), now, TZ, &config());
    assert!(
        all.len() <= 2 * log.events.len() + 8,
        "{} deadlines",
        all.len()
    );
    let missed: u64 = all
        .iter()
        .filter(|d| d.status == S::Missed)
        .map(|d| d.missed_run.map_or(1, |r| r.count))
        .sum();
    assert_eq!(missed, 99 * 400 + 400);
    assert!(next_wakeup(&log.state(), now, TZ, &config()).is_some());
}

/// A megabyte of resolve / reopen / update cycles: every call answers with
/// output bounded by the log (no timing assertion: `make bench` measures speed).
#[test]
fn a_megabyte_log_of_cycles_stays_bounded() {
    let mut log = acknowledged_and_triaged();
    let mut at = t("2026-03-02T14:00:00Z");
    let mut bytes = 0;
    while bytes < 1024 * 1024 {
        for body in [
            update(),
            resolved(),
            EventBody::Reopened {
                reason: "again".into(),
            },
        ] {
            log.force(at, body);
            bytes += encode_record(log.events.last().unwrap()).len();
            at += TimeDelta::days(37);
        }
    }
    let events = log.events.len();
    assert!(events > 3000, "{events} events");
    let state = log.state();
    let now = at + TimeDelta::days(3650);
    let all = deadlines(&state, now, TZ, &config());
    assert!(
        all.len() <= 2 * events + 8,
        "{} deadlines for {events} events",
        all.len()
    );
    assert!(timeline(&state, now, TZ, &config()).len() <= 3 * events + 8);
    let ws = workspace_of(&log);
    assert!(alarm_plan(&ws, now, TZ, &config()).len() <= 2 * all.len());
    assert!(badge_count(&ws, now, TZ, &config()) <= all.len());
}

#[test]
fn a_second_opened_never_rewrites_the_facts() {
    let mut log = acknowledged_and_triaged();
    let EventBody::Opened(mut forged) = opened("2026-03-01T00:00:00Z", "UTC") else {
        unreachable!()
    };
    forged.account = "Someone Else".into();
    forged.crm_url = Some("https://evil.example/login".into());
    log.force(t("2026-03-02T10:00:00Z"), EventBody::Opened(forged));
    let state = log.state();
    let facts = state.opened.as_ref().unwrap();
    assert_eq!(facts.account, "Globex");
    assert_eq!(facts.crm_url.as_deref(), Some("https://crm.example/acc/1"));
    assert_eq!(facts.reached_csm_at, t("2026-03-02T08:00:00Z"));
    // A correction still changes what it names.
    log.add(
        "2026-03-02T10:05:00Z",
        EventBody::FactCorrected(FactCorrection {
            reached_csm_at: Some(t("2026-03-02T07:30:00Z")),
            ..FactCorrection::default()
        }),
    );
    assert_eq!(
        log.state().opened.unwrap().reached_csm_at,
        t("2026-03-02T07:30:00Z")
    );
}

#[test]
fn root_cause_is_one_type_reading_every_stored_name() {
    let read = |s: &str| serde_json::from_str::<RootCause>(s).unwrap();
    assert_eq!(read("\"product-bug\""), RootCause::ProductDefect);
    assert_eq!(read("\"product-defect\""), RootCause::ProductDefect);
    assert_eq!(read("\"configuration-issue\""), RootCause::Configuration);
    assert_eq!(read("\"configuration\""), RootCause::Configuration);
    assert_eq!(read("\"process-failure\""), RootCause::ProcessFailure);
    assert_eq!(read("\"other\""), RootCause::Unknown);
    let names: Vec<String> = RootCause::ALL
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "\"product-defect\"",
            "\"configuration\"",
            "\"process-failure\"",
            "\"unknown\""
        ]
    );
    let labels: Vec<&str> = RootCause::ALL.iter().map(|c| c.label()).collect();
    assert_eq!(
        labels,
        [
            "Product defect",
            "Configuration issue",
            "Process failure",
            "Other / not known yet"
        ]
    );
    // A triage answer stored with the old name still reads.
    let answer: TriageAnswer = serde_json::from_str(
        r#"{"question":"cause-kind","answer":"bug","causeKind":"product-bug"}"#,
    )
    .unwrap();
    assert_eq!(answer.cause_kind, Some(RootCause::ProductDefect));
}

#[test]
fn instants_javascript_cannot_read_are_refused_or_clamped() {
    let record = |at: &str| {
        format!(
            r#"{{"v":1,"id":"x","escalation":"esc-1","at":"{at}","body":{{"type":"note","text":"n"}}}}"#
        )
    };
    let refused = "This saved record holds a value Defuse does not understand (a time outside the years 0 to 9999, or a leap second). It is kept aside, not deleted.";
    for bad in ["+10000-01-01T00:00:00Z", "2016-12-31T23:59:60Z"] {
        match decode_record(&record(bad)) {
            Err(e) => assert_eq!(e.to_string(), refused, "{bad}"),
            Ok(e) => panic!("{bad} read as {e:?}"),
        }
    }
    assert!(decode_record(&record("9999-12-31T23:59:59Z")).is_ok());

    // Deadlines near the end of the range clamp instead of reaching year 10000.
    let mut log = Log::new();
    log.force(
        t("9999-12-31T20:00:00Z"),
        opened("9999-12-31T20:00:00Z", "UTC"),
    );
    let now = t("9999-12-31T20:30:00Z");
    for d in deadlines(&log.state(), now, TZ, &config()) {
        assert!(
            is_js_instant(d.due) && is_js_instant(d.due_soon_from),
            "{d:?}"
        );
    }
    if let Some(w) = next_wakeup(&log.state(), now, TZ, &config()) {
        assert!(is_js_instant(w));
    }
    let ws = workspace_of(&log);
    for r in alarm_plan(&ws, now, TZ, &config()) {
        assert!(is_js_instant(r.when) && is_js_instant(r.due), "{r:?}");
    }
    assert_eq!(
        js_instant(DateTime::<Utc>::MAX_UTC),
        t("9999-12-31T23:59:59.999Z")
    );
}

#[test]
fn an_event_too_large_for_one_record_is_refused_by_check() {
    let log = acknowledged_and_triaged();
    let body = EventBody::Note {
        text: "x".repeat(MAX_RECORD_BYTES),
    };
    assert_eq!(
        check(&log.state(), &body, t("2026-03-02T10:00:00Z")).map_err(|e| e.to_string()),
        Err("This is too long to save (65 KB; one entry holds at most 63 KB). Shorten it, or split it into two notes.".into())
    );
    let fits = EventBody::Note {
        text: "x".repeat(60 * 1024),
    };
    assert!(check(&log.state(), &fits, t("2026-03-02T10:00:00Z")).is_ok());
}
