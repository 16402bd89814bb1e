// Turns pkg/ (wasm-bindgen's output) into the npm package `defuse-core`:
// package.json with `exports` and `types`, and a Node entry that initialises
// the core from the bundled wasm so `import { Escalation } from 'defuse-core'`
// works with no manual init. The version comes from Cargo.toml, the one source.
//
// CLI: node tools/core-package.mjs   (run by tools/build.sh after wasm-opt)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = path.join(ROOT, 'pkg');

export function crateVersion(root = ROOT) {
  const toml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const m = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(toml);
  if (!m) throw new Error('Cargo.toml has no [package] version');
  return m[1];
}

export function corePackageJson(version) {
  return {
    name: 'defuse-core',
    version,
    description: 'The Defuse escalation playbook core (Rust compiled to WebAssembly): account facts from CRM pages, the escalation log, deadlines, next action, coach and messages.',
    license: 'MIT',
    type: 'module',
    // The browser entry needs `await init()`; Node's initialises itself.
    exports: {
      '.': {
        types: './defuse.d.ts',
        node: './node.js',
        default: './defuse.js',
      },
      './defuse_bg.wasm': './defuse_bg.wasm',
      './package.json': './package.json',
    },
    main: './node.js',
    module: './defuse.js',
    types: './defuse.d.ts',
    files: ['defuse.js', 'defuse.d.ts', 'defuse_bg.wasm', 'defuse_bg.wasm.d.ts', 'node.js', 'README.md'],
    engines: { node: '>=18' },
    keywords: ['customer-success', 'escalation', 'crm', 'wasm'],
  };
}

const NODE_ENTRY = `// Node entry of defuse-core: the browser module, initialised synchronously
// from the wasm file shipped beside it, so importing it is enough.
import { readFileSync } from 'node:fs';
import { initSync } from './defuse.js';

initSync({ module: readFileSync(new URL('./defuse_bg.wasm', import.meta.url)) });

export * from './defuse.js';
export { default } from './defuse.js';
`;

const README = (version) => `# defuse-core ${version}

The core of Defuse, a customer-escalation playbook for Customer Success
Managers, compiled from Rust to WebAssembly. No runtime dependencies.

\`\`\`js
// Node: ready on import.
import { Escalation } from 'defuse-core';
// Browsers and bundlers: initialise once.
import init, { Escalation } from 'defuse-core';
await init();

const esc = Escalation.open({
  account: 'Northwind Logistics',
  receivedAt: '2026-11-27T14:00:00Z',
  customerTimeZone: 'America/Chicago',
  csmName: 'Priya Raman',
});
esc.deadlines('2026-11-27T15:30:00Z'); // [{ kind: 'acknowledgment', due, status: 'due-soon', … }]
esc.next('2026-11-27T15:30:00Z');      // { kind: 'send-acknowledgment', label, … }
\`\`\`

Every function and every value is typed in \`defuse.d.ts\`. The project's
README ("Core JS API", "Embedding Defuse in a CRM") documents the rest.
`;

export function writeCorePackage(pkgDir = PKG, version = crateVersion()) {
  fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(corePackageJson(version), null, 2) + '\n');
  fs.writeFileSync(path.join(pkgDir, 'node.js'), NODE_ENTRY);
  fs.writeFileSync(path.join(pkgDir, 'README.md'), README(version));
  // wasm-bindgen writes a .gitignore of "*" into its out dir; npm pack would
  // read it as the ignore list when `files` is absent. Keep it out of the way.
  fs.rmSync(path.join(pkgDir, '.gitignore'), { force: true });
  // wasm-bindgen declares `[Symbol.dispose]()` on classes; without this
  // reference a strict project on an ES2022 lib fails to type-check the package.
  const dts = path.join(pkgDir, 'defuse.d.ts');
  const text = fs.readFileSync(dts, 'utf8');
  const ref = '/// <reference lib="esnext.disposable" />\n';
  if (!text.startsWith(ref)) fs.writeFileSync(dts, ref + text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeCorePackage();
  console.log(`core package: pkg/ is defuse-core ${crateVersion()}`);
}
