//! Typed identifiers of the panel: every button's [`Action`] (its kebab-case
//! name is the `data-action` attribute and the dispatch key, so an unknown
//! action cannot fall through silently), every form [`Field`] (its key names
//! the draft in storage and the control's `data-draft`), and the choices a
//! select offers ([`Choice`]: `ALL` + `label()`).

use crate::engine::{DesiredOutcome, DriRole, RestorationStep, RootCause, Stage};
use crate::engine::{TriageKey, UpdateStatus, TRIAGE_QUESTIONS};
use crate::messages::MessageKind;
use crate::present::{from_kebab, kebab};

/// What a button does. `name()` / `arg()` are written into `data-action` /
/// `data-arg`; [`Action::parse`] reads them back.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Open,
    /// Accept the value the panel offers for a field (explicitly, never silently).
    Accept(Field),
    UseArr(usize),
    UseRenewal(usize),
    /// The ARR's currency was assumed (a bare `$`): open its correction.
    ChangeCurrency,
    Step(Stage),
    /// Show an escalation; `None` shows the form that opens a new one.
    Switch(Option<String>),
    FollowPage,
    /// Show or hide the closed escalations in the list (hidden by default:
    /// a busy year holds hundreds, and the open ones are what a CSM acts on).
    ToggleClosed,
    /// Bind the page to the escalation matched by account name only.
    Bind(String),
    DeclineBind,
    Copy(MessageKind),
    Insert(MessageKind),
    MarkSent(MessageKind),
    ConfirmMarkSent(MessageKind),
    Regenerate(MessageKind),
    SaveTriage,
    CompleteTriage,
    AssignDri,
    Resolve,
    StepDone(RestorationStep),
    StepWaive(RestorationStep),
    Close,
    Reopen,
    AddNote,
    CorrectFacts,
    BusinessDays,
    Export,
    Import,
}

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::Open => "open",
            Action::Accept(_) => "accept",
            Action::UseArr(_) => "use-arr",
            Action::UseRenewal(_) => "use-renewal",
            Action::ChangeCurrency => "change-currency",
            Action::Step(_) => "step",
            Action::Switch(_) => "switch",
            Action::FollowPage => "follow-page",
            Action::ToggleClosed => "toggle-closed",
            Action::Bind(_) => "bind",
            Action::DeclineBind => "decline-bind",
            Action::Copy(_) => "copy",
            Action::Insert(_) => "insert",
            Action::MarkSent(_) => "mark-sent",
            Action::ConfirmMarkSent(_) => "confirm-mark-sent",
            Action::Regenerate(_) => "regenerate",
            Action::SaveTriage => "save-triage",
            Action::CompleteTriage => "complete-triage",
            Action::AssignDri => "assign-dri",
            Action::Resolve => "resolve",
            Action::StepDone(_) => "step-done",
            Action::StepWaive(_) => "step-waive",
            Action::Close => "close",
            Action::Reopen => "reopen",
            Action::AddNote => "add-note",
            Action::CorrectFacts => "correct-facts",
            Action::BusinessDays => "business-days",
            Action::Export => "export",
            Action::Import => "import",
        }
    }

    pub fn arg(&self) -> String {
        match self {
            Action::Accept(f) => f.key(),
            Action::UseArr(i) | Action::UseRenewal(i) => i.to_string(),
            Action::Step(s) => kebab(s),
            Action::Switch(id) => id.clone().unwrap_or_default(),
            Action::Bind(id) => id.clone(),
            Action::Copy(k)
            | Action::Insert(k)
            | Action::MarkSent(k)
            | Action::ConfirmMarkSent(k)
            | Action::Regenerate(k) => kebab(k),
            Action::StepDone(s) | Action::StepWaive(s) => kebab(s),
            _ => String::new(),
        }
    }

    /// The action a `data-action` / `data-arg` pair names, if any.
    pub fn parse(name: &str, arg: &str) -> Option<Action> {
        let kind = || from_kebab::<MessageKind>(arg);
        let step = || from_kebab::<RestorationStep>(arg);
        Some(match name {
            "open" => Action::Open,
            "accept" => Action::Accept(Field::parse(arg)?),
            "use-arr" => Action::UseArr(arg.parse().ok()?),
            "use-renewal" => Action::UseRenewal(arg.parse().ok()?),
            "change-currency" => Action::ChangeCurrency,
            "step" => Action::Step(from_kebab(arg)?),
            "switch" => Action::Switch((!arg.is_empty()).then(|| arg.to_string())),
            "follow-page" => Action::FollowPage,
            "toggle-closed" => Action::ToggleClosed,
            "bind" => Action::Bind(arg.to_string()),
            "decline-bind" => Action::DeclineBind,
            "copy" => Action::Copy(kind()?),
            "insert" => Action::Insert(kind()?),
            "mark-sent" => Action::MarkSent(kind()?),
            "confirm-mark-sent" => Action::ConfirmMarkSent(kind()?),
            "regenerate" => Action::Regenerate(kind()?),
            "save-triage" => Action::SaveTriage,
            "complete-triage" => Action::CompleteTriage,
            "assign-dri" => Action::AssignDri,
            "resolve" => Action::Resolve,
            "step-done" => Action::StepDone(step()?),
            "step-waive" => Action::StepWaive(step()?),
            "close" => Action::Close,
            "reopen" => Action::Reopen,
            "add-note" => Action::AddNote,
            "correct-facts" => Action::CorrectFacts,
            "business-days" => Action::BusinessDays,
            "export" => Action::Export,
            "import" => Action::Import,
            _ => return None,
        })
    }
}

/// A form field. Simple fields have a fixed key; the others carry what they
/// are about (a triage question, a restoration step, a draft).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    OpenAccount,
    OpenArr,
    OpenRenewal,
    OpenReached,
    OpenCustomerZone,
    OpenCsmName,
    AckImpact,
    AckPromised,
    Triage(TriageKey),
    TriageExecutive,
    TriageOutage,
    DriName,
    DriRole,
    DriContact,
    DriReason,
    UpdateNoNews,
    UpdateStatus,
    UpdateToday,
    UpdateNextStep,
    UpdateNextOwner,
    UpdateNextDate,
    UpdateEta,
    UpdateEtaConfirmed,
    UpdateEtaWhy,
    UpdateQuestions,
    UpdateNextUpdate,
    ResolveRootCause,
    ResolveBugLink,
    CloseoutIssue,
    CloseoutImpact,
    CloseoutRootCause,
    CloseoutActions,
    CloseoutPrevention,
    CloseoutNext,
    CloseoutLink,
    CloseoutPreventionItems,
    RestoreCustomerExec,
    RestoreOurExec,
    RestoreOurExecTitle,
    RestoreSlot1,
    RestoreSlot2,
    RestoreScoreBefore,
    RestoreScoreAfter,
    RestoreScoreWhy,
    RestoreRisks,
    RestoreNextReview,
    RestorePreventionStatus,
    StepNote(RestorationStep),
    StepReason(RestorationStep),
    ReopenReason,
    NoteText,
    FixArr,
    FixRenewal,
    FixReached,
    Body(MessageKind),
    Subject(MessageKind),
}

/// Keys of the fields without a parameter.
const SIMPLE: [(Field, &str); 51] = [
    (Field::OpenAccount, "open.account"),
    (Field::OpenArr, "open.arr"),
    (Field::OpenRenewal, "open.renewal"),
    (Field::OpenReached, "open.reached"),
    (Field::OpenCustomerZone, "open.customer-zone"),
    (Field::OpenCsmName, "open.csm-name"),
    (Field::AckImpact, "ack.impact"),
    (Field::AckPromised, "ack.promised"),
    (Field::TriageExecutive, "triage.executive"),
    (Field::TriageOutage, "triage.outage"),
    (Field::DriName, "dri.name"),
    (Field::DriRole, "dri.role"),
    (Field::DriContact, "dri.contact"),
    (Field::DriReason, "dri.reason"),
    (Field::UpdateNoNews, "update.no-news"),
    (Field::UpdateStatus, "update.status"),
    (Field::UpdateToday, "update.today"),
    (Field::UpdateNextStep, "update.next-step"),
    (Field::UpdateNextOwner, "update.next-owner"),
    (Field::UpdateNextDate, "update.next-date"),
    (Field::UpdateEta, "update.eta"),
    (Field::UpdateEtaConfirmed, "update.eta-confirmed"),
    (Field::UpdateEtaWhy, "update.eta-why"),
    (Field::UpdateQuestions, "update.questions"),
    (Field::UpdateNextUpdate, "update.next-update"),
    (Field::ResolveRootCause, "resolve.root-cause"),
    (Field::ResolveBugLink, "resolve.bug-link"),
    (Field::CloseoutIssue, "closeout.issue"),
    (Field::CloseoutImpact, "closeout.impact"),
    (Field::CloseoutRootCause, "closeout.root-cause"),
    (Field::CloseoutActions, "closeout.actions"),
    (Field::CloseoutPrevention, "closeout.prevention"),
    (Field::CloseoutNext, "closeout.next"),
    (Field::CloseoutLink, "closeout.link"),
    (Field::CloseoutPreventionItems, "closeout.prevention-items"),
    (Field::RestoreCustomerExec, "restore.customer-exec"),
    (Field::RestoreOurExec, "restore.our-exec"),
    (Field::RestoreOurExecTitle, "restore.our-exec-title"),
    (Field::RestoreSlot1, "restore.slot1"),
    (Field::RestoreSlot2, "restore.slot2"),
    (Field::RestoreScoreBefore, "restore.score-before"),
    (Field::RestoreScoreAfter, "restore.score-after"),
    (Field::RestoreScoreWhy, "restore.score-why"),
    (Field::RestoreRisks, "restore.risks"),
    (Field::RestoreNextReview, "restore.next-review"),
    (Field::RestorePreventionStatus, "restore.prevention-status"),
    (Field::ReopenReason, "reopen.reason"),
    (Field::NoteText, "note.text"),
    (Field::FixArr, "fix.arr"),
    (Field::FixRenewal, "fix.renewal"),
    (Field::FixReached, "fix.reached"),
];

/// The draft prefix of each message (its body is `<prefix>.body`).
pub fn prefix(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Acknowledgment => "ack",
        MessageKind::EngineeringLoopIn => "loop-in",
        MessageKind::DriAnnouncement => "dri",
        MessageKind::DailyUpdate => "update",
        MessageKind::Closeout => "closeout",
        MessageKind::RestorationExecCall => "restore-exec",
        MessageKind::RestorationHealthScore => "restore-health",
        MessageKind::RestorationPreventionFollowUp => "restore-prevention",
    }
}

impl Field {
    /// A tick box: unticked is an answer ("no"), kept as an empty value,
    /// not a field left blank (whose default would tick it again).
    pub fn is_flag(self) -> bool {
        matches!(
            self,
            Field::TriageExecutive
                | Field::TriageOutage
                | Field::UpdateNoNews
                | Field::UpdateEtaConfirmed
        )
    }

    /// The key: `open.reached`, `triage.impact`, `restore.<step>.note`, `ack.body`.
    pub fn key(self) -> String {
        match self {
            Field::Triage(k) => format!("triage.{}", kebab(&k)),
            Field::StepNote(s) => format!("restore.{}.note", kebab(&s)),
            Field::StepReason(s) => format!("restore.{}.reason", kebab(&s)),
            Field::Body(k) => format!("{}.body", prefix(k)),
            Field::Subject(k) => format!("{}.subject", prefix(k)),
            simple => SIMPLE
                .iter()
                .find(|(f, _)| *f == simple)
                .map(|(_, k)| (*k).to_string())
                .unwrap_or_default(),
        }
    }

    /// The DOM id of the field's control (`f-open-reached`).
    pub fn id(self) -> String {
        format!("f-{}", self.key().replace('.', "-"))
    }

    pub fn parse(key: &str) -> Option<Field> {
        if let Some((_, f)) = SIMPLE.iter().map(|(f, k)| (k, f)).find(|(k, _)| **k == key) {
            return Some(*f);
        }
        if let Some(q) = key.strip_prefix("triage.") {
            return from_kebab(q).map(Field::Triage);
        }
        if let Some(rest) = key.strip_prefix("restore.") {
            if let Some(step) = rest.strip_suffix(".note") {
                return from_kebab(step).map(Field::StepNote);
            }
            if let Some(step) = rest.strip_suffix(".reason") {
                return from_kebab(step).map(Field::StepReason);
            }
        }
        let (p, part) = key.rsplit_once('.')?;
        let kind = MessageKind::ALL.iter().copied().find(|k| prefix(*k) == p)?;
        match part {
            "body" => Some(Field::Body(kind)),
            "subject" => Some(Field::Subject(kind)),
            _ => None,
        }
    }

    /// Every triage question's field, in the playbook's order.
    pub fn triage_fields() -> impl Iterator<Item = Field> {
        TRIAGE_QUESTIONS.iter().map(|(k, _)| Field::Triage(*k))
    }
}

/// An enum a select offers: every value and its label, in order.
pub trait Choice: Sized + Copy + crate::json::WireName + 'static {
    const ALL: &'static [Self];
    fn label(self) -> &'static str;
    /// `(value, label)` pairs for a select, with an optional empty first choice.
    fn options(empty: Option<&str>) -> Vec<(String, String)> {
        let mut names = Self::ALL.iter().map(|v| (v.wire_name(), v.label()));
        choice_options(empty, &mut names)
    }
}

/// The body of [`Choice::options`], compiled once rather than per enum.
fn choice_options(
    empty: Option<&str>,
    names: &mut dyn Iterator<Item = (&'static str, &'static str)>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(e) = empty {
        out.push((String::new(), e.to_string()));
    }
    for (value, label) in names {
        out.push((value.to_string(), label.to_string()));
    }
    out
}

impl Choice for DesiredOutcome {
    const ALL: &'static [Self] = &[
        DesiredOutcome::Acknowledgment,
        DesiredOutcome::Fix,
        DesiredOutcome::Accountability,
    ];
    fn label(self) -> &'static str {
        match self {
            DesiredOutcome::Acknowledgment => "Acknowledgment",
            DesiredOutcome::Fix => "A fix",
            DesiredOutcome::Accountability => "Accountability",
        }
    }
}

impl Choice for DriRole {
    const ALL: &'static [Self] = &[DriRole::Csm, DriRole::CsManager, DriRole::Other];
    fn label(self) -> &'static str {
        match self {
            DriRole::Csm => "CSM",
            DriRole::CsManager => "CS Manager",
            DriRole::Other => "Other",
        }
    }
}

impl Choice for RootCause {
    const ALL: &'static [Self] = &RootCause::ALL;
    fn label(self) -> &'static str {
        RootCause::label(self)
    }
}

impl Choice for UpdateStatus {
    const ALL: &'static [Self] = &[
        UpdateStatus::InProgress,
        UpdateStatus::Resolved,
        UpdateStatus::PendingCustomer,
    ];
    fn label(self) -> &'static str {
        match self {
            UpdateStatus::InProgress => "In progress",
            UpdateStatus::Resolved => "Resolved",
            UpdateStatus::PendingCustomer => "Pending information from your side",
        }
    }
}
