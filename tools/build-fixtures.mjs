// Bundles the editor fixtures that need bundling (React, ProseMirror,
// Lexical, Draft.js: ES modules without a browser build) with esbuild into
// tests/fixtures/build/ (gitignored), as classic IIFE scripts, so fixture
// pages load them under the strict CSP (script-src 'self').
//
//   node tools/build-fixtures.mjs

import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'tests', 'fixtures', 'editors', 'src');
const OUT = path.join(ROOT, 'tests', 'fixtures', 'build');

// embedded-host: the real embedded host (www/hosts/embedded.js) for the embedded-sidebar test.
const entries = ['react-textarea', 'prosemirror', 'lexical', 'draft', 'embedded-host'];

await build({
  entryPoints: Object.fromEntries(entries.map((name) => [name, path.join(SRC, `${name}.js`)])),
  outdir: OUT,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome116',
  minify: false,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"', global: 'window', DEFUSE_EMBED_ORIGIN: '"same-origin"' }, // the stand-in panel shares the fixture's origin
});
console.log(`build-fixtures: ${entries.length} bundles in ${path.relative(ROOT, OUT)}/`);
