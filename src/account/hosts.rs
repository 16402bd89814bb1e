//! The one list of hosts Defuse runs on, and how a record URL names its
//! record. `manifest.json` (host permissions and every content script's
//! matches) and `www/background/crm-hosts.js` are checked against
//! [`HOST_MATCHES`] by `tests/conventions.rs`, so the three never drift.
//! [`record_key`] binds an escalation to a CRM record (CRM, tenant host,
//! record type and id) rather than to a name a page merely prints.

use super::crm::{host_of, path_of, Crm};
use serde::Serialize;

/// Chrome match patterns of the CRMs' agent UIs, with the CRM each belongs
/// to (`Generic` for mail, where Defuse inserts but reads no record).
/// Narrow paths where a product also serves public pages (Zendesk's help
/// centres live on the same host as its agent UI).
pub const HOST_MATCHES: &[(&str, Crm)] = &[
    ("https://*.lightning.force.com/*", Crm::SalesforceLightning),
    ("https://*.my.salesforce.com/*", Crm::SalesforceClassic),
    ("https://app.hubspot.com/*", Crm::Hubspot),
    ("https://app-eu1.hubspot.com/*", Crm::Hubspot),
    // Dynamics 365 regions: crm (North America), crm2 (South America), crm3
    // (Canada), crm4 (EMEA), crm5 (Asia Pacific), crm6 (Australia), crm7
    // (Japan), crm8 (India), crm9 (US government), crm11 (UK), crm12
    // (France), crm14 (South Africa), crm15 (UAE), crm16 (Norway), crm17
    // (Switzerland), crm19 (Korea), crm20 (Sweden), crm21 (Germany).
    ("https://*.crm.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm2.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm3.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm4.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm5.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm6.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm7.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm8.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm9.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm11.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm12.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm14.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm15.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm16.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm17.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm19.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm20.dynamics.com/*", Crm::Dynamics365),
    ("https://*.crm21.dynamics.com/*", Crm::Dynamics365),
    ("https://*.zendesk.com/agent/*", Crm::Zendesk),
    ("https://crm.zoho.com/*", Crm::Zoho),
    ("https://crm.zoho.eu/*", Crm::Zoho),
    ("https://crm.zoho.in/*", Crm::Zoho),
    ("https://crm.zoho.com.au/*", Crm::Zoho),
    ("https://crm.zoho.jp/*", Crm::Zoho),
    ("https://crm.zoho.com.cn/*", Crm::Zoho),
    ("https://crm.zoho.ca/*", Crm::Zoho),
    ("https://crm.zoho.sa/*", Crm::Zoho),
    ("https://crm.zoho.uk/*", Crm::Zoho),
    ("https://crm.zohocloud.ca/*", Crm::Zoho),
    ("https://*.pipedrive.com/*", Crm::Pipedrive),
    ("https://*.myfreshworks.com/crm/*", Crm::Freshsales),
    ("https://*.freshsales.io/*", Crm::Freshsales),
    ("https://app.close.com/*", Crm::Close),
    ("https://mail.google.com/*", Crm::Generic),
];

/// Development hosts: in `manifest.json` for tests and the demo only (the
/// packager strips them from the shipped manifest).
pub const DEV_MATCHES: &[&str] = &["http://127.0.0.1/*", "http://localhost/*"];

/// Where a record's id sits in its URL: every `needs` fragment present (in
/// the lower-cased path, query and fragment), the id right after `id_after`.
#[derive(Debug, Clone, Copy)]
pub struct RecordPattern {
    pub crm: Crm,
    /// The record type, as the CRM names it in the URL.
    pub object: &'static str,
    pub needs: &'static [&'static str],
    pub id_after: &'static str,
}

const fn record(
    crm: Crm,
    object: &'static str,
    needs: &'static [&'static str],
    id_after: &'static str,
) -> RecordPattern {
    RecordPattern {
        crm,
        object,
        needs,
        id_after,
    }
}

/// Account-level record URLs, per CRM.
pub const RECORD_PATTERNS: &[RecordPattern] = &[
    // /lightning/r/Account/001.../view
    record(
        Crm::SalesforceLightning,
        "account",
        &[],
        "/lightning/r/account/",
    ),
    // https://acme.my.salesforce.com/001... (account ids start with 001)
    record(Crm::SalesforceClassic, "account", &[], "/001"),
    // /contacts/<portal>/company/<id> and /contacts/<portal>/record/0-2/<id>
    record(Crm::Hubspot, "company", &[], "/company/"),
    record(Crm::Hubspot, "company", &[], "/record/0-2/"),
    // main.aspx?appid=…&pagetype=entityrecord&etn=account&id=<guid>
    record(Crm::Dynamics365, "account", &["etn=account"], "&id="),
    record(Crm::Dynamics365, "account", &["etn=account"], "?id="),
    record(Crm::Zendesk, "organization", &[], "/agent/organizations/"),
    // /crm/<org>/tab/Accounts/<id>
    record(Crm::Zoho, "account", &[], "/tab/accounts/"),
    record(Crm::Pipedrive, "organization", &[], "/organization/"),
    // /crm/sales/accounts/<id> (Freshworks CRM), /accounts/<id> (Freshsales)
    record(Crm::Freshsales, "account", &[], "/sales/accounts/"),
    record(Crm::Freshsales, "account", &[], "/accounts/"),
    // Close's company record is a lead: /lead/lead_<id>/
    record(Crm::Close, "lead", &[], "/lead/"),
];

/// The CRM record a page shows: enough to bind an escalation to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordKey {
    pub crm: Crm,
    /// The tenant's host (`acme.lightning.force.com`), lower-case.
    pub host: String,
    /// The record type as the CRM's URL names it (`account`, `organization`, `lead`).
    pub object: String,
    /// The record id, as written in the URL.
    pub id: String,
}

crate::read_struct!(RecordKey {
    crm: "crm",
    host: "host",
    object: "object",
    id: "id",
});

const MAX_ID_CHARS: usize = 64;

/// The record key of `url` on a page recognised as `crm`, if the URL is one
/// of that CRM's account-record URLs.
pub fn record_key(url: &str, crm: Crm) -> Option<RecordKey> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let original = rest.find(['/', '?', '#']).and_then(|at| rest.get(at..))?;
    let path = path_of(url);
    RECORD_PATTERNS
        .iter()
        .filter(|p| p.crm == crm)
        .filter(|p| p.needs.iter().all(|n| path.contains(n)))
        .find_map(|p| {
            let at = path.find(p.id_after)? + p.id_after.len();
            // Lower-casing ASCII keeps byte offsets, so the id keeps its case.
            let tail = original.get(at..)?;
            let end = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(tail.len());
            let id = tail.get(..end)?;
            let id = if p.id_after == "/001" {
                format!("001{id}")
            } else {
                id.to_string()
            };
            let usable = !id.is_empty()
                && id.len() <= MAX_ID_CHARS
                && (p.id_after != "/001" || matches!(id.len(), 15 | 18));
            usable.then(|| RecordKey {
                crm,
                host: host_of(url),
                object: p.object.to_string(),
                id,
            })
        })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn key(url: &str, crm: Crm) -> Option<(String, String, String)> {
        record_key(url, crm).map(|k| (k.host, k.object, k.id))
    }

    fn some(host: &str, object: &str, id: &str) -> Option<(String, String, String)> {
        Some((host.into(), object.into(), id.into()))
    }

    #[test]
    fn record_keys_from_each_crm() {
        assert_eq!(
            key(
                "https://acme.lightning.force.com/lightning/r/Account/001Ak00000XyZ12IAF/view",
                Crm::SalesforceLightning
            ),
            some("acme.lightning.force.com", "account", "001Ak00000XyZ12IAF")
        );
        assert_eq!(
            key(
                "https://acme.my.salesforce.com/001Ak00000XyZ12",
                Crm::SalesforceClassic
            ),
            some("acme.my.salesforce.com", "account", "001Ak00000XyZ12")
        );
        assert_eq!(
            key(
                "https://app.hubspot.com/contacts/2211/company/9876543",
                Crm::Hubspot
            ),
            some("app.hubspot.com", "company", "9876543")
        );
        assert_eq!(
            key(
                "https://org.crm4.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=account&id=5f1c2e4a-9d0b-4c7e-8a61-0d2b3c4d5e6f",
                Crm::Dynamics365
            ),
            some(
                "org.crm4.dynamics.com",
                "account",
                "5f1c2e4a-9d0b-4c7e-8a61-0d2b3c4d5e6f"
            )
        );
        assert_eq!(
            key(
                "https://crm.zoho.eu/crm/org20071/tab/Accounts/4876876000000123/",
                Crm::Zoho
            ),
            some("crm.zoho.eu", "account", "4876876000000123")
        );
        assert_eq!(
            key("https://acme.pipedrive.com/organization/42", Crm::Pipedrive),
            some("acme.pipedrive.com", "organization", "42")
        );
        assert_eq!(
            key(
                "https://acme.myfreshworks.com/crm/sales/accounts/16000123",
                Crm::Freshsales
            ),
            some("acme.myfreshworks.com", "account", "16000123")
        );
        assert_eq!(
            key("https://app.close.com/lead/lead_AbC123/", Crm::Close),
            some("app.close.com", "lead", "lead_AbC123")
        );
    }

    #[test]
    fn no_key_for_other_records_or_other_crms() {
        // A contact, not an account.
        assert_eq!(
            key(
                "https://acme.lightning.force.com/lightning/r/Contact/003Ak/view",
                Crm::SalesforceLightning
            ),
            None
        );
        // Dynamics' appid is not the record id; no etn=account, no key.
        assert_eq!(
            key(
                "https://org.crm.dynamics.com/main.aspx?appid=1&etn=contact&id=2",
                Crm::Dynamics365
            ),
            None
        );
        // A pattern only counts for the CRM the page was recognised as.
        assert_eq!(
            key("https://example.com/organization/42", Crm::Generic),
            None
        );
        // A Classic id is 15 or 18 characters.
        assert_eq!(
            key(
                "https://acme.my.salesforce.com/001x",
                Crm::SalesforceClassic
            ),
            None
        );
        assert_eq!(key("https://app.close.com", Crm::Close), None);
    }

    #[test]
    fn every_host_pattern_is_https_and_narrow() {
        for (pattern, _) in HOST_MATCHES {
            assert!(pattern.starts_with("https://"), "{pattern}");
            assert!(!pattern.starts_with("https://*/"), "{pattern}");
            assert!(pattern.ends_with("/*"), "{pattern}");
        }
    }
}
