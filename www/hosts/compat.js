// The one place that knows which browser Defuse runs in. Chrome and Edge
// have `chrome.*` and a side panel (`chrome.sidePanel`); Firefox has
// `browser.*` and a sidebar (`sidebar_action`, `browser.sidebarAction`).
// Everything else (storage, tabs, runtime messages, alarms, notifications,
// action badge) is the same promise-based WebExtensions API in both, so the
// background worker and the hosts call `ext.*` and these few functions, and
// never branch on the browser themselves. Features are detected, never
// guessed from the user agent.

/* global browser, chrome */
export const ext = typeof browser !== 'undefined' && browser.runtime ? browser : typeof chrome !== 'undefined' ? chrome : undefined;

/** 'side-panel' (Chrome, Edge), 'sidebar' (Firefox) or null (no extension API). */
export const panelSurface = !ext ? null : ext.sidePanel ? 'side-panel' : ext.sidebarAction ? 'sidebar' : null;

/** True on an extension page of ours (side panel, sidebar, pop-out tab). */
export function isExtensionPage() {
  return Boolean(ext && ext.runtime && ext.runtime.id) && (location.protocol === 'chrome-extension:' || location.protocol === 'moz-extension:');
}

/**
 * The toolbar button opens the panel on the clicked tab, whatever its page's
 * load state. Chrome: the panel is off by default and turned on per CRM tab
 * only once the page has loaded (agent/channel.js), so Chrome's own
 * "open on action click" would do nothing on a page still loading; the click
 * turns the panel on for that tab and opens it itself. `sidePanel.open` is
 * honoured only inside the click's user gesture, which an `await` ends: both
 * calls are made in the listener's own task, in order (the browser applies
 * them in the order they were made). The listener is registered at the
 * worker's top level, so a click that wakes a stopped worker finds it.
 * On a tab that is not a CRM page the panel opens too, and says so (see
 * hosts/extension.js): the badge counts overdue escalations on every tab,
 * and the click is how the CSM gets to them.
 */
export function openPanelOnAction(path) {
  if (panelSurface === 'side-panel') {
    // Chrome's own toggle off: with it on, onClicked never fires.
    ext.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch((e) => console.warn('Defuse: side panel behaviour', e));
    const tracked = trackOpenPanels();
    const close = (tabId) => {
      tracked.open.delete(tabId);
      ext.sidePanel.close({ tabId }).catch((e) => console.warn('Defuse: the side panel could not close', e));
    };
    ext.action.onClicked.addListener((tab) => {
      if (!tab || !Number.isInteger(tab.id)) return;
      // A second click closes the panel, as a toolbar button does.
      if (tracked.open.has(tab.id)) return close(tab.id);
      const before = tracked.before;
      enablePanelForTab(tab.id, path, true); // calls setOptions now, in the click's task
      ext.sidePanel.open({ tabId: tab.id }).catch((e) => console.warn('Defuse: the side panel could not open', e));
      // A click that woke the worker: open was a no-op if the panel was open.
      if (before) before.then((ids) => ids.has(tab.id) && close(tab.id));
    });
  } else if (panelSurface === 'sidebar') {
    // Must run inside the click's user-input handler, so no await before it.
    ext.action.onClicked.addListener(() => ext.sidebarAction.toggle());
  }
}

/** Where the open-panel tabs outlive a stopped service worker (session storage: gone with the browser). */
const OPEN_PANELS_KEY = 'defuse:open-panel-tabs';

/**
 * The tabs whose side panel is open, from the browser's own opened/closed
 * events (Chrome 141+; without them every click opens, as before), kept in
 * session storage too. `open` is what this worker has seen; `before` (a
 * promise, or null) the tabs stored before it started: a click that wakes
 * a stopped worker comes before that read, and the decision to open must be
 * synchronous (sidePanel.open needs the click's gesture, which an await
 * ends), so such a click opens at once (nothing happens if it is open) and
 * closes once the read says the panel was open.
 */
function trackOpenPanels() {
  const open = new Set();
  const sp = ext.sidePanel;
  if (!sp.onOpened || !sp.onClosed || !sp.close || !ext.storage || !ext.storage.session) return { open, before: null };
  const save = () => ext.storage.session.set({ [OPEN_PANELS_KEY]: [...open] }).catch(() => {});
  let seen = false; // an event before the read is newer than it
  const before = ext.storage.session.get(OPEN_PANELS_KEY).then(
    (got) => {
      const ids = new Set((got && Array.isArray(got[OPEN_PANELS_KEY]) ? got[OPEN_PANELS_KEY] : []).filter(Number.isInteger));
      if (!seen) for (const id of ids) open.add(id);
      return ids;
    },
    () => new Set(),
  );
  const tracked = { open, before };
  before.then(() => (tracked.before = null));
  sp.onOpened.addListener((info) => {
    seen = true;
    if (info && Number.isInteger(info.tabId)) open.add(info.tabId);
    save();
  });
  sp.onClosed.addListener((info) => {
    seen = true;
    if (info && Number.isInteger(info.tabId)) open.delete(info.tabId);
    save();
  });
  return tracked;
}

/**
 * The panel is off on every tab unless enabled for it (Chrome's side panel;
 * Firefox's sidebar is per window, nothing to do).
 */
export function disablePanelByDefault(path) {
  if (panelSurface !== 'side-panel') return;
  ext.sidePanel.setOptions({ path, enabled: false }).catch((e) => console.warn('Defuse: side panel default', e));
}

/**
 * Offers the panel on CRM tabs only. Chrome's side panel is per tab; Firefox's
 * sidebar is per window and shows the active tab's account (the panel follows
 * the active tab), so there is nothing to switch there.
 */
export async function enablePanelForTab(tabId, path, enabled) {
  if (panelSurface !== 'side-panel') return;
  try {
    await ext.sidePanel.setOptions({ tabId, path, enabled });
  } catch (_) {
    // The tab may be gone already.
  }
}

/**
 * notifications.create with the options the browser takes. Firefox's schema
 * has no `requireInteraction` (a reminder that stays until dismissed, Chrome
 * and Edge) and refuses the whole call for it, so there the reminder is shown
 * without it rather than not at all. Detected from the refusal, not guessed.
 */
export async function createNotification(id, options) {
  try {
    return await ext.notifications.create(id, options);
  } catch (e) {
    if (!('requireInteraction' in options) || !/requireInteraction/.test(String(e && e.message))) throw e;
    const { requireInteraction: _, ...accepted } = options;
    return ext.notifications.create(id, accepted);
  }
}
