//! The panel's start from the fold index: one read (settings + index)
//! draws the list, then the key list reconciles it. Whatever the index
//! says (fresh, stale after another tab wrote, naming an escalation gone,
//! missing a new one), after the reconcile the CSM sees what a panel that
//! read every record sees; typing done meanwhile is kept, and no escalation
//! is opened from the index alone.

use crate::panel::{snapshot, Panel};
use crate::workspace::fold::{busy, now0, put, wake, Store};
use defuse::panel::*;
use defuse::workspace::{keys, Index, WakeUp, INDEX};
use serde_json::json;
use std::collections::BTreeSet;

fn page_of(esc: &str) -> String {
    format!("https://acme.lightning.force.com/lightning/r/Account/{esc}/view")
}

/// Eight closed escalations, three open, after a wake-up (folds + index).
fn store() -> Store {
    let mut s = busy();
    wake(&mut s, now0());
    s
}

/// The first read as the web shell does it: settings and index.
fn indexed(store: &Store) -> (Panel, BTreeSet<String>) {
    let mut p = Panel {
        m: Model::new("America/Chicago", "en-US", "t"),
        now: now0(),
        store: store.clone(),
        last: vec![],
    };
    let index = store
        .get(INDEX)
        .and_then(|t| Index::decode(t))
        .unwrap_or_else(|| Index::new(vec![]));
    let held = index.folds.iter().map(|(k, _)| k.clone()).collect();
    let records = store
        .get(keys::SETTINGS)
        .map(|v| vec![(keys::SETTINGS.to_string(), v.clone())])
        .unwrap_or_default();
    p.send(Msg::Indexed { records, index });
    (p, held)
}

/// The key list's answer (from `store` as it is now): what is kept, what
/// is read.
fn reconcile(p: &mut Panel, store: &Store, held: &BTreeSet<String>) -> usize {
    let keys: Vec<String> = store.keys().cloned().collect();
    let want = WakeUp::from_keys(&keys).panel_keys(now0());
    let (keep, fetch): (Vec<String>, Vec<String>) =
        want.into_iter().partition(|k| held.contains(k));
    let records: Vec<(String, String)> = fetch
        .iter()
        .filter_map(|k| store.get(k).map(|v| (k.clone(), v.clone())))
        .collect();
    let n = records.len();
    p.store = store.clone();
    p.send(Msg::Reconciled { keep, records });
    n
}

fn full(store: &Store) -> Panel {
    let events: Store = store
        .iter()
        .filter(|(k, _)| k.starts_with("defuse:ev:") || k.starts_with("defuse:draft:"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Panel::load(
        now0(),
        events,
        Some(snapshot(&page_of("zz"), "Nobody", Some("America/Chicago"))),
    )
}

fn list_texts(p: &Panel) -> Vec<String> {
    p.vm().list.items.iter().map(|i| i.text.clone()).collect()
}

fn on_page(p: &mut Panel) {
    p.send(Msg::Snapshot(Box::new(snapshot(
        &page_of("zz"),
        "Nobody",
        Some("America/Chicago"),
    ))));
}

#[test]
fn the_index_draws_the_list_at_once_and_the_key_list_changes_nothing() {
    let s = store();
    let (mut p, held) = indexed(&s);
    on_page(&mut p);
    assert!(p.m.reconciling);
    let want = list_texts(&full(&s));
    assert_eq!(list_texts(&p), want, "the first frame, from the index");
    assert_eq!(reconcile(&mut p, &s, &held), 0, "nothing read again");
    assert!(!p.m.reconciling);
    assert_eq!(list_texts(&p), want);
}

#[test]
fn an_index_made_stale_by_another_tab_is_corrected_by_the_key_list() {
    let s = store();
    let (mut p, held) = indexed(&s);
    on_page(&mut p);
    // Another tab reopened c2, and opened a new escalation, before the
    // worker rewrote folds and index.
    let mut now_s = s.clone();
    put(
        &mut now_s,
        "c2",
        60,
        now0().to_rfc3339(),
        json!({ "type": "reopened", "reason": "Broken again." }),
    );
    crate::workspace::fold::story(
        &mut now_s,
        "n9",
        now0() - chrono::TimeDelta::hours(2),
        0,
        false,
    );
    let before = list_texts(&p);
    assert_ne!(before, list_texts(&full(&now_s)));
    reconcile(&mut p, &now_s, &held);
    assert_eq!(list_texts(&p), list_texts(&full(&now_s)));
    assert!(p.m.ws.is_loaded("c2") && p.m.ws.is_loaded("n9"));
}

#[test]
fn an_escalation_the_index_names_but_storage_lost_goes_away() {
    let s = store();
    let (mut p, held) = indexed(&s);
    on_page(&mut p);
    let gone: Store = s
        .iter()
        .filter(|(k, _)| !k.contains(":c3:"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    reconcile(&mut p, &gone, &held);
    assert_eq!(list_texts(&p), list_texts(&full(&gone)));
    assert!(!p.m.ws.entries().iter().any(|e| e.id == "c3"));
}

#[test]
fn typing_before_the_key_list_arrives_is_kept_and_opening_waits() {
    let mut s = store();
    s.insert("defuse:draft:new:open.account".into(), "Stored Name".into());
    s.insert("defuse:draft:new:open.csm-name".into(), "Stored CSM".into());
    let (mut p, held) = indexed(&s);
    on_page(&mut p);
    p.input(Field::OpenAccount, "Typed Name");
    let fx = p.click(Action::Open);
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::Put { key, .. } if key.starts_with("defuse:ev:"))),
        "nothing opened from the index alone: {fx:?}"
    );
    assert!(p.m.current.is_none());
    assert!(p.vm().notice.is_some());
    reconcile(&mut p, &s, &held);
    let typed = p.m.drafts.iter().find(|(k, _)| k.ends_with("open.account"));
    assert_eq!(typed.map(|(_, v)| v.as_str()), Some("Typed Name"));
    assert_eq!(
        p.m.drafts
            .get("defuse:draft:new:open.csm-name")
            .map(String::as_str),
        Some("Stored CSM"),
        "a stored draft not typed over arrives"
    );
}
