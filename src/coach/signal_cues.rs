//! Escalation cues that are not phrases: text in capitals, "??", masked
//! profanity ("f***"), scare quotes around the vendor's words ("the 'fix'"),
//! waits and contact counts ("four days", "drei Mails"); and the spans that do
//! not speak for the writer: quoted reply lines ("> …", everything under
//! "… wrote:") and quoted sentences. All offsets are UTF-16, like the panel's.

use super::signal_tables::{LanguageTable, ACRONYMS};
use super::signals::Signal;
use super::text::Doc;
use crate::case::Lowercase;

/// A UTF-16 range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// One cue found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub signal: Signal,
    pub phrase: &'static str,
    pub weight: f32,
    pub start: u32,
    pub end: u32,
}

/// Lines of the text as UTF-16 spans (without their line break).
fn lines(units: &[u16]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0u32;
    for (i, u) in units.iter().enumerate() {
        if *u == u16::from(b'\n') {
            out.push(Span {
                start,
                end: i as u32,
            });
            start = i as u32 + 1;
        }
    }
    out.push(Span {
        start,
        end: units.len() as u32,
    });
    out
}

/// The line holding `offset`.
pub fn line_around(units: &[u16], offset: u32) -> Span {
    lines(units)
        .into_iter()
        .find(|l| l.start <= offset && offset <= l.end)
        .unwrap_or(Span {
            start: offset,
            end: offset,
        })
}

/// How many non-blank lines the text has.
pub fn line_count(units: &[u16]) -> usize {
    lines(units)
        .iter()
        .filter(|l| {
            units
                .get(l.start as usize..l.end as usize)
                .is_some_and(|s| String::from_utf16_lossy(s).trim().chars().count() > 0)
        })
        .count()
}

/// Lines that introduce a quoted earlier message in a reply.
static REPLY_HEADERS: crate::words::WordList = crate::words::word_list![
    "wrote:",
    "a écrit :",
    "a écrit:",
    "schrieb:",
    "-----original message",
    "----- original message",
    "-----ursprüngliche nachricht",
    "-----message d'origine",
];

fn is_quote_open(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{2018}' | '\u{00AB}' | '\u{201E}'
    )
}

fn closes(open: char, c: char) -> bool {
    match open {
        '"' => c == '"' || c == '\u{201D}',
        '\'' => c == '\'' || c == '\u{2019}',
        '\u{201C}' => c == '\u{201D}' || c == '"',
        '\u{2018}' => c == '\u{2019}' || c == '\'',
        '\u{00AB}' => c == '\u{00BB}',
        '\u{201E}' => c == '\u{201C}' || c == '\u{201D}',
        _ => false,
    }
}

/// Quoted passages: (span of the quote with its marks, number of words).
fn quotes(text: &str) -> Vec<(Span, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut offsets = Vec::with_capacity(chars.len() + 1);
    let mut at = 0u32;
    for c in &chars {
        offsets.push(at);
        at += c.len_utf16() as u32;
    }
    offsets.push(at);
    let word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        let opens = is_quote_open(c) && (i == 0 || !word(i - 1)) && word(i + 1);
        if !opens {
            i += 1;
            continue;
        }
        // The closing mark: not followed by a letter (an apostrophe inside
        // "we're" is not one), within one line and 400 characters.
        let mut j = i + 1;
        let mut close = None;
        while j < chars.len() && j < i + 400 {
            let d = chars.get(j).copied().unwrap_or(' ');
            if d == '\n' {
                break;
            }
            if closes(c, d) && !word(j + 1) && j > i + 1 {
                close = Some(j);
                break;
            }
            j += 1;
        }
        match close {
            Some(j) => {
                let inner: String = chars.get(i + 1..j).unwrap_or(&[]).iter().collect();
                let words = inner.split_whitespace().count();
                let start = offsets.get(i).copied().unwrap_or(0);
                let end = offsets.get(j + 1).copied().unwrap_or(start);
                out.push((Span { start, end }, words));
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Spans whose words are someone else's: quoted reply lines, everything
/// under a reply header, and quoted sentences of four words or more (a shorter
/// quote is a scare quote, the writer's own sarcasm).
pub fn quoted_spans(text: &str) -> Vec<Span> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = Vec::new();
    for line in lines(&units) {
        let content = units
            .get(line.start as usize..line.end as usize)
            .map(String::from_utf16_lossy)
            .unwrap_or_default();
        let lower = content.trim_start().lowercase();
        if lower.starts_with('>') {
            out.push(line);
        } else if REPLY_HEADERS.iter().any(|h| lower.contains(h)) {
            out.push(Span {
                start: line.start,
                end: units.len() as u32,
            });
            break;
        }
    }
    out.extend(
        quotes(text)
            .into_iter()
            .filter(|(_, words)| *words >= 4)
            .map(|(span, _)| span),
    );
    out
}

fn word_of(units: &[u16], start: u32, end: u32) -> String {
    units
        .get(start as usize..end as usize)
        .map(String::from_utf16_lossy)
        .unwrap_or_default()
}

/// Short words that, written in capitals alone, still raise the voice.
static EMPHASIS: crate::words::WordList = crate::words::word_list![
    "now", "why", "not", "never", "still", "again", "what", "how", "who", "nobody", "nein",
    "jamais",
];

/// Words in capitals that are not acronyms: two or more are shouting.
fn shouting(units: &[u16], doc: &Doc) -> Option<Cue> {
    let caps: Vec<(u32, u32)> = doc
        .tokens
        .iter()
        .filter(|t| {
            let raw = word_of(units, t.start, t.end);
            let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
            letters >= 3
                && raw.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                && !raw.chars().any(|c| c.is_ascii_digit())
                && !ACRONYMS.contains(&t.text.as_str())
        })
        .map(|t| (t.start, t.end))
        .collect();
    // One short word in capitals ("FYI", "NEW") is not a tone; one
    // emphasised word ("NEVER", "NOW", "AGAIN") may be.
    let single_ok = |(start, end): (u32, u32)| {
        let raw = word_of(units, start, end).lowercase();
        raw.chars().count() >= 5 || EMPHASIS.contains(&raw.as_str())
    };
    if caps.len() == 1 && !caps.first().is_some_and(|c| single_ok(*c)) {
        return None;
    }
    let first = caps.first()?;
    let last = caps.last()?;
    Some(if caps.len() >= 2 {
        Cue {
            signal: Signal::Tone,
            phrase: "written in capitals",
            weight: 0.35,
            start: first.0,
            end: last.1,
        }
    } else {
        Cue {
            signal: Signal::Tone,
            phrase: "a word in capitals",
            weight: 0.2,
            start: first.0,
            end: first.1,
        }
    })
}

/// "??", "?!", "!!": once per text.
fn punctuation(units: &[u16]) -> Option<Cue> {
    let marks = [u16::from(b'?'), u16::from(b'!')];
    let at = units
        .windows(2)
        .position(|w| w.iter().all(|u| marks.contains(u)))?;
    Some(Cue {
        signal: Signal::Tone,
        phrase: "repeated ?!",
        weight: 0.25,
        start: at as u32,
        end: at as u32 + 2,
    })
}

/// "f***", "sh*t", "@ss": a word with stars inside it (not *emphasis*).
fn masked_profanity(text: &str) -> Option<Cue> {
    let mut at = 0u32;
    let mut run_start = 0u32;
    let mut run = String::new();
    let mut found = None;
    let finish = |run: &str, start: u32, end: u32| -> Option<Cue> {
        let starts_with_letter = run.chars().next().is_some_and(char::is_alphabetic);
        let stars = run.contains('*') && starts_with_letter;
        let at_sign = run.starts_with("@ss") || run.starts_with("a$$");
        (stars || at_sign).then_some(Cue {
            signal: Signal::Anger,
            phrase: "masked profanity",
            weight: 0.5,
            start,
            end,
        })
    };
    for c in text.chars() {
        let part = c.is_alphanumeric() || matches!(c, '*' | '@' | '$' | '#');
        if part {
            if run.is_empty() {
                run_start = at;
            }
            run.push(c);
        } else if !run.is_empty() {
            found = found.or_else(|| finish(&run, run_start, at));
            run.clear();
        }
        at += c.len_utf16() as u32;
    }
    if !run.is_empty() {
        found = found.or_else(|| finish(&run, run_start, at));
    }
    found
}

/// 'fix', "solved": the vendor's own words held up in one-to-three-word quotes.
fn scare_quote(text: &str) -> Option<Cue> {
    quotes(text)
        .into_iter()
        .find(|(_, words)| (1..=3).contains(words))
        .map(|(span, _)| Cue {
            signal: Signal::Tone,
            phrase: "scare quotes",
            weight: 0.2,
            start: span.start,
            end: span.end,
        })
}

fn is_number(word: &str, tables: &[&LanguageTable]) -> bool {
    let digits = !word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit());
    digits || tables.iter().any(|t| t.numbers.contains(&word))
}

static WEEKDAYS: crate::words::WordList = crate::words::word_list![
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
];
static SINCE: crate::words::WordList = crate::words::word_list!["since", "seit", "depuis"];
static DAY: crate::words::WordList = crate::words::word_list!["day", "tag", "jour"];
static LAST: crate::words::WordList = crate::words::word_list!["last", "letztem", "letzten"];
static ORDINALS: crate::words::WordList = crate::words::word_list![
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "2nd",
    "3rd",
    "4th",
    "5th",
    "6th",
    "zweite",
    "dritte",
    "vierte",
    "fünfte",
    "zweiten",
    "dritten",
    "vierten",
    "deuxième",
    "troisième",
    "quatrième",
    "cinquième",
];
static CONTACT: crate::words::WordList = crate::words::word_list![
    "chat",
    "call",
    "email",
    "mail",
    "ticket",
    "message",
    "reminder",
    "request",
    "anruf",
    "nachricht",
    "erinnerung",
    "anfrage",
    "relance",
    "appel",
    "demande",
    "courriel",
];

/// Waits ("for four days", "seit neun Tagen", "day 6", "since Monday") and
/// contact counts ("four emails", "quatre relances").
fn waits(doc: &Doc, tables: &[&LanguageTable]) -> Vec<Cue> {
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| t.text.as_str());
    let same = |a: usize, b: usize| {
        doc.tokens.get(a).map(|t| t.sentence) == doc.tokens.get(b).map(|t| t.sentence)
    };
    let any = |w: &str, pick: fn(&LanguageTable) -> &'static [&'static str]| {
        tables.iter().any(|t| pick(t).contains(&w))
    };
    let span = |a: usize, b: usize| {
        let start = doc.tokens.get(a).map_or(0, |t| t.start);
        (start, doc.tokens.get(b).map_or(start, |t| t.end))
    };
    let mut out = Vec::new();
    for i in 0..doc.tokens.len() {
        let next = word(i + 1);
        if is_number(word(i), tables) && same(i, i + 1) {
            if any(next, |t| t.durations) {
                let before = i
                    .checked_sub(1)
                    .filter(|p| same(*p, i))
                    .is_some_and(|p| any(word(p), |t| t.wait_before));
                let after = same(i, i + 2) && any(word(i + 2), |t| t.wait_after);
                if before || after {
                    let (start, end) = span(i, i + 1);
                    out.push(Cue {
                        signal: Signal::Waiting,
                        phrase: "days of waiting",
                        weight: 0.35,
                        start,
                        end,
                    });
                }
            } else if any(next, |t| t.contacts) && word(i) != "a" {
                let (start, end) = span(i, i + 1);
                out.push(Cue {
                    signal: Signal::Chasing,
                    phrase: "messages sent",
                    weight: 0.35,
                    start,
                    end,
                });
            }
        }
        // "third chat", "fifth email", "dritte Mail", "troisième relance"
        if ORDINALS.contains(&word(i)) && CONTACT.contains(&next) && same(i, i + 1) {
            let (start, end) = span(i, i + 1);
            out.push(Cue {
                signal: Signal::Chasing,
                phrase: "nth contact",
                weight: 0.4,
                start,
                end,
            });
        }
        let numbered_day = DAY.contains(&word(i))
            && next.bytes().all(|b| b.is_ascii_digit())
            && !next.is_empty()
            && same(i, i + 1);
        // "since Monday", "since last Tuesday", "seit letztem Freitag"
        let weekday_after = WEEKDAYS.contains(&next)
            || (LAST.contains(&next) && WEEKDAYS.contains(&word(i + 2)) && same(i, i + 2));
        let since_weekday = SINCE.contains(&word(i)) && weekday_after && same(i, i + 1);
        if numbered_day || since_weekday {
            let (start, end) = span(i, i + 1);
            out.push(Cue {
                signal: Signal::Waiting,
                phrase: if numbered_day {
                    "day count"
                } else {
                    "waiting since"
                },
                weight: if numbered_day { 0.35 } else { 0.25 },
                start,
                end,
            });
        }
    }
    out
}

/// Every cue in the text.
pub fn cues(text: &str, units: &[u16], doc: &Doc, tables: &[&LanguageTable]) -> Vec<Cue> {
    let mut out: Vec<Cue> = [
        shouting(units, doc),
        punctuation(units),
        masked_profanity(text),
        scare_quote(text),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.extend(waits(doc, tables));
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn quotes_mask_long_passages_and_keep_scare_quotes() {
        let text = "They said \"this will be fixed by Friday\" and the 'fix' broke it. We're sure.";
        let spans = quoted_spans(text);
        assert_eq!(spans.len(), 1);
        assert!(scare_quote(text).is_some_and(|c| c.phrase == "scare quotes"));
    }

    #[test]
    fn reply_lines_are_quoted() {
        let text = "Thanks, all good now.\n> We are furious.\nOn Tue, Sam wrote:\nold text";
        let spans = quoted_spans(text);
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn masked_profanity_not_markdown() {
        assert!(masked_profanity("what a sh*t show").is_some());
        assert!(masked_profanity("this is *important*").is_none());
        assert!(masked_profanity("ticket #123 in C#").is_none());
    }
}
