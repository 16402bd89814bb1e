//! The eight triage questions as data: stable keys, the playbook's exact
//! wording, and the structured choices for the two answers the engine acts on.

crate::unit_enum! {
    /// Stable key of a triage question (never renumbered: records store it).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum TriageKey {
        StatedProblem = "stated-problem",
        Impact = "impact",
        Started = "started",
        HappenedBefore = "happened-before",
        MostAffected = "most-affected",
        ArrRenewal = "arr-renewal",
        CauseKind = "cause-kind",
        DesiredOutcome = "desired-outcome",
    }
}

/// The questions in the playbook's order, with its exact wording.
pub const TRIAGE_QUESTIONS: [(TriageKey, &str); 8] = [
    (
        TriageKey::StatedProblem,
        "What is the customer's stated problem?",
    ),
    (
        TriageKey::Impact,
        "What is the actual technical or business impact?",
    ),
    (TriageKey::Started, "When did this start?"),
    (TriageKey::HappenedBefore, "Has this happened before?"),
    (
        TriageKey::MostAffected,
        "Who at the customer is most affected?",
    ),
    (TriageKey::ArrRenewal, "What is the ARR / renewal timeline?"),
    (
        TriageKey::CauseKind,
        "Is this a product bug, configuration issue, or process failure?",
    ),
    (
        TriageKey::DesiredOutcome,
        "What outcome does the customer want?",
    ),
];

impl TriageKey {
    pub fn question(self) -> &'static str {
        TRIAGE_QUESTIONS
            .iter()
            .find(|(key, _)| *key == self)
            .map_or("", |(_, text)| text)
    }
}

crate::unit_enum! {
    /// What caused the escalation: the triage answer to "product bug,
    /// configuration issue, or process failure?", the root cause recorded at
    /// resolution and the close-out's root-cause section. One type for all three,
    /// so a choice made in triage carries through unchanged.
    ///
    /// Stored logs used other names for the same choices (`product-bug` and
    /// `configuration-issue` in triage answers, `other` in close-out input); they
    /// are still read, and the names below are what is written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum RootCause {
        // The aliases are the stored names above, each variant's names in
        // sorted order (serde's "expected one of" lists them so).
        ProductDefect = "product-bug" | "product-defect" => "product-defect",
        Configuration = "configuration" | "configuration-issue" => "configuration",
        ProcessFailure = "process-failure",
        Unknown = "other" | "unknown" => "unknown",
    }
}

impl RootCause {
    /// Every choice, in the order a form offers them.
    pub const ALL: [RootCause; 4] = [
        RootCause::ProductDefect,
        RootCause::Configuration,
        RootCause::ProcessFailure,
        RootCause::Unknown,
    ];

    /// The choice as the CSM reads it in a form.
    pub fn label(self) -> &'static str {
        match self {
            RootCause::ProductDefect => "Product defect",
            RootCause::Configuration => "Configuration issue",
            RootCause::ProcessFailure => "Process failure",
            RootCause::Unknown => "Other / not known yet",
        }
    }
}

crate::unit_enum! {
    /// What the customer wants: the question the playbook says matters most.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DesiredOutcome {
        Acknowledgment = "acknowledgment",
        Fix = "fix",
        Accountability = "accountability",
    }
}
