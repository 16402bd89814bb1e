//! The service worker's wake-up as JS calls it: the key list read once
//! (`WakeUp`, or the one-shot `wakeKeys` / `reminderPass`), the records the
//! core asks for, and the plan with the folds to store
//! (`crate::workspace::WakeUp` decides everything).

use super::api::{expect_array, from_js, ms_arg, text_arg, to_js};
use chrono::{DateTime, Utc};
use wasm_bindgen::prelude::*;

/// Every key in storage (`chrome.storage.local.getKeys()`): an array of
/// strings, or the same keys joined by "\n" (one string crosses into wasm
/// in one copy; 30,000 separate strings cost the worker ~40 ms).
enum KeyList {
    Joined(String),
    Each(Vec<String>),
}

impl KeyList {
    fn read(keys: JsValue) -> Result<KeyList, JsError> {
        if let Some(text) = keys.as_string() {
            return Ok(KeyList::Joined(text));
        }
        // UTF-8 bytes (`new TextEncoder().encode(keys.join("\n"))`): copied
        // into wasm in one block, with no per-character loop in JS.
        if let Some(bytes) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Uint8Array>(&keys) {
            return String::from_utf8(bytes.to_vec())
                .map(KeyList::Joined)
                .map_err(|_| {
                    JsError::new("The storage keys could not be read: the bytes are not UTF-8.")
                });
        }
        expect_array(&keys, |what| {
            format!("`keys` must be an array of strings (or one string of keys joined by \"\\n\"), not {what}.")
        })?;
        Ok(KeyList::Each(from_js(
            keys,
            "The storage keys could not be read",
        )?))
    }

    fn into_wake(self) -> crate::workspace::WakeUp {
        match self {
            KeyList::Joined(text) => crate::workspace::WakeUp::new(text),
            KeyList::Each(v) => crate::workspace::WakeUp::from_keys(&v),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&[&str]) -> T) -> T {
        let list: Vec<&str> = match self {
            KeyList::Joined(text) => text.split('\n').collect(),
            KeyList::Each(v) => v.iter().map(String::as_str).collect(),
        };
        f(&list)
    }
}

/// The worker's wake-up, first step: from every key in storage (`keys`,
/// `chrome.storage.local.getKeys()`), the keys to read at `nowMs`
/// (settings, folds of open escalations, events of escalations without a
/// usable fold). Then call [`reminder_pass`].
#[wasm_bindgen(js_name = wakeKeys, unchecked_return_type = "string[]")]
pub fn wake_keys(
    #[wasm_bindgen(unchecked_param_type = "string[] | string")] keys: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
) -> Result<JsValue, JsError> {
    let now = ms_arg(&now_ms, "nowMs")?;
    let keys = KeyList::read(keys)?;
    to_js(&keys.with(|k| crate::workspace::wake_keys(k, now)))
}

/// The worker's wake-up, each next step: `keys` as given to `wakeKeys`,
/// `records` every `[key, text]` read so far. Returns `{ plan, need, folds,
/// drop }`: read `need` and pass again while it is not empty; then store
/// `folds` (`[key, text]` pairs) and remove `drop`. The plan is the one
/// `reminders` gives from every record.
#[wasm_bindgen(js_name = reminderPass, unchecked_return_type = "WakePass")]
pub fn reminder_pass(
    #[wasm_bindgen(unchecked_param_type = "string[] | string")] keys: JsValue,
    #[wasm_bindgen(unchecked_param_type = "[string, string][]")] records: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] locale: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let keys = KeyList::read(keys)?;
    let (pairs, now, style) = pass_args(records, now_ms, locale)?;
    let rules = super::tz::IntlRules::default();
    to_js(&keys.with(|k| crate::workspace::reminder_pass(k, &pairs, now, &rules, style)))
}

/// One wake-up of the worker, holding the key list read once:
/// `const w = new WakeUp(keys)` (`string[]`, a string of keys joined by
/// "\n", or its UTF-8 bytes), `w.firstKeys(nowMs)`, then `w.pass(records,
/// nowMs, locale)` like `reminderPass`, and `w.free()`.
#[wasm_bindgen(js_name = WakeUp)]
pub struct WakeUpJs(crate::workspace::WakeUp);

#[wasm_bindgen(js_class = WakeUp)]
impl WakeUpJs {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string[] | string | Uint8Array")] keys: JsValue,
    ) -> Result<WakeUpJs, JsError> {
        Ok(WakeUpJs(KeyList::read(keys)?.into_wake()))
    }

    /// Rewrite the fold index in this wake-up even if no fold changed (a
    /// panel found the stored one unusable or behind storage).
    #[wasm_bindgen(js_name = rebuildIndex)]
    pub fn rebuild_index(&mut self) {
        self.0.rebuild_index();
    }

    /// The keys to read first at `nowMs`.
    #[wasm_bindgen(js_name = firstKeys, unchecked_return_type = "string[]")]
    pub fn first_keys(
        &self,
        #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(&self.0.first_keys(ms_arg(&now_ms, "nowMs")?))
    }

    /// One pass over the records read so far: `{ plan, need, folds, drop }`.
    #[wasm_bindgen(unchecked_return_type = "WakePass")]
    pub fn pass(
        &self,
        #[wasm_bindgen(unchecked_param_type = "[string, string][]")] records: JsValue,
        #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] locale: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let (pairs, now, style) = pass_args(records, now_ms, locale)?;
        let rules = super::tz::IntlRules::default();
        to_js(&self.0.pass(&pairs, now, &rules, style))
    }
}

/// The records, time and locale of a wake-up pass.
type PassArgs = (
    Vec<(String, String)>,
    DateTime<Utc>,
    crate::messages::TimeStyle,
);

/// The records, time and locale of a wake-up pass, checked.
pub(crate) fn pass_args(
    records: JsValue,
    now_ms: JsValue,
    locale: Option<JsValue>,
) -> Result<PassArgs, JsError> {
    expect_array(&records, |what| {
        format!("`records` must be an array of [key, text] pairs, not {what}.")
    })?;
    let now = ms_arg(&now_ms, "nowMs")?;
    let locale = match locale {
        Some(l) if !l.is_undefined() && !l.is_null() => text_arg(&l, "locale")?,
        _ => String::new(),
    };
    let pairs: Vec<(String, String)> = from_js(records, "The stored records could not be read")?;
    Ok((pairs, now, crate::messages::TimeStyle::for_locale(&locale)))
}
