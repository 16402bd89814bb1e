// The page agent's conversation reader (www/agent/conversation.js, the file
// the extension bundles) on imitations of CRM markup, in real Chromium (no
// extension needed): messages with direction, time and author, document
// order, hidden and nested copies skipped, and text cut on code points.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, snapshotOf } from './harness.mjs';

let browser;
let context;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-conv-'));
  context = await chromium.launchPersistentContext(dir, {
    headless: true,
    executablePath: '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  browser = context;
});
after(async () => {
  await browser?.close();
});

const SRC = fs.readFileSync(path.join(ROOT, 'www', 'agent', 'conversation.js'), 'utf8').replace(/^export /gm, '');

/** Sets `html` as a page and returns what `expression` makes of the reader. */
async function read(html, expression = 'readConversation(document)') {
  const page = await context.newPage();
  try {
    await page.setContent(`<!doctype html><html lang="en"><body>${html}</body></html>`);
    return await page.evaluate(`(() => {\n${SRC}\nreturn (${expression});\n})()`);
  } finally {
    await page.close();
  }
}

test('explicit markup: direction, time and author as the page states them', async () => {
  const got = await read(`
    <div data-defuse-message data-direction="outbound" data-author="Priya (CSM)"><time datetime="2026-11-26T21:00:00Z">yesterday</time><p data-defuse-body>Confirming the upgrade tonight.</p></div>
    <div data-defuse-message data-direction="inbound" data-author="Lena Park"><time datetime="2026-11-27T07:42:00+01:00">today</time><p data-defuse-body>Third outage this month. We are looking at other vendors.</p></div>`);
  assert.deepEqual(got, [
    { text: 'Confirming the upgrade tonight.', direction: 'outbound', at: '2026-11-26T21:00:00.000Z', author: 'Priya (CSM)' },
    { text: 'Third outage this month. We are looking at other vendors.', direction: 'inbound', at: '2026-11-27T06:42:00.000Z', author: 'Lena Park' },
  ]);
});

test('Gmail: the signed-in address is ours, an outside sender is the customer', async () => {
  const got = await read(`
    <a href="https://accounts.google.com/x" aria-label="Google Account: Priya Shah (priya@vendor.example)">me</a>
    <div class="adn ads"><span class="gD" email="dana@customer.example" name="Dana Reyes">Dana Reyes</span><span class="g3" title="Fri, Nov 27, 2026, 9:14 AM">9:14</span><div class="a3s aiL">Still no answer after four days.</div></div>
    <div class="adn ads"><span class="gD" email="priya@vendor.example" name="Priya Shah">Priya Shah</span><div class="a3s aiL">Sorry for the delay, I'm on it.</div></div>
    <div class="adn ads"><span class="gD" email="sam@vendor.example" name="Sam">Sam</span><div class="a3s aiL">Adding engineering.</div></div>`);
  assert.equal(got.length, 3);
  assert.deepEqual(got.map((m) => m.direction), ['inbound', 'outbound', 'unknown']);
  assert.equal(got[0].author, 'Dana Reyes');
  assert.match(got[0].at, /^2026-11-2[78]T\d\d:14:00\.000Z$/);
});

test('Zendesk: avatar roles tell the requester from the agent', async () => {
  const got = await read(`
    <article data-test-id="omni-log-comment-item"><span class="avatar end-user"></span><span data-test-id="omni-log-item-sender">Dana</span><time datetime="2026-11-27T08:00:00Z"></time><div data-test-id="omni-log-comment">Our dashboards have been down since the upgrade.</div></article>
    <article data-test-id="omni-log-comment-item"><span class="avatar agent"></span><span data-test-id="omni-log-item-sender">Priya</span><div data-test-id="omni-log-comment">We are looking into it.</div></article>`);
  assert.deepEqual(got.map((m) => [m.direction, m.author]), [['inbound', 'Dana'], ['outbound', 'Priya']]);
  assert.equal(got[0].at, '2026-11-27T08:00:00.000Z');
});

test('generic fallback: unknown direction, document order, no hidden or nested copies', async () => {
  const got = await read(`
    <div class="emailMessageBody">First message <blockquote>quoted older text</blockquote></div>
    <div class="emailMessageBody" style="display:none">Hidden copy</div>
    <div class="comment-body">Second message</div>`);
  assert.deepEqual(got.map((m) => [m.text.split('\n')[0], m.direction]), [['First message', 'unknown'], ['Second message', 'unknown']]);
});

test('text is cut on a code-point boundary, never inside an emoji', async () => {
  const got = await read(
    `<div data-defuse-message id="m"></div><script>document.getElementById('m').textContent = 'a'.repeat(3999) + '\u{1F600}tail';</script>`,
    `(() => { const m = readConversation(document); return { len: m[0].text.length, json: JSON.stringify(m), cut: cutText('ab\u{1F600}', 3) }; })()`,
  );
  assert.equal(got.len, 3999);
  assert.ok(!/\\ud83d/i.test(got.json), 'no lone surrogate in the JSON');
  assert.equal(got.cut, 'ab');
});

test('bounded: at most 60 messages', async () => {
  const many = Array.from({ length: 90 }, (_, i) => `<div data-defuse-message>message ${i}</div>`).join('');
  const got = await read(many, 'readConversation(document).length');
  assert.equal(got, 60);
});

test('messages inside open shadow roots are found when the light DOM has none', async () => {
  const got = await read(
    `<div id="host"></div><script>
      const root = document.getElementById('host').attachShadow({ mode: 'open' });
      const m = document.createElement('div');
      m.setAttribute('data-defuse-message', '');
      m.setAttribute('data-direction', 'inbound');
      m.textContent = 'Still no answer.';
      root.appendChild(m);
    </script>`,
  );
  assert.deepEqual(got, [{ text: 'Still no answer.', direction: 'inbound' }]);
});

test('the snapshot keeps its conversation excerpt and adds the messages', async () => {
  const page = await context.newPage();
  try {
    await page.setContent(`<!doctype html><html lang="en"><body><h1>Acme</h1>
      <article data-test-id="omni-log-comment-item"><span class="avatar end-user"></span><div data-test-id="omni-log-comment">We are looking at other vendors.</div></article></body></html>`);
    const snap = await snapshotOf(page);
    assert.match(snap.conversation, /other vendors/);
    assert.deepEqual(snap.messages, [{ text: 'We are looking at other vendors.', direction: 'inbound' }]);
  } finally {
    await page.close();
  }
});
