//! The hand-written readers against serde's derived ones: each probe type
//! below is read by [`FromValue`] (macro-made) and by a derived twin with
//! the same serde attributes the type had, on good and bad inputs; the
//! results and the error texts must be the same.

use super::*;
use crate::engine::{RootCause, TriageKey};
use serde_json::json;

#[derive(Debug, PartialEq)]
struct Probe {
    name: String,
    count: u32,
    ratio: Option<f64>,
    cause: RootCause,
    tags: Vec<String>,
    note: Option<String>,
    loose: String,
    inner: Option<Inner>,
}

crate::read_struct!(Probe {
    name: "name",
    count: "count",
    ratio: "ratio",
    cause: "causeKind",
    tags: "tags" default,
    note: "note" default,
    loose: "looseText" with_default(loose_text),
    inner: "inner",
});

#[derive(Debug, PartialEq)]
struct Inner {
    flag: bool,
    at: chrono::DateTime<chrono::Utc>,
}

crate::read_struct!(Inner {
    flag: "flag",
    at: "at",
});

fn loose_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        other => other.to_string(),
    })
}

#[derive(Debug, PartialEq)]
struct Nums {
    small: u8,
    signed: i64,
    size: usize,
    narrow: f32,
    wide: f64,
    flag: bool,
}

crate::read_struct!(Nums {
    small: "small" default,
    signed: "signed" default,
    size: "size" default,
    narrow: "narrow" default,
    wide: "wide" default,
    flag: "flag" default,
});

/// The derived twins (same names in `Debug`, so results compare as text),
/// read through [`ValueReader`] as the wasm read them before.
#[allow(dead_code)] // read only through `Debug`
mod twin {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Probe {
        pub name: String,
        pub count: u32,
        pub ratio: Option<f64>,
        #[serde(rename = "causeKind")]
        pub cause: RootCause,
        #[serde(default)]
        pub tags: Vec<String>,
        #[serde(default)]
        pub note: Option<String>,
        #[serde(default, deserialize_with = "super::loose_text")]
        pub loose_text: String,
        pub inner: Option<Inner>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct Nums {
        pub small: u8,
        pub signed: i64,
        pub size: usize,
        pub narrow: f32,
        pub wide: f64,
        pub flag: bool,
    }

    #[derive(Debug, Deserialize)]
    pub struct Inner {
        pub flag: bool,
        pub at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Debug, Deserialize, serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum RootCause {
        #[serde(alias = "product-bug")]
        ProductDefect,
        #[serde(alias = "configuration-issue")]
        Configuration,
        ProcessFailure,
        #[serde(alias = "other")]
        Unknown,
    }
}

/// Ours (straight, and through the thin `Deserialize`) and serde's result
/// as text; `Debug` differs only in the one renamed field.
fn both<A, B>(value: &Value) -> (String, String)
where
    A: FromValue + serde::de::DeserializeOwned + std::fmt::Debug,
    B: serde::de::DeserializeOwned + std::fmt::Debug,
{
    let ours = format!("{:?}", read::<A>(value.clone()).map_err(|e| e.to_string()));
    let thin = format!(
        "{:?}",
        from_value::<A>(value.clone()).map_err(|e| e.to_string())
    );
    assert_eq!(ours, thin, "{value}");
    let theirs = format!(
        "{:?}",
        B::deserialize(ValueReader(value.clone())).map_err(|e| e.to_string())
    );
    (ours.replace("loose:", "loose_text:"), theirs)
}

#[test]
fn unit_enums_read_and_fail_like_derived_ones() {
    let cases = [
        json!("product-defect"),
        json!("product-bug"),
        json!("other"),
        json!("process-failure"),
        json!({"unknown": null}),
        json!({"unknown": 1}),
        json!({"nope": null}),
        json!({"unknown": null, "other": null}),
        json!({}),
        json!("Product-Defect"),
        json!(""),
        json!(3),
        json!(-1.5),
        json!(true),
        json!(null),
        json!(["other"]),
    ];
    for case in cases {
        let (ours, theirs) = both::<RootCause, twin::RootCause>(&case);
        assert_eq!(ours, theirs, "{case}");
    }
}

#[test]
fn structs_read_and_fail_like_derived_ones() {
    let good = json!({"name": "a", "count": 3, "ratio": 0.5, "causeKind": "other",
        "tags": ["x"], "note": "n", "looseText": 7,
        "inner": {"flag": true, "at": "2026-01-02T03:04:05Z"}});
    let (ours, theirs) = both::<Probe, twin::Probe>(&good);
    assert!(ours.starts_with("Ok("), "{ours}");
    assert_eq!(ours, theirs);
    let cases = [
        json!({"name": "a", "count": 3, "causeKind": "unknown", "inner": null}),
        json!({"name": "a", "count": 3, "causeKind": "unknown"}),
        json!({"name": "a", "count": 3, "ratio": null, "causeKind": "fix", "inner": null}),
        json!({"name": "a", "count": -3, "causeKind": "unknown", "inner": null}),
        json!({"name": "a", "count": 1.5, "causeKind": "unknown", "inner": null}),
        json!({"name": 7, "count": 3, "causeKind": "unknown"}),
        json!({"count": 3, "causeKind": "unknown"}),
        json!({"name": "a", "causeKind": "unknown"}),
        json!({"name": "a", "count": 3}),
        json!({"name": 1, "count": "x", "causeKind": 2}),
        json!({"name": "a", "count": 3, "causeKind": "other", "extra": [1]}),
        json!({"name": "a", "count": 3, "causeKind": "other", "tags": "x"}),
        json!({"name": "a", "count": 3, "causeKind": "other", "tags": [1]}),
        json!({"name": "a", "count": 3, "causeKind": "other", "tags": null}),
        json!({"name": "a", "count": 3, "causeKind": "other", "note": null}),
        json!({"name": "a", "count": 3, "causeKind": "other", "looseText": null}),
        json!({"name": "a", "count": 3, "causeKind": "other", "inner": {"flag": 1}}),
        json!({"name": "a", "count": 3, "causeKind": "other", "inner": {"flag": true}}),
        json!({"name": "a", "count": 3, "causeKind": "other",
            "inner": {"flag": true, "at": "yesterday"}}),
        json!({"name": "a", "count": 3, "causeKind": "other", "inner": []}),
        json!(["a", 3, null, "other"]),
        json!("text"),
        json!(null),
        json!(12),
    ];
    for case in cases {
        let (ours, theirs) = both::<Probe, twin::Probe>(&case);
        assert_eq!(ours, theirs, "{case}");
    }
}

#[test]
fn the_thin_deserialize_reads_json_text_and_keys_the_same_way() {
    let text = r#"{"name":"a","count":3,"causeKind":"product-bug","inner":null}"#;
    let read = serde_json::from_str::<Probe>(text).map(|p| p.cause);
    assert!(matches!(read, Ok(RootCause::ProductDefect)), "{read:?}");
    let bad = serde_json::from_str::<Probe>(r#"{"name":"a"}"#).map_err(|e| e.to_string());
    assert!(
        matches!(&bad, Err(e) if e.starts_with("missing field `count`")),
        "{bad:?}"
    );
    // An enum as a map key (KeyReader) still reads through the thin impl.
    let keyed = from_value::<std::collections::BTreeMap<TriageKey, u8>>(json!({"impact": 1}));
    assert!(
        matches!(&keyed, Ok(m) if m.get(&TriageKey::Impact) == Some(&1)),
        "{keyed:?}"
    );
}

#[test]
fn unit_enums_write_the_name_the_derived_serialize_wrote() {
    let pairs = [
        (RootCause::ProductDefect, twin::RootCause::ProductDefect),
        (RootCause::Configuration, twin::RootCause::Configuration),
        (RootCause::ProcessFailure, twin::RootCause::ProcessFailure),
        (RootCause::Unknown, twin::RootCause::Unknown),
    ];
    for (ours, theirs) in pairs {
        let text = serde_json::to_string(&ours).map_err(|e| e.to_string());
        assert_eq!(
            text,
            serde_json::to_string(&theirs).map_err(|e| e.to_string())
        );
        assert_eq!(
            serde_json::to_value(ours).ok(),
            serde_json::to_value(&theirs).ok()
        );
        let back =
            text.and_then(|t| serde_json::from_str::<RootCause>(&t).map_err(|e| e.to_string()));
        assert_eq!(back, Ok(ours));
    }
    // An enum as a map key is written as its name too.
    let keyed: std::collections::BTreeMap<TriageKey, u8> = [(TriageKey::ArrRenewal, 1)].into();
    let text = serde_json::to_string(&keyed).map_err(|e| e.to_string());
    assert_eq!(text.as_deref(), Ok(r#"{"arr-renewal":1}"#));
}

#[test]
fn pairs_read_and_fail_like_serde_tuples() {
    let cases = [
        json!([["a", 1], ["b", 2]]),
        json!([["a"]]),
        json!([[]]),
        json!([["a", 1, 2]]),
        json!([["a", "b"]]),
        json!([{"a": 1}]),
        json!(["a"]),
        json!({"a": 1}),
    ];
    for case in cases {
        let (ours, theirs) = both::<Vec<(String, u8)>, Vec<(String, u8)>>(&case);
        assert_eq!(ours, theirs, "{case}");
    }
}

#[test]
fn eta_reads_and_fails_like_the_tagged_mirror_it_replaced() {
    use crate::messages::Eta;
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Wire {
        Date { date: chrono::NaiveDate },
        NotYet { reason: Option<String> },
    }
    let cases = [
        json!({"kind": "date", "date": "2026-04-01"}),
        json!({"kind": "date", "date": "April"}),
        json!({"kind": "date"}),
        json!({"kind": "not-yet"}),
        json!({"kind": "not-yet", "reason": "waiting", "extra": 1}),
        json!({"kind": "not-yet", "reason": 4}),
        json!({"kind": "soon"}),
        json!({"kind": 1}),
        json!({"date": "2026-04-01"}),
        json!("date"),
        json!(null),
    ];
    for case in cases {
        let ours = read::<Eta>(case.clone()).map_err(|e| e.to_string());
        let theirs = internally_tagged::<_, Wire>(ValueReader(case.clone()), "kind")
            .map(|w| match w {
                Wire::Date { date } => Eta::Date { date },
                Wire::NotYet { reason } => Eta::NotYet { reason },
            })
            .map_err(|e| e.to_string());
        assert_eq!(ours, theirs, "{case}");
    }
}

#[test]
fn a_time_style_is_a_locale_tag_an_object_or_null() {
    use crate::messages::time_text::{DateOrder, TimeStyle};
    let gb = read::<TimeStyle>(json!("en-GB"));
    assert_eq!(gb.ok(), Some(TimeStyle::for_locale("en-GB")));
    assert_eq!(
        read::<TimeStyle>(json!(null)).ok(),
        Some(TimeStyle::default())
    );
    let shaped = read::<TimeStyle>(json!({"hour12": false, "dateOrder": "day-first", "x": 1}));
    assert_eq!(
        shaped.ok(),
        Some(TimeStyle {
            hour12: false,
            date_order: DateOrder::DayFirst
        })
    );
    let expected = r#"expected a locale tag such as "en-GB", or { hour12, dateOrder }"#;
    for (case, found) in [
        (json!(5), "integer `5`"),
        (json!(-5), "integer `-5`"),
        (json!(true), "boolean `true`"),
        (json!([]), "sequence"),
    ] {
        let err = read::<TimeStyle>(case).map_err(|e| e.to_string());
        assert_eq!(err, Err(format!("invalid type: {found}, {expected}")));
    }
    let wrong = read::<TimeStyle>(json!({"hour12": "yes"})).map_err(|e| e.to_string());
    assert_eq!(
        wrong,
        Err("invalid type: string \"yes\", expected a boolean".to_string())
    );
}

#[test]
fn numbers_and_booleans_read_and_fail_like_serde() {
    let big = u64::MAX;
    let cases = [
        json!({"small": 255, "signed": -9, "size": 7, "narrow": 1.5, "wide": -2, "flag": true}),
        json!({"small": 256}),
        json!({"small": -1}),
        json!({"small": 1.0}),
        json!({"small": "1"}),
        json!({"signed": big}),
        json!({"signed": i64::MIN}),
        json!({"signed": 0.5}),
        json!({"size": -3}),
        json!({"size": big}),
        json!({"narrow": 16_777_217}),
        json!({"narrow": big}),
        json!({"narrow": -16_777_217}),
        json!({"narrow": 1e300}),
        json!({"narrow": "x"}),
        json!({"wide": big}),
        json!({"wide": null}),
        json!({"flag": 1}),
        json!({"flag": null}),
    ];
    for case in cases {
        let (ours, theirs) = both::<Nums, twin::Nums>(&case);
        assert_eq!(ours, theirs, "{case}");
    }
}
