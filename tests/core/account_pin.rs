//! Pins what extraction reads on large, varied candidate sets, so speed work
//! on `defuse::account` (label lookups, page facts, rule matching) cannot
//! change a result unnoticed. The sets are built from the CRM snapshots in
//! `tests/data/snapshots/`, mixed and varied (case, punctuation, extra words,
//! hidden copies) by a fixed pseudo-random sequence; the expected facts in
//! `tests/data/account/pin.json` were written by the extraction before the
//! speed work (`cargo test --test core account_pin -- --ignored` rewrites them).

use defuse::account::{extract, Candidate, Snapshot};
use std::collections::BTreeMap;

const PIN: &str = "tests/data/account/pin.json";
const PER_SET: usize = 2_000;

/// A fixed linear congruential sequence: the same sets on every machine.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

fn snapshots() -> Vec<(String, Snapshot)> {
    let dir = format!("{}/tests/data/snapshots", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(format!("{dir}/{n}")).unwrap();
            let snapshot: Snapshot = serde_json::from_str(&text).unwrap();
            (n.trim_end_matches(".json").to_string(), snapshot)
        })
        .collect()
}

/// Labels of the page facts and their look-alikes, with values.
const EXTRAS: &[(&str, &str)] = &[
    ("Executive Sponsor", "Dana Whitfield"),
    ("Exec. Sponsor:", "Lee Park"),
    ("Executive Sponsor Email", "dana@example.com"),
    ("Customer Health Score", "72 / 100"),
    ("Health Score Trend", "down"),
    ("Health", "Green"),
    ("Sponsor", "Ana Ruiz"),
    ("Score de santé", "Bon"),
    ("Kundengesundheit", "Gut"),
    ("the account health score of this customer", "80"),
];

/// One variation of a candidate: the same field as another page might show it.
fn vary(c: &Candidate, seq: &mut Sequence) -> Candidate {
    let mut c = c.clone();
    match seq.next(9) {
        0 => c.label = c.label.to_uppercase(),
        1 => c.label = format!("{}:", c.label),
        2 => c.label = format!("Customer {}", c.label),
        3 => c.label = format!("{} Trend", c.label),
        4 => c.label = format!("Previous {}", c.label),
        5 => c.hidden = !c.hidden,
        6 => {
            c.value = format!("{}: {}", c.label, c.value);
            c.label.clear();
        }
        7 => c.kind = "pair".into(),
        _ => {}
    }
    c
}

/// A set of PER_SET candidates around one page: its own fields first and
/// last, noise and other pages' fields in between.
fn pinned_sets() -> Vec<(String, Snapshot)> {
    let pages = snapshots();
    let pool: Vec<Candidate> = pages
        .iter()
        .flat_map(|(_, s)| s.fields.iter().cloned())
        .collect();
    assert!(
        pool.len() > 50,
        "the snapshot pool is too small: {}",
        pool.len()
    );
    let mut seq = Sequence(0x5eed);
    let mut sets = Vec::new();
    for (name, page) in &pages {
        let mut fields = Vec::with_capacity(PER_SET);
        let own = page.fields.len();
        fields.extend(page.fields.iter().take(own / 2).cloned());
        while fields.len() < PER_SET - (own - own / 2) {
            let i = fields.len();
            let c = match seq.next(10) {
                0 => {
                    let (label, value) = EXTRAS[seq.next(EXTRAS.len())];
                    Candidate {
                        label: label.into(),
                        value: value.into(),
                        kind: "pair".into(),
                        ..Candidate::default()
                    }
                }
                1..=3 => vary(&pool[seq.next(pool.len())], &mut seq),
                _ => {
                    let mut attrs = defuse::sort_map::Map::new();
                    attrs.insert(
                        "data-target-selection-name".to_string(),
                        format!("sfdc:RecordField.Account.Custom_Field_{i}__c"),
                    );
                    attrs.insert("field-label".to_string(), format!("Custom Field {i}"));
                    Candidate {
                        label: format!("Custom Field {i}"),
                        value: format!("Value {i} · {}", (i * 7919) % 100_000),
                        attrs,
                        kind: "attr".into(),
                        hidden: i % 7 == 0,
                        ..Candidate::default()
                    }
                }
            };
            fields.push(c);
        }
        fields.extend(page.fields.iter().skip(own / 2).cloned());
        sets.push((
            name.clone(),
            Snapshot {
                fields,
                ..page.clone()
            }
            .validate(),
        ));
    }
    sets
}

fn facts_of_sets() -> BTreeMap<String, serde_json::Value> {
    pinned_sets()
        .into_iter()
        .map(|(name, snapshot)| (name, serde_json::to_value(extract(&snapshot)).unwrap()))
        .collect()
}

#[test]
fn large_candidate_sets_read_as_pinned() {
    let path = format!("{}/{PIN}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let pinned: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_default();
    assert!(pinned.len() >= 10, "{PIN} is missing or holds too few sets");
    let got = facts_of_sets();
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        pinned.keys().collect::<Vec<_>>()
    );
    for (name, facts) in &got {
        assert_eq!(
            Some(facts),
            pinned.get(name),
            "the facts of the {name} set changed"
        );
    }
}

/// Rewrites the pinned facts (run on purpose, after checking a change of results is wanted).
#[test]
#[ignore]
fn write_pinned_facts() {
    let path = format!("{}/{PIN}", env!("CARGO_MANIFEST_DIR"));
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&facts_of_sets()).unwrap() + "\n",
    )
    .unwrap();
}
