//! Unit tests of the label tables and matching (kept apart so each file stays small).

use super::*;

fn label(text: &str) -> Option<(Meaning, u8, bool)> {
    let mut out = String::new();
    normalize_into(text, &mut out);
    LabelIndex::new()
        .match_label(&out)
        .map(|m| (m.meaning, m.rank, m.exact))
}

#[test]
fn packed_synonyms_read_back_whole() {
    for (i, meaning) in crate::account::labels_table::MEANINGS.iter().enumerate() {
        assert_eq!(*meaning as usize, i);
    }
    assert_eq!(
        crate::account::labels_table::MEANINGS.len(),
        Meaning::Renewal as usize + 1
    );
    for table in [&SYNONYMS, &crate::account::labels_locales::LOCALE_SYNONYMS] {
        // One code per label, none lost to the packing.
        assert_eq!(table.entries().count(), table.len());
        assert_eq!(table.text.split('\n').count(), table.len() + 1);
    }
}

#[test]
fn synonyms_are_normalized_and_never_contradict() {
    let mut out = String::new();
    for (text, meaning, ..) in synonyms() {
        normalize_into(text, &mut out);
        assert_eq!(&out, text, "synonym not normalized");
        for (other, other_meaning, ..) in synonyms() {
            if squash(text) == squash(other) {
                assert_eq!(meaning, other_meaning, "{text} vs {other}");
            }
        }
    }
}

#[test]
fn labels_in_the_cldr_languages() {
    assert_eq!(label("Data di rinnovo"), Some((Renewal, 0, true)));
    assert_eq!(
        label("Roczny przychód powtarzalny (PLN)").map(|l| l.0),
        Some(Arr)
    );
    assert_eq!(label("更新日"), Some((Renewal, 0, true)));
    assert_eq!(label("연간 반복 매출"), Some((Arr, 0, true)));
    assert_eq!(label("Дата окончания договора").map(|l| l.0), Some(Renewal));
}

#[test]
fn labels_in_every_language() {
    assert_eq!(label("ARR"), Some((Arr, 0, true)));
    assert_eq!(label("Current ARR (USD):"), Some((Arr, 0, false)));
    assert_eq!(label("Annual Revenue"), Some((AnnualRevenue, 0, true)));
    assert_eq!(label("Jahresumsatz"), Some((AnnualRevenue, 0, true)));
    assert_eq!(
        label("Jährlich wiederkehrender Umsatz"),
        Some((Arr, 0, true))
    );
    assert_eq!(label("Chiffre d’affaires"), Some((AnnualRevenue, 0, true)));
    assert_eq!(
        label("Revenu annuel récurrent (EUR)"),
        Some((Arr, 0, false))
    );
    assert_eq!(label("Fecha de renovación"), Some((Renewal, 0, true)));
    assert_eq!(label("Data de renovação"), Some((Renewal, 0, true)));
    assert_eq!(label("Verlengingsdatum"), Some((Renewal, 0, true)));
    assert_eq!(label("Contract End Date"), Some((Renewal, 1, true)));
    assert_eq!(label("MRR"), Some((Mrr, 0, true)));
    assert_eq!(label("Account Name*"), Some((Name, 0, true)));
}

#[test]
fn bare_words_and_disqualified_labels_do_not_match() {
    assert_eq!(label("Account Owner"), None);
    assert_eq!(label("Parent Account Name"), None);
    assert_eq!(label("Last Renewal Date"), None);
    assert_eq!(label("ARR Growth"), None);
    assert_eq!(label("Revenue Range"), None);
    assert_eq!(label("Arrival"), None);
    assert_eq!(label("Account Number"), None);
    assert_eq!(label(""), None);
}

#[test]
fn field_api_names() {
    let index = LabelIndex::new();
    let mut buffer = String::new();
    let mut api = |name: &str| index.match_field_name(name, &mut buffer).map(|m| m.meaning);
    assert_eq!(api("ARR__c"), Some(Arr));
    assert_eq!(api("Annual_Recurring_Revenue__c"), Some(Arr));
    assert_eq!(api("AnnualRevenue"), Some(AnnualRevenue));
    assert_eq!(api("Zuora__ContractEndDate__c"), Some(Renewal));
    assert_eq!(api("annualrevenue"), Some(AnnualRevenue));
    assert_eq!(api("new_renewaldate"), Some(Renewal));
    assert_eq!(api("hs_arr"), Some(Arr));
    assert_eq!(api("name"), Some(Name));
    assert_eq!(api("Carrier__c"), None);
    assert_eq!(api("Last_Renewal_Date__c"), None);
    assert_eq!(api("LastRenewalDate"), None);
    assert_eq!(api("ParentId"), None);
}
