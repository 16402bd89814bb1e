//! The service worker's wake-up, decided here so the worker stays a mover:
//! from the storage key list ([`wake_keys`]) it learns which records to read
//! (settings, every fold, the events of escalations without a fold), and
//! [`reminder_pass`] answers the reminder plan, the event keys it still
//! needs (folds that turned out stale), the folds to write back and the
//! orphan folds to remove. Closed escalations with a fresh fold cost one
//! small record; nothing is read twice.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::fold::{Fold, Source};
use super::keys::{self, Key, Settings};
use super::plan::{plan_from_folds, ReminderPlan};
use super::{Quarantined, Workspace};
use crate::engine::{decode_record, Config, RecordError, TimeZoneRules};
use crate::messages::TimeStyle;

/// One pass of the worker's wake-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WakePass {
    /// The plan from what was read (complete when `need` is empty).
    pub plan: ReminderPlan,
    /// Keys to read before the plan is complete: the events of escalations
    /// whose fold is stale or unreadable. Read them and pass again.
    pub need: Vec<String>,
    /// Folds to store: `[key, text]`, rebuilt from events just decoded.
    pub folds: Vec<(String, String)>,
    /// Fold keys of escalations that no longer have events.
    pub drop: Vec<String>,
}

/// The escalations' event keys in a storage key list, by the escalation
/// their key names; `loose` holds event-prefixed keys that name none.
struct Layout<'a> {
    groups: BTreeMap<&'a str, Vec<&'a str>>,
    loose: Vec<&'a str>,
    folds: BTreeMap<&'a str, &'a str>,
}

fn layout(keys: &[String]) -> Layout<'_> {
    let mut l = Layout {
        groups: BTreeMap::new(),
        loose: Vec::new(),
        folds: BTreeMap::new(),
    };
    for key in keys {
        if let Some(rest) = key.strip_prefix(keys::EVENT_PREFIX) {
            match rest.split_once(':') {
                Some((esc, id)) if !esc.is_empty() && !id.is_empty() => {
                    l.groups.entry(esc).or_default().push(key)
                }
                _ => l.loose.push(key),
            }
        } else if let Some(esc) = key.strip_prefix(keys::FOLD_PREFIX) {
            if matches!(Key::parse(key), Some(Key::Fold { .. })) {
                l.folds.insert(esc, key);
            }
        }
    }
    l
}

/// What to read first at a wake-up, given every key in storage: the
/// settings, every fold, the events of escalations without a fold, and
/// event keys that name no escalation.
pub fn wake_keys(keys: &[String]) -> Vec<String> {
    let l = layout(keys);
    let mut out: Vec<String> = Vec::new();
    if keys.iter().any(|k| k == keys::SETTINGS) {
        out.push(keys::SETTINGS.to_string());
    }
    out.extend(l.folds.values().map(|k| k.to_string()));
    for (esc, group) in &l.groups {
        if !l.folds.contains_key(esc) {
            out.extend(group.iter().map(|k| k.to_string()));
        }
    }
    out.extend(l.loose.iter().map(|k| k.to_string()));
    out
}

/// The reminder plan from the key list (`keys`: every key in storage) and
/// the records read so far. Records missing from `records` are asked for in
/// `need`; when they stay missing (removed meanwhile) the plan goes without
/// them. The plan is the same as decoding every event would give.
pub fn reminder_pass(
    keys: &[String],
    records: &[(String, String)],
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    style: TimeStyle,
) -> WakePass {
    let l = layout(keys);
    let text: BTreeMap<&str, &str> = records
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let business_days = text
        .get(keys::SETTINGS)
        .is_some_and(|v| Settings::parse(v).business_days);
    let config = Config {
        business_days,
        ..Config::default()
    };

    // Fresh folds are used as they are; every other escalation is decoded.
    let mut fresh: BTreeMap<&str, Fold> = BTreeMap::new();
    let mut decode: BTreeSet<&str> = BTreeSet::new();
    for (esc, group) in &l.groups {
        let source = Source::of(group.iter().copied());
        let fold = l
            .folds
            .get(esc)
            .and_then(|k| text.get(k))
            .and_then(|t| Fold::decode(t))
            .filter(|f| f.is_fresh(&source, business_days, now));
        match fold {
            Some(f) => {
                fresh.insert(esc, f);
            }
            None => {
                decode.insert(esc);
            }
        }
    }

    // Decode; an event filed under another escalation's key (written by
    // hand or by a broken tool) makes both escalations uncacheable, and the
    // one it names is decoded too. Repeats until nothing new is named.
    let mut tainted: BTreeSet<String> = BTreeSet::new();
    let mut ws;
    loop {
        let mut batch: Vec<(&str, &str)> = Vec::new();
        for esc in &decode {
            for k in l.groups.get(esc).into_iter().flatten() {
                if let Some(t) = text.get(k) {
                    batch.push((k, t));
                }
            }
        }
        for k in &l.loose {
            if let Some(t) = text.get(k) {
                batch.push((k, t));
            }
        }
        ws = Workspace::default();
        let mut events = Vec::new();
        for (key, t) in &batch {
            match decode_record(t) {
                Ok(e) => {
                    let filed = key_escalation(key);
                    if Some(e.escalation.as_str()) != filed {
                        tainted.insert(e.escalation.clone());
                        tainted.extend(filed.map(str::to_string));
                    }
                    events.push(e);
                }
                Err(e) => ws.quarantined.push(Quarantined {
                    key: key.to_string(),
                    newer_version: matches!(e, RecordError::NewerVersion { .. }),
                    problem: e.to_string(),
                }),
            }
        }
        ws.add_all(&events);
        let mut more = false;
        for t in &tainted {
            if let Some((esc, _)) = l.groups.get_key_value(t.as_str()) {
                fresh.remove(esc);
                more |= decode.insert(esc);
            }
        }
        if !more {
            break;
        }
    }

    let mut need: Vec<String> = Vec::new();
    let mut folds_out: Vec<(String, String)> = Vec::new();
    let mut built: Vec<Fold> = Vec::new();
    let mut loose_unreadable = 0;
    let mut by_group: BTreeMap<String, Vec<Quarantined>> = BTreeMap::new();
    for q in &ws.quarantined {
        match key_escalation(&q.key).filter(|e| l.groups.contains_key(e)) {
            Some(esc) => by_group.entry(esc.to_string()).or_default().push(q.clone()),
            None => loose_unreadable += 1,
        }
    }
    for esc in &decode {
        let group = l.groups.get(esc).map(Vec::as_slice).unwrap_or(&[]);
        let missing: Vec<String> = group
            .iter()
            .filter(|k| !text.contains_key(*k))
            .map(|k| k.to_string())
            .collect();
        let complete = missing.is_empty();
        need.extend(missing);
        let state = ws.escalation(esc);
        let unreadable = by_group.remove(*esc).unwrap_or_default();
        let fold = Fold::build(
            &state,
            Source::of(group.iter().copied().filter(|k| text.contains_key(k))),
            unreadable,
            now,
            rules,
            &config,
        );
        if complete && !tainted.contains(*esc) {
            folds_out.push((keys::fold(esc), fold.encode()));
        }
        built.push(fold);
    }
    // Escalations named only by events filed under other keys.
    for esc in &tainted {
        if !l.groups.contains_key(esc.as_str()) {
            let state = ws.escalation(esc);
            built.push(Fold::build(
                &state,
                Source::of([]),
                Vec::new(),
                now,
                rules,
                &config,
            ));
        }
    }
    need.extend(
        l.loose
            .iter()
            .filter(|k| !text.contains_key(*k))
            .map(|k| k.to_string()),
    );

    let unreadable = fresh.values().map(|f| f.unreadable.len()).sum::<usize>()
        + built.iter().map(|f| f.unreadable.len()).sum::<usize>()
        + loose_unreadable;
    let plan = plan_from_folds(fresh.values().chain(built.iter()), unreadable, now, style);
    let drop = l
        .folds
        .iter()
        .filter(|(esc, _)| !l.groups.contains_key(*esc))
        .map(|(_, k)| k.to_string())
        .collect();
    WakePass {
        plan,
        need,
        folds: folds_out,
        drop,
    }
}

/// The escalation an event key is filed under.
fn key_escalation(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(keys::EVENT_PREFIX)?;
    let (esc, id) = rest.split_once(':')?;
    (!esc.is_empty() && !id.is_empty()).then_some(esc)
}
