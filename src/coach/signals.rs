//! Scores page conversation text for escalation signals (anger, threats to
//! leave, executive escalation, "how do I handle this"), so the panel can offer
//! to start the playbook. The knowledge is in `signal_tables`.

use serde::{Deserialize, Serialize};

use super::signal_tables::{LanguageTable, ESCALATING_AT, LANGUAGES};
use super::text::{Doc, Hit};

/// One phrase found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalMatch {
    /// The table phrase that matched, e.g. "cancel*".
    pub phrase: String,
    pub weight: f32,
    /// UTF-16 range in the text.
    pub start: u32,
    pub end: u32,
    pub lang: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalScore {
    /// 0..1: one minus the product of (1 - weight) over distinct phrases.
    pub score: f32,
    pub escalating: bool,
    pub matches: Vec<SignalMatch>,
}

/// The tables to use for a page language: that language and English (CRM
/// pages mix them), or every table when the language is unknown.
fn tables_for(lang: &str) -> Vec<&'static LanguageTable> {
    let code = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let chosen: Vec<&LanguageTable> = LANGUAGES
        .iter()
        .filter(|t| t.lang == code || t.lang == "en")
        .collect();
    if LANGUAGES.iter().any(|t| t.lang == code) {
        chosen
    } else {
        LANGUAGES.iter().collect()
    }
}

fn negated(doc: &Doc, hit: Hit, negators: &[&str]) -> bool {
    let sentence = doc.sentence_of(hit);
    let from = hit.first.saturating_sub(3);
    doc.tokens.get(from..hit.first).is_some_and(|before| {
        before
            .iter()
            .any(|t| t.sentence == sentence && negators.contains(&t.text.as_str()))
    })
}

/// Scores `text` for escalation. `lang` is the page language ("en", "de-DE",
/// "fr"); anything else checks every language.
pub fn score_escalation(text: &str, lang: &str) -> SignalScore {
    let doc = Doc::new(text);
    let tables = tables_for(lang);
    // Negators of every language in play: "pas urgent" negates the English
    // table's "urgent" too.
    let negators: Vec<&str> = tables
        .iter()
        .flat_map(|t| t.negators.iter().copied())
        .collect();
    let mut found: Vec<(Hit, SignalMatch)> = Vec::new();
    for table in tables {
        let phrases: Vec<&str> = table.phrases.iter().map(|(p, _)| *p).collect();
        for (hit, index) in doc.find_all(&phrases) {
            let Some((phrase, weight)) = table.phrases.get(index) else {
                continue;
            };
            if negated(&doc, hit, &negators) {
                continue;
            }
            let (start, end) = doc.span(hit);
            found.push((
                hit,
                SignalMatch {
                    phrase: phrase.to_string(),
                    weight: *weight,
                    start,
                    end,
                    lang: table.lang.to_string(),
                },
            ));
        }
    }
    // A longer phrase wins over the shorter one inside it ("threatening to
    // cancel" over "cancel*"), so one signal is not counted twice.
    found.sort_by_key(|(hit, _)| (std::cmp::Reverse(hit.last - hit.first), hit.first));
    let mut kept: Vec<(Hit, SignalMatch)> = Vec::new();
    for (hit, signal) in found {
        let overlaps = kept
            .iter()
            .any(|(k, _)| hit.first <= k.last && k.first <= hit.last);
        if !overlaps {
            kept.push((hit, signal));
        }
    }
    kept.sort_by_key(|(hit, _)| hit.first);
    let matches: Vec<SignalMatch> = kept.into_iter().map(|(_, m)| m).collect();

    let mut seen: Vec<&str> = Vec::new();
    let mut calm = 1.0f32;
    for m in &matches {
        if !seen.contains(&m.phrase.as_str()) {
            seen.push(&m.phrase);
            calm *= 1.0 - m.weight.clamp(0.0, 1.0);
        }
    }
    let score = (1.0 - calm).clamp(0.0, 1.0);
    SignalScore {
        score,
        escalating: score >= ESCALATING_AT,
        matches,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_table_weight_is_a_probability() {
        for table in LANGUAGES {
            for (phrase, weight) in table.phrases {
                assert!((0.0..=1.0).contains(weight), "{phrase}");
                assert_eq!(phrase.to_lowercase(), *phrase);
            }
        }
    }

    proptest! {
        #[test]
        fn score_stays_in_range(s in "\\PC{0,200}") {
            let score = score_escalation(&s, "");
            prop_assert!((0.0..=1.0).contains(&score.score));
            prop_assert_eq!(score.escalating, score.score >= ESCALATING_AT);
        }
    }
}
