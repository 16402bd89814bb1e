//! The buttons: what each `Action` does, and the two flows every escalation
//! runs through (opening it, marking a message as sent).

use super::commands::*;
use super::form::{self, escalation, key_of, offer, shown, typed};
use super::playbook::{assign_dri, correct_facts, resolve, triage};
use super::{prefix, Action, Effect, Field, Model, Rules, Zones};
use crate::account;
use crate::drafting::{self, parse_wall_time};
use crate::engine::{self, EventBody};
use crate::messages::{html::escape_html, MessageKind};
use crate::present::human_duration;
use crate::workspace::{export_json, keys};
use chrono::{DateTime, Utc};

pub(super) fn click(
    model: &mut Model,
    action: Action,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> Vec<Effect> {
    let state = escalation(model);
    match action.clone() {
        Action::Open => open(model, now, zones),
        Action::Accept(field) => match offer(model, state.as_ref(), field, now, zones) {
            Some(o) => {
                let mut fx = set_field(model, field, o.value);
                fx.push(Effect::Focus(field.id()));
                fx
            }
            None => vec![],
        },
        Action::UseArr(i) => {
            let v = model
                .facts
                .alternatives
                .arr
                .get(i)
                .map(|f| f.value.describe());
            v.map(|v| set_field(model, Field::OpenArr, v))
                .unwrap_or_default()
        }
        Action::ChangeCurrency => change_currency(model, state.as_ref()),
        Action::UseRenewal(i) => {
            let v = model
                .facts
                .alternatives
                .renewal
                .get(i)
                .map(|f| f.value.to_string());
            v.map(|v| set_field(model, Field::OpenRenewal, v))
                .unwrap_or_default()
        }
        Action::Step(stage) => {
            model.view = Some(stage);
            vec![Effect::Focus(super::view::first_field(stage))]
        }
        Action::Switch(id) => {
            show(model, id);
            model.pinned = true;
            model.bind_offer = None;
            vec![]
        }
        Action::ToggleClosed => {
            model.show_closed = !model.show_closed;
            vec![]
        }
        Action::FollowPage => {
            model.pinned = false;
            follow_page(model);
            vec![]
        }
        Action::Bind(id) => {
            let url = record_url(model);
            if !url.is_empty() {
                model.bound.insert(url, id.clone());
            }
            show(model, Some(id));
            model.bind_offer = None;
            vec![]
        }
        Action::DeclineBind => {
            if let Some(id) = model.bind_offer.take() {
                let url = record_url(model);
                model.declined.insert(url, id);
            }
            vec![]
        }
        Action::Copy(kind) | Action::Insert(kind) => {
            let Some(s) = state else { return vec![] };
            let (msg, body, subject) = message(model, &s, kind, now, zones);
            if body.trim().is_empty() {
                set_notice(
                    model,
                    "The draft is empty. Regenerate it or write the message first.",
                    true,
                    Some(action),
                );
                return vec![];
            }
            if matches!(action, Action::Copy(_)) {
                return vec![Effect::Copy { kind, text: body }];
            }
            if form::internal(kind) {
                set_notice(model, "This message is internal: it never goes into the customer's composer. Copy it into your team's channel instead.", true, Some(action));
                return vec![];
            }
            let html = if body == msg.text {
                msg.html
            } else {
                body.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| format!("<p>{}</p>", escape_html(l.trim())))
                    .collect()
            };
            model.insert_results.remove(prefix(kind));
            vec![Effect::Insert {
                kind,
                subject,
                text: body,
                html,
            }]
        }
        Action::MarkSent(kind) => mark_sent(model, kind, false, now, zones),
        Action::ConfirmMarkSent(kind) => mark_sent(model, kind, true, now, zones),
        Action::Regenerate(kind) => {
            model.insert_results.remove(prefix(kind));
            let keys = vec![
                key_of(model, Field::Body(kind)),
                key_of(model, Field::Subject(kind)),
            ];
            remove_keys(model, keys)
        }
        Action::SaveTriage | Action::CompleteTriage => {
            triage(model, action == Action::CompleteTriage, now)
        }
        Action::AssignDri => assign_dri(model, now, zones),
        Action::Resolve => resolve(model, now, zones),
        Action::StepDone(step) => {
            let note = typed(model, Field::StepNote(step)).unwrap_or_default();
            record(
                model,
                vec![EventBody::RestorationStepDone { step, note }],
                action,
                &format!("Recorded: {}.", step.label()),
                now,
            )
            .unwrap_or_default()
        }
        Action::StepWaive(step) => {
            let reason = typed(model, Field::StepReason(step)).unwrap_or_default();
            if reason.trim().is_empty() {
                return field_errors(
                    model,
                    vec![(
                        Field::StepReason(step),
                        "Say why this step is waived.".into(),
                    )],
                    action,
                    "A waiver needs a reason.",
                );
            }
            record(
                model,
                vec![EventBody::RestorationStepWaived { step, reason }],
                action,
                &format!("Waived: {}.", step.label()),
                now,
            )
            .unwrap_or_default()
        }
        Action::Close => record(
            model,
            vec![EventBody::Closed {}],
            action,
            "Escalation closed. The relationship work is done.",
            now,
        )
        .unwrap_or_default(),
        Action::Reopen => {
            let reason = typed(model, Field::ReopenReason).unwrap_or_default();
            let fx = record(
                model,
                vec![EventBody::Reopened { reason }],
                action,
                "Reopened: the daily cadence starts again.",
                now,
            );
            if fx.is_some() {
                model.view = None;
            }
            fx.unwrap_or_default()
        }
        Action::AddNote => {
            let text = typed(model, Field::NoteText).unwrap_or_default();
            if text.trim().is_empty() {
                return field_errors(
                    model,
                    vec![(Field::NoteText, "Write the note first.".into())],
                    action,
                    "The note is empty.",
                );
            }
            match record(
                model,
                vec![EventBody::Note { text }],
                action,
                "Note added (internal: never sent to the customer).",
                now,
            ) {
                Some(mut fx) => {
                    let k = key_of(model, Field::NoteText);
                    fx.extend(remove_keys(model, vec![k]));
                    fx
                }
                None => vec![],
            }
        }
        Action::CorrectFacts => correct_facts(model, now, zones),
        Action::BusinessDays => {
            model.settings.business_days = !model.settings.business_days;
            vec![Effect::Put {
                key: keys::SETTINGS.into(),
                value: model.settings.encode(),
            }]
        }
        Action::Export => match super::load::with_everything(model, super::AfterLoad::Export) {
            Ok(_) => export(model, now),
            Err(fx) => fx,
        },
        Action::Import => vec![Effect::PickFile],
    }
}

/// Every event as an export file (every escalation is loaded by now).
pub(super) fn export(model: &Model, now: DateTime<Utc>) -> Vec<Effect> {
    vec![Effect::Download {
        name: format!("defuse-export-{}.json", now.date_naive()),
        text: export_json(&model.ws.all_events(), now),
    }]
}

pub(super) fn lang(model: &Model) -> String {
    model
        .snapshot
        .as_ref()
        .map(|s| s.lang.clone())
        .unwrap_or_default()
}

pub(super) fn parse_money(text: &str, lang: &str) -> Result<Option<account::Money>, String> {
    account::parse_money(text, &account::Locale::from_lang(lang)).map_err(|e| e.to_string())
}

pub(super) fn parse_date(text: &str) -> Result<Option<chrono::NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    crate::engine::parse_ymd(t)
        .map(Some)
        .ok_or_else(|| format!("“{t}” is not a date. Pick the date in the date field."))
}

fn open(model: &mut Model, now: DateTime<Utc>, zones: &dyn Zones) -> Vec<Effect> {
    if model.reconciling {
        // Drawn from the fold index only: this account may have an
        // escalation another tab just opened.
        super::commands::set_notice(
            model,
            "Still reading saved escalations; try again in a moment.",
            true,
            None,
        );
        return vec![];
    }
    let v = |m: &Model, f: Field| shown(m, None, f, now, zones).trim().to_string();
    let (account_name, csm_name, zone) = (
        v(model, Field::OpenAccount),
        v(model, Field::OpenCsmName),
        v(model, Field::OpenCustomerZone),
    );
    let arr = parse_money(&v(model, Field::OpenArr), &lang(model)).map(|m| {
        // The page's amount left as shown keeps its "currency assumed" mark,
        // so the header keeps asking until the CSM says which currency.
        match model.facts.arr.as_ref().map(|f| &f.value) {
            Some(page) if page.currency_assumed && typed(model, Field::OpenArr).is_none() => {
                m.map(|_| page.clone())
            }
            _ => m,
        }
    });
    let renewal = parse_date(&v(model, Field::OpenRenewal));
    let reached = parse_wall_time(
        &v(model, Field::OpenReached),
        &model.csm_zone,
        &Rules(zones),
    );
    let mut problems = Vec::new();
    if account_name.is_empty() {
        problems.push((Field::OpenAccount, "Enter the customer's name.".to_string()));
    }
    if let Err(e) = &arr {
        problems.push((Field::OpenArr, e.clone()));
    }
    if let Err(e) = &renewal {
        problems.push((Field::OpenRenewal, e.clone()));
    }
    match reached {
        None => problems.push((
            Field::OpenReached,
            "Enter when the escalation reached you: the acknowledgment clock starts there.".into(),
        )),
        Some(t) if t > now => problems.push((
            Field::OpenReached,
            "That time is in the future. Enter when it actually reached you.".into(),
        )),
        _ => {}
    }
    if zone.is_empty() {
        problems.push((
            Field::OpenCustomerZone,
            "Ask the customer's time zone: every promised time is in it.".into(),
        ));
    } else if !zones.knows(&zone, now) {
        problems.push((Field::OpenCustomerZone, format!("“{zone}” is not a time zone this browser knows. Use a name like America/Chicago or Europe/Berlin.")));
    }
    if csm_name.is_empty() {
        problems.push((
            Field::OpenCsmName,
            "Enter your name: it signs every message.".into(),
        ));
    }
    let (Ok(arr), Ok(renewal), Some(reached), true) = (arr, renewal, reached, problems.is_empty())
    else {
        return field_errors(
            model,
            problems,
            Action::Open,
            "Fix the marked fields to start the clock.",
        );
    };
    let url = record_url(model);
    let body = EventBody::Opened(engine::Opened {
        account: account_name,
        arr,
        renewal,
        crm_url: (!url.is_empty()).then_some(url),
        reached_csm_at: reached,
        customer_zone: zone,
        csm_zone: model.csm_zone.clone(),
        csm_name: csm_name.clone(),
    });
    let id = format!("esc-{}", new_id(model, now));
    let mut fx = match append(model, vec![body], Some(id.clone()), now) {
        Ok(fx) => fx,
        Err(e) => {
            set_notice(model, e, true, Some(Action::Open));
            return vec![];
        }
    };
    // The opening form belongs to this escalation now: the next one starts empty.
    let old = form::new_scope_keys(model);
    fx.extend(remove_keys(model, old));
    model
        .suggested
        .retain(|k, _| !k.starts_with(&keys::draft(keys::NEW_SCOPE, "")));
    if model.settings.csm_name != csm_name {
        model.settings.csm_name = csm_name;
        fx.push(Effect::Put {
            key: keys::SETTINGS.into(),
            value: model.settings.encode(),
        });
    }
    model.current = Some(id);
    model.pinned = false;
    model.view = None;
    model.bind_offer = None;
    let due = reached + chrono::TimeDelta::hours(2);
    let text = if due <= now {
        format!(
            "Escalation opened. The acknowledgment is already overdue by {}: send it now.",
            human_duration((now - due).num_milliseconds())
        )
    } else {
        format!(
            "Escalation opened. The acknowledgment is due in {}.",
            human_duration((due - now).num_milliseconds())
        )
    };
    set_notice(
        model,
        text,
        due <= now,
        Some(Action::MarkSent(MessageKind::Acknowledgment)),
    );
    fx.push(Effect::Focus(Field::AckImpact.id()));
    fx
}

fn mark_sent(
    model: &mut Model,
    kind: MessageKind,
    confirmed: bool,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> Vec<Effect> {
    let Some(state) = escalation(model) else {
        return vec![];
    };
    let anchor = Action::MarkSent(kind);
    let (_, body, _) = message(model, &state, kind, now, zones);
    let open_findings = findings(model, &state, kind, &body, now, zones).len();
    if open_findings > 0 && !confirmed {
        model.confirm = Some(kind);
        set_notice(model, format!("The coach still flags {open_findings} thing(s) in this draft. Mark it as sent anyway?"), true, Some(anchor));
        return vec![];
    }
    model.confirm = None;
    if kind == MessageKind::Closeout {
        let root = state.resolution.as_ref().map(|r| r.root_cause);
        let link = shown(model, Some(&state), Field::CloseoutLink, now, zones);
        if let Some(p) = form::bug_link_problem(root, &link) {
            return field_errors(
                model,
                vec![(Field::CloseoutLink, p)],
                anchor,
                "Check the bug link before sending.",
            );
        }
    }
    let form = form::effective(model, &state, now, zones);
    let rules = Rules(zones);
    let cx = form::draft_context(model, &state, &form, now, &rules);
    let event = match drafting::sent_event(kind, &body, &cx) {
        Ok(e) => e,
        Err(e) => {
            set_notice(model, e, true, Some(anchor));
            return vec![];
        }
    };
    let Some(mut fx) = record(
        model,
        vec![event],
        anchor.clone(),
        &format!("Recorded: {} sent.", drafting::kind_label(kind)),
        now,
    ) else {
        return vec![];
    };
    match kind {
        MessageKind::DailyUpdate => {
            // Each day's update starts fresh: yesterday's news is offered as
            // "unchanged since", never sent again by default.
            let old = form::typed_keys(model, "update.");
            fx.extend(remove_keys(model, old));
            let prefix = key_of(model, Field::UpdateNextUpdate);
            model.suggested.remove(&prefix);
            model.view = None;
        }
        MessageKind::EngineeringLoopIn => {}
        _ => model.view = None,
    }
    model.insert_results.remove(super::prefix(kind));
    fx
}

/// "Read $ as USD — change?": fills the ARR correction (the open form's ARR
/// before an escalation exists, else "Correct ARR") with the amount and its
/// currency code written out, and moves focus there so the CSM retypes the code.
fn change_currency(model: &mut Model, state: Option<&engine::Escalation>) -> Vec<Effect> {
    let (field, money) = match state {
        Some(s) => (Field::FixArr, s.opened.as_ref().and_then(|o| o.arr.clone())),
        None => (
            Field::OpenArr,
            model.facts.arr.as_ref().map(|f| f.value.clone()),
        ),
    };
    let Some(money) = money else {
        return vec![];
    };
    let mut fx = set_field(model, field, money.describe());
    set_notice(
        model,
        "Type the currency the CRM means after the amount (USD, CAD, AUD…), then save.",
        false,
        Some(Action::ChangeCurrency),
    );
    fx.push(Effect::Focus(field.id()));
    fx
}
