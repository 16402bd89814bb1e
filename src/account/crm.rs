//! What Defuse knows about each CRM's markup, as data: which URLs belong to
//! it, which attribute values name which field, and which pages show a record
//! other than an account (where the record title is not the account name).
//! The hosts the extension runs on and the record-URL patterns live beside it
//! in [`super::hosts`]; document titles in [`super::titles`].

use super::labels::Meaning;

crate::unit_enum! {
    /// The CRM a page (or a single field) was recognised as.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
    pub enum Crm {
        SalesforceLightning = "salesforce-lightning",
        SalesforceClassic = "salesforce-classic",
        Hubspot = "hubspot",
        Dynamics365 = "dynamics-365",
        Zendesk = "zendesk",
        /// Zoho CRM (crm.zoho.com and its regional data centres).
        Zoho = "zoho",
        /// Pipedrive (organisation detail view).
        Pipedrive = "pipedrive",
        /// Freshsales / Freshworks CRM (account detail view).
        Freshsales = "freshsales",
        /// Close (a lead is Close's company record).
        Close = "close",
        /// No CRM recognised: labels and proximity only.
        #[default]
        Generic = "generic",
    }
}

/// How many [`Crm`] values there are (per-CRM counters are arrays of this size).
pub const CRM_COUNT: usize = 10;

impl Crm {
    /// The same name the JS API sees (its wire name).
    pub fn as_str(self) -> &'static str {
        crate::json::WireName::wire_name(&self)
    }
}

/// Lower-case URL fragments, checked in order: Lightning before Classic
/// because both live under `force.com`. A fragment starting with `/` is
/// looked for in the path; any other is a host or the end of one
/// (`zendesk.com` matches `acme.zendesk.com`, never `zendesk.com.evil.example`).
pub const URL_PATTERNS: &[(&str, Crm)] = &[
    ("lightning.force.com", Crm::SalesforceLightning),
    ("/lightning/", Crm::SalesforceLightning),
    ("visual.force.com", Crm::SalesforceClassic),
    ("salesforce.com", Crm::SalesforceClassic),
    ("force.com", Crm::SalesforceClassic),
    ("hubspot.com", Crm::Hubspot),
    ("dynamics.com", Crm::Dynamics365),
    ("zendesk.com", Crm::Zendesk),
    ("crm.zoho.com", Crm::Zoho),
    ("crm.zoho.eu", Crm::Zoho),
    ("crm.zoho.in", Crm::Zoho),
    ("crm.zoho.com.au", Crm::Zoho),
    ("crm.zoho.jp", Crm::Zoho),
    ("crm.zoho.com.cn", Crm::Zoho),
    ("crm.zoho.ca", Crm::Zoho),
    ("crm.zoho.sa", Crm::Zoho),
    ("crm.zoho.uk", Crm::Zoho),
    ("zohocloud.ca", Crm::Zoho),
    ("pipedrive.com", Crm::Pipedrive),
    ("myfreshworks.com", Crm::Freshsales),
    ("freshsales.io", Crm::Freshsales),
    ("close.com", Crm::Close),
];

/// Pages showing a record that is not the account: there the page heading
/// names a contact, deal or ticket, so it must not be read as the account name.
pub static NOT_ACCOUNT_PAGES: crate::words::WordList = crate::words::word_list![
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
    "/tab/contacts/",
    "/tab/potentials/",
    "/tab/leads/",
    "/person/",
    "/sales/contacts/",
    "/sales/deals/",
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

use Crm::{Dynamics365, Hubspot, SalesforceClassic, SalesforceLightning, Zendesk, Zoho};
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
    // Zoho CRM's detail view names each value `value_<FIELD>` (custom
    // fields `value_ACCOUNTCF12`, which only the visible label explains)
    // and its edit form `Crm_Accounts_<FIELD>`.
    rule(Zoho, "id", Exact("value_ACCOUNTNAME"), Field(Meaning::Name)),
    rule(Zoho, "id", Prefix("value_"), FieldName),
    rule(Zoho, "id", Prefix("subvalue_"), FieldName),
    rule(Zoho, "id", Prefix("Crm_Accounts_"), FieldName),
    rule(Zoho, "data-zcqa", Prefix(""), Signature),
    // Pipedrive, Freshsales and Close: no attribute they render is known to
    // be stable, so their pages are read by URL, labels and title only.
];

impl Pattern {
    /// The captured part when `value` matches.
    pub fn capture(self, value: &str) -> Option<&str> {
        self.capture_range(value)
            .and_then(|(from, to)| value.get(from..to))
    }

    /// Where the captured part lies in `value` when it matches, in bytes
    /// (empty for `Exact` and `Contains`).
    pub fn capture_range(self, value: &str) -> Option<(usize, usize)> {
        match self {
            Exact(p) => (value == p).then_some((0, 0)),
            Prefix(p) => value.starts_with(p).then_some((p.len(), value.len())),
            Suffix(p) => value.strip_suffix(p).map(|rest| (0, rest.len())),
            Before(p) => value.find(p).map(|at| (0, at)),
            Contains(p) => value.contains(p).then_some((0, 0)),
        }
    }
}

/// The host of a URL, lower-case, without port or credentials.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    host.to_ascii_lowercase()
}

/// The path, query and fragment of a URL, lower-case.
pub fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    match rest.find(['/', '?', '#']) {
        Some(at) => rest.get(at..).unwrap_or("").to_ascii_lowercase(),
        None => String::new(),
    }
}

/// Whether `host` is `domain` or one of its subdomains.
pub fn host_is(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|sub| sub.ends_with('.'))
}

/// The CRM the URL belongs to, if any.
pub fn crm_from_url(url: &str) -> Option<Crm> {
    let host = host_of(url);
    let path = path_of(url);
    URL_PATTERNS
        .iter()
        .find(|(fragment, _)| {
            if fragment.starts_with('/') {
                path.contains(fragment)
            } else {
                host_is(&host, fragment)
            }
        })
        .map(|(_, crm)| *crm)
}

/// Whether the page's heading can be the account name (false on a contact,
/// deal or ticket page).
pub fn heading_names_account(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    !NOT_ACCOUNT_PAGES.iter().any(|p| lower.contains(p))
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
        assert_eq!(
            url("https://crm.zoho.eu/crm/org20071/tab/Accounts/4876876000000123"),
            Some(Zoho)
        );
        assert_eq!(
            url("https://acme.pipedrive.com/organization/42"),
            Some(Crm::Pipedrive)
        );
        assert_eq!(
            url("https://acme.myfreshworks.com/crm/sales/accounts/7"),
            Some(Crm::Freshsales)
        );
        assert_eq!(
            url("https://app.close.com/lead/lead_abc/"),
            Some(Crm::Close)
        );
        // A host only matches as itself or a subdomain.
        assert_eq!(url("https://zendesk.com.evil.example/agent/"), None);
        assert_eq!(url("https://notclose.com/lead/1"), None);
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
