//! Reading `EventBody` (tagged `type`) without serde's `Content` buffer: an
//! externally tagged mirror with the same variants, names and defaults,
//! read through `crate::json` and mapped onto the real enum. Keep the
//! two in step: the round-trip tests of every event kind fail otherwise.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

use super::event::{
    DriRole, EventBody, FactCorrection, Opened, RestorationStep, StatusUpdate, TriageAnswer,
};
use super::triage::RootCause;

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", rename_all_fields = "camelCase")]
enum Wire {
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

impl<'de> Deserialize<'de> for EventBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(
            match crate::json::internally_tagged::<D, Wire>(d, "type")? {
                Wire::Opened(o) => EventBody::Opened(o),
                Wire::AckSent {
                    text,
                    promised_update_at,
                } => EventBody::AckSent {
                    text,
                    promised_update_at,
                },
                Wire::EngineeringLoopedIn { detail } => EventBody::EngineeringLoopedIn { detail },
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
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
