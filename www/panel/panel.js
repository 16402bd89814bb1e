// Panel entry: picks the host (extension page or embedded iframe), loads the
// wasm core and hands the host to the Rust panel, which draws everything.
//
// Start-up path (make bench: panel open ÷ an empty extension page): the wasm
// is compiled while it streams in, started at once (panel.html preloads it),
// and the storage key list is read at the same time; the Rust panel then
// reads only what its first frame needs (folds for the list, not 30,000
// events), so the first draw comes from stored state without waiting for
// the page agent's snapshot.

import init, { startPanel } from '../../pkg/defuse.js';
import { createExtensionHost } from '../hosts/extension.js';
import { createEmbeddedHost } from '../hosts/embedded.js';
import { extensionStorage, pageStorage, utilities } from '../hosts/services.js';
import { isExtensionPage as isExtensionPageOf } from '../hosts/compat.js';
import { morphFrame } from './morph.js';

performance.mark('defuse-panel-start');
const isExtensionPage = isExtensionPageOf();
// Our own packaged file, started at once (panel.html preloads it): the
// wasm-bindgen glue compiles it while it streams in (falling back when a
// server lacks the application/wasm type), in parallel with the storage read.
const wasmReady = init({ module_or_path: new URL('defuse_bg.wasm', document.baseURI) });

/** What the Rust panel reads first (workspace keys SETTINGS and INDEX). */
const FIRST_GET = ['defuse:settings', 'defuse:index'];

/** localStorage key of the start-up read's hint (startHint). */
const START_HINT = 'defuse-start-hint';

/** The start-up read is timed (make bench: storage read at start ÷ a bare get(null)). */
let readStarted = false;
let firstReadDone;
const firstRead = new Promise((ok) => (firstReadDone = ok));

/**
 * What the last panel open found in storage ('index' / 'no-index'), kept in
 * this extension origin's localStorage (already read at start for what
 * services.js keeps aside); with `value`, remembers it. Only a hint.
 */
function startHint(value) {
  try {
    if (value === undefined) return globalThis.localStorage.getItem(START_HINT);
    if (globalThis.localStorage.getItem(START_HINT) !== value) globalThis.localStorage.setItem(START_HINT, value);
  } catch (_) {
    // No localStorage: the reads keep their order.
  }
  return null;
}

/**
 * Storage whose first read (the key list) starts now, alongside the
 * compile; it is used only if nothing changed in storage before the panel
 * asks (otherwise the panel reads afresh). The start-up read is timed from
 * the key list to the records the first frame needs (the Rust panel asks
 * for them: settings, drafts, folds, the events of escalations without one).
 */
function earlyStorage(storage, watch, hinted) {
  let changed = false;
  const stop = watch(() => (changed = true));
  const t0 = performance.now();
  readStarted = true;
  // The settings and the fold index first (the panel draws from them):
  // chrome.storage answers in order, and the key list takes ~100 ms.
  const firstGet = storage.storageGet(FIRST_GET);
  // The key list early only without an index: with one, the panel asks for
  // it after its first frame (its 30,000 keys would land during that frame).
  // Whether the last open found an index decides if the key list is asked
  // now, alongside (no index last time, or a first open: a new or small
  // workspace, and one round trip to the browser process less before the
  // first frame), or after the index's answer. A wrong guess costs time, never data: the
  // index's answer decides what the panel reads.
  // (Extension storage only: the embedded host's key list is a local loop.)
  const parallel = hinted && startHint() !== 'index' ? storage.storageKeys() : null;
  parallel?.catch(() => {}); // its error is the panel's, through `first`
  const first = firstGet.then(
    (pairs) => {
      const indexed = pairs.some(([k]) => k === FIRST_GET[1]);
      if (hinted) startHint(indexed ? 'index' : 'no-index');
      return indexed ? null : parallel || storage.storageKeys();
    },
    () => parallel || storage.storageKeys(),
  );
  first.catch(() => firstReadDone()); // the panel says what went wrong
  let used = false;
  let usedGet = false;
  let timing = true;
  return {
    ...storage,
    storageKeys() {
      const fresh = used || changed;
      used = true;
      stop();
      return fresh ? storage.storageKeys() : first.then((keys) => keys || storage.storageKeys());
    },
    storageGet(keys) {
      const early = !usedGet && !changed && keys.length === FIRST_GET.length && FIRST_GET.every((k, i) => keys[i] === k);
      usedGet = true;
      const got = early ? firstGet : storage.storageGet(keys);
      if (timing) {
        timing = false;
        got.then((pairs) => {
          // Without a fold index the panel draws after the key list's read:
          // that one is timed.
          if (keys.includes(FIRST_GET[1]) && !pairs.some(([k]) => k === FIRST_GET[1])) {
            timing = true;
            return;
          }
          if (!performance.getEntriesByName('defuse-storage-read').length) performance.measure('defuse-storage-read', { start: t0, end: performance.now() });
          firstReadDone();
        }, () => firstReadDone());
      }
      return got;
    },
  };
}

async function main() {
  const page = pageStorage();
  const watchExtension = (onChange) => {
    const listener = (_, area) => {
      if (area === 'local') onChange();
    };
    chrome.storage.onChanged.addListener(listener);
    return () => chrome.storage.onChanged.removeListener(listener);
  };
  const watchPage = (onChange) => {
    window.addEventListener('storage', onChange);
    return () => window.removeEventListener('storage', onChange);
  };
  const storage = isExtensionPage ? earlyStorage(extensionStorage(), watchExtension, true) : earlyStorage(page, watchPage, false);
  const wasm = await wasmReady;
  performance.mark('defuse-wasm-ready');
  const host = Object.assign(isExtensionPage ? createExtensionHost() : createEmbeddedHost(), storage, utilities(), { morph: morphFrame });
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
