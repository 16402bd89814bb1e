//! The panel's workflow defects (issue 10), each driven through `update` on
//! a fake clock: the test that would have caught it.

use super::panel::{snapshot, t, Panel, Zones3, PAGE};
use defuse::engine::{EventBody, TriageKey};
use defuse::messages::MessageKind;
use defuse::panel::*;
use std::collections::BTreeMap;

fn triage_ready() -> Panel {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    p.send_ack();
    p
}

#[test]
fn triage_errors_sit_beside_their_fields_take_focus_and_clear_when_fixed() {
    let mut p = triage_ready();
    p.input(Field::Triage(TriageKey::StatedProblem), "Orders stuck");
    // The ARR line is offered, not silently counted as an answer.
    let arr = p.field(Field::Triage(TriageKey::ArrRenewal));
    assert_eq!(arr.value, "");
    assert!(arr
        .offer
        .as_ref()
        .is_some_and(|(_, b)| b.action == Action::Accept(Field::Triage(TriageKey::ArrRenewal))));
    let fx = p.click(Action::CompleteTriage);
    assert!(
        fx.contains(&Effect::Focus(Field::Triage(TriageKey::Impact).id())),
        "{fx:?}"
    );
    assert!(p.field(Field::Triage(TriageKey::Impact)).error.is_some());
    assert!(p
        .field(Field::Triage(TriageKey::ArrRenewal))
        .error
        .as_deref()
        .is_some_and(|e| e.contains("accept the offered answer")));
    assert!(p
        .field(Field::Triage(TriageKey::StatedProblem))
        .error
        .is_none());
    let n = p.notice_at(&Action::CompleteTriage);
    assert!(n.is_some_and(|n| n.error && n.text.starts_with("7 question(s) still need an answer")));
    assert!(
        p.top_notice().is_none(),
        "the error is beside the button, not at the top"
    );
    // The answer typed so far was saved, not lost.
    assert_eq!(p.count(|b| matches!(b, EventBody::TriageAnswer(_))), 1);
    p.input(Field::Triage(TriageKey::Impact), "40 dispatchers idle");
    assert!(
        p.field(Field::Triage(TriageKey::Impact)).error.is_none(),
        "cleared when fixed"
    );
    p.answer_triage();
}

#[test]
fn internal_messages_are_copied_never_inserted() {
    let mut p = triage_ready();
    p.input(Field::TriageOutage, "true");
    let loop_in = p.draft(MessageKind::EngineeringLoopIn);
    assert!(loop_in.internal);
    assert!(!loop_in
        .buttons
        .iter()
        .any(|b| matches!(b.action, Action::Insert(_))));
    assert!(loop_in
        .buttons
        .iter()
        .any(|b| matches!(b.action, Action::Copy(_))));
    assert!(!loop_in.body.value.contains("Priya Raman (DRI)"));
    let fx = p.click(Action::Insert(MessageKind::EngineeringLoopIn));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Insert { .. })));
    assert!(p
        .notice_at(&Action::Copy(MessageKind::EngineeringLoopIn))
        .is_none());
    let fx = p.click(Action::Copy(MessageKind::EngineeringLoopIn));
    assert!(fx.iter().any(|e| matches!(e, Effect::Copy { .. })));
}

#[test]
fn ready_only_without_coach_warnings_and_sending_anyway_is_confirmed() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    p.input(
        Field::AckImpact,
        "your dispatch team cannot release shipments",
    );
    let clean = p.draft(MessageKind::Acknowledgment);
    assert!(clean.ready && clean.findings.is_empty(), "{}", clean.status);
    p.input(
        Field::Body(MessageKind::Acknowledgment),
        &format!(
            "{}\n\nThis will be fixed by end of day, guaranteed.",
            clean.body.value
        ),
    );
    let flagged = p.draft(MessageKind::Acknowledgment);
    assert!(!flagged.ready && !flagged.findings.is_empty());
    assert!(flagged.status.starts_with("Not ready: the coach flags"));
    p.click(Action::MarkSent(MessageKind::Acknowledgment));
    assert!(p.state().ack.is_none(), "not recorded without confirmation");
    assert!(p
        .draft(MessageKind::Acknowledgment)
        .buttons
        .iter()
        .any(|b| b.action == Action::ConfirmMarkSent(MessageKind::Acknowledgment)));
    p.click(Action::ConfirmMarkSent(MessageKind::Acknowledgment));
    assert!(p.state().ack.is_some());
}

#[test]
fn each_day_starts_a_fresh_update_with_unchanged_facts_offered() {
    let mut p = triage_ready();
    p.answer_triage();
    p.assign_dri();
    p.send_update("Reproduced it.");
    p.advance(60 * 20);
    assert_eq!(
        p.field(Field::UpdateToday).value,
        "",
        "yesterday's news is not today's"
    );
    let next = p.field(Field::UpdateNextStep);
    assert_eq!(next.value, "");
    assert!(next
        .offer
        .is_some_and(|(why, _)| why.starts_with("Unchanged since Fri 27 Nov")));
    let next_update = p.field(Field::UpdateNextUpdate).value;
    assert_eq!(
        next_update, "2026-11-28T09:00",
        "24 h after the last update, still ahead"
    );
    p.advance(60 * 5);
    let later = p.field(Field::UpdateNextUpdate).value;
    assert_eq!(
        later, "2026-11-29T10:00",
        "a passed suggestion is replaced by one in the future"
    );
    assert!(!p.draft(MessageKind::DailyUpdate).ready);
    // The honest no-news update.
    p.input(Field::UpdateNoNews, "true");
    p.click(Action::Accept(Field::UpdateNextStep));
    p.input(Field::UpdateEtaWhy, "the fix is still being tested");
    let d = p.draft(MessageKind::DailyUpdate);
    assert!(
        d.body.value.to_lowercase().contains("no new"),
        "{}",
        d.body.value
    );
    p.click(Action::MarkSent(MessageKind::DailyUpdate));
    if p.m.confirm.is_some() {
        p.click(Action::ConfirmMarkSent(MessageKind::DailyUpdate));
    }
    assert_eq!(p.state().updates.len(), 2, "{:?}", p.m.notice);
}

#[test]
fn regenerate_is_not_undone_by_the_storage_echo() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    let key = format!(
        "defuse:draft:{}:ack.body",
        p.m.current.clone().unwrap_or_default()
    );
    p.input(Field::Body(MessageKind::Acknowledgment), "my own words");
    p.click(Action::Regenerate(MessageKind::Acknowledgment));
    assert!(
        !p.store.contains_key(&key),
        "the key is removed, not set to \"\""
    );
    // The write of the typed text comes back late from storage.
    p.send(Msg::StorageChanged(vec![(
        key.clone(),
        Some("my own words".into()),
    )]));
    let d = p.draft(MessageKind::Acknowledgment);
    assert!(
        !d.edited && d.body.value.contains("I hear you"),
        "{}",
        d.body.value
    );
    // Another tab's typing is taken.
    p.send(Msg::StorageChanged(vec![(
        key,
        Some("from the other tab".into()),
    )]));
    assert_eq!(
        p.draft(MessageKind::Acknowledgment).body.value,
        "from the other tab"
    );
}

#[test]
fn a_failed_storage_write_is_reported() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    let key = p
        .store
        .keys()
        .find(|k| k.starts_with("defuse:ev:"))
        .cloned()
        .unwrap_or_default();
    p.send(Msg::Stored {
        key,
        error: Some("QUOTA_BYTES quota exceeded".into()),
    });
    let n = p.top_notice();
    assert!(n.is_some_and(|n| n.error
        && n.text
            .starts_with("Could not save to browser storage: QUOTA_BYTES")));
}

#[test]
fn a_page_matching_by_name_only_is_asked_before_binding() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    let id = p.m.current.clone();
    // Another page (an email view) names the same account.
    p.send(Msg::Snapshot(Box::new(snapshot(
        "https://mail.example/inbox/42",
        "Acme Robotics",
        None,
    ))));
    assert_eq!(
        p.m.current, id,
        "the escalation shown stays while it is this account's"
    );
    let mut q = Panel::load(
        p.now,
        p.store.clone(),
        Some(snapshot(
            "https://mail.example/inbox/42",
            "Acme Robotics",
            None,
        )),
    );
    assert!(q.m.current.is_none(), "never bound on a name alone");
    let bind = q.vm().bind;
    assert!(bind.as_ref().is_some_and(|b| b
        .buttons
        .iter()
        .any(|x| x.action == Action::Bind(id.clone().unwrap_or_default()))));
    q.click(Action::Bind(id.clone().unwrap_or_default()));
    assert_eq!(q.m.current, id);
    // The CRM record itself binds at once.
    let r = Panel::load(
        p.now,
        p.store.clone(),
        Some(snapshot(&format!("{PAGE}#tab"), "Acme Robotics", None)),
    );
    assert_eq!(r.m.current, id);
}

#[test]
fn a_zone_the_page_does_not_show_is_asked_with_the_csm_zone_offered() {
    let mut p = Panel::load(
        t("2026-11-27T15:00:00Z"),
        BTreeMap::new(),
        Some(snapshot(PAGE, "Acme Robotics", None)),
    );
    let zone = p.field(Field::OpenCustomerZone);
    assert_eq!(zone.value, "");
    assert!(zone
        .offer
        .as_ref()
        .is_some_and(|(why, _)| why.contains("America/Chicago")));
    p.input(Field::OpenCsmName, "Priya Raman");
    let fx = p.click(Action::Open);
    assert!(p.m.current.is_none());
    assert!(fx.contains(&Effect::Focus(Field::OpenCustomerZone.id())));
    let err = p.field(Field::OpenCustomerZone).error;
    assert!(err.is_some_and(|e| e.contains("Ask the customer's time zone")));
    p.click(Action::Accept(Field::OpenCustomerZone));
    p.click(Action::Open);
    assert_eq!(
        p.state().opened.map(|o| o.customer_zone),
        Some("America/Chicago".to_string())
    );
}

#[test]
fn actions_round_trip_through_their_data_attributes() {
    let all = [
        Action::Open,
        Action::Accept(Field::Triage(TriageKey::ArrRenewal)),
        Action::Step(defuse::engine::Stage::CloseOut),
        Action::Switch(None),
        Action::Switch(Some("esc-1".into())),
        Action::MarkSent(MessageKind::DailyUpdate),
        Action::StepWaive(defuse::engine::RestorationStep::PreventionFollowUp),
        Action::Import,
    ];
    for a in all {
        assert_eq!(Action::parse(a.name(), &a.arg()), Some(a.clone()), "{a:?}");
    }
    assert_eq!(Action::parse("nonsense", ""), None);
    for key in [
        "open.reached",
        "triage.arr-renewal",
        "restore.prevention-follow-up.reason",
        "loop-in.body",
        "update.next-update",
    ] {
        assert_eq!(Field::parse(key).map(Field::key).as_deref(), Some(key));
    }
    assert_eq!(Field::OpenReached.id(), "f-open-reached");
    let _ = Zones3;
}

#[test]
fn page_facts_and_message_times_fill_the_form_when_the_page_has_them() {
    // Built from JSON as the agent sends it: `messages` and the extra facts
    // are used wherever the snapshot and the account reader carry them.
    let raw = serde_json::json!({
        "url": PAGE, "lang": "en-US",
        "fields": [{ "label": "Account Name", "value": "Acme Robotics", "kind": "pair" },
                   { "label": "Customer Time Zone", "value": "America/Chicago", "kind": "pair" }],
        "messages": [
            { "text": "This is unacceptable", "direction": "inbound", "at": "2026-11-27T13:40:00Z" },
            { "text": "Looking now", "direction": "outbound", "at": "2026-11-27T13:50:00Z" }
        ]
    });
    let snap: Result<defuse::account::Snapshot, _> = serde_json::from_value(raw);
    assert!(snap.is_ok());
    let snap = snap.unwrap_or_default();
    let carries = serde_json::to_value(&snap).is_ok_and(|v| v.get("messages").is_some());
    let p = Panel::load(t("2026-11-27T15:00:00Z"), BTreeMap::new(), Some(snap));
    let reached = p.field(Field::OpenReached).value;
    if carries {
        assert_eq!(
            reached, "2026-11-27T07:40",
            "the inbound escalation's time, on the CSM's clock"
        );
    } else {
        assert_eq!(reached, "2026-11-27T09:00", "no message times: now");
    }
    assert_eq!(reached_from_page(&p.m).is_some(), carries);
}

#[test]
fn an_escalation_binds_to_its_crm_record_in_any_url_form() {
    let rec = ("acme.lightning.force.com".to_string(), "001A".to_string());
    let stored = "https://acme.lightning.force.com/lightning/r/Account/001A/view";
    assert!(same_record(stored, &format!("{stored}#x"), None));
    assert!(same_record(
        stored,
        "https://acme.lightning.force.com/lightning/r/Account/001A/view?ws=1",
        Some(&rec)
    ));
    assert!(!same_record(
        stored,
        "https://acme.lightning.force.com/lightning/r/Account/001B/view",
        None
    ));
    // Another tenant with the same id is another record.
    let other = ("evil.lightning.force.com".to_string(), "001A".to_string());
    assert!(!same_record(
        stored,
        "https://evil.lightning.force.com/x/001A",
        Some(&other)
    ));
    assert!(!same_record(
        stored,
        "https://acme.lightning.force.com/lightning/r/Account/001AB/view",
        Some(&("acme.lightning.force.com".into(), "001AB".into()))
    ));
}

#[test]
fn another_tabs_emptying_is_taken_after_this_tab_once_emptied_the_same_field() {
    // This panel emptied the impact once and typed it again; its writes came
    // back from storage in order. Later the pop-out tab empties the field:
    // this panel must show that, not keep text storage no longer has (it
    // would be sent, then lost at the next reload).
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    let key = format!(
        "defuse:draft:{}:ack.impact",
        p.m.current.clone().unwrap_or_default()
    );
    p.input(Field::AckImpact, "dispatch is down");
    p.input(Field::AckImpact, "");
    p.input(Field::AckImpact, "orders stuck");
    for echo in [Some("dispatch is down"), None, Some("orders stuck")] {
        p.send(Msg::StorageChanged(vec![(
            key.clone(),
            echo.map(String::from),
        )]));
    }
    assert!(p
        .draft(MessageKind::Acknowledgment)
        .body
        .value
        .contains("orders stuck"));
    // The other tab empties it.
    p.send(Msg::StorageChanged(vec![(key.clone(), None)]));
    assert!(!p.m.drafts.contains_key(&key), "{:?}", p.m.drafts.get(&key));
    // And a late echo of an older own write is still not news.
    p.input(Field::AckImpact, "first words");
    p.input(Field::AckImpact, "second words");
    p.send(Msg::StorageChanged(vec![(
        key.clone(),
        Some("first words".into()),
    )]));
    assert_eq!(
        p.m.drafts.get(&key).map(String::as_str),
        Some("second words")
    );
}
