//! Prints the escalation signal's precision and recall over its labelled
//! corpus (`tests/data/signal/corpus.json`), per split and language: the
//! `tune` split beside the held-out `test` split, which is never used to tune.
//! Run by `make bench`: `cargo run --release --example signal_eval`.
//! `--tune-misses` lists the tuning split's disagreements (never the test's).

use defuse::coach::signal_eval::{
    evaluate_signals, evaluate_signals_without_direction, parse_signal_corpus, signal_table,
};

const CORPUS: &str = include_str!("../tests/data/signal/corpus.json");

fn main() {
    let entries = match parse_signal_corpus(CORPUS) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let counts = evaluate_signals(&entries);
    println!("with the directions the page gives (inbound / outbound / unknown):");
    print!("{}", signal_table(&counts));
    println!("text only (every direction unknown: who speaks is read from the words):");
    print!(
        "{}",
        signal_table(&evaluate_signals_without_direction(&entries))
    );
    if std::env::args().any(|a| a == "--tune-misses") {
        for c in counts.iter().filter(|c| c.split == "tune") {
            for id in &c.misses {
                if let Some(e) = entries.iter().find(|e| &e.id == id) {
                    let text: Vec<&str> = e.messages.iter().map(|m| m.text.as_str()).collect();
                    println!("  {id} expected {}: {}", e.escalating, text.join(" | "));
                }
            }
        }
    }
}
