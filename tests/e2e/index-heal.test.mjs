// The fold index (`defuse:index`, the panel's first read) heals at the next
// wake-up instead of at the next fold change: a panel that finds it
// unusable (corrupt, another version) or behind storage tells the worker
// (`panel-to-worker:rearm` with `reindex`), whose pass rewrites it from the
// folds. An ordinary wake-up with no fold changed leaves it as it is; that
// is checked first, so the panel's ask is what heals it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let h;
let ext; // an extension page: reads and writes storage, talks to the worker
let tabId; // a CRM tab the panels are bound to
before(async () => {
  h = await launch();
  ext = await h.context.newPage();
  h.watchPage(ext, 'extension page');
  await ext.goto(`chrome-extension://${h.extensionId}/manifest.json`);
  const crm = await h.openPage('/fixtures/slice/index.html');
  tabId = await h.tabIdOf(crm);
});
after(async () => {
  await h?.close();
});

const HOUR = 3600000;
const INDEX = 'defuse:index';

/** One escalation's first two events, as the panel writes them (one key per event). */
function escalation(esc, reachedAt, account) {
  const rec = (n, at, body) => {
    const id = `${esc}-e${n}`;
    return [`defuse:ev:${esc}:${id}`, JSON.stringify({ id, escalation: esc, at: new Date(at).toISOString(), body, v: 1 })];
  };
  return [
    rec(0, reachedAt, { type: 'opened', account, reachedCsmAt: new Date(reachedAt).toISOString(), customerZone: 'America/Denver', csmZone: 'Europe/Madrid', csmName: 'Ines Vidal' }),
    rec(1, reachedAt + HOUR, { type: 'ack-sent', text: 'We have it; an update follows by 4 PM.', promisedUpdateAt: new Date(reachedAt + 5 * HOUR).toISOString() }),
  ];
}

const stored = () =>
  ext.evaluate(async (index) => {
    const keys = await chrome.storage.local.getKeys();
    const folds = keys.filter((k) => k.startsWith('defuse:fold:')).sort();
    const { [index]: text } = await chrome.storage.local.get(index);
    return { folds, text: text === undefined ? null : text };
  }, INDEX);

/** The index's fold keys when it is the one this build writes, else null. */
function heldKeys(text) {
  try {
    const index = JSON.parse(text);
    return index && index.v === 1 && Array.isArray(index.folds) ? index.folds.map(([k]) => k).sort() : null;
  } catch (_) {
    return null;
  }
}

const rearm = (reindex) => ext.evaluate((r) => chrome.runtime.sendMessage({ type: 'panel-to-worker:rearm', ...(r ? { reindex: true } : {}) }), reindex);

async function until(what, ok, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = await stored();
    if (ok(s)) return s;
    if (Date.now() > deadline) assert.fail(`${what}: storage holds ${JSON.stringify(s).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The index written by the worker, matching the folds in storage. */
const healthy = (s) => s.folds.length === 3 && JSON.stringify(heldKeys(s.text)) === JSON.stringify(s.folds);

test('the worker writes the index with the folds', async () => {
  const now = Date.now();
  const entries = [...escalation('heal-a', now - 3 * HOUR, 'Pico Foods'), ...escalation('heal-b', now - 30 * HOUR, 'Sierra Tiles'), ...escalation('heal-c', now - 2 * HOUR, 'Duero Wines')];
  await ext.evaluate((e) => chrome.storage.local.set(Object.fromEntries(e)), entries);
  await until('index after the first wake-up', healthy);
});

for (const [name, spoil] of [
  ['corrupt', () => '{"v":1,"folds":[["defuse:fold:'],
  ['of another version', (text) => JSON.stringify({ ...JSON.parse(text), v: 2 })],
  ['behind storage (an escalation missing)', (text) => {
    const index = JSON.parse(text);
    return JSON.stringify({ ...index, folds: index.folds.slice(1) });
  }],
]) {
  test(`an index ${name} is rewritten at the wake-up the next panel open asks for`, async () => {
    const good = (await until('a healthy index to start from', healthy)).text;
    const bad = spoil(good);
    await ext.evaluate(([k, v]) => chrome.storage.local.set({ [k]: v }), [INDEX, bad]);
    // An ordinary wake-up (no fold changed) does not read the index: it stays.
    const plain = await rearm(false);
    assert.equal(plain.ok, true);
    assert.equal((await stored()).text, bad, 'an ordinary wake-up leaves it');

    const panel = await h.openPanel(tabId);
    const healed = await until('after one panel open', healthy);
    assert.deepEqual(JSON.parse(healed.text), JSON.parse(good), 'the same index as the one the worker wrote before');
    // The panel drew the escalations either way (the key list path).
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid=escalation-item]').length === 3);
    await panel.close();
  });
}

test('no errors in the worker or the extension pages', () => {
  assert.deepEqual(h.errors, []);
});
