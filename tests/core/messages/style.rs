//! One time convention per CSM locale for every draft; hostile characters
//! never reach what the customer reads; extreme times are errors, never traps.

use super::*;
use chrono::Utc;
use serde_json::json;

fn style(tag: &str) -> (bool, DateOrder) {
    let s = TimeStyle::for_locale(tag);
    (s.hour12, s.date_order)
}

#[test]
fn time_style_follows_the_locale() {
    use DateOrder::*;
    assert_eq!(style("en-US"), (true, MonthFirst));
    assert_eq!(style("en"), (true, MonthFirst));
    assert_eq!(style("en-GB"), (false, DayFirst));
    assert_eq!(style("en_gb"), (false, DayFirst));
    assert_eq!(style("en-AU"), (true, DayFirst));
    assert_eq!(style("en-IN"), (true, DayFirst));
    assert_eq!(style("en-CA"), (true, MonthFirst));
    assert_eq!(style("fr-CA"), (false, DayFirst));
    assert_eq!(style("de-DE"), (false, DayFirst));
    assert_eq!(style("de"), (false, DayFirst));
    assert_eq!(style("es-MX"), (true, DayFirst));
    assert_eq!(style("ja-JP"), (false, YearFirst));
    assert_eq!(style("ko-KR"), (true, YearFirst));
    assert_eq!(style("zh-CN"), (false, YearFirst));
    assert_eq!(style("zh-TW"), (true, YearFirst));
    assert_eq!(style("zh-Hant-TW"), (true, YearFirst));
    // Extensions do not confuse the lookup; unknown tags get the default.
    assert_eq!(style("de-DE-u-ca-gregory"), (false, DayFirst));
    assert_eq!(style("xx-YY"), (true, MonthFirst));
    assert_eq!(style(""), (true, MonthFirst));
}

#[test]
fn every_draft_writes_times_in_the_csms_convention() {
    let gb = TimeStyle::for_locale("en-GB");
    let ack = acknowledgment(&AckInput {
        time_style: gb,
        ..ack_input()
    });
    assert!(ack.text.contains("by 16:30 CET today."), "{}", ack.text);
    assert_eq!(
        ack.subject,
        "Acme - I'm on it: status update by 16:30 CET today"
    );

    let update = daily_update(&DailyUpdateInput {
        time_style: gb,
        ..update_input()
    });
    assert_eq!(update.subject, "Acme - Escalation Update 27 Nov 2026");
    assert!(
        update
            .text
            .contains("Next update from me: by 16:30 CET tomorrow (Saturday, 28 Nov)"),
        "{}",
        update.text
    );
    assert!(
        update.text.contains("by Monday, 30 Nov)"),
        "{}",
        update.text
    );
    let us = daily_update(&update_input());
    assert_eq!(us.subject, "Acme - Escalation Update Nov 27, 2026");
    assert!(us
        .text
        .contains("by 4:30 PM CET tomorrow (Saturday, Nov 28)"));

    let loop_in = engineering_loop_in(&LoopInInput {
        time_style: gb,
        ..loop_in_input()
    });
    assert!(loop_in.text.contains("16:30 CET today"), "{}", loop_in.text);
    let closeout = closeout(&CloseoutInput {
        time_style: TimeStyle::for_locale("ja-JP"),
        ..closeout_input()
    });
    assert!(
        closeout.subject.ends_with("Close-out 2026 Nov 30"),
        "{}",
        closeout.subject
    );
    // The panel's compact form uses the same convention.
    let wall = cet(27, 16, 30).naive_local();
    assert_eq!(gb.short_date_time(wall), "Fri, 27 Nov, 16:30");
    assert_eq!(
        TimeStyle::default().short_date_time(wall),
        "Fri, Nov 27, 4:30 PM"
    );
}

#[test]
fn the_json_input_takes_a_locale_or_an_explicit_style() {
    let mut input = serde_json::to_value(ack_input()).unwrap();
    input["timeStyle"] = json!("de-DE");
    let msg = generate_from_json("acknowledgment", &input.to_string()).unwrap();
    assert!(msg.text.contains("16:30 CET today"), "{}", msg.text);
    input["timeStyle"] = json!({ "hour12": true, "dateOrder": "day-first" });
    let msg = generate_from_json("acknowledgment", &input.to_string()).unwrap();
    assert!(msg.text.contains("4:30 PM CET today"), "{}", msg.text);
    input["timeStyle"] = json!(null);
    let msg = generate_from_json("acknowledgment", &input.to_string()).unwrap();
    assert!(msg.text.contains("4:30 PM CET today"), "{}", msg.text);
    input["timeStyle"] = json!(12);
    assert!(generate_from_json("acknowledgment", &input.to_string())
        .unwrap_err()
        .to_string()
        .contains("a locale tag such as \"en-GB\", or { hour12, dateOrder }"));
    input.as_object_mut().unwrap().remove("timeStyle");
    let msg = generate_from_json("acknowledgment", &input.to_string()).unwrap();
    assert!(msg.text.contains("4:30 PM CET today"));
}

const KINDS: [&str; 9] = [
    "acknowledgment",
    "engineering-loop-in",
    "dri-announcement",
    "daily-update",
    "no-news-update",
    "closeout",
    "restoration-exec-call",
    "restoration-health-score",
    "restoration-prevention-follow-up",
];

/// Inputs for every kind, with all times set to `at`.
fn inputs_at(at: &str) -> Vec<(&'static str, serde_json::Value)> {
    let with = |mut v: serde_json::Value, fields: &[&str]| {
        for f in fields {
            v[*f] = json!(at);
        }
        v
    };
    vec![
        (
            "acknowledgment",
            with(
                serde_json::to_value(ack_input()).unwrap(),
                &["now", "promisedUpdateAt"],
            ),
        ),
        (
            "engineering-loop-in",
            with(
                serde_json::to_value(loop_in_input()).unwrap(),
                &["now", "nextCustomerUpdateAt"],
            ),
        ),
        (
            "dri-announcement",
            serde_json::to_value(dri_input()).unwrap(),
        ),
        (
            "daily-update",
            with(
                serde_json::to_value(update_input()).unwrap(),
                &["now", "nextUpdateAt"],
            ),
        ),
        (
            "no-news-update",
            with(
                serde_json::to_value(update_input()).unwrap(),
                &["now", "nextUpdateAt"],
            ),
        ),
        (
            "closeout",
            with(serde_json::to_value(closeout_input()).unwrap(), &["now"]),
        ),
        ("restoration-exec-call", {
            let mut v = with(serde_json::to_value(exec_call_input()).unwrap(), &["now"]);
            v["proposedTimes"] = json!([at]);
            v
        }),
        (
            "restoration-health-score",
            with(serde_json::to_value(health_input()).unwrap(), &["now"]),
        ),
        (
            "restoration-prevention-follow-up",
            with(serde_json::to_value(prevention_input()).unwrap(), &["now"]),
        ),
    ]
}

#[test]
fn times_at_chronos_extremes_are_errors_never_traps() {
    // The ends of chrono's range with offsets that push the wall clock past it,
    // and years JavaScript cannot read back.
    for at in [
        "+262142-12-31T23:59:59+14:00",
        "+262142-12-31T23:59:59+05:00",
        "-262143-01-01T00:00:00-14:00",
        "-262143-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
        "0000-01-01T01:00:00+05:00",
        "+10000-01-01T00:00:00Z",
    ] {
        for (kind, input) in inputs_at(at) {
            let result = generate_from_json(kind, &input.to_string());
            if kind == "dri-announcement" {
                assert!(result.is_ok(), "{kind} has no time");
                continue;
            }
            match result {
                Err(MessageError::OutOfRange(field)) => assert_eq!(
                    MessageError::OutOfRange(field).to_string(),
                    format!("The time in “{field}” is outside the years 0 to 9999, so no message was written. Check the date.")
                ),
                // chrono itself cannot hold some of these: a read error, as clear.
                Err(MessageError::Input(detail)) if at.starts_with('-') => {
                    assert!(detail.starts_with("no possible date and time matching input"), "{detail}")
                }
                other => panic!("{kind} at {at}: {other:?}"),
            }
        }
    }
    // Ordinary times still work for every kind.
    for (kind, input) in inputs_at("2026-11-27T16:30:00+01:00") {
        assert!(
            generate_from_json(kind, &input.to_string()).is_ok(),
            "{kind}"
        );
    }
    assert_eq!(KINDS.len(), inputs_at("2026-11-27T16:30:00+01:00").len());
}

#[test]
fn builders_called_directly_at_the_extremes_do_not_trap() {
    for (utc, offset) in [
        (DateTime::<Utc>::MAX_UTC, 14 * 3600),
        (DateTime::<Utc>::MIN_UTC, -14 * 3600),
        (DateTime::<Utc>::MAX_UTC, 3600),
    ] {
        let now = utc.with_timezone(&FixedOffset::east_opt(offset).unwrap());
        let ack = acknowledgment(&AckInput {
            promised_update_at: Some(now),
            now,
            ..ack_input()
        });
        assert!(!ack.text.is_empty());
        let update = daily_update(&DailyUpdateInput {
            next_update_at: Some(now),
            now,
            ..update_input()
        });
        assert!(!update.subject.is_empty());
        assert!(!closeout(&CloseoutInput {
            now,
            ..closeout_input()
        })
        .text
        .is_empty());
    }
}

#[test]
fn json_errors_are_sentences() {
    assert_eq!(
        generate_from_json("apology", "{}").map_err(|e| e.to_string()),
        Err("“apology” is not a message kind.".into())
    );
    let err = generate_from_json("acknowledgment", r#"{ "customerName": 3 }"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("The message input could not be read: invalid type: integer `3`"),
        "{err}"
    );
}

#[test]
fn bidi_controls_and_newlines_never_reach_the_customer() {
    let hostile = "Acme\u{202E}gpj.exe\u{202C} Corp\u{2066}x\u{2069}\r\nBcc: someone@example.com";
    let ack = acknowledgment(&AckInput {
        customer_name: hostile.into(),
        impact_summary: Some("orders \u{200F}fail\u{061C}\u{0007}".into()),
        ..ack_input()
    });
    let bidi = |s: &str| {
        s.chars().any(|c| {
            matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
    };
    for s in [&ack.subject, &ack.text, &ack.html] {
        assert!(!bidi(s), "{s:?}");
        assert!(!s.contains('\u{0007}') && !s.contains('\r'), "{s:?}");
    }
    assert!(!ack.subject.contains('\n'));
    assert!(
        ack.subject
            .starts_with("Acmegpj.exe Corpx Bcc: someone@example.com - I'm on it"),
        "{}",
        ack.subject
    );
    for (kind, mut input) in inputs_at("2026-11-27T16:30:00+01:00") {
        input["customerName"] = json!("Line one\nLine\u{2028}two\u{202E}");
        let msg = generate_from_json(kind, &input.to_string()).unwrap();
        assert!(
            !msg.subject.contains(['\n', '\u{2028}']),
            "{kind}: {:?}",
            msg.subject
        );
        assert!(
            !bidi(&msg.subject) && !bidi(&msg.text) && !bidi(&msg.html),
            "{kind}"
        );
    }
}
