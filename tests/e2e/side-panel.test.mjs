// The side panel is offered on CRM tabs and on no other, without the service
// worker watching every tab's navigation: each CRM page's channel script
// tells the worker once the page has loaded and again when it leaves (see
// www/agent/channel.js and the worker's 'agent-to-worker:page' message). The
// fixture server is on 127.0.0.1, one of the development CRM hosts; a data:
// URL stands for any other site.

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

const OTHER_SITE = 'data:text/html,<title>elsewhere</title><p>not a CRM</p>';

/** Whether the side panel is enabled on `tabId`, as the browser holds it. */
const panelEnabled = (tabId) => h.worker.evaluate((id) => chrome.sidePanel.getOptions({ tabId: id }).then((o) => o.enabled), tabId);

async function until(what, tabId, want, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const got = await panelEnabled(tabId);
    if (got === want) return;
    if (Date.now() > deadline) assert.fail(`${what}: the panel is still ${got ? 'enabled' : 'disabled'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the worker does not listen to tab navigations (other sites never wake it)', async () => {
  assert.equal(await h.worker.evaluate(() => chrome.tabs.onUpdated.hasListeners()), false);
  assert.equal(await h.worker.evaluate(() => chrome.sidePanel.getPanelBehavior().then((b) => b.openPanelOnActionClick)), true);
});

test('the panel is offered on a CRM tab once its page has loaded, and not on another site', async () => {
  const crm = await h.openPage('/fixtures/slice/index.html');
  const crmTab = await h.tabIdOf(crm);
  await until('CRM tab after load', crmTab, true);

  const other = await h.context.newPage();
  await other.goto(OTHER_SITE);
  const otherTab = await h.worker.evaluate(async () => {
    const tabs = await chrome.tabs.query({});
    // Another site's URL is hidden from us (no "tabs" permission): the tab without one.
    const t = tabs.find((x) => !x.url && !x.pendingUrl);
    return t ? t.id : null;
  });
  assert.ok(Number.isInteger(otherTab), 'the other tab is there');
  assert.equal(await panelEnabled(otherTab), false, 'no panel on another site');
  await other.close();
  await crm.close();
});

test('leaving the CRM for another site takes the panel away; coming back offers it again', async () => {
  const page = await h.openPage('/fixtures/slice/index.html');
  const tabId = await h.tabIdOf(page);
  await until('CRM tab after load', tabId, true);

  await page.goto(OTHER_SITE);
  await until('after leaving for another site', tabId, false);

  await page.goBack({ waitUntil: 'load' });
  await until('back on the CRM page', tabId, true);
  await page.close();
});

test('from one CRM page to another the panel stays offered', async () => {
  const page = await h.openPage('/fixtures/slice/index.html');
  const tabId = await h.tabIdOf(page);
  await until('first CRM page', tabId, true);
  // Sample while the tab moves to the next CRM page: the panel is never taken away.
  const samples = [];
  let moving = true;
  const sampler = (async () => {
    while (moving) {
      samples.push(await panelEnabled(tabId));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await page.goto(h.origin + '/fixtures/crm/lightning/index.html', { waitUntil: 'load' });
  await page.waitForTimeout(300);
  moving = false;
  await sampler;
  assert.ok(samples.length > 0);
  assert.ok(samples.every(Boolean), `the panel was taken away during a CRM → CRM navigation (${samples.join(',')})`);
  await until('second CRM page', tabId, true);
  await page.close();
});

test('no errors in the service worker', () => {
  assert.deepEqual(h.errors, []);
});
