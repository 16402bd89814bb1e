//! Reading `EventBody` (tagged `type`) by hand through `crate::json`:
//! the tag taken out of the object, then the variant's fields read with
//! `read_struct!`, with the names, defaults and errors serde's derived
//! reader gave (no `Content` buffer, no visitor per variant). Keep it in
//! step with the enum: the round-trip tests of every event kind fail
//! otherwise, and the test below compares it with the derived reader it
//! replaced.

use serde_json::Value;

use super::event::{EventBody, FactCorrection, Opened, StatusUpdate, TriageAnswer};
use crate::json::FromValue;

/// The variant names, in declaration order (serde's "expected one of").
const VARIANTS: &[&str] = &[
    "opened",
    "ack-sent",
    "engineering-looped-in",
    "triage-answer",
    "triage-completed",
    "dri-assigned",
    "update-sent",
    "resolved",
    "closeout-sent",
    "restoration-step-done",
    "restoration-step-waived",
    "fact-corrected",
    "note",
    "reopened",
    "closed",
];

impl FromValue for EventBody {
    fn from_value(value: Value) -> Result<Self, serde_json::Error> {
        let (kind, rest) = crate::json::tagged(value, "type")?;
        let fields = |rest: Value| crate::json::object(rest, "struct variant");
        Ok(match kind.as_str() {
            "opened" => EventBody::Opened(Opened::from_value(rest)?),
            "ack-sent" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::AckSent {
                    text: "text",
                    promised_update_at: "promisedUpdateAt",
                })
            }
            "engineering-looped-in" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::EngineeringLoopedIn {
                    detail: "detail" default,
                })
            }
            "triage-answer" => EventBody::TriageAnswer(TriageAnswer::from_value(rest)?),
            "triage-completed" => EventBody::TriageCompleted {},
            "dri-assigned" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::DriAssigned {
                    name: "name",
                    role: "role",
                })
            }
            "update-sent" => EventBody::UpdateSent(StatusUpdate::from_value(rest)?),
            "resolved" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::Resolved {
                    root_cause: "rootCause",
                    bug_link: "bugLink" default,
                })
            }
            "closeout-sent" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::CloseoutSent {
                    text: "text" default,
                })
            }
            "restoration-step-done" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::RestorationStepDone {
                    step: "step",
                    note: "note" default,
                })
            }
            "restoration-step-waived" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::RestorationStepWaived {
                    step: "step",
                    reason: "reason",
                })
            }
            "fact-corrected" => EventBody::FactCorrected(FactCorrection::from_value(rest)?),
            "note" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::Note { text: "text" })
            }
            "reopened" => {
                let map = fields(rest)?;
                crate::read_struct!(@fields map, EventBody::Reopened {
                    reason: "reason" default,
                })
            }
            "closed" => EventBody::Closed {},
            _ => {
                return Err(<serde_json::Error as serde::de::Error>::unknown_variant(
                    &kind, VARIANTS,
                ))
            }
        })
    }
}

crate::thin_deserialize!(EventBody);

#[cfg(test)]
mod tests {
    use super::super::event::{DriRole, RestorationStep};
    use super::*;

    /// The derived reader this file replaced, kept as the reference.
    mod old {
        use crate::engine::event::{
            DriRole, EventBody, FactCorrection, Opened, RestorationStep, StatusUpdate, TriageAnswer,
        };
        use crate::engine::RootCause;
        use chrono::{DateTime, Utc};
        use serde::Deserialize;

        #[derive(Deserialize)]
        #[serde(rename_all = "kebab-case", rename_all_fields = "camelCase")]
        pub(super) enum Wire {
            Opened(Opened),
            AckSent {
                text: String,
                promised_update_at: DateTime<Utc>,
            },
            EngineeringLoopedIn {
                #[serde(default)]
                detail: String,
            },
            TriageAnswer(TriageAnswer),
            TriageCompleted {},
            DriAssigned {
                name: String,
                role: DriRole,
            },
            UpdateSent(StatusUpdate),
            Resolved {
                root_cause: RootCause,
                #[serde(default)]
                bug_link: Option<String>,
            },
            CloseoutSent {
                #[serde(default)]
                text: String,
            },
            RestorationStepDone {
                step: RestorationStep,
                #[serde(default)]
                note: String,
            },
            RestorationStepWaived {
                step: RestorationStep,
                reason: String,
            },
            FactCorrected(FactCorrection),
            Note {
                text: String,
            },
            Reopened {
                #[serde(default)]
                reason: String,
            },
            Closed {},
        }

        impl Wire {
            /// The body the old reader made, as text (for comparison).
            pub(super) fn body(self) -> EventBody {
                match self {
                    Wire::Opened(o) => EventBody::Opened(o),
                    Wire::AckSent {
                        text,
                        promised_update_at,
                    } => EventBody::AckSent {
                        text,
                        promised_update_at,
                    },
                    Wire::EngineeringLoopedIn { detail } => {
                        EventBody::EngineeringLoopedIn { detail }
                    }
                    Wire::TriageAnswer(a) => EventBody::TriageAnswer(a),
                    Wire::TriageCompleted {} => EventBody::TriageCompleted {},
                    Wire::DriAssigned { name, role } => EventBody::DriAssigned { name, role },
                    Wire::UpdateSent(u) => EventBody::UpdateSent(u),
                    Wire::Resolved {
                        root_cause,
                        bug_link,
                    } => EventBody::Resolved {
                        root_cause,
                        bug_link,
                    },
                    Wire::CloseoutSent { text } => EventBody::CloseoutSent { text },
                    Wire::RestorationStepDone { step, note } => {
                        EventBody::RestorationStepDone { step, note }
                    }
                    Wire::RestorationStepWaived { step, reason } => {
                        EventBody::RestorationStepWaived { step, reason }
                    }
                    Wire::FactCorrected(c) => EventBody::FactCorrected(c),
                    Wire::Note { text } => EventBody::Note { text },
                    Wire::Reopened { reason } => EventBody::Reopened { reason },
                    Wire::Closed {} => EventBody::Closed {},
                }
            }
        }
    }

    fn read(json: &str) -> Result<EventBody, String> {
        serde_json::from_str::<EventBody>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_the_internally_tagged_format_and_ignores_unknown_fields() {
        assert!(matches!(
            read(r#"{"type":"closed"}"#),
            Ok(EventBody::Closed {})
        ));
        assert!(matches!(
            read(r#"{"extra":1,"text":"hi","type":"note"}"#),
            Ok(EventBody::Note { text }) if text == "hi"
        ));
        assert!(matches!(
            read(r#"{"type":"restoration-step-done","step":"prevention-follow-up"}"#),
            Ok(EventBody::RestorationStepDone { step: RestorationStep::PreventionFollowUp, note }) if note.is_empty()
        ));
        let body = EventBody::DriAssigned {
            name: "Ann Lee".into(),
            role: DriRole::CsManager,
        };
        let text = serde_json::to_string(&body).unwrap_or_default();
        assert!(text.starts_with(r#"{"type":"dri-assigned""#), "{text}");
        assert_eq!(read(&text), Ok(body));
    }

    #[test]
    fn errors_name_the_missing_field_or_the_unknown_variant() {
        let missing = read(r#"{"type":"dri-assigned","name":"Ann"}"#);
        assert!(
            matches!(&missing, Err(e) if e.starts_with("missing field `role`")),
            "{missing:?}"
        );
        let unknown = read(r#"{"type":"shipped"}"#);
        assert!(
            matches!(&unknown, Err(e) if e.starts_with("unknown variant `shipped`, expected one of `opened`")),
            "{unknown:?}"
        );
        let untyped = read(r#"{"text":"hi"}"#);
        assert!(
            matches!(&untyped, Err(e) if e.starts_with("missing field `type`")),
            "{untyped:?}"
        );
        let wrong = read(r#"{"type":"note","text":5}"#);
        assert!(
            matches!(&wrong, Err(e) if e.starts_with("invalid type: integer `5`, expected a string")),
            "{wrong:?}"
        );
    }

    #[test]
    fn reads_and_fails_like_the_derived_reader_it_replaced() {
        let at = "2026-03-02T09:00:00Z";
        let cases = [
            serde_json::json!({"type": "opened", "account": "Acme", "reachedCsmAt": at,
                "customerZone": "UTC", "csmZone": "UTC", "csmName": "Ann", "arr": null}),
            serde_json::json!({"type": "opened", "account": "Acme"}),
            serde_json::json!({"type": "ack-sent", "text": "hi", "promisedUpdateAt": at}),
            serde_json::json!({"type": "ack-sent", "text": "hi", "promisedUpdateAt": "soon"}),
            serde_json::json!({"type": "ack-sent", "promisedUpdateAt": at}),
            serde_json::json!({"type": "engineering-looped-in"}),
            serde_json::json!({"type": "engineering-looped-in", "detail": null}),
            serde_json::json!({"type": "triage-answer", "question": "impact", "answer": "x",
                "causeKind": "product-bug"}),
            serde_json::json!({"type": "triage-answer", "question": "why", "answer": "x"}),
            serde_json::json!({"type": "triage-completed", "extra": 1}),
            serde_json::json!({"type": "dri-assigned", "name": "Ann", "role": "cs-manager"}),
            serde_json::json!({"type": "dri-assigned", "name": "Ann", "role": "boss"}),
            serde_json::json!({"type": "update-sent", "status": "resolved",
                "whatHappenedToday": "a", "whatHappensNext": "b", "eta": "c"}),
            serde_json::json!({"type": "update-sent", "status": "done"}),
            serde_json::json!({"type": "resolved", "rootCause": "other", "bugLink": "u"}),
            serde_json::json!({"type": "resolved", "bugLink": 3}),
            serde_json::json!({"type": "closeout-sent"}),
            serde_json::json!({"type": "restoration-step-done", "step": "health-score-reassessment"}),
            serde_json::json!({"type": "restoration-step-waived", "step": "prevention-follow-up"}),
            serde_json::json!({"type": "fact-corrected", "renewal": "2027-01-31"}),
            serde_json::json!({"type": "fact-corrected", "renewal": "next year"}),
            serde_json::json!({"type": "note", "text": ["x"]}),
            serde_json::json!({"type": "reopened", "reason": "again"}),
            serde_json::json!({"type": "closed"}),
            serde_json::json!({"type": "shipped"}),
            serde_json::json!({"type": 4}),
            serde_json::json!({"type": null}),
            serde_json::json!({"text": "hi"}),
            serde_json::json!("note"),
            serde_json::json!([{"type": "closed"}]),
            serde_json::json!(null),
        ];
        for case in cases {
            let ours =
                crate::json::from_value::<EventBody>(case.clone()).map_err(|e| e.to_string());
            let theirs = crate::json::internally_tagged::<_, old::Wire>(
                crate::json::ValueReader(case.clone()),
                "type",
            )
            .map(old::Wire::body)
            .map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{case}");
        }
    }
}
