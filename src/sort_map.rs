//! Sorted-vector stand-ins for `BTreeMap` / `BTreeSet` (a wasm size lever,
//! like [`crate::sort`]).
//!
//! Each `BTreeMap<K, V>` type compiles its own copy of the B-tree's node
//! code (search, split, merge, steal, drop: ≈5–8 KB of wasm per key/value
//! pair, ≈110 KB in all). The maps here are a `Vec` of pairs kept sorted by
//! key: the binary search is one monomorphic function behind `&mut dyn
//! FnMut`, and the rest is `Vec` code the crate has anyway. Same API subset,
//! same order of iteration (by key), same "last value wins" on duplicate
//! keys. Insertion shifts the tail (O(n)); bulk building (`collect`,
//! `extend`) sorts once, so a map of every stored record stays O(n log n).

use std::borrow::Borrow;
use std::cmp::Ordering;

/// A map ordered by key (what `BTreeMap` gives, for the calls used here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map<K, V> {
    items: Vec<(K, V)>,
}

/// A set ordered by value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set<T> {
    map: Map<T, ()>,
}

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map { items: Vec::new() }
    }
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set {
            map: Map::default(),
        }
    }
}

/// Binary search over `len` sorted slots, `probe(i)` being slot `i`'s
/// ordering against the key looked for: `Ok(slot)` or `Err(insert here)`.
fn search(len: usize, probe: &mut dyn FnMut(usize) -> Ordering) -> Result<usize, usize> {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match probe(mid) {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            Ordering::Equal => return Ok(mid),
        }
    }
    Err(lo)
}

impl<K: Ord, V> Map<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        let items = &self.items;
        search(items.len(), &mut |i| {
            items
                .get(i)
                .map_or(Ordering::Less, |(k, _)| k.borrow().cmp(key))
        })
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => self
                .items
                .get_mut(i)
                .map(|slot| std::mem::replace(&mut slot.1, value)),
            Err(i) => {
                self.items.insert(i, (key, value));
                None
            }
        }
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.get_key_value(key).map(|(_, v)| v)
    }

    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        self.items.get(i).map(|(k, v)| (k, v))
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        self.items.get_mut(i).map(|(_, v)| v)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(self.items.remove(i).1)
    }

    /// The slot for `key`, filled or not (`BTreeMap::entry`).
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let at = self.find(&key);
        Entry { map: self, key, at }
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.items.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator {
        self.items.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = (&K, &mut V)> {
        self.items.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.items.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.items.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> {
        self.items.iter_mut().map(|(_, v)| v)
    }

    pub fn into_values(self) -> impl DoubleEndedIterator<Item = V> {
        self.items.into_iter().map(|(_, v)| v)
    }

    pub fn into_keys(self) -> impl DoubleEndedIterator<Item = K> {
        self.items.into_iter().map(|(k, _)| k)
    }

    /// Sorts by key once, keeping the last of equal keys (what inserting
    /// the pairs one by one would leave).
    fn settle(&mut self) {
        crate::sort::sort_by(&mut self.items, |a, b| a.0.cmp(&b.0));
        let mut out: Vec<(K, V)> = Vec::with_capacity(self.items.len());
        for pair in std::mem::take(&mut self.items) {
            match out.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => out.push(pair),
            }
        }
        self.items = out;
    }
}

/// A key's slot in a [`Map`]: where it is, or where it would go.
pub struct Entry<'a, K, V> {
    map: &'a mut Map<K, V>,
    key: K,
    at: Result<usize, usize>,
}

impl<'a, K, V> Entry<'a, K, V> {
    /// The value at the key, `value` inserted there when missing.
    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }

    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        let i = match self.at {
            Ok(i) => i,
            Err(i) => {
                self.map.items.insert(i, (self.key, make()));
                i
            }
        };
        // In bounds: `i` was found by the search, or an element was just
        // inserted there.
        &mut self.map.items[i].1
    }

    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for Map<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = Map {
            items: iter.into_iter().collect(),
        };
        map.settle();
        map
    }
}

impl<K: Ord, V> Extend<(K, V)> for Map<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        self.items.extend(iter);
        self.settle();
    }
}

impl<K: Ord, V> IntoIterator for Map<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, K: Ord, V> IntoIterator for &'a Map<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter().map(|(k, v)| (k, v))
    }
}

/// Written as `BTreeMap` writes itself: one JSON object, keys in order.
impl<K: serde::Serialize, V: serde::Serialize> serde::Serialize for Map<K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.items.iter().map(|(k, v)| (k, v)))
    }
}

/// Read as serde read a `BTreeMap<String, String>`: an object only ("…,
/// expected a map"), each value a string (`String`'s own error); the
/// object's keys arrive sorted and unique, so each insert is a push.
impl crate::json::FromValue for Map<String, String> {
    fn from_value(value: serde_json::Value) -> Result<Self, serde_json::Error> {
        let object = match value {
            serde_json::Value::Object(object) => object,
            other => return Err(crate::json::invalid(&other, &"a map")),
        };
        let mut map = Map {
            items: Vec::with_capacity(object.len()),
        };
        for (key, value) in object {
            let value = <String as crate::json::FromValue>::from_value(value)?;
            map.insert(key, value);
        }
        Ok(map)
    }
}

/// The thin `Deserialize` the `read_struct!` types have: any input as a
/// `Value`, then [`crate::json::FromValue`].
impl<'de> serde::Deserialize<'de> for Map<String, String> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::through_value(d)
    }
}

impl<T: Ord> Set<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Whether `value` was new.
    pub fn insert(&mut self, value: T) -> bool {
        self.map.insert(value, ()).is_none()
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.map.contains_key(value)
    }

    /// Whether `value` was there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.map.remove(value).is_some()
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.map.retain(|k, _| keep(k));
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.map.keys()
    }
}

impl<T: Ord> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Set {
            map: iter.into_iter().map(|v| (v, ())).collect(),
        }
    }
}

impl<T: Ord> Extend<T> for Set<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.map.extend(iter.into_iter().map(|v| (v, ())));
    }
}

impl<T: Ord> IntoIterator for Set<T> {
    type Item = T;
    type IntoIter = std::iter::Map<std::vec::IntoIter<(T, ())>, fn((T, ())) -> T>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.items.into_iter().map(|(v, ())| v)
    }
}

impl<'a, T: Ord> IntoIterator for &'a Set<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (T, ())>, fn(&'a (T, ())) -> &'a T>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.items.iter().map(|(v, ())| v)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    proptest! {
        // Any run of calls leaves the same contents, in the same order, and
        // answers the same as std's B-tree map.
        #[test]
        fn behaves_as_btreemap(
            start in proptest::collection::vec((0u8..20, 0u32..5), 0..30),
            ops in proptest::collection::vec((0u8..5, 0u8..20, 0u32..5), 0..60),
        ) {
            let mut ours: Map<u8, u32> = start.iter().copied().collect();
            let mut std: BTreeMap<u8, u32> = start.iter().copied().collect();
            for (op, k, v) in ops {
                match op {
                    0 => prop_assert_eq!(ours.insert(k, v), std.insert(k, v)),
                    1 => prop_assert_eq!(ours.remove(&k), std.remove(&k)),
                    2 => {
                        *ours.entry(k).or_insert(v) += 1;
                        *std.entry(k).or_insert(v) += 1;
                    }
                    3 => {
                        ours.extend([(k, v), (k, v + 1)]);
                        std.extend([(k, v), (k, v + 1)]);
                    }
                    _ => prop_assert_eq!(ours.get_key_value(&k), std.get_key_value(&k)),
                }
                prop_assert_eq!(ours.len(), std.len());
                prop_assert!(ours.iter().eq(std.iter()));
            }
        }

        #[test]
        fn set_behaves_as_btreeset(items in proptest::collection::vec(0u8..30, 0..40), probe in 0u8..30) {
            let ours: Set<u8> = items.iter().copied().collect();
            let std: BTreeSet<u8> = items.iter().copied().collect();
            prop_assert!(ours.iter().eq(std.iter()));
            prop_assert_eq!(ours.contains(&probe), std.contains(&probe));
        }
    }

    /// The JSON a `Map<String, String>` reads and writes is what
    /// `BTreeMap<String, String>` read and wrote, errors included.
    #[test]
    fn json_is_btreemaps() {
        use serde_json::json;
        for value in [
            json!({}),
            json!({"b": "2", "a": "1", "data-id": "x"}),
            json!({"a": 1}),
            json!({"a": "1", "b": null}),
            json!({"a": ["1"]}),
            json!(["a", "1"]),
            json!("a"),
            json!(null),
            json!(7),
        ] {
            let std = crate::json::from_value::<BTreeMap<String, String>>(value.clone())
                .map(|m| {
                    (
                        serde_json::to_string(&m).ok(),
                        m.into_iter().collect::<Vec<_>>(),
                    )
                })
                .map_err(|e| e.to_string());
            let ours = crate::json::read::<Map<String, String>>(value.clone())
                .map(|m| (serde_json::to_string(&m).ok(), m.into_iter().collect()))
                .map_err(|e| e.to_string());
            assert_eq!(ours, std, "{value}");
            // Through the thin `Deserialize` (what JSON text readers use);
            // the text reader adds where the error is.
            let text = serde_json::from_str::<Map<String, String>>(&value.to_string())
                .map(|m| (serde_json::to_string(&m).ok(), m.into_iter().collect()))
                .map_err(|e| {
                    let e = e.to_string();
                    e.split(" at line ").next().unwrap_or_default().to_string()
                });
            assert_eq!(text, std, "{value}");
        }
    }

    #[test]
    fn borrowed_lookups_and_last_duplicate_wins() {
        let map: Map<String, u32> = [("b".to_string(), 1), ("a".into(), 2), ("b".into(), 3)]
            .into_iter()
            .collect();
        assert_eq!(map.get("b"), Some(&3));
        assert_eq!(
            map.keys().map(String::as_str).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert!(!map.contains_key("c"));
    }
}
