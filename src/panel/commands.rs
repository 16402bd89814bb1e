//! What each message does to the model: storage arriving, typing, and every
//! button. Events are checked by the engine before they are appended; a
//! refusal becomes a notice or an error beside the field, never a lost click.

use super::form::{self, escalation, key_of, typed};
use super::{prefix, Action, Effect, Field, ImportProgress, Model, Msg, Notice, Rules, Zones};
use crate::account::{self, zone::page_zone};
use crate::case::Lowercase;
use crate::coach::coach_draft;
use crate::drafting::{self};
use crate::engine::{self, Escalation, Event, EventBody, Stage};
use crate::messages::{Message, MessageKind};
use crate::workspace::{import_plan, Entry, Key, Settings};
use chrono::{DateTime, Utc};

/// Own draft writes remembered per key (to recognise a late storage echo).
const OWN_WRITES_KEPT: usize = 16;

/// The step the panel shows, if an escalation is shown.
pub fn shown_stage(model: &Model) -> Option<Stage> {
    let state = escalation(model)?;
    Some(model.view.unwrap_or(match state.stage {
        Stage::Closed => Stage::Restore,
        s => s,
    }))
}

pub fn handle(model: &mut Model, msg: Msg, now: DateTime<Utc>, zones: &dyn Zones) -> Vec<Effect> {
    match msg {
        Msg::Loaded { records } => {
            super::load::first(model, records);
            follow_page(model);
            vec![]
        }
        Msg::Read {
            escalation,
            records,
        } => {
            let fx = super::load::read(model, escalation, records, now);
            if model.current.is_none() && !model.pinned {
                follow_page(model);
            }
            fx
        }
        Msg::Indexed { records, index } => {
            super::load::indexed(model, records, &index);
            follow_page(model);
            vec![]
        }
        Msg::Reconciled { keep, records } => {
            super::load::reconcile(model, &keep, records);
            if model.current.is_none() && !model.pinned {
                follow_page(model);
            }
            vec![]
        }
        Msg::LoadFailed(e) => {
            model.loaded = true;
            model.reconciling = false;
            set_notice(model, format!("Could not read saved escalations: {e}. Nothing was deleted; reload the panel to try again."), true, None);
            vec![]
        }
        Msg::Snapshot(snapshot) => {
            let snapshot = snapshot.validate();
            model.facts = account::extract(&snapshot);
            model.page_zone = page_zone(&snapshot, &|z| zones.knows(z, now));
            model.snapshot = Some(snapshot);
            model.page_problem = None;
            follow_page(model);
            vec![]
        }
        Msg::PageProblem(p) => {
            model.page_problem = Some(p);
            vec![]
        }
        Msg::StorageChanged(changes) => {
            storage_changed(model, changes);
            vec![]
        }
        Msg::Stored { key, error } => {
            stored(model, key, error);
            vec![]
        }
        Msg::Input { field, value } => {
            model.errors.remove(&field.key());
            if matches!(field, Field::Body(_)) {
                model.confirm = None;
            }
            set_field(model, field, value)
        }
        Msg::Click(action) => {
            model.notice = None;
            model.errors.clear();
            if !matches!(action, Action::ConfirmMarkSent(_)) {
                model.confirm = None;
            }
            super::flow::click(model, action, now, zones)
        }
        Msg::InsertDone { kind, ok, message } => {
            model.insert_results.insert(prefix(kind), (ok, message));
            vec![]
        }
        Msg::CopyDone { kind, error } => {
            let (text, err) = match error {
                None => ("Copied to the clipboard.".to_string(), false),
                Some(e) => (format!("Could not copy: {e}"), true),
            };
            set_notice(model, text, err, Some(Action::Copy(kind)));
            vec![]
        }
        Msg::FileChosen(text) => {
            match super::load::with_everything(model, super::AfterLoad::Import(text)) {
                Ok(super::AfterLoad::Import(text)) => import(model, &text),
                Ok(_) => vec![],
                Err(fx) => fx,
            }
        }
        Msg::FileFailed(e) => {
            set_notice(
                model,
                format!("Could not read the file: {e}"),
                true,
                Some(Action::Import),
            );
            vec![]
        }
        Msg::Tick => {
            let label = super::view::countdown_label(model, now, zones);
            let mut fx = vec![];
            if label != model.announced {
                if let (Some(_), Some(text)) = (&model.announced, &label) {
                    fx.push(Effect::Announce(text.clone()));
                }
                model.announced = label;
            }
            fx
        }
    }
}

pub(super) fn set_notice(
    model: &mut Model,
    text: impl Into<String>,
    error: bool,
    anchor: Option<Action>,
) {
    model.notice = Some(Notice {
        text: text.into(),
        error,
        anchor,
    });
}

pub(super) fn remember_write(model: &mut Model, key: &str, value: Option<String>) {
    let list = model.own_writes.entry(key.to_string()).or_default();
    list.push(value);
    if list.len() > OWN_WRITES_KEPT {
        list.remove(0);
    }
}

/// Stores a typed value; an emptied field removes its key (it shows its
/// default again), an unticked box keeps "" (a "no" that overrides a
/// default or a saved "yes").
pub(super) fn set_field(model: &mut Model, field: Field, value: String) -> Vec<Effect> {
    let key = key_of(model, field);
    if value.trim().is_empty() && !field.is_flag() {
        return remove_keys(model, vec![key]);
    }
    model.drafts.insert(key.clone(), value.clone());
    remember_write(model, &key, Some(value.clone()));
    vec![Effect::Put { key, value }]
}

pub(super) fn remove_keys(model: &mut Model, keys: Vec<String>) -> Vec<Effect> {
    keys.into_iter()
        .map(|key| {
            model.drafts.remove(&key);
            model.suggested.remove(&key);
            remember_write(model, &key, None);
            Effect::Remove { key }
        })
        .collect()
}

fn storage_changed(model: &mut Model, changes: Vec<(String, Option<String>)>) {
    let mut records = Vec::new();
    for (key, value) in changes {
        match Key::parse(&key) {
            Some(Key::Draft { .. }) => {
                // Our own write coming back (possibly late, after a newer
                // one) is not news: only another tab's value is taken.
                // Storage answers in order, so an echo also settles every
                // write before it: an old value of ours (an emptying long
                // ago) must not hide another tab's same value later.
                if let Some(w) = model.own_writes.get_mut(&key) {
                    if let Some(i) = w.iter().position(|v| *v == value) {
                        w.drain(..=i);
                        continue;
                    }
                }
                match value {
                    Some(v) => model.drafts.insert(key, v),
                    None => model.drafts.remove(&key),
                };
            }
            Some(Key::Settings) => {
                model.settings = value.map(|v| Settings::parse(&v)).unwrap_or_default();
            }
            Some(Key::Event { .. }) => {
                // A key rewritten or removed is judged again from its new value.
                model.ws.quarantined.retain(|q| q.key != key);
                if let Some(v) = value {
                    records.push((key, v));
                }
            }
            Some(Key::Fold { escalation, .. }) => {
                super::load::changed_fold(model, &escalation, value);
            }
            None => {}
        }
    }
    super::load::changed_events(model, records);
    if model.current.is_none() && !model.pinned {
        follow_page(model);
    }
}

fn stored(model: &mut Model, key: String, error: Option<String>) {
    if let Some(imp) = &mut model.import {
        if let Some(i) = imp.waiting.iter().position(|k| *k == key) {
            imp.waiting.remove(i);
            let saved: Vec<Event> = imp
                .pending
                .iter()
                .filter(|e| engine::storage_key(e) == key)
                .cloned()
                .collect();
            imp.pending.retain(|e| engine::storage_key(e) != key);
            if error.is_some() {
                imp.failed += 1;
            } else {
                imp.stored += 1;
                model.ws.add_all(&saved);
            }
            if imp.waiting.is_empty() {
                report_import(model);
            }
            return;
        }
    }
    if let Some(e) = error {
        let what = match Key::parse(&key) {
            Some(Key::Event { .. }) => "Could not save to browser storage",
            _ => "Could not save what you typed",
        };
        set_notice(
            model,
            format!("{what}: {e}. Your work is still shown here; export it to keep a copy."),
            true,
            None,
        );
    }
}

fn report_import(model: &mut Model) {
    let Some(imp) = model.import.take() else {
        return;
    };
    let report = imp.report.saved(imp.stored, imp.failed);
    let error = report.failed > 0 || (report.stored == 0 && report.has_problems());
    set_notice(model, report.summary(), error, Some(Action::Import));
}

/// Imports an export file: the workspace's plan says which records are new
/// (and why others are skipped); only those are written, and the report is
/// completed as their writes finish.
pub(super) fn import(model: &mut Model, text: &str) -> Vec<Effect> {
    match import_plan(text, &model.ws) {
        Err(e) => {
            set_notice(model, e.to_string(), true, Some(Action::Import));
            vec![]
        }
        Ok(plan) => {
            let mut imp = ImportProgress {
                report: plan.report,
                ..ImportProgress::default()
            };
            let mut fx = Vec::new();
            for r in plan.records {
                imp.waiting.push(r.key.clone());
                fx.push(Effect::Put {
                    key: r.key,
                    value: r.text,
                });
                imp.pending.push(r.event);
            }
            model.import = Some(imp);
            if fx.is_empty() {
                report_import(model);
            }
            fx
        }
    }
}

/// The CRM record the page shows (tenant host and record id), from the
/// account reader's typed `record_key` wherever it recognises the URL.
fn page_record(model: &Model) -> Option<(String, String)> {
    let key = model.facts.record_key.as_ref()?;
    Some((key.host.trim().lowercase(), key.id.trim().to_string()))
        .filter(|(h, id)| !h.is_empty() && !id.is_empty())
}

fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or("").lowercase()
}

/// Whether an escalation opened at `stored` is the record at `page`: the
/// same URL (fragment aside), or the same tenant and record id in another
/// form of the record's URL (a console tab, a `?ws=` suffix).
pub fn same_record(stored: &str, page: &str, record: Option<&(String, String)>) -> bool {
    let strip = |u: &str| u.split('#').next().unwrap_or("").trim().to_string();
    if !page.is_empty() && strip(stored) == strip(page) {
        return true;
    }
    record.is_some_and(|(host, id)| {
        host_of(stored) == *host
            && stored
                .split(['/', '?', '&', '=', '#'])
                .any(|part| part == id)
    })
}

/// The page's URL without its fragment: the CRM record it shows.
pub(super) fn record_url(model: &Model) -> String {
    let url = model
        .snapshot
        .as_ref()
        .map(|s| s.url.as_str())
        .unwrap_or("");
    url.split('#').next().unwrap_or("").trim().to_string()
}

/// Shows the escalation bound to the page's CRM record; an escalation that
/// matches only by account name is offered, never bound silently.
pub fn follow_page(model: &mut Model) {
    if model.pinned {
        return;
    }
    let url = record_url(model);
    let name = model
        .facts
        .name
        .as_ref()
        .map(|f| f.value.trim().to_string())
        .unwrap_or_default();
    // Loaded escalations and those known by their fold alike.
    let all = model.ws.entries();
    let record = page_record(model);
    let newest_first = |mut v: Vec<&Entry>| {
        crate::sort::sort_by_key(&mut v, |e| (!e.closed, e.started_at));
        v.last().map(|e| e.id.clone())
    };
    if !url.is_empty() {
        let by_url = model.bound.get(&url).cloned().or_else(|| {
            newest_first(
                all.iter()
                    .filter(|e| {
                        e.crm_url
                            .as_deref()
                            .is_some_and(|u| same_record(u, &url, record.as_ref()))
                    })
                    .collect(),
            )
        });
        if let Some(id) = by_url {
            show(model, Some(id));
            model.bind_offer = None;
            return;
        }
    }
    // The escalation already shown stays while it is this account's.
    if let Some(cur) = escalation(model) {
        let account = cur
            .opened
            .as_ref()
            .map(|o| o.account.clone())
            .unwrap_or_default();
        if name.is_empty() || account.eq_ignore_ascii_case(&name) {
            return;
        }
    }
    let by_name = (!name.is_empty())
        .then(|| {
            newest_first(
                all.iter()
                    .filter(|e| e.account.eq_ignore_ascii_case(&name))
                    .collect(),
            )
        })
        .flatten()
        .filter(|id| model.declined.get(&url) != Some(id));
    show(model, None);
    model.bind_offer = by_name;
}

pub(super) fn show(model: &mut Model, id: Option<String>) {
    if model.current != id {
        model.current = id;
        model.view = None;
        model.insert_results.clear();
    }
}

pub(super) fn new_id(model: &mut Model, now: DateTime<Utc>) -> String {
    model.id_counter += 1;
    format!(
        "{:x}-{}{:x}",
        now.timestamp_millis(),
        model.id_seed,
        model.id_counter
    )
}

/// Checks each event against the state (as it will be after the previous
/// ones), appends them and returns their storage writes. Nothing is stored
/// when the engine refuses one.
pub(super) fn append(
    model: &mut Model,
    bodies: Vec<EventBody>,
    escalation_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<Vec<Effect>, String> {
    let Some(id) = escalation_id.or_else(|| model.current.clone()) else {
        return Err("Open an escalation first.".into());
    };
    let mut log = model.ws.log(&id).to_vec();
    let mut events = Vec::new();
    for body in bodies {
        engine::check(&engine::fold(&log), &body, now).map_err(|e| e.to_string())?;
        let event = Event {
            id: new_id(model, now),
            escalation: id.clone(),
            at: now,
            body,
        };
        log.push(event.clone());
        events.push(event);
    }
    model.ws.add_all(&events);
    Ok(events
        .iter()
        .map(|e| Effect::Put {
            key: engine::storage_key(e),
            value: engine::encode_record(e),
        })
        .collect())
}

/// Records `bodies`; on refusal shows why beside `anchor`.
pub(super) fn record(
    model: &mut Model,
    bodies: Vec<EventBody>,
    anchor: Action,
    ok_text: &str,
    now: DateTime<Utc>,
) -> Option<Vec<Effect>> {
    match append(model, bodies, None, now) {
        Ok(fx) => {
            set_notice(model, ok_text, false, Some(anchor));
            Some(fx)
        }
        Err(e) => {
            set_notice(model, e, true, Some(anchor));
            None
        }
    }
}

/// Marks `fields` with their problems, focuses the first and says so beside `anchor`.
pub(super) fn field_errors(
    model: &mut Model,
    problems: Vec<(Field, String)>,
    anchor: Action,
    summary: &str,
) -> Vec<Effect> {
    let first = problems.first().map(|(f, _)| f.id());
    for (f, p) in problems {
        model.errors.insert(f.key(), p);
    }
    set_notice(model, summary, true, Some(anchor));
    first.map(Effect::Focus).into_iter().collect()
}

/// The message of `kind` as the form makes it now, with the text and
/// subject the CSM sees (their edits win).
pub fn message(
    model: &Model,
    state: &Escalation,
    kind: MessageKind,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> (Message, String, String) {
    let form = form::effective(model, state, now, zones);
    let rules = Rules(zones);
    let cx = form::draft_context(model, state, &form, now, &rules);
    let msg = drafting::generate(kind, &cx);
    let body = typed(model, Field::Body(kind)).unwrap_or_else(|| msg.text.clone());
    let subject = typed(model, Field::Subject(kind)).unwrap_or_else(|| msg.subject.clone());
    (msg, body, subject)
}

/// The coach's findings on the text shown for `kind`.
pub fn findings(
    model: &Model,
    state: &Escalation,
    kind: MessageKind,
    text: &str,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> Vec<crate::coach::Finding> {
    let form = form::effective(model, state, now, zones);
    let rules = Rules(zones);
    let cx = form::draft_context(model, state, &form, now, &rules);
    coach_draft(text, &drafting::coach_context(Some(kind), &cx))
}
