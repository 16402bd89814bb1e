// `make package`'s three outputs (target/, made by tools/package.sh before
// this runs): both store zips pass `web-ext lint` (Firefox: no error, no
// warning; Chrome/Edge: only the notes that it uses Chrome-only keys), carry
// no development hosts, and take their version from Cargo.toml; the core's
// npm tarball has no runtime dependencies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { crateVersion } from '../../tools/core-package.mjs';
import { DEV_HOSTS, GECKO_ID } from '../../tools/manifest.mjs';
import { NOT_IN_STORE_PACKAGES } from '../../tools/package.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = crateVersion(ROOT);
const out = (name) => path.join(ROOT, 'target', name);
const CHROME = out(`defuse-${version}-chrome.zip`);
const FIREFOX = out(`defuse-${version}-firefox.zip`);
const CORE = out(`defuse-core-${version}.tgz`);

function lint(zip) {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'web-ext');
  let stdout;
  try {
    stdout = execFileSync(bin, ['lint', '--source-dir', zip, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    stdout = e.stdout; // exits non-zero when it found errors; the JSON says which
  }
  return JSON.parse(stdout);
}

const unzipManifest = (zip) => JSON.parse(execFileSync('unzip', ['-p', zip, 'manifest.json'], { encoding: 'utf8' }));
const everyHost = (m) => [...(m.host_permissions || []), ...(m.content_scripts || []).flatMap((c) => c.matches)];

test('make package wrote the three files, named with the Cargo.toml version', () => {
  for (const f of [CHROME, FIREFOX, CORE]) assert.ok(fs.existsSync(f), `${f} is missing: run make package`);
});

test('the Firefox package lints with 0 errors and 0 warnings', () => {
  const report = lint(FIREFOX);
  const all = [...report.errors, ...report.warnings, ...report.notices].map((m) => `${m.code}: ${m.description || m.message}`);
  assert.deepEqual(all, []);
});

test('the Chrome/Edge package lints with only notes about Chrome-only keys (no eval, nothing else)', () => {
  const report = lint(CHROME);
  // What Firefox's linter says about a Chrome manifest: the service worker
  // without a scripts fallback, no gecko id, the sidePanel permission, and no
  // Firefox data-collection declaration. Each is right for Chrome and Edge.
  const chromeOnly = new Set(['BACKGROUND_SERVICE_WORKER_NOFALLBACK', 'ADDON_ID_REQUIRED', 'MISSING_DATA_COLLECTION_PERMISSIONS']);
  for (const m of [...report.errors, ...report.warnings, ...report.notices]) {
    const sidePanel = m.code === 'MANIFEST_PERMISSIONS' && /"sidePanel"/.test(m.message) && !/"(?!sidePanel")[^"]+"/.test(m.message.replace(/\/permissions/, ''));
    assert.ok(chromeOnly.has(m.code) || sidePanel, `unexpected lint message ${m.code}: ${m.message} ${m.description || ''}`);
  }
});

test('the Firefox manifest is derived: sidebar, event page, gecko id, no sidePanel', () => {
  const m = unzipManifest(FIREFOX);
  assert.equal(m.version, version);
  assert.equal(m.sidebar_action.default_panel, 'panel.html');
  assert.deepEqual(m.background, { scripts: ['background.js'] });
  assert.equal(m.browser_specific_settings.gecko.id, GECKO_ID);
  assert.match(m.browser_specific_settings.gecko.strict_min_version, /^\d+\.\d+$/);
  assert.ok(!m.permissions.includes('sidePanel'));
  assert.ok(!m.permissions.includes('unlimitedStorage'), 'Firefox asks about it at install and has no 10 MB cap');
  assert.equal(m.side_panel, undefined);
  // The CRM hosts are the source manifest's, never a second list.
  const source = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  assert.deepEqual(m.host_permissions, source.host_permissions.filter((h) => !DEV_HOSTS.includes(h)));
});

test('store packages carry no development hosts; the development build keeps them', () => {
  for (const zip of [CHROME, FIREFOX]) {
    const hosts = everyHost(unzipManifest(zip));
    assert.ok(hosts.length > 0);
    for (const dev of DEV_HOSTS) assert.ok(!hosts.includes(dev), `${path.basename(zip)} carries ${dev}`);
  }
  const chrome = unzipManifest(CHROME);
  assert.equal(chrome.version, version);
  assert.equal(chrome.background.service_worker, 'background.js');
  assert.ok(chrome.permissions.includes('sidePanel'));
  assert.ok(chrome.permissions.includes('unlimitedStorage'), 'a busy year outgrows the 10 MB quota (tools/storage-size.mjs)');
});

test('no eval in the shipped scripts (webpack global shim off)', () => {
  for (const zip of [CHROME, FIREFOX]) {
    const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter((n) => n.endsWith('.js'));
    assert.ok(names.includes('background.js') && names.includes('panel.js'));
    for (const name of names) {
      const js = execFileSync('unzip', ['-p', zip, name], { encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.ok(!/new Function\s*\(/.test(js), `${name} has new Function`);
      assert.ok(!/\beval\s*\(/.test(js), `${name} has eval`);
    }
    assert.ok(!names.some((n) => n.endsWith('.map')), 'no source maps shipped');
  }
});

test('the store zips hold dist/ byte for byte (Zopfli-deflated, unzip -t clean), less the embedded sidebar\'s page agent', () => {
  const dist = path.join(ROOT, 'dist');
  const walk = (dir, prefix = '') => fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? walk(dir, rel) : [rel];
  });
  const expected = walk(dist).filter((n) => !n.endsWith('.map') && !n.startsWith('.') && !NOT_IN_STORE_PACKAGES.includes(n)).sort();
  assert.ok(expected.includes('defuse_bg.wasm') && expected.includes('agent.js'));
  for (const zip of [CHROME, FIREFOX]) {
    execFileSync('unzip', ['-tq', zip]); // throws on a bad CRC or header
    const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(names, expected, path.basename(zip));
    for (const name of names.filter((n) => n !== 'manifest.json')) {
      const inZip = execFileSync('unzip', ['-p', zip, name], { maxBuffer: 64 << 20 });
      assert.ok(inZip.equals(fs.readFileSync(path.join(dist, name))), `${name} differs from dist/ in ${path.basename(zip)}`);
    }
  }
});

test('the core tarball is defuse-core with exports, types and no runtime dependencies', () => {
  const pkg = JSON.parse(execFileSync('tar', ['-xzOf', CORE, 'package/package.json'], { encoding: 'utf8' }));
  assert.equal(pkg.name, 'defuse-core');
  assert.equal(pkg.version, version);
  assert.equal(pkg.dependencies, undefined);
  assert.equal(pkg.peerDependencies, undefined);
  assert.deepEqual(pkg.exports['.'], { types: './defuse.d.ts', node: './node.js', default: './defuse.js' });
  const files = execFileSync('tar', ['-tzf', CORE], { encoding: 'utf8' }).trim().split('\n').sort();
  for (const f of ['defuse.js', 'defuse.d.ts', 'defuse_bg.wasm', 'node.js', 'package.json']) assert.ok(files.includes(`package/${f}`), `tarball lacks ${f}`);
});
