// Host for the panel embedded as an iframe in a CRM page (the demo CRM, CRM
// sidebar-app frameworks). The panel is served from ITS OWN origin, never the
// CRM's: any script on the CRM origin (in multi-tenant CRMs, every tenant's
// theme code) could otherwise read the panel's storage (ARR, CRM links) and
// drive it. So:
// - the one CRM origin it talks to is configured where the panel is served:
//   at build time (DEFUSE_EMBED_ORIGIN) or by the panel's server in
//   `<meta name="defuse-embed-origin" content="https://crm.example">`;
//   with none, or with the panel's own origin, it talks to nobody and says why;
// - it accepts messages only from its parent window at exactly that origin,
//   and of those only two kinds: a snapshot (a plain object), and an insert
//   result that answers a request id it made itself. Anything else is dropped.
// Storage (services.js pageStorage) is this origin's localStorage.

import { MSG } from '../agent/agent.js';
import { cleanInsertResult } from './extension.js';

const INSERT_TIMEOUT_MS = 10000;
/** Tests only (tools/build-fixtures.mjs): a stand-in panel on the CRM's origin. */
const SAME_ORIGIN_FOR_TESTS = 'same-origin';

/* global DEFUSE_EMBED_ORIGIN */
function configuredOrigin() {
  if (DEFUSE_EMBED_ORIGIN === SAME_ORIGIN_FOR_TESTS) return location.origin;
  const meta = document.querySelector('meta[name="defuse-embed-origin"]');
  const value = DEFUSE_EMBED_ORIGIN || (meta && meta.content) || '';
  try {
    const url = new URL(value);
    return url.origin === value.replace(/\/$/, '') ? url.origin : '';
  } catch (_) {
    return '';
  }
}

/** Why this panel will not talk to its page, or null when it will. */
function refusal(origin, parentWindow) {
  if (!parentWindow) return 'Defuse is not embedded in a CRM page here, so there is no account to read.';
  if (!origin) return 'This Defuse panel has no CRM origin configured (DEFUSE_EMBED_ORIGIN or <meta name="defuse-embed-origin">), so it talks to no page.';
  if (origin === location.origin && DEFUSE_EMBED_ORIGIN !== SAME_ORIGIN_FOR_TESTS) return 'This Defuse panel is served from the CRM’s own origin, where every script of the CRM could read it. Serve it from its own origin.';
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length && ancestors[0] !== origin) return `This Defuse panel is embedded by ${ancestors[0]}, not by the CRM it is configured for.`;
  return null;
}

export function createEmbeddedHost() {
  const origin = configuredOrigin();
  const parentWindow = window.parent !== window ? window.parent : null;
  const refused = refusal(origin, parentWindow);
  const snapshotListeners = [];
  const problemListeners = [];
  let last = null;
  const pending = new Map(); // insert request id → { resolve, timer }
  let seq = 0;

  if (!refused) {
    window.addEventListener('message', (event) => {
      if (event.source !== parentWindow || event.origin !== origin) return;
      const message = event.data;
      if (!message || typeof message !== 'object') return;
      if (message.type === MSG.insertResult && typeof message.id === 'string' && pending.has(message.id)) {
        const { resolve, timer } = pending.get(message.id);
        pending.delete(message.id);
        clearTimeout(timer);
        resolve(cleanInsertResult(message.result));
        return;
      }
      if (message.type === MSG.snapshot && message.snapshot && typeof message.snapshot === 'object' && !Array.isArray(message.snapshot)) {
        last = message.snapshot;
        for (const cb of snapshotListeners) cb(last);
      }
    });
    parentWindow.postMessage({ type: MSG.snapshotRequest }, origin);
  } else {
    setTimeout(() => {
      for (const cb of problemListeners) cb(refused);
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
      if (refused) return Promise.resolve(fail(refused));
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
    /** No worker writes a fold index here: nothing to ask for. */
    indexUnusable() {},
  };
}
