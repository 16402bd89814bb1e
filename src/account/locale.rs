//! What the page language says about writing numbers and dates: which mark is
//! the decimal separator, whether a day comes before the month, and (through
//! the CLDR tables) its month names, scale words and currency. Only the
//! language tag is known (`<html lang>`), so anything the tag doesn't decide
//! stays undecided rather than guessed.

use super::cldr::{self, LocaleData};
use serde::{Deserialize, Serialize};

crate::unit_enum! {
    /// The character that separates whole units from the fraction.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DecimalMark {
        Point = "point",
        Comma = "comma",
    }
}

impl DecimalMark {
    pub fn as_char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }
}

crate::unit_enum! {
    /// How numeric dates put the day and the month.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DateOrder {
        /// `31/03/2027`
        DayFirst = "day-first",
        /// `3/31/2027`
        MonthFirst = "month-first",
    }
}

/// The number and date conventions of a page; `None` means the tag doesn't decide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Locale {
    pub decimal: Option<DecimalMark>,
    pub date_order: Option<DateOrder>,
    /// What CLDR knows about the tag (names, scale words, currency).
    #[serde(skip)]
    pub(crate) cldr: Option<LocaleData>,
}

use DateOrder::{DayFirst, MonthFirst};
use DecimalMark::{Comma, Point};

/// Record `order` values (see `cldr_tables.rs`) where the year comes last.
const DAY_MONTH_YEAR: u8 = 0;
const MONTH_DAY_YEAR: u8 = 1;

fn day_month(order: u8) -> Option<DateOrder> {
    match order {
        DAY_MONTH_YEAR | 3 => Some(DayFirst),
        MONTH_DAY_YEAR | 2 => Some(MonthFirst),
        _ => None,
    }
}

impl Locale {
    /// Reads a BCP 47 tag such as `de-DE`, `en_GB` or `fr`; unknown tags give
    /// an undecided locale.
    pub fn from_lang(tag: &str) -> Locale {
        let Some(data) = cldr::lookup(tag) else {
            return Locale::default();
        };
        let Some(record) = data.record() else {
            return Locale::default();
        };
        let decimal = match record.decimal {
            '.' => Some(Point),
            ',' => Some(Comma),
            _ => None,
        };
        let mut date_order = day_month(record.order);
        if !data.region_given {
            // `en` is American and British alike: a bare language decides
            // the order only when all its countries that write the year last agree.
            let language = tag.trim().split(['-', '_']).next().unwrap_or("");
            let lower = language.to_ascii_lowercase();
            let year_last = |o: u8| matches!(o, DAY_MONTH_YEAR | MONTH_DAY_YEAR);
            let orders = std::iter::once(record)
                .chain(cldr::variants(&lower))
                .filter(|r| year_last(r.order))
                .map(|r| day_month(r.order));
            let mut seen = orders.collect::<Vec<_>>();
            seen.dedup();
            date_order = match seen.as_slice() {
                [one] => *one,
                [] => date_order,
                _ => None,
            };
        }
        Locale {
            decimal,
            date_order,
            cldr: Some(data),
        }
    }

    /// The locale's CLDR record, when the tag is known.
    pub(super) fn record(&self) -> Option<&'static cldr::Record> {
        self.cldr.and_then(|d| d.record())
    }

    /// The locale's own currency (its region's), as an ISO code.
    pub fn own_currency(&self) -> Option<&'static str> {
        self.cldr.and_then(|d| d.currency).and_then(cldr::code)
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
        assert_eq!(l("ko-KR").date_order, Some(MonthFirst));
        assert_eq!(l("de-CH").own_currency(), Some("CHF"));
        assert_eq!(l("fr-CA").decimal, Some(Comma));
        assert_eq!(l("zz"), Locale::default());
        assert_eq!(l(""), Locale::default());
    }
}
