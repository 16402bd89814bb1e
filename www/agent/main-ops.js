// Editor operations that need the page's own JavaScript world: an editor's
// instance (CKEDITOR.instances, element.ckeditorInstance, Quill.find,
// tinymce.get, Draft.js's component through React's fiber) is a page object, invisible to the extension's isolated world.
// Used by the MAIN-world content script (main-world.js) and, directly, by the
// embedded agent (embed.js), which already runs in the page's world.
//
// Every operation inserts through the editor's own API, as one undo step, and
// leaves the editor as it was when it fails (nothing written, or undone).
// A message goes in as its own paragraphs: when the caret is inside text, the
// block is split there (or a new block opened before / after it), so the
// message is never glued onto what was already written.
// The HTML comes from the panel: built with escaping and checked again by the
// agent (insert.js) before it gets here. Nothing here evaluates page input.

/** Editors this file knows how to reach. */
export const MAIN_KINDS = ['CKEditor 4', 'CKEditor 5', 'Quill', 'TinyMCE', 'Draft.js'];

const fail = (reason, detail) => ({ ok: false, reason, detail: detail ? String(detail).slice(0, 200) : undefined });

/**
 * A library global (CKEDITOR, Quill, tinymce) in the node's window or a
 * same-origin ancestor. Not a DOM element: `window.tinymce` in TinyMCE's own
 * iframe is its <body id="tinymce"> (named access on window).
 */
function findGlobal(node, name) {
  let win = node && node.ownerDocument ? node.ownerDocument.defaultView : null;
  for (let i = 0; win && i < 10; i++) {
    try {
      const value = win[name];
      if (value && (typeof value === 'object' || typeof value === 'function') && typeof value.nodeType !== 'number') return value;
    } catch (_) {
      return null; // cross-origin ancestor
    }
    if (win.parent === win) break;
    win = win.parent;
  }
  return null;
}

function ck4(node, html) {
  const CK = findGlobal(node, 'CKEDITOR');
  if (!CK || !CK.instances) return fail('no-api');
  let editor = null;
  for (const name of Object.keys(CK.instances)) {
    const e = CK.instances[name];
    try {
      const editable = e.editable && e.editable();
      if (editable && (editable.$ === node || editable.$.contains(node) || (e.document && e.document.$ === node.ownerDocument))) {
        editor = e;
        break;
      }
    } catch (_) {
      // an instance being destroyed
    }
  }
  if (!editor) return fail('no-instance');
  if (editor.readOnly) return fail('read-only');
  if (editor.mode !== 'wysiwyg') return fail('source-mode');
  const before = editor.getData();
  try {
    editor.focus();
    // insertHtml saves an undo snapshot before and after: one undo step.
    editor.insertHtml(html);
  } catch (e) {
    if (editor.getData() !== before) editor.execCommand('undo');
    return fail('exception', e && e.message);
  }
  if (editor.getData() === before) return fail('unchanged');
  return { ok: true };
}

/**
 * Puts the CKEditor 5 selection in an empty paragraph of its own at the
 * caret: before the caret's block when the caret is at its start, after it at
 * its end, between the two halves when the caret splits it. Inside
 * `model.change`, so it is part of the insert's one undo step.
 */
function ck5OwnParagraph(model, writer) {
  const selection = model.document.selection;
  if (!selection.isCollapsed) model.deleteContent(selection);
  const pos = selection.getFirstPosition();
  const block = pos && pos.parent;
  if (!block || !block.is('element') || block.isEmpty || !block.parent) return;
  if (!model.schema.checkChild(block.parent, 'paragraph')) return;
  const paragraph = writer.createElement('paragraph');
  if (pos.isAtStart) {
    writer.insert(paragraph, block, 'before');
  } else {
    if (!pos.isAtEnd) writer.split(pos);
    writer.insert(paragraph, block, 'after');
  }
  writer.setSelection(paragraph, 0);
}

function ck5(node, html) {
  let editor = null;
  for (let el = node, i = 0; el && i < 50 && !editor; el = el.parentElement, i++) editor = el.ckeditorInstance || null;
  if (!editor || !editor.model || !editor.data) return fail('no-api');
  if (editor.isReadOnly) return fail('read-only');
  const before = editor.getData();
  try {
    const view = editor.data.processor.toView(html);
    const fragment = editor.data.toModel(view);
    // One model.change block is one batch, so one undo step; insertContent
    // replaces a non-collapsed selection, like a paste.
    editor.model.change((writer) => {
      ck5OwnParagraph(editor.model, writer);
      editor.model.insertContent(fragment);
    });
  } catch (e) {
    if (editor.getData() !== before && editor.commands.get('undo')) editor.execute('undo');
    return fail('exception', e && e.message);
  }
  if (editor.getData() === before) return fail('unchanged');
  try {
    editor.editing.view.focus();
  } catch (_) {
    // focus is a nicety
  }
  return { ok: true };
}

function quill(node, html) {
  const Q = findGlobal(node, 'Quill');
  let q = null;
  for (let el = node, i = 0; el && i < 50 && !q; el = el.parentElement, i++) {
    if (el.__quill) q = el.__quill;
    else if (Q && typeof Q.find === 'function') {
      const found = Q.find(el);
      if (found && found.clipboard && found.history) q = found;
    }
  }
  if (!q) return fail('no-api');
  if (typeof q.isEnabled === 'function' && !q.isEnabled()) return fail('read-only');
  const before = JSON.stringify(q.getContents());
  try {
    // getSelection(true) focuses and returns the caret Quill last saw.
    const range = q.getSelection(true) || { index: Math.max(0, q.getLength() - 1), length: 0 };
    q.history.cutoff();
    if (range.length > 0) q.deleteText(range.index, range.length, 'user');
    // Quill pastes paragraphs into the caret's line: open an empty line of
    // its own first (a line break before the caret unless it starts a line,
    // one after it unless it ends one), so nothing is glued on either side.
    let index = range.index;
    if (index > 0 && q.getText(index - 1, 1) !== '\n') {
      q.insertText(index, '\n', 'user');
      index += 1;
    }
    if (q.getText(index, 1) !== '\n') q.insertText(index, '\n', 'user');
    q.clipboard.dangerouslyPasteHTML(index, html, 'user');
    q.history.cutoff(); // the delete and the paste are one undo step, and only they
  } catch (e) {
    if (JSON.stringify(q.getContents()) !== before) q.history.undo();
    return fail('exception', e && e.message);
  }
  if (JSON.stringify(q.getContents()) === before) return fail('unchanged');
  return { ok: true };
}

function tiny(node, html) {
  const T = findGlobal(node, 'tinymce');
  if (!T) return fail('no-api');
  const all = typeof T.get === 'function' ? T.get() : T.editors;
  const list = Array.isArray(all) ? all : Object.values(all || {});
  const editor = list.find((e) => {
    try {
      const body = e.getBody();
      return body === node || (body && body.contains(node)) || e.getDoc() === node.ownerDocument;
    } catch (_) {
      return false;
    }
  });
  if (!editor) return fail('no-instance');
  if (editor.mode && typeof editor.mode.isReadOnly === 'function' && editor.mode.isReadOnly()) return fail('read-only');
  const before = editor.getContent();
  try {
    editor.focus();
    // mceInsertContent adds exactly one undo level.
    editor.insertContent(html);
  } catch (e) {
    if (editor.getContent() !== before) editor.undoManager.undo();
    return fail('exception', e && e.message);
  }
  if (editor.getContent() === before) return fail('unchanged');
  return { ok: true };
}

// Draft.js's HTML paste drops every empty unstyled block (<p>, <div>, with or
// without <br>: convertFromHTMLToContentBlocks trims the text and hoists empty
// unstyled blocks away), so an empty paragraph never separates anything there.
// An empty block of another type survives, and Draft merges a fragment's first
// block into the block at the caret, keeping that block's own type when it has
// text: this lead-in vanishes into the line before the caret and the message's
// first paragraph starts a block of its own. Used by the paste here and by the
// isolated world's plain paste (insert-text.js setApart).
export const DRAFT_LEAD = '<blockquote></blockquote>';

/** Draft.js's editor component (DraftEditor), reached through React's fiber on its DOM. */
function draftEditor(node) {
  for (let el = node, i = 0; el && i < 6; el = el.parentElement, i++) {
    const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$') || k.startsWith('__reactInternalInstance$'));
    if (!key) continue;
    for (let f = el[key], j = 0; f && j < 40; f = f.return, j++) {
      const c = f.stateNode;
      if (c && typeof c.update === 'function' && typeof c.getEditorKey === 'function' && c._latestEditorState) return c;
    }
  }
  return null;
}

// Draft.js: its own HTML paste (editOnPaste), with its result reshaped before
// it is committed. Draft's HTML paste drops empty unstyled blocks and merges
// the fragment's edges into the text around the caret, so an empty
// <blockquote> goes in at each edge that touches text (Draft keeps it, and the
// text around the caret keeps its own line); the state Draft makes is then
// given back the caret block's type after the message and an empty block on
// each side, and pushed onto the state before the paste: one undo step.
function draft(node, html) {
  const editor = draftEditor(node);
  if (!editor) return fail('no-instance');
  const p = editor.props || {};
  if (p.readOnly) return fail('read-only');
  // A CRM that handles pastes itself: left to the plain paste path.
  if (p.handlePastedText || p.onPaste || p.formatPastedText || p.stripPastedStyles) return fail('no-api');
  const s0 = editor._latestEditorState;
  const EditorState = s0.constructor;
  const sel = s0.getSelection();
  const c0 = s0.getCurrentContent();
  const end = c0.getBlockForKey(sel.getEndKey());
  const head = c0.getBlockForKey(sel.getStartKey()).getText().slice(0, sel.getStartOffset());
  const tail = end.getText().slice(sel.getEndOffset());
  const before = /\S/.test(head);
  const after = /\S/.test(tail);
  let keys = new Set();
  const newKey = () => {
    let k = '';
    do k = Math.random().toString(36).slice(2, 7); while (k.length < 5 || keys.has(k));
    keys.add(k);
    return k;
  };
  const blank = (b) => b.merge({ key: newKey(), text: '', characterList: b.getCharacterList().clear(), type: 'unstyled', depth: 0, data: b.getData().clear() });
  const reshape = (made) => {
    const c1 = made.getCurrentContent();
    // Tree-shaped content (Draft's experimental nested blocks) keeps sibling
    // links this reshaping does not maintain: Draft's own result, unchanged.
    if (typeof c1.getFirstBlock().getChildKeys === 'function') return made;
    keys = new Set(c1.getBlockMap().keySeq().toArray());
    const list = c1.getBlockMap().toArray();
    let selAfter = c1.getSelectionAfter();
    const out = [];
    // Only where Draft kept the lead-in (a CRM's block map may not know <blockquote>).
    const tailBlock = c1.getBlockForKey(selAfter.getAnchorKey());
    const tailKey = after && selAfter.getAnchorOffset() === 0 && tailBlock && tailBlock.getText() === tail ? tailBlock.getKey() : null;
    const headKept = before && c1.getBlockForKey(sel.getStartKey()) && c1.getBlockForKey(sel.getStartKey()).getText() === head;
    for (const b of list) {
      if (b.getKey() === tailKey) {
        const last = out[out.length - 1];
        if (last) selAfter = selAfter.merge({ anchorKey: last.getKey(), anchorOffset: last.getLength(), focusKey: last.getKey(), focusOffset: last.getLength(), isBackward: false });
        out.push(blank(b), b.merge({ type: end.getType(), depth: end.getDepth(), data: end.getData() }));
        continue;
      }
      out.push(b);
      if (headKept && b.getKey() === sel.getStartKey()) out.push(blank(b));
    }
    const map = c1.getBlockMap().clear().withMutations((m) => out.forEach((b) => m.set(b.getKey(), b)));
    return EditorState.push(s0, c1.merge({ blockMap: map, selectionAfter: selAfter }), 'insert-fragment');
  };
  const update = editor.update;
  let done = false;
  let error = null;
  editor.update = (made) => {
    editor.update = update;
    try {
      update(reshape(made));
      done = true;
    } catch (e) {
      error = e;
    }
  };
  try {
    const dt = new DataTransfer();
    dt.setData('text/html', (before ? DRAFT_LEAD : '') + html + (after ? DRAFT_LEAD : ''));
    dt.setData('text/plain', new DOMParser().parseFromString(html, 'text/html').body.textContent || ' ');
    node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  } finally {
    editor.update = update;
  }
  if (error) return fail('exception', error.message);
  return done ? { ok: true } : fail('unchanged');
}

const OPS = { 'CKEditor 4': ck4, 'CKEditor 5': ck5, Quill: quill, TinyMCE: tiny, 'Draft.js': draft };

/** The instance that owns `node`, for an undo (same lookups as the inserts). */
function undoFor(kind, node) {
  if (kind === 'CKEditor 4') {
    const CK = findGlobal(node, 'CKEDITOR');
    for (const name of Object.keys((CK && CK.instances) || {})) {
      const e = CK.instances[name];
      const editable = e.editable && e.editable();
      if (editable && (editable.$ === node || editable.$.contains(node) || (e.document && e.document.$ === node.ownerDocument))) return () => e.execCommand('undo');
    }
  } else if (kind === 'CKEditor 5') {
    for (let el = node, i = 0; el && i < 50; el = el.parentElement, i++) if (el.ckeditorInstance) return () => el.ckeditorInstance.execute('undo');
  } else if (kind === 'Quill') {
    const Q = findGlobal(node, 'Quill');
    for (let el = node, i = 0; el && i < 50; el = el.parentElement, i++) {
      const q = el.__quill || (Q && typeof Q.find === 'function' ? Q.find(el) : null);
      if (q && q.history) return () => q.history.undo();
    }
  } else if (kind === 'Draft.js') {
    const editor = draftEditor(node);
    if (editor) return () => editor.update(editor._latestEditorState.constructor.undo(editor._latestEditorState));
  } else if (kind === 'TinyMCE') {
    const T = findGlobal(node, 'tinymce');
    const all = T ? (typeof T.get === 'function' ? T.get() : T.editors) : [];
    for (const e of Array.isArray(all) ? all : Object.values(all || {})) {
      const body = e.getBody && e.getBody();
      if (body && (body === node || body.contains(node))) return () => e.undoManager.undo();
    }
  }
  return null;
}

/**
 * Inserts `html` into the editor that owns `node` (its editable root), or
 * with `op: 'undo'` takes one step back in that editor's undo history.
 * Returns `{ ok: true }` or `{ ok: false, reason }`; reason `no-api` means the
 * editor's instance is not reachable and the caller may try another path.
 */
export function mainInsert(node, request) {
  if (!node || typeof node !== 'object' || node.nodeType !== 1) return fail('no-node');
  if (!request || typeof request.kind !== 'string') return fail('bad-request');
  const known = Object.prototype.hasOwnProperty.call(OPS, request.kind);
  if (!known) return fail('unknown-kind');
  try {
    if (request.op === 'undo') {
      // Takes back an insert that did not land whole (see insert.js).
      const undo = undoFor(request.kind, node);
      if (!undo) return fail('no-api');
      undo();
      return { ok: true };
    }
    if (typeof request.html !== 'string') return fail('bad-request');
    return OPS[request.kind](node, request.html);
  } catch (e) {
    return fail('exception', e && e.message);
  }
}
