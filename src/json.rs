//! Reading JSON with as little generic code as possible (a wasm size
//! concern): every typed read goes through `serde_json::Value`, so each
//! type's `Deserialize` is compiled for one deserializer only.
//!
//! [`from_text`]: JSON text → `Value` → `T`, instead of a `serde_json`
//! text reader per type (errors lose only the "at line 1 column 9" suffix).
//!
//! [`from_value`] / [`ValueReader`]: `Value` → `T`, serde_json's reader
//! except that a struct is read from an object only (not also from an array
//! of its fields: that compiled every struct's `visit_seq`).
//!
//! [`FromValue`] (`json/read.rs`): hand-written readers from a `Value`,
//! made by the `read_struct!` / `unit_enum!` macros, for the types Defuse
//! stores and reads; [`read`] / [`read_text`] call them directly.
//!
//! `#[serde(tag = …)]` on a `Deserialize` enum buffers the whole object into
//! serde's private `Content` tree and replays it through a
//! `ContentDeserializer<E>`, compiled once per input deserializer (≈115 KB
//! of wasm before wasm-opt). The tagged enums are read by hand instead
//! ([`tagged`] takes the tag out); [`internally_tagged`], the externally
//! tagged mirror reader they replaced, is kept for tests as their reference.
//!
//! Writing (`json/write.rs`): every write goes through serde_json's text
//! writer ([`text`], [`pretty`], `serde_json::to_string`), so each `Serialize` is compiled once.

mod read;
#[cfg(test)]
mod read_tests;
mod write;

pub(crate) use read::{object, tagged, through_value, unit_variant, FromValue, WireName};
pub(crate) use write::{pretty, text};

use serde::de::value::StringDeserializer;
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Error, Expected, IntoDeserializer,
    MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde::Deserialize;
use serde_json::{Map, Value};

/// Reads a [`FromValue`] type from JSON text: no second pass through the
/// type's thin `Deserialize` (which rebuilds the `Value` first).
pub(crate) fn read_text<T: FromValue>(text: &str) -> Result<T, serde_json::Error> {
    T::from_value(serde_json::from_str::<Value>(text)?)
}

/// Reads a [`FromValue`] type from a `Value` (see [`read_text`]).
pub(crate) fn read<T: FromValue>(value: Value) -> Result<T, serde_json::Error> {
    T::from_value(value)
}

/// Reads `T` from JSON text through `serde_json::Value` (only `src/web`
/// still reads a serde type from text).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    from_value(serde_json::from_str::<Value>(text)?)
}

/// Reads an object whose `tag` field names the variant, as `T`: an
/// externally tagged enum with the same variants as the internally tagged
/// one being read (the reference the hand-written tagged readers are
/// compared with).
#[cfg(test)]
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
    T::deserialize(ValueReader(Value::Object(outer))).map_err(D::Error::custom)
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

/// Reads `T` from a `serde_json::Value` through [`ValueReader`]: use this,
/// never `serde_json::from_value`, so only one `Value` reader is compiled.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    T::deserialize(ValueReader(value))
}

/// `serde_json`'s deserializer for an owned `Value`, with one difference:
/// a struct is read from a JSON object only. `serde_json` also reads a
/// struct from an array of its fields in order, which compiles every
/// struct's derived `visit_seq` into the wasm (≈30 KB before wasm-opt) for
/// a shape Defuse never writes; such an array now gets "invalid type:
/// sequence, expected struct …". Everything else (numbers, options, enums,
/// maps, sequences) and every error message is serde_json's.
pub(crate) struct ValueReader(pub(crate) Value);

type JsonError = serde_json::Error;

/// serde's "invalid type: …, expected …" for a `Value`.
pub(crate) fn invalid<E: Error>(value: &Value, expected: &dyn Expected) -> E {
    E::invalid_type(unexpected(value), expected)
}

fn read_seq<'de, V: Visitor<'de>>(items: Vec<Value>, visitor: V) -> Result<V::Value, JsonError> {
    let len = items.len();
    let mut access = SeqReader(items.into_iter());
    let out = visitor.visit_seq(&mut access)?;
    if access.0.len() == 0 {
        Ok(out)
    } else {
        Err(JsonError::invalid_length(len, &"fewer elements in array"))
    }
}

fn read_map<'de, V: Visitor<'de>>(
    map: Map<String, Value>,
    visitor: V,
) -> Result<V::Value, JsonError> {
    let len = map.len();
    let mut access = MapReader {
        entries: map.into_iter(),
        value: None,
    };
    let out = visitor.visit_map(&mut access)?;
    if access.entries.len() == 0 {
        Ok(out)
    } else {
        Err(JsonError::invalid_length(len, &"fewer elements in map"))
    }
}

macro_rules! read_number {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
            match self.0 {
                Value::Number(n) => n.deserialize_any(visitor),
                other => Err(invalid(&other, &visitor)),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for ValueReader {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => read_seq(items, visitor),
            Value::Object(map) => read_map(map, visitor),
        }
    }

    read_number! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Object(map) => {
                let mut entries = map.into_iter();
                match (entries.next(), entries.next()) {
                    (Some((variant, value)), None) => visitor.visit_enum(EnumReader {
                        variant,
                        value: Some(value),
                    }),
                    _ => Err(JsonError::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    )),
                }
            }
            Value::String(variant) => visitor.visit_enum(EnumReader {
                variant,
                value: None,
            }),
            other => Err(invalid(&other, &"string or map")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(b),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::String(s) => visitor.visit_string(s),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        self.deserialize_byte_buf(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => read_seq(items, visitor),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Array(items) => read_seq(items, visitor),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Object(map) => read_map(map, visitor),
            other => Err(invalid(&other, &visitor)),
        }
    }

    /// An object only (see the type's comment).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        visitor.visit_unit()
    }
}

struct SeqReader(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for SeqReader {
    type Error = JsonError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, JsonError> {
        self.0
            .next()
            .map(|value| seed.deserialize(ValueReader(value)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapReader {
    entries: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for MapReader {
    type Error = JsonError;

    fn next_key_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, JsonError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(KeyReader(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, JsonError> {
        match self.value.take() {
            Some(value) => seed.deserialize(ValueReader(value)),
            None => Err(JsonError::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An object's key, as serde_json's key reader gives it (a string, also to
/// `Option` and newtype readers, and as a unit variant's name), except that
/// a number is not parsed out of it: every map Defuse reads is keyed by text.
struct KeyReader(String);

impl<'de> Deserializer<'de> for KeyReader {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        visitor.visit_string(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        let key: StringDeserializer<JsonError> = self.0.into_deserializer();
        key.deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

struct EnumReader {
    variant: String,
    value: Option<Value>,
}

impl<'de> EnumAccess<'de> for EnumReader {
    type Error = JsonError;
    type Variant = VariantReader;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantReader), JsonError> {
        let variant: StringDeserializer<JsonError> = self.variant.into_deserializer();
        let rest = VariantReader(self.value);
        seed.deserialize(variant).map(|v| (v, rest))
    }
}

struct VariantReader(Option<Value>);

impl<'de> VariantAccess<'de> for VariantReader {
    type Error = JsonError;

    fn unit_variant(self) -> Result<(), JsonError> {
        match self.0 {
            Some(value) => <()>::deserialize(ValueReader(value)),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, JsonError> {
        match self.0 {
            Some(value) => seed.deserialize(ValueReader(value)),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Some(Value::Array(items)) if items.is_empty() => visitor.visit_unit(),
            Some(Value::Array(items)) => read_seq(items, visitor),
            Some(other) => Err(invalid(&other, &"tuple variant")),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Some(Value::Object(map)) => read_map(map, visitor),
            Some(other) => Err(invalid(&other, &"struct variant")),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Sample {
        name: String,
        count: u32,
        ratio: Option<f64>,
        kind: Kind,
        #[serde(default)]
        tags: Vec<String>,
        pairs: std::collections::BTreeMap<String, i64>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        Plain,
        Wrapped(u8),
        Pair(u8, u8),
        Shaped { size: u8 },
    }

    fn both(value: Value) -> (Result<Sample, String>, Result<Sample, String>) {
        let ours = from_value::<Sample>(value.clone()).map_err(|e| e.to_string());
        let theirs = serde_json::from_value::<Sample>(value).map_err(|e| e.to_string());
        (ours, theirs)
    }

    #[test]
    fn reads_and_fails_exactly_like_serde_json_on_objects() {
        let good = json!({"name": "a", "count": 3, "ratio": 0.5, "kind": {"shaped": {"size": 2}},
            "tags": ["x"], "pairs": {"b": -1, "a": 2}});
        let (ours, theirs) = both(good.clone());
        assert!(ours.is_ok(), "{ours:?}");
        assert_eq!(ours, theirs);
        let mut cases = vec![
            json!(null),
            json!("text"),
            json!({"name": "a", "count": 3, "ratio": null, "kind": "plain", "pairs": {}}),
            json!({"name": "a", "count": -3, "ratio": null, "kind": "plain", "pairs": {}}),
            json!({"name": "a", "count": 1.5, "kind": "plain", "pairs": {}}),
            json!({"name": 7, "count": 3, "kind": "plain", "pairs": {}}),
            json!({"count": 3, "kind": "plain", "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": "plain", "pairs": {}, "extra": true}),
            json!({"name": "a", "count": 3, "kind": "nope", "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": {"wrapped": 4}, "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": {"wrapped": 400}, "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": {"pair": [1, 2]}, "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": {"pair": [1]}, "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": {"plain": null, "x": 1}, "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": {"shaped": 1}, "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": "shaped", "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": 5, "pairs": {}}),
            json!({"name": "a", "count": 3, "kind": "plain", "pairs": {"a": "b"}}),
            json!({"name": "a", "count": 3, "kind": "plain", "pairs": []}),
            json!({"name": "a", "count": 3, "kind": "plain", "tags": "x", "pairs": {}}),
        ];
        cases.push(good);
        for case in cases {
            let (ours, theirs) = both(case.clone());
            assert_eq!(ours, theirs, "{case}");
        }
    }

    #[test]
    fn a_struct_is_read_from_an_object_only() {
        let array = json!(["a", 3, null, "plain", [], {}]);
        assert!(serde_json::from_value::<Sample>(array.clone()).is_ok());
        assert_eq!(
            from_value::<Sample>(array).map_err(|e| e.to_string()),
            Err("invalid type: sequence, expected struct Sample".to_string())
        );
    }
}
