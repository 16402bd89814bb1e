//! The view model: everything the panel draws, as plain data computed by
//! [`super::view_model`] from one `now`. The web layer turns it into DOM and
//! decides nothing; test ids and attributes are named here.

use super::Action;

#[derive(Debug, Clone, PartialEq)]
pub struct ViewModel {
    /// A notice no control caused (a storage failure), shown at the top.
    pub notice: Option<NoticeVm>,
    pub header: HeaderVm,
    pub page_problem: Option<String>,
    pub quarantine: Vec<String>,
    pub bind: Option<BindVm>,
    /// The page's conversation reads like an escalation (the phrases quoted).
    pub signal: Option<String>,
    pub main: Main,
    pub list: ListVm,
    pub tools: SectionVm,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Main {
    Loading,
    Open(SectionVm),
    Escalation(Box<EscalationVm>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoticeVm {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BindVm {
    pub text: String,
    pub buttons: Vec<ButtonVm>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeaderVm {
    /// The account's name and where it was read.
    pub name: Option<(String, String)>,
    /// No name because the page's snapshot has not come yet (the first
    /// frame is drawn from stored state before it).
    pub reading: bool,
    pub arr: Option<ArrVm>,
    pub renewal: Option<RenewalVm>,
    /// Level (kebab) and reason.
    pub severity: Option<(String, String)>,
    /// "Dana Ruiz (CS Manager)" or "not named yet"; only with an escalation.
    pub dri: Option<String>,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArrVm {
    pub amount: String,
    pub currency: Option<String>,
    pub text: String,
    pub source: String,
    /// "Read $ as USD — change?" when the page's currency was assumed
    /// (`Money::currency_assumed`); it opens the ARR correction.
    pub change: Option<ButtonVm>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RenewalVm {
    pub date: String,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EscalationVm {
    pub countdown: CountdownVm,
    pub steps: Vec<StepTabVm>,
    pub step: StepVm,
    pub timeline: TimelineVm,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CountdownVm {
    /// Deadline kind (kebab) or `none`.
    pub kind: String,
    pub due: Option<String>,
    pub status: Option<String>,
    pub headline: String,
    /// `countdown`, `countdown due-soon` or `countdown overdue`.
    pub class: &'static str,
    pub next_action: String,
    pub due_lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepTabVm {
    pub name: &'static str,
    pub label: &'static str,
    /// `done`, `current` or `later`.
    pub status: &'static str,
    pub shown: bool,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepVm {
    pub name: &'static str,
    pub title: String,
    /// The result of an action whose button left with the previous step
    /// ("Recorded: acknowledgment sent"), shown at the top of this one.
    pub notice: Option<NoticeVm>,
    pub sections: Vec<SectionVm>,
}

/// A group of fields, texts, drafts and buttons; Enter in one of its fields
/// runs `submit`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SectionVm {
    pub heading: Option<String>,
    pub testid: Option<String>,
    pub status: Option<&'static str>,
    pub class: &'static str,
    pub items: Vec<Item>,
    pub submit: Option<Action>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        text: String,
        class: &'static str,
        testid: Option<&'static str>,
    },
    Field(FieldVm),
    Buttons(Vec<ButtonVm>),
    Draft(Box<DraftVm>),
    Section(SectionVm),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Area(u32),
    Date,
    DateTime,
    Url,
    Select,
    Check,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldVm {
    pub id: String,
    /// The field's key (`data-draft`).
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub value: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub options: Vec<(String, String)>,
    /// A value offered but not filled in, with the button that accepts it.
    pub offer: Option<(String, ButtonVm)>,
    pub testid: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ButtonVm {
    pub action: Action,
    pub label: String,
    pub primary: bool,
    pub testid: Option<&'static str>,
    /// The result of this button's last use, shown beside it.
    pub notice: Option<NoticeVm>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftVm {
    pub kind: String,
    pub prefix: &'static str,
    pub title: String,
    /// Goes to colleagues only: Copy, never Insert.
    pub internal: bool,
    pub ready: bool,
    pub status: String,
    pub edited: bool,
    pub subject: FieldVm,
    pub body: FieldVm,
    pub findings: Vec<FindingVm>,
    pub buttons: Vec<ButtonVm>,
    pub result: Option<(bool, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FindingVm {
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub before: String,
    pub flagged: String,
    pub after: String,
    pub suggestion: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntryVm {
    pub kind: String,
    pub class: String,
    pub datetime: String,
    pub time: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineVm {
    pub entries: Vec<TimelineEntryVm>,
    pub note: SectionVm,
    pub corrections: SectionVm,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItemVm {
    pub action: Action,
    pub text: String,
    pub overdue: bool,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListVm {
    pub items: Vec<ListItemVm>,
    /// What the list says when it lists none.
    pub empty: &'static str,
    pub buttons: Vec<ButtonVm>,
}
