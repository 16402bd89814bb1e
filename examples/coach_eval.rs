//! Prints the coach's precision and recall per rule over the labelled corpus
//! (`tests/data/coach/corpus.json`), and the drafts it disagrees with.
//! Run by `make bench`: `cargo run --release --example coach_eval`.

use defuse::coach::eval::{evaluate, parse_corpus};

const CORPUS: &str = include_str!("../tests/data/coach/corpus.json");

fn main() {
    match parse_corpus(CORPUS) {
        Ok(entries) => {
            let evaluation = evaluate(&entries);
            print!("{}", evaluation.table());
            println!("worst precision/recall: {:.3}", evaluation.worst());
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
