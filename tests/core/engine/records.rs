//! Stored records on a fake clock: round trips, old versions, typed errors for
//! unreadable records, merging two devices' logs, and the JS API's kebab-case names.

use super::*;

// ---------------------------------------------------------------- records and merge

#[test]
fn records_round_trip_and_old_versions_load() {
    let log = acknowledged_and_triaged();
    for event in &log.events {
        let text = encode_record(event);
        assert!(text.contains("\"v\":1"));
        assert_eq!(&decode_record(&text).unwrap(), event);
    }
    assert_eq!(storage_key(&log.events[0]), "defuse:ev:esc-1:e000");

    let v1 = r#"{"v":1,"id":"a1","escalation":"esc-9","at":"2026-03-02T08:05:00Z",
        "body":{"type":"opened","account":"Initech","arr":{"cents":50000000,"currency":"EUR"},
        "renewal":"2026-09-30","crmUrl":null,"reachedCsmAt":"2026-03-02T08:00:00Z",
        "customerZone":"Europe/Berlin","csmZone":"Europe/Berlin","csmName":"Ana Lima"}}"#;
    let event = decode_record(v1).unwrap();
    assert_eq!(event.escalation, "esc-9");
    match event.body {
        EventBody::Opened(o) => {
            assert_eq!(o.account, "Initech");
            assert_eq!(o.arr.unwrap().cents, 50_000_000);
            assert_eq!(o.renewal, Some(date("2026-09-30")));
        }
        other => panic!("unexpected body {other:?}"),
    }
    let step = r#"{"v":1,"id":"a2","escalation":"esc-9","at":"2026-03-02T08:05:00Z",
        "body":{"type":"restoration-step-waived","step":"prevention-follow-up","reason":"n/a"}}"#;
    assert!(decode_record(step).is_ok());
    let unversioned = r#"{"id":"a3","escalation":"esc-9","at":"2026-03-02T08:05:00Z","body":{"type":"triage-completed"}}"#;
    assert_eq!(
        decode_record(unversioned).unwrap().body,
        EventBody::TriageCompleted {}
    );
}

#[test]
fn unreadable_records_are_typed_errors() {
    let newer = r#"{"v":7,"id":"a1","escalation":"e","at":"2026-03-02T08:05:00Z","body":{"type":"hologram"}}"#;
    assert_eq!(decode_record(newer), Err(RecordError::NewerVersion(7)));
    assert_eq!(
        RecordError::NewerVersion(7).to_string(),
        "This record was made by a newer Defuse (format 7). Update Defuse to read it; it is kept as it is."
    );
    assert!(matches!(
        decode_record("{not json"),
        Err(RecordError::Corrupt(_))
    ));
    assert!(matches!(
        decode_record("[1,2]"),
        Err(RecordError::Corrupt(_))
    ));
    assert_eq!(
        decode_record(
            r#"{"v":1,"escalation":"e","at":"2026-03-02T08:05:00Z","body":{"type":"note","text":"x"}}"#
        ),
        Err(RecordError::MissingField("id".into()))
    );
    assert_eq!(
        RecordError::MissingField("id".into()).to_string(),
        "This saved record lacks its “id” field and cannot be read. It is kept aside, not deleted."
    );
    assert!(matches!(
        decode_record(
            r#"{"v":1,"id":"a","escalation":"e","at":"2026-03-02T08:05:00Z","body":{"type":"hologram"}}"#
        ),
        Err(RecordError::Invalid(_))
    ));
    assert!(matches!(
        decode_record(r#"{"v":"one","id":"a"}"#),
        Err(RecordError::Invalid(_))
    ));
}

#[test]
fn merging_two_devices_logs_gives_one_state() {
    let log = acknowledged_and_triaged();
    let (a, b): (Vec<Event>, Vec<Event>) = log
        .events
        .iter()
        .cloned()
        .partition(|e| e.id.ends_with(['0', '2', '4', '6', '8']));
    let merged = merge(&b, &a);
    assert_eq!(merged.len(), log.events.len());
    assert_eq!(fold(&merged), log.state());
    assert_eq!(merge(&merged, &a), merged);
}

#[test]
fn serialized_names_are_kebab_case_for_the_js_api() {
    let json = serde_json::to_string(&ack("2026-03-02T15:00:00Z")).unwrap();
    assert_eq!(
        json,
        r#"{"type":"ack-sent","text":"Globex team - I hear you.","promisedUpdateAt":"2026-03-02T15:00:00Z"}"#
    );
    assert_eq!(
        serde_json::to_string(&step_done(RestorationStep::HealthScoreReassessment)).unwrap(),
        r#"{"type":"restoration-step-done","step":"health-score-reassessment","note":""}"#
    );
    assert_eq!(
        serde_json::to_string(&Stage::CloseOut).unwrap(),
        "\"close-out\""
    );
    assert_eq!(
        serde_json::to_string(&K::DailyUpdate).unwrap(),
        "\"daily-update\""
    );
    assert_eq!(serde_json::to_string(&S::DueSoon).unwrap(), "\"due-soon\"");
}

// Cadence after promises, summarised silences, hostile logs: see engine/cadence.rs.
