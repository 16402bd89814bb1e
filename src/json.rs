//! Reading JSON with as little generic code as possible (a wasm size
//! concern): every typed read goes through `serde_json::Value`, so each
//! type's `Deserialize` is compiled for one deserializer only.
//!
//! [`from_text`]: JSON text → `Value` → `T`, instead of a `serde_json`
//! text reader per type (errors lose only the "at line 1 column 9" suffix).
//!
//! [`internally_tagged`]: internally tagged JSON (`{"type": "note", …}`)
//! without serde's `Content` buffer.
//!
//! `#[serde(tag = …)]` on a `Deserialize` enum buffers the whole object into
//! serde's private `Content` tree and replays it through a
//! `ContentDeserializer<E>`: that machinery, and every variant's payload
//! reader, is compiled once per input deserializer (JSON text, JSON values,
//! JS values), ≈115 KB of wasm before wasm-opt. Here the object is read
//! into a `serde_json::Map` (a reader the crate has anyway), the tag taken
//! out, and the rest handed to an externally tagged mirror of the enum
//! (`{"note": {"text": …}}`) through `serde_json::Value`: one copy of each
//! payload reader. The JSON format is unchanged; so are the errors (`missing
//! field`, `unknown variant`, a field's `invalid type`).

use serde::de::{DeserializeOwned, Deserializer, Error, Unexpected};
use serde::Deserialize;
use serde_json::{Map, Value};

/// Reads `T` from JSON text through `serde_json::Value`.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::from_str::<Value>(text)?)
}

/// Reads an object whose `tag` field names the variant, as `T`: an
/// externally tagged enum with the same variants as the internally tagged
/// one being read.
pub(crate) fn internally_tagged<'de, D, T>(d: D, tag: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let mut map = Map::deserialize(d)?;
    let kind = match map.remove(tag) {
        Some(Value::String(kind)) => kind,
        Some(other) => {
            return Err(D::Error::invalid_type(
                unexpected(&other),
                &"variant identifier",
            ))
        }
        None => return Err(D::Error::missing_field(tag)),
    };
    let mut outer = Map::new();
    outer.insert(kind, Value::Object(map));
    T::deserialize(Value::Object(outer)).map_err(D::Error::custom)
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}
