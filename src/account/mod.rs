//! Reading the account from a CRM page: the snapshot the page agent sends and
//! the extraction of account facts (name, ARR, renewal date) from it.
//!
//! The page agent (plain JS, `www/agent/`) only collects candidate fields; every
//! decision about what a field means lives here:
//! - [`locale`]: what the page language says about numbers and dates;
//! - [`money`] and [`date`]: exact amounts and calendar dates from page text;
//! - [`labels`] and [`crm`]: the knowledge, as data tables (label synonyms per
//!   language; per-CRM URL and attribute rules);
//! - [`extract`]: scoring candidates into [`AccountFacts`];
//! - [`corrections`]: merging the CSM's manual corrections over them.

pub mod corrections;
pub mod crm;
pub mod date;
mod extract;
pub mod facts;
pub mod labels;
pub mod locale;
pub mod money;
pub mod snapshot;
pub mod zone;

pub use corrections::{apply_corrections, Corrections};
pub use crm::Crm;
pub use date::{parse_date, DateError};
pub use extract::extract;
pub use facts::{AccountFacts, Alternatives, ArrBasis, Fact, Field, Problem, Source};
pub use locale::Locale;
pub use money::{parse_money, Money, MoneyError};
pub use snapshot::{Candidate, Snapshot};
