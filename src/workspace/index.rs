//! The fold index: one derived record (`defuse:index`) holding every
//! escalation's fold under the fold key it was stored as, so the panel's
//! first frame comes from a single read instead of the key list (30,000
//! keys cost Chrome ~100 ms to list) and 500 fold reads.
//!
//! Like a fold, the index is never the truth. The worker rewrites it in the
//! pass that stores or removes folds (or when it is missing); the panel
//! draws from it, then reads the key list and reconciles: an entry whose
//! fold key is no longer the one storage would pick is dropped, and what
//! storage holds instead is read. An index that cannot be read, or of
//! another version, is ignored (the key list path is taken). It is not an
//! event: never exported, never imported, and never calls for a re-arm
//! (`affects_reminders` ignores it). A panel that finds it unusable or
//! behind storage ([`index_behind`]) asks the worker for a wake-up that
//! rewrites it (`WakeUp::rebuild_index`), so it heals at once instead of
//! at the next fold change.

use crate::sort_map::Set;

use serde::Serialize;

use super::fold::Fold;
use super::keys;

/// The index record's key.
pub const INDEX: &str = "defuse:index";

/// The index record's schema; any other version is ignored.
pub const INDEX_VERSION: u32 = 1;

/// Every fold, by the key it is stored under (`defuse:fold:<esc>:<stamp>`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Index {
    pub v: u32,
    pub folds: Vec<(String, Fold)>,
}

crate::read_struct!(Index {
    v: "v",
    folds: "folds"
});

impl Index {
    pub fn new(folds: Vec<(String, Fold)>) -> Index {
        Index {
            v: INDEX_VERSION,
            folds,
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored index, or `None` when it cannot be read, is of another
    /// version, or names a key that is not a fold key (then the key list
    /// decides, as without an index).
    pub fn decode(text: &str) -> Option<Index> {
        let index = crate::json::read_text::<Index>(text).ok()?;
        let well_formed = index.v == INDEX_VERSION
            && index
                .folds
                .iter()
                .all(|(k, _)| matches!(keys::Key::parse(k), Some(keys::Key::Fold { .. })));
        well_formed.then_some(index)
    }

    /// The escalation each entry is filed under, with its fold.
    pub fn entries(&self) -> impl Iterator<Item = (String, &str, &Fold)> {
        self.folds
            .iter()
            .filter_map(|(k, f)| match keys::Key::parse(k) {
                Some(keys::Key::Fold { escalation, .. }) => Some((escalation, k.as_str(), f)),
                _ => None,
            })
    }
}

/// Whether an index is behind storage, from the panel's reconcile: `held`
/// the fold keys the index holds, `want` what the key list says the panel
/// needs (`WakeUp::panel_keys`). Behind when storage picks a fold the index
/// lacks, or the index holds a fold storage no longer picks (a failed index
/// write, a fold replaced meanwhile, or one no longer fresh).
pub fn index_behind<S: AsRef<str>>(held: &Set<String>, want: &[S]) -> bool {
    let mut kept = 0;
    for k in want.iter().map(AsRef::as_ref) {
        if held.contains(k) {
            kept += 1;
        } else if k.starts_with(keys::FOLD_PREFIX) {
            return true;
        }
    }
    kept != held.len()
}
