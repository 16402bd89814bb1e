//! The panel shell: runs the pure model (`crate::panel`) in the page. It
//! turns DOM events and host answers into `Msg`, hands each to `update`,
//! runs the returned effects through the host (storage, insert, clipboard,
//! files, live region, focus), and draws the view model, computed once per
//! frame with one `now`. It decides nothing itself.

use super::host::Host;
use super::panel_read::{after_frame, read_events, read_start, reconcile_read, timeout, Start};
use super::tz::{local_zone, IntlRules};
use super::view;
use crate::account::Snapshot;
use crate::panel::{self, Action, Effect, Field, Model, Msg};
use crate::sort_map::Set;
use crate::workspace::{keys, Key};
use chrono::{DateTime, Utc};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, Element};

/// Typing is written to storage this long after the last keystroke.
const SAVE_DEBOUNCE_MS: u32 = 300;

pub struct App {
    host: Host,
    doc: Document,
    root: Element,
    zones: IntlRules,
    model: Model,
    tick: Option<Timeout>,
    save: Option<Timeout>,
    /// Draft writes waiting for the debounce (a removal cancels its write).
    unsaved: crate::sort_map::Map<String, String>,
    /// A frame was skipped while hidden: the next one is drawn in full.
    stale: bool,
    /// The stored state has been drawn and its frame has passed: page
    /// snapshots are taken as they come from then on.
    drawn: bool,
    /// The latest page snapshot that came before that frame: the first frame
    /// is drawn from stored state alone, the page's reading right after it.
    held: Option<JsValue>,
    /// The host morphs frames into the DOM (`Host::morph`).
    morphs: bool,
}

type AppRc = Rc<RefCell<App>>;

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

pub fn js_text(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Runs `f` now, or right after the current handler when the app is busy
/// (drawing can fire DOM events synchronously, e.g. `change` on blur).
///
/// Size: the job is boxed so the deferral (a `Timeout` and its wasm-bindgen
/// closure glue) exists once, not once per caller's closure type.
fn when_free(app: &AppRc, f: impl FnOnce(&AppRc) + 'static) {
    later(app, Box::new(f));
}

fn later(app: &AppRc, f: Box<dyn FnOnce(&AppRc)>) {
    if app.try_borrow_mut().is_ok() {
        f(app);
    } else {
        let app = app.clone();
        timeout(0, Box::new(move || f(&app))).forget();
    }
}

/// `dispatch(msg)` when the app is free: one closure type for every message.
fn send(app: &AppRc, msg: Msg) {
    when_free(app, move |app| dispatch(app, msg));
}

/// One message through the model, its effects through the host, one redraw.
fn dispatch(app: &AppRc, msg: Msg) {
    let is_tick = msg == Msg::Tick;
    // A click (or Enter's submit) may change the focused field on purpose
    // (a submitted note clears); any other frame leaves it as typed.
    let keep_focused = !matches!(msg, Msg::Click(_));
    let (effects, vm, hidden) = {
        let mut a = app.borrow_mut();
        let at = now();
        let a = &mut *a;
        let fx = panel::update(&mut a.model, msg, at, &a.zones);
        (
            fx,
            panel::view_model(&a.model, at, &a.zones),
            a.doc.hidden(),
        )
    };
    let mut focus = None;
    for e in effects {
        match e {
            Effect::Focus(id) => focus = Some(id),
            other => run(app, other),
        }
    }
    {
        let mut a = app.borrow_mut();
        let patched = is_tick && !a.stale && focus.is_none() && view::patch_countdown(&a.doc, &vm);
        if hidden {
            a.stale = true;
        } else if !patched {
            a.stale = false;
            let draw = if a.morphs {
                view::Draw::Morph {
                    host: &a.host,
                    keep_focused,
                }
            } else {
                view::Draw::Swap
            };
            if let Err(e) = view::render(&a.doc, &a.root, &vm, focus.as_deref(), draw) {
                web_sys::console::error_2(&"Defuse: could not draw the panel".into(), &e);
            }
        }
    }
    schedule_tick(app);
}

fn schedule_tick(app: &AppRc) {
    let mut a = app.borrow_mut();
    let at = now();
    let next = if a.doc.hidden() {
        None
    } else {
        panel::poll_timeout(&a.model, at, &a.zones)
    };
    // Replacing the timer drops (cancels) the old one.
    a.tick = next.map(|when| {
        let ms = (when - at).num_milliseconds().clamp(1, i64::from(u32::MAX)) as u32;
        let app = app.clone();
        timeout(ms, Box::new(move || send(&app, Msg::Tick)))
    });
}

/// Runs one effect; answers come back as messages.
fn run(app: &AppRc, effect: Effect) {
    let host = app.borrow().host.handle();
    match effect {
        Effect::Put { key, value } => {
            if matches!(Key::parse(&key), Some(Key::Draft { .. })) {
                let mut a = app.borrow_mut();
                a.unsaved.insert(key, value);
                let app2 = app.clone();
                a.save = Some(timeout(
                    SAVE_DEBOUNCE_MS,
                    Box::new(move || flush_saves(&app2)),
                ));
            } else {
                put(app, host, key, value, true);
            }
        }
        Effect::Remove { key } => {
            app.borrow_mut().unsaved.remove(&key);
            on_answer(app, host.storage_remove(&key), move |r| {
                r.err().map(|e| Msg::Stored {
                    key,
                    error: Some(js_text(&e)),
                })
            });
        }
        Effect::Insert {
            kind,
            subject,
            text,
            html,
        } => {
            let payload = js_sys::Object::new();
            for (k, v) in [("subject", subject), ("text", text), ("html", html)] {
                let _ = js_sys::Reflect::set(&payload, &k.into(), &v.into());
            }
            on_answer(app, host.insert(payload.into()), move |r| {
                let (ok, message) = match r {
                    Ok(r) => (
                        js_sys::Reflect::get(&r, &"ok".into())
                            .ok()
                            .and_then(|v| v.as_bool())
                            .unwrap_or(false),
                        js_sys::Reflect::get(&r, &"message".into())
                            .ok()
                            .and_then(|v| v.as_string())
                            .unwrap_or_else(|| "The page gave no answer.".into()),
                    ),
                    Err(e) => (false, format!("Could not insert: {}", js_text(&e))),
                };
                Some(Msg::InsertDone { kind, ok, message })
            });
        }
        Effect::Copy { kind, text } => {
            on_answer(app, host.copy(&text), move |r| {
                let error = r.err().map(|e| js_text(&e));
                Some(Msg::CopyDone { kind, error })
            });
        }
        Effect::Download { name, text } => host.download(&name, &text),
        Effect::PickFile => {
            on_answer(app, host.pick_file(), |r| match r {
                Ok(v) => v.as_string().map(Msg::FileChosen),
                Err(e) => Some(Msg::FileFailed(js_text(&e))),
            });
        }
        Effect::Announce(text) => {
            if let Some(live) = app.borrow().doc.get_element_by_id("announce") {
                live.set_text_content(Some(&text));
            }
        }
        Effect::Load { escalation } => {
            let app = app.clone();
            spawn_local(async move {
                let msg = match read_events(&host, escalation.as_deref()).await {
                    Ok(records) => Msg::Read {
                        escalation,
                        records,
                    },
                    Err(e) => Msg::LoadFailed(js_text(&e)),
                };
                send(&app, msg);
            });
        }
        Effect::Focus(_) => {}
    }
}

/// Writes one record and reports the result to the model.
fn put(app: &AppRc, host: Host, key: String, value: String, report_ok: bool) {
    on_answer(app, host.storage_put(&key, &value), move |r| {
        let error = r.err().map(|e| js_text(&e));
        (report_ok || error.is_some()).then_some(Msg::Stored { key, error })
    });
}

type Answer = Box<dyn FnOnce(Result<JsValue, JsValue>) -> Option<Msg>>;

/// Awaits a host promise, then sends the message `then` makes of its
/// outcome (`None`: nothing to report). Size: one future type, one spawned
/// task type, for every host call.
fn on_answer(
    app: &AppRc,
    promise: js_sys::Promise,
    then: impl FnOnce(Result<JsValue, JsValue>) -> Option<Msg> + 'static,
) {
    answer(app.clone(), promise, Box::new(then));
}

fn answer(app: AppRc, promise: js_sys::Promise, then: Answer) {
    spawn_local(async move {
        if let Some(msg) = then(JsFuture::from(promise).await) {
            send(&app, msg);
        }
    });
}

fn flush_saves(app: &AppRc) {
    let (saves, host) = {
        let mut a = app.borrow_mut();
        a.save = None;
        (std::mem::take(&mut a.unsaved), a.host.handle())
    };
    for (k, v) in saves {
        put(app, host.handle(), k, v, false);
    }
}

/// Reads a control's value (checkboxes give "true" or "").
fn control_value(el: &Element) -> Option<String> {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        if i.type_() == "checkbox" {
            return Some(if i.checked() {
                "true".into()
            } else {
                String::new()
            });
        }
        return Some(i.value());
    }
    if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(t.value());
    }
    el.dyn_ref::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
}

fn action_of(el: &Element, name_attr: &str, arg_attr: &str) -> Option<Action> {
    let name = el.get_attribute(name_attr)?;
    let arg = el.get_attribute(arg_attr).unwrap_or_default();
    let action = Action::parse(&name, &arg);
    if action.is_none() {
        web_sys::console::error_1(&format!("Defuse: unknown action {name} {arg}").into());
    }
    action
}

pub(super) fn pairs(value: &JsValue) -> Vec<(String, Option<String>)> {
    js_sys::Array::from(value)
        .iter()
        .filter_map(|p| {
            let p = js_sys::Array::from(&p);
            Some((p.get(0).as_string()?, p.get(1).as_string()))
        })
        .collect()
}

/// Size: the handler is boxed here, so the closure glue is made once for
/// every listener, not once per handler's closure type.
fn listen(
    target: &web_sys::EventTarget,
    kind: &str,
    f: impl FnMut(web_sys::Event) + 'static,
) -> Result<(), JsValue> {
    listen_boxed(target, kind, Box::new(f))
}

fn listen_boxed(
    target: &web_sys::EventTarget,
    kind: &str,
    f: Box<dyn FnMut(web_sys::Event)>,
) -> Result<(), JsValue> {
    let c = Closure::wrap(f);
    target.add_event_listener_with_callback(kind, c.as_ref().unchecked_ref())?;
    c.forget();
    Ok(())
}

fn snapshot_msg(value: JsValue) -> Msg {
    // Strings cross as JS strings, never through a JSON text a lone
    // surrogate could make unreadable.
    match crate::web::api::read_js::<Snapshot>(&value) {
        Ok(s) => Msg::Snapshot(Box::new(s)),
        Err(e) => Msg::PageProblem(format!("The page snapshot could not be read: {e}")),
    }
}

/// Starts the panel in `#app` behind the given host.
#[wasm_bindgen(js_name = startPanel)]
pub fn start_panel(host: Host) -> Result<(), JsValue> {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Defuse stopped on a bug: {info}").into());
    }));
    let doc = super::dom::document()?;
    let root = doc
        .get_element_by_id("app")
        .ok_or_else(|| JsValue::from_str("panel page has no #app"))?;
    root.set_attribute("data-host", &host.kind())?;
    let locale = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    let seed = format!("{:x}", (js_sys::Math::random() * 1e9) as u64);
    let app: AppRc = Rc::new(RefCell::new(App {
        host: host.handle(),
        doc: doc.clone(),
        root: root.clone(),
        zones: IntlRules::default(),
        model: Model::new(&local_zone(), &locale, &seed),
        tick: None,
        save: None,
        unsaved: crate::sort_map::Map::new(),
        stale: false,
        drawn: false,
        held: None,
        morphs: host.morphs(),
    }));

    let a = app.clone();
    listen(&root, "click", move |ev| {
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        if let Some(button) = target.and_then(|t| t.closest("[data-action]").ok().flatten()) {
            ev.prevent_default();
            if let Some(action) = action_of(&button, "data-action", "data-arg") {
                send(&a, Msg::Click(action));
            }
        }
    })?;
    for kind in ["input", "change"] {
        let a = app.clone();
        listen(&root, kind, move |ev| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let field = target
                .get_attribute("data-draft")
                .and_then(|k| Field::parse(&k));
            if let (Some(field), Some(value)) = (field, control_value(&target)) {
                when_free(&a, move |app| {
                    // The same value again (a change after input) is no news.
                    let same = {
                        let b = app.borrow();
                        b.model
                            .drafts
                            .get(&keys::draft(&scope(&b.model), &field.key()))
                            == Some(&value)
                    };
                    if !same {
                        dispatch(app, Msg::Input { field, value });
                    }
                });
            }
        })?;
    }
    // Enter in a one-line field submits its step's form.
    let a = app.clone();
    listen(&root, "keydown", move |ev| {
        let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if key.key() != "Enter" || key.shift_key() || key.is_composing() {
            return;
        }
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if target.tag_name() != "INPUT" {
            return;
        }
        if let Some(form) = target.closest("[data-submit]").ok().flatten() {
            ev.prevent_default();
            if let Some(action) = action_of(&form, "data-submit", "data-submit-arg") {
                send(&a, Msg::Click(action));
            }
        }
    })?;
    let a = app.clone();
    listen(&doc, "visibilitychange", move |_| {
        when_free(&a, |app| {
            if app.borrow().doc.hidden() {
                flush_saves(app);
                app.borrow_mut().tick = None;
            } else {
                dispatch(app, Msg::Tick);
            }
        })
    })?;
    if let Some(w) = web_sys::window() {
        let a = app.clone();
        listen(&w, "pagehide", move |_| when_free(&a, flush_saves))?;
    }

    let a = app.clone();
    let snap = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
        when_free(&a, move |app| {
            let early = {
                let mut b = app.borrow_mut();
                if b.drawn {
                    None
                } else {
                    b.held = Some(v.clone());
                    Some(())
                }
            };
            if early.is_none() {
                dispatch(app, snapshot_msg(v));
            }
        })
    });
    host.on_snapshot(&snap);
    snap.forget();
    let a = app.clone();
    // A JS value, like the other two callbacks (one closure signature's
    // glue instead of two); hosts pass a string.
    let problem = Closure::<dyn FnMut(JsValue)>::new(move |m: JsValue| {
        send(&a, Msg::PageProblem(js_text(&m)))
    });
    host.on_page_problem(&problem);
    problem.forget();
    let a = app.clone();
    let changed = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
        let list = pairs(&v);
        send(&a, Msg::StorageChanged(list))
    });
    host.on_storage_change(&changed);
    changed.forget();

    // Nothing is drawn before the stored state is read (panel.html already
    // says it is loading): one DOM build for the first frame, not two.
    let host = host.handle();
    spawn_local(async move {
        let held = match read_start(&host).await {
            Ok(Start::Indexed { records, index }) => {
                let held: Set<String> = index.folds.iter().map(|(k, _)| k.clone()).collect();
                when_free(&app, move |app| {
                    dispatch(app, Msg::Indexed { records, index });
                    after_first_frame(app);
                });
                held
            }
            Ok(Start::Records(records)) => {
                when_free(&app, move |app| {
                    dispatch(app, Msg::Loaded { records });
                    after_first_frame(app);
                });
                return;
            }
            Err(e) => {
                when_free(&app, move |app| {
                    dispatch(app, Msg::LoadFailed(js_text(&e)));
                    after_first_frame(app);
                });
                return;
            }
        };
        // The first frame is drawn from the index before the key list's
        // answer is worked in (a second full draw would delay it).
        after_frame().await;
        let msg = match reconcile_read(&host, &held).await {
            Ok((keep, records)) => Msg::Reconciled { keep, records },
            Err(e) => Msg::LoadFailed(js_text(&e)),
        };
        send(&app, msg);
    });
    Ok(())
}

/// Runs once the frame with the stored state has been drawn (or after
/// 100 ms: a hidden page draws no frames): the page snapshot that came
/// meanwhile is read and drawn now, so reading the page (extraction, the
/// coach on its messages) never delays the first frame.
fn after_first_frame(app: &AppRc) {
    let app = app.clone();
    spawn_local(async move {
        after_frame().await;
        when_free(&app, |app| {
            let held = {
                let mut a = app.borrow_mut();
                a.drawn = true;
                a.held.take()
            };
            if let Some(v) = held {
                dispatch(app, snapshot_msg(v));
            }
        })
    });
}

fn scope(model: &Model) -> String {
    model
        .current
        .clone()
        .unwrap_or_else(|| keys::NEW_SCOPE.to_string())
}
