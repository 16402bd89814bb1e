//! The panel's storage reads through its host: the start-up read (the
//! settings and the fold index first, else the key list and what the
//! workspace says the first frame needs), the reconcile with the key list
//! after the first frame, and one escalation's events on demand. What to
//! read is decided by `crate::workspace`; this only moves the records.

use super::host::Host;
use super::panel::{now, pairs};
use crate::sort_map::Set;
use crate::workspace::keys;
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The key list, as the host gives it: joined by "\n", as UTF-8 bytes
/// (copied in one block) or as a string.
pub(super) async fn storage_keys(host: &Host) -> Result<String, JsValue> {
    let keys = JsFuture::from(host.storage_keys()).await?;
    if let Some(bytes) = keys.dyn_ref::<js_sys::Uint8Array>() {
        return String::from_utf8(bytes.to_vec())
            .map_err(|_| JsValue::from_str("the storage keys are not UTF-8"));
    }
    Ok(keys.as_string().unwrap_or_default())
}

/// The records of `keys` that exist.
pub(super) async fn storage_get(
    host: &Host,
    keys: &[String],
) -> Result<Vec<(String, String)>, JsValue> {
    let list: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    let got = JsFuture::from(host.storage_get(list.into())).await?;
    Ok(pairs(&got)
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect())
}

/// The events of one escalation (of every one when `None`), read now.
pub(super) async fn read_events(
    host: &Host,
    escalation: Option<&str>,
) -> Result<Vec<(String, String)>, JsValue> {
    let text = storage_keys(host).await?;
    let keys: Vec<&str> = text.split('\n').collect();
    storage_get(host, &crate::workspace::event_keys(&keys, escalation)).await
}

/// The panel's first read.
pub(super) enum Start {
    /// The settings and a readable fold index: drawn at once, then
    /// reconciled with the key list ([`reconcile_read`]).
    Indexed {
        records: Vec<(String, String)>,
        index: crate::workspace::Index,
    },
    /// No usable index: what the key list says the first frame needs.
    Records(Vec<(String, String)>),
}

/// What the panel reads at start: the settings and the fold index in one
/// read (asked before the key list: chrome.storage answers in order, and
/// listing 30,000 keys takes ~100 ms); without a usable index, the key
/// list, then what the workspace says the first frame needs
/// (`WakeUp::panel_keys`).
pub(super) async fn read_start(host: &Host) -> Result<Start, JsValue> {
    let first = storage_get(
        host,
        &[
            keys::SETTINGS.to_string(),
            crate::workspace::INDEX.to_string(),
        ],
    )
    .await?;
    let (index, records): (Vec<_>, Vec<_>) = first
        .into_iter()
        .partition(|(k, _)| k == crate::workspace::INDEX);
    if let Some(index) = index
        .first()
        .and_then(|(_, t)| crate::workspace::Index::decode(t))
    {
        return Ok(Start::Indexed { records, index });
    }
    if !index.is_empty() {
        // Stored but unusable (corrupt, another version): rewritten now,
        // not at the next fold change.
        let _ = host.index_unusable();
    }
    let text = storage_keys(host).await?;
    let want = crate::workspace::WakeUp::new(text).panel_keys(now());
    storage_get(host, &want).await.map(Start::Records)
}

/// A timer running `f` once. Size: every timer of the panel goes through
/// this one closure type, so gloo's `Timeout::new` and wasm-bindgen's
/// closure glue for it exist once.
pub(super) fn timeout(ms: u32, f: Box<dyn FnOnce()>) -> Timeout {
    Timeout::new(ms, f)
}

/// Resolves once the next frame is drawn (after 100 ms at most: a hidden
/// page draws none).
pub(super) async fn after_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = std::rc::Rc::new(std::cell::Cell::new(false));
        let fire = move || {
            if !done.replace(true) {
                let _ = resolve.call0(&JsValue::NULL);
            }
        };
        let after_draw = fire.clone();
        timeout(100, Box::new(fire)).forget();
        let raf = Closure::once_into_js(move || timeout(0, Box::new(after_draw)).forget());
        if let Some(w) = web_sys::window() {
            if let Ok(f) = js_sys::Reflect::get(&w, &"requestAnimationFrame".into())
                .and_then(|f| f.dyn_into::<js_sys::Function>())
            {
                let _ = f.call1(&w, &raf);
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// After a start from the index: what the key list says the panel needs,
/// as the index's fold keys still picked (`keep`, not read again) and the
/// records read for the rest.
pub(super) async fn reconcile_read(
    host: &Host,
    held: &Set<String>,
) -> Result<(Vec<String>, Vec<(String, String)>), JsValue> {
    let text = storage_keys(host).await?;
    let want = crate::workspace::WakeUp::new(text).panel_keys(now());
    if crate::workspace::index_behind(held, &want) {
        let _ = host.index_unusable();
    }
    let (keep, fetch): (Vec<String>, Vec<String>) =
        want.into_iter().partition(|k| held.contains(k));
    Ok((keep, storage_get(host, &fetch).await?))
}
