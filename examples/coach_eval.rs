//! Prints the coach's precision and recall per rule on the tuning split
//! (`tests/data/coach/corpus.json` + `tune.json`) beside the held-out test
//! split (`test.json`, never used to tune), the drafts each disagrees with,
//! and how coaching time grows with draft length (1 MB ÷ 100 KB).
//! Run by `make bench`: `cargo run --release --example coach_eval`.

use defuse::coach::eval::{evaluate, parse_corpus, side_by_side, CorpusEntry};
use defuse::coach::{coach_draft, score_escalation, CoachContext, CoachStage};
use defuse::messages::MessageKind;
use std::time::Instant;

const CORPUS: &str = include_str!("../tests/data/coach/corpus.json");
const TUNE: &str = include_str!("../tests/data/coach/tune.json");
const TEST: &str = include_str!("../tests/data/coach/test.json");

fn load(json: &str) -> Vec<CorpusEntry> {
    match parse_corpus(json) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

fn main() {
    let mut tune = load(CORPUS);
    tune.extend(load(TUNE));
    let test = load(TEST);
    let (tune_eval, test_eval) = (evaluate(&tune), evaluate(&test));
    print!("{}", side_by_side(&tune_eval, &test_eval));
    println!("\ntuning split, disagreements:");
    print!("{}", tune_eval.table());
    println!("\ntest split (held out), disagreements:");
    print!("{}", test_eval.table());
    report_speed(&tune.iter().map(|e| e.draft.as_str()).collect::<Vec<_>>());
}

fn median(f: &dyn Fn(), runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(0.0)
}

/// Dense prose of `bytes` bytes built from the corpus drafts.
fn prose(drafts: &[&str], bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    for draft in drafts.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(draft);
        text.push('\n');
    }
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// Median time to coach drafts of 2,000 characters, 100 KB and 1 MB, and the
/// ratio 1 MB ÷ 100 KB (linear is 10; budget ≤ 10 with a same-run baseline).
fn report_speed(drafts: &[&str]) {
    let context = CoachContext {
        kind: Some(MessageKind::DailyUpdate),
        stage: CoachStage::Cadence,
        ..CoachContext::default()
    };
    let short = prose(drafts, 2_000);
    let coach = median(
        &|| drop(std::hint::black_box(coach_draft(&short, &context))),
        201,
    );
    let signals = median(
        &|| drop(std::hint::black_box(score_escalation(&short, ""))),
        201,
    );
    println!(
        "\ncoach_draft on {} chars: median {coach:.0} us; score_escalation: median {signals:.0} us",
        short.chars().count()
    );
    let small = prose(drafts, 100_000);
    let large = prose(drafts, 1_000_000);
    // This machine is shared: wall time here is mostly other people's load
    // (a 0.5 s run never finds the machine idle, a 20 ms run sometimes does).
    // The budget is therefore checked on this thread's CPU time, summed over
    // interleaved rounds of equal total work (10 × 100 KB per 1 × 1 MB);
    // wall-clock medians are printed beside it.
    let mut cpu = [0.0f64; 2];
    let (mut smalls, mut larges) = (Vec::new(), Vec::new());
    let cpu_now = thread_cpu_seconds;
    for _ in 0..3 {
        let (c0, w0) = (cpu_now(), Instant::now());
        for _ in 0..10 {
            drop(std::hint::black_box(coach_draft(&small, &context)));
        }
        smalls.push(w0.elapsed().as_secs_f64() * 100.0);
        cpu[0] += cpu_now().zip(c0).map_or(0.0, |(a, b)| a - b);
        let (c0, w0) = (cpu_now(), Instant::now());
        drop(std::hint::black_box(coach_draft(&large, &context)));
        larges.push(w0.elapsed().as_secs_f64() * 1000.0);
        cpu[1] += cpu_now().zip(c0).map_or(0.0, |(a, b)| a - b);
    }
    let mid = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let (wall_small, wall_large) = (mid(&mut smalls), mid(&mut larges));
    // CPU per call: 30 small calls, 3 large ones. Without /proc, wall time.
    let ratio = if cpu[0] > 0.0 {
        (cpu[1] / 3.0) / (cpu[0] / 30.0)
    } else {
        wall_large / wall_small.max(1e-3)
    };
    println!(
        "coach on 1 MB ÷ on 100 KB (same run, thread CPU time): {ratio:.2}  (CPU {:.0} ms ÷ {:.1} ms per call; wall medians {wall_large:.0} ms ÷ {wall_small:.1} ms)  budget ≤ 10  {}",
        cpu[1] / 3.0 * 1000.0,
        cpu[0] / 30.0 * 1000.0,
        if ratio <= 10.0 { "ok" } else { "OVER BUDGET" }
    );
}

/// This thread's user + system CPU time in seconds (Linux), `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
