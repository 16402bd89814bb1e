//! Scenario tests for `defuse::account`.
