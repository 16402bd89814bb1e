// The service worker's decisions, as plain functions with no chrome.* calls,
// so Node tests them directly (tests/e2e/worker-logic.test.mjs):
// - which message is accepted from which sender (one table, Dark Reader /
//   Refined GitHub style: a message type names its direction, and only the
//   context meant to send it is heard);
// - re-arm coalescing that never drops a change arriving mid-pass;
// - turning a reminder plan into alarm operations;
// - the wake-up's storage moves (the core decides what to read and write).

/** Where a runtime message came from, or null when it is not ours. */
export function senderContext(sender, runtimeId) {
  if (!sender || sender.id !== runtimeId) return null;
  const ownPage = `chrome-extension://${runtimeId}/`;
  const url = typeof sender.url === 'string' ? sender.url : '';
  const origin = typeof sender.origin === 'string' ? sender.origin : null;
  // An extension page (side panel, pop-out tab, embedded panel iframe) has our
  // own URL; a pop-out or an embedded iframe also has a tab, so the URL decides.
  if (url.startsWith(ownPage) && (origin === null || `${origin}/` === ownPage)) return 'extension-page';
  // A content script runs in a tab on a web page, under our extension id.
  if (sender.tab && typeof sender.tab.id === 'number' && /^https?:\/\//.test(url)) return 'content-script';
  return null;
}

/**
 * Builds the runtime.onMessage dispatcher from a table
 * `{ [type]: { from: ['extension-page' | 'content-script', …], handle(message, sender) } }`.
 * Returns `dispatch(message, sender) -> Promise<response> | undefined`:
 * undefined means "not for us" (unknown type, wrong sender, not an object).
 */
export function createDispatcher(table, runtimeId) {
  return (message, sender) => {
    if (!message || typeof message !== 'object' || typeof message.type !== 'string') return undefined;
    if (!Object.prototype.hasOwnProperty.call(table, message.type)) return undefined;
    const entry = table[message.type];
    const context = senderContext(sender, runtimeId);
    if (!context || !entry.from.includes(context)) return undefined;
    return Promise.resolve().then(() => entry.handle(message, sender));
  };
}

/**
 * Wraps `run` (an async pass over storage) so bursts of requests share
 * passes, yet a request made while a pass is running always gets a pass that
 * starts after it: the pass in flight may have read storage before the
 * change. `schedule()` resolves with the result of such a pass.
 */
export function createCoalescer(run, onError = () => {}) {
  let running = null; // the pass in flight
  let queued = null; // { promise, resolve } for the pass after it
  const start = () => {
    running = Promise.resolve()
      .then(run)
      .catch((e) => {
        onError(e);
        return null;
      })
      .finally(() => {
        running = null;
        if (queued) {
          const next = queued;
          queued = null;
          start().then(next.resolve);
        }
      });
    return running;
  };
  return function schedule() {
    if (!running) return start();
    if (!queued) {
      let resolve;
      const promise = new Promise((r) => {
        resolve = r;
      });
      queued = { promise, resolve };
    }
    return queued.promise;
  };
}

/**
 * The alarm operations that make the armed alarms (those named with
 * `prefix`) exactly the plan's: names to clear, alarms to create. A plan
 * entry whose time JavaScript cannot read is left out, never armed at NaN.
 */
export function reconcileAlarms(existing, alarms, prefix) {
  const wanted = new Map();
  for (const a of alarms) {
    const when = Date.parse(a.when);
    if (typeof a.name === 'string' && a.name.startsWith(prefix) && Number.isFinite(when)) wanted.set(a.name, when);
  }
  const have = new Set(existing.map((a) => a.name));
  return {
    clear: existing.filter((a) => a.name.startsWith(prefix) && !wanted.has(a.name)).map((a) => a.name),
    create: [...wanted].filter(([name]) => !have.has(name)).map(([name, when]) => ({ name, when })),
  };
}

/** Every stored pair as `[key, text]` for the core, whatever the key. */
export function storedPairs(all) {
  return Object.entries(all || {})
    .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])
    .filter(([, v]) => typeof v === 'string');
}

/**
 * One wake-up's storage moves: every key (`getKeys`), the records the core
 * asks for (`core.wakeKeys`), then `core.reminderPass` until it needs
 * nothing more (a fold turned out stale: its events are read); the folds it
 * rebuilt are stored, orphan folds removed, and the fold index rewritten
 * when folds changed or it is missing (or `rebuildIndex`: a panel found it
 * unusable or behind storage). `storage` is
 * chrome.storage.local (or anything with its get / getKeys / set / remove).
 * Resolves to the reminder plan.
 */
export async function wakeUp(storage, core, now, locale, { rebuildIndex = false, maxPasses = 4 } = {}) {
  // The key list crosses into wasm once, as UTF-8 bytes in one block.
  const keys = new TextEncoder().encode((await storage.getKeys()).join('\n'));
  const wake = new core.WakeUp(keys);
  try {
    if (rebuildIndex) wake.rebuildIndex();
    const records = storedPairs(await storage.get(wake.firstKeys(now)));
    let pass = wake.pass(records, now, locale);
    for (let i = 1; i < maxPasses && pass.need.length > 0; i++) {
      records.push(...storedPairs(await storage.get(pass.need)));
      pass = wake.pass(records, now, locale);
    }
    // A record still missing was removed meanwhile: its change re-arms again.
    if (pass.folds.length > 0) await storage.set(Object.fromEntries(pass.folds));
    if (pass.drop.length > 0) await storage.remove(pass.drop);
    // The fold index (the panel's first read) is derived: a failed write
    // (quota) costs the panel its shortcut, never the plan.
    if (pass.index) await Promise.resolve(storage.set({ [pass.index[0]]: pass.index[1] })).catch(() => {});
    return pass.plan;
  } finally {
    wake.free();
  }
}
