//! The panel reads a big workspace lazily: at start settings, drafts, one
//! fold per escalation and the events of escalations without a fresh fold;
//! the escalation it shows when it is picked; everything before an export
//! or an import. Whatever it has not read, the CSM sees the same list and
//! the same escalation as a panel that read every record.

use crate::panel::{snapshot, Panel, Zones3};
use crate::workspace::fold::{busy, now0, put, Store};
use defuse::panel::*;
use defuse::workspace::{event_keys, reminder_pass, WakeUp};
use serde_json::json;

/// Eight closed escalations, three open (fold.rs's `busy`); folds written
/// as the worker does.
fn store() -> Store {
    let mut s = busy();
    let keys: Vec<String> = s.keys().cloned().collect();
    let all: Vec<(String, String)> = s.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let pass = reminder_pass(&keys, &all, now0(), &Zones3, Default::default());
    s.extend(pass.folds);
    s
}

fn page_of(esc: &str) -> String {
    format!("https://acme.lightning.force.com/lightning/r/Account/{esc}/view")
}

/// A panel that reads what the start-up read asks for, and answers each
/// `Effect::Load` from `store` (as the web shell does). Returns the panel
/// and how many event records it read at start.
fn open_lazy(store: &Store, url: &str, account: &str) -> (Panel, usize) {
    let keys: Vec<String> = store.keys().cloned().collect();
    let want = WakeUp::from_keys(&keys).panel_keys(now0());
    let first: Vec<(String, String)> = want
        .iter()
        .filter_map(|k| store.get(k).map(|v| (k.clone(), v.clone())))
        .collect();
    let read = first
        .iter()
        .filter(|(k, _)| k.starts_with("defuse:ev:"))
        .count();
    let mut p = Panel {
        m: Model::new("America/Chicago", "en-US", "t"),
        now: now0(),
        store: store.clone(),
        last: vec![],
    };
    p.send(Msg::Loaded { records: first });
    serve(&mut p);
    p.send(Msg::Snapshot(Box::new(snapshot(
        url,
        account,
        Some("America/Chicago"),
    ))));
    serve(&mut p);
    (p, read)
}

/// Answers the loads the last update asked for, until none is left.
fn serve(p: &mut Panel) {
    for _ in 0..5 {
        let loads: Vec<Option<String>> = p
            .last
            .iter()
            .filter_map(|e| match e {
                Effect::Load { escalation } => Some(escalation.clone()),
                _ => None,
            })
            .collect();
        if loads.is_empty() {
            return;
        }
        let keys: Vec<String> = p.store.keys().cloned().collect();
        let mut fx = Vec::new();
        for escalation in loads {
            let records = event_keys(&keys, escalation.as_deref())
                .into_iter()
                .filter_map(|k| p.store.get(&k).map(|v| (k, v.clone())))
                .collect();
            fx.extend(p.send(Msg::Read {
                escalation,
                records,
            }));
        }
        p.last = fx;
    }
}

fn open_full(store: &Store, url: &str, account: &str) -> Panel {
    let events: Store = store
        .iter()
        .filter(|(k, _)| !k.starts_with("defuse:fold:"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Panel::load(
        now0(),
        events,
        Some(snapshot(url, account, Some("America/Chicago"))),
    )
}

fn list_texts(p: &Panel) -> Vec<String> {
    p.vm().list.items.iter().map(|i| i.text.clone()).collect()
}

#[test]
fn the_panel_opens_on_folds_and_reads_only_the_escalation_it_shows() {
    let s = store();
    let (lazy, read) = open_lazy(&s, &page_of("o1"), "Account o1");
    assert_eq!(
        read, 0,
        "no event is read at start when every fold is fresh"
    );
    assert_eq!(lazy.m.current.as_deref(), Some("o1"));
    assert_eq!(lazy.m.ws.unloaded().len(), 10, "only o1 was read");
    let full = open_full(&s, &page_of("o1"), "Account o1");
    assert_eq!(list_texts(&lazy), list_texts(&full));
    assert_eq!(
        list_texts(&lazy).len(),
        3,
        "the closed ones are counted, not listed"
    );
    assert_eq!(lazy.escalation_vm(), full.escalation_vm());
}

fn list_buttons(p: &Panel) -> Vec<(Action, String)> {
    p.vm()
        .list
        .buttons
        .iter()
        .map(|b| (b.action.clone(), b.label.clone()))
        .collect()
}

#[test]
fn closed_escalations_are_listed_on_request_from_their_folds() {
    let s = store();
    let (mut lazy, _) = open_lazy(&s, &page_of("o1"), "Account o1");
    let mut full = open_full(&s, &page_of("o1"), "Account o1");
    let toggle = |p: &Panel| {
        list_buttons(p)
            .into_iter()
            .find(|(a, _)| *a == Action::ToggleClosed)
            .map(|(_, l)| l)
    };
    assert_eq!(toggle(&lazy).as_deref(), Some("Show 8 closed escalations"));
    for p in [&mut lazy, &mut full] {
        let fx = p.click(Action::ToggleClosed);
        assert!(
            fx.iter().all(|e| !matches!(e, Effect::Load { .. })),
            "folds are enough to list them"
        );
    }
    assert_eq!(list_texts(&lazy).len(), 11);
    assert_eq!(list_texts(&lazy), list_texts(&full));
    assert_eq!(lazy.m.ws.unloaded().len(), 10, "listing reads no event");
    assert_eq!(toggle(&lazy).as_deref(), Some("Hide closed escalations"));
    lazy.click(Action::ToggleClosed);
    assert_eq!(list_texts(&lazy).len(), 3);

    // A closed escalation picked from the list stays listed while shown.
    lazy.click(Action::ToggleClosed);
    let closed = lazy
        .vm()
        .list
        .items
        .iter()
        .map(|i| i.action.clone())
        .find(|a| matches!(a, Action::Switch(Some(id)) if id.starts_with('c')));
    assert!(closed.is_some(), "no closed escalation listed");
    let Some(pick) = closed else { return };
    lazy.click(pick);
    serve(&mut lazy);
    lazy.click(Action::ToggleClosed);
    assert_eq!(
        list_texts(&lazy).len(),
        4,
        "the open three and the one shown"
    );
    assert_eq!(toggle(&lazy).as_deref(), Some("Show 7 closed escalations"));
}

#[test]
fn picking_another_escalation_reads_it_and_shows_loading_until_then() {
    let s = store();
    let (mut p, _) = open_lazy(&s, &page_of("o1"), "Account o1");
    let fx = p.click(Action::Switch(Some("c3".into())));
    assert!(
        fx.contains(&Effect::Load {
            escalation: Some("c3".into())
        }),
        "{fx:?}"
    );
    assert!(matches!(p.vm().main, Main::Loading));
    serve(&mut p);
    assert!(p.m.ws.is_loaded("c3"));
    assert!(matches!(p.vm().main, Main::Escalation(_)));
    assert_eq!(
        p.state().log.len(),
        s.keys().filter(|k| k.starts_with("defuse:ev:c3:")).count()
    );
}

#[test]
fn export_reads_every_event_first_and_exports_all_of_them() {
    let s = store();
    let (mut p, _) = open_lazy(&s, &page_of("o1"), "Account o1");
    let fx = p.click(Action::Export);
    assert_eq!(
        fx,
        vec![Effect::Load { escalation: None }],
        "nothing downloaded from a partial workspace"
    );
    serve(&mut p);
    let text = p
        .last
        .iter()
        .find_map(|e| match e {
            Effect::Download { text, .. } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let file: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let exported = file.to_string().matches("\"escalation\":").count();
    assert!(
        exported >= s.keys().filter(|k| k.starts_with("defuse:ev:")).count(),
        "{exported}"
    );
    assert!(!text.contains("defuse:fold"));
    assert!(p.m.ws.unloaded().is_empty());
}

#[test]
fn an_import_waits_for_every_event_so_nothing_is_written_twice() {
    let s = store();
    let (full, _) = open_lazy(&s, &page_of("o1"), "Account o1");
    let mut everything = full;
    everything.click(Action::Export);
    serve(&mut everything);
    let file = everything
        .last
        .iter()
        .find_map(|e| match e {
            Effect::Download { text, .. } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let (mut p, _) = open_lazy(&s, &page_of("o1"), "Account o1");
    let fx = p.send(Msg::FileChosen(file));
    assert_eq!(fx, vec![Effect::Load { escalation: None }]);
    serve(&mut p);
    let puts = p
        .last
        .iter()
        .filter(|e| matches!(e, Effect::Put { .. }))
        .count();
    assert_eq!(puts, 0, "every record of the file is already stored");
}

#[test]
fn another_tab_writing_to_a_folded_escalation_has_it_read_whole() {
    let s = store();
    let (mut p, _) = open_lazy(&s, &page_of("o1"), "Account o1");
    let mut added = Store::new();
    put(
        &mut added,
        "c5",
        50,
        now0().to_rfc3339(),
        json!({ "type": "reopened", "reason": "Broken again." }),
    );
    p.store.extend(added.clone());
    let fx = p.send(Msg::StorageChanged(
        added.into_iter().map(|(k, v)| (k, Some(v))).collect(),
    ));
    assert!(
        fx.contains(&Effect::Load {
            escalation: Some("c5".into())
        }),
        "{fx:?}"
    );
    serve(&mut p);
    assert!(p.m.ws.is_loaded("c5"));
    assert_eq!(
        p.m.ws.log("c5").len(),
        p.store
            .keys()
            .filter(|k| k.starts_with("defuse:ev:c5:"))
            .count()
    );
}

#[test]
fn an_unreadable_or_stale_fold_has_its_escalation_read_at_start() {
    let mut s = store();
    let o2 = s
        .keys()
        .find(|k| k.starts_with("defuse:fold:o2:"))
        .cloned()
        .unwrap_or_default();
    s.insert(o2, "{broken".into());
    // A record added after c1 was folded: its fold no longer matches.
    put(
        &mut s,
        "c1",
        40,
        now0().to_rfc3339(),
        json!({ "type": "note", "text": "later" }),
    );
    let (p, read) = open_lazy(&s, &page_of("o1"), "Account o1");
    let c1 = s.keys().filter(|k| k.starts_with("defuse:ev:c1:")).count();
    assert_eq!(read, c1, "the stale fold's escalation is read at start");
    assert!(p.m.ws.is_loaded("o2") && p.m.ws.is_loaded("c1"));
    let full = open_full(&s, &page_of("o1"), "Account o1");
    assert_eq!(list_texts(&p), list_texts(&full));
}
