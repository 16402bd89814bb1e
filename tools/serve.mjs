// The local server for the demo CRM and the test fixtures. Loopback only.
// Two origins, as an embedding CRM deploys Defuse:
//
// the CRM origin (--port, 8787 by default):
//   /              the demo CRM (www/demo/), with the Defuse sidebar embedded
//   /defuse/       the built extension (dist/): the page agent (agent-embed.js)
//   /fixtures/     CRM imitations for the end-to-end tests (tests/fixtures/)
//   /vendor/<pkg>/ files of the npm packages in node_modules (real editor libraries, SLDS)
//   /hold/<name>   an answer held back until the test calls release(name): a
//                  CRM page whose load event waits on a slow resource
//
// the panel origin (--panel-port, the next port by default):
//   /              dist/ again: the embedded panel (panel.html) and the core.
//                  Its storage (localStorage) lives on this origin, out of
//                  reach of every script on the CRM's; panel.html names the
//                  one CRM origin it accepts messages from (a meta tag added
//                  here), and `frame-ancestors` lets only that origin frame it.
//
// Every CRM page is sent with a strict CSP, as real CRMs do; the panel page
// gets the extension's own CSP (it needs 'wasm-unsafe-eval').
//
// CLI: node tools/serve.mjs [--port 8787] [--panel-port 8788]

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

function resolve(urlPath, mounts = MOUNTS) {
  for (const [prefix, dir] of mounts) {
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

const PANEL_MOUNTS = [['/', path.join(ROOT, 'dist')]];
const PANEL_ORIGIN_PLACEHOLDER = '__DEFUSE_PANEL_ORIGIN__';

function listen(server, port, host) {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(`http://${host}:${server.address().port}`));
  });
}

/** The panel's own origin: dist/, with the CRM origin it may talk to. */
function panelServer(getCrmOrigin, log) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const hit = resolve(url.pathname, PANEL_MOUNTS);
    if (!hit || !fs.existsSync(hit.file) || !fs.statSync(hit.file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      if (log) console.log('404 (panel)', url.pathname);
      return;
    }
    const type = TYPES[path.extname(hit.file)] || 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (type.startsWith('text/html')) {
      const crm = getCrmOrigin();
      headers['content-security-policy'] = `${PANEL_CSP}; frame-ancestors ${crm}`;
      const meta = `<meta name="defuse-embed-origin" content="${crm}">`;
      const html = fs.readFileSync(hit.file, 'utf8').replace(/<head>/i, (h) => `${h}\n${meta}`);
      res.writeHead(200, headers);
      res.end(html);
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(hit.file).pipe(res);
  });
}

/** Answers held by name (/hold/<name>) until released: no timer decides when a page loads. */
function holder() {
  const held = new Map();
  return {
    hold(name, res) {
      if (!held.has(name)) held.set(name, []);
      held.get(name).push(res);
    },
    release(name) {
      const waiting = held.get(name) || [];
      held.delete(name);
      for (const res of waiting) {
        res.writeHead(204, { 'cache-control': 'no-store' });
        res.end();
      }
      return waiting.length;
    },
    releaseAll() {
      for (const name of [...held.keys()]) this.release(name);
    },
  };
}

export async function startServer({ port = 0, panelPort = 0, host = '127.0.0.1', log = false } = {}) {
  let origin = '';
  let panelOrigin = '';
  const holds = holder();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/hold/')) {
      holds.hold(url.pathname.slice('/hold/'.length), res);
      return;
    }
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
    const html = headers['content-type'].startsWith('text/html');
    if (csp && html) headers['content-security-policy'] = csp;
    if (html && hit.prefix === '/') {
      // The demo CRM names the panel's origin (iframe src, agent's data-panel-origin)
      // and, as a CRM that hosts sidebar apps does, lets that one origin be framed.
      if (headers['content-security-policy']) headers['content-security-policy'] += `; frame-src ${panelOrigin}`;
      res.writeHead(200, headers);
      res.end(fs.readFileSync(hit.file, 'utf8').replaceAll(PANEL_ORIGIN_PLACEHOLDER, panelOrigin));
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(hit.file).pipe(res);
  });
  const panel = panelServer(() => origin, log);
  origin = await listen(server, port, host);
  panelOrigin = await listen(panel, panelPort || (port ? port + 1 : 0), host);
  // One handle for both origins: closing it closes both.
  const both = {
    close(cb) {
      holds.releaseAll();
      panel.close();
      return server.close(cb);
    },
  };
  return { server: both, origin, panelOrigin, release: (name) => holds.release(name) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT || 8787);
  const j = process.argv.indexOf('--panel-port');
  const panelPort = j > 0 ? Number(process.argv[j + 1]) : port + 1;
  const { origin, panelOrigin } = await startServer({ port, panelPort, log: true });
  console.log(`
Defuse demo CRM: ${origin}/
  The account page with the Defuse sidebar embedded beside it; the sidebar is
  served from its own origin, ${panelOrigin}/panel.html (its storage lives there).

Load the extension into Chrome:
  1. open chrome://extensions and switch on "Developer mode";
  2. click "Load unpacked" and choose ${path.join(ROOT, 'dist')};
  3. open ${origin}/ and click the Defuse toolbar button for the side panel.

Press Ctrl+C to stop.`);
}
