//! The sorted string tables the label matcher looks words and labels up in,
//! each with a small bit filter in front. Extraction looks up every
//! candidate's label, its words and its field API name, and nearly all of
//! them are in no table: the filter rules most of them out with one
//! multiplication and one bit test, before any binary search.

use super::labels::Meaning;

/// The first eight bytes of `text` as a big-endian integer (zero-padded), so
/// most comparisons in a lookup are integer comparisons.
#[inline]
pub(super) fn prefix_key(text: &str) -> u64 {
    if let Some(head) = text.as_bytes().first_chunk::<8>() {
        return u64::from_be_bytes(*head);
    }
    let mut key = [0u8; 8];
    for (slot, byte) in key.iter_mut().zip(text.bytes()) {
        *slot = byte;
    }
    u64::from_be_bytes(key)
}

/// Bits in a [`Filter`]: 2,048 (256 bytes) keeps false positives near 15%
/// for the largest table (about 320 synonyms).
const FILTER_WORDS: usize = 32;

/// A one-hash Bloom filter over (prefix key, length): `false` means the text
/// is certainly not in the table.
#[derive(Default)]
pub(super) struct Filter([u64; FILTER_WORDS]);

impl Filter {
    fn bit(key: u64, len: usize) -> (usize, u64) {
        // Multiply-shift hashing: the top bits depend on every input bit.
        let mixed = (key ^ (len as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let at = (mixed >> 53) as usize; // 11 bits: 0..2048
        (at / 64, 1u64 << (at % 64))
    }

    pub(super) fn insert(&mut self, key: u64, len: usize) {
        let (word, mask) = Self::bit(key, len);
        if let Some(w) = self.0.get_mut(word) {
            *w |= mask;
        }
    }

    pub(super) fn may_contain(&self, key: u64, len: usize) -> bool {
        let (word, mask) = Self::bit(key, len);
        self.0.get(word).is_some_and(|w| w & mask != 0)
    }
}

/// A sorted string table whose entries carry their first eight bytes as an
/// integer, with a [`Filter`] on (first eight bytes, length).
pub(super) struct Table<S> {
    entries: Vec<(u64, S, usize)>,
    filter: Filter,
    /// The same on the first eight bytes alone.
    heads: Filter,
}

impl<S: AsRef<str>> Table<S> {
    pub(super) fn new(items: impl Iterator<Item = (S, usize)>) -> Table<S> {
        let mut entries: Vec<(u64, S, usize)> = items
            .map(|(text, i)| (prefix_key(text.as_ref()), text, i))
            .collect();
        crate::sort::sort_by(&mut entries, |a, b| {
            a.0.cmp(&b.0).then_with(|| a.1.as_ref().cmp(b.1.as_ref()))
        });
        let (mut filter, mut heads) = (Filter::default(), Filter::default());
        for (key, text, _) in &entries {
            filter.insert(*key, text.as_ref().len());
            heads.insert(*key, 0);
        }
        Table {
            entries,
            filter,
            heads,
        }
    }

    /// Whether some entry may start with the eight bytes of `key` (zero-padded).
    pub(super) fn may_start(&self, key: u64) -> bool {
        self.heads.may_contain(key, 0)
    }

    pub(super) fn find(&self, text: &str) -> Option<usize> {
        let key = prefix_key(text);
        if !self.filter.may_contain(key, text.len()) {
            return None;
        }
        self.entries
            .binary_search_by(|(k, s, _)| k.cmp(&key).then_with(|| s.as_ref().cmp(text)))
            .ok()
            .and_then(|at| self.entries.get(at))
            .map(|(_, _, i)| *i)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_filter_never_hides_an_entry() {
        let words = [
            "arr",
            "annual recurring revenue",
            "renewal date",
            "",
            "ü",
            "x",
        ];
        let table = Table::new(words.iter().enumerate().map(|(i, w)| (*w, i)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.find(w), Some(i), "{w}");
            assert!(table.may_start(prefix_key(w)));
        }
        assert_eq!(table.find("ar"), None);
        assert_eq!(table.find("arrr"), None);
        assert_eq!(table.find("annual recurring revenu"), None);
    }

    #[test]
    fn the_filter_rules_out_most_other_texts() {
        let table = Table::new((0..300).map(|i| (format!("{i:03} synonym"), i)));
        let passed = (300..1300)
            .filter(|i| {
                let text = format!("{i:04} field");
                table.find(&text).is_some()
                    || table.filter.may_contain(prefix_key(&text), text.len())
            })
            .count();
        // One bit per entry out of 2,048: about 14% pass.
        assert!(passed < 250, "{passed} of 1000 passed the filter");
    }
}

/// A synonym table packed for the wasm's data: the labels joined by
/// newlines, and per label one `u16` (meaning << 8 | rank << 1 | whole
/// label only). A `(&str, Meaning, u8, bool)` slice cost 12 bytes of
/// pointer, length and fields per label.
pub struct Synonyms {
    pub text: &'static str,
    pub codes: &'static [u16],
}

impl Synonyms {
    /// `(label, meaning, rank, whole label only)` in table order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, Meaning, u8, bool)> {
        self.text
            .split('\n')
            .zip(self.codes)
            .filter_map(|(label, &code)| decode(code).map(|(m, r, w)| (label, m, r, w)))
    }

    /// The meaning, rank and wholeness of entry `i`.
    pub fn get(&self, i: usize) -> Option<(Meaning, u8, bool)> {
        self.codes.get(i).copied().and_then(decode)
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// Every meaning in declaration order (`MEANINGS[m as usize] == m`): the
/// packed tables store the index.
pub(super) const MEANINGS: [Meaning; 6] = [
    Meaning::Name,
    Meaning::Arr,
    Meaning::ContractValue,
    Meaning::Mrr,
    Meaning::AnnualRevenue,
    Meaning::Renewal,
];

fn decode(code: u16) -> Option<(Meaning, u8, bool)> {
    let meaning = *MEANINGS.get(usize::from(code >> 8))?;
    Some((meaning, ((code >> 1) & 0x7F) as u8, code & 1 == 1))
}

/// The code of one entry (a rank past 127 does not compile).
pub(super) const fn synonym_code(meaning: Meaning, rank: u8, whole: bool) -> u16 {
    assert!(rank < 128);
    (meaning as u16) << 8 | (rank as u16) << 1 | whole as u16
}

/// `synonyms![("account name", Name, 0, PART), …]`: a [`Synonyms`] written
/// as the table it stands for.
macro_rules! synonyms {
    ($(($label:literal, $meaning:ident, $rank:literal, $whole:ident)),* $(,)?) => {
        super::labels_table::Synonyms {
            text: concat!($($label, "\n"),*),
            codes: &[$(super::labels_table::synonym_code($meaning, $rank, $whole)),*],
        }
    };
}
pub(super) use synonyms;
