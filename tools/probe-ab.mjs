// Dev probe (not part of make bench): panel open ÷ empty extension page,
// warm and cold, for two builds in the same run, browsers alternating A/B
// so that a busy machine weighs on both alike (make bench's figure for one
// build swings ±30% between runs here). Build B in a temporary checkout
// (git archive <commit> | tar -x; tools/build.sh) to compare with a commit.
// ROUNDS=n PAIRS=n node tools/probe-ab.mjs <distA> <distB>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, openFixture, tabIdOf, openTimed, CRM_PAGE, sleep, median } from './bench-lib.mjs';
import { startServer } from './serve.mjs';
import { fileURLToPath } from 'node:url';
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const [A, B] = process.argv.slice(2);
if (!A || !B) throw new Error('usage: node tools/probe-ab.mjs <distA> <distB>');
const server = await startServer({});
const dists = {};
for (const [name, src] of [['A', A], ['B', B]]) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-' + name + '-'));
  fs.cpSync(src, d, { recursive: true });
  for (const f of ['empty.html', 'empty.js']) fs.copyFileSync(path.join(ROOT, 'www', 'panel', f), path.join(d, f));
  dists[name] = d;
}
const res = { A: { wp: [], we: [], cp: [], ce: [] }, B: { wp: [], we: [], cp: [], ce: [] } };
async function withBrowser(dist, f) {
  const closers = [];
  try {
    const b = await launchBrowser((c) => closers.push(c), { dist });
    const crm = await openFixture(b.context, server.origin, CRM_PAGE);
    const tab = await tabIdOf(b.worker, crm);
    const url = (w) => `chrome-extension://${b.extensionId}/${w}.html?tab=${tab}`;
    return await f(b, url);
  } finally { for (const c of closers.reverse()) await Promise.resolve().then(c).catch(() => {}); }
}
const open = async (b, u) => { const { page, interactive } = await openTimed(b.context, u); await page.close(); await sleep(100); return interactive; };
const ROUNDS = Number(process.env.ROUNDS || 3), PAIRS = Number(process.env.PAIRS || 8);
for (let r = 0; r < ROUNDS; r++) {
  for (const name of r % 2 ? ['B', 'A'] : ['A', 'B']) {
    await withBrowser(dists[name], async (b, url) => {
      await open(b, url('panel')); await open(b, url('empty'));
      for (let i = 0; i < PAIRS; i++) { res[name].wp.push(await open(b, url('panel'))); res[name].we.push(await open(b, url('empty'))); }
    });
    for (const w of ['panel', 'empty']) res[name][w === 'panel' ? 'cp' : 'ce'].push(await withBrowser(dists[name], (b, url) => open(b, url(w))));
  }
}
for (const name of ['A', 'B']) {
  const x = res[name];
  console.log(name, name === 'A' ? A : B, '\n  warm', (median(x.wp) / median(x.we)).toFixed(3), `${median(x.wp).toFixed(1)} ÷ ${median(x.we).toFixed(1)} (n=${x.wp.length})`, ' cold', (median(x.cp) / median(x.ce)).toFixed(3), `${median(x.cp).toFixed(1)} ÷ ${median(x.ce).toFixed(1)} (n=${x.cp.length})`);
}
for (const d of Object.values(dists)) fs.rmSync(d, { recursive: true, force: true });
server.server.close(); process.exit(0);
