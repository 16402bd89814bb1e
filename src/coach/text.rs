//! A tiny tokenizer and phrase matcher, shared by the coach and the signal
//! scorer. Tokens are lowercase copies of words that remember where they came
//! from in UTF-16 code units, because the panel highlights with JS string
//! offsets. No regex crate: the patterns are plain phrases, which keeps the
//! wasm small and the rules readable as data.

/// One word of the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lowercased, with typographic apostrophes folded to `'`.
    pub text: String,
    /// Start and end in UTF-16 code units of the original text.
    pub start: u32,
    pub end: u32,
    /// Index of the sentence (or line) the word belongs to.
    pub sentence: u32,
    /// What separates this word from the previous one.
    pub gap_before: Gap,
    /// Whether the word started with an uppercase letter (a name, usually).
    pub capitalized: bool,
}

/// The separator before a word, as much as the clock-time reader needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Nothing or only whitespace.
    Space,
    /// Exactly ":" ("4:30").
    Colon,
    /// Exactly "." ("4.30").
    Dot,
    Other,
}

impl Gap {
    /// The gap once `c` is added; `first` when `c` is its first character.
    fn after(self, c: char, first: bool) -> Gap {
        match (first, c) {
            (true, ':') => Gap::Colon,
            (true, '.') => Gap::Dot,
            (_, c) if c.is_whitespace() && (first || self == Gap::Space) => Gap::Space,
            _ => Gap::Other,
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n' | ';' | '\u{3002}')
}

/// Splits `text` into words: runs of letters and digits, with apostrophes kept
/// inside a word ("don't", "n'est"). Hyphens separate words, so "end-of-day"
/// matches the phrase "end of day".
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut offset16: u32 = 0;
    let mut sentence: u32 = 0;
    let mut gap = Gap::Space;
    let mut gap_len = 0usize;
    let mut current: Option<Token> = None;
    for (i, &c) in chars.iter().enumerate() {
        let width = c.len_utf16() as u32;
        let next_is_word = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let joins_word = is_apostrophe(c) && current.is_some() && next_is_word;
        if c.is_alphanumeric() || joins_word {
            if current.is_none() {
                gap_len = 0;
            }
            let token = current.get_or_insert_with(|| Token {
                text: String::new(),
                start: offset16,
                end: offset16,
                sentence,
                gap_before: std::mem::replace(&mut gap, Gap::Space),
                capitalized: c.is_uppercase(),
            });
            if is_apostrophe(c) {
                token.text.push('\'');
            } else {
                token.text.extend(c.to_lowercase());
            }
            token.end = offset16 + width;
        } else {
            if let Some(token) = current.take() {
                tokens.push(token);
            }
            // "a.m." and "e.g." do not end a sentence.
            let after_initial = c == '.'
                && tokens.last().is_some_and(|t| {
                    t.end == offset16
                        && t.text.chars().count() == 1
                        && t.text.chars().all(char::is_alphabetic)
                });
            if is_sentence_break(c) && !is_decimal_point(&chars, i) && !after_initial {
                sentence += 1;
            }
            gap = gap.after(c, gap_len == 0);
            gap_len += 1;
        }
        offset16 += width;
    }
    if let Some(token) = current.take() {
        tokens.push(token);
    }
    tokens
}

/// "4.30" and "1.5" do not end a sentence.
fn is_decimal_point(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|p| chars.get(p));
    let after = chars.get(i + 1);
    chars.get(i) == Some(&'.')
        && before.is_some_and(|c| c.is_ascii_digit())
        && after.is_some_and(|c| c.is_ascii_digit())
}

/// A word of a phrase matches a token exactly, by prefix when the pattern
/// word ends in `*` (by ending when it starts with one), and through a short elision ("d'annuler" matches
/// "annuler", "l'équipe" matches "équipe").
fn word_matches(token: &str, pattern: &str) -> bool {
    if token == pattern {
        return true;
    }
    let wildcard = pattern.starts_with('*') || pattern.ends_with('*');
    if !wildcard && !token.contains('\'') {
        return false;
    }
    let matches = |t: &str| {
        if let Some(stem) = pattern.strip_suffix('*') {
            t.starts_with(stem)
        } else if let Some(ending) = pattern.strip_prefix('*') {
            t.ends_with(ending)
        } else {
            t == pattern
        }
    };
    if matches(token) {
        return true;
    }
    match token.find('\'') {
        Some(pos) if pos > 0 && pos <= 2 => token.get(pos + 1..).is_some_and(matches),
        _ => false,
    }
}

/// A phrase found in the tokens: indexes of its first and last word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub first: usize,
    pub last: usize,
}

fn word_of(tokens: &[Token], at: usize) -> &str {
    tokens.get(at).map_or("", |t| t.text.as_str())
}

/// Whether `phrase` (lowercase words separated by spaces) starts at token `at`,
/// all within one sentence.
pub fn phrase_at(tokens: &[Token], at: usize, phrase: &str) -> Option<Hit> {
    let first = tokens.get(at)?;
    let mut last = at;
    for (k, word) in phrase.split(' ').enumerate() {
        let token = tokens.get(at + k)?;
        if token.sentence != first.sentence || !word_matches(&token.text, word) {
            return None;
        }
        last = at + k;
    }
    Some(Hit { first: at, last })
}

/// The tokens of one text, with a sorted word list so that looking up a table
/// of hundreds of phrases costs a binary search per phrase, not a scan.
pub struct Doc {
    pub tokens: Vec<Token>,
    /// Token positions sorted by word.
    by_word: Vec<usize>,
    /// Elided words listed under their stem ("annuler" for "d'annuler"), sorted.
    stems: Vec<(String, usize)>,
}

impl Doc {
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut by_word: Vec<usize> = (0..tokens.len()).collect();
        by_word.sort_unstable_by(|a, b| word_of(&tokens, *a).cmp(word_of(&tokens, *b)));
        let mut stems: Vec<(String, usize)> = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            if let Some(pos) = token.text.find('\'').filter(|p| *p > 0 && *p <= 2) {
                if let Some(rest) = token.text.get(pos + 1..).filter(|r| !r.is_empty()) {
                    stems.push((rest.to_string(), at));
                }
            }
        }
        stems.sort_unstable();
        Doc {
            tokens,
            by_word,
            stems,
        }
    }

    /// Token positions where a phrase starting with `first` could start.
    fn starts(&self, first: &str) -> Vec<usize> {
        let (stem, prefix) = match first.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (first, false),
        };
        let fits = |w: &str| {
            if prefix {
                w.starts_with(stem)
            } else {
                w == stem
            }
        };
        let from = self
            .by_word
            .partition_point(|at| word_of(&self.tokens, *at) < stem);
        let mut starts: Vec<usize> = self
            .by_word
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|at| fits(word_of(&self.tokens, **at)))
            .copied()
            .collect();
        if !self.stems.is_empty() {
            let from = self.stems.partition_point(|(w, _)| w.as_str() < stem);
            let elided = self.stems.get(from..).unwrap_or(&[]).iter();
            starts.extend(elided.take_while(|(w, _)| fits(w)).map(|(_, at)| *at));
        }
        starts
    }

    /// Every occurrence of any of `phrases`, in text order, with the index of
    /// the phrase that matched.
    pub fn find_all(&self, phrases: &[&str]) -> Vec<(Hit, usize)> {
        let mut hits = Vec::new();
        for (p, phrase) in phrases.iter().enumerate() {
            let first = phrase.split(' ').next().unwrap_or("");
            if first.starts_with('*') {
                // Rare ending patterns ("*'ll") scan every word.
                for at in 0..self.tokens.len() {
                    if let Some(hit) = phrase_at(&self.tokens, at, phrase) {
                        hits.push((hit, p));
                    }
                }
                continue;
            }
            for at in self.starts(first) {
                if let Some(hit) = phrase_at(&self.tokens, at, phrase) {
                    hits.push((hit, p));
                }
            }
        }
        hits.sort_unstable_by_key(|(hit, p)| (hit.first, hit.last, *p));
        hits.dedup();
        hits
    }

    /// Every occurrence, without which phrase matched.
    pub fn hits(&self, phrases: &[&str]) -> Vec<Hit> {
        self.find_all(phrases)
            .into_iter()
            .map(|(hit, _)| hit)
            .collect()
    }

    /// The first occurrence of any of `phrases`.
    pub fn find_first(&self, phrases: &[&str]) -> Option<Hit> {
        self.hits(phrases).into_iter().next()
    }

    /// The sentences in which any of `phrases` occurs, ascending.
    pub fn sentences_with(&self, phrases: &[&str]) -> Vec<u32> {
        let mut sentences: Vec<u32> = self
            .hits(phrases)
            .iter()
            .map(|h| self.sentence_of(*h))
            .collect();
        sentences.dedup();
        sentences
    }

    pub fn sentence_of(&self, hit: Hit) -> u32 {
        self.tokens.get(hit.first).map_or(0, |t| t.sentence)
    }

    /// UTF-16 span of a hit.
    pub fn span(&self, hit: Hit) -> (u32, u32) {
        span(&self.tokens, hit)
    }

    pub fn last_sentence(&self) -> u32 {
        self.tokens.last().map_or(0, |t| t.sentence)
    }
}

/// UTF-16 span of a hit.
pub fn span(tokens: &[Token], hit: Hit) -> (u32, u32) {
    let start = tokens.get(hit.first).map_or(0, |t| t.start);
    let end = tokens.get(hit.last).map_or(start, |t| t.end);
    (start, end)
}

/// UTF-16 span of a whole sentence.
pub fn sentence_span(tokens: &[Token], sentence: u32) -> (u32, u32) {
    let first = tokens.iter().find(|t| t.sentence == sentence);
    let last = tokens.iter().rev().find(|t| t.sentence == sentence);
    (first.map_or(0, |t| t.start), last.map_or(0, |t| t.end))
}

/// How many tokens an "AM"/"PM" starting at `at` takes: "pm" is one, "p.m." two.
fn meridiem_len(tokens: &[Token], at: usize) -> Option<usize> {
    let word = tokens.get(at)?;
    if word.gap_before != Gap::Space {
        return None;
    }
    match word.text.as_str() {
        "am" | "pm" => Some(1),
        "a" | "p" if tokens.get(at + 1).is_some_and(|m| m.text == "m") => Some(2),
        _ => None,
    }
}

fn hour_value(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse::<u32>().ok().filter(|h| *h <= 24)
}

fn is_minutes(word: &str) -> bool {
    word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit()) && word < "60"
}

/// A clock time starting at token `at` ("4 PM", "4pm", "4:30", "16:30",
/// "4.30pm", "noon"): the hit, or `None`.
pub fn clock_time_at(tokens: &[Token], at: usize) -> Option<Hit> {
    let word = tokens.get(at)?.text.as_str();
    if matches!(word, "noon" | "midday" | "midnight") {
        return Some(Hit {
            first: at,
            last: at,
        });
    }
    // "4pm", "11am"
    if let Some(digits) = word.strip_suffix("pm").or_else(|| word.strip_suffix("am")) {
        return hour_value(digits).map(|_| Hit {
            first: at,
            last: at,
        });
    }
    hour_value(word)?;
    let next = tokens.get(at + 1);
    // "4:30", "16.30", "4:30pm"
    if let Some(minutes) = next.filter(|n| matches!(n.gap_before, Gap::Colon | Gap::Dot)) {
        let m = minutes.text.as_str();
        let bare = m
            .strip_suffix("pm")
            .or_else(|| m.strip_suffix("am"))
            .unwrap_or(m);
        if is_minutes(bare) && minutes.sentence == tokens.get(at)?.sentence {
            let extra = if bare == m {
                meridiem_len(tokens, at + 2).unwrap_or(0)
            } else {
                0
            };
            return Some(Hit {
                first: at,
                last: at + 1 + extra,
            });
        }
    }
    // "4 PM", "4 p.m."
    meridiem_len(tokens, at + 1).map(|len| Hit {
        first: at,
        last: at + len,
    })
}

/// Every clock time in the tokens.
pub fn clock_times(tokens: &[Token]) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        match clock_time_at(tokens, at) {
            Some(hit) => {
                hits.push(hit);
                at = hit.last + 1;
            }
            None => at += 1,
        }
    }
    hits
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn offsets_are_utf16_and_words_lowercase() {
        let tokens = tokenize("Café 😀 It’s FIXED");
        let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["café", "it's", "fixed"]);
        let spans: Vec<(u32, u32)> = tokens.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(spans, [(0, 4), (8, 12), (13, 18)]);
    }

    #[test]
    fn phrases_stay_inside_a_sentence() {
        assert!(Doc::new("It is due. To the team")
            .find_first(&["due to"])
            .is_none());
        let doc = Doc::new("Delay due to the migration");
        assert_eq!(doc.find_first(&["due to"]), Some(Hit { first: 1, last: 2 }));
    }

    #[test]
    fn elision_and_prefix_words() {
        let doc = Doc::new("Nous allons résilier, menace d'annuler");
        assert!(doc.find_first(&["annuler"]).is_some());
        assert!(doc.find_first(&["résili*"]).is_some());
    }

    #[test]
    fn clock_times_in_common_shapes() {
        for (text, count) in [
            ("by 4:30 PM CET today", 1),
            ("by 4pm", 1),
            ("at 16:30 or 9 a.m.", 2),
            ("by noon", 1),
            ("version 4.30 has 3 bugs", 1),
            ("in 2 days", 0),
        ] {
            assert_eq!(clock_times(&tokenize(text)).len(), count, "{text}");
        }
    }

    proptest! {
        #[test]
        fn token_spans_are_ordered_and_inside_the_text(s in "\\PC{0,80}") {
            let total: u32 = s.chars().map(|c| c.len_utf16() as u32).sum();
            let tokens = tokenize(&s);
            let mut previous_end = 0;
            for t in &tokens {
                prop_assert!(t.start >= previous_end && t.start < t.end && t.end <= total);
                previous_end = t.end;
            }
        }
    }
}
