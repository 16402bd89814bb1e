//! Facts as the JS API sees them, and pages out of the ordinary: five thousand
//! fields, a revenue field relabelled ARR, a CRM title as the only name, and
//! other dates on the page settling an ambiguous renewal.

use super::*;

#[test]
fn facts_serialize_for_the_js_api() {
    let facts = extract(&load("no_arr"));
    let json = serde_json::to_value(&facts).unwrap();
    assert_eq!(json["crm"], "generic");
    assert_eq!(json["arrBasis"], serde_json::Value::Null);
    assert_eq!(
        json["problems"][0],
        serde_json::json!({ "kind": "arr-missing" })
    );
    assert_eq!(json["renewal"]["value"], "2027-05-01");
    assert_eq!(json["name"]["source"]["kind"], "label");
    let ambiguous = extract(&page("en", vec![pair("Renewal Date", "03/04/2027")]));
    let json = serde_json::to_value(&ambiguous).unwrap();
    assert_eq!(
        json["problems"][2],
        serde_json::json!({
            "kind": "renewal-ambiguous",
            "text": "03/04/2027",
            "first": "2027-04-03",
            "second": "2027-03-04"
        })
    );
    let back: AccountFacts = serde_json::from_value(json).unwrap();
    assert_eq!(back, ambiguous);
}

/// A big CRM page: 5,000 candidates, most of them noise, hidden copies of
/// another account, and the real fields in the middle.
fn five_thousand_field_page() -> Snapshot {
    let mut fields = Vec::with_capacity(5_000);
    for i in 0..4_990 {
        let mut attrs = defuse::sort_map::Map::new();
        attrs.insert("tag".to_string(), "lightning-formatted-text".to_string());
        attrs.insert(
            "data-target-selection-name".to_string(),
            format!("sfdc:RecordField.Account.Custom_Field_{i}__c"),
        );
        let (label, value) = match i % 5 {
            0 => (format!("Custom Field {i}"), format!("{i}")),
            1 => (
                format!("Notes {i}"),
                "Customer asked for a call back".to_string(),
            ),
            2 => (
                "Last Modified By".to_string(),
                format!("User {i}, 3/1/2026"),
            ),
            3 => (String::new(), format!("Activity {i}: email sent")),
            _ => (format!("Amount {i}"), format!("${i},000")),
        };
        fields.push(Candidate {
            label,
            value,
            attrs,
            kind: "attr".into(),
            hidden: i % 7 == 0,
            ..Candidate::default()
        });
        if i == 2_500 {
            let mut hidden_arr = pair("ARR", "$480,000");
            hidden_arr.hidden = true;
            fields.push(hidden_arr);
            fields.push(pair("Account Name", "Globex Corporation"));
            fields.push(pair("ARR", "$1,250,000.00"));
            fields.push(pair("Renewal Date", "3/31/2027"));
        }
    }
    fields.push(pair("Annual Revenue", "$2.4B"));
    fields.push(pair("Account Owner", "Dana Whitfield"));
    fields.push(pair("Parent Account", "Globex Holdings"));
    fields.push(pair("Industry", "Manufacturing"));
    fields.push(pair("Employees", "12,000"));
    fields.push(pair("Website", "globex.example"));
    assert_eq!(fields.len(), 5_000);
    Snapshot {
        url: "https://globex.lightning.force.com/lightning/r/Account/001/view".into(),
        title: "Globex Corporation | Account | Salesforce".into(),
        lang: "en-US".into(),
        fields,
        ..Snapshot::default()
    }
}

#[test]
fn five_thousand_fields() {
    let snapshot = five_thousand_field_page();
    let facts = extract(&snapshot);
    assert_eq!(facts.crm, Crm::SalesforceLightning);
    assert_eq!(facts.name.unwrap().value, "Globex Corporation");
    assert_eq!(facts.arr.unwrap().value, money(125_000_000, Some("USD")));
    assert_eq!(facts.arr_basis, Some(ArrBasis::Arr));
    assert_eq!(facts.renewal.unwrap().value, ymd(2027, 3, 31));
    assert_eq!(facts.problems, vec![]);
    // The agent's bound keeps the first 2,000; nothing breaks, the facts are missing.
    let bounded = snapshot.validate();
    assert!(bounded.truncated);
    let facts = extract(&bounded);
    assert_eq!(facts.arr, None);
    assert_eq!(facts.name.unwrap().value, "Globex Corporation");
}

#[test]
fn a_standard_revenue_field_relabelled_arr_is_arr() {
    let mut field = pair("ARR", "$750,000");
    field.attrs.insert(
        "data-target-selection-name".into(),
        "sfdc:RecordField.Account.AnnualRevenue".into(),
    );
    let facts = extract(&Snapshot {
        url: "https://acme.lightning.force.com/lightning/r/Account/001/view".into(),
        lang: "en-US".into(),
        fields: vec![field],
        ..Snapshot::default()
    });
    assert_eq!(facts.arr_basis, Some(ArrBasis::Arr));
    let arr = facts.arr.unwrap();
    assert_eq!(arr.value, money(75_000_000, Some("USD")));
    assert_eq!(
        arr.source,
        source("ARR", "salesforce-lightning", "attribute")
    );
    assert_eq!(arr.confidence, 0.95);
}

#[test]
fn a_crm_title_names_the_account_when_nothing_else_does() {
    let title = Candidate {
        value: "Account: Initech LLC - Dynamics 365".into(),
        kind: "title".into(),
        ..Candidate::default()
    };
    let snapshot = Snapshot {
        url: "https://initech.crm.dynamics.com/main.aspx?etn=account".into(),
        fields: vec![title.clone()],
        ..Snapshot::default()
    };
    let name = extract(&snapshot).name.unwrap();
    assert_eq!(name.value, "Initech LLC");
    assert_eq!(name.source, source("page title", "dynamics-365", "title"));
    assert_eq!(name.confidence, 0.4);
    // On a site Defuse doesn't know, a `<record> - <app>` title still names
    // the record when nothing better exists, less surely.
    let generic = Snapshot {
        url: "https://intranet.example.com/".into(),
        fields: vec![title.clone(), pair("ARR", "$120,000")],
        ..Snapshot::default()
    };
    let name = extract(&generic).name.unwrap();
    assert_eq!(name.value, "Initech LLC");
    assert_eq!(name.source, source("page title", "generic", "title"));
    assert_eq!(name.confidence, 0.3);
    // A bare title (no app segment) is not trusted there.
    let bare = Snapshot {
        url: "https://intranet.example.com/".into(),
        title: "Quarterly planning".into(),
        ..Snapshot::default()
    };
    assert_eq!(extract(&bare).name, None);
    // Nor is a title on a page without any account field (a mail inbox).
    let inbox = Snapshot {
        url: "https://mail.google.com/mail/u/0/#inbox".into(),
        title: "Inbox (3) - dana@acme.example - Gmail".into(),
        fields: vec![title],
        ..Snapshot::default()
    };
    assert_eq!(extract(&inbox).name, None);
}

#[test]
fn other_dates_on_the_page_settle_an_ambiguous_renewal() {
    let facts = extract(&page(
        "en",
        vec![
            pair("Renewal Date", "03/04/2027"),
            pair("Created", "3/31/2026 4:12 PM"),
        ],
    ));
    let renewal = facts.renewal.unwrap();
    assert_eq!(renewal.value, ymd(2027, 3, 4));
    assert_eq!(renewal.confidence, 0.7);
    assert!(!facts
        .problems
        .iter()
        .any(|p| matches!(p, Problem::RenewalAmbiguous { .. })));
    // Contradicting evidence decides nothing: both readings are offered.
    let mixed = extract(&page(
        "en",
        vec![
            pair("Renewal Date", "03/04/2027"),
            pair("Created", "3/31/2026"),
            pair("Signed", "28/02/2025"),
        ],
    ));
    assert_eq!(mixed.renewal, None);
    assert_eq!(mixed.alternatives.renewal.len(), 2);
}
