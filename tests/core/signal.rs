//! Scenario tests for the escalation signal (`defuse::coach::signals`,
//! `signal_thread`, `signal_eval`): the issue's three customer messages and
//! the vendor apology, negation, quotation and who is speaking, German and
//! French, explainable matches, threads with direction and time, and the
//! held-out split of the labelled corpus against its thresholds.

use std::error::Error;

use defuse::account::snapshot::{Direction, PageMessage, Snapshot};
use defuse::coach::signal_eval::{
    evaluate_signals, evaluate_signals_without_direction, parse_signal_corpus, Counts,
};
use defuse::coach::{
    escalation_in, score_escalation, score_message, snapshot_escalation, Signal, SignalScore, Voice,
};

const CORPUS: &str = include_str!("../data/signal/corpus.json");

type Result = std::result::Result<(), Box<dyn Error>>;

fn signals(score: &SignalScore) -> Vec<Signal> {
    let mut out: Vec<Signal> = score.matches.iter().map(|m| m.signal).collect();
    out.sort();
    out.dedup();
    out
}

/// The words a match quotes, read back through UTF-16 like the panel does.
fn quoted(text: &str, start: u32, end: u32) -> Option<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    units
        .get(start as usize..end as usize)
        .map(String::from_utf16_lossy)
}

fn inbound(text: &str) -> PageMessage {
    PageMessage {
        text: text.into(),
        direction: Direction::Inbound,
        ..PageMessage::default()
    }
}

fn outbound(text: &str) -> PageMessage {
    PageMessage {
        text: text.into(),
        direction: Direction::Outbound,
        ..PageMessage::default()
    }
}

const ISSUE_EXAMPLES: [&str; 3] = [
    "This is the third outage this month and nobody has told us anything. I need someone to own this today or we will be looking at other vendors at renewal.",
    "We've been waiting four days for an answer. Our CFO is asking me why we pay for this. Please escalate.",
    "Honestly I'm done chasing your support team. If I don't hear back from a manager by tomorrow I'm taking this to our exec sponsor.",
];

const VENDOR_APOLOGY: &str =
    "I am very sorry for what happened. It was unacceptable and will never happen again.";

// ---------- the issue's messages ----------

#[test]
fn the_three_customer_messages_of_the_issue_are_escalations() {
    for text in ISSUE_EXAMPLES {
        let score = score_escalation(text, "en");
        assert!(score.escalating, "{text}: {}", score.score);
        assert!(score_message(text, "en", Direction::Inbound).escalating);
        assert!(score_message(text, "en", Direction::Unknown).escalating);
    }
    let first = score_escalation(ISSUE_EXAMPLES[0], "en");
    for expected in [
        Signal::Repeated,
        Signal::Demand,
        Signal::Churn,
        Signal::Waiting,
    ] {
        assert!(signals(&first).contains(&expected), "{expected:?}");
    }
    let second = score_escalation(ISSUE_EXAMPLES[1], "en");
    for expected in [Signal::Waiting, Signal::Leadership, Signal::Demand] {
        assert!(signals(&second).contains(&expected), "{expected:?}");
    }
    // "If I don't hear back from a manager" is a condition, not a negation.
    let third = score_escalation(ISSUE_EXAMPLES[2], "en");
    assert!(third.matches.iter().any(|m| m.text == "a manager"));
    assert!(third.matches.iter().any(|m| m.text == "exec sponsor"));
}

#[test]
fn the_vendor_apology_is_not_a_customer_escalating() {
    let score = score_escalation(VENDOR_APOLOGY, "en");
    assert!(!score.escalating);
    assert_eq!(score.voice, Voice::Vendor);
    assert_eq!(
        score_message(VENDOR_APOLOGY, "en", Direction::Unknown).voice,
        Voice::Vendor
    );
    assert!(!score_message(VENDOR_APOLOGY, "en", Direction::Outbound).escalating);
    let report =
        "Post-incident report: the outage on Tuesday caused data loss for some customers. \
                  Root cause was an expired certificate; we have added monitoring.";
    assert!(!score_escalation(report, "en").escalating);
}

#[test]
fn an_excerpt_with_our_apology_and_the_customer_reply_reads_only_the_customer() {
    let text = format!(
        "{VENDOR_APOLOGY}\nThat's what you said last month. Third outage since. We're looking at other vendors."
    );
    let score = score_escalation(&text, "en");
    assert!(score.escalating);
    assert!(score.matches.iter().all(|m| m.text != "unacceptable"));
    assert!(score.matches.iter().any(|m| m.text == "other vendors"));
}

// ---------- negation, quotation, tone ----------

#[test]
fn negated_topics_and_calm_messages_are_not_flagged() {
    for text in [
        "We haven't had an outage since you moved us to the new cluster. Nice work.",
        "I'm not angry at all, just want to understand the rate limits.",
        "No complaints here, the migration went smoothly.",
        "We don't need to escalate this; it's a minor display glitch.",
        "Thanks for the quick help yesterday, the export works fine now. Not critical, no urgency.",
    ] {
        let score = score_escalation(text, "en");
        assert!(!score.escalating, "{text}: {:?}", score.matches);
        assert!(score.score < 0.3, "{text}: {}", score.score);
    }
}

#[test]
fn quoted_earlier_messages_do_not_count() {
    let text = "For context, the 2023 thread below was resolved.\n> We are furious and will cancel our contract.\nToday I only need two more seats.";
    let score = score_escalation(text, "en");
    assert!(score.matches.is_empty(), "{:?}", score.matches);
    let forwarded = "Can you add Priya?\nOn Tue, Sam <sam@acme.example> wrote:\nThis is unacceptable, we're done.";
    assert!(score_escalation(forwarded, "en").matches.is_empty());
}

#[test]
fn anger_without_keywords_is_read_from_tone() {
    let shouting = score_escalation(
        "WHY IS NOBODY ANSWERING THE PHONE?? Our shop is offline.",
        "en",
    );
    assert!(shouting.escalating);
    assert!(signals(&shouting).contains(&Signal::Tone));
    let masked = score_escalation(
        "Frankly this has been a sh*t show and our leadership has noticed.",
        "en",
    );
    assert!(masked.escalating);
    assert!(masked.matches.iter().any(|m| m.text == "sh*t"));
    let sarcasm = score_escalation(
        "Thanks for nothing. Really reassuring after a weekend offline.",
        "en",
    );
    assert!(sarcasm.escalating);
    assert!(signals(&sarcasm).contains(&Signal::Sarcasm));
    // Caps alone, in a thank-you, are not an escalation.
    assert!(!score_escalation("THANK YOU SO MUCH, the new dashboard is great!", "en").escalating);
}

// ---------- German and French ----------

#[test]
fn formal_german_escalation_is_detected() {
    for text in [
        "Sehr geehrte Damen und Herren, der erneute Ausfall ist für uns nicht hinnehmbar. Ich fordere Sie hiermit auf, den Fehler bis zum 15. zu beheben.",
        "Wir setzen Ihnen eine Frist bis Freitag. Andernfalls leiten wir die Vertragsauflösung ein.",
        "Seit zwei Wochen keine Antwort. Unser Vorstand fragt, warum wir überhaupt noch bei Ihnen sind.",
    ] {
        let score = score_escalation(text, "de-DE");
        assert!(score.escalating, "{text}: {:?}", score.matches);
    }
    let formal = score_escalation(
        "Das ist nicht hinnehmbar. Ich fordere Sie hiermit auf, bis zum 10. zu antworten.",
        "de",
    );
    assert!(formal
        .matches
        .iter()
        .any(|m| m.text == "nicht hinnehmbar" && m.lang == "de"));
    assert!(formal
        .matches
        .iter()
        .any(|m| m.phrase == "fordere sie hiermit auf"));
}

#[test]
fn calm_or_vendor_german_is_not_flagged() {
    for text in [
        "Hallo Jordan, kurze Frage zum Export. Das ist nicht kritisch und nicht dringend, danke!",
        "Seit dem Umzug hatten wir keinen einzigen Ausfall mehr. Danke!",
        "Es tut uns sehr leid, dass es gestern zu dem Ausfall kam. Das war inakzeptabel.",
        "Ich bin bis zum 20. im Urlaub, Frau Berger vertritt mich.",
    ] {
        assert!(!score_escalation(text, "de").escalating, "{text}");
    }
}

#[test]
fn french_escalation_and_calm_french() {
    for text in [
        "C'est la troisième panne ce mois-ci. Si rien ne change, nous résilierons le contrat.",
        "Nous vous mettons en demeure de rétablir le service sous huit jours.",
        "Cela fait dix jours que j'attends. Notre PDG me demande pourquoi nous restons chez vous.",
    ] {
        assert!(score_escalation(text, "fr").escalating, "{text}");
    }
    for text in [
        "Bonjour, ce n'est pas urgent ni critique, juste une question sur la facture.",
        "Nous n'avons eu aucune panne depuis la migration, bravo.",
        "Nous sommes sincèrement désolés pour la panne d'hier. C'était inacceptable.",
    ] {
        assert!(!score_escalation(text, "fr").escalating, "{text}");
    }
}

#[test]
fn unknown_language_checks_every_table_and_offsets_are_utf16() -> Result {
    let text = "🔥🔥 Nous allons résilier le contrat.";
    let score = score_escalation(text, "ja");
    let m = score.matches.first().ok_or("no match")?;
    assert_eq!((m.phrase.as_str(), m.lang.as_str()), ("résili*", "fr"));
    assert_eq!((m.start, m.end), (17, 25));
    assert_eq!(quoted(text, m.start, m.end).as_deref(), Some("résilier"));
    // With English only, the French word is not known.
    assert!(score_escalation(text, "en").matches.is_empty());
    Ok(())
}

// ---------- explainable matches ----------

#[test]
fn every_match_names_its_signal_and_quotes_the_words_at_its_offsets() -> Result {
    for text in ISSUE_EXAMPLES {
        let score = score_escalation(text, "en");
        for m in &score.matches {
            assert_eq!(
                quoted(text, m.start, m.end).as_deref(),
                Some(m.text.as_str())
            );
            assert!(!m.signal.label().is_empty());
        }
    }
    let json = serde_json::to_value(score_escalation(
        "We are livid. Third time this month!",
        "en",
    ))?;
    assert_eq!(json["escalating"], true);
    assert_eq!(json["voice"], "customer");
    assert_eq!(json["matches"][0]["signal"], "anger");
    assert_eq!(json["matches"][0]["text"], "livid");
    assert_eq!(json["matches"][0]["start"], 7);
    assert_eq!(json["matches"][1]["signal"], "repeated");
    Ok(())
}

// ---------- threads: direction and time ----------

#[test]
fn a_page_of_only_our_own_messages_never_escalates() {
    let ours = vec![
        outbound(VENDOR_APOLOGY),
        outbound(
            "This is the third outage this month. We are furious with our hosting provider too.",
        ),
    ];
    assert!(escalation_in(&ours, "en").is_none());
}

#[test]
fn the_inbound_escalation_and_its_time_are_picked() -> Result {
    let mut thread = vec![
        outbound("Hi Lena, confirming the upgrade is tonight at 22:00."),
        inbound(ISSUE_EXAMPLES[0]),
    ];
    thread[0].at = Some("2026-11-26T21:00:00Z".into());
    thread[1].at = Some("2026-11-27T07:42:00+01:00".into());
    thread[1].author = Some("Lena Park".into());
    let found = escalation_in(&thread, "en").ok_or("not detected")?;
    assert_eq!(found.index, 1);
    assert_eq!(
        found.at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-11-27T06:42:00+00:00")
    );
    assert_eq!(found.author.as_deref(), Some("Lena Park"));
    // Offsets point into that message's text, for the panel's quote.
    for m in &found.message.matches {
        assert_eq!(
            quoted(ISSUE_EXAMPLES[0], m.start, m.end).as_deref(),
            Some(m.text.as_str())
        );
    }
    Ok(())
}

#[test]
fn intensity_accumulates_over_a_thread() -> Result {
    let first = "Still waiting on the missing invoices.";
    let second = "Our finance director is asking about them.";
    assert!(!score_message(first, "en", Direction::Inbound).escalating);
    assert!(!score_message(second, "en", Direction::Inbound).escalating);
    let thread = vec![
        inbound(first),
        outbound("Looking into it."),
        inbound(second),
    ];
    let found = escalation_in(&thread, "en").ok_or("not detected")?;
    assert_eq!(found.index, 2);
    assert!(found.intensity >= 0.5);
    Ok(())
}

#[test]
fn messages_are_read_in_time_order_when_every_one_has_a_time() -> Result {
    // Newest first on the page (as many CRM feeds show them).
    let mut thread = vec![
        inbound("Still nothing. I'm done chasing. Our CFO wants a call with your director."),
        inbound("Our CFO asked me to look into the duplicate invoices. We are not happy."),
    ];
    thread[0].at = Some("2026-11-27T10:00:00Z".into());
    thread[1].at = Some("2026-11-25T10:00:00Z".into());
    let found = escalation_in(&thread, "en").ok_or("not detected")?;
    assert_eq!(found.index, 1, "the older message comes first");
    Ok(())
}

#[test]
fn the_snapshot_carries_messages_additively() -> Result {
    let old: Snapshot = serde_json::from_str(
        r#"{"url":"https://x.example","conversation":"We are livid. Third outage, we will cancel our contract."}"#,
    )?;
    assert!(old.messages.is_empty());
    let from_excerpt = snapshot_escalation(&old.validate()).ok_or("excerpt not read")?;
    let odd: Snapshot = serde_json::from_str(r#"{"url":"https://x.example","messages":"nope"}"#)?;
    assert!(odd.messages.is_empty());
    assert_eq!((from_excerpt.index, from_excerpt.at), (0, None));

    let new: Snapshot = serde_json::from_str(
        r#"{"lang":"en","messages":[
            {"text":"I am very sorry for what happened. It was unacceptable.","direction":"outbound"},
            {"text":"We will not be renewing. Nobody has replied in three days.","direction":"inbound","at":"2026-11-27T08:15:00Z","author":"Dana"},
            {"text":"hello","direction":"sideways"},
            {"text":42,"direction":null,"at":{"x":1},"author":7}
        ]}"#,
    )?;
    let new = new.validate();
    assert_eq!(
        new.messages.get(2).map(|m| m.direction),
        Some(Direction::Unknown)
    );
    let found = snapshot_escalation(&new).ok_or("not detected")?;
    assert_eq!(found.index, 1);
    assert_eq!(found.author.as_deref(), Some("Dana"));
    Ok(())
}

// ---------- the labelled corpus ----------

fn counts<'a>(all: &'a [Counts], split: &str, lang: &str) -> Option<&'a Counts> {
    all.iter().find(|c| c.split == split && c.lang == lang)
}

#[test]
fn the_corpus_is_large_balanced_and_split() -> Result {
    let entries = parse_signal_corpus(CORPUS)?;
    assert!(entries.len() >= 300);
    let escalating = entries.iter().filter(|e| e.escalating).count();
    assert!(escalating * 10 >= entries.len() * 4 && escalating * 10 <= entries.len() * 6);
    for lang in ["de", "fr"] {
        assert!(
            entries.iter().filter(|e| e.lang == lang).count() >= 40,
            "{lang}"
        );
    }
    for lang in ["en", "de", "fr"] {
        for split in ["tune", "test"] {
            assert!(entries.iter().any(|e| e.lang == lang && e.split == split));
        }
    }
    Ok(())
}

/// The held-out split (written before tuning, never used to tune) meets the
/// issue's thresholds: precision ≥ 0.9 and recall ≥ 0.85 in English, ≥ 0.8
/// and ≥ 0.75 in German and French.
#[test]
fn the_held_out_split_meets_the_thresholds() -> Result {
    let entries = parse_signal_corpus(CORPUS)?;
    let all = evaluate_signals(&entries);
    for (lang, precision, recall) in [("en", 0.9, 0.85), ("de", 0.8, 0.75), ("fr", 0.8, 0.75)] {
        let c = counts(&all, "test", lang).ok_or("no test split")?;
        assert!(
            c.precision() >= precision && c.recall() >= recall,
            "{lang}: precision {:.3} recall {:.3}",
            c.precision(),
            c.recall()
        );
    }
    Ok(())
}

/// The same thresholds when the page tells no direction: who is speaking is
/// then read from the words alone.
#[test]
fn the_held_out_split_meets_the_thresholds_from_text_alone() -> Result {
    let entries = parse_signal_corpus(CORPUS)?;
    let all = evaluate_signals_without_direction(&entries);
    for (lang, precision, recall) in [("en", 0.9, 0.85), ("de", 0.8, 0.75), ("fr", 0.8, 0.75)] {
        let c = counts(&all, "test", lang).ok_or("no test split")?;
        assert!(
            c.precision() >= precision && c.recall() >= recall,
            "{lang}: precision {:.3} recall {:.3}",
            c.precision(),
            c.recall()
        );
    }
    Ok(())
}

#[test]
fn a_signature_title_is_not_leadership_pulled_in() {
    let signed = "Could you resend invoice 4471? The PDF was corrupted again.\nThanks,\nDana Reyes\nVP Operations";
    assert!(!score_escalation(signed, "en").escalating);
    let pulled_in = "The PDF was corrupted again. Our VP of Operations is asking why.";
    assert!(score_escalation(pulled_in, "en").escalating);
}

#[test]
fn a_broken_corpus_gets_a_clear_error() {
    let message = |json: &str| parse_signal_corpus(json).err().map(|e| e.to_string());
    assert_eq!(
        message(r#"{"entries":[]}"#).as_deref(),
        Some("The signal corpus has no entries. Add labelled conversations.")
    );
    assert_eq!(
        message(
            r#"{"entries":[{"id":"a","split":"dev","lang":"en","escalating":true,"messages":[]}]}"#
        )
        .as_deref(),
        Some("The signal corpus entry \"a\" is in neither the \"tune\" nor the \"test\" split.")
    );
    let twice = r#"{"entries":[{"id":"a","split":"test","lang":"en","escalating":true,"messages":[]},{"id":"a","split":"tune","lang":"en","escalating":false,"messages":[]}]}"#;
    assert_eq!(
        message(twice).as_deref(),
        Some("The signal corpus has two entries with the id \"a\". Give each entry its own id.")
    );
    assert!(
        message("[1,2]").is_some_and(|m| m.starts_with("The signal corpus could not be read ("))
    );
}

#[test]
fn the_demo_crm_email_still_reads_as_an_escalation() {
    // www/demo/index.html's customer email (the demo e2e test expects the offer).
    let text = "Priya, our dispatch team has not been able to release shipments since yesterday afternoon because the routing sync keeps failing. This is the second time this quarter. I have escalated this to our COO and frankly we are evaluating whether to renew. I need someone to own this today.";
    let score = score_escalation(text, "en");
    assert!(score.escalating, "{:?}", score.matches);
}
