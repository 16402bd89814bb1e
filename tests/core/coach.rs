//! Scenario tests for `defuse::coach`.
