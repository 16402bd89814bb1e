// Dev probe (not part of make bench): the defuse-* marks of N warm opens of
// the panel and of the empty page (alternating, one browser), medians in ms
// from navigation start. COLD=1: one fresh browser per open instead.
// EXTRA=dir adds files (e.g. a variant panel2.html) to the bench's dist and
// PAGES=panel,panel2,empty picks the pages.
// node tools/probe-marks.mjs [n]
import { openTimed, sleep, median, launchBrowser, benchDist, openFixture, tabIdOf, CRM_PAGE } from './bench-lib.mjs';
import { startServer } from './serve.mjs';
const N = Number(process.argv[2] || 10);
const server = await startServer({});
const tracks = [];
const dist = benchDist((f) => tracks.push(f));
// EXTRA=dir: its files are copied into the bench's dist (variants to compare).
if (process.env.EXTRA) (await import('node:fs')).cpSync(process.env.EXTRA, dist, { recursive: true });
// PAGES=a,b,…: the pages opened in turn (default panel,empty).
const PAGES = (process.env.PAGES || 'panel,empty').split(',');
const marksOf = (page) => page.evaluate(() => Object.fromEntries(performance.getEntries().filter((e) => e.name.startsWith('defuse') || e.entryType === 'navigation' || e.entryType === 'paint' || e.entryType === 'resource').map((e) => [e.entryType === 'resource' ? 'res:' + e.name.split('/').pop() : e.name, e.entryType === 'measure' ? e.duration : e.entryType === 'resource' ? e.responseEnd : e.startTime + (e.entryType === 'navigation' ? e.domContentLoadedEventEnd : 0)])));
const all = Object.fromEntries(PAGES.map((p) => [p, []]));
async function one(b, which) {
  const crm = b.crm || (b.crm = await openFixture(b.context, server.origin, CRM_PAGE));
  const tab = b.tab || (b.tab = await tabIdOf(b.worker, crm));
  const { page } = await openTimed(b.context, `chrome-extension://${b.extensionId}/${which}.html?tab=${tab}`);
  all[which].push(await marksOf(page));
  await page.close();
  await sleep(100);
}
if (process.env.COLD) {
  for (let i = 0; i < N; i++) for (const w of i % 2 ? [...PAGES].reverse() : PAGES) {
    const cl = []; const b = await launchBrowser((f) => cl.push(f), { dist });
    try { await one(b, w); } finally { for (const f of cl.reverse()) await Promise.resolve().then(f).catch(() => {}); }
  }
} else {
  const b = await launchBrowser((f) => tracks.push(f), { dist });
  for (const w of PAGES) { await one(b, w); all[w] = []; }
  for (let i = 0; i < N; i++) for (const w of i % 2 ? [...PAGES].reverse() : PAGES) await one(b, w);
}
for (const w of PAGES) {
  const names = [...new Set(all[w].flatMap((m) => Object.keys(m)))];
  const rows = names.map((n) => [n, median(all[w].map((m) => m[n]).filter((x) => x !== undefined))]).sort((a, b) => a[1] - b[1]);
  console.log(`--- ${w} (n=${all[w].length})`);
  for (const [n, v] of rows) console.log(v.toFixed(1).padStart(8), n);
  // Per open, each mark after defuse-panel-start (the medians above mix opens).
  for (const n of ['defuse-wasm-ready', 'defuse-panel-started', 'defuse-stored-state-read', 'defuse-panel-interactive']) {
    const d = all[w].filter((m) => m[n] !== undefined).map((m) => m[n] - m['defuse-panel-start']);
    if (d.length) console.log(median(d).toFixed(1).padStart(8), `${n} − start`);
  }
}
for (const f of tracks.reverse()) { try { await f(); } catch {} }
server.server.close();
process.exit(0);
