//! Merging logs from two tabs or devices: a union by event id. Because the
//! result is sorted and duplicates resolve by a fixed rule, merging is
//! idempotent, commutative and associative, and the fold sees the same log
//! whatever order the pieces arrived in.

use std::cmp::Ordering;

use super::event::Event;

/// The union of two logs by event id, in fold order (`at`, then `id`).
pub fn merge(a: &[Event], b: &[Event]) -> Vec<Event> {
    let mut all = Vec::with_capacity(a.len() + b.len());
    all.extend_from_slice(a);
    all.extend_from_slice(b);
    normalize(all)
}

/// Sorts a log into fold order and keeps one event per id. Two different
/// events under one id should not exist (ids are unique), but if a buggy
/// device made one, both sides must still agree on which survives: the one
/// whose encoding sorts first.
pub fn normalize(mut events: Vec<Event>) -> Vec<Event> {
    crate::sort::sort_by(&mut events, |x, y| {
        x.id.cmp(&y.id).then_with(|| tie_break(x, y))
    });
    events.dedup_by(|later, earlier| later.id == earlier.id);
    crate::sort::sort_by(&mut events, |x, y| {
        x.at.cmp(&y.at).then_with(|| x.id.cmp(&y.id))
    });
    events
}

fn tie_break(x: &Event, y: &Event) -> Ordering {
    if x == y {
        return Ordering::Equal;
    }
    let encode = |e: &Event| serde_json::to_string(e).unwrap_or_default();
    encode(x).cmp(&encode(y))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::event::EventBody;
    use crate::engine::state::fold;
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    fn body(kind: u8, text: u8) -> EventBody {
        match kind % 4 {
            0 => EventBody::Note {
                text: format!("n{text}"),
            },
            1 => EventBody::TriageCompleted {},
            2 => EventBody::Reopened {
                reason: format!("r{text}"),
            },
            _ => EventBody::EngineeringLoopedIn {
                detail: format!("d{text}"),
            },
        }
    }

    // Few ids and few times on purpose, so collisions (same id, same time,
    // same id with different content) happen often.
    fn event() -> impl Strategy<Value = Event> {
        (0u8..6, 0i64..4, 0u8..4, 0u8..3).prop_map(|(id, minute, kind, text)| Event {
            id: format!("e{id}"),
            escalation: "x".into(),
            at: Utc
                .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
                .single()
                .unwrap_or_default()
                + chrono::TimeDelta::minutes(minute),
            body: body(kind, text),
        })
    }

    fn log() -> impl Strategy<Value = Vec<Event>> {
        proptest::collection::vec(event(), 0..8)
    }

    proptest! {
        #[test]
        fn merge_is_idempotent(a in log()) {
            let once = merge(&a, &a);
            prop_assert_eq!(merge(&once, &once), once.clone());
            prop_assert_eq!(merge(&once, &[]), once);
        }

        #[test]
        fn merge_is_commutative(a in log(), b in log()) {
            prop_assert_eq!(merge(&a, &b), merge(&b, &a));
        }

        #[test]
        fn merge_is_associative(a in log(), b in log(), c in log()) {
            prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
        }

        #[test]
        fn merged_log_has_unique_ids_in_fold_order(a in log(), b in log()) {
            let merged = merge(&a, &b);
            for pair in merged.windows(2) {
                if let [x, y] = pair {
                    prop_assert!((x.at, &x.id) < (y.at, &y.id));
                }
            }
        }

        #[test]
        fn fold_ignores_arrival_order(a in log(), b in log(), seed in any::<u64>()) {
            let mut shuffled: Vec<Event> = a.iter().chain(b.iter()).cloned().collect();
            let len = shuffled.len().max(1);
            shuffled.rotate_left((seed as usize) % len);
            shuffled.reverse();
            prop_assert_eq!(fold(&merge(&a, &b)), fold(&shuffled));
        }
    }
}
