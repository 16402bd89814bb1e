// Dev probe (not part of make bench): one panel open traced, its main-thread
// tasks longer than MIN µs (default 300) and the defuse-* marks on one time
// line (ms from defuse-panel-start), plus wasm compile events and how many
// wasm functions were compiled lazily on the main thread.
// Warm (3 opens first) by default; COLD=1 traces the first open in a fresh
// browser. DIST=dir copies a build over the bench's dist (e.g. named wasm).
// node tools/probe-timeline.mjs [panel|empty]
import { openTimed, panelReady, sleep } from './bench-lib.mjs';
import { openProbe } from './probe-lib.mjs';
const { b, tab, done: closeProbe } = await openProbe();
const which = process.argv[2] || 'panel';
const url = `chrome-extension://${b.extensionId}/${which}.html?tab=${tab}`;
for (let i = 0; i < (process.env.COLD ? 0 : 3); i++) { const { page } = await openTimed(b.context, url); await page.close(); await sleep(100); }
const page = await b.context.newPage();
const cdp = await b.context.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((ok) => cdp.on('Tracing.tracingComplete', ok));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,blink.user_timing,loading,toplevel,v8.execute', transferMode: 'ReportEvents' });
await page.goto(url); await panelReady(page); await sleep(200);
await cdp.send('Tracing.end'); await done;
const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming');
const marks = events.filter((e) => e.cat && e.cat.includes('blink.user_timing') && e.name.startsWith('defuse'));
const t0 = Math.min(...marks.map((e) => e.ts)) ;
// main thread = thread of the marks
const tid = marks[0].tid, pid = marks[0].pid;
const MIN = Number(process.env.MIN || 300);
const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur > MIN && !/CompileLazy/.test(e.name)).sort((a, b) => a.ts - b.ts);
const out = [];
for (const e of mine) out.push([e.ts, `${((e.ts - t0) / 1000).toFixed(1).padStart(7)} +${(e.dur / 1000).toFixed(1).padStart(5)} ${e.name} ${e.args && e.args.data ? JSON.stringify(e.args.data).slice(0, 90) : ''}`]);
for (const m of marks) out.push([m.ts, `${((m.ts - t0) / 1000).toFixed(1).padStart(7)} MARK ${m.name}`]);
for (const e of events.filter((e) => e.pid === pid && /wasm/.test(e.name) && e.dur > 300)) out.push([e.ts, `${((e.ts - t0) / 1000).toFixed(1).padStart(7)} +${(e.dur / 1000).toFixed(1).padStart(5)} [t${e.tid === tid ? 'main' : e.tid}] ${e.name}`]);
const lazy = events.filter((e) => e.pid === pid && /CompileLazy/.test(e.name) && e.ts >= t0);
console.log('CompileLazy after start:', lazy.length, 'ms', (lazy.reduce((s, e) => s + (e.dur || 0), 0) / 1000).toFixed(1), 'main-thread', lazy.filter((e) => e.tid === tid).length);
for (const [, l] of out.sort((a, b) => a[0] - b[0])) console.log(l);
await closeProbe();
