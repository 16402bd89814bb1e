//! Reading the storage key list fast: the wake-up splits 30,000 keys at
//! every start of the worker, in wasm at opt-level "z", where the `str`
//! pattern API (`split`, `split_once`) costs more than the bytes.

/// The lines of a key list: a byte loop, no pattern searcher.
pub(super) struct Lines<'a>(pub(super) &'a str);

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.0.is_empty() {
            return None;
        }
        let text = self.0;
        let end = newline(text.as_bytes());
        let (line, rest) = match end {
            Some(n) => (text.get(..n)?, text.get(n + 1..)?),
            None => (text, ""),
        };
        self.0 = rest;
        Some(line)
    }
}

/// The first "\n" in `b`, eight bytes at a time (SWAR: a byte equal to
/// "\n" becomes zero, and the lowest zero byte is found exactly).
fn newline(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    while let Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) = b.get(at..at + 8) {
        let w = u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
        let x = w ^ (ONES * u64::from(b'\n'));
        let zero = x.wrapping_sub(ONES) & !x & HIGH;
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    b.get(at..)?
        .iter()
        .position(|&c| c == b'\n')
        .map(|p| at + p)
}

/// `a:b` split at the first colon, by a byte loop (ASCII, so the halves
/// are on char boundaries).
pub(super) fn split_colon(s: &str) -> Option<(&str, &str)> {
    let n = s.bytes().position(|b| b == b':')?;
    Some((s.get(..n)?, s.get(n + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::WakeUp;

    #[test]
    fn lines_split_like_split() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "\n\nb",
            "0123456789abcdef\n01234567\n\n0123456\nx",
        ] {
            let want: Vec<&str> = text.split('\n').filter(|l| !l.is_empty()).collect();
            let got: Vec<&str> = Lines(text).filter(|l| !l.is_empty()).collect();
            assert_eq!(got, want, "{text:?}");
        }
        assert_eq!(newline(b"0123456789\nx"), Some(10));
        assert_eq!(newline(b"01234567"), None);
    }

    #[test]
    fn scattered_keys_join_their_group() {
        // An escalation's keys need not be listed together: each run of
        // them is kept, and the group's source is that of all its keys.
        let keys = [
            "defuse:ev:a:first-event-id-longer-than-eight",
            "defuse:ev:b:1",
            "defuse:draft:a:update.eta",
            "defuse:ev:a:2",
            "defuse:ev:a:3",
            "defuse:ev:ab:4",
            "defuse:ev:a:",
            "defuse:ev::5",
            "defuse:ev:b:6:with:colons",
        ];
        // No fold: the panel reads every event, by escalation, then the
        // keys that name none.
        let now = chrono::DateTime::UNIX_EPOCH;
        assert_eq!(
            WakeUp::from_keys(&keys).panel_keys(now),
            [
                "defuse:draft:a:update.eta",
                "defuse:ev:a:first-event-id-longer-than-eight",
                "defuse:ev:a:2",
                "defuse:ev:a:3",
                "defuse:ev:ab:4",
                "defuse:ev:b:1",
                "defuse:ev:b:6:with:colons",
                "defuse:ev:a:",
                "defuse:ev::5",
            ]
        );
    }
}
