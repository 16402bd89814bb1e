//! Scenario tests for `defuse::account`: realistic snapshots of CRM pages (in
//! `tests/data/snapshots/`) read into account facts, corrections merged over
//! them, and a 5,000-field page.

use chrono::NaiveDate;
use defuse::account::{
    apply_corrections, extract, AccountFacts, ArrBasis, Candidate, Corrections, Crm, Fact, Money,
    Problem, Snapshot, Source,
};

fn load(name: &str) -> Snapshot {
    let path = format!(
        "{}/tests/data/snapshots/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let snapshot: Snapshot = serde_json::from_str(&text).unwrap();
    snapshot.validate()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn money(cents: i64, currency: Option<&str>) -> Money {
    Money {
        cents,
        currency: currency.map(str::to_string),
        currency_assumed: false,
    }
}

fn source(label: &str, crm: &str, kind: &str) -> Source {
    Source {
        label: label.into(),
        crm: crm.into(),
        kind: kind.into(),
    }
}

fn fact<T>(value: T, source: Source, confidence: f32) -> Fact<T> {
    Fact {
        value,
        source,
        confidence,
    }
}

fn pair(label: &str, value: &str) -> Candidate {
    Candidate {
        label: label.into(),
        value: value.into(),
        kind: "pair".into(),
        ..Candidate::default()
    }
}

fn page(lang: &str, fields: Vec<Candidate>) -> Snapshot {
    Snapshot {
        url: "https://crm.example.com/accounts/1".into(),
        lang: lang.into(),
        fields,
        ..Snapshot::default()
    }
}

fn messages(facts: &AccountFacts) -> Vec<String> {
    facts.problems.iter().map(Problem::message).collect()
}

#[test]
fn salesforce_lightning_reads_the_focused_tab_not_the_hidden_console_tab() {
    let facts = extract(&load("salesforce_lightning"));
    assert_eq!(facts.crm, Crm::SalesforceLightning);
    assert_eq!(
        facts.name,
        Some(fact(
            "Globex Corporation".to_string(),
            source("Account", "salesforce-lightning", "heading"),
            // the heading, confirmed by the document title
            0.99
        ))
    );
    assert_eq!(
        facts.arr,
        Some(fact(
            money(125_000_000, Some("USD")),
            source("ARR", "salesforce-lightning", "attribute"),
            0.915
        ))
    );
    assert_eq!(facts.arr_basis, Some(ArrBasis::Arr));
    assert_eq!(
        facts.renewal,
        Some(fact(
            ymd(2027, 3, 31),
            source("Renewal Date", "salesforce-lightning", "attribute"),
            0.9
        ))
    );
    assert_eq!(facts.problems, vec![]);
    assert_eq!(facts.alternatives, Default::default());
}

#[test]
fn salesforce_classic_label_and_data_cells() {
    let facts = extract(&load("salesforce_classic"));
    assert_eq!(facts.crm, Crm::SalesforceClassic);
    let name = facts.name.unwrap();
    assert_eq!(name.value, "Umbrella Industries");
    assert_eq!(
        name.source,
        source("class=pageDescription", "salesforce-classic", "heading")
    );
    // No ARR field: the annual contract value is the nearest figure, and the
    // company's own annual revenue is not used.
    assert_eq!(facts.arr_basis, Some(ArrBasis::ContractValue));
    let arr = facts.arr.unwrap();
    assert_eq!(arr.value, money(31_000_000, Some("USD")));
    assert_eq!(
        arr.source,
        source("Annual Contract Value", "salesforce-classic", "label")
    );
    assert_eq!(arr.confidence, 0.72);
    // `Subscription End Date` ranks below a renewal date but is all there is.
    let renewal = facts.renewal.unwrap();
    assert_eq!(renewal.value, ymd(2027, 6, 30));
    assert_eq!(renewal.confidence, 0.7);
    assert_eq!(facts.problems, vec![]);
}

#[test]
fn hubspot_company_record() {
    let facts = extract(&load("hubspot_company"));
    assert_eq!(facts.crm, Crm::Hubspot);
    let name = facts.name.unwrap();
    assert_eq!(name.value, "Hooli");
    assert_eq!(
        name.source,
        source("data-selenium-test=highlightTitle", "hubspot", "heading")
    );
    let arr = facts.arr.unwrap();
    assert_eq!(arr.value, money(240_000_000, Some("USD")));
    assert_eq!(arr.source, source("ARR", "hubspot", "attribute"));
    assert_eq!(facts.renewal.unwrap().value, ymd(2027, 1, 15));
    assert_eq!(facts.problems, vec![]);
}

#[test]
fn dynamics_account_form_reads_input_values_and_british_dates() {
    let facts = extract(&load("dynamics_account"));
    assert_eq!(facts.crm, Crm::Dynamics365);
    assert_eq!(facts.name.unwrap().value, "Fabrikam, Inc.");
    let arr = facts.arr.unwrap();
    assert_eq!(arr.value, money(84_000_000, Some("GBP")));
    assert_eq!(arr.source, source("ARR", "dynamics-365", "attribute"));
    // en-GB: 01/04/2027 is the 1st of April.
    assert_eq!(facts.renewal.unwrap().value, ymd(2027, 4, 1));
    assert_eq!(facts.problems, vec![]);
}

#[test]
fn zendesk_organization() {
    let facts = extract(&load("zendesk_organization"));
    assert_eq!(facts.crm, Crm::Zendesk);
    assert_eq!(facts.name.unwrap().value, "Stark Industries");
    assert_eq!(facts.arr.unwrap().value, money(12_000_000, None));
    let renewal = facts.renewal.unwrap();
    assert_eq!(renewal.value, ymd(2027, 3, 31));
    assert_eq!(renewal.source, source("Renewal date", "zendesk", "label"));
    assert_eq!(facts.problems, vec![]);
}

#[test]
fn german_page_with_the_generic_reader() {
    let facts = extract(&load("german_page"));
    assert_eq!(facts.crm, Crm::Generic);
    let name = facts.name.unwrap();
    assert_eq!(name.value, "Müller & Söhne GmbH");
    // A label match, confirmed by the document title `<name> – Kundenakte`.
    assert_eq!(name.confidence, 0.815);
    assert_eq!(facts.arr.unwrap().value, money(120_000_000, Some("EUR")));
    let renewal = facts.renewal.unwrap();
    assert_eq!(renewal.value, ymd(2027, 3, 31));
    assert_eq!(renewal.source, source("Vertragsende:", "generic", "label"));
    assert_eq!(facts.problems, vec![]);
}

#[test]
fn french_page_with_narrow_spaces() {
    let facts = extract(&load("french_page"));
    assert_eq!(facts.name.unwrap().value, "Société Générale Démo");
    let arr = facts.arr.unwrap();
    assert_eq!(arr.value, money(125_000_000, Some("EUR")));
    assert_eq!(arr.source.label, "Revenu récurrent annuel");
    assert_eq!(facts.arr_basis, Some(ArrBasis::Arr));
    assert_eq!(facts.renewal.unwrap().value, ymd(2027, 3, 31));
}

#[test]
fn a_page_without_arr_says_so() {
    let facts = extract(&load("no_arr"));
    assert_eq!(facts.name.as_ref().unwrap().value, "Vandelay Industries");
    assert_eq!(facts.arr, None);
    assert_eq!(facts.arr_basis, None);
    assert_eq!(facts.renewal.as_ref().unwrap().value, ymd(2027, 5, 1));
    assert_eq!(facts.problems, vec![Problem::ArrMissing]);
    assert_eq!(
        messages(&facts),
        vec!["No ARR found on this page. Enter it by hand."]
    );
}

#[test]
fn conflicting_arr_figures_are_both_offered() {
    let facts = extract(&load("conflicting_arr"));
    let arr = facts.arr.clone().unwrap();
    assert_eq!(arr.value, money(120_000_000, Some("USD")));
    assert_eq!(arr.confidence, 0.5);
    assert_eq!(
        facts.alternatives.arr,
        vec![fact(
            money(95_000_000, Some("USD")),
            source("Annual Recurring Revenue", "generic", "label"),
            0.8
        )]
    );
    assert_eq!(
        facts.problems,
        vec![Problem::ArrConflict {
            values: vec![
                money(120_000_000, Some("USD")),
                money(95_000_000, Some("USD"))
            ]
        }]
    );
    assert_eq!(
        messages(&facts),
        vec!["This page shows different ARR figures (1,200,000 USD, 950,000 USD). Choose the right one."]
    );
}

#[test]
fn mrr_is_annualised_and_flagged() {
    let facts = extract(&page("en-US", vec![pair("MRR", "$10,000")]));
    assert_eq!(
        facts.arr.clone().unwrap().value,
        money(12_000_000, Some("USD"))
    );
    assert_eq!(facts.arr.clone().unwrap().confidence, 0.6);
    assert_eq!(facts.arr_basis, Some(ArrBasis::MrrTimesTwelve));
    assert_eq!(
        messages(&facts),
        vec![
            "I couldn't find the account name on this page. Enter it by hand.",
            "No ARR on this page, so it was worked out as 12 × the MRR of 10,000 USD. \
             Check it, or enter the ARR by hand.",
            "No renewal date found on this page. Enter it by hand.",
        ]
    );
}

#[test]
fn company_annual_revenue_is_only_a_flagged_fallback() {
    let facts = extract(&page("en-US", vec![pair("Annual Revenue", "$5M")]));
    assert_eq!(facts.arr_basis, Some(ArrBasis::CompanyAnnualRevenue));
    let arr = facts.arr.unwrap();
    assert_eq!(arr.value, money(500_000_000, Some("USD")));
    assert!(arr.confidence < 0.25, "{}", arr.confidence);
    assert_eq!(
        facts.problems.get(1).map(Problem::message),
        Some(
            "The only figure found is the company's annual revenue (5,000,000 USD), not what \
             they pay us. Check it, or enter the ARR by hand."
                .to_string()
        )
    );
}

#[test]
fn an_unreadable_arr_is_reported_with_its_text() {
    let facts = extract(&page(
        "en-US",
        vec![pair("ARR", "about 1.2"), pair("Annual Revenue", "$5M")],
    ));
    // The company revenue is used, but the CSM learns the ARR field was there.
    assert_eq!(facts.arr_basis, Some(ArrBasis::CompanyAnnualRevenue));
    assert_eq!(
        facts.problems.get(1),
        Some(&Problem::ArrUnreadable {
            text: "about 1.2".into(),
            error: "I couldn't read \"about 1.2\" as an amount: I don't know what \"about\" \
                    means in an amount."
                .into()
        })
    );
    assert_eq!(
        facts.problems.get(1).map(Problem::message),
        Some(
            "I couldn't read \"about 1.2\" as an amount: I don't know what \"about\" means in \
             an amount. Enter the ARR by hand."
                .to_string()
        )
    );
}

#[test]
fn an_ambiguous_renewal_date_offers_both_readings() {
    let facts = extract(&page("en", vec![pair("Renewal Date", "03/04/2027")]));
    assert_eq!(facts.renewal, None);
    let choices: Vec<NaiveDate> = facts.alternatives.renewal.iter().map(|f| f.value).collect();
    assert_eq!(choices, vec![ymd(2027, 4, 3), ymd(2027, 3, 4)]);
    assert!(facts.problems.contains(&Problem::RenewalAmbiguous {
        text: "03/04/2027".into(),
        first: ymd(2027, 4, 3),
        second: ymd(2027, 3, 4),
    }));
    assert!(messages(&facts).contains(
        &"The renewal date \"03/04/2027\" could be 3 April 2027 or 4 March 2027. Choose the right one."
            .to_string()
    ));
    // The same text on a US page is the 4th of March.
    let us = extract(&page("en-US", vec![pair("Renewal Date", "03/04/2027")]));
    assert_eq!(us.renewal.unwrap().value, ymd(2027, 3, 4));
}

#[test]
fn a_renewal_date_beats_a_contract_end_without_a_conflict() {
    let facts = extract(&page(
        "de-DE",
        vec![
            pair("Vertragsende", "30.03.2027"),
            pair("Nächste Verlängerung", "31.03.2027"),
        ],
    ));
    assert_eq!(facts.renewal.unwrap().value, ymd(2027, 3, 31));
    assert_eq!(facts.alternatives.renewal.len(), 1);
    assert!(!facts
        .problems
        .iter()
        .any(|p| matches!(p, Problem::RenewalConflict { .. })));
}

#[test]
fn only_hidden_copies_means_nothing_found() {
    let mut snapshot = load("salesforce_lightning");
    for field in &mut snapshot.fields {
        field.hidden = true;
    }
    snapshot.title.clear();
    let facts = extract(&snapshot);
    assert_eq!((facts.name, facts.arr, facts.renewal), (None, None, None));
    assert_eq!(
        facts.problems,
        vec![
            Problem::NameMissing,
            Problem::ArrMissing,
            Problem::RenewalMissing
        ]
    );
}

#[test]
fn a_record_heading_on_a_non_account_page_is_not_the_account_name() {
    let mut heading = pair("Opportunity", "Globex – Q3 expansion");
    heading.kind = "heading".into();
    let snapshot = Snapshot {
        url: "https://globex.lightning.force.com/lightning/r/Opportunity/006Hs/view".into(),
        fields: vec![heading, pair("Account Name", "Globex Corporation")],
        ..Snapshot::default()
    };
    let facts = extract(&snapshot);
    assert_eq!(facts.name.unwrap().value, "Globex Corporation");
    assert_eq!(facts.alternatives.name, vec![]);
}

#[test]
fn corrections_win_until_cleared() {
    let page_facts = extract(&load("conflicting_arr"));
    let corrections = Corrections {
        arr: Some(money(110_000_000, Some("USD"))),
        renewal: Some(ymd(2027, 1, 31)),
        name: None,
    };
    let corrected = apply_corrections(page_facts.clone(), &corrections);
    assert_eq!(
        corrected.arr,
        Some(fact(
            money(110_000_000, Some("USD")),
            source("entered by hand", "manual", "manual"),
            1.0
        ))
    );
    assert_eq!(corrected.arr_basis, Some(ArrBasis::Arr));
    // What the page said stays visible, first.
    let page_values: Vec<i64> = corrected
        .alternatives
        .arr
        .iter()
        .map(|f| f.value.cents)
        .collect();
    assert_eq!(page_values, vec![120_000_000, 95_000_000]);
    assert_eq!(corrected.problems, vec![]);
    assert_eq!(corrected.renewal.unwrap().value, ymd(2027, 1, 31));
    assert_eq!(corrected.name, page_facts.name);
    // Cleared: the page's reading is back, problems included.
    assert_eq!(
        apply_corrections(page_facts.clone(), &Corrections::default()),
        page_facts
    );
}

#[test]
fn a_correction_settles_a_missing_field() {
    let facts = extract(&load("no_arr"));
    let corrected = apply_corrections(
        facts,
        &Corrections {
            arr: Some(money(30_000_000, Some("USD"))),
            ..Corrections::default()
        },
    );
    assert_eq!(corrected.arr.unwrap().source.kind, "manual");
    assert_eq!(corrected.problems, vec![]);
}

// The JS shape of the facts and out-of-the-ordinary pages live in account/.
mod odd_pages;
