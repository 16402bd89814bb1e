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

/// One language's signals.
pub struct LanguageTable {
    /// ISO 639-1 code, as in the page's `lang` ("de" for "de-DE").
    pub lang: &'static str,
    pub phrases: &'static [(&'static str, Signal, f32)],
    /// Words that, up to three words before a phrase in the same clause, turn it off.
    pub negators: &'static [&'static str],
    /// Words that, just before a negator, make it part of a condition ("if",
    /// "unless"): the phrase then still counts.
    pub conditionals: &'static [&'static str],
    /// Phrases only a vendor writes to a customer: a paragraph holding one is
    /// our side speaking, whatever else it says.
    pub vendor_voice: &'static [&'static str],
    /// Phrases that contain a signal word but mean nothing ("thanks again").
    pub harmless: &'static [&'static str],
    /// Number words ("four days", "drei Mails").
    pub numbers: &'static [&'static str],
    /// Units of waiting ("days") and of chasing ("emails").
    pub durations: &'static [&'static str],
    pub contacts: &'static [&'static str],
    /// Words around a duration that make it a wait ("for four days", "four
    /// days ago"), unlike "within two days".
    pub wait_before: &'static [&'static str],
    pub wait_after: &'static [&'static str],
    /// Words that make a leaving verb about the contract ("cancel our
    /// subscription", "den Vertrag kündigen"), not about a seat or a meeting.
    pub contract_words: &'static [&'static str],
    /// Calm words ("not urgent", "no rush", "workaround"): they halve the
    /// context evidence (what broke, when, who asked), never a threat or a verdict.
    pub calm: &'static [&'static str],
}

pub const LANGUAGES: &[LanguageTable] = &[
    LanguageTable {
        lang: "en",
        phrases: EN,
        negators: EN_NEGATORS,
        conditionals: EN_CONDITIONALS,
        vendor_voice: EN_VENDOR,
        harmless: EN_HARMLESS,
        numbers: EN_NUMBERS,
        durations: EN_DURATIONS,
        contacts: EN_CONTACTS,
        wait_before: EN_WAIT_BEFORE,
        wait_after: EN_WAIT_AFTER,
        calm: EN_CALM,
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
        negators: DE_NEGATORS,
        conditionals: DE_CONDITIONALS,
        vendor_voice: DE_VENDOR,
        harmless: DE_HARMLESS,
        numbers: DE_NUMBERS,
        durations: DE_DURATIONS,
        contacts: DE_CONTACTS,
        wait_before: DE_WAIT_BEFORE,
        wait_after: DE_WAIT_AFTER,
        calm: DE_CALM,
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
        negators: FR_NEGATORS,
        conditionals: FR_CONDITIONALS,
        vendor_voice: FR_VENDOR,
        harmless: FR_HARMLESS,
        numbers: FR_NUMBERS,
        durations: FR_DURATIONS,
        contacts: FR_CONTACTS,
        wait_before: FR_WAIT_BEFORE,
        wait_after: FR_WAIT_AFTER,
        calm: FR_CALM,
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
pub const ACRONYMS: &[&str] = &[
    "api", "sla", "csv", "utc", "sso", "pdf", "ceo", "cfo", "cto", "coo", "cio", "vp", "rfp",
    "qbr", "usa", "gdpr", "dsgvo", "dpa", "saml", "soc", "url", "crm", "erp", "faq", "asap", "cet",
    "est", "pst", "gmt", "sql", "ui", "ux", "it", "hr", "pdg", "dsi", "daf", "gmbh", "ag", "sas",
    "llc", "inc", "ltd", "aws", "gcp", "eu", "uk", "us", "id", "ok", "pm", "am", "fyi", "btw",
    "imo", "eod", "eta", "kpi", "roi", "nda", "tbd", "usd", "eur", "gbp", "chf", "cad", "ssl",
    "tls", "dns", "vpn", "iso", "ipo", "mfa", "otp", "json", "xml", "html", "http", "https",
];

/// A score at or above this offers the playbook.
pub const ESCALATING_AT: f32 = 0.5;
