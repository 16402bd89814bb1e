//! `view_model`: the whole panel from one `now` and one fold of the shown
//! escalation — header, countdown, stepper, the shown step (see `steps`),
//! timeline, list and tools. Each notice is attached to the button that
//! caused it; only a notice nothing caused goes to the top.

use super::commands::{findings, message};
use super::form::{self, escalation, offer, shown};
use super::steps;
use super::vm::*;
use super::{prefix, Action, Field, Model, Rules, Zones};
use crate::coach::signal_thread::has_customer_message;
use crate::coach::snapshot_escalation;
use crate::drafting;
use crate::engine::{self, deadlines, Deadline, DeadlineStatus, Escalation, Stage};
use crate::messages::{MessageKind, TimeStyle};
use crate::present::{
    countdown, deadline_label, excerpt, kebab, local_label, status_label, Countdown,
};
use chrono::{DateTime, Utc};
use std::cell::Cell;

/// The id focus moves to when a step opens.
pub fn first_field(stage: Stage) -> String {
    match stage {
        Stage::Acknowledge => Field::AckImpact.id(),
        Stage::Triage => Field::Triage(engine::TriageKey::StatedProblem).id(),
        Stage::Dri => Field::DriName.id(),
        Stage::Cadence => Field::UpdateNoNews.id(),
        Stage::CloseOut => Field::CloseoutIssue.id(),
        Stage::Restore | Stage::Closed => "step-h".to_string(),
    }
}

const STEPS_ORDER: [Stage; 6] = [
    Stage::Acknowledge,
    Stage::Triage,
    Stage::Dri,
    Stage::Cadence,
    Stage::CloseOut,
    Stage::Restore,
];

pub fn step_name(stage: Stage) -> (&'static str, &'static str) {
    match stage {
        Stage::Acknowledge => ("acknowledge", "Acknowledge"),
        Stage::Triage => ("triage", "Triage"),
        Stage::Dri => ("dri", "DRI"),
        Stage::Cadence => ("cadence", "Cadence"),
        Stage::CloseOut => ("close-out", "Close-out"),
        Stage::Restore | Stage::Closed => ("restore", "Restore"),
    }
}

/// What every part of the view is built with.
pub(crate) struct Cx<'a> {
    pub m: &'a Model,
    pub state: Option<Escalation>,
    pub now: DateTime<Utc>,
    pub zones: &'a dyn Zones,
    placed: Cell<bool>,
}

impl Cx<'_> {
    pub fn value(&self, f: Field) -> String {
        shown(self.m, self.state.as_ref(), f, self.now, self.zones)
    }

    pub fn field(&self, f: Field, label: &str, kind: FieldKind) -> FieldVm {
        let offer = offer(self.m, self.state.as_ref(), f, self.now, self.zones).map(|o| {
            let button = self.button(
                Action::Accept(f),
                &format!("Use “{}”", short(&o.value)),
                false,
            );
            (o.why, button)
        });
        FieldVm {
            id: f.id(),
            key: f.key(),
            label: label.to_string(),
            kind,
            value: self.value(f),
            hint: None,
            error: self.m.errors.get(&f.key()).cloned(),
            options: vec![],
            offer,
            testid: None,
        }
    }

    pub fn select(&self, f: Field, label: &str, options: Vec<(String, String)>) -> FieldVm {
        FieldVm {
            options,
            ..self.field(f, label, FieldKind::Select)
        }
    }

    pub fn button(&self, action: Action, label: &str, primary: bool) -> ButtonVm {
        let notice = self
            .m
            .notice
            .as_ref()
            .filter(|n| n.anchor.as_ref() == Some(&action))
            .map(|n| {
                self.placed.set(true);
                NoticeVm {
                    text: n.text.clone(),
                    error: n.error,
                }
            });
        ButtonVm {
            action,
            label: label.to_string(),
            primary,
            testid: None,
            notice,
        }
    }

    /// One message: status, subject, body, coach findings and its buttons.
    pub fn draft(&self, kind: MessageKind) -> DraftVm {
        let Some(state) = &self.state else {
            return self.empty_draft(kind);
        };
        let (msg, body, subject) = message(self.m, state, kind, self.now, self.zones);
        let found = findings(self.m, state, kind, &body, self.now, self.zones);
        let internal = form::internal(kind);
        let ready = msg.ready && found.is_empty() && !body.trim().is_empty();
        let status = if ready {
            "Ready to send.".to_string()
        } else if !msg.ready {
            let items: Vec<String> = msg
                .missing
                .iter()
                .map(|m| match &m.problem {
                    Some(p) => format!("{} ({p})", m.label),
                    None => m.label.clone(),
                })
                .collect();
            format!("Not ready: fill in {}.", items.join(", "))
        } else {
            format!("Not ready: the coach flags {} thing(s) below.", found.len())
        };
        let edited = form::typed(self.m, Field::Body(kind)).is_some();
        let mut buttons = vec![self.button(Action::Copy(kind), "Copy", false)];
        if !internal {
            buttons.push(ButtonVm {
                testid: Some("insert"),
                ..self.button(Action::Insert(kind), "Insert into composer", false)
            });
        }
        buttons.push(ButtonVm {
            testid: Some("mark-sent"),
            ..self.button(
                Action::MarkSent(kind),
                if internal {
                    "Mark as sent to the team"
                } else {
                    "Mark as sent"
                },
                true,
            )
        });
        if self.m.confirm == Some(kind) {
            buttons.push(ButtonVm {
                testid: Some("confirm-mark-sent"),
                ..self.button(Action::ConfirmMarkSent(kind), "Yes, mark as sent", false)
            });
        }
        if edited {
            buttons.push(self.button(Action::Regenerate(kind), "Regenerate from the form", false));
        }
        let mut subject_field = self.field(Field::Subject(kind), "Subject", FieldKind::Text);
        subject_field.value = subject;
        subject_field.testid = Some("draft-subject");
        let mut body_field = self.field(Field::Body(kind), "Message", FieldKind::Area(9));
        body_field.value = body.clone();
        body_field.testid = Some("draft");
        DraftVm {
            kind: kebab(&kind),
            prefix: prefix(kind),
            title: if internal {
                format!(
                    "{} draft — internal, for your team only",
                    drafting::kind_label(kind)
                )
            } else {
                format!("{} draft", drafting::kind_label(kind))
            },
            internal,
            ready,
            status,
            edited,
            subject: subject_field,
            body: body_field,
            findings: found
                .iter()
                .map(|f| {
                    let (before, flagged, after) = if f.end > f.start {
                        excerpt(&body, f.start, f.end, 40)
                    } else {
                        Default::default()
                    };
                    FindingVm {
                        rule: kebab(&f.rule),
                        severity: kebab(&f.severity),
                        message: f.message.clone(),
                        before,
                        flagged,
                        after,
                        suggestion: f.suggestion.clone(),
                        start: f.start,
                        end: f.end,
                    }
                })
                .collect(),
            buttons,
            result: self.m.insert_results.get(prefix(kind)).cloned(),
        }
    }

    fn empty_draft(&self, kind: MessageKind) -> DraftVm {
        DraftVm {
            kind: kebab(&kind),
            prefix: prefix(kind),
            title: String::new(),
            internal: form::internal(kind),
            ready: false,
            status: String::new(),
            edited: false,
            subject: self.field(Field::Subject(kind), "Subject", FieldKind::Text),
            body: self.field(Field::Body(kind), "Message", FieldKind::Area(9)),
            findings: vec![],
            buttons: vec![],
            result: None,
        }
    }

    pub fn customer_zone(&self) -> String {
        self.state
            .as_ref()
            .and_then(|s| s.opened.as_ref())
            .map(|o| o.customer_zone.clone())
            .unwrap_or_default()
    }

    pub fn zone_label(&self, zone: &str) -> String {
        self.zones
            .short_name(zone, self.now)
            .unwrap_or_else(|| zone.to_string())
    }

    /// The CSM's time style (their locale's), shared with the drafts.
    pub fn style(&self) -> TimeStyle {
        TimeStyle::for_locale(&self.m.locale)
    }

    /// A moment on the CSM's clock, in their time style: "Fri, Nov 27, 4:30 PM".
    pub fn time(&self, at: DateTime<Utc>) -> String {
        self.style()
            .short_date_time(engine::to_local(&Rules(self.zones), &self.m.csm_zone, at).local)
    }
}

fn short(v: &str) -> String {
    let mut s: String = v.chars().take(60).collect();
    if v.chars().count() > 60 {
        s.push('…');
    }
    s
}

pub fn text(text: impl Into<String>, class: &'static str) -> Item {
    Item::Text {
        text: text.into(),
        class,
        testid: None,
    }
}

/// The earliest open deadline of `state` at `now`.
fn next_deadline(
    m: &Model,
    state: &Escalation,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> Option<Deadline> {
    let config = config(m);
    deadlines(state, now, &Rules(zones), &config)
        .into_iter()
        .filter(|d| d.status.is_open())
        .min_by_key(|d| d.due)
}

pub fn config(m: &Model) -> engine::Config {
    engine::Config {
        business_days: m.settings.business_days,
        ..engine::Config::default()
    }
}

/// The countdown at `now` (with the tick timing), when something is due.
pub fn next_due(m: &Model, now: DateTime<Utc>, zones: &dyn Zones) -> Option<Countdown> {
    let state = escalation(m)?;
    let d = next_deadline(m, &state, now, zones)?;
    let wake = engine::next_wakeup(&state, now, &Rules(zones), &config(m));
    Some(countdown(d.kind, d.status, d.due, now, wake))
}

/// "<deadline> <status>": what the live region says when it changes.
pub fn countdown_label(m: &Model, now: DateTime<Utc>, zones: &dyn Zones) -> Option<String> {
    let state = escalation(m)?;
    let d = next_deadline(m, &state, now, zones)?;
    let status = if d.due <= now {
        DeadlineStatus::Overdue
    } else {
        d.status
    };
    Some(format!(
        "{} {}",
        deadline_label(d.kind),
        status_label(status)
    ))
}

/// Everything the panel shows at `now`.
pub fn view_model(m: &Model, now: DateTime<Utc>, zones: &dyn Zones) -> ViewModel {
    let cx = Cx {
        m,
        state: escalation(m),
        now,
        zones,
        placed: Cell::new(false),
    };
    let header = steps::header(&cx);
    // The escalation shown is read when it is picked (known by its fold).
    let main = if !m.loaded || m.current.as_deref().is_some_and(|id| !m.ws.is_loaded(id)) {
        Main::Loading
    } else {
        match &cx.state {
            Some(s) => Main::Escalation(Box::new(escalation_vm(&cx, s))),
            None => Main::Open(steps::open_form(&cx)),
        }
    };
    let bind = m.bind_offer.as_ref().and_then(|id| {
        let e = m.ws.escalation(id);
        let o = e.opened.as_ref()?;
        Some(BindVm {
            text: format!("An escalation for {} exists, opened from another page. This page is not its CRM record: show it here anyway?", o.account),
            buttons: vec![cx.button(Action::Bind(id.clone()), "Yes, it is this account", true), cx.button(Action::DeclineBind, "No, not this one", false)],
        })
    });
    let signal = if cx.state.is_none() { signal(m) } else { None };
    let list = list(&cx);
    let tools = steps::tools(&cx);
    let mut notice = m
        .notice
        .as_ref()
        .filter(|_| !cx.placed.get())
        .map(|n| NoticeVm {
            text: n.text.clone(),
            error: n.error,
        });
    let mut main = main;
    // A result whose button went with the previous step opens the new one.
    let anchored = m.notice.as_ref().is_some_and(|n| n.anchor.is_some());
    if let (Main::Escalation(e), true) = (&mut main, anchored) {
        e.step.notice = notice.take();
    }
    ViewModel {
        notice,
        header,
        page_problem: m.page_problem.clone(),
        quarantine: m
            .ws
            .quarantined
            .iter()
            .map(|q| {
                let what = if q.newer_version {
                    "made by a newer Defuse: update Defuse to read it"
                } else {
                    q.problem.as_str()
                };
                format!("{}: {what}", q.key)
            })
            .collect(),
        bind,
        signal,
        main,
        list,
        tools,
    }
}

/// The "this reads like an escalation" offer: the coach's reading of the
/// page's messages (the customer's side only), quoting the customer's own
/// words. A page whose messages are all ours never offers it.
fn signal(m: &Model) -> Option<String> {
    let snap = m.snapshot.as_ref()?;
    if !snap.messages.is_empty() && !has_customer_message(&snap.messages) {
        return None;
    }
    let found = snapshot_escalation(snap)?;
    let mut phrases: Vec<String> = Vec::new();
    for x in &found.message.matches {
        let words = x.text.trim();
        let q = format!(
            "“{}”",
            if words.is_empty() {
                x.phrase.as_str()
            } else {
                words
            }
        );
        if !phrases.contains(&q) {
            phrases.push(q);
        }
    }
    let who = found
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| format!("{a} wrote "))
        .unwrap_or_default();
    Some(format!("This conversation reads like an escalation ({who}{}). Acknowledge it within 2 hours of when it reached you.", phrases.join(", ")))
}

fn escalation_vm(cx: &Cx<'_>, s: &Escalation) -> EscalationVm {
    let shown_stage = super::commands::shown_stage(cx.m).unwrap_or(Stage::Acknowledge);
    let current = STEPS_ORDER
        .iter()
        .position(|x| *x == s.stage)
        .unwrap_or(STEPS_ORDER.len());
    let steps = STEPS_ORDER
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let (name, label) = step_name(*st);
            StepTabVm {
                name,
                label,
                status: if i < current {
                    "done"
                } else if i == current {
                    "current"
                } else {
                    "later"
                },
                shown: *st == shown_stage,
                action: Action::Step(*st),
            }
        })
        .collect();
    EscalationVm {
        countdown: countdown_vm(cx, s),
        steps,
        step: steps::step(cx, s, shown_stage),
        timeline: steps::timeline(cx, s),
    }
}

fn countdown_vm(cx: &Cx<'_>, s: &Escalation) -> CountdownVm {
    let action = engine::next_action(s, cx.now, &Rules(cx.zones), &config(cx.m));
    let Some(d) = next_deadline(cx.m, s, cx.now, cx.zones) else {
        return CountdownVm {
            kind: "none".into(),
            due: None,
            status: None,
            headline: action.label.clone(),
            class: "countdown",
            next_action: String::new(),
            due_lines: vec![],
        };
    };
    let c = countdown(d.kind, d.status, d.due, cx.now, None);
    // Past the due time it is overdue, whatever the status says.
    let status = if c.overdue {
        DeadlineStatus::Overdue
    } else {
        d.status
    };
    let class = match status {
        DeadlineStatus::Overdue => "countdown overdue",
        DeadlineStatus::DueSoon => "countdown due-soon",
        _ => "countdown",
    };
    let zone = cx.customer_zone();
    CountdownVm {
        kind: kebab(&d.kind),
        due: Some(d.due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        status: Some(kebab(&status)),
        headline: c.headline,
        class,
        next_action: action.label,
        due_lines: vec![
            format!(
                "Due {} your time",
                local_label(&d.csm_due, &cx.zone_label(&cx.m.csm_zone), cx.style())
            ),
            format!(
                "= {} for the customer",
                local_label(&d.customer_due, &cx.zone_label(&zone), cx.style())
            ),
        ],
    }
}

fn list(cx: &Cx<'_>) -> ListVm {
    let m = cx.m;
    let summaries = crate::workspace::summaries(&m.ws, cx.now, &Rules(cx.zones), &config(m));
    // Closed escalations are counted, not drawn, unless the CSM asks for
    // them (or one is the escalation shown): a busy year holds hundreds,
    // and drawing them all made the panel slow to open.
    let listed = |s: &&crate::workspace::Summary| {
        s.stage != Stage::Closed || m.show_closed || m.current.as_deref() == Some(s.id.as_str())
    };
    let hidden = summaries.iter().filter(|s| !listed(s)).count();
    let closed = summaries
        .iter()
        .filter(|s| s.stage == Stage::Closed)
        .count();
    let items = summaries
        .iter()
        .filter(listed)
        .map(|s| {
            let due = s
                .next
                .due
                .map(|d| format!(" · due {}", cx.time(d)))
                .unwrap_or_default();
            let overdue = if s.overdue > 0 {
                format!(" · {} overdue", s.overdue)
            } else {
                String::new()
            };
            ListItemVm {
                action: Action::Switch(Some(s.id.clone())),
                text: format!("{} — {}{due}{overdue}", s.account, s.next.label),
                overdue: s.overdue > 0,
                current: m.current.as_deref() == Some(s.id.as_str()),
            }
        })
        .collect();
    let mut buttons = Vec::new();
    if m.pinned {
        buttons.push(cx.button(Action::FollowPage, "Show the account on this page", false));
    }
    if m.current.is_some() {
        buttons.push(cx.button(Action::Switch(None), "Start another escalation", false));
    }
    if m.show_closed && closed > 0 {
        buttons.push(cx.button(Action::ToggleClosed, "Hide closed escalations", false));
    } else if hidden > 0 {
        let label = match hidden {
            1 => "Show 1 closed escalation".to_string(),
            n => format!("Show {n} closed escalations"),
        };
        buttons.push(cx.button(Action::ToggleClosed, &label, false));
    }
    let empty = if summaries.is_empty() {
        "None yet."
    } else {
        "No open escalations."
    };
    ListVm {
        items,
        empty,
        buttons,
    }
}
