//! Reading the account from a CRM page: the snapshot the page agent sends and
//! the extraction of account facts (name, ARR, renewal date) from it.
//!
//! The page agent (plain JS, `www/agent/`) only collects candidate fields; every
//! decision about what a field means lives here:
//! - [`locale`]: what the page language says about numbers and dates;
//! - [`money`] and [`date`]: exact amounts and calendar dates from page text;
//! - [`labels`] and [`crm`]: the knowledge, as data tables (label synonyms per
//!   language; per-CRM URL and attribute rules);
//! - [`hosts`]: the one host list (manifest and service worker are tested
//!   against it) and record-URL patterns ([`RecordKey`]);
//! - [`titles`]: record names in titles, save statuses, placeholders,
//!   currencies named in labels;
//! - [`extract`] identifies candidates, [`decide`] weighs them into
//!   [`AccountFacts`], [`page_facts`] reads sponsor, health and signed-in user;
//! - [`corrections`]: merging the CSM's manual corrections over them.

pub(crate) mod cldr;
pub mod corrections;
pub mod crm;
pub mod date;
mod date_calendar;
mod date_read;
mod decide;
mod extract;
pub mod facts;
pub mod hosts;
pub mod labels;
mod labels_extra;
mod labels_locales;
mod labels_table;
pub mod locale;
pub mod money;
mod money_read;
mod page_facts;
pub mod snapshot;
pub mod titles;
pub mod zone;

pub use corrections::{apply_corrections, Corrections};
pub use crm::Crm;
pub use date::{parse_date, DateError};
pub use extract::extract;
pub use facts::{AccountFacts, Alternatives, ArrBasis, Fact, Field, Problem, Source};
pub use hosts::{record_key, RecordKey, HOST_MATCHES};
pub use locale::Locale;
pub use money::{parse_money, Money, MoneyError};
pub use snapshot::{Candidate, Snapshot};
