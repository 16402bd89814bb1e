//! The draft coach (the playbook's anti-patterns, with highlight offsets) and
//! the escalation-signal scorer for page conversation text.
