// The local server for the demo CRM and the test fixtures. Loopback only.
//
//   /              the demo CRM (www/demo/), with the Defuse sidebar embedded
//   /defuse/       the built extension (dist/): the embedded panel and agent
//   /fixtures/     CRM imitations for the end-to-end tests (tests/fixtures/)
//   /vendor/<pkg>/ files of the npm packages in node_modules (real editor libraries, SLDS)
//
// Every CRM page is sent with a strict CSP, as real CRMs do; the panel page
// gets the extension's own CSP (it needs 'wasm-unsafe-eval').
//
// CLI: node tools/serve.mjs [--port 8787]

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const STRICT_CSP = "default-src 'self'; script-src 'self'";
const PANEL_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const MOUNTS = [
  ['/defuse/', path.join(ROOT, 'dist')],
  ['/fixtures/', path.join(ROOT, 'tests', 'fixtures')],
  ['/vendor/', path.join(ROOT, 'node_modules')],
  ['/', path.join(ROOT, 'www', 'demo')],
];

function resolve(urlPath) {
  for (const [prefix, dir] of MOUNTS) {
    if (!urlPath.startsWith(prefix)) continue;
    let rel = decodeURIComponent(urlPath.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep)) return null; // no escaping the mount
    return { prefix, file };
  }
  return null;
}

function cspFor(prefix, file, query) {
  if (prefix === '/defuse/') return PANEL_CSP;
  if (query.get('csp') === 'none') return null;
  return STRICT_CSP;
}

export function startServer({ port = 0, host = '127.0.0.1', log = false } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const hit = resolve(url.pathname);
    if (!hit || !fs.existsSync(hit.file) || !fs.statSync(hit.file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      if (log) console.log('404', url.pathname);
      return;
    }
    const headers = {
      'content-type': TYPES[path.extname(hit.file)] || 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    };
    const csp = cspFor(hit.prefix, hit.file, url.searchParams);
    if (csp && headers['content-type'].startsWith('text/html')) headers['content-security-policy'] = csp;
    res.writeHead(200, headers);
    fs.createReadStream(hit.file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, origin: `http://${host}:${server.address().port}` }));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT || 8787);
  const { origin } = await startServer({ port, log: true });
  console.log(`
Defuse demo CRM: ${origin}/
  The account page with the Defuse sidebar embedded beside it.

Load the extension into Chrome:
  1. open chrome://extensions and switch on "Developer mode";
  2. click "Load unpacked" and choose ${path.join(ROOT, 'dist')};
  3. open ${origin}/ and click the Defuse toolbar button for the side panel.

Press Ctrl+C to stop.`);
}
