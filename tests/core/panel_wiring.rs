//! The panel wired to what the other modules deliver: the coach's reading of
//! the page's messages, the account reader's typed facts and record key,
//! assumed currencies, the import plan and the CSM's time style — each driven
//! through `update` / `view_model` on a fake clock.

use super::panel::{snapshot, t, Panel, PAGE};
use defuse::account::snapshot::{Direction, PageMessage};
use defuse::account::{Fact, RecordKey, Snapshot, Source};
use defuse::panel::*;
use std::collections::BTreeMap;

fn msg(text: &str, direction: Direction, at: &str, author: &str) -> PageMessage {
    PageMessage {
        text: text.into(),
        direction,
        at: Some(at.into()),
        author: Some(author.into()),
    }
}

fn page_with(messages: Vec<PageMessage>) -> Snapshot {
    let mut s = snapshot(PAGE, "Acme Robotics", Some("America/Chicago"));
    s.messages = messages;
    s
}

fn fact(value: &str) -> Fact<String> {
    Fact {
        value: value.into(),
        source: Source {
            label: "test".into(),
            crm: "generic".into(),
            kind: "label".into(),
        },
        confidence: 0.9,
    }
}

#[test]
fn the_escalation_offer_quotes_the_customer_and_dates_from_their_message() {
    let angry = "This is completely unacceptable. Our team has been down for two days \
                 and we will not renew unless this is fixed today.";
    let page = page_with(vec![
        msg(
            "Hi, a quick question about exports.",
            Direction::Inbound,
            "2026-11-27T10:00:00Z",
            "Dana",
        ),
        msg(
            "Sure, happy to help.",
            Direction::Outbound,
            "2026-11-27T10:30:00Z",
            "Sam",
        ),
        msg(angry, Direction::Inbound, "2026-11-27T13:40:00Z", "Dana"),
        msg(
            "Thanks, Dana. Looking now.",
            Direction::Inbound,
            "2026-11-27T14:10:00Z",
            "Lee",
        ),
    ]);
    let found = defuse::coach::snapshot_escalation(&page);
    assert!(found.is_some(), "the fixture must read as an escalation");
    let p = Panel::load(t("2026-11-27T15:00:00Z"), BTreeMap::new(), Some(page));
    let signal = p.vm().signal.unwrap_or_default();
    assert!(signal.contains("reads like an escalation"), "{signal}");
    let quoted = found.map(|f| f.message.matches).unwrap_or_default();
    assert!(!quoted.is_empty());
    for m in &quoted {
        assert!(
            angry.contains(m.text.trim()),
            "quotes the customer's words: {}",
            m.text
        );
        assert!(signal.contains(&format!("“{}”", m.text.trim())), "{signal}");
    }
    assert!(signal.contains("Dana wrote"), "{signal}");
    // "When it reached you" is the escalating message's time (13:40Z =
    // 07:40 in Chicago), not the latest inbound message's.
    assert_eq!(p.field(Field::OpenReached).value, "2026-11-27T07:40");
}

#[test]
fn a_page_holding_only_our_messages_never_offers_the_playbook() {
    let ours = "This is completely unacceptable, we will not renew, escalate to your CEO.";
    let mut page = page_with(vec![msg(
        ours,
        Direction::Outbound,
        "2026-11-27T13:40:00Z",
        "Sam",
    )]);
    // Even the plain excerpt carrying the same words does not make it an offer.
    page.conversation = ours.into();
    let p = Panel::load(t("2026-11-27T15:00:00Z"), BTreeMap::new(), Some(page));
    assert_eq!(p.vm().signal, None);
    assert_eq!(
        reached_from_page(&p.m),
        None,
        "outbound times are not arrivals"
    );
}

#[test]
fn typed_page_facts_fill_the_csm_name_and_bind_by_record_key() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.m.settings.csm_name = String::new();
    p.m.facts.signed_in_user = Some(fact("  Sam Ortiz "));
    assert_eq!(p.field(Field::OpenCsmName).value, "Sam Ortiz");
    p.m.facts.signed_in_user = None;
    assert_eq!(p.field(Field::OpenCsmName).value, "");

    // An escalation opened on the record follows it to another URL form of
    // the same record (a console tab) through the typed record key.
    p.open(10);
    let id = p.m.current.clone();
    assert!(id.is_some());
    let mut other = snapshot(
        "https://acme.lightning.force.com/lightning/r/Account/001A/view?ws=%2Fconsole",
        "Acme Robotics",
        Some("America/Chicago"),
    );
    other.title = "Acme Robotics | Salesforce".into();
    let mut q = Panel::load(p.now, p.store.clone(), Some(other));
    q.m.facts.record_key = Some(RecordKey {
        crm: q.m.facts.crm,
        host: "ACME.lightning.force.com".into(),
        object: "account".into(),
        id: "001A".into(),
    });
    q.m.current = None;
    follow_page(&mut q.m);
    assert_eq!(q.m.current, id);
    // The same id on another tenant is another record.
    q.m.facts.record_key = Some(RecordKey {
        crm: q.m.facts.crm,
        host: "evil.lightning.force.com".into(),
        object: "account".into(),
        id: "001A".into(),
    });
    q.m.current = None;
    q.m.pinned = false;
    q.m.snapshot = Some(snapshot(
        "https://evil.lightning.force.com/x/001A",
        "Other Co",
        None,
    ));
    follow_page(&mut q.m);
    assert_ne!(q.m.current, id);
}

fn assumed_usd() -> defuse::account::Money {
    defuse::account::Money {
        cents: 48_000_000,
        currency: Some("USD".into()),
        currency_assumed: true,
    }
}

#[test]
fn an_assumed_currency_is_shown_beside_the_arr_with_a_way_to_correct_it() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    if let Some(arr) = p.m.facts.arr.as_mut() {
        arr.value = assumed_usd();
    }
    let change = p.vm().header.arr.and_then(|a| a.change);
    assert_eq!(
        change.as_ref().map(|c| c.label.as_str()),
        Some("Read $ as USD — change?")
    );
    let fx = p.click(Action::ChangeCurrency);
    assert!(fx.contains(&Effect::Focus(Field::OpenArr.id())), "{fx:?}");
    assert_eq!(p.field(Field::OpenArr).value, "480,000 USD");
    let beside = p
        .vm()
        .header
        .arr
        .and_then(|a| a.change)
        .and_then(|c| c.notice);
    assert!(beside.is_some_and(|n| n.text.contains("USD, CAD")));
    // The CSM says which dollars; the escalation keeps the corrected amount
    // and the question is gone.
    p.input(Field::OpenArr, "480,000 CAD");
    p.open(10);
    let arr = p.vm().header.arr;
    assert_eq!(
        arr.as_ref().and_then(|a| a.currency.clone()).as_deref(),
        Some("CAD")
    );
    assert_eq!(arr.and_then(|a| a.change), None);

    // A named currency is never questioned.
    let mut q = Panel::new("2026-11-27T15:00:00Z");
    assert!(q.vm().header.arr.is_some_and(|a| a.change.is_none()));
    // After opening, the correction is "Correct ARR".
    if let Some(arr) = q.m.facts.arr.as_mut() {
        arr.value = assumed_usd();
    }
    q.open(10);
    assert!(q.vm().header.arr.is_some_and(|a| a.change.is_some()));
    let fx = q.click(Action::ChangeCurrency);
    assert!(fx.contains(&Effect::Focus(Field::FixArr.id())), "{fx:?}");
    assert!(
        q.m.drafts
            .iter()
            .any(|(k, v)| k.ends_with(":fix.arr") && v == "480,000 USD"),
        "{:?}",
        q.m.drafts
    );
    assert_eq!(
        Action::parse(Action::ChangeCurrency.name(), ""),
        Some(Action::ChangeCurrency)
    );
}

#[test]
fn an_arr_that_reads_as_a_date_says_so() {
    let mut page = snapshot(PAGE, "Acme Robotics", Some("America/Chicago"));
    for f in page.fields.iter_mut().filter(|f| f.label == "ARR") {
        f.value = "12/03/2027".into();
    }
    let p = Panel::load(t("2026-11-27T15:00:00Z"), BTreeMap::new(), Some(page));
    let problems = p.vm().header.problems;
    assert!(
        problems
            .iter()
            .any(|m| m.contains("\"12/03/2027\"")
                && m.contains("it looks like a date, not an amount.")),
        "{problems:?}"
    );
}

#[test]
fn an_unreadable_record_is_listed_once_and_leaves_when_rewritten() {
    let key = "defuse:ev:esc-1:ev-1".to_string();
    let mut store = BTreeMap::new();
    store.insert(key.clone(), "{not json".to_string());
    let mut p = Panel::load(
        t("2026-11-27T15:00:00Z"),
        store,
        Some(snapshot(PAGE, "Acme Robotics", None)),
    );
    assert_eq!(p.m.ws.quarantined.len(), 1);
    // Another tab touching storage (the same bad value, or other keys) never
    // lists it twice.
    for _ in 0..3 {
        p.send(Msg::StorageChanged(vec![
            (key.clone(), Some("{not json".into())),
            ("defuse:ev:esc-2:ev-9".into(), Some("still not json".into())),
        ]));
    }
    let keys: Vec<&str> = p.m.ws.quarantined.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(keys, vec![key.as_str(), "defuse:ev:esc-2:ev-9"]);
    assert_eq!(p.vm().quarantine.len(), 2);
    // Removed elsewhere: no longer listed.
    p.send(Msg::StorageChanged(vec![(key.clone(), None)]));
    assert_eq!(p.m.ws.quarantined.len(), 1);
}

#[test]
fn drafts_and_due_times_share_the_csm_locales_time_style() {
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    let us_due = p.countdown().due_lines;
    let us_ack = p
        .draft(defuse::messages::MessageKind::Acknowledgment)
        .body
        .value;
    let twelve = |s: &str| s.contains(" AM") || s.contains(" PM");
    assert!(us_due.iter().all(|l| twelve(l)), "{us_due:?}");
    assert!(twelve(&us_ack), "{us_ack}");

    // A CSM whose browser says de-DE reads 24-hour times, day first, in the
    // countdown and in the drafts alike; the zones are unchanged.
    p.m.locale = "de-DE".into();
    let de_due = p.countdown().due_lines;
    let de_ack = p
        .draft(defuse::messages::MessageKind::Acknowledgment)
        .body
        .value;
    assert!(!de_due.iter().any(|l| twelve(l)), "{de_due:?}");
    assert!(!twelve(&de_ack), "{de_ack}");
    assert!(de_ack.contains("12:00 CST"), "{de_ack}");
    assert!(
        de_due
            .iter()
            .any(|l| l.contains("27 Nov, ") && l.contains("UTC-06:00")),
        "{de_due:?}"
    );
}

#[test]
fn the_coach_knows_the_escalations_zone_clock_and_account() {
    use defuse::drafting::{coach_context, DraftContext, Form};
    let mut p = Panel::new("2026-11-27T15:00:00Z");
    p.open(10);
    let state = p.state();
    let form = Form::new();
    let cx = DraftContext {
        state: &state,
        form: &form,
        now: p.now,
        rules: &super::panel::Zones3,
        customer_zone_label: "CST".into(),
        csm_zone_label: "CST".into(),
        locale: "en-US".into(),
    };
    let c = coach_context(None, &cx);
    assert_eq!(c.customer_zone.as_deref(), Some("CST"));
    assert_eq!(c.customer_utc_offset_minutes, Some(-360));
    assert_eq!(c.account_name.as_deref(), Some("Acme Robotics"));
    assert_eq!(
        c.promised_update_at, None,
        "nothing promised before the ack"
    );
    p.send_ack();
    let state = p.state();
    let cx = DraftContext {
        state: &state,
        ..cx
    };
    let c = coach_context(None, &cx);
    assert_eq!(
        c.promised_update_at,
        state.ack.as_ref().map(|a| a.promised_update_at)
    );
    assert!(c.promised_update_at.is_some());
}

#[test]
fn before_the_page_answers_the_header_says_it_is_reading_not_that_there_is_no_account() {
    // The first frame is drawn from stored state before the page's snapshot.
    let mut p = Panel::load(t("2026-11-27T15:00:00Z"), BTreeMap::new(), None);
    let h = p.vm().header;
    assert_eq!(h.name, None);
    assert!(h.reading, "no snapshot and no problem yet: still reading");
    // A page that has no account says so once it answers.
    p.send(Msg::Snapshot(Box::new(Snapshot {
        url: PAGE.into(),
        lang: "en-US".into(),
        ..Snapshot::default()
    })));
    let h = p.vm().header;
    assert_eq!(h.name, None);
    assert!(!h.reading);
    // A page that cannot be read is not "reading" either.
    let mut q = Panel::load(t("2026-11-27T15:00:00Z"), BTreeMap::new(), None);
    q.send(Msg::PageProblem("This page did not answer Defuse.".into()));
    assert!(!q.vm().header.reading);
    // Once it answers with an account, the name is shown.
    let r = Panel::new("2026-11-27T15:00:00Z");
    let h = r.vm().header;
    assert!(!h.reading);
    assert_eq!(h.name.map(|(n, _)| n).as_deref(), Some("Acme Robotics"));
}
