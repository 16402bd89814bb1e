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
