// Insert, end to end: which composer gets the message (focused, last
// focused, inside a shadow root, never a hidden copy, none or several found),
// payloads refused before anything is touched, the MAIN-world helper under
// the strict CSP, and the embedded sidebar's route. Real Chromium with dist/
// loaded; fixture pages use the real editor packages (see insert.test.mjs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendInsert, openFixture } from './harness.mjs';
import { PAYLOAD, norm, assertOneUndoRestores } from './insert-lib.mjs';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

// ---------------------------------------------------------- target choice

test('two composers, none focused: refused, the panel is told what was found, nothing changes', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/two-editors.html');
  const quillBefore = await page.evaluate(() => window.fixture.quillText());
  const noteBefore = await page.evaluate(() => window.fixture.noteText());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, false);
  assert.equal(result.message, 'Found 2 composers (Quill, textarea); click into the one you want, then Insert again.');
  assert.equal(await page.evaluate(() => window.fixture.quillText()), quillBefore);
  assert.equal(await page.evaluate(() => window.fixture.noteText()), noteBefore);
  await page.close();
});

test('two composers: the focused one gets it', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/two-editors.html');
  await page.evaluate(() => window.fixture.focusNote());
  const quillBefore = await page.evaluate(() => window.fixture.quillText());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, 'textarea');
  assert.ok((await page.evaluate(() => window.fixture.noteText())).includes('Next update: tomorrow'));
  assert.equal(await page.evaluate(() => window.fixture.quillText()), quillBefore);
  await page.close();
});

test('two composers: the last one the user focused gets it after focus moved away', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/two-editors.html');
  await page.evaluate(() => window.fixture.focusNote());
  await page.evaluate(() => window.fixture.focusQuill());
  await page.waitForTimeout(20);
  await page.evaluate(() => window.fixture.blur());
  await page.click('#elsewhere');
  const noteBefore = await page.evaluate(() => window.fixture.noteText());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, 'Quill');
  const text = norm(await page.evaluate(() => window.fixture.quillText()));
  assert.ok(text.startsWith('Hello Dana, thanks for your patience.') && text.includes('Current status: Investigating'), text);
  assert.equal(await page.evaluate(() => window.fixture.noteText()), noteBefore);
  await page.close();
});

test('a composer inside an open shadow root: focused, then last-focused after a click elsewhere; its subject too', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/shadow.html');
  await page.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  await page.click('h1');
  const note = await page.evaluate(() => window.fixture.note());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, 'textarea');
  assert.equal(result.subject, 'filled');
  const body = norm(await page.evaluate(() => window.fixture.body()));
  assert.ok(body.startsWith('Hello Dana, Current status: Investigating') && body.endsWith('10:00 CET. thanks for your patience.'), body);
  assert.match(await page.evaluate(() => window.fixture.body()), /^Hello Dana,\n\nCurrent status/, 'set apart from the text before the caret');
  assert.equal(await page.evaluate(() => window.fixture.subject()), PAYLOAD.subject);
  assert.equal(await page.evaluate(() => window.fixture.note()), note, 'the light-DOM textarea is untouched');
  await page.close();
});

test('hidden copies are never written to, even one that had focus', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/hidden-copy.html');
  const copies = await page.evaluate(() => window.fixture.copies());
  await page.evaluate(() => window.fixture.focusOffscreen());
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, 'textarea');
  assert.ok((await page.evaluate(() => window.fixture.visible())).includes('Current status: Investigating'));
  assert.deepEqual(await page.evaluate(() => window.fixture.copies()), copies);
  await page.close();
});

test('a page without a composer: nothing changes and the panel says so', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/no-composer.html');
  await page.focus('#subject'); // a subject field is not a composer
  let result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, false);
  assert.equal(result.message, 'No email composer found on this page.');
  await page.focus('input[type=search]'); // nor is a search box
  result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.message, 'No email composer found on this page.');
  assert.equal(await page.inputValue('#subject'), '');
  await page.close();
});

test('an empty draft is refused before anything is touched', async () => {
  const { page, tabId } = await openFixture(h, '/fixtures/editors/textarea.html');
  const result = await sendInsert(h, tabId, { subject: 'x', text: '   ', html: '' });
  assert.equal(result.ok, false);
  assert.equal(result.message, 'Nothing to insert: the draft is empty.');
  assert.equal(await page.inputValue('#body'), 'Hello Dana, thanks for your patience.');
  await page.close();
});

test('HTML that is not the panel’s simple markup is not used: the text goes in as text', async () => {
  const { page, frame, tabId } = await openFixture(h, '/fixtures/editors/contenteditable.html');
  await frame.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  const result = await sendInsert(h, tabId, { subject: '', text: 'Plain words only.', html: '<p onclick="x()">Plain words only.</p><img src=x>' });
  assert.equal(result.ok, true, result.message);
  const found = await frame.evaluate(() => ({ img: window.fixture.root.querySelectorAll('img, [onclick]').length, text: window.fixture.text() }));
  assert.equal(found.img, 0);
  assert.ok(found.text.includes('Plain words only.'));
  await page.close();
});

// ------------------------------------------------------- the MAIN world

test('the MAIN-world helper ignores a handshake the page forges after load', async () => {
  const { page } = await openFixture(h, '/fixtures/editors/quill.html');
  const acked = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const fake = 'ab'.repeat(16);
        document.addEventListener('defuse-ack-' + fake, () => resolve(true));
        document.dispatchEvent(new CustomEvent('defuse:isolated-hello', { detail: fake }));
        document.dispatchEvent(new CustomEvent('defuse:main-ready'));
        setTimeout(() => resolve(false), 300);
      }),
  );
  assert.equal(acked, false);
  await page.close();
});

test('the extension injects its MAIN-world helper under the strict CSP', async () => {
  const res = await fetch(h.origin + '/fixtures/editors/ck5.html');
  assert.equal(res.headers.get('content-security-policy'), "default-src 'self'; script-src 'self'");
  // The CKEditor 5 insert above could only go through editor.model (the
  // MAIN world); the result's path says which route was taken.
  const { page, tabId } = await openFixture(h, '/fixtures/editors/ck5.html');
  await page.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  const result = await sendInsert(h, tabId, PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.path, 'editor API');
  await page.close();
});

// ------------------------------------------------------- embedded host

test('embedded sidebar: host.insert → postMessage → the page-world agent → CKEditor 5', async () => {
  const { page } = await openFixture(h, '/fixtures/editors/embedded.html');
  const panel = page.frames().find((f) => f.url().includes('embedded-panel.html'));
  await panel.waitForFunction(() => document.documentElement.dataset.fixtureReady === 'true');
  const beforeData = await page.evaluate(() => window.fixture.data());
  await page.evaluate(() => window.fixture.caretAfter('Hello Dana,'));
  await panel.focus('#draft'); // the CSM edits the draft in the sidebar, then clicks Insert
  const result = await panel.evaluate((p) => window.host.insert(p), PAYLOAD);
  assert.equal(result.ok, true, result.message);
  assert.equal(result.editor, 'CKEditor 5');
  assert.equal(result.path, 'editor API', 'the page-world agent reaches the editor directly');
  assert.equal(result.message, 'Inserted into the email body (CKEditor 5). The subject was filled in too.');
  assert.equal(result.subject, 'filled');
  const text = norm(await page.evaluate(() => window.fixture.text()));
  assert.ok(text.indexOf('Hello Dana,') < text.indexOf('Current status:') && text.indexOf('Current status:') < text.indexOf('thanks for your patience.'), text);
  await assertOneUndoRestores(page.mainFrame(), beforeData);
  assert.equal(await panel.inputValue('#draft'), 'Draft being edited in the sidebar');
  await page.close();
});

test('no errors in the service worker or the panel', () => {
  assert.deepEqual(h.errors, []);
});
