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
    /// Index of the clause: sentences split again at commas, colons, dashes
    /// and brackets, so "you'll hear from me by 11, whether or not we have
    /// the fix" keeps the time with the communication, not with the fix.
    pub clause: u32,
    /// Inside quotation marks: the coach does not judge words it quotes.
    pub quoted: bool,
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
    matches!(c, '.' | '!' | '?' | '\n' | '\u{3002}')
}

/// A semicolon joins two clauses of one sentence ("Engineering is testing a
/// patch; I'll tell you by 3 PM whether it holds").
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ':' | ';' | '(' | ')' | '\u{2014}' | '\u{2013}')
}

/// Straight quotes toggle; typographic ones open and close.
fn quote_effect(c: char, quoted: bool) -> bool {
    match c {
        '"' => !quoted,
        '\u{201C}' | '\u{00AB}' => true,
        '\u{201D}' | '\u{00BB}' => false,
        _ => quoted,
    }
}

/// Splits `text` into words: runs of letters and digits, with apostrophes kept
/// inside a word ("don't", "n'est"). Hyphens separate words, so "end-of-day"
/// matches the phrase "end of day".
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut offset16: u32 = 0;
    let mut sentence: u32 = 0;
    let mut clause: u32 = 0;
    let mut quoted = false;
    // Sentences and clauses are numbered densely: a break only counts once a
    // word has been seen since the previous one ("..." is one break).
    let mut words_in_sentence = false;
    let mut words_in_clause = false;
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
                clause,
                quoted,
            });
            words_in_sentence = true;
            words_in_clause = true;
            if is_apostrophe(c) {
                token.text.push('\'');
            } else {
                crate::case::push_lower(&mut token.text, c);
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
            let spaced_dash = c == '-'
                && i.checked_sub(1)
                    .and_then(|p| chars.get(p))
                    .is_some_and(|p| p.is_whitespace());
            if is_sentence_break(c) && !is_decimal_point(&chars, i) && !after_initial {
                if words_in_sentence {
                    sentence += 1;
                    words_in_sentence = false;
                }
                if words_in_clause {
                    clause += 1;
                    words_in_clause = false;
                }
            } else if (is_clause_break(c) || spaced_dash)
                && words_in_clause
                && !is_decimal_point(&chars, i)
            {
                clause += 1;
                words_in_clause = false;
            }
            quoted = quote_effect(c, quoted);
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

/// "4.30", "1.5", "4:30" and "1,000" end neither a sentence nor a clause.
fn is_decimal_point(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|p| chars.get(p));
    let after = chars.get(i + 1);
    matches!(chars.get(i), Some('.' | ':' | ','))
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
    // A possessive matches its noun: "provider's" is "provider".
    if !wildcard && token.strip_suffix("'s") == Some(pattern) {
        return true;
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

/// Where each distinct word occurs. Built with a hash map in one pass and
/// sorted by distinct word only, so indexing stays linear in the draft (a
/// sort of every token position was the largest cost on long drafts).
struct WordIndex {
    words: Vec<(String, Vec<usize>)>,
}

impl WordIndex {
    fn new<'a>(entries: impl Iterator<Item = (&'a str, usize)>) -> Self {
        let mut slots: std::collections::HashMap<&'a str, usize> = std::collections::HashMap::new();
        let mut words: Vec<(String, Vec<usize>)> = Vec::new();
        for (word, at) in entries {
            let slot = *slots.entry(word).or_insert_with(|| {
                words.push((word.to_string(), Vec::new()));
                words.len() - 1
            });
            if let Some((_, positions)) = words.get_mut(slot) {
                positions.push(at);
            }
        }
        crate::sort::sort_by(&mut words, |a, b| a.0.cmp(&b.0));
        WordIndex { words }
    }

    /// Positions of `pattern` (a word, or a prefix ending in `*`).
    fn positions(&self, pattern: &str) -> Vec<usize> {
        let (stem, prefix) = match pattern.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (pattern, false),
        };
        let from = self.words.partition_point(|(w, _)| w.as_str() < stem);
        let matching = self
            .words
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|(w, _)| {
                if prefix {
                    w.starts_with(stem)
                } else {
                    w == stem
                }
            });
        let mut found: Vec<usize> = Vec::new();
        for (_, positions) in matching {
            found.extend_from_slice(positions);
        }
        found
    }
}

/// The tokens of one text, with a sorted word list so that looking up a table
/// of hundreds of phrases costs a binary search per phrase, not a scan.
pub struct Doc {
    pub tokens: Vec<Token>,
    /// Distinct words, sorted, each with its token positions in text order.
    by_word: WordIndex,
    /// Elided words listed under their stem ("annuler" for "d'annuler").
    stems: WordIndex,
    /// Token range `[start, end)` of each sentence, indexed by sentence number.
    sentence_ranges: Vec<(usize, usize)>,
    /// Drop hits inside quotation marks (the coach does; the signal scorer
    /// reads quoted customer words on purpose).
    skip_quoted: bool,
}

impl Doc {
    /// A document whose quoted words are ignored by every lookup.
    pub fn unquoted(text: &str) -> Self {
        let mut doc = Doc::new(text);
        doc.skip_quoted = true;
        doc
    }

    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut sentence_ranges: Vec<(usize, usize)> = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            let index = token.sentence as usize;
            while sentence_ranges.len() <= index {
                sentence_ranges.push((at, at));
            }
            if let Some(range) = sentence_ranges.get_mut(index) {
                range.1 = at + 1;
            }
        }
        let by_word = WordIndex::new(
            tokens
                .iter()
                .enumerate()
                .map(|(at, t)| (t.text.as_str(), at)),
        );
        let stems = WordIndex::new(tokens.iter().enumerate().filter_map(|(at, token)| {
            // "provider's" under "provider"
            if let Some(noun) = token.text.strip_suffix("'s").filter(|n| n.len() > 2) {
                return Some((noun, at));
            }
            let pos = token.text.find('\'').filter(|p| *p > 0 && *p <= 2)?;
            token
                .text
                .get(pos + 1..)
                .filter(|r| !r.is_empty())
                .map(|rest| (rest, at))
        }));
        Doc {
            tokens,
            by_word,
            stems,
            sentence_ranges,
            skip_quoted: false,
        }
    }

    /// Number of sentences (the last index plus one).
    pub fn sentence_count(&self) -> usize {
        self.sentence_ranges.len()
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: u32) -> &[Token] {
        let (start, end) = self
            .sentence_ranges
            .get(sentence as usize)
            .copied()
            .unwrap_or((0, 0));
        self.tokens.get(start..end).unwrap_or(&[])
    }

    /// Index of the first token of a sentence.
    pub fn sentence_start(&self, sentence: u32) -> usize {
        self.sentence_ranges
            .get(sentence as usize)
            .map_or(0, |r| r.0)
    }

    /// The word at a token index ("" past the end).
    pub fn word(&self, at: usize) -> &str {
        word_of(&self.tokens, at)
    }

    fn is_quoted(&self, hit: Hit) -> bool {
        self.skip_quoted
            && self
                .tokens
                .get(hit.first..=hit.last)
                .is_some_and(|ts| ts.iter().any(|t| t.quoted))
    }

    /// Token positions where a phrase starting with `first` could start.
    fn starts(&self, first: &str) -> Vec<usize> {
        let mut starts = self.by_word.positions(first);
        starts.extend(self.stems.positions(first));
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
        if self.skip_quoted {
            hits.retain(|(hit, _)| !self.is_quoted(*hit));
        }
        crate::sort::sort_by_key(&mut hits, |(hit, p)| (hit.first, hit.last, *p));
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

    /// For each sentence, whether any of `phrases` occurs in it.
    pub fn sentence_mask(&self, phrases: &[&str]) -> Vec<bool> {
        let mut mask = vec![false; self.sentence_count()];
        for hit in self.hits(phrases) {
            if let Some(slot) = mask.get_mut(self.sentence_of(hit) as usize) {
                *slot = true;
            }
        }
        mask
    }

    pub fn clause_of(&self, hit: Hit) -> u32 {
        self.tokens.get(hit.first).map_or(0, |t| t.clause)
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

impl Doc {
    /// UTF-16 span of a whole sentence (constant time: findings per sentence
    /// must not rescan the draft).
    pub fn sentence_span(&self, sentence: u32) -> (u32, u32) {
        let tokens = self.sentence_tokens(sentence);
        (
            tokens.first().map_or(0, |t| t.start),
            tokens.last().map_or(0, |t| t.end),
        )
    }
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
