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

/** The toolbar button opens the panel. */
export function openPanelOnAction() {
  if (panelSurface === 'side-panel') {
    ext.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((e) => console.warn('Defuse: side panel behaviour', e));
  } else if (panelSurface === 'sidebar') {
    // Must run inside the click's user-input handler, so no await before it.
    ext.action.onClicked.addListener(() => ext.sidebarAction.toggle());
  }
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
