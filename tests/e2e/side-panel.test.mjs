// The side panel is offered on CRM tabs and on no other, without the service
// worker watching every tab's navigation: each CRM page's channel script
// tells the worker once the page has loaded and again when it leaves (see
// www/agent/channel.js and the worker's 'agent-to-worker:page' message). A
// toolbar click opens it at once on the clicked tab, before the page's load
// event too (www/hosts/compat.js): the click is a real one, with its user
// gesture, through DevTools (h.clickAction). The fixture server is on
// 127.0.0.1, one of the development CRM hosts; a data: URL stands for any
// other site. The side panel's own document is read from an extension page
// (chrome.extension.getViews: same extension process).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let h;
let ext; // an extension page: reads the side panel and the browser's state, outlives worker restarts
before(async () => {
  h = await launch();
  ext = await h.context.newPage();
  await ext.goto(`chrome-extension://${h.extensionId}/manifest.json`);
});
after(async () => {
  await h?.close();
});

const OTHER_SITE = 'data:text/html,<title>elsewhere</title><p>not a CRM</p>';

/** Whether the side panel is enabled on `tabId`, as the browser holds it. */
const panelEnabled = (tabId) => ext.evaluate((id) => chrome.sidePanel.getOptions({ tabId: id }).then((o) => o.enabled), tabId);

async function until(what, tabId, want, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const got = await panelEnabled(tabId);
    if (got === want) return;
    if (Date.now() > deadline) assert.fail(`${what}: the panel is still ${got ? 'enabled' : 'disabled'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the worker does not listen to tab navigations (other sites never wake it); a click is its own', async () => {
  assert.equal(await h.worker.evaluate(() => chrome.tabs.onUpdated.hasListeners()), false);
  assert.equal(await h.worker.evaluate(() => chrome.action.onClicked.hasListeners()), true);
  // Chrome's own open-on-click is off: it would do nothing on a tab the panel is not enabled on yet.
  assert.equal(await h.worker.evaluate(() => chrome.sidePanel.getPanelBehavior().then((b) => b.openPanelOnActionClick)), false);
});

/** The open side panel documents, as seen from an extension page: what each shows. */
const sidePanels = () =>
  ext.evaluate(() =>
    chrome.extension
      .getViews()
      .filter((v) => v.location.pathname === '/panel.html' && !v.location.search)
      .map((v) => {
        const q = (id) => v.document.querySelector(`[data-testid=${id}]`);
        const text = (id) => (q(id) ? q(id).textContent.trim() : null);
        return {
          ready: Boolean(v.document.documentElement && v.document.documentElement.dataset.ready === 'true'),
          mark: v.defuseTestMark || null,
          reading: Boolean(q('account-reading')),
          name: text('account-name'),
          problem: text('page-problem'),
        };
      }),
  );

/** Polls the side panels until `test` accepts them. */
async function panelsUntil(what, test, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const got = await sidePanels();
    if (test(got)) return got;
    if (Date.now() > deadline) assert.fail(`${what}: side panels are ${JSON.stringify(got)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens the slow fixture without waiting for its load event (held back by /hold/slow-account). */
async function openSlowCrmPage() {
  const page = await h.context.newPage();
  await page.goto(h.origin + '/fixtures/slow/index.html', { waitUntil: 'domcontentloaded' });
  assert.notEqual(await page.evaluate(() => document.readyState), 'complete', 'the page is still loading');
  return page;
}

test('a toolbar click on a CRM tab still loading opens the panel at once; it reads the page once loaded', async () => {
  assert.deepEqual(await sidePanels(), [], 'no side panel before the click');
  const page = await openSlowCrmPage();
  const tabId = await h.tabIdOf(page);
  assert.equal(await panelEnabled(tabId), false, 'the channel has not offered the panel yet (no load event)');

  await h.clickAction(page);
  const [shown] = await panelsUntil('after the click', (p) => p.length === 1 && p[0].ready);
  assert.equal(await page.evaluate(() => document.readyState), 'interactive', 'the panel opened before the load event');
  assert.equal(await panelEnabled(tabId), true);
  // It draws from stored state and says it is reading the page, not that it cannot.
  assert.equal(shown.problem, null);
  assert.equal(shown.reading, true);
  await ext.evaluate(() => {
    for (const v of chrome.extension.getViews()) if (v.location.pathname === '/panel.html') v.defuseTestMark = 'first';
  });

  assert.equal(h.release('slow-account'), 1, 'the page was waiting on its slow resource');
  await page.waitForFunction(() => document.readyState === 'complete');
  const [loaded] = await panelsUntil('after the load event', (p) => p.length === 1 && p[0].name === 'Northwind Freight');
  assert.equal(loaded.mark, 'first', 'the same panel, not reloaded when the channel offers it after the load event');
  assert.equal(loaded.problem, null);
  await page.close();
  await panelsUntil('after the tab closed', (p) => p.length === 0);
});

test('a second click closes the panel, a third opens it again, also after the worker stopped', async () => {
  const page = await h.openPage('/fixtures/slice/index.html');
  try {
    await h.clickAction(page);
    await panelsUntil('after the first click', (p) => p.length === 1 && p[0].ready);
    await h.clickAction(page);
    await panelsUntil('after the second click', (p) => p.length === 0);
    await h.clickAction(page);
    await panelsUntil('after the third click', (p) => p.length === 1 && p[0].ready);
    // The worker that wakes for the next click learns the panel is open
    // from session storage (after the click: it opens, a no-op, then closes).
    await stopWorker();
    await h.clickAction(page);
    await panelsUntil('after a click on a stopped worker', (p) => p.length === 0);
    await h.clickAction(page);
    await panelsUntil('after the next click', (p) => p.length === 1 && p[0].ready);
  } finally {
    await page.close();
  }
  await panelsUntil('after the tab closed', (p) => p.length === 0);
});

test('after a visit to another tab, a click on the first closes its panel', async () => {
  const first = await h.openPage('/fixtures/slice/index.html?first');
  const second = await h.openPage('/fixtures/slice/index.html?second');
  try {
    await first.bringToFront();
    await h.clickAction(first);
    await panelsUntil('after the click', (p) => p.length === 1 && p[0].ready);
    await second.bringToFront();
    await first.bringToFront();
    await panelsUntil('back on the first tab', (p) => p.length === 1 && p[0].ready);
    await h.clickAction(first);
    await panelsUntil('after the click back on the first tab', (p) => p.length === 0);
  } finally {
    await second.close();
    await first.close();
  }
});

test('a click that wakes a stopped service worker opens the panel too', async () => {
  await stopWorker();
  const page = await openSlowCrmPage();
  await h.clickAction(page);
  await panelsUntil('after the click on a stopped worker', (p) => p.length === 1 && p[0].ready);
  assert.notEqual(await page.evaluate(() => document.readyState), 'complete');
  h.release('slow-account');
  await panelsUntil('after the load event', (p) => p.length === 1 && p[0].name === 'Northwind Freight');
  await page.close();
  await panelsUntil('after the tab closed', (p) => p.length === 0);
});

test('a click on another site opens the panel, which says there is no CRM page to read', async () => {
  const other = await h.context.newPage();
  await other.goto(OTHER_SITE);
  await h.clickAction(other);
  const [shown] = await panelsUntil('on another site', (p) => p.length === 1 && p[0].problem !== null);
  assert.equal(
    shown.problem,
    'This tab is not a CRM page Defuse reads. Open a customer account in your CRM to start or follow its escalation; your escalations are listed here.',
  );
  assert.equal(shown.name, null);
  assert.equal(shown.reading, false);
  await other.close();
  await panelsUntil('after the tab closed', (p) => p.length === 0);
});

/** Stops our service worker the way Chrome does after idling (DevTools' ServiceWorker domain). */
async function stopWorker() {
  const cdp = await h.context.newCDPSession(ext);
  const ours = (versions, status) => versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${h.extensionId}/`) && v.runningStatus === status);
  const stopped = new Promise((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (ours(versions, 'stopped')) resolve(true);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const ok = await Promise.race([stopped, new Promise((r) => setTimeout(() => r(false), 10000))]);
  await cdp.detach();
  assert.ok(ok, 'the service worker did not stop');
}

test('the panel is offered on a CRM tab once its page has loaded, and not on another site', async () => {
  const crm = await h.openPage('/fixtures/slice/index.html');
  const crmTab = await h.tabIdOf(crm);
  await until('CRM tab after load', crmTab, true);

  const other = await h.context.newPage();
  await other.goto(OTHER_SITE);
  const otherTab = await ext.evaluate(async () => {
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
