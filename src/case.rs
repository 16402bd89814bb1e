//! Unicode lowercasing with the same result as std's `str::to_lowercase` /
//! `char::to_lowercase`, from compact tables: std's conversion tables (a
//! `(char, u32)` pair per mapped character) cost ~10 KB gzip of the wasm's
//! data, these ranges a tenth of it. A test compares every character (and
//! the final-sigma rule) with std, and prints the regenerated tables when a
//! Rust update moves Unicode.

#[path = "case_tables.rs"]
#[rustfmt::skip]
mod tables;

use tables::{CLASS_RUNS, LOWER};

/// `s` lowercased exactly as `str::to_lowercase` does (final sigma included).
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == 'Σ' {
            out.push(if final_sigma(s, i) { 'ς' } else { 'σ' });
        } else {
            push_lower(&mut out, c);
        }
    }
    out
}

/// `.lowercase()` on text: `lower` as a method, so call sites read as
/// std's `.to_lowercase()` did.
pub trait Lowercase {
    fn lowercase(&self) -> String;
}

impl Lowercase for str {
    fn lowercase(&self) -> String {
        lower(self)
    }
}

/// Appends `c` lowercased exactly as `char::to_lowercase` does.
pub fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == 'İ' {
        // The one character whose lowercase is two characters.
        out.push('i');
        out.push('\u{307}');
    } else {
        out.push(lower_one(c));
    }
}

/// Each entry of `LOWER`: start (bits 0..21), length (21..28), stride 2
/// (bit 28), then the delta every character of the range moves by.
fn lower_one(c: char) -> char {
    let code = u32::from(c);
    let start = |e: &(u32, i32)| e.0 & 0x1F_FFFF;
    let at = LOWER.partition_point(|e| start(e) <= code);
    let Some(&(packed, delta)) = at.checked_sub(1).and_then(|i| LOWER.get(i)) else {
        return c;
    };
    let first = packed & 0x1F_FFFF;
    let len = (packed >> 21) & 0x7F;
    let stride = if (packed >> 28) & 1 == 1 { 2 } else { 1 };
    let offset = code - first;
    if offset % stride != 0 || offset / stride >= len {
        return c;
    }
    code.checked_add_signed(delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// What the final-sigma rule sees in a character: 1 case-ignorable, 2 cased
/// (and not ignorable), 0 neither. `CLASS_RUNS` holds runs from U+0000 as
/// LEB128 numbers `length << 2 | class`; only read when a `Σ` is lowercased.
fn class(c: char) -> u32 {
    let code = u32::from(c);
    class_runs()
        .find(|&(_, end, _)| code < end)
        .map_or(0, |(_, _, class)| class)
}

/// `CLASS_RUNS` decoded, in order: (first code, end code exclusive, class).
fn class_runs() -> impl Iterator<Item = (u32, u32, u32)> {
    let (mut at, mut value, mut shift) = (0u32, 0u32, 0u32);
    CLASS_RUNS.iter().filter_map(move |&byte| {
        value |= u32::from(byte & 0x7F) << shift;
        shift += 7;
        if byte & 0x80 != 0 {
            return None;
        }
        let run = (at, at + (value >> 2), value & 3);
        at = run.1;
        (value, shift) = (0, 0);
        Some(run)
    })
}

/// std's `Final_Sigma`: a cased letter before (past case-ignorable ones) and
/// none after.
fn final_sigma(s: &str, i: usize) -> bool {
    fn ignorable_then_cased(mut chars: impl Iterator<Item = char>) -> bool {
        chars
            .find(|&c| class(c) != 1)
            .is_some_and(|c| class(c) == 2)
    }
    let before = s.get(..i).unwrap_or("");
    let after = s.get(i + 'Σ'.len_utf8()..).unwrap_or("");
    ignorable_then_cased(before.chars().rev()) && !ignorable_then_cased(after.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The class of `c` as std's final-sigma rule reads it.
    fn std_class(c: char) -> u32 {
        // "{c}Σ" ends in ς iff c is cased and not ignorable; "A{c}Σ" iff c
        // is ignorable or cased. Whether an ignorable letter is cased never
        // matters: std skips it.
        let mut text = String::with_capacity(8);
        text.push(c);
        text.push('Σ');
        let alone = text.to_lowercase().ends_with('ς');
        text.insert(0, 'A');
        let after_a = text.to_lowercase().ends_with('ς');
        match (alone, after_a) {
            (true, _) => 2,
            (false, true) => 1,
            _ => 0,
        }
    }

    fn generated() -> String {
        let mut singles: Vec<(u32, i32)> = Vec::new();
        let mut classes: Vec<u32> = Vec::new();
        for code in 0..=0x10_FFFFu32 {
            let Some(c) = char::from_u32(code) else {
                // Surrogates: carry the previous class so runs stay long.
                classes.push(classes.last().copied().unwrap_or(0));
                continue;
            };
            let mut low = c.to_lowercase();
            if let (Some(l), None) = (low.next(), low.next()) {
                if l != c {
                    singles.push((code, l as i32 - code as i32));
                }
            }
            classes.push(std_class(c));
        }
        let mut lower = String::new();
        let mut i = 0;
        while let Some(&(first, delta)) = singles.get(i) {
            let mut best = (1u32, 1u32);
            for stride in [1u32, 2] {
                let mut n = 1u32;
                while n < 127 && singles.get(i + n as usize) == Some(&(first + n * stride, delta)) {
                    n += 1;
                }
                if n > best.1 {
                    best = (stride, n);
                }
            }
            let packed = first | best.1 << 21 | u32::from(best.0 == 2) << 28;
            lower.push_str(&format!("({packed:#x},{delta}),"));
            i += best.1 as usize;
        }
        let mut runs = String::new();
        let mut start = 0usize;
        while start < classes.len() {
            let class = classes.get(start).copied().unwrap_or(0);
            let mut end = start;
            while classes.get(end) == Some(&class) {
                end += 1;
            }
            let mut value = ((end - start) as u32) << 2 | class;
            loop {
                let byte = (value & 0x7F) as u8;
                value >>= 7;
                if value == 0 {
                    runs.push_str(&format!("\\x{byte:02x}"));
                    break;
                }
                runs.push_str(&format!("\\x{:02x}", byte | 0x80));
            }
            start = end;
        }
        format!(
            "// @generated by `cargo test --lib case` (the test prints this file when std's\n\
             // Unicode moves). Do not edit.\n\
             //! Tables of `case.rs`: lowercase ranges and final-sigma classes.\n\n\
             pub(super) const LOWER: &[(u32, i32)] = &[{lower}];\n\n\
             pub(super) const CLASS_RUNS: &[u8] = b\"{runs}\";\n"
        )
    }

    #[test]
    fn tables_are_what_std_says() {
        let file = include_str!("case_tables.rs");
        let fresh = generated();
        if std::env::var_os("REGENERATE_CASE").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/case_tables.rs");
            assert!(std::fs::write(path, &fresh).is_ok());
        }
        assert!(file == fresh, "regenerate src/case_tables.rs:\n{fresh}");
    }

    #[test]
    fn every_char_lowercases_as_std() {
        for code in 0..=0x10_FFFFu32 {
            if let Some(c) = char::from_u32(code) {
                let mut ours = String::new();
                push_lower(&mut ours, c);
                assert_eq!(ours, c.to_lowercase().collect::<String>(), "{code:#x}");
            }
        }
    }

    #[test]
    fn class_reads_its_runs_back() {
        // Every run's first and last character (the table itself is checked
        // against std above), and one inside each run; the runs cover all
        // of Unicode.
        let mut covered = 0u32;
        for (at, end, class_of_run) in class_runs() {
            assert_eq!(at, covered);
            for code in [at, (at + end) / 2, end - 1] {
                if let Some(c) = char::from_u32(code) {
                    assert_eq!(class(c), class_of_run, "{code:#x}");
                }
            }
            covered = end;
        }
        assert_eq!(covered, 0x11_0000);
    }

    #[test]
    fn strings_lowercase_as_std_with_final_sigma() {
        for s in [
            "ΟΔΟΣ",
            "ΟΔΟΣ ΚΑΙ",
            "Σ",
            "ΑΣ'",
            "ΑΣ'Β",
            "A\u{301}Σ",
            "1Σ2",
            "ΣΑΣ.",
            "İSTANBUL",
            "Größe ÅNGSTRÖM",
            "",
        ] {
            assert_eq!(lower(s), s.to_lowercase(), "{s}");
        }
    }
}
