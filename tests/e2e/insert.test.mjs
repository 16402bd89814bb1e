// Insert into the CRM's composer, end to end: real Chromium with dist/
// loaded, fixture pages served with the strict CSP, each with the real editor
// package from npm. Every test sends the very message the panel's Insert
// button sends (`panel-to-agent:insert` to the tab's top frame, see
// host.insert in www/hosts/extension.js), then reads the editor's OWN model
// (getData(), quill.getText(), ProseMirror/Lexical/Draft.js state, React
// state), undoes once with the editor's own undo, and checks that no node or
// attribute of ours is left in the editable area. Which composer gets the
// message, refusals, the MAIN-world helper and the embedded route are in
// insert-targets.test.mjs; what both share is in insert-lib.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendInsert, openFixture } from './harness.mjs';
import { PAYLOAD, CHARS, norm, assertNoForeignNodes, assertOneUndoRestores } from './insert-lib.mjs';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

// Which route each editor's insert takes (see www/agent/insert.js).
const ROUTE = {
  textarea: 'native text',
  contenteditable: 'contenteditable',
  'CKEditor 4': 'editor API',
  'CKEditor 5': 'editor API',
  Quill: 'editor API',
  TinyMCE: 'editor API',
  ProseMirror: 'paste',
  Lexical: 'paste',
  'Draft.js': 'editor API',
};

/**
 * The common case for each editor: existing text, caret after "Hello Dana,"
 * (or the word "thanks" selected), insert, then the model, the order, bold
 * labels for rich editors, no foreign nodes, one undo, the subject.
 */
async function editorCase({ path, frameUrl, editor, rich, select = false, subject = 'filled' }) {
  const { page, frame, tabId } = await openFixture(h, path, frameUrl);
  const beforeData = await frame.evaluate(() => window.fixture.data());
  if (select) await frame.evaluate(() => window.fixture.select('thanks'));
  else await frame.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  await page.waitForTimeout(50);

  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, editor);
  assert.equal(result.chars, CHARS);
  const subjectSentence = { filled: ' The subject was filled in too.', 'kept existing': ' The subject already had text, so it was left as it was.' }[subject] || '';
  assert.equal(result.message, `Inserted into the email body (${editor}).${subjectSentence}`);
  assert.doesNotMatch(result.message, /\d+ characters|esc-|defuse/i, 'a sentence, no internal ids or counts');
  assert.equal(result.subject, subject);
  assert.equal(result.path, ROUTE[editor]);

  const text = norm(await frame.evaluate(() => window.fixture.text()));
  const hello = text.indexOf('Hello Dana,');
  const ours = text.indexOf('Current status: Investigating');
  const next = text.indexOf('Next update: tomorrow 10:00 CET.');
  const rest = text.indexOf(select ? 'for your patience.' : 'thanks for your patience.');
  assert.ok(hello >= 0 && ours > hello && next > ours && rest > next, `the message is at the caret, the old text kept around it: ${text}`);
  if (select) assert.ok(!text.includes('thanks'), 'the selected word is replaced');
  assert.ok(text.includes('the customer wrote "<urgent>".'), 'escaped markup arrives as text');
  if (rich) {
    assert.equal(await frame.evaluate(() => window.fixture.bold('Current status:')), true, 'field labels are bold in the model');
    assert.equal(await frame.evaluate(() => window.fixture.bold('Next update:')), true);
  }
  await assertNoForeignNodes(frame);
  await assertOneUndoRestores(frame, beforeData);
  if (subject === 'filled') assert.equal(await page.inputValue('#subject'), PAYLOAD.subject);
  return { page, frame, tabId };
}

// ---------------------------------------------------------------- editors

test('plain textarea: at the caret, native undo, subject filled', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/textarea.html', editor: 'textarea', rich: false });
  await page.close();
});

test('plain textarea: replaces the selected word', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/textarea.html', editor: 'textarea', rich: false, select: true });
  await page.close();
});

test('React-controlled textarea: React state has the text; subject input state too', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/react-textarea.html', editor: 'textarea', rich: false });
  // After the undo: React's state is back to the original (checked above);
  // the subject went through React's onChange into its state.
  assert.equal(await page.evaluate(() => window.fixture.state.subject), PAYLOAD.subject);
  await page.close();
});

test('React-controlled single-line input, focused: React state has the text (on one line)', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/react-textarea.html');
  await page.focus('#chat');
  await page.evaluate(() => document.getElementById('chat').setSelectionRange(8, 8));
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, 'text field');
  assert.equal(result.path, 'native text');
  await page.waitForFunction(() => window.fixture.state.chat.length > 20);
  const chat = await page.evaluate(() => window.fixture.state.chat);
  // Set apart from the text before it, on the one line a single-line field has.
  assert.ok(chat.startsWith('Hi Dana, Current status: Investigating') && chat.includes('Next update: tomorrow 10:00 CET.'), chat);
  assert.match(result.message, /^Inserted into the message field \(text field\)\./);
  assert.equal(await page.evaluate(() => window.fixture.state.body), 'Hello Dana, thanks for your patience.', 'the textarea is untouched');
  await page.evaluate(() => {
    document.getElementById('chat').focus();
    document.execCommand('undo');
  });
  await page.waitForFunction(() => window.fixture.state.chat === 'Hi Dana,');
  await page.close();
});

test('plain contenteditable (role=textbox): rich paragraphs, native undo, existing subject kept', async () => {
  const { page, frame } = await editorCase({ path: '/fixtures/editors/contenteditable.html', editor: 'contenteditable', rich: true, subject: 'kept existing' });
  assert.equal(await page.inputValue('input[name=subjectbox]'), 'Re: sync failures');
  assert.equal(await frame.evaluate(() => window.fixture.root.querySelectorAll('[style], span').length), 0, 'no wrapper spans or inline styles');
  await page.close();
});

test('CKEditor 4 in nested iframes (CK Editor Container → cke_wysiwyg_frame), frame rewritten after load', async () => {
  const { page, frame } = await editorCase({ path: '/fixtures/editors/ck4.html', frameUrl: 'ck4-inner.html', editor: 'CKEditor 4', rich: true });
  assert.ok((await frame.evaluate(() => window.fixture.frames)) >= 2, 'the editing frame was rewritten after load (setData)');
  await page.close();
});

test('CKEditor 4: the editing iframe is recreated (source → WYSIWYG) after the user focused it', async () => {
  const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/ck4.html', 'ck4-inner.html');
  await frame.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  await page.waitForTimeout(50);
  await frame.evaluate(() => window.fixture.remount());
  // Focus is now nowhere in particular: the user clicks on the page.
  await page.click('h1');
  const before = await frame.evaluate(() => window.fixture.data());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, 'CKEditor 4');
  const text = norm(await frame.evaluate(() => window.fixture.text()));
  assert.ok(text.includes('Current status: Investigating') && text.includes('Hello Dana, thanks for your patience.'.slice(0, 11)), text);
  await assertNoForeignNodes(frame);
  await assertOneUndoRestores(frame, before);
  await page.close();
});

test('CKEditor 4 in source mode: refused, nothing changes', async () => {
  const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/ck4.html', 'ck4-inner.html');
  const before = await frame.evaluate(() => window.fixture.data());
  await frame.evaluate(() => new Promise((r) => window.fixture.editor.setMode('source', r)));
  await frame.evaluate(() => window.fixture.editor.focus());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, false);
  assert.equal(result.message, 'The CKEditor 4 composer is in source mode; switch back to the normal view, then Insert again.');
  assert.equal(await frame.evaluate(() => window.fixture.editor.getData()), before);
  assert.equal(await page.inputValue('#subject'), '', 'a refused insert fills no subject');
  await page.close();
});

test('CKEditor 5 (Zendesk): editor.getData(), one undo', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/ck5.html', editor: 'CKEditor 5', rich: true });
  await page.close();
});

test('CKEditor 5: replaces the selected word', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/ck5.html', editor: 'CKEditor 5', rich: true, select: true });
  await page.close();
});

test('Quill 2 (Salesforce rich text): quill.getText(), bold in the Delta, one undo', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/quill.html', editor: 'Quill', rich: true });
  await page.close();
});

test('Quill 2: replaces the selected word', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/quill.html', editor: 'Quill', rich: true, select: true });
  await page.close();
});

test('ProseMirror (Intercom): the view state has the text and strong marks, one undo', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/prosemirror.html', editor: 'ProseMirror', rich: true, subject: 'no subject field' });
  await page.close();
});

test('ProseMirror: replaces the selected word', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/prosemirror.html', editor: 'ProseMirror', rich: true, select: true, subject: 'no subject field' });
  await page.close();
});

test('Lexical: the editor state has the text and bold formats, one undo', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/lexical.html', editor: 'Lexical', rich: true });
  await page.close();
});

test('Draft.js: the EditorState has the text and BOLD ranges, one undo', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/draft.html', editor: 'Draft.js', rich: true });
  await page.close();
});

test('TinyMCE: editor.getContent(), one undo level', async () => {
  const { page } = await editorCase({ path: '/fixtures/editors/tinymce.html', editor: 'TinyMCE', rich: true });
  await page.close();
});

// The user put the caret in the editor, then clicked somewhere else on the
// page (the DOM selection left the editor): the text still lands at that caret.
for (const [name, path, editor] of [
  ['plain contenteditable', '/fixtures/editors/contenteditable.html', 'contenteditable'],
  ['ProseMirror', '/fixtures/editors/prosemirror.html', 'ProseMirror'],
  ['Lexical', '/fixtures/editors/lexical.html', 'Lexical'],
  ['Draft.js', '/fixtures/editors/draft.html', 'Draft.js'],
  ['CKEditor 5', '/fixtures/editors/ck5.html', 'CKEditor 5'],
]) {
  test(`${name}: the caret is remembered after the user clicked elsewhere on the page`, async () => {
    const { page, frame, tabId } = await openFixture(h, path);
    const beforeData = await frame.evaluate(() => window.fixture.data());
    await frame.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
    await page.waitForTimeout(50);
    await page.click('h1');
    await page.waitForTimeout(50);
    const result = await sendInsert(h, tabId, PAYLOAD);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.editor, editor);
    const text = norm(await frame.evaluate(() => window.fixture.text()));
    const hello = text.indexOf('Hello Dana,');
    const ours = text.indexOf('Current status: Investigating');
    const rest = text.indexOf('thanks for your patience.');
    assert.ok(hello >= 0 && ours > hello && rest > ours, `at the remembered caret: ${text}`);
    await assertNoForeignNodes(frame);
    await assertOneUndoRestores(frame, beforeData);
    await page.close();
  });
}

// A failed insert leaves the composer as it was: when only part of the text
// lands (a length limit, a CRM's paste filter), the agent takes it back
// through the same route (native undo, the editor's undo key binding).
test('a textarea that takes only part of the text (maxlength): taken back, nothing changes', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/textarea.html');
  await page.evaluate(() => document.getElementById('body').setAttribute('maxlength', '60'));
  await page.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, false);
  assert.equal(result.message, 'The textarea composer took only part of the text, so Defuse took it back. Nothing was changed; copy the message instead.');
  assert.equal(await page.inputValue('#body'), 'Hello Dana, thanks for your patience.');
  assert.equal(await page.inputValue('#subject'), '', 'no subject for a failed insert');
  await page.close();
});

test('ProseMirror with a paste filter that drops part of the message: taken back, nothing changes', async () => {
  const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/prosemirror.html');
  const beforeData = await frame.evaluate(() => window.fixture.data());
  await frame.evaluate(() => {
    window.fixturePasteFilter = (html) => html.replace(/<p><strong>Next update:[\s\S]*$/, '');
    window.fixture.caretAfter('Hello Dana,');
  });
  await page.waitForTimeout(50);
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, false);
  assert.equal(result.message, 'The ProseMirror composer took only part of the text, so Defuse took it back. Nothing was changed; copy the message instead.');
  assert.equal(await frame.evaluate(() => window.fixture.data()), beforeData);
  await page.close();
});

// ------------------------------------------------------- through the panel

// PANEL BUTTON TEST — skipped only while the panel has no Insert button
// (`button[data-testid=insert]`, being built on main); it runs by itself as
// soon as the panel lands. If the panel first asks to start an escalation, the
// test fills that form and starts one, as a CSM would.
async function reachInsertButton(panel) {
  const button = panel.locator('button[data-testid="insert"]').first();
  if (await button.isVisible().catch(() => false)) return button;
  const open = panel.locator('button[data-action="open"]');
  if (await open.count()) {
    const pad = (n) => String(n).padStart(2, '0');
    const d = new Date(Date.now() - 10 * 60 * 1000);
    const reached = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    const values = {
      'open.account': 'Acme Robotics',
      'open.arr': '$480,000',
      'open.renewal': '2027-06-30',
      'open.reached': reached,
      'open.customer-zone': 'America/Chicago',
      'open.csm-name': 'Sam Rivera',
    };
    for (const [name, value] of Object.entries(values)) {
      const field = panel.locator(`input[data-draft="${name}"]`);
      if ((await field.count()) && !(await field.inputValue())) await field.fill(value);
    }
    await open.click();
  }
  try {
    await button.waitFor({ state: 'visible', timeout: 5000 });
    return button;
  } catch (_) {
    return null;
  }
}

test('the panel’s Insert button puts the draft into the composer and shows the result', async (t) => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/quill.html');
  const panel = await h.openPanel(tabId);
  const button = await reachInsertButton(panel);
  if (!button) {
    await panel.close();
    await page.close();
    t.skip('the panel has no [data-testid=insert] button yet');
    return;
  }
  await page.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  const block = panel.locator('[data-testid="draft"]').first();
  await block.fill(PAYLOAD.text);
  await button.click();
  const shown = panel.locator('[data-testid="insert-result"]').first();
  await shown.waitFor({ timeout: 10000 });
  assert.equal(await shown.getAttribute('data-ok'), 'true', await shown.textContent());
  assert.match(await shown.textContent(), /^Inserted into the email body \(Quill\)\./);
  const text = norm(await page.evaluate(() => window.fixture.text()));
  // At the caret (after "Hello Dana,"), the old text kept around it.
  const hello = text.indexOf('Hello Dana,');
  const ours = text.indexOf('Current status: Investigating');
  assert.ok(hello === 0 && ours > hello && text.indexOf('thanks for your patience') > ours, text);
  assert.ok(text.includes('the customer wrote "<urgent>".'), 'the panel escaped the text into its HTML version');
  await panel.close();
  await page.close();
});

test('no errors in the service worker or the panel', () => {
  assert.deepEqual(h.errors, []);
});

// ------------------------------------------- own paragraphs at the caret

const SHORT = {
  subject: 'Sync failures: status update',
  text: 'Hello Dana,\n\nWe found the cause.\n\nJordan',
  html: '<p>Hello Dana,</p><p>We found the cause.</p><p>Jordan</p>',
};

/** Paragraphs of a CKEditor 5 model, as text. */
const ck5Blocks = (frame) =>
  frame.evaluate(() =>
    Array.from(window.fixture.editor.model.document.getRoot().getChildren()).map((b) =>
      Array.from(b.getChildren())
        .map((n) => (n.is('$text') ? n.data : ''))
        .join(''),
    ),
  );

/** CKEditor 5 with a signature "Sam Okafor" and the caret at `where` in it. */
async function ck5WithSignature(where) {
  const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/ck5.html');
  await frame.evaluate((where) => {
    const editor = window.fixture.editor;
    editor.setData('<p>Thanks for the call.</p><p>Sam Okafor</p>');
    const sig = editor.model.document.getRoot().getChild(1);
    editor.model.change((w) => w.setSelection(sig, where === 'middle' ? 3 : where));
    editor.editing.view.focus();
  }, where);
  await page.waitForTimeout(50);
  return { page, frame, tabId, before: await frame.evaluate(() => window.fixture.data()) };
}

test('CKEditor 5 with existing content: the message goes in as its own paragraphs at the caret, never glued on', async () => {
  const expected = {
    end: ['Thanks for the call.', 'Sam Okafor', 'Hello Dana,', 'We found the cause.', 'Jordan'],
    0: ['Thanks for the call.', 'Hello Dana,', 'We found the cause.', 'Jordan', 'Sam Okafor'],
    middle: ['Thanks for the call.', 'Sam', 'Hello Dana,', 'We found the cause.', 'Jordan', ' Okafor'],
  };
  for (const where of ['end', 0, 'middle']) {
    const { page, frame, tabId, before } = await ck5WithSignature(where);
    const result = await sendInsert(h, tabId, SHORT);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.message, 'Inserted into the email body (CKEditor 5). The subject was filled in too.');
    assert.deepEqual(await ck5Blocks(frame), expected[where], `caret at ${where}`);
    assert.ok(!(await frame.evaluate(() => window.fixture.data())).includes('OkaforHello'));
    await assertOneUndoRestores(frame, before);
    await page.close();
  }
});

test('textarea and Quill with existing content: the message is set apart by line breaks, in one undo step', async () => {
  {
    const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/textarea.html');
    await frame.evaluate(() => {
      const ta = window.fixture.root;
      ta.value = 'Thanks for the call.\nSam Okafor';
      ta.focus();
      ta.setSelectionRange(ta.value.length, ta.value.length);
    });
    await page.waitForTimeout(50); // the agent sees the caret through selectionchange
    const before = await frame.evaluate(() => window.fixture.data());
    const result = await sendInsert(h, tabId, SHORT);
    assert.equal(result.ok, true, result.message);
    assert.equal(await frame.evaluate(() => window.fixture.data()), 'Thanks for the call.\nSam Okafor\n\nHello Dana,\n\nWe found the cause.\n\nJordan');
    await assertOneUndoRestores(frame, before);
    await page.close();
  }
  {
    const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/quill.html');
    await frame.evaluate(() => {
      const q = window.fixture.editor;
      q.setText('Thanks for the call.\nSam Okafor\n');
      q.history.clear();
      q.setSelection(q.getText().indexOf('Sam Okafor') + 3, 0, 'user');
    });
    await page.waitForTimeout(50);
    const before = await frame.evaluate(() => window.fixture.data());
    const result = await sendInsert(h, tabId, SHORT);
    assert.equal(result.ok, true, result.message);
    const lines = (await frame.evaluate(() => window.fixture.text())).split('\n').filter(Boolean);
    assert.deepEqual(lines, ['Thanks for the call.', 'Sam', 'Hello Dana,', 'We found the cause.', 'Jordan', ' Okafor']);
    await assertOneUndoRestores(frame, before);
    await page.close();
  }
});

// Draft.js pastes HTML without its empty blocks (an empty <p> is dropped) and
// merges the fragment's edges into the text around the caret: the message's
// first paragraph must not join the line the caret ends, nor its last one the
// text after the caret.
const MESSAGE_BLOCKS = ['Current status: Investigating the sync failure; the customer wrote "<urgent>".', 'Next update: tomorrow 10:00 CET.'];
const draftTypes = (frame) => frame.evaluate(() => window.fixture.editor.state.getCurrentContent().getBlocksAsArray().map((b) => b.getType()));

test('Draft.js with existing content: the message starts in its own block after the caret, BOLD kept, one undo', async () => {
  const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/draft.html');
  await frame.evaluate(() => {
    const live = window.fixture.editor;
    const E = live.state.constructor;
    const C = live.state.getCurrentContent().constructor;
    const next = E.createWithContent(C.createFromText('Hello Dana,\nthanks for your patience.'));
    live.state = next;
    live.set(next);
  });
  await page.waitForTimeout(50);
  await frame.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  await page.waitForTimeout(50);
  const before = await frame.evaluate(() => window.fixture.data());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, 'Draft.js');
  assert.equal(result.path, 'editor API');
  const blocks = (await frame.evaluate(() => window.fixture.text())).split('\n');
  assert.deepEqual(blocks, ['Hello Dana,', '', ...MESSAGE_BLOCKS, 'thanks for your patience.']);
  assert.deepEqual(await draftTypes(frame), Array(5).fill('unstyled'));
  assert.equal(await frame.evaluate(() => window.fixture.bold('Current status:')), true, 'field labels stay bold');
  assert.equal(await frame.evaluate(() => window.fixture.bold('Next update:')), true);
  assert.equal(await frame.evaluate(() => window.fixture.bold('Hello Dana,')), false, 'the text before is not restyled');
  await assertNoForeignNodes(frame);
  await assertOneUndoRestores(frame, before);
  await page.close();
});

test('Draft.js, caret in the middle of a line: the message is set apart from the text before and after it', async () => {
  const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/draft.html');
  await frame.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  await page.waitForTimeout(50);
  const before = await frame.evaluate(() => window.fixture.data());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  const blocks = (await frame.evaluate(() => window.fixture.text())).split('\n');
  assert.deepEqual(blocks, ['Hello Dana,', '', ...MESSAGE_BLOCKS, '', ' thanks for your patience.']);
  assert.deepEqual(await draftTypes(frame), Array(6).fill('unstyled'), 'the text after the caret keeps its block type');
  assert.equal(await frame.evaluate(() => window.fixture.bold('Current status:')), true);
  assert.equal(await frame.evaluate(() => window.fixture.bold('Next update:')), true);
  await assertNoForeignNodes(frame);
  await assertOneUndoRestores(frame, before);
  await page.close();
});

test('Draft.js without a reachable component: the paste fallback still starts the message in its own block', async () => {
  const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/draft.html');
  // Hides the component from the MAIN-world lookup (it looks for getEditorKey).
  await frame.evaluate(() => {
    const root = window.fixture.root;
    for (let el = root, i = 0; el && i < 6; el = el.parentElement, i++) {
      const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
      for (let f = key ? el[key] : null; f; f = f.return) if (f.stateNode && typeof f.stateNode.getEditorKey === 'function') f.stateNode.getEditorKey = undefined;
    }
    window.fixture.caretAfter('Hello Dana,');
  });
  await page.waitForTimeout(50);
  const before = await frame.evaluate(() => window.fixture.data());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.path, 'paste');
  const blocks = (await frame.evaluate(() => window.fixture.text())).split('\n');
  assert.equal(blocks[0], 'Hello Dana,');
  assert.equal(blocks[1], MESSAGE_BLOCKS[0]);
  assert.equal(await frame.evaluate(() => window.fixture.bold('Current status:')), true);
  await assertOneUndoRestores(frame, before);
  await page.close();
});
