//! Hand-written readers from `serde_json::Value` (a wasm size concern).
//!
//! serde's derived `Deserialize` compiles, per type, a field-identifier
//! visitor (`visit_str`, `visit_bytes`, `visit_u64`), a `visit_map` with a
//! `next_value::<T>` per field type and, per enum, a `deserialize_enum` and
//! `visit_enum`. [`FromValue`] reads the same JSON from an owned `Value`
//! with one small function per type; the macros [`read_struct!`] and
//! [`unit_enum!`] write it from the field or variant list, and give the type
//! a thin `Deserialize` (any deserializer → `Value` → `from_value`) so the
//! types that still derive theirs, `src/web`'s readers and tests reading
//! JSON text keep working through the one path; `json::read` /
//! `json::read_text` call `from_value` directly (no `Value` rebuild).
//! `unit_enum!` also declares the enum itself (its variants with their wire
//! names, one list) and writes its `Serialize` (the wire name).
//!
//! Accepted inputs, defaults and error texts are serde's (the comparison
//! tests in `json/read_tests.rs` check them against derived twins): a struct is
//! read from an object only, unknown keys are ignored, keys are visited in
//! the object's (sorted) order so the first bad value reported is the one
//! serde reports, then missing fields in declaration order.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::{Map, Value};

use super::{invalid, JsonError};

/// A unit enum's written (wire) name: what its `Serialize` writes, without
/// compiling a serializer per type to get it (`present::kebab`).
pub trait WireName {
    fn wire_name(&self) -> &'static str;
}

/// A type read from an owned JSON value.
pub trait FromValue: Sized {
    fn from_value(value: Value) -> Result<Self, JsonError>;

    /// The value of an absent field without `default`: an error naming the
    /// field, except for `Option` (absent reads as `None`, as in serde).
    fn missing(field: &'static str) -> Result<Self, JsonError> {
        Err(JsonError::missing_field(field))
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }

    fn missing(_field: &'static str) -> Result<Self, JsonError> {
        Ok(None)
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(value: Value) -> Result<Self, JsonError> {
        match value {
            // A loop, not `map(..).collect::<Result<_, _>>()`: that compiled
            // try_process, a shunt and an in-place collect per element type.
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(T::from_value(item)?);
                }
                Ok(out)
            }
            other => Err(invalid(&other, &"a sequence")),
        }
    }
}

/// A pair, from an array of exactly two (serde's tuple reader and errors).
impl<A: FromValue, B: FromValue> FromValue for (A, B) {
    fn from_value(value: Value) -> Result<Self, JsonError> {
        const PAIR: &str = "a tuple of size 2";
        let items = match value {
            Value::Array(items) => items,
            other => return Err(invalid(&other, &PAIR)),
        };
        let len = items.len();
        let mut items = items.into_iter();
        let a = match items.next() {
            Some(v) => A::from_value(v)?,
            None => return Err(JsonError::invalid_length(0, &PAIR)),
        };
        let b = match items.next() {
            Some(v) => B::from_value(v)?,
            None => return Err(JsonError::invalid_length(1, &PAIR)),
        };
        match items.len() {
            0 => Ok((a, b)),
            _ => Err(JsonError::invalid_length(len, &"fewer elements in array")),
        }
    }
}

/// `FromValue` through the type's own `Deserialize` (on [`ValueReader`]):
/// for leaves (strings, numbers, dates) whose serde readers are shared
/// anyway, and for types not converted yet.
#[macro_export]
#[doc(hidden)]
macro_rules! via_serde {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::json::FromValue for $t {
            fn from_value(value: serde_json::Value) -> Result<Self, serde_json::Error> {
                <$t as serde::Deserialize>::deserialize($crate::json::ValueReader(value))
            }
        }
    )*};
}

crate::via_serde!(String, bool, u8, u16, u32, u64, i32, i64, f64, f32, usize,);

/// The thin `Deserialize` of a converted type: any input as a `Value`, then
/// [`FromValue`]; the error keeps the reader's text.
pub(crate) fn through_value<'de, D: Deserializer<'de>, T: FromValue>(d: D) -> Result<T, D::Error> {
    T::from_value(Value::deserialize(d)?).map_err(D::Error::custom)
}

/// The object a struct is read from; anything else is serde's
/// "invalid type: …, expected struct Name".
pub(crate) fn object(value: Value, what: &'static str) -> Result<Map<String, Value>, JsonError> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(invalid(&other, &what)),
    }
}

/// The index in `names` of a unit variant written as `"name"` or as
/// `{"name": null}` (serde's externally tagged form), with serde's errors.
pub(crate) fn unit_variant(
    value: Value,
    names: &'static [&'static str],
) -> Result<usize, JsonError> {
    let (name, rest) = match value {
        Value::String(name) => (name, Value::Null),
        Value::Object(map) => {
            let mut entries = map.into_iter();
            match (entries.next(), entries.next()) {
                (Some(entry), None) => entry,
                _ => {
                    return Err(JsonError::invalid_value(
                        serde::de::Unexpected::Map,
                        &"map with a single key",
                    ))
                }
            }
        }
        other => return Err(invalid(&other, &"string or map")),
    };
    let index = names
        .iter()
        .position(|n| *n == name)
        .ok_or_else(|| JsonError::unknown_variant(&name, names))?;
    match rest {
        Value::Null => Ok(index),
        other => Err(invalid(&other, &"unit")),
    }
}

/// The second of two tokens (maps each variant name, alias or not, to its
/// variant in [`unit_enum!`]).
#[macro_export]
#[doc(hidden)]
macro_rules! json_second {
    ($_first:tt, $second:expr) => {
        $second
    };
}

/// Declares an enum of unit variants, each with its wire name(s), and
/// writes its `FromValue`, a thin `Deserialize`, `WireName` and `Serialize`,
/// so the variant list is written once:
///
/// ```text
/// crate::unit_enum! {
///     /// Doc of the enum.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Kind {
///         /// Doc of the variant.
///         A = "a",
///         B = "b" | "b-old" => "b",
///     }
/// }
/// ```
///
/// Attributes and doc comments on the enum and on each variant (`#[default]`
/// too) pass through; variants keep their order (and so `as usize`). With
/// aliases, list a variant's names in sorted order (serde's "expected one
/// of" text lists them so) and name the one written after `=>`; otherwise
/// the (only) name is written.
#[macro_export]
#[doc(hidden)]
macro_rules! unit_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $t:ident {
            $(
                $(#[$vmeta:meta])*
                $v:ident = $($name:literal)|+ $(=> $out:literal)?
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $t {
            $($(#[$vmeta])* $v,)+
        }
        impl $crate::json::FromValue for $t {
            fn from_value(value: serde_json::Value) -> Result<Self, serde_json::Error> {
                const NAMES: &[&str] = &[$($($name,)+)+];
                const VALUES: &[$t] = &[$($($crate::json_second!($name, $t::$v),)+)+];
                let index = $crate::json::unit_variant(value, NAMES)?;
                match VALUES.get(index) {
                    Some(v) => Ok(*v),
                    None => Err(<serde_json::Error as serde::de::Error>::custom("variant")),
                }
            }
        }
        $crate::thin_deserialize!($t);
        impl $crate::json::WireName for $t {
            fn wire_name(&self) -> &'static str {
                match self {
                    $($t::$v => $crate::json_written!($($out)? ; $($name)+),)+
                }
            }
        }
        /// Written as its wire name (what serde's unit variant gives).
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::json::WireName::wire_name(self))
            }
        }
    };
}

/// The written name of a unit variant: the one after `=>`, else the first.
#[macro_export]
#[doc(hidden)]
macro_rules! json_written {
    (; $first:literal $($_rest:literal)*) => {
        $first
    };
    ($out:literal ; $($_names:literal)*) => {
        $out
    };
}

/// `impl Deserialize` through [`through_value`].
#[macro_export]
#[doc(hidden)]
macro_rules! thin_deserialize {
    ($t:ident) => {
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::json::through_value(d)
            }
        }
    };
}

/// `FromValue` and a thin `Deserialize` for a struct with named fields:
/// `read_struct!(Name { field: "wireName", other: "other" default, x: "x"
/// with(reader), y: "y" with_default(reader) })`. `default` is
/// `#[serde(default)]` (the field type's default when absent); `with` is
/// `deserialize_with` (a `fn(ValueReader) -> Result<T, serde_json::Error>`,
/// named unlike every field: the fields are local variables while reading).
/// `read_struct!(@fields map, Enum::Variant { … })` builds a struct
/// variant (or struct) from an already taken-out object.
#[macro_export]
#[doc(hidden)]
macro_rules! read_struct {
    ($t:ident { $($fields:tt)+ }) => {
        impl $crate::json::FromValue for $t {
            fn from_value(value: serde_json::Value) -> Result<Self, serde_json::Error> {
                let map = $crate::json::object(value, concat!("struct ", stringify!($t)))?;
                Ok($crate::read_struct!(@fields map, $t { $($fields)+ }))
            }
        }
        $crate::thin_deserialize!($t);
    };
    (@fields $map:ident, $($p:ident)::+ {
        $($f:ident : $key:literal $($mode:ident $(($with:path))?)?),+ $(,)?
    }) => {{
        $(let mut $f = None;)+
        for (key, value) in $map {
            match key.as_str() {
                $($key => $f = Some($crate::read_struct!(@read value $($mode $(($with))?)?)),)+
                _ => {}
            }
        }
        $($p)::+ {
            $($f: match $f {
                Some(v) => v,
                None => $crate::read_struct!(@missing $key $($mode)?),
            },)+
        }
    }};
    (@read $value:ident) => { $crate::json::FromValue::from_value($value)? };
    (@read $value:ident default) => { $crate::json::FromValue::from_value($value)? };
    (@read $value:ident with($with:path)) => { $with($crate::json::ValueReader($value))? };
    (@read $value:ident with_default($with:path)) => { $with($crate::json::ValueReader($value))? };
    (@missing $key:literal) => { $crate::json::FromValue::missing($key)? };
    (@missing $key:literal default) => { Default::default() };
    (@missing $key:literal with) => {
        return Err(<serde_json::Error as serde::de::Error>::missing_field($key))
    };
    (@missing $key:literal with_default) => { Default::default() };
}

/// An internally tagged object (`{"type": "note", …}`) as its tag and the
/// rest of the object, with the errors [`super::internally_tagged`] gives.
pub(crate) fn tagged(value: Value, tag: &'static str) -> Result<(String, Value), JsonError> {
    let mut map = match value {
        Value::Object(map) => map,
        other => return Err(invalid(&other, &"a map")),
    };
    match map.remove(tag) {
        Some(Value::String(kind)) => Ok((kind, Value::Object(map))),
        Some(other) => Err(invalid(&other, &"variant identifier")),
        None => Err(JsonError::missing_field(tag)),
    }
}

/// A date-time string as chrono's serde reader reads it (same inputs, same
/// messages), through [`crate::rfc3339`] so chrono's parser is not compiled.
impl FromValue for chrono::DateTime<chrono::FixedOffset> {
    fn from_value(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::String(s) => crate::rfc3339::parse_relaxed(&s).map_err(JsonError::custom),
            other => Err(invalid(
                &other,
                &"an RFC 3339 formatted date and time string",
            )),
        }
    }
}

impl FromValue for chrono::DateTime<chrono::Utc> {
    fn from_value(value: Value) -> Result<Self, JsonError> {
        chrono::DateTime::<chrono::FixedOffset>::from_value(value).map(|t| t.to_utc())
    }
}

impl FromValue for chrono::NaiveDate {
    fn from_value(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::String(s) => crate::rfc3339::parse_date(&s).map_err(JsonError::custom),
            other => Err(invalid(&other, &"a formatted date string")),
        }
    }
}

impl FromValue for chrono::NaiveDateTime {
    fn from_value(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::String(s) => crate::rfc3339::parse_naive_datetime(&s).map_err(JsonError::custom),
            other => Err(invalid(&other, &"a formatted date and time string")),
        }
    }
}
