//! The parts around the steps: header (account facts), the opening form,
//! close-out and restoration steps, timeline with notes and corrections,
//! and the tools (settings, export, import).

use super::steps::{draft, dri_line, severity};
use super::view::{text, Cx};
use super::vm::*;
use super::{Action, Field};
use crate::account::ArrBasis;
use crate::engine::{timeline as tl, Escalation, EventBody, RestorationStep, Stage};
use crate::messages::MessageKind;
use crate::present::kebab;

fn source(label: &str, crm: &str, kind: &str) -> String {
    format!("Read from “{label}” ({crm}, {kind})")
}

/// "Read $ as USD — change?" for an amount whose currency the reader
/// assumed from a bare symbol; `None` when the page named it.
pub fn currency_assumed(m: &crate::account::Money) -> Option<String> {
    if !m.currency_assumed {
        return None;
    }
    let code = m.currency.as_deref()?;
    let symbol = match code {
        "JPY" | "CNY" => "¥",
        "GBP" => "£",
        "EUR" => "€",
        "INR" => "₹",
        "KRW" => "₩",
        c if c.ends_with('D') || c == "MXN" || c == "CLP" || c == "COP" || c == "ARS" => "$",
        _ => code,
    };
    Some(format!("Read {symbol} as {code} — change?"))
}

pub fn header(cx: &Cx<'_>) -> HeaderVm {
    let facts = &cx.m.facts;
    let opened = cx.state.as_ref().and_then(|s| s.opened.as_ref());
    let recorded = "Recorded when the escalation was opened (or corrected since)".to_string();
    let name = match opened {
        Some(o) => Some((o.account.clone(), "From the escalation record".to_string())),
        None => facts.name.as_ref().map(|f| {
            (
                f.value.clone(),
                source(&f.source.label, &f.source.crm, &f.source.kind),
            )
        }),
    };
    let arr = match opened {
        Some(o) => o.arr.clone().map(|m| (m, recorded.clone())),
        None => facts.arr.as_ref().map(|f| {
            let basis = match facts.arr_basis {
                Some(ArrBasis::MrrTimesTwelve) => " — derived: MRR × 12",
                Some(ArrBasis::CompanyAnnualRevenue) => {
                    " — the company's annual revenue, not ARR: check it"
                }
                Some(ArrBasis::ContractValue) => " — contract value",
                _ => "",
            };
            (
                f.value.clone(),
                format!(
                    "{}{basis}",
                    source(&f.source.label, &f.source.crm, &f.source.kind)
                ),
            )
        }),
    }
    .map(|(m, src)| ArrVm {
        amount: m.to_decimal_string(),
        currency: m.currency.clone(),
        text: m.describe(),
        source: src,
        change: currency_assumed(&m).map(|label| {
            let mut b = cx.button(Action::ChangeCurrency, &label, false);
            b.testid = Some("arr-currency-assumed");
            b
        }),
    });
    let renewal = match opened {
        Some(o) => o.renewal.map(|d| (d, recorded.clone())),
        None => facts.renewal.as_ref().map(|f| {
            (
                f.value,
                source(&f.source.label, &f.source.crm, &f.source.kind),
            )
        }),
    }
    .map(|(d, src)| {
        let days = (d - cx.now.date_naive()).num_days();
        let left = if days >= 0 {
            format!(" · {days} days left")
        } else {
            format!(" · {} days ago", -days)
        };
        RenewalVm {
            date: d.to_string(),
            text: format!("{}{left}", crate::account::date::describe(d)),
            source: src,
        }
    });
    // No name yet because the page has not answered: "reading", not "none".
    let reading = name.is_none() && cx.m.snapshot.is_none() && cx.m.page_problem.is_none();
    HeaderVm {
        name,
        reading,
        arr,
        renewal,
        severity: cx.state.as_ref().map(|s| severity(cx, s)),
        dri: cx.state.as_ref().map(dri_line),
        problems: if cx.state.is_none() {
            facts.problems.iter().map(|p| p.message()).collect()
        } else {
            vec![]
        },
    }
}

pub fn open_form(cx: &Cx<'_>) -> SectionVm {
    let f = |field: Field, label: &str, kind: FieldKind| Item::Field(cx.field(field, label, kind));
    let mut items = vec![
        text("Customers escalate because they feel unheard. The acknowledgment is due 2 hours after this reached you.", "hint"),
        f(Field::OpenAccount, "Customer", FieldKind::Text),
    ];
    let mut arr = cx.field(Field::OpenArr, "ARR", FieldKind::Text);
    arr.hint = Some("As the CRM writes it, e.g. $1,240,000 or 1.240.000 €".into());
    items.push(Item::Field(arr));
    let alts: Vec<ButtonVm> =
        cx.m.facts
            .alternatives
            .arr
            .iter()
            .enumerate()
            .map(|(i, a)| {
                cx.button(
                    Action::UseArr(i),
                    &format!("Use {} (from “{}”)", a.value.describe(), a.source.label),
                    false,
                )
            })
            .chain(
                cx.m.facts
                    .alternatives
                    .renewal
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        cx.button(
                            Action::UseRenewal(i),
                            &format!("Use {} (from “{}”)", a.value, a.source.label),
                            false,
                        )
                    }),
            )
            .collect();
    if !alts.is_empty() {
        items.push(Item::Buttons(alts));
    }
    items.push(f(Field::OpenRenewal, "Renewal date", FieldKind::Date));
    let mut reached = cx.field(
        Field::OpenReached,
        "When it reached you (your time)",
        FieldKind::DateTime,
    );
    reached.hint = Some(if super::form::reached_from_page(cx.m).is_some() {
        "From the escalation message on the page.".into()
    } else {
        "The time the customer's escalation arrived: the 2-hour clock starts there, not now.".into()
    });
    items.push(Item::Field(reached));
    let mut zone = cx.field(
        Field::OpenCustomerZone,
        "Customer's time zone",
        FieldKind::Text,
    );
    zone.hint = Some(match &cx.m.page_zone {
        Some(_) => "From the page. Messages promise times in the customer's zone.".into(),
        None => {
            "An IANA name such as America/Chicago: messages promise times in the customer's zone."
                .into()
        }
    });
    items.push(Item::Field(zone));
    items.push(f(
        Field::OpenCsmName,
        "Your name (signs every message)",
        FieldKind::Text,
    ));
    items.push(Item::Buttons(vec![cx.button(
        Action::Open,
        "Start the escalation clock",
        true,
    )]));
    SectionVm {
        heading: Some("Start an escalation".into()),
        class: "open",
        items,
        submit: Some(Action::Open),
        ..SectionVm::default()
    }
}

pub fn closeout(cx: &Cx<'_>, _s: &Escalation) -> Vec<SectionVm> {
    let f = |field: Field, label: &str, kind: FieldKind| Item::Field(cx.field(field, label, kind));
    vec![SectionVm {
        class: "form",
        items: vec![
            text("Within 48 hours of resolution. Do not just declare “it's fixed”: the close-out is what prevents the next escalation.", "hint"),
            f(Field::CloseoutIssue, "Issue (1 sentence, in the customer's terms)", FieldKind::Text),
            f(Field::CloseoutImpact, "Impact: who was affected, for how long, what they could not do", FieldKind::Area(2)),
            f(Field::CloseoutRootCause, "Root cause: specific, honest, no jargon", FieldKind::Area(2)),
            f(Field::CloseoutActions, "What we did (one action per line, in order)", FieldKind::Area(3)),
            f(Field::CloseoutPrevention, "What we're doing to prevent recurrence", FieldKind::Area(2)),
            f(Field::CloseoutNext, "What you should expect next", FieldKind::Area(2)),
            f(Field::CloseoutLink, "Bug report or roadmap link", FieldKind::Url),
            draft(cx, MessageKind::Closeout),
        ],
        submit: Some(Action::MarkSent(MessageKind::Closeout)),
        ..SectionVm::default()
    }]
}

fn restoration_fields(cx: &Cx<'_>, step: RestorationStep) -> (MessageKind, Vec<Item>) {
    let f = |field: Field, label: &str, kind: FieldKind| Item::Field(cx.field(field, label, kind));
    let zone = cx.customer_zone();
    match step {
        RestorationStep::ExecutiveRelationshipCall => (
            MessageKind::RestorationExecCall,
            vec![
                f(
                    Field::RestoreCustomerExec,
                    "Customer's executive",
                    FieldKind::Text,
                ),
                f(Field::RestoreOurExec, "Our executive", FieldKind::Text),
                f(Field::RestoreOurExecTitle, "Their title", FieldKind::Text),
                f(
                    Field::RestoreSlot1,
                    &format!("Proposed time 1 (customer's time, {zone})"),
                    FieldKind::DateTime,
                ),
                f(Field::RestoreSlot2, "Proposed time 2", FieldKind::DateTime),
            ],
        ),
        RestorationStep::HealthScoreReassessment => (
            MessageKind::RestorationHealthScore,
            vec![
                f(
                    Field::RestoreScoreBefore,
                    "Health score before",
                    FieldKind::Text,
                ),
                f(
                    Field::RestoreScoreAfter,
                    "Health score now",
                    FieldKind::Text,
                ),
                f(
                    Field::RestoreScoreWhy,
                    "Why it moved (or did not)",
                    FieldKind::Area(2),
                ),
                f(
                    Field::RestoreRisks,
                    "Open risks (optional)",
                    FieldKind::Area(2),
                ),
                f(Field::RestoreNextReview, "Next review", FieldKind::Date),
            ],
        ),
        RestorationStep::PreventionFollowUp => (
            MessageKind::RestorationPreventionFollowUp,
            vec![
                f(
                    Field::CloseoutPreventionItems,
                    "Prevention commitments (one per line)",
                    FieldKind::Area(3),
                ),
                f(
                    Field::RestorePreventionStatus,
                    "Status of each (one per line, same order)",
                    FieldKind::Area(3),
                ),
            ],
        ),
    }
}

pub fn restore(cx: &Cx<'_>, s: &Escalation) -> Vec<SectionVm> {
    let mut sections = vec![SectionVm {
        class: "form",
        items: vec![text("Resolved is not restored. Within 30 days of the close-out: executive relationship call, health score reassessment, and a follow-up that the prevention commitments landed.", "hint")],
        ..SectionVm::default()
    }];
    for p in &s.restoration {
        let status = match (&p.waived_reason, p.done_at) {
            (Some(r), _) => format!("Waived: {r}"),
            (None, Some(_)) => "Done".into(),
            _ => "To do".into(),
        };
        let settled = p.settled() || p.waived_reason.is_some();
        let mut items = Vec::new();
        if !settled && s.closeout_sent_at.is_some() {
            let (kind, fields) = restoration_fields(cx, p.step);
            items.extend(fields);
            items.push(draft(cx, kind));
            items.push(Item::Field(cx.field(
                Field::StepNote(p.step),
                "Note (optional)",
                FieldKind::Text,
            )));
            items.push(Item::Field(cx.field(
                Field::StepReason(p.step),
                "Reason to waive this step",
                FieldKind::Text,
            )));
            items.push(Item::Buttons(vec![
                cx.button(Action::StepDone(p.step), "Mark done", true),
                cx.button(Action::StepWaive(p.step), "Waive with reason", false),
            ]));
        } else if s.closeout_sent_at.is_none() {
            items.push(text("Starts when the close-out document is sent.", "hint"));
        }
        sections.push(SectionVm {
            heading: Some(format!("{} — {status}", p.step.label())),
            testid: Some(format!("restoration-{}", kebab(&p.step))),
            status: Some(if settled { "settled" } else { "open" }),
            class: "restoration-step",
            items,
            submit: (!settled).then_some(Action::StepDone(p.step)),
        });
    }
    let missing = s.missing_for_close();
    let end = if s.stage == Stage::Closed {
        vec![
            Item::Field(cx.field(Field::ReopenReason, "Reason to reopen", FieldKind::Text)),
            Item::Buttons(vec![cx.button(Action::Reopen, "Reopen", false)]),
        ]
    } else if missing.is_empty() {
        vec![Item::Buttons(vec![cx.button(
            Action::Close,
            "Close the escalation",
            true,
        )])]
    } else {
        vec![Item::Text {
            text: format!("Before closing: {}.", missing.join("; ")),
            class: "hint",
            testid: Some("close-blockers"),
        }]
    };
    sections.push(SectionVm {
        class: "form",
        items: end,
        ..SectionVm::default()
    });
    sections
}

/// The body's `type` tag. Through JSON text, not `to_value`: see
/// `engine::encode_record` (one serializer per event type in the wasm).
fn event_type(body: &EventBody) -> String {
    serde_json::to_string(body)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_string))
        .unwrap_or_default()
}

pub fn timeline(cx: &Cx<'_>, s: &Escalation) -> TimelineVm {
    let entries = tl(
        s,
        cx.now,
        &super::Rules(cx.zones),
        &super::view::config(cx.m),
    );
    let entries = entries
        .iter()
        .rev()
        .map(|e| {
            let (kind, class) = match (&e.deadline, &e.event_id) {
                (Some(d), _) => (
                    format!("deadline-{}", kebab(&d.status)),
                    format!("tl deadline {}", kebab(&d.status)),
                ),
                (None, Some(id)) => (
                    s.log
                        .iter()
                        .find(|ev| &ev.id == id)
                        .map(|ev| event_type(&ev.body))
                        .unwrap_or_default(),
                    "tl event".to_string(),
                ),
                _ => (String::new(), "tl".to_string()),
            };
            // Notes and the loop-in stay with the team; a note that records a
            // customer message as sent ("Sent: …") is not internal text.
            let internal =
                kind == "engineering-looped-in" || (kind == "note" && !e.label.contains("Sent: "));
            TimelineEntryVm {
                class: if internal {
                    format!("{class} internal")
                } else {
                    class
                },
                kind,
                datetime: e.at.to_rfc3339(),
                time: cx.time(e.at),
                label: if internal {
                    format!("{} (internal)", e.label)
                } else {
                    e.label.clone()
                },
            }
        })
        .collect();
    let f = |field: Field, label: &str, kind: FieldKind| Item::Field(cx.field(field, label, kind));
    TimelineVm {
        entries,
        note: SectionVm {
            class: "note",
            items: vec![
                f(
                    Field::NoteText,
                    "Add an internal note (never sent to the customer)",
                    FieldKind::Area(2),
                ),
                Item::Buttons(vec![cx.button(Action::AddNote, "Add note", false)]),
            ],
            submit: Some(Action::AddNote),
            ..SectionVm::default()
        },
        corrections: SectionVm {
            heading: Some("Correct a fact".into()),
            class: "corrections",
            items: vec![
                f(Field::FixArr, "Correct ARR", FieldKind::Text),
                f(Field::FixRenewal, "Correct renewal date", FieldKind::Date),
                f(
                    Field::FixReached,
                    "Correct when it reached you (your time)",
                    FieldKind::DateTime,
                ),
                Item::Buttons(vec![cx.button(
                    Action::CorrectFacts,
                    "Save correction",
                    false,
                )]),
            ],
            submit: Some(Action::CorrectFacts),
            ..SectionVm::default()
        },
    }
}

pub fn tools(cx: &Cx<'_>) -> SectionVm {
    SectionVm {
        heading: Some("Settings and data".into()),
        class: "tools",
        items: vec![
            Item::Buttons(vec![ButtonVm {
                label: "Daily updates on the customer's business days only".into(),
                primary: cx.m.settings.business_days,
                ..cx.button(Action::BusinessDays, "", false)
            }]),
            Item::Buttons(vec![
                cx.button(Action::Export, "Export all escalations", false),
                cx.button(Action::Import, "Import…", false),
            ]),
        ],
        ..SectionVm::default()
    }
}
