// Host for the panel embedded as an iframe in a CRM page (the demo CRM, CRM
// sidebar-app frameworks). Talks to the page agent in the parent with
// postMessage and accepts messages only from the parent window at the one
// exact origin configured at build time (DEFUSE_EMBED_ORIGIN; by default the
// panel's own origin, i.e. same-origin embedding).

import { MSG } from '../agent/agent.js';
import { cleanInsertResult } from './extension.js';

const INSERT_TIMEOUT_MS = 10000;

/* global DEFUSE_EMBED_ORIGIN */
export function createEmbeddedHost() {
  const origin = DEFUSE_EMBED_ORIGIN || location.origin;
  const parentWindow = window.parent !== window ? window.parent : null;
  const snapshotListeners = [];
  const problemListeners = [];
  let last = null;
  const pending = new Map(); // insert request id → { resolve, timer }
  let seq = 0;

  window.addEventListener('message', (event) => {
    if (event.source !== parentWindow || event.origin !== origin) return;
    const message = event.data;
    if (message && message.type === MSG.insertResult && typeof message.id === 'string' && pending.has(message.id)) {
      const { resolve, timer } = pending.get(message.id);
      pending.delete(message.id);
      clearTimeout(timer);
      resolve(cleanInsertResult(message.result));
      return;
    }
    if (message && message.type === MSG.snapshot && message.snapshot && typeof message.snapshot === 'object') {
      last = message.snapshot;
      for (const cb of snapshotListeners) cb(last);
    }
  });

  if (parentWindow) {
    parentWindow.postMessage({ type: MSG.snapshotRequest }, origin);
  } else {
    setTimeout(() => {
      for (const cb of problemListeners) cb('Defuse is not embedded in a CRM page here, so there is no account to read.');
    }, 0);
  }

  return {
    kind: 'embedded',
    /**
     * Inserts `{ subject, text, html }` into the page's composer through the
     * embedding page's agent. Resolves to `{ ok, editor, chars, subject,
     * message }`; never rejects (a timeout resolves with a message).
     */
    insert(payload) {
      const fail = (message) => ({ ok: false, editor: null, chars: 0, subject: 'not filled', message });
      if (!parentWindow) return Promise.resolve(fail('Defuse is not embedded in a CRM page here, so there is no composer to insert into.'));
      const { subject, text, html } = payload || {};
      const id = `insert-${++seq}-${Math.random().toString(36).slice(2)}`;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(fail('The page did not answer in time; nothing is known to have been inserted. Check the composer.'));
        }, INSERT_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        parentWindow.postMessage({ type: MSG.insertRequest, id, subject, text, html }, origin);
      });
    },
    onSnapshot(cb) {
      snapshotListeners.push(cb);
      if (last) cb(last);
    },
    onPageProblem(cb) {
      problemListeners.push(cb);
    },
  };
}
