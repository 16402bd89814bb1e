//! Whole playbooks through the pure panel model (`defuse::panel`): every
//! click and keystroke is a `Msg` on a fake clock, storage is a map built
//! from the `Put` / `Remove` effects, and what the CSM sees is read from the
//! view model.

use chrono::{DateTime, TimeDelta, Utc};
use defuse::account::{Candidate, Snapshot};
use defuse::engine::{DriRole, Escalation, EventBody, Stage, TimeZoneRules, TriageKey};
use defuse::messages::MessageKind;
use defuse::panel::*;
use std::collections::BTreeMap;

pub fn t(s: &str) -> DateTime<Utc> {
    let parsed = DateTime::parse_from_rfc3339(s);
    assert!(parsed.is_ok(), "bad time {s}");
    parsed.map(|d| d.with_timezone(&Utc)).unwrap_or_default()
}

/// Late-November offsets (no DST change in the tests' weeks).
pub struct Zones3;
impl TimeZoneRules for Zones3 {
    fn offset_seconds(&self, zone: &str, _at: DateTime<Utc>) -> Option<i32> {
        match zone {
            "America/Chicago" => Some(-6 * 3600),
            "Europe/Berlin" => Some(3600),
            "UTC" => Some(0),
            _ => None,
        }
    }
}
impl Zones for Zones3 {
    fn short_name(&self, zone: &str, _at: DateTime<Utc>) -> Option<String> {
        match zone {
            "America/Chicago" => Some("CST".into()),
            "Europe/Berlin" => Some("CET".into()),
            _ => None,
        }
    }
}

pub const PAGE: &str = "https://acme.lightning.force.com/lightning/r/Account/001A/view";

pub fn snapshot(url: &str, name: &str, zone: Option<&str>) -> Snapshot {
    let pair = |label: &str, value: &str| Candidate {
        label: label.into(),
        value: value.into(),
        kind: "pair".into(),
        ..Candidate::default()
    };
    let mut fields = vec![
        pair("Account Name", name),
        pair("ARR", "$480,000.00"),
        pair("Renewal Date", "6/30/2027"),
    ];
    if let Some(z) = zone {
        fields.push(pair("Customer Time Zone", z));
    }
    Snapshot {
        url: url.into(),
        lang: "en-US".into(),
        fields,
        ..Snapshot::default()
    }
}

/// A panel on a fake clock with a fake storage.
pub struct Panel {
    pub m: Model,
    pub now: DateTime<Utc>,
    pub store: BTreeMap<String, String>,
    pub last: Vec<Effect>,
}

impl Panel {
    /// A fresh panel over `store`, as after a (re)load.
    pub fn load(
        now: DateTime<Utc>,
        store: BTreeMap<String, String>,
        page: Option<Snapshot>,
    ) -> Panel {
        let mut p = Panel {
            m: Model::new("America/Chicago", "en-US", "t"),
            now,
            store,
            last: vec![],
        };
        let records = p.store.clone().into_iter().collect();
        p.send(Msg::Loaded { records });
        if let Some(s) = page {
            p.send(Msg::Snapshot(Box::new(s)));
        }
        p
    }

    pub fn new(now: &str) -> Panel {
        Panel::load(
            t(now),
            BTreeMap::new(),
            Some(snapshot(PAGE, "Acme Robotics", Some("America/Chicago"))),
        )
    }

    pub fn send(&mut self, msg: Msg) -> Vec<Effect> {
        let fx = update(&mut self.m, msg, self.now, &Zones3);
        for e in &fx {
            match e {
                Effect::Put { key, value } => {
                    self.store.insert(key.clone(), value.clone());
                }
                Effect::Remove { key } => {
                    self.store.remove(key);
                }
                _ => {}
            }
        }
        self.last = fx.clone();
        fx
    }

    pub fn input(&mut self, field: Field, value: &str) {
        self.send(Msg::Input {
            field,
            value: value.into(),
        });
    }

    pub fn click(&mut self, action: Action) -> Vec<Effect> {
        self.send(Msg::Click(action))
    }

    pub fn advance(&mut self, minutes: i64) {
        self.now += TimeDelta::minutes(minutes);
        self.send(Msg::Tick);
    }

    pub fn vm(&self) -> ViewModel {
        view_model(&self.m, self.now, &Zones3)
    }

    pub fn state(&self) -> Escalation {
        let id = self.m.current.clone().unwrap_or_default();
        self.m.ws.escalation(&id)
    }

    pub fn events(&self) -> Vec<EventBody> {
        self.state().log.into_iter().map(|e| e.body).collect()
    }

    pub fn count(&self, pred: impl Fn(&EventBody) -> bool) -> usize {
        self.events().iter().filter(|b| pred(b)).count()
    }

    pub fn escalation_vm(&self) -> EscalationVm {
        match self.vm().main {
            Main::Escalation(e) => *e,
            other => {
                assert!(
                    matches!(other, Main::Escalation(_)),
                    "no escalation shown: {other:?}"
                );
                panic_free_default()
            }
        }
    }

    pub fn countdown(&self) -> CountdownVm {
        self.escalation_vm().countdown
    }

    /// Every field of the shown step or form, by key.
    pub fn fields(&self) -> BTreeMap<String, FieldVm> {
        let sections = match self.vm().main {
            Main::Escalation(e) => e.step.sections,
            Main::Open(s) => vec![s],
            Main::Loading => vec![],
        };
        let mut out = BTreeMap::new();
        fn walk(items: &[Item], out: &mut BTreeMap<String, FieldVm>) {
            for i in items {
                match i {
                    Item::Field(f) => {
                        out.insert(f.key.clone(), f.clone());
                    }
                    Item::Draft(d) => {
                        out.insert(d.body.key.clone(), d.body.clone());
                    }
                    Item::Section(s) => walk(&s.items, out),
                    _ => {}
                }
            }
        }
        for s in &sections {
            walk(&s.items, &mut out);
        }
        out
    }

    pub fn field(&self, f: Field) -> FieldVm {
        let found = self.fields().get(&f.key()).cloned();
        assert!(found.is_some(), "no field {} shown", f.key());
        found.unwrap_or_else(|| FieldVm {
            id: String::new(),
            key: String::new(),
            label: String::new(),
            kind: FieldKind::Text,
            value: String::new(),
            hint: None,
            error: None,
            options: vec![],
            offer: None,
            testid: None,
        })
    }

    /// Every draft of the shown step.
    pub fn drafts(&self) -> Vec<DraftVm> {
        let mut out = Vec::new();
        if let Main::Escalation(e) = self.vm().main {
            for s in e.step.sections {
                for i in s.items {
                    if let Item::Draft(d) = i {
                        out.push(*d);
                    }
                }
            }
        }
        out
    }

    pub fn draft(&self, kind: MessageKind) -> DraftVm {
        let d = self.drafts().into_iter().find(|d| d.prefix == prefix(kind));
        assert!(d.is_some(), "no {} draft shown", prefix(kind));
        d.unwrap_or_else(|| DraftVm {
            kind: String::new(),
            prefix: "",
            title: String::new(),
            internal: false,
            ready: false,
            status: String::new(),
            edited: false,
            subject: self.field_stub(),
            body: self.field_stub(),
            findings: vec![],
            buttons: vec![],
            result: None,
        })
    }

    fn field_stub(&self) -> FieldVm {
        FieldVm {
            id: String::new(),
            key: String::new(),
            label: String::new(),
            kind: FieldKind::Text,
            value: String::new(),
            hint: None,
            error: None,
            options: vec![],
            offer: None,
            testid: None,
        }
    }

    /// The notice shown beside `action`'s button, if any.
    pub fn notice_at(&self, action: &Action) -> Option<NoticeVm> {
        fn find(items: &[Item], a: &Action) -> Option<NoticeVm> {
            items.iter().find_map(|i| match i {
                Item::Buttons(bs) => bs
                    .iter()
                    .find(|b| &b.action == a)
                    .and_then(|b| b.notice.clone()),
                Item::Draft(d) => d
                    .buttons
                    .iter()
                    .find(|b| &b.action == a)
                    .and_then(|b| b.notice.clone()),
                Item::Section(s) => find(&s.items, a),
                _ => None,
            })
        }
        let vm = self.vm();
        let mut sections = vec![vm.tools.clone()];
        match vm.main {
            Main::Escalation(e) => {
                sections.extend(e.step.sections);
                sections.push(e.timeline.note);
                sections.push(e.timeline.corrections);
            }
            Main::Open(s) => sections.push(s),
            Main::Loading => {}
        }
        sections.iter().find_map(|s| find(&s.items, action))
    }

    pub fn top_notice(&self) -> Option<NoticeVm> {
        self.vm().notice
    }

    /// Opens an escalation that reached the CSM `minutes_ago`.
    pub fn open(&mut self, minutes_ago: i64) {
        let reached = self.now - TimeDelta::minutes(minutes_ago) - TimeDelta::hours(6);
        self.input(
            Field::OpenReached,
            &reached.format("%Y-%m-%dT%H:%M").to_string(),
        );
        self.input(Field::OpenCsmName, "Priya Raman");
        self.click(Action::Open);
        assert!(
            self.m.current.is_some(),
            "opened: {:?} {:?}",
            self.m.notice,
            self.m.errors
        );
    }

    pub fn send_ack(&mut self) {
        self.input(
            Field::AckImpact,
            "your dispatch team cannot release shipments",
        );
        self.click(Action::MarkSent(MessageKind::Acknowledgment));
        assert!(
            self.state().ack.is_some(),
            "ack recorded: {:?}",
            self.m.notice
        );
    }

    pub fn answer_triage(&mut self) {
        let answers = [
            (TriageKey::StatedProblem, "Orders stuck in the sync queue"),
            (TriageKey::Impact, "40 dispatchers idle"),
            (TriageKey::Started, "Tuesday 9:00"),
            (TriageKey::HappenedBefore, "No"),
            (TriageKey::MostAffected, "Dana, ops lead"),
        ];
        for (k, a) in answers {
            self.input(Field::Triage(k), a);
        }
        self.input(Field::Triage(TriageKey::CauseKind), "configuration-issue");
        self.input(Field::Triage(TriageKey::DesiredOutcome), "fix");
        self.click(Action::Accept(Field::Triage(TriageKey::ArrRenewal)));
        self.click(Action::CompleteTriage);
        assert!(
            self.state().triage.completed_at.is_some(),
            "triage complete: {:?} {:?}",
            self.m.notice,
            self.m.errors
        );
    }

    pub fn assign_dri(&mut self) {
        self.click(Action::AssignDri);
        assert!(
            self.state().dri.is_some(),
            "dri: {:?} {:?}",
            self.m.notice,
            self.m.errors
        );
        self.click(Action::MarkSent(MessageKind::DriAnnouncement));
    }

    pub fn send_update(&mut self, today: &str) {
        self.input(Field::UpdateToday, today);
        self.input(Field::UpdateNextStep, "Bo ships the config fix");
        self.input(Field::UpdateEtaWhy, "the fix is still being tested");
        self.click(Action::MarkSent(MessageKind::DailyUpdate));
        if self.m.confirm.is_some() {
            self.click(Action::ConfirmMarkSent(MessageKind::DailyUpdate));
        }
    }
}

fn panic_free_default() -> EscalationVm {
    EscalationVm {
        countdown: CountdownVm {
            kind: String::new(),
            due: None,
            status: None,
            headline: String::new(),
            class: "",
            next_action: String::new(),
            due_lines: vec![],
        },
        steps: vec![],
        step: StepVm {
            name: "",
            title: String::new(),
            notice: None,
            sections: vec![],
        },
        timeline: TimelineVm {
            entries: vec![],
            note: SectionVm::default(),
            corrections: SectionVm::default(),
        },
    }
}

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
    let puts: Vec<String> = q
        .send(Msg::FileChosen(text.clone()))
        .iter()
        .filter_map(|e| match e {
            Effect::Put { key, .. } => Some(key.clone()),
            _ => None,
        })
        .collect();
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
    let again: Vec<String> = q
        .send(Msg::FileChosen(text.clone()))
        .iter()
        .filter_map(|e| match e {
            Effect::Put { key, .. } => Some(key.clone()),
            _ => None,
        })
        .collect();
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
