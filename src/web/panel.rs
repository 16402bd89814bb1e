//! The panel: holds the CSM's workspace and the current page's facts, turns
//! clicks and typing into core calls and events, and redraws. All decisions
//! come from the pure modules (engine, drafting, coach, present); this file
//! only moves data between them, the host and the DOM.
//!
//! Event handling is delegated: one `click`, one `input` and one `change`
//! listener on the panel root read `data-action` / `data-draft` attributes,
//! so redraws never leak closures.

use super::host::Host;
use super::tz::{local_zone, IntlRules};
use super::view;
use crate::account::{self, AccountFacts, Snapshot};
use crate::drafting::{self, DraftContext, Form};
use crate::engine::{self, Config, Event, EventBody, Stage};
use crate::messages::MessageKind;
use crate::present::from_kebab;
use crate::workspace::{export_json, import_json, Workspace};
use chrono::{DateTime, Utc};
use gloo_timers::callback::Timeout;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, Element, HtmlElement};

pub const DRAFT_PREFIX: &str = "defuse:draft:";
pub const SETTINGS_KEY: &str = "defuse:settings";
/// Typing is saved this long after the last keystroke.
const SAVE_DEBOUNCE_MS: u32 = 300;

/// The CSM's own settings, kept across escalations.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub csm_name: String,
    pub business_days: bool,
}

/// A message at the top of the panel: the result of the last action.
#[derive(Debug, Clone)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub host: Host,
    pub doc: Document,
    pub root: Element,
    pub rules: IntlRules,
    pub csm_zone: String,
    pub settings: Settings,
    pub ws: Workspace,
    pub loaded: bool,
    pub snapshot: Option<Snapshot>,
    pub facts: AccountFacts,
    pub page_problem: Option<String>,
    /// The escalation shown; `None` shows the form that opens one.
    pub current: Option<String>,
    /// Set when the CSM picked an escalation from the list (the page no longer decides).
    pub pinned: bool,
    /// The step the CSM opened; `None` follows the escalation's stage.
    pub view: Option<Stage>,
    /// Every draft in storage, by full key.
    pub drafts: BTreeMap<String, String>,
    pub notice: Option<Notice>,
    pub insert_results: BTreeMap<String, (bool, String)>,
    tick: Option<Timeout>,
    save: Option<Timeout>,
    unsaved: BTreeMap<String, String>,
    /// The last countdown state announced to screen readers.
    pub announced: Option<String>,
}

pub type AppRc = Rc<RefCell<App>>;

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

fn new_id() -> String {
    let rand = (js_sys::Math::random() * 1e12) as u64;
    format!("{:x}-{:x}", js_sys::Date::now() as u64, rand)
}

impl App {
    pub fn config(&self) -> Config {
        Config {
            business_days: self.settings.business_days,
            ..Config::default()
        }
    }

    /// The draft scope: the escalation's id, or `new` for the opening form.
    pub fn scope(&self) -> String {
        self.current.clone().unwrap_or_else(|| "new".into())
    }

    /// The form values of the current scope, by field name.
    pub fn form(&self) -> Form {
        let prefix = format!("{DRAFT_PREFIX}{}:", self.scope());
        self.drafts
            .iter()
            .filter_map(|(k, v)| k.strip_prefix(&prefix).map(|f| (f.to_string(), v.clone())))
            .collect()
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.drafts
            .get(&format!("{DRAFT_PREFIX}{}:{name}", self.scope()))
            .cloned()
    }

    pub fn escalation(&self) -> Option<engine::Escalation> {
        let id = self.current.as_ref()?;
        let e = self.ws.escalation(id);
        e.opened.is_some().then_some(e)
    }

    pub fn zone_label(&self, zone: &str) -> String {
        super::tz::short_name(zone, now()).unwrap_or_else(|| zone.to_string())
    }

    pub fn draft_context<'a>(
        &'a self,
        state: &'a engine::Escalation,
        form: &'a Form,
    ) -> DraftContext<'a> {
        let customer_zone = state
            .opened
            .as_ref()
            .map(|o| o.customer_zone.clone())
            .unwrap_or_default();
        DraftContext {
            state,
            form,
            now: now(),
            rules: &self.rules,
            customer_zone_label: self.zone_label(&customer_zone),
            csm_zone_label: self.zone_label(&self.csm_zone),
        }
    }

    /// Makes the steps' suggested values (first update time, next daily
    /// update, owner) part of the escalation's form, in memory: what the CSM
    /// sees is what drafts, inserts and "Mark as sent" use.
    fn seed_suggestions(&mut self) {
        let Some(state) = self.escalation() else {
            return;
        };
        let prefix = format!("{DRAFT_PREFIX}{}:", self.scope());
        let form = self.form();
        for (k, v) in drafting::suggested(&form, &state, now(), &self.rules) {
            if !form.contains_key(&k) {
                self.drafts.insert(format!("{prefix}{k}"), v);
            }
        }
    }

    /// Follows the page: shows the escalation of the account on the page,
    /// unless the CSM picked one from the list.
    fn follow_page(&mut self) {
        if self.pinned {
            return;
        }
        let url = self
            .snapshot
            .as_ref()
            .map(|s| s.url.clone())
            .unwrap_or_default();
        let name = self
            .facts
            .name
            .as_ref()
            .map(|f| f.value.clone())
            .unwrap_or_default();
        let found = self.ws.find_for_account(&url, &name).map(|e| e.id);
        if found != self.current {
            self.current = found;
            self.view = None;
        }
    }
}

/// Redraws everything, keeping focus, caret and scroll where they were.
pub fn redraw(app: &AppRc) {
    app.borrow_mut().seed_suggestions();
    let result = {
        let a = app.borrow();
        view::render(&a)
    };
    if let Err(e) = result {
        web_sys::console::error_2(&"Defuse: could not draw the panel".into(), &e);
    }
    schedule_tick(app);
}

/// Redraws only the drafts and coach findings (after typing in a form field).
fn refresh_drafts(app: &AppRc) {
    let a = app.borrow();
    if let Err(e) = view::refresh_drafts(&a) {
        web_sys::console::error_2(&"Defuse: could not refresh the drafts".into(), &e);
    }
}

fn schedule_tick(app: &AppRc) {
    let next = view::next_due(&app.borrow());
    tick_with(app, next);
}

/// Draws the countdown for `next`, announces a change of state (due soon,
/// overdue) once, and holds one timer for the next tick; none while hidden.
fn tick_with(app: &AppRc, next: Option<view::NextDue>) {
    let delay = {
        let a = app.borrow();
        match &next {
            Some(n) if !a.doc.hidden() => view::update_countdown(&a, n).ok(),
            _ => None,
        }
    };
    let label = next.as_ref().map(view::countdown_label);
    let mut a = app.borrow_mut();
    if label != a.announced {
        let first = a.announced.is_none();
        a.announced = label.clone();
        if let (false, Some(text)) = (first, label.as_deref()) {
            let _ = view::announce(&a, text);
        }
    }
    // Replacing the timer drops (cancels) the old one.
    a.tick = delay.map(|ms| {
        let app = app.clone();
        Timeout::new(ms, move || on_tick(&app))
    });
}

fn on_tick(app: &AppRc) {
    let (next, changed) = {
        let a = app.borrow();
        let next = view::next_due(&a);
        let changed = view::drawn_differs(&a, next.as_ref());
        (next, changed)
    };
    if changed {
        redraw(app);
    } else {
        tick_with(app, next);
    }
}

fn set_notice(app: &AppRc, text: impl Into<String>, error: bool) {
    app.borrow_mut().notice = Some(Notice {
        text: text.into(),
        error,
    });
}

/// Appends events after the engine approved each, stores them (one key per
/// event) and redraws. Nothing is stored when the engine refuses.
fn append(app: &AppRc, bodies: Vec<EventBody>, escalation: Option<String>) -> bool {
    let at = now();
    let (events, ok) = {
        let a = app.borrow();
        let Some(id) = escalation.or_else(|| a.current.clone()) else {
            return false;
        };
        let mut state = a.ws.escalation(&id);
        let mut events = Vec::new();
        for body in bodies {
            if let Err(e) = engine::check(&state, &body, at) {
                drop(a);
                set_notice(app, e.to_string(), true);
                redraw(app);
                return false;
            }
            let event = Event {
                id: new_id(),
                escalation: id.clone(),
                at,
                body,
            };
            let mut log = state.log.clone();
            log.push(event.clone());
            state = engine::fold(&log);
            events.push(event);
        }
        (events, true)
    };
    {
        let mut a = app.borrow_mut();
        a.ws.add_all(&events);
        for e in &events {
            let key = engine::storage_key(e);
            let text = engine::encode_record(e);
            let promise = a.host.storage_put(&key, &text);
            let app = app.clone();
            spawn_local(async move {
                if let Err(err) = JsFuture::from(promise).await {
                    set_notice(&app, format!("Could not save to browser storage: {}. Your work is still shown here; export it to keep a copy.", js_text(&err)), true);
                    redraw(&app);
                }
            });
        }
    }
    ok
}

pub fn js_text(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn save_field(app: &AppRc, name: &str, value: String) {
    let key = {
        let a = app.borrow();
        format!("{DRAFT_PREFIX}{}:{name}", a.scope())
    };
    let mut a = app.borrow_mut();
    a.drafts.insert(key.clone(), value.clone());
    a.unsaved.insert(key, value);
    let app2 = app.clone();
    a.save = Some(Timeout::new(SAVE_DEBOUNCE_MS, move || flush_saves(&app2)));
}

fn flush_saves(app: &AppRc) {
    let (host_saves, host) = {
        let mut a = app.borrow_mut();
        a.save = None;
        (std::mem::take(&mut a.unsaved), a.host.handle())
    };
    for (k, v) in host_saves {
        let promise = host.storage_put(&k, &v);
        spawn_local(async move {
            if let Err(e) = JsFuture::from(promise).await {
                web_sys::console::warn_2(&"Defuse: a draft could not be saved".into(), &e);
            }
        });
    }
}

fn save_settings(app: &AppRc) {
    let a = app.borrow();
    if let Ok(text) = serde_json::to_string(&a.settings) {
        let promise = a.host.storage_put(SETTINGS_KEY, &text);
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

fn clear_field(app: &AppRc, name: &str) {
    save_field(app, name, String::new());
    let key = {
        let a = app.borrow();
        format!("{DRAFT_PREFIX}{}:{name}", a.scope())
    };
    app.borrow_mut().drafts.remove(&key);
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

fn on_input(app: &AppRc, target: Element) {
    let Some(name) = target.get_attribute("data-draft") else {
        return;
    };
    let Some(value) = control_value(&target) else {
        return;
    };
    save_field(app, &name, value);
    let checkbox = target
        .dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|i| i.type_() == "checkbox");
    if checkbox {
        // A checkbox can add or remove a whole section (the loop-in prompt).
        redraw(app);
    } else if name.ends_with(".body") || name.ends_with(".subject") {
        // Typing in a draft: re-coach it, keep everything else.
        let a = app.borrow();
        let _ = view::refresh_coach(&a, &target);
    } else {
        refresh_drafts(app);
    }
}

/// The message kind of the draft block an element sits in.
fn block_kind(el: &Element) -> Option<(MessageKind, String)> {
    let block = el.closest("[data-draft-block]").ok()??;
    let kind: MessageKind = from_kebab(&block.get_attribute("data-draft-block")?)?;
    let prefix = block.get_attribute("data-prefix")?;
    Some((kind, prefix))
}

fn draft_text(el: &Element, part: &str) -> String {
    el.closest("[data-draft-block]")
        .ok()
        .flatten()
        .and_then(|b| {
            b.query_selector(&format!("[data-part={part}]"))
                .ok()
                .flatten()
        })
        .and_then(|e| control_value(&e))
        .unwrap_or_default()
}

fn on_click(app: &AppRc, target: Element) {
    let Some(action) = target.get_attribute("data-action") else {
        return;
    };
    let arg = target.get_attribute("data-arg").unwrap_or_default();
    app.borrow_mut().notice = None;
    match action.as_str() {
        "open" => open_escalation(app),
        "step" => {
            let stage: Option<Stage> = from_kebab(&arg);
            app.borrow_mut().view = stage;
            redraw(app);
            focus_step(app);
        }
        "switch" => {
            {
                let mut a = app.borrow_mut();
                a.current = if arg.is_empty() { None } else { Some(arg) };
                a.pinned = true;
                a.view = None;
            }
            redraw(app);
        }
        "follow-page" => {
            app.borrow_mut().pinned = false;
            app.borrow_mut().follow_page();
            redraw(app);
        }
        "copy" => {
            let text = draft_text(&target, "body");
            let promise = app.borrow().host.copy(&text);
            let app = app.clone();
            spawn_local(async move {
                match JsFuture::from(promise).await {
                    Ok(_) => set_notice(&app, "Copied to the clipboard.", false),
                    Err(e) => set_notice(&app, format!("Could not copy: {}", js_text(&e)), true),
                }
                redraw(&app);
            });
        }
        "insert" => insert(app, &target),
        "mark-sent" => mark_sent(app, &target),
        "regenerate" => {
            if let Some((_, prefix)) = block_kind(&target) {
                clear_field(app, &format!("{prefix}.body"));
                clear_field(app, &format!("{prefix}.subject"));
                redraw(app);
            }
        }
        "save-triage" => save_triage(app, false),
        "complete-triage" => save_triage(app, true),
        "assign-dri" => assign_dri(app),
        "loop-in-done" => {
            let text = draft_text(&target, "body");
            if append(
                app,
                vec![EventBody::EngineeringLoopedIn { detail: text }],
                None,
            ) {
                set_notice(app, "Recorded: support / engineering looped in.", false);
            }
            redraw(app);
        }
        "resolve" => resolve(app),
        "step-done" | "step-waive" => restoration_step(app, &action, &arg),
        "close" => {
            if append(app, vec![EventBody::Closed {}], None) {
                set_notice(
                    app,
                    "Escalation closed. The relationship work is done.",
                    false,
                );
            }
            redraw(app);
        }
        "reopen" => {
            let reason = app.borrow().field("reopen.reason").unwrap_or_default();
            if append(app, vec![EventBody::Reopened { reason }], None) {
                app.borrow_mut().view = None;
                set_notice(app, "Reopened: the daily cadence starts again.", false);
            }
            redraw(app);
        }
        "add-note" => {
            let text = app.borrow().field("note.text").unwrap_or_default();
            if text.trim().is_empty() {
                set_notice(app, "Write the note first.", true);
            } else if append(app, vec![EventBody::Note { text }], None) {
                clear_field(app, "note.text");
            }
            redraw(app);
        }
        "correct-facts" => correct_facts(app),
        "use-fact" => {
            // A conflicting candidate chosen by the CSM becomes the form value.
            if let Some((field, value)) = arg.split_once('=') {
                save_field(app, field, value.to_string());
                redraw(app);
            }
        }
        "business-days" => {
            {
                let mut a = app.borrow_mut();
                a.settings.business_days = !a.settings.business_days;
            }
            save_settings(app);
            redraw(app);
        }
        "export" => {
            let a = app.borrow();
            let text = export_json(&a.ws.all_events(), now());
            a.host.download(
                &format!("defuse-export-{}.json", now().format("%Y-%m-%d")),
                &text,
            );
        }
        "import" => import(app),
        _ => {}
    }
}

fn focus_step(app: &AppRc) {
    let a = app.borrow();
    if let Ok(Some(h)) = a.root.query_selector("#step-body h2") {
        if let Some(h) = h.dyn_ref::<HtmlElement>() {
            let _ = h.focus();
        }
    }
}

fn parse_money_input(text: &str, lang: &str) -> Result<Option<account::Money>, String> {
    account::parse_money(text, &account::Locale::from_lang(lang)).map_err(|e| e.to_string())
}

fn parse_date_input(text: &str) -> Result<Option<chrono::NaiveDate>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            format!(
                "“{}” is not a date. Pick the renewal date in the date field.",
                text.trim()
            )
        })
}

fn open_escalation(app: &AppRc) {
    let (body, problem) = {
        let a = app.borrow();
        let form = a.form();
        let get = |k: &str| form.get(k).cloned().unwrap_or_default();
        let lang = a
            .snapshot
            .as_ref()
            .map(|s| s.lang.clone())
            .unwrap_or_default();
        let account_name = view::open_default(&a, "open.account", &form);
        let arr = parse_money_input(&view::open_default(&a, "open.arr", &form), &lang);
        let renewal = parse_date_input(&view::open_default(&a, "open.renewal", &form));
        let reached = drafting::parse_wall_time(
            &view::open_default(&a, "open.reached", &form),
            &a.csm_zone,
            &a.rules,
        );
        let customer_zone = view::open_default(&a, "open.customer-zone", &form);
        let csm_name = {
            let typed = get("open.csm-name");
            if typed.trim().is_empty() {
                a.settings.csm_name.clone()
            } else {
                typed
            }
        };
        let url = a
            .snapshot
            .as_ref()
            .map(|s| s.url.clone())
            .filter(|u| !u.is_empty());
        let problem = if account_name.trim().is_empty() {
            Some("Enter the customer's name.".to_string())
        } else if csm_name.trim().is_empty() {
            Some("Enter your name: it signs every message.".to_string())
        } else if reached.is_none() {
            Some(
                "Enter when the escalation reached you: the acknowledgment clock starts there."
                    .to_string(),
            )
        } else if !a.rules.knows(customer_zone.trim()) {
            Some(format!("“{}” is not a time zone this browser knows. Use a name like America/Chicago or Europe/Berlin.", customer_zone.trim()))
        } else {
            None
        };
        match (problem, arr, renewal) {
            (Some(p), _, _) => (None, Some(p)),
            (None, Err(e), _) => (None, Some(format!("ARR: {e}"))),
            (None, _, Err(e)) => (None, Some(format!("Renewal: {e}"))),
            (None, Ok(arr), Ok(renewal)) => (
                Some((
                    EventBody::Opened(engine::Opened {
                        account: account_name.trim().to_string(),
                        arr,
                        renewal,
                        crm_url: url,
                        reached_csm_at: reached.unwrap_or_else(now),
                        customer_zone: customer_zone.trim().to_string(),
                        csm_zone: a.csm_zone.clone(),
                        csm_name: csm_name.trim().to_string(),
                    }),
                    csm_name.trim().to_string(),
                )),
                None,
            ),
        }
    };
    if let Some(p) = problem {
        set_notice(app, p, true);
        redraw(app);
        return;
    }
    let Some((body, csm_name)) = body else { return };
    let id = format!("esc-{}", new_id());
    if append(app, vec![body], Some(id.clone())) {
        {
            let mut a = app.borrow_mut();
            a.settings.csm_name = csm_name;
            a.current = Some(id);
            a.view = None;
        }
        save_settings(app);
        set_notice(
            app,
            "Escalation opened. The acknowledgment is due within 2 hours.",
            false,
        );
    }
    redraw(app);
}

fn insert(app: &AppRc, target: &Element) {
    let Some((kind, prefix)) = block_kind(target) else {
        return;
    };
    let text = draft_text(target, "body");
    let subject = draft_text(target, "subject");
    let html = {
        let a = app.borrow();
        view::draft_html(&a, kind, &prefix, &text)
    };
    let payload = js_sys::Object::new();
    let set = |k: &str, v: &str| js_sys::Reflect::set(&payload, &k.into(), &v.into());
    let _ = set("subject", &subject);
    let _ = set("text", &text);
    let _ = set("html", &html);
    let promise = app.borrow().host.insert(payload.into());
    let app = app.clone();
    spawn_local(async move {
        let (ok, message) = match JsFuture::from(promise).await {
            Ok(result) => {
                let ok = js_sys::Reflect::get(&result, &"ok".into())
                    .ok()
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false);
                let message = js_sys::Reflect::get(&result, &"message".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_else(|| "The page gave no answer.".into());
                (ok, message)
            }
            Err(e) => (false, format!("Could not insert: {}", js_text(&e))),
        };
        app.borrow_mut()
            .insert_results
            .insert(prefix, (ok, message));
        redraw(&app);
    });
}

fn mark_sent(app: &AppRc, target: &Element) {
    let Some((kind, _prefix)) = block_kind(target) else {
        return;
    };
    let text = draft_text(target, "body");
    let body = {
        let a = app.borrow();
        let Some(state) = a.escalation() else { return };
        let form = a.form();
        let cx = a.draft_context(&state, &form);
        drafting::sent_event(kind, &text, &cx)
    };
    match body {
        Ok(body) => {
            if append(app, vec![body], None) {
                set_notice(
                    app,
                    format!("Recorded: {} sent.", drafting::kind_label(kind)),
                    false,
                );
                app.borrow_mut().view = None;
            }
        }
        Err(e) => set_notice(app, e, true),
    }
    redraw(app);
}

fn save_triage(app: &AppRc, complete: bool) {
    let bodies = {
        let a = app.borrow();
        let Some(state) = a.escalation() else { return };
        view::triage_events(&a, &state, complete)
    };
    match bodies {
        Ok(bodies) if bodies.is_empty() => set_notice(app, "No new answers to save.", false),
        Ok(bodies) => {
            if append(app, bodies, None) {
                set_notice(
                    app,
                    if complete {
                        "Triage complete."
                    } else {
                        "Triage answers saved."
                    },
                    false,
                );
            }
        }
        Err(e) => set_notice(app, e, true),
    }
    redraw(app);
}

fn assign_dri(app: &AppRc) {
    let body = {
        let a = app.borrow();
        let name = a.field("dri.name").unwrap_or_default();
        let role = drafting::dri_role(&a.field("dri.role").unwrap_or_default());
        engine::validate_dri_name(&name)
            .map(|name| EventBody::DriAssigned { name, role })
            .map_err(|e| e.to_string())
    };
    match body {
        Ok(body) => {
            if append(app, vec![body], None) {
                set_notice(
                    app,
                    "DRI assigned. Announce them to the customer below.",
                    false,
                );
            }
        }
        Err(e) => set_notice(app, e, true),
    }
    redraw(app);
}

fn resolve(app: &AppRc) {
    let body = {
        let a = app.borrow();
        let root = a.field("resolve.root-cause").unwrap_or_default();
        let link = a.field("resolve.bug-link").filter(|l| !l.trim().is_empty());
        let root_cause: Option<engine::RootCause> = from_kebab(&root);
        root_cause
            .map(|root_cause| EventBody::Resolved { root_cause, bug_link: link.map(|l| l.trim().to_string()) })
            .ok_or_else(|| "Choose the root cause (product defect, configuration or process failure) before marking it resolved.".to_string())
    };
    match body {
        Ok(body) => {
            if append(app, vec![body], None) {
                set_notice(app, "Resolved. The close-out document is due within 48 hours: a fixed ticket is not the end.", false);
                app.borrow_mut().view = None;
            }
        }
        Err(e) => set_notice(app, e, true),
    }
    redraw(app);
}

fn restoration_step(app: &AppRc, action: &str, arg: &str) {
    let step: Option<engine::RestorationStep> = from_kebab(arg);
    let Some(step) = step else { return };
    let body = if action == "step-done" {
        let note = app
            .borrow()
            .field(&format!("restore.{arg}.note"))
            .unwrap_or_default();
        EventBody::RestorationStepDone { step, note }
    } else {
        let reason = app
            .borrow()
            .field(&format!("restore.{arg}.reason"))
            .unwrap_or_default();
        EventBody::RestorationStepWaived { step, reason }
    };
    if append(app, vec![body], None) {
        set_notice(app, format!("Recorded: {}.", step.label()), false);
    }
    redraw(app);
}

fn correct_facts(app: &AppRc) {
    let body = {
        let a = app.borrow();
        let lang = a
            .snapshot
            .as_ref()
            .map(|s| s.lang.clone())
            .unwrap_or_default();
        let arr = parse_money_input(&a.field("fix.arr").unwrap_or_default(), &lang);
        let renewal = parse_date_input(&a.field("fix.renewal").unwrap_or_default());
        let reached = a
            .field("fix.reached")
            .and_then(|v| drafting::parse_wall_time(&v, &a.csm_zone, &a.rules));
        match (arr, renewal) {
            (Err(e), _) => Err(format!("ARR: {e}")),
            (_, Err(e)) => Err(format!("Renewal: {e}")),
            (Ok(None), Ok(None)) if reached.is_none() => {
                Err("Enter the corrected ARR, renewal date or time it reached you.".to_string())
            }
            (Ok(arr), Ok(renewal)) => Ok(EventBody::FactCorrected(engine::FactCorrection {
                arr,
                renewal,
                reached_csm_at: reached,
            })),
        }
    };
    match body {
        Ok(body) => {
            if append(app, vec![body], None) {
                for f in ["fix.arr", "fix.renewal", "fix.reached"] {
                    clear_field(app, f);
                }
                set_notice(
                    app,
                    "Corrected. Your correction wins over what the page says.",
                    false,
                );
            }
        }
        Err(e) => set_notice(app, e, true),
    }
    redraw(app);
}

fn import(app: &AppRc) {
    let promise = app.borrow().host.pick_file();
    let app = app.clone();
    spawn_local(async move {
        let text = match JsFuture::from(promise).await {
            Ok(v) => match v.as_string() {
                Some(t) => t,
                None => return,
            },
            Err(e) => {
                set_notice(
                    &app,
                    format!("Could not read the file: {}", js_text(&e)),
                    true,
                );
                redraw(&app);
                return;
            }
        };
        match import_json(&text) {
            Ok((events, unreadable)) => {
                let host = app.borrow().host.handle();
                for e in &events {
                    let _ = JsFuture::from(
                        host.storage_put(&engine::storage_key(e), &engine::encode_record(e)),
                    )
                    .await;
                }
                app.borrow_mut().ws.add_all(&events);
                let skipped = if unreadable > 0 {
                    format!(" {unreadable} unreadable records were skipped.")
                } else {
                    String::new()
                };
                set_notice(
                    &app,
                    format!("Imported {} events.{skipped}", events.len()),
                    false,
                );
            }
            Err(e) => set_notice(&app, e.to_string(), true),
        }
        redraw(&app);
    });
}

fn on_visibility(a: &AppRc) {
    let hidden = a.borrow().doc.hidden();
    if hidden {
        flush_saves(a);
        // No timers while hidden: the countdown catches up when shown.
        a.borrow_mut().tick = None;
    } else {
        redraw(a);
    }
}

fn on_snapshot(app: &AppRc, value: JsValue) {
    match super::api::parse_snapshot(value) {
        Ok(snapshot) => {
            let facts = account::extract(&snapshot);
            let mut a = app.borrow_mut();
            a.facts = facts;
            a.snapshot = Some(snapshot);
            a.page_problem = None;
            a.follow_page();
        }
        Err(e) => {
            let v: JsValue = e.into();
            app.borrow_mut().page_problem = Some(js_text(&v));
        }
    }
    redraw(app);
}

fn on_storage_change(app: &AppRc, changes: JsValue) {
    let Ok(list) = changes.dyn_into::<js_sys::Array>() else {
        return;
    };
    let mut a = app.borrow_mut();
    let mut records = Vec::new();
    for pair in list.iter() {
        let pair = js_sys::Array::from(&pair);
        let (Some(key), value) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
            continue;
        };
        if key.starts_with(DRAFT_PREFIX) {
            // Another tab's typing; ours wins while we have unsaved keystrokes.
            if !a.unsaved.contains_key(&key) {
                match value {
                    Some(v) => a.drafts.insert(key, v),
                    None => a.drafts.remove(&key),
                };
            }
        } else if key == SETTINGS_KEY {
            if let Some(s) = value.and_then(|v| serde_json::from_str(&v).ok()) {
                a.settings = s;
            }
        } else if let Some(v) = value {
            records.push((key, v));
        }
    }
    let other = Workspace::from_records(records.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let events = other.all_events();
    a.ws.add_all(&events);
    a.ws.quarantined.extend(other.quarantined);
    drop(a);
    // Only redraw the parts that depend on the log when something arrived.
    redraw(app);
}

async fn load(app: AppRc) {
    let promise = app.borrow().host.storage_all();
    match JsFuture::from(promise).await {
        Ok(all) => {
            let list = js_sys::Array::from(&all);
            let mut records = Vec::new();
            let mut drafts = BTreeMap::new();
            let mut settings = None;
            for pair in list.iter() {
                let pair = js_sys::Array::from(&pair);
                let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
                    continue;
                };
                if k.starts_with(DRAFT_PREFIX) {
                    drafts.insert(k, v);
                } else if k == SETTINGS_KEY {
                    settings = serde_json::from_str::<Settings>(&v).ok();
                } else {
                    records.push((k, v));
                }
            }
            let mut a = app.borrow_mut();
            a.ws = Workspace::from_records(records.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            a.drafts = drafts;
            if let Some(s) = settings {
                a.settings = s;
            }
            a.loaded = true;
            a.follow_page();
        }
        Err(e) => {
            let mut a = app.borrow_mut();
            a.loaded = true;
            a.notice = Some(Notice {
                text: format!("Could not read saved escalations: {}. Nothing was deleted; reload the panel to try again.", js_text(&e)),
                error: true,
            });
        }
    }
    redraw(&app);
}

/// Runs `f` now, or right after the current handler when the app is busy.
/// Drawing can fire DOM events synchronously (moving focus fires `change`
/// on an edited field), and those must not find the app borrowed.
fn when_free(app: &AppRc, f: impl FnOnce(&AppRc) + 'static) {
    if app.try_borrow_mut().is_ok() {
        f(app);
    } else {
        let app = app.clone();
        Timeout::new(0, move || f(&app)).forget();
    }
}

/// Starts the panel in `#app` behind the given host.
#[wasm_bindgen(js_name = startPanel)]
pub fn start_panel(host: Host) -> Result<(), JsValue> {
    // A bug must say what it was, in the console, before the module stops.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Defuse stopped on a bug: {info}").into());
    }));
    let doc = super::dom::document()?;
    let root = doc
        .get_element_by_id("app")
        .ok_or_else(|| JsValue::from_str("panel page has no #app"))?;
    root.set_attribute("data-host", &host.kind())?;
    let app: AppRc = Rc::new(RefCell::new(App {
        host: host.handle(),
        doc: doc.clone(),
        root: root.clone(),
        rules: IntlRules::default(),
        csm_zone: local_zone(),
        settings: Settings::default(),
        ws: Workspace::default(),
        loaded: false,
        snapshot: None,
        facts: AccountFacts::default(),
        page_problem: None,
        current: None,
        pinned: false,
        view: None,
        drafts: BTreeMap::new(),
        notice: None,
        insert_results: BTreeMap::new(),
        tick: None,
        save: None,
        unsaved: BTreeMap::new(),
        announced: None,
    }));

    let a = app.clone();
    let click = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        if let Some(button) = target.and_then(|t| t.closest("[data-action]").ok().flatten()) {
            // Checkboxes with an action keep their native toggle.
            if button.tag_name() != "INPUT" {
                ev.prevent_default();
            }
            when_free(&a, move |app| on_click(app, button));
        }
    });
    root.add_event_listener_with_callback("click", click.as_ref().unchecked_ref())?;
    click.forget();

    for kind in ["input", "change"] {
        let a = app.clone();
        let input = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                when_free(&a, move |app| on_input(app, target));
            }
        });
        root.add_event_listener_with_callback(kind, input.as_ref().unchecked_ref())?;
        input.forget();
    }

    // Save what was typed before the panel goes away.
    let a = app.clone();
    let hide = Closure::<dyn FnMut()>::new(move || when_free(&a, on_visibility));
    doc.add_event_listener_with_callback("visibilitychange", hide.as_ref().unchecked_ref())?;
    hide.forget();
    let a = app.clone();
    let pagehide = Closure::<dyn FnMut()>::new(move || when_free(&a, flush_saves));
    if let Some(w) = web_sys::window() {
        w.add_event_listener_with_callback("pagehide", pagehide.as_ref().unchecked_ref())?;
    }
    pagehide.forget();

    let a = app.clone();
    let snap = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
        when_free(&a, move |app| on_snapshot(app, v))
    });
    host.on_snapshot(&snap);
    snap.forget();

    let a = app.clone();
    let problem = Closure::<dyn FnMut(String)>::new(move |m: String| {
        when_free(&a, move |app| {
            app.borrow_mut().page_problem = Some(m);
            redraw(app);
        })
    });
    host.on_page_problem(&problem);
    problem.forget();

    let a = app.clone();
    let changed = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
        when_free(&a, move |app| on_storage_change(app, v))
    });
    host.on_storage_change(&changed);
    changed.forget();

    redraw(&app);
    spawn_local(load(app));
    Ok(())
}
