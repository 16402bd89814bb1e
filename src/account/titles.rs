//! Page text conventions that are not field values: record names in
//! document titles (`<name> - <app>`, `<name> | Account | <app>`), the save
//! status CRMs append to a form title (`- Saved`, `(Read-only)`), the
//! placeholders shown for an empty field (`—`, `N/A`), and a currency written
//! in a field's label (`ARR (USD)`, `ARR in EUR`).
use crate::case::Lowercase;

/// Separators between a title's segments.
const SEPARATORS: [&str; 6] = [" | ", " ~ ", " - ", " – ", " — ", " · "];

/// Document-title prefixes that name the record type, not the record.
static TITLE_PREFIXES: crate::words::WordList = crate::words::word_list![
    "account:",
    "konto:",
    "compte :",
    "compte:",
    "cuenta:",
    "conta:",
    "organization:",
    "organisation:",
    "company:",
    "firma:",
    "unternehmen:",
    "entreprise :",
    "empresa:",
    "bedrijf:",
    "lead:",
];

/// Title segments that are the product or a section, not a record.
static TITLE_NOISE: crate::words::WordList = crate::words::word_list![
    "salesforce",
    "hubspot",
    "dynamics 365",
    "zendesk",
    "zoho crm",
    "zoho",
    "pipedrive",
    "freshsales",
    "freshworks crm",
    "close",
    "home",
    "dashboard",
    "accounts",
    "account",
    "companies",
    "company",
    "organizations",
    "organisations",
    "organization",
    "organisation",
    "leads",
    "lead",
    "details",
    "overview",
    "lightning experience",
    "sales hub",
];

/// Save and access states CRMs append to a record's title, lower-case.
static STATUSES: crate::words::WordList = crate::words::word_list![
    "saved",
    "unsaved",
    "unsaved changes",
    "saving",
    "saving...",
    "saving…",
    "read-only",
    "read only",
    "readonly",
    "draft",
    "gespeichert",
    "nicht gespeichert",
    "ungespeicherte änderungen",
    "schreibgeschützt",
    "enregistré",
    "non enregistré",
    "lecture seule",
    "guardado",
    "sin guardar",
    "solo lectura",
    "salvo",
    "somente leitura",
    "opgeslagen",
    "alleen-lezen",
];

fn is_status(segment: &str) -> bool {
    let lower = segment
        .trim()
        .trim_matches(|c| c == '(' || c == ')')
        .lowercase();
    STATUSES.contains(&lower.trim())
}

/// A record title without the save status a form appends:
/// `Contoso - Saved` and `Contoso (Read-only)` are both `Contoso`.
pub fn strip_status(text: &str) -> &str {
    let mut text = text.trim();
    // At most a few statuses stack (`- Unsaved changes (Read-only)`).
    for _ in 0..3 {
        let before = text;
        if let Some(open) = text.rfind('(') {
            if text.ends_with(')') && is_status(text.get(open..).unwrap_or("")) {
                text = text.get(..open).unwrap_or(text).trim_end();
            }
        }
        for sep in SEPARATORS.iter().chain([" -", "- "].iter()) {
            if let Some(at) = text.rfind(sep) {
                if is_status(text.get(at + sep.len()..).unwrap_or("")) {
                    text = text.get(..at).unwrap_or(text).trim_end();
                }
            }
        }
        if before == text {
            break;
        }
    }
    text
}

/// The record name in a CRM document title: `Acme Corp | Account | Salesforce`,
/// `Account: Acme Corp ~ Salesforce - Enterprise Edition`,
/// `Contoso - Saved - Dynamics 365`, `Acme GmbH - Pipedrive`. Also says
/// whether the title had more than one segment (an app name after the record).
pub fn title_name(title: &str) -> Option<(&str, bool)> {
    let mut segments: Vec<&str> = Vec::new();
    let mut rest = title.trim();
    while segments.len() < 8 {
        let cut = SEPARATORS
            .iter()
            .filter_map(|sep| rest.find(sep).map(|at| (at, sep.len())))
            .min();
        let Some((at, len)) = cut else { break };
        segments.push(rest.get(..at).unwrap_or("").trim());
        rest = rest.get(at + len..).unwrap_or("").trim();
    }
    segments.push(rest);
    let several = segments.len() > 1;
    let first = segments
        .iter()
        .map(|s| strip_status(s))
        .find(|s| !s.is_empty() && !is_status(s))?;
    let lower = first.lowercase();
    let name = TITLE_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| first.get(p.len()..))
        .unwrap_or(first)
        .trim();
    let noise = TITLE_NOISE.iter().any(|n| name.eq_ignore_ascii_case(n));
    (!name.is_empty() && !noise && !is_placeholder(name)).then_some((name, several))
}

/// [`title_name`] without the segment count.
pub fn name_from_title(title: &str) -> Option<&str> {
    title_name(title).map(|(name, _)| name)
}

/// What CRMs print in an empty field.
static PLACEHOLDERS: crate::words::WordList = crate::words::word_list![
    "",
    "-",
    "--",
    "---",
    "—",
    "–",
    "n/a",
    "na",
    "n.a.",
    "none",
    "-none-",
    "--none--",
    "(none)",
    "null",
    "undefined",
    "not set",
    "not specified",
    "no value",
    "empty",
    "tbd",
    "keine",
    "k. a.",
    "k.a.",
    "aucun",
    "aucune",
    "ninguno",
    "nenhum",
    "geen",
];

/// Whether a field's text is a placeholder for "no value".
pub fn is_placeholder(value: &str) -> bool {
    let trimmed = value.trim();
    if trimmed
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '—' | '–' | '‒' | '―' | '_' | '.'))
    {
        return true;
    }
    let lower = trimmed.lowercase();
    PLACEHOLDERS.contains(&lower.as_str())
}

/// A text that ends in a placeholder after other words (`Last action —`) is
/// a label whose value is empty, never a name.
pub fn ends_in_placeholder(value: &str) -> bool {
    let trimmed = value.trim();
    match trimmed.rsplit_once(char::is_whitespace) {
        Some((head, last)) => !head.trim().is_empty() && is_placeholder(last),
        None => false,
    }
}

/// ISO 4217 codes recognised when a label names the currency.
static CODES: crate::words::WordList = crate::words::word_list![
    "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "INR", "CNY", "SEK", "NOK", "DKK",
    "PLN", "CZK", "HUF", "BRL", "MXN", "ZAR", "SGD", "HKD", "KRW", "AED", "SAR", "ILS", "TRY",
];

/// Symbols that name one currency when written in a label.
const LABEL_SYMBOLS: &[(char, &str)] = &[
    ('€', "EUR"),
    ('£', "GBP"),
    ('¥', "JPY"),
    ('₹', "INR"),
    ('$', "USD"),
];

/// The currency a field's label names: `ARR (USD)`, `ARR in EUR`,
/// `Annual Recurring Revenue, €`. None when it names none or several.
pub fn currency_in_label(label: &str) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for word in label.split(|c: char| !c.is_alphanumeric()) {
        let upper = word.to_ascii_uppercase();
        if word.len() == 3 && word.chars().all(|c| c.is_ascii_alphabetic()) {
            // Upper-case in the label, or the only word in brackets (`(usd)`).
            let shouted = word.chars().all(|c| c.is_ascii_uppercase());
            let bracketed = label.contains(&format!("({word})"));
            if let Some(code) = CODES.iter().find(|c| **c == upper) {
                if shouted || bracketed {
                    if found.is_some_and(|f| f != *code) {
                        return None;
                    }
                    found = Some(code);
                }
            }
        }
    }
    for (symbol, code) in LABEL_SYMBOLS {
        if label.contains(*symbol) {
            if found.is_some_and(|f| f != *code) {
                return None;
            }
            found = Some(code);
        }
    }
    found
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            name_from_title("Acme Corp | Account | Salesforce"),
            Some("Acme Corp")
        );
        assert_eq!(
            name_from_title("Account: Acme Corp ~ Salesforce - Enterprise Edition"),
            Some("Acme Corp")
        );
        assert_eq!(
            name_from_title("Account: Acme Corp - Dynamics 365"),
            Some("Acme Corp")
        );
        assert_eq!(
            name_from_title("Contoso Ltd - Saved - Dynamics 365"),
            Some("Contoso Ltd")
        );
        assert_eq!(
            title_name("Globex (Read-only) | Zoho CRM"),
            Some(("Globex", true))
        );
        assert_eq!(title_name("Globex"), Some(("Globex", false)));
        assert_eq!(name_from_title("Salesforce"), None);
        assert_eq!(name_from_title("Organizations - Pipedrive"), None);
        assert_eq!(name_from_title("— | Close"), None);
        assert_eq!(name_from_title(""), None);
    }

    #[test]
    fn statuses() {
        assert_eq!(strip_status("Contoso - Saved"), "Contoso");
        assert_eq!(strip_status("Contoso - Unsaved changes"), "Contoso");
        assert_eq!(strip_status("Contoso (Read-only)"), "Contoso");
        assert_eq!(strip_status("Contoso - Read-only"), "Contoso");
        assert_eq!(
            strip_status("Contoso - Unsaved changes (Read-only)"),
            "Contoso"
        );
        assert_eq!(strip_status("Müller GmbH – Gespeichert"), "Müller GmbH");
        // A name that merely contains a status word keeps it.
        assert_eq!(
            strip_status("Saved By The Bell Inc"),
            "Saved By The Bell Inc"
        );
        assert_eq!(strip_status("Draftkings - Boston"), "Draftkings - Boston");
    }

    #[test]
    fn placeholders() {
        for p in [
            "—", "-", "--", "N/A", "None", "  ", "(none)", "-None-", "Not set",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for v in ["Acme", "0", "$0.00", "Nonesuch Ltd"] {
            assert!(!is_placeholder(v), "{v}");
        }
        assert!(ends_in_placeholder("Last action —"));
        assert!(ends_in_placeholder("Owner N/A"));
        assert!(!ends_in_placeholder("—"));
        assert!(!ends_in_placeholder("Smith - Jones"));
    }

    #[test]
    fn currencies_in_labels() {
        assert_eq!(currency_in_label("ARR (USD)"), Some("USD"));
        assert_eq!(currency_in_label("ARR in EUR"), Some("EUR"));
        assert_eq!(currency_in_label("ARR (usd)"), Some("USD"));
        assert_eq!(
            currency_in_label("Annual Recurring Revenue, €"),
            Some("EUR")
        );
        assert_eq!(currency_in_label("ARR"), None);
        // "Try" and "Sek" in prose are words, not codes.
        assert_eq!(currency_in_label("Try renewal"), None);
        assert_eq!(currency_in_label("ARR (USD / EUR)"), None);
    }
}
