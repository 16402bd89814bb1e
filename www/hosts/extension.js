// Host for the panel when it runs as an extension page: the Chrome side panel
// (bound to the active tab of its window) or the pop-out tab
// `panel.html?tab=<tabId>` (bound to that tab). Talks to the page agent with
// ext.tabs / ext.runtime messages and accepts only our own extension's.

import { MSG } from '../agent/agent.js';
import { ext, panelSurface } from './compat.js';
import { isCrmUrl } from '../background/crm-hosts.js';

const RETRIES = [200, 500, 1000, 2000];

/** What the panel says on a tab that is not one of the CRM pages Defuse reads. */
export const NOT_A_CRM_PAGE =
  'This tab is not a CRM page Defuse reads. Open a customer account in your CRM to start or follow its escalation; your escalations are listed here.';

const failed = (message) => ({ ok: false, editor: null, chars: 0, subject: 'not filled', message });

/** The agent's insert result, bounded and with only the fields the panel reads. */
export function cleanInsertResult(r) {
  if (!r || typeof r !== 'object' || typeof r.message !== 'string') return failed('This page gave Defuse an answer it does not understand.');
  return {
    ok: r.ok === true,
    editor: typeof r.editor === 'string' ? r.editor.slice(0, 40) : null,
    chars: Number.isInteger(r.chars) && r.chars >= 0 ? r.chars : 0,
    subject: typeof r.subject === 'string' ? r.subject.slice(0, 40) : 'not filled',
    path: typeof r.path === 'string' ? r.path.slice(0, 40) : '',
    message: r.message.slice(0, 300),
  };
}

export function createExtensionHost() {
  const params = new URLSearchParams(location.search);
  const boundTab = params.has('tab') ? Number(params.get('tab')) : null;
  const snapshotListeners = [];
  const problemListeners = [];
  let tabId = Number.isInteger(boundTab) ? boundTab : null;
  let last = null;

  const deliver = (snapshot) => {
    last = snapshot;
    for (const cb of snapshotListeners) cb(snapshot);
  };
  const problem = (text) => {
    for (const cb of problemListeners) cb(text);
  };

  async function request(attempt = 0) {
    if (tabId === null) return;
    const forTab = tabId;
    try {
      const response = await ext.tabs.sendMessage(forTab, { type: MSG.snapshotRequest }, { frameId: 0 });
      if (forTab !== tabId) return;
      if (response && response.type === MSG.snapshot) deliver(response.snapshot);
      else problem('This page did not answer Defuse. Reload the tab and try again.');
    } catch (_) {
      if (forTab !== tabId) return;
      // Why the page did not answer. Another site's URL is hidden from us
      // (host permissions cover the CRM hosts only): no URL, not a CRM page.
      // A CRM page still loading answers after its load event (its channel
      // starts then, and the agent sends its first snapshot by itself; the
      // side panel also asks again at the tab's 'complete'): until then the
      // panel says it is reading the page rather than that it cannot.
      const tab = await ext.tabs.get(forTab).catch(() => null);
      if (forTab !== tabId) return;
      if (tab && !isCrmUrl(tab.pendingUrl || tab.url)) {
        problem(NOT_A_CRM_PAGE);
      } else if (tab && tab.status === 'loading') {
        // the loaded page answers by itself
      } else if (attempt < RETRIES.length) {
        setTimeout(() => request(attempt + 1), RETRIES[attempt]);
      } else {
        problem('Defuse cannot read this page. Open a customer account in your CRM; if you just installed Defuse, reload the tab.');
      }
    }
  }

  ext.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== ext.runtime.id || !sender.tab || sender.tab.id !== tabId || sender.frameId !== 0) return false;
    if (message && message.type === MSG.snapshot && message.snapshot && typeof message.snapshot === 'object') deliver(message.snapshot);
    return false;
  });

  if (tabId === null) {
    // Side panel: follow the active tab of this window.
    const follow = async () => {
      const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
      if (tab && tab.id !== tabId) {
        tabId = tab.id;
        request();
      }
    };
    ext.tabs.onActivated.addListener(follow);
    ext.tabs.onUpdated.addListener((id, info) => {
      if (id === tabId && info.status === 'complete') request();
    });
    follow();
  } else {
    request();
  }

  return {
    kind: boundTab === null ? panelSurface || 'side-panel' : 'tab',
    /**
     * Inserts `{ subject, text, html }` into the composer of the bound tab's
     * page (its top frame's agent finds the composer, also inside frames).
     * Resolves to `{ ok, editor, chars, subject, message }`; never rejects.
     */
    async insert(payload) {
      if (tabId === null) return failed('Defuse is not connected to a page yet.');
      const { subject, text, html } = payload || {};
      try {
        const response = await ext.tabs.sendMessage(tabId, { type: MSG.insertRequest, subject, text, html }, { frameId: 0 });
        if (response && response.type === MSG.insertResult) return cleanInsertResult(response.result);
        return failed('This page did not answer Defuse. Reload the tab and try again.');
      } catch (_) {
        return failed('Defuse cannot reach this page. Reload the tab and try again.');
      }
    },
    onSnapshot(cb) {
      snapshotListeners.push(cb);
      if (last) cb(last);
    },
    onPageProblem(cb) {
      problemListeners.push(cb);
    },
    /**
     * The stored fold index is unusable or behind storage (the core says
     * so): the worker's next wake-up, run now, rewrites it, so the next
     * panel opens from it again.
     */
    indexUnusable() {
      ext.runtime.sendMessage({ type: 'panel-to-worker:rearm', reindex: true }).catch(() => {});
    },
  };
}
