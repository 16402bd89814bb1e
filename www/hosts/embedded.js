// Host for the panel embedded as an iframe in a CRM page (the demo CRM, CRM
// sidebar-app frameworks). Talks to the page agent in the parent with
// postMessage and accepts messages only from the parent window at the one
// exact origin configured at build time (DEFUSE_EMBED_ORIGIN; by default the
// panel's own origin, i.e. same-origin embedding).

import { MSG } from '../agent/agent.js';

/* global DEFUSE_EMBED_ORIGIN */
export function createEmbeddedHost() {
  const origin = DEFUSE_EMBED_ORIGIN || location.origin;
  const parentWindow = window.parent !== window ? window.parent : null;
  const snapshotListeners = [];
  const problemListeners = [];
  let last = null;

  window.addEventListener('message', (event) => {
    if (event.source !== parentWindow || event.origin !== origin) return;
    const message = event.data;
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
    onSnapshot(cb) {
      snapshotListeners.push(cb);
      if (last) cb(last);
    },
    onPageProblem(cb) {
      problemListeners.push(cb);
    },
  };
}
