//! Drawing the panel from the app state: header, countdown, stepper, the open
//! step's form and drafts with coach findings, timeline, the list of open
//! escalations, and tools. Text always goes in as text.
//!
//! Stable test ids: `account-name`, `account-arr`, `account-renewal`,
//! `next-deadline`, `step-<name>`, `draft`, `draft-subject`, `coach-finding`,
//! `insert`, `insert-result`, `mark-sent`, `timeline-event`.

use super::dom::B;
use super::panel::{now, App};
use crate::coach::{coach_draft, score_escalation, Finding};
use crate::drafting::{self, Form};
use crate::engine::{
    self, deadlines, escalation_severity, needs_engineering_loop_in, next_wakeup, recommend_dri,
    timeline, Deadline, DeadlineStatus, Escalation, EventBody, Stage, TriageKey, TRIAGE_QUESTIONS,
};
use crate::messages::{html::escape_html, Message, MessageKind};
use crate::present::{
    countdown, deadline_label, excerpt, from_kebab, kebab, local_label, status_label,
};
use chrono::{DateTime, Utc};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

type R = Result<Element, JsValue>;

const STEPS: [(Stage, &str, &str); 6] = [
    (Stage::Acknowledge, "acknowledge", "Acknowledge"),
    (Stage::Triage, "triage", "Triage"),
    (Stage::Dri, "dri", "DRI"),
    (Stage::Cadence, "cadence", "Cadence"),
    (Stage::CloseOut, "close-out", "Close-out"),
    (Stage::Restore, "restore", "Restore"),
];

fn fid(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

fn b(doc: &Document, tag: &str) -> B {
    B::new(doc, tag)
}

fn button(doc: &Document, action: &str, arg: &str, label: &str) -> B {
    b(doc, "button")
        .attr("type", "button")
        .attr("data-action", action)
        .attr("data-arg", arg)
        .attr("id", &format!("a-{action}-{arg}"))
        .text(label)
}

/// A labelled control bound to a form field (saved as typed), with an
/// optional hint the control is described by.
fn labelled(
    doc: &Document,
    name: &str,
    label: &str,
    control: B,
    value: &str,
    hint: Option<&str>,
) -> R {
    let id = fid(name);
    let mut control = control.attr("id", &id).attr("data-draft", name);
    if hint.is_some() {
        control = control.attr("aria-describedby", &format!("{id}-hint"));
    }
    b(doc, "div")
        .attr("class", "field")
        .child(b(doc, "label").attr("for", &id).text(label).build())
        .child(control.value(value).build())
        .children(hint.map(|h| {
            b(doc, "small")
                .attr("id", &format!("{id}-hint"))
                .attr("class", "hint")
                .text(h)
                .build()
        }))
        .build()
}

fn input(
    doc: &Document,
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    hint: Option<&str>,
) -> R {
    let control = b(doc, "input")
        .attr("type", kind)
        .attr("autocomplete", "off");
    labelled(doc, name, label, control, value, hint)
}

fn textarea(
    doc: &Document,
    name: &str,
    label: &str,
    value: &str,
    rows: u32,
    hint: Option<&str>,
) -> R {
    let control = b(doc, "textarea").attr("rows", &rows.to_string());
    labelled(doc, name, label, control, value, hint)
}

fn select(doc: &Document, name: &str, label: &str, options: &[(&str, &str)], value: &str) -> R {
    let id = fid(name);
    let sel = b(doc, "select")
        .attr("id", &id)
        .attr("data-draft", name)
        .children(
            options
                .iter()
                .map(|(v, l)| b(doc, "option").attr("value", v).text(l).build()),
        )
        .value(value);
    b(doc, "div")
        .attr("class", "field")
        .child(b(doc, "label").attr("for", &id).text(label).build())
        .child(sel.build())
        .build()
}

fn checkbox(doc: &Document, name: &str, label: &str, checked: bool) -> R {
    let id = fid(name);
    let cb = b(doc, "input")
        .attr("id", &id)
        .attr("type", "checkbox")
        .attr("data-draft", name)
        .attr_if(checked, "checked", "")
        .build();
    b(doc, "div")
        .attr("class", "field check")
        .child(cb)
        .child(b(doc, "label").attr("for", &id).text(label).build())
        .build()
}

fn form_or<'a>(form: &'a Form, key: &str, default: &'a str) -> &'a str {
    form.get(key).map(String::as_str).unwrap_or(default)
}

// ------------------------------------------------------------------ render

/// Redraws the whole panel, keeping focus, caret and scroll.
pub fn render(a: &App) -> Result<(), JsValue> {
    let doc = &a.doc;
    let focus = doc.active_element().map(|e| {
        let (s, en) = if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
            (
                i.selection_start().ok().flatten(),
                i.selection_end().ok().flatten(),
            )
        } else if let Some(t) = e.dyn_ref::<HtmlTextAreaElement>() {
            (
                t.selection_start().ok().flatten(),
                t.selection_end().ok().flatten(),
            )
        } else {
            (None, None)
        };
        (e.id(), s, en)
    });
    let scroll = web_sys::window()
        .map(|w| w.scroll_y().unwrap_or(0.0))
        .unwrap_or(0.0);

    let parts = js_sys::Array::new();
    let push = |e: R| -> Result<(), JsValue> {
        parts.push(&e?.into());
        Ok(())
    };
    if let Some(n) = &a.notice {
        push(
            b(doc, "p")
                .attr("class", if n.error { "notice error" } else { "notice" })
                .attr("role", if n.error { "alert" } else { "status" })
                .attr("data-testid", "notice")
                .text(&n.text)
                .build(),
        )?;
    }
    let state = a.escalation();
    push(header(a, state.as_ref()))?;
    if let Some(p) = &a.page_problem {
        push(
            b(doc, "p")
                .attr("class", "problem")
                .attr("data-testid", "page-problem")
                .text(p)
                .build(),
        )?;
    }
    if !a.ws.quarantined.is_empty() {
        push(quarantine(a))?;
    }
    if !a.loaded {
        push(
            b(doc, "p")
                .attr("class", "loading")
                .text("Loading your escalations…")
                .build(),
        )?;
    } else {
        match &state {
            Some(s) => {
                push(countdown_box(a, s))?;
                push(stepper(a, s))?;
                push(step_body(a, s))?;
                push(timeline_box(a, s))?;
            }
            None => {
                if let Some(offer) = signal_offer(a) {
                    push(offer)?;
                }
                push(open_form(a))?;
            }
        }
        push(escalation_list(a))?;
        push(tools(a))?;
    }
    a.root.replace_children_with_node(&parts);

    if let Some((id, s, e)) = focus {
        if !id.is_empty() {
            if let Some(el) = doc.get_element_by_id(&id) {
                if let Some(h) = el.dyn_ref::<HtmlElement>() {
                    let _ = h.focus();
                }
                if let (Some(s), Some(e)) = (s, e) {
                    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                        let _ = i.set_selection_range(s, e);
                    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
                        let _ = t.set_selection_range(s, e);
                    }
                }
            }
        }
    }
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, scroll);
    }
    Ok(())
}

fn header(a: &App, state: Option<&Escalation>) -> R {
    let doc = &a.doc;
    let opened = state.and_then(|s| s.opened.as_ref());
    let facts = &a.facts;
    let name = opened
        .map(|o| o.account.clone())
        .or_else(|| facts.name.as_ref().map(|f| f.value.clone()));
    let name_source = if opened.is_some() {
        "From the escalation record".to_string()
    } else {
        facts
            .name
            .as_ref()
            .map(|f| {
                format!(
                    "Read from “{}” ({}, {})",
                    f.source.label, f.source.crm, f.source.kind
                )
            })
            .unwrap_or_default()
    };
    let title = match &name {
        Some(n) => b(doc, "h1")
            .attr("data-testid", "account-name")
            .attr("title", &name_source)
            .attr("tabindex", "0")
            .text(n)
            .build(),
        None => b(doc, "h1")
            .attr("class", "muted")
            .attr("data-testid", "account-missing")
            .text("No account on this page")
            .build(),
    };

    // ARR and renewal: the escalation's (with corrections) once open, else the page's.
    let (arr, arr_source) = match opened {
        Some(o) => (
            o.arr.clone(),
            "Recorded when the escalation was opened (or corrected since)".to_string(),
        ),
        None => (
            facts.arr.as_ref().map(|f| f.value.clone()),
            facts
                .arr
                .as_ref()
                .map(|f| {
                    let basis = match facts.arr_basis {
                        Some(crate::account::ArrBasis::MrrTimesTwelve) => " — derived: MRR × 12",
                        Some(crate::account::ArrBasis::CompanyAnnualRevenue) => {
                            " — the company's annual revenue, not ARR: check it"
                        }
                        Some(crate::account::ArrBasis::ContractValue) => " — contract value",
                        _ => "",
                    };
                    format!(
                        "Read from “{}” ({}, {}){basis}",
                        f.source.label, f.source.crm, f.source.kind
                    )
                })
                .unwrap_or_default(),
        ),
    };
    let (renewal, renewal_source) = match opened {
        Some(o) => (
            o.renewal,
            "Recorded when the escalation was opened (or corrected since)".to_string(),
        ),
        None => (
            facts.renewal.as_ref().map(|f| f.value),
            facts
                .renewal
                .as_ref()
                .map(|f| {
                    format!(
                        "Read from “{}” ({}, {})",
                        f.source.label, f.source.crm, f.source.kind
                    )
                })
                .unwrap_or_default(),
        ),
    };
    let today = now().date_naive();
    let arr_dd = match &arr {
        Some(m) => b(doc, "dd")
            .attr("data-testid", "account-arr")
            .attr("data-amount", &m.to_decimal_string())
            .attr_if(
                m.currency.is_some(),
                "data-currency",
                m.currency.as_deref().unwrap_or(""),
            )
            .attr("tabindex", "0")
            .attr("title", &arr_source)
            .text(&m.describe())
            .child(
                b(doc, "span")
                    .attr("class", "source")
                    .text(&arr_source)
                    .build(),
            )
            .build(),
        None => b(doc, "dd")
            .attr("data-testid", "account-arr")
            .attr("class", "muted")
            .text("not found — enter it when you open the escalation")
            .build(),
    };
    let renewal_dd = match renewal {
        Some(d) => {
            let days = (d - today).num_days();
            let left = if days >= 0 {
                format!(" · {days} days left")
            } else {
                format!(" · {} days ago", -days)
            };
            b(doc, "dd")
                .attr("data-testid", "account-renewal")
                .attr("data-date", &d.format("%Y-%m-%d").to_string())
                .attr("tabindex", "0")
                .attr("title", &renewal_source)
                .text(&format!("{}{left}", crate::account::date::describe(d)))
                .child(
                    b(doc, "span")
                        .attr("class", "source")
                        .text(&renewal_source)
                        .build(),
                )
                .build()
        }
        None => b(doc, "dd")
            .attr("data-testid", "account-renewal")
            .attr("class", "muted")
            .text("not found")
            .build(),
    };
    let mut dl = b(doc, "dl")
        .attr("class", "facts")
        .child(
            b(doc, "div")
                .child(b(doc, "dt").text("ARR").build())
                .child(arr_dd)
                .build(),
        )
        .child(
            b(doc, "div")
                .child(b(doc, "dt").text("Renewal").build())
                .child(renewal_dd)
                .build(),
        );
    if let Some(s) = state {
        let sev = escalation_severity(s, now(), &a.config().severity);
        dl = dl.child(
            b(doc, "div")
                .child(b(doc, "dt").text("Severity").build())
                .child(
                    b(doc, "dd")
                        .attr("data-testid", "severity")
                        .attr("class", &format!("sev-{}", kebab(&sev.level)))
                        .attr("title", &sev.reason)
                        .attr("tabindex", "0")
                        .text(&kebab(&sev.level))
                        .child(
                            b(doc, "span")
                                .attr("class", "source")
                                .text(&sev.reason)
                                .build(),
                        )
                        .build(),
                )
                .build(),
        );
        let dri = s
            .dri
            .as_ref()
            .map(|d| format!("{} ({})", d.name, role_label(d.role)))
            .unwrap_or_else(|| "not named yet".into());
        dl = dl.child(
            b(doc, "div")
                .child(b(doc, "dt").text("DRI").build())
                .child(b(doc, "dd").attr("data-testid", "dri").text(&dri).build())
                .build(),
        );
    }
    let mut h = b(doc, "header")
        .attr("class", "account")
        .child(title)
        .child(dl.build());
    // Page problems about the facts (missing ARR, ambiguous date, conflicts).
    if state.is_none() {
        for p in &a.facts.problems {
            h = h.child(
                b(doc, "p")
                    .attr("class", "fact-problem")
                    .attr("data-testid", "fact-problem")
                    .text(&p.message())
                    .build(),
            );
        }
    }
    h.build()
}

fn role_label(role: engine::DriRole) -> &'static str {
    match role {
        engine::DriRole::Csm => "CSM",
        engine::DriRole::CsManager => "CS Manager",
        engine::DriRole::Other => "other",
    }
}

fn quarantine(a: &App) -> R {
    let doc = &a.doc;
    b(doc, "details")
        .attr("class", "quarantine")
        .attr("data-testid", "quarantine")
        .child(
            b(doc, "summary")
                .text(&format!(
                    "{} saved records could not be read. They are kept, not deleted.",
                    a.ws.quarantined.len()
                ))
                .build(),
        )
        .child(
            b(doc, "ul")
                .children(a.ws.quarantined.iter().map(|q| {
                    let what = if q.newer_version {
                        "made by a newer Defuse: update Defuse to read it"
                    } else {
                        q.problem.as_str()
                    };
                    b(doc, "li").text(&format!("{}: {what}", q.key)).build()
                }))
                .build(),
        )
        .build()
}

fn signal_offer(a: &App) -> Option<R> {
    let snap = a.snapshot.as_ref()?;
    if snap.conversation.trim().is_empty() {
        return None;
    }
    let score = score_escalation(&snap.conversation, &snap.lang);
    if !score.escalating {
        return None;
    }
    let doc = &a.doc;
    // The words as the customer wrote them, each once.
    let mut phrases: Vec<String> = Vec::new();
    for m in &score.matches {
        let (_, words, _) = excerpt(&snap.conversation, m.start, m.end, 0);
        let quoted = format!(
            "“{}”",
            if words.is_empty() {
                m.phrase.clone()
            } else {
                words
            }
        );
        if !phrases.contains(&quoted) {
            phrases.push(quoted);
        }
    }
    Some(
        b(doc, "section")
            .attr("class", "signal")
            .attr("data-testid", "escalation-signal")
            .attr("aria-label", "Escalation detected")
            .child(b(doc, "p").text(&format!("This conversation reads like an escalation ({}). Acknowledge it within 2 hours.", phrases.join(", "))).build())
            .child(b(doc, "a").attr("href", &format!("#{}", fid("open.account"))).attr("class", "button-link").text("Start the playbook below").build())
            .build(),
    )
}

/// A customer time zone the page names (a "Time Zone" field holding a zone
/// the browser knows), so promised times are right from the first message.
fn page_zone(a: &App) -> Option<String> {
    let snap = a.snapshot.as_ref()?;
    snap.fields.iter().filter(|c| !c.hidden).find_map(|c| {
        let label = c.label.to_lowercase();
        let zone_label = [
            "time zone",
            "timezone",
            "zeitzone",
            "fuseau",
            "zona horaria",
            "fuso",
            "tijdzone",
        ]
        .iter()
        .any(|l| label.contains(l));
        let value = c.value.trim();
        (zone_label && value.contains('/') && a.rules.knows(value)).then(|| value.to_string())
    })
}

/// The value the opening form shows for a field: what the CSM typed, else
/// what the page says, else a sensible default.
pub fn open_default(a: &App, key: &str, form: &Form) -> String {
    if let Some(v) = form.get(key) {
        return v.clone();
    }
    match key {
        "open.account" => a
            .facts
            .name
            .as_ref()
            .map(|f| f.value.clone())
            .unwrap_or_default(),
        "open.arr" => a
            .facts
            .arr
            .as_ref()
            .map(|f| f.value.describe())
            .unwrap_or_default(),
        "open.renewal" => a
            .facts
            .renewal
            .as_ref()
            .map(|f| f.value.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        "open.reached" => drafting::wall_time_value(now(), &a.csm_zone, &a.rules),
        "open.customer-zone" => page_zone(a).unwrap_or_else(|| a.csm_zone.clone()),
        "open.csm-name" => a.settings.csm_name.clone(),
        _ => String::new(),
    }
}

fn open_form(a: &App) -> R {
    let doc = &a.doc;
    let form = a.form();
    let v = |k: &str| open_default(a, k, &form);
    let mut alternatives = Vec::new();
    for f in &a.facts.alternatives.arr {
        alternatives.push(
            button(
                doc,
                "use-fact",
                &format!("open.arr={}", f.value.describe()),
                &format!("Use {} (from “{}”)", f.value.describe(), f.source.label),
            )
            .build(),
        );
    }
    for f in &a.facts.alternatives.renewal {
        alternatives.push(
            button(
                doc,
                "use-fact",
                &format!("open.renewal={}", f.value.format("%Y-%m-%d")),
                &format!(
                    "Use {} (from “{}”)",
                    f.value.format("%Y-%m-%d"),
                    f.source.label
                ),
            )
            .build(),
        );
    }
    b(doc, "section")
        .attr("class", "open")
        .attr("aria-labelledby", "open-h")
        .child(b(doc, "h2").attr("id", "open-h").attr("tabindex", "-1").text("Start an escalation").build())
        .child(b(doc, "p").attr("class", "hint").text("Customers escalate because they feel unheard. The acknowledgment is due 2 hours after this reached you.").build())
        .child(input(doc, "open.account", "Customer", "text", &v("open.account"), None))
        .child(input(doc, "open.arr", "ARR", "text", &v("open.arr"), Some("As the CRM writes it, e.g. $1,240,000 or 1.240.000 €")))
        .children(alternatives)
        .child(input(doc, "open.renewal", "Renewal date", "date", &v("open.renewal"), None))
        .child(input(doc, "open.reached", "When it reached you (your time)", "datetime-local", &v("open.reached"), None))
        .child(input(doc, "open.customer-zone", "Customer's time zone", "text", &v("open.customer-zone"), Some("An IANA name such as America/Chicago: messages promise times in the customer's zone")))
        .child(input(doc, "open.csm-name", "Your name (signs every message)", "text", &v("open.csm-name"), None))
        .child(b(doc, "div").attr("class", "actions").child(button(doc, "open", "", "Start the escalation clock").attr("class", "primary").build()).build())
        .build()
}

// --------------------------------------------------------------- countdown

fn next_deadline(a: &App, state: &Escalation) -> Option<Deadline> {
    let mut open: Vec<Deadline> = deadlines(state, now(), &a.rules, &a.config())
        .into_iter()
        .filter(|d| d.status.is_open())
        .collect();
    open.sort_by_key(|d| d.due);
    open.into_iter().next()
}

fn countdown_box(a: &App, state: &Escalation) -> R {
    let doc = &a.doc;
    let action = engine::next_action(state, now(), &a.rules, &a.config());
    let boxed = b(doc, "section")
        .attr("class", "countdown")
        .attr("id", "countdown")
        .attr("aria-label", "Next required message");
    let Some(d) = next_deadline(a, state) else {
        return boxed
            .attr("data-testid", "next-deadline")
            .attr("data-kind", "none")
            .child(
                b(doc, "p")
                    .attr("class", "headline")
                    .text(&action.label)
                    .build(),
            )
            .build();
    };
    let customer_zone = state
        .opened
        .as_ref()
        .map(|o| o.customer_zone.clone())
        .unwrap_or_default();
    boxed
        .attr("data-testid", "next-deadline")
        .attr("data-kind", &kebab(&d.kind))
        .attr(
            "data-due",
            &d.due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        )
        .attr("data-status", &kebab(&d.status))
        .child(
            b(doc, "p")
                .attr("class", "headline")
                .attr("id", "countdown-headline")
                .build(),
        )
        .child(
            b(doc, "p")
                .attr("class", "next-action")
                .text(&action.label)
                .build(),
        )
        .child(
            b(doc, "p")
                .attr("class", "due")
                .text(&format!(
                    "Due {} your time",
                    local_label(&d.csm_due, &a.zone_label(&a.csm_zone))
                ))
                .build(),
        )
        .child(
            b(doc, "p")
                .attr("class", "due")
                .text(&format!(
                    "= {} for the customer",
                    local_label(&d.customer_due, &a.zone_label(&customer_zone))
                ))
                .build(),
        )
        .build()
}

/// The next open deadline and the next instant any status changes, computed
/// once per tick from one fold of the log.
pub struct NextDue {
    deadline: Deadline,
    wakeup: Option<DateTime<Utc>>,
}

pub fn next_due(a: &App) -> Option<NextDue> {
    let state = a.escalation()?;
    let deadline = next_deadline(a, &state)?;
    let wakeup = next_wakeup(&state, now(), &a.rules, &a.config());
    Some(NextDue { deadline, wakeup })
}

/// "<deadline> <status>", the only thing the live region ever says.
pub fn countdown_label(next: &NextDue) -> String {
    format!(
        "{} {}",
        deadline_label(next.deadline.kind),
        status_label(next.deadline.status)
    )
}

/// Updates the countdown text in place; returns ms until the next tick.
pub fn update_countdown(a: &App, next: &NextDue) -> Result<u32, JsValue> {
    let d = &next.deadline;
    let c = countdown(d.kind, d.status, d.due, now(), next.wakeup);
    if let Some(h) = a.doc.get_element_by_id("countdown-headline") {
        h.set_text_content(Some(&c.headline));
    }
    if let Some(boxed) = a.doc.get_element_by_id("countdown") {
        let class = match (c.overdue, d.status) {
            (true, _) => "countdown overdue",
            (false, DeadlineStatus::DueSoon) => "countdown due-soon",
            _ => "countdown",
        };
        boxed.set_attribute("class", class)?;
    }
    Ok(c.next_tick_ms.clamp(1, i64::from(u32::MAX)) as u32)
}

/// Whether the drawn countdown shows another deadline or status than `next`
/// (then the whole panel is redrawn: a step may have changed too).
pub fn drawn_differs(a: &App, next: Option<&NextDue>) -> bool {
    let drawn = a
        .doc
        .get_element_by_id("countdown")
        .map(|e| (e.get_attribute("data-due"), e.get_attribute("data-status")));
    let current = next.map(|n| {
        (
            Some(
                n.deadline
                    .due
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ),
            Some(kebab(&n.deadline.status)),
        )
    });
    match (drawn, current) {
        (Some(x), Some(y)) => x != y,
        (None, None) => false,
        _ => true,
    }
}

/// Says `text` once to screen readers (a polite live region outside #app).
pub fn announce(a: &App, text: &str) -> Result<(), JsValue> {
    if let Some(live) = a.doc.get_element_by_id("announce") {
        live.set_text_content(Some(text));
    }
    Ok(())
}

// ----------------------------------------------------------------- stepper

fn stage_index(stage: Stage) -> usize {
    STEPS
        .iter()
        .position(|(s, _, _)| *s == stage)
        .unwrap_or(STEPS.len())
}

fn shown_stage(a: &App, state: &Escalation) -> Stage {
    a.view.unwrap_or(if state.stage == Stage::Closed {
        Stage::Restore
    } else {
        state.stage
    })
}

fn stepper(a: &App, state: &Escalation) -> R {
    let doc = &a.doc;
    let current = stage_index(state.stage);
    let shown = shown_stage(a, state);
    b(doc, "nav")
        .attr("class", "stepper")
        .attr("aria-label", "Playbook steps")
        .child(
            b(doc, "ol")
                .children(STEPS.iter().enumerate().map(|(i, (stage, name, label))| {
                    let status = if i < current {
                        "done"
                    } else if i == current {
                        "current"
                    } else {
                        "later"
                    };
                    let mut btn = button(doc, "step", &kebab(stage), label)
                        .attr("data-testid", &format!("step-{name}"))
                        .attr("data-status", status)
                        .attr("class", &format!("step {status}"));
                    if *stage == shown {
                        btn = btn.attr("aria-current", "step");
                    }
                    b(doc, "li").child(btn.build()).build()
                }))
                .build(),
        )
        .build()
}

fn step_body(a: &App, state: &Escalation) -> R {
    let doc = &a.doc;
    let form = a.form();
    let stage = shown_stage(a, state);
    let (_, name, label) = STEPS
        .iter()
        .find(|(s, _, _)| *s == stage)
        .copied()
        .unwrap_or(STEPS[0]);
    let mut sec = b(doc, "section")
        .attr("id", "step-body")
        .attr("class", &format!("step-body step-{name}"))
        .attr("aria-labelledby", "step-h")
        .child(
            b(doc, "h2")
                .attr("id", "step-h")
                .attr("tabindex", "-1")
                .text(label)
                .build(),
        );
    if state.stage == Stage::Closed {
        sec = sec.child(
            b(doc, "p")
                .attr("class", "done")
                .text("This escalation is closed: resolved, documented and restored.")
                .build(),
        );
    }
    sec = match stage {
        Stage::Acknowledge => ack_step(a, state, &form, sec),
        Stage::Triage => triage_step(a, state, &form, sec),
        Stage::Dri => dri_step(a, state, &form, sec),
        Stage::Cadence => cadence_step(a, state, &form, sec),
        Stage::CloseOut => closeout_step(a, state, &form, sec),
        Stage::Restore | Stage::Closed => restore_step(a, state, &form, sec),
    };
    sec.build()
}

fn ack_step(a: &App, state: &Escalation, form: &Form, sec: B) -> B {
    let doc = &a.doc;
    let zone = state
        .opened
        .as_ref()
        .map(|o| o.customer_zone.clone())
        .unwrap_or_default();
    let sec = sec
        .child(b(doc, "p").attr("class", "hint").text("Acknowledge before you explain: recognize the impact, own it personally, and promise a status update by a specific time today.").build())
        .child(textarea(doc, "ack.impact", "What the customer described (impact, in their words)", form_or(form, "ack.impact", ""), 2, None))
        .child(input(doc, "ack.promised", &format!("Status update promised by (customer's time, {zone})"), "datetime-local", form_or(form, "ack.promised", ""), None));
    let mut sec = sec.child(draft_block(
        a,
        state,
        form,
        MessageKind::Acknowledgment,
        "ack",
    ));
    if needs_engineering_loop_in(state) || state.triage.outage_or_data_problem {
        sec = sec.child(loop_in_block(a, state, form));
    }
    sec
}

fn loop_in_block(a: &App, state: &Escalation, form: &Form) -> R {
    let doc = &a.doc;
    let done = state.engineering_looped_in_at.is_some();
    b(doc, "section")
        .attr("class", "loop-in")
        .attr("data-testid", "loop-in")
        .child(
            b(doc, "h3")
                .text(if done {
                    "Support / engineering looped in"
                } else {
                    "Outage or data problem: loop in support or engineering now"
                })
                .build(),
        )
        .child(draft_block(
            a,
            state,
            form,
            MessageKind::EngineeringLoopIn,
            "loopin",
        ))
        .children((!done).then(|| {
            button(
                doc,
                "loop-in-done",
                "",
                "Mark support / engineering looped in",
            )
            .build()
        }))
        .build()
}

fn triage_step(a: &App, state: &Escalation, form: &Form, sec: B) -> B {
    let doc = &a.doc;
    let opened = state.opened.as_ref();
    let arr_default = opened
        .map(|o| {
            let arr = o
                .arr
                .as_ref()
                .map(|m| format!("ARR {}", m.describe()))
                .unwrap_or_else(|| "ARR unknown".into());
            let renewal = o
                .renewal
                .map(|d| {
                    format!(
                        ", renews {} ({} days)",
                        crate::account::date::describe(d),
                        (d - now().date_naive()).num_days()
                    )
                })
                .unwrap_or_default();
            format!("{arr}{renewal}")
        })
        .unwrap_or_default();
    let mut sec = sec.child(b(doc, "p").attr("class", "hint").text("Within 30 minutes of the acknowledgment. The last question matters most: acknowledgment, a fix, or accountability?").build());
    for (key, question) in TRIAGE_QUESTIONS.iter() {
        let field = format!("triage.{}", kebab(key));
        let saved = state
            .triage
            .items
            .iter()
            .find(|i| i.key == *key)
            .and_then(|i| i.answer.clone())
            .unwrap_or_default();
        let default = if *key == TriageKey::ArrRenewal && saved.is_empty() {
            arr_default.clone()
        } else {
            saved
        };
        let value = form_or(form, &field, &default).to_string();
        sec = match key {
            TriageKey::CauseKind => sec.child(select(
                doc,
                &field,
                question,
                &[
                    ("", "Not known yet"),
                    ("product-defect", "Product bug"),
                    ("configuration", "Configuration issue"),
                    ("process-failure", "Process failure"),
                ],
                form_or(
                    form,
                    &field,
                    &state
                        .triage
                        .cause_kind
                        .map(|c| kebab(&c))
                        .unwrap_or_default(),
                ),
            )),
            TriageKey::DesiredOutcome => sec.child(select(
                doc,
                &field,
                question,
                &[
                    ("", "Not known yet"),
                    ("acknowledgment", "Acknowledgment"),
                    ("fix", "A fix"),
                    ("accountability", "Accountability"),
                ],
                form_or(
                    form,
                    &field,
                    &state
                        .triage
                        .desired_outcome
                        .map(|c| kebab(&c))
                        .unwrap_or_default(),
                ),
            )),
            _ => sec.child(textarea(doc, &field, question, &value, 2, None)),
        };
    }
    let exec = form
        .get("triage.executive")
        .map(|v| !v.is_empty())
        .unwrap_or(state.triage.executive_level);
    let outage = form
        .get("triage.outage")
        .map(|v| !v.is_empty())
        .unwrap_or(state.triage.outage_or_data_problem);
    sec = sec
        .child(checkbox(
            doc,
            "triage.executive",
            "Executive-level escalation",
            exec,
        ))
        .child(checkbox(
            doc,
            "triage.outage",
            "Product outage or data problem (loop in support / engineering immediately)",
            outage,
        ))
        .child(
            b(doc, "div")
                .attr("class", "actions")
                .child(button(doc, "save-triage", "", "Save answers").build())
                .child(
                    button(doc, "complete-triage", "", "Triage complete")
                        .attr("class", "primary")
                        .build(),
                )
                .build(),
        );
    if outage || state.triage.outage_or_data_problem {
        sec = sec.child(loop_in_block(a, state, form));
    }
    sec
}

/// The triage events for what changed in the form (and completion).
pub fn triage_events(
    a: &App,
    state: &Escalation,
    complete: bool,
) -> Result<Vec<EventBody>, String> {
    let form = a.form();
    let mut out = Vec::new();
    let exec = form.get("triage.executive").map(|v| !v.is_empty());
    let outage = form.get("triage.outage").map(|v| !v.is_empty());
    let mut flags_sent = false;
    for (key, _) in TRIAGE_QUESTIONS.iter() {
        let field = format!("triage.{}", kebab(key));
        let Some(value) = form.get(&field).map(|v| v.trim().to_string()) else {
            continue;
        };
        let saved = state
            .triage
            .items
            .iter()
            .find(|i| i.key == *key)
            .and_then(|i| i.answer.clone())
            .unwrap_or_default();
        let (cause_kind, desired_outcome) = match key {
            TriageKey::CauseKind => (from_kebab(&value), None),
            TriageKey::DesiredOutcome => (None, from_kebab(&value)),
            _ => (None, None),
        };
        let changed = match key {
            TriageKey::CauseKind => cause_kind.is_some() && cause_kind != state.triage.cause_kind,
            TriageKey::DesiredOutcome => {
                desired_outcome.is_some() && desired_outcome != state.triage.desired_outcome
            }
            _ => !value.is_empty() && value != saved,
        };
        if changed {
            out.push(EventBody::TriageAnswer(engine::TriageAnswer {
                question: *key,
                answer: value,
                cause_kind,
                desired_outcome,
                executive_level: if flags_sent { None } else { exec },
                outage_or_data_problem: if flags_sent { None } else { outage },
            }));
            flags_sent = true;
        }
    }
    let flags_changed = exec.is_some_and(|e| e != state.triage.executive_level)
        || outage.is_some_and(|o| o != state.triage.outage_or_data_problem);
    if !flags_sent && flags_changed {
        let saved = state
            .triage
            .items
            .iter()
            .find(|i| i.key == TriageKey::Impact)
            .and_then(|i| i.answer.clone())
            .unwrap_or_default();
        out.push(EventBody::TriageAnswer(engine::TriageAnswer {
            question: TriageKey::Impact,
            answer: saved,
            cause_kind: None,
            desired_outcome: None,
            executive_level: exec,
            outage_or_data_problem: outage,
        }));
    }
    if complete {
        out.push(EventBody::TriageCompleted {});
    }
    Ok(out)
}

fn dri_step(a: &App, state: &Escalation, form: &Form, sec: B) -> B {
    let doc = &a.doc;
    let sev = escalation_severity(state, now(), &a.config().severity);
    let rec = recommend_dri(state, &sev);
    let rec_role = kebab(&rec.role);
    let csm = state
        .opened
        .as_ref()
        .map(|o| o.csm_name.clone())
        .unwrap_or_default();
    let default_name = state
        .dri
        .as_ref()
        .map(|d| d.name.clone())
        .unwrap_or_else(|| {
            if rec_role == "csm" {
                csm
            } else {
                String::new()
            }
        });
    let mut sec = sec
        .child(
            b(doc, "p")
                .attr("class", "hint")
                .text("One named person owns resolution. Not a team.")
                .build(),
        )
        .child(
            b(doc, "p")
                .attr("class", "recommendation")
                .attr("data-testid", "dri-recommendation")
                .text(&format!(
                    "Recommended: {}. {}",
                    role_label(rec.role),
                    rec.reason
                ))
                .build(),
        )
        .child(input(
            doc,
            "dri.name",
            "DRI (one person's name)",
            "text",
            form_or(form, "dri.name", &default_name),
            None,
        ))
        .child(select(
            doc,
            "dri.role",
            "Role",
            &[
                ("csm", "CSM"),
                ("cs-manager", "CS Manager"),
                ("other", "Other"),
            ],
            form_or(form, "dri.role", &rec_role),
        ))
        .child(input(
            doc,
            "dri.contact",
            "How the customer reaches them directly (optional)",
            "text",
            form_or(form, "dri.contact", ""),
            None,
        ))
        .child(
            b(doc, "div")
                .attr("class", "actions")
                .child(
                    button(
                        doc,
                        "assign-dri",
                        "",
                        if state.dri.is_some() {
                            "Change DRI"
                        } else {
                            "Assign DRI"
                        },
                    )
                    .attr("class", "primary")
                    .build(),
                )
                .build(),
        );
    if state.dri.is_some() {
        sec = sec.child(draft_block(
            a,
            state,
            form,
            MessageKind::DriAnnouncement,
            "dri",
        ));
    }
    sec
}

fn cadence_step(a: &App, state: &Escalation, form: &Form, sec: B) -> B {
    let doc = &a.doc;
    let zone = state
        .opened
        .as_ref()
        .map(|o| o.customer_zone.clone())
        .unwrap_or_default();
    let no_news = form.get("update.no-news").is_some_and(|v| !v.is_empty());
    let mut sec = sec
        .child(b(doc, "p").attr("class", "hint").text("One update every day, even with no news: silence is the fastest way to re-escalate.").build())
        .child(checkbox(doc, "update.no-news", "No new resolution today (send the honest no-news update)", no_news))
        .child(select(doc, "update.status", "Status", &[("in-progress", "In progress"), ("resolved", "Resolved"), ("pending-customer", "Pending information from your side")], form_or(form, "update.status", "in-progress")))
        .child(textarea(doc, "update.today", "What happened today (1–2 sentences)", form_or(form, "update.today", ""), 2, None))
        .child(input(doc, "update.next-step", "What is happening next", "text", form_or(form, "update.next-step", ""), None))
        .child(input(doc, "update.next-owner", "Owner of the next step", "text", form_or(form, "update.next-owner", ""), None))
        .child(input(doc, "update.next-date", "Next step date", "date", form_or(form, "update.next-date", ""), None))
        .child(input(doc, "update.eta", "ETA for resolution (leave empty if you don't have one)", "date", form_or(form, "update.eta", ""), None))
        .child(checkbox(doc, "update.eta-confirmed", "The ETA is confirmed by the people who control the fix", form.get("update.eta-confirmed").is_some_and(|v| !v.is_empty())))
        .child(input(doc, "update.eta-why", "No ETA yet: here's why", "text", form_or(form, "update.eta-why", ""), None))
        .child(textarea(doc, "update.questions", "Questions for the customer (one per line)", form_or(form, "update.questions", ""), 2, None))
        .child(input(doc, "update.next-update", &format!("Next update by (customer's time, {zone})"), "datetime-local", form_or(form, "update.next-update", ""), None))
        .child(draft_block(a, state, form, MessageKind::DailyUpdate, "update"));
    // Resolution lives here: the cadence runs until the issue is resolved.
    let resolved = state.resolution.is_some();
    sec = sec.child(
        b(doc, "section")
            .attr("class", "resolve")
            .attr("aria-labelledby", "resolve-h")
            .child(
                b(doc, "h3")
                    .attr("id", "resolve-h")
                    .text(if resolved {
                        "Resolved"
                    } else {
                        "When it is resolved"
                    })
                    .build(),
            )
            .child(select(
                doc,
                "resolve.root-cause",
                "Root cause",
                &[
                    ("", "Choose…"),
                    ("product-defect", "Product defect"),
                    ("configuration", "Configuration"),
                    ("process-failure", "Process failure (ours)"),
                ],
                form_or(
                    form,
                    "resolve.root-cause",
                    &state
                        .resolution
                        .as_ref()
                        .map(|r| kebab(&r.root_cause))
                        .unwrap_or_default(),
                ),
            ))
            .child(input(
                doc,
                "resolve.bug-link",
                "Bug report or roadmap link (required for a product defect)",
                "url",
                form_or(
                    form,
                    "resolve.bug-link",
                    state
                        .resolution
                        .as_ref()
                        .and_then(|r| r.bug_link.as_deref())
                        .unwrap_or(""),
                ),
                None,
            ))
            .children((!resolved).then(|| button(doc, "resolve", "", "Mark resolved").build()))
            .build(),
    );
    sec
}

fn closeout_step(a: &App, state: &Escalation, form: &Form, sec: B) -> B {
    let doc = &a.doc;
    sec.child(b(doc, "p").attr("class", "hint").text("Within 48 hours of resolution. Do not just declare “it's fixed”: the close-out is what prevents the next escalation.").build())
        .child(input(doc, "closeout.issue", "Issue (1 sentence)", "text", form_or(form, "closeout.issue", ""), None))
        .child(textarea(doc, "closeout.impact", "Impact: who was affected, for how long, what they could not do", form_or(form, "closeout.impact", ""), 2, None))
        .child(textarea(doc, "closeout.root-cause", "Root cause: specific, honest, no jargon", form_or(form, "closeout.root-cause", ""), 2, None))
        .child(textarea(doc, "closeout.actions", "What we did (one action per line, in order)", form_or(form, "closeout.actions", ""), 3, None))
        .child(textarea(doc, "closeout.prevention", "What we're doing to prevent recurrence", form_or(form, "closeout.prevention", ""), 2, None))
        .child(textarea(doc, "closeout.next", "What you should expect next", form_or(form, "closeout.next", ""), 2, None))
        .child(input(doc, "closeout.link", "Bug report or roadmap link", "url", form_or(form, "closeout.link", state.resolution.as_ref().and_then(|r| r.bug_link.as_deref()).unwrap_or("")), None))
        .child(draft_block(a, state, form, MessageKind::Closeout, "closeout"))
}

fn restore_step(a: &App, state: &Escalation, form: &Form, sec: B) -> B {
    let doc = &a.doc;
    let mut sec = sec.child(b(doc, "p").attr("class", "hint").text("Resolved is not restored. Within 30 days of the close-out: executive relationship call, health score reassessment, and a follow-up that the prevention commitments landed.").build());
    let zone = state
        .opened
        .as_ref()
        .map(|o| o.customer_zone.clone())
        .unwrap_or_default();
    for p in &state.restoration {
        let arg = kebab(&p.step);
        let (kind, prefix, fields): (MessageKind, &str, Vec<R>) = match p.step {
            engine::RestorationStep::ExecutiveRelationshipCall => (
                MessageKind::RestorationExecCall,
                "restore-exec",
                vec![
                    input(
                        doc,
                        "restore.customer-exec",
                        "Customer's executive",
                        "text",
                        form_or(form, "restore.customer-exec", ""),
                        None,
                    ),
                    input(
                        doc,
                        "restore.our-exec",
                        "Our executive",
                        "text",
                        form_or(form, "restore.our-exec", ""),
                        None,
                    ),
                    input(
                        doc,
                        "restore.our-exec-title",
                        "Their title",
                        "text",
                        form_or(form, "restore.our-exec-title", ""),
                        None,
                    ),
                    input(
                        doc,
                        "restore.slot1",
                        &format!("Proposed time 1 (customer's time, {zone})"),
                        "datetime-local",
                        form_or(form, "restore.slot1", ""),
                        None,
                    ),
                    input(
                        doc,
                        "restore.slot2",
                        "Proposed time 2",
                        "datetime-local",
                        form_or(form, "restore.slot2", ""),
                        None,
                    ),
                ],
            ),
            engine::RestorationStep::HealthScoreReassessment => (
                MessageKind::RestorationHealthScore,
                "restore-health",
                vec![
                    input(
                        doc,
                        "restore.score-before",
                        "Health score before",
                        "text",
                        form_or(form, "restore.score-before", ""),
                        None,
                    ),
                    input(
                        doc,
                        "restore.score-after",
                        "Health score now",
                        "text",
                        form_or(form, "restore.score-after", ""),
                        None,
                    ),
                    textarea(
                        doc,
                        "restore.score-why",
                        "Why it moved (or did not)",
                        form_or(form, "restore.score-why", ""),
                        2,
                        None,
                    ),
                    textarea(
                        doc,
                        "restore.risks",
                        "Open risks (optional)",
                        form_or(form, "restore.risks", ""),
                        2,
                        None,
                    ),
                    input(
                        doc,
                        "restore.next-review",
                        "Next review",
                        "date",
                        form_or(form, "restore.next-review", ""),
                        None,
                    ),
                ],
            ),
            engine::RestorationStep::PreventionFollowUp => (
                MessageKind::RestorationPreventionFollowUp,
                "restore-prevention",
                vec![
                    textarea(
                        doc,
                        "closeout.prevention-items",
                        "Prevention commitments (one per line)",
                        form_or(
                            form,
                            "closeout.prevention-items",
                            form_or(form, "closeout.prevention", ""),
                        ),
                        3,
                        None,
                    ),
                    textarea(
                        doc,
                        "restore.prevention-status",
                        "Status of each (one per line, same order)",
                        form_or(form, "restore.prevention-status", ""),
                        3,
                        None,
                    ),
                ],
            ),
        };
        let status = if let Some(r) = &p.waived_reason {
            format!("Waived: {r}")
        } else if p.done_at.is_some() {
            "Done".to_string()
        } else {
            "To do".to_string()
        };
        let settled = p.settled() || p.waived_reason.is_some();
        let mut block = b(doc, "section")
            .attr("class", "restoration-step")
            .attr("data-testid", &format!("restoration-{arg}"))
            .attr("data-status", if settled { "settled" } else { "open" })
            .child(
                b(doc, "h3")
                    .text(&format!("{} — {status}", p.step.label()))
                    .build(),
            );
        if !settled && state.closeout_sent_at.is_some() {
            block = block
                .children(fields)
                .child(draft_block(a, state, form, kind, prefix))
                .child(input(
                    doc,
                    &format!("restore.{arg}.note"),
                    "Note (optional)",
                    "text",
                    form_or(form, &format!("restore.{arg}.note"), ""),
                    None,
                ))
                .child(input(
                    doc,
                    &format!("restore.{arg}.reason"),
                    "Reason to waive this step",
                    "text",
                    form_or(form, &format!("restore.{arg}.reason"), ""),
                    None,
                ))
                .child(
                    b(doc, "div")
                        .attr("class", "actions")
                        .child(
                            button(doc, "step-done", &arg, "Mark done")
                                .attr("class", "primary")
                                .build(),
                        )
                        .child(button(doc, "step-waive", &arg, "Waive with reason").build())
                        .build(),
                );
        } else if state.closeout_sent_at.is_none() {
            block = block.child(
                b(doc, "p")
                    .attr("class", "hint")
                    .text("Starts when the close-out document is sent.")
                    .build(),
            );
        }
        sec = sec.child(block.build());
    }
    let missing = state.missing_for_close();
    if state.stage == Stage::Closed {
        sec = sec
            .child(input(
                doc,
                "reopen.reason",
                "Reason to reopen",
                "text",
                form_or(form, "reopen.reason", ""),
                None,
            ))
            .child(button(doc, "reopen", "", "Reopen").build());
    } else if missing.is_empty() {
        sec = sec.child(
            button(doc, "close", "", "Close the escalation")
                .attr("class", "primary")
                .build(),
        );
    } else {
        sec = sec.child(
            b(doc, "p")
                .attr("class", "hint")
                .attr("data-testid", "close-blockers")
                .text(&format!("Before closing: {}.", missing.join("; ")))
                .build(),
        );
    }
    sec
}

// ------------------------------------------------------------------ drafts

fn generated(a: &App, state: &Escalation, form: &Form, kind: MessageKind) -> Message {
    let cx = a.draft_context(state, form);
    drafting::generate(kind, &cx)
}

/// One message: missing fields, subject, editable body, coach findings, and
/// Copy / Insert / Mark as sent.
fn draft_block(a: &App, state: &Escalation, form: &Form, kind: MessageKind, prefix: &str) -> R {
    let doc = &a.doc;
    let msg = generated(a, state, form, kind);
    let body_key = format!("{prefix}.body");
    let subject_key = format!("{prefix}.subject");
    let edited = form.contains_key(&body_key);
    let body = form
        .get(&body_key)
        .cloned()
        .unwrap_or_else(|| msg.text.clone());
    let subject = form
        .get(&subject_key)
        .cloned()
        .unwrap_or_else(|| msg.subject.clone());
    let result = a.insert_results.get(prefix);
    b(doc, "section")
        .attr("class", "draft")
        .attr("data-draft-block", &kebab(&kind))
        .attr("data-prefix", prefix)
        .attr("data-edited", if edited { "true" } else { "false" })
        .attr(
            "aria-label",
            &format!("{} draft", drafting::kind_label(kind)),
        )
        .child(
            b(doc, "h3")
                .text(&format!("{} draft", drafting::kind_label(kind)))
                .build(),
        )
        .child(missing_box(a, &msg))
        .child(
            b(doc, "div")
                .attr("class", "field")
                .child(
                    b(doc, "label")
                        .attr("for", &fid(&subject_key))
                        .text("Subject")
                        .build(),
                )
                .child(
                    b(doc, "input")
                        .attr("id", &fid(&subject_key))
                        .attr("type", "text")
                        .attr("data-draft", &subject_key)
                        .attr("data-part", "subject")
                        .attr("data-testid", "draft-subject")
                        .value(&subject)
                        .build(),
                )
                .build(),
        )
        .child(
            b(doc, "div")
                .attr("class", "field")
                .child(
                    b(doc, "label")
                        .attr("for", &fid(&body_key))
                        .text("Message")
                        .build(),
                )
                .child(
                    b(doc, "textarea")
                        .attr("id", &fid(&body_key))
                        .attr("rows", "9")
                        .attr("data-draft", &body_key)
                        .attr("data-part", "body")
                        .attr("data-testid", "draft")
                        .value(&body)
                        .build(),
                )
                .build(),
        )
        .child(coach_box(a, state, Some(kind), prefix, &body))
        .child(
            b(doc, "div")
                .attr("class", "actions")
                .child(button(doc, "copy", prefix, "Copy").build())
                .child(
                    button(doc, "insert", prefix, "Insert into composer")
                        .attr("data-testid", "insert")
                        .build(),
                )
                .child(
                    button(doc, "mark-sent", prefix, "Mark as sent")
                        .attr("data-testid", "mark-sent")
                        .attr("class", "primary")
                        .build(),
                )
                .children(
                    edited.then(|| {
                        button(doc, "regenerate", prefix, "Regenerate from the form").build()
                    }),
                )
                .build(),
        )
        .children(result.map(|(ok, m)| {
            b(doc, "p")
                .attr(
                    "class",
                    if *ok {
                        "insert-result ok"
                    } else {
                        "insert-result error"
                    },
                )
                .attr("role", "status")
                .attr("data-testid", "insert-result")
                .attr("data-ok", if *ok { "true" } else { "false" })
                .text(m)
                .build()
        }))
        .build()
}

fn missing_box(a: &App, msg: &Message) -> R {
    let doc = &a.doc;
    if msg.ready {
        return b(doc, "p")
            .attr("class", "ready")
            .attr("data-testid", "draft-ready")
            .text("Ready to send.")
            .build();
    }
    let items: Vec<String> = msg
        .missing
        .iter()
        .map(|m| match &m.problem {
            Some(p) => format!("{} ({p})", m.label),
            None => m.label.clone(),
        })
        .collect();
    b(doc, "p")
        .attr("class", "missing")
        .attr("data-testid", "draft-missing")
        .text(&format!("Not ready: fill in {}.", items.join(", ")))
        .build()
}

/// The HTML version for rich composers: the generated HTML while the CSM has
/// not edited the text, else their text as escaped paragraphs.
pub fn draft_html(a: &App, kind: MessageKind, prefix: &str, text: &str) -> String {
    let form = a.form();
    if !form.contains_key(&format!("{prefix}.body")) {
        if let Some(state) = a.escalation() {
            let msg = generated(a, &state, &form, kind);
            if msg.text == text {
                return msg.html;
            }
        }
    }
    // One paragraph per line, as the generated HTML has: rich composers
    // then keep the CSM's line breaks.
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("<p>{}</p>", escape_html(line.trim())))
        .collect()
}

/// After typing in a form field: regenerate unedited drafts and their
/// "ready" line, and re-coach every draft.
pub fn refresh_drafts(a: &App) -> Result<(), JsValue> {
    let Some(state) = a.escalation() else {
        return Ok(());
    };
    let form = a.form();
    let blocks = a.root.query_selector_all("[data-draft-block]")?;
    for i in 0..blocks.length() {
        let Some(block) = blocks.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let (Some(kind), Some(prefix)) = (
            block.get_attribute("data-draft-block"),
            block.get_attribute("data-prefix"),
        ) else {
            continue;
        };
        let Some(kind) = from_kebab::<MessageKind>(&kind) else {
            continue;
        };
        let msg = generated(a, &state, &form, kind);
        if !form.contains_key(&format!("{prefix}.body")) {
            if let Ok(Some(t)) = block.query_selector("[data-part=body]") {
                if let Some(t) = t.dyn_ref::<HtmlTextAreaElement>() {
                    if t.value() != msg.text {
                        t.set_value(&msg.text);
                    }
                }
            }
        }
        if !form.contains_key(&format!("{prefix}.subject")) {
            if let Ok(Some(s)) = block.query_selector("[data-part=subject]") {
                if let Some(s) = s.dyn_ref::<HtmlInputElement>() {
                    if s.value() != msg.subject {
                        s.set_value(&msg.subject);
                    }
                }
            }
        }
        if let Ok(Some(old)) =
            block.query_selector("[data-testid=draft-ready],[data-testid=draft-missing]")
        {
            old.replace_with_with_node_1(&missing_box(a, &msg)?.into())?;
        }
    }
    refresh_all_coach(a)
}

fn refresh_all_coach(a: &App) -> Result<(), JsValue> {
    let bodies = a.root.query_selector_all("[data-part=body]")?;
    for i in 0..bodies.length() {
        if let Some(el) = bodies.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            refresh_coach(a, &el)?;
        }
    }
    Ok(())
}

/// Re-coaches the draft an element belongs to.
pub fn refresh_coach(a: &App, el: &Element) -> Result<(), JsValue> {
    let Some(block) = el.closest("[data-draft-block]")? else {
        return Ok(());
    };
    let (Some(body), Some(coach), Some(state)) = (
        block.query_selector("[data-part=body]")?,
        block.query_selector(".coach")?,
        a.escalation(),
    ) else {
        return Ok(());
    };
    let Some(text) = body.dyn_ref::<HtmlTextAreaElement>().map(|t| t.value()) else {
        return Ok(());
    };
    let kind = block
        .get_attribute("data-draft-block")
        .and_then(|k| from_kebab::<MessageKind>(&k));
    let prefix = block.get_attribute("data-prefix").unwrap_or_default();
    coach.replace_with_with_node_1(&coach_box(a, &state, kind, &prefix, &text)?.into())?;
    Ok(())
}

/// The coach's findings on one draft, with the flagged words highlighted.
fn coach_box(
    a: &App,
    state: &Escalation,
    kind: Option<MessageKind>,
    prefix: &str,
    text: &str,
) -> R {
    let doc = &a.doc;
    let cx = drafting::coach_context(kind, state, &a.form(), now());
    let findings = coach_draft(text, &cx);
    b(doc, "div")
        .attr("class", "coach")
        .attr("data-coach", prefix)
        .children((!findings.is_empty()).then(|| {
            b(doc, "p")
                .attr("class", "coach-title")
                .text(&format!("Coach: {} to look at", findings.len()))
                .build()
        }))
        .children(findings.iter().map(|f| finding(doc, text, f)))
        .build()
}

fn finding(doc: &Document, text: &str, f: &Finding) -> R {
    let mut quote = b(doc, "blockquote");
    if f.end > f.start {
        let (before, flagged, after) = excerpt(text, f.start, f.end, 40);
        quote = quote
            .text(&before)
            .child(b(doc, "mark").text(&flagged).build())
            .text(&after);
    }
    b(doc, "div")
        .attr("class", &format!("finding {}", kebab(&f.severity)))
        .attr("data-testid", "coach-finding")
        .attr("data-rule", &kebab(&f.rule))
        .attr("data-start", &f.start.to_string())
        .attr("data-end", &f.end.to_string())
        .child(
            b(doc, "p")
                .attr("class", "finding-message")
                .text(&f.message)
                .build(),
        )
        .children((f.end > f.start).then(|| quote.build()))
        .child(
            b(doc, "p")
                .attr("class", "suggestion")
                .text(&format!("Try: {}", f.suggestion))
                .build(),
        )
        .build()
}

// ---------------------------------------------------------- timeline, list

fn event_type(body: &EventBody) -> String {
    serde_json::to_value(body)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_string))
        .unwrap_or_default()
}

fn fmt_time(a: &App, at: DateTime<Utc>) -> String {
    engine::to_local(&a.rules, &a.csm_zone, at)
        .local
        .format("%a %-d %b %H:%M")
        .to_string()
}

fn timeline_box(a: &App, state: &Escalation) -> R {
    let doc = &a.doc;
    let entries = timeline(state, now(), &a.rules, &a.config());
    let items = entries.iter().rev().map(|e| {
        let (ty, class) = match (&e.deadline, &e.event_id) {
            (Some(d), _) => (
                format!("deadline-{}", kebab(&d.status)),
                format!("tl deadline {}", kebab(&d.status)),
            ),
            (None, Some(id)) => {
                let ty = state
                    .log
                    .iter()
                    .find(|ev| &ev.id == id)
                    .map(|ev| event_type(&ev.body))
                    .unwrap_or_default();
                (ty, "tl event".to_string())
            }
            _ => (String::new(), "tl".to_string()),
        };
        b(doc, "li")
            .attr("data-testid", "timeline-event")
            .attr("data-type", &ty)
            .attr("class", &class)
            .child(
                b(doc, "time")
                    .attr("datetime", &e.at.to_rfc3339())
                    .text(&fmt_time(a, e.at))
                    .build(),
            )
            .text(" ")
            .child(b(doc, "span").text(&e.label).build())
            .build()
    });
    b(doc, "details")
        .attr("class", "timeline")
        .attr("open", "")
        .child(b(doc, "summary").text("Timeline").build())
        .child(b(doc, "ol").children(items).build())
        .child(textarea(
            doc,
            "note.text",
            "Add a note",
            form_or(&a.form(), "note.text", ""),
            2,
            None,
        ))
        .child(button(doc, "add-note", "", "Add note").build())
        .child(
            b(doc, "details")
                .attr("class", "corrections")
                .child(b(doc, "summary").text("Correct a fact").build())
                .child(input(
                    doc,
                    "fix.arr",
                    "Correct ARR",
                    "text",
                    form_or(&a.form(), "fix.arr", ""),
                    None,
                ))
                .child(input(
                    doc,
                    "fix.renewal",
                    "Correct renewal date",
                    "date",
                    form_or(&a.form(), "fix.renewal", ""),
                    None,
                ))
                .child(input(
                    doc,
                    "fix.reached",
                    "Correct when it reached you (your time)",
                    "datetime-local",
                    form_or(&a.form(), "fix.reached", ""),
                    None,
                ))
                .child(button(doc, "correct-facts", "", "Save correction").build())
                .build(),
        )
        .build()
}

fn escalation_list(a: &App) -> R {
    let doc = &a.doc;
    let list = crate::workspace::summaries(&a.ws, now(), &a.rules, &a.config());
    let items = list.iter().map(|s| {
        let due = s
            .next
            .due
            .map(|d| format!(" · due {}", fmt_time(a, d)))
            .unwrap_or_default();
        let overdue = if s.overdue > 0 {
            format!(" · {} overdue", s.overdue)
        } else {
            String::new()
        };
        let current = a.current.as_deref() == Some(s.id.as_str());
        b(doc, "li")
            .attr_if(current, "aria-current", "true")
            .child(
                button(
                    doc,
                    "switch",
                    &s.id,
                    &format!("{} — {}{due}{overdue}", s.account, s.next.label),
                )
                .attr(
                    "class",
                    if s.overdue > 0 {
                        "switch overdue"
                    } else {
                        "switch"
                    },
                )
                .attr("data-testid", "escalation-item")
                .build(),
            )
            .build()
    });
    let mut sec = b(doc, "section")
        .attr("class", "list")
        .attr("aria-labelledby", "list-h")
        .child(
            b(doc, "h2")
                .attr("id", "list-h")
                .text("All escalations")
                .build(),
        );
    if list.is_empty() {
        sec = sec.child(b(doc, "p").attr("class", "muted").text("None yet.").build());
    } else {
        sec = sec.child(b(doc, "ul").children(items).build());
    }
    if a.pinned {
        sec = sec.child(button(doc, "follow-page", "", "Show the account on this page").build());
    }
    if a.current.is_some() {
        sec = sec.child(button(doc, "switch", "", "Start another escalation").build());
    }
    sec.build()
}

fn tools(a: &App) -> R {
    let doc = &a.doc;
    b(doc, "details")
        .attr("class", "tools")
        .child(b(doc, "summary").text("Settings and data").build())
        .child(
            b(doc, "div")
                .attr("class", "field check")
                .child(
                    b(doc, "input")
                        .attr("type", "checkbox")
                        .attr("id", "a-business-days")
                        .attr("data-action", "business-days")
                        .attr_if(a.settings.business_days, "checked", "")
                        .build(),
                )
                .child(
                    b(doc, "label")
                        .attr("for", "a-business-days")
                        .text("Daily updates on the customer's business days only")
                        .build(),
                )
                .build(),
        )
        .child(
            b(doc, "div")
                .attr("class", "actions")
                .child(button(doc, "export", "", "Export all escalations").build())
                .child(button(doc, "import", "", "Import…").build())
                .build(),
        )
        .build()
}
