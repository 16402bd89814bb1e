//! Stored records: one JSON record per event, carrying a schema version.
//! Reading a record never panics; what cannot be read comes back as a typed
//! error so the store can quarantine it and the panel can say why.
//!
//! Schema history: version 1 is the only version so far. A record without
//! `v` is read as version 1 (the field may be lost by hand edits; the body
//! is what matters). A newer version is refused, not guessed at.

use serde_json::Value;
use std::fmt;

use super::event::Event;
use super::time::is_js_instant;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u64 = 1;

/// The largest record (one event, as JSON) that is stored, exported or
/// imported: a close-out document is a few kilobytes.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// Not JSON, or not a JSON object.
    Corrupt(String),
    /// Written by a newer Defuse: kept as it is, not read.
    NewerVersion(u64),
    /// A field the event needs is absent.
    MissingField(String),
    /// JSON with the right shape but an impossible value (unknown event type,
    /// a date that is not a date, …).
    Invalid(String),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Corrupt(detail) => write!(f, "This saved record is damaged and cannot be read ({detail}). It is kept aside, not deleted."),
            RecordError::NewerVersion(v) => write!(f, "This record was made by a newer Defuse (format {v}). Update Defuse to read it; it is kept as it is."),
            RecordError::MissingField(name) => write!(f, "This saved record lacks its “{name}” field and cannot be read. It is kept aside, not deleted."),
            RecordError::Invalid(detail) => write!(f, "This saved record holds a value Defuse does not understand ({detail}). It is kept aside, not deleted."),
        }
    }
}

impl std::error::Error for RecordError {}

/// The event as a JSON record with `"v"`. Written to text and read back as
/// a `Value` (keys sorted, `v` added) rather than `to_value`: the events'
/// `Serialize` is then compiled for the text writer only (the Value writer
/// would be a second copy of every event type's serializer in the wasm).
/// Events hold no floats, so the round trip is exact.
pub fn encode_record(event: &Event) -> String {
    let mut value = serde_json::to_string(event)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("v".into(), Value::from(SCHEMA_VERSION));
    }
    crate::json::text(&value)
}

/// Reads a record written by this or an older version. One path for every
/// record: JSON text → `serde_json::Value` → `Event`, so the events'
/// `Deserialize` is compiled for the `Value` reader only (a second, straight
/// from text reader cost ≈8 KB of wasm; see src/json.rs).
pub fn decode_record(text: &str) -> Result<Event, RecordError> {
    decode_tree(text)
}

fn decode_tree(text: &str) -> Result<Event, RecordError> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| RecordError::Corrupt(e.to_string()))?;
    let Value::Object(map) = &mut value else {
        return Err(RecordError::Corrupt("not a JSON object".into()));
    };
    let version = match map.remove("v") {
        None => 1,
        Some(v) => v
            .as_u64()
            .ok_or_else(|| RecordError::Invalid("the version is not a whole number".into()))?,
    };
    if version > SCHEMA_VERSION {
        return Err(RecordError::NewerVersion(version));
    }
    let event: Event = crate::json::read(value).map_err(|e| classify(&e))?;
    if !event.instants().into_iter().all(is_js_instant) {
        return Err(RecordError::Invalid(
            "a time outside the years 0 to 9999, or a leap second".into(),
        ));
    }
    Ok(event)
}

fn classify(error: &serde_json::Error) -> RecordError {
    let text = error.to_string();
    match text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        Some(name) => RecordError::MissingField(name.to_string()),
        None => RecordError::Invalid(text),
    }
}

/// The storage key of an event: one key per event, so concurrent writers
/// never overwrite each other.
pub fn storage_key(event: &Event) -> String {
    format!("defuse:ev:{}:{}", event.escalation, event.id)
}
