// `make package`: the store packages and the core's npm tarball, into target/:
//   defuse-<version>-chrome.zip    Chrome Web Store and Edge Add-ons
//   defuse-<version>-firefox.zip   addons.mozilla.org (manifest derived)
//   defuse-core-<version>.tgz      npm pack of pkg/ (no dependencies)
// from dist/ and pkg/ as `make build` left them. The version is Cargo.toml's.
// The zips are written by tools/zip.mjs (Zopfli deflate, reproducible).
//
// CLI: node tools/package.mjs

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { releaseManifest, firefoxManifest } from './manifest.mjs';
import { crateVersion } from './core-package.mjs';
import { writeZip } from './zip.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'target');
const STAGE = path.join(OUT, 'package');

// dist/ files the extension never loads: the page agent of the embedded
// sidebar, which a CRM app serves from its own origin with the panel (see
// www/agent/embed.js and the demo); the extension injects agent.js instead.
export const NOT_IN_STORE_PACKAGES = ['agent-embed.js'];

/** Copies what ships from dist/ into `<root>/<name>` with `manifest`; returns that directory. */
export function stage(name, manifest, root = STAGE) {
  const dir = path.join(root, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const ships = (src) => !src.endsWith('.map') && !path.basename(src).startsWith('.') && !NOT_IN_STORE_PACKAGES.includes(path.relative(DIST, src));
  fs.cpSync(DIST, dir, { recursive: true, filter: ships });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return dir;
}

async function zip(dir, file) {
  fs.rmSync(file, { force: true });
  await writeZip(dir, file);
  return file;
}

export async function makePackages() {
  const version = crateVersion();
  const source = JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));
  if (source.version !== version) throw new Error(`dist/ is version ${source.version}, Cargo.toml says ${version}: run make build`);
  fs.mkdirSync(OUT, { recursive: true });
  const chromeDir = stage('chrome', releaseManifest(source));
  const firefoxDir = stage('firefox', firefoxManifest(source));
  const chrome = await zip(chromeDir, path.join(OUT, `defuse-${version}-chrome.zip`));
  const firefox = await zip(firefoxDir, path.join(OUT, `defuse-${version}-firefox.zip`));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', OUT, path.join(ROOT, 'pkg')], { cwd: ROOT, encoding: 'utf8' }));
  const core = path.join(OUT, packed[0].filename);
  return { version, chrome, firefox, core, chromeDir, firefoxDir };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await makePackages();
  for (const f of [out.chrome, out.firefox, out.core]) console.log(`package: ${path.relative(ROOT, f)} (${fs.statSync(f).size} bytes)`);
}
