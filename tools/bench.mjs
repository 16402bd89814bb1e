// Size and speed figures for `make bench`, against DESIGN.md's budgets.
// Sizes are exact; times are medians of many runs in headless Chromium, with
// ratios against a baseline measured in the same run (never one absolute
// time compared across runs: these machines are noisy).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;
const rows = [];
const row = (figure, value, budget, ok) => rows.push({ figure, value, budget, ok });
const fmtBytes = (n) => `${n.toLocaleString('en-US')} B (${(n / KB).toFixed(1)} KB)`;

const wasm = fs.readFileSync(path.join(ROOT, 'dist', 'defuse_bg.wasm'));
const gz = zlib.gzipSync(wasm, { level: 9 }).length;
row('core .wasm after wasm-opt, raw', fmtBytes(wasm.length), '-', true);
row('core .wasm after wasm-opt, gzip', fmtBytes(gz), '≤ 120 KB', gz <= 120 * KB);

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'manifest.json'), 'utf8'));
const zip = path.join(ROOT, 'target', `defuse-${manifest.version}-chrome.zip`);
const zipBytes = fs.statSync(zip).size;
row('whole extension zip', fmtBytes(zipBytes), '≤ 400 KB', zipBytes <= 400 * KB);

const speed = await import('./bench-browser.mjs').then((m) => m.measure()).catch((e) => {
  console.error('browser figures could not be measured:', e.message);
  return [];
});
rows.push(...speed);

const w = Math.max(...rows.map((r) => r.figure.length));
const v = Math.max(...rows.map((r) => r.value.length));
for (const r of rows) {
  console.log(`${r.figure.padEnd(w)}  ${r.value.padEnd(v)}  budget ${r.budget.padEnd(9)} ${r.ok ? 'ok' : 'OVER BUDGET'}`);
}
