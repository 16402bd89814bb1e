//! The escalation engine: the playbook as an append-only event log, the state
//! fold over it, deadlines for a given `now`, DRI rules, severity and merging.
