//! Reading the workspace lazily. At start the panel reads settings, drafts,
//! one fold per escalation (enough for the list and for matching the page)
//! and the events of escalations without a fresh fold; the events of an
//! escalation known by its fold are read when it is shown (or offered), or
//! when its fold no longer holds; everything is read before an export or an
//! import, which need every event. A 500-escalation workspace then opens
//! like a small one, and holds only what is on screen.

use super::{AfterLoad, Effect, Model};
use crate::sort_map::Set;
use crate::workspace::{Fold, Index, Key, Settings, Workspace};
use chrono::{DateTime, Utc};

/// The records read at start (`Msg::Loaded`).
pub(super) fn first(model: &mut Model, records: Vec<(String, String)>) {
    let mut events = Vec::new();
    let mut folds = Vec::new();
    // Gathered, then added with one sort: `drafts` is a sorted Vec, where
    // inserting keys one by one in storage's order could shift it each time.
    let mut drafts = Vec::new();
    for (key, value) in records {
        match Key::parse(&key) {
            Some(Key::Draft { .. }) => drafts.push((key, value)),
            Some(Key::Settings) => model.settings = Settings::parse(&value),
            Some(Key::Event { .. }) => events.push((key, value)),
            Some(Key::Fold { escalation, .. }) => folds.push((escalation, value)),
            None => {}
        }
    }
    model.drafts.extend(drafts);
    model.ws = Workspace::from_records(events.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    for (escalation, text) in folds {
        add_fold_text(model, escalation, &text);
    }
    model.loaded = true;
}

/// A stored fold for an escalation not read yet; an unreadable one has the
/// escalation read whole instead.
fn add_fold_text(model: &mut Model, escalation: String, text: &str) {
    match Fold::decode(text) {
        Some(f) => model.ws.add_fold(&escalation, f),
        None => model.must_read.push(escalation),
    }
}

/// The first read from the fold index (`Msg::Indexed`): settings, and a
/// fold per escalation the index holds; the key list is read next.
pub(super) fn indexed(model: &mut Model, records: Vec<(String, String)>, index: &Index) {
    first(model, records);
    for (escalation, _, fold) in index.entries() {
        model.ws.add_fold(&escalation, fold.clone());
    }
    model.reconciling = true;
}

/// The key list's answer after the index (`Msg::Reconciled`): a fold whose
/// key storage no longer picks is dropped (its escalation changed, was
/// removed, or its fold went stale), and what storage holds instead is
/// added. Drafts fill only fields not typed meanwhile; escalations read
/// meanwhile stay as read.
pub(super) fn reconcile(model: &mut Model, keep: &[String], records: Vec<(String, String)>) {
    model.reconciling = false;
    let keep: Set<&str> = keep.iter().map(String::as_str).collect();
    for id in model.ws.unloaded() {
        let kept = model
            .ws
            .fold_of(&id)
            .is_some_and(|f| keep.contains(f.key(&id).as_str()));
        if !kept {
            model.ws.forget_fold(&id);
        }
    }
    let mut events = Vec::new();
    let mut drafts = Vec::new();
    for (key, value) in records {
        match Key::parse(&key) {
            // Only where absent: a filter, then one bulk add (see `first`).
            Some(Key::Draft { .. }) if !model.drafts.contains_key(&key) => {
                drafts.push((key, value))
            }
            Some(Key::Draft { .. }) => {}
            Some(Key::Event { .. }) => events.push((key, value)),
            Some(Key::Fold { escalation, .. }) => add_fold_text(model, escalation, &value),
            Some(Key::Settings) | None => {}
        }
    }
    // `extend` keeps the last of equal keys, `or_insert` kept the first.
    drafts.reverse();
    model.drafts.extend(drafts);
    add_records(model, &events);
}

/// Events read for `escalation` (every escalation when `None`): the
/// escalation is loaded from now on, whatever its records held.
pub(super) fn read(
    model: &mut Model,
    escalation: Option<String>,
    records: Vec<(String, String)>,
    now: DateTime<Utc>,
) -> Vec<Effect> {
    add_records(model, &records);
    match &escalation {
        Some(id) => {
            model.ws.forget_fold(id);
            model.loading.remove(id);
        }
        None => {
            for id in model.ws.unloaded() {
                model.ws.forget_fold(&id);
            }
            model.loading.clear();
            model.loading_all = false;
        }
    }
    if model.ws.unloaded().is_empty() {
        if let Some(after) = model.after_load.take() {
            return match after {
                AfterLoad::Export => super::flow::export(model, now),
                AfterLoad::Import(text) => super::commands::import(model, &text),
            };
        }
    }
    vec![]
}

/// Decodes event records into the workspace, their unreadable ones into
/// the quarantine (once each).
pub(super) fn add_records(model: &mut Model, records: &[(String, String)]) {
    let other = Workspace::from_records(records.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    model.ws.add_all(&other.all_events());
    for q in other.quarantined {
        if !model.ws.quarantined.iter().any(|x| x.key == q.key) {
            model.ws.quarantined.push(q);
        }
    }
}

/// Event records another tab wrote: added to loaded escalations; an
/// escalation known by its fold is read whole instead (a fold plus a few
/// events is no log).
pub(super) fn changed_events(model: &mut Model, records: Vec<(String, String)>) {
    let (now_known, later): (Vec<_>, Vec<_>) =
        records.into_iter().partition(|(k, _)| match Key::parse(k) {
            Some(Key::Event { escalation, .. }) => model.ws.is_loaded(&escalation),
            _ => true,
        });
    for (k, _) in later {
        if let Some(Key::Event { escalation, .. }) = Key::parse(&k) {
            model.must_read.push(escalation);
        }
    }
    add_records(model, &now_known);
}

/// A fold another writer (the worker) stored: it replaces the one an
/// escalation not loaded is known by.
pub(super) fn changed_fold(model: &mut Model, escalation: &str, text: Option<String>) {
    if model.ws.is_loaded(escalation) {
        return;
    }
    if let Some(f) = text.as_deref().and_then(Fold::decode) {
        model.ws.add_fold(escalation, f);
    }
}

/// The reads the model needs now: the escalation shown or offered, folds
/// that no longer hold (their time passed, or other settings), unreadable
/// folds and escalations another tab wrote to.
pub(super) fn needed(model: &mut Model, now: DateTime<Utc>) -> Vec<Effect> {
    if !model.loaded {
        return vec![];
    }
    let mut want: Vec<String> = std::mem::take(&mut model.must_read);
    for id in [&model.current, &model.bind_offer].into_iter().flatten() {
        if !model.ws.is_loaded(id) {
            want.push(id.clone());
        }
    }
    let business_days = model.settings.business_days;
    for id in model.ws.unloaded() {
        let stale = model.ws.fold_of(&id).is_some_and(|f| {
            !f.is_quiet()
                && (f.business_days != business_days
                    || f.folded_at > now
                    || f.valid_until.is_some_and(|u| now >= u))
        });
        if stale {
            want.push(id);
        }
    }
    let mut fx = Vec::new();
    for id in want {
        if model.loading_all || model.loading.contains(&id) {
            continue;
        }
        model.loading.insert(id.clone());
        fx.push(Effect::Load {
            escalation: Some(id),
        });
    }
    fx
}

/// Runs `after` once every escalation is loaded: now when it is, else
/// after reading everything (the effects returned).
pub(super) fn with_everything(
    model: &mut Model,
    after: AfterLoad,
) -> Result<AfterLoad, Vec<Effect>> {
    if model.ws.unloaded().is_empty() {
        return Ok(after);
    }
    model.after_load = Some(after);
    if model.loading_all {
        return Err(vec![]);
    }
    model.loading_all = true;
    Err(vec![Effect::Load { escalation: None }])
}
