//! What the page language says about writing numbers and dates: which mark is
//! the decimal separator and whether a day comes before the month. Only the
//! language tag is known (`<html lang>`), so anything not in the table stays
//! undecided rather than guessed.

use serde::{Deserialize, Serialize};

/// The character that separates whole units from the fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecimalMark {
    Point,
    Comma,
}

impl DecimalMark {
    pub fn as_char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }
}

/// How numeric dates put the day and the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// `31/03/2027`
    DayFirst,
    /// `3/31/2027`
    MonthFirst,
}

/// The number and date conventions of a page; `None` means the tag doesn't decide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Locale {
    pub decimal: Option<DecimalMark>,
    pub date_order: Option<DateOrder>,
}

use DateOrder::{DayFirst, MonthFirst};
use DecimalMark::{Comma, Point};

/// Region-specific conventions, checked before the language alone.
/// Swiss German/French/Italian write `1'234.50`; Latin-American Spanish
/// mostly uses a decimal point.
const REGIONS: &[(&str, &str, Option<DecimalMark>, Option<DateOrder>)] = &[
    ("en", "us", Some(Point), Some(MonthFirst)),
    ("en", "ph", Some(Point), Some(MonthFirst)),
    ("en", "ca", Some(Point), None),
    ("en", "za", None, None),
    ("de", "ch", Some(Point), Some(DayFirst)),
    ("fr", "ch", Some(Point), Some(DayFirst)),
    ("it", "ch", Some(Point), Some(DayFirst)),
    ("fr", "ca", Some(Comma), None),
    ("es", "mx", Some(Point), Some(DayFirst)),
    ("es", "us", Some(Point), Some(MonthFirst)),
];

/// Language defaults. Bare `en` decides the decimal point but not the date
/// order: American and British pages both say `en`.
const LANGUAGES: &[(&str, Option<DecimalMark>, Option<DateOrder>)] = &[
    ("en", Some(Point), None),
    ("de", Some(Comma), Some(DayFirst)),
    ("fr", Some(Comma), Some(DayFirst)),
    ("es", Some(Comma), Some(DayFirst)),
    ("pt", Some(Comma), Some(DayFirst)),
    ("nl", Some(Comma), Some(DayFirst)),
    ("it", Some(Comma), Some(DayFirst)),
    ("da", Some(Comma), Some(DayFirst)),
    ("sv", Some(Comma), None),
    ("nb", Some(Comma), Some(DayFirst)),
    ("fi", Some(Comma), Some(DayFirst)),
    ("pl", Some(Comma), Some(DayFirst)),
    ("hi", Some(Point), Some(DayFirst)),
    ("ja", Some(Point), None),
    ("zh", Some(Point), None),
];

/// English-speaking regions outside the US write the day first.
const DAY_FIRST_ENGLISH: &[&str] = &["gb", "uk", "ie", "au", "nz", "in", "sg", "hk"];

impl Locale {
    /// Reads a BCP 47 tag such as `de-DE`, `en_GB` or `fr`; unknown tags give
    /// an undecided locale.
    pub fn from_lang(tag: &str) -> Locale {
        let lower = tag.trim().to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        let language = parts.next().unwrap_or("");
        let region = parts.find(|p| p.len() == 2).unwrap_or("");
        if let Some((_, _, decimal, date_order)) = REGIONS
            .iter()
            .find(|(l, r, _, _)| *l == language && *r == region)
        {
            return Locale {
                decimal: *decimal,
                date_order: *date_order,
            };
        }
        if language == "en" && DAY_FIRST_ENGLISH.contains(&region) {
            return Locale {
                decimal: Some(Point),
                date_order: Some(DayFirst),
            };
        }
        LANGUAGES
            .iter()
            .find(|(l, _, _)| *l == language)
            .map(|(_, decimal, date_order)| Locale {
                decimal: *decimal,
                date_order: *date_order,
            })
            .unwrap_or_default()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn tags_decide_what_they_can() {
        let l = Locale::from_lang;
        assert_eq!(l("en-US").date_order, Some(MonthFirst));
        assert_eq!(l("en-GB").date_order, Some(DayFirst));
        assert_eq!(l("en_gb").date_order, Some(DayFirst));
        assert_eq!(l("en").date_order, None);
        assert_eq!(l("en").decimal, Some(Point));
        assert_eq!(l("de-DE").decimal, Some(Comma));
        assert_eq!(l("de-CH").decimal, Some(Point));
        assert_eq!(l("fr").date_order, Some(DayFirst));
        assert_eq!(l("pt-BR").decimal, Some(Comma));
        assert_eq!(l("nl-NL").date_order, Some(DayFirst));
        assert_eq!(l("zz"), Locale::default());
        assert_eq!(l(""), Locale::default());
    }
}
