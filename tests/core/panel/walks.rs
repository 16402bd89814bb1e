//! The panel walked as a CSM walks it, on a fake clock: on time from page to
//! close, a late start, a missed update, a promised time, an executive-level
//! case, a second escalation, a reload mid-way, importing twice.

use super::*;

#[test]
fn on_time_playbook_from_page_to_close() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    // The page's facts fill the opening form; the zone comes from the page.
    assert_eq!(p.field(Field::OpenAccount).value, "Acme Robotics");
    assert_eq!(p.field(Field::OpenCustomerZone).value, "America/Chicago");
    p.open(10);
    assert_eq!(p.countdown().kind, "acknowledgment");
    assert_eq!(p.countdown().headline, "Acknowledgment due in 1 h 50 min");
    assert_eq!(
        p.state().opened.and_then(|o| o.crm_url).as_deref(),
        Some(PAGE)
    );
    assert!(p.last.contains(&Effect::Focus(Field::AckImpact.id())));
    let ack = p.draft(MessageKind::Acknowledgment);
    assert!(
        ack.body.value.contains("by 12:00 PM CST today"),
        "{}",
        ack.body.value
    );
    p.send_ack();
    // The result opens the next step (its button went with the last one).
    let step = p.escalation_vm().step;
    assert_eq!(
        step.notice.map(|n| n.text),
        Some("Recorded: Acknowledgment sent.".to_string())
    );
    assert!(p.top_notice().is_none());
    // The stage changed: focus moves to the new step's first field.
    assert!(p
        .last
        .contains(&Effect::Focus(Field::Triage(TriageKey::StatedProblem).id())));
    assert_eq!(p.countdown().kind, "triage");
    p.advance(10);
    p.answer_triage();
    assert_eq!(p.escalation_vm().step.name, "dri");
    p.assign_dri();
    assert_eq!(p.escalation_vm().step.name, "cadence");
    p.advance(120);
    p.send_update("We found the sync setting that drops orders.");
    assert_eq!(p.count(|b| matches!(b, EventBody::UpdateSent(_))), 1);
    p.advance(60 * 20);
    p.input(Field::ResolveRootCause, "configuration");
    p.click(Action::Resolve);
    assert!(p.state().resolution.is_some(), "{:?}", p.m.errors);
    assert_eq!(p.escalation_vm().step.name, "close-out");
    // The close-out offers the triage notes for review, never copies them.
    let issue = p.field(Field::CloseoutIssue);
    assert_eq!(issue.value, "");
    assert!(issue.offer.is_some_and(|(why, _)| why.contains("review")));
    assert!(!p
        .draft(MessageKind::Closeout)
        .body
        .value
        .contains("Orders stuck in the sync queue"));
    p.click(Action::Accept(Field::CloseoutIssue));
    p.input(Field::CloseoutImpact, "Dispatch stopped for a day");
    p.input(
        Field::CloseoutRootCause,
        "A sync setting dropped orders above 500 lines",
    );
    p.input(
        Field::CloseoutActions,
        "Found the setting\nChanged it\nReplayed the stuck orders",
    );
    p.input(Field::CloseoutPrevention, "An alert on dropped orders");
    p.input(Field::CloseoutNext, "A check-in next week");
    p.click(Action::MarkSent(MessageKind::Closeout));
    if p.m.confirm.is_some() {
        p.click(Action::ConfirmMarkSent(MessageKind::Closeout));
    }
    assert!(p.state().closeout_sent_at.is_some(), "{:?}", p.m.notice);
    for step in defuse::engine::RestorationStep::ALL {
        p.click(Action::StepDone(step));
    }
    p.click(Action::Close);
    assert_eq!(p.state().stage, Stage::Closed);
}

#[test]
fn a_late_start_is_overdue_from_the_first_frame() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(125);
    let c = p.countdown();
    assert_eq!(c.class, "countdown overdue");
    assert!(
        c.headline.starts_with("Acknowledgment overdue by 5 min"),
        "{}",
        c.headline
    );
    let notice = p.notice_at(&Action::MarkSent(MessageKind::Acknowledgment));
    assert!(
        notice
            .as_ref()
            .is_some_and(|n| n.error && n.text.contains("already overdue")),
        "{notice:?}"
    );
    let hint = p
        .escalation_vm()
        .step
        .sections
        .iter()
        .flat_map(|s| s.items.clone())
        .find_map(|i| match i {
            Item::Text { text, .. } => Some(text),
            _ => None,
        });
    assert!(
        hint.as_deref()
            .is_some_and(|h| h.contains("overdue") && !h.contains("Due in")),
        "{hint:?}"
    );
}

#[test]
fn a_missed_update_shows_overdue_and_is_announced_once() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    p.send_ack();
    p.answer_triage();
    p.assign_dri();
    p.send_update("Reproduced it.");
    p.advance(60 * 23);
    p.advance(60 * 2);
    assert_eq!(p.countdown().kind, "daily-update");
    assert_eq!(p.countdown().class, "countdown overdue");
    assert!(
        p.last
            .iter()
            .any(|e| matches!(e, Effect::Announce(t) if t == "Daily status update overdue")),
        "{:?}",
        p.last
    );
    p.advance(1);
    assert!(
        !p.last.iter().any(|e| matches!(e, Effect::Announce(_))),
        "announced once"
    );
    assert!(poll_timeout(&p.m, p.now, &Zones3).is_some_and(|at| at > p.now));
}

#[test]
fn the_promised_next_update_time_is_recorded_with_the_update() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    p.send_ack();
    p.answer_triage();
    p.assign_dri();
    // Promise the next update six hours from now (customer's wall time).
    p.input(Field::UpdateNextUpdate, "2026-11-27T15:00");
    p.send_update("Reproduced it.");
    let promised = p
        .state()
        .updates
        .last()
        .and_then(|u| u.update.promised_update_at);
    assert_eq!(promised, Some(t("2026-11-27T21:00:00Z")));
}

#[test]
fn an_executive_level_case_records_the_role_shown_and_once() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    p.send_ack();
    p.input(Field::TriageExecutive, "true");
    p.answer_triage();
    assert_eq!(p.field(Field::DriRole).value, "cs-manager");
    // No CSM name is proposed for a manager's role: the CSM names the person.
    assert_eq!(p.field(Field::DriName).value, "");
    p.click(Action::AssignDri);
    assert!(p.field(Field::DriName).error.is_some());
    p.input(Field::DriName, "Morgan Lee");
    assert!(
        p.field(Field::DriName).error.is_none(),
        "cleared when fixed"
    );
    p.click(Action::AssignDri);
    assert_eq!(
        p.state().dri.map(|d| (d.name, d.role)),
        Some(("Morgan Lee".to_string(), DriRole::CsManager))
    );
    // The announcement is shown right away, signed by the DRI.
    let ann = p.draft(MessageKind::DriAnnouncement);
    assert!(ann.body.value.contains("Morgan Lee"), "{}", ann.body.value);
    p.click(Action::AssignDri);
    assert_eq!(
        p.count(|b| matches!(b, EventBody::DriAssigned { .. })),
        1,
        "idempotent"
    );
    p.input(Field::DriName, "Sam Okafor");
    p.click(Action::AssignDri);
    assert!(
        p.field(Field::DriReason).error.is_some(),
        "a change needs a reason"
    );
    p.input(Field::DriReason, "Morgan is on leave");
    p.click(Action::AssignDri);
    assert_eq!(p.count(|b| matches!(b, EventBody::DriAssigned { .. })), 2);
    assert!(p
        .events()
        .iter()
        .any(|b| matches!(b, EventBody::Note { text } if text.contains("Morgan is on leave"))));
    p.click(Action::MarkSent(MessageKind::DriAnnouncement));
    let update = p.draft(MessageKind::DailyUpdate);
    assert!(
        update.body.value.contains("Sam Okafor"),
        "later messages come from the DRI: {}",
        update.body.value
    );
}

#[test]
fn a_second_escalation_starts_from_an_empty_opening_form() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(42);
    assert!(
        !p.store.keys().any(|k| k.starts_with("defuse:draft:new:")),
        "the opening drafts are removed"
    );
    p.advance(30);
    p.click(Action::Switch(None));
    let reached = p.field(Field::OpenReached).value;
    assert_eq!(
        reached, "2026-11-27T09:30",
        "now on the CSM's clock, not the last escalation's time"
    );
    // The CSM's name is remembered.
    assert_eq!(p.field(Field::OpenCsmName).value, "Priya Raman");
}

#[test]
fn a_reload_mid_way_rebuilds_the_same_panel_from_storage() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    p.send_ack();
    p.input(Field::Triage(TriageKey::StatedProblem), "Orders stuck");
    let before = p.state();
    let q = Panel::load(
        p.now,
        p.store.clone(),
        Some(snapshot(PAGE, "Acme Robotics", None)),
    );
    assert_eq!(q.state().log, before.log);
    assert_eq!(
        q.field(Field::Triage(TriageKey::StatedProblem)).value,
        "Orders stuck"
    );
    assert_eq!(q.escalation_vm().step.name, "triage");
    assert_eq!(q.m.settings.csm_name, "Priya Raman");
}

#[test]
fn importing_twice_reports_new_and_already_there() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    p.send_ack();
    let fx = p.click(Action::Export);
    let text = fx.iter().find_map(|e| match e {
        Effect::Download { text, .. } => Some(text.clone()),
        _ => None,
    });
    assert!(text.is_some());
    let text = text.unwrap_or_default();
    let mut q = Panel::load(p.now, BTreeMap::new(), None);
    q.click(Action::Import);
    let puts = put_keys(&q.send(Msg::FileChosen(text.clone())));
    assert_eq!(puts.len(), 2);
    // One write fails: it is reported, never "success".
    q.send(Msg::Stored {
        key: puts.first().cloned().unwrap_or_default(),
        error: None,
    });
    q.send(Msg::Stored {
        key: puts.get(1).cloned().unwrap_or_default(),
        error: Some("quota exceeded".into()),
    });
    let n = q.notice_at(&Action::Import);
    assert_eq!(
        n.map(|n| (n.text, n.error)),
        Some((
            "Imported 1 new event. 1 could not be saved: storage refused it. Import the file again to retry them.".to_string(),
            true
        ))
    );
    q.click(Action::Import);
    assert!(
        q.notice_at(&Action::Import).is_none(),
        "a notice clears on the next action"
    );
    // The refused record is retried; the stored one is left as it is.
    let again = put_keys(&q.send(Msg::FileChosen(text.clone())));
    assert_eq!(again, puts.get(1).cloned().into_iter().collect::<Vec<_>>());
    q.send(Msg::Stored {
        key: again.first().cloned().unwrap_or_default(),
        error: None,
    });
    assert_eq!(
        q.notice_at(&Action::Import).map(|n| (n.text, n.error)),
        Some((
            "Imported 1 new event. 1 was already here and left as it was.".to_string(),
            false
        ))
    );
    let id = p.state().id;
    assert_eq!(q.m.ws.log(&id), p.m.ws.log(&id));
    q.click(Action::Import);
    assert!(q.send(Msg::FileChosen(text)).is_empty());
    assert_eq!(
        q.notice_at(&Action::Import).map(|n| n.text),
        Some("No new events were imported. 2 were already here and left as they were.".to_string())
    );
}

/** The storage keys a batch of effects writes, in order. */
fn put_keys(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Put { key, .. } => Some(key.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_executive_or_outage_flag_saved_can_be_taken_back() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    p.send_ack();
    p.input(Field::TriageExecutive, "true");
    p.input(Field::TriageOutage, "true");
    p.answer_triage();
    assert!(p.state().triage.executive_level && p.state().triage.outage_or_data_problem);
    // The CSM learns it was not an executive after all, and no data was lost.
    p.click(Action::Step(Stage::Triage));
    assert_eq!(p.field(Field::TriageExecutive).value, "true");
    p.input(Field::TriageExecutive, "");
    p.input(Field::TriageOutage, "");
    assert_eq!(
        p.field(Field::TriageExecutive).value,
        "",
        "unticked stays unticked"
    );
    assert_eq!(p.field(Field::TriageOutage).value, "");
    p.click(Action::SaveTriage);
    let t = p.state().triage;
    assert!(!t.executive_level && !t.outage_or_data_problem, "{t:?}");
}
