//! The label synonyms that say which field a candidate is, per field and
//! language, with a rank (0 = the most specific wording). Matching is on a
//! normalized label: lower-case words, punctuation dropped, so `ARR (USD):`
//! is `arr usd`. CRM field API names (`Annual_Recurring_Revenue__c`,
//! `annualrevenue`, `new_renewaldate`) are matched squashed, letters and digits only.

pub use super::labels_locales::DISQUALIFIERS;
use super::labels_locales::LOCALE_SYNONYMS;
use super::labels_table::{synonyms, Synonyms, Table};

crate::unit_enum! {
    /// What a page field means to Defuse. ARR comes in four bases, best first.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Meaning {
        Name = "name",
        /// Annual recurring revenue, the figure the playbook asks for.
        Arr = "arr",
        /// Annual contract value: what the customer pays per year under contract.
        ContractValue = "contract-value",
        /// Monthly recurring revenue: ARR is 12 times it (derived, flagged).
        Mrr = "mrr",
        /// The customer company's own annual revenue: a different figure, kept
        /// only as a flagged, low-confidence fallback.
        AnnualRevenue = "annual-revenue",
        Renewal = "renewal",
    }
}

/// A synonym may appear inside a longer label (`Current ARR (USD)`) unless it
/// is a bare word that only means the field when it is the whole label
/// (`Name`, `Account`, `Revenue`).
const PART: bool = false;
const WHOLE: bool = true;

use Meaning::{AnnualRevenue, Arr, ContractValue, Mrr, Name, Renewal};

/// (normalized label, meaning, rank, whole label only)
pub const SYNONYMS: Synonyms = synonyms![
    // English
    ("account name", Name, 0, PART),
    ("account", Name, 2, WHOLE),
    ("company name", Name, 1, PART),
    ("company", Name, 2, WHOLE),
    ("organization name", Name, 1, PART),
    ("organisation name", Name, 1, PART),
    ("organization", Name, 2, WHOLE),
    ("organisation", Name, 2, WHOLE),
    ("customer name", Name, 1, PART),
    ("customer", Name, 2, WHOLE),
    ("name", Name, 2, WHOLE),
    ("arr", Arr, 0, PART),
    ("annual recurring revenue", Arr, 0, PART),
    ("acv", ContractValue, 0, PART),
    ("annual contract value", ContractValue, 0, PART),
    ("contract value", ContractValue, 1, PART),
    ("mrr", Mrr, 0, PART),
    ("monthly recurring revenue", Mrr, 0, PART),
    ("annual revenue", AnnualRevenue, 0, PART),
    ("yearly revenue", AnnualRevenue, 0, PART),
    ("revenue", AnnualRevenue, 1, WHOLE),
    ("renewal date", Renewal, 0, PART),
    ("next renewal", Renewal, 0, PART),
    ("next renewal date", Renewal, 0, PART),
    ("contract renewal date", Renewal, 0, PART),
    ("subscription renewal date", Renewal, 0, PART),
    ("renewal", Renewal, 0, WHOLE),
    ("contract end", Renewal, 1, PART),
    ("contract end date", Renewal, 1, PART),
    ("contract expiration date", Renewal, 1, PART),
    ("subscription end", Renewal, 2, PART),
    ("subscription end date", Renewal, 2, PART),
    // German
    ("accountname", Name, 0, PART),
    ("kontoname", Name, 0, PART),
    ("firmenname", Name, 1, PART),
    ("unternehmensname", Name, 1, PART),
    ("kundenname", Name, 1, PART),
    ("firma", Name, 2, WHOLE),
    ("unternehmen", Name, 2, WHOLE),
    ("kunde", Name, 2, WHOLE),
    ("jährlich wiederkehrender umsatz", Arr, 0, PART),
    ("jährlich wiederkehrende umsätze", Arr, 0, PART),
    ("jährlicher wiederkehrender umsatz", Arr, 0, PART),
    ("wiederkehrender jahresumsatz", Arr, 0, PART),
    ("jährlicher vertragswert", ContractValue, 0, PART),
    ("jahresvertragswert", ContractValue, 0, PART),
    ("vertragswert", ContractValue, 1, PART),
    ("monatlich wiederkehrender umsatz", Mrr, 0, PART),
    ("monatlich wiederkehrende umsätze", Mrr, 0, PART),
    ("monatlicher wiederkehrender umsatz", Mrr, 0, PART),
    ("jahresumsatz", AnnualRevenue, 0, PART),
    ("jährlicher umsatz", AnnualRevenue, 0, PART),
    ("umsatz", AnnualRevenue, 1, WHOLE),
    ("verlängerungsdatum", Renewal, 0, PART),
    ("nächste verlängerung", Renewal, 0, PART),
    ("vertragsverlängerung", Renewal, 0, PART),
    ("erneuerungsdatum", Renewal, 0, PART),
    ("verlängerung", Renewal, 0, WHOLE),
    ("vertragsende", Renewal, 1, PART),
    ("laufzeitende", Renewal, 1, PART),
    ("vertragsablauf", Renewal, 1, PART),
    ("abonnementende", Renewal, 2, PART),
    ("ende des abonnements", Renewal, 2, PART),
    // French
    ("nom du compte", Name, 0, PART),
    ("nom de compte", Name, 0, PART),
    ("nom de l'entreprise", Name, 1, PART),
    ("nom de la société", Name, 1, PART),
    ("nom de l'organisation", Name, 1, PART),
    ("raison sociale", Name, 1, PART),
    ("compte", Name, 2, WHOLE),
    ("société", Name, 2, WHOLE),
    ("entreprise", Name, 2, WHOLE),
    ("client", Name, 2, WHOLE),
    ("nom", Name, 2, WHOLE),
    ("revenu récurrent annuel", Arr, 0, PART),
    ("revenus récurrents annuels", Arr, 0, PART),
    ("revenu annuel récurrent", Arr, 0, PART),
    ("chiffre d'affaires récurrent annuel", Arr, 0, PART),
    ("valeur annuelle du contrat", ContractValue, 0, PART),
    ("valeur du contrat", ContractValue, 1, PART),
    ("revenu récurrent mensuel", Mrr, 0, PART),
    ("revenus récurrents mensuels", Mrr, 0, PART),
    ("chiffre d'affaires", AnnualRevenue, 0, PART),
    ("chiffre d'affaires annuel", AnnualRevenue, 0, PART),
    ("revenu annuel", AnnualRevenue, 0, PART),
    ("date de renouvellement", Renewal, 0, PART),
    ("prochain renouvellement", Renewal, 0, PART),
    ("renouvellement", Renewal, 0, WHOLE),
    ("fin de contrat", Renewal, 1, PART),
    ("fin du contrat", Renewal, 1, PART),
    ("date de fin du contrat", Renewal, 1, PART),
    ("date de fin de contrat", Renewal, 1, PART),
    ("échéance du contrat", Renewal, 1, PART),
    ("fin d'abonnement", Renewal, 2, PART),
    ("fin de l'abonnement", Renewal, 2, PART),
    // Spanish
    ("nombre de la cuenta", Name, 0, PART),
    ("nombre de cuenta", Name, 0, PART),
    ("nombre de la empresa", Name, 1, PART),
    ("nombre de empresa", Name, 1, PART),
    ("cuenta", Name, 2, WHOLE),
    ("empresa", Name, 2, WHOLE),
    ("organización", Name, 2, WHOLE),
    ("cliente", Name, 2, WHOLE),
    ("nombre", Name, 2, WHOLE),
    ("ingresos recurrentes anuales", Arr, 0, PART),
    ("ingreso recurrente anual", Arr, 0, PART),
    ("ingresos anuales recurrentes", Arr, 0, PART),
    ("valor anual del contrato", ContractValue, 0, PART),
    ("valor del contrato", ContractValue, 1, PART),
    ("ingresos recurrentes mensuales", Mrr, 0, PART),
    ("ingreso recurrente mensual", Mrr, 0, PART),
    ("ingresos anuales", AnnualRevenue, 0, PART),
    ("facturación anual", AnnualRevenue, 0, PART),
    ("ingresos", AnnualRevenue, 1, WHOLE),
    ("fecha de renovación", Renewal, 0, PART),
    ("próxima renovación", Renewal, 0, PART),
    ("renovación", Renewal, 0, WHOLE),
    ("fin del contrato", Renewal, 1, PART),
    ("fecha de fin del contrato", Renewal, 1, PART),
    ("vencimiento del contrato", Renewal, 1, PART),
    ("fin de la suscripción", Renewal, 2, PART),
    // Portuguese
    ("nome da conta", Name, 0, PART),
    ("nome da empresa", Name, 1, PART),
    ("razão social", Name, 1, PART),
    ("conta", Name, 2, WHOLE),
    ("organização", Name, 2, WHOLE),
    ("nome", Name, 2, WHOLE),
    ("receita recorrente anual", Arr, 0, PART),
    ("receita anual recorrente", Arr, 0, PART),
    ("valor anual do contrato", ContractValue, 0, PART),
    ("valor do contrato", ContractValue, 1, PART),
    ("receita recorrente mensal", Mrr, 0, PART),
    ("receita anual", AnnualRevenue, 0, PART),
    ("faturamento anual", AnnualRevenue, 0, PART),
    ("receita", AnnualRevenue, 1, WHOLE),
    ("data de renovação", Renewal, 0, PART),
    ("próxima renovação", Renewal, 0, PART),
    ("renovação", Renewal, 0, WHOLE),
    ("fim do contrato", Renewal, 1, PART),
    ("término do contrato", Renewal, 1, PART),
    ("data de término do contrato", Renewal, 1, PART),
    ("vencimento do contrato", Renewal, 1, PART),
    ("fim da assinatura", Renewal, 2, PART),
    // Dutch
    ("accountnaam", Name, 0, PART),
    ("bedrijfsnaam", Name, 1, PART),
    ("organisatienaam", Name, 1, PART),
    ("klantnaam", Name, 1, PART),
    ("bedrijf", Name, 2, WHOLE),
    ("organisatie", Name, 2, WHOLE),
    ("klant", Name, 2, WHOLE),
    ("naam", Name, 2, WHOLE),
    ("jaarlijkse terugkerende omzet", Arr, 0, PART),
    ("jaarlijks terugkerende omzet", Arr, 0, PART),
    ("jaarlijkse contractwaarde", ContractValue, 0, PART),
    ("contractwaarde", ContractValue, 1, PART),
    ("maandelijkse terugkerende omzet", Mrr, 0, PART),
    ("maandelijks terugkerende omzet", Mrr, 0, PART),
    ("jaaromzet", AnnualRevenue, 0, PART),
    ("jaarlijkse omzet", AnnualRevenue, 0, PART),
    ("omzet", AnnualRevenue, 1, WHOLE),
    ("verlengingsdatum", Renewal, 0, PART),
    ("volgende verlenging", Renewal, 0, PART),
    ("verlenging", Renewal, 0, WHOLE),
    ("einde contract", Renewal, 1, PART),
    ("contracteinde", Renewal, 1, PART),
    ("einddatum contract", Renewal, 1, PART),
    ("einde abonnement", Renewal, 2, PART),
    ("einddatum abonnement", Renewal, 2, PART),
];

/// Every synonym: the six languages above, then [`LOCALE_SYNONYMS`].
fn synonyms() -> impl Iterator<Item = (&'static str, Meaning, u8, bool)> {
    SYNONYMS.entries().chain(LOCALE_SYNONYMS.entries())
}

fn synonym(i: usize) -> Option<(Meaning, u8, bool)> {
    SYNONYMS.get(i).or_else(|| {
        i.checked_sub(SYNONYMS.len())
            .and_then(|j| LOCALE_SYNONYMS.get(j))
    })
}

/// How a label matched a synonym.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelMatch {
    pub meaning: Meaning,
    pub rank: u8,
    /// The whole label is the synonym (as opposed to containing it).
    pub exact: bool,
}

/// Longest label worth matching, in words: longer text is prose, not a label.
const MAX_LABEL_WORDS: usize = 12;

/// The synonym tables sorted for lookup; built once per extraction.
pub struct LabelIndex {
    by_text: Table<&'static str>,
    by_squashed: Table<String>,
    /// First words of partial-match synonyms: a label can only contain a
    /// synonym where one of these words starts, which skips most labels fast.
    first_words: Table<&'static str>,
    disqualifiers: Table<&'static str>,
}

impl Default for LabelIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl LabelIndex {
    pub fn new() -> LabelIndex {
        let texts = || synonyms().enumerate();
        let mut first_words: Vec<&'static str> = synonyms()
            .filter(|(.., whole)| !whole)
            .filter_map(|(text, ..)| text.split(' ').next())
            .collect();
        crate::sort::sort(&mut first_words);
        first_words.dedup();
        LabelIndex {
            by_text: Table::new(texts().map(|(i, (text, ..))| (text, i))),
            by_squashed: Table::new(texts().map(|(i, (text, ..))| (squash(text), i))),
            first_words: Table::new(first_words.into_iter().map(|w| (w, 0))),
            disqualifiers: Table::new(DISQUALIFIERS.iter().map(|w| (*w, 0))),
        }
    }

    fn entry(&self, i: usize, exact: bool) -> Option<LabelMatch> {
        synonym(i).map(|(meaning, rank, _)| LabelMatch {
            meaning,
            rank,
            exact,
        })
    }

    fn find(&self, text: &str) -> Option<usize> {
        self.by_text.find(text)
    }

    fn disqualifies(&self, word: &str) -> bool {
        self.disqualifiers.find(word).is_some()
    }

    /// Matches a label already passed through [`normalize_into`]: the whole
    /// label first, then the longest synonym found inside it at word
    /// boundaries, unless a disqualifying word is present.
    pub fn match_label(&self, normalized: &str) -> Option<LabelMatch> {
        if normalized.is_empty() {
            return None;
        }
        if let Some(i) = self.find(normalized) {
            return self.entry(i, true);
        }
        let mut best: Option<(usize, usize)> = None;
        let mut from = 0;
        for (n, first_word) in words(normalized).enumerate() {
            // More than MAX_LABEL_WORDS words is prose, not a label.
            if n >= MAX_LABEL_WORDS {
                return None;
            }
            let tail = normalized.get(from..).unwrap_or_default();
            from += first_word.len() + 1;
            if self.first_words.find(first_word).is_none() {
                continue;
            }
            // Every run of whole words starting here, shortest first.
            let mut end = 0;
            for word in words(tail) {
                end += word.len();
                let part = tail.get(..end).unwrap_or_default();
                end += 1;
                if best.is_some_and(|(len, _)| len >= part.len()) {
                    continue;
                }
                if let Some(i) = self.find(part) {
                    if synonym(i).is_some_and(|(.., whole)| !whole) {
                        best = Some((part.len(), i));
                    }
                }
            }
        }
        let (_, i) = best?;
        let disqualified = words(normalized).any(|word| self.disqualifies(word));
        if disqualified {
            return None;
        }
        self.entry(i, false)
    }

    /// Matches a CRM field API name: `ARR__c`, `ns__Contract_End_Date__c`,
    /// `annualrevenue`, `new_renewaldate`, `hs_arr`. `buffer` is scratch space.
    pub fn match_field_name(&self, api_name: &str, buffer: &mut String) -> Option<LabelMatch> {
        let without_suffix = strip_suffix_ignore_case(api_name, "__c");
        // A managed-package namespace ends at the last `__`.
        let local = without_suffix
            .as_bytes()
            .windows(2)
            .rposition(|pair| pair == b"__")
            .and_then(|at| without_suffix.get(at + 2..))
            .unwrap_or(without_suffix);
        let mut lookup = |name: &str| {
            // Most API names match nothing: rule them out on the first eight
            // squashed bytes before building the squashed string.
            if squashed_key(name).is_some_and(|key| !self.by_squashed.may_start(key)) {
                return None;
            }
            squash_into(name, buffer);
            self.by_squashed
                .find(buffer)
                .and_then(|i| self.entry(i, true))
        };
        let found = lookup(local).or_else(|| {
            // A publisher or portal prefix: `new_`, `cr1a2_`, `hs_`, `msdyn_`.
            local
                .bytes()
                .position(|b| b == b'_')
                .and_then(|at| local.get(at + 1..))
                .filter(|rest| !rest.is_empty())
                .and_then(&mut lookup)
        })?;
        let disqualified = api_words(api_name).any(|word| self.disqualifies(&word));
        (!disqualified).then_some(found)
    }
}

/// A candidate's label looked up once. Its visible label and its
/// `field-label` attribute (most often the same text) are each read by more
/// than one rule, and the page facts read the label too: the last text seen
/// keeps its normalized form and its match.
#[derive(Default)]
pub struct LabelMemo {
    raw: String,
    normalized: String,
    /// `None` until looked up.
    matched: Option<Option<LabelMatch>>,
}

impl LabelMemo {
    /// `raw` through [`normalize_into`].
    pub fn normalized(&mut self, raw: &str) -> &str {
        if self.raw != raw {
            self.raw.clear();
            self.raw.push_str(raw);
            normalize_into(raw, &mut self.normalized);
            self.matched = None;
        }
        &self.normalized
    }

    /// [`LabelIndex::match_label`] of `raw` normalized.
    pub fn match_label(&mut self, raw: &str, index: &LabelIndex) -> Option<LabelMatch> {
        self.normalized(raw);
        if let Some(found) = self.matched {
            return found;
        }
        let found = index.match_label(&self.normalized);
        self.matched = Some(found);
        found
    }
}

/// The words of an API name, lower-case: `Last_Renewal_Date__c` and
/// `LastRenewalDate` both give `last`, `renewal`, `date`.
fn api_words(api_name: &str) -> impl Iterator<Item = String> + '_ {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in api_name.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && previous_lower);
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c.is_alphanumeric() {
            crate::case::push_lower(&mut current, c);
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if !current.is_empty() {
        words.push(current);
    }
    words.into_iter()
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> &'a str {
    let cut = text.len().saturating_sub(suffix.len());
    let tail = text.as_bytes().get(cut..).unwrap_or_default();
    let same = tail.len() == suffix.len()
        && tail
            .iter()
            .zip(suffix.bytes())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b));
    match text.get(..cut) {
        Some(head) if same => head,
        _ => text,
    }
}

/// Letters and digits only, lower-case: how API names are compared.
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    squash_into(text, &mut out);
    out
}

/// The prefix key ([`super::labels_table::prefix_key`]) of the squashed
/// text, read from its first eight letters and digits, when those are ASCII
/// (else `None`): what follows cannot change the squashed text's first bytes.
fn squashed_key(text: &str) -> Option<u64> {
    let mut key = [0u8; 8];
    let mut kept = 0;
    for byte in text.bytes() {
        if !byte.is_ascii() {
            return None;
        }
        if byte.is_ascii_alphanumeric() {
            let Some(slot) = key.get_mut(kept) else {
                break;
            };
            *slot = byte.to_ascii_lowercase();
            kept += 1;
        }
    }
    Some(u64::from_be_bytes(key))
}

fn squash_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        let mut bytes = std::mem::take(out).into_bytes();
        let kept = text.bytes().filter(u8::is_ascii_alphanumeric);
        bytes.extend(kept.map(|b| b.to_ascii_lowercase()));
        // Only ASCII was written, so this never falls back.
        *out = String::from_utf8(bytes).unwrap_or_default();
        return;
    }
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        push_lowercase(c, out);
    }
}

fn push_lowercase(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        crate::case::push_lower(out, c);
    }
}

/// Writes the label's words into `out`, lower-case and single-spaced, with
/// punctuation dropped (apostrophes kept, as in `chiffre d'affaires`). Reuses
/// `out` so scanning thousands of candidates allocates once.
pub fn normalize_into(label: &str, out: &mut String) {
    out.clear();
    if label.is_ascii() {
        normalize_ascii_into(label, out);
        return;
    }
    normalize_chars_into(label, out);
}

/// [`normalize_into`] char by char, for any label.
fn normalize_chars_into(label: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for c in label.chars() {
        if c.is_alphanumeric() || super::cldr::is_mark(c) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            push_lowercase(c, out);
        } else if matches!(c, '\'' | '’') && !out.is_empty() && !pending_space {
            out.push('\'');
        } else {
            pending_space = true;
        }
    }
}

/// [`normalize_into`] for the common all-ASCII label, byte by byte into a
/// buffer on the stack (labels are short; a longer one takes the general path).
fn normalize_ascii_into(label: &str, out: &mut String) {
    let mut buffer = [0u8; 128];
    let mut written = 0;
    // Whether the last byte was kept (letter, digit, or an apostrophe after
    // one), and whether a dropped byte came after the last word.
    let (mut after_word, mut gap) = (false, false);
    for &byte in label.as_bytes() {
        let lower = byte.to_ascii_lowercase();
        let kept = lower.is_ascii_lowercase() || lower.is_ascii_digit();
        if kept || (byte == b'\'' && after_word) {
            if gap && written > 0 {
                if let Some(slot) = buffer.get_mut(written) {
                    *slot = b' ';
                }
                written += 1;
            }
            if let Some(slot) = buffer.get_mut(written) {
                *slot = lower;
            }
            written += 1;
            (after_word, gap) = (true, false);
        } else {
            (after_word, gap) = (false, true);
        }
    }
    match buffer.get(..written).map(std::str::from_utf8) {
        Some(Ok(text)) => out.push_str(text),
        _ => normalize_chars_into(label, out),
    }
}

/// The words of a normalized label (split at single spaces), found byte by
/// byte: this runs for every candidate on the page.
pub fn words(normalized: &str) -> Words<'_> {
    Words(Some(normalized))
}

/// The iterator of [`words`].
pub struct Words<'a>(Option<&'a str>);

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let text = self.0?;
        match text.bytes().position(|b| b == b' ') {
            Some(at) => {
                self.0 = text.get(at + 1..);
                text.get(..at)
            }
            None => {
                self.0 = None;
                Some(text)
            }
        }
    }
}

/// `text.trim()`, without the Unicode whitespace search when the text
/// starts and ends with a visible ASCII byte (nearly every label and value).
pub fn trim_fast(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let bytes = text.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "labels_tests.rs"]
mod tests;
