//! Reads page conversation for escalation *signals* — anger, judgement,
//! sarcasm, a repeated failure, waiting and chasing, leadership pulled in,
//! churn and contract threats, demands for an owner, legal or public pressure —
//! so the panel can offer to start the playbook. Not a word count: a phrase
//! under negation ("haven't had an outage") or inside quoted text does not
//! count, a paragraph in the vendor's voice (an apology, an incident report)
//! is our side speaking, and every match names its signal and the words as
//! written with their UTF-16 offsets so the panel can quote them.
//! Phrases live in `signal_tables`; cues that are not phrases (capitals,
//! masked profanity, scare quotes, "four days") in `signal_cues`; threads in
//! `signal_thread`.

use crate::case::Lowercase;
use serde::Serialize;

use super::signal_cues::{self, Span};
use super::signal_tables::{LanguageTable, ESCALATING_AT, LANGUAGES};
use super::text::{Doc, Gap, Hit};
use crate::account::snapshot::Direction;

crate::unit_enum! {
    /// What a match is evidence of.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Signal {
        /// Anger said outright ("furious", "fed up"), profanity.
        Anger = "anger",
        /// A verdict on the vendor ("unacceptable", "not good enough").
        Judgement = "judgement",
        /// Sarcasm and rhetorical questions ("thanks for nothing", "is anybody there?").
        Sarcasm = "sarcasm",
        /// The same failure again ("third time", "schon wieder").
        Repeated = "repeated",
        /// Waiting and silence ("four days", "still no answer").
        Waiting = "waiting",
        /// Chasing ("fifth email", "relances").
        Chasing = "chasing",
        /// Leadership pulled in ("our CFO", "exec sponsor", "Vorstand").
        Leadership = "leadership",
        /// Leaving or not renewing ("other vendors", "résilier").
        Churn = "churn",
        /// A demand for an owner, a manager, a date ("own this", "Frist").
        Demand = "demand",
        /// Legal or public pressure ("our lawyers", "mise en demeure", a review).
        Legal = "legal",
        /// A CSM asking how to handle a tense customer (the seed's triggers).
        Help = "help",
        /// What broke ("outage", "data loss"): weak alone.
        Impact = "impact",
        /// Tone without keywords: capitals, "??", scare quotes.
        Tone = "tone",
    }
}

impl Signal {
    /// Every signal, in declaration order (`ALL[s as usize] == s`): the
    /// packed phrase tables store the index.
    pub const ALL: [Signal; 13] = [
        Signal::Anger,
        Signal::Judgement,
        Signal::Sarcasm,
        Signal::Repeated,
        Signal::Waiting,
        Signal::Chasing,
        Signal::Leadership,
        Signal::Churn,
        Signal::Demand,
        Signal::Legal,
        Signal::Help,
        Signal::Impact,
        Signal::Tone,
    ];

    /// Evidence about the situation (what broke, since when, who is asking)
    /// rather than the customer's intent or verdict.
    pub fn is_context(self) -> bool {
        matches!(
            self,
            Signal::Impact | Signal::Repeated | Signal::Leadership | Signal::Waiting | Signal::Tone
        )
    }

    /// How the panel names the signal.
    pub fn label(self) -> &'static str {
        match self {
            Signal::Anger => "anger",
            Signal::Judgement => "judgement of our service",
            Signal::Sarcasm => "sarcasm",
            Signal::Repeated => "a repeated failure",
            Signal::Waiting => "waiting without an answer",
            Signal::Chasing => "chasing us",
            Signal::Leadership => "leadership involved",
            Signal::Churn => "a threat to leave",
            Signal::Demand => "a demand for an owner or a date",
            Signal::Legal => "legal or public pressure",
            Signal::Help => "a CSM asking for help",
            Signal::Impact => "business impact",
            Signal::Tone => "tone",
        }
    }
}

crate::unit_enum! {
    /// Who wrote the text, as far as the scorer can tell.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Voice {
        #[default]
        Customer = "customer",
        /// Our own message (outbound, or written as an apology / incident report).
        Vendor = "vendor",
    }
}

/// One piece of evidence found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalMatch {
    pub signal: Signal,
    /// The table phrase or cue that matched, e.g. "not renew*", "written in capitals".
    pub phrase: String,
    /// The words as the customer wrote them (what the panel quotes).
    pub text: String,
    pub weight: f32,
    /// UTF-16 range in the scored text.
    pub start: u32,
    pub end: u32,
    /// The table's language ("en", "de", "fr"); "" for language-free cues.
    pub lang: String,
}

crate::read_struct!(SignalMatch {
    signal: "signal",
    phrase: "phrase",
    text: "text",
    weight: "weight",
    start: "start",
    end: "end",
    lang: "lang",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalScore {
    /// 0..1: one minus the product of (1 - weight) over the evidence, each
    /// further match of the same signal counting 0.7 times the last.
    pub score: f32,
    pub escalating: bool,
    pub matches: Vec<SignalMatch>,
    /// `vendor` when the whole text is our side speaking (then never escalating).
    pub voice: Voice,
}

crate::read_struct!(SignalScore {
    score: "score",
    escalating: "escalating",
    matches: "matches",
    voice: "voice",
});

impl SignalScore {
    fn vendor() -> SignalScore {
        SignalScore {
            score: 0.0,
            escalating: false,
            matches: Vec::new(),
            voice: Voice::Vendor,
        }
    }
}

/// The tables to use for a page language: that language and English (CRM
/// pages mix them), or every table when the language is unknown.
pub(super) fn tables_for(lang: &str) -> Vec<&'static LanguageTable> {
    let code = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .lowercase();
    if LANGUAGES.iter().any(|t| t.lang == code) {
        LANGUAGES
            .iter()
            .filter(|t| t.lang == code || t.lang == "en")
            .collect()
    } else {
        LANGUAGES.iter().collect()
    }
}

/// Whether a negator stands up to three words before `hit`, in the same
/// clause, and is not itself part of a condition ("if I don't hear back").
fn negated(doc: &Doc, hit: Hit, tables: &[&LanguageTable]) -> bool {
    let is = |at: usize, pick: fn(&LanguageTable) -> &'static [&'static str]| {
        doc.tokens.get(at).is_some_and(|t| {
            tables
                .iter()
                .any(|table| pick(table).contains(&t.text.as_str()))
        })
    };
    let mut at = hit.first;
    for _ in 0..3 {
        // A comma, dash or colon before this word ends the clause.
        let boundary = doc
            .tokens
            .get(at)
            .is_none_or(|t| t.gap_before == Gap::Other);
        if boundary || at == 0 {
            return false;
        }
        let before = at - 1;
        let same_sentence = doc.tokens.get(before).map(|t| t.sentence)
            == doc.tokens.get(hit.first).map(|t| t.sentence);
        if !same_sentence {
            return false;
        }
        // "Don't tell me it's fixed again" affirms what follows.
        let rhetorical = doc.tokens.get(before + 1).is_some_and(|t| t.text == "tell");
        if is(before, |t| t.negators) && !rhetorical {
            let conditional = (before.saturating_sub(4)..before).any(|c| is(c, |t| t.conditionals));
            return !conditional;
        }
        at = before;
    }
    false
}

/// Words that strengthen the feeling or verdict right after them.
static INTENSIFIERS: crate::words::WordList = crate::words::word_list![
    "extremely",
    "very",
    "really",
    "deeply",
    "incredibly",
    "absolutely",
    "totally",
    "completely",
    "utterly",
    "so",
    "truly",
    "sehr",
    "äußerst",
    "extrem",
    "absolut",
    "völlig",
    "wirklich",
    "total",
    "très",
    "vraiment",
    "extrêmement",
    "totalement",
    "absolument",
    "profondément",
    "tellement",
];

/// Words that, just before a title, make it someone talked about ("our CFO",
/// "unser Vorstand", "notre PDG").
static DETERMINERS: crate::words::WordList = crate::words::word_list![
    "our", "my", "the", "your", "his", "her", "their", "to", "with", "unser", "unsere", "unserer",
    "unseren", "unserem", "unseres", "mein", "meine", "meinen", "ihr", "ihre", "ihrer", "ihrem",
    "ihren", "der", "die", "den", "dem", "des", "notre", "nos", "mon", "ma", "mes", "votre", "vos",
    "le", "la", "les", "du", "au", "à",
];

/// Whether a determiner stands one or two words before `hit`, in its sentence.
fn determined(doc: &Doc, hit: Hit) -> bool {
    let sentence = doc.sentence_of(hit);
    let first = doc.tokens.get(hit.first);
    // A phrase that starts with one ("our board") is determined already.
    if first.is_some_and(|t| DETERMINERS.contains(&t.text.as_str())) {
        return true;
    }
    (1..=2).any(|back| {
        hit.first
            .checked_sub(back)
            .and_then(|at| doc.tokens.get(at))
            .is_some_and(|t| t.sentence == sentence && DETERMINERS.contains(&t.text.as_str()))
    })
}

/// The text between two UTF-16 offsets.
fn slice16(units: &[u16], start: u32, end: u32) -> String {
    units
        .get(start as usize..end as usize)
        .map(String::from_utf16_lossy)
        .unwrap_or_default()
}

fn inside(spans: &[Span], start: u32, end: u32) -> bool {
    spans.iter().any(|s| s.start <= start && end <= s.end)
}

/// Where vendor voice is judged: a whole message (its direction unknown) or
/// each line of a page excerpt that may hold several messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum VoiceScope {
    Message,
    Line,
}

/// Scores `text` for escalation. `lang` is the page language ("en", "de-DE",
/// "fr"); anything else checks every language. The text may hold several
/// messages (the page's conversation excerpt): a line written in the vendor's
/// voice does not count.
pub fn score_escalation(text: &str, lang: &str) -> SignalScore {
    score_text(text, lang, VoiceScope::Line)
}

/// Scores one message whose direction the page told us: an outbound message
/// (ours) never escalates, an inbound one is read as the customer's whatever
/// it says, and one of unknown direction is ours when written in the vendor's
/// voice.
pub fn score_message(text: &str, lang: &str, direction: Direction) -> SignalScore {
    match direction {
        Direction::Outbound => SignalScore::vendor(),
        Direction::Inbound => score_text_as(text, lang, None),
        Direction::Unknown => score_text(text, lang, VoiceScope::Message),
    }
}

fn score_text(text: &str, lang: &str, scope: VoiceScope) -> SignalScore {
    score_text_as(text, lang, Some(scope))
}

fn score_text_as(text: &str, lang: &str, voice_scope: Option<VoiceScope>) -> SignalScore {
    let doc = Doc::new(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    let tables = tables_for(lang);
    let mut masked = signal_cues::quoted_spans(text);

    if let Some(scope) = voice_scope {
        let mut vendor_lines = Vec::new();
        for table in &tables {
            for (hit, _) in doc.find_all(table.vendor_voice) {
                let (start, end) = doc.span(hit);
                if inside(&masked, start, end) {
                    continue;
                }
                if scope == VoiceScope::Message {
                    return SignalScore::vendor();
                }
                vendor_lines.push(signal_cues::line_around(&units, start));
            }
        }
        if !vendor_lines.is_empty() && vendor_lines.len() >= signal_cues::line_count(&units) {
            return SignalScore::vendor();
        }
        masked.extend(vendor_lines);
    }

    // Sentences that name the contract: a leaving verb there is about it.
    let contract_sentences: Vec<u32> = tables
        .iter()
        .flat_map(|t| doc.find_all(t.contract_words))
        .map(|(hit, _)| doc.sentence_of(hit))
        .collect();
    let mut found: Vec<(Hit, SignalMatch)> = Vec::new();
    for table in &tables {
        let harmless: Vec<(u32, u32)> = doc
            .find_all(table.harmless)
            .into_iter()
            .map(|(hit, _)| doc.span(hit))
            .collect();
        let entries: Vec<(&str, Signal, f32)> = table.phrases.entries().collect();
        let phrases: Vec<&str> = entries.iter().map(|(p, _, _)| *p).collect();
        for (hit, index) in doc.find_all(&phrases) {
            let Some((phrase, signal, weight)) = entries.get(index) else {
                continue;
            };
            let (start, end) = doc.span(hit);
            if inside(&masked, start, end)
                || harmless.iter().any(|(s, e)| *s <= start && end <= *e)
                || negated(&doc, hit, &tables)
            {
                continue;
            }
            // A title with no "our"/"the" before it is usually a signature
            // ("Dana Reyes, VP Operations"), not leadership pulled in.
            let signature = *signal == Signal::Leadership && !determined(&doc, hit);
            // "extremely unhappy", "absolut inakzeptabel": an intensifier
            // before a feeling or a verdict strengthens it.
            let intensified = matches!(signal, Signal::Anger | Signal::Judgement)
                && hit
                    .first
                    .checked_sub(1)
                    .and_then(|at| doc.tokens.get(at))
                    .is_some_and(|t| INTENSIFIERS.contains(&t.text.as_str()));
            let about_contract =
                *signal == Signal::Churn && contract_sentences.contains(&doc.sentence_of(hit));
            let weight = if about_contract {
                weight.max(CONTRACT_CHURN)
            } else if signature {
                weight * 0.5
            } else if intensified {
                (weight + 0.15).min(0.7)
            } else {
                *weight
            };
            found.push((
                hit,
                SignalMatch {
                    signal: *signal,
                    phrase: phrase.to_string(),
                    text: slice16(&units, start, end),
                    weight,
                    start,
                    end,
                    lang: table.lang.to_string(),
                },
            ));
        }
    }
    // A longer phrase wins over a shorter one inside it ("not renewing" over
    // "renew"), so one piece of evidence is not counted twice.
    crate::sort::sort_by_key(&mut found, |(hit, _)| {
        (std::cmp::Reverse(hit.last - hit.first), hit.first)
    });
    let mut kept: Vec<(Hit, SignalMatch)> = Vec::new();
    for (hit, signal) in found {
        let overlaps = kept
            .iter()
            .any(|(k, _)| hit.first <= k.last && k.first <= hit.last);
        if !overlaps {
            kept.push((hit, signal));
        }
    }
    let mut matches: Vec<SignalMatch> = kept.into_iter().map(|(_, m)| m).collect();
    for cue in signal_cues::cues(text, &units, &doc, &tables) {
        let overlaps = matches
            .iter()
            .any(|m| cue.start < m.end && m.start < cue.end);
        if !inside(&masked, cue.start, cue.end) && !overlaps {
            matches.push(SignalMatch {
                signal: cue.signal,
                phrase: cue.phrase.to_string(),
                text: slice16(&units, cue.start, cue.end),
                weight: cue.weight,
                start: cue.start,
                end: cue.end,
                lang: String::new(),
            });
        }
    }
    // A calm message ("not urgent, we have a workaround") keeps its facts
    // but they weigh half: context is not a complaint.
    let calm = tables.iter().any(|t| {
        doc.find_all(t.calm).into_iter().any(|(hit, _)| {
            let (start, end) = doc.span(hit);
            !inside(&masked, start, end)
        })
    });
    if calm {
        for m in matches.iter_mut().filter(|m| m.signal.is_context()) {
            m.weight *= 0.5;
        }
    }
    matches.retain(|m| m.weight > 0.0);
    crate::sort::sort_by_key(&mut matches, |m| (m.start, m.end));
    let score = combine(&matches);
    SignalScore {
        score,
        escalating: score >= ESCALATING_AT,
        matches,
        voice: Voice::Customer,
    }
}

/// A leaving verb in a sentence that names the contract is a threat to leave.
const CONTRACT_CHURN: f32 = 0.6;

/// Each further match of a signal already seen counts this much less.
const SAME_SIGNAL: f32 = 0.7;

/// One minus the product of (1 - weight): evidence of different kinds adds
/// up, while the n-th match of one signal counts 0.7^n as much (evidence of
/// one kind saturates) and a phrase repeated counts once.
pub(super) fn combine(matches: &[SignalMatch]) -> f32 {
    let mut by_strength: Vec<&SignalMatch> = matches.iter().collect();
    crate::sort::sort_by(&mut by_strength, |a, b| b.weight.total_cmp(&a.weight));
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut per_signal: Vec<(Signal, i32)> = Vec::new();
    let mut calm = 1.0f32;
    for m in by_strength {
        let key = (m.phrase.as_str(), m.lang.as_str());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let count = match per_signal.iter_mut().find(|(s, _)| *s == m.signal) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                per_signal.push((m.signal, 0));
                0
            }
        };
        let weight = m.weight.clamp(0.0, 1.0) * SAME_SIGNAL.powi(count);
        calm *= 1.0 - weight;
    }
    (1.0 - calm).clamp(0.0, 1.0)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn all_lists_the_signals_in_declaration_order() {
        for (i, signal) in Signal::ALL.iter().enumerate() {
            assert_eq!(*signal as usize, i);
        }
        assert_eq!(Signal::ALL.len(), Signal::Tone as usize + 1);
    }

    #[test]
    fn every_table_weight_is_a_probability_and_phrases_are_lowercase() {
        for table in LANGUAGES {
            for (phrase, _, weight) in table.phrases.entries() {
                assert!((0.0..=1.0).contains(&weight), "{phrase}");
                assert_eq!(phrase.to_lowercase(), phrase);
            }
            // One code per phrase, none lost to the packing.
            assert_eq!(table.phrases.entries().count(), table.phrases.codes.len());
            assert_eq!(
                table.phrases.text.split('\n').count(),
                table.phrases.codes.len() + 1
            );
            for phrase in table.vendor_voice.iter().chain(table.harmless.iter()) {
                assert_eq!(phrase.to_lowercase(), *phrase);
            }
        }
    }

    proptest! {
        #[test]
        fn score_stays_in_range_and_offsets_inside(s in "\\PC{0,200}") {
            let total = s.encode_utf16().count() as u32;
            for score in [score_escalation(&s, ""), score_message(&s, "de", Direction::Unknown)] {
                prop_assert!((0.0..=1.0).contains(&score.score));
                prop_assert_eq!(score.escalating, score.score >= ESCALATING_AT);
                for m in &score.matches {
                    prop_assert!(m.start <= m.end && m.end <= total);
                }
            }
        }
    }
}
