//! The fold cache and the worker's wake-up (`wake_keys` / `reminder_pass`),
//! driven like the service worker drives them, against a storage map. The
//! one rule: whatever the folds say (fresh, stale, corrupt, missing, from
//! another version, written before another tab appended), the plan is the
//! one decoding every event gives.

use super::*;
use chrono::TimeDelta;
use serde_json::json;
use std::collections::BTreeMap;

pub type Store = BTreeMap<String, String>;

const HOUR: i64 = 3600;

pub fn at(base: DateTime<Utc>, hours: f64) -> String {
    (base + TimeDelta::seconds((hours * HOUR as f64) as i64)).to_rfc3339()
}

pub fn put(store: &mut Store, esc: &str, n: usize, when: String, body: serde_json::Value) {
    let id = format!("{esc}.{n:02}");
    let rec = json!({ "id": id, "escalation": esc, "at": when, "body": body, "v": 1 });
    store.insert(format!("defuse:ev:{esc}:{id}"), rec.to_string());
}

/// An escalation that reached the CSM at `start`: acknowledged, triaged,
/// `updates` daily updates, and closed with its restoration steps when
/// `closed`. Returns the number of events written.
pub fn story(
    store: &mut Store,
    esc: &str,
    start: DateTime<Utc>,
    updates: usize,
    closed: bool,
) -> usize {
    let mut n = 0;
    let mut h = 0.0;
    let mut add = |store: &mut Store, step: f64, body: serde_json::Value| {
        h += step;
        put(store, esc, n, at(start, h), body);
        n += 1;
    };
    add(
        store,
        0.0,
        json!({ "type": "opened", "account": format!("Account {esc}"), "crmUrl": format!("https://acme.lightning.force.com/lightning/r/Account/{esc}/view"), "reachedCsmAt": at(start, 0.0), "customerZone": "Europe/Berlin", "csmZone": "America/New_York", "csmName": "Ana Lima" }),
    );
    add(
        store,
        0.5,
        json!({ "type": "ack-sent", "text": "We are on it.", "promisedUpdateAt": at(start, 5.0) }),
    );
    add(
        store,
        0.2,
        json!({ "type": "dri-assigned", "name": "Ana Lima", "role": "csm" }),
    );
    for k in 0..updates {
        add(
            store,
            10.0,
            json!({ "type": "update-sent", "status": "in-progress", "whatHappenedToday": format!("Day {k}"), "whatHappensNext": "More tests.", "eta": "Friday", "questions": "" }),
        );
    }
    if closed {
        add(
            store,
            2.0,
            json!({ "type": "resolved", "rootCause": "configuration" }),
        );
        add(
            store,
            24.0,
            json!({ "type": "closeout-sent", "text": "What happened and what changes." }),
        );
        for step in [
            "executive-relationship-call",
            "health-score-reassessment",
            "prevention-follow-up",
        ] {
            add(
                store,
                48.0,
                json!({ "type": "restoration-step-done", "step": step, "note": "" }),
            );
        }
        add(store, 1.0, json!({ "type": "closed" }));
    }
    n
}

/// What the worker writes after its last pass: the folds, the index, and
/// the removal of replaced or orphaned folds.
pub fn write_back(store: &mut Store, pass: &WakePass) {
    for (k, v) in &pass.folds {
        store.insert(k.clone(), v.clone());
    }
    for k in &pass.drop {
        store.remove(k);
    }
    if let Some((k, v)) = &pass.index {
        store.insert(k.clone(), v.clone());
    }
}

/// One wake-up as the worker runs it: key list, first read, passes until
/// nothing is needed, folds written and orphans removed. Returns the plan
/// and how many event records were read.
pub fn wake(store: &mut Store, now: DateTime<Utc>) -> (ReminderPlan, usize) {
    let keys: Vec<String> = store.keys().cloned().collect();
    let mut read: Vec<(String, String)> = Vec::new();
    let mut want = wake_keys(&keys, now);
    for _ in 0..4 {
        read.extend(
            want.iter()
                .filter_map(|k| store.get(k).map(|v| (k.clone(), v.clone()))),
        );
        let pass = reminder_pass(&keys, &read, now, &UtcOnly, Default::default());
        if pass.need.is_empty() {
            write_back(store, &pass);
            let events = read
                .iter()
                .filter(|(k, _)| k.starts_with("defuse:ev:"))
                .count();
            return (pass.plan, events);
        }
        want = pass.need;
    }
    panic!("the wake-up kept asking for records");
}

/// The plan from every event record, as if no fold existed.
fn cold(store: &Store, now: DateTime<Utc>) -> ReminderPlan {
    let all: Vec<(String, String)> = store.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    reminder_plan(&all, now, &UtcOnly, Default::default())
}

pub fn now0() -> DateTime<Utc> {
    t("2026-11-27T12:00:00Z")
}

/// Eight closed escalations over the last months and three open ones.
pub fn busy() -> Store {
    let mut s = Store::new();
    for i in 0..8 {
        story(
            &mut s,
            &format!("c{i}"),
            now0() - TimeDelta::days(200 - 20 * i),
            6,
            true,
        );
    }
    story(&mut s, "o1", now0() - TimeDelta::hours(30), 2, false);
    story(&mut s, "o2", now0() - TimeDelta::hours(3), 0, false);
    story(&mut s, "o3", now0() - TimeDelta::hours(80), 5, false);
    s
}

/// The fold key of `esc` (its stamp changes as it is rewritten).
fn fold_key(store: &Store, esc: &str) -> String {
    let prefix = format!("defuse:fold:{esc}:");
    let found: Vec<&String> = store.keys().filter(|k| k.starts_with(&prefix)).collect();
    assert_eq!(found.len(), 1, "one fold for {esc}: {found:?}");
    found[0].clone()
}

fn folds(store: &Store) -> usize {
    store
        .keys()
        .filter(|k| k.starts_with("defuse:fold:"))
        .count()
}

#[test]
fn a_warm_wake_up_reads_no_events_and_plans_the_same() {
    let mut s = busy();
    let (first, read_cold) = wake(&mut s, now0());
    assert_eq!(first, cold(&s, now0()));
    assert!(!first.alarms.is_empty(), "the open escalations have alarms");
    assert_eq!(folds(&s), 11);
    assert_eq!(
        read_cold,
        s.keys().filter(|k| k.starts_with("defuse:ev:")).count()
    );
    let (warm, read_warm) = wake(&mut s, now0() + TimeDelta::minutes(1));
    assert_eq!(warm, cold(&s, now0() + TimeDelta::minutes(1)));
    assert_eq!(read_warm, 0, "fresh folds: no event is decoded");
}

#[test]
fn folds_follow_time_passing_and_never_miss_a_transition() {
    let mut s = busy();
    let mut decoded = 0;
    // Every 20 minutes for four days: each wake-up equals the cold plan.
    for step in 0..(4 * 72) {
        let now = now0() + TimeDelta::minutes(20 * step);
        let (plan, read) = wake(&mut s, now);
        assert_eq!(plan, cold(&s, now), "at {now}");
        decoded += read;
    }
    // Closed escalations were decoded once; open ones only when their
    // picture changed, not at every wake-up.
    let every_time = 4 * 72 * s.keys().filter(|k| k.starts_with("defuse:ev:")).count();
    assert!(
        decoded * 10 < every_time,
        "decoded {decoded} of {every_time}"
    );
}

#[test]
fn an_append_the_fold_did_not_see_is_decoded_again() {
    let mut s = busy();
    wake(&mut s, now0());
    // Two tabs append to o2 at once; the fold was written before both.
    put(
        &mut s,
        "o2",
        10,
        at(now0(), 0.1),
        json!({ "type": "update-sent", "status": "in-progress", "whatHappenedToday": "A", "whatHappensNext": "B", "eta": "soon", "questions": "" }),
    );
    put(
        &mut s,
        "o2",
        11,
        at(now0(), 0.2),
        json!({ "type": "note", "text": "from the other tab" }),
    );
    let now = now0() + TimeDelta::minutes(15);
    let (plan, read) = wake(&mut s, now);
    assert_eq!(plan, cold(&s, now));
    assert_eq!(
        read,
        s.keys().filter(|k| k.starts_with("defuse:ev:o2:")).count()
    );
    // The rewritten fold is fresh again.
    assert_eq!(wake(&mut s, now).1, 0);
}

#[test]
fn a_record_removed_or_replaced_under_the_same_count_is_noticed() {
    let mut s = busy();
    wake(&mut s, now0());
    // Same number of keys, same greatest key: only the digest tells.
    let gone = "defuse:ev:o1:o1.03".to_string();
    let text = s.remove(&gone).unwrap_or_default();
    s.insert(
        "defuse:ev:o1:o1.015".into(),
        text.replace("o1.03", "o1.015"),
    );
    let (plan, read) = wake(&mut s, now0());
    assert_eq!(plan, cold(&s, now0()));
    assert!(read > 0);
}

#[test]
fn corrupt_foreign_and_missing_folds_fall_back_to_the_events() {
    let mut s = busy();
    wake(&mut s, now0());
    // o1: its text unreadable; o3: its text from another escalation (well
    // formed, but not what its key says); c2: gone; c3: a stamp of
    // another version.
    let o1 = fold_key(&s, "o1");
    s.insert(o1.clone(), "{not json".into());
    let o2_text = s[&fold_key(&s, "o2")].clone();
    s.insert(fold_key(&s, "o3"), o2_text);
    s.remove(&fold_key(&s, "c2"));
    let c3 = fold_key(&s, "c3");
    let text = s.remove(&c3).unwrap_or_default();
    s.insert(
        c3.replacen(":1.", &format!(":{}.", FOLD_VERSION + 1), 1),
        text,
    );
    let (plan, read) = wake(&mut s, now0());
    assert_eq!(plan, cold(&s, now0()));
    let expect = ["o1", "o3", "c2", "c3"]
        .iter()
        .map(|e| {
            s.keys()
                .filter(|k| k.starts_with(&format!("defuse:ev:{e}:")))
                .count()
        })
        .sum::<usize>();
    assert_eq!(read, expect, "only those four escalations are decoded");
    assert!(Fold::decode(&s[&fold_key(&s, "o1")]).is_some(), "rewritten");
    assert_eq!(
        folds(&s),
        11,
        "the spoiled keys were replaced, not kept beside"
    );
    assert_eq!(wake(&mut s, now0()).1, 0);
}

#[test]
fn a_warm_wake_up_reads_only_the_open_escalations_folds() {
    let mut s = busy();
    wake(&mut s, now0());
    let keys: Vec<String> = s.keys().cloned().collect();
    let want = wake_keys(&keys, now0());
    assert_eq!(want.len(), 3, "the three open folds: {want:?}");
    assert!(want.iter().all(|k| k.starts_with("defuse:fold:o")));
}

#[test]
fn stamps_read_back_and_refuse_what_they_do_not_know() {
    let mut s = busy();
    wake(&mut s, now0());
    let key = fold_key(&s, "o1");
    let Some(Key::Fold { escalation, stamp }) = Key::parse(&key) else {
        panic!("not a fold key: {key}");
    };
    assert_eq!(escalation, "o1");
    let parsed = Stamp::parse(&stamp);
    assert_eq!(
        parsed.as_ref().map(Stamp::text).as_deref(),
        Some(stamp.as_str())
    );
    let fold = Fold::decode(&s[&key]);
    assert_eq!(fold.map(|f| f.stamp()), parsed);
    for bad in [
        "",
        "1.60",
        "1.60.zz.0.o.0.1.-",
        "1.60.0123456789abcdef0123456789abcdef.2.o.0.1.-",
        "1.60.0123456789abcdef0123456789abcdef.0.o.0.1.-.extra",
    ] {
        assert_eq!(Stamp::parse(bad), None, "{bad}");
    }
}

#[test]
fn a_closed_escalation_reopened_is_reminded_again() {
    let mut s = busy();
    let (before, _) = wake(&mut s, now0());
    assert!(!before.alarms.iter().any(|a| a.escalation == "c7"));
    put(
        &mut s,
        "c7",
        40,
        at(now0(), -1.0),
        json!({ "type": "reopened", "reason": "It broke again." }),
    );
    let (after, _) = wake(&mut s, now0());
    assert_eq!(after, cold(&s, now0()));
    assert!(after.alarms.iter().any(|a| a.escalation == "c7"));
}

#[test]
fn a_settings_change_invalidates_every_deadline() {
    let mut s = busy();
    // A Friday evening: business days move the next update past the weekend.
    let friday = t("2026-11-27T20:00:00Z");
    story(&mut s, "fri", friday - TimeDelta::hours(2), 1, false);
    wake(&mut s, friday);
    s.insert(
        "defuse:settings".into(),
        r#"{"csmName":"Ana","businessDays":true}"#.into(),
    );
    let (plan, read) = wake(&mut s, friday);
    assert_eq!(plan, cold(&s, friday));
    // Every open escalation is decoded again; closed ones hold no deadline.
    let open = s
        .keys()
        .filter(|k| k.starts_with("defuse:ev:o") || k.starts_with("defuse:ev:fri:"))
        .count();
    assert_eq!(read, open);
    s.insert(
        "defuse:settings".into(),
        r#"{"csmName":"Ana","businessDays":false}"#.into(),
    );
    assert_eq!(wake(&mut s, friday).0, cold(&s, friday));
}

#[test]
fn unreadable_records_stay_counted_and_orphan_folds_are_dropped() {
    let mut s = busy();
    s.insert("defuse:ev:o1:broken".into(), "{not json".into());
    s.insert("defuse:ev:nocolon".into(), "{}".into());
    let (plan, _) = wake(&mut s, now0());
    assert_eq!(plan.unreadable, 2);
    let (warm, read) = wake(&mut s, now0());
    assert_eq!(
        warm.unreadable, 2,
        "a fold remembers its unreadable records"
    );
    assert_eq!(read, 1, "only the key that names no escalation is read");
    // An unreadable record is counted from the stamp of a closed escalation too.
    s.insert("defuse:ev:c1:broken".into(), "{not json".into());
    wake(&mut s, now0());
    assert_eq!(wake(&mut s, now0()), (cold(&s, now0()), 1));
    assert_eq!(cold(&s, now0()).unreadable, 3);
    // Every event of c0 removed: its fold goes too, and nothing reminds of it.
    s.retain(|k, _| !k.starts_with("defuse:ev:c0:"));
    wake(&mut s, now0());
    assert!(!s.keys().any(|k| k.starts_with("defuse:fold:c0:")));
    assert_eq!(folds(&s), 10);
}

#[test]
fn an_event_filed_under_another_escalation_is_never_cached_wrongly() {
    let mut s = busy();
    wake(&mut s, now0());
    // A note for o2 filed under o1's key (a broken tool, a hand edit).
    let rec = json!({ "id": "x1", "escalation": "o2", "at": at(now0(), -0.1), "body": { "type": "ack-sent", "text": "again", "promisedUpdateAt": at(now0(), 1.0) }, "v": 1 });
    s.insert("defuse:ev:o1:x1".into(), rec.to_string());
    for minutes in [0, 5] {
        let now = now0() + TimeDelta::minutes(minutes);
        assert_eq!(wake(&mut s, now).0, cold(&s, now));
    }
}

#[test]
fn fold_keys_are_not_events() {
    assert!(!affects_reminders("defuse:fold:o1:1.2"));
    let mut s = busy();
    wake(&mut s, now0());
    // A workspace read from storage (the panel's cold path) ignores folds.
    let all: Vec<(String, String)> = s.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let ws = workspace(&all);
    assert!(ws.quarantined.is_empty());
    assert!(export_json(&ws.all_events(), now0())
        .find("defuse:fold")
        .is_none());
}
