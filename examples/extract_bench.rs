//! Times `account::extract` natively on a snapshot read from a JSON file,
//! interleaved with a baseline measured in the same run (a JSON round trip of
//! the same snapshot), and prints both as one JSON line of milliseconds.
//! Run by `make bench` (tools/bench-browser.mjs writes the 2,000 candidates
//! of the 5,000-field page): `cargo run --release --example extract_bench -- <file> [runs]`.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), runs) = (args.next(), args.next()) else {
        eprintln!("usage: extract_bench <snapshot.json> [runs]");
        std::process::exit(2);
    };
    let runs: usize = runs.and_then(|r| r.parse().ok()).unwrap_or(60);
    let snapshot: defuse::account::Snapshot = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let snapshot = snapshot.validate();
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    let (mut extract, mut round_trip) = (Vec::new(), Vec::new());
    let mut found = 0usize;
    for i in 0..runs + 1 {
        // ABBA, as the JS figures; the first pair warms up and is dropped.
        for first in [i % 2 == 0, i % 2 != 0] {
            let t = Instant::now();
            if first {
                found += usize::from(defuse::account::extract(&snapshot).name.is_some());
                if i > 0 {
                    extract.push(ms(t));
                }
            } else {
                let text = serde_json::to_string(&snapshot).unwrap_or_default();
                let back: Option<defuse::account::Snapshot> = serde_json::from_str(&text).ok();
                found += usize::from(back.is_some());
                if i > 0 {
                    round_trip.push(ms(t));
                }
            }
        }
    }
    println!(
        "{{\"fields\":{},\"found\":{found},\"extract\":{extract:?},\"roundTrip\":{round_trip:?}}}",
        snapshot.fields.len()
    );
}
