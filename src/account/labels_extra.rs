//! Labels of the page facts the panel shows beside name, ARR and renewal:
//! the customer's executive sponsor and the account's health score. Kept
//! apart from `labels.rs` (the money/date synonyms, per language) because
//! these are shown as text and never parsed.

/// A page fact read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    ExecutiveSponsor,
    HealthScore,
}

/// (the normalized label's words, fact, whole label only)
const EXTRA_LABELS: &[(&[&str], Extra, bool)] = &[
    (&["executive", "sponsor"], Extra::ExecutiveSponsor, false),
    (&["exec", "sponsor"], Extra::ExecutiveSponsor, false),
    (&["executive", "champion"], Extra::ExecutiveSponsor, false),
    (&["sponsor"], Extra::ExecutiveSponsor, true),
    (&["customer", "sponsor"], Extra::ExecutiveSponsor, true),
    (&["exekutiver", "sponsor"], Extra::ExecutiveSponsor, false),
    (&["sponsor", "exécutif"], Extra::ExecutiveSponsor, false),
    (
        &["patrocinador", "ejecutivo"],
        Extra::ExecutiveSponsor,
        false,
    ),
    (&["health", "score"], Extra::HealthScore, false),
    (&["healthscore"], Extra::HealthScore, false),
    (&["customer", "health"], Extra::HealthScore, false),
    (&["account", "health"], Extra::HealthScore, false),
    (&["health"], Extra::HealthScore, true),
    (&["health", "status"], Extra::HealthScore, true),
    (&["kundengesundheit"], Extra::HealthScore, false),
    (&["score", "de", "santé"], Extra::HealthScore, false),
];

/// Words that make a label about something else (`Health Score Trend`,
/// `Sponsor Email`).
static NOT_THE_FACT: crate::words::WordList = crate::words::word_list![
    "email", "e-mail", "phone", "title", "trend", "date", "changed", "previous", "history", "id",
];

/// Which extra fact a label names, if any, from the label passed through
/// [`normalize_into`](super::labels::normalize_into).
pub fn match_extra(normalized: &str) -> Option<Extra> {
    if normalized.is_empty() {
        return None;
    }
    // The label's words, split once (this runs for every candidate on the
    // page): at most six, or it is no label of these.
    let mut words = [""; MAX_WORDS];
    let mut n = 0;
    for word in super::labels::words(normalized) {
        let slot = words.get_mut(n)?;
        *slot = word;
        n += 1;
    }
    let words = words.get(..n).unwrap_or_default();
    // Every label above ends in one of these words: most labels on a page
    // have none of them and are ruled out here.
    if !words.iter().any(|w| is_last_word(w)) {
        return None;
    }
    if words.iter().any(|w| NOT_THE_FACT.contains(w)) {
        return None;
    }
    EXTRA_LABELS.iter().find_map(|(phrase, extra, whole)| {
        let hit = if *whole {
            words == *phrase
        } else {
            contains_words(words, phrase)
        };
        hit.then_some(*extra)
    })
}

/// Whether `word` ends one of the EXTRA_LABELS (a test keeps the two in step).
fn is_last_word(word: &str) -> bool {
    // By length first: one comparison at most for most words.
    let same_length: &[&str] = match word.len() {
        5 => &["score"],
        6 => &["health", "status", "santé"],
        7 => &["sponsor"],
        8 => &["champion"],
        9 => &["exécutif", "ejecutivo"],
        11 => &["healthscore"],
        16 => &["kundengesundheit"],
        _ => &[],
    };
    same_length.contains(&word)
}

/// Labels of more words are never one of these facts.
const MAX_WORDS: usize = 6;

/// Whether the words of `phrase` occur in a row in `words` (so at word
/// boundaries: `health score` is in `customer health score`, not in
/// `health scores`).
fn contains_words(words: &[&str], phrase: &[&str]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|window| window == phrase)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn extra_labels() {
        let mut b = String::new();
        let m = |l: &str, b: &mut String| {
            super::super::labels::normalize_into(l, b);
            match_extra(b)
        };
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
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        let hs = ["health", "score"];
        assert!(contains_words(&words("customer health score"), &hs));
        assert!(contains_words(&words("health score"), &hs));
        assert!(contains_words(
            &words("our exec sponsor"),
            &["exec", "sponsor"]
        ));
        assert!(!contains_words(&words("healthscore x"), &hs));
        assert!(!contains_words(&words("unhealth score"), &hs));
        assert!(!contains_words(&words("health scores"), &hs));
        assert!(!contains_words(&words("health"), &hs));
    }

    #[test]
    fn last_words_cover_every_label() {
        for (phrase, ..) in EXTRA_LABELS {
            assert!(phrase.last().is_some_and(|w| is_last_word(w)), "{phrase:?}");
        }
    }

    #[test]
    fn six_words_at_most() {
        let mut b = String::new();
        let mut m = |l: &str| {
            super::super::labels::normalize_into(l, &mut b);
            match_extra(&b)
        };
        assert_eq!(m("the account health score of this customer"), None);
        assert_eq!(
            m("account health score of this customer"),
            Some(Extra::HealthScore)
        );
    }
}
