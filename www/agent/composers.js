// Finding composers for the page agent's insert (insert.js): frames and
// their documents, visibility, which element is an editable message field or
// a Subject field, which editor library drives a rich editable, and the walk
// that collects the candidate composers of a document, its open shadow roots
// and its same-origin iframes. Reads the DOM only; changes nothing.

const SUBJECT_WORDS = /(^|[^a-z])(subject|betreff|objet|asunto|assunto|onderwerp)([^a-z]|$)/i;
const TEXT_INPUT_TYPES = new Set(['', 'text']);


export function frameDoc(frame) {
  try {
    return frame.contentDocument || null; // null when cross-origin
  } catch (_) {
    return null;
  }
}

export function isFrame(el) {
  return el && (el.tagName === 'IFRAME' || el.tagName === 'FRAME');
}

/** A macrotask that background tabs do not throttle (unlike setTimeout). */
export function tick() {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

export function isVisible(el) {
  if (!el || !el.isConnected) return false;
  if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ checkOpacity: true, visibilityProperty: true })) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;
  const win = el.ownerDocument.defaultView;
  const sx = win ? win.scrollX : 0;
  const sy = win ? win.scrollY : 0;
  return r.right + sx > 0 && r.bottom + sy > 0; // not pushed off the page
}

/** Visible, and so is every frame on the way to it. */
export function visibleIn(root, chain) {
  for (const frame of chain) if (!isVisible(frame)) return false;
  const doc = root.ownerDocument;
  // The body of an editor's iframe is as visible as the iframe.
  if (chain.length && root === doc.body) return root.isConnected;
  return isVisible(root);
}

function textInput(el) {
  return el.tagName === 'INPUT' && TEXT_INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase());
}

/** A single-line field that could be a composer: not a search box, combobox or autocomplete. */
function messageInput(el) {
  if (!textInput(el)) return false;
  const role = (el.getAttribute('role') || '').toLowerCase();
  return role !== 'searchbox' && role !== 'combobox' && !el.hasAttribute('aria-autocomplete') && !el.hasAttribute('list');
}

function labelTextOf(el) {
  const parts = [el.getAttribute('aria-label'), el.getAttribute('name'), el.id, el.getAttribute('placeholder'), el.getAttribute('title')];
  if (el.labels) for (const l of el.labels) parts.push(l.textContent);
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    for (const id of by.split(/\s+/)) {
      const l = id && el.ownerDocument.getElementById(id);
      if (l) parts.push(l.textContent);
    }
  }
  return parts.filter(Boolean).join(' ').slice(0, 500);
}

export function isSubjectField(el) {
  return el.tagName === 'INPUT' && textInput(el) && SUBJECT_WORDS.test(labelTextOf(el));
}

/** The editable root an element belongs to, or null. Subject fields are not composers. */
export function editableRootOf(node) {
  let el = node && node.nodeType === 1 ? node : node && node.parentElement;
  if (!el) return null;
  if (el.tagName === 'TEXTAREA') return el;
  if (el.tagName === 'INPUT') return messageInput(el) && !isSubjectField(el) ? el : null;
  const doc = el.ownerDocument;
  if (!el.isContentEditable) return null;
  if (doc.designMode === 'on') return doc.body;
  let root = el;
  while (root !== doc.body && root.parentElement && root.parentElement.isContentEditable) root = root.parentElement;
  return root;
}

/** Which editor an editable root belongs to, by the marks each editor puts on its own DOM. */
export function classify(root) {
  const has = (c) => root.classList.contains(c);
  if (root.tagName === 'TEXTAREA') return has('cke_source') ? 'CKEditor 4' : 'textarea'; // CKEditor 4's source mode
  if (root.tagName === 'INPUT') return 'text field';
  if (has('ck-editor__editable')) return 'CKEditor 5';
  if (has('cke_editable')) return 'CKEditor 4';
  if (has('ql-editor')) return 'Quill';
  if (has('ProseMirror')) return 'ProseMirror';
  if (root.hasAttribute('data-lexical-editor')) return 'Lexical';
  if (has('public-DraftEditor-content') || root.closest('.DraftEditor-root')) return 'Draft.js';
  if (has('mce-content-body')) return 'TinyMCE';
  return 'contenteditable';
}

export function usable(root) {
  if (root.tagName === 'TEXTAREA' || root.tagName === 'INPUT') return !root.disabled && !root.readOnly;
  return true;
}

/** The element that has focus, through open shadow roots and same-origin frames. */
export function deepActive(doc, skipFrame = () => false) {
  let el = doc.activeElement;
  const chain = [];
  for (let i = 0; el && i < 32; i++) {
    if (el.shadowRoot && el.shadowRoot.activeElement) {
      el = el.shadowRoot.activeElement;
    } else if (isFrame(el)) {
      if (skipFrame(el)) return { el: null, chain };
      const inner = frameDoc(el);
      if (!inner || !inner.activeElement) break;
      chain.push(el);
      el = inner.activeElement;
    } else {
      break;
    }
  }
  return { el, chain };
}

/** Every visible, usable composer: textareas, contenteditable roots, editable iframe bodies. */
export function collect(doc, chain, out, depth = 0, skipFrame = () => false) {
  if (depth > 8) return;
  const walk = (root) => {
    const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let el = walker.currentNode; el; el = walker.nextNode()) {
      if (el.nodeType !== 1) continue;
      if (el.tagName === 'TEXTAREA') {
        if (usable(el) && visibleIn(el, chain)) out.push({ root: el, chain });
      } else if (el.hasAttribute('contenteditable') && el.isContentEditable) {
        const parent = el.parentElement;
        if (!(parent && parent.isContentEditable) && visibleIn(el, chain)) out.push({ root: el, chain });
      } else if (isFrame(el)) {
        if (skipFrame(el)) continue;
        const inner = frameDoc(el);
        if (!inner || !inner.body) continue;
        const innerChain = chain.concat([el]);
        if (inner.designMode === 'on' || inner.body.isContentEditable) {
          if (visibleIn(inner.body, innerChain)) out.push({ root: inner.body, chain: innerChain });
        } else {
          collect(inner, innerChain, out, depth + 1, skipFrame);
        }
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (doc.documentElement) walk(doc.documentElement);
}
