//! One stable sort for the whole crate, compiled once.
//!
//! `slice::sort_by` is generic over the element type and the closure, so
//! every call site with its own type or closure carried its own copy of the
//! standard library's driftsort (≈4 KB of wasm each, ≈75 KB in all). Here
//! the work is done once, monomorphically, on a permutation of indices
//! behind one `&mut dyn FnMut` that compares or swaps two indices; the
//! generic part left per call site is that shim.
//!
//! Stable (equal elements keep their order), O(n log n) comparisons, two
//! `Vec<usize>` of scratch. Unstable sorts use it too: a stable order is one
//! of the orders an unstable sort may give.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp` (what `slice::sort_by` does).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    // One closure both compares and swaps, so the only per-type code is this
    // shim: the loops, the scratch vectors and their drops live in `sort_dyn`.
    let len = v.len();
    let mut op = |i: usize, j: usize, swap: bool| {
        if swap {
            v.swap(i, j);
            return Ordering::Equal;
        }
        match (v.get(i), v.get(j)) {
            (Some(a), Some(b)) => cmp(a, b),
            _ => Ordering::Equal,
        }
    };
    sort_dyn(len, &mut op);
}

/// The monomorphic body of [`sort_by`]: `op(i, j, false)` compares items `i`
/// and `j`, `op(i, j, true)` swaps them.
fn sort_dyn(len: usize, op: &mut dyn FnMut(usize, usize, bool) -> Ordering) {
    let mut by_index = |i: usize, j: usize| op(i, j, false);
    let swaps = swaps_for(&order(len, &mut by_index));
    for (a, b) in swaps {
        op(a, b, true);
    }
}

/// Sorts `v` stably by the key `f` gives (what `slice::sort_by_key` does).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` stably in ascending order (what `slice::sort` does).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The stable sorted order of `len` items compared by index: `out[k]` is the
/// index of the item that belongs at position `k`. Bottom-up merge sort over
/// runs that insertion sort first makes 8 long.
fn order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    const RUN: usize = 8;
    let mut a: Vec<usize> = (0..len).collect();
    for run in a.chunks_mut(RUN) {
        for k in 1..run.len() {
            let mut j = k;
            while j > 0 && cmp(run[j], run[j - 1]) == Ordering::Less {
                run.swap(j, j - 1);
                j -= 1;
            }
        }
    }
    let mut b = vec![0; len];
    let mut width = RUN;
    while width < len {
        for (from, to) in a.chunks(2 * width).zip(b.chunks_mut(2 * width)) {
            let (left, right) = from.split_at(width.min(from.len()));
            merge(left, right, to, cmp);
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Merges two sorted runs into `out`; on a tie the left run's item comes
/// first, which is what keeps the sort stable.
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut [usize],
    cmp: &mut dyn FnMut(usize, usize) -> Ordering,
) {
    let (mut l, mut r) = (
        left.iter().copied().peekable(),
        right.iter().copied().peekable(),
    );
    for slot in out.iter_mut() {
        let take_right = match (l.peek(), r.peek()) {
            (Some(&x), Some(&y)) => cmp(y, x) == Ordering::Less,
            (None, _) => true,
            (Some(_), None) => false,
        };
        let next = if take_right { r.next() } else { l.next() };
        *slot = next.unwrap_or_default();
    }
}

/// The swaps that turn the identity into `perm` in place: after applying
/// them in order, position `k` holds the item first at `perm[k]`. O(n).
fn swaps_for(perm: &[usize]) -> Vec<(usize, usize)> {
    // where[i]: the position item i sits at now; at[p]: the item at p now.
    let mut at: Vec<usize> = (0..perm.len()).collect();
    let mut place = at.clone();
    let mut swaps = Vec::new();
    for (k, &item) in perm.iter().enumerate() {
        let p = place[item];
        if p != k {
            swaps.push((k, p));
            let displaced = at[k];
            at[p] = displaced;
            place[displaced] = p;
            at[k] = item;
            place[item] = k;
        }
    }
    swaps
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn descending(a: &(u8, usize), b: &(u8, usize)) -> Ordering {
        b.0.cmp(&a.0)
    }

    proptest! {
        // Stability included: the pairs carry their original position, and
        // the key sees only the first half, so ties are common.
        #[test]
        fn sort_by_matches_the_standard_library(keys in proptest::collection::vec(0u8..6, 0..300)) {
            let mut v: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
            let mut expected = v.clone();
            expected.sort_by(descending);
            sort_by(&mut v, descending);
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn sort_matches_the_standard_library(mut v in proptest::collection::vec(any::<i16>(), 0..300)) {
            let mut expected = v.clone();
            expected.sort();
            sort(&mut v);
            prop_assert_eq!(v, expected);
        }
    }

    #[test]
    fn sorts_like_the_standard_library_and_keeps_ties_in_order() {
        // Pairs (key, original position): equal keys must keep their order.
        let mut seed = 7u64;
        for len in 0..200usize {
            let mut v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (((seed >> 33) % 7) as u8, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            assert_eq!(v, expected);
        }
    }

    #[test]
    fn sorts_descending_and_sorted_inputs() {
        let mut v: Vec<i32> = (0..100).rev().collect();
        sort(&mut v);
        assert_eq!(v, (0..100).collect::<Vec<_>>());
        sort(&mut v);
        assert_eq!(v, (0..100).collect::<Vec<_>>());
    }
}
