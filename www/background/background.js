// Background service worker: enables the side panel on CRM tabs and opens it
// from the toolbar button. Everything is registered synchronously at top level
// (a worker woken by an event must find its listeners), and it never uses
// dynamic import() or setTimeout for anything that must survive idle shutdown.

import { isCrmUrl } from './crm-hosts.js';

chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((e) => console.warn('Defuse: side panel behaviour', e));

async function updateSidePanel(tabId, url) {
  try {
    await chrome.sidePanel.setOptions({ tabId, path: 'panel.html', enabled: isCrmUrl(url) });
  } catch (e) {
    // The tab may be gone already.
  }
}

chrome.tabs.onUpdated.addListener((tabId, info, tab) => {
  if (info.url || info.status === 'complete') updateSidePanel(tabId, tab.url);
});

chrome.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== chrome.runtime.id) return false;
  // Snapshots are for panels; the worker has nothing to do with them.
  return false;
});
