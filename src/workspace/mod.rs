//! The CSM's workspace: every escalation in storage, read back from one
//! record per event. Owns what the panel and the background worker both need
//! from storage: decoding (with quarantine of unreadable records, never
//! deleting them), the list of open escalations with their next deadline, the
//! reminder plan for alarms, the badge count, and export / import.
//!
//! Storage itself is the host's (chrome.storage.local or localStorage); this
//! module only sees `(key, text)` pairs.

mod exchange;
pub mod fold;
pub mod index;
mod keylist;
pub mod keys;
mod plan;
mod wake;

pub use exchange::{
    export_json, import_json, import_plan, is_crm_url, validate_id, IdProblem, ImportError,
    ImportPlan, ImportReport, ImportedRecord, SkipReason, SkippedRecord, EXPORT_FORMAT,
    MAX_ID_CHARS, MAX_RECORD_BYTES,
};
pub use fold::{Fold, OpenDeadline, Source, Stamp, FOLD_VERSION};
pub use index::{index_behind, Index, INDEX, INDEX_VERSION};
pub use keys::{Key, Settings};
pub use plan::{
    affects_reminders, alarm_plan, alarm_plan_in, badge_count, reminder_plan, summaries, Reminder,
    ReminderPhase, ReminderPlan, Summary,
};
pub use wake::{event_keys, reminder_pass, wake_keys, WakePass, WakeUp};

use crate::engine::{decode_record, fold_normalized, merge, Escalation, Event, RecordError};
use crate::sort_map::Map;
use serde::Serialize;

/// Keys of event records start with this; drafts and settings live elsewhere.
pub const EVENT_KEY_PREFIX: &str = keys::EVENT_PREFIX;

/// A record that could not be read: kept in storage untouched and shown to
/// the CSM, so nothing is ever silently lost.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quarantined {
    pub key: String,
    pub problem: String,
    /// True when a newer Defuse wrote it (update Defuse to read it).
    pub newer_version: bool,
}

crate::read_struct!(Quarantined {
    key: "key",
    problem: "problem",
    newer_version: "newerVersion",
});

/// All escalations, as logs, plus what could not be read. An escalation
/// may also be known by its fold alone (the panel reads the events of the
/// escalation it shows, and folds for the list): [`Workspace::unloaded`]
/// says which, and their events are read before anything needs them.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    logs: Map<String, Vec<Event>>,
    pub quarantined: Vec<Quarantined>,
    folded: Map<String, Fold>,
}

/// What the panel matches a page against, for every escalation known,
/// loaded or folded.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub account: String,
    pub crm_url: Option<String>,
    pub started_at: Option<chrono::DateTime<chrono::Utc>>,
    pub closed: bool,
}

impl Workspace {
    /// Reads every `(key, text)` record; non-event keys are ignored.
    pub fn from_records<'a, I>(records: I) -> Workspace
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut ws = Workspace::default();
        let mut fresh: Map<String, Vec<Event>> = Map::new();
        for (key, text) in records {
            if !key.starts_with(EVENT_KEY_PREFIX) {
                continue;
            }
            match decode_record(text) {
                Ok(event) => fresh
                    .entry(event.escalation.clone())
                    .or_default()
                    .push(event),
                Err(e) => ws.quarantined.push(Quarantined {
                    key: key.to_string(),
                    newer_version: matches!(e, RecordError::NewerVersion { .. }),
                    problem: e.to_string(),
                }),
            }
        }
        for (id, events) in fresh {
            ws.add_events(&id, &events);
        }
        ws
    }

    /// Adds events (from this device, another tab, or an import); a union by id.
    /// An escalation known by its fold must be read whole first.
    pub fn add_events(&mut self, escalation: &str, events: &[Event]) {
        self.folded.remove(escalation);
        let log = self.logs.entry(escalation.to_string()).or_default();
        *log = merge(log, events);
    }

    /// Adds events of any escalations.
    pub fn add_all(&mut self, events: &[Event]) {
        let mut by: Map<&str, Vec<Event>> = Map::new();
        for e in events {
            by.entry(e.escalation.as_str()).or_default().push(e.clone());
        }
        for (id, evs) in by {
            self.add_events(id, &evs);
        }
    }

    /// Knows an escalation by its fold (its events not read yet); ignored
    /// for an escalation whose events are loaded. Its unreadable records
    /// join the quarantine.
    pub fn add_fold(&mut self, escalation: &str, fold: Fold) {
        if self.logs.contains_key(escalation) {
            return;
        }
        for q in &fold.unreadable {
            if !self.quarantined.iter().any(|x| x.key == q.key) {
                self.quarantined.push(q.clone());
            }
        }
        self.folded.insert(escalation.to_string(), fold);
    }

    /// Drops the fold of an escalation whose events were read (even when
    /// none could be).
    pub fn forget_fold(&mut self, escalation: &str) {
        self.folded.remove(escalation);
    }

    /// Escalations known by their fold only, whose events must be read
    /// before they are shown, exported or imported into.
    pub fn unloaded(&self) -> Vec<String> {
        self.folded.keys().cloned().collect()
    }

    pub fn is_loaded(&self, escalation: &str) -> bool {
        !self.folded.contains_key(escalation)
    }

    pub(crate) fn folded(&self) -> impl Iterator<Item = (&String, &Fold)> {
        self.folded.iter()
    }

    /// The fold of an escalation not loaded.
    pub fn fold_of(&self, escalation: &str) -> Option<&Fold> {
        self.folded.get(escalation)
    }

    /// Every escalation opened, loaded or folded.
    pub fn entries(&self) -> Vec<Entry> {
        let loaded = self.escalations().into_iter().filter_map(|e| {
            let o = e.opened.as_ref()?;
            Some(Entry {
                id: e.id.clone(),
                account: o.account.clone(),
                crm_url: o.crm_url.clone(),
                started_at: e.log.first().map(|ev| ev.at),
                closed: e.closed_at.is_some(),
            })
        });
        let folded = self
            .folded
            .iter()
            .filter(|(_, f)| f.opened)
            .map(|(id, f)| Entry {
                id: id.clone(),
                account: f.account.clone(),
                crm_url: f.crm_url.clone(),
                started_at: f.started_at,
                closed: f.closed_at.is_some(),
            });
        loaded.chain(folded).collect()
    }

    pub fn log(&self, escalation: &str) -> &[Event] {
        self.logs.get(escalation).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn escalation(&self, escalation: &str) -> Escalation {
        fold_normalized(self.log(escalation).to_vec())
    }

    /// Every escalation, folded.
    pub fn escalations(&self) -> Vec<Escalation> {
        // Every stored log went through `merge`, so it is already normalized.
        self.logs
            .values()
            .map(|log| fold_normalized(log.clone()))
            .filter(|e| e.opened.is_some())
            .collect()
    }

    /// Every event of every escalation.
    pub fn all_events(&self) -> Vec<Event> {
        self.logs.values().flatten().cloned().collect()
    }

    /// The escalation opened for the account at `crm_url` (or named
    /// `account`), preferring one that is not closed.
    pub fn find_for_account(&self, crm_url: &str, account: &str) -> Option<Escalation> {
        let mut found: Vec<Escalation> = self
            .escalations()
            .into_iter()
            .filter(|e| {
                e.opened.as_ref().is_some_and(|o| {
                    (!crm_url.is_empty() && o.crm_url.as_deref() == Some(crm_url))
                        || (!account.is_empty() && o.account.eq_ignore_ascii_case(account))
                })
            })
            .collect();
        crate::sort::sort_by_key(&mut found, |e| {
            (e.closed_at.is_none(), e.log.first().map(|ev| ev.at))
        });
        found.pop()
    }
}
