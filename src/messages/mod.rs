//! Every message of the playbook (acknowledgment, loop-in, DRI announcement,
//! daily update, close-out, restoration), filled from the escalation.
