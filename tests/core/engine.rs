//! Scenario tests for `defuse::engine`, on a fake clock: every `now` is an
//! argument, and time zones come from a table of real offsets.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use defuse::account::Money;
use defuse::engine::*;

// ---------------------------------------------------------------- helpers

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Real offsets around the 2026 DST changes, enough for these tests.
struct TableRules;

impl TimeZoneRules for TableRules {
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> Option<i32> {
        let h = 3600;
        match zone {
            "UTC" => Some(0),
            // EDT from 2026-03-08 07:00 UTC to 2026-11-01 06:00 UTC.
            "America/New_York" => Some(
                if at >= t("2026-03-08T07:00:00Z") && at < t("2026-11-01T06:00:00Z") {
                    -4 * h
                } else {
                    -5 * h
                },
            ),
            // CEST from 2026-03-29 01:00 UTC to 2026-10-25 01:00 UTC.
            "Europe/Berlin" => Some(
                if at >= t("2026-03-29T01:00:00Z") && at < t("2026-10-25T01:00:00Z") {
                    2 * h
                } else {
                    h
                },
            ),
            "Asia/Kolkata" => Some(5 * h + 30 * 60),
            _ => None,
        }
    }
}

const TZ: &TableRules = &TableRules;

struct Log {
    events: Vec<Event>,
}

impl Log {
    fn new() -> Self {
        Log { events: Vec::new() }
    }

    fn state(&self) -> Escalation {
        fold(&self.events)
    }

    /// Appends after `check` approved it at that moment, like the UI does.
    fn add(&mut self, at: &str, body: EventBody) -> &mut Self {
        let at = t(at);
        if let Err(e) = check(&self.state(), &body, at) {
            panic!("check refused {body:?} at {at}: {e}");
        }
        self.force(at, body)
    }

    /// Appends without asking `check`: what a merged log may contain.
    fn force(&mut self, at: DateTime<Utc>, body: EventBody) -> &mut Self {
        let id = format!("e{:03}", self.events.len());
        self.events.push(Event {
            id,
            escalation: "esc-1".into(),
            at,
            body,
        });
        self
    }
}

fn opened(reached: &str, zone: &str) -> EventBody {
    EventBody::Opened(Opened {
        account: "Globex".into(),
        arr: None,
        renewal: None,
        crm_url: Some("https://crm.example/acc/1".into()),
        reached_csm_at: t(reached),
        customer_zone: zone.into(),
        csm_zone: "Europe/Berlin".into(),
        csm_name: "Ana Lima".into(),
    })
}

fn ack(promised: &str) -> EventBody {
    EventBody::AckSent {
        text: "Globex team - I hear you.".into(),
        promised_update_at: t(promised),
    }
}

fn update() -> EventBody {
    EventBody::UpdateSent(StatusUpdate {
        status: UpdateStatus::InProgress,
        what_happened_today: "We reproduced the sync failure.".into(),
        what_happens_next: "Bo ships the fix by Friday.".into(),
        eta: "Friday".into(),
        questions: String::new(),
        promised_update_at: None,
    })
}

fn answer(question: TriageKey, text: &str) -> EventBody {
    EventBody::TriageAnswer(TriageAnswer {
        question,
        answer: text.into(),
        cause_kind: None,
        desired_outcome: None,
        executive_level: None,
        outage_or_data_problem: None,
    })
}

fn answer_all_triage(log: &mut Log, at: &str) {
    for (key, _) in TRIAGE_QUESTIONS {
        let mut body = TriageAnswer {
            question: key,
            answer: "noted".into(),
            cause_kind: None,
            desired_outcome: None,
            executive_level: None,
            outage_or_data_problem: None,
        };
        match key {
            TriageKey::CauseKind => body.cause_kind = Some(RootCause::Configuration),
            TriageKey::DesiredOutcome => body.desired_outcome = Some(DesiredOutcome::Fix),
            _ => {}
        }
        log.add(at, EventBody::TriageAnswer(body));
    }
}

fn resolved() -> EventBody {
    EventBody::Resolved {
        root_cause: RootCause::Configuration,
        bug_link: None,
    }
}

fn closeout() -> EventBody {
    EventBody::CloseoutSent {
        text: "Issue: …".into(),
    }
}

fn step_done(step: RestorationStep) -> EventBody {
    EventBody::RestorationStepDone {
        step,
        note: String::new(),
    }
}

fn config() -> Config {
    Config::default()
}

/// (kind, due, status) of every deadline: the compact picture tests compare.
fn summary(state: &Escalation, now: &str) -> Vec<(DeadlineKind, String, DeadlineStatus)> {
    summary_with(state, now, &config())
}

fn summary_with(
    state: &Escalation,
    now: &str,
    config: &Config,
) -> Vec<(DeadlineKind, String, DeadlineStatus)> {
    deadlines(state, t(now), TZ, config)
        .into_iter()
        .map(|d| (d.kind, d.due.to_rfc3339(), d.status))
        .collect()
}

use DeadlineKind as K;
use DeadlineStatus as S;

/// Monday 2 March 2026: opened 08:00, ack 09:30 promising 15:00, triage done.
fn acknowledged_and_triaged() -> Log {
    let mut log = Log::new();
    log.add(
        "2026-03-02T08:05:00Z",
        opened("2026-03-02T08:00:00Z", "UTC"),
    );
    log.add("2026-03-02T09:30:00Z", ack("2026-03-02T15:00:00Z"));
    answer_all_triage(&mut log, "2026-03-02T09:40:00Z");
    log.add("2026-03-02T09:55:00Z", EventBody::TriageCompleted {});
    log
}

// ---------------------------------------------------------------- happy path

#[test]
fn happy_path_from_opening_to_closed() {
    let mut log = Log::new();
    log.add(
        "2026-03-02T08:05:00Z",
        opened("2026-03-02T08:00:00Z", "UTC"),
    );
    assert_eq!(log.state().stage, Stage::Acknowledge);
    assert_eq!(
        next_action(&log.state(), t("2026-03-02T08:05:00Z"), TZ, &config()).kind,
        ActionKind::SendAcknowledgment
    );

    log.add("2026-03-02T09:30:00Z", ack("2026-03-02T15:00:00Z"));
    assert_eq!(log.state().stage, Stage::Triage);
    answer_all_triage(&mut log, "2026-03-02T09:40:00Z");
    log.add("2026-03-02T09:55:00Z", EventBody::TriageCompleted {});
    assert_eq!(log.state().stage, Stage::Dri);
    assert_eq!(
        next_action(&log.state(), t("2026-03-02T09:56:00Z"), TZ, &config()).kind,
        ActionKind::AssignDri
    );

    log.add(
        "2026-03-02T10:00:00Z",
        EventBody::DriAssigned {
            name: " Ana Lima ".into(),
            role: DriRole::Csm,
        },
    );
    let state = log.state();
    assert_eq!(state.stage, Stage::Cadence);
    assert_eq!(state.dri.as_ref().unwrap().name, "Ana Lima");
    let next = next_action(&state, t("2026-03-02T10:00:00Z"), TZ, &config());
    assert_eq!(next.kind, ActionKind::SendFirstUpdate);
    assert_eq!(next.due, Some(t("2026-03-02T15:00:00Z")));
    assert_eq!(next.status, Some(S::Upcoming));

    log.add("2026-03-02T14:00:00Z", update());
    log.add("2026-03-03T13:00:00Z", update());
    log.add("2026-03-04T12:00:00Z", update());
    log.add("2026-03-04T18:00:00Z", resolved());
    assert_eq!(log.state().stage, Stage::CloseOut);
    log.add("2026-03-05T10:00:00Z", closeout());
    assert_eq!(log.state().stage, Stage::Restore);
    log.add(
        "2026-03-10T10:00:00Z",
        step_done(RestorationStep::ExecutiveRelationshipCall),
    );
    log.add(
        "2026-03-20T10:00:00Z",
        step_done(RestorationStep::HealthScoreReassessment),
    );
    log.add(
        "2026-03-30T10:00:00Z",
        step_done(RestorationStep::PreventionFollowUp),
    );
    assert_eq!(log.state().stage, Stage::Restore);
    assert_eq!(
        next_action(&log.state(), t("2026-03-30T10:00:00Z"), TZ, &config()).kind,
        ActionKind::Close
    );
    log.add("2026-03-30T11:00:00Z", EventBody::Closed {});

    let state = log.state();
    assert_eq!(state.stage, Stage::Closed);
    assert_eq!(state.closed_at, Some(t("2026-03-30T11:00:00Z")));
    let now = "2026-04-01T00:00:00Z";
    assert_eq!(
        summary(&state, now),
        vec![
            (
                K::Acknowledgment,
                "2026-03-02T10:00:00+00:00".into(),
                S::Met
            ),
            (K::Triage, "2026-03-02T10:00:00+00:00".into(), S::Met),
            (K::FirstUpdate, "2026-03-02T15:00:00+00:00".into(), S::Met),
            (K::DailyUpdate, "2026-03-03T14:00:00+00:00".into(), S::Met),
            (K::DailyUpdate, "2026-03-04T13:00:00+00:00".into(), S::Met),
            (K::Closeout, "2026-03-06T18:00:00+00:00".into(), S::Met),
            (K::Restoration, "2026-04-04T10:00:00+00:00".into(), S::Met),
            (K::Restoration, "2026-04-04T10:00:00+00:00".into(), S::Met),
            (K::Restoration, "2026-04-04T10:00:00+00:00".into(), S::Met),
        ]
    );
    assert_eq!(
        next_action(&state, t(now), TZ, &config()).kind,
        ActionKind::Nothing
    );
    assert_eq!(next_wakeup(&state, t(now), TZ, &config()), None);

    let entries = timeline(&state, t(now), TZ, &config());
    assert_eq!(entries.len(), log.events.len() + 9);
    assert_eq!(entries[0].label, "Escalation opened for Globex");
    assert!(entries.iter().any(|e| e.label == "Acknowledgment met"));
    assert_eq!(entries.last().unwrap().label, "Closed");
}

// ---------------------------------------------------------------- acknowledgment

#[test]
fn acknowledgment_statuses_and_wakeups_around_its_due_time() {
    let mut log = Log::new();
    log.add(
        "2026-03-02T08:05:00Z",
        opened("2026-03-02T08:00:00Z", "UTC"),
    );
    let state = log.state();
    let ack_status = |now: &str| summary(&state, now)[0].2;
    assert_eq!(ack_status("2026-03-02T09:00:00Z"), S::Upcoming);
    assert_eq!(ack_status("2026-03-02T09:30:00Z"), S::DueSoon);
    assert_eq!(ack_status("2026-03-02T10:00:00Z"), S::DueSoon);
    assert_eq!(ack_status("2026-03-02T10:00:01Z"), S::Overdue);
    assert_eq!(
        next_wakeup(&state, t("2026-03-02T09:00:00Z"), TZ, &config()),
        Some(t("2026-03-02T09:30:00Z"))
    );
    assert_eq!(
        next_wakeup(&state, t("2026-03-02T09:45:00Z"), TZ, &config()),
        Some(t("2026-03-02T10:00:00.001Z"))
    );
}

#[test]
fn late_acknowledgment_is_missed_for_good() {
    let mut log = Log::new();
    log.add(
        "2026-03-02T08:05:00Z",
        opened("2026-03-02T08:00:00Z", "UTC"),
    );
    log.add("2026-03-02T10:30:00Z", ack("2026-03-02T15:00:00Z"));
    let d = deadlines(&log.state(), t("2026-03-09T00:00:00Z"), TZ, &config());
    assert_eq!(d[0].kind, K::Acknowledgment);
    assert_eq!(d[0].status, S::Missed);
    assert_eq!(d[0].satisfied_at, Some(t("2026-03-02T10:30:00Z")));
    let entries = timeline(&log.state(), t("2026-03-09T00:00:00Z"), TZ, &config());
    assert!(entries.iter().any(
        |e| e.label == "Acknowledgment missed (done late)" && e.at == t("2026-03-02T10:00:00Z")
    ));
}

#[test]
fn correcting_when_the_escalation_reached_the_csm_moves_the_ack_deadline() {
    let mut log = Log::new();
    log.add(
        "2026-03-02T08:05:00Z",
        opened("2026-03-02T08:00:00Z", "UTC"),
    );
    log.add("2026-03-02T09:30:00Z", ack("2026-03-02T15:00:00Z"));
    assert_eq!(summary(&log.state(), "2026-03-02T09:31:00Z")[0].2, S::Met);
    log.add(
        "2026-03-02T09:40:00Z",
        EventBody::FactCorrected(FactCorrection {
            reached_csm_at: Some(t("2026-03-02T07:00:00Z")),
            ..FactCorrection::default()
        }),
    );
    let first = deadlines(&log.state(), t("2026-03-02T09:41:00Z"), TZ, &config())[0].clone();
    assert_eq!(first.due, t("2026-03-02T09:00:00Z"));
    assert_eq!(first.status, S::Missed);
}

#[test]
fn severity_lengthens_the_due_soon_window() {
    let mut log = Log::new();
    let mut body = opened("2026-03-02T08:00:00Z", "UTC");
    if let EventBody::Opened(o) = &mut body {
        o.arr = Some(Money {
            cents: 30_000_000,
            currency: Some("USD".into()),
            currency_assumed: false,
        });
    }
    log.add("2026-03-02T08:05:00Z", body);
    let d = deadlines(&log.state(), t("2026-03-02T09:00:00Z"), TZ, &config());
    // High severity: 150 % of 30 minutes.
    assert_eq!(d[0].due_soon_from, t("2026-03-02T09:15:00Z"));
}

// ---------------------------------------------------------------- daily cadence

#[test]
fn a_skipped_daily_update_stays_missed() {
    let mut log = acknowledged_and_triaged();
    log.add("2026-03-02T14:00:00Z", update()); // Mon, first update met
    let state = log.state();
    // Wednesday 13:00: Tuesday's update is overdue, not yet superseded.
    assert_eq!(
        summary(&state, "2026-03-04T13:00:00Z")[3..],
        [(
            K::DailyUpdate,
            "2026-03-03T14:00:00+00:00".into(),
            S::Overdue
        )]
    );
    assert_eq!(
        next_wakeup(&state, t("2026-03-04T13:00:00Z"), TZ, &config()),
        Some(t("2026-03-04T14:00:00Z"))
    );
    // Wednesday 14:00: Wednesday's update is due now; Tuesday's is missed.
    assert_eq!(
        summary(&state, "2026-03-04T14:00:00Z")[3..],
        [
            (
                K::DailyUpdate,
                "2026-03-03T14:00:00+00:00".into(),
                S::Missed
            ),
            (
                K::DailyUpdate,
                "2026-03-04T14:00:00+00:00".into(),
                S::DueSoon
            ),
        ]
    );
    assert_eq!(
        next_wakeup(&state, t("2026-03-04T14:00:00Z"), TZ, &config()),
        Some(t("2026-03-04T14:00:00.001Z"))
    );

    // The CSM writes again on Thursday morning: Wednesday's is late, Tuesday's
    // stays missed, and the clock restarts from Thursday's message.
    log.add("2026-03-05T10:00:00Z", update());
    log.add("2026-03-05T18:00:00Z", resolved());
    let later = deadlines(&log.state(), t("2026-03-20T00:00:00Z"), TZ, &config());
    let daily: Vec<_> = later
        .iter()
        .filter(|d| d.kind == K::DailyUpdate)
        .map(|d| (d.due, d.status, d.satisfied_at))
        .collect();
    assert_eq!(
        daily,
        vec![
            (t("2026-03-03T14:00:00Z"), S::Missed, None),
            (
                t("2026-03-04T14:00:00Z"),
                S::Missed,
                Some(t("2026-03-05T10:00:00Z"))
            ),
        ]
    );
    let entries = timeline(&log.state(), t("2026-03-20T00:00:00Z"), TZ, &config());
    let missed: Vec<_> = entries
        .iter()
        .filter(|e| e.label.starts_with("Daily status update missed"))
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(
        missed,
        [
            "Daily status update missed",
            "Daily status update missed (done late)"
        ]
    );
}

#[test]
fn resolution_stops_the_cadence() {
    let mut log = acknowledged_and_triaged();
    log.add("2026-03-02T14:00:00Z", update());
    log.add("2026-03-03T09:00:00Z", resolved());
    let kinds: Vec<_> = summary(&log.state(), "2026-03-10T00:00:00Z")
        .into_iter()
        .map(|(k, _, s)| (k, s))
        .collect();
    assert_eq!(
        kinds,
        [
            (K::Acknowledgment, S::Met),
            (K::Triage, S::Met),
            (K::FirstUpdate, S::Met),
            (K::Closeout, S::Overdue),
        ]
    );
}

#[test]
fn business_days_move_a_weekend_update_to_monday_across_berlin_dst_end() {
    let mut log = Log::new();
    log.add(
        "2026-10-23T06:00:00Z",
        opened("2026-10-23T06:00:00Z", "Europe/Berlin"),
    );
    log.add("2026-10-23T06:30:00Z", ack("2026-10-23T07:00:00Z"));
    log.add("2026-10-23T07:00:00Z", update()); // Friday 09:00 CEST
    let state = log.state();
    let business = Config {
        business_days: true,
        ..Config::default()
    };
    let daily = |config: &Config| {
        deadlines(&state, t("2026-10-23T08:00:00Z"), TZ, config)
            .into_iter()
            .find(|d| d.kind == K::DailyUpdate)
            .unwrap()
    };
    // Every day: Saturday 09:00 CEST.
    assert_eq!(daily(&config()).due, t("2026-10-24T07:00:00Z"));
    // Business days: Monday 09:00, which is CET after the change: 08:00 UTC.
    let monday = daily(&business);
    assert_eq!(monday.due, t("2026-10-26T08:00:00Z"));
    assert_eq!(
        monday.customer_due.local,
        date("2026-10-26").and_hms_opt(9, 0, 0).unwrap()
    );
    assert_eq!(monday.customer_due.offset_seconds, 3600);
    assert!(monday.customer_due.zone_known);
    assert_eq!(monday.status, S::Upcoming);
}

#[test]
fn business_days_across_new_york_dst_end() {
    let rules: &dyn TimeZoneRules = TZ;
    // Friday 30 Oct 13:00 UTC is 09:00 EDT; +24 h is Saturday 09:00 EDT.
    let monday = skip_weekend(rules, "America/New_York", t("2026-10-31T13:00:00Z"));
    assert_eq!(monday, t("2026-11-02T14:00:00Z")); // Monday 09:00 EST
                                                   // A Sunday moves one day; a weekday does not move.
    assert_eq!(
        skip_weekend(rules, "America/New_York", t("2026-11-01T15:00:00Z")),
        t("2026-11-02T15:00:00Z")
    );
    assert_eq!(
        skip_weekend(rules, "America/New_York", t("2026-11-02T15:00:00Z")),
        t("2026-11-02T15:00:00Z")
    );
    // Kolkata's Saturday starts at 18:30 UTC on Friday.
    assert_eq!(
        skip_weekend(rules, "Asia/Kolkata", t("2026-10-30T18:30:00Z")),
        t("2026-11-01T18:30:00Z")
    );
    assert_eq!(
        skip_weekend(rules, "Asia/Kolkata", t("2026-10-30T18:29:00Z")),
        t("2026-10-30T18:29:00Z")
    );
}

#[test]
fn unknown_zone_falls_back_to_utc_with_a_flag() {
    let local = to_local(TZ, "Mars/Olympus", t("2026-10-31T13:00:00Z"));
    assert!(!local.zone_known);
    assert_eq!(local.offset_seconds, 0);
    assert_eq!(local.local, t("2026-10-31T13:00:00Z").naive_utc());
    let kolkata = to_local(TZ, "Asia/Kolkata", t("2026-10-31T13:00:00Z"));
    assert_eq!(kolkata.offset_seconds, 19_800);
    assert!(kolkata.zone_known);
}

#[test]
fn next_wakeup_is_exactly_the_next_status_change() {
    let mut log = acknowledged_and_triaged();
    log.add("2026-03-02T14:00:00Z", update());
    let state = log.state();
    let picture = |now: DateTime<Utc>| {
        deadlines(&state, now, TZ, &config())
            .into_iter()
            .map(|d| (d.kind, d.due, d.status))
            .collect::<Vec<_>>()
    };
    let mut now = t("2026-03-02T14:00:00Z");
    let mut changes = 0;
    while let Some(wake) = next_wakeup(&state, now, TZ, &config()) {
        if wake > t("2026-03-06T00:00:00Z") {
            break;
        }
        assert!(wake > now);
        let before = wake - TimeDelta::milliseconds(1);
        if before > now {
            assert_eq!(picture(before), picture(now), "changed before {wake}");
        }
        assert_ne!(picture(wake), picture(now), "nothing changed at {wake}");
        now = wake;
        changes += 1;
    }
    // Tue 12:00 due soon, Tue 14:00.001 overdue; Wed 14:00 Tuesday missed and
    // Wednesday due, Wed 14:00.001 overdue; the same on Thursday.
    assert_eq!(changes, 6);
}

// The cadence, reopening, DRI and severity, closing and checks, and records
// live in engine/.
mod cadence;
mod closing;
mod records;
mod reopen_dri_severity;
