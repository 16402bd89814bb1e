// Draws each new frame of the panel into the live DOM by morphing it, not
// by replacing it: nodes that stay are updated in place.
//
// Why: the Rust view builds a fresh detached tree per frame, and the panel
// draws a frame per keystroke. Swapping the whole tree in took the focused
// field out of the document at every keystroke: the browser blurred it
// (change and blur events), an IME composition (Japanese, Chinese, Korean…)
// broke into repeated text, the field's undo history was lost, and a frame
// drawn from an older model state could overwrite what was typed since.
//
// Rules:
// - Children are matched in order. A node matches a new one of the same
//   tag, id and class; failing that, the node in the same place with the
//   same tag and id (its class and contents change), unless a later new
//   node wants it as it is. Everything else is added or removed, so a
//   notice or a signal appearing above a form does not turn the form into
//   something else.
// - `keepFocused` (every frame except one drawn for a click or an Enter
//   submit): the focused text field, once the CSM has changed it (since the
//   model last had the same value), keeps its live value. The model may
//   show something else there — an emptied field falls back to the page's
//   value or the generated draft — but never under the caret; the field
//   shows the model's value once it loses focus. A focused field the CSM
//   has not changed still follows the model (a generated draft whose
//   promised time moved on).
// - A <details> the CSM opened or closed keeps that state; the view's
//   `open` applies when the details first appears or when the view changes
//   its mind (the tools open for a notice).
// Hand-written rather than morphdom: the frames are our own element trees
// (no HTML strings, comments or namespaces), and morphdom would bring an
// HTML-string parsing path into an extension that never parses HTML.

/** The `open` each <details> was last drawn with by the view. */
const viewOpen = new WeakMap();

/** The value each field was last given by a frame (what the CSM changed, if it differs). */
const drawnValue = new WeakMap();

const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'hidden', 'image', 'range', 'color']);

/** A control whose value the CSM edits in place (text, date, select…). */
function isTyped(el) {
  if (el.nodeName === 'TEXTAREA' || el.nodeName === 'SELECT') return true;
  return el.nodeName === 'INPUT' && !NOT_TYPED.has(el.type);
}

/** Tag and id: a node can become the new one only when these agree. */
function kind(n) {
  return n.nodeType === 1 ? `${n.nodeName}#${n.id}` : `#${n.nodeType}`;
}

/** Tag, id and class: the new node's twin. */
function twin(n) {
  return n.nodeType === 1 ? `${kind(n)}.${n.getAttribute('class') || ''}` : kind(n);
}

function added(node) {
  if (node.nodeType !== 1) return;
  for (const el of [node, ...node.querySelectorAll('details, input, textarea, select')]) {
    if (el.nodeName === 'DETAILS') viewOpen.set(el, el.open);
    else if (isTyped(el)) drawnValue.set(el, el.value);
  }
}

/** Gives a field the frame's value and remembers it. */
function setValue(el, value) {
  if (el.value !== value) el.value = value;
  drawnValue.set(el, value);
}

function syncAttributes(from, to) {
  for (const { name, value } of to.attributes) {
    if (from.getAttribute(name) !== value) from.setAttribute(name, value);
  }
  for (const name of from.getAttributeNames()) {
    if (!to.hasAttribute(name)) from.removeAttribute(name);
  }
}

function morphNode(from, to, keep) {
  if (from.nodeType !== 1) {
    if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
    return;
  }
  const typedHere = keep.focused === from && keep.value && isTyped(from);
  // The model has caught up with what was typed: that is now the value the
  // field was drawn with, so a later change of the model (another tab's
  // typing) shows here instead of leaving the CSM's older text on screen
  // while the draft already uses the new one.
  if (typedHere && from.value === to.value) drawnValue.set(from, to.value);
  const kept = typedHere && from.value !== drawnValue.get(from);
  if (from.nodeName === 'DETAILS') {
    const wanted = to.hasAttribute('open');
    // The view's wish unchanged: the CSM's own toggle stands.
    if (viewOpen.get(from) === wanted) to.open = from.open;
    viewOpen.set(from, wanted);
  }
  syncAttributes(from, to);
  const name = from.nodeName;
  const control = name === 'INPUT' || name === 'TEXTAREA' || name === 'SELECT';
  // Read before a select's options move over: the frame's chosen value.
  const value = control ? to.value : null;
  if (name === 'INPUT') {
    if (from.checked !== to.checked) from.checked = to.checked;
  } else if (name !== 'TEXTAREA') {
    morphChildren(from, to, keep);
  }
  if (control && !kept) setValue(from, value);
}

function morphChildren(from, to, keep) {
  const wanted = [...to.childNodes];
  let cur = from.firstChild;
  const wantedLater = (i, n) => {
    const t = twin(n);
    for (let j = i + 1; j < wanted.length; j++) if (twin(wanted[j]) === t) return true;
    return false;
  };
  for (let i = 0; i < wanted.length; i++) {
    const next = wanted[i];
    let match = null;
    if (cur && twin(cur) === twin(next)) match = cur;
    else {
      // Its twin further on, if nothing skipped over is wanted later.
      for (let n = cur; n; n = n.nextSibling) {
        if (twin(n) === twin(next)) {
          match = n;
          break;
        }
        if (wantedLater(i, n)) break;
      }
      if (!match && cur && kind(cur) === kind(next) && !wantedLater(i, cur)) match = cur;
    }
    if (match) {
      while (cur !== match) {
        const gone = cur;
        cur = cur.nextSibling;
        gone.remove();
      }
      morphNode(match, next, keep);
      cur = match.nextSibling;
    } else {
      from.insertBefore(next, cur);
      added(next);
    }
  }
  while (cur) {
    const gone = cur;
    cur = cur.nextSibling;
    gone.remove();
  }
}

/**
 * A date or time left half-typed ("12/15/yyyy") has no value: the model and
 * the drafts have none either, yet the browser keeps showing the typed
 * parts, so the CSM saw a date the message did not contain. Once the field
 * is left it shows what the last frame drew (the default, or empty), like
 * any emptied field. Not when the whole window loses focus: the CSM may be
 * checking a calendar and will come back to finish it.
 */
function settleOnLeave(e) {
  const el = e.target;
  if (el.nodeName !== 'INPUT' || !el.validity || !el.validity.badInput || !drawnValue.has(el)) return;
  if (!el.ownerDocument.hasFocus()) return;
  el.value = drawnValue.get(el);
}
// Once, for the whole page: only fields a frame drew (drawnValue) are touched.
globalThis.document?.addEventListener('focusout', settleOnLeave);

/**
 * Makes `root`'s children match `parts` (the new frame's detached nodes),
 * keeping every node that stays; `keepFocused`: the focused text field
 * keeps its live value.
 */
export function morphFrame(root, parts, keepFocused) {
  const next = root.ownerDocument.createElement(root.nodeName);
  next.append(...parts);
  morphChildren(root, next, { focused: root.ownerDocument.activeElement, value: keepFocused });
}
