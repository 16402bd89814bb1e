// `make package`: the store packages and the core's npm tarball, into target/:
//   defuse-<version>-chrome.zip    Chrome Web Store and Edge Add-ons
//   defuse-<version>-firefox.zip   addons.mozilla.org (manifest derived)
//   defuse-core-<version>.tgz      npm pack of pkg/ (no dependencies)
// from dist/ and pkg/ as `make build` left them. The version is Cargo.toml's.
//
// CLI: node tools/package.mjs

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { releaseManifest, firefoxManifest } from './manifest.mjs';
import { crateVersion } from './core-package.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'target');
const STAGE = path.join(OUT, 'package');

function stage(name, manifest) {
  const dir = path.join(STAGE, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(DIST, dir, { recursive: true, filter: (src) => !src.endsWith('.map') && !path.basename(src).startsWith('.') });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return dir;
}

function zip(dir, file) {
  fs.rmSync(file, { force: true });
  execFileSync('zip', ['-q', '-X', '-r', '-9', file, '.'], { cwd: dir });
  return file;
}

export function makePackages() {
  const version = crateVersion();
  const source = JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));
  if (source.version !== version) throw new Error(`dist/ is version ${source.version}, Cargo.toml says ${version}: run make build`);
  fs.mkdirSync(OUT, { recursive: true });
  const chromeDir = stage('chrome', releaseManifest(source));
  const firefoxDir = stage('firefox', firefoxManifest(source));
  const chrome = zip(chromeDir, path.join(OUT, `defuse-${version}-chrome.zip`));
  const firefox = zip(firefoxDir, path.join(OUT, `defuse-${version}-firefox.zip`));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', OUT, path.join(ROOT, 'pkg')], { cwd: ROOT, encoding: 'utf8' }));
  const core = path.join(OUT, packed[0].filename);
  return { version, chrome, firefox, core, chromeDir, firefoxDir };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = makePackages();
  for (const f of [out.chrome, out.firefox, out.core]) console.log(`package: ${path.relative(ROOT, f)} (${fs.statSync(f).size} bytes)`);
}
