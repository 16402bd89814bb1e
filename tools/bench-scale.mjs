// Scale figures for `make bench` (issue 14, target 6): a generated workspace
// of 500 escalations × 60 events — a busy CSM's year — in chrome.storage.local,
// against the same extension holding one escalation, in the same run:
//
//   - panel open → interactive, 500 escalations ÷ one (two browsers, ABBA);
//   - the panel's storage read at start ÷ a bare chrome.storage.local.get(null)
//     of the same data, timed in the same panel page;
//   - the service worker's reminder plan as the worker computes it
//     (worker-core.mjs `wakeUp`: key list, folds, core passes, fold writes)
//     with the real core in Node over an in-memory storage, 500 escalations
//     with warm folds against one, and the cold first pass (no folds yet);
//     and the worker's whole re-arm (read storage, plan, set alarms and
//     badge) as a message round trip in Chromium;
//   - memory of the open panel: JS heap (after a GC) + wasm memory.
//
// The workspace is made here, not stored: escalations spread over a year,
// most closed with their restoration steps, the last ones open with daily
// updates. Events follow the record format of src/engine (record.rs).

import { performance } from 'node:perf_hooks';
import { wakeUp } from '../www/background/worker-core.mjs';
import { CRM_PAGE, compare, figure, interleave, launchBrowser, loadCore, median, ms, openFixture, openTimed, percentile, row, sleep, tabIdOf } from './bench-lib.mjs';

const ESCALATIONS = 500;
const EVENTS = 60;
const OPEN_ONES = 40; // the most recent escalations are still open
const N_OPEN = 12; // panel opens per browser
const N_PLAN = 15; // reminders() calls / re-arms each
const DAY = 86400000;
const MB = 1024 * 1024;

const F = {
  size: ['  the generated workspace: 500 escalations × 60 events (compact texts)', '-'],
  open: [`panel open → interactive, 500 escalations × ${EVENTS} events ÷ one`, '≤ 1.5'],
  openBase: [`  baseline: the same panel with one escalation (${EVENTS} events)`, '-'],
  read: ['storage read at start ÷ bare chrome.storage.local.get(null), 500 escalations', '≤ 2'],
  readBase: ['  baseline: bare chrome.storage.local.get(null) of the same data, same page', '-'],
  keys: ['  of which chrome.storage.local.getKeys() alone (the key list the panel and worker start from)', '-'],
  plan: ['reminders() as the worker runs it, 500 escalations, warm folds (wakeUp, core in Node)', '≤ 20 ms'],
  planBase: ['  baseline: the same with one escalation', '-'],
  planCold: ['  cold first pass, 500 escalations, no folds yet (decodes every event, writes the folds)', '-'],
  rearm: ['service worker re-arm round trip, 500 escalations ÷ one', '-'],
  mem: ['memory of the open panel, 500 escalations (JS heap + wasm)', '≤ 20 MB'],
  memBase: ['  baseline: memory of the open panel with one escalation', '-'],
};

const iso = (t) => new Date(t).toISOString();

/** The events of escalation `i` of `n`, as stored records `{ key: text }`. */
function escalation(i, n, now) {
  const id = `b${String(i).padStart(4, '0')}`;
  const open = i >= n - OPEN_ONES;
  // Spread over the past year; open ones in the last weeks.
  const start = open ? now - (n - i) * 0.6 * DAY : now - 365 * DAY + (i / n) * 320 * DAY;
  const events = [];
  let t = start;
  const add = (body, step = 3600000) => {
    t += step;
    events.push({ id: `${id}.${String(events.length).padStart(2, '0')}`, escalation: id, at: iso(t), body, v: 1 });
  };
  // Short texts: chrome.storage.local holds 10 MB, and 30,000 events of
  // realistic length (~330 B each) do not fit (see the storage row).
  const words = (k) => `Day ${k}: sync job rechecked with engineering.`;
  add({ type: 'opened', account: `Bench Account ${i}`, crmUrl: `https://bench.lightning.force.com/lightning/r/Account/${id}/view`, reachedCsmAt: iso(start), customerZone: 'Europe/Berlin', csmZone: 'America/New_York', csmName: 'Priya Raman' }, 0);
  add({ type: 'ack-sent', text: `We hear you, account ${i}; an update follows by 5 PM.`, promisedUpdateAt: iso(t + 5 * 3600000) }, 1800000);
  add({ type: 'engineering-looped-in', detail: 'Paged the on-call team.' }, 600000);
  add({ type: 'dri-assigned', name: 'Priya Raman', role: 'csm' }, 600000);
  const tail = open ? 0 : 6; // resolved, close-out, three restoration steps, closed
  for (let k = 0; events.length < EVENTS - tail; k++) {
    if (k % 3 === 2) add({ type: 'note', text: `Call ${k}: workaround holds.` }, 4 * 3600000);
    else add({ type: 'update-sent', status: 'in-progress', whatHappenedToday: words(k), whatHappensNext: 'Fix to staging.', eta: 'Friday', questions: '' }, open ? 0.15 * DAY : 10 * 3600000);
  }
  if (!open) {
    add({ type: 'resolved', rootCause: 'configuration' });
    add({ type: 'closeout-sent', text: `Close-out for account ${i}: what happened, why, and what changes.` }, DAY);
    for (const step of ['executive-relationship-call', 'health-score-reassessment', 'prevention-follow-up']) add({ type: 'restoration-step-done', step, note: '' }, 7 * DAY);
    add({ type: 'closed' }, DAY);
  }
  return events;
}

/** `{ records: { key: text }, events: Event[][] }` for `n` escalations. */
export function workspace(n, now, only = null) {
  const records = {};
  const all = [];
  for (let i = 0; i < n; i++) {
    if (only !== null && i !== only) continue;
    const events = escalation(i, n, now);
    all.push(events);
    for (const e of events) records[`defuse:ev:${e.escalation}:${e.id}`] = JSON.stringify(e);
  }
  return { records, events: all };
}

const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

async function panelMemory(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const wasm = await page.evaluate(() => (typeof globalThis.defuseWasmBytes === 'function' ? globalThis.defuseWasmBytes() : 0));
  return { js: usedSize, wasm, total: usedSize + wasm };
}

export async function scaleFigures(origin, dist) {
  const now = Date.now();
  const big = workspace(ESCALATIONS, now);
  // "One": the most recent escalation (open, with its daily updates).
  const one = workspace(ESCALATIONS, now, ESCALATIONS - 1);
  const bytes = Object.entries(big.records).reduce((n, [k, v]) => n + k.length + v.length, 0);
  const nodeRows = await figure([F.plan, F.planBase, F.planCold], 180000, async (track) => {
    // The core must read what was generated, or the figures mean nothing.
    const core = await loadCore(track);
    for (const events of [big.events[0], big.events[ESCALATIONS - 1]]) core.foldEscalation(events.map(({ v, ...e }) => e));
    // chrome.storage.local as the worker sees it: the values are strings.
    const storageOf = (records) => {
      const data = new Map(Object.entries(records));
      return {
        data,
        getKeys: async () => [...data.keys()],
        get: async (keys) => Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)])),
        set: async (items) => Object.entries(items).forEach(([k, v]) => data.set(k, v)),
        remove: async (keys) => keys.forEach((k) => data.delete(k)),
      };
    };
    const timed = async (storage) => {
      const t0 = performance.now();
      const p = await wakeUp(storage, core, now, 'en-US');
      const t = performance.now() - t0;
      if (!p || !Array.isArray(p.alarms)) throw new Error('the wake-up gave no plan');
      return { t, p };
    };
    // Warm: one cold pass has written the folds, as the first wake-up does.
    const bigStore = storageOf(big.records);
    const oneStore = storageOf(one.records);
    const cold = [];
    for (let i = 0; i < 5; i++) cold.push((await timed(storageOf(big.records))).t);
    const first = await timed(bigStore);
    await timed(oneStore);
    // The panel starts from the fold index the wake-up writes.
    if (!bigStore.data.has('defuse:index')) throw new Error('the wake-up wrote no fold index');
    // The plan from folds is the one decoding every event gives.
    const expected = core.reminders(Object.entries(big.records), now, 'en-US');
    if (JSON.stringify(first.p) !== JSON.stringify(expected)) throw new Error('the wake-up plan differs from reminders() on every record');
    const p = await interleave(N_PLAN, async () => (await timed(bigStore)).t, async () => (await timed(oneStore)).t);
    const warm = await timed(bigStore);
    if (JSON.stringify(warm.p) !== JSON.stringify(expected)) throw new Error('the warm plan differs from reminders() on every record');
    const pr = compare(p.a, p.b, (x) => ms(x, 2));
    const folds = [...bigStore.data.keys()].filter((k) => k.startsWith('defuse:fold:')).length;
    return [
      row(F.plan, `${ms(pr.a, 2)} (${Object.keys(big.records).length.toLocaleString('en-US')} event keys, ${folds} folds; ${expected.alarms.length} alarms, badge ${expected.badge}; ÷ one ${pr.ratio.toFixed(1)}, p90 ${ms(percentile(p.a, 90), 2)})`, pr.a <= 20),
      row(F.planBase, ms(pr.b, 2), true),
      row(F.planCold, `${ms(median(cold), 1)} (n=${cold.length})`, true),
    ];
  });
  const browserRows = await figure([F.rearm, F.open, F.openBase, F.read, F.readBase, F.keys, F.mem, F.memBase], 420000, async (track) => {
    const rows = [];

    // Two browsers: one escalation, and the busy year.
    const setUp = async (ws) => {
      const b = await launchBrowser(track, { dist });
      const crm = await openFixture(b.context, origin, CRM_PAGE);
      const tab = await tabIdOf(b.worker, crm);
      const entries = Object.entries(ws.records);
      for (let i = 0; i < entries.length; i += 5000) await b.worker.evaluate((part) => chrome.storage.local.set(Object.fromEntries(part)), entries.slice(i, i + 5000));
      // An extension page to talk to the worker from (the worker cannot message itself).
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}/empty.html`);
      const rearm = () =>
        page.evaluate(async () => {
          const t0 = performance.now();
          const r = await chrome.runtime.sendMessage({ type: 'panel-to-worker:rearm' });
          return { t: performance.now() - t0, alarms: r && r.alarms };
        });
      await rearm(); // the storage writes above are re-armed once
      return { ...b, url: `chrome-extension://${b.extensionId}/panel.html?tab=${tab}`, rearm };
    };
    const A = await setUp(big);
    const B = await setUp(one);

    const rearms = await interleave(N_PLAN, () => A.rearm().then((r) => r.t), () => B.rearm().then((r) => r.t));
    const rr = compare(rearms.a, rearms.b);
    rows.push(row(F.rearm, rr.text, true));

    // Panel opens, alternating; in the big one, the bare read in the same page.
    const reads = [];
    const bare = [];
    const keyLists = [];
    const openOne = (X, timeBare) => async () => {
      const o = await openTimed(X.context, X.url);
      if (timeBare) {
        reads.push(o.read);
        const t = [];
        for (let i = 0; i < 3; i++) {
          t.push(
            await o.page.evaluate(async () => {
              const t0 = performance.now();
              await chrome.storage.local.get(null);
              return performance.now() - t0;
            }),
          );
        }
        bare.push(median(t));
        keyLists.push(
          await o.page.evaluate(async () => {
            const t0 = performance.now();
            await chrome.storage.local.getKeys();
            return performance.now() - t0;
          }),
        );
      }
      await o.page.close();
      await sleep(100);
      return o.interactive;
    };
    await openOne(A, false)();
    await openOne(B, false)();
    const opens = await interleave(N_OPEN, openOne(A, true), openOne(B, false));
    const or = compare(opens.a, opens.b);
    const rd = compare(reads, bare);
    rows.push(
      row(F.open, or.text, or.ratio <= 1.5),
      row(F.openBase, `${ms(or.b)} (p90 ${ms(percentile(opens.b, 90))})`, true),
      row(F.read, rd.text, rd.ratio <= 2),
      row(F.readBase, ms(rd.b), true),
      row(F.keys, ms(median(keyLists)), true),
    );

    // Memory of an open panel, settled.
    const memOf = async (X) => {
      const o = await openTimed(X.context, X.url);
      await sleep(1000);
      const m = await panelMemory(X.context, o.page);
      await o.page.close();
      return m;
    };
    const ma = await memOf(A);
    const mbase = await memOf(B);
    rows.push(
      row(F.mem, `${mb(ma.total)} = JS ${mb(ma.js)} + wasm ${mb(ma.wasm)} (÷ one ${(ma.total / mbase.total).toFixed(2)})`, ma.total <= 20 * MB),
      row(F.memBase, `${mb(mbase.total)} = JS ${mb(mbase.js)} + wasm ${mb(mbase.wasm)}`, true),
    );
    return rows;
  });
  const size = row(F.size, `${mb(bytes)} in ${Object.keys(big.records).length.toLocaleString('en-US')} keys (chrome.storage.local quota: 10 MB without unlimitedStorage)`, true);
  return [size, ...nodeRows, ...browserRows];
}
