//! Export and import of all escalations as one JSON file, so a CSM can move
//! to another browser or keep a copy.
//!
//! A file is a stranger: import only ever adds records under keys storage
//! does not hold yet (nothing stored is replaced, importing twice adds
//! nothing), refuses ids that could collide in a storage key, never lets a
//! second `opened` re-point a known escalation (facts change only through
//! `fact-corrected`), keeps a CRM link only when it is on a supported CRM's
//! host, bounds every record's size, and reports honestly what was stored,
//! what was already there, what was skipped and why, and what failed.

use crate::account::crm::host_is;
use crate::account::HOST_MATCHES;
use crate::engine::{decode_record, encode_record, storage_key, Event, EventBody};
use crate::sort_map::{Map, Set};
use serde::Serialize;
use serde_json::Value;
use std::fmt;

use super::Workspace;

/// The `format` field of an export file.
pub const EXPORT_FORMAT: &str = "defuse-export";
const EXPORT_VERSION: u64 = 1;
/// A file bigger than this is refused before parsing (a year of escalations is
/// far smaller).
const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// One event record, as JSON (the engine's bound, which `check` also keeps).
pub use crate::engine::MAX_RECORD_BYTES;
/// An event or escalation id: ours are two hex numbers joined by `-`.
pub const MAX_ID_CHARS: usize = 64;

/// Whether `url` is an https address a reminder may open: one matched by a
/// pattern of the one host list ([`HOST_MATCHES`], which the manifest is
/// tested against), path included (Zendesk only under `/agent/`), with no
/// user info, no other port, no white space or control characters. The
/// development hosts of test builds are deliberately absent: a file cannot
/// point a reminder there.
pub fn is_crm_url(url: &str) -> bool {
    if url.len() > 2048 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some(rest) = url
        .get(..8)
        .filter(|s| s.eq_ignore_ascii_case("https://"))
        .and_then(|_| url.get(8..))
    else {
        return false;
    };
    let (authority, tail) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    if authority.contains(['@', '\\']) {
        return false;
    }
    let host = match authority.split_once(':') {
        None => authority,
        Some((host, "443")) => host,
        Some(_) => return false,
    }
    .to_ascii_lowercase();
    let path = match tail.split(['?', '#']).next() {
        Some(p) if p.starts_with('/') => p,
        _ => "/",
    };
    let valid_host = !host.is_empty()
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    valid_host
        && HOST_MATCHES.iter().any(|(pattern, _)| {
            let Some((host_spec, path_spec)) = pattern
                .strip_prefix("https://")
                .and_then(|p| p.split_once('/'))
            else {
                return false;
            };
            let host_ok = match host_spec.strip_prefix("*.") {
                Some(domain) => host_is(&host, domain),
                None => host == host_spec,
            };
            // `path_spec` is the pattern's path without its leading `/`;
            // every pattern ends in `*`, so it is a prefix.
            let prefix = path_spec.strip_suffix('*').unwrap_or(path_spec);
            host_ok && path.get(1..).is_some_and(|p| p.starts_with(prefix))
        })
}

/// Why an id cannot be used in a storage key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
pub enum IdProblem {
    Empty,
    TooLong {
        chars: usize,
    },
    /// Only letters, digits, `-`, `_` and `.`: a `:` would let two different
    /// (escalation, id) pairs share one key.
    BadCharacter {
        found: char,
    },
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdProblem::Empty => write!(f, "it is empty"),
            IdProblem::TooLong { chars } => {
                write!(f, "it is {chars} characters long (at most {MAX_ID_CHARS})")
            }
            IdProblem::BadCharacter { found } => write!(
                f,
                "it contains “{}”; only letters, digits, “-”, “_” and “.” are allowed",
                found.escape_default()
            ),
        }
    }
}

/// Checks an event or escalation id.
pub fn validate_id(id: &str) -> Result<(), IdProblem> {
    if id.is_empty() {
        return Err(IdProblem::Empty);
    }
    let chars = id.chars().count();
    if chars > MAX_ID_CHARS {
        return Err(IdProblem::TooLong { chars });
    }
    match id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        Some(found) => Err(IdProblem::BadCharacter { found }),
        None => Ok(()),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
    },
    NotJson {
        detail: String,
    },
    NotAnExport,
    NewerFormat {
        version: u64,
    },
    /// Every record was unreadable.
    NoReadableEvents {
        unreadable: usize,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "This file is {} MB, too large to be a Defuse export. Nothing was imported.",
                bytes / (1024 * 1024)
            ),
            ImportError::NotJson { detail } => write!(f, "This file is not valid JSON ({detail}). Nothing was imported."),
            ImportError::NotAnExport => write!(f, "This JSON file is not a Defuse export. Nothing was imported."),
            ImportError::NewerFormat { version } => write!(
                f,
                "This export was made by a newer Defuse (format {version}). Update Defuse, then import it again. Nothing was imported."
            ),
            ImportError::NoReadableEvents { unreadable } => write!(
                f,
                "None of the {unreadable} records in this file could be read. Nothing was imported."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Why one record of a file was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum SkipReason {
    /// Not a readable event (the record reader's explanation).
    Unreadable {
        detail: String,
    },
    TooLarge {
        bytes: usize,
    },
    BadEventId {
        problem: IdProblem,
    },
    BadEscalationId {
        problem: IdProblem,
    },
    /// An `opened` for an escalation that already has its opening: facts
    /// change only through `fact-corrected`.
    SecondOpening {
        escalation: String,
    },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unreadable { detail } => write!(f, "{detail}"),
            SkipReason::TooLarge { bytes } => write!(
                f,
                "the record is {bytes} bytes, more than the {MAX_RECORD_BYTES} an event may take"
            ),
            SkipReason::BadEventId { problem } => write!(f, "its event id cannot be used: {problem}"),
            SkipReason::BadEscalationId { problem } => {
                write!(f, "its escalation id cannot be used: {problem}")
            }
            SkipReason::SecondOpening { escalation } => write!(
                f,
                "it would open escalation “{escalation}” a second time; the facts of an escalation change only through a correction"
            ),
        }
    }
}

/// One skipped record: its position in the file's `records` and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRecord {
    pub index: usize,
    pub reason: SkipReason,
}

/// What an import did, for the CSM: filled by [`import_plan`], completed by
/// [`ImportReport::saved`] once the host has written the records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Records written to storage.
    pub stored: usize,
    /// Records whose key storage already held (left exactly as they were),
    /// including repeats inside the file.
    pub already_there: usize,
    pub skipped: Vec<SkippedRecord>,
    /// Records storage refused to write.
    pub failed: usize,
    /// CRM links dropped because they were not on a supported CRM's host.
    pub links_removed: usize,
}

impl ImportReport {
    /// The report once the host wrote `stored` records and `failed` failed.
    pub fn saved(self, stored: usize, failed: usize) -> ImportReport {
        ImportReport {
            stored,
            failed,
            ..self
        }
    }

    /// Whether anything went wrong that the CSM should look at.
    pub fn has_problems(&self) -> bool {
        self.failed > 0 || !self.skipped.is_empty()
    }

    /// One short paragraph: "Imported 12 new events. 3 were already here. …"
    pub fn summary(&self) -> String {
        let events = |n: usize| if n == 1 { "event" } else { "events" };
        let mut out = if self.stored > 0 {
            format!("Imported {} new {}.", self.stored, events(self.stored))
        } else {
            "No new events were imported.".to_string()
        };
        if self.already_there > 0 {
            out.push_str(&format!(
                " {} {} already here and left as {}.",
                self.already_there,
                if self.already_there == 1 {
                    "was"
                } else {
                    "were"
                },
                if self.already_there == 1 {
                    "it was"
                } else {
                    "they were"
                },
            ));
        }
        if let Some(first) = self.skipped.first() {
            let n = self.skipped.len();
            out.push_str(&format!(
                " {n} {} skipped (record {}: {}{}).",
                if n == 1 { "record was" } else { "records were" },
                first.index + 1,
                first.reason,
                if n > 1 { "; and others" } else { "" }
            ));
        }
        if self.failed > 0 {
            out.push_str(&format!(
                " {} could not be saved: storage refused {}. Import the file again to retry them.",
                self.failed,
                if self.failed == 1 { "it" } else { "them" }
            ));
        }
        if self.links_removed > 0 {
            out.push_str(&format!(
                " {} CRM {} outside the supported CRMs {} removed.",
                self.links_removed,
                if self.links_removed == 1 {
                    "link"
                } else {
                    "links"
                },
                if self.links_removed == 1 {
                    "was"
                } else {
                    "were"
                },
            ));
        }
        out
    }
}

/// One record to write: its storage key, its text, and the event itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRecord {
    pub key: String,
    pub text: String,
    pub event: Event,
}

/// What to write for a file: only records under new keys, and the report so far.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub records: Vec<ImportedRecord>,
    pub report: ImportReport,
}

/// All events as one JSON document: `{ format, version, exportedAt, records: [<record>…] }`.
/// Each record is exactly what storage holds, so an import goes through the
/// same reader (and the same schema-version rules) as storage does.
pub fn export_json(events: &[Event], exported_at: chrono::DateTime<chrono::Utc>) -> String {
    let records: Vec<Value> = events
        .iter()
        .filter_map(|e| serde_json::from_str(&encode_record(e)).ok())
        .collect();
    // Built by hand, not `json!` (its `to_value` would compile serde_json's
    // Value writer), and written by the one text writer (json::pretty).
    let mut doc = serde_json::Map::new();
    doc.insert("format".into(), Value::from(EXPORT_FORMAT));
    doc.insert("version".into(), Value::from(EXPORT_VERSION));
    doc.insert("exportedAt".into(), Value::from(exported_at.to_rfc3339()));
    doc.insert("records".into(), Value::Array(records));
    crate::json::pretty(&Value::Object(doc))
}

fn records_of(text: &str) -> Result<Vec<Value>, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let doc: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson {
        detail: e.to_string(),
    })?;
    if doc.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT) {
        return Err(ImportError::NotAnExport);
    }
    let version = doc.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > EXPORT_VERSION {
        return Err(ImportError::NewerFormat { version });
    }
    match doc {
        Value::Object(mut map) => match map.remove("records") {
            Some(Value::Array(records)) => Ok(records),
            _ => Err(ImportError::NotAnExport),
        },
        _ => Err(ImportError::NotAnExport),
    }
}

/// Reads one record of a file, or says why it cannot be imported.
fn read_record(record: &Value) -> Result<Event, SkipReason> {
    let text = crate::json::text(record);
    if text.len() > MAX_RECORD_BYTES {
        return Err(SkipReason::TooLarge { bytes: text.len() });
    }
    let event = decode_record(&text).map_err(|e| SkipReason::Unreadable {
        detail: e.to_string(),
    })?;
    validate_id(&event.escalation).map_err(|problem| SkipReason::BadEscalationId { problem })?;
    validate_id(&event.id).map_err(|problem| SkipReason::BadEventId { problem })?;
    Ok(event)
}

/// Plans the import of an export file into `ws` (what storage holds now,
/// quarantined keys included): the records to write, and the report. Writing
/// them is the host's job; it then calls [`ImportReport::saved`].
pub fn import_plan(text: &str, ws: &Workspace) -> Result<ImportPlan, ImportError> {
    let records = records_of(text)?;
    let all = ws.all_events();
    let mut known_keys: Set<String> = all.iter().map(storage_key).collect();
    known_keys.extend(ws.quarantined.iter().map(|q| q.key.clone()));
    let opened_known: Set<&str> = all
        .iter()
        .filter(|e| matches!(e.body, EventBody::Opened(_)))
        .map(|e| e.escalation.as_str())
        .collect();

    let mut report = ImportReport::default();
    let mut unreadable = 0;
    let mut fresh: Vec<(usize, Event)> = Vec::new();
    for (index, record) in records.iter().enumerate() {
        let mut event = match read_record(record) {
            Ok(e) => e,
            Err(reason) => {
                if matches!(reason, SkipReason::Unreadable { .. }) {
                    unreadable += 1;
                }
                report.skipped.push(SkippedRecord { index, reason });
                continue;
            }
        };
        if !known_keys.insert(storage_key(&event)) {
            report.already_there += 1;
            continue;
        }
        if let EventBody::Opened(o) = &mut event.body {
            if o.crm_url.as_deref().is_some_and(|u| !is_crm_url(u)) {
                o.crm_url = None;
                report.links_removed += 1;
            }
        }
        fresh.push((index, event));
    }
    if fresh.is_empty() && report.already_there == 0 && unreadable > 0 {
        return Err(ImportError::NoReadableEvents { unreadable });
    }

    // One opening per escalation: a known escalation keeps its own; a new one
    // takes the first of the file's in fold order (by time, then id).
    let mut first_opening: Map<&str, (chrono::DateTime<chrono::Utc>, &str)> = Map::new();
    for (_, e) in &fresh {
        if matches!(e.body, EventBody::Opened(_)) && !opened_known.contains(e.escalation.as_str()) {
            let candidate = (e.at, e.id.as_str());
            let slot = first_opening
                .entry(e.escalation.as_str())
                .or_insert(candidate);
            if candidate < *slot {
                *slot = candidate;
            }
        }
    }
    let mut second: Vec<usize> = Vec::new();
    for (index, e) in &fresh {
        let is_first = first_opening
            .get(e.escalation.as_str())
            .is_some_and(|(at, id)| *at == e.at && *id == e.id);
        if matches!(e.body, EventBody::Opened(_)) && !is_first {
            second.push(*index);
            report.skipped.push(SkippedRecord {
                index: *index,
                reason: SkipReason::SecondOpening {
                    escalation: e.escalation.clone(),
                },
            });
        }
    }
    crate::sort::sort_by_key(&mut report.skipped, |s| s.index);
    let records = fresh
        .into_iter()
        .filter(|(index, _)| !second.contains(index))
        .map(|(_, event)| ImportedRecord {
            key: storage_key(&event),
            text: encode_record(&event),
            event,
        })
        .collect();
    Ok(ImportPlan { records, report })
}

/// The events of an export file that an empty store would take, plus how
/// many records were skipped. Kept for callers that have no workspace at
/// hand; prefer [`import_plan`], which never replaces a stored record.
pub fn import_json(text: &str) -> Result<(Vec<Event>, usize), ImportError> {
    let plan = import_plan(text, &Workspace::default())?;
    Ok((
        plan.records.into_iter().map(|r| r.event).collect(),
        plan.report.skipped.len(),
    ))
}
