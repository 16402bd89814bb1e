// Shared pieces of `make bench`'s browser and core figures: statistics
// (median, nearest-rank percentile, a bootstrap interval of a ratio of
// medians), the figure runner (deadline, cleanup, 'not measured: why' rows)
// and the headless Chromium the bench starts (the e2e harness's flags).
//
// Every speed figure is a ratio to a baseline measured in the same run,
// interleaved (ABAB), because these machines are noisy (TOOLCHAIN.md).

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, extensionArgs } from './chromium.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const PKG = path.join(ROOT, 'pkg');
export const CRM_PAGE = '/fixtures/crm/lightning/index.html';
export const BIG_PAGE = '/fixtures/crm/big/index.html';

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
export const ms = (x, digits = 1) => `${x.toFixed(digits)} ms`;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** mulberry32 from a fixed seed: the same times give the same bootstrap interval. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 90% bootstrap interval of median(a) / median(b), resampling each side; a
 * fixed seed, so the same times give the same interval.
 */
export function bootstrapRatio(a, b, reps = 2000) {
  const random = seededRandom(0x9e3779b9);
  const resample = (xs) => xs.map(() => xs[Math.floor(random() * xs.length)]);
  const ratios = [];
  for (let i = 0; i < reps; i++) ratios.push(median(resample(a)) / median(resample(b)));
  return [percentile(ratios, 5), percentile(ratios, 95)];
}

/** `{ ratio, lo, hi, a, b, text }` for two samples measured in the same run. */
export function compare(a, b, unit = ms) {
  const ma = median(a);
  const mb = median(b);
  const [lo, hi] = bootstrapRatio(a, b);
  const ratio = ma / mb;
  const n = a.length === b.length ? `n=${a.length} each` : `n=${a.length}/${b.length}`;
  return { ratio, lo, hi, a: ma, b: mb, text: `${ratio.toFixed(3)} (90% CI ${lo.toFixed(2)}–${hi.toFixed(2)}) = ${unit(ma)} ÷ ${unit(mb)}, ${n}` };
}

/** Runs `a` and `b` alternately, `n` times each, swapping which goes first (ABBA). */
export async function interleave(n, a, b) {
  const out = { a: [], b: [] };
  for (let i = 0; i < n; i++) {
    const order = i % 2 ? ['b', 'a'] : ['a', 'b'];
    for (const k of order) out[k].push(await (k === 'a' ? a(i) : b(i)));
  }
  return out;
}

/** The first line of an error, short enough for a table cell. */
export function reason(e) {
  // Playwright prefixes the API call ("page.goto: …"): the rest says more.
  const text = String((e && e.message) || e || 'unknown error').split('\n')[0].trim().replace(/^[\w.]+: /, '');
  return text.length > 110 ? text.slice(0, 107) + '…' : text;
}

export function withDeadline(promise, limit, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`${what} timed out after ${Math.round(limit / 1000)} s`)), limit);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A row of the table: `spec` is `[figure, budget]`. */
export const row = (spec, value, ok) => ({ figure: spec[0], value, budget: spec[1], ok });

/**
 * Runs one figure with a deadline. `run(track)` returns its rows; whatever it
 * passes to `track` (a close function) is closed afterwards, also when the
 * figure failed or timed out (closing the browser aborts what is pending).
 * On failure every row of the figure (`specs`) says 'not measured: <reason>'.
 */
export async function figure(specs, limit, run) {
  const closers = [];
  let done = false;
  const closeQuietly = (close) => withDeadline(Promise.resolve().then(close), 15000, 'closing').catch(() => {});
  // Something opened after the deadline (a launch that was still pending) is closed at once.
  const track = (close) => (done ? closeQuietly(close) : closers.push(close));
  try {
    return await withDeadline(run(track), limit, 'the figure');
  } catch (e) {
    return specs.map((s) => row(s, `not measured: ${reason(e)}`, s[1] === '-'));
  } finally {
    done = true;
    for (const close of closers.reverse()) await closeQuietly(close);
  }
}

/**
 * The bench's copy of dist/ with the baseline page www/panel/empty.html (+
 * empty.js) added: the package never carries it.
 */
export function benchDist(track) {
  if (!fs.existsSync(path.join(DIST, 'manifest.json'))) throw new Error('dist/ is not built: run tools/build.sh');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-bench-dist-'));
  track(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(DIST, dir, { recursive: true });
  for (const f of ['empty.html', 'empty.js']) fs.copyFileSync(path.join(ROOT, 'www', 'panel', f), path.join(dir, f));
  return dir;
}

/**
 * A headless Chromium with a fresh profile: the flags of
 * tests/e2e/harness.mjs, with the extension in `dist` loaded or not
 * (`worker: false` for an extension without a service worker).
 */
export async function launchBrowser(track, { dist = null, worker: hasWorker = true } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-bench-'));
  track(() => fs.rmSync(profile, { recursive: true, force: true }));
  const args = [...CHROMIUM_ARGS];
  if (dist) args.unshift(...extensionArgs(dist));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, timeout: 30000 });
  track(() => context.close());
  if (!dist || !hasWorker) return { context };
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15000 });
  return { context, worker, extensionId: new URL(worker.url()).host };
}

export async function openFixture(context, origin, urlPath) {
  const page = await context.newPage();
  await page.goto(origin + urlPath, { waitUntil: 'load' });
  await page.waitForSelector('html[data-fixture-ready]', { state: 'attached', timeout: 15000 });
  return page;
}

export async function tabIdOf(worker, page) {
  const id = await worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    return tab ? tab.id : null;
  }, page.url());
  if (id == null) throw new Error('the fixture tab has no tab id');
  return id;
}

/** Waits until the panel is interactive; throws the panel's own problem text if it could not start. */
export async function panelReady(panel) {
  await panel.waitForSelector('html[data-ready="true"], #app .problem', { state: 'attached', timeout: 20000 });
  const problem = await panel.evaluate(() => (document.documentElement.dataset.ready === 'true' ? null : document.querySelector('#app .problem').textContent));
  if (problem) throw new Error(problem);
}

/** Opens an extension page, waits until interactive; returns the open page and its marks. */
export async function openTimed(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await panelReady(page);
  const t = await page.evaluate(() => {
    const mark = (name) => (performance.getEntriesByName(name)[0] || { startTime: NaN }).startTime;
    const read = performance.getEntriesByName('defuse-storage-read')[0];
    return { interactive: mark('defuse-panel-interactive'), start: mark('defuse-panel-start'), read: read ? read.duration : NaN };
  });
  return { page, ...t };
}

/**
 * pkg/defuse.js (wasm-bindgen --target web), initialised synchronously, in
 * Node. Imported from a .mjs copy: package.json has no "type", and importing
 * the .js itself makes Node print a module-type warning into the output.
 */
export async function loadCore(track) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-bench-core-'));
  track(() => fs.rmSync(dir, { recursive: true, force: true }));
  const copy = path.join(dir, 'defuse.mjs');
  fs.copyFileSync(path.join(PKG, 'defuse.js'), copy);
  const core = await import(pathToFileURL(copy).href);
  core.initSync({ module: fs.readFileSync(path.join(PKG, 'defuse_bg.wasm')) });
  return core;
}

/**
 * Runs `run()` while Chromium traces `page`'s renderer, and returns
 * `{ value, events }` (the trace events). On a loaded 2-core machine another
 * process often takes the core in the middle of a measurement: the trace's
 * thread timestamps (`tts`, µs of CPU time of the thread) do not count that,
 * wall-clock times (`performance.now()`) do.
 */
export async function traced(page, run) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'toplevel'] }, transferMode: 'ReturnAsStream' });
  let value;
  let stream;
  try {
    value = await run();
  } finally {
    const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    ({ stream } = await complete);
  }
  let text = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  await cdp.detach();
  const parsed = JSON.parse(text);
  return { value, events: Array.isArray(parsed) ? parsed : parsed.traceEvents };
}

/**
 * The page's main-thread CPU time (ms) of each region it marked with
 * `console.timeStamp(name + ':start')` … `console.timeStamp(name + ':end')`:
 * `{ [name]: [ms, …] }` in order.
 */
export function cpuRegions(events) {
  const marks = events.filter((e) => e.name === 'TimeStamp' && e.args && e.args.data && typeof e.args.data.message === 'string' && typeof e.tts === 'number');
  marks.sort((a, b) => a.ts - b.ts);
  const open = new Map();
  const out = {};
  for (const m of marks) {
    const [name, edge] = m.args.data.message.split(/:(?=start$|end$)/);
    if (edge === 'start') open.set(name, m.tts);
    else if (edge === 'end' && open.has(name)) {
      (out[name] ||= []).push((m.tts - open.get(name)) / 1000);
      open.delete(name);
    }
  }
  return out;
}

/**
 * The longest task (ms of CPU time) the page's main thread ran between its
 * marks `from` and `to` (console.timeStamp), and the longest by wall clock.
 */
export function longestTask(events, from, to) {
  const mark = (message) => events.find((e) => e.name === 'TimeStamp' && e.args && e.args.data && e.args.data.message === message);
  const a = mark(from);
  const b = mark(to);
  if (!a || !b) return null;
  let cpu = 0;
  let wall = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.tid !== a.tid || e.pid !== a.pid || e.name !== 'ThreadControllerImpl::RunTask') continue;
    if (e.ts + e.dur < a.ts || e.ts > b.ts) continue;
    cpu = Math.max(cpu, (e.tdur || 0) / 1000);
    wall = Math.max(wall, e.dur / 1000);
  }
  return { cpu, wall };
}

/**
 * Main-thread CPU time (ms) a traced navigation cost its page up to the
 * load event: the tasks of the renderer thread that marked the main frame's
 * load (MarkLoad), up to that mark. Content scripts run on that thread and
 * count; a service worker runs elsewhere and does not.
 */
export function loadCpu(events) {
  const mark = events.find((e) => e.name === 'MarkLoad' && e.args && e.args.data && e.args.data.isMainFrame);
  if (!mark) return NaN;
  let cpu = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.pid !== mark.pid || e.tid !== mark.tid) continue;
    if (e.ts <= mark.ts) cpu += (e.tdur || 0) / 1000;
  }
  return cpu;
}

/**
 * Main-thread CPU time (ms) of layout (the trace's `Layout` events) a traced
 * navigation ran before its main frame's load event. On the 5,000-field page
 * the first layout costs ~1 s of CPU: whether it falls before or after the
 * load event decides loadEventEnd, so the page-load figure prints it per
 * browser (a content script at document_idle put it before the load event
 * every time; see tools/probe-load.mjs).
 */
export function layoutBeforeLoad(events) {
  const mark = events.find((e) => e.name === 'MarkLoad' && e.args && e.args.data && e.args.data.isMainFrame);
  if (!mark) return NaN;
  let cpu = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'Layout' || e.pid !== mark.pid || e.tid !== mark.tid) continue;
    if (e.ts <= mark.ts) cpu += (e.tdur || 0) / 1000;
  }
  return cpu;
}
