//! Access to the generated CLDR tables (`cldr_tables.rs`): finding a page
//! locale's record, its words (month names, words to ignore, scale words,
//! currency symbols), and the text normalisation every reader runs first
//! (bidi marks out, native digits to ASCII).

#[path = "cldr_tables.rs"]
#[rustfmt::skip]
mod tables;

pub(crate) use tables::Record;
use tables::{
    Run, BLOB, CODES, ERAS, GLOBAL_SYMBOLS, LOCALE_DATA, LOCALE_TAGS, RECORDS, REGIONS,
    REGION_CURRENCIES, THREE_DECIMALS, ZEROS, ZERO_DECIMALS,
};

/// What the tables know about one page locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LocaleData {
    /// Index into the records.
    pub record: u16,
    /// The locale's own currency (its region's), as a currency index.
    pub currency: Option<u16>,
    /// Whether the tag named a region (`en-CA`) rather than only a language (`en`).
    pub region_given: bool,
}

impl LocaleData {
    pub(super) fn record(&self) -> Option<&'static Record> {
        RECORDS.get(usize::from(self.record))
    }
}

/// The `(word, value)` entries of a run (see `BLOB` for the encoding).
pub(super) fn words(run: Run) -> impl Iterator<Item = (&'static str, u16)> {
    let start = (run & 0x1_FFFF) as usize;
    let text = BLOB.get(start..start + (run >> 17) as usize).unwrap_or("");
    text.split('\u{1}').filter_map(|entry| {
        let mut chars = entry.chars();
        let value = u32::from(chars.next()?).checked_sub(0x20)?;
        Some((chars.as_str(), u16::try_from(value).ok()?))
    })
}

/// The ISO code of a currency index.
pub(super) fn code(index: u16) -> Option<&'static str> {
    let at = usize::from(index) * 3;
    CODES.get(at..at + 3)
}

/// The currency index of an ISO code (any case).
pub(super) fn code_index(code: &str) -> Option<u16> {
    if code.len() != 3 || !code.is_ascii() {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    (0..CODES.len() / 3)
        .find(|i| CODES.get(i * 3..i * 3 + 3) == Some(upper.as_str()))
        .and_then(|i| u16::try_from(i).ok())
}

/// Whether a currency is written with three decimals (`KWD`, `BHD`, …).
pub(super) fn three_decimals(code: &str) -> bool {
    code.len() == 3
        && (0..THREE_DECIMALS.len() / 3).any(|i| THREE_DECIMALS.get(i * 3..i * 3 + 3) == Some(code))
}

/// Whether a currency is written without decimals (`JPY`, `KRW`, …).
pub(super) fn zero_decimals(code: &str) -> bool {
    code.len() == 3
        && (0..ZERO_DECIMALS.len() / 3).any(|i| ZERO_DECIMALS.get(i * 3..i * 3 + 3) == Some(code))
}

/// Symbols that read the same on every page, and the assumed reading of the
/// shared ones (`$` → USD, `¥` → JPY): `(symbol, currency, assumed)`.
pub(super) fn global_symbols() -> impl Iterator<Item = (&'static str, u16, bool)> {
    words(GLOBAL_SYMBOLS).map(|(s, v)| (s, v >> 1, v & 1 == 1))
}

/// Every known tag with its (record, region currency or `u16::MAX`).
fn tags() -> impl Iterator<Item = (&'static str, (u16, u16))> {
    LOCALE_TAGS.split('\u{1}').zip(LOCALE_DATA.iter().copied())
}

fn find_tag(tag: &str) -> Option<(u16, u16)> {
    tags().find(|(t, _)| *t == tag).map(|(_, data)| data)
}

fn region_currency(region: &str) -> Option<u16> {
    let upper = region.to_ascii_uppercase();
    let count = REGIONS.len() / 2;
    let i = (0..count).find(|i| REGIONS.get(i * 2..i * 2 + 2) == Some(upper.as_str()))?;
    REGION_CURRENCIES.get(i).map(|c| u16::from(*c))
}

/// A BCP 47 tag read for a table lookup: lower case, `_` read as `-`,
/// extensions (`-u-hc-h23`, `-x-…`) dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagLookup {
    /// Most specific first: the whole tag, language-script-region,
    /// language-region, language-script, then the language alone.
    pub candidates: Vec<String>,
    /// The region subtag (`gb`, `419`), if the tag has one.
    pub region: Option<String>,
}

/// The lookup order of a tag; `None` for an empty one. Every table keyed by
/// locale (CLDR records here, time styles in `messages`) falls back this way.
pub fn tag_lookup(tag: &str) -> Option<TagLookup> {
    let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
    let parts: Vec<&str> = lower
        .split('-')
        .filter(|p| !p.is_empty())
        .take_while(|p| p.len() != 1)
        .collect();
    let language = *parts.first()?;
    let script = parts
        .iter()
        .skip(1)
        .find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
    let region = parts
        .iter()
        .skip(1)
        .find(|p| p.len() == 2 || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit())));
    let mut candidates = vec![parts.join("-")];
    if let (Some(s), Some(r)) = (script, region) {
        candidates.push(format!("{language}-{s}-{r}"));
    }
    if let Some(r) = region {
        candidates.push(format!("{language}-{r}"));
    }
    if let Some(s) = script {
        candidates.push(format!("{language}-{s}"));
    }
    candidates.push(language.to_string());
    candidates.dedup();
    Some(TagLookup {
        candidates,
        region: region.map(|r| r.to_string()),
    })
}

/// Finds the record for a BCP 47 tag, in [`tag_lookup`]'s order.
pub fn lookup(tag: &str) -> Option<LocaleData> {
    let TagLookup { candidates, region } = tag_lookup(tag)?;
    let (record, currency) = candidates.iter().find_map(|c| find_tag(c))?;
    let currency = region
        .as_deref()
        .and_then(region_currency)
        .or((currency != u16::MAX).then_some(currency));
    Some(LocaleData {
        record,
        currency,
        region_given: region.is_some(),
    })
}

/// Records of the language's regional variants (`en-CA`, `en-GB` … for `en`).
pub(super) fn variants(language: &str) -> impl Iterator<Item = &'static Record> + '_ {
    tags()
        .filter(move |(t, _)| {
            t.strip_prefix(language)
                .is_some_and(|rest| rest.starts_with('-'))
        })
        .filter_map(|(_, (record, _))| RECORDS.get(usize::from(record)))
}

/// A scale word every locale that knows it reads the same (`करोड` on a page
/// whose own tables spell it otherwise): `(word length, power of ten)`.
pub(super) fn any_scale(rest: &str, before: Option<char>) -> Option<(usize, u16)> {
    let mut found: Option<(usize, u16)> = None;
    let mut conflict = false;
    for record in RECORDS {
        let Some((word, exponent)) = longest(rest, before, words(record.scales)) else {
            continue;
        };
        match found {
            Some((len, _)) if word.len() < len => {}
            Some((len, e)) if word.len() == len => conflict |= e != exponent,
            _ => {
                found = Some((word.len(), exponent));
                conflict = false;
            }
        }
    }
    found.filter(|_| !conflict)
}

/// Every record, for pages whose language says nothing.
pub(super) fn all_records() -> impl Iterator<Item = &'static Record> {
    RECORDS.iter()
}

/// The Gregorian year before year 1 of a named era (`令和` → 2018).
pub(super) fn eras() -> impl Iterator<Item = (&'static str, i32)> {
    ERAS.iter().copied()
}

/// Bidi marks and other invisible format characters (zero-width space, BOM).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Page text as the readers want it: lower-case, bidi marks removed, every
/// decimal digit ASCII, full-width punctuation and the Arabic separators as
/// their ASCII counterparts, the locale's native separators as its Latin ones.
pub fn normalize(text: &str, record: Option<&Record>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        let code = u32::from(c);
        if let Some(zero) = ZEROS
            .iter()
            .find(|z| (**z..**z + 10).contains(&code) && code >= 0x80)
        {
            out.push(char::from(b'0' + (code - zero) as u8));
            continue;
        }
        let mapped = match record {
            Some(r) if c == r.native_decimal && c != r.decimal => r.decimal,
            Some(r) if c == r.native_group && c != r.group => r.group,
            _ => c,
        };
        match mapped {
            '\u{a0}' | '\u{202f}' | '\u{2009}' => out.push(' '),
            '\u{066b}' | '．' => out.push('.'),
            '\u{066c}' | '，' => out.push(','),
            '\u{2212}' => out.push('-'),
            other => crate::case::push_lower(&mut out, other),
        }
    }
    out
}

/// The script of a letter of a script that separates words with spaces
/// (Latin, Greek and Cyrillic, Hebrew, Arabic, each Indic block…). Thai, Lao,
/// Khmer, Myanmar and CJK write words back to back: no boundary there.
fn spaced_script(c: char) -> Option<u32> {
    let code = u32::from(c);
    if !(c.is_alphabetic() || is_mark(c)) || code >= 0x0e00 {
        return None;
    }
    Some(match code {
        0..=0x036f => 0,
        0x0370..=0x052f => 1,
        0x0530..=0x05ff => 2,
        0x0600..=0x08ff => 3,
        _ => code >> 7,
    })
}

/// Combining marks that `char::is_alphabetic` leaves out (nukta, virama,
/// Thai tone marks, …): they belong to the word they sit on.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036f
            | 0x0483..=0x0489
            | 0x0591..=0x05c7
            | 0x05f3
            | 0x05f4
            | 0x0610..=0x061a
            | 0x064b..=0x065f
            | 0x0670
            | 0x06d6..=0x06ed
            | 0x0900..=0x0dff
            | 0x0e31
            | 0x0e34..=0x0e3a
            | 0x0e47..=0x0e4e
            | 0x0eb1
            | 0x0eb4..=0x0ebc
            | 0x0ec8..=0x0ece
            | 0x102b..=0x103e
            | 0x17b4..=0x17d3
    ) && !c.is_numeric()
}

/// Whether `word` can be read at the start of `rest`, the character before
/// being `before`: it must not cut a word of a spaced script in two.
pub(super) fn fits(rest: &str, word: &str, before: Option<char>) -> bool {
    if word.is_empty() || !rest.starts_with(word) {
        return false;
    }
    let first = word.chars().next();
    let last = word.chars().next_back();
    let after = rest.get(word.len()..).and_then(|r| r.chars().next());
    let cuts = |edge: Option<char>, neighbour: Option<char>| match (edge, neighbour) {
        (Some(e), Some(n)) => {
            (spaced_script(e).is_some() && spaced_script(e) == spaced_script(n))
                || (e.is_ascii_digit() && n.is_ascii_digit())
        }
        _ => false,
    };
    !cuts(first, before) && !cuts(last, after)
}

/// The longest word of `candidates` that fits at the start of `rest`.
pub(super) fn longest<'w>(
    rest: &str,
    before: Option<char>,
    candidates: impl Iterator<Item = (&'w str, u16)>,
) -> Option<(&'w str, u16)> {
    let mut best: Option<(&str, u16)> = None;
    for (word, value) in candidates {
        if best.is_none_or(|(b, _)| word.len() > b.len()) && fits(rest, word, before) {
            best = Some((word, value));
        }
    }
    best
}

/// Whether a character may be part of a word (letters and combining marks).
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn tags_find_their_records_and_currencies() {
        let ca = lookup("en-CA");
        assert!(ca.is_some_and(|l| l.region_given));
        assert_eq!(ca.and_then(|l| l.currency).and_then(code), Some("CAD"));
        assert_eq!(
            lookup("zh-TW").and_then(|l| l.currency).and_then(code),
            Some("TWD")
        );
        assert_eq!(
            lookup("sv").and_then(|l| l.currency).and_then(code),
            Some("SEK")
        );
        assert_eq!(
            lookup("de_AT").and_then(|l| l.currency).and_then(code),
            Some("EUR")
        );
        assert!(lookup("sv").is_some_and(|l| !l.region_given));
        assert_eq!(
            lookup("zh-Hant-TW").and_then(|l| l.currency).and_then(code),
            Some("TWD")
        );
        assert_eq!(
            lookup("pt_BR").and_then(|l| l.currency).and_then(code),
            Some("BRL")
        );
        assert_eq!(lookup("xx-DE").and_then(|l| l.currency), None);
        assert_eq!(lookup("zz"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(code_index("usd").and_then(code), Some("USD"));
    }

    #[test]
    fn normalizing_strips_marks_and_maps_digits() {
        let eg = lookup("ar-EG").and_then(|l| l.record());
        assert_eq!(normalize("\u{200f}١٬٢٣٤٫٥٠", eg), "1,234.50");
        assert_eq!(normalize("۱۴۰۶/۱/۱۱", None), "1406/1/11");
        assert_eq!(normalize("१२ लाख", None), "12 लाख");
        assert_eq!(normalize("１２３，４５６", None), "123,456");
        assert_eq!(normalize("EUR", None), "eur");
    }

    #[test]
    fn words_fit_only_whole() {
        assert!(fits("mio. €", "mio.", Some(' ')));
        assert!(!fits("mrd", "m", Some(' ')));
        assert!(fits("3月31日", "3月", None));
        assert!(!fits("13月", "3月", Some('1')));
        assert!(fits("วันพุธที่", "วันพุธ", None));
    }
}
