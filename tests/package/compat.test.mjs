// www/hosts/compat.js, the one place that tells Chrome/Edge from Firefox,
// against fake `chrome` and `browser` globals: the toolbar button opens the
// side panel on the clicked tab (Chrome) or toggles the sidebar (Firefox), and per-tab panel
// options exist only where the side panel does, and a reminder shows where
// the browser refuses an option. The same paths in real Firefox:
// tests/e2e/firefox.test.mjs (see README, "Packages").

import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const COMPAT = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'hosts', 'compat.js')).href;
let n = 0;
const fresh = () => import(`${COMPAT}?v=${++n}`); // a new module instance per fake browser

afterEach(() => {
  delete globalThis.chrome;
  delete globalThis.browser;
});

test('Chrome/Edge: chrome.* and the side panel, opened from the toolbar click itself', async () => {
  const calls = [];
  let onClick = null;
  globalThis.chrome = {
    runtime: { id: 'abc' },
    action: { onClicked: { addListener: (f) => (onClick = f) } },
    sidePanel: {
      setPanelBehavior: async (b) => calls.push(['behaviour', b]),
      setOptions: async (o) => calls.push(['options', o]),
      open: async (o) => calls.push(['open', o]),
    },
  };
  const compat = await fresh();
  assert.equal(compat.ext, globalThis.chrome);
  assert.equal(compat.panelSurface, 'side-panel');
  compat.openPanelOnAction('panel.html');
  assert.deepEqual(calls, [['behaviour', { openPanelOnActionClick: false }]], "Chrome's own open-on-click is off");
  assert.equal(typeof onClick, 'function');
  calls.length = 0;
  onClick({ id: 12, url: 'https://acme.lightning.force.com/lightning/r/Account/001/view' });
  // Both inside the click's task, before any await: open needs the user gesture.
  assert.deepEqual(calls, [
    ['options', { tabId: 12, path: 'panel.html', enabled: true }],
    ['open', { tabId: 12 }],
  ]);
  calls.length = 0;
  onClick({}); // no tab id: nothing
  assert.deepEqual(calls, []);
  await compat.enablePanelForTab(7, 'panel.html', false);
  assert.deepEqual(calls, [['options', { tabId: 7, path: 'panel.html', enabled: false }]]);
});

test('Firefox: browser.* and the sidebar, toggled from the toolbar click itself', async () => {
  const calls = [];
  let onClick = null;
  globalThis.chrome = { runtime: { id: 'x' } }; // Firefox has both; browser.* wins
  globalThis.browser = {
    runtime: { id: '{6f1d3c2e-4b8a-4e1f-9a57-2c0d8e5b7a91}' },
    action: { onClicked: { addListener: (f) => (onClick = f) } },
    sidebarAction: { toggle: () => calls.push('toggle') },
  };
  const compat = await fresh();
  assert.equal(compat.ext, globalThis.browser);
  assert.equal(compat.panelSurface, 'sidebar');
  compat.openPanelOnAction();
  assert.equal(typeof onClick, 'function');
  onClick();
  assert.deepEqual(calls, ['toggle']);
  await compat.enablePanelForTab(7, 'panel.html', true); // nothing to do: per-window sidebar
  assert.deepEqual(calls, ['toggle']);
});

test('no extension API (the embedded panel on a web origin)', async () => {
  const compat = await fresh();
  assert.equal(compat.ext, undefined);
  assert.equal(compat.panelSurface, null);
  compat.openPanelOnAction();
});

test('a reminder is shown where the browser refuses requireInteraction (Firefox), and other refusals are not hidden', async () => {
  const shown = [];
  globalThis.browser = {
    runtime: { id: 'x' },
    notifications: {
      // Firefox's schema check, as it throws it.
      create(id, options) {
        if ('requireInteraction' in options) throw new Error('Type error for parameter options (Unexpected property "requireInteraction") for notifications.create.');
        if (!options.title) return Promise.reject(new Error('title is required'));
        shown.push([id, options]);
        return Promise.resolve(id);
      },
    },
  };
  const compat = await fresh();
  assert.equal(await compat.createNotification('r1', { type: 'basic', title: 'Acme: due now', message: 'm', requireInteraction: true }), 'r1');
  assert.deepEqual(shown, [['r1', { type: 'basic', title: 'Acme: due now', message: 'm' }]]);
  await assert.rejects(compat.createNotification('r2', { type: 'basic', message: 'm', requireInteraction: false }), /title is required/);
  await assert.rejects(compat.createNotification('r3', { type: 'basic', message: 'm' }), /title is required/);
  // Chrome takes it as it is.
  globalThis.browser.notifications.create = (id, options) => (shown.push([id, options]), Promise.resolve(id));
  await compat.createNotification('r4', { type: 'basic', title: 't', message: 'm', requireInteraction: true });
  assert.deepEqual(shown.at(-1), ['r4', { type: 'basic', title: 't', message: 'm', requireInteraction: true }]);
});
