//! The only Rust that touches JavaScript: the wasm-bindgen exports (the public
//! core API, usable from extension pages and from Node) and the panel UI over
//! web-sys. Everything here moves data and draws; decisions are made by the
//! pure modules it calls.

pub mod api;
pub mod dom;
pub mod escalation;
pub mod host;
pub mod panel;
mod panel_read;
pub mod tz;
mod view;
pub mod wake;
