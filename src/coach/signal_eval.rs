//! Scoring the escalation signal against its labelled corpus
//! (`tests/data/signal/corpus.json`): precision and recall per split (`tune`,
//! and the held-out `test` that is never used to tune) and per language.
//! Shared by the held-out test and `examples/signal_eval.rs` (`make bench`),
//! so both report the same numbers.

use serde::Deserialize;
use std::fmt;

use super::signal_thread::escalation_in;
use crate::account::snapshot::{Direction, PageMessage};

/// One labelled conversation.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalEntry {
    pub id: String,
    pub split: String,
    pub lang: String,
    pub escalating: bool,
    pub messages: Vec<PageMessage>,
}

#[derive(Debug, Clone, Deserialize)]
struct SignalCorpus {
    entries: Vec<SignalEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignalCorpusError {
    NotReadable(String),
    Empty,
    DuplicateId(String),
    UnknownSplit(String),
}

impl fmt::Display for SignalCorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignalCorpusError::NotReadable(why) => write!(
                f,
                "The signal corpus could not be read ({why}). Check the JSON against an existing entry."
            ),
            SignalCorpusError::Empty => f.write_str("The signal corpus has no entries. Add labelled conversations."),
            SignalCorpusError::DuplicateId(id) => write!(
                f,
                "The signal corpus has two entries with the id \"{id}\". Give each entry its own id."
            ),
            SignalCorpusError::UnknownSplit(id) => write!(
                f,
                "The signal corpus entry \"{id}\" is in neither the \"tune\" nor the \"test\" split."
            ),
        }
    }
}

impl std::error::Error for SignalCorpusError {}

/// Reads the corpus JSON (`{ "entries": [...] }`).
pub fn parse_signal_corpus(json: &str) -> Result<Vec<SignalEntry>, SignalCorpusError> {
    let corpus: SignalCorpus =
        serde_json::from_str(json).map_err(|e| SignalCorpusError::NotReadable(e.to_string()))?;
    if corpus.entries.is_empty() {
        return Err(SignalCorpusError::Empty);
    }
    let mut ids: Vec<&str> = Vec::new();
    for entry in &corpus.entries {
        if ids.contains(&entry.id.as_str()) {
            return Err(SignalCorpusError::DuplicateId(entry.id.clone()));
        }
        if entry.split != "tune" && entry.split != "test" {
            return Err(SignalCorpusError::UnknownSplit(entry.id.clone()));
        }
        ids.push(&entry.id);
    }
    Ok(corpus.entries)
}

/// Counts for one split and language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    pub split: String,
    pub lang: String,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub true_negatives: usize,
    /// Ids the scorer got wrong.
    pub misses: Vec<String>,
}

impl Counts {
    /// 1.0 when nothing was flagged.
    pub fn precision(&self) -> f64 {
        super::eval::precision(self.true_positives, self.false_positives)
    }

    /// 1.0 when there is nothing to find.
    pub fn recall(&self) -> f64 {
        super::eval::recall(self.true_positives, self.false_negatives)
    }

    pub fn total(&self) -> usize {
        self.true_positives + self.false_positives + self.false_negatives + self.true_negatives
    }
}

/// Runs the thread scorer on every entry; one `Counts` per (split, language),
/// in the order tune/test then en/de/fr (other languages after).
pub fn evaluate_signals(entries: &[SignalEntry]) -> Vec<Counts> {
    evaluate_with(entries, false)
}

/// The same, as if the page told no directions (every message `unknown`):
/// who is speaking is then read from the text alone.
pub fn evaluate_signals_without_direction(entries: &[SignalEntry]) -> Vec<Counts> {
    evaluate_with(entries, true)
}

fn evaluate_with(entries: &[SignalEntry], hide_direction: bool) -> Vec<Counts> {
    let mut out: Vec<Counts> = Vec::new();
    for entry in entries {
        let found = if hide_direction {
            let unknown: Vec<PageMessage> = entry
                .messages
                .iter()
                .map(|m| PageMessage {
                    direction: Direction::Unknown,
                    ..m.clone()
                })
                .collect();
            escalation_in(&unknown, &entry.lang).is_some()
        } else {
            escalation_in(&entry.messages, &entry.lang).is_some()
        };
        let index = match out
            .iter()
            .position(|c| c.split == entry.split && c.lang == entry.lang)
        {
            Some(i) => i,
            None => {
                out.push(Counts {
                    split: entry.split.clone(),
                    lang: entry.lang.clone(),
                    ..Counts::default()
                });
                out.len() - 1
            }
        };
        let Some(counts) = out.get_mut(index) else {
            continue;
        };
        match (entry.escalating, found) {
            (true, true) => counts.true_positives += 1,
            (false, true) => counts.false_positives += 1,
            (true, false) => counts.false_negatives += 1,
            (false, false) => counts.true_negatives += 1,
        }
        if entry.escalating != found {
            counts.misses.push(entry.id.clone());
        }
    }
    let rank = |c: &Counts| {
        let split = usize::from(c.split == "test");
        let lang = ["en", "de", "fr"]
            .iter()
            .position(|l| *l == c.lang)
            .unwrap_or(3);
        (split, lang, c.lang.clone())
    };
    crate::sort::sort_by_key(&mut out, rank);
    out
}

/// One line per split and language: `split lang n precision recall`.
pub fn signal_table(counts: &[Counts]) -> String {
    let mut out = format!(
        "{:<6} {:<4} {:>4} {:>9} {:>6}\n",
        "split", "lang", "n", "precision", "recall"
    );
    for c in counts {
        out.push_str(&format!(
            "{:<6} {:<4} {:>4} {:>9.3} {:>6.3}\n",
            c.split,
            c.lang,
            c.total(),
            c.precision(),
            c.recall()
        ));
    }
    out.push_str(
        "(test = held-out split: written before tuning, never used to choose phrases or weights)\n",
    );
    out
}
