// `make demo`'s page: the demo CRM answers 200 under its strict CSP and shows
// the embedded Defuse sidebar (iframe host, postMessage under an exact-origin
// check) with the account's name read by the core. The sidebar is served from
// its own origin (a second port), keeps its storage there, and accepts from
// the page only snapshots and insert results it asked for: the page cannot
// read its storage nor replace its account by posting other messages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
  // The harness starts tools/serve.mjs; the panel's origin is the demo page's iframe.
  const html = await (await fetch(h.origin + '/')).text();
  h.panelOrigin = new URL(/<iframe id="defuse-panel"[^>]* src="([^"]+)"/.exec(html)[1]).origin;
});
after(async () => {
  await h?.close();
});

test('the demo CRM answers 200 with a strict CSP', async () => {
  const res = await fetch(h.origin + '/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), `default-src 'self'; script-src 'self'; frame-src ${h.panelOrigin}`);
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

test('the embedded panel is on a second origin, keeps its storage there, and ignores page messages that try to replace the account', async () => {
  const page = await h.openPage('/');
  h.watchPage(page, 'demo page');
  const frame = page.frameLocator('#defuse-panel');
  await frame.getByTestId('account-name').waitFor({ timeout: 10000 });
  const panelFrame = page.frame({ url: /panel\.html/ });
  const panelOrigin = new URL(panelFrame.url()).origin;
  assert.notEqual(panelOrigin, h.origin, 'the panel is not on the CRM origin');
  assert.equal(panelOrigin, h.panelOrigin);
  // The panel wrote its settings/drafts (if any) on its own origin; the CRM page sees none of it.
  const pageView = await page.evaluate(() => {
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('defuse:'));
    let readable = true;
    try {
      void document.getElementById('defuse-panel').contentWindow.localStorage.length;
    } catch (_) {
      readable = false;
    }
    return { keys, readable };
  });
  assert.deepEqual(pageView, { keys: [], readable: false });

  // A script on the CRM origin posts what it can think of: none is a snapshot the panel asked for.
  await page.evaluate(() => {
    const w = document.getElementById('defuse-panel').contentWindow;
    const target = new URL(document.getElementById('defuse-panel').src).origin;
    const evil = [{ label: 'Account Name', value: 'Evil Corp', kind: 'pair', attrs: {} }];
    w.postMessage({ type: 'defuse:set-account', account: 'Evil Corp' }, target);
    w.postMessage({ type: 'panel-to-agent:snapshot', snapshot: { fields: evil } }, target);
    w.postMessage({ type: 'agent-to-panel:snapshot', snapshot: [evil] }, target);
    w.postMessage({ type: 'agent-to-panel:insert-result', id: 'insert-1-forged', result: { ok: true, message: 'Evil Corp' } }, target);
    w.postMessage(JSON.stringify({ type: 'agent-to-panel:snapshot', snapshot: { fields: evil } }), target);
    w.postMessage({ type: 'agent-to-panel:snapshot', snapshot: { fields: evil } }, 'http://127.0.0.1:1'); // wrong target origin: never delivered
  });
  await page.waitForTimeout(500);
  assert.equal(await frame.getByTestId('account-name').textContent(), 'Northwind Logistics');
  await page.close();
});

test('a panel served from the CRM origin itself refuses to talk to the page', async () => {
  const page = await h.openPage('/?csp=none');
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.id = 'same-origin-panel';
    f.src = '/defuse/panel.html';
    document.body.append(f);
  });
  const frame = page.frameLocator('#same-origin-panel');
  await frame.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 10000 });
  await frame.getByText(/no CRM origin configured|served from the CRM’s own origin/).first().waitFor({ timeout: 10000 });
  assert.equal(await frame.getByTestId('account-name').count(), 0);
  await page.close();
});

test('no errors on the demo page or in the extension', () => {
  assert.deepEqual(h.errors, []);
});
