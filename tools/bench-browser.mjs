// Browser figures for `make bench` (DESIGN.md, "Budgets make bench reports"),
// measured in Debian's headless Chromium through playwright-core, with the
// built extension (dist/) loaded the way tests/e2e/harness.mjs loads it.
//
// Every time is a median of many runs, and each speed figure comes with a
// baseline measured in the same run (TOOLCHAIN.md, "Measuring"): these
// machines are noisy, so one absolute time means little on its own.
//
//   1. panel open → interactive: the panel page's own performance marks, over
//      fresh tabs; baseline: DOMContentLoaded of the same page (the difference
//      is the wasm start-up and first draw).
//   2. page load with ÷ without the extension: two browsers with the same
//      flags, loads interleaved; the ratio of the medians.
//   3. snapshot + extraction on the 5,000-field page: the agent's own
//      takeSnapshot in the page, then the core's extractAccount in Node;
//      baseline: a bare querySelectorAll('*') walk of the same page.
//   4. timer wake-ups while the panel is hidden: setTimeout/setInterval
//      callbacks counted while the page says it is hidden.
//
// measure() never throws and never hangs: each figure has its own browser(s)
// and a deadline; a figure that fails is a row saying why ('not measured: …').

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, extensionArgs } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const PKG = path.join(ROOT, 'pkg');

const N_PANEL = 25; // panel opens
const N_LOAD = 20; // CRM page loads per browser
const N_SNAPSHOT = 15; // snapshots of the big page
const N_EXTRACT = 50; // extractAccount calls in Node
const HIDDEN_MS = 5000; // how long the panel stays hidden

const CRM_PAGE = '/fixtures/crm/lightning/index.html';
const BIG_PAGE = '/fixtures/crm/big/index.html';

// The figures, with their budgets as DESIGN.md writes them.
const F = {
  panel: ['panel open → interactive (median, headless Chromium)', '≤ 50 ms'],
  panelBase: ['  baseline: panel open → DOMContentLoaded (median)', '-'],
  load: ['page load with the extension ÷ without, on a CRM fixture', '≤ 1.02'],
  snap: ['snapshot + extraction, 5,000-field page', '≤ 5 ms'],
  snapBase: ['  baseline: querySelectorAll(\'*\') walk, same page (median)', '-'],
  snapSlice: ['  longest main-thread slice of the agent\'s sliced snapshot', '-'],
  timers: ['timer wake-ups while the panel is hidden', '0'],
};

// ---- Small helpers ----

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * 90% bootstrap interval of median(a) / median(b), resampling each side; a
 * fixed seed, so the same times give the same interval.
 */
function bootstrapRatio(a, b, reps = 2000) {
  let seed = 0x9e3779b9;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const resample = (xs) => xs.map(() => xs[Math.floor(random() * xs.length)]);
  const ratios = [];
  for (let i = 0; i < reps; i++) ratios.push(median(resample(a)) / median(resample(b)));
  return [percentile(ratios, 5), percentile(ratios, 95)];
}

const ms = (x, digits = 1) => `${x.toFixed(digits)} ms`;

/** The first line of an error, short enough for a table cell. */
function reason(e) {
  // Playwright prefixes the API call ("page.goto: …"): the rest says more.
  const text = String((e && e.message) || e || 'unknown error').split('\n')[0].trim().replace(/^[\w.]+: /, '');
  return text.length > 110 ? text.slice(0, 107) + '…' : text;
}

function withDeadline(promise, limit, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`${what} timed out after ${Math.round(limit / 1000)} s`)), limit);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Runs one figure with a deadline. `run(track)` returns its rows; whatever it
 * passes to `track` (a close function) is closed afterwards, also when the
 * figure failed or timed out (closing the browser aborts what is pending).
 * On failure every row of the figure says 'not measured: <reason>'.
 */
async function figure(keys, limit, run) {
  const closers = [];
  let done = false;
  const closeQuietly = (close) => withDeadline(Promise.resolve().then(close), 15000, 'closing').catch(() => {});
  // Something opened after the deadline (a launch that was still pending) is closed at once.
  const track = (close) => (done ? closeQuietly(close) : closers.push(close));
  try {
    return await withDeadline(run(track), limit, 'the figure');
  } catch (e) {
    return keys.map((k) => ({ figure: F[k][0], value: `not measured: ${reason(e)}`, budget: F[k][1], ok: false }));
  } finally {
    done = true;
    for (const close of closers.reverse()) await closeQuietly(close);
  }
}

const row = (key, value, ok) => ({ figure: F[key][0], value, budget: F[key][1], ok });

// ---- Browsers ----

/**
 * A headless Chromium with a fresh profile: the flags of
 * tests/e2e/harness.mjs, with dist/ loaded or not (nothing else differs).
 */
async function launchBrowser(track, { extension }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-bench-'));
  track(() => fs.rmSync(profile, { recursive: true, force: true }));
  const args = [...CHROMIUM_ARGS];
  if (extension) args.unshift(...extensionArgs(DIST));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, timeout: 30000 });
  track(() => context.close());
  if (!extension) return { context };
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15000 });
  return { context, worker, extensionId: new URL(worker.url()).host };
}

async function openFixture(context, origin, urlPath) {
  const page = await context.newPage();
  await page.goto(origin + urlPath, { waitUntil: 'load' });
  await page.waitForSelector('html[data-fixture-ready]', { state: 'attached', timeout: 15000 });
  return page;
}

async function tabIdOf(worker, page) {
  const id = await worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    return tab ? tab.id : null;
  }, page.url());
  if (id == null) throw new Error('the fixture tab has no tab id');
  return id;
}

/** Waits until the panel is interactive; throws the panel's own problem text if it could not start. */
async function panelReady(panel) {
  await panel.waitForSelector('html[data-ready="true"], #app .problem', { state: 'attached', timeout: 10000 });
  const problem = await panel.evaluate(() => (document.documentElement.dataset.ready === 'true' ? null : document.querySelector('#app .problem').textContent));
  if (problem) throw new Error(problem);
}

// ---- 1. Panel open → interactive ----

async function panelOpen(origin) {
  return figure(['panel', 'panelBase'], 60000, async (track) => {
    const { context, worker, extensionId } = await launchBrowser(track, { extension: true });
    const crm = await openFixture(context, origin, CRM_PAGE);
    const url = `chrome-extension://${extensionId}/panel.html?tab=${await tabIdOf(worker, crm)}`;
    const interactive = [];
    const dcl = [];
    const startup = []; // panel-start → interactive: wasm fetch + compile + first draw
    for (let i = 0; i < N_PANEL; i++) {
      const panel = await context.newPage();
      await panel.goto(url);
      await panelReady(panel);
      const t = await panel.evaluate(() => {
        const mark = (name) => performance.getEntriesByName(name)[0].startTime;
        const nav = performance.getEntriesByType('navigation')[0];
        return { interactive: mark('defuse-panel-interactive'), start: mark('defuse-panel-start'), dcl: nav.domContentLoadedEventStart };
      });
      await panel.close();
      interactive.push(t.interactive);
      dcl.push(t.dcl);
      startup.push(t.interactive - t.start);
      await sleep(100); // let the closed tab go before the next one
    }
    const med = median(interactive);
    return [
      row('panel', `${ms(med)} (p90 ${ms(percentile(interactive, 90))}, cold ${ms(interactive[0])}; n=${N_PANEL})`, med <= 50),
      row('panelBase', `${ms(median(dcl))} (panel-start → interactive ${ms(median(startup))})`, true),
    ];
  });
}

// ---- 2. Page load with ÷ without the extension ----

async function pageLoad(origin) {
  return figure(['load'], 120000, async (track) => {
    const withExt = await launchBrowser(track, { extension: true });
    const without = await launchBrowser(track, { extension: false });
    const pages = { with: await withExt.context.newPage(), without: await without.context.newPage() };
    const times = { with: [], without: [] };
    const load = async (which) => {
      const page = pages[which];
      await page.goto(origin + CRM_PAGE, { waitUntil: 'load', timeout: 15000 });
      const t = await page.waitForFunction(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : 0;
      }, null, { timeout: 10000 });
      const value = await t.jsonValue();
      // Leave the page so it does no work while the other browser loads.
      await page.goto('about:blank');
      return value;
    };
    // One unmeasured load each: first-run costs (profile, caches) are not the extension's.
    await load('with');
    await load('without');
    // Interleaved, alternating which goes first (ABBA), so drift hits both equally.
    for (let i = 0; i < N_LOAD; i++) {
      const order = i % 2 ? ['without', 'with'] : ['with', 'without'];
      for (const which of order) times[which].push(await load(which));
    }
    // Is the agent really in the page? (Otherwise the ratio would compare nothing.)
    await pages.with.goto(origin + CRM_PAGE, { waitUntil: 'load' });
    const tabId = await tabIdOf(withExt.worker, pages.with);
    const answer = await withExt.worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'panel-to-agent:snapshot' }, { frameId: 0 }).catch((e) => ({ error: String(e) })), tabId);
    if (!answer || answer.type !== 'agent-to-panel:snapshot') throw new Error('the agent did not answer in the CRM page: ' + JSON.stringify(answer).slice(0, 60));
    const a = median(times.with);
    const b = median(times.without);
    const ratio = a / b;
    // How far this run can tell a 2% difference: load times here spread by
    // tens of percent, so the ratio comes with its bootstrap interval.
    const [lo, hi] = bootstrapRatio(times.with, times.without);
    return [row('load', `${ratio.toFixed(3)} (${ms(a)} ÷ ${ms(b)} loadEventEnd, n=${N_LOAD} each; 90% CI ${lo.toFixed(2)}–${hi.toFixed(2)})`, ratio <= 1.02)];
  });
}

// ---- 3. Snapshot + extraction on the 5,000-field page ----

async function snapshotAndExtraction(origin) {
  return figure(['snap', 'snapBase', 'snapSlice'], 90000, async (track) => {
    const { context } = await launchBrowser(track, { extension: true });
    const page = await openFixture(context, origin, BIG_PAGE);
    // The agent's own snapshot code (the file the extension bundles), in the
    // page's world; DevTools evaluation is not subject to the page's CSP.
    // snapshot.js imports conversation.js: both inlined, imports dropped.
    const read = (name) => fs.readFileSync(path.join(ROOT, 'www', 'agent', name), 'utf8').replace(/^export /gm, '').replace(/^import .*$/gm, '');
    const src = read('conversation.js') + '\n' + read('snapshot.js');
    await page.evaluate(`(() => {\n${src}\nwindow.__defuseBenchSnapshot = takeSnapshot;\nwindow.__defuseBenchSliced = takeSnapshotSliced;\n})()`);
    // Let the agent's own first snapshots (debounced after load) pass.
    await sleep(2500);
    const snapTimes = [];
    let snapshot;
    for (let i = 0; i < N_SNAPSHOT; i++) {
      const last = i === N_SNAPSHOT - 1;
      const r = await page.evaluate((keep) => {
        const t0 = performance.now();
        const s = window.__defuseBenchSnapshot(document);
        const t = performance.now() - t0;
        return { t, snapshot: keep ? s : null };
      }, last);
      snapTimes.push(r.t);
      if (last) snapshot = r.snapshot;
      await sleep(30);
    }
    // What the agent really does: the same snapshot in slices, yielding to the page.
    const slices = [];
    for (let i = 0; i < 5; i++) {
      const r = await page.evaluate(async () => (await window.__defuseBenchSliced(document)).stats);
      slices.push(r.longestSliceMs);
      await sleep(30);
    }
    const walkTimes = [];
    let elements = 0;
    for (let i = 0; i < N_SNAPSHOT; i++) {
      const r = await page.evaluate(() => {
        const t0 = performance.now();
        const n = document.querySelectorAll('*').length;
        return { t: performance.now() - t0, n };
      });
      walkTimes.push(r.t);
      elements = r.n;
      await sleep(30);
    }
    if (!snapshot || !Array.isArray(snapshot.fields) || snapshot.fields.length === 0) throw new Error('the snapshot of the big page has no fields');

    // Extraction: the core from pkg/, in Node, on the snapshot just taken.
    const core = await loadCore(track);
    const extractTimes = [];
    let facts;
    for (let i = 0; i < N_EXTRACT; i++) {
      const t0 = performance.now();
      facts = core.extractAccount(snapshot);
      extractTimes.push(performance.now() - t0);
    }
    const s = median(snapTimes);
    const x = median(extractTimes);
    const total = s + x;
    const kept = `${snapshot.fields.length.toLocaleString('en-US')} fields kept${snapshot.truncated ? ', truncated' : ''}`;
    // The facts, as a sanity check that extraction did its work.
    const name = facts && facts.name && facts.name.value;
    if (!name) throw new Error('extractAccount found no account name on the big page');
    return [
      row('snap', `${ms(total)} = snapshot ${ms(s)} + extraction ${ms(x)} (${kept})`, total <= 5),
      row('snapBase', `${ms(median(walkTimes), 2)} (${elements.toLocaleString('en-US')} elements; snapshot p90 ${ms(percentile(snapTimes, 90))}; snapshot ÷ walk ${(s / median(walkTimes)).toFixed(1)}×, budget 3×)`, s <= 3 * median(walkTimes)),
      row('snapSlice', `${ms(median(slices), 1)} (median of 5 sliced snapshots: the page is never blocked longer)`, true),
    ];
  });
}

/**
 * pkg/defuse.js (wasm-bindgen --target web), initialised synchronously. It is
 * imported from a .mjs copy: package.json has no "type", and importing the .js
 * itself makes Node print a module-type warning into the bench output.
 */
async function loadCore(track) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-bench-core-'));
  track(() => fs.rmSync(dir, { recursive: true, force: true }));
  const copy = path.join(dir, 'defuse.mjs');
  fs.copyFileSync(path.join(PKG, 'defuse.js'), copy);
  const core = await import(pathToFileURL(copy).href);
  core.initSync({ module: fs.readFileSync(path.join(PKG, 'defuse_bg.wasm')) });
  return core;
}

// ---- 4. Timer wake-ups while the panel is hidden ----

async function hiddenWakeups(origin) {
  return figure(['timers'], 60000, async (track) => {
    const { context, worker, extensionId } = await launchBrowser(track, { extension: true });
    const crm = await openFixture(context, origin, CRM_PAGE);
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/panel.html?tab=${await tabIdOf(worker, crm)}`);
    await panelReady(panel);

    // Count timer scheduling and callback executions from now on. gloo-timers
    // calls the global setTimeout at call time, so wrapping it sees the
    // countdown's ticks. page.evaluate is not subject to the page's CSP.
    await panel.evaluate(() => {
      const b = (window.__bench = { hidden: false, scheduled: 0, fired: 0, scheduledHidden: 0, firedHidden: 0, hiddenDelays: [] });
      for (const name of ['setTimeout', 'setInterval']) {
        const original = window[name];
        window[name] = function (handler, delay, ...rest) {
          b.scheduled++;
          if (b.hidden) b.scheduledHidden++;
          let fn = handler;
          if (typeof handler === 'function') {
            fn = function (...args) {
              b.fired++;
              if (b.hidden) {
                b.firedHidden++;
                b.hiddenDelays.push(`${name}(${delay})`);
              }
              return handler.apply(this, args);
            };
          }
          return original.call(window, fn, delay, ...rest);
        };
      }
    });

    // An escalation that reached the CSM 100 minutes ago: the acknowledgment
    // is due in 20 min, so the countdown ticks every second.
    await panel.waitForSelector('#f-open-csm-name', { timeout: 10000 });
    const reached = await panel.evaluate(() => {
      const d = new Date(Date.now() - 100 * 60000);
      const p = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    if (await panel.locator('#f-open-reached').count()) await panel.fill('#f-open-reached', reached);
    await panel.fill('#f-open-customer-zone', 'UTC');
    await panel.fill('#f-open-csm-name', 'Priya Raman');
    await panel.click('[data-action=open]');
    await panel.waitForSelector('[data-testid=next-deadline]', { timeout: 10000 });
    const firedAtOpen = await panel.evaluate(() => window.__bench.fired);
    await sleep(2200);
    const headline = () => panel.evaluate(() => (document.getElementById('countdown-headline') || {}).textContent || '');
    // The counter must see the countdown tick while shown, or its 0 means nothing.
    const visible = (await panel.evaluate(() => window.__bench.fired)) - firedAtOpen;
    if (visible === 0) throw new Error('no timer fired while shown: the wrapper does not see the countdown');

    const before = await headline();
    const setHidden = (hidden) =>
      panel.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
        window.__bench.hidden = h;
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await sleep(HIDDEN_MS);
    const during = await headline();
    await setHidden(false);
    const counts = await panel.evaluate(() => ({ ...window.__bench }));
    const shown = await headline();
    // And it keeps ticking once shown.
    const ticking = await panel
      .waitForFunction((t) => document.getElementById('countdown-headline').textContent !== t, shown, { timeout: 3000 })
      .then(() => true, () => false);

    const fired = counts.firedHidden;
    const resumed = shown !== before && ticking;
    const frozen = during === before;
    const detail = fired ? ` [${counts.hiddenDelays.slice(0, 3).join(', ')}]` : '';
    const short = (t) => t.replace(/^.*?(due in|overdue by) /, '');
    const value =
      `${fired} fired in ${HIDDEN_MS / 1000} s hidden (${counts.scheduledHidden} scheduled${detail}; ${visible} in 2.2 s shown); ` +
      `${frozen ? '' : 'text CHANGED while hidden; '}on show ${short(before)} → ${short(shown)}${resumed ? ', ticking' : ', NOT resumed'}`;
    return [row('timers', value, fired === 0 && resumed)];
  });
}

// ---- All of them ----

const FIGURES = { panel: panelOpen, load: pageLoad, snapshot: snapshotAndExtraction, timers: hiddenWakeups };

/** The browser rows of `make bench`; `only` names a subset of FIGURES (all by default). */
export async function measure({ only = Object.keys(FIGURES) } = {}) {
  if (!fs.existsSync(path.join(DIST, 'manifest.json'))) throw new Error('dist/ is not built: run tools/build.sh');
  const { server, origin } = await startServer();
  try {
    const rows = [];
    for (const name of only) rows.push(...(await FIGURES[name](origin)));
    return rows;
  } finally {
    server.closeAllConnections?.();
    server.close();
  }
}

// CLI, for working on one figure: node tools/bench-browser.mjs [panel|load|snapshot|timers]…
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !FIGURES[n]);
  if (unknown.length) {
    console.error(`unknown figure ${unknown.join(', ')}; one of: ${Object.keys(FIGURES).join(', ')}`);
    process.exit(2);
  }
  const t0 = Date.now();
  for (const r of await measure(only.length ? { only } : {})) console.log(`${r.figure}  ${r.value}  budget ${r.budget}  ${r.ok ? 'ok' : 'OVER BUDGET'}`);
  console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
