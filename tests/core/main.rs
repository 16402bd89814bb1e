//! The one native integration-test binary: scenario tests of the pure core on
//! a fake clock. Each module here tests one core module through its public API.

mod account;
mod coach;
mod drafting;
mod engine;
mod messages;
mod panel;
mod panel_defects;
mod workspace;
