//! # Defuse core
//!
//! The crate map. Everything a CSM relies on is decided here, in pure modules
//! that know nothing about the browser and never read the clock (`now` is
//! always an argument):
//!
//! - [`account`]: the page agent's snapshot format and reading the account's
//!   name, ARR and renewal date out of it (money and dates in every locale,
//!   CRM knowledge as data).
//! - [`engine`]: the escalation as an append-only event log, the state fold,
//!   deadlines, the DRI rules, severity, and merging logs.
//! - [`messages`]: every message of the playbook, filled from the escalation.
//! - [`coach`]: the anti-pattern coach for drafts and the escalation-signal
//!   scorer for page conversation text.
//! - [`drafting`]: the glue from an escalation and the CSM's form values to
//!   the messages, the coach's context and the events "Mark as sent" records.
//! - [`workspace`]: every escalation in storage (one record per event), the
//!   reminder plan, the badge count, export and import.
//! - [`present`]: presentation decisions (countdown text and tick timing).
//! - [`panel`]: the panel as a pure model: `Model`, `Msg`, `Effect`,
//!   `update`, `view_model` and `poll_timeout`, tested natively.
//! - [`sort`]: the one stable sort every module uses (a size lever: one
//!   copy of the sort in the wasm instead of one per call site).
//!
//! `web` (wasm32 only) is the one module allowed to touch JavaScript: the
//! wasm-bindgen exports (the public core API) and the panel UI over web-sys.
//! A meta-test (`tests/conventions.rs`) keeps the pure modules free of web
//! crates.

pub mod account;
pub mod case;
pub mod coach;
pub mod drafting;
pub mod engine;
mod json;
pub mod messages;
pub mod panel;
pub mod present;
mod rfc3339;
pub mod sort;
pub mod sort_map;
mod words;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod web;
