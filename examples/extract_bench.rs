//! Times `account::extract` natively on a snapshot read from a JSON file,
//! interleaved with a baseline measured in the same run (a JSON round trip of
//! the same snapshot), and prints both as one JSON line of milliseconds:
//! wall clock, and (Linux) the thread's CPU time, which leaves out the time
//! other processes held the core — on a shared 2-core machine a 2 ms run is
//! often descheduled in the middle, as the browser figures' trace CPU times.
//! Run by `make bench` (tools/bench-browser.mjs writes the 2,000 candidates
//! of the 5,000-field page): `cargo run --release --example extract_bench -- <file> [runs]`.

use std::time::Instant;

/// CPU time of the calling thread in ns (CLOCK_THREAD_CPUTIME_ID), if the
/// platform has it.
#[cfg(target_os = "linux")]
fn thread_cpu_ns() -> Option<u128> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the struct we own.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    ok.then(|| (t.sec as u128) * 1_000_000_000 + t.nsec as u128)
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_ns() -> Option<u128> {
    None
}

/// Wall and CPU milliseconds of one call of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, Option<f64>) {
    let c = thread_cpu_ns();
    let t = Instant::now();
    let out = f();
    let wall = t.elapsed().as_secs_f64() * 1000.0;
    let cpu = match (c, thread_cpu_ns()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) as f64 / 1e6),
        _ => None,
    };
    (out, wall, cpu)
}

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
    let (mut extract, mut round_trip) = (Vec::new(), Vec::new());
    let (mut extract_cpu, mut round_trip_cpu) = (Vec::new(), Vec::new());
    let mut found = 0usize;
    for i in 0..runs + 1 {
        // ABBA, as the JS figures; the first pair warms up and is dropped.
        for first in [i % 2 == 0, i % 2 != 0] {
            if first {
                let (named, wall, cpu) =
                    timed(|| defuse::account::extract(&snapshot).name.is_some());
                found += usize::from(named);
                if i > 0 {
                    extract.push(wall);
                    extract_cpu.extend(cpu);
                }
            } else {
                let (back, wall, cpu) = timed(|| {
                    let text = serde_json::to_string(&snapshot).unwrap_or_default();
                    serde_json::from_str::<defuse::account::Snapshot>(&text).ok()
                });
                found += usize::from(back.is_some());
                if i > 0 {
                    round_trip.push(wall);
                    round_trip_cpu.extend(cpu);
                }
            }
        }
    }
    println!(
        "{{\"fields\":{},\"found\":{found},\"extract\":{extract:?},\"roundTrip\":{round_trip:?},\"extractCpu\":{extract_cpu:?},\"roundTripCpu\":{round_trip_cpu:?}}}",
        snapshot.fields.len()
    );
}
