//! Times in a draft, as the coach needs them: clock times ("4:30 PM CET",
//! "16:00"), cadences ("every 15 minutes", "hourly"), spans ("within 60
//! minutes", "in an hour"), and days ("today", "tomorrow", "Friday", "Dec 4"),
//! with the zone a clock time names. One left-to-right pass over the tokens.

use super::text::{Gap, Hit, Token};

/// What kind of time a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// A time of day.
    Clock,
    /// A repeating interval with a unit, in minutes.
    Cadence(u32),
    /// A span from now with a unit ("within 60 minutes"), in minutes.
    Within(u32),
    /// A day word: `true` when it is not today ("tomorrow", "Friday", "Dec 4").
    Day(bool),
}

/// One time found in the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeMention {
    pub hit: Hit,
    pub kind: TimeKind,
    /// The zone named right after a clock time ("CET", "your time").
    pub zone: Option<Hit>,
}

impl TimeMention {
    /// A time the customer can hold you to today: a clock time, a cadence, or
    /// a span of at most a working day.
    pub fn is_specific_today(&self) -> bool {
        match self.kind {
            TimeKind::Clock => true,
            TimeKind::Cadence(minutes) | TimeKind::Within(minutes) => minutes <= 12 * 60,
            TimeKind::Day(_) => false,
        }
    }
}

static ZONES: crate::words::WordList = crate::words::word_list![
    "utc", "gmt", "cet", "cest", "eet", "eest", "wet", "west", "bst", "ist", "est", "edt", "cst",
    "cdt", "mst", "mdt", "pst", "pdt", "et", "ct", "mt", "pt", "aest", "aedt", "jst", "kst", "sgt",
    "hkt", "nzst", "nzdt", "gst", "brt", "msk", "uhr",
];

static WEEKDAYS: crate::words::WordList = crate::words::word_list![
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

static MONTHS: crate::words::WordList = crate::words::word_list![
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words allowed between "within"/"in" and the number ("in around 1 hr").
static APPROXIMATE: crate::words::WordList = crate::words::word_list![
    "the",
    "next",
    "around",
    "about",
    "approximately",
    "roughly",
    "approx",
    "under",
    "less",
    "than",
];

fn number_value(word: &str) -> Option<u32> {
    if !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse::<u32>().ok();
    }
    let n = match word {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "ten" => 10,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "ninety" => 90,
        "half" => return Some(0),
        _ => return None,
    };
    Some(n)
}

fn unit_minutes(word: &str) -> Option<u32> {
    match word {
        "minute" | "minutes" | "min" | "mins" | "m" => Some(1),
        "hour" | "hours" | "hr" | "hrs" | "h" => Some(60),
        "day" | "days" => Some(24 * 60),
        "week" | "weeks" => Some(7 * 24 * 60),
        _ => None,
    }
}

/// "1hr", "30min", "15m": a number with its unit in one token.
fn fused_span(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let unit = word.get(digits.len()..)?;
    if digits.is_empty() || unit.is_empty() {
        return None;
    }
    Some(digits.parse::<u32>().ok()? * unit_minutes(unit)?)
}

fn word(tokens: &[Token], at: usize) -> &str {
    tokens.get(at).map_or("", |t| t.text.as_str())
}

/// A number and a unit starting at `at`: minutes and the index of the unit.
/// "half an hour" is 30; "2 business days" skips "business".
fn span_at(tokens: &[Token], at: usize) -> Option<(u32, usize)> {
    if let Some(minutes) = fused_span(word(tokens, at)) {
        return Some((minutes, at));
    }
    let n = number_value(word(tokens, at))?;
    if n == 0 {
        // "half an hour", "half a day"
        let unit = unit_minutes(word(tokens, at + 2))?;
        return Some((unit / 2, at + 2));
    }
    let mut unit_at = at + 1;
    if matches!(
        word(tokens, unit_at),
        "business" | "working" | "more" | "full"
    ) {
        unit_at += 1;
    }
    let unit = unit_minutes(word(tokens, unit_at))?;
    Some((n * unit, unit_at))
}

fn mention(first: usize, last: usize, kind: TimeKind) -> TimeMention {
    TimeMention {
        hit: Hit { first, last },
        kind,
        zone: None,
    }
}

/// The time mention starting at token `at`, if any.
fn time_at(tokens: &[Token], at: usize) -> Option<TimeMention> {
    let w = word(tokens, at);
    if let Some(hit) = clock_time_at(tokens, at) {
        let mut found = mention(hit.first, hit.last, TimeKind::Clock);
        found.zone = zone_after(tokens, hit.last + 1);
        return Some(found);
    }
    match w {
        "hourly" => return Some(mention(at, at, TimeKind::Cadence(60))),
        "every" => {
            // "every hour", "every 30 minutes", "every other day"
            let next = word(tokens, at + 1);
            if let Some(unit) = unit_minutes(next) {
                return Some(mention(at, at + 1, TimeKind::Cadence(unit)));
            }
            if next == "other" {
                let unit = unit_minutes(word(tokens, at + 2))?;
                return Some(mention(at, at + 2, TimeKind::Cadence(unit * 2)));
            }
            let (minutes, last) = span_at(tokens, at + 1)?;
            return Some(mention(at, last, TimeKind::Cadence(minutes)));
        }
        "within" | "in" => {
            let mut from = at + 1;
            while APPROXIMATE.contains(&word(tokens, from)) && from < at + 4 {
                from += 1;
            }
            if matches!(word(tokens, from), "hour" | "day") && word(tokens, from - 1) == "the" {
                // "within the hour"
                let unit = unit_minutes(word(tokens, from))?;
                return Some(mention(at, from, TimeKind::Within(unit)));
            }
            let (minutes, last) = span_at(tokens, from)?;
            return Some(mention(at, last, TimeKind::Within(minutes)));
        }
        "today" | "tonight" => return Some(mention(at, at, TimeKind::Day(false))),
        "this" if matches!(word(tokens, at + 1), "afternoon" | "evening" | "morning") => {
            return Some(mention(at, at + 1, TimeKind::Day(false)))
        }
        "tomorrow" => return Some(mention(at, at, TimeKind::Day(true))),
        "next" if matches!(word(tokens, at + 1), "week" | "month") => {
            return Some(mention(at, at + 1, TimeKind::Day(true)))
        }
        _ => {}
    }
    if WEEKDAYS.contains(&w) && (w.len() > 3 || tokens.get(at).is_some_and(|t| t.capitalized)) {
        return Some(mention(at, at, TimeKind::Day(true)));
    }
    // "Dec 4", "December 4th", "4 December"
    if MONTHS.contains(&w) && tokens.get(at).is_some_and(|t| t.capitalized) {
        let next = word(tokens, at + 1);
        let day = next.trim_end_matches(|c: char| c.is_alphabetic());
        if number_value(day).is_some_and(|d| (1..=31).contains(&d)) {
            return Some(mention(at, at + 1, TimeKind::Day(true)));
        }
    }
    None
}

/// Every time mention, in text order, without overlaps.
pub fn time_mentions(tokens: &[Token]) -> Vec<TimeMention> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        match time_at(tokens, at) {
            Some(m) => {
                let next = m.zone.map_or(m.hit.last, |z| z.last) + 1;
                found.push(m);
                at = next.max(at + 1);
            }
            None => at += 1,
        }
    }
    found
}

/// A zone right after a clock time: "CET", "PM ET", "your time".
fn zone_after(tokens: &[Token], at: usize) -> Option<Hit> {
    let previous = tokens.get(at.checked_sub(1)?).map(|t| t.sentence);
    if tokens.get(at).map(|t| t.sentence) != previous {
        return None;
    }
    let w = word(tokens, at);
    if ZONES.contains(&w) {
        return Some(Hit {
            first: at,
            last: at,
        });
    }
    if w == "your" {
        let next = word(tokens, at + 1);
        let last = if next == "local" { at + 2 } else { at + 1 };
        if word(tokens, last) == "time" {
            return Some(Hit { first: at, last });
        }
    }
    None
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
    use crate::coach::text::tokenize;

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

    fn kinds(text: &str) -> Vec<TimeKind> {
        time_mentions(&tokenize(text))
            .into_iter()
            .map(|m| m.kind)
            .collect()
    }

    #[test]
    fn cadences_spans_and_days() {
        assert_eq!(kinds("updates every 15 minutes"), [TimeKind::Cadence(15)]);
        assert_eq!(kinds("hourly updates"), [TimeKind::Cadence(60)]);
        assert_eq!(kinds("every hour"), [TimeKind::Cadence(60)]);
        assert_eq!(kinds("within 60 minutes"), [TimeKind::Within(60)]);
        assert_eq!(kinds("in around 1hr"), [TimeKind::Within(60)]);
        assert_eq!(kinds("within the hour"), [TimeKind::Within(60)]);
        assert_eq!(kinds("in half an hour"), [TimeKind::Within(30)]);
        assert_eq!(kinds("within 2 business days"), [TimeKind::Within(2880)]);
        assert_eq!(
            kinds("tomorrow at 9 AM"),
            [TimeKind::Day(true), TimeKind::Clock]
        );
        assert_eq!(kinds("by Dec 4"), [TimeKind::Day(true)]);
        assert_eq!(kinds("in the next few hours"), []);
        assert_eq!(kinds("I may be late"), []);
    }

    #[test]
    fn a_clock_time_remembers_its_zone() {
        let tokens = tokenize("by 4:30 PM CET today, or 9 am your time");
        let zones: Vec<Option<String>> = time_mentions(&tokens)
            .iter()
            .filter(|m| m.kind == TimeKind::Clock)
            .map(|m| {
                m.zone.map(|z| {
                    tokens[z.first..=z.last]
                        .iter()
                        .map(|t| t.text.clone())
                        .collect()
                })
            })
            .collect();
        assert_eq!(
            zones,
            [Some("cet".to_string()), Some("yourtime".to_string())]
        );
    }
}
