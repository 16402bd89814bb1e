//! The only Rust that touches JavaScript: the wasm-bindgen exports (the public
//! core API, usable from extension pages and from Node) and the panel UI over
//! web-sys. Everything here moves data and draws; decisions are made by the
//! pure modules it calls.
//!
//! With the `worker` feature only the service worker's exports are built
//! (`reminders`, `affectsReminders`, `version`): the small core
//! `tools/build.sh` makes for `www/background/` (pkg-worker/).
#![cfg_attr(feature = "worker", allow(dead_code, unused_imports))]

pub mod api;
#[cfg(not(feature = "worker"))]
pub mod dom;
#[cfg(not(feature = "worker"))]
pub mod escalation;
#[cfg(not(feature = "worker"))]
pub mod host;
#[cfg(not(feature = "worker"))]
pub mod panel;
pub mod tz;
#[cfg(not(feature = "worker"))]
mod view;
pub mod wake;
