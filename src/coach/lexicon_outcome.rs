//! The words the outcome rules read: hedges that keep an outcome an
//! estimate, promises of communication, the outcomes a fix promise is about
//! and the markers that turn an outcome into a promise. Same format as
//! [`super::lexicon`], which re-exports them.

/// Words that keep an outcome an estimate, not a promise.
pub static HEDGES: crate::words::WordList = crate::words::word_list![
    "may",
    "might",
    "could",
    "hope",
    "hoping",
    "aim",
    "aiming",
    "target",
    "estimate",
    "estimated",
    "tentative*",
    "if all goes well",
    "try to",
    "trying to",
    "i think",
    "we think",
    "probably",
];

/// A promise of communication: a time attached to it is not a fix time.
pub static COMMUNICATION: crate::words::WordList = crate::words::word_list![
    "hear from",
    "update you",
    "an update",
    "status update",
    "next update",
    "send",
    "write",
    "call you",
    "email you",
    "confirm",
    "report back",
    "let you know",
    "get back",
    "post",
    "share",
    "reply",
    "message you",
    "check in",
    "come back to you",
    "be in touch",
    "reach out",
    "follow up",
    "next note",
];

/// The outcome a fix promise is about.
pub static OUTCOMES: crate::words::WordList = crate::words::word_list![
    "fixed",
    "resolved",
    "resolution",
    "restored",
    "working again",
    "up and running",
    "back",
    "live",
    "released",
    "patched",
    "solved",
    "repaired",
    "recovered",
    "deployed",
    "sorted",
    "a fix",
    "the fix",
    "fully functional",
    "operational",
];

/// The future, or certainty, that turns an outcome into a promise.
pub static PROMISE_MARKERS: crate::words::WordList = crate::words::word_list![
    "will",
    "*'ll",
    "going to",
    "should",
    "expect",
    "expects",
    "expected",
    "confident",
    "shall",
    "gonna",
    "definitely",
];
