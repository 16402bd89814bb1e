//! Prints the locale suite's accuracy per locale: money and dates as Node's
//! `Intl` writes them in every CLDR "modern" locale, read back by the core
//! (cases from `tools/locale-cases.mjs`, the `measure` set).
//! Run by `make bench`: `cargo run --release --example locale_eval`.

#[path = "../tests/core/locale_eval.rs"]
mod locale_eval;

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match locale_eval::load(root, "measure") {
        Ok(set) => {
            let report = locale_eval::evaluate(&set.cases);
            print!("{}", report.table());
            println!("{}", report.summary(&set));
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
