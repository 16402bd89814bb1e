//! Scenario tests for the generic reader on real CRM layouts: save statuses in
//! record titles, placeholders, tag lists, currencies named in labels, names
//! from the document title, page facts (sponsor, health, signed-in user) and
//! record keys. Snapshots of Zoho, Pipedrive, Freshsales and Close pages are
//! the agent's own output on the fixtures (`tests/fixtures/crm/`), with the
//! URL each CRM really uses.

use chrono::NaiveDate;
use defuse::account::{extract, Candidate, Crm, Money, RecordKey, Snapshot};

fn load(name: &str) -> Option<Snapshot> {
    let path = format!(
        "{}/tests/data/snapshots/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str::<Snapshot>(&text)
        .ok()
        .map(Snapshot::validate)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn money(cents: i64, currency: &str) -> Option<Money> {
    Some(Money {
        cents,
        currency: Some(currency.into()),
        currency_assumed: false,
    })
}

fn field(kind: &str, label: &str, value: &str, attrs: &[(&str, &str)]) -> Candidate {
    Candidate {
        label: label.into(),
        value: value.into(),
        kind: kind.into(),
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<defuse::sort_map::Map<_, _>>(),
        ..Candidate::default()
    }
}

fn snapshot(url: &str, title: &str, fields: Vec<Candidate>) -> Snapshot {
    Snapshot {
        url: url.into(),
        title: title.into(),
        lang: "en-US".into(),
        fields,
        ..Snapshot::default()
    }
}

/// (name, ARR, renewal) as read.
fn read(s: &Snapshot) -> (Option<String>, Option<Money>, Option<NaiveDate>) {
    let facts = extract(s);
    (
        facts.name.map(|f| f.value),
        facts.arr.map(|f| f.value),
        facts.renewal.map(|f| f.value),
    )
}

#[test]
fn a_save_status_is_never_part_of_the_name() {
    for status in [
        " - Saved",
        " - Unsaved changes",
        " - Read-only",
        " (Read-only)",
    ] {
        let s = snapshot(
            "https://contoso.crm4.dynamics.com/main.aspx?etn=account&pagetype=entityrecord&id=5f1c2e4a-9d0b-4c7e-8a61-0d2b3c4d5e6f",
            "Account: Contoso Ltd - Dynamics 365",
            vec![
                field(
                    "heading",
                    "",
                    &format!("Contoso Ltd{status}"),
                    &[("data-id", "header_title")],
                ),
                field(
                    "input",
                    "Account Name",
                    "Contoso Ltd",
                    &[("data-id", "name.fieldControl-text-box-text")],
                ),
            ],
        );
        let facts = extract(&s);
        let name = facts.name.map(|f| f.value);
        assert_eq!(name.as_deref(), Some("Contoso Ltd"), "{status}");
        assert!(facts
            .problems
            .iter()
            .all(|p| !matches!(p, defuse::account::Problem::NameConflict { .. })));
        let key = facts.record_key;
        assert_eq!(
            key,
            Some(RecordKey {
                crm: Crm::Dynamics365,
                host: "contoso.crm4.dynamics.com".into(),
                object: "account".into(),
                id: "5f1c2e4a-9d0b-4c7e-8a61-0d2b3c4d5e6f".into(),
            })
        );
    }
}

#[test]
fn placeholders_are_never_values_and_the_title_supplies_the_name() {
    // A locally run CRM (generic): the header's "Last action —" is a label
    // whose value is a placeholder; the title names the record.
    let s = snapshot(
        "http://127.0.0.1:8080/index.php?module=Accounts&record=17",
        "Hooper Logistics - TwentyCRM",
        vec![
            field("pair", "Last action", "—", &[]),
            field("heading", "", "Last action —", &[("tag", "h1")]),
            field("pair", "ARR", "N/A", &[]),
            field("pair", "Annual Recurring Revenue", "$410,000.00", &[]),
            field("pair", "Renewal Date", "--", &[]),
            field("pair", "Contract End Date", "2027-09-30", &[]),
        ],
    );
    let (name, arr, renewal) = read(&s);
    assert_eq!(name.as_deref(), Some("Hooper Logistics"));
    assert_eq!(arr, money(41_000_000, "USD"));
    assert_eq!(renewal, ymd(2027, 9, 30));
}

#[test]
fn a_heading_the_title_contradicts_is_not_taken_silently() {
    let s = snapshot(
        "https://crm.example.com/accounts/7",
        "Kessler Biotech | Account | ExampleCRM",
        vec![
            field("heading", "", "Overview", &[("tag", "h1")]),
            field("pair", "ARR", "$90,000", &[]),
        ],
    );
    let facts = extract(&s);
    // The two readings tie: the CSM is asked instead of "Overview" winning.
    assert!(facts.name.as_ref().is_some_and(|f| f.confidence <= 0.5));
    let named: Vec<String> = facts
        .alternatives
        .name
        .iter()
        .map(|f| f.value.clone())
        .chain(facts.name.map(|f| f.value))
        .collect();
    assert!(named.contains(&"Kessler Biotech".to_string()), "{named:?}");
}

#[test]
fn the_name_field_outranks_a_heading_the_title_confirms() {
    // The CSM just renamed the account: the field changed, heading and title
    // still show the old name.
    let s = snapshot(
        "https://crm.example.com/accounts/9",
        "Acme Robotics | Account",
        vec![
            field("heading", "", "Acme Robotics", &[("tag", "h1")]),
            field("pair", "Account Name", "Acme Robotics GmbH", &[]),
        ],
    );
    assert_eq!(read(&s).0.as_deref(), Some("Acme Robotics GmbH"));
}

#[test]
fn a_currency_written_in_the_label_applies_to_a_bare_number() {
    for (label, currency) in [
        ("ARR (USD)", "USD"),
        ("ARR in EUR", "EUR"),
        ("ARR, £", "GBP"),
    ] {
        let s = snapshot(
            "https://acme.zendesk.com/agent/organizations/360012345678",
            "Hooli – Organizations – Zendesk",
            vec![field(
                "attr",
                label,
                "560000",
                &[("data-test-id", "organization-fields-arr_usd")],
            )],
        );
        assert_eq!(read(&s).1, money(56_000_000, currency), "{label}");
    }
    // A currency in the value wins over the label's.
    let s = snapshot(
        "https://example.com/",
        "",
        vec![field("pair", "ARR (USD)", "€1,000", &[])],
    );
    assert_eq!(read(&s).1.and_then(|m| m.currency).as_deref(), Some("EUR"));
}

#[test]
fn page_facts_beside_the_account() {
    let s = snapshot(
        "https://acme.lightning.force.com/lightning/r/Account/001Ak00000XyZ12IAF/view",
        "Initrode Global | Account | Salesforce",
        vec![
            field("pair", "Executive Sponsor", "Olivia Brandt", &[]),
            field(
                "pair",
                "Executive Sponsor Email",
                "olivia@initrode.example",
                &[],
            ),
            field("pair", "Health Score", "64", &[]),
            field("user", "", "Account manager for Priya Raman", &[]),
            field("pair", "ARR", "$2,050,000.00", &[]),
        ],
    );
    let facts = extract(&s);
    assert_eq!(
        facts.executive_sponsor.map(|f| f.value).as_deref(),
        Some("Olivia Brandt")
    );
    assert_eq!(facts.health_score.map(|f| f.value).as_deref(), Some("64"));
    let user = facts.signed_in_user;
    assert_eq!(user.as_ref().map(|f| f.value.as_str()), Some("Priya Raman"));
    assert_eq!(user.map(|f| f.source.kind).as_deref(), Some("user-menu"));
    assert_eq!(
        facts.record_key.map(|k| (k.crm, k.id)),
        Some((Crm::SalesforceLightning, "001Ak00000XyZ12IAF".to_string()))
    );
    let json = serde_json::to_value(extract(&s)).unwrap_or_default();
    for key in [
        "executiveSponsor",
        "healthScore",
        "signedInUser",
        "recordKey",
    ] {
        assert!(json.get(key).is_some(), "{key} in the JS API");
    }
    // Absent facts are left out, not null.
    let bare = serde_json::to_value(extract(&Snapshot::default())).unwrap_or_default();
    assert!(bare.get("recordKey").is_none());
    // A placeholder is no sponsor.
    let empty = snapshot(
        "https://example.com/",
        "",
        vec![field("pair", "Executive Sponsor", "—", &[])],
    );
    assert_eq!(extract(&empty).executive_sponsor, None);
}

/// The agent's snapshots of the new CRMs' fixtures, each with the URL its CRM uses.
#[test]
fn zoho_pipedrive_freshsales_and_close_pages() {
    let cases = [
        (
            "zoho_account",
            Crm::Zoho,
            "Brightwater Analytics GmbH",
            money(125_000_000, "EUR"),
            ymd(2027, 3, 31),
        ),
        (
            "pipedrive_organization",
            Crm::Pipedrive,
            "Northwind Traders",
            money(48_000_000, "USD"),
            ymd(2027, 6, 30),
        ),
        (
            "freshsales_account",
            Crm::Freshsales,
            "Umbra Logistics",
            money(64_000_000, "USD"),
            ymd(2027, 2, 15),
        ),
        (
            "close_lead",
            Crm::Close,
            "Quanta Systems",
            money(31_000_000, "USD"),
            ymd(2027, 5, 31),
        ),
    ];
    for (file, crm, name, arr, renewal) in cases {
        let s = load(file);
        assert!(s.is_some(), "tests/data/snapshots/{file}.json is readable");
        let Some(s) = s else { continue };
        let facts = extract(&s);
        assert_eq!(facts.crm, crm, "{file}");
        assert_eq!(facts.name.map(|f| f.value).as_deref(), Some(name), "{file}");
        assert_eq!(facts.arr.map(|f| f.value), arr, "{file}");
        assert_eq!(facts.renewal.map(|f| f.value), renewal, "{file}");
        assert!(facts.record_key.is_some_and(|k| k.crm == crm), "{file}");
    }
}
