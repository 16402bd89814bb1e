//! The playbook's own steps as decisions: triage answers become events,
//! the DRI is assigned exactly as shown (and changed only with a reason),
//! resolution and corrections are validated beside their fields.

use super::action::Choice;
use super::commands::*;
use super::flow::{lang, parse_date, parse_money};
use super::form::{self, escalation, key_of, shown, typed};
use super::{Action, Effect, Field, Model, Rules, Zones};
use crate::drafting::parse_wall_time;
use crate::engine::{self, Escalation, EventBody, Stage, TRIAGE_QUESTIONS};
use crate::engine::{DesiredOutcome, DriRole, RootCause, TriageKey};
use crate::messages::MessageKind;
use crate::present::from_kebab;
use chrono::{DateTime, Utc};

/// The triage events for what the CSM changed in the form.
pub fn triage_events(model: &Model, state: &Escalation) -> Vec<EventBody> {
    let flag = |f: Field| typed(model, f).map(|v| !v.trim().is_empty());
    let (exec, outage) = (flag(Field::TriageExecutive), flag(Field::TriageOutage));
    let mut out = Vec::new();
    let mut flags_sent = false;
    for (key, _) in TRIAGE_QUESTIONS.iter() {
        let Some(value) = typed(model, Field::Triage(*key)).map(|v| v.trim().to_string()) else {
            continue;
        };
        if value.is_empty() || form::saved_answer(state, *key).as_deref() == Some(value.as_str()) {
            continue;
        }
        let (cause_kind, desired_outcome, answer) = match key {
            TriageKey::CauseKind => match from_kebab::<RootCause>(&value) {
                Some(c) => (Some(c), None, c.label().to_string()),
                None => continue,
            },
            TriageKey::DesiredOutcome => match from_kebab::<DesiredOutcome>(&value) {
                Some(d) => (None, Some(d), d.label().to_string()),
                None => continue,
            },
            _ => (None, None, value),
        };
        out.push(EventBody::TriageAnswer(engine::TriageAnswer {
            question: *key,
            answer,
            cause_kind,
            desired_outcome,
            executive_level: if flags_sent { None } else { exec },
            outage_or_data_problem: if flags_sent { None } else { outage },
        }));
        flags_sent = true;
    }
    let changed = exec.is_some_and(|e| e != state.triage.executive_level)
        || outage.is_some_and(|o| o != state.triage.outage_or_data_problem);
    if !flags_sent && changed {
        // Flags ride on an answer; the first answered question carries them.
        if let Some((key, answer)) = TRIAGE_QUESTIONS
            .iter()
            .filter(|(k, _)| !matches!(k, TriageKey::CauseKind | TriageKey::DesiredOutcome))
            .find_map(|(k, _)| form::saved_answer(state, *k).map(|a| (*k, a)))
        {
            out.push(EventBody::TriageAnswer(engine::TriageAnswer {
                question: key,
                answer,
                cause_kind: None,
                desired_outcome: None,
                executive_level: exec,
                outage_or_data_problem: outage,
            }));
        }
    }
    out
}

pub(super) fn triage(model: &mut Model, complete: bool, now: DateTime<Utc>) -> Vec<Effect> {
    let Some(state) = escalation(model) else {
        return vec![];
    };
    let anchor = if complete {
        Action::CompleteTriage
    } else {
        Action::SaveTriage
    };
    let bodies = triage_events(model, &state);
    let saved = !bodies.is_empty();
    let mut fx = match append(model, bodies, None, now) {
        Ok(fx) => fx,
        Err(e) => {
            set_notice(model, e, true, Some(anchor));
            return vec![];
        }
    };
    if !complete {
        set_notice(
            model,
            if saved {
                "Triage answers saved."
            } else {
                "No new answers to save."
            },
            false,
            Some(anchor),
        );
        return fx;
    }
    let Some(after) = escalation(model) else {
        return fx;
    };
    if after.ack.is_none() {
        set_notice(
            model,
            engine::EngineError::AckFirst.to_string(),
            true,
            Some(anchor),
        );
        return fx;
    }
    let missing = after.triage.unanswered();
    if !missing.is_empty() {
        let problems = missing
            .iter()
            .map(|k| {
                let p = if *k == TriageKey::ArrRenewal {
                    "Not answered yet: accept the offered answer or write your own."
                } else {
                    "Not answered yet: write what you know, even “not known yet”."
                };
                (Field::Triage(*k), p.to_string())
            })
            .collect();
        let summary = format!(
            "{} question(s) still need an answer{}.",
            missing.len(),
            if saved { " (the others are saved)" } else { "" }
        );
        fx.extend(field_errors(model, problems, anchor, &summary));
        return fx;
    }
    if let Some(more) = record(
        model,
        vec![EventBody::TriageCompleted {}],
        anchor,
        "Triage complete. Name the DRI next.",
        now,
    ) {
        fx.extend(more);
        model.view = None;
    }
    fx
}

pub(super) fn assign_dri(model: &mut Model, now: DateTime<Utc>, zones: &dyn Zones) -> Vec<Effect> {
    let Some(state) = escalation(model) else {
        return vec![];
    };
    let anchor = Action::AssignDri;
    let name = shown(model, Some(&state), Field::DriName, now, zones)
        .trim()
        .to_string();
    let role: DriRole =
        from_kebab(&shown(model, Some(&state), Field::DriRole, now, zones)).unwrap_or(DriRole::Csm);
    let name = match engine::validate_dri_name(&name) {
        Ok(n) => n,
        Err(e) => {
            return field_errors(
                model,
                vec![(Field::DriName, e.to_string())],
                anchor,
                "Name one person as the DRI.",
            )
        }
    };
    let mut bodies = vec![EventBody::DriAssigned {
        name: name.clone(),
        role,
    }];
    if let Some(d) = &state.dri {
        if d.name == name && d.role == role {
            set_notice(
                model,
                format!("{name} is already the DRI. Nothing changed."),
                false,
                Some(anchor),
            );
            return vec![];
        }
        let reason = typed(model, Field::DriReason).unwrap_or_default();
        if reason.trim().is_empty() {
            return field_errors(
                model,
                vec![(
                    Field::DriReason,
                    "Say why the DRI changes: ownership must stay clear to the customer.".into(),
                )],
                anchor,
                "A change of DRI needs a reason.",
            );
        }
        bodies.push(EventBody::Note {
            text: format!(
                "DRI changed from {} ({}) to {name} ({}): {}",
                d.name,
                d.role.label(),
                role.label(),
                reason.trim()
            ),
        });
    }
    let Some(mut fx) = record(
        model,
        bodies,
        anchor,
        &format!("{name} is the DRI. Announce them to the customer below."),
        now,
    ) else {
        return vec![];
    };
    let k = key_of(model, Field::DriReason);
    if model.drafts.contains_key(&k) {
        fx.extend(remove_keys(model, vec![k]));
    }
    // The announcement is the next thing to send: stay on this step.
    model.view = Some(Stage::Dri);
    fx.push(Effect::Focus(
        Field::Body(MessageKind::DriAnnouncement).id(),
    ));
    fx
}

pub(super) fn resolve(model: &mut Model, now: DateTime<Utc>, zones: &dyn Zones) -> Vec<Effect> {
    let Some(state) = escalation(model) else {
        return vec![];
    };
    let root: Option<RootCause> = from_kebab(&shown(
        model,
        Some(&state),
        Field::ResolveRootCause,
        now,
        zones,
    ));
    let link = shown(model, Some(&state), Field::ResolveBugLink, now, zones);
    let mut problems = Vec::new();
    if root.is_none() {
        problems.push((
            Field::ResolveRootCause,
            "Choose the root cause: product defect, configuration or process failure.".to_string(),
        ));
    }
    if let Some(p) = form::bug_link_problem(root, &link) {
        problems.push((Field::ResolveBugLink, p));
    }
    let Some(root_cause) = root.filter(|_| problems.is_empty()) else {
        return field_errors(
            model,
            problems,
            Action::Resolve,
            "Fix the marked fields to resolve.",
        );
    };
    let link = link.trim();
    let body = EventBody::Resolved {
        root_cause,
        bug_link: (!link.is_empty()).then(|| link.to_string()),
    };
    let fx = record(
        model,
        vec![body],
        Action::Resolve,
        "Resolved. The close-out document is due within 48 hours: a fixed ticket is not the end.",
        now,
    );
    if fx.is_some() {
        model.view = None;
    }
    fx.unwrap_or_default()
}

pub(super) fn correct_facts(
    model: &mut Model,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> Vec<Effect> {
    let anchor = Action::CorrectFacts;
    let arr = parse_money(
        &typed(model, Field::FixArr).unwrap_or_default(),
        &lang(model),
    );
    let renewal = parse_date(&typed(model, Field::FixRenewal).unwrap_or_default());
    let reached_text = typed(model, Field::FixReached).unwrap_or_default();
    let reached = parse_wall_time(&reached_text, &model.csm_zone, &Rules(zones));
    let mut problems = Vec::new();
    if let Err(e) = &arr {
        problems.push((Field::FixArr, e.clone()));
    }
    if let Err(e) = &renewal {
        problems.push((Field::FixRenewal, e.clone()));
    }
    if !reached_text.trim().is_empty() && reached.is_none() {
        problems.push((
            Field::FixReached,
            "Pick the date and time in the field.".to_string(),
        ));
    }
    let (Ok(arr), Ok(renewal), true) = (arr, renewal, problems.is_empty()) else {
        return field_errors(model, problems, anchor, "Fix the marked fields.");
    };
    let body = EventBody::FactCorrected(engine::FactCorrection {
        arr,
        renewal,
        reached_csm_at: reached,
    });
    match record(
        model,
        vec![body],
        anchor,
        "Corrected. Your correction wins over what the page says.",
        now,
    ) {
        Some(mut fx) => {
            let keys = [Field::FixArr, Field::FixRenewal, Field::FixReached]
                .map(|f| key_of(model, f))
                .to_vec();
            fx.extend(remove_keys(model, keys));
            fx
        }
        None => vec![],
    }
}
