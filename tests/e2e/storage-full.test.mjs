// Storage that refuses a write. A busy year of escalations outgrows the
// 10 MB chrome.storage.local quota (tools/storage-size.mjs), so Defuse asks
// for unlimitedStorage (no install warning in Chrome). A write can still
// fail (a full disk, a broken profile, a build or browser without the
// permission): the panel must say so in plain words and lose nothing the
// CSM typed. Chrome's own quota makes the write fail here: the test loads a
// copy of dist/ without unlimitedStorage and fills storage to the byte.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, DIST } from './harness.mjs';

const QUOTA = 10 * 1024 * 1024; // chrome.storage.local.QUOTA_BYTES
const FULL =
  'Could not save to browser storage: the browser’s storage for Defuse is full; what you wrote is kept aside by Defuse and saved once there is room. Your work is still shown here; export it to keep a copy.';
const NOTE = 'Spoke with Dana: the replay finished, invoices look right again';

let h;
let ext;
let tabId;
let limited; // dist/ without unlimitedStorage
before(async () => {
  limited = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-quota-dist-'));
  fs.cpSync(DIST, limited, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));
  assert.ok(manifest.permissions.includes('unlimitedStorage'), 'dist/ asks for unlimitedStorage');
  manifest.permissions = manifest.permissions.filter((p) => p !== 'unlimitedStorage');
  fs.writeFileSync(path.join(limited, 'manifest.json'), JSON.stringify(manifest));
  h = await launch({ dist: limited });
  ext = await h.context.newPage();
  await ext.goto(`chrome-extension://${h.extensionId}/manifest.json`);
  const crm = await h.openPage('/fixtures/slice/index.html');
  tabId = await h.tabIdOf(crm);
});
after(async () => {
  await h?.close();
  if (limited) fs.rmSync(limited, { recursive: true, force: true });
});

test('with unlimitedStorage (dist/ as built) storage takes more than 10 MB', async () => {
  const u = await launch();
  try {
    const page = await u.context.newPage();
    await page.goto(`chrome-extension://${u.extensionId}/manifest.json`);
    const inUse = await page.evaluate(async (quota) => {
      const mb = 'x'.repeat(1024 * 1024);
      for (let i = 0; i < 11; i++) await chrome.storage.local.set({ [`filler:${i}`]: mb });
      const n = await chrome.storage.local.getBytesInUse(null);
      await chrome.storage.local.clear();
      return n > quota ? n : `only ${n}`;
    }, QUOTA);
    assert.ok(inUse > QUOTA, String(inUse));
  } finally {
    await u.close();
  }
});

/** Fills storage so that not even the smallest record fits (Chrome's quota, to the byte). */
const fill = () =>
  ext.evaluate(async (quota) => {
    // Let the worker finish what the panel's writes set off (folds, index).
    await chrome.runtime.sendMessage({ type: 'panel-to-worker:rearm' });
    const left = quota - (await chrome.storage.local.getBytesInUse(null));
    const key = 'filler';
    // Chrome counts the key and the value's JSON ("…"): 8 bytes stay free.
    await chrome.storage.local.set({ [key]: 'x'.repeat(left - key.length - 2 - 8) });
    return quota - (await chrome.storage.local.getBytesInUse(null));
  }, QUOTA);

const noteKeys = () => ext.evaluate(async () => (await chrome.storage.local.getKeys()).filter((k) => k.startsWith('defuse:ev:')));

test('a refused write says so in plain words, and the typed note outlives the panel until it is saved', async () => {
  const panel = await h.openPanel(tabId);
  await panel.getByTestId('account-name').waitFor();
  await panel.fill('#f-open-reached', await panel.evaluate(() => {
    const d = new Date(Date.now() - 20 * 60000);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }));
  await panel.fill('#f-open-customer-zone', 'America/Chicago');
  await panel.fill('#f-open-csm-name', 'Priya Raman');
  await panel.click('[data-action=open]');
  await panel.getByTestId('next-deadline').waitFor();
  const before = await noteKeys();

  assert.equal(await fill(), 8, 'storage is full to the byte');
  await panel.fill('#f-note-text', NOTE);
  await panel.click('[data-action=add-note]');
  // Shown at once, and the failure said in the CSM's words.
  await panel.locator('[data-testid=timeline-event][data-type=note]').waitFor();
  await panel.waitForFunction((text) => [...document.querySelectorAll('[data-testid=notice]')].some((n) => n.textContent === text), FULL);
  assert.deepEqual(await noteKeys(), before, 'the browser refused the event');
  await panel.close();

  // A panel opened while storage is still full shows the note (kept aside).
  const again = await h.openPanel(tabId);
  await again.getByTestId('next-deadline').waitFor();
  const shown = again.locator('[data-testid=timeline-event][data-type=note]');
  await shown.waitFor();
  assert.match(await shown.textContent(), /replay finished/);
  await again.close();

  // Room again: the next panel saves it for good (the worker sees it too).
  await ext.evaluate(() => chrome.storage.local.remove('filler'));
  const third = await h.openPanel(tabId);
  await third.locator('[data-testid=timeline-event][data-type=note]').waitFor();
  const after = await noteKeys();
  assert.equal(after.length, before.length + 1, 'the note is stored now');
  const [added] = after.filter((k) => !before.includes(k));
  const stored = await ext.evaluate((k) => chrome.storage.local.get(k), added);
  assert.equal(JSON.parse(stored[added]).body.text, NOTE);
  assert.equal(await third.evaluate(() => localStorage.getItem('defuse-unsaved')), null, 'nothing left aside');
  await third.close();
});

test('no errors in the worker or the panels', () => {
  // The refused writes are the test's own doing; anything else is a fault.
  assert.deepEqual(h.errors.filter((e) => !/QUOTA_BYTES|quota/i.test(e)), []);
});
