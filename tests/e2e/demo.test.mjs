// `make demo`'s page: the demo CRM answers 200 under its strict CSP and shows
// the embedded Defuse sidebar (iframe host, postMessage under an exact-origin
// check) with the account's name read by the core. Also: the embedded panel
// ignores messages from any other window or origin.

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

test('the demo CRM answers 200 with a strict CSP', async () => {
  const res = await fetch(h.origin + '/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), "default-src 'self'; script-src 'self'");
});

test('the embedded sidebar shows the account the core read, and offers the playbook', async () => {
  const page = await h.openPage('/');
  h.watchPage(page, 'demo page');
  const frame = page.frameLocator('#defuse-panel');
  await frame.getByTestId('account-name').waitFor({ timeout: 10000 });
  assert.equal(await frame.getByTestId('account-name').textContent(), 'Northwind Logistics');
  assert.equal(await frame.getByTestId('account-arr').getAttribute('data-amount'), '1240000');
  assert.equal(await frame.getByTestId('account-renewal').getAttribute('data-date'), '2027-03-31');
  assert.equal(await frame.locator('#app').getAttribute('data-host'), 'embedded');
  // The customer's zone comes from the page's "Customer Time Zone" field.
  assert.equal(await frame.locator('#f-open-customer-zone').inputValue(), 'America/Chicago');
  await frame.getByTestId('escalation-signal').waitFor();
  await page.close();
});

test('the embedded panel ignores snapshots posted by another window', async () => {
  const page = await h.openPage('/');
  const frame = page.frameLocator('#defuse-panel');
  await frame.getByTestId('account-name').waitFor({ timeout: 10000 });
  // A message from the panel's own window (not its parent) is not the agent.
  await page.frame({ url: /panel\.html/ }).evaluate(() =>
    window.postMessage({ type: 'agent-to-panel:snapshot', snapshot: { fields: [{ label: 'Account Name', value: 'Evil Corp', kind: 'pair', attrs: {} }] } }, '*'),
  );
  await page.waitForTimeout(300);
  assert.equal(await frame.getByTestId('account-name').textContent(), 'Northwind Logistics');
  await page.close();
});

test('no errors on the demo page or in the extension', () => {
  assert.deepEqual(h.errors, []);
});
