//! Scoring the coach against a labelled corpus: per-rule precision and recall.
//! Shared by the corpus tests and `examples/coach_eval.rs` so both report the
//! same numbers. The data comes in two splits: the tuning split
//! (`corpus.json` + `tune.json`, which the rules were written against) and
//! the held-out test split (`test.json`, written first and never tuned on).

use serde::Deserialize;
use std::fmt;

use super::{coach_draft, CoachContext, Rule};

/// One labelled draft.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CorpusEntry {
    pub id: String,
    pub draft: String,
    #[serde(default)]
    pub context: CoachContext,
    /// The rules a careful reader would flag; empty for a clean message.
    pub expected: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusError {
    NotReadable(String),
    Empty,
    DuplicateId(String),
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::NotReadable(why) => write!(
                f,
                "The coach corpus could not be read as a list of drafts ({why}). Check the JSON against an existing entry."
            ),
            CorpusError::Empty => f.write_str("The coach corpus has no drafts. Add at least one labelled draft."),
            CorpusError::DuplicateId(id) => write!(
                f,
                "The coach corpus has two drafts with the id \"{id}\". Give each draft its own id."
            ),
        }
    }
}

impl std::error::Error for CorpusError {}

/// A split file: its entries with a note on how it may be used.
#[derive(Debug, Clone, Deserialize)]
struct SplitFile {
    entries: Vec<CorpusEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum CorpusFile {
    Entries(Vec<CorpusEntry>),
    Split(SplitFile),
}

/// Reads corpus JSON: an array of entries, or a split file
/// (`{"split": …, "note": …, "entries": [...]}`).
pub fn parse_corpus(json: &str) -> Result<Vec<CorpusEntry>, CorpusError> {
    let file: CorpusFile = match serde_json::from_str::<CorpusFile>(json) {
        Ok(file) => file,
        // Untagged errors say nothing useful: report the array reading's.
        Err(_) => CorpusFile::Entries(
            serde_json::from_str(json).map_err(|e| CorpusError::NotReadable(e.to_string()))?,
        ),
    };
    let entries = match file {
        CorpusFile::Entries(entries) => entries,
        CorpusFile::Split(split) => split.entries,
    };
    if entries.is_empty() {
        return Err(CorpusError::Empty);
    }
    let mut ids: Vec<&str> = Vec::new();
    for entry in &entries {
        if ids.contains(&entry.id.as_str()) {
            return Err(CorpusError::DuplicateId(entry.id.clone()));
        }
        ids.push(&entry.id);
    }
    Ok(entries)
}

/// Counts for one rule over the corpus (an entry counts once per rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleScore {
    pub rule: Rule,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

/// Share of flagged items that were right; 1.0 when nothing was flagged.
/// Shared with the signal's scoring (`signal_eval`).
pub(crate) fn precision(true_positives: usize, false_positives: usize) -> f64 {
    ratio(true_positives, true_positives + false_positives)
}

/// Share of expected items that were found; 1.0 when nothing was expected.
pub(crate) fn recall(true_positives: usize, false_negatives: usize) -> f64 {
    ratio(true_positives, true_positives + false_negatives)
}

fn ratio(hits: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        hits as f64 / of as f64
    }
}

impl RuleScore {
    /// 1.0 when the rule never fired (nothing wrongly flagged).
    pub fn precision(&self) -> f64 {
        precision(self.true_positives, self.false_positives)
    }

    /// 1.0 when the corpus has no example of the rule.
    pub fn recall(&self) -> f64 {
        recall(self.true_positives, self.false_negatives)
    }
}

/// A draft where the coach and the label disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub id: String,
    pub expected: Vec<Rule>,
    pub found: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub scores: Vec<RuleScore>,
    pub mismatches: Vec<Mismatch>,
    pub drafts: usize,
    pub clean_drafts: usize,
}

/// Runs the coach on every entry and compares with the labels.
pub fn evaluate(entries: &[CorpusEntry]) -> Evaluation {
    let mut scores: Vec<RuleScore> = Rule::ALL
        .iter()
        .map(|rule| RuleScore {
            rule: *rule,
            true_positives: 0,
            false_positives: 0,
            false_negatives: 0,
        })
        .collect();
    let mut mismatches = Vec::new();
    for entry in entries {
        let mut found: Vec<Rule> = coach_draft(&entry.draft, &entry.context)
            .into_iter()
            .map(|f| f.rule)
            .collect();
        crate::sort::sort(&mut found);
        found.dedup();
        let mut expected = entry.expected.clone();
        crate::sort::sort(&mut expected);
        expected.dedup();
        for score in scores.iter_mut() {
            match (expected.contains(&score.rule), found.contains(&score.rule)) {
                (true, true) => score.true_positives += 1,
                (false, true) => score.false_positives += 1,
                (true, false) => score.false_negatives += 1,
                (false, false) => {}
            }
        }
        if found != expected {
            mismatches.push(Mismatch {
                id: entry.id.clone(),
                expected,
                found,
            });
        }
    }
    Evaluation {
        scores,
        mismatches,
        drafts: entries.len(),
        clean_drafts: entries.iter().filter(|e| e.expected.is_empty()).count(),
    }
}

impl Evaluation {
    /// One line per rule: `rule precision recall tp fp fn`.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<32} {:>9} {:>6} {:>3} {:>3} {:>3}\n",
            "rule", "precision", "recall", "tp", "fp", "fn"
        );
        for s in &self.scores {
            out.push_str(&format!(
                "{:<32} {:>9.3} {:>6.3} {:>3} {:>3} {:>3}\n",
                s.rule.id(),
                s.precision(),
                s.recall(),
                s.true_positives,
                s.false_positives,
                s.false_negatives
            ));
        }
        out.push_str(&format!(
            "{} drafts ({} clean), {} disagree with their labels\n",
            self.drafts,
            self.clean_drafts,
            self.mismatches.len()
        ));
        for m in &self.mismatches {
            let ids = |rules: &[Rule]| rules.iter().map(|r| r.id()).collect::<Vec<_>>().join(",");
            out.push_str(&format!(
                "  {}: expected [{}] found [{}]\n",
                m.id,
                ids(&m.expected),
                ids(&m.found)
            ));
        }
        out
    }

    /// Precision over every finding of every rule (an entry counts once per rule).
    pub fn micro_precision(&self) -> f64 {
        let tp: usize = self.scores.iter().map(|s| s.true_positives).sum();
        let fp: usize = self.scores.iter().map(|s| s.false_positives).sum();
        if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        }
    }

    /// Recall over every label of every rule.
    pub fn micro_recall(&self) -> f64 {
        let tp: usize = self.scores.iter().map(|s| s.true_positives).sum();
        let missed: usize = self.scores.iter().map(|s| s.false_negatives).sum();
        if tp + missed == 0 {
            1.0
        } else {
            tp as f64 / (tp + missed) as f64
        }
    }

    /// The lowest precision or recall of any rule.
    pub fn worst(&self) -> f64 {
        self.scores
            .iter()
            .flat_map(|s| [s.precision(), s.recall()])
            .fold(1.0, f64::min)
    }
}

/// Per-rule precision and recall of two evaluations side by side: the
/// tuning split and the held-out test split.
pub fn side_by_side(tune: &Evaluation, test: &Evaluation) -> String {
    let mut out = format!(
        "{:<32} {:>17}   {:>17}\n{:<32} {:>8} {:>8}   {:>8} {:>8}\n",
        "", "tuning split", "TEST (held out)", "rule", "prec", "recall", "prec", "recall"
    );
    for (a, b) in tune.scores.iter().zip(&test.scores) {
        out.push_str(&format!(
            "{:<32} {:>8.3} {:>8.3}   {:>8.3} {:>8.3}   (test tp {} fp {} fn {})\n",
            a.rule.id(),
            a.precision(),
            a.recall(),
            b.precision(),
            b.recall(),
            b.true_positives,
            b.false_positives,
            b.false_negatives
        ));
    }
    out.push_str(&format!(
        "{:<32} {:>8.3} {:>8.3}   {:>8.3} {:>8.3}\n",
        "micro (all rules)",
        tune.micro_precision(),
        tune.micro_recall(),
        test.micro_precision(),
        test.micro_recall()
    ));
    out.push_str(&format!(
        "tuning split: {} drafts ({} clean); test split: {} drafts ({} clean), never used to tune\n",
        tune.drafts, tune.clean_drafts, test.drafts, test.clean_drafts
    ));
    out
}
