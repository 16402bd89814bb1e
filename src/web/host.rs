//! The host interface the panel runs behind: one small JS object per host
//! (Chrome side panel / pop-out tab, embedded iframe), see `www/hosts/`.
//! Rust never calls `chrome.*` itself.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    pub type Host;

    /// Which host this is: `side-panel`, `tab` or `embedded`.
    #[wasm_bindgen(method, getter)]
    pub fn kind(this: &Host) -> String;

    /// Calls `callback(snapshot)` now (if one is known) and on every change.
    #[wasm_bindgen(method, js_name = onSnapshot)]
    pub fn on_snapshot(this: &Host, callback: &Closure<dyn FnMut(JsValue)>);

    /// Calls `callback(message)` when the page cannot be read.
    #[wasm_bindgen(method, js_name = onPageProblem)]
    pub fn on_page_problem(this: &Host, callback: &Closure<dyn FnMut(JsValue)>);

    /// Every Defuse record in storage, as `[[key, text], …]`.
    #[wasm_bindgen(method, js_name = storageAll)]
    pub fn storage_all(this: &Host) -> Promise;

    /// Every Defuse key in storage, joined by "\n", as UTF-8 bytes (a
    /// `Uint8Array`: one block crosses into wasm far faster than 30,000
    /// strings) or as a string.
    #[wasm_bindgen(method, js_name = storageKeys)]
    pub fn storage_keys(this: &Host) -> Promise;

    /// The records of `keys` (`string[]`) that exist, as `[[key, text], …]`.
    #[wasm_bindgen(method, js_name = storageGet)]
    pub fn storage_get(this: &Host, keys: JsValue) -> Promise;

    /// Stores one record (one key per event, so nothing is overwritten).
    #[wasm_bindgen(method, js_name = storagePut)]
    pub fn storage_put(this: &Host, key: &str, text: &str) -> Promise;

    /// Removes one key (a cleared form field).
    #[wasm_bindgen(method, js_name = storageRemove)]
    pub fn storage_remove(this: &Host, key: &str) -> Promise;

    /// Calls `callback([[key, text | null], …])` when another tab or device
    /// changed storage.
    #[wasm_bindgen(method, js_name = onStorageChange)]
    pub fn on_storage_change(this: &Host, callback: &Closure<dyn FnMut(JsValue)>);

    /// Puts `{ subject, text, html }` into the page's composer; resolves to
    /// `{ ok, message, … }`.
    #[wasm_bindgen(method)]
    pub fn insert(this: &Host, payload: JsValue) -> Promise;

    /// Copies text to the clipboard.
    #[wasm_bindgen(method)]
    pub fn copy(this: &Host, text: &str) -> Promise;

    /// Offers a file download of `text`.
    #[wasm_bindgen(method)]
    pub fn download(this: &Host, name: &str, text: &str);

    /// Asks the CSM for a file; resolves to its text (or null when cancelled).
    #[wasm_bindgen(method, js_name = pickFile)]
    pub fn pick_file(this: &Host) -> Promise;

    /// Says the stored fold index is unusable or behind storage: the
    /// extension host asks the worker for a wake-up that rewrites it. A
    /// host without one (embedded: no worker, no index) throws, caught.
    #[wasm_bindgen(method, catch, js_name = indexUnusable)]
    pub fn index_unusable(this: &Host) -> Result<(), JsValue>;

    /// Makes `root`'s children match `parts` (the new frame's detached
    /// nodes), keeping the nodes that stay, so the focused field keeps its
    /// caret, IME composition and undo history (`www/panel/morph.js`);
    /// `keep_focused`: the focused text field keeps its live value.
    #[wasm_bindgen(method, catch)]
    pub fn morph(
        this: &Host,
        root: &web_sys::Element,
        parts: &js_sys::Array,
        keep_focused: bool,
    ) -> Result<(), JsValue>;
}

impl Host {
    /// Whether this host draws frames by morphing (`morph`); a host without
    /// it (tests' fake hosts) gets each frame swapped in whole.
    pub fn morphs(&self) -> bool {
        js_sys::Reflect::get(self, &"morph".into()).is_ok_and(|f| f.is_function())
    }

    /// Another handle to the same JS host object.
    pub fn handle(&self) -> Host {
        use wasm_bindgen::JsCast;
        JsValue::clone(self).unchecked_into()
    }
}
