//! Prints the coach's precision and recall per rule over the labelled corpus
//! (`tests/data/coach/corpus.json`), and the drafts it disagrees with.
//! Run by `make bench`: `cargo run --release --example coach_eval`.

use defuse::coach::eval::{evaluate, parse_corpus};
use defuse::coach::{coach_draft, score_escalation, CoachContext, CoachStage};
use defuse::messages::MessageKind;
use std::time::Instant;

const CORPUS: &str = include_str!("../tests/data/coach/corpus.json");

fn main() {
    match parse_corpus(CORPUS) {
        Ok(entries) => {
            let evaluation = evaluate(&entries);
            print!("{}", evaluation.table());
            println!("worst precision/recall: {:.3}", evaluation.worst());
            report_speed(&entries.iter().map(|e| e.draft.as_str()).collect::<Vec<_>>());
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

/// Median time to coach a draft of at least 2,000 characters, and to score
/// it for escalation signals (reported, never asserted).
fn report_speed(drafts: &[&str]) {
    let mut long = String::new();
    for draft in drafts.iter().cycle().take(drafts.len() * 4) {
        if long.chars().count() >= 2_000 {
            break;
        }
        long.push_str(draft);
        long.push('\n');
    }
    let context = CoachContext {
        kind: Some(MessageKind::DailyUpdate),
        stage: CoachStage::Cadence,
        ..CoachContext::default()
    };
    let median = |f: &dyn Fn()| {
        let mut times: Vec<f64> = (0..201)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times.get(times.len() / 2).copied().unwrap_or(0.0)
    };
    let coach = median(&|| {
        std::hint::black_box(coach_draft(&long, &context));
    });
    let signals = median(&|| {
        std::hint::black_box(score_escalation(&long, ""));
    });
    println!(
        "coach_draft on {} chars: median {coach:.0} us; score_escalation: median {signals:.0} us",
        long.chars().count()
    );
}
