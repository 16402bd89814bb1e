//! Scale probe: a busy CSM's year (500 escalations × 60 events) stored as
//! one record per event, timed through what the service worker runs
//! (`reminder_plan`) and its phases. Native release numbers only; the
//! ratio to one escalation is what matters.
//!
//! `cargo run --release --example scale_probe`

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use defuse::engine::{
    encode_record, storage_key, DriRole, Event, EventBody, Opened, StatusUpdate, TriageAnswer,
    UpdateStatus, UtcOnly, TRIAGE_QUESTIONS,
};
use defuse::messages::TimeStyle;
use defuse::workspace::{reminder_pass, reminder_plan, wake_keys, Workspace};
use std::time::Instant;

const EVENTS: usize = 60;

fn escalation(n: usize, start: DateTime<Utc>) -> Vec<Event> {
    let id = format!("esc-{n:04}");
    let opened_at = start + TimeDelta::hours(17 * n as i64);
    let mut at = opened_at;
    let mut seq = 0usize;
    let mut out = Vec::new();
    let mut push = |at: DateTime<Utc>, body: EventBody| {
        seq += 1;
        out.push(Event {
            id: format!("{n:04}-{seq:03}-x{}", (n * 7919 + seq * 104_729) % 99_991),
            escalation: id.clone(),
            at,
            body,
        });
    };
    push(
        at,
        EventBody::Opened(Opened {
            account: format!("Account {n}"),
            arr: None,
            renewal: None,
            crm_url: Some(format!(
                "https://example.lightning.force.com/r/Account/{n}/view"
            )),
            reached_csm_at: at - TimeDelta::minutes(20),
            customer_zone: "UTC".into(),
            csm_zone: "UTC".into(),
            csm_name: "Sam Rivera".into(),
        }),
    );
    at += TimeDelta::minutes(30);
    push(
        at,
        EventBody::AckSent {
            text: "We have it and are on it; next update by 5 pm.".into(),
            promised_update_at: at + TimeDelta::hours(6),
        },
    );
    for (key, _) in TRIAGE_QUESTIONS.iter() {
        at += TimeDelta::minutes(5);
        push(
            at,
            EventBody::TriageAnswer(TriageAnswer {
                question: *key,
                answer: "An answer of ordinary length about the customer's problem.".into(),
                cause_kind: None,
                desired_outcome: None,
                executive_level: None,
                outage_or_data_problem: None,
            }),
        );
    }
    at += TimeDelta::minutes(5);
    push(at, EventBody::TriageCompleted {});
    push(
        at,
        EventBody::DriAssigned {
            name: "Sam Rivera".into(),
            role: DriRole::Csm,
        },
    );
    for i in 1..=EVENTS.saturating_sub(4 + TRIAGE_QUESTIONS.len()) {
        at += TimeDelta::hours(if i % 3 == 0 { 5 } else { 20 });
        if i % 4 == 0 {
            push(
                at,
                EventBody::Note {
                    text: format!("Call with the customer's admin, round {i}."),
                },
            );
        } else {
            push(
                at,
                EventBody::UpdateSent(StatusUpdate {
                    status: UpdateStatus::InProgress,
                    what_happened_today: format!("Engineering reproduced the fault, day {i}."),
                    what_happens_next: "A fix goes to staging and we verify it with you.".into(),
                    eta: "Thursday".into(),
                    questions: String::new(),
                    promised_update_at: Some(at + TimeDelta::hours(24)),
                }),
            );
        }
    }
    out
}

fn records(count: usize) -> (Vec<(String, String)>, DateTime<Utc>) {
    let start = Utc
        .with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut out: Vec<(String, String)> = (0..count)
        .flat_map(|n| escalation(n, start))
        .map(|e| (storage_key(&e), encode_record(&e)))
        .collect();
    // Storage hands keys back in its own order, not per escalation.
    out.sort();
    out.push((
        "defuse:settings".into(),
        r#"{"csmName":"Sam Rivera","businessDays":false}"#.into(),
    ));
    let now = start + TimeDelta::hours(17 * count as i64 + 48);
    (out, now)
}

fn best_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    best
}

fn main() {
    let mut figures = Vec::new();
    for count in [1usize, 500] {
        let (recs, now) = records(count);
        let runs = if count == 1 { 300 } else { 9 };
        let pairs = || recs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let load = best_ms(runs, || Workspace::from_records(pairs()));
        let ws = Workspace::from_records(pairs());
        let fold = best_ms(runs, || ws.escalations());
        let plan = best_ms(runs, || {
            reminder_plan(&recs, now, &UtcOnly, TimeStyle::default())
        });
        let p = reminder_plan(&recs, now, &UtcOnly, TimeStyle::default());
        println!(
            "{count:>4} escalations, {:>6} records: from_records {load:8.3} ms, \
             escalations() {fold:8.3} ms, reminder_plan {plan:8.3} ms \
             ({} alarms, badge {})",
            recs.len(),
            p.alarms.len(),
            p.badge
        );
        // The worker's wake-up: cold (no folds), then warm (folds stored).
        let keys: Vec<String> = recs.iter().map(|(k, _)| k.clone()).collect();
        let cold = best_ms(runs.min(3), || {
            reminder_pass(&keys, &recs, now, &UtcOnly, TimeStyle::default())
        });
        let pass = reminder_pass(&keys, &recs, now, &UtcOnly, TimeStyle::default());
        let mut stored = recs.clone();
        stored.extend(pass.folds.iter().cloned());
        let all_keys: Vec<String> = stored.iter().map(|(k, _)| k.clone()).collect();
        let want = wake_keys(&all_keys, now);
        let first: Vec<(String, String)> = stored
            .iter()
            .filter(|(k, _)| want.contains(k))
            .cloned()
            .collect();
        let warm = best_ms(runs, || {
            reminder_pass(&all_keys, &first, now, &UtcOnly, TimeStyle::default())
        });
        let wp = reminder_pass(&all_keys, &first, now, &UtcOnly, TimeStyle::default());
        let wk = best_ms(runs, || wake_keys(&all_keys, now));
        println!("      warm wake_keys {wk:.3} ms");
        println!(
            "      wake-up: cold pass {cold:8.3} ms, warm pass {warm:8.3} ms \
             ({} records read, need {}, same plan: {})",
            first.len(),
            wp.need.len(),
            wp.plan == p
        );
        figures.push(plan);
    }
    if let [one, many] = figures[..] {
        println!("reminder_plan 500 / 1 = {:.0}x", many / one);
    }
}
