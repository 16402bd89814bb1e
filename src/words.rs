//! Word lists as data that compresses: [`word_list!`] is written like a
//! `&[&str]` literal but stores one newline-joined string, split into a
//! `Vec<&str>` on first use. A `&[&str]` literal costs 8 bytes of pointer and
//! length per entry in the wasm's data section, bytes gzip barely shrinks
//! (the coach and the page reader hold ≈2,000 entries); the joined text
//! compresses like prose. Readers take the lists as `&[&str]` as before.

/// A list built by [`word_list!`]; derefs to `[&'static str]`.
pub type WordList = std::sync::LazyLock<Vec<&'static str>>;

/// `word_list!["a", "b"]`: a [`WordList`] holding `["a", "b"]`, in order.
/// Entries never contain a newline (they are words and phrases).
macro_rules! word_list {
    ($($word:literal),* $(,)?) => {
        std::sync::LazyLock::new(|| $crate::words::split(concat!($($word, "\n"),*)))
    };
}
pub(crate) use word_list;

/// The entries of a `word_list!`: its text split at each `\n` terminator.
pub(crate) fn split(joined: &'static str) -> Vec<&'static str> {
    joined.split_terminator('\n').collect()
}

#[cfg(test)]
mod tests {
    static LIST: super::WordList = super::word_list!["a b", "", "c*",];
    static EMPTY: super::WordList = super::word_list![];

    #[test]
    fn holds_the_entries_in_order() {
        assert_eq!(LIST.as_slice(), ["a b", "", "c*"]);
        assert!(EMPTY.is_empty());
    }
}
