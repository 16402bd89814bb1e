// The page agent's `insert`: puts a generated message into the CRM's own
// composer through the editor's own input path, so the editor's model, its
// undo history and the CRM's framework all see it.
//
// 1. Focus tracking from page load (capturing focusin in the page, its open
//    shadow roots and same-origin iframes, re-attached when a frame's
//    document is rewritten) and the last caret seen in each editable.
// 2. Target choice: the focused composer; else the last one the user focused;
//    else the one visible composer. None, or several and no last-focused one:
//    nothing changes and the result says what was found. Hidden copies are
//    never candidates.
// 3. Insertion: text fields by execCommand('insertText') (native undo, React
//    sees an input event); CKEditor 4/5, Quill, TinyMCE and Draft.js through
//    their APIs in the page's MAIN world (`main`; Draft.js falls back to a
//    paste); ProseMirror, Lexical and other rich editors by a synthetic
//    paste carrying text/html + text/plain,
//    which each editor turns into its own nodes; a plain contenteditable that
//    ignores the paste by execCommand('insertHTML'). Never a node of ours.
// 4. A message goes in as its own paragraphs at the caret: never glued onto
//    the text before or after it (line breaks in text fields, an empty
//    paragraph at each edge that touches text in rich editors, or the
//    editor's own block split in main-ops.js), in the same one undo step.
// 5. The subject goes into an empty Subject field near the composer.
//
// Works in the extension's isolated world (content.js) and in the page's own
// world (embed.js): values are set through the prototype setters, which both
// worlds see the same way. Finding composers lives in composers.js, payload
// checks and separators in insert-text.js; this module tracks focus and
// carets and drives the insert.

import { MAIN_KINDS } from './main-ops.js';
import { frameDoc, isFrame, tick, isVisible, visibleIn, isSubjectField, editableRootOf, classify, usable, deepActive, collect } from './composers.js';
import { validatePayload, separated, setApart, chars, landed, contentOf, insertedSentence } from './insert-text.js';

const PASTE_KINDS = new Set(['ProseMirror', 'Lexical', 'Draft.js']);

// ------------------------------------------------------------ the inserter

/**
 * Starts focus and caret tracking on `top` and returns
 * `{ insert(payload) -> Promise<result> }`.
 * `main(node, { op, kind, html })` reaches an editor's API in the page's
 * world, op 'insert' or 'undo' (returns `{ ok, reason }`, or null when there
 * is no MAIN world). `skipFrame(iframe)` names frames that are never
 * composers (the embedded Defuse panel itself, when it is same-origin).
 */
export function createInserter({ top = document, main = async () => null, skipFrame = () => false } = {}) {
  let last = null; // { root, chain } of the last composer the user focused
  const ranges = new WeakMap(); // editable root → last caret/selection in it
  const hooked = new WeakMap(); // document → canary state
  const canary = 'defuse-canary-' + Math.random().toString(36).slice(2);

  // Single-line fields only count while they have focus: a search box used
  // a minute ago is not where the user wants the message.
  const record = () => {
    const { el, chain } = deepActive(top, skipFrame);
    const root = editableRootOf(el);
    if (root && root.tagName !== 'INPUT') last = { root, chain };
  };

  const onSelection = (doc) => () => {
    const sel = doc.getSelection();
    if (!sel || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    const root = editableRootOf(range.startContainer);
    if (root && root.contains(range.endContainer)) ranges.set(root, range.cloneRange());
  };

  // A document rewritten with document.open() loses its listeners; a private
  // canary event tells whether ours are still attached.
  const isHooked = (doc) => {
    const state = hooked.get(doc);
    if (!state) return false;
    state.alive = false;
    doc.dispatchEvent(new Event(canary));
    return state.alive;
  };

  const hook = (doc) => {
    if (!doc || isHooked(doc)) return;
    const state = { alive: true };
    hooked.set(doc, state);
    doc.addEventListener(canary, () => (state.alive = true), true);
    doc.addEventListener('focusin', () => {
      Promise.resolve().then(() => {
        record();
        hookFrames(top);
      });
    }, true);
    doc.addEventListener('selectionchange', onSelection(doc), true);
    // A caret placed before the agent started (it starts after the page's load).
    onSelection(doc)();
    // Frames loading later (an editor's iframe, one recreated by a mode switch).
    doc.addEventListener('load', (event) => {
      if (isFrame(event.target)) hookFrames(frameDoc(event.target));
    }, true);
  };

  const hookFrames = (doc, depth = 0) => {
    if (!doc || depth > 8) return;
    hook(doc);
    for (const frame of doc.querySelectorAll('iframe, frame')) if (!skipFrame(frame)) hookFrames(frameDoc(frame), depth + 1);
  };

  hookFrames(top);
  record();

  /** The last-focused composer, if it is still there (or was rebuilt in the same frame). */
  const resolveLast = () => {
    if (!last) return null;
    const { root, chain } = last;
    const chainOk = chain.every((f, i) => f.isConnected && (i === 0 || frameDoc(chain[i - 1]) === f.ownerDocument));
    if (chainOk && root.isConnected && (chain.length === 0 || frameDoc(chain[chain.length - 1]) === root.ownerDocument)) {
      return visibleIn(root, chain) ? { root, chain } : null;
    }
    // The editor's frame was rewritten or recreated (CKEditor 4 setData, a
    // source → WYSIWYG switch): take the one composer now in the deepest
    // frame that is still there.
    let keep = 0;
    while (keep < chain.length && chain[keep].isConnected && (keep === 0 || frameDoc(chain[keep - 1]) === chain[keep].ownerDocument)) keep++;
    if (keep === 0) return null;
    const base = chain.slice(0, keep);
    const doc = frameDoc(base[keep - 1]);
    if (!doc) return null;
    const found = [];
    if (doc.body && (doc.designMode === 'on' || doc.body.isContentEditable)) {
      if (visibleIn(doc.body, base)) found.push({ root: doc.body, chain: base });
    } else {
      collect(doc, base, found, keep, skipFrame);
    }
    return found.length === 1 ? found[0] : null;
  };

  const describe = (list) => list.map((c) => classify(c.root)).join(', ');

  /** The target, or a message saying what was found instead. */
  const chooseTarget = () => {
    hookFrames(top);
    const { el, chain } = deepActive(top, skipFrame);
    const focused = editableRootOf(el);
    if (focused && usable(focused) && visibleIn(focused, chain)) return { target: { root: focused, chain } };
    const previous = resolveLast();
    if (previous && usable(previous.root)) return { target: previous };
    const found = [];
    collect(top, [], found, 0, skipFrame);
    if (found.length === 1) return { target: found[0] };
    if (found.length === 0) return { message: 'No email composer found on this page.' };
    return {
      message: `Found ${found.length} composers (${describe(found)}); click into the one you want, then Insert again.`,
      found: found.map((c) => classify(c.root)),
    };
  };

  // -------------------------------------------------------------- writers

  const setValue = (el, value) => {
    const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    const desc = Object.getOwnPropertyDescriptor(proto, 'value');
    desc.set.call(el, value); // the prototype setter, so React's value tracker sees a change
  };

  const insertIntoField = (el, message) => {
    const doc = el.ownerDocument;
    const before = el.value;
    el.focus({ preventScroll: true });
    let caret = [before.length, before.length];
    try {
      if (typeof el.selectionStart === 'number') caret = [el.selectionStart, el.selectionEnd];
    } catch (_) {
      // input types without a selection API: append
    }
    const text = separated(before.slice(0, caret[0]), before.slice(caret[1]), message, el.tagName === 'INPUT');
    let done = false;
    try {
      // The native editing path: one native undo step, beforeinput + input events.
      done = doc.execCommand('insertText', false, text) && el.value !== before;
    } catch (_) {
      done = false;
    }
    if (!done && el.value === before) {
      let start = el.value.length;
      let end = start;
      try {
        start = el.selectionStart;
        end = el.selectionEnd;
      } catch (_) {
        // input types without a selection API: append
      }
      setValue(el, before.slice(0, start) + text + before.slice(end));
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }));
      return { undo: false };
    }
    return { undo: true };
  };

  /** Focuses the editable and puts the caret back where the user left it (or at the end). */
  const focusAt = (root, chain) => {
    const doc = root.ownerDocument;
    const sel = doc.getSelection();
    const inside = (r) => r && r.startContainer.isConnected && root.contains(r.startContainer) && root.contains(r.endContainer);
    let range = sel && sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
    if (!inside(range)) range = ranges.get(root) || null;
    if (!inside(range)) range = null;
    for (const frame of chain) {
      try {
        frame.focus({ preventScroll: true });
      } catch (_) {
        // a frame that cannot take focus
      }
    }
    root.focus({ preventScroll: true });
    if (!range) {
      const now = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
      if (inside(now)) return;
      range = doc.createRange();
      range.selectNodeContents(root);
      range.collapse(false);
    }
    sel.removeAllRanges();
    sel.addRange(range);
  };

  const paste = (root, html, text) => {
    const doc = root.ownerDocument;
    const dt = new DataTransfer();
    dt.setData('text/html', html);
    dt.setData('text/plain', text);
    const sel = doc.getSelection();
    let at = sel && sel.rangeCount ? sel.getRangeAt(0).startContainer : root;
    if (at.nodeType !== 1) at = at.parentElement;
    if (!at || !root.contains(at)) at = root;
    const event = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true });
    at.dispatchEvent(event);
    return event.defaultPrevented;
  };

  /** Rich editors that handle paste themselves. */
  const insertByPaste = async (root, chain, html, text, editor) => {
    const before = contentOf(root);
    focusAt(root, chain);
    await tick(); // let the editor read the selection (selectionchange is async)
    const apart = setApart(root, html, text, editor === 'Draft.js');
    paste(root, apart.html, apart.text);
    for (let i = 0; i < 5 && contentOf(root) === before; i++) await tick(); // async renderers (Lexical, React)
    await tick();
    return contentOf(root) !== before;
  };

  /** A plain contenteditable: its own paste handler if it has one, else the native editing path. */
  const insertIntoEditable = async (root, chain, message, plain) => {
    const before = contentOf(root);
    focusAt(root, chain);
    await tick();
    const { html, text } = setApart(root, message, plain);
    const handled = paste(root, html, text);
    await tick();
    if (handled || contentOf(root) !== before) return true;
    const doc = root.ownerDocument;
    let ok = false;
    try {
      ok = doc.execCommand('insertHTML', false, html);
    } catch (_) {
      ok = false;
    }
    return ok && contentOf(root) !== before;
  };

  /** Ctrl/Cmd+Z as a key event: the undo key binding of editors that keep their own history. */
  const undoKey = (root) => {
    const mac = /Mac|iPhone|iPad/.test(navigator.platform || '');
    const init = { key: 'z', code: 'KeyZ', keyCode: 90, which: 90, bubbles: true, cancelable: true, composed: true, ctrlKey: !mac, metaKey: mac };
    root.dispatchEvent(new KeyboardEvent('keydown', init));
    root.dispatchEvent(new KeyboardEvent('keyup', init));
  };

  /** Takes back an insert that did not land whole, through the same route it went in by. */
  const rollback = async (root, editor, path, before) => {
    const doc = root.ownerDocument;
    const back = () => contentOf(root) === before;
    const settle = async () => {
      for (let i = 0; i < 5 && !back(); i++) await tick();
    };
    if (path === 'native text') {
      root.focus({ preventScroll: true });
      try {
        doc.execCommand('undo');
      } catch (_) {
        // falls through to the value
      }
      if (!back()) {
        setValue(root, before);
        root.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'historyUndo' }));
      }
    } else if (path === 'editor API') {
      await main(root, { op: 'undo', kind: editor });
    } else {
      if (path === 'contenteditable') {
        try {
          doc.execCommand('undo');
        } catch (_) {
          // try the key below
        }
        await settle();
      }
      if (!back()) undoKey(root);
    }
    await settle();
    return back();
  };

  const REASONS = {
    'read-only': (k) => `The ${k} composer is read-only; nothing was inserted.`,
    'source-mode': (k) => `The ${k} composer is in source mode; switch back to the normal view, then Insert again.`,
  };

  const fillSubject = (root, chain, subject) => {
    if (!subject) return 'no subject given';
    // The nearest container of the composer (or of its frame) that holds a Subject field.
    const starts = [root].concat(chain.slice().reverse());
    // Up through the containers, and out of shadow roots to their hosts.
    const up = (node) => {
      const parent = node.parentNode;
      return parent && parent.nodeType === 11 && parent.host ? parent : parent && parent.nodeType === 1 ? parent : null;
    };
    for (const start of starts) {
      for (let a = up(start); a; a = up(a.nodeType === 11 ? a.host : a)) {
        const field = Array.from(a.querySelectorAll('input')).find((i) => i !== root && isSubjectField(i) && !i.disabled && !i.readOnly && isVisible(i));
        if (!field) continue;
        if (field.value.trim()) return 'kept existing';
        setValue(field, subject);
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: subject }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
        return 'filled';
      }
    }
    return 'no subject field';
  };

  async function insert(payload) {
    const v = validatePayload(payload);
    if (v.error) return { ok: false, editor: null, chars: 0, message: v.error, subject: 'not filled' };
    const choice = chooseTarget();
    if (!choice.target) return { ok: false, editor: null, chars: 0, message: choice.message, found: choice.found || [], subject: 'not filled' };
    const { root, chain } = choice.target;
    const editor = classify(root);
    const n = chars(v.text);
    const refuse = (message) => ({ ok: false, editor, chars: 0, message, subject: 'not filled' });
    if (!usable(root)) return refuse(REASONS['read-only'](editor));

    let changed = false;
    let undo = true;
    let path = '';
    let why = ''; // why the editor's API was not used
    const before = contentOf(root);
    try {
      if (editor === 'textarea' || editor === 'text field') {
        path = 'native text';
        undo = insertIntoField(root, v.text).undo;
        changed = contentOf(root) !== before;
      } else if (MAIN_KINDS.includes(editor)) {
        path = 'editor API';
        const r = await main(root, { op: 'insert', kind: editor, html: v.html });
        if (r && r.ok) changed = true;
        else if (r && REASONS[r.reason]) return refuse(REASONS[r.reason](editor));
        else if (editor !== 'CKEditor 4') {
          // No MAIN world or no instance found: the editor's own paste handling.
          path = 'paste';
          why = r ? r.reason : 'no MAIN world';
          changed = await insertByPaste(root, chain, v.html, v.text, editor);
        }
      } else if (PASTE_KINDS.has(editor)) {
        path = 'paste';
        changed = await insertByPaste(root, chain, v.html, v.text, editor);
      } else {
        path = 'contenteditable';
        changed = await insertIntoEditable(root, chain, v.html, v.text);
      }
    } catch (e) {
      const restored = contentOf(root) === before || (await rollback(root, editor, path, before));
      return refuse(`Could not insert into the ${editor} composer (${(e && e.message) || 'error'}).` + (restored ? ' Nothing was changed.' : ' Check it before sending.'));
    }
    if (!changed) return refuse(`Could not insert into the ${editor} composer: it did not accept the text. Nothing was changed.`);
    if (!landed(root, v.text)) {
      // Part of it only (a length limit, a filter): take it back, the composer stays as it was.
      if (await rollback(root, editor, path, before)) {
        return refuse(`The ${editor} composer took only part of the text, so Defuse took it back. Nothing was changed; copy the message instead.`);
      }
      return refuse(`The ${editor} composer took only part of the text and Defuse could not take it back; check it before sending.`);
    }
    const subject = fillSubject(root, chain, v.subject);
    const result = { ok: true, editor, chars: n, path, subject, message: insertedSentence(root, editor, subject, undo) };
    if (why) result.apiUnavailable = why;
    return result;
  }

  return { insert, chooseTarget };
}


/**
 * `main` for the content script: asks the MAIN-world helper over the private
 * channel opened by channel.js. The node is handed over as an event's
 * relatedTarget (or as the target itself inside a shadow root); the request
 * is JSON data; the answer is accepted only with the request's id, under the
 * token's event name, and only its ok/reason are read.
 */
export function mainViaChannel(channel, doc = document) {
  let seq = 0;
  return (node, request) =>
    new Promise((resolve) => {
      if (!channel || !channel.ready) return resolve(null);
      const id = `${++seq}-${Math.random().toString(36).slice(2)}`;
      const resType = 'defuse-res-' + channel.token;
      let timer = 0;
      const onAnswer = (event) => {
        let message = null;
        try {
          message = typeof event.detail === 'string' ? JSON.parse(event.detail) : null;
        } catch (_) {
          message = null;
        }
        if (!message || message.id !== id) return;
        event.stopImmediatePropagation();
        const r = message.result;
        done(r && typeof r === 'object' ? { ok: r.ok === true, reason: typeof r.reason === 'string' ? r.reason.slice(0, 40) : '' } : null);
      };
      const done = (r) => {
        clearTimeout(timer);
        doc.removeEventListener(resType, onAnswer, true);
        resolve(r);
      };
      timer = setTimeout(() => done(null), 5000);
      doc.addEventListener(resType, onAnswer, true);
      const nodeEvent = 'defuse-node-' + channel.token;
      if (node.ownerDocument === doc && node.getRootNode() !== doc) {
        node.dispatchEvent(new MouseEvent(nodeEvent, { bubbles: true, composed: true }));
      } else {
        doc.dispatchEvent(new MouseEvent(nodeEvent, { relatedTarget: node }));
      }
      const op = request.op === 'undo' ? 'undo' : 'insert';
      doc.dispatchEvent(new CustomEvent('defuse-req-' + channel.token, { detail: JSON.stringify({ id, op, kind: request.kind, html: request.html }) }));
    });
}
