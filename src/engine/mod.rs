//! The escalation engine: the playbook as an append-only event log, the state
//! fold over it, deadlines for a given `now`, DRI rules, severity and merging.
//!
//! Like a protocol state machine, the engine never reads the clock: every
//! function that depends on time takes `now`, and `next_wakeup` says when to
//! ask again.

mod action;
mod check;
mod config;
mod date_text;
mod deadline;
mod dri;
mod event;
mod event_wire;
mod merge;
mod record;
mod severity;
mod state;
mod time;
mod timeline;
mod triage;
mod tz;

pub use action::{next_action, ActionKind, NextAction};
pub use check::{check, EngineError};
pub use config::{Config, DueSoonMinutes};
pub use date_text::{minute_value, parse_minute_value, parse_ymd, short_day_time};
pub use deadline::{deadlines, next_wakeup, Deadline, DeadlineKind, DeadlineStatus, MissedRun};
pub use dri::{recommend_dri, validate_dri_name, DriError, DriRecommendation};
pub use event::{
    DriRole, Event, EventBody, FactCorrection, Opened, RestorationStep, StatusUpdate, TriageAnswer,
    UpdateStatus,
};
pub use merge::{merge, normalize};
pub use record::{
    decode_record, encode_record, storage_key, RecordError, MAX_RECORD_BYTES, SCHEMA_VERSION,
};
pub use severity::{
    assess_severity, escalation_severity, lead_percent, Severity, SeverityAssessment,
    SeverityConfig,
};
pub use state::{
    fold, fold_normalized, needs_engineering_loop_in, Ack, Dri, Escalation, Resolution,
    RestorationProgress, SentUpdate, Stage, Triage, TriageItem,
};
pub use time::{is_js_instant, js_instant, js_range};
pub use timeline::{timeline, TimelineEntry};
pub use triage::{DesiredOutcome, RootCause, TriageKey, TRIAGE_QUESTIONS};
pub use tz::{from_local, skip_weekend, to_local, LocalTime, TimeZoneRules, UtcOnly};
