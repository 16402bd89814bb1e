// End-to-end harness: real Chromium (Debian's /usr/bin/chromium) with the
// built extension (dist/) loaded, through playwright-core, and the fixture
// server on 127.0.0.1. Collects console errors of the service worker and of
// every extension page so tests can assert there were none.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../tools/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, extensionArgs } from '../../tools/chromium.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');

/** `dist`: another unpacked build to load (a test's variant of dist/). */
export async function launch({ dist = DIST } = {}) {
  if (!fs.existsSync(path.join(dist, 'manifest.json'))) throw new Error(`${dist} is not built: run make build`);
  const { server, origin, release } = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The DevTools Extensions domain (clickAction below) needs this flag.
    args: [...extensionArgs(dist), ...CHROMIUM_ARGS, '--enable-unsafe-extension-debugging'],
  });
  const errors = [];
  const watchWorker = (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`service worker: ${msg.text()}`);
    });
  };
  context.on('serviceworker', watchWorker);
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  watchWorker(worker);
  const extensionId = new URL(worker.url()).host;

  const watchPage = (page, name) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`${name}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`${name}: ${err.message}`));
  };

  return {
    context,
    worker,
    extensionId,
    origin,
    errors,
    /** Opens a fixture/demo page and waits until it has loaded. */
    async openPage(urlPath) {
      const page = await context.newPage();
      await page.goto(origin + urlPath, { waitUntil: 'load' });
      return page;
    },
    /** The Chrome tab id of a page, asked of the extension's service worker. */
    async tabIdOf(page) {
      const url = page.url();
      return worker.evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        const tab = tabs.find((t) => t.url === u);
        return tab ? tab.id : null;
      }, url);
    },
    /** Opens the panel as a pop-out tab bound to `tabId`; watches its errors. */
    async openPanel(tabId) {
      const panel = await context.newPage();
      watchPage(panel, 'panel');
      await panel.goto(`chrome-extension://${extensionId}/panel.html?tab=${tabId}`);
      await panel.waitForSelector('html[data-ready="true"]', { timeout: 10000 });
      return panel;
    },
    watchPage,
    /** Lets the fixture server answer the requests held at /hold/<name>. */
    release,
    /**
     * Clicks Defuse's toolbar button on `page`'s tab, as the user does (a
     * real click with its user gesture, through DevTools'
     * Extensions.triggerAction on the tab's target).
     */
    async clickAction(page) {
      const cdp = await context.browser().newBrowserCDPSession();
      try {
        const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
        const tabs = targetInfos.filter((t) => t.url === page.url());
        if (tabs.length !== 1) throw new Error(`${tabs.length} tabs at ${page.url()}: cannot tell which to click on`);
        await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tabs[0].targetId });
      } finally {
        await cdp.detach();
      }
    },
    async close() {
      await context.close();
      server.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the page agent's `takeSnapshot` (www/agent/snapshot.js, the very file
 * the extension bundles) inside `page`, in the page's own world, and returns
 * what `expression` makes of it. `expression` sees `takeSnapshot` in scope,
 * e.g. `takeSnapshot(document)`. DevTools evaluation is not subject to the
 * page's CSP, so this works on strict-CSP fixtures too.
 */
export async function inPageWithSnapshot(page, expression) {
  // snapshot.js imports conversation.js and fields.js: all inlined, imports dropped.
  const read = (name) => fs.readFileSync(path.join(ROOT, 'www', 'agent', name), 'utf8').replace(/^export /gm, '').replace(/^import .*$/gm, '');
  const src = ['conversation.js', 'fields.js', 'snapshot.js'].map(read).join('\n');
  return page.evaluate(`(async () => {\n${src}\nreturn (${expression});\n})()`);
}

/** The snapshot the agent would take of `page` now. */
export function snapshotOf(page) {
  return inPageWithSnapshot(page, 'takeSnapshot(document)');
}

/** Waits until a fixture says it has finished rendering (`html[data-fixture-ready]`). */
export async function fixtureReady(page, timeout = 10000) {
  await page.waitForSelector('html[data-fixture-ready]', { timeout, state: 'attached' });
}

// ---- Helpers for the insert tests (tests/e2e/insert.test.mjs) ----

/**
 * Sends the panel's insert message to a tab's top-frame agent from the
 * service worker: the same message the panel's host sends
 * (`host.insert(payload)` in www/hosts/extension.js). Returns the result.
 */
export async function sendInsert(h, tabId, payload) {
  const response = await h.worker.evaluate(
    ([id, p]) => chrome.tabs.sendMessage(id, { type: 'panel-to-agent:insert', subject: p.subject, text: p.text, html: p.html }, { frameId: 0 }),
    [tabId, payload],
  );
  if (!response || response.type !== 'agent-to-panel:insert-result') throw new Error('unexpected answer: ' + JSON.stringify(response));
  return response.result;
}

/** Opens an editor fixture and waits until its editor is ready (in `frameUrlPart`'s frame if given). */
export async function openFixture(h, urlPath, frameUrlPart) {
  const page = await h.openPage(urlPath);
  let frame = page.mainFrame();
  if (frameUrlPart) {
    const deadline = Date.now() + 10000;
    for (;;) {
      frame = page.frames().find((f) => f.url().includes(frameUrlPart));
      if (frame || Date.now() > deadline) break;
      await page.waitForTimeout(50);
    }
    if (!frame) throw new Error(`no frame ${frameUrlPart} in ${urlPath}`);
  }
  await frame.waitForFunction(() => document.documentElement.dataset.fixtureReady === 'true', null, { timeout: 15000 });
  return { page, frame, tabId: await h.tabIdOf(page) };
}
