//! The `Escalation` class of the JS API: one escalation's event log behind
//! `open` / `record` / `deadlines` / `next` / `toJSON` / `fromJSON` / `merge`.
//!
//! It only adapts: every decision (whether an event may be recorded, what is
//! due when, how two logs merge) is the engine's, exactly as the free
//! functions in `api.rs` make it. It never reads the clock either: the time
//! of each event and the `now` of each question are the caller's.

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::prelude::*;

use super::api::{
    answer_at, config, describe, expect_object, from_js, instant_arg, text_arg, to_js,
};
use crate::account::Money;
use crate::engine::{self, Event, EventBody, Opened};

/// The `format` of `toJSON()`, so `fromJSON` can tell its input apart.
const JSON_FORMAT: &str = "defuse-escalation";
const JSON_VERSION: u32 = 1;
/// Ids the caller gives are bounded like stored keys' parts.
const MAX_ID_CHARS: usize = 120;

/// `Escalation.open`'s option names, in `OpenOptions`' order.
const OPEN_FIELDS: [&str; 10] = [
    "account",
    "receivedAt",
    "customerTimeZone",
    "csmName",
    "csmTimeZone",
    "arr",
    "renewal",
    "crmUrl",
    "id",
    "at",
];

/// `Escalation.open`'s options (camelCase; unknown names are refused so a
/// typo such as `recievedAt` is an error, not a silently missing fact).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct OpenOptions {
    account: String,
    #[serde(deserialize_with = "crate::json::through_value")]
    received_at: DateTime<Utc>,
    customer_time_zone: String,
    csm_name: String,
    #[serde(default)]
    csm_time_zone: Option<String>,
    #[serde(default)]
    arr: Option<Money>,
    #[serde(default)]
    #[serde(deserialize_with = "crate::json::through_value")]
    renewal: Option<NaiveDate>,
    #[serde(default)]
    crm_url: Option<String>,
    #[serde(default)]
    id: Option<String>,
    /// When the opening was recorded; defaults to `receivedAt`.
    #[serde(default)]
    #[serde(deserialize_with = "crate::json::through_value")]
    at: Option<DateTime<Utc>>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Saved {
    format: String,
    version: u32,
    id: String,
    events: Vec<Event>,
}

/// One escalation: its id and its append-only event log.
#[wasm_bindgen]
pub struct Escalation {
    id: String,
    events: Vec<Event>,
}

/// A fresh id such as `esc-lx2k9c-4f7a1b2c` (time + randomness: ids made on
/// two devices must not collide, since merging is a union by id).
fn fresh_id(prefix: &str, at: DateTime<Utc>) -> String {
    let random = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{prefix}-{:x}-{random:08x}", at.timestamp_millis().max(0))
}

fn checked_id(id: Option<String>, what: &str) -> Result<Option<String>, JsError> {
    match id {
        Some(id)
            if id.is_empty()
                || id.chars().count() > MAX_ID_CHARS
                || id.contains(':')
                || id.chars().any(char::is_control) =>
        {
            Err(JsError::new(&format!(
                "`{what}` must be 1 to {MAX_ID_CHARS} characters without “:” or control characters."
            )))
        }
        other => Ok(other),
    }
}

fn same_escalation(id: &str, events: &[Event]) -> Result<(), JsError> {
    match events.iter().find(|e| e.escalation != id) {
        Some(e) => Err(JsError::new(&format!(
            "Event “{}” belongs to escalation “{}”, not “{id}”.",
            e.id, e.escalation
        ))),
        None => Ok(()),
    }
}

#[wasm_bindgen]
impl Escalation {
    /// Opens an escalation: `{ account, receivedAt, customerTimeZone,
    /// csmName, csmTimeZone?, arr?, renewal?, crmUrl?, id?, at? }`.
    pub fn open(
        #[wasm_bindgen(unchecked_param_type = "OpenOptions")] options: JsValue,
    ) -> Result<Escalation, JsError> {
        expect_object(&options, |what| {
            format!("Escalation.open needs an options object, not {what}.")
        })?;
        // The reader keeps only the declared fields, so a misspelt
        // optional one (`crmURL`) would vanish silently: refuse it by name.
        if let Some(key) = js_sys::Object::keys(&options.clone().into())
            .iter()
            .filter_map(|k| k.as_string())
            .find(|k| !OPEN_FIELDS.contains(&k.as_str()))
        {
            let shown: String = key.chars().take(40).collect();
            return Err(JsError::new(&format!(
                "Escalation.open: unknown option `{shown}`; the options are {}.",
                OPEN_FIELDS.join(", ")
            )));
        }
        let o: OpenOptions = from_js(options, "Escalation.open")?;
        let at = o.at.unwrap_or(o.received_at);
        let id = checked_id(o.id, "id")?.unwrap_or_else(|| fresh_id("esc", at));
        let body = EventBody::Opened(Opened {
            account: o.account,
            arr: o.arr,
            renewal: o.renewal,
            crm_url: o.crm_url,
            reached_csm_at: o.received_at,
            customer_zone: o.customer_time_zone,
            csm_zone: o.csm_time_zone.unwrap_or_else(super::tz::local_zone),
            csm_name: o.csm_name,
        });
        let mut escalation = Escalation { id, events: vec![] };
        escalation.append(body, at, None)?;
        Ok(escalation)
    }

    /// Records one event `{ type, at, id?, ...fields }` (e.g. `{ type:
    /// 'dri-assigned', at, name, role }`) and returns it as stored. An event
    /// the playbook does not allow now is refused with an `Error` saying why.
    #[wasm_bindgen(unchecked_return_type = "DefuseEvent")]
    pub fn record(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RecordInput")] event: JsValue,
    ) -> Result<JsValue, JsError> {
        expect_object(&event, |what| {
            format!(
                "record needs an event object such as {{ type: 'ack-sent', at, … }}, not {what}."
            )
        })?;
        let at_value = js_sys::Reflect::get(&event, &"at".into()).unwrap_or(JsValue::UNDEFINED);
        if at_value.is_undefined() {
            return Err(JsError::new(
                "The event has no `at`: give the time it happened as an ISO 8601 string.",
            ));
        }
        let at = instant_arg(&at_value, "at")?;
        let id_value = js_sys::Reflect::get(&event, &"id".into()).unwrap_or(JsValue::UNDEFINED);
        let id = if id_value.is_undefined() {
            None
        } else {
            checked_id(Some(text_arg(&id_value, "id")?), "id")?
        };
        let kind = js_sys::Reflect::get(&event, &"type".into()).unwrap_or(JsValue::UNDEFINED);
        if kind.as_string().as_deref() == Some("opened") {
            return Err(JsError::new(
                "This escalation is already open. Correct a fact instead of opening it again.",
            ));
        }
        let body: EventBody = from_js(event, "The event could not be read")?;
        let stored = self.append(body, at, id)?;
        to_js(&stored)
    }

    /// Every deadline at `now` (ISO 8601 or ms): `[{ kind, due, status, … }]`.
    #[wasm_bindgen(unchecked_return_type = "Deadline[]")]
    pub fn deadlines(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] now: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "QueryOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let (now, config) = query(&now, options)?;
        answer_at(&self.fold(), now, &config, |s, now, rules, config| {
            engine::deadlines(s, now, rules, config)
        })
    }

    /// The one next thing to do at `now` (ISO 8601 or ms).
    #[wasm_bindgen(unchecked_return_type = "NextAction")]
    pub fn next(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] now: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "QueryOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let (now, config) = query(&now, options)?;
        answer_at(&self.fold(), now, &config, |s, now, rules, config| {
            engine::next_action(s, now, rules, config)
        })
    }

    /// The folded state (stage, ack, triage, DRI, updates, …).
    #[wasm_bindgen(unchecked_return_type = "EscalationState")]
    pub fn state(&self) -> Result<JsValue, JsError> {
        to_js(&self.fold())
    }

    /// The escalation's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.id.clone()
    }

    /// The log in fold order (a copy).
    #[wasm_bindgen(getter, unchecked_return_type = "DefuseEvent[]")]
    pub fn events(&self) -> Result<JsValue, JsError> {
        to_js(&self.events)
    }

    /// `{ format: 'defuse-escalation', version: 1, id, events }`, also what
    /// `JSON.stringify(escalation)` writes.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "EscalationJSON")]
    pub fn to_json(&self) -> Result<JsValue, JsError> {
        to_js(&Saved {
            format: JSON_FORMAT.into(),
            version: JSON_VERSION,
            id: self.id.clone(),
            events: self.events.clone(),
        })
    }

    /// The escalation `toJSON()` wrote, as the object or as JSON text.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "EscalationJSON | string")] json: JsValue,
    ) -> Result<Escalation, JsError> {
        const WHAT: &str = "Escalation.fromJSON";
        let saved: Saved = if let Some(text) = json.as_string() {
            crate::json::from_text(&text).map_err(|e| JsError::new(&format!("{WHAT}: {e}")))?
        } else if json.is_object() && !js_sys::Array::is_array(&json) {
            from_js(json, WHAT)?
        } else {
            return Err(JsError::new(&format!(
                "{WHAT} needs what toJSON() wrote (an object or its JSON text), not {}.",
                describe(&json)
            )));
        };
        if saved.format != JSON_FORMAT || saved.version != JSON_VERSION {
            return Err(JsError::new(&format!(
                "{WHAT}: this is not a saved escalation (format “{JSON_FORMAT}”, version {JSON_VERSION})."
            )));
        }
        checked_id(Some(saved.id.clone()), "id")?;
        same_escalation(&saved.id, &saved.events)?;
        Ok(Escalation {
            id: saved.id,
            events: engine::normalize(saved.events),
        })
    }

    /// A new escalation with the union of both logs (by event id). Both must
    /// be the same escalation (the same id), e.g. copies from two devices.
    pub fn merge(a: &Escalation, b: &Escalation) -> Result<Escalation, JsError> {
        if a.id != b.id {
            return Err(JsError::new(&format!(
                "Escalation.merge: “{}” and “{}” are two different escalations; only copies of one escalation merge.",
                a.id, b.id
            )));
        }
        Ok(Escalation {
            id: a.id.clone(),
            events: engine::merge(&a.events, &b.events),
        })
    }
}

impl Escalation {
    fn fold(&self) -> engine::Escalation {
        engine::fold(&self.events)
    }

    /// Appends `body` at `at` if the engine allows it there.
    fn append(
        &mut self,
        body: EventBody,
        at: DateTime<Utc>,
        id: Option<String>,
    ) -> Result<Event, JsError> {
        engine::check(&self.fold(), &body, at).map_err(|e| JsError::new(&e.to_string()))?;
        let id = id.unwrap_or_else(|| fresh_id("ev", at));
        if self.events.iter().any(|e| e.id == id) {
            return Err(JsError::new(&format!(
                "An event with id “{id}” is already recorded; ids are never reused."
            )));
        }
        let event = Event {
            id,
            escalation: self.id.clone(),
            at,
            body,
        };
        self.events = engine::merge(&self.events, std::slice::from_ref(&event));
        Ok(event)
    }
}

/// `now` plus `{ businessDays? }` for the time questions.
fn query(
    now: &JsValue,
    options: Option<JsValue>,
) -> Result<(DateTime<Utc>, engine::Config), JsError> {
    #[derive(serde::Deserialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct QueryOptions {
        #[serde(default)]
        business_days: bool,
    }
    let now = instant_arg(now, "now")?;
    let options: QueryOptions = match options {
        Some(o) if !o.is_undefined() && !o.is_null() => {
            from_js(o, "The options could not be read")?
        }
        _ => QueryOptions::default(),
    };
    Ok((now, config(options.business_days)))
}
