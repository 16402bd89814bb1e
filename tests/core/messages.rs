//! Scenario tests for `defuse::messages`.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use defuse::coach::{coach_draft, CoachContext, CoachStage};
use defuse::messages::*;

fn cet(d: u32, h: u32, m: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, d, h, m, 0)
        .unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn ack_input() -> AckInput {
    AckInput {
        customer_name: "Acme".into(),
        sender_name: "Jordan Lee".into(),
        impact_summary: None,
        promised_update_at: Some(cet(27, 16, 30)),
        customer_zone_label: "CET".into(),
        desired_outcome: None,
        now: cet(27, 10, 0),
        time_style: TimeStyle::default(),
    }
}

fn loop_in_input() -> LoopInInput {
    LoopInInput {
        customer_name: "Acme".into(),
        sender_name: "Jordan Lee".into(),
        reason: Some(LoopInReason::Outage),
        stated_problem: Some("Checkout returns errors for every order".into()),
        impact: Some("No orders since 9:10 CET".into()),
        started: Some("Today, 9:10 CET".into()),
        arr_and_renewal: Some("$240,000 ARR, renews Mar 1".into()),
        dri_name: "Jordan Lee".into(),
        next_customer_update_at: Some(cet(27, 16, 30)),
        zone_label: "CET".into(),
        now: cet(27, 10, 0),
        time_style: TimeStyle::default(),
    }
}

fn dri_input() -> DriInput {
    DriInput {
        customer_name: "Acme".into(),
        sender_name: "Jordan Lee".into(),
        dri_name: "Jordan Lee".into(),
        dri_role: None,
        dri_contact: Some("+49 30 1234 5678".into()),
    }
}

fn update_input() -> DailyUpdateInput {
    DailyUpdateInput {
        customer_name: "Acme".into(),
        sender_name: "Jordan Lee".into(),
        status: Some(UpdateStatus::InProgress),
        happened_today: Some("We reproduced the failure in staging".into()),
        next_step: Some("Deploy the patch to a test tenant".into()),
        next_step_owner: Some("Priya Shah".into()),
        next_step_due: Some(day(11, 30)),
        eta: Some(Eta::NotYet {
            reason: Some("the patch must pass a full regression run first".into()),
        }),
        questions: vec![],
        next_update_at: Some(cet(28, 16, 30)),
        customer_zone_label: "CET".into(),
        desired_outcome: None,
        now: cet(27, 17, 0),
        time_style: TimeStyle::default(),
    }
}

fn closeout_input() -> CloseoutInput {
    CloseoutInput {
        customer_name: "Acme".into(),
        sender_name: "Jordan Lee".into(),
        issue: Some("Scheduled exports failed for all EU workspaces".into()),
        impact: Some(
            "41 finance users could not pull month-end reports from Nov 24 to Nov 26".into(),
        ),
        root_cause: Some("A scheduler change dropped jobs for EU workspaces".into()),
        root_cause_kind: Some(RootCause::ProductDefect),
        defect_link: Some("https://tracker.example.com/BUG-4821".into()),
        actions_taken: vec![
            "Re-ran every failed export".into(),
            "Shipped a scheduler fix".into(),
        ],
        prevention: Some("An alert now fires when a region's export volume drops by 20%".into()),
        what_to_expect: Some(
            "An invitation to a short call with our VP of Customer Success".into(),
        ),
        now: cet(30, 9, 0),
        time_style: TimeStyle::default(),
    }
}

fn exec_call_input() -> ExecCallInput {
    ExecCallInput {
        customer_name: "Acme".into(),
        sender_name: "Jordan Lee".into(),
        customer_exec_name: Some("Dana".into()),
        our_exec_name: Some("Alex Kim".into()),
        our_exec_title: Some("Chief Customer Officer".into()),
        proposed_times: vec![
            FixedOffset::east_opt(3600)
                .unwrap()
                .with_ymd_and_hms(2026, 12, 1, 10, 0, 0)
                .unwrap(),
            FixedOffset::east_opt(3600)
                .unwrap()
                .with_ymd_and_hms(2026, 12, 2, 15, 0, 0)
                .unwrap(),
        ],
        customer_zone_label: "CET".into(),
        now: cet(30, 9, 0),
        time_style: TimeStyle::default(),
    }
}

fn health_input() -> HealthScoreInput {
    HealthScoreInput {
        customer_name: "Acme".into(),
        sender_name: "Jordan Lee".into(),
        previous_score: Some("82 (green)".into()),
        new_score: Some("61 (yellow)".into()),
        rationale: Some("Two escalations this quarter and renewal in 90 days".into()),
        open_risks: None,
        next_review_on: Some(day(12, 15)),
        now: cet(30, 9, 0),
        time_style: TimeStyle::default(),
    }
}

fn prevention_input() -> PreventionFollowUpInput {
    PreventionFollowUpInput {
        customer_name: "Acme".into(),
        sender_name: "Jordan Lee".into(),
        closeout_sent_on: Some(day(11, 30)),
        items: vec![
            PreventionItem {
                change: "Regional export alert".into(),
                status: Some("shipped on Dec 3".into()),
            },
            PreventionItem {
                change: "Scheduler regression tests".into(),
                status: Some("in review, due Dec 10".into()),
            },
        ],
        now: cet(30, 9, 0),
        time_style: TimeStyle::default(),
    }
}

fn all_messages() -> Vec<Message> {
    vec![
        acknowledgment(&ack_input()),
        engineering_loop_in(&loop_in_input()),
        dri_announcement(&dri_input()),
        daily_update(&update_input()),
        no_news_update(&update_input()),
        closeout(&closeout_input()),
        restoration_exec_call(&exec_call_input()),
        restoration_health_score(&health_input()),
        restoration_prevention_follow_up(&prevention_input()),
    ]
}

fn assert_no_seed_placeholder(m: &Message) {
    for (what, s) in [
        ("subject", &m.subject),
        ("text", &m.text),
        ("html", &m.html),
    ] {
        assert!(
            !s.contains('[') && !s.contains(']'),
            "{:?} {what} has a bracket placeholder: {s}",
            m.kind
        );
    }
}

// ---------- acknowledgment ----------

#[test]
fn ack_follows_the_seed_template_with_a_time_today_in_the_customers_zone() {
    let m = acknowledgment(&ack_input());
    assert!(m.ready);
    assert_eq!(m.kind, MessageKind::Acknowledgment);
    assert_eq!(
        m.subject,
        "Acme - I'm on it: status update by 4:30 PM CET today"
    );
    assert_eq!(
        m.text,
        "Acme team - I hear you. What you've described is not acceptable and I take personal ownership of getting this resolved. I'm pulling together the right people right now and will have a status update to you by 4:30 PM CET today.\n\nJordan Lee"
    );
    assert_eq!(
        m.html,
        "<p>Acme team - I hear you. What you&#39;ve described is not acceptable and I take personal ownership of getting this resolved. I&#39;m pulling together the right people right now and will have a status update to you by 4:30 PM CET today.</p>\n<p>Jordan Lee</p>"
    );
    assert!(m.warnings.is_empty());
}

#[test]
fn ack_recognizes_the_impact_when_given() {
    let mut input = ack_input();
    input.impact_summary = Some("no orders have gone through since 9:10".into());
    let m = acknowledgment(&input);
    assert!(m.text.starts_with(
        "Acme team - I hear you. I understand the impact: no orders have gone through since 9:10. What you've described"
    ));
}

#[test]
fn ack_emphasis_follows_the_desired_outcome() {
    let cases = [
        (DesiredOutcome::Acknowledgment, "You should not have had to deal with this, and I want you to know it has been heard."),
        (DesiredOutcome::Fix, "My first priority is getting this working again for you."),
        (DesiredOutcome::Accountability, "You will get a straight, complete account from me of what went wrong and what we will change."),
    ];
    for (outcome, sentence) in cases {
        let mut input = ack_input();
        input.desired_outcome = Some(outcome);
        let m = acknowledgment(&input);
        assert!(
            m.text.contains(&format!(
                "getting this resolved. {sentence} I'm pulling together"
            )),
            "{outcome:?}: {}",
            m.text
        );
    }
}

#[test]
fn ack_without_a_time_is_not_ready_and_shows_a_neutral_marker() {
    let mut input = ack_input();
    input.promised_update_at = None;
    let m = acknowledgment(&input);
    assert!(!m.ready);
    assert_eq!(
        m.missing,
        vec![MissingField {
            id: "promised-update-at".into(),
            label: "time of next update".into(),
            problem: None
        }]
    );
    assert!(m
        .text
        .contains("will have a status update to you by (time of next update)."));
    assert!(m.html.contains("by <em>(time of next update)</em>."));
    assert_no_seed_placeholder(&m);
}

#[test]
fn ack_promising_another_day_says_the_day_and_warns() {
    let mut input = ack_input();
    input.promised_update_at = Some(cet(28, 9, 0));
    let m = acknowledgment(&input);
    assert!(m.ready);
    assert!(m
        .text
        .contains("by 9:00 AM CET tomorrow (Saturday, Nov 28)."));
    assert_eq!(m.warnings, vec![MessageWarning::UpdateNotToday]);

    input.promised_update_at = Some(cet(27, 9, 0));
    assert_eq!(
        acknowledgment(&input).warnings,
        vec![MessageWarning::UpdateTimeInPast]
    );
}

#[test]
fn ack_judges_today_in_the_customers_zone_not_utc() {
    // 23:30 UTC on the 26th is 00:30 on the 27th in CET: 4:30 PM CET is still today.
    let mut input = ack_input();
    input.now = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 26, 23, 30, 0)
        .unwrap();
    let m = acknowledgment(&input);
    assert!(m.text.contains("by 4:30 PM CET today."), "{}", m.text);
    assert!(m.warnings.is_empty());
}

#[test]
fn ack_lists_every_missing_name() {
    let mut input = ack_input();
    input.customer_name = "  ".into();
    input.sender_name = String::new();
    let m = acknowledgment(&input);
    let ids: Vec<&str> = m.missing.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["customer-name", "sender-name"]);
    assert!(m.text.starts_with("(customer name) team - I hear you."));
    assert!(m.subject.starts_with("(customer name) - "));
}

// ---------- loop-in and DRI ----------

#[test]
fn loop_in_is_needed_for_outages_and_data_problems_only() {
    assert_eq!(loop_in_needed(true, true), Some(LoopInReason::Outage));
    assert_eq!(loop_in_needed(false, true), Some(LoopInReason::DataProblem));
    assert_eq!(loop_in_needed(false, false), None);
}

#[test]
fn loop_in_carries_the_triage_facts() {
    let m = engineering_loop_in(&loop_in_input());
    assert!(m.ready);
    assert_eq!(
        m.subject,
        "Escalation: Acme outage - engineering needed now"
    );
    assert!(m.text.starts_with("Customer escalation: Acme is reporting a product outage. I need someone from engineering or support on this now.\n\nWhat the customer says: Checkout returns errors for every order\nImpact: No orders since 9:10 CET\n"));
    assert!(m
        .text
        .contains("DRI: Jordan Lee\nNext customer update: 4:30 PM CET today\n"));
    assert!(m
        .html
        .contains("<p><strong>ARR / renewal:</strong> $240,000 ARR, renews Mar 1</p>"));

    let mut input = loop_in_input();
    input.reason = None;
    input.stated_problem = None;
    let m = engineering_loop_in(&input);
    let ids: Vec<&str> = m.missing.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["reason", "stated-problem"]);
    assert!(!m.ready);
}

#[test]
fn dri_announcement_in_the_first_person_when_the_sender_owns_it() {
    let m = dri_announcement(&dri_input());
    assert!(m.ready);
    assert_eq!(m.subject, "Acme - your single point of contact");
    assert!(m.text.contains(
        "I am your single point of contact until this is resolved. You can reach me directly at +49 30 1234 5678."
    ));
}

#[test]
fn dri_announcement_names_another_owner() {
    let mut input = dri_input();
    input.dri_name = "Marcus Webb".into();
    input.dri_role = Some("CS Manager".into());
    let m = dri_announcement(&input);
    assert_eq!(
        m.subject,
        "Acme - Marcus Webb owns this until it is resolved"
    );
    assert!(m.text.contains(
        "Marcus Webb (CS Manager) owns this until it is resolved and is your single point of contact. You can reach them directly at +49 30 1234 5678."
    ));
    assert!(!m.text.contains("I am your single point of contact"));

    input.dri_name = String::new();
    let m = dri_announcement(&input);
    assert!(!m.ready);
    assert_eq!(m.missing[0].id, "dri-name");
}

// ---------- daily update ----------

#[test]
fn daily_update_uses_the_seed_format() {
    let m = daily_update(&update_input());
    assert!(m.ready);
    assert_eq!(m.subject, "Acme - Escalation Update Nov 27, 2026");
    assert_eq!(
        m.text,
        "Status: In progress\n\
         What happened today: We reproduced the failure in staging.\n\
         What is happening next: Deploy the patch to a test tenant (owner: Priya Shah, by Monday, Nov 30)\n\
         ETA for resolution: We don't have one yet - here's why: the patch must pass a full regression run first.\n\
         Questions for you: None today\n\
         Next update from me: by 4:30 PM CET tomorrow (Saturday, Nov 28)\n\n\
         Jordan Lee"
    );
    assert!(m.html.starts_with("<p><strong>Status:</strong> In progress</p>\n<p><strong>What happened today:</strong> We reproduced the failure in staging.</p>"));
}

#[test]
fn daily_update_with_a_date_eta_questions_and_resolved_status() {
    let mut input = update_input();
    input.status = Some(UpdateStatus::Resolved);
    input.eta = Some(Eta::Date { date: day(12, 2) });
    input.questions = vec!["Can you confirm the totals?".into(), " ".into()];
    input.next_step_due = Some(day(11, 27));
    let m = daily_update(&input);
    assert!(m.text.contains("Status: Resolved\n"));
    assert!(m
        .text
        .contains("(owner: Priya Shah, by today, Friday, Nov 27)"));
    assert!(m.text.contains("ETA for resolution: Dec 2, 2026\n"));
    assert!(m
        .text
        .contains("Questions for you: Can you confirm the totals?\n"));
    assert!(m
        .text
        .contains("within 48 hours you will get a written close-out document"));
}

#[test]
fn daily_update_requires_owner_date_eta_reason_and_next_update() {
    let mut input = update_input();
    input.status = None;
    input.next_step_owner = None;
    input.next_step_due = None;
    input.eta = Some(Eta::NotYet { reason: None });
    input.next_update_at = None;
    let m = daily_update(&input);
    assert!(!m.ready);
    let ids: Vec<&str> = m.missing.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "status",
            "next-step-owner",
            "next-step-due",
            "eta-reason",
            "next-update-at"
        ]
    );
    assert!(m.text.contains(
        "ETA for resolution: We don't have one yet - here's why: (why there is no ETA yet)\n"
    ));
    assert_no_seed_placeholder(&m);
}

#[test]
fn pending_status_reads_as_in_the_seed() {
    let mut input = update_input();
    input.status = Some(UpdateStatus::PendingCustomer);
    assert!(daily_update(&input)
        .text
        .starts_with("Status: Pending information from your side\n"));
}

#[test]
fn no_news_day_uses_the_seed_sentence_and_still_requires_the_next_time() {
    let mut input = update_input();
    input.happened_today = None;
    input.status = None;
    let m = no_news_update(&input);
    assert!(m.ready);
    assert!(m.text.starts_with(&format!(
        "Status: In progress\nWhat happened today: {NO_NEWS_SENTENCE}\n"
    )));

    input.next_update_at = None;
    let m = no_news_update(&input);
    assert!(!m.ready);
    assert_eq!(m.missing[0].id, "next-update-at");
}

#[test]
fn update_emphasis_follows_the_desired_outcome() {
    let mut input = update_input();
    input.desired_outcome = Some(DesiredOutcome::Accountability);
    let m = daily_update(&input);
    assert!(m.text.starts_with("Here is a plain account of where things stand, including what is on us.\n\nStatus: In progress\n"));
}

// The close-out and restoration messages, what holds for every message, and
// locale conventions, hostile text and extreme times live in messages/.
mod closing;
mod every_message;
mod style;
