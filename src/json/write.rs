//! Writing JSON text through one serializer: serde_json's compact text
//! writer into a `Vec<u8>`. Every `Serialize` impl (derived or serde_json's
//! own `Value`) is then compiled once in the wasm; `Value`'s `Display`, the
//! `Value` writer behind `to_value` / `json!` and the pretty formatter would
//! each be one more copy.

use serde::Serialize;
use serde_json::Value;

/// Compact JSON text of a `Value`: what `value.to_string()` writes, through
/// the text writer every other write uses (`Display` goes through a second
/// writer type). A `Value` always serializes (its keys are strings).
pub(crate) fn text(value: &Value) -> String {
    write(value).unwrap_or_default()
}

/// Compact JSON text of any `Serialize` type (`serde_json::to_string`).
fn write<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(value)
}

/// What `serde_json::to_string_pretty` writes (two-space indent, `": "`
/// after a key, `[]` / `{}` when empty), with the leaves (numbers, strings,
/// keys) written by [`text`] so numbers and escapes are the same.
pub(crate) fn pretty(value: &Value) -> String {
    let mut out = String::new();
    pretty_into(&mut out, value, 0);
    out
}

fn pretty_into(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                line(out, i, depth + 1);
                pretty_into(out, item, depth + 1);
            }
            close(out, depth, ']');
        }
        Value::Object(map) if !map.is_empty() => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                line(out, i, depth + 1);
                out.push_str(&write(key.as_str()).unwrap_or_default());
                out.push_str(": ");
                pretty_into(out, item, depth + 1);
            }
            close(out, depth, '}');
        }
        leaf => out.push_str(&text(leaf)),
    }
}

/// Starts the `i`-th item of a container on its own line.
fn line(out: &mut String, i: usize, depth: usize) {
    out.push_str(if i == 0 { "\n" } else { ",\n" });
    indent(out, depth);
}

fn close(out: &mut String, depth: usize, bracket: char) {
    out.push('\n');
    indent(out, depth);
    out.push(bracket);
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Any JSON value up to a few levels deep: nulls, bools, integers,
    /// floats, strings with escapes and non-ASCII, empty and full containers.
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((".{0,6}", inner), 0..5)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn pretty_is_serde_jsons_pretty(value in json_value()) {
            let theirs = serde_json::to_string_pretty(&value);
            prop_assert!(theirs.is_ok());
            prop_assert_eq!(pretty(&value), theirs.unwrap_or_default());
        }

        #[test]
        fn text_is_values_display(value in json_value()) {
            prop_assert_eq!(text(&value), value.to_string());
        }
    }

    #[test]
    fn empty_containers_and_nesting() {
        let value = serde_json::json!({"a": [], "b": {}, "c": [1, {"d": "é\n"}]});
        assert_eq!(
            pretty(&value),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": \"é\\n\"\n    }\n  ]\n}"
        );
    }
}
