// The text side of the page agent's insert (insert.js): payload checks and
// limits, escaped paragraphs from plain text, the separators that keep a
// message from gluing onto the text around the caret, and the checks that
// an insert landed whole, with the sentence the CSM reads about it.

import { DRAFT_LEAD } from './main-ops.js';

export const LIMITS = { text: 100_000, html: 400_000, subject: 998 };
const ALLOWED_TAGS = new Set(['P', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'UL', 'OL', 'LI', 'DIV', 'SPAN', 'A']);


function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs from plain text, every character escaped. */
export function htmlFromText(text) {
  return text
    .split(/\n{2,}/)
    .map((para) => '<p>' + para.split('\n').map(escapeHtml).join('<br>') + '</p>')
    .join('');
}

/**
 * The panel's HTML, accepted only if it is the simple, inert markup the panel
 * makes (paragraphs, bold labels, lists, links): parsed in an inert document
 * (DOMParser runs no script and loads nothing), never put into the page by us.
 */
function acceptableHtml(html) {
  let doc;
  try {
    doc = new DOMParser().parseFromString(html, 'text/html');
  } catch (_) {
    return false;
  }
  if (doc.head && doc.head.childElementCount) return false;
  for (const el of doc.body.querySelectorAll('*')) {
    if (!ALLOWED_TAGS.has(el.tagName)) return false;
    for (const attr of el.attributes) {
      if (!(el.tagName === 'A' && attr.name === 'href' && /^(https?:|mailto:)/i.test(attr.value.trim()))) return false;
    }
  }
  return true;
}

/** Validated, bounded payload, or an error message. */
export function validatePayload(p) {
  if (!p || typeof p !== 'object') return { error: 'Nothing to insert.' };
  const text = typeof p.text === 'string' ? p.text.replace(/\r\n?/g, '\n') : '';
  const subject = typeof p.subject === 'string' ? p.subject.replace(/[\r\n]+/g, ' ').trim() : '';
  if (!text.trim()) return { error: 'Nothing to insert: the draft is empty.' };
  if (text.length > LIMITS.text) return { error: `The draft is too long to insert (${text.length} characters, at most ${LIMITS.text}).` };
  if (subject.length > LIMITS.subject) return { error: 'The subject is too long to insert.' };
  let html = typeof p.html === 'string' && p.html.trim() ? p.html : '';
  if (html.length > LIMITS.html || (html && !acceptableHtml(html))) html = '';
  return { text, subject, html: html || htmlFromText(text) };
}

/**
 * Line breaks that set `text` apart from what surrounds the caret: a blank
 * line on each side that touches text (one more newline where one is there
 * already). A single-line field gets a space instead.
 */
export function separated(before, after, text, singleLine = false) {
  if (singleLine) {
    const lead = before && !/\s$/.test(before) ? ' ' : '';
    const tail = after && !/^\s/.test(after) ? ' ' : '';
    return lead + text + tail;
  }
  const lead = !before || /\n\n$/.test(before) ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const tail = !after || /^\n\n/.test(after) ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  return lead + text + tail;
}

const INLINE_DISPLAY = /^(inline|contents|ruby)/;

/**
 * Whether the selection in `root` has text before it / after it in its own
 * block (paragraph, list item, …), where a pasted message would be glued on.
 */
function caretEdges(root) {
  const doc = root.ownerDocument;
  const sel = doc.getSelection();
  if (!sel || !sel.rangeCount) return { textBefore: false, textAfter: false };
  const range = sel.getRangeAt(0);
  let block = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
  const win = doc.defaultView;
  while (block && block !== root && root.contains(block) && INLINE_DISPLAY.test(win.getComputedStyle(block).display)) block = block.parentElement;
  if (!block || !root.contains(block)) block = root;
  const side = (setStart) => {
    const r = doc.createRange();
    r.selectNodeContents(block);
    if (setStart) r.setStart(range.endContainer, range.endOffset);
    else r.setEnd(range.startContainer, range.startOffset);
    return /\S/.test(r.toString());
  };
  try {
    return { textBefore: side(false), textAfter: block.contains(range.endContainer) && side(true) };
  } catch (_) {
    return { textBefore: false, textAfter: false };
  }
}

// Draft.js: DRAFT_LEAD (main-ops.js) says why an empty paragraph does not
// separate there. Not used after the message: there Draft gives the text
// after the caret the fragment's last block type.

/**
 * The HTML and text with an empty paragraph at each edge that touches text
 * (for Draft.js, `draft`, a lead-in block it keeps; see DRAFT_LEAD).
 */
export function setApart(root, html, text, draft = false) {
  const { textBefore, textAfter } = caretEdges(root);
  const empty = '<p><br></p>';
  return {
    html: (textBefore ? (draft ? DRAFT_LEAD : empty) : '') + html + (textAfter ? empty : ''),
    text: (textBefore ? '\n\n' : '') + text + (textAfter ? '\n\n' : ''),
  };
}

const normalize = (s) => s.replace(/\s+/g, ' ').trim();
export const chars = (s) => Array.from(s).length;

/** Did the text land? Every line of it appears in the composer's rendered text. */
export function landed(root, text) {
  const shown = normalize(root.tagName === 'TEXTAREA' || root.tagName === 'INPUT' ? root.value : root.innerText || root.textContent || '');
  const lines = text
    .split('\n')
    .map((l) => normalize(l).replace(/^([-*•]|\d+[.)])\s+/, ''))
    .filter(Boolean);
  return lines.every((line) => shown.includes(line));
}

export function contentOf(root) {
  if (root.tagName === 'TEXTAREA' || root.tagName === 'INPUT') return root.value;
  return root.innerText + '\u0000' + root.childElementCount;
}

/** What the CSM reads after an insert: where it went, in words, and what else happened. */
export function insertedSentence(root, editor, subject, undo) {
  const place = root.tagName === 'INPUT' ? 'the message field' : 'the email body';
  let message = `Inserted into ${place} (${editor}).`;
  if (subject === 'filled') message += ' The subject was filled in too.';
  else if (subject === 'kept existing') message += ' The subject already had text, so it was left as it was.';
  if (!undo) message += ' This composer keeps no undo for it: check it before sending.';
  return message;
}
