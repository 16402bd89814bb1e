// A CRM embedding Defuse, in two small servers (copy and adapt):
//
//   CRM origin   (http://127.0.0.1:9000): your CRM page (crm.html) and the page
//                agent script (/defuse/agent-embed.js from Defuse's dist/).
//   panel origin (http://127.0.0.1:9001): Defuse's panel (dist/panel.html,
//                panel.js, defuse_bg.wasm, panel.css). Its localStorage holds
//                the escalations: no script of the CRM can read it.
//
// The panel learns the one CRM origin it may talk to from a meta tag this
// server adds to panel.html (or build Defuse with DEFUSE_EMBED_ORIGIN=<crm
// origin>); `frame-ancestors` lets only that origin frame it.
//
// Run from the repository after `make build`:
//   node examples/embed-crm/server.mjs [path/to/defuse/dist]     (PORT=9000 by default)
// then open http://127.0.0.1:9000/.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(process.argv[2] || path.join(HERE, '..', '..', 'dist'));
const PORT = Number(process.env.PORT || 9000);
const CRM = `http://127.0.0.1:${PORT}`;
const PANEL = `http://127.0.0.1:${PORT + 1}`;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.png': 'image/png' };

function send(res, file, headers = {}, transform = null) {
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  const type = TYPES[path.extname(file)] || 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'x-content-type-options': 'nosniff', ...headers });
  res.end(transform ? transform(fs.readFileSync(file, 'utf8')) : fs.readFileSync(file));
}

// Your CRM. Its CSP allows its own scripts and the Defuse frame, nothing else.
http
  .createServer((req, res) => {
    const url = new URL(req.url, CRM);
    const csp = `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-src ${PANEL}`;
    if (url.pathname === '/') return send(res, path.join(HERE, 'crm.html'), { 'content-security-policy': csp }, (html) => html.replaceAll('{{PANEL_ORIGIN}}', PANEL));
    if (url.pathname === '/defuse/agent-embed.js') return send(res, path.join(DIST, 'agent-embed.js'));
    res.writeHead(404).end('not found');
  })
  .listen(PORT, '127.0.0.1');

// Defuse's panel on its own origin. 'wasm-unsafe-eval' lets the core compile.
const PANEL_FILES = new Set(['/panel.html', '/panel.js', '/panel.css', '/defuse_bg.wasm']);
http
  .createServer((req, res) => {
    const url = new URL(req.url, PANEL);
    if (!PANEL_FILES.has(url.pathname) && !url.pathname.startsWith('/icons/')) return res.writeHead(404).end('not found');
    const file = path.join(DIST, path.normalize(url.pathname));
    if (!file.startsWith(DIST + path.sep)) return res.writeHead(404).end('not found');
    const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; frame-ancestors ${CRM}`;
    const meta = `<meta name="defuse-embed-origin" content="${CRM}">`;
    send(res, file, url.pathname === '/panel.html' ? { 'content-security-policy': csp } : {}, url.pathname === '/panel.html' ? (html) => html.replace(/<head>/i, `<head>${meta}`) : null);
  })
  .listen(PORT + 1, '127.0.0.1');

console.log(`Your CRM with Defuse embedded: ${CRM}/  (panel served from ${PANEL})`);
