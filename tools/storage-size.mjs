// How many bytes of chrome.storage.local a CSM's workspace takes, against
// the 10 MB quota Chrome sets without the unlimitedStorage permission.
//
// Chrome counts each item as its key plus its value serialised as JSON;
// Defuse stores every value as a string (a record's JSON text), so the
// quotes inside it are escaped and counted again. The figures are computed
// with that rule over the generated workspaces, events plus what the
// worker derives (a fold per escalation and the fold index, which repeats
// every fold), and the rule is checked against Chromium's own
// getBytesInUse on a workspace that fits.
//
// Workspaces: the bench's (tools/bench-scale.mjs: 500 escalations × 60
// events, texts kept short on purpose), the same with message texts of
// the length the panel's drafts have (an acknowledgment ~700 characters, a
// daily update ~450, a close-out ~1,800), and a heavy year: 750
// escalations (three a working day) of that kind.
//
// Usage: node tools/storage-size.mjs [--no-browser]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { workspace } from './bench-scale.mjs';
import { wakeUp } from '../www/background/worker-core.mjs';
import { DIST, loadCore } from './bench-lib.mjs';
import { CHROMIUM, CHROMIUM_ARGS, extensionArgs } from './chromium.mjs';

const QUOTA = 10 * 1024 * 1024; // chrome.storage.local.QUOTA_BYTES
const MB = 1024 * 1024;
const enc = new TextEncoder();

/** Bytes as Chrome counts them: key + JSON of the value. */
export function quotaBytes(items) {
  let n = 0;
  for (const [k, v] of items) n += enc.encode(k).length + enc.encode(JSON.stringify(v)).length;
  return n;
}

// Sentences to make texts of a given length from (varied so nothing compresses away).
const WORDS = 'we traced the failed invoice sync to a retry queue that stopped after the certificate rotation on your tenant and our engineers replayed every stuck batch while I checked each of your twelve regional accounts by hand before writing to you'.split(' ');
function text(len, seed) {
  let out = '';
  for (let i = seed; out.length < len; i++) out += (out ? ' ' : '') + WORDS[(i * 7) % WORDS.length];
  return out.slice(0, len) + '.';
}

/** The bench's events with texts of the length the panel's drafts have. */
function realistic(records) {
  const out = {};
  let seed = 0;
  for (const [k, v] of Object.entries(records)) {
    const e = JSON.parse(v);
    const b = e.body;
    seed++;
    if (b.type === 'ack-sent') b.text = text(700, seed);
    if (b.type === 'update-sent') {
      b.whatHappenedToday = text(260, seed);
      b.whatHappensNext = text(140, seed + 1);
      b.eta = 'Thursday 14:00 Central European Time';
      b.questions = text(60, seed + 2);
    }
    if (b.type === 'note') b.text = text(220, seed);
    if (b.type === 'engineering-looped-in') b.detail = text(300, seed);
    if (b.type === 'closeout-sent') b.text = text(1800, seed);
    if (b.type === 'restoration-step-done') b.note = text(160, seed);
    out[k] = JSON.stringify(e);
  }
  return out;
}

/** Events + the folds and fold index a wake-up derives from them. */
async function measure(core, records, now) {
  const data = new Map(Object.entries(records));
  const storage = {
    getKeys: async () => [...data.keys()],
    get: async (keys) => Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)])),
    set: async (items) => Object.entries(items).forEach(([k, v]) => data.set(k, v)),
    remove: async (keys) => keys.forEach((k) => data.delete(k)),
  };
  await wakeUp(storage, core, now, 'en-US');
  const all = [...data];
  const events = quotaBytes(all.filter(([k]) => k.startsWith('defuse:ev:')));
  const folds = quotaBytes(all.filter(([k]) => k.startsWith('defuse:fold:')));
  const index = quotaBytes(all.filter(([k]) => k === 'defuse:index'));
  return { events, folds, index, total: events + folds + index, keys: all.length, data };
}

const mb = (n) => `${(n / MB).toFixed(2)} MB`;

async function main() {
  const cleanups = [];
  const track = (f) => cleanups.push(f);
  try {
    const core = await loadCore(track);
    const now = Date.now();
    const bench = workspace(500, now).records;
    const rows = [
      ['bench workspace, 500 × 60 events, short texts', 500, bench],
      ['the same, texts of the panel drafts’ length', 500, realistic(bench)],
      ['heavy year: 750 escalations × 60 events, draft-length texts', 750, realistic(workspace(750, now).records)],
    ];
    const out = [];
    for (const [name, count, records] of rows) {
      const m = await measure(core, records, now);
      out.push({ name, ...m });
      console.log(`${name}: ${mb(m.total)} (events ${mb(m.events)}, folds ${mb(m.folds)}, index ${mb(m.index)}; ${m.keys.toLocaleString('en-US')} keys) = ${(m.total / QUOTA).toFixed(2)} × the 10 MB quota; ${(m.total / count / 1024).toFixed(1)} KB per escalation`);
    }
    if (!process.argv.includes('--no-browser')) {
      // The counting rule against Chromium's own, on 60 draft-length escalations (fits).
      const sample = realistic(workspace(60, now).records);
      const m = await measure(core, sample, now);
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-size-'));
      track(() => fs.rmSync(profile, { recursive: true, force: true }));
      const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...extensionArgs(DIST), ...CHROMIUM_ARGS] });
      track(() => context.close());
      let [worker] = context.serviceWorkers();
      if (!worker) worker = await context.waitForEvent('serviceworker');
      const page = await context.newPage();
      await page.goto(`chrome-extension://${new URL(worker.url()).host}/manifest.json`);
      const inUse = await page.evaluate(async (items) => {
        await chrome.storage.local.clear();
        await chrome.storage.local.set(Object.fromEntries(items));
        return chrome.storage.local.getBytesInUse(null);
      }, [...m.data]);
      console.log(`check: 60 escalations, computed ${m.total} bytes, Chromium's getBytesInUse ${inUse} (÷ ${(inUse / m.total).toFixed(4)})`);
    }
  } finally {
    for (const f of cleanups.reverse()) await f();
  }
}

await main();
