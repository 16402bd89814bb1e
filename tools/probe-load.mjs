// Dev probe (not part of make bench): why a page load with an extension
// differs from one without. Loads one fixture in rounds, one load per
// browser per round (order reversed every other round), and prints per
// round each load's navigation timings (ms from navigation start), what the
// load waited on last, when a marker content script ran, and the page's
// first content paint (last largest-contentful-paint) next to its load
// event: "content paint − load" near 0 means the load event waited for the
// first frame. Browsers (VARIANTS=a,b,…; default defuse,control,marker,none):
//   defuse        the bench's dist, as built
//   defuse-start  / defuse-idle: the same with the channel at that run_at
//   control       the bench's control (one empty content script, Defuse's run_at)
//   marker        the control's script records performance.now() + readyState
//   nomatch       the control's script matching no page
//   start / end   the control's script at document_start / document_end
//   none          no extension
// VARIANTS=… ROUNDS=n node tools/probe-load.mjs [/fixtures/crm/big/index.html]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, benchDist, sleep, median } from './bench-lib.mjs';
import { controlExtension } from './bench-browser.mjs';
import { startServer } from './serve.mjs';

const urlPath = process.argv[2] || '/fixtures/crm/big/index.html';
const ROUNDS = Number(process.env.ROUNDS || 6);
const tracks = [];
const track = (f) => tracks.push(f);
const { server, origin } = await startServer({});
const dist = benchDist(track);
const control = controlExtension(track, dist);
const marker = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-probe-marker-'));
track(() => fs.rmSync(marker, { recursive: true, force: true }));
const m = JSON.parse(fs.readFileSync(path.join(control, 'manifest.json'), 'utf8'));
m.name = 'marker';
m.content_scripts = m.content_scripts.map((c) => ({ ...c, js: ['marker.js'] }));
fs.writeFileSync(path.join(marker, 'manifest.json'), JSON.stringify(m));
fs.writeFileSync(path.join(marker, 'marker.js'), 'document.documentElement.dataset.csAt = performance.now().toFixed(1) + " " + document.readyState;');
// Variants of the control: the same empty script at another run_at, or
// matching no page at all (an extension is there, no script is injected).
function variantOf(name, edit) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `defuse-probe-${name}-`));
  track(() => fs.rmSync(dir, { recursive: true, force: true }));
  const v = JSON.parse(fs.readFileSync(path.join(control, 'manifest.json'), 'utf8'));
  v.name = name;
  v.content_scripts = v.content_scripts.map(edit);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(v));
  fs.writeFileSync(path.join(dir, 'empty.js'), '');
  return dir;
}
// Defuse itself with its channel script at document_start.
function defuseAt(runAt) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `defuse-probe-${runAt}-`));
  track(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(dist, dir, { recursive: true });
  const d = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  for (const c of d.content_scripts) c.run_at = runAt;
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(d));
  return dir;
}
const variants = (process.env.VARIANTS || 'defuse,control,marker,none').split(',');
const opts = { defuse: { dist }, control: { dist: control, worker: false }, marker: { dist: marker, worker: false }, none: {},
  nomatch: { dist: variantOf('nomatch', (c) => ({ ...c, matches: ['https://example.invalid/*'] })), worker: false },
  start: { dist: variantOf('start', (c) => ({ ...c, run_at: 'document_start' })), worker: false },
  'defuse-start': { dist: defuseAt('document_start') },
  'defuse-idle': { dist: defuseAt('document_idle') },
  end: { dist: variantOf('end', (c) => ({ ...c, run_at: 'document_end' })), worker: false },
};
const browsers = {};
for (const v of variants) {
  const b = await launchBrowser(track, opts[v]);
  browsers[v] = { b, page: await b.context.newPage() };
}
async function load(v) {
  const { page } = browsers[v];
  await page.goto(origin + urlPath, { waitUntil: 'load', timeout: 60000 });
  const t = await page.evaluate(async () => {
    // The page's first frame with its content (the 42,000-element layout):
    // the last largest-contentful-paint entry once a frame after load is done.
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50)));
    const lcps = await new Promise((ok) => {
      const o = new PerformanceObserver((l) => { o.disconnect(); ok(l.getEntries()); });
      o.observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => ok([]), 500);
    });
    const n = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const last = res.reduce((a, r) => (r.responseEnd > (a ? a.responseEnd : -1) ? r : a), null);
    const f = (x) => Math.round(x);
    return {
      resp: f(n.responseEnd), inter: f(n.domInteractive), dcl: f(n.domContentLoadedEventEnd), loadStart: f(n.loadEventStart), load: f(n.loadEventEnd),
      nres: res.length, last: last ? `${last.name.split('/').pop().slice(0, 28)}@${f(last.startTime)}-${f(last.responseEnd)}` : '',
      cs: document.documentElement.dataset.csAt || '',
      lcp: lcps.length ? f(lcps[lcps.length - 1].startTime) : null,
      fp: f((performance.getEntriesByName('first-paint')[0] || { startTime: NaN }).startTime),
    };
  });
  await page.goto('about:blank');
  await sleep(250);
  return t;
}
const all = Object.fromEntries(variants.map((v) => [v, []]));
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? [...variants].reverse() : variants;
  for (const v of order) {
    const t = await load(v);
    all[v].push(t);
    console.log(`round ${r} ${v.padEnd(12)} ${JSON.stringify(t)}`);
  }
}
for (const v of variants) {
  console.log(v.padEnd(12), 'median load', median(all[v].map((t) => t.load)), 'dcl', median(all[v].map((t) => t.dcl)), 'lcp', median(all[v].map((t) => t.lcp)), 'content paint − load', all[v].map((t) => t.lcp - t.load).join(' '), 'max(load, lcp)', median(all[v].map((t) => Math.max(t.load, t.lcp))));
}
for (const f of tracks.reverse()) await Promise.resolve().then(f).catch(() => {});
server.close();
process.exit(0);
