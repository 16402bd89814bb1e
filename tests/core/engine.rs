//! Scenario tests for `defuse::engine`.
