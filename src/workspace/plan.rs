//! What the CSM must be reminded of, computed for a `now`: the list of
//! escalations with their next action, the alarms the background worker arms
//! (one per open deadline phase: "due soon" and "due"), and the badge count.
//!
//! The background worker knows no storage key: it asks `wake.rs` which keys
//! to read from the key list, hands them to [`super::reminder_pass`], and
//! asks [`affects_reminders`] which changes call for a new plan. A reminder carries a CRM link only when
//! it is on a supported CRM's host ([`is_crm_url`]).

use crate::engine::{
    deadlines, is_js_instant, js_range, next_action, Config, DeadlineKind, DeadlineStatus,
    NextAction, Stage, TimeZoneRules,
};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::exchange::is_crm_url;
use super::fold::{Fold, Source};
use super::keys;
use super::{Workspace, EVENT_KEY_PREFIX};
use crate::messages::TimeStyle;

/// Whether a change to storage key `key` can change the reminder plan.
pub fn affects_reminders(key: &str) -> bool {
    key.starts_with(EVENT_KEY_PREFIX) || key == keys::SETTINGS
}

/// What the background worker arms and shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderPlan {
    pub alarms: Vec<Reminder>,
    /// Overdue deadlines across open escalations.
    pub badge: usize,
    /// Event records that could not be read (kept in storage, not reminded of).
    pub unreadable: usize,
}

/// The plan from everything in storage: every `(key, text)` pair the host
/// holds; keys that are neither events nor settings are ignored (folds
/// included: this is the cold path that decodes every event).
/// `style` is how the CSM's locale writes times (`TimeStyle::for_locale`).
pub fn reminder_plan(
    records: &[(String, String)],
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    style: TimeStyle,
) -> ReminderPlan {
    let keys: Vec<String> = records
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| !k.starts_with(keys::FOLD_PREFIX))
        .collect();
    super::wake::reminder_pass(&keys, records, now, rules, style).plan
}

/// The plan from folded escalations (fresh folds and escalations folded
/// just now): alarms and badge of every one not closed.
pub(super) fn plan_from_folds<'a>(
    folds: impl IntoIterator<Item = &'a Fold>,
    unreadable: usize,
    now: DateTime<Utc>,
    style: TimeStyle,
) -> ReminderPlan {
    let mut alarms = Vec::new();
    let mut badge = 0;
    for f in folds {
        if f.is_quiet() {
            continue;
        }
        badge += f.overdue;
        push_alarms(f, now, style, &mut alarms);
    }
    sort_alarms(&mut alarms);
    ReminderPlan {
        alarms,
        badge,
        unreadable,
    }
}

/// The CRM link a reminder may open: only one on a supported CRM's host.
fn safe_link(url: Option<&String>) -> Option<String> {
    url.filter(|u| is_crm_url(u)).cloned()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub id: String,
    pub account: String,
    pub crm_url: Option<String>,
    pub stage: Stage,
    pub next: NextAction,
    pub overdue: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderPhase {
    DueSoon,
    Due,
}

/// One alarm for the background worker.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// Stable alarm name: the same deadline phase always gets the same name,
    /// so re-arming is idempotent.
    pub name: String,
    pub when: DateTime<Utc>,
    pub escalation: String,
    pub account: String,
    pub crm_url: Option<String>,
    pub kind: DeadlineKind,
    pub phase: ReminderPhase,
    pub due: DateTime<Utc>,
    /// The notification's text, e.g. "Northwind: today's status update is due in 2 h".
    pub title: String,
    pub message: String,
}

fn what(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Acknowledgment => "the acknowledgment",
        DeadlineKind::Triage => "the internal triage",
        DeadlineKind::FirstUpdate => "the first status update you promised",
        DeadlineKind::DailyUpdate => "today's status update",
        DeadlineKind::Closeout => "the close-out document",
        DeadlineKind::Restoration => "a restoration step",
    }
}

/// Open escalations first (most urgent first), then closed ones.
pub fn summaries(
    ws: &Workspace,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    config: &Config,
) -> Vec<Summary> {
    let mut out: Vec<Summary> = ws
        .escalations()
        .into_iter()
        .filter_map(|e| {
            let opened = e.opened.as_ref()?;
            // A closed escalation has nothing overdue, as for the badge.
            let overdue = if e.stage == Stage::Closed {
                0
            } else {
                deadlines(&e, now, rules, config)
                    .iter()
                    .filter(|d| d.status == DeadlineStatus::Overdue)
                    .count()
            };
            Some(Summary {
                id: e.id.clone(),
                account: opened.account.clone(),
                crm_url: safe_link(opened.crm_url.as_ref()),
                stage: e.stage,
                next: next_action(&e, now, rules, config),
                overdue,
            })
        })
        .collect();
    // Escalations known by their fold: as folded (the worker refolds them
    // when their picture changes).
    out.extend(
        ws.folded()
            .filter(|(_, f)| f.opened)
            .map(|(id, f)| Summary {
                id: id.clone(),
                account: f.account.clone(),
                crm_url: safe_link(f.crm_url.as_ref()),
                stage: f.stage,
                next: f.next.clone(),
                overdue: f.overdue,
            }),
    );
    crate::sort::sort_by(&mut out, |a, b| {
        let closed = |s: &Summary| s.stage == Stage::Closed;
        closed(a)
            .cmp(&closed(b))
            .then(b.overdue.cmp(&a.overdue))
            .then(a.next.due.cmp(&b.next.due))
            .then(a.account.cmp(&b.account))
    });
    out
}

/// The alarms to arm: every open deadline's future "due soon" and "due"
/// instants, soonest first.
pub fn alarm_plan(
    ws: &Workspace,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    config: &Config,
) -> Vec<Reminder> {
    alarm_plan_in(ws, now, rules, config, TimeStyle::default())
}

/// [`alarm_plan`] with due times written in `style`, on the CSM's clock.
pub fn alarm_plan_in(
    ws: &Workspace,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    config: &Config,
    style: TimeStyle,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    for e in ws.escalations() {
        if e.stage == Stage::Closed {
            continue;
        }
        let f = Fold::build(&e, Source::of([]), Vec::new(), now, rules, config);
        push_alarms(&f, now, style, &mut out);
    }
    sort_alarms(&mut out);
    out
}

fn sort_alarms(out: &mut [Reminder]) {
    crate::sort::sort_by(out, |a, b| a.when.cmp(&b.when).then(a.name.cmp(&b.name)));
}

/// The future "due soon" and "due" alarms of a folded escalation's open
/// deadlines.
fn push_alarms(f: &Fold, now: DateTime<Utc>, style: TimeStyle, out: &mut Vec<Reminder>) {
    if !f.opened {
        return;
    }
    for d in &f.deadlines {
        for (phase, when) in [
            (ReminderPhase::DueSoon, d.due_soon_from),
            (ReminderPhase::Due, d.due),
        ] {
            // A deadline clamped to the end of JavaScript's range is no
            // alarm anyone waits for.
            if when <= now || !is_js_instant(when) || when >= js_range().1 {
                continue;
            }
            let (title, message) = match phase {
                ReminderPhase::DueSoon => (
                    format!("{}: due soon", f.account),
                    format!(
                        "Send {} by {} ({}).",
                        what(d.kind),
                        style.clock_at(d.csm_local),
                        if d.zone_known {
                            f.csm_zone.as_str()
                        } else {
                            "UTC"
                        }
                    ),
                ),
                ReminderPhase::Due => (
                    format!("{}: due now", f.account),
                    format!(
                        "{} is due now. Silence is the fastest way to re-escalate.",
                        capitalize(what(d.kind))
                    ),
                ),
            };
            let step = d.step.map(|s| format!("{s:?}")).unwrap_or_default();
            out.push(Reminder {
                name: format!(
                    "defuse|{}|{}{}|{}|{}",
                    f.id,
                    crate::present::kebab(&d.kind),
                    if step.is_empty() {
                        String::new()
                    } else {
                        format!(":{step}")
                    },
                    match phase {
                        ReminderPhase::DueSoon => "soon",
                        ReminderPhase::Due => "due",
                    },
                    d.due.timestamp()
                ),
                when,
                escalation: f.id.clone(),
                account: f.account.clone(),
                crm_url: safe_link(f.crm_url.as_ref()),
                kind: d.kind,
                phase,
                due: d.due,
                title,
                message,
            });
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(f.to_ascii_uppercase()).chain(c).collect(),
        None => String::new(),
    }
}

/// Overdue deadlines across all open escalations: the action badge's number.
pub fn badge_count(
    ws: &Workspace,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    config: &Config,
) -> usize {
    ws.escalations()
        .iter()
        .filter(|e| e.stage != Stage::Closed)
        .map(|e| {
            deadlines(e, now, rules, config)
                .iter()
                .filter(|d| d.status == DeadlineStatus::Overdue)
                .count()
        })
        .sum()
}
