//! Who owns the next action, read from the grammar of each clause: the
//! subject of an auxiliary or present-tense verb of working on the problem
//! ("engineers are reverting", "the Billing team is monitoring", "we will
//! look into it", "Priya is testing", "I'll send"), including subjects left
//! out after "and" ("we've found it and are deploying a fix") and passives
//! with no owner at all ("is being investigated").

use super::text::{Doc, Hit, Token};

/// The kind of owner a clause names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    /// "I", or a named person.
    Person,
    /// "we", "someone", "the team", or nobody (a passive).
    Vague,
    /// Plural people or a named team or department: "engineers", "the
    /// Billing Platform team", "support".
    Group,
}

/// One clause's owner, with the words to highlight (subject to auxiliary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Claim {
    pub owner: Owner,
    pub span: Hit,
    pub sentence: u32,
}

static AUXILIARIES: crate::words::WordList = crate::words::word_list![
    "is",
    "are",
    "am",
    "will",
    "shall",
    "continue",
    "continues",
    "continuing",
    "remain",
    "remains",
    "keep",
    "keeps",
    "been",
];

static ADVERBS: crate::words::WordList = crate::words::word_list![
    "still",
    "currently",
    "now",
    "actively",
    "all",
    "both",
    "also",
    "already",
    "closely",
    "personally",
    "jointly",
    "be",
    "being",
    "to",
    "going",
];

/// Stems of verbs that work on the problem or promise to report on it.
static ACTIONS: crate::words::WordList = crate::words::word_list![
    "investigat",
    "look",
    "work",
    "monitor",
    "review",
    "handl",
    "check",
    "fix",
    "deploy",
    "revert",
    "roll",
    "dig",
    "examin",
    "assess",
    "test",
    "implement",
    "address",
    "resolv",
    "restor",
    "repair",
    "patch",
    "diagnos",
    "troubleshoot",
    "track",
    "coordinat",
    "follow",
    "reach",
    "updat",
    "sort",
    "rebuild",
    "reboot",
    "replac",
    "restart",
    "watch",
    "provid",
    "post",
    "shar",
    "respond",
    "contact",
    "get",
    "circl",
    "keep",
    "let",
    "pursu",
    "mitigat",
    "remediat",
    "engag",
    "recover",
    "driv",
    "lead",
    "rerun",
    "comparing",
    "on",
    "in",
];

/// Work still to be done when said in the passive ("is being investigated",
/// "will be looked into"); "will be fixed" is an outcome, not an owner.
static PASSIVE_WORK: crate::words::WordList = crate::words::word_list![
    "investigat",
    "look",
    "review",
    "handl",
    "address",
    "work",
    "check",
    "examin",
    "assess",
    "implement",
    "test",
    "track",
    "escalat",
    "process",
    "roll",
    "monitor",
];

static PLURAL_PEOPLE: crate::words::WordList = crate::words::word_list![
    "engineers",
    "developers",
    "devs",
    "technicians",
    "specialists",
    "folks",
    "staff",
    "teams",
    "colleagues",
    "experts",
    "engineering",
    "support",
    "ops",
    "devops",
    "sre",
    "qa",
    "departments",
];

static TEAM_WORDS: crate::words::WordList =
    crate::words::word_list!["team", "group", "department", "org", "squad", "crew"];

static DETERMINERS: crate::words::WordList =
    crate::words::word_list!["the", "our", "a", "your", "this", "that", "my"];

static VAGUE_QUALIFIERS: crate::words::WordList =
    crate::words::word_list!["relevant", "appropriate", "right", "responsible", "proper"];

static SOMEONE: crate::words::WordList =
    crate::words::word_list!["someone", "somebody", "anyone", "member"];

/// Words that start a clause's subject, scanning back over a left-out one.
static SUBJECT_WORDS: crate::words::WordList = crate::words::word_list![
    "i", "i'm", "i'll", "i've", "i'd", "we", "we're", "we'll", "we've", "they", "they're",
    "they'll",
];

/// After "I": feelings and hand-offs, not ownership ("I'm sorry", "I've
/// passed it to the developers").
static NOT_OWNING: crate::words::WordList = crate::words::word_list![
    "sorry",
    "afraid",
    "glad",
    "happy",
    "aware",
    "hear",
    "understand",
    "know",
    "see",
    "recognize",
    "recognise",
    "apologize",
    "apologise",
    "appreciate",
    "realize",
    "get",
    "think",
    "believe",
    "feel",
    "want",
    "wanted",
    "hope",
    "regret",
    "really",
    "truly",
    "so",
    "passed",
    "forwarded",
    "handed",
    "escalated",
    "flagged",
    "raised",
    "logged",
    "can",
    "can't",
    "cannot",
    "don't",
    "do",
    "won't",
    "am",
    "was",
    "just",
    "completely",
    "read",
    "received",
    "noted",
    "would",
];

/// Whether `word` (followed by `next`) works on the problem. Some verbs only
/// do with their particle: "working on it" is, "working again" is not.
fn is_action(word: &str, next: &str) -> bool {
    let needs =
        |stem: &str, particles: &[&str]| word.starts_with(stem) && !particles.contains(&next);
    if needs(
        "work",
        &["on", "to", "with", "through", "hard", "around", "closely"],
    ) || needs("look", &["into", "at", "for"])
        || needs("keep", &["you"])
        || needs("let", &["you", "us"])
        || needs("get", &["back", "this", "it", "that"])
        || needs("follow", &["up"])
        || needs("reach", &["out"])
        || needs("circl", &["back"])
    {
        return false;
    }
    match word {
        "in" => next == "touch",
        "on" => matches!(next, "it" | "this"),
        _ => ACTIONS.iter().any(|stem| word.starts_with(stem)),
    }
}

/// The subject a contraction carries: "we're" is "we".
fn contraction_subject(word: &str) -> Option<&str> {
    let (subject, rest) = word.split_once('\'')?;
    matches!(rest, "re" | "ll" | "m" | "s" | "ve" | "d").then_some(subject)
}

fn classify(doc: &Doc, at: usize) -> Option<Owner> {
    let token = doc.tokens.get(at)?;
    let word = token.text.as_str();
    let subject = contraction_subject(word).unwrap_or(word);
    match subject {
        "i" => return Some(Owner::Person),
        "we" => return Some(Owner::Vague),
        "you" | "it" | "this" | "that" | "there" | "which" | "what" => return None,
        "they" | "who" => return antecedent(doc, at),
        _ => {}
    }
    if SOMEONE.contains(&subject) {
        return Some(Owner::Vague);
    }
    if PLURAL_PEOPLE.contains(&subject) {
        return Some(Owner::Group);
    }
    if TEAM_WORDS.contains(&subject) || PLURAL_PEOPLE.contains(&subject) {
        // "Someone from our engineering group", "Leo from our platform team":
        // the head of the subject is before the group.
        let from = at.saturating_sub(6).max(doc.sentence_start(token.sentence));
        for b in (from..at).rev() {
            let w = doc.word(b);
            if SOMEONE.contains(&w) {
                return Some(Owner::Vague);
            }
            let named_before = b
                .checked_sub(1)
                .and_then(|n| doc.tokens.get(n))
                .is_some_and(|t| {
                    t.capitalized && t.text != "i" && !SOMEONE.contains(&t.text.as_str())
                });
            if matches!(w, "from" | "on" | "in" | "of") && named_before {
                return Some(Owner::Person);
            }
        }
    }
    if TEAM_WORDS.contains(&subject) {
        let before = at.checked_sub(1).map_or("", |b| doc.word(b));
        let qualified = at
            .checked_sub(1)
            .and_then(|b| doc.tokens.get(b))
            .is_some_and(|t| {
                t.capitalized
                    && t.sentence == token.sentence
                    && !DETERMINERS.contains(&t.text.as_str())
            });
        if VAGUE_QUALIFIERS.contains(&before) {
            return Some(Owner::Vague);
        }
        return Some(if DETERMINERS.contains(&before) && !qualified {
            Owner::Vague
        } else {
            Owner::Group
        });
    }
    if is_name(doc, at) {
        return Some(Owner::Person);
    }
    None
}

/// A capitalized word that reads as a person's name: not the first word of
/// its sentence unless a surname or "from our…" follows.
fn is_name(doc: &Doc, at: usize) -> bool {
    let Some(token) = doc.tokens.get(at) else {
        return false;
    };
    if !token.capitalized || token.text == "i" {
        return false;
    }
    let first_in_sentence = doc.sentence_start(token.sentence) == at;
    let previous_capitalized = at
        .checked_sub(1)
        .and_then(|b| doc.tokens.get(b))
        .is_some_and(|t| t.capitalized && t.sentence == token.sentence);
    !first_in_sentence || previous_capitalized
}

/// "they" and "who" take the owner of the nearest earlier group or person.
fn antecedent(doc: &Doc, at: usize) -> Option<Owner> {
    let from = at.saturating_sub(12);
    (from..at).rev().find_map(|b| {
        let word = doc.word(b);
        if PLURAL_PEOPLE.contains(&word) || TEAM_WORDS.contains(&word) {
            classify(doc, b)
        } else {
            None
        }
    })
}

/// The subject of the verb group starting at `aux`: the word before it
/// (over adverbs), or, after "and"/"but", the nearest earlier subject.
fn subject_before(doc: &Doc, aux: usize) -> Option<usize> {
    let sentence = doc.tokens.get(aux)?.sentence;
    let mut at = aux.checked_sub(1)?;
    // Over adverbs and a leading auxiliary: "we will continue to…".
    while ADVERBS.contains(&doc.word(at)) || matches!(doc.word(at), "will" | "shall" | "would") {
        at = at.checked_sub(1)?;
    }
    if doc.tokens.get(at)?.sentence != sentence {
        return None;
    }
    if matches!(doc.word(at), "and" | "but" | "then" | "or") {
        let from = at.saturating_sub(15).max(doc.sentence_start(sentence));
        return (from..at).rev().find(|b| {
            let w = doc.word(*b);
            SUBJECT_WORDS.contains(&w)
                || PLURAL_PEOPLE.contains(&w)
                || TEAM_WORDS.contains(&w)
                || SOMEONE.contains(&w)
        });
    }
    Some(at)
}

/// "diligently", "actively": an adverb of manner between auxiliary and verb.
fn is_manner(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && !matches!(word, "reply" | "apply" | "supply")
}

/// The verb after an auxiliary (over adverbs, "be", "to"): its index.
fn verb_after(tokens: &[Token], aux: usize) -> Option<usize> {
    let sentence = tokens.get(aux)?.sentence;
    let mut at = aux + 1;
    while tokens
        .get(at)
        .is_some_and(|t| ADVERBS.contains(&t.text.as_str()) || is_manner(&t.text))
        && at < aux + 4
    {
        at += 1;
    }
    tokens
        .get(at)
        .filter(|t| t.sentence == sentence)
        .map(|_| at)
}

/// Every clause whose verb is work on the problem or a report about it,
/// with the kind of owner its subject names.
pub(super) fn claims(doc: &Doc) -> Vec<Claim> {
    let mut found = Vec::new();
    for at in 0..doc.tokens.len() {
        let word = doc.word(at);
        let contracted = contraction_subject(word).is_some()
            && SUBJECT_WORDS.contains(&word)
            && !word.ends_with("'ve")
            && !word.ends_with("'d");
        let aux = AUXILIARIES.contains(&word)
            && (word != "been"
                || at
                    .checked_sub(1)
                    .is_some_and(|b| matches!(doc.word(b), "have" | "has")));
        // "Our engineers have identified the cause": a group's finished step
        // still names the group as the one working on it.
        let perfect = matches!(word, "have" | "has")
            && doc.word(at + 1) != "been"
            && at.checked_sub(1).is_some_and(|b| {
                PLURAL_PEOPLE.contains(&doc.word(b)) || TEAM_WORDS.contains(&doc.word(b))
            });
        let bare_subject = !aux && !contracted && !perfect && is_bare_present(doc, at);
        if !(aux || contracted || bare_subject || perfect) {
            continue;
        }
        let verb_at = if bare_subject {
            at + 1
        } else {
            match verb_after(&doc.tokens, at) {
                Some(v) => v,
                None => continue,
            }
        };
        let verb = doc.word(verb_at);
        if !is_action(verb, doc.word(verb_at + 1)) {
            continue;
        }
        let before_verb = verb_at.checked_sub(1).map_or("", |b| doc.word(b));
        let passive = (before_verb == "being" || (before_verb == "be" && verb.ends_with("ed")))
            && PASSIVE_WORK.iter().any(|stem| verb.starts_with(stem));
        if verb.ends_with("ed") && !passive && !perfect {
            // "is fixed", "has been resolved": a state, not work under way.
            continue;
        }
        let subject_at = if contracted || bare_subject {
            Some(at)
        } else {
            subject_before(doc, at)
        };
        let owner = if passive && !contracted {
            match subject_at.and_then(|s| classify(doc, s)) {
                Some(Owner::Person) => continue,
                _ => Some(Owner::Vague),
            }
        } else {
            subject_at.and_then(|s| classify(doc, s))
        };
        let Some(owner) = owner else {
            continue;
        };
        if perfect && owner != Owner::Group {
            continue;
        }
        let first = subject_at.filter(|s| *s <= at).unwrap_or(at);
        let last = if bare_subject { verb_at } else { at };
        found.push(Claim {
            owner,
            span: Hit { first, last },
            sentence: doc.tokens.get(at).map_or(0, |t| t.sentence),
        });
    }
    found
}

/// "we look into it", "engineers test the patch": a subject directly before
/// a present-tense action verb (never a past "-ed" form).
fn is_bare_present(doc: &Doc, at: usize) -> bool {
    let word = doc.word(at);
    let next = doc.word(at + 1);
    let subject_like = matches!(word, "we" | "they")
        || PLURAL_PEOPLE.contains(&word)
        || TEAM_WORDS.contains(&word)
        || is_name(doc, at);
    let same_sentence =
        doc.tokens.get(at + 1).map(|t| t.sentence) == doc.tokens.get(at).map(|t| t.sentence);
    subject_like
        && same_sentence
        && !next.ends_with("ed")
        && next != "on"
        && next != "in"
        && is_action(next, doc.word(at + 2))
}

/// For each sentence, whether one person owns a step in it: "I will…",
/// "Priya is testing…", "next update from me".
pub(super) fn person_sentences(doc: &Doc, claims: &[Claim]) -> Vec<bool> {
    let mut person = vec![false; doc.sentence_count()];
    let mut mark = |sentence: u32| {
        if let Some(slot) = person.get_mut(sentence as usize) {
            *slot = true;
        }
    };
    for claim in claims.iter().filter(|c| c.owner == Owner::Person) {
        mark(claim.sentence);
    }
    for hit in doc.hits(&["from me", "to me", "me directly", "my next", "i own"]) {
        mark(doc.sentence_of(hit));
    }
    // "Priya from our team will…", "Ana Costa reviews…": a name as subject.
    for at in 0..doc.tokens.len() {
        let next = doc.word(at + 1);
        let verb_like = matches!(next, "will" | "is" | "has" | "from" | "on" | "of" | "who")
            || (next.len() > 3
                && next.ends_with('s')
                && doc.tokens.get(at + 1).is_some_and(|n| !n.capitalized));
        if verb_like && is_name(doc, at) {
            if let Some(t) = doc.tokens.get(at) {
                mark(t.sentence);
            }
        }
    }
    // "I've rerouted them", "Dana and I spent today…": I with a verb that is
    // not a feeling or a hand-off.
    for (at, t) in doc.tokens.iter().enumerate() {
        let owns = matches!(t.text.as_str(), "i" | "i'll" | "i'm" | "i've" | "i'd")
            && !t.quoted
            && doc.tokens.get(at + 1).is_some_and(|n| {
                n.sentence == t.sentence && !NOT_OWNING.contains(&n.text.as_str())
            });
        if owns {
            mark(t.sentence);
        }
    }
    person
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn owners(text: &str) -> Vec<Owner> {
        claims(&Doc::new(text))
            .into_iter()
            .map(|c| c.owner)
            .collect()
    }

    #[test]
    fn subjects_name_their_owner() {
        assert_eq!(owners("Our team works on this."), [Owner::Vague]);
        assert_eq!(
            owners("Engineers are reverting the change."),
            [Owner::Group]
        );
        assert_eq!(
            owners("The Billing Platform team is monitoring it."),
            [Owner::Group]
        );
        assert_eq!(owners("Priya Shah is testing the fix."), [Owner::Person]);
        assert_eq!(
            owners("We found it and are deploying a fix."),
            [Owner::Vague]
        );
        assert_eq!(owners("It is being investigated."), [Owner::Vague]);
        assert_eq!(owners("It will be fixed by Friday."), []);
        assert_eq!(
            owners("Someone from our engineering group will reach out."),
            [Owner::Vague]
        );
        assert_eq!(
            owners("Leo from our platform team is rolling back the change."),
            [Owner::Person]
        );
    }
}
