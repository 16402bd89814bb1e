//! Export and import of all escalations as one JSON file, so a CSM can move
//! to another browser or keep a copy. Import is a merge (union by event id):
//! importing the same file twice changes nothing.

use crate::engine::{decode_record, encode_record, Event};
use serde_json::Value;
use std::fmt;

/// The `format` field of an export file.
pub const EXPORT_FORMAT: &str = "defuse-export";
const EXPORT_VERSION: u64 = 1;
/// A file bigger than this is refused before parsing (a year of escalations is
/// far smaller).
const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

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

/// All events as one JSON document: `{ format, version, exportedAt, records: [<record>…] }`.
/// Each record is exactly what storage holds, so an import goes through the
/// same reader (and the same schema-version rules) as storage does.
pub fn export_json(events: &[Event], exported_at: chrono::DateTime<chrono::Utc>) -> String {
    let records: Vec<Value> = events
        .iter()
        .filter_map(|e| serde_json::from_str(&encode_record(e)).ok())
        .collect();
    let doc = serde_json::json!({
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exportedAt": exported_at.to_rfc3339(),
        "records": records,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The events in an export file, plus how many records could not be read.
pub fn import_json(text: &str) -> Result<(Vec<Event>, usize), ImportError> {
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
    let records = doc
        .get("records")
        .and_then(Value::as_array)
        .ok_or(ImportError::NotAnExport)?;
    let mut events = Vec::new();
    let mut unreadable = 0;
    for r in records {
        match decode_record(&r.to_string()) {
            Ok(e) => events.push(e),
            Err(_) => unreadable += 1,
        }
    }
    if events.is_empty() && unreadable > 0 {
        return Err(ImportError::NoReadableEvents { unreadable });
    }
    Ok((events, unreadable))
}
