//! The playbook steps as sections of the view model: acknowledge, triage,
//! DRI and cadence (close-out and restoration are in `parts`, with the
//! header, opening form, timeline and tools).

use super::action::Choice;
use super::form;
use super::view::{step_name, text, Cx};
use super::vm::*;
use super::{Action, Field};
use crate::engine::{
    self, DesiredOutcome, DriRole, Escalation, RootCause, Stage, TriageKey, UpdateStatus,
    TRIAGE_QUESTIONS,
};
use crate::messages::MessageKind;
use crate::present::human_duration;

pub use super::parts::{header, open_form, timeline, tools};

/// The shown step.
pub fn step(cx: &Cx<'_>, s: &Escalation, stage: Stage) -> StepVm {
    let (name, label) = step_name(stage);
    let sections = match stage {
        Stage::Acknowledge => acknowledge(cx, s),
        Stage::Triage => triage(cx, s),
        Stage::Dri => dri(cx, s),
        Stage::Cadence => cadence(cx, s),
        Stage::CloseOut => super::parts::closeout(cx, s),
        Stage::Restore | Stage::Closed => super::parts::restore(cx, s),
    };
    StepVm {
        name,
        title: label.to_string(),
        notice: None,
        sections,
    }
}

pub fn draft(cx: &Cx<'_>, kind: MessageKind) -> Item {
    Item::Draft(Box::new(cx.draft(kind)))
}

fn with_hint(mut f: FieldVm, hint: &str) -> FieldVm {
    f.hint = Some(hint.to_string());
    f
}

fn acknowledge(cx: &Cx<'_>, s: &Escalation) -> Vec<SectionVm> {
    let due = s
        .opened
        .as_ref()
        .map(|o| o.reached_csm_at + chrono::TimeDelta::hours(2));
    let hint = match due {
        Some(d) if d <= cx.now => format!("The acknowledgment is overdue by {}: send it now. Acknowledge before you explain.", human_duration((cx.now - d).num_milliseconds())),
        Some(d) => format!("Due in {}. Acknowledge before you explain: customers escalate because they feel unheard.", human_duration((d - cx.now).num_milliseconds())),
        None => String::new(),
    };
    let zone = cx.customer_zone();
    vec![SectionVm {
        class: "form",
        items: vec![
            text(hint, "hint"),
            Item::Field(cx.field(
                Field::AckImpact,
                "Their impact, in their words",
                FieldKind::Text,
            )),
            Item::Field(with_hint(
                cx.field(
                    Field::AckPromised,
                    &format!("First status update promised by (customer's time, {zone})"),
                    FieldKind::DateTime,
                ),
                "A specific time: “by 3:30 PM CST today”, never “soon”.",
            )),
            super::steps::draft(cx, MessageKind::Acknowledgment),
        ],
        submit: Some(Action::MarkSent(MessageKind::Acknowledgment)),
        ..SectionVm::default()
    }]
}

fn triage(cx: &Cx<'_>, s: &Escalation) -> Vec<SectionVm> {
    let mut items = vec![text("Within 30 minutes of the acknowledgment. The last question matters most: does the customer want acknowledgment, a fix, or accountability?", "hint")];
    for (key, question) in TRIAGE_QUESTIONS.iter() {
        let f = Field::Triage(*key);
        items.push(Item::Field(match key {
            TriageKey::CauseKind => cx.select(f, question, RootCause::options(Some("Choose…"))),
            TriageKey::DesiredOutcome => {
                cx.select(f, question, DesiredOutcome::options(Some("Choose…")))
            }
            _ => cx.field(f, question, FieldKind::Area(2)),
        }));
    }
    items.push(Item::Field(cx.field(
        Field::TriageExecutive,
        "Executive-level escalation",
        FieldKind::Check,
    )));
    items.push(Item::Field(cx.field(
        Field::TriageOutage,
        "Product outage or data problem (loop in support / engineering immediately)",
        FieldKind::Check,
    )));
    items.push(Item::Buttons(vec![
        cx.button(Action::SaveTriage, "Save answers", false),
        cx.button(Action::CompleteTriage, "Triage complete", true),
    ]));
    let mut sections = vec![SectionVm {
        class: "form",
        items,
        submit: Some(Action::SaveTriage),
        ..SectionVm::default()
    }];
    let outage =
        !cx.value(Field::TriageOutage).trim().is_empty() || s.triage.outage_or_data_problem;
    if outage {
        sections.push(loop_in(cx, s));
    }
    sections
}

fn loop_in(cx: &Cx<'_>, s: &Escalation) -> SectionVm {
    let done = s
        .engineering_looped_in_at
        .map(|t| format!("Looped in {}.", cx.time(t)));
    SectionVm {
        heading: Some("Loop in support / engineering now".into()),
        class: "loop-in",
        items: vec![
            text(done.unwrap_or_else(|| "An outage or data problem: engineering hears it from you before the customer asks again.".into()), "hint"),
            draft(cx, MessageKind::EngineeringLoopIn),
        ],
        ..SectionVm::default()
    }
}

fn dri(cx: &Cx<'_>, s: &Escalation) -> Vec<SectionVm> {
    let rec = form::recommendation(s, cx.now);
    let assigned = s.dri.is_some();
    let mut items = vec![
        text("One named person owns resolution. Not a team.", "hint"),
        Item::Text {
            text: format!("Recommended: {}", rec.reason),
            class: "recommendation",
            testid: Some("dri-recommendation"),
        },
        Item::Field(cx.field(Field::DriName, "DRI (one person's name)", FieldKind::Text)),
        Item::Field(cx.select(Field::DriRole, "Role", DriRole::options(None))),
        Item::Field(cx.field(
            Field::DriContact,
            "How the customer reaches them directly (optional)",
            FieldKind::Text,
        )),
    ];
    if assigned {
        items.push(Item::Field(with_hint(
            cx.field(
                Field::DriReason,
                "Reason for a change of DRI",
                FieldKind::Text,
            ),
            "Only when someone else takes over: the change is recorded with its reason.",
        )));
    }
    items.push(Item::Buttons(vec![cx.button(
        Action::AssignDri,
        if assigned { "Change DRI" } else { "Assign DRI" },
        true,
    )]));
    let mut sections = vec![SectionVm {
        class: "form",
        items,
        submit: Some(Action::AssignDri),
        ..SectionVm::default()
    }];
    if assigned {
        sections.push(SectionVm {
            heading: Some("Announce the DRI to the customer".into()),
            class: "announce",
            items: vec![draft(cx, MessageKind::DriAnnouncement)],
            ..SectionVm::default()
        });
    }
    sections
}

fn cadence(cx: &Cx<'_>, s: &Escalation) -> Vec<SectionVm> {
    let zone = cx.customer_zone();
    let last = s.updates.last().map(|u| {
        format!(
            "Last update sent {}. Today's update starts fresh.",
            cx.time(u.at)
        )
    });
    let items = vec![
        text(last.unwrap_or_else(|| "One update every day, even with no news: silence is the fastest way to re-escalate.".into()), "hint"),
        Item::Field(cx.field(Field::UpdateNoNews, "No new resolution today (send the honest no-news update)", FieldKind::Check)),
        Item::Field(cx.select(Field::UpdateStatus, "Status", UpdateStatus::options(None))),
        Item::Field(cx.field(Field::UpdateToday, "What happened today (1–2 sentences)", FieldKind::Area(2))),
        Item::Field(cx.field(Field::UpdateNextStep, "What is happening next", FieldKind::Text)),
        Item::Field(cx.field(Field::UpdateNextOwner, "Owner of the next step", FieldKind::Text)),
        Item::Field(cx.field(Field::UpdateNextDate, "Next step date", FieldKind::Date)),
        Item::Field(cx.field(Field::UpdateEta, "ETA for resolution (leave empty if you don't have one)", FieldKind::Date)),
        Item::Field(cx.field(Field::UpdateEtaConfirmed, "The ETA is confirmed by the people who control the fix", FieldKind::Check)),
        Item::Field(cx.field(Field::UpdateEtaWhy, "No ETA yet: here's why", FieldKind::Text)),
        Item::Field(cx.field(Field::UpdateQuestions, "Questions for the customer (one per line)", FieldKind::Area(2))),
        Item::Field(cx.field(Field::UpdateNextUpdate, &format!("Next update by (customer's time, {zone})"), FieldKind::DateTime)),
        draft(cx, MessageKind::DailyUpdate),
    ];
    let resolved = s.resolution.is_some();
    let mut resolve_items = vec![
        Item::Field(
            cx.select(
                Field::ResolveRootCause,
                "Root cause",
                // At resolution the cause is known: "not known yet" is a triage answer.
                RootCause::options(Some("Choose…"))
                    .into_iter()
                    .filter(|(v, _)| v != "unknown")
                    .collect(),
            ),
        ),
        Item::Field(cx.field(
            Field::ResolveBugLink,
            "Bug report or roadmap link (required for a product defect)",
            FieldKind::Url,
        )),
    ];
    if !resolved {
        resolve_items.push(Item::Buttons(vec![cx.button(
            Action::Resolve,
            "Mark resolved",
            false,
        )]));
    }
    vec![
        SectionVm {
            class: "form",
            items,
            submit: Some(Action::MarkSent(MessageKind::DailyUpdate)),
            ..SectionVm::default()
        },
        SectionVm {
            heading: Some(if resolved {
                "Resolved".into()
            } else {
                "When it is resolved".into()
            }),
            class: "resolve",
            items: resolve_items,
            submit: (!resolved).then_some(Action::Resolve),
            ..SectionVm::default()
        },
    ]
}

/// The DRI as the header shows it.
pub fn dri_line(s: &Escalation) -> String {
    s.dri
        .as_ref()
        .map(|d| format!("{} ({})", d.name, d.role.label()))
        .unwrap_or_else(|| "not named yet".into())
}

pub fn severity(cx: &Cx<'_>, s: &Escalation) -> (String, String) {
    let sev = engine::escalation_severity(s, cx.now, &super::view::config(cx.m).severity);
    (crate::present::kebab(&sev.level), sev.reason)
}
