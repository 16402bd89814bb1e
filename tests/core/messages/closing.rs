//! The close-out document and the relationship-restoration messages.

use super::*;

// ---------- close-out ----------

#[test]
fn closeout_has_the_seed_sections_and_the_defect_link() {
    let m = closeout(&closeout_input());
    assert!(m.ready);
    assert_eq!(m.subject, "Acme - Escalation Close-out Nov 30, 2026");
    let sections = [
        "\nIssue: ",
        "\nImpact: ",
        "\nRoot cause: ",
        "\nWhat we did:\n1. Re-ran every failed export.\n2. Shipped a scheduler fix.",
        "\nWhat we're doing to prevent recurrence: ",
        "\nWhat you should expect next: ",
    ];
    let mut last = 0;
    for section in sections {
        let at = m
            .text
            .find(section)
            .unwrap_or_else(|| panic!("missing {section}"));
        assert!(at > last, "{section} out of order");
        last = at;
    }
    assert!(m.text.contains("This was a defect in our product; you can follow the fix here: https://tracker.example.com/BUG-4821\n"));
    assert!(m.html.contains(
        "<a href=\"https://tracker.example.com/BUG-4821\">https://tracker.example.com/BUG-4821</a>"
    ));
    assert!(m.html.contains(
        "<ol><li>Re-ran every failed export.</li><li>Shipped a scheduler fix.</li></ol>"
    ));
}

#[test]
fn closeout_for_a_defect_refuses_a_missing_or_unsafe_link() {
    let mut input = closeout_input();
    input.defect_link = Some("javascript:alert(1)".into());
    let m = closeout(&input);
    assert!(!m.ready);
    assert_eq!(
        m.missing,
        vec![MissingField {
            id: "defect-link".into(),
            label: "link to the bug report or roadmap item".into(),
            problem: Some("The bug or roadmap link must be a web address starting with https:// or http://. Copy the full link from the ticket and paste it here.".into()),
        }]
    );
    assert!(!m.html.contains("javascript:"));

    input.defect_link = None;
    let m = closeout(&input);
    assert_eq!(m.missing[0].problem.as_deref(), Some("The root cause is a product defect, so the close-out needs a link to the bug report or roadmap item. Paste that link to continue."));
}

#[test]
fn link_errors_are_calm_sentences() {
    assert_eq!(
        validate_link(" https://x.example/1 "),
        Ok("https://x.example/1")
    );
    assert_eq!(validate_link(""), Err(LinkError::Empty));
    assert_eq!(validate_link("https://"), Err(LinkError::NotAWebAddress));
    assert_eq!(
        validate_link("tracker/BUG-1"),
        Err(LinkError::NotAWebAddress)
    );
    assert_eq!(
        validate_link("https://x.example/a b").map_err(|e| e.to_string()),
        Err("The bug or roadmap link contains spaces, so it is not a single web address. Copy the full link from the ticket and paste it here.".to_string())
    );
}

#[test]
fn closeout_says_a_process_failure_directly() {
    let mut input = closeout_input();
    input.root_cause_kind = Some(RootCause::ProcessFailure);
    input.defect_link = None;
    input.root_cause = Some("The quote was built from an outdated seat report".into());
    let m = closeout(&input);
    assert!(m.ready);
    assert!(m.text.contains("Root cause: This was a process failure on our side. The quote was built from an outdated seat report.\n"));
    assert!(!m.text.contains("defect in our product"));
}

#[test]
fn closeout_requires_every_section() {
    let mut input = closeout_input();
    input.issue = None;
    input.root_cause_kind = None;
    input.actions_taken = vec!["  ".into()];
    input.prevention = None;
    let m = closeout(&input);
    let ids: Vec<&str> = m.missing.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["issue", "root-cause-kind", "actions-taken", "prevention"]
    );
    assert_no_seed_placeholder(&m);
}

// ---------- restoration ----------

#[test]
fn exec_call_invitation_offers_slots_in_the_customers_zone() {
    let m = restoration_exec_call(&exec_call_input());
    assert!(m.ready);
    assert_eq!(m.subject, "Acme - a conversation with Alex Kim");
    assert!(m.text.starts_with(
        "Hi Dana,\n\nNow that the issue is resolved and you have our close-out document"
    ));
    assert!(m
        .text
        .contains("between you and Alex Kim, our Chief Customer Officer."));
    assert!(m.text.contains(
        "\n1. 10:00 AM CET tomorrow (Tuesday, Dec 1)\n2. 3:00 PM CET on Wednesday, Dec 2\n"
    ));

    let mut input = exec_call_input();
    input.proposed_times.clear();
    input.our_exec_name = None;
    let ids: Vec<String> = restoration_exec_call(&input)
        .missing
        .into_iter()
        .map(|f| f.id)
        .collect();
    assert_eq!(ids, ["our-exec-name", "proposed-times"]);
}

#[test]
fn health_score_note_records_the_move_and_the_reason() {
    let m = restoration_health_score(&health_input());
    assert!(m.ready);
    assert_eq!(m.subject, "Acme - health score reassessment Nov 30, 2026");
    assert!(m.text.contains("Previous health score: 82 (green)\nReassessed health score: 61 (yellow)\nWhy: Two escalations this quarter and renewal in 90 days.\nOpen risks: None noted\nNext review: Dec 15, 2026"));
    let mut input = health_input();
    input.rationale = None;
    assert_eq!(restoration_health_score(&input).missing[0].id, "rationale");
}

#[test]
fn prevention_follow_up_lists_each_change_and_its_status() {
    let m = restoration_prevention_follow_up(&prevention_input());
    assert!(m.ready);
    assert!(m.text.starts_with(
        "Acme team - in our close-out on Nov 30, 2026 I committed to specific changes"
    ));
    assert!(m.text.contains("Changes we committed to:\n1. Regional export alert - shipped on Dec 3\n2. Scheduler regression tests - in review, due Dec 10\n"));
    let mut input = prevention_input();
    input.items[1].status = None;
    let m = restoration_prevention_follow_up(&input);
    assert!(!m.ready);
    assert_eq!(m.missing[0].id, "prevention-status");
}
