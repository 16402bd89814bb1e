//! Scenario tests for `defuse::messages`.
