//! The service worker's wake-up, decided here so the worker stays a mover.
//! From the storage key list alone ([`wake_keys`]) it learns which records
//! to read: the settings, the folds of open escalations that look fresh
//! (their key's stamp says so), and the events of escalations with no
//! usable fold. A closed escalation with a fresh fold costs nothing but its
//! key. [`reminder_pass`] then answers the plan, the event keys it still
//! needs (a fold that turned out unusable), the folds to write back and the
//! fold keys to remove (replaced, duplicated or orphaned).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::fold::{Fold, Source, SourceSum, Stamp};
use super::index::{Index, INDEX};
use super::keylist::{split_colon, Lines};
use super::keys::{self, Settings};
use super::plan::{plan_from_folds, ReminderPlan};
use super::{Quarantined, Workspace};
use crate::engine::{decode_record, Config, RecordError, TimeZoneRules};
use crate::messages::TimeStyle;
use crate::sort_map::{Map, Set};

/// One pass of the worker's wake-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WakePass {
    /// The plan from what was read (complete when `need` is empty).
    pub plan: ReminderPlan,
    /// Keys to read before the plan is complete: the events of escalations
    /// whose fold turned out unusable. Read them and pass again.
    pub need: Vec<String>,
    /// Folds to store: `[key, text]`, rebuilt from events just decoded.
    pub folds: Vec<(String, String)>,
    /// Fold keys to remove: replaced, duplicated, or of escalations that no
    /// longer have events.
    pub drop: Vec<String>,
    /// The fold index to store (`[key, text]`), when folds changed or it is
    /// missing: derived data, its write may fail without harm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<(String, String)>,
}

/// The escalations' event keys in a storage key list, by the escalation
/// their key names; `loose` holds event-prefixed keys that name none. A
/// view over [`WakeUp`]'s text: nothing is copied per key.
struct Layout<'a> {
    groups: Map<&'a str, Group<'a>>,
    loose: Vec<&'a str>,
    /// Fold keys of escalations without events.
    orphans: Vec<&'a str>,
    /// Whether the fold index is in storage.
    index: bool,
    /// Rewrite the index whatever is stored ([`WakeUp::rebuild_index`]).
    rebuild: bool,
}

struct Group<'a> {
    text: &'a str,
    /// Runs of consecutive lines of this group's event keys.
    runs: &'a [Span],
    folds: &'a [(String, Option<Stamp>)],
    source: &'a Source,
}

impl<'a> Group<'a> {
    fn events(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.runs
            .iter()
            .flat_map(|(a, b)| Lines(self.text.get(*a..*b).unwrap_or_default()))
    }

    /// The first fold whose stamp says it is fresh for this group's events.
    fn fresh(&self, business_days: bool, now: DateTime<Utc>) -> Option<(&'a str, &'a Stamp)> {
        self.folds.iter().find_map(|(k, s)| {
            s.as_ref()
                .filter(|s| s.is_fresh(self.source, business_days, now))
                .map(|s| (k.as_str(), s))
        })
    }

    /// A fresh fold made with either setting (the settings are not read yet).
    fn fresh_any(&self, now: DateTime<Utc>) -> Option<(&'a str, &'a Stamp)> {
        self.fresh(false, now).or_else(|| self.fresh(true, now))
    }
}

/// One wake-up's key list, read once: the worker hands the keys over once
/// (joined by "\n"), asks [`WakeUp::first_keys`], then [`WakeUp::pass`]
/// until nothing is needed; the list is split, grouped and hashed once, in
/// one pass (30,000 keys at every wake-up).
pub struct WakeUp {
    text: String,
    groups: Vec<OwnedGroup>,
    /// Group index by escalation, in key order.
    order: Map<String, usize>,
    loose: Vec<Span>,
    orphans: Vec<String>,
    settings: bool,
    index: bool,
    rebuild: bool,
}

/// A key as a byte range of [`WakeUp::text`] (no allocation per key).
type Span = (usize, usize);

struct OwnedGroup {
    /// Byte ranges of runs of consecutive keys (storage lists an
    /// escalation's keys together: one run each, not 60 spans).
    runs: Vec<Span>,
    folds: Vec<(String, Option<Stamp>)>,
    source: Source,
}

impl WakeUp {
    /// From every key in storage, joined by "\n".
    pub fn new(text: String) -> WakeUp {
        let mut index: Map<&str, usize> = Map::new();
        let mut groups: Vec<(Vec<Span>, SourceSum)> = Vec::new();
        let mut loose = Vec::new();
        let mut folds: Vec<(&str, String, Option<Stamp>)> = Vec::new();
        let mut settings = false;
        let mut has_index = false;
        // Storage lists an escalation's keys together: a key that starts
        // with the previous key's `defuse:ev:<escalation>:` is in its
        // group, found without searching the key (30,000 keys at every
        // wake-up; the pattern API costs more than the bytes in wasm).
        let mut last: Option<(&str, usize)> = None;
        let mut start = 0;
        for key in Lines(text.as_str()) {
            let span = (start, start + key.len());
            start += key.len() + 1;
            if let Some((prefix, i)) = last {
                if let Some(id) = key.strip_prefix(prefix).filter(|id| !id.is_empty()) {
                    if let Some((runs, sum)) = groups.get_mut(i) {
                        // The previous key was this group's: its run grows.
                        if let Some(run) = runs.last_mut() {
                            run.1 = span.1;
                        }
                        sum.add_id(id);
                    }
                    continue;
                }
            }
            if let Some(rest) = key.strip_prefix(keys::EVENT_PREFIX) {
                match split_colon(rest) {
                    Some((esc, id)) if !esc.is_empty() && !id.is_empty() => {
                        let next = groups.len();
                        let i = *index.entry(esc).or_insert(next);
                        if i == next {
                            groups.push((Vec::new(), SourceSum::default()));
                        }
                        // `defuse:ev:<escalation>:`, a slice of this key.
                        last = key
                            .get(..keys::EVENT_PREFIX.len() + esc.len() + 1)
                            .map(|p| (p, i));
                        if let Some((runs, sum)) = groups.get_mut(i) {
                            runs.push(span);
                            sum.add_id(id);
                        }
                    }
                    _ => loose.push(span),
                }
            } else if let Some(rest) = key.strip_prefix(keys::FOLD_PREFIX) {
                let (esc, stamp) = split_colon(rest).unwrap_or((rest, ""));
                folds.push((esc, key.to_string(), Stamp::parse(stamp)));
            } else if key == keys::SETTINGS {
                settings = true;
            } else if key == INDEX {
                has_index = true;
            }
        }
        let mut owned: Vec<OwnedGroup> = groups
            .into_iter()
            .map(|(runs, sum)| OwnedGroup {
                runs,
                folds: Vec::new(),
                source: sum.finish(),
            })
            .collect();
        let mut orphans = Vec::new();
        for (esc, key, stamp) in folds {
            match index.get(esc).and_then(|i| owned.get_mut(*i)) {
                Some(g) => g.folds.push((key, stamp)),
                None => orphans.push(key),
            }
        }
        let order = index.into_iter().map(|(e, i)| (e.to_string(), i)).collect();
        WakeUp {
            text,
            groups: owned,
            order,
            loose,
            orphans,
            settings,
            index: has_index,
            rebuild: false,
        }
    }

    pub fn from_keys<S: AsRef<str>>(keys: &[S]) -> WakeUp {
        let list: Vec<&str> = keys.iter().map(AsRef::as_ref).collect();
        WakeUp::new(list.join("\n"))
    }

    fn at(&self, (a, b): Span) -> &str {
        self.text.get(a..b).unwrap_or_default()
    }

    fn layout(&self) -> Layout<'_> {
        Layout {
            groups: self
                .order
                .iter()
                .filter_map(|(esc, i)| {
                    let g = self.groups.get(*i)?;
                    Some((
                        esc.as_str(),
                        Group {
                            text: &self.text,
                            runs: &g.runs,
                            folds: &g.folds,
                            source: &g.source,
                        },
                    ))
                })
                .collect(),
            loose: self.loose.iter().map(|s| self.at(*s)).collect(),
            orphans: self.orphans.iter().map(String::as_str).collect(),
            index: self.index,
            rebuild: self.rebuild,
        }
    }

    /// This wake-up rewrites the fold index even when no fold changed,
    /// from the folds themselves (the stored index is not read): asked by
    /// a panel that found the stored one unusable or behind storage, which
    /// would otherwise stay until the next fold change.
    pub fn rebuild_index(&mut self) {
        self.rebuild = true;
    }

    /// What to read first (see [`wake_keys`]).
    pub fn first_keys(&self, now: DateTime<Utc>) -> Vec<String> {
        first_keys(&self.layout(), self.settings, now)
    }

    /// What the panel reads at start: settings and drafts, a fresh fold
    /// per escalation (for the list), the events of escalations without
    /// one, and event keys that name no escalation. The events of an
    /// escalation known by its fold are read when it is shown
    /// ([`event_keys`]).
    pub fn panel_keys(&self, now: DateTime<Utc>) -> Vec<String> {
        let l = self.layout();
        let mut out: Vec<String> = self
            .text
            .split('\n')
            .filter(|k| *k == keys::SETTINGS || k.starts_with(keys::DRAFT_PREFIX))
            .map(str::to_string)
            .collect();
        for group in l.groups.values() {
            match group.fresh_any(now) {
                Some((k, _)) => out.push(k.to_string()),
                None => out.extend(group.events().map(str::to_string)),
            }
        }
        out.extend(l.loose.iter().map(|k| k.to_string()));
        out
    }

    /// One pass (see [`reminder_pass`]).
    pub fn pass(
        &self,
        records: &[(String, String)],
        now: DateTime<Utc>,
        rules: &dyn TimeZoneRules,
        style: TimeStyle,
    ) -> WakePass {
        pass(&self.layout(), records, now, rules, style)
    }
}

/// What to read first at a wake-up at `now`, from every key in storage: the
/// settings, the folds of open escalations whose stamp looks fresh, the
/// events of escalations without such a fold, and event keys that name no
/// escalation. (Whether a fold's settings still hold is known only once the
/// settings are read: [`reminder_pass`] then asks for those events.)
pub fn wake_keys<S: AsRef<str>>(keys: &[S], now: DateTime<Utc>) -> Vec<String> {
    WakeUp::from_keys(keys).first_keys(now)
}

fn first_keys(l: &Layout<'_>, settings: bool, now: DateTime<Utc>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if settings {
        out.push(keys::SETTINGS.to_string());
    }
    for group in l.groups.values() {
        // Business days unknown yet: a fold made with either may do.
        match group.fresh_any(now) {
            Some((_, s)) if s.quiet => {}
            Some((k, _)) => out.push(k.to_string()),
            None => out.extend(group.events().map(str::to_string)),
        }
    }
    out.extend(l.loose.iter().map(|k| k.to_string()));
    out
}

/// The event keys of `escalation` in a key list (every event key when
/// `None`): what the panel reads to show an escalation known by its fold,
/// or before an export or import.
pub fn event_keys<S: AsRef<str>>(keys: &[S], escalation: Option<&str>) -> Vec<String> {
    let prefix = escalation.map(|e| format!("{}{e}:", keys::EVENT_PREFIX));
    keys.iter()
        .map(AsRef::as_ref)
        .filter(|k| match &prefix {
            Some(p) => k.starts_with(p.as_str()),
            None => k.starts_with(keys::EVENT_PREFIX),
        })
        .map(str::to_string)
        .collect()
}

/// A usable fold: a closed escalation's (known from its stamp alone) or
/// an open one's, read whole.
enum Usable {
    Quiet(usize),
    Open(Box<Fold>),
}

/// The reminder plan from the key list (`keys`: every key in storage) and
/// the records read so far. Records missing from `records` are asked for in
/// `need`; when they stay missing (removed meanwhile) the plan goes without
/// them. The plan is always the one decoding every event gives.
pub fn reminder_pass<S: AsRef<str>>(
    keys: &[S],
    records: &[(String, String)],
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    style: TimeStyle,
) -> WakePass {
    WakeUp::from_keys(keys).pass(records, now, rules, style)
}

fn pass(
    l: &Layout<'_>,
    records: &[(String, String)],
    now: DateTime<Utc>,
    rules: &dyn TimeZoneRules,
    style: TimeStyle,
) -> WakePass {
    let text: Map<&str, &str> = records
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let business_days = text
        .get(keys::SETTINGS)
        .is_some_and(|v| Settings::parse(v).business_days);
    let config = Config {
        business_days,
        ..Config::default()
    };

    // Usable folds are used as they are; every other escalation is decoded.
    let mut usable: Map<&str, (&str, Usable)> = Map::new();
    let mut decode: Set<&str> = Set::new();
    let mut need: Vec<String> = Vec::new();
    for (esc, group) in &l.groups {
        let found = match group.fresh(business_days, now) {
            Some((k, s)) if s.quiet => Some((k, Usable::Quiet(s.unreadable))),
            // Read whole (`wake_keys` asked for it); its content must say
            // what its key says. Gone meanwhile: the events decide.
            Some((k, s)) => text
                .get(k)
                .and_then(|t| Fold::decode(t))
                .filter(|f| f.stamp() == *s)
                .map(|f| (k, Usable::Open(Box::new(f)))),
            None => None,
        };
        match found {
            Some(u) => {
                usable.insert(esc, u);
            }
            None => {
                decode.insert(esc);
            }
        }
    }
    // Decode; an event filed under another escalation's key (written by
    // hand or by a broken tool) makes both escalations uncacheable, and the
    // one it names is decoded too. Repeats until nothing new is named.
    let mut tainted: Set<String> = Set::new();
    let mut ws;
    loop {
        let batch = decode
            .iter()
            .flat_map(|esc| l.groups.get(esc).into_iter().flat_map(|g| g.events()))
            .chain(l.loose.iter().copied())
            .filter_map(|k| text.get(k).map(|t| (k, *t)));
        ws = Workspace::default();
        let mut events = Vec::new();
        for (key, t) in batch {
            match decode_record(t) {
                Ok(e) => {
                    let filed = key_escalation(key);
                    if Some(e.escalation.as_str()) != filed {
                        tainted.insert(e.escalation.clone());
                        tainted.extend(filed.map(str::to_string));
                    }
                    events.push(e);
                }
                Err(e) => ws.quarantined.push(Quarantined {
                    key: key.to_string(),
                    newer_version: matches!(e, RecordError::NewerVersion { .. }),
                    problem: e.to_string(),
                }),
            }
        }
        ws.add_all(&events);
        let mut more = false;
        for t in &tainted {
            if let Some((esc, _)) = l.groups.get_key_value(t.as_str()) {
                usable.remove(esc);
                more |= decode.insert(esc);
            }
        }
        if !more {
            break;
        }
    }

    let mut folds_out: Vec<(String, String)> = Vec::new();
    let mut drop: Vec<String> = l.orphans.iter().map(|k| k.to_string()).collect();
    let mut built: Vec<Fold> = Vec::new();
    let mut written: Map<&str, (String, Fold)> = Map::new();
    let mut loose_unreadable = 0;
    let mut by_group: Map<String, Vec<Quarantined>> = Map::new();
    for q in &ws.quarantined {
        match key_escalation(&q.key).filter(|e| l.groups.contains_key(e)) {
            Some(esc) => by_group.entry(esc.to_string()).or_default().push(q.clone()),
            None => loose_unreadable += 1,
        }
    }
    for (esc, group) in &l.groups {
        if let Some((kept, _)) = usable.get(esc) {
            // Duplicates (two writers) and replaced folds go.
            drop.extend(
                group
                    .folds
                    .iter()
                    .filter(|(k, _)| k != kept)
                    .map(|(k, _)| k.to_string()),
            );
            continue;
        }
        let present: Vec<&str> = group.events().filter(|k| text.contains_key(k)).collect();
        let complete = present.len() == group.source.events;
        need.extend(
            group
                .events()
                .filter(|k| !text.contains_key(k))
                .map(str::to_string),
        );
        let fold = Fold::build(
            &ws.escalation(esc),
            Source::of(present),
            by_group.remove(*esc).unwrap_or_default(),
            now,
            rules,
            &config,
        );
        // A fold is written only from a whole, consistently filed escalation.
        if complete && !tainted.contains(*esc) {
            let key = fold.key(esc);
            drop.extend(
                group
                    .folds
                    .iter()
                    .filter(|(k, _)| *k != key)
                    .map(|(k, _)| k.to_string()),
            );
            folds_out.push((key.clone(), fold.encode()));
            written.insert(esc, (key, fold.clone()));
        }
        built.push(fold);
    }
    // Escalations named only by events filed under other keys.
    for esc in &tainted {
        if !l.groups.contains_key(esc.as_str()) {
            let state = ws.escalation(esc);
            built.push(Fold::build(
                &state,
                Source::of([]),
                Vec::new(),
                now,
                rules,
                &config,
            ));
        }
    }
    need.extend(
        l.loose
            .iter()
            .filter(|k| !text.contains_key(*k))
            .map(|k| k.to_string()),
    );

    let mut unreadable = loose_unreadable + built.iter().map(|f| f.unreadable.len()).sum::<usize>();
    let mut open: Vec<&Fold> = Vec::new();
    for (_, u) in usable.values() {
        match u {
            Usable::Quiet(n) => unreadable += n,
            Usable::Open(f) => {
                unreadable += f.unreadable.len();
                open.push(f);
            }
        }
    }
    let plan = plan_from_folds(open.into_iter().chain(built.iter()), unreadable, now, style);
    let changed = !folds_out.is_empty() || !drop.is_empty();
    let index = if need.is_empty() && (changed || !l.index || l.rebuild || l.groups.is_empty()) {
        index_pass(l, &usable, written, &text, &mut need, &mut drop)
    } else {
        None
    };
    WakePass {
        plan,
        need,
        folds: folds_out,
        drop,
        index,
    }
}

/// The fold index after this pass: the folds kept (read now, or found in
/// the index stored before) and those just written. A kept fold known by
/// its key alone (a closed escalation's) is read from the stored index, or
/// from its own record when the index lacks it: those keys go to `need`,
/// and the index is made at the next pass.
fn index_pass<'a>(
    l: &Layout<'a>,
    usable: &Map<&'a str, (&'a str, Usable)>,
    mut written: Map<&'a str, (String, Fold)>,
    text: &Map<&str, &str>,
    need: &mut Vec<String>,
    drop: &mut Vec<String>,
) -> Option<(String, String)> {
    if l.groups.is_empty() {
        // No escalation: no index (one left over goes).
        if l.index {
            drop.push(INDEX.to_string());
        }
        return None;
    }
    let old = text
        .get(INDEX)
        .filter(|_| !l.rebuild)
        .and_then(|t| Index::decode(t));
    if l.index && !l.rebuild && old.is_none() && !text.contains_key(INDEX) {
        need.push(INDEX.to_string());
        return None;
    }
    let mut old: Map<String, Fold> = old
        .map(|i| i.folds)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut folds = Vec::new();
    let mut missing = Vec::new();
    for esc in l.groups.keys() {
        if let Some(entry) = written.remove(esc) {
            folds.push(entry);
            continue;
        }
        let Some((key, u)) = usable.get(esc) else {
            continue;
        };
        let fold = match u {
            Usable::Open(f) => Some((**f).clone()),
            Usable::Quiet(_) => old
                .remove(*key)
                .or_else(|| text.get(key).and_then(|t| Fold::decode(t))),
        };
        match fold {
            Some(f) => folds.push((key.to_string(), f)),
            None => missing.push(key.to_string()),
        }
    }
    if !missing.is_empty() {
        need.extend(missing);
        return None;
    }
    Some((INDEX.to_string(), Index::new(folds).encode()))
}

/// The escalation an event key is filed under.
fn key_escalation(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(keys::EVENT_PREFIX)?;
    let (esc, id) = rest.split_once(':')?;
    (!esc.is_empty() && !id.is_empty()).then_some(esc)
}
