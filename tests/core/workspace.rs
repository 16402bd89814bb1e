//! Scenario tests for `defuse::workspace`: storage records in, escalations,
//! reminders and exports out.

use chrono::{DateTime, Utc};
use defuse::engine::*;
use defuse::workspace::*;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn event(esc: &str, id: &str, at: &str, body: EventBody) -> Event {
    Event {
        id: id.into(),
        escalation: esc.into(),
        at: t(at),
        body,
    }
}

fn opened(account: &str, reached: &str) -> EventBody {
    EventBody::Opened(Opened {
        account: account.into(),
        arr: None,
        renewal: None,
        crm_url: Some(crm_url(account)),
        reached_csm_at: t(reached),
        customer_zone: "UTC".into(),
        csm_zone: "UTC".into(),
        csm_name: "Ana Lima".into(),
    })
}

/// A record page on a supported CRM's host.
fn crm_url(account: &str) -> String {
    format!(
        "https://acme.lightning.force.com/lightning/r/Account/{}/view",
        account.replace(' ', "-")
    )
}

fn records(events: &[Event]) -> Vec<(String, String)> {
    events
        .iter()
        .map(|e| (storage_key(e), encode_record(e)))
        .collect()
}

fn workspace(recs: &[(String, String)]) -> Workspace {
    Workspace::from_records(recs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

#[test]
fn reads_records_and_quarantines_what_it_cannot_read() {
    let mut recs = records(&[event(
        "a",
        "1",
        "2026-11-27T08:00:00Z",
        opened("Globex", "2026-11-27T08:00:00Z"),
    )]);
    recs.push(("defuse:ev:a:2".into(), "{not json".into()));
    recs.push(("defuse:ev:a:3".into(), r#"{"v":99,"id":"3"}"#.into()));
    recs.push(("defuse:draft:a:ack".into(), "typed text".into()));
    let ws = workspace(&recs);
    assert_eq!(ws.escalations().len(), 1);
    assert_eq!(ws.quarantined.len(), 2);
    assert_eq!(ws.quarantined[0].key, "defuse:ev:a:2");
    assert!(!ws.quarantined[0].newer_version);
    assert!(ws.quarantined[1].newer_version);
}

#[test]
fn the_alarm_plan_has_a_due_soon_and_a_due_alarm_per_open_deadline() {
    let recs = records(&[event(
        "a",
        "1",
        "2026-11-27T08:00:00Z",
        opened("Globex", "2026-11-27T08:00:00Z"),
    )]);
    let ws = workspace(&recs);
    let plan = alarm_plan(&ws, t("2026-11-27T08:10:00Z"), &UtcOnly, &Config::default());
    let got: Vec<(String, ReminderPhase)> = plan
        .iter()
        .map(|r| (r.when.to_rfc3339(), r.phase))
        .collect();
    // Ack due 2 h after it reached the CSM; due soon 30 min before (standard account).
    assert_eq!(
        got,
        vec![
            (
                "2026-11-27T09:30:00+00:00".to_string(),
                ReminderPhase::DueSoon
            ),
            ("2026-11-27T10:00:00+00:00".to_string(), ReminderPhase::Due),
        ]
    );
    assert_eq!(plan[0].title, "Globex: due soon");
    assert_eq!(
        plan[0].message,
        "Send the acknowledgment by 10:00 AM (UTC)."
    );
    assert_eq!(plan[0].crm_url.as_deref(), Some(crm_url("Globex").as_str()));
    // Same deadline, same names: re-arming is idempotent.
    let again = alarm_plan(&ws, t("2026-11-27T08:20:00Z"), &UtcOnly, &Config::default());
    assert_eq!(
        plan.iter().map(|r| &r.name).collect::<Vec<_>>(),
        again.iter().map(|r| &r.name).collect::<Vec<_>>()
    );
    // After the due time nothing is left to arm, and the badge counts it.
    let late = t("2026-11-27T10:01:00Z");
    assert!(alarm_plan(&ws, late, &UtcOnly, &Config::default()).is_empty());
    assert_eq!(badge_count(&ws, late, &UtcOnly, &Config::default()), 1);
}

#[test]
fn summaries_put_overdue_escalations_first() {
    let recs = records(&[
        event(
            "a",
            "1",
            "2026-11-27T08:00:00Z",
            opened("Calm Co", "2026-11-27T09:00:00Z"),
        ),
        event(
            "b",
            "2",
            "2026-11-27T06:00:00Z",
            opened("Late Co", "2026-11-27T06:00:00Z"),
        ),
    ]);
    let ws = workspace(&recs);
    let list = summaries(&ws, t("2026-11-27T09:00:00Z"), &UtcOnly, &Config::default());
    assert_eq!(
        list.iter().map(|s| s.account.as_str()).collect::<Vec<_>>(),
        vec!["Late Co", "Calm Co"]
    );
    assert_eq!(list[0].overdue, 1);
    assert_eq!(list[0].next.kind, ActionKind::SendAcknowledgment);
}

#[test]
fn export_then_import_gives_the_same_events_and_importing_twice_changes_nothing() {
    let events = vec![
        event(
            "a",
            "1",
            "2026-11-27T08:00:00Z",
            opened("Globex", "2026-11-27T08:00:00Z"),
        ),
        event(
            "a",
            "2",
            "2026-11-27T08:30:00Z",
            EventBody::Note {
                text: "Called Dana".into(),
            },
        ),
    ];
    let file = export_json(&events, t("2026-11-27T12:00:00Z"));
    let (back, unreadable) = import_json(&file).unwrap();
    assert_eq!(unreadable, 0);
    assert_eq!(back, events);
    let mut ws = Workspace::default();
    ws.add_all(&back);
    ws.add_all(&back);
    assert_eq!(ws.all_events(), events);
}

#[test]
fn import_errors_say_what_is_wrong_and_that_nothing_was_imported() {
    assert_eq!(
        import_json("{}").unwrap_err().to_string(),
        "This JSON file is not a Defuse export. Nothing was imported."
    );
    assert_eq!(
        import_json(r#"{"format":"defuse-export","version":7,"records":[]}"#).unwrap_err().to_string(),
        "This export was made by a newer Defuse (format 7). Update Defuse, then import it again. Nothing was imported."
    );
    assert_eq!(
        import_json(r#"{"format":"defuse-export","version":1,"records":[{"v":1}]}"#)
            .unwrap_err()
            .to_string(),
        "None of the 1 records in this file could be read. Nothing was imported."
    );
    assert!(import_json("nope")
        .unwrap_err()
        .to_string()
        .starts_with("This file is not valid JSON ("));
}

// Hostile files, honest reports and safe reminder links: see workspace/import.rs.
pub mod fold;
mod import;
mod index;
