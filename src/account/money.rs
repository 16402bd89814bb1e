//! Exact money amounts. Money is never a float: amounts are integers in
//! hundredths of the major unit, with the ISO currency code when known.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An exact amount, e.g. `1200000.50 EUR` is `Money { cents: 120000050, currency: Some("EUR") }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Hundredths of the major unit (cents, pence, …).
    pub cents: i64,
    /// ISO 4217 code (`USD`, `EUR`, …) when the page said which currency.
    pub currency: Option<String>,
}

impl Money {
    /// A plain decimal in major units, as the panel's `data-amount`: `1200000.50`,
    /// `1200000` when there are no cents.
    pub fn to_decimal_string(&self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        let (major, minor) = (abs / 100, abs % 100);
        if minor == 0 {
            format!("{sign}{major}")
        } else {
            format!("{sign}{major}.{minor:02}")
        }
    }

    /// Whole major units, rounded toward zero (what severity thresholds use).
    pub fn major_units(&self) -> i64 {
        self.cents / 100
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.to_decimal_string();
        match &self.currency {
            Some(c) => write!(f, "{s} {c}"),
            None => write!(f, "{s}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_string_is_plain_major_units() {
        let m = |cents| Money {
            cents,
            currency: None,
        };
        assert_eq!(m(120000050).to_decimal_string(), "1200000.50");
        assert_eq!(m(120000000).to_decimal_string(), "1200000");
        assert_eq!(m(-5).to_decimal_string(), "-0.05");
    }
}
