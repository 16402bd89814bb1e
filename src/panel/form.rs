//! The form: what the CSM typed (one storage key per field and scope), the
//! defaults the panel fills in (used exactly as shown), and the values it
//! only offers (accepted explicitly, else shown as unanswered).

use super::{Field, Model, Rules, Zones};
use crate::account::snapshot::Direction;
use crate::drafting::{self, wall_time_value, Form};
use crate::engine::{self, Escalation, RootCause, Stage, TriageKey};
use crate::messages::MessageKind;
use crate::present::kebab;
use crate::workspace::keys;
use chrono::{DateTime, Utc};

/// A value the panel offers for a field, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub value: String,
    pub why: String,
}

/// The draft scope: the escalation's id, or `new` for the opening form.
pub fn scope(model: &Model) -> String {
    model
        .current
        .clone()
        .unwrap_or_else(|| keys::NEW_SCOPE.to_string())
}

pub fn key_of(model: &Model, field: Field) -> String {
    keys::draft(&scope(model), &field.key())
}

/// What the CSM typed into `field` (in the current scope).
pub fn typed(model: &Model, field: Field) -> Option<String> {
    model.drafts.get(&key_of(model, field)).cloned()
}

/// The escalation shown, folded once.
pub fn escalation(model: &Model) -> Option<Escalation> {
    let id = model.current.as_ref()?;
    let e = model.ws.escalation(id);
    e.opened.is_some().then_some(e)
}

/// The time the page says the escalation reached the CSM: when the
/// customer message at which the thread became an escalation was sent
/// (the coach's reading of the typed `messages`), else the latest inbound
/// message with a machine-readable time; `None` for pages (and older
/// agents) that show no message times.
pub fn reached_from_page(model: &Model) -> Option<DateTime<Utc>> {
    let snap = model.snapshot.as_ref()?;
    if let Some(at) = crate::coach::snapshot_escalation(snap).and_then(|e| e.at) {
        return Some(at);
    }
    snap.messages
        .iter()
        .filter(|m| m.direction == Direction::Inbound)
        .filter_map(|m| m.at.as_deref())
        .filter_map(|at| crate::rfc3339::parse_from_rfc3339(at.trim()).ok())
        .map(|at| at.with_timezone(&Utc))
        .max()
}

/// Which typed page fact beyond name / ARR / renewal a field defaults to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFact {
    ExecutiveSponsor,
    HealthScore,
    SignedInUser,
}

/// A page fact beyond name / ARR / renewal, from the typed account facts.
pub fn page_fact(model: &Model, which: PageFact) -> Option<String> {
    let facts = &model.facts;
    let fact = match which {
        PageFact::ExecutiveSponsor => facts.executive_sponsor.as_ref(),
        PageFact::HealthScore => facts.health_score.as_ref(),
        PageFact::SignedInUser => facts.signed_in_user.as_ref(),
    }?;
    let value = fact.value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// The value a field shows: what the CSM typed, else the default.
pub fn shown(
    model: &Model,
    state: Option<&Escalation>,
    field: Field,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> String {
    if let Some(v) = typed(model, field) {
        return v;
    }
    if let Some(v) = model.suggested.get(&key_of(model, field)) {
        return v.clone();
    }
    default(model, state, field, now, zones)
}

fn default(
    model: &Model,
    state: Option<&Escalation>,
    field: Field,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> String {
    let facts = &model.facts;
    let opened = state.and_then(|s| s.opened.as_ref());
    match field {
        Field::OpenAccount => facts.name.as_ref().map(|f| f.value.clone()),
        Field::OpenArr => facts.arr.as_ref().map(|f| f.value.describe()),
        Field::OpenRenewal => facts.renewal.as_ref().map(|f| f.value.to_string()),
        Field::OpenReached => {
            reached_from_page(model).map(|t| wall_time_value(t, &model.csm_zone, &Rules(zones)))
        }
        Field::OpenCustomerZone => model.page_zone.clone(),
        // Remembered after the first use, else the CRM's signed-in user.
        Field::OpenCsmName => Some(model.settings.csm_name.clone())
            .filter(|n| !n.trim().is_empty())
            .or_else(|| page_fact(model, PageFact::SignedInUser)),
        Field::RestoreCustomerExec => page_fact(model, PageFact::ExecutiveSponsor),
        Field::RestoreScoreBefore => page_fact(model, PageFact::HealthScore),
        Field::Triage(key) => state.and_then(|s| saved_answer(s, key)),
        Field::TriageExecutive => state
            .filter(|s| s.triage.executive_level)
            .map(|_| "true".to_string()),
        Field::TriageOutage => state
            .filter(|s| s.triage.outage_or_data_problem)
            .map(|_| "true".to_string()),
        Field::DriName => state.and_then(|s| {
            s.dri.as_ref().map(|d| d.name.clone()).or_else(|| {
                (recommended_role(s, now) == engine::DriRole::Csm)
                    .then(|| opened.map(|o| o.csm_name.clone()))
                    .flatten()
            })
        }),
        Field::DriRole => state.map(|s| {
            kebab(
                &s.dri
                    .as_ref()
                    .map(|d| d.role)
                    .unwrap_or_else(|| recommended_role(s, now)),
            )
        }),
        Field::UpdateStatus => Some("in-progress".to_string()),
        Field::UpdateNextOwner => state.and_then(|s| s.dri.as_ref().map(|d| d.name.clone())),
        Field::ResolveRootCause => state
            .and_then(|s| s.resolution.as_ref())
            .map(|r| kebab(&r.root_cause)),
        Field::ResolveBugLink | Field::CloseoutLink => state
            .and_then(|s| s.resolution.as_ref())
            .and_then(|r| r.bug_link.clone()),
        Field::CloseoutPreventionItems => typed(model, Field::CloseoutPrevention),
        _ => None,
    }
    .unwrap_or_default()
}

/// The answer saved for a triage question (the kebab choice for the two
/// structured questions).
pub fn saved_answer(state: &Escalation, key: TriageKey) -> Option<String> {
    match key {
        TriageKey::CauseKind => state.triage.cause_kind.map(|c| kebab(&c)),
        TriageKey::DesiredOutcome => state.triage.desired_outcome.map(|c| kebab(&c)),
        _ => state
            .triage
            .items
            .iter()
            .find(|i| i.key == key)
            .and_then(|i| i.answer.clone())
            .filter(|a| !a.trim().is_empty()),
    }
}

/// The DRI role the playbook recommends now.
pub fn recommended_role(state: &Escalation, now: DateTime<Utc>) -> engine::DriRole {
    recommendation(state, now).role
}

pub fn recommendation(state: &Escalation, now: DateTime<Utc>) -> engine::DriRecommendation {
    let sev = engine::escalation_severity(state, now, &engine::Config::default().severity);
    engine::recommend_dri(state, &sev)
}

/// A value the panel offers for `field` but does not fill in by itself.
pub fn offer(
    model: &Model,
    state: Option<&Escalation>,
    field: Field,
    now: DateTime<Utc>,
    zones: &dyn Zones,
) -> Option<Offer> {
    if typed(model, field).is_some_and(|v| !v.trim().is_empty()) {
        return None;
    }
    let state_ref = state;
    match field {
        Field::OpenCustomerZone if model.page_zone.is_none() && !model.csm_zone.is_empty() => {
            Some(Offer {
                value: model.csm_zone.clone(),
                why: format!(
                    "The page does not show the customer's time zone. Ask them, or use yours ({})",
                    model.csm_zone
                ),
            })
        }
        Field::Triage(TriageKey::ArrRenewal) => {
            let s = state_ref?;
            if saved_answer(s, TriageKey::ArrRenewal).is_some() {
                return None;
            }
            let o = s.opened.as_ref()?;
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
                        (d - now.date_naive()).num_days()
                    )
                })
                .unwrap_or_default();
            Some(Offer {
                value: format!("{arr}{renewal}"),
                why: "From the escalation record".into(),
            })
        }
        Field::CloseoutIssue | Field::CloseoutImpact => {
            let key = if field == Field::CloseoutIssue {
                TriageKey::StatedProblem
            } else {
                TriageKey::Impact
            };
            let answer = saved_answer(state_ref?, key)?;
            Some(Offer {
                value: answer,
                why: "Your internal triage note: review the wording before the customer reads it"
                    .into(),
            })
        }
        Field::UpdateNextStep | Field::UpdateEta | Field::UpdateEtaWhy => {
            let s = state_ref?;
            let last = s.updates.last()?;
            let at = engine::short_day_time(
                engine::to_local(&Rules(zones), &model.csm_zone, last.at).local,
            );
            let value = match field {
                Field::UpdateNextStep => last.update.what_happens_next.clone(),
                Field::UpdateEta => last.update.eta.clone(),
                _ => return None,
            };
            if field == Field::UpdateEta && engine::parse_ymd(&value).is_none() {
                return None;
            }
            (!value.trim().is_empty()).then(|| Offer {
                value,
                why: format!("Unchanged since {at}? Confirm it is still true"),
            })
        }
        _ => None,
    }
}

/// The form the drafts are made from: every field as shown.
pub fn effective(model: &Model, state: &Escalation, now: DateTime<Utc>, zones: &dyn Zones) -> Form {
    let prefix = keys::draft(&scope(model), "");
    let mut form: Form = model
        .drafts
        .iter()
        .filter_map(|(k, v)| k.strip_prefix(&prefix).map(|f| (f.to_string(), v.clone())))
        .collect();
    for field in DEFAULTED {
        let v = shown(model, Some(state), field, now, zones);
        if !v.is_empty() {
            form.entry(field.key()).or_insert(v);
        }
    }
    form
}

/// Fields whose default (or suggestion) the drafts use.
const DEFAULTED: [Field; 8] = [
    Field::AckPromised,
    Field::UpdateNextUpdate,
    Field::UpdateNextOwner,
    Field::UpdateStatus,
    Field::DriName,
    Field::DriRole,
    Field::CloseoutLink,
    Field::ResolveRootCause,
];

/// Suggested times, computed once and kept while the panel is open: the
/// first update 3 h from now on the customer's next half hour, the next
/// daily update 24 h from now, and "when it reached you" = now.
pub fn seed_suggestions(model: &mut Model, now: DateTime<Utc>, zones: &dyn Zones) {
    let rules = Rules(zones);
    let state = escalation(model);
    let add = |model: &mut Model, field: Field, value: String| {
        let key = key_of(model, field);
        model.suggested.entry(key).or_insert(value);
    };
    match &state {
        None => {
            if reached_from_page(model).is_none() {
                let v = wall_time_value(now, &model.csm_zone, &rules);
                add(model, Field::OpenReached, v);
            } else {
                // The page's arrival time came after the panel seeded "now"
                // (storage loads before the first snapshot): the page wins;
                // only what the CSM typed is kept.
                let key = key_of(model, Field::OpenReached);
                model.suggested.remove(&key);
            }
        }
        Some(s) => {
            let zone = s
                .opened
                .as_ref()
                .map(|o| o.customer_zone.clone())
                .unwrap_or_default();
            // A suggested promise that has passed is never offered again.
            for f in [Field::AckPromised, Field::UpdateNextUpdate] {
                let key = key_of(model, f);
                let passed = model
                    .suggested
                    .get(&key)
                    .and_then(|v| drafting::parse_wall_time(v, &zone, &rules))
                    .is_some_and(|at| at <= now);
                if passed {
                    model.suggested.remove(&key);
                }
            }
            if s.ack.is_none() {
                add(
                    model,
                    Field::AckPromised,
                    drafting::first_update_promise(now, &zone, &Rules(zones)),
                );
            }
            if s.ack.is_some() && s.stage != Stage::Closed {
                add(
                    model,
                    Field::UpdateNextUpdate,
                    drafting::next_update_suggestion(now, &zone, &Rules(zones)),
                );
            }
        }
    }
}

/// One rule for a bug link (resolve and close-out): a product defect needs
/// one, and a link given must be a web address.
pub fn bug_link_problem(root: Option<RootCause>, link: &str) -> Option<String> {
    let link = link.trim();
    if link.is_empty() {
        return (root == Some(RootCause::ProductDefect)).then(|| {
            "A product defect needs the link to its bug report or roadmap item.".to_string()
        });
    }
    let web = (link.starts_with("https://") || link.starts_with("http://"))
        && link.len() > "https://".len()
        && !link.contains(char::is_whitespace);
    (!web)
        .then(|| format!("“{link}” is not a web address. Paste the bug report's link (https://…)."))
}

/// Whether a message goes only to colleagues (never into a customer composer).
pub fn internal(kind: MessageKind) -> bool {
    kind == MessageKind::EngineeringLoopIn
}

/// The draft context for `state` with the effective form.
pub fn draft_context<'a>(
    model: &Model,
    state: &'a Escalation,
    form: &'a Form,
    now: DateTime<Utc>,
    rules: &'a Rules<'a>,
) -> drafting::DraftContext<'a> {
    let customer_zone = state
        .opened
        .as_ref()
        .map(|o| o.customer_zone.clone())
        .unwrap_or_default();
    let label = |zone: &str| {
        rules
            .0
            .short_name(zone, now)
            .unwrap_or_else(|| zone.to_string())
    };
    drafting::DraftContext {
        state,
        form,
        now,
        rules,
        customer_zone_label: label(&customer_zone),
        csm_zone_label: label(&model.csm_zone),
        locale: model.locale.clone(),
    }
}

/// Keys of the current scope's typed fields whose key starts with `prefix`.
pub fn typed_keys(model: &Model, prefix: &str) -> Vec<String> {
    let start = keys::draft(&scope(model), prefix);
    model
        .drafts
        .keys()
        .filter(|k| k.starts_with(&start))
        .cloned()
        .collect()
}

/// Drafts entered while no escalation was open (scope `new`).
pub fn new_scope_keys(model: &Model) -> Vec<String> {
    let start = keys::draft(keys::NEW_SCOPE, "");
    model
        .drafts
        .keys()
        .filter(|k| k.starts_with(&start))
        .cloned()
        .collect()
}
