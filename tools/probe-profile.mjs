// Dev probe (not part of make bench): CPU profile of N panel loads (warm
// reloads, or COLD=1: the first open in a fresh browser), self and total
// time per function. DIST=dir copies a build over the bench's dist: with
// tools/probe-named-dist.sh's wasm the profile names Rust functions.
// TOP=n / GREP=regex trim the totals; SUB=regex adds the time below the
// outermost frame matching it (e.g. SUB='^startPanel'); CALLERS=a,b lists
// who calls functions whose name contains a or b.
// node tools/probe-profile.mjs [panel|empty] [loads]
import { openTimed, panelReady, sleep } from './bench-lib.mjs';
import { openProbe } from './probe-lib.mjs';
const { b, tab, done: closeProbe } = await openProbe();
const which = process.argv[2] || 'panel';
const N = Number(process.argv[3] || 8);
// COLD=1: one profile of the first open in this browser (a blank tab
// first, so the profiler runs before the panel's first byte).
const url = `chrome-extension://${b.extensionId}/${which}.html?tab=${tab}`;
const page = process.env.COLD ? await b.context.newPage() : (await openTimed(b.context, url)).page;
const cdp = await b.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const sub = new Map(); const self = new Map(); const tot = new Map(); const callers = new Map(); let total = 0;
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
for (let i = 0; i < N; i++) {
  await cdp.send('Profiler.start');
  if (process.env.COLD) await page.goto(url); else await page.reload();
  await panelReady(page);
  await sleep(50);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const dt = profile.timeDeltas;
  for (let k = 0; k < profile.samples.length; k++) {
    const t = (dt[k] || 0) / 1000; total += t;
    let id = profile.samples[k]; const n = byId.get(id);
    self.set(name(n), (self.get(name(n)) || 0) + t);
    // SUB=regex: also the time of everything below the outermost frame matching it.
    if (process.env.SUB) {
      const chain = []; let j = id;
      while (j !== undefined) { chain.push(name(byId.get(j))); j = parent.get(j); }
      const at = chain.findLastIndex((k) => new RegExp(process.env.SUB).test(k));
      if (at >= 0) for (const k of new Set(chain.slice(0, at))) sub.set(k, (sub.get(k) || 0) + t);
    }
    const seen = new Set();
    let child = null;
    while (id !== undefined) {
      const m = byId.get(id); const key = name(m);
      if (!seen.has(key)) { seen.add(key); tot.set(key, (tot.get(key) || 0) + t); }
      if (child) { const cm = callers.get(child) || new Map(); cm.set(key, (cm.get(key) || 0) + t); callers.set(child, cm); }
      child = key; id = parent.get(id);
      if (seen.size > 200) break;
    }
  }
}
console.log(`total ms per load ${(total / N).toFixed(1)}`);
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
console.log('--- self per load');
for (const [k, v] of top(self, 30)) console.log((v / N).toFixed(2).padStart(8), k);
console.log('--- total per load');
for (const [k, v] of top(tot, Number(process.env.TOP || 60)).filter(([k]) => !process.env.GREP || new RegExp(process.env.GREP).test(k))) console.log((v / N).toFixed(2).padStart(8), k);
if (process.env.SUB) { console.log('--- below', process.env.SUB); for (const [k, v] of top(sub, 45)) console.log((v / N).toFixed(2).padStart(8), k); }
for (const want of (process.env.CALLERS || '').split(',').filter(Boolean)) {
  for (const [k, m] of callers) if (k.includes(want)) { console.log('--- callers of', k); for (const [c, v] of top(m, 6)) console.log((v / N).toFixed(2).padStart(8), c); }
}
await closeProbe();
