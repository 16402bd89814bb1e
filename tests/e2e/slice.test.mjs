// The vertical slice through every layer: a CRM page served with a strict CSP
// → the page agent's snapshot → the Rust core (wasm, in the panel) → the panel
// shows the account name. No errors from the service worker or the panel.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

test('the fixture is served with the strict CSP', async () => {
  const res = await fetch(h.origin + '/fixtures/slice/index.html');
  assert.equal(res.headers.get('content-security-policy'), "default-src 'self'; script-src 'self'");
});

test('panel shows the account name the core read from a strict-CSP page', async () => {
  const page = await h.openPage('/fixtures/slice/index.html');
  assert.equal(await page.getAttribute('html', 'data-fixture-ready'), 'true');
  const tabId = await h.tabIdOf(page);
  assert.ok(Number.isInteger(tabId), 'the extension sees the fixture tab');
  const panel = await h.openPanel(tabId);
  const name = panel.getByTestId('account-name');
  await name.waitFor({ timeout: 10000 });
  assert.equal(await name.textContent(), 'Acme Robotics');
  assert.equal(await panel.locator('#app').getAttribute('data-host'), 'tab');
  await panel.close();
  await page.close();
});

test('the panel follows the page when its content changes', async () => {
  const page = await h.openPage('/fixtures/slice/index.html');
  const panel = await h.openPanel(await h.tabIdOf(page));
  await panel.getByTestId('account-name').waitFor();
  await page.evaluate(() => {
    document.querySelector('td.dataCol').textContent = 'Acme Robotics GmbH';
  });
  await panel.waitForFunction(() => document.querySelector('[data-testid="account-name"]')?.textContent === 'Acme Robotics GmbH', null, { timeout: 5000 });
  await panel.close();
  await page.close();
});

test('the service worker is alive and the side panel opens from the toolbar', async () => {
  // Chrome's own open-on-click is off: the worker's click handler opens it
  // (also before the page's load event, see side-panel.test.mjs).
  const behavior = await h.worker.evaluate(() => chrome.sidePanel.getPanelBehavior());
  assert.equal(behavior.openPanelOnActionClick, false);
  const page = await h.openPage('/fixtures/slice/index.html');
  await h.clickAction(page);
  const sidePanels = () => h.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).length);
  const deadline = Date.now() + 10000;
  while ((await sidePanels()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await sidePanels(), 1, 'one side panel open after the click');
  await page.close();
});

test('no errors in the service worker or the panel', () => {
  assert.deepEqual(h.errors, []);
});
