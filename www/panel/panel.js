// Panel entry: picks the host (extension page or embedded iframe), loads the
// wasm core and hands the host to the Rust panel, which draws everything.
//
// Start-up path (make bench: panel open ÷ an empty extension page): the wasm
// is compiled while it streams in, started by boot.js in panel.html's <head>,
// and the stored escalations are read at the same time, so the first draw
// comes from stored state without waiting for the page agent's snapshot.

import init, { startPanel } from '../../pkg/defuse.js';
import { createExtensionHost } from '../hosts/extension.js';
import { createEmbeddedHost } from '../hosts/embedded.js';
import { extensionStorage, pageStorage, utilities } from '../hosts/services.js';
import { isExtensionPage as isExtensionPageOf } from '../hosts/compat.js';

performance.mark('defuse-panel-start');
const isExtensionPage = isExtensionPageOf();
// Our own packaged file, already compiling since boot.js ran in <head>
// (panel.html); the glue only instantiates it. Without boot.js (a host page
// that left it out) the glue fetches and compiles it here.
const wasmReady = init({ module_or_path: globalThis.defuseCoreModule || new URL('defuse_bg.wasm', document.baseURI) });

/** Storage whose reads are timed (make bench: storage read at start ÷ a bare get(null)). */
let readStarted = false;
let firstReadDone;
const firstRead = new Promise((ok) => (firstReadDone = ok));
function timedRead(read) {
  readStarted = true;
  const t0 = performance.now();
  return read().then((all) => {
    if (!performance.getEntriesByName('defuse-storage-read').length) performance.measure('defuse-storage-read', { start: t0, end: performance.now() });
    firstReadDone();
    return all;
  }, (error) => {
    firstReadDone(); // the panel says what went wrong; start-up is over either way
    throw error;
  });
}

/**
 * Extension storage whose first read starts now, alongside the compile. It is
 * used only if nothing changed in storage before the panel asks (otherwise
 * the panel reads afresh), so it answers exactly what a read then would.
 */
function earlyStorage(storage) {
  let changed = false;
  const onChanged = (_, area) => {
    if (area === 'local') changed = true;
  };
  chrome.storage.onChanged.addListener(onChanged);
  const first = timedRead(() => storage.storageAll());
  let used = false;
  return {
    ...storage,
    storageAll() {
      const fresh = used || changed;
      used = true;
      chrome.storage.onChanged.removeListener(onChanged);
      return fresh ? timedRead(() => storage.storageAll()) : first;
    },
  };
}

async function main() {
  const page = pageStorage();
  const storage = isExtensionPage ? earlyStorage(extensionStorage()) : { ...page, storageAll: () => timedRead(() => page.storageAll()) };
  const wasm = await wasmReady;
  performance.mark('defuse-wasm-ready');
  const host = Object.assign(isExtensionPage ? createExtensionHost() : createEmbeddedHost(), storage, utilities());
  startPanel(host);
  performance.mark('defuse-panel-started');
  // make bench reads the wasm memory of the open panel.
  globalThis.defuseWasmBytes = () => wasm.memory.buffer.byteLength;
  // Interactive: drawn from stored state (the frame after the first storage
  // read reached Rust), whatever the page agent says later.
  // (The embedded host's first read starts from Rust, possibly a task later.)
  if (!readStarted) await new Promise((ok) => setTimeout(ok, 0));
  if (readStarted) await firstRead;
  performance.mark('defuse-stored-state-read');
  await new Promise((ok) => {
    const done = () => setTimeout(ok, 0);
    requestAnimationFrame(done);
    setTimeout(done, 100); // a hidden page draws no frames
  });
  performance.mark('defuse-panel-interactive');
  document.documentElement.dataset.ready = 'true';
}

main().catch((error) => {
  const app = document.getElementById('app');
  const p = document.createElement('p');
  p.className = 'problem';
  p.setAttribute('role', 'alert');
  p.textContent = 'Defuse could not start: ' + (error && error.message ? error.message : String(error));
  app.replaceChildren(p);
  console.error('Defuse could not start', error);
});
