//! The panel as a pure model (Elm / quinn-proto style): [`Model`] holds the
//! CSM's workspace, the page's facts, the form, notices and settings;
//! [`update`] turns one [`Msg`] into state changes and [`Effect`]s for the
//! host (storage, insert, copy, download, announce, focus); [`view_model`]
//! computes everything the panel shows from one `now` and one fold; and
//! [`poll_timeout`] says when to tick next. Every decision the CSM sees is
//! made here and tested natively on a fake clock; `src/web/` only turns DOM
//! events into `Msg`, runs effects and draws the [`ViewModel`].

mod action;
mod commands;
mod flow;
mod form;
mod load;
mod parts;
mod playbook;
mod steps;
mod view;
mod vm;

pub use action::{prefix, Action, Choice, Field};
pub use commands::{follow_page, same_record};
pub use form::reached_from_page;
pub use view::{first_field, view_model};
pub use vm::*;

use crate::account::{AccountFacts, Snapshot};
use crate::engine::{Stage, TimeZoneRules};
use crate::messages::MessageKind;
use crate::sort_map::Map;
use crate::workspace::{ImportReport, Settings, Workspace};
use chrono::{DateTime, Utc};

/// The time-zone knowledge the panel needs: offsets (the engine's rules),
/// the short name the customer reads ("CST"), and whether a zone exists.
pub trait Zones: TimeZoneRules {
    fn short_name(&self, _zone: &str, _at: DateTime<Utc>) -> Option<String> {
        None
    }
    fn knows(&self, zone: &str, at: DateTime<Utc>) -> bool {
        self.offset_seconds(zone, at).is_some()
    }
}

/// `&dyn Zones` seen as the engine's `&dyn TimeZoneRules`.
pub(crate) struct Rules<'a>(pub &'a dyn Zones);

impl TimeZoneRules for Rules<'_> {
    fn offset_seconds(&self, zone: &str, at: DateTime<Utc>) -> Option<i32> {
        self.0.offset_seconds(zone, at)
    }
}

/// The result of the last action, shown beside the control that caused it
/// (`anchor`), or at the top when nothing caused it (a storage failure).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    pub anchor: Option<Action>,
}

/// An import waiting for its storage writes to finish: the plan's report,
/// completed with the writes' outcomes ([`ImportReport::saved`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportProgress {
    pub waiting: Vec<String>,
    /// The planned events, shown once storage holds them: a refused write
    /// stays out of the workspace, so importing the file again retries it.
    pub pending: Vec<crate::engine::Event>,
    pub stored: usize,
    pub failed: usize,
    pub report: ImportReport,
}

/// What waits for every escalation to be read.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterLoad {
    Export,
    /// The text of the file to import.
    Import(String),
}

/// Everything the panel knows.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The CSM's IANA zone (the browser's).
    pub csm_zone: String,
    /// The CSM's locale (`en-US`), passed where drafts are made.
    pub locale: String,
    pub settings: Settings,
    pub ws: Workspace,
    pub loaded: bool,
    pub snapshot: Option<Snapshot>,
    pub facts: AccountFacts,
    /// The customer's zone as the page states it.
    pub page_zone: Option<String>,
    pub page_problem: Option<String>,
    /// The escalation shown; `None` shows the form that opens one.
    pub current: Option<String>,
    /// Set when the CSM picked an escalation from the list.
    pub pinned: bool,
    /// The list shows closed escalations too (the CSM asked to see them).
    pub show_closed: bool,
    /// The step the CSM opened; `None` follows the escalation's stage.
    pub view: Option<Stage>,
    /// Typed form values by storage key (`defuse:draft:<scope>:<field>`).
    pub drafts: Map<String, String>,
    /// Suggested values shown once and kept while the panel is open (same keys).
    pub suggested: Map<String, String>,
    pub notice: Option<Notice>,
    /// Problems beside fields, by field key.
    pub errors: Map<String, String>,
    pub insert_results: crate::sort_map::Map<&'static str, (bool, String)>,
    /// A draft whose "Mark as sent" waits for the CSM to confirm open warnings.
    pub confirm: Option<MessageKind>,
    /// An escalation matched by account name only: asked before binding.
    pub bind_offer: Option<String>,
    /// Page URLs the CSM bound by hand (name-only matches they confirmed).
    pub bound: Map<String, String>,
    /// Name matches the CSM declined for a page.
    pub declined: Map<String, String>,
    /// Every draft value this panel wrote, per key (to recognise our echo).
    pub own_writes: crate::sort_map::Map<String, Vec<Option<String>>>,
    pub import: Option<ImportProgress>,
    /// The last countdown state announced ("Acknowledgment overdue").
    pub announced: Option<String>,
    /// Makes event ids unique across panels (given by the shell).
    pub id_seed: String,
    pub id_counter: u64,
    /// Escalations whose events are being read (`Effect::Load`).
    pub loading: crate::sort_map::Set<String>,
    /// Every event is being read.
    pub loading_all: bool,
    /// Escalations to read at the next update.
    pub must_read: Vec<String>,
    pub after_load: Option<AfterLoad>,
    /// Drawn from the fold index, the key list not read yet: opening an
    /// escalation waits (another tab may have opened it meanwhile).
    pub reconciling: bool,
}

impl Model {
    pub fn new(csm_zone: &str, locale: &str, id_seed: &str) -> Model {
        Model {
            csm_zone: csm_zone.to_string(),
            locale: locale.to_string(),
            id_seed: id_seed.to_string(),
            ..Model::default()
        }
    }
}

/// What happened: a DOM event, a host answer, or time passing.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The Defuse records read at start: settings, drafts, folds and
    /// events (all of them, or what `workspace::WakeUp::panel_keys` says).
    Loaded {
        records: Vec<(String, String)>,
    },
    /// The events of one escalation (every one when `None`), read for an
    /// `Effect::Load`.
    Read {
        escalation: Option<String>,
        records: Vec<(String, String)>,
    },
    LoadFailed(String),
    /// The first read when a fold index is stored: the settings and the
    /// index (one read, before the key list). `Msg::Reconciled` follows.
    Indexed {
        records: Vec<(String, String)>,
        index: crate::workspace::Index,
    },
    /// After `Msg::Indexed`, from the key list: the index's fold keys that
    /// storage still picks (`keep`), and the records it holds instead
    /// (drafts, folds, events of escalations without a fresh fold).
    Reconciled {
        keep: Vec<String>,
        records: Vec<(String, String)>,
    },
    Snapshot(Box<Snapshot>),
    PageProblem(String),
    /// Keys another tab (or this one) changed; `None` is a removal.
    StorageChanged(Vec<(String, Option<String>)>),
    /// The result of one `Effect::Put` / `Effect::Remove`.
    Stored {
        key: String,
        error: Option<String>,
    },
    Input {
        field: Field,
        value: String,
    },
    Click(Action),
    InsertDone {
        kind: MessageKind,
        ok: bool,
        message: String,
    },
    CopyDone {
        kind: MessageKind,
        error: Option<String>,
    },
    /// The text of the file the CSM picked for import.
    FileChosen(String),
    FileFailed(String),
    Tick,
}

/// What the host must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Put {
        key: String,
        value: String,
    },
    Remove {
        key: String,
    },
    Insert {
        kind: MessageKind,
        subject: String,
        text: String,
        html: String,
    },
    Copy {
        kind: MessageKind,
        text: String,
    },
    Download {
        name: String,
        text: String,
    },
    PickFile,
    /// Read the events of `escalation` (of every one when `None`) and
    /// answer `Msg::Read`.
    Load {
        escalation: Option<String>,
    },
    /// Say this once to screen readers.
    Announce(String),
    /// Move focus to the element with this id.
    Focus(String),
}

/// Applies `msg` at `now`; returns what the host must do.
pub fn update(model: &mut Model, msg: Msg, now: DateTime<Utc>, zones: &dyn Zones) -> Vec<Effect> {
    let before = commands::shown_stage(model);
    let mut fx = commands::handle(model, msg, now, zones);
    fx.extend(load::needed(model, now));
    form::seed_suggestions(model, now, zones);
    let after = commands::shown_stage(model);
    if after != before && !fx.iter().any(|e| matches!(e, Effect::Focus(_))) {
        if let Some(stage) = after {
            fx.push(Effect::Focus(view::first_field(stage)));
        }
    }
    fx
}

/// When the panel should next receive `Msg::Tick` (the countdown's next
/// visible change or status change); `None` when nothing counts down.
pub fn poll_timeout(model: &Model, now: DateTime<Utc>, zones: &dyn Zones) -> Option<DateTime<Utc>> {
    let next = view::next_due(model, now, zones)?;
    Some(now + chrono::TimeDelta::milliseconds(next.next_tick_ms))
}
