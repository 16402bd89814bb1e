//! The customer's time zone as the page states it: an account fact like ARR.
//! CRMs show it in a "Time Zone" field, as a bare IANA name
//! (`America/Chicago`) or wrapped in a label (`(GMT-06:00) America/Chicago`).
//! Only a zone the caller's rules know is returned, so a promised time is
//! never computed in a zone nobody can resolve.

use super::Snapshot;
use crate::case::Lowercase;

/// Field labels that name the customer's time zone, in the page languages
/// the extractor reads (matched case-insensitively, as substrings).
const ZONE_LABELS: [&str; 9] = [
    "time zone",
    "timezone",
    "time-zone",
    "zeitzone",
    "fuseau",
    "zona horaria",
    "fuso",
    "tijdzone",
    "tidszon",
];

/// The first visible zone field's IANA name that `knows` accepts.
pub fn page_zone(snapshot: &Snapshot, knows: &dyn Fn(&str) -> bool) -> Option<String> {
    snapshot
        .fields
        .iter()
        .filter(|c| !c.hidden)
        .filter(|c| {
            let label = c.label.lowercase();
            ZONE_LABELS.iter().any(|l| label.contains(l))
        })
        .find_map(|c| zone_in(&c.value, knows))
}

/// An IANA-looking token (`Area/Location`) of `text` that `knows` accepts.
fn zone_in(text: &str, knows: &dyn Fn(&str) -> bool) -> Option<String> {
    text.split(|ch: char| ch.is_whitespace() || matches!(ch, '(' | ')' | ',' | ';'))
        .map(|t| t.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '_'))
        .filter(|t| t.contains('/') && t.chars().next().is_some_and(char::is_alphabetic))
        .find(|t| knows(t))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::Candidate;

    fn snap(label: &str, value: &str, hidden: bool) -> Snapshot {
        Snapshot {
            fields: vec![Candidate {
                label: label.into(),
                value: value.into(),
                hidden,
                ..Candidate::default()
            }],
            ..Snapshot::default()
        }
    }

    #[test]
    fn reads_a_known_zone_from_a_zone_field() {
        let knows = |z: &str| matches!(z, "America/Chicago" | "Europe/Berlin");
        assert_eq!(
            page_zone(
                &snap("Customer Time Zone", "America/Chicago", false),
                &knows
            ),
            Some("America/Chicago".into())
        );
        assert_eq!(
            page_zone(
                &snap("Zeitzone", "(GMT+01:00) Europe/Berlin", false),
                &knows
            ),
            Some("Europe/Berlin".into())
        );
        // Unknown zones, hidden copies and other fields are not a zone.
        assert_eq!(
            page_zone(&snap("Time zone", "Mars/Olympus", false), &knows),
            None
        );
        assert_eq!(
            page_zone(&snap("Time zone", "America/Chicago", true), &knows),
            None
        );
        assert_eq!(
            page_zone(&snap("Region", "America/Chicago", false), &knows),
            None
        );
    }
}
