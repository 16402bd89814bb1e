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
    let snapshot: Snapshot = from_js(value, "The page snapshot could not be read")?;
    Ok(snapshot.validate())
}

/// Reads a JS value through JSON. One deserializer (serde_json) for every
/// type keeps the wasm small: a second, JS-value deserializer would double
/// the code generated for each type.
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<T, JsError> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new(&format!("{what}: it is not plain data.")))?;
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("Internal error while returning a result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("Internal error while returning a result."))
}

/// The reminder plan for the background worker: `records` is every
/// `[key, text]` pair in storage (the worker knows no key names); returns
/// `{ alarms: Reminder[], badge, unreadable }`. Business days come from the
/// stored settings; `locale` (the CSM's, e.g. `navigator.language`) sets how
/// the notifications write times.
#[wasm_bindgen]
pub fn reminders(
    records: JsValue,
    now_ms: f64,
    locale: Option<String>,
) -> Result<JsValue, JsError> {
    let pairs: Vec<(String, String)> = from_js(records, "The stored records could not be read")?;
    let rules = super::tz::IntlRules::default();
    to_js(&crate::workspace::reminder_plan(
        &pairs,
        instant(now_ms)?,
        &rules,
        crate::messages::TimeStyle::for_locale(locale.as_deref().unwrap_or("")),
    ))
}

/// Whether a storage change to any of `keys` (string[]) calls for a new
/// reminder plan.
#[wasm_bindgen(js_name = affectsReminders)]
pub fn affects_reminders(keys: JsValue) -> Result<bool, JsError> {
    let keys: Vec<String> = from_js(keys, "The changed keys could not be read")?;
    Ok(keys.iter().any(|k| crate::workspace::affects_reminders(k)))
}

fn events_from(value: JsValue) -> Result<Vec<crate::engine::Event>, JsError> {
    from_js(value, "The events could not be read")
}

fn instant(ms: f64) -> Result<chrono::DateTime<chrono::Utc>, JsError> {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .ok_or_else(|| JsError::new("The time given is out of range."))
}

fn config(business_days: Option<bool>) -> crate::engine::Config {
    crate::engine::Config {
        business_days: business_days.unwrap_or(false),
        ..Default::default()
    }
}

/// Folds an escalation's events (`Event[]`, any order) into its state.
#[wasm_bindgen(js_name = foldEscalation)]
pub fn fold_escalation(events: JsValue) -> Result<JsValue, JsError> {
    to_js(&crate::engine::fold(&events_from(events)?))
}

/// Folds `events` and answers `f(state, now, rules, config)` as a JS value.
fn at_now<T: serde::Serialize>(
    events: JsValue,
    now_ms: f64,
    business_days: Option<bool>,
    f: impl FnOnce(
        &crate::engine::Escalation,
        chrono::DateTime<chrono::Utc>,
        &super::tz::IntlRules,
        &crate::engine::Config,
    ) -> T,
) -> Result<JsValue, JsError> {
    let state = crate::engine::fold(&events_from(events)?);
    let rules = super::tz::IntlRules::default();
    to_js(&f(&state, instant(now_ms)?, &rules, &config(business_days)))
}

/// Every deadline of the escalation at `nowMs`, with due times and statuses.
#[wasm_bindgen(js_name = deadlines)]
pub fn deadlines_js(
    events: JsValue,
    now_ms: f64,
    business_days: Option<bool>,
) -> Result<JsValue, JsError> {
    at_now(events, now_ms, business_days, |s, now, rules, config| {
        crate::engine::deadlines(s, now, rules, config)
    })
}

/// The one next thing to do at `nowMs`.
#[wasm_bindgen(js_name = nextAction)]
pub fn next_action_js(
    events: JsValue,
    now_ms: f64,
    business_days: Option<bool>,
) -> Result<JsValue, JsError> {
    at_now(events, now_ms, business_days, |s, now, rules, config| {
        crate::engine::next_action(s, now, rules, config)
    })
}

/// Whether `body` (an event body such as `{ type: 'dri-assigned', name, role }`)
/// may be appended at `nowMs`: `null` when it may, else the reason.
#[wasm_bindgen(js_name = checkEvent)]
pub fn check_event(events: JsValue, body: JsValue, now_ms: f64) -> Result<Option<String>, JsError> {
    let state = crate::engine::fold(&events_from(events)?);
    let body: crate::engine::EventBody = from_js(body, "The event could not be read")?;
    Ok(crate::engine::check(&state, &body, instant(now_ms)?)
        .err()
        .map(|e| e.to_string()))
}

/// Coach findings for a draft: `context` is a `CoachContext` (camelCase, all optional).
#[wasm_bindgen(js_name = coachDraft)]
pub fn coach_draft_js(draft: &str, context: JsValue) -> Result<JsValue, JsError> {
    let context: crate::coach::CoachContext = if context.is_undefined() || context.is_null() {
        Default::default()
    } else {
        from_js(context, "The coach context could not be read")?
    };
    to_js(&crate::coach::coach_draft(draft, &context))
}

/// How much a piece of conversation text reads like an escalation.
#[wasm_bindgen(js_name = scoreEscalation)]
pub fn score_escalation_js(text: &str, lang: &str) -> Result<JsValue, JsError> {
    to_js(&crate::coach::score_escalation(text, lang))
}

/// The customer message at which the page's conversation became an
/// escalation, from the snapshot's `messages` (direction and time) or else
/// its `conversation` excerpt: `{ index, at, author, intensity, message }`
/// (`message` is a `scoreEscalation` result whose offsets point into that
/// message's text), or `null` — always `null` for a page of only our own
/// outbound messages.
#[wasm_bindgen(js_name = conversationEscalation)]
pub fn conversation_escalation_js(snapshot: JsValue) -> Result<JsValue, JsError> {
    let snapshot = parse_snapshot(snapshot)?;
    match crate::coach::snapshot_escalation(&snapshot) {
        Some(found) => to_js(&found),
        None => Ok(JsValue::NULL),
    }
}

/// One playbook message from its input object (see the `*Input` types).
/// `kind` is a message kind such as `acknowledgment` or `daily-update`.
#[wasm_bindgen(js_name = generateMessage)]
pub fn generate_message(kind: &str, input: JsValue) -> Result<JsValue, JsError> {
    let text = js_sys::JSON::stringify(&input)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            JsError::new("The message input could not be read: it is not plain data.")
        })?;
    let msg = crate::messages::generate_from_json(kind, &text)
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&msg)
}

/// All events as one export file (JSON text).
#[wasm_bindgen(js_name = exportEscalations)]
pub fn export_escalations(events: JsValue, now_ms: f64) -> Result<String, JsError> {
    Ok(crate::workspace::export_json(
        &events_from(events)?,
        instant(now_ms)?,
    ))
}

/// The events of an export file; errors say what is wrong with the file.
#[wasm_bindgen(js_name = importEscalations)]
pub fn import_escalations(text: &str) -> Result<JsValue, JsError> {
    let (events, _unreadable) =
        crate::workspace::import_json(text).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&events)
}
