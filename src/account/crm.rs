//! What Defuse knows about each CRM's markup, as data: which URLs belong to
//! it, which attribute values name which field, and which pages show a record
//! other than an account (where the record title is not the account name).

use super::labels::Meaning;
use serde::{Deserialize, Serialize};

/// The CRM a page (or a single field) was recognised as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Crm {
    SalesforceLightning,
    SalesforceClassic,
    Hubspot,
    #[serde(rename = "dynamics-365")]
    Dynamics365,
    Zendesk,
    /// No CRM recognised: labels and proximity only.
    #[default]
    Generic,
}

impl Crm {
    /// The same name the JS API sees.
    pub fn as_str(self) -> &'static str {
        match self {
            Crm::SalesforceLightning => "salesforce-lightning",
            Crm::SalesforceClassic => "salesforce-classic",
            Crm::Hubspot => "hubspot",
            Crm::Dynamics365 => "dynamics-365",
            Crm::Zendesk => "zendesk",
            Crm::Generic => "generic",
        }
    }
}

/// Lower-case URL fragments, checked in order: Lightning before Classic
/// because both live under `force.com`.
pub const URL_PATTERNS: &[(&str, Crm)] = &[
    ("lightning.force.com", Crm::SalesforceLightning),
    ("/lightning/", Crm::SalesforceLightning),
    ("visual.force.com", Crm::SalesforceClassic),
    ("salesforce.com", Crm::SalesforceClassic),
    ("force.com", Crm::SalesforceClassic),
    ("hubspot.com", Crm::Hubspot),
    ("dynamics.com", Crm::Dynamics365),
    ("zendesk.com", Crm::Zendesk),
];

/// Pages showing a record that is not the account: there the page heading
/// names a contact, deal or ticket, so it must not be read as the account name.
pub const NOT_ACCOUNT_PAGES: &[&str] = &[
    "/lightning/r/opportunity/",
    "/lightning/r/contact/",
    "/lightning/r/case/",
    "/lightning/r/lead/",
    "/lightning/o/",
    "etn=contact",
    "etn=opportunity",
    "etn=incident",
    "etn=lead",
    "/contact/",
    "/deal/",
    "/ticket/",
    "/tickets/",
];

/// How an attribute value is compared with a rule.
#[derive(Debug, Clone, Copy)]
pub enum Pattern {
    Exact(&'static str),
    /// Starts with; what follows is the captured part.
    Prefix(&'static str),
    /// Ends with; what precedes is the captured part.
    Suffix(&'static str),
    /// Contains; what precedes the first occurrence is the captured part.
    Before(&'static str),
    /// Contains anywhere (class-name fragments); captures nothing.
    Contains(&'static str),
}

/// What a matching attribute tells about the field.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// The field is known outright.
    Field(Meaning),
    /// The captured part is a field API name, looked up in the label tables.
    FieldName,
    /// The attribute holds the visible label text (Lightning `field-label`).
    LabelText,
    /// Only says which CRM the field belongs to.
    Signature,
    /// Known not to be an account field (Classic's record-type heading, `Account`).
    Ignore,
}

/// One piece of CRM knowledge: in `crm`, attribute `attr` matching `pattern` means `target`.
#[derive(Debug, Clone, Copy)]
pub struct AttrRule {
    pub crm: Crm,
    pub attr: &'static str,
    pub pattern: Pattern,
    pub target: Target,
}

const fn rule(crm: Crm, attr: &'static str, pattern: Pattern, target: Target) -> AttrRule {
    AttrRule {
        crm,
        attr,
        pattern,
        target,
    }
}

use Crm::{Dynamics365, Hubspot, SalesforceClassic, SalesforceLightning, Zendesk};
use Pattern::{Before, Contains, Exact, Prefix, Suffix};
use Target::{Field, FieldName, Ignore, LabelText, Signature};

const SFDC: &str = "data-target-selection-name";

/// Attribute rules, most specific first: the first rule that identifies a
/// field wins; signature rules only name the CRM.
pub const ATTR_RULES: &[AttrRule] = &[
    rule(
        SalesforceLightning,
        SFDC,
        Exact("sfdc:RecordField.Account.Name"),
        Field(Meaning::Name),
    ),
    rule(
        SalesforceLightning,
        SFDC,
        Exact("sfdc:RecordField.Account.AnnualRevenue"),
        Field(Meaning::AnnualRevenue),
    ),
    rule(
        SalesforceLightning,
        SFDC,
        Exact("sfdc:RecordField.Contract.EndDate"),
        Field(Meaning::Renewal),
    ),
    rule(
        SalesforceLightning,
        SFDC,
        Prefix("sfdc:RecordField.Account."),
        FieldName,
    ),
    rule(
        SalesforceLightning,
        "slot",
        Exact("primaryField"),
        Field(Meaning::Name),
    ),
    rule(SalesforceLightning, "field-label", Prefix(""), LabelText),
    rule(SalesforceLightning, SFDC, Prefix("sfdc:"), Signature),
    rule(
        SalesforceLightning,
        "tag",
        Prefix("lightning-formatted-"),
        Signature,
    ),
    rule(SalesforceLightning, "tag", Prefix("records-"), Signature),
    rule(
        SalesforceLightning,
        "class",
        Contains("slds-page-header__title"),
        Field(Meaning::Name),
    ),
    rule(
        SalesforceClassic,
        "id",
        Exact("acc2_ileinner"),
        Field(Meaning::Name),
    ),
    rule(
        SalesforceClassic,
        "id",
        Exact("acc8_ileinner"),
        Field(Meaning::AnnualRevenue),
    ),
    rule(
        SalesforceClassic,
        "class",
        Contains("pageDescription"),
        Field(Meaning::Name),
    ),
    rule(SalesforceClassic, "class", Contains("pageType"), Ignore),
    rule(SalesforceClassic, "class", Contains("dataCol"), Signature),
    rule(SalesforceClassic, "class", Contains("labelCol"), Signature),
    rule(
        Hubspot,
        "data-selenium-test",
        Exact("highlightTitle"),
        Field(Meaning::Name),
    ),
    rule(
        Hubspot,
        "data-selenium-test",
        Prefix("property-input-"),
        FieldName,
    ),
    rule(
        Hubspot,
        "data-selenium-test",
        Prefix("property-value-"),
        FieldName,
    ),
    rule(
        Hubspot,
        "class",
        Contains("highlightTitle"),
        Field(Meaning::Name),
    ),
    rule(
        Hubspot,
        "class",
        Contains("RecordHighlight__Title"),
        Field(Meaning::Name),
    ),
    rule(Hubspot, "data-selenium-test", Prefix(""), Signature),
    rule(
        Dynamics365,
        "data-id",
        Exact("header_title"),
        Field(Meaning::Name),
    ),
    rule(
        Dynamics365,
        "data-id",
        Suffix("-FieldSectionItemContainer"),
        FieldName,
    ),
    rule(Dynamics365, "data-id", Before(".fieldControl"), FieldName),
    rule(
        Zendesk,
        "data-test-id",
        Exact("organization-name"),
        Field(Meaning::Name),
    ),
    rule(
        Zendesk,
        "data-test-id",
        Exact("organization-title"),
        Field(Meaning::Name),
    ),
    rule(
        Zendesk,
        "data-test-id",
        Prefix("organization-field-"),
        FieldName,
    ),
    rule(
        Zendesk,
        "data-test-id",
        Prefix("organization-fields-"),
        FieldName,
    ),
    rule(Zendesk, "data-garden-id", Prefix(""), Signature),
];

impl Pattern {
    /// The captured part when `value` matches.
    pub fn capture(self, value: &str) -> Option<&str> {
        match self {
            Exact(p) => (value == p).then_some(""),
            Prefix(p) => value.strip_prefix(p),
            Suffix(p) => value.strip_suffix(p),
            Before(p) => value.find(p).and_then(|at| value.get(..at)),
            Contains(p) => value.contains(p).then_some(""),
        }
    }
}

/// The CRM the URL belongs to, if any.
pub fn crm_from_url(url: &str) -> Option<Crm> {
    let lower = url.to_ascii_lowercase();
    URL_PATTERNS
        .iter()
        .find(|(fragment, _)| lower.contains(fragment))
        .map(|(_, crm)| *crm)
}

/// Whether the page's heading can be the account name (false on a contact,
/// deal or ticket page).
pub fn heading_names_account(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    !NOT_ACCOUNT_PAGES.iter().any(|p| lower.contains(p))
}

/// Document-title prefixes that name the record type, not the record.
const TITLE_PREFIXES: &[&str] = &[
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
];

/// Title segments that are the product, not a record.
const TITLE_NOISE: &[&str] = &[
    "salesforce",
    "hubspot",
    "dynamics 365",
    "zendesk",
    "home",
    "accounts",
    "account",
    "companies",
    "company",
    "organizations",
    "lightning experience",
    "sales hub",
];

/// The record name in a CRM document title: `Acme Corp | Account | Salesforce`,
/// `Account: Acme Corp ~ Salesforce - Enterprise Edition`,
/// `Account: Acme Corp - Dynamics 365`.
pub fn name_from_title(title: &str) -> Option<&str> {
    let first = [" | ", " ~ ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .and_then(|at| title.get(..at))
        .unwrap_or(title)
        .trim();
    let lower = first.to_lowercase();
    let name = TITLE_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| first.get(p.len()..))
        .unwrap_or(first)
        .trim();
    let noise = TITLE_NOISE.iter().any(|n| name.eq_ignore_ascii_case(n));
    (!name.is_empty() && !noise).then_some(name)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let url = |u| crm_from_url(u);
        assert_eq!(
            url("https://acme.lightning.force.com/lightning/r/Account/001/view"),
            Some(SalesforceLightning)
        );
        assert_eq!(
            url("https://na1.salesforce.com/001x0000"),
            Some(SalesforceClassic)
        );
        assert_eq!(
            url("https://app.hubspot.com/contacts/123/company/456"),
            Some(Hubspot)
        );
        assert_eq!(
            url("https://org.crm4.dynamics.com/main.aspx?etn=account"),
            Some(Dynamics365)
        );
        assert_eq!(
            url("https://acme.zendesk.com/agent/organizations/1"),
            Some(Zendesk)
        );
        assert_eq!(url("https://example.com/"), None);
    }

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
        assert_eq!(name_from_title("Salesforce"), None);
        assert_eq!(name_from_title(""), None);
    }

    #[test]
    fn record_pages() {
        assert!(heading_names_account(
            "https://x.lightning.force.com/lightning/r/Account/001/view"
        ));
        assert!(!heading_names_account(
            "https://x.lightning.force.com/lightning/r/Opportunity/006/view"
        ));
        assert!(!heading_names_account(
            "https://x.zendesk.com/agent/tickets/12"
        ));
    }
}
