//! The public core JS API: plain functions over JSON-shaped values, so the same
//! calls work in the panel, in the service worker and in Node (`initSync`).
//! The `Escalation` class (`escalation.rs`) adapts the same calls to one
//! escalation's log; the TypeScript declarations are in `types.d.ts`.
//!
//! # The boundary (JS values walked by hand, never JSON text)
//!
//! Every export takes `JsValue` wherever JS may pass anything, and reads it
//! by reading the JS value into a `serde_json::Value` with serde-wasm-bindgen
//! (`js_to_json`), then
//! the Rust type from that: strings cross through wasm-bindgen's own
//! conversion, which cannot produce invalid UTF-8 (a lone surrogate becomes
//! U+FFFD instead of failing the whole snapshot, as `JSON.stringify` +
//! `serde_json` did with `"\ud83d"`). A wrong type is an `Error` naming the
//! argument, never a trap (`&str` parameters trapped with "memory access out
//! of bounds" on `coachDraft(42)`), and times are refused unless they are
//! finite numbers (`f64` parameters silently read `null` and `NaN` as 1970).
//! Outputs are JSON text (`serde_json` → `JSON.parse`): text Rust writes is
//! always valid UTF-8.
//!
//! Size: reading every input type with serde-wasm-bindgen cost ≈10 KB gzip
//! (a second deserializer per type: stored records already decode through
//! `serde_json`). Reading into `serde_json::Value` only costs 8.5 KB gzip
//! against a hand-written walk (474,151 B against 465,682 B, same sources);
//! it is kept because serde-wasm-bindgen is the design card's boundary crate
//! and does the JS-value reading in one well-kept place.

use crate::account::{self, Snapshot};
use chrono::{DateTime, Utc};
use wasm_bindgen::prelude::*;

/// The latest instant JavaScript's `Date` can hold, in ms (±100,000,000 days).
const JS_DATE_LIMIT_MS: f64 = 8.64e15;

// The declarations of every shape the API takes and returns (DefuseEvent,
// Deadline, NextAction, AccountFacts, Finding, Message, …), appended to
// pkg/defuse.d.ts; the exports below name them in `unchecked_*_type`.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// The core's version (from Cargo.toml, the one version source).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Reads a JS value into a Rust type; a mismatch is an `Error` that starts
/// with `what` and says which field is wrong.
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<T, JsError> {
    read_js(&value).map_err(|text| named_error(what, &text))
}

/// `what: text` as an `Error`; not generic, so `from_js` per type is only
/// the read.
fn named_error(what: &str, text: &str) -> JsError {
    JsError::new(&format!("{what}: {text}"))
}

/// `from_js` with the bare reason ("missing field `role`") as the error.
pub(crate) fn read_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let value = js_to_json(value)?;
    crate::json::from_value(value).map_err(|e| e.to_string())
}

/// A JS value as a `serde_json::Value`, read by serde-wasm-bindgen: one
/// deserializer instance (for `Value`) instead of one per input type. Strings
/// cross through wasm-bindgen (a lone surrogate becomes U+FFFD); safe
/// integers read as integers, other finite numbers as floats, NaN and
/// ±Infinity as `null`; `undefined` as `null`; an object's own enumerable
/// string-keyed properties.
fn js_to_json(value: &JsValue) -> Result<serde_json::Value, String> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| {
        // serde-wasm-bindgen's errors print as "Error: invalid type: …".
        let text = e.to_string();
        text.strip_prefix("Error: ").unwrap_or(&text).to_string()
    })
}

/// Writes a Rust value as a plain JS value (objects, arrays, `null`) through
/// JSON text: see the size table at the top for why.
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    json_to_js(serde_json::to_string(value))
}

/// The part of `to_js` that does not depend on the type (written once).
fn json_to_js(text: Result<String, serde_json::Error>) -> Result<JsValue, JsError> {
    let text =
        text.map_err(|e| JsError::new(&format!("Internal error while returning a result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("Internal error while returning a result."))
}

/// What a JS value is, for error messages: "a number (42)", "NaN", "null".
pub(crate) fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        return "undefined".into();
    }
    if value.is_null() {
        return "null".into();
    }
    if let Some(n) = value.as_f64() {
        return if n.is_nan() {
            "NaN".into()
        } else if n.is_infinite() {
            format!("a number ({}Infinity)", if n < 0.0 { "-" } else { "" })
        } else {
            format!("a number ({n})")
        };
    }
    if value.is_string() {
        return "a string".into();
    }
    if value.as_bool().is_some() {
        return "a boolean".into();
    }
    if js_sys::Array::is_array(value) {
        return "an array".into();
    }
    if value.is_function() {
        return "a function".into();
    }
    if value.is_bigint() {
        return "a bigint".into();
    }
    if value.is_symbol() {
        return "a symbol".into();
    }
    "an object".into()
}

/// Ok when `value` is a plain object (not an array), else the `Error` that
/// `refuse` writes from what the value is ("a number (42)", "null", …).
pub(crate) fn expect_object(
    value: &JsValue,
    refuse: impl FnOnce(String) -> String,
) -> Result<(), JsError> {
    if value.is_object() && !js_sys::Array::is_array(value) {
        Ok(())
    } else {
        Err(JsError::new(&refuse(describe(value))))
    }
}

/// Ok when `value` is an array, else the `Error` that `refuse` writes from
/// what the value is.
pub(crate) fn expect_array(
    value: &JsValue,
    refuse: impl FnOnce(String) -> String,
) -> Result<(), JsError> {
    if js_sys::Array::is_array(value) {
        Ok(())
    } else {
        Err(JsError::new(&refuse(describe(value))))
    }
}

/// A string argument, or an `Error` naming it.
pub(crate) fn text_arg(value: &JsValue, name: &str) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "`{name}` must be a string, not {}.",
            describe(value)
        ))
    })
}

/// A time argument in milliseconds since 1970, or an `Error` naming it.
pub(crate) fn ms_arg(value: &JsValue, name: &str) -> Result<DateTime<Utc>, JsError> {
    let ms = match value.as_f64() {
        Some(n) if n.is_finite() => n,
        _ => {
            return Err(JsError::new(&format!(
                "`{name}` must be a time in milliseconds since 1970 (a finite number such as Date.now()), not {}.",
                describe(value)
            )))
        }
    };
    if ms.abs() > JS_DATE_LIMIT_MS {
        return Err(JsError::new(&format!(
            "`{name}` ({ms}) is outside the dates JavaScript can represent."
        )));
    }
    DateTime::from_timestamp_millis(ms as i64)
        .ok_or_else(|| JsError::new(&format!("`{name}` ({ms}) is out of range.")))
}

/// A time argument as an ISO 8601 string or milliseconds, or an `Error` naming it.
pub(crate) fn instant_arg(value: &JsValue, name: &str) -> Result<DateTime<Utc>, JsError> {
    let Some(text) = value.as_string() else {
        if value.as_f64().is_some() {
            return ms_arg(value, name);
        }
        return Err(JsError::new(&format!(
            "`{name}` must be an ISO 8601 time such as \"2026-11-27T14:00:00Z\", not {}.",
            describe(value)
        )));
    };
    crate::rfc3339::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            let shown: String = text.chars().take(40).collect();
            JsError::new(&format!(
                "`{name}` (\"{shown}\") is not an ISO 8601 time such as \"2026-11-27T14:00:00Z\": {e}."
            ))
        })
}

/// An optional flag: `undefined` / `null` mean false.
pub(crate) fn flag_arg(value: &JsValue, name: &str) -> Result<bool, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    value.as_bool().ok_or_else(|| {
        JsError::new(&format!(
            "`{name}` must be true or false, not {}.",
            describe(value)
        ))
    })
}

/// Reads the account facts out of a page-agent snapshot.
///
/// `snapshot` is the object the page agent sends; the result is the
/// `AccountFacts` object (camelCase). Malformed input is an `Error` whose
/// message says what was wrong.
#[wasm_bindgen(js_name = extractAccount, unchecked_return_type = "AccountFacts")]
pub fn extract_account(
    #[wasm_bindgen(unchecked_param_type = "Snapshot")] snapshot: JsValue,
) -> Result<JsValue, JsError> {
    let snapshot = parse_snapshot(snapshot)?;
    let facts = account::extract(&snapshot);
    to_js(&facts)
}

pub(crate) fn parse_snapshot(value: JsValue) -> Result<Snapshot, JsError> {
    expect_object(&value, |what| {
        format!("The page snapshot could not be read: it must be an object, not {what}.")
    })?;
    let snapshot: Snapshot = from_js(value, "The page snapshot could not be read")?;
    Ok(snapshot.validate())
}

pub(crate) fn events_from(value: JsValue) -> Result<Vec<crate::engine::Event>, JsError> {
    expect_array(&value, |what| {
        format!("`events` must be an array of events, not {what}.")
    })?;
    from_js(value, "The events could not be read")
}

pub(crate) fn config(business_days: bool) -> crate::engine::Config {
    crate::engine::Config {
        business_days,
        ..Default::default()
    }
}

/// The reminder plan for the background worker: `records` is every
/// `[key, text]` pair in storage (the worker knows no key names); returns
/// `{ alarms: Reminder[], badge, unreadable }`. Business days come from the
/// stored settings; `locale` (the CSM's, e.g. `navigator.language`) sets how
/// the notifications write times.
#[wasm_bindgen(unchecked_return_type = "ReminderPlan")]
pub fn reminders(
    #[wasm_bindgen(unchecked_param_type = "[string, string][]")] records: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] locale: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let (pairs, now, style) = super::wake::pass_args(records, now_ms, locale)?;
    let rules = super::tz::IntlRules::default();
    to_js(&crate::workspace::reminder_plan(&pairs, now, &rules, style))
}

/// Whether a storage change to any of `keys` (string[]) calls for a new
/// reminder plan.
#[wasm_bindgen(js_name = affectsReminders)]
pub fn affects_reminders(
    #[wasm_bindgen(unchecked_param_type = "string[]")] keys: JsValue,
) -> Result<bool, JsError> {
    expect_array(&keys, |what| {
        format!("`keys` must be an array of strings, not {what}.")
    })?;
    let keys: Vec<String> = from_js(keys, "The changed keys could not be read")?;
    Ok(keys.iter().any(|k| crate::workspace::affects_reminders(k)))
}

/// Folds an escalation's events (`Event[]`, any order) into its state.
#[wasm_bindgen(js_name = foldEscalation, unchecked_return_type = "EscalationState")]
pub fn fold_escalation(
    #[wasm_bindgen(unchecked_param_type = "DefuseEvent[]")] events: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&crate::engine::fold(&events_from(events)?))
}

/// Folds `events` and answers `f(state, now, rules, config)` as a JS value.
fn at_now<T: serde::Serialize>(
    events: JsValue,
    now_ms: JsValue,
    business_days: Option<JsValue>,
    f: impl FnOnce(
        &crate::engine::Escalation,
        DateTime<Utc>,
        &super::tz::IntlRules,
        &crate::engine::Config,
    ) -> T,
) -> Result<JsValue, JsError> {
    let now = ms_arg(&now_ms, "nowMs")?;
    let business_days = business_days.unwrap_or(JsValue::UNDEFINED);
    let config = config(flag_arg(&business_days, "businessDays")?);
    let state = crate::engine::fold(&events_from(events)?);
    answer_at(&state, now, &config, f)
}

/// `f(state, now, rules, config)` as a JS value, on the runtime's own zone
/// rules: the free functions and the `Escalation` class answer through this.
pub(crate) fn answer_at<T: serde::Serialize>(
    state: &crate::engine::Escalation,
    now: DateTime<Utc>,
    config: &crate::engine::Config,
    f: impl FnOnce(
        &crate::engine::Escalation,
        DateTime<Utc>,
        &super::tz::IntlRules,
        &crate::engine::Config,
    ) -> T,
) -> Result<JsValue, JsError> {
    let rules = super::tz::IntlRules::default();
    to_js(&f(state, now, &rules, config))
}

/// Every deadline of the escalation at `nowMs`, with due times and statuses.
#[wasm_bindgen(js_name = deadlines, unchecked_return_type = "Deadline[]")]
pub fn deadlines_js(
    #[wasm_bindgen(unchecked_param_type = "DefuseEvent[]")] events: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
    #[wasm_bindgen(js_name = businessDays, unchecked_optional_param_type = "boolean")]
    business_days: Option<JsValue>,
) -> Result<JsValue, JsError> {
    at_now(events, now_ms, business_days, |s, now, rules, config| {
        crate::engine::deadlines(s, now, rules, config)
    })
}

/// The one next thing to do at `nowMs`.
#[wasm_bindgen(js_name = nextAction, unchecked_return_type = "NextAction")]
pub fn next_action_js(
    #[wasm_bindgen(unchecked_param_type = "DefuseEvent[]")] events: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
    #[wasm_bindgen(js_name = businessDays, unchecked_optional_param_type = "boolean")]
    business_days: Option<JsValue>,
) -> Result<JsValue, JsError> {
    at_now(events, now_ms, business_days, |s, now, rules, config| {
        crate::engine::next_action(s, now, rules, config)
    })
}

/// Whether `body` (an event body such as `{ type: 'dri-assigned', name, role }`)
/// may be appended at `nowMs`: `null` when it may, else the reason.
#[wasm_bindgen(js_name = checkEvent)]
pub fn check_event(
    #[wasm_bindgen(unchecked_param_type = "DefuseEvent[]")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EventBody")] body: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
) -> Result<Option<String>, JsError> {
    let now = ms_arg(&now_ms, "nowMs")?;
    let state = crate::engine::fold(&events_from(events)?);
    let body: crate::engine::EventBody = from_js(body, "The event could not be read")?;
    Ok(crate::engine::check(&state, &body, now)
        .err()
        .map(|e| e.to_string()))
}

/// Coach findings for a draft: `context` is a `CoachContext` (camelCase, all
/// optional). A draft over 1 MiB (`coach::MAX_DRAFT_BYTES`, UTF-8) throws an
/// `Error` saying its size and the limit (`coach::CoachError::TooLong`)
/// rather than coaching only its first megabyte: a CSM is never told "no
/// findings" about text the coach did not read.
#[wasm_bindgen(js_name = coachDraft, unchecked_return_type = "Finding[]")]
pub fn coach_draft_js(
    #[wasm_bindgen(unchecked_param_type = "string")] draft: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CoachContext")] context: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let draft = text_arg(&draft, "draft")?;
    let context: crate::coach::CoachContext = match context {
        None => Default::default(),
        Some(c) if c.is_undefined() || c.is_null() => Default::default(),
        Some(c) => from_js(c, "The coach context could not be read")?,
    };
    let findings =
        crate::coach::check_draft(&draft, &context).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&findings)
}

/// How much a piece of conversation text reads like an escalation.
#[wasm_bindgen(js_name = scoreEscalation, unchecked_return_type = "SignalScore")]
pub fn score_escalation_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] lang: JsValue,
) -> Result<JsValue, JsError> {
    let text = text_arg(&text, "text")?;
    let lang = text_arg(&lang, "lang")?;
    to_js(&crate::coach::score_escalation(&text, &lang))
}

/// The customer message at which the page's conversation became an
/// escalation, from the snapshot's `messages` (direction and time) or else
/// its `conversation` excerpt: `{ index, at, author, intensity, message }`
/// (`message` is a `scoreEscalation` result whose offsets point into that
/// message's text), or `null` — always `null` for a page of only our own
/// outbound messages.
#[wasm_bindgen(
    js_name = conversationEscalation,
    unchecked_return_type = "ConversationEscalation | null"
)]
pub fn conversation_escalation_js(
    #[wasm_bindgen(unchecked_param_type = "Snapshot")] snapshot: JsValue,
) -> Result<JsValue, JsError> {
    let snapshot = parse_snapshot(snapshot)?;
    match crate::coach::snapshot_escalation(&snapshot) {
        Some(found) => to_js(&found),
        None => Ok(JsValue::NULL),
    }
}

/// One playbook message from its input object (see the `*Input` types).
/// `kind` is a message kind such as `acknowledgment` or `daily-update`.
#[wasm_bindgen(js_name = generateMessage, unchecked_return_type = "Message")]
pub fn generate_message(
    #[wasm_bindgen(unchecked_param_type = "MessageKindName | 'no-news-update'")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MessageInput")] input: JsValue,
) -> Result<JsValue, JsError> {
    let kind = text_arg(&kind, "kind")?;
    expect_object(&input, |what| {
        format!("The message input could not be read: `input` must be an object, not {what}.")
    })?;
    // Through JSON text: one deserializer per input type (see the size table
    // at the top), and `generate_from_json` refuses times JS cannot write.
    let text = js_sys::JSON::stringify(&input)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            JsError::new("The message input could not be read: it is not plain data.")
        })?;
    let msg = crate::messages::generate_from_json(&kind, &text)
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&msg)
}

/// All events as one export file (JSON text).
#[wasm_bindgen(js_name = exportEscalations)]
pub fn export_escalations(
    #[wasm_bindgen(unchecked_param_type = "DefuseEvent[]")] events: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
) -> Result<String, JsError> {
    let now = ms_arg(&now_ms, "nowMs")?;
    Ok(crate::workspace::export_json(&events_from(events)?, now))
}

/// The events of an export file; errors say what is wrong with the file.
#[wasm_bindgen(js_name = importEscalations, unchecked_return_type = "DefuseEvent[]")]
pub fn import_escalations(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let text = text_arg(&text, "text")?;
    let (events, _unreadable) =
        crate::workspace::import_json(&text).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&events)
}
