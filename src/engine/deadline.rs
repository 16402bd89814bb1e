//! Deadlines for a given `now`: the playbook's clocks (acknowledgment, triage,
//! first update, daily updates, close-out, restoration), each with its due
//! time and status, plus the next instant at which any status changes.
//!
//! Met and missed are settled by the log alone; upcoming, due soon and
//! overdue depend on `now`. A daily update that was never sent is "missed"
//! once the next day's update falls due, and stays missed forever.
//!
//! The next status update is due at the time promised in the last customer
//! message (the acknowledgment or an update), or 24 h after that message,
//! whichever is earlier.
//!
//! Work is bounded by the log, never by the length of a silence: a run of
//! missed daily updates is one summary entry (how many, the first and the
//! last), counted with arithmetic rather than walked day by day. Every instant
//! returned is one JavaScript can read (years 0–9999, no leap second).

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use super::config::Config;
use super::event::{EventBody, Opened, RestorationStep};
use super::severity::{assess_severity, lead_percent};
use super::state::Escalation;
use super::time::{add, js_instant, minutes, sub};
use super::tz::{skip_weekend, to_local, LocalTime, TimeZoneRules};

crate::unit_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DeadlineKind {
        Acknowledgment = "acknowledgment",
        Triage = "triage",
        FirstUpdate = "first-update",
        DailyUpdate = "daily-update",
        Closeout = "closeout",
        Restoration = "restoration",
    }
}

crate::unit_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DeadlineStatus {
        Upcoming = "upcoming",
        DueSoon = "due-soon",
        Overdue = "overdue",
        Met = "met",
        Missed = "missed",
    }
}

impl DeadlineStatus {
    /// Whether the deadline still waits for the CSM.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            DeadlineStatus::Upcoming | DeadlineStatus::DueSoon | DeadlineStatus::Overdue
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// Which restoration step, for `restoration` deadlines.
    pub step: Option<RestorationStep>,
    pub due: DateTime<Utc>,
    /// From this instant on an open deadline is "due soon".
    pub due_soon_from: DateTime<Utc>,
    pub status: DeadlineStatus,
    /// When the satisfying event was recorded (met, or missed by being late).
    pub satisfied_at: Option<DateTime<Utc>>,
    /// A restoration step skipped on purpose, with a reason.
    pub waived: bool,
    pub customer_due: LocalTime,
    pub csm_due: LocalTime,
    /// Set on a missed daily update that stands for a run of several in a
    /// row: `due` is the first of them, this says how many and the last.
    pub missed_run: Option<MissedRun>,
}

/// Consecutive daily updates that were never sent, summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissedRun {
    /// How many daily updates in a row were missed (at least 2).
    pub count: u64,
    /// When the last of them was due.
    pub last_due: DateTime<Utc>,
}

/// The playbook's fixed budgets.
const ACK_BUDGET_MINUTES: u32 = 2 * 60;
const TRIAGE_BUDGET_MINUTES: u32 = 30;
const DAILY_BUDGET_MINUTES: u32 = 24 * 60;
const CLOSEOUT_BUDGET_MINUTES: u32 = 48 * 60;
const RESTORATION_BUDGET_MINUTES: u32 = 30 * 24 * 60;

/// With business days a silence longer than this is crossed in whole weeks
/// (five updates each) before the last stretch is walked day by day.
const WEEK_JUMP_AFTER_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy)]
struct Pending {
    kind: DeadlineKind,
    step: Option<RestorationStep>,
    due: DateTime<Utc>,
}

struct Clock<'a> {
    now: DateTime<Utc>,
    rules: &'a dyn TimeZoneRules,
    config: &'a Config,
    opened: &'a Opened,
    lead_percent: u32,
}

impl Clock<'_> {
    fn window(&self, kind: DeadlineKind) -> TimeDelta {
        let windows = &self.config.due_soon;
        let base = match kind {
            DeadlineKind::Acknowledgment => windows.acknowledgment,
            DeadlineKind::Triage => windows.triage,
            DeadlineKind::FirstUpdate => windows.first_update,
            DeadlineKind::DailyUpdate => windows.daily_update,
            DeadlineKind::Closeout => windows.closeout,
            DeadlineKind::Restoration => windows.restoration,
        };
        let scaled = u64::from(base) * u64::from(self.lead_percent) / 100;
        minutes(u32::try_from(scaled).unwrap_or(u32::MAX))
    }

    fn build(
        &self,
        p: Pending,
        status: DeadlineStatus,
        satisfied_at: Option<DateTime<Utc>>,
        waived: bool,
    ) -> Deadline {
        let due = js_instant(p.due);
        Deadline {
            kind: p.kind,
            step: p.step,
            due,
            due_soon_from: js_instant(sub(p.due, self.window(p.kind))),
            status,
            satisfied_at: satisfied_at.map(js_instant),
            waived,
            customer_due: to_local(self.rules, &self.opened.customer_zone, due),
            csm_due: to_local(self.rules, &self.opened.csm_zone, due),
            missed_run: None,
        }
    }

    fn settle(&self, p: Pending, at: DateTime<Utc>, waived: bool) -> Deadline {
        let status = if at <= p.due {
            DeadlineStatus::Met
        } else {
            DeadlineStatus::Missed
        };
        self.build(p, status, Some(at), waived)
    }

    fn lapse(&self, p: Pending) -> Deadline {
        self.build(p, DeadlineStatus::Missed, None, false)
    }

    fn open(&self, p: Pending) -> Deadline {
        let status = if self.now > p.due {
            DeadlineStatus::Overdue
        } else if self.now >= sub(p.due, self.window(p.kind)) {
            DeadlineStatus::DueSoon
        } else {
            DeadlineStatus::Upcoming
        };
        self.build(p, status, None, false)
    }

    fn next_daily(&self, after: DateTime<Utc>) -> DateTime<Utc> {
        let raw = add(after, minutes(DAILY_BUDGET_MINUTES));
        if self.config.business_days {
            skip_weekend(self.rules, &self.opened.customer_zone, raw)
        } else {
            raw
        }
    }

    /// The cadence deadline after a customer message sent at `sent`: the
    /// time it promised, or the next daily slot, whichever is earlier. A
    /// promise not after the message itself is ignored.
    fn after_message(
        &self,
        kind: DeadlineKind,
        sent: DateTime<Utc>,
        promised: Option<DateTime<Utc>>,
    ) -> Pending {
        let daily = self.next_daily(sent);
        let due = match promised {
            Some(p) if p > sent && p < daily => p,
            _ => daily,
        };
        pending(kind, due)
    }

    /// Walks an unanswered cadence deadline forward to the one current at
    /// `t`. The days skipped on the way are missed: one is recorded as
    /// itself, several in a row as one summary, so neither the work nor the
    /// output grows with the length of the silence.
    fn catch_up(&self, p: Pending, t: DateTime<Utc>, out: &mut Vec<Deadline>) -> Pending {
        let (count, last, current) = if self.config.business_days {
            self.skip_business_days(p, t)
        } else {
            skip_plain_days(p, t)
        };
        if count > 0 {
            let mut missed = self.lapse(p);
            if count > 1 {
                missed.missed_run = Some(MissedRun {
                    count,
                    last_due: js_instant(last),
                });
            }
            out.push(missed);
        }
        current
    }

    /// Business-day cadence: crosses whole weeks at five updates each, then
    /// walks the last stretch (at most two weeks) one slot at a time.
    fn skip_business_days(&self, p: Pending, t: DateTime<Utc>) -> (u64, DateTime<Utc>, Pending) {
        let mut count: u64 = 0;
        let mut last = p.due;
        let mut current = p;
        loop {
            // Only a slot the cadence produced is a weekday, so a whole week
            // from it holds exactly five slots.
            let gap_days = t.signed_duration_since(current.due).num_days();
            if count > 0 && gap_days > WEEK_JUMP_AFTER_DAYS {
                let weeks = gap_days / 7 - 1;
                let jumped = add(current.due, TimeDelta::days(weeks * 7));
                count = count.saturating_add(u64::try_from(weeks).unwrap_or(0) * 5);
                current = pending(DeadlineKind::DailyUpdate, jumped);
            }
            let next = self.next_daily(current.due);
            if next > t || next <= current.due {
                return (count, last, current);
            }
            count = count.saturating_add(1);
            last = current.due;
            current = pending(DeadlineKind::DailyUpdate, next);
        }
    }

    /// Ends a deadline that its series no longer needs (resolution, reopen):
    /// missed if it was already due, dropped otherwise.
    fn cut(&self, p: Pending, t: DateTime<Utc>, out: &mut Vec<Deadline>) {
        if p.due < t {
            out.push(self.lapse(p));
        }
    }
}

/// Plain 24-hour cadence: how many slots from `p` were skipped by `t`, the
/// last skipped, and the slot current at `t`, by arithmetic alone.
fn skip_plain_days(p: Pending, t: DateTime<Utc>) -> (u64, DateTime<Utc>, Pending) {
    let day_ms = i64::from(DAILY_BUDGET_MINUTES) * 60_000;
    let behind = t.signed_duration_since(p.due).num_milliseconds();
    let count = behind.checked_div(day_ms).unwrap_or(0).max(0);
    if count == 0 {
        return (0, p.due, p);
    }
    let last = add(p.due, TimeDelta::milliseconds((count - 1) * day_ms));
    let current = add(p.due, TimeDelta::milliseconds(count * day_ms));
    let count = u64::try_from(count).unwrap_or(0);
    (count, last, pending(DeadlineKind::DailyUpdate, current))
}

fn pending(kind: DeadlineKind, due: DateTime<Utc>) -> Pending {
    Pending {
        kind,
        step: None,
        due,
    }
}

/// Every deadline of the escalation, settled or open, in order of due time.
pub fn deadlines(
    state: &Escalation,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    config: &Config,
) -> Vec<Deadline> {
    let Some(opened) = state.opened.as_ref() else {
        return Vec::new();
    };
    let severity = assess_severity(
        opened.arr.as_ref(),
        opened.renewal,
        now.date_naive(),
        &config.severity,
    );
    let clock = Clock {
        now,
        rules,
        config,
        opened,
        lead_percent: lead_percent(severity.level, &config.severity),
    };
    let mut out = Vec::new();
    let ack_deadline = pending(
        DeadlineKind::Acknowledgment,
        add(opened.reached_csm_at, minutes(ACK_BUDGET_MINUTES)),
    );
    let Some(ack) = state.ack.as_ref() else {
        out.push(clock.open(ack_deadline));
        return out;
    };
    out.push(clock.settle(ack_deadline, ack.at, false));

    let triage_deadline = pending(
        DeadlineKind::Triage,
        add(ack.at, minutes(TRIAGE_BUDGET_MINUTES)),
    );
    out.push(match state.triage.completed_at {
        Some(at) => clock.settle(triage_deadline, at, false),
        None => clock.open(triage_deadline),
    });

    walk_after_ack(state, &clock, ack.at, ack.promised_update_at, &mut out);
    crate::sort::sort_by_key(&mut out, |d| d.due);
    out
}

/// The cadence, close-out and restoration clocks, replayed over the log from
/// the acknowledgment on.
fn walk_after_ack(
    state: &Escalation,
    clock: &Clock<'_>,
    ack_at: DateTime<Utc>,
    promised: DateTime<Utc>,
    out: &mut Vec<Deadline>,
) {
    let mut cadence = Some(clock.after_message(DeadlineKind::FirstUpdate, ack_at, Some(promised)));
    let mut closeout: Option<Pending> = None;
    let mut restoration: Vec<Pending> = Vec::new();
    let mut resolved = false;
    let after_ack = state
        .log
        .iter()
        .skip_while(|e| !matches!(e.body, EventBody::AckSent { .. }))
        .skip(1);
    for event in after_ack {
        let at = event.at;
        match &event.body {
            EventBody::UpdateSent(update) if !resolved => {
                if let Some(p) = cadence.take() {
                    let p = clock.catch_up(p, at, out);
                    out.push(clock.settle(p, at, false));
                }
                cadence = Some(clock.after_message(
                    DeadlineKind::DailyUpdate,
                    at,
                    update.promised_update_at,
                ));
            }
            EventBody::Resolved { .. } if !resolved => {
                resolved = true;
                if let Some(p) = cadence.take() {
                    let p = clock.catch_up(p, at, out);
                    clock.cut(p, at, out);
                }
                closeout = Some(pending(
                    DeadlineKind::Closeout,
                    add(at, minutes(CLOSEOUT_BUDGET_MINUTES)),
                ));
            }
            EventBody::CloseoutSent { .. } => {
                if let Some(p) = closeout.take() {
                    out.push(clock.settle(p, at, false));
                    let due = add(at, minutes(RESTORATION_BUDGET_MINUTES));
                    restoration = RestorationStep::ALL
                        .iter()
                        .map(|step| Pending {
                            kind: DeadlineKind::Restoration,
                            step: Some(*step),
                            due,
                        })
                        .collect();
                }
            }
            EventBody::RestorationStepDone { step, .. } => {
                settle_step(clock, &mut restoration, *step, at, false, out);
            }
            EventBody::RestorationStepWaived { step, reason } if !reason.trim().is_empty() => {
                settle_step(clock, &mut restoration, *step, at, true, out);
            }
            EventBody::Reopened { .. } => {
                if let Some(p) = cadence.take() {
                    let p = clock.catch_up(p, at, out);
                    clock.cut(p, at, out);
                }
                if let Some(p) = closeout.take() {
                    clock.cut(p, at, out);
                }
                for p in restoration.drain(..) {
                    clock.cut(p, at, out);
                }
                resolved = false;
                cadence = Some(pending(DeadlineKind::DailyUpdate, clock.next_daily(at)));
            }
            _ => {}
        }
    }
    if let Some(p) = cadence {
        let p = clock.catch_up(p, clock.now, out);
        out.push(clock.open(p));
    }
    out.extend(closeout.map(|p| clock.open(p)));
    out.extend(restoration.into_iter().map(|p| clock.open(p)));
}

fn settle_step(
    clock: &Clock<'_>,
    restoration: &mut Vec<Pending>,
    step: RestorationStep,
    at: DateTime<Utc>,
    waived: bool,
    out: &mut Vec<Deadline>,
) {
    if let Some(pos) = restoration.iter().position(|p| p.step == Some(step)) {
        let p = restoration.remove(pos);
        out.push(clock.settle(p, at, waived));
    }
}

/// The first instant after `now` at which any deadline's status changes (a
/// deadline turning due soon, overdue, or a skipped day turning missed), to
/// millisecond precision. `None` when nothing is open. Schedule one timer or
/// alarm for it and recompute when it fires or when the log changes.
pub fn next_wakeup(
    state: &Escalation,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    config: &Config,
) -> Option<DateTime<Utc>> {
    let opened = state.opened.as_ref()?;
    let clock = Clock {
        now,
        rules,
        config,
        opened,
        lead_percent: 100,
    };
    let wake = deadlines(state, now, rules, config)
        .iter()
        .filter(|d| d.status.is_open())
        .flat_map(|d| {
            let superseded = matches!(
                d.kind,
                DeadlineKind::FirstUpdate | DeadlineKind::DailyUpdate
            )
            .then(|| clock.next_daily(d.due));
            [
                Some(d.due_soon_from),
                Some(add(d.due, TimeDelta::milliseconds(1))),
                superseded,
            ]
        })
        .flatten()
        .filter(|t| *t > now)
        .min()?;
    Some(js_instant(wake)).filter(|t| *t > now)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::event::{Event, Opened, StatusUpdate, UpdateStatus};
    use crate::engine::state::fold;
    use crate::engine::tz::UtcOnly;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn base() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 6, 8, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn body(kind: u8, hours: i64) -> EventBody {
        let at = base() + TimeDelta::hours(hours);
        match kind % 9 {
            0 => EventBody::Opened(Opened {
                account: "Globex".into(),
                arr: None,
                renewal: None,
                crm_url: None,
                reached_csm_at: at,
                customer_zone: "UTC".into(),
                csm_zone: "UTC".into(),
                csm_name: "Ana".into(),
            }),
            1 => EventBody::AckSent {
                text: "I hear you".into(),
                promised_update_at: at,
            },
            2 => EventBody::UpdateSent(StatusUpdate {
                status: UpdateStatus::InProgress,
                what_happened_today: "x".into(),
                what_happens_next: "y".into(),
                eta: "z".into(),
                questions: String::new(),
                promised_update_at: (hours % 3 == 0).then(|| at + TimeDelta::hours(hours % 30)),
            }),
            3 => EventBody::Resolved {
                root_cause: crate::engine::RootCause::Configuration,
                bug_link: None,
            },
            4 => EventBody::CloseoutSent {
                text: String::new(),
            },
            5 => EventBody::RestorationStepDone {
                step: RestorationStep::ALL[(hours as usize) % 3],
                note: String::new(),
            },
            6 => EventBody::Reopened {
                reason: String::new(),
            },
            7 => EventBody::TriageCompleted {},
            _ => EventBody::Closed {},
        }
    }

    fn log() -> impl Strategy<Value = Vec<Event>> {
        proptest::collection::vec((0u8..9, 0i64..200, 0i64..200), 0..14).prop_map(|raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (kind, at_hours, body_hours))| Event {
                    id: format!("e{i:02}"),
                    escalation: "x".into(),
                    at: base() + TimeDelta::hours(at_hours),
                    body: body(kind, body_hours),
                })
                .collect()
        })
    }

    proptest! {
        /// Met and missed are history: once settled, a deadline keeps its
        /// due time and status however far `now` moves on.
        #[test]
        fn settled_deadlines_never_change(events in log(), a in 0i64..400, b in 0i64..400) {
            let state = fold(&events);
            let config = Config { business_days: a % 2 == 0, ..Config::default() };
            let (early, late) = (base() + TimeDelta::hours(a.min(b)), base() + TimeDelta::hours(a.max(b)));
            let settled = |now| {
                deadlines(&state, now, &UtcOnly, &config)
                    .into_iter()
                    .filter(|d| !d.status.is_open())
                    .map(|d| (d.kind, d.step, d.due, d.status))
                    .collect::<Vec<_>>()
            };
            let before = settled(early);
            let after = settled(late);
            for d in &before {
                prop_assert!(after.contains(d), "{:?} vanished", d);
            }
        }

        #[test]
        fn next_wakeup_is_in_the_future_and_nothing_changes_before_it(events in log(), a in 0i64..400) {
            let state = fold(&events);
            let config = Config::default();
            let now = base() + TimeDelta::hours(a);
            let picture = |at| {
                deadlines(&state, at, &UtcOnly, &config)
                    .into_iter()
                    .map(|d| (d.kind, d.step, d.due, d.status))
                    .collect::<Vec<_>>()
            };
            if let Some(wake) = next_wakeup(&state, now, &UtcOnly, &config) {
                prop_assert!(wake > now);
                let just_before = wake - TimeDelta::milliseconds(1);
                if just_before > now {
                    prop_assert_eq!(picture(just_before), picture(now));
                }
            } else {
                // Nothing left to change on its own: only a new event can.
                prop_assert_eq!(picture(now + TimeDelta::days(400)), picture(now));
            }
        }
    }
}
