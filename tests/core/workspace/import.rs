//! Import treats a file as a stranger: it adds only unknown keys, never
//! replaces, refuses ids that could collide, never lets a second `opened`
//! rewrite facts, keeps only CRM links, bounds sizes and reports honestly.
//! The reminder plan never carries another URL.

use super::*;
use serde_json::json;

fn file_of(records: Vec<serde_json::Value>) -> String {
    json!({ "format": "defuse-export", "version": 1, "records": records }).to_string()
}

fn record_of(e: &Event) -> serde_json::Value {
    serde_json::from_str(&encode_record(e)).unwrap()
}

fn note(esc: &str, id: &str, text: &str) -> Event {
    event(
        esc,
        id,
        "2026-11-27T09:00:00Z",
        EventBody::Note { text: text.into() },
    )
}

fn stored() -> Workspace {
    let mut ws = Workspace::default();
    ws.add_all(&[
        event(
            "a",
            "1",
            "2026-11-27T08:00:00Z",
            opened("Globex", "2026-11-27T08:00:00Z"),
        ),
        note("a", "2", "Called Dana"),
    ]);
    ws
}

#[test]
fn a_known_key_is_never_replaced_and_twice_adds_nothing() {
    let ws = stored();
    let file = file_of(vec![
        record_of(&note("a", "2", "Forged text under a known id")),
        record_of(&note("a", "3", "New")),
        record_of(&note("a", "3", "New")),
    ]);
    let plan = import_plan(&file, &ws).unwrap();
    assert_eq!(plan.records.len(), 1);
    assert_eq!(plan.records[0].key, "defuse:ev:a:3");
    assert_eq!(plan.report.already_there, 2);
    // Applying it, then planning again: nothing left to add.
    let mut after = ws.clone();
    after.add_all(
        &plan
            .records
            .iter()
            .map(|r| r.event.clone())
            .collect::<Vec<_>>(),
    );
    let again = import_plan(&file, &after).unwrap();
    assert!(again.records.is_empty());
    assert_eq!(again.report.already_there, 3);
    assert_eq!(
        again.report.summary(),
        "No new events were imported. 3 were already here and left as they were."
    );
    let EventBody::Note { text } = &after.log("a")[1].body else {
        panic!("not a note")
    };
    assert_eq!(text, "Called Dana");
}

#[test]
fn a_quarantined_key_is_not_overwritten_either() {
    let ws = Workspace::from_records([("defuse:ev:a:9", "{damaged")]);
    let plan = import_plan(&file_of(vec![record_of(&note("a", "9", "x"))]), &ws).unwrap();
    assert!(plan.records.is_empty());
    assert_eq!(plan.report.already_there, 1);
}

#[test]
fn ids_that_could_collide_in_a_key_are_refused() {
    let long = "x".repeat(65);
    let file = file_of(vec![
        record_of(&note("a:b", "1", "x")),
        record_of(&note("a", "b:1", "x")),
        record_of(&note("a", &long, "x")),
        record_of(&note("", "1", "x")),
        record_of(&note("a", "fine-1.2_3", "x")),
    ]);
    let plan = import_plan(&file, &Workspace::default()).unwrap();
    let reasons: Vec<String> = plan
        .report
        .skipped
        .iter()
        .map(|s| s.reason.to_string())
        .collect();
    assert_eq!(
        reasons,
        [
            "its escalation id cannot be used: it contains “:”; only letters, digits, “-”, “_” and “.” are allowed",
            "its event id cannot be used: it contains “:”; only letters, digits, “-”, “_” and “.” are allowed",
            "its event id cannot be used: it is 65 characters long (at most 64)",
            "its escalation id cannot be used: it is empty",
        ]
    );
    assert_eq!(plan.records.len(), 1);
    assert_eq!(
        plan.report.clone().saved(1, 0).summary(),
        "Imported 1 new event. 4 records were skipped (record 1: its escalation id cannot be used: it contains “:”; only letters, digits, “-”, “_” and “.” are allowed; and others)."
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Accepted ids never make two different pairs share one storage key.
        #[test]
        fn accepted_ids_map_to_distinct_keys(a in "[a-c:._-]{0,4}", b in "[a-c:._-]{0,4}", c in "[a-c:._-]{0,4}", d in "[a-c:._-]{0,4}") {
            let ok = |s: &str| validate_id(s).is_ok();
            if ok(&a) && ok(&b) && ok(&c) && ok(&d) && (a != c || b != d) {
                prop_assert_ne!(storage_key(&note(&a, &b, "x")), storage_key(&note(&c, &d, "x")));
            }
        }
    }
}

#[test]
fn a_second_opening_never_rewrites_the_facts() {
    let ws = stored();
    let mut forged = Opened {
        account: "Globex".into(),
        arr: None,
        renewal: None,
        crm_url: Some("https://evil.example/login".into()),
        reached_csm_at: t("2020-01-01T00:00:00Z"),
        customer_zone: "UTC".into(),
        csm_zone: "UTC".into(),
        csm_name: "Mallory".into(),
    };
    // Earlier than the real opening, so it would sort first in the fold.
    let file = file_of(vec![record_of(&event(
        "a",
        "0",
        "2020-01-01T00:00:00Z",
        EventBody::Opened(forged.clone()),
    ))]);
    let plan = import_plan(&file, &ws).unwrap();
    assert!(plan.records.is_empty());
    assert_eq!(
        plan.report.skipped[0].reason.to_string(),
        "it would open escalation “a” a second time; the facts of an escalation change only through a correction"
    );
    // A new escalation with two openings in the file keeps the first only.
    forged.crm_url = Some(crm_url("Initech"));
    let file = file_of(vec![
        record_of(&event(
            "n",
            "2",
            "2026-11-27T09:00:00Z",
            EventBody::Opened(forged.clone()),
        )),
        record_of(&event(
            "n",
            "1",
            "2026-11-27T08:00:00Z",
            EventBody::Opened(forged),
        )),
    ]);
    let plan = import_plan(&file, &ws).unwrap();
    assert_eq!(plan.records.len(), 1);
    assert_eq!(plan.records[0].event.id, "1");
    assert_eq!(plan.report.skipped.len(), 1);
    assert_eq!(plan.report.skipped[0].index, 0);
}

#[test]
fn crm_links_are_kept_only_on_crm_hosts() {
    let mut evil = opened("Initech", "2026-11-27T08:00:00Z");
    if let EventBody::Opened(o) = &mut evil {
        o.crm_url = Some("https://evil.example/login".into());
    }
    let file = file_of(vec![
        record_of(&event("n", "1", "2026-11-27T08:00:00Z", evil)),
        record_of(&event(
            "m",
            "1",
            "2026-11-27T08:00:00Z",
            opened("Hooli", "2026-11-27T08:00:00Z"),
        )),
    ]);
    let plan = import_plan(&file, &Workspace::default()).unwrap();
    let urls: Vec<Option<String>> = plan
        .records
        .iter()
        .map(|r| match &r.event.body {
            EventBody::Opened(o) => o.crm_url.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(urls, [None, Some(crm_url("Hooli"))]);
    assert_eq!(plan.report.links_removed, 1);
    assert!(!plan.records[0].text.contains("evil.example"));
    assert_eq!(
        plan.report.clone().saved(1, 1).summary(),
        "Imported 1 new event. 1 could not be saved: storage refused it. Import the file again to retry them. 1 CRM link outside the supported CRMs was removed."
    );
}

#[test]
fn crm_url_check_resists_look_alikes() {
    for good in [
        "https://acme.lightning.force.com/lightning/r/Account/001/view",
        "https://ACME.my.salesforce.com/001",
        "https://app.hubspot.com/contacts/1/company/2",
        "https://org.crm.dynamics.com/main.aspx?etn=account",
        "https://help.zendesk.com:443/agent/tickets/1",
        "HTTPS://mail.google.com/mail/u/0/#inbox",
    ] {
        assert!(is_crm_url(good), "{good}");
    }
    for bad in [
        "https://evil.example/login",
        "https://evil.example/?next=app.hubspot.com",
        "https://app.hubspot.com@evil.example/",
        "https://app.hubspot.com.evil.example/",
        "https://lightning.force.com.evil.example/",
        "https://notzendesk.com/",
        "http://app.hubspot.com/",
        "https://app.hubspot.com:8443/",
        "javascript:alert(1)//app.hubspot.com/",
        "https://app.hubspot.com\\@evil.example/",
        "https://app.hubspot.com /x",
        "http://127.0.0.1:8787/crm/account/1",
        "",
    ] {
        assert!(!is_crm_url(bad), "{bad}");
    }
}

#[test]
fn every_manifest_host_is_a_crm_url_and_only_on_its_paths() {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("manifest.json").unwrap()).unwrap();
    let hosts: Vec<&str> = manifest["host_permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .filter(|h| h.starts_with("https://"))
        .collect();
    assert!(hosts.len() > 5, "{hosts:?}");
    for pattern in hosts {
        let url = pattern
            .replace("://*.", "://acme.")
            .replace('*', "record/1");
        assert!(is_crm_url(&url), "{url}");
    }
    // Zendesk's agent UI only: its help centres share the host.
    assert!(is_crm_url("https://acme.zendesk.com/agent/tickets/9"));
    assert!(!is_crm_url("https://acme.zendesk.com/hc/en-us/articles/1"));
    assert!(!is_crm_url("https://acme.zendesk.com"));
    assert!(!is_crm_url("https://acme.myfreshworks.com/other/1"));
}

#[test]
fn oversized_records_are_skipped_with_their_size() {
    let big = note("a", "7", &"x".repeat(MAX_RECORD_BYTES));
    let file = file_of(vec![record_of(&big), record_of(&note("a", "8", "ok"))]);
    let plan = import_plan(&file, &Workspace::default()).unwrap();
    assert_eq!(plan.records.len(), 1);
    let size = encode_record(&big).len();
    assert_eq!(
        plan.report.skipped[0].reason.to_string(),
        format!("the record is {size} bytes, more than the 65536 an event may take")
    );
}

#[test]
fn the_reminder_plan_never_carries_another_url() {
    let mut evil = opened("Initech", "2026-11-27T08:00:00Z");
    if let EventBody::Opened(o) = &mut evil {
        o.crm_url = Some("https://evil.example/login".into());
    }
    let mut recs = records(&[
        event("n", "1", "2026-11-27T08:00:00Z", evil),
        event(
            "m",
            "1",
            "2026-11-27T08:00:00Z",
            opened("Hooli", "2026-11-27T08:00:00Z"),
        ),
    ]);
    recs.push(("defuse:draft:n:ack".into(), "typing".into()));
    recs.push(("something-else".into(), "[1,2".into()));
    let plan = reminder_plan(
        &recs,
        t("2026-11-27T08:10:00Z"),
        &UtcOnly,
        Default::default(),
    );
    assert_eq!(plan.alarms.len(), 4);
    for r in &plan.alarms {
        match r.escalation.as_str() {
            "n" => assert_eq!(r.crm_url, None),
            _ => assert_eq!(r.crm_url.as_deref(), Some(crm_url("Hooli").as_str())),
        }
    }
    assert_eq!(plan.unreadable, 0);
    let list = summaries(
        &workspace(&recs),
        t("2026-11-27T08:10:00Z"),
        &UtcOnly,
        &Config::default(),
    );
    assert!(list
        .iter()
        .all(|s| s.crm_url.as_deref() != Some("https://evil.example/login")));
}

#[test]
fn the_reminder_plan_reads_business_days_from_the_settings_record() {
    // Opened Friday 20:00; ack Friday 21:00 promising 22:00; first update sent
    // Friday 21:30: the next update would fall on Saturday 21:30.
    let events = [
        event(
            "a",
            "1",
            "2026-11-27T20:00:00Z",
            opened("Globex", "2026-11-27T20:00:00Z"),
        ),
        event(
            "a",
            "2",
            "2026-11-27T21:00:00Z",
            EventBody::AckSent {
                text: "ok".into(),
                promised_update_at: t("2026-11-27T22:00:00Z"),
            },
        ),
    ];
    let mut recs = records(&events);
    let first_due = |recs: &[(String, String)]| {
        reminder_plan(
            recs,
            t("2026-11-27T21:10:00Z"),
            &UtcOnly,
            Default::default(),
        )
        .alarms
        .iter()
        .filter(|r| r.phase == ReminderPhase::Due)
        .map(|r| r.due)
        .max()
    };
    let plain = first_due(&recs);
    recs.push((
        "defuse:settings".into(),
        r#"{"csmName":"Ana","businessDays":true}"#.into(),
    ));
    assert_eq!(
        plain,
        first_due(&recs),
        "the first update keeps its promised time"
    );
    assert!(affects_reminders("defuse:settings"));
    assert!(affects_reminders("defuse:ev:a:1"));
    assert!(!affects_reminders("defuse:draft:a:ack"));
    assert!(!affects_reminders("reminderInfo"));
    // With updates, business days move a weekend update to Monday.
    let mut with_update = events.to_vec();
    with_update.push(event(
        "a",
        "3",
        "2026-11-27T21:30:00Z",
        EventBody::UpdateSent(StatusUpdate {
            status: UpdateStatus::InProgress,
            what_happened_today: "a".into(),
            what_happens_next: "b".into(),
            eta: "c".into(),
            questions: String::new(),
            promised_update_at: None,
        }),
    ));
    let mut recs = records(&with_update);
    let daily = |recs: &[(String, String)]| {
        reminder_plan(
            recs,
            t("2026-11-27T21:40:00Z"),
            &UtcOnly,
            Default::default(),
        )
        .alarms
        .iter()
        .filter(|r| r.kind == DeadlineKind::DailyUpdate && r.phase == ReminderPhase::Due)
        .map(|r| r.due)
        .next()
    };
    assert_eq!(daily(&recs), Some(t("2026-11-28T21:30:00Z")));
    recs.push(("defuse:settings".into(), r#"{"businessDays":true}"#.into()));
    assert_eq!(daily(&recs), Some(t("2026-11-30T21:30:00Z")));
}

#[test]
fn reminders_write_the_due_time_on_the_csms_clock_in_their_locale() {
    let recs = records(&[event(
        "a",
        "1",
        "2026-11-27T08:00:00Z",
        opened("Globex", "2026-11-27T08:00:00Z"),
    )]);
    let now = t("2026-11-27T08:10:00Z");
    let gb = reminder_plan(
        &recs,
        now,
        &UtcOnly,
        defuse::messages::TimeStyle::for_locale("en-GB"),
    );
    assert_eq!(
        gb.alarms[0].message,
        "Send the acknowledgment by 10:00 (UTC)."
    );
    let us = reminder_plan(
        &recs,
        now,
        &UtcOnly,
        defuse::messages::TimeStyle::for_locale("en-US"),
    );
    assert_eq!(
        us.alarms[0].message,
        "Send the acknowledgment by 10:00 AM (UTC)."
    );
}
