//! The escalation-signal knowledge, one table per language: phrases (lowercase
//! words, `*` for a prefix) tagged with the signal they are evidence of and
//! how strongly, the words that negate a phrase just before it, the words that
//! make a negation conditional ("if I don't hear back" is a threat, not a
//! negation), and the phrases by which a vendor speaks (apologies, incident
//! reports), so our own messages are never read as a customer escalating.
//! Adding a language is adding a table here. Learned from public customer
//! messages (tests/data/signal/SOURCES.md), written in our own words.

use super::signal_de::*;
use super::signal_en::*;
use super::signal_fr::*;
use super::signals::Signal;

/// A language's phrases with their signal and weight: the phrases joined by
/// newlines, and per phrase one `u16` (signal index << 8 | weight in
/// hundredths). A `(&str, Signal, f32)` slice cost 16 bytes of pointer,
/// length, tag and float per phrase in the wasm's data, gzipping poorly.
pub struct Phrases {
    pub text: &'static str,
    pub codes: &'static [u16],
}

impl Phrases {
    /// `(phrase, signal, weight)` in table order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, Signal, f32)> {
        self.text
            .split('\n')
            .zip(self.codes)
            .filter_map(|(phrase, &code)| {
                let signal = *Signal::ALL.get(usize::from(code >> 8))?;
                Some((phrase, signal, f32::from(code & 0xFF) / 100.0))
            })
    }
}

/// The code of one entry; a weight that is not a whole number of hundredths
/// does not compile.
pub(super) const fn code(signal: Signal, weight: f32) -> u16 {
    let hundredths = (weight * 100.0 + 0.5) as u16;
    assert!(hundredths <= 100 && hundredths as f32 / 100.0 == weight);
    (signal as u16) << 8 | hundredths
}

/// `phrases![("livid", Anger, 0.6), …]`: a [`Phrases`] written as the
/// table it stands for.
macro_rules! phrases {
    ($(($phrase:literal, $signal:ident, $weight:literal)),* $(,)?) => {
        super::signal_tables::Phrases {
            text: concat!($($phrase, "\n"),*),
            codes: &[$(super::signal_tables::code($signal, $weight)),*],
        }
    };
}
pub(super) use phrases;

/// One language's signals.
pub struct LanguageTable {
    /// ISO 639-1 code, as in the page's `lang` ("de" for "de-DE").
    pub lang: &'static str,
    pub phrases: Phrases,
    /// Words that, up to three words before a phrase in the same clause, turn it off.
    pub negators: &'static crate::words::WordList,
    /// Words that, just before a negator, make it part of a condition ("if",
    /// "unless"): the phrase then still counts.
    pub conditionals: &'static crate::words::WordList,
    /// Phrases only a vendor writes to a customer: a paragraph holding one is
    /// our side speaking, whatever else it says.
    pub vendor_voice: &'static crate::words::WordList,
    /// Phrases that contain a signal word but mean nothing ("thanks again").
    pub harmless: &'static crate::words::WordList,
    /// Number words ("four days", "drei Mails").
    pub numbers: &'static crate::words::WordList,
    /// Units of waiting ("days") and of chasing ("emails").
    pub durations: &'static crate::words::WordList,
    pub contacts: &'static crate::words::WordList,
    /// Words around a duration that make it a wait ("for four days", "four
    /// days ago"), unlike "within two days".
    pub wait_before: &'static crate::words::WordList,
    pub wait_after: &'static crate::words::WordList,
    /// Words that make a leaving verb about the contract ("cancel our
    /// subscription", "den Vertrag kündigen"), not about a seat or a meeting.
    pub contract_words: &'static [&'static str],
    /// Calm words ("not urgent", "no rush", "workaround"): they halve the
    /// context evidence (what broke, when, who asked), never a threat or a verdict.
    pub calm: &'static crate::words::WordList,
}

pub static LANGUAGES: &[LanguageTable] = &[
    LanguageTable {
        lang: "en",
        phrases: EN,
        negators: &EN_NEGATORS,
        conditionals: &EN_CONDITIONALS,
        vendor_voice: &EN_VENDOR,
        harmless: &EN_HARMLESS,
        numbers: &EN_NUMBERS,
        durations: &EN_DURATIONS,
        contacts: &EN_CONTACTS,
        wait_before: &EN_WAIT_BEFORE,
        wait_after: &EN_WAIT_AFTER,
        calm: &EN_CALM,
        contract_words: &[
            "contract",
            "contracts",
            "agreement",
            "subscription",
            "subscriptions",
            "licence",
            "license",
            "licenses",
            "plan",
            "renewal",
            "msa",
        ],
    },
    LanguageTable {
        lang: "de",
        phrases: DE,
        negators: &DE_NEGATORS,
        conditionals: &DE_CONDITIONALS,
        vendor_voice: &DE_VENDOR,
        harmless: &DE_HARMLESS,
        numbers: &DE_NUMBERS,
        durations: &DE_DURATIONS,
        contacts: &DE_CONTACTS,
        wait_before: &DE_WAIT_BEFORE,
        wait_after: &DE_WAIT_AFTER,
        calm: &DE_CALM,
        contract_words: &[
            "vertrag",
            "vertrags*",
            "abonnement",
            "abo",
            "lizenz*",
            "zusammenarbeit",
        ],
    },
    LanguageTable {
        lang: "fr",
        phrases: FR,
        negators: &FR_NEGATORS,
        conditionals: &FR_CONDITIONALS,
        vendor_voice: &FR_VENDOR,
        harmless: &FR_HARMLESS,
        numbers: &FR_NUMBERS,
        durations: &FR_DURATIONS,
        contacts: &FR_CONTACTS,
        wait_before: &FR_WAIT_BEFORE,
        wait_after: &FR_WAIT_AFTER,
        calm: &FR_CALM,
        contract_words: &[
            "contrat",
            "contrats",
            "abonnement",
            "licence*",
            "collaboration",
        ],
    },
];

/// Acronyms written in capitals that are not shouting.
pub static ACRONYMS: crate::words::WordList = crate::words::word_list![
    "api", "sla", "csv", "utc", "sso", "pdf", "ceo", "cfo", "cto", "coo", "cio", "vp", "rfp",
    "qbr", "usa", "gdpr", "dsgvo", "dpa", "saml", "soc", "url", "crm", "erp", "faq", "asap", "cet",
    "est", "pst", "gmt", "sql", "ui", "ux", "it", "hr", "pdg", "dsi", "daf", "gmbh", "ag", "sas",
    "llc", "inc", "ltd", "aws", "gcp", "eu", "uk", "us", "id", "ok", "pm", "am", "fyi", "btw",
    "imo", "eod", "eta", "kpi", "roi", "nda", "tbd", "usd", "eur", "gbp", "chf", "cad", "ssl",
    "tls", "dns", "vpn", "iso", "ipo", "mfa", "otp", "json", "xml", "html", "http", "https",
];

/// A score at or above this offers the playbook.
pub const ESCALATING_AT: f32 = 0.5;
