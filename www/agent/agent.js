// The page agent's core, shared by both transports: answers snapshot requests
// and re-sends the snapshot when the page changes (MutationObserver, debounced,
// plus SPA history navigation). It never blocks the page: snapshots are taken
// in idle time and at most every DEBOUNCE_MS.

import { takeSnapshot } from './snapshot.js';
import { createInserter } from './insert.js';

const DEBOUNCE_MS = 400;

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
 * world; `options.skipFrame(iframe)` names frames that are never composers
 * (see insert.js).
 */
export function startAgent(send, options = {}) {
  let timer = 0;
  let lastSent = '';
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1));

  const sendSnapshot = (force) => {
    const snapshot = takeSnapshot(document);
    const key = JSON.stringify(snapshot);
    if (!force && key === lastSent) return;
    lastSent = key;
    send({ type: MSG.snapshot, snapshot });
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = 0;
      idle(() => sendSnapshot(false), { timeout: 1000 });
    }, DEBOUNCE_MS);
  };

  const observer = new MutationObserver(schedule);
  const observe = () =>
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value', 'title', 'hidden', 'class', 'style'] });
  if (document.documentElement) observe();
  // SPA navigation: history changes do not always mutate the DOM at once.
  window.addEventListener('popstate', schedule);
  window.addEventListener('hashchange', schedule);
  if (window.navigation && window.navigation.addEventListener) window.navigation.addEventListener('navigatesuccess', schedule);
  document.addEventListener('input', schedule, true);
  schedule();

  // Focus and caret tracking starts with the agent, so the last composer the
  // user focused is known when the panel asks for an insert.
  const inserter = createInserter({ top: document, main: options.main, skipFrame: options.skipFrame });

  return function handle(message) {
    if (!message || typeof message.type !== 'string') return undefined;
    if (message.type === MSG.snapshotRequest) {
      const snapshot = takeSnapshot(document);
      lastSent = JSON.stringify(snapshot);
      return { type: MSG.snapshot, snapshot };
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
