//! The small document model every message is written in, rendered twice: as
//! plain text and as HTML with every piece escaped. Keeping one model means the
//! two renderings can never say different things.

use super::html::escape_html;
use super::{Message, MessageKind, MessageWarning, MissingField};

/// One run of words in a block.
pub(crate) enum Piece {
    /// Our own wording.
    Lit(String),
    /// A value from the escalation or the CSM.
    Val(String),
    /// A required value that is missing, shown as "(label)".
    Gap(String),
    /// A web address, rendered as a link in HTML.
    Link(String),
}

pub(crate) fn lit(s: &str) -> Piece {
    Piece::Lit(s.to_string())
}

pub(crate) enum Block {
    Para(Vec<Piece>),
    /// `Label: value` on one line, bold label in HTML.
    Field(&'static str, Vec<Piece>),
    /// `Label:` followed by a numbered list.
    List(&'static str, Vec<Vec<Piece>>),
}

/// Collects blocks and the missing required values of one message.
pub(crate) struct Composer {
    kind: MessageKind,
    blocks: Vec<Block>,
    missing: Vec<MissingField>,
    warnings: Vec<MessageWarning>,
}

/// The trimmed value when it says something, `None` for absent or blank.
pub(crate) fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

impl Composer {
    pub(crate) fn new(kind: MessageKind) -> Self {
        Composer {
            kind,
            blocks: Vec::new(),
            missing: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Records `id` as missing (once) and returns the visible gap marker.
    pub(crate) fn gap(&mut self, id: &str, label: &str) -> Piece {
        self.refused(id, label, None)
    }

    /// Like [`Composer::gap`], saying why the value given was refused.
    pub(crate) fn refused(&mut self, id: &str, label: &str, problem: Option<String>) -> Piece {
        if !self.missing.iter().any(|m| m.id == id) {
            self.missing.push(MissingField {
                id: id.to_string(),
                label: label.to_string(),
                problem,
            });
        }
        Piece::Gap(label.to_string())
    }

    /// The value as a piece, or a gap recorded as missing.
    pub(crate) fn required(&mut self, id: &str, label: &str, value: Option<&str>) -> Piece {
        match present(value) {
            Some(v) => Piece::Val(v.to_string()),
            None => self.gap(id, label),
        }
    }

    /// The value as plain text for subjects, or "(label)" recorded as missing.
    pub(crate) fn required_text(&mut self, id: &str, label: &str, value: Option<&str>) -> String {
        match present(value) {
            Some(v) => v.to_string(),
            None => {
                self.gap(id, label);
                format!("({label})")
            }
        }
    }

    pub(crate) fn warn(&mut self, warning: MessageWarning) {
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    pub(crate) fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    pub(crate) fn para(&mut self, pieces: Vec<Piece>) {
        self.blocks.push(Block::Para(pieces));
    }

    pub(crate) fn field(&mut self, label: &'static str, pieces: Vec<Piece>) {
        self.blocks.push(Block::Field(label, pieces));
    }

    pub(crate) fn finish(self, subject: String) -> Message {
        let text = strip_controls(&render_text(&self.blocks));
        let html = strip_controls(&render_html(&self.blocks));
        Message {
            kind: self.kind,
            subject: subject_line(&subject),
            text,
            html,
            ready: self.missing.is_empty(),
            missing: self.missing,
            warnings: self.warnings,
        }
    }
}

fn pieces_text(pieces: &[Piece], out: &mut String) {
    for piece in pieces {
        match piece {
            Piece::Lit(s) | Piece::Val(s) | Piece::Link(s) => out.push_str(s),
            Piece::Gap(label) => {
                out.push('(');
                out.push_str(label);
                out.push(')');
            }
        }
    }
}

fn pieces_html(pieces: &[Piece], out: &mut String) {
    for piece in pieces {
        match piece {
            Piece::Lit(s) | Piece::Val(s) => out.push_str(&escape_html(s)),
            Piece::Gap(label) => {
                out.push_str("<em>(");
                out.push_str(&escape_html(label));
                out.push_str(")</em>");
            }
            Piece::Link(url) => {
                let escaped = escape_html(url);
                out.push_str("<a href=\"");
                out.push_str(&escaped);
                out.push_str("\">");
                out.push_str(&escaped);
                out.push_str("</a>");
            }
        }
    }
}

fn render_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous_was_field = false;
    for (i, block) in blocks.iter().enumerate() {
        let is_field = matches!(block, Block::Field(..));
        if i > 0 {
            // Field lines stay together like the seed's update format.
            out.push_str(if is_field && previous_was_field {
                "\n"
            } else {
                "\n\n"
            });
        }
        match block {
            Block::Para(pieces) => pieces_text(pieces, &mut out),
            Block::Field(label, pieces) => {
                out.push_str(label);
                out.push_str(": ");
                pieces_text(pieces, &mut out);
            }
            Block::List(label, items) => {
                out.push_str(label);
                out.push(':');
                for (n, item) in items.iter().enumerate() {
                    out.push_str(&format!("\n{}. ", n + 1));
                    pieces_text(item, &mut out);
                }
            }
        }
        previous_was_field = is_field;
    }
    out
}

fn render_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Para(pieces) => {
                out.push_str("<p>");
                pieces_html(pieces, &mut out);
                out.push_str("</p>");
            }
            Block::Field(label, pieces) => {
                out.push_str("<p><strong>");
                out.push_str(&escape_html(label));
                out.push_str(":</strong> ");
                pieces_html(pieces, &mut out);
                out.push_str("</p>");
            }
            Block::List(label, items) => {
                out.push_str("<p><strong>");
                out.push_str(&escape_html(label));
                out.push_str(":</strong></p>\n<ol>");
                for item in items {
                    out.push_str("<li>");
                    pieces_html(item, &mut out);
                    out.push_str("</li>");
                }
                out.push_str("</ol>");
            }
        }
    }
    out
}

/// Appends a full stop unless the sentence already ends with punctuation.
pub(crate) fn sentence(value: &str) -> String {
    let trimmed = value.trim();
    match trimmed.chars().last() {
        Some('.') | Some('!') | Some('?') | None => trimmed.to_string(),
        Some(_) => format!("{trimmed}."),
    }
}

/// The Unicode `Bidi_Control` characters: embeddings, overrides, isolates and
/// the invisible direction marks. In text a customer reads they can make
/// "txt.exe" show as "exe.txt" or hide where a value ends, and the drafts
/// never need them, so they are removed.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Removes bidi controls and the control characters a message never carries
/// (everything in C0 / C1 except line feed and tab).
pub(crate) fn strip_controls(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_bidi_control(c) && (c == '\n' || c == '\t' || !c.is_control()))
        .collect()
}

/// A subject is one line: line and paragraph breaks become spaces, runs of
/// white space one space, and controls are removed.
pub(crate) fn subject_line(s: &str) -> String {
    let flat: String = s
        .chars()
        .filter(|&c| !is_bidi_control(c))
        .map(|c| {
            if c.is_control() || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    flat.split_whitespace().collect::<Vec<_>>().join(" ")
}
