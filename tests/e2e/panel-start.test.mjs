// The panel's start-up read (panel.js earlyStorage) asks for the key list
// alongside the settings + fold index when the last open found no index
// (a hint in the extension origin's localStorage). The hint only orders
// the reads: whatever it says, the panel draws what storage holds, and the
// hint ends up saying what this open found.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

const HINT = 'defuse-start-hint';
const INDEX = 'defuse:index';
const HOUR = 3600000;

let h;
let ext; // an extension page: storage and the hint live in its origin
let tabId;
before(async () => {
  h = await launch();
  ext = await h.context.newPage();
  h.watchPage(ext, 'extension page');
  await ext.goto(`chrome-extension://${h.extensionId}/manifest.json`);
  tabId = await h.tabIdOf(await h.openPage('/fixtures/slice/index.html'));
});
after(async () => {
  await h?.close();
});

const hint = () => ext.evaluate((k) => localStorage.getItem(k), HINT);
const setHint = (v) => ext.evaluate(([k, val]) => localStorage.setItem(k, val), [HINT, v]);
const items = (panel) => panel.evaluate(() => document.querySelectorAll('[data-testid=escalation-item]').length);

/** Two events of one escalation, as the panel writes them (one key per event). */
function escalation(esc, reachedAt, account) {
  const rec = (n, at, body) => {
    const id = `${esc}-e${n}`;
    return [`defuse:ev:${esc}:${id}`, JSON.stringify({ id, escalation: esc, at: new Date(at).toISOString(), body, v: 1 })];
  };
  return [
    rec(0, reachedAt, { type: 'opened', account, reachedCsmAt: new Date(reachedAt).toISOString(), customerZone: 'Asia/Kolkata', csmZone: 'Europe/Lisbon', csmName: 'Rui Matos' }),
    rec(1, reachedAt + HOUR, { type: 'ack-sent', text: 'Seen; you get our next update by noon.', promisedUpdateAt: new Date(reachedAt + 4 * HOUR).toISOString() }),
  ];
}

test('an empty workspace: the panel is drawn and the hint says no index', async () => {
  assert.equal(await hint(), null, 'a first open has no hint');
  const panel = await h.openPanel(tabId);
  assert.equal(await items(panel), 0);
  assert.ok(await panel.locator('[data-action=open]').count(), 'the open form is drawn');
  await panel.close();
  assert.equal(await hint(), 'no-index');
});

test('a hint that says no index while an index is stored: drawn from storage, and the hint is corrected', async () => {
  const now = Date.now();
  const entries = [...escalation('start-a', now - 2 * HOUR, 'Lumen Optics'), ...escalation('start-b', now - 20 * HOUR, 'Bravo Mills')];
  await ext.evaluate((e) => chrome.storage.local.set(Object.fromEntries(e)), entries);
  // The worker writes the fold index at its wake-up.
  const deadline = Date.now() + 15000;
  while (!(await ext.evaluate((k) => chrome.storage.local.get(k), INDEX))[INDEX]) {
    if (Date.now() > deadline) assert.fail('the worker wrote no index');
    await new Promise((r) => setTimeout(r, 100));
  }
  await setHint('no-index');
  const panel = await h.openPanel(tabId);
  await panel.waitForFunction(() => document.querySelectorAll('[data-testid=escalation-item]').length === 2);
  await panel.close();
  assert.equal(await hint(), 'index');
});

test('a hint that says index while none is stored: drawn from the events, and the hint is corrected', async () => {
  await ext.evaluate((k) => chrome.storage.local.remove(k), INDEX);
  await setHint('index');
  const panel = await h.openPanel(tabId);
  await panel.waitForFunction(() => document.querySelectorAll('[data-testid=escalation-item]').length === 2);
  await panel.close();
  // The worker may write the index again meanwhile; the hint says what this open found.
  assert.ok(['no-index', 'index'].includes(await hint()));
});

test('no errors in the worker or the extension pages', () => {
  assert.deepEqual(h.errors, []);
});
