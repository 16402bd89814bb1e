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

// Whole walks from the page to close live in panel/walks.rs.
mod walks;
