//! The public core JS API: plain functions over JSON-shaped values, so the same
//! calls work in the panel, in the service worker and in Node (`initSync`).

use crate::account::{self, Snapshot};
use wasm_bindgen::prelude::*;

/// The core's version (from Cargo.toml, the one version source).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Reads the account facts out of a page-agent snapshot.
///
/// `snapshot` is the object the page agent sends; the result is the
/// `AccountFacts` object (camelCase). Malformed input is an `Error` whose
/// message says what was wrong.
#[wasm_bindgen(js_name = extractAccount)]
pub fn extract_account(snapshot: JsValue) -> Result<JsValue, JsError> {
    let snapshot = parse_snapshot(snapshot)?;
    let facts = account::extract(&snapshot);
    to_js(&facts)
}

pub(crate) fn parse_snapshot(value: JsValue) -> Result<Snapshot, JsError> {
    let snapshot: Snapshot = serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("The page snapshot could not be read: {e}")))?;
    Ok(snapshot.validate())
}

pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&format!("Internal error while returning a result: {e}")))
}

/// The reminder plan for the background worker: `records` is
/// `[[key, text], …]` from storage; returns `{ alarms: Reminder[], badge }`.
#[wasm_bindgen]
pub fn reminders(records: JsValue, now_ms: f64, business_days: bool) -> Result<JsValue, JsError> {
    let pairs: Vec<(String, String)> = serde_wasm_bindgen::from_value(records)
        .map_err(|e| JsError::new(&format!("The stored records could not be read: {e}")))?;
    let ws = crate::workspace::Workspace::from_records(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    let now = chrono::DateTime::from_timestamp_millis(now_ms as i64)
        .ok_or_else(|| JsError::new("The time given is out of range."))?;
    let rules = super::tz::IntlRules::default();
    let config = crate::engine::Config {
        business_days,
        ..Default::default()
    };
    #[derive(serde::Serialize)]
    struct Plan {
        alarms: Vec<crate::workspace::Reminder>,
        badge: usize,
    }
    to_js(&Plan {
        alarms: crate::workspace::alarm_plan(&ws, now, &rules, &config),
        badge: crate::workspace::badge_count(&ws, now, &rules, &config),
    })
}
