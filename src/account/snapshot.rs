//! The snapshot contract between the page agent (JS) and the core: a bounded,
//! serializable list of candidate fields plus page context. The agent fills it;
//! [`Snapshot::validate`] bounds whatever arrives, because page text is hostile.

use crate::sort_map::Map;
use serde::{Deserialize, Serialize};

/// At most this many candidates are read from one snapshot.
pub const MAX_CANDIDATES: usize = 2000;
/// Strings longer than this (in chars) are cut.
pub const MAX_TEXT: usize = 500;
/// The conversation excerpt is cut to this many chars.
pub const MAX_CONVERSATION: usize = 4000;

/// What the page agent saw on the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Snapshot {
    pub url: String,
    pub title: String,
    /// The page language (`<html lang>`, else the browser's), e.g. `de-DE`.
    pub lang: String,
    pub fields: Vec<Candidate>,
    /// A short excerpt of visible conversation text (emails, case comments).
    pub conversation: String,
    /// True when the agent stopped at its candidate limit.
    pub truncated: bool,
    /// The conversation as messages with their direction and time, when the
    /// page's markup tells them apart (`www/agent/conversation.js`); empty
    /// from older agents. The escalation signal reads these first.
    #[serde(deserialize_with = "loose_messages")]
    pub messages: Vec<PageMessage>,
}

crate::read_struct!(Snapshot {
    url: "url" default,
    title: "title" default,
    lang: "lang" default,
    fields: "fields" default,
    conversation: "conversation" default,
    truncated: "truncated" default,
    messages: "messages" with_default(loose_messages),
});

/// At most this many messages are read from one snapshot.
pub const MAX_MESSAGES: usize = 60;

/// Who sent a message on the page, as the CRM's markup tells it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From the customer to us.
    Inbound,
    /// From us to the customer (our replies, notes we sent).
    Outbound,
    #[default]
    Unknown,
}

/// Any JSON value: a string is kept, anything else (null, a number, an
/// object from a broken or hostile page) is ignored rather than failing the
/// whole snapshot. Read as a `serde_json::Value`, not an untagged enum: those
/// buffer through serde's `Content` machinery, which costs wasm size.
struct Loose(serde_json::Value);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(Loose)
    }
}

impl Loose {
    fn text(self) -> Option<String> {
        match self.0 {
            serde_json::Value::String(s) => Some(s),
            _ => None,
        }
    }
}

impl crate::json::FromValue for Direction {
    fn from_value(value: serde_json::Value) -> Result<Self, serde_json::Error> {
        Ok(match Loose(value).text().as_deref() {
            Some("inbound") => Direction::Inbound,
            Some("outbound") => Direction::Outbound,
            _ => Direction::Unknown,
        })
    }
}

crate::thin_deserialize!(Direction);

fn loose_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Loose::deserialize(d)?.text().unwrap_or_default())
}

fn loose_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Loose::deserialize(d)?.text())
}

/// A list of messages, or none when the value is not one (any element that
/// is not a message makes it none, as an untagged enum would).
fn loose_messages<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<PageMessage>, D::Error> {
    Ok(crate::json::read(Loose::deserialize(d)?.0).unwrap_or_default())
}

/// One message of the page's conversation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageMessage {
    #[serde(deserialize_with = "loose_text")]
    pub text: String,
    pub direction: Direction,
    /// When it was sent, as the page shows it in machine form (ISO 8601), if at all.
    #[serde(deserialize_with = "loose_option")]
    pub at: Option<String>,
    /// The sender's name or address, if the page shows it.
    #[serde(deserialize_with = "loose_option")]
    pub author: Option<String>,
}

crate::read_struct!(PageMessage {
    text: "text" with_default(loose_text),
    direction: "direction" default,
    at: "at" with_default(loose_option),
    author: "author" with_default(loose_option),
});

/// One label/value pair (or attribute-identified field) seen on the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Candidate {
    /// Visible label text (or `aria-label` / `title`).
    pub label: String,
    /// Visible value text, `input.value`, or `title`.
    pub value: String,
    /// Stable attributes of the field or its container, e.g.
    /// `data-target-selection-name`, `field-label`, `data-id`, `data-selenium-test`.
    pub attrs: Map<String, String>,
    /// How the agent found it: `pair`, `input`, `attr`, `heading`, `title`,
    /// or `user` (the CRM's user menu: who is signed in, never an account field).
    pub kind: String,
    /// Hidden copies (inactive console tabs, display:none) are kept but marked.
    pub hidden: bool,
    /// Found inside a shadow root.
    pub shadow: bool,
    /// Found inside a same-origin iframe.
    pub frame: bool,
}

crate::read_struct!(Candidate {
    label: "label" default,
    value: "value" default,
    attrs: "attrs" default,
    kind: "kind" default,
    hidden: "hidden" default,
    shadow: "shadow" default,
    frame: "frame" default,
});

fn cut(s: &mut String, max: usize) {
    if let Some((i, _)) = s.char_indices().nth(max) {
        s.truncate(i);
    }
}

impl Snapshot {
    /// Bounds every list and string, so a hostile or broken page cannot make
    /// the core do unbounded work.
    pub fn validate(mut self) -> Snapshot {
        if self.fields.len() > MAX_CANDIDATES {
            self.fields.truncate(MAX_CANDIDATES);
            self.truncated = true;
        }
        cut(&mut self.url, 2000);
        cut(&mut self.title, MAX_TEXT);
        cut(&mut self.lang, 35);
        cut(&mut self.conversation, MAX_CONVERSATION);
        self.messages.truncate(MAX_MESSAGES);
        for m in &mut self.messages {
            cut(&mut m.text, MAX_CONVERSATION);
            for s in [&mut m.at, &mut m.author].into_iter().flatten() {
                cut(s, 200);
            }
        }
        for c in &mut self.fields {
            cut(&mut c.label, MAX_TEXT);
            cut(&mut c.value, MAX_TEXT);
            cut(&mut c.kind, 20);
            c.attrs.retain(|k, _| k.len() <= 64);
            while c.attrs.len() > 16 {
                let Some(k) = c.attrs.keys().next_back().cloned() else {
                    break;
                };
                c.attrs.remove(&k);
            }
            for v in c.attrs.values_mut() {
                cut(v, MAX_TEXT);
            }
        }
        self
    }
}
