//! The escalation-signal phrase tables, one per language. Adding a language is
//! adding a table here: phrases (lowercase words, `*` for a prefix) with a
//! weight in 0..1 for how strongly each one signals an escalation, and the
//! words that negate a phrase just before it ("not critical").

/// One language's signals.
pub struct LanguageTable {
    /// ISO 639-1 code, as in the page's `lang` ("de" for "de-DE").
    pub lang: &'static str,
    pub phrases: &'static [(&'static str, f32)],
    /// Words that, up to three words before a phrase, turn it off.
    pub negators: &'static [&'static str],
}

const EN: &[(&str, f32)] = &[
    ("livid", 0.6),
    ("furious", 0.6),
    ("outraged", 0.6),
    ("angry", 0.4),
    ("fed up", 0.5),
    ("frustrated", 0.3),
    ("extremely frustrated", 0.5),
    ("very disappointed", 0.4),
    ("disappointed", 0.25),
    ("not happy", 0.3),
    ("unacceptable", 0.5),
    ("not acceptable", 0.5),
    ("threatening to leave", 0.7),
    ("threatening to cancel", 0.7),
    ("threaten*", 0.4),
    ("cancel*", 0.45),
    ("terminate*", 0.5),
    ("termination", 0.5),
    ("not renew*", 0.7),
    ("won't be renewing", 0.7),
    ("will not be renewing", 0.7),
    ("reconsider*", 0.4),
    ("looking at alternatives", 0.6),
    ("look at alternatives", 0.6),
    ("competitor*", 0.4),
    ("churn*", 0.5),
    ("escalat*", 0.45),
    ("exec escalation", 0.7),
    ("executive escalation", 0.7),
    ("our ceo", 0.35),
    ("my ceo", 0.35),
    ("our cto", 0.3),
    ("fire drill", 0.6),
    ("critical", 0.35),
    ("business critical", 0.5),
    ("urgent*", 0.3),
    ("outage", 0.35),
    ("data loss", 0.5),
    ("lost data", 0.5),
    ("lawyer*", 0.7),
    ("legal action", 0.7),
    ("breach of contract", 0.7),
    ("refund", 0.35),
    ("last straw", 0.7),
    ("had enough", 0.5),
    ("how do i handle this", 0.6),
    ("how should i handle this", 0.6),
    ("angry customer", 0.6),
    ("complain*", 0.3),
    ("ridiculous", 0.4),
    ("third time", 0.4),
    ("worst", 0.4),
    ("terrible", 0.35),
    ("horrible", 0.35),
    ("disaster", 0.45),
    ("nightmare", 0.4),
    ("waste of money", 0.5),
    ("pull the plug", 0.6),
    ("walk away", 0.5),
    ("take our business elsewhere", 0.8),
    ("sla", 0.25),
];

const EN_NEGATORS: &[&str] = &[
    "not", "no", "isn't", "wasn't", "aren't", "never", "nothing", "don't", "doesn't", "didn't",
    "won't", "without", "hardly", "nor",
];

const DE: &[(&str, f32)] = &[
    ("wütend", 0.6),
    ("verärgert", 0.5),
    ("sauer", 0.4),
    ("stinksauer", 0.6),
    ("frustriert", 0.35),
    ("enttäuscht", 0.35),
    ("inakzeptabel", 0.5),
    ("nicht akzeptabel", 0.5),
    ("unzumutbar", 0.5),
    ("kündig*", 0.55),
    ("vertrag beenden", 0.7),
    ("nicht verlängern", 0.7),
    ("nicht mehr verlängern", 0.7),
    ("konkurrenz", 0.4),
    ("anbieter wechseln", 0.6),
    ("eskal*", 0.45),
    ("geschäftsführ*", 0.35),
    ("vorstand", 0.35),
    ("kritisch", 0.35),
    ("geschäftskritisch", 0.5),
    ("dringend", 0.3),
    ("ausfall", 0.35),
    ("datenverlust", 0.5),
    ("anwalt", 0.7),
    ("rechtliche schritte", 0.7),
    ("rechtsabteilung", 0.5),
    ("schadensersatz", 0.6),
    ("rückerstattung", 0.35),
    ("letzte chance", 0.6),
    ("es reicht", 0.5),
    ("zum dritten mal", 0.4),
    ("katastroph*", 0.45),
    ("beschwerde", 0.4),
    ("ärgerlich", 0.3),
];

const DE_NEGATORS: &[&str] = &[
    "nicht", "kein", "keine", "keinen", "keiner", "keines", "nie", "niemals", "ohne",
];

const FR: &[(&str, f32)] = &[
    ("furieux", 0.6),
    ("furieuse", 0.6),
    ("en colère", 0.5),
    ("exaspéré*", 0.5),
    ("frustré*", 0.35),
    ("déçu*", 0.35),
    ("inacceptable", 0.5),
    ("inadmissible", 0.5),
    ("pas acceptable", 0.5),
    ("résili*", 0.55),
    ("annuler", 0.45),
    ("annulation", 0.45),
    ("ne pas renouveler", 0.7),
    ("pas renouveler", 0.7),
    ("changer de fournisseur", 0.6),
    ("concurrent*", 0.4),
    ("escalad*", 0.45),
    ("direction générale", 0.35),
    ("pdg", 0.35),
    ("critique", 0.35),
    ("urgent*", 0.3),
    ("panne", 0.35),
    ("perte de données", 0.5),
    ("avocat*", 0.7),
    ("action en justice", 0.7),
    ("mise en demeure", 0.7),
    ("service juridique", 0.5),
    ("remboursement", 0.35),
    ("troisième fois", 0.4),
    ("catastroph*", 0.45),
    ("réclamation", 0.4),
    ("plainte", 0.4),
];

const FR_NEGATORS: &[&str] = &["pas", "aucun", "aucune", "jamais", "sans", "guère"];

pub const LANGUAGES: &[LanguageTable] = &[
    LanguageTable {
        lang: "en",
        phrases: EN,
        negators: EN_NEGATORS,
    },
    LanguageTable {
        lang: "de",
        phrases: DE,
        negators: DE_NEGATORS,
    },
    LanguageTable {
        lang: "fr",
        phrases: FR,
        negators: FR_NEGATORS,
    },
];

/// A score at or above this offers the playbook.
pub const ESCALATING_AT: f32 = 0.5;
