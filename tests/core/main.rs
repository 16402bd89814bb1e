//! The one native integration-test binary: scenario tests of the pure core on
//! a fake clock. Each module here tests one core module through its public API.

mod account;
mod account_locales;
mod account_pages;
mod account_pin;
mod coach;
mod drafting;
mod engine;
mod locale_eval;
mod locales;
mod messages;
mod panel;
mod panel_defects;
mod panel_index;
mod panel_load;
mod panel_wiring;
mod signal;
mod workspace;
