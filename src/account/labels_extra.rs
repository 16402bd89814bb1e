//! Labels of the page facts the panel shows beside name, ARR and renewal:
//! the customer's executive sponsor and the account's health score. Kept
//! apart from `labels.rs` (the money/date synonyms, per language) because
//! these are shown as text and never parsed.

use super::labels::normalize_into;

/// A page fact read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    ExecutiveSponsor,
    HealthScore,
}

/// (normalized label, fact, whole label only)
const EXTRA_LABELS: &[(&str, Extra, bool)] = &[
    ("executive sponsor", Extra::ExecutiveSponsor, false),
    ("exec sponsor", Extra::ExecutiveSponsor, false),
    ("executive champion", Extra::ExecutiveSponsor, false),
    ("sponsor", Extra::ExecutiveSponsor, true),
    ("customer sponsor", Extra::ExecutiveSponsor, true),
    ("exekutiver sponsor", Extra::ExecutiveSponsor, false),
    ("sponsor exécutif", Extra::ExecutiveSponsor, false),
    ("patrocinador ejecutivo", Extra::ExecutiveSponsor, false),
    ("health score", Extra::HealthScore, false),
    ("healthscore", Extra::HealthScore, false),
    ("customer health", Extra::HealthScore, false),
    ("account health", Extra::HealthScore, false),
    ("health", Extra::HealthScore, true),
    ("health status", Extra::HealthScore, true),
    ("kundengesundheit", Extra::HealthScore, false),
    ("score de santé", Extra::HealthScore, false),
];

/// Words that make a label about something else (`Health Score Trend`,
/// `Sponsor Email`).
const NOT_THE_FACT: &[&str] = &[
    "email", "e-mail", "phone", "title", "trend", "date", "changed", "previous", "history", "id",
];

/// Which extra fact a label names, if any.
pub fn match_extra(label: &str, buffer: &mut String) -> Option<Extra> {
    normalize_into(label, buffer);
    let normalized = buffer.as_str();
    if normalized.is_empty() || normalized.split(' ').count() > 6 {
        return None;
    }
    if normalized.split(' ').any(|w| NOT_THE_FACT.contains(&w)) {
        return None;
    }
    EXTRA_LABELS.iter().find_map(|(text, extra, whole)| {
        let hit = if *whole {
            normalized == *text
        } else {
            contains_words(normalized, text)
        };
        hit.then_some(*extra)
    })
}

/// Whether `words` occurs in `text` at word boundaries (both single-spaced).
/// Labels here have at most six words, so comparing word windows is cheaper
/// than a substring search built anew for every label (this runs for every
/// candidate on the page).
fn contains_words(text: &str, words: &str) -> bool {
    let n = words.split(' ').count();
    let mut starts = std::iter::once(0).chain(text.match_indices(' ').map(|(i, _)| i + 1));
    starts.any(|start| {
        let rest = text.get(start..).unwrap_or("");
        let end = rest
            .match_indices(' ')
            .nth(n.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i);
        rest.get(..end) == Some(words)
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn extra_labels() {
        let mut b = String::new();
        let m = |l: &str, b: &mut String| match_extra(l, b);
        assert_eq!(
            m("Executive Sponsor", &mut b),
            Some(Extra::ExecutiveSponsor)
        );
        assert_eq!(m("Exec. Sponsor:", &mut b), Some(Extra::ExecutiveSponsor));
        assert_eq!(m("Customer Health Score", &mut b), Some(Extra::HealthScore));
        assert_eq!(m("Health", &mut b), Some(Extra::HealthScore));
        assert_eq!(m("Health Score (0-100)", &mut b), Some(Extra::HealthScore));
        assert_eq!(m("Executive Sponsor Email", &mut b), None);
        assert_eq!(m("Health Score Trend", &mut b), None);
        assert_eq!(m("Sponsored events", &mut b), None);
        assert_eq!(m("Account Name", &mut b), None);
    }

    #[test]
    fn words_match_only_at_word_boundaries() {
        assert!(contains_words("customer health score", "health score"));
        assert!(contains_words("health score", "health score"));
        assert!(contains_words("our exec sponsor", "exec sponsor"));
        assert!(!contains_words("healthscore x", "health score"));
        assert!(!contains_words("unhealth score", "health score"));
        assert!(!contains_words("health scores", "health score"));
        assert!(!contains_words("health", "health score"));
    }
}
