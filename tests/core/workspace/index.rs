//! The fold index (`defuse:index`): written by the worker's wake-up when
//! folds change or it is missing, patched from the index stored before,
//! never an event (not exported, not imported, no re-arm), and ignored
//! when it cannot be read.

use super::fold::{busy, now0, put, wake, write_back, Store};
use super::*;
use chrono::TimeDelta;
use serde_json::json;

fn index_of(store: &Store) -> Option<Index> {
    store.get(INDEX).and_then(|t| Index::decode(t))
}

/// The index's keys are exactly the fold keys in storage.
fn matches_folds(store: &Store) -> bool {
    let Some(index) = index_of(store) else {
        return false;
    };
    let mut held: Vec<&str> = index.folds.iter().map(|(k, _)| k.as_str()).collect();
    held.sort_unstable();
    let stored: Vec<&str> = store
        .keys()
        .filter(|k| k.starts_with("defuse:fold:"))
        .map(String::as_str)
        .collect();
    held == stored
        && index
            .folds
            .iter()
            .all(|(k, f)| store.get(k).and_then(|t| Fold::decode(t)).as_ref() == Some(f))
}

#[test]
fn the_first_wake_up_writes_the_index_and_a_quiet_one_leaves_it() {
    let mut s = busy();
    wake(&mut s, now0());
    assert!(matches_folds(&s));
    assert_eq!(index_of(&s).map(|i| i.folds.len()), Some(11));
    // Nothing changed: the index is neither read nor written.
    let keys: Vec<String> = s.keys().cloned().collect();
    let first: Vec<(String, String)> = wake_keys(&keys, now0())
        .into_iter()
        .filter_map(|k| s.get(&k).map(|v| (k.clone(), v.clone())))
        .collect();
    assert!(!first.iter().any(|(k, _)| k == INDEX));
    let pass = reminder_pass(&keys, &first, now0(), &UtcOnly, Default::default());
    assert_eq!(pass.index, None);
    assert!(pass.need.is_empty());
}

#[test]
fn an_append_rewrites_the_index_from_the_one_stored_before() {
    let mut s = busy();
    wake(&mut s, now0());
    let later = now0() + TimeDelta::minutes(5);
    put(
        &mut s,
        "c2",
        60,
        later.to_rfc3339(),
        json!({ "type": "reopened", "reason": "Broken again." }),
    );
    let keys: Vec<String> = s.keys().cloned().collect();
    let read: Vec<(String, String)> = wake_keys(&keys, later)
        .into_iter()
        .filter_map(|k| s.get(&k).map(|v| (k.clone(), v.clone())))
        .collect();
    let pass = reminder_pass(&keys, &read, later, &UtcOnly, Default::default());
    assert_eq!(pass.need, vec![INDEX.to_string()], "the old index, once");
    wake(&mut s, later);
    assert!(matches_folds(&s));
}

#[test]
fn a_corrupt_or_foreign_index_is_ignored_and_rebuilt_at_the_next_change() {
    for bad in [
        "{broken".to_string(),
        json!({ "v": 99, "folds": [] }).to_string(),
        json!({ "v": INDEX_VERSION, "folds": [["defuse:ev:c1:x", {}]] }).to_string(),
        json!({ "v": INDEX_VERSION, "folds": [["defuse:settings", {}]] }).to_string(),
    ] {
        assert_eq!(Index::decode(&bad), None, "{bad}");
        let mut s = busy();
        wake(&mut s, now0());
        s.insert(INDEX.to_string(), bad.clone());
        let later = now0() + TimeDelta::minutes(5);
        put(
            &mut s,
            "o1",
            60,
            later.to_rfc3339(),
            json!({ "type": "note", "text": "Called back." }),
        );
        // The closed escalations' folds are read from their own records.
        wake(&mut s, later);
        assert!(matches_folds(&s), "{bad}");
    }
}

#[test]
fn a_missing_index_is_rebuilt_even_when_nothing_changed() {
    let mut s = busy();
    wake(&mut s, now0());
    s.remove(INDEX);
    let (plan, events) = wake(&mut s, now0());
    assert_eq!(events, 0, "from folds alone");
    assert!(matches_folds(&s));
    assert_eq!(plan, {
        let all: Vec<(String, String)> = busy().into_iter().collect();
        reminder_plan(&all, now0(), &UtcOnly, Default::default())
    });
}

#[test]
fn no_escalation_no_index() {
    let mut s = Store::new();
    s.insert(INDEX.to_string(), Index::new(vec![]).encode());
    s.insert(keys::SETTINGS.to_string(), "{}".into());
    let keys: Vec<String> = s.keys().cloned().collect();
    let pass = reminder_pass(&keys, &[], now0(), &UtcOnly, Default::default());
    assert_eq!(pass.drop, vec![INDEX.to_string()]);
    assert_eq!(pass.index, None);
}

#[test]
fn the_index_is_no_event_export_and_import_ignore_it_and_it_arms_nothing() {
    let mut s = busy();
    wake(&mut s, now0());
    assert!(!affects_reminders(INDEX));
    let all: Vec<(&str, &str)> = s.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let ws = Workspace::from_records(all.iter().copied());
    assert!(ws.quarantined.is_empty(), "{:?}", ws.quarantined);
    let file = export_json(&ws.all_events(), now0());
    assert!(!file.contains("defuse:index") && !file.contains("\"folds\""));
    // A file carrying an index as a record: the record is skipped, the
    // events are imported.
    let mut doc: serde_json::Value = serde_json::from_str(&file).unwrap_or_default();
    if let Some(records) = doc.get_mut("records").and_then(|r| r.as_array_mut()) {
        records.push(json!({ "v": INDEX_VERSION, "folds": [] }));
    }
    let Ok((events, skipped)) = import_json(&doc.to_string()) else {
        panic!("the file was refused");
    };
    assert_eq!(skipped, 1);
    assert_eq!(events.len(), ws.all_events().len());
}

/// One wake-up as the worker runs it when a panel asked for the index
/// (`panel-to-worker:rearm` with `reindex`): `WakeUp::rebuild_index`, then
/// passes until nothing is needed. Returns how many passes it took.
fn wake_rebuilding(store: &mut Store, now: DateTime<Utc>) -> usize {
    let keys: Vec<String> = store.keys().cloned().collect();
    let mut w = WakeUp::from_keys(&keys);
    w.rebuild_index();
    let mut read: Vec<(String, String)> = Vec::new();
    let mut want = w.first_keys(now);
    for n in 1..=4 {
        read.extend(
            want.iter()
                .filter_map(|k| store.get(k).map(|v| (k.clone(), v.clone()))),
        );
        let pass = w.pass(&read, now, &UtcOnly, Default::default());
        if pass.need.is_empty() {
            write_back(store, &pass);
            return n;
        }
        want = pass.need;
    }
    panic!("the wake-up kept asking for records");
}

/// What the panel's reconcile sees: the index's fold keys and what the key
/// list says it needs.
fn behind(store: &Store, index: &Index) -> bool {
    let keys: Vec<String> = store.keys().cloned().collect();
    let want = WakeUp::from_keys(&keys).panel_keys(now0());
    let held = index.folds.iter().map(|(k, _)| k.clone()).collect();
    index_behind(&held, &want)
}

#[test]
fn an_unusable_index_stays_through_a_quiet_wake_up_but_heals_when_the_panel_asks() {
    for bad in [
        "{broken".to_string(),
        json!({ "v": 99, "folds": [] }).to_string(),
        json!({ "v": INDEX_VERSION, "folds": [["defuse:ev:c1:x", {}]] }).to_string(),
    ] {
        let mut s = busy();
        wake(&mut s, now0());
        s.insert(INDEX.to_string(), bad.clone());
        // Nothing changed: an ordinary wake-up leaves it (it reads no index).
        let (plan, events) = wake(&mut s, now0());
        assert_eq!(s.get(INDEX), Some(&bad));
        assert_eq!(events, 0);
        // The panel finds it unusable and asks: the next wake-up rewrites it
        // from the folds (no event read), and the plan is unchanged.
        let before: Vec<String> = s
            .keys()
            .filter(|k| k.starts_with("defuse:ev:"))
            .cloned()
            .collect();
        assert_eq!(
            wake_rebuilding(&mut s, now0()),
            2,
            "{bad}: the folds, then the index"
        );
        assert!(matches_folds(&s), "{bad}");
        let after: Vec<String> = s
            .keys()
            .filter(|k| k.starts_with("defuse:ev:"))
            .cloned()
            .collect();
        assert_eq!(before, after, "no event touched");
        assert_eq!(wake(&mut s, now0()).0, plan);
    }
}

#[test]
fn an_index_behind_storage_is_seen_by_the_panel_and_rebuilt() {
    let mut s = busy();
    wake(&mut s, now0());
    let Some(fresh) = index_of(&s) else {
        panic!("no index after a wake-up");
    };
    assert!(!behind(&s, &fresh), "a fresh index is not behind");
    // An escalation's fold missing from the index (its write failed).
    let mut short = fresh.clone();
    short.folds.pop();
    assert!(behind(&s, &short));
    // An entry for a fold that storage no longer holds.
    let mut extra = fresh.clone();
    if let Some((k, f)) = fresh.folds.first() {
        extra.folds.push((format!("{k}0"), f.clone()));
    }
    assert!(behind(&s, &extra));
    for stale in [short, extra] {
        s.insert(INDEX.to_string(), stale.encode());
        wake(&mut s, now0());
        assert!(!matches_folds(&s), "a quiet wake-up leaves it behind");
        wake_rebuilding(&mut s, now0());
        assert!(matches_folds(&s));
        assert_eq!(index_of(&s).as_ref(), Some(&fresh));
    }
}

#[test]
fn asked_with_no_escalation_left_the_index_goes() {
    let mut s = Store::new();
    s.insert(INDEX.to_string(), "{broken".into());
    wake_rebuilding(&mut s, now0());
    assert_eq!(s.get(INDEX), None);
}
