//! Manual corrections: what the CSM typed over a fact read from the page. The
//! engine stores each as a `fact-corrected` event; this is only the pure merge,
//! in which a correction wins until it is cleared (set back to `None`).

use super::facts::{AccountFacts, ArrBasis, Fact, Field, Source};
use super::money::Money;
use chrono::NaiveDate;
use serde::Serialize;

/// The CSM's current corrections; `None` (or a blank name) means "use what
/// the page says", which is how a correction is cleared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Corrections {
    pub name: Option<String>,
    pub arr: Option<Money>,
    pub renewal: Option<NaiveDate>,
}

crate::read_struct!(Corrections {
    name: "name" default,
    arr: "arr" default,
    renewal: "renewal" default,
});

fn manual<T>(value: T) -> Fact<T> {
    Fact {
        value,
        source: Source {
            label: "entered by hand".into(),
            crm: "manual".into(),
            kind: "manual".into(),
        },
        confidence: 1.0,
    }
}

/// Puts the correction in place of the page's fact; the page's own value stays
/// first among the alternatives so the panel can still show what the page said.
fn correct<T: PartialEq>(fact: &mut Option<Fact<T>>, alternatives: &mut Vec<Fact<T>>, value: T) {
    if let Some(page) = fact.take() {
        if page.value != value {
            alternatives.insert(0, page);
        }
    }
    alternatives.retain(|a| a.value != value);
    *fact = Some(manual(value));
}

/// Merges the CSM's corrections over the facts read from the page. Problems
/// about a corrected field are dropped: the CSM has settled it.
pub fn apply_corrections(mut facts: AccountFacts, corrections: &Corrections) -> AccountFacts {
    let mut settled: Vec<Field> = Vec::new();
    if let Some(name) = corrections
        .name
        .as_ref()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        correct(
            &mut facts.name,
            &mut facts.alternatives.name,
            name.to_string(),
        );
        settled.push(Field::Name);
    }
    if let Some(arr) = &corrections.arr {
        correct(&mut facts.arr, &mut facts.alternatives.arr, arr.clone());
        facts.arr_basis = Some(ArrBasis::Arr);
        settled.push(Field::Arr);
    }
    if let Some(renewal) = corrections.renewal {
        correct(&mut facts.renewal, &mut facts.alternatives.renewal, renewal);
        settled.push(Field::Renewal);
    }
    facts.problems.retain(|p| !settled.contains(&p.field()));
    facts
}
