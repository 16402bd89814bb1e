// The page agent's core, shared by both transports: answers snapshot requests
// and re-sends the snapshot when the page changes (MutationObserver, debounced,
// plus SPA history navigation). It never blocks the page: snapshots are taken
// in idle time and at most every DEBOUNCE_MS.

import { takeSnapshotSliced } from './snapshot.js';
import { createInserter } from './insert.js';

const DEBOUNCE_MS = 400;
const SETTLE_MS = 1500;

// Message types are named by direction (panel-to-agent / agent-to-panel).
export const MSG = {
  snapshotRequest: 'panel-to-agent:snapshot',
  snapshot: 'agent-to-panel:snapshot',
  insertRequest: 'panel-to-agent:insert',
  insertResult: 'agent-to-panel:insert-result',
};

/**
 * Starts the agent. `send(message)` delivers a message to the panel(s);
 * returns `handle(message) -> response | Promise<response> | undefined` for
 * incoming requests. `options.main` reaches editor APIs in the page's MAIN
 * world; `options.skipFrame(iframe)` names Defuse's own frames: never read
 * into a snapshot nor taken for a composer (see insert.js).
 */
export function startAgent(send, options = {}) {
  let timer = 0;
  let lateTimer = 0;
  let lastSent = '';
  let lastMs = 0;
  // Called on window: in a Firefox content script an unbound
  // requestIdleCallback throws ("called on an object that does not implement
  // interface Window"), and the page's changes were never sent.
  const idle = window.requestIdleCallback ? (fn, opts) => window.requestIdleCallback(fn, opts) : (fn) => setTimeout(fn, 1);
  const observed = new WeakSet();

  // What counts as a change: everything but the timing stats.
  const keyOf = (snapshot) => {
    const { stats, ...rest } = snapshot;
    return JSON.stringify(rest);
  };
  // Snapshots are taken in slices, so a huge page is never blocked for long.
  const snap = () =>
    takeSnapshotSliced(document, { onRoot: watch, skipFrame: options.skipFrame }).then((snapshot) => {
      lastMs = snapshot.stats ? snapshot.stats.busyMs : 0;
      return snapshot;
    });
  const sendSnapshot = (force) =>
    snap().then((snapshot) => {
      const key = keyOf(snapshot);
      if (!force && key === lastSent) return;
      lastSent = key;
      send({ type: MSG.snapshot, snapshot });
    });
  // A page that is expensive to read is read less often, so the agent never
  // takes more than a few percent of the main thread.
  const delay = () => Math.max(DEBOUNCE_MS, Math.min(5000, lastMs * 20));
  const schedule = () => {
    if (!timer) {
      timer = setTimeout(() => {
        timer = 0;
        idle(() => sendSnapshot(false), { timeout: 1000 });
      }, delay());
    }
    // One more look once the page has settled: frameworks set `input.value`
    // (no mutation) after rendering, and URLs change without a DOM change.
    clearTimeout(lateTimer);
    lateTimer = setTimeout(() => {
      lateTimer = 0;
      idle(() => sendSnapshot(false), { timeout: 1000 });
    }, delay() + SETTLE_MS);
  };

  const observer = new MutationObserver(schedule);
  const observeOptions = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value', 'title', 'hidden', 'class', 'style', 'field-label'] };
  // Shadow roots and same-origin frames are not seen by an observer of the
  // document: watch each one the snapshot walks.
  function watch(root) {
    if (observed.has(root)) return;
    observed.add(root);
    try {
      observer.observe(root, observeOptions);
      if (root.nodeType === 9 && root.defaultView) root.defaultView.addEventListener('input', schedule, true);
    } catch (_) {
      // A root that went away meanwhile.
    }
  }
  if (document.documentElement) observer.observe(document.documentElement, observeOptions);
  // SPA navigation: history changes do not always mutate the DOM at once.
  window.addEventListener('popstate', schedule);
  window.addEventListener('hashchange', schedule);
  if (window.navigation && window.navigation.addEventListener) {
    window.navigation.addEventListener('navigate', schedule);
    window.navigation.addEventListener('navigatesuccess', schedule);
  }
  document.addEventListener('input', schedule, true);
  document.addEventListener('change', schedule, true);
  schedule();

  // Focus and caret tracking starts with the agent, so the last composer the
  // user focused is known when the panel asks for an insert.
  const inserter = createInserter({ top: document, main: options.main, skipFrame: options.skipFrame });

  return function handle(message) {
    if (!message || typeof message.type !== 'string') return undefined;
    if (message.type === MSG.snapshotRequest) {
      return snap().then((snapshot) => {
        lastSent = keyOf(snapshot);
        return { type: MSG.snapshot, snapshot };
      });
    }
    if (message.type === MSG.insertRequest) {
      const { subject, text, html } = message;
      return inserter
        .insert({ subject, text, html })
        .catch((e) => ({ ok: false, editor: null, chars: 0, subject: 'not filled', message: 'Defuse could not insert: ' + ((e && e.message) || 'error') + '.' }))
        .then((result) => ({ type: MSG.insertResult, result }));
    }
    return undefined;
  };
}
