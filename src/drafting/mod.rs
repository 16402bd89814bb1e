//! Drafting: maps an escalation's state plus what the CSM typed into the
//! panel's forms onto the playbook's messages, the coach's context, and the
//! event that "Mark as sent" records. Pure: the panel passes the form values
//! (as the strings its inputs hold), `now` and the time-zone rules.

use crate::coach::{CoachContext, CoachStage};
use crate::engine::{
    to_local, DriRole, Escalation, EventBody, RestorationStep, Stage, StatusUpdate, TimeZoneRules,
    TriageKey,
};
use crate::messages::{
    acknowledgment, closeout, daily_update, dri_announcement, engineering_loop_in, loop_in_needed,
    no_news_update, restoration_exec_call, restoration_health_score,
    restoration_prevention_follow_up, AckInput, CloseoutInput, DailyUpdateInput, DesiredOutcome,
    DriInput, Eta, ExecCallInput, HealthScoreInput, LoopInInput, Message, MessageKind,
    PreventionFollowUpInput, PreventionItem, RootCause, TimeStyle, UpdateStatus,
};
use crate::present::{from_kebab, kebab};
use crate::sort_map::Map;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Form values by field name (`ack.promised`, `update.today`, …).
pub type Form = Map<String, String>;

/// Everything a draft is made from.
pub struct DraftContext<'a> {
    pub state: &'a Escalation,
    pub form: &'a Form,
    pub now: DateTime<Utc>,
    pub rules: &'a dyn TimeZoneRules,
    /// Short label of the customer's zone at `now`, e.g. "CST" (from the browser).
    pub customer_zone_label: String,
    pub csm_zone_label: String,
    /// The CSM's locale (`en-US`): the 12/24-hour convention and date style
    /// drafts and countdowns share come from it.
    pub locale: String,
}

impl DraftContext<'_> {
    fn get(&self, key: &str) -> Option<String> {
        self.form
            .get(key)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    fn customer_name(&self) -> String {
        self.state
            .opened
            .as_ref()
            .map(|o| o.account.clone())
            .unwrap_or_default()
    }

    /// Who signs: the DRI once one is assigned (the customer hears from the
    /// owner), the CSM before.
    fn sender(&self) -> String {
        self.state
            .dri
            .as_ref()
            .map(|d| d.name.clone())
            .or_else(|| self.state.opened.as_ref().map(|o| o.csm_name.clone()))
            .unwrap_or_default()
    }

    fn customer_zone(&self) -> String {
        self.state
            .opened
            .as_ref()
            .map(|o| o.customer_zone.clone())
            .unwrap_or_else(|| "UTC".into())
    }

    /// An instant seen on the customer's wall clock.
    fn in_customer_zone(&self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        in_zone(self.rules, &self.customer_zone(), at)
    }

    /// How drafts write times and dates: the CSM's locale's convention
    /// (`TimeStyle::for_locale`), the same one the panel's countdown and
    /// due times use, so a promise reads the same in the draft and the panel.
    pub fn time_style(&self) -> TimeStyle {
        TimeStyle::for_locale(&self.locale)
    }

    fn customer_now(&self) -> DateTime<FixedOffset> {
        self.in_customer_zone(self.now)
    }

    /// A `datetime-local` field read as the customer's wall time.
    fn customer_time(&self, key: &str) -> Option<DateTime<Utc>> {
        parse_wall_time(&self.get(key)?, &self.customer_zone(), self.rules)
    }

    fn date(&self, key: &str) -> Option<NaiveDate> {
        crate::engine::parse_ymd(&self.get(key)?)
    }

    fn triage_answer(&self, key: TriageKey) -> Option<String> {
        self.get(&format!("triage.{}", kebab(&key))).or_else(|| {
            self.state
                .triage
                .items
                .iter()
                .find(|i| i.key == key)
                .and_then(|i| i.answer.clone())
                .filter(|a| !a.trim().is_empty())
        })
    }

    fn outcome(&self) -> Option<DesiredOutcome> {
        self.state.triage.desired_outcome
    }
}

/// The first status update's suggested time, on the customer's wall clock
/// (`YYYY-MM-DDTHH:MM`): three hours ahead on their next half hour, kept on
/// their today as the playbook asks ("by a specific time today"): 23:30 when
/// three hours would be tomorrow, and only after 23:00 an hour ahead,
/// tomorrow. The coach judges acknowledgments with the same
/// `coach::promise_today`, so it never flags the time it was handed.
pub fn first_update_promise(now: DateTime<Utc>, zone: &str, rules: &dyn TimeZoneRules) -> String {
    let after = |minutes| half_hour_local(now + chrono::TimeDelta::minutes(minutes), zone, rules);
    let local_now = to_local(rules, zone, now).local;
    crate::engine::minute_value(
        crate::coach::promise_today(local_now, after(180)).unwrap_or_else(|| after(60)),
    )
}

/// `at` on `zone`'s wall clock, rounded up to the next half hour (kept when
/// it is on one): how suggested times are offered.
pub fn half_hour_local(
    at: DateTime<Utc>,
    zone: &str,
    rules: &dyn TimeZoneRules,
) -> chrono::NaiveDateTime {
    let local = to_local(rules, zone, at).local;
    let minute = chrono::Timelike::minute(&local) % 30;
    let up = if minute == 0 { 0 } else { 30 - minute };
    local + chrono::TimeDelta::minutes(i64::from(up))
}

/// The next daily update the panel offers: 24 h from `now` on the
/// customer's clock, rounded up to the half hour (`datetime-local` value).
pub fn next_update_suggestion(now: DateTime<Utc>, zone: &str, rules: &dyn TimeZoneRules) -> String {
    crate::engine::minute_value(half_hour_local(
        now + chrono::TimeDelta::hours(24),
        zone,
        rules,
    ))
}

/// The values the steps suggest until the CSM types their own: the first
/// status update by `first_update_promise`, the next daily update by
/// `next_update_suggestion`, the DRI as owner of the next step, and
/// "in progress". Only fields the form does not have yet are filled, so a
/// suggestion, once shown, stays put while the panel is open.
pub fn suggested(
    form: &Form,
    state: &Escalation,
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
) -> Form {
    let zone = state
        .opened
        .as_ref()
        .map(|o| o.customer_zone.as_str())
        .unwrap_or("UTC");
    let first_update = first_update_promise(now, zone, rules);
    let mut out = form.clone();
    let mut offer = |key: &str, value: String| {
        if !value.is_empty() {
            out.entry(key.to_string()).or_insert(value);
        }
    };
    offer("ack.promised", first_update);
    offer(
        "update.next-update",
        next_update_suggestion(now, zone, rules),
    );
    offer(
        "update.next-owner",
        state
            .dri
            .as_ref()
            .map(|d| d.name.clone())
            .unwrap_or_default(),
    );
    offer("update.status", "in-progress".to_string());
    out
}

/// `at` as read on the wall clock of `zone` (UTC when the zone is unknown).
pub fn in_zone(rules: &dyn TimeZoneRules, zone: &str, at: DateTime<Utc>) -> DateTime<FixedOffset> {
    let local = to_local(rules, zone, at);
    let offset = FixedOffset::east_opt(local.offset_seconds).unwrap_or_else(|| Utc.fix());
    at.with_timezone(&offset)
}

use chrono::Offset;

/// Reads a `datetime-local` value (`2026-11-27T16:30`) as a wall time in `zone`.
pub fn parse_wall_time(
    value: &str,
    zone: &str,
    rules: &dyn TimeZoneRules,
) -> Option<DateTime<Utc>> {
    let local = crate::engine::parse_minute_value(value.trim())?;
    Some(crate::engine::from_local(rules, zone, local))
}

/// The `datetime-local` value showing `at` on the wall clock of `zone`.
pub fn wall_time_value(at: DateTime<Utc>, zone: &str, rules: &dyn TimeZoneRules) -> String {
    crate::engine::minute_value(to_local(rules, zone, at).local)
}

fn lines(text: Option<String>) -> Vec<String> {
    text.map(|t| {
        t.lines()
            .map(|l| {
                l.trim()
                    .trim_start_matches(['-', '*', '•'])
                    .trim()
                    .to_string()
            })
            .filter(|l| !l.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

fn root_cause_kind(state: &Escalation, form_value: Option<String>) -> Option<RootCause> {
    let from_form = form_value.as_deref().and_then(from_kebab::<RootCause>);
    from_form.or(state.resolution.as_ref().map(|r| r.root_cause))
}

fn update_status(value: Option<String>) -> Option<UpdateStatus> {
    value.as_deref().and_then(from_kebab)
}

/// The generated message of `kind` for the current state and form.
pub fn generate(kind: MessageKind, cx: &DraftContext<'_>) -> Message {
    let customer_name = cx.customer_name();
    let sender_name = cx.sender();
    let now = cx.customer_now();
    match kind {
        MessageKind::Acknowledgment => acknowledgment(&AckInput {
            customer_name,
            sender_name,
            impact_summary: cx.get("ack.impact"),
            promised_update_at: cx
                .customer_time("ack.promised")
                .map(|t| cx.in_customer_zone(t)),
            customer_zone_label: cx.customer_zone_label.clone(),
            desired_outcome: cx.outcome(),
            now,
            time_style: cx.time_style(),
        }),
        MessageKind::EngineeringLoopIn => {
            let t = &cx.state.triage;
            // The checkbox as the CSM left it, before it is saved as an answer.
            let outage = cx
                .form
                .get("triage.outage")
                .map(|v| !v.trim().is_empty())
                .unwrap_or(t.outage_or_data_problem);
            let arr = cx.state.opened.as_ref().map(|o| {
                let arr = o
                    .arr
                    .as_ref()
                    .map(|m| format!("ARR {m}"))
                    .unwrap_or_else(|| "ARR unknown".into());
                match o.renewal {
                    Some(d) => format!("{arr}, renews {d}"),
                    None => arr,
                }
            });
            engineering_loop_in(&LoopInInput {
                customer_name,
                sender_name: sender_name.clone(),
                // The triage has one flag for "outage or data problem".
                reason: loop_in_needed(outage, false),
                stated_problem: cx.triage_answer(TriageKey::StatedProblem),
                impact: cx.triage_answer(TriageKey::Impact),
                started: cx.triage_answer(TriageKey::Started),
                arr_and_renewal: arr,
                // No draft names a DRI before one is assigned.
                dri_name: cx
                    .state
                    .dri
                    .as_ref()
                    .map(|d| d.name.clone())
                    .unwrap_or_else(|| "not assigned yet".to_string()),
                next_customer_update_at: cx
                    .state
                    .ack
                    .as_ref()
                    .map(|a| cx.in_customer_zone(a.promised_update_at)),
                zone_label: cx.customer_zone_label.clone(),
                now,
                time_style: cx.time_style(),
            })
        }
        MessageKind::DriAnnouncement => {
            // The announcement names the DRI recorded, never an unsaved edit.
            let dri = cx.state.dri.as_ref();
            let name = dri.map(|d| d.name.clone()).unwrap_or_default();
            let role = match dri.map(|d| d.role) {
                Some(DriRole::CsManager) => Some("CS Manager".to_string()),
                Some(DriRole::Csm) => Some("Customer Success Manager".to_string()),
                _ => None,
            };
            dri_announcement(&DriInput {
                customer_name,
                sender_name,
                dri_name: name,
                dri_role: role,
                dri_contact: cx.get("dri.contact"),
            })
        }
        MessageKind::DailyUpdate => {
            let eta = match (cx.date("update.eta"), cx.get("update.eta-why")) {
                (Some(date), _) => Some(Eta::Date { date }),
                (None, reason) => Some(Eta::NotYet { reason }),
            };
            let input = DailyUpdateInput {
                customer_name,
                sender_name,
                status: update_status(cx.get("update.status")),
                happened_today: cx.get("update.today"),
                next_step: cx.get("update.next-step"),
                next_step_owner: cx.get("update.next-owner"),
                next_step_due: cx.date("update.next-date"),
                eta,
                questions: lines(cx.get("update.questions")),
                next_update_at: cx
                    .customer_time("update.next-update")
                    .map(|t| cx.in_customer_zone(t)),
                customer_zone_label: cx.customer_zone_label.clone(),
                desired_outcome: cx.outcome(),
                now,
                time_style: cx.time_style(),
            };
            if cx.get("update.no-news").is_some() {
                no_news_update(&input)
            } else {
                daily_update(&input)
            }
        }
        MessageKind::Closeout => closeout(&CloseoutInput {
            customer_name,
            sender_name,
            // Internal triage notes are offered in the form for review,
            // never copied into the customer's document verbatim.
            issue: cx.get("closeout.issue"),
            impact: cx.get("closeout.impact"),
            root_cause: cx.get("closeout.root-cause"),
            root_cause_kind: root_cause_kind(cx.state, cx.get("resolve.root-cause")),
            defect_link: cx.get("closeout.link").or_else(|| {
                cx.state
                    .resolution
                    .as_ref()
                    .and_then(|r| r.bug_link.clone())
            }),
            actions_taken: lines(cx.get("closeout.actions")),
            prevention: cx.get("closeout.prevention"),
            what_to_expect: cx.get("closeout.next"),
            now,
            time_style: cx.time_style(),
        }),
        MessageKind::RestorationExecCall => restoration_exec_call(&ExecCallInput {
            customer_name,
            sender_name,
            customer_exec_name: cx.get("restore.customer-exec"),
            our_exec_name: cx.get("restore.our-exec"),
            our_exec_title: cx.get("restore.our-exec-title"),
            proposed_times: ["restore.slot1", "restore.slot2"]
                .iter()
                .filter_map(|k| cx.customer_time(k))
                .map(|t| cx.in_customer_zone(t))
                .collect(),
            customer_zone_label: cx.customer_zone_label.clone(),
            now,
            time_style: cx.time_style(),
        }),
        MessageKind::RestorationHealthScore => restoration_health_score(&HealthScoreInput {
            customer_name,
            sender_name,
            previous_score: cx.get("restore.score-before"),
            new_score: cx.get("restore.score-after"),
            rationale: cx.get("restore.score-why"),
            open_risks: cx.get("restore.risks"),
            next_review_on: cx.date("restore.next-review"),
            now,
            time_style: cx.time_style(),
        }),
        MessageKind::RestorationPreventionFollowUp => {
            let items = lines(
                cx.get("closeout.prevention-items")
                    .or_else(|| cx.get("closeout.prevention")),
            )
            .into_iter()
            .map(|change| PreventionItem {
                change,
                status: None,
            })
            .collect::<Vec<_>>();
            let statuses = lines(cx.get("restore.prevention-status"));
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, mut item)| {
                    item.status = statuses.get(i).cloned();
                    item
                })
                .collect();
            restoration_prevention_follow_up(&PreventionFollowUpInput {
                customer_name,
                sender_name,
                closeout_sent_on: cx
                    .state
                    .closeout_sent_at
                    .map(|t| cx.in_customer_zone(t).date_naive()),
                items,
                now,
                time_style: cx.time_style(),
            })
        }
    }
}

/// What the coach needs to know about the situation of a draft: the stage,
/// the promises made, and the escalation's own zone, clock and account, so
/// its suggestions name the customer's time and zone, not UTC.
pub fn coach_context(kind: Option<MessageKind>, cx: &DraftContext<'_>) -> CoachContext {
    let (state, form, now) = (cx.state, cx.form, cx.now);
    let zone = state.opened.as_ref().map(|o| o.customer_zone.trim());
    let offset = zone
        .filter(|z| !z.is_empty())
        .and_then(|z| cx.rules.offset_seconds(z, now))
        .map(|s| s / 60);
    let label = cx.customer_zone_label.trim();
    let customer_zone = offset
        .is_some()
        .then(|| label.to_string())
        .filter(|l| !l.is_empty());
    let account_name = state
        .opened
        .as_ref()
        .map(|o| o.account.trim().to_string())
        .filter(|a| !a.is_empty());
    let stage = match state.stage {
        Stage::Acknowledge => CoachStage::Acknowledge,
        Stage::Triage | Stage::Dri => CoachStage::Triage,
        Stage::Cadence => CoachStage::Cadence,
        Stage::CloseOut => CoachStage::Resolved,
        Stage::Restore | Stage::Closed => CoachStage::Restoration,
    };
    let last = state
        .log
        .iter()
        .filter(|e| {
            matches!(
                e.body,
                EventBody::AckSent { .. }
                    | EventBody::UpdateSent(_)
                    | EventBody::CloseoutSent { .. }
            )
        })
        .map(|e| e.at)
        .max();
    let step_done =
        |s: RestorationStep| state.restoration.iter().any(|p| p.step == s && p.settled());
    CoachContext {
        kind,
        stage,
        triage_cause_known: state.triage.cause_kind.is_some(),
        now,
        last_customer_message_at: last,
        promised_update_at: state.ack.as_ref().map(|a| a.promised_update_at),
        closeout_sent: state.closeout_sent_at.is_some(),
        exec_call_done: step_done(RestorationStep::ExecutiveRelationshipCall),
        health_reassessed: step_done(RestorationStep::HealthScoreReassessment),
        eta_confirmed: form
            .get("update.eta-confirmed")
            .is_some_and(|v| !v.is_empty()),
        customer_zone,
        customer_utc_offset_minutes: offset,
        account_name,
    }
}

/// The event "Mark as sent" records for a message, with the final text.
/// `Err` explains what is missing, in the CSM's words.
pub fn sent_event(
    kind: MessageKind,
    text: &str,
    cx: &DraftContext<'_>,
) -> Result<EventBody, String> {
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err("The draft is empty. Write the message before marking it as sent.".into());
    }
    Ok(match kind {
        MessageKind::Acknowledgment => EventBody::AckSent {
            promised_update_at: cx.customer_time("ack.promised").ok_or(
                "Set the time you promised the first status update (in the customer's time) before marking the acknowledgment as sent.",
            )?,
            text,
        },
        MessageKind::EngineeringLoopIn => EventBody::EngineeringLoopedIn { detail: text },
        MessageKind::DailyUpdate => {
            let status = update_status(cx.get("update.status")).unwrap_or(UpdateStatus::InProgress);
            let next = [cx.get("update.next-step"), cx.get("update.next-owner"), cx.get("update.next-date")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let eta = cx
                .get("update.eta")
                .or_else(|| cx.get("update.eta-why").map(|w| format!("No ETA yet: {w}")))
                .unwrap_or_default();
            EventBody::UpdateSent(StatusUpdate {
                status,
                what_happened_today: cx.get("update.today").unwrap_or_else(|| {
                    if cx.get("update.no-news").is_some() {
                        "No new resolution today.".to_string()
                    } else {
                        text.clone()
                    }
                }),
                what_happens_next: next,
                eta,
                questions: cx.get("update.questions").unwrap_or_default(),
                promised_update_at: cx.customer_time("update.next-update"),
            })
        }
        MessageKind::Closeout => EventBody::CloseoutSent { text },
        MessageKind::DriAnnouncement
        | MessageKind::RestorationExecCall
        | MessageKind::RestorationHealthScore
        | MessageKind::RestorationPreventionFollowUp => EventBody::Note {
            text: format!("Sent: {}\n\n{text}", kind_label(kind)),
        },
    })
}

pub fn kind_label(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Acknowledgment => "Acknowledgment",
        MessageKind::EngineeringLoopIn => "Engineering / support loop-in",
        MessageKind::DriAnnouncement => "DRI announcement",
        MessageKind::DailyUpdate => "Daily status update",
        MessageKind::Closeout => "Close-out document",
        MessageKind::RestorationExecCall => "Executive relationship call invitation",
        MessageKind::RestorationHealthScore => "Health score reassessment note",
        MessageKind::RestorationPreventionFollowUp => "Prevention follow-up",
    }
}

/// The DRI role the form asks for (the CSM when it says nothing else).
pub fn dri_role(value: &str) -> DriRole {
    from_kebab(value).unwrap_or(DriRole::Csm)
}
