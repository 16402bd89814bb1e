// The Firefox package in real Firefox (Debian's firefox-esr, headless),
// driven over Marionette (tools/marionette.mjs; no geckodriver here). The
// add-on installed, as a temporary add-on, is the Firefox build: the zip of
// `make package` when it is newer than dist/ (in `make test`), else dist/
// staged with the derived manifest by the same code (tools/package.mjs).
// The panel is mostly opened as a tab (Marionette drives tabs); the last
// test opens the real sidebar from the toolbar button and reads it through
// the add-on's own extension.getViews.
//
// Skipped, with the reason, where no Firefox is installed; tools/setup.sh
// installs firefox-esr, so CI runs it.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFirefox, startFirefox } from '../../tools/marionette.mjs';
import { firefoxManifest, DEV_HOSTS, GECKO_ID } from '../../tools/manifest.mjs';
import { stage } from '../../tools/package.mjs';
import { startServer } from '../../tools/serve.mjs';
import { DIST, ROOT } from './harness.mjs';
import { PAYLOAD, CHARS, norm } from './insert-lib.mjs';

const FIREFOX = findFirefox();
const skip = FIREFOX ? false : 'no Firefox installed (firefox-esr or firefox on PATH, or $FIREFOX): tools/setup.sh installs firefox-esr';

let ff;
let work; // the staged builds
let server;
let origin;
let base; // moz-extension://<uuid>/ of the installed add-on

/**
 * Installs `dir` as a new install (any earlier build is uninstalled first:
 * installed over it, as an update, it would not be granted host permissions
 * that build lacked) and returns its base URL.
 */
async function install(dir) {
  if (base) {
    // A tab showing the add-on's page closes with the add-on, and with the
    // last tab the window and Firefox would go.
    await ff.navigate('about:blank');
    await ff.send('Addon:Uninstall', { id: GECKO_ID });
  }
  const id = await ff.install(dir);
  assert.equal(id, GECKO_ID, 'installed under the gecko id of the Firefox manifest');
  return privileged('return WebExtensionPolicy.getByID(arguments[0]).getURL("")', [id]);
}

/** Runs `script` in Firefox's privileged scope (the browser window), then returns to the page. */
async function privileged(script, args = []) {
  await ff.setContext('chrome');
  try {
    return await ff.run(script, args);
  } finally {
    await ff.setContext('content');
  }
}

/**
 * Errors the add-on's own scripts (its pages, its event page, its content
 * scripts) raised so far, uncaught exceptions and unhandled rejections, from
 * Firefox's console service in the privileged scope: every process reports
 * script errors there. (console.error calls stay in the process that made
 * them; Defuse makes one, when the panel cannot start, which the waits for
 * a drawn panel catch.)
 */
async function addonErrors() {
  return privileged(
    `const base = arguments[0];
     return (Services.console.getMessageArray() || [])
       .filter((m) => m instanceof Ci.nsIScriptError && !(m.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag)))
       .filter((m) => String(m.sourceName).startsWith(base))
       .map((m) => m.sourceName + ':' + m.lineNumber + ' ' + m.errorMessage);`,
    [base],
  );
}

/** Newest modification time of the files under `dir`. */
function newestUnder(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestUnder(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Installs the Firefox build, unless it is installed; returns what was
 * installed. 'store': the zip `make package` wrote when it is newer than
 * dist/ (so in `make test`, whose package stage runs first), else the same
 * files staged from dist/ with the same code. 'dev': the staged files plus
 * the loopback hosts, as dist/ has them for the Chromium tests, so the
 * fixture server's pages are CRM pages.
 */
let installed = null;
async function installBuild(kind) {
  if (installed === kind) return null;
  installed = null;
  const source = JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));
  const zip = path.join(ROOT, 'target', `defuse-${source.version}-firefox.zip`);
  let what;
  if (kind === 'store' && fs.existsSync(zip) && fs.statSync(zip).mtimeMs >= newestUnder(DIST)) {
    what = zip;
  } else {
    const manifest = firefoxManifest(source);
    if (kind === 'dev') {
      manifest.host_permissions.push(...DEV_HOSTS);
      for (const cs of manifest.content_scripts) cs.matches.push(...DEV_HOSTS);
    }
    what = stage(`firefox-${kind}`, manifest, work);
  }
  base = await install(what);
  installed = kind;
  return what;
}

/** The extension's id of the tab showing `url` (asked from the add-on's page in the current tab). */
async function tabIdOf(url) {
  const tabs = await ff.run('return browser.tabs.query({}).then((t) => t.map((x) => [x.id, x.url]))');
  const tab = tabs.find(([, u]) => u === url);
  assert.ok(tab, `no tab at ${url}: ${JSON.stringify(tabs)}`);
  return tab[0];
}

/** Opens the panel in the current tab (`query` e.g. '?tab=3') and waits until it has drawn. */
async function openPanel(query = '') {
  await ff.navigate(base + 'panel.html' + query);
  await ff.waitFor('return document.documentElement.dataset.ready === "true"', [], { what: 'the panel to draw' });
}

const text = (css) => ff.run('const e = document.querySelector(arguments[0]); return e ? e.textContent : null', [css]);
const attr = (css, name) => ff.run('const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null', [css, name]);

/** Sets a date / datetime-local field as the browser's picker would (no typing into its segments). */
const pick = (css, value) =>
  ff.run(
    `const e = document.querySelector(arguments[0]);
     e.value = arguments[1];
     e.dispatchEvent(new Event('input', { bubbles: true }));
     e.dispatchEvent(new Event('change', { bubbles: true }));`,
    [css, value],
  );

describe('the Firefox package in Firefox', { skip }, () => {
  before(async () => {
    if (!fs.existsSync(path.join(DIST, 'manifest.json'))) throw new Error(`${DIST} is not built: run make build`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-ff-build-'));
    ({ server, origin } = await startServer());
    ff = await startFirefox();
  }, { timeout: 60000 });
  after(async () => {
    await ff?.close();
    server?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  }, { timeout: 30000 });

  test('the store build: the panel draws, an escalation starts, survives a reload, and exports', { timeout: 60000 }, async (t) => {
    const what = await installBuild('store');
    t.diagnostic(`installed ${what.endsWith('.zip') ? path.relative(ROOT, what) : 'dist/ staged with the Firefox manifest'}`);
    assert.match(base, /^moz-extension:\/\/[0-9a-f-]{36}\/$/);

    // The panel draws (the wasm core ran) and knows it is in Firefox's sidebar host.
    await openPanel();
    assert.equal(await attr('#app', 'data-host'), 'sidebar');
    assert.equal(await text('[data-action=open]'), 'Start the escalation clock');

    // A CSM starts an escalation from the form, typing as a user does.
    await ff.type('#f-open-account', 'Lumen Optics');
    await ff.type('#f-open-arr', '$1,240,000');
    await pick('#f-open-renewal', '2027-03-31');
    // It reached the CSM ten minutes ago, on the panel's clock and zone.
    const reached = await ff.run(`const d = new Date(Date.now() - 10 * 60000);
      const p = (n) => String(n).padStart(2, '0');
      return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes());`);
    await pick('#f-open-reached', reached);
    await ff.type('#f-open-customer-zone', 'America/Chicago');
    await ff.type('#f-open-csm-name', 'Priya Raman');
    await ff.click('[data-action=open]');

    // The acknowledgment clock runs from when it reached the CSM, with its draft.
    await ff.waitFor('return document.querySelector("[data-testid=next-deadline]")', [], { what: 'the countdown' });
    assert.equal(await attr('[data-testid=next-deadline]', 'data-kind'), 'acknowledgment');
    const due = Date.parse(await attr('[data-testid=next-deadline]', 'data-due'));
    assert.ok(Math.abs(due - (Date.now() - 10 * 60e3 + 2 * 3600e3)) < 90e3, 'due 2 h after it reached the CSM');
    assert.match(await text('#countdown-headline'), /^Acknowledgment due in 1 h (4\d|50) min$/);
    assert.equal(await attr('[data-testid=step-acknowledge]', 'aria-current'), 'step');
    assert.equal(await text('[data-testid=account-name]'), 'Lumen Optics');
    assert.match(await text('[data-testid=account-arr]'), /^1,240,000 USD/);
    assert.match(await text('[data-testid=account-renewal]'), /^31 March 2027/);
    const draft = await ff.run('return document.querySelector("[data-testid=draft]").value');
    assert.match(draft, /^Lumen Optics team - I hear you\./);
    assert.match(draft, /status update to you by \d{1,2}:\d\d [AP]M CST (today|tomorrow)/, draft);
    assert.match(draft, /\n\nPriya Raman$/);

    // The event page armed the reminder alarms for it (its wasm core ran too).
    const alarms = await ff.waitFor(
      'return browser.alarms.getAll().then((all) => { const ours = all.map((a) => a.name).filter((n) => n.startsWith("defuse|")); return ours.length ? ours : null; })',
      [],
      { what: 'the event page to arm alarms' },
    );
    assert.ok(alarms.some((n) => /^defuse\|esc-[^|]+\|acknowledgment\|/.test(n)), alarms.join('\n'));
    // One fires now, as Firefox would at its time: the event page shows the reminder.
    const notified = await ff.run(
      `const name = arguments[0];
       await browser.alarms.create(name, { when: Date.now() + 20 });
       const deadline = Date.now() + 10000;
       while (Date.now() < deadline) {
         if ((await browser.notifications.getAll())[name]) return name;
         await new Promise((r) => setTimeout(r, 100));
       }
       return null;`,
      [alarms[0]],
    );
    assert.equal(notified, alarms[0], 'a notification was shown');
    const info = await ff.run('return browser.storage.session.get("reminderInfo").then((s) => s.reminderInfo[arguments[0]])', [alarms[0]]);
    assert.match(info.title, /^Lumen Optics: due (soon|now)$/);
    await ff.run('return browser.notifications.clear(arguments[0])', [alarms[0]]);

    // Reload the tab: the escalation is still there (storage.local), and opens again.
    await ff.refresh();
    await ff.waitFor('return document.documentElement.dataset.ready === "true"', [], { what: 'the panel to draw again' });
    const item = await ff.waitFor('const e = document.querySelector("[data-testid=escalation-item]"); return e && e.textContent', [], { what: 'the stored escalation in the list' });
    assert.match(item, /^Lumen Optics — Send the acknowledgment/);
    await ff.click('[data-testid=escalation-item]');
    await ff.waitFor('return document.querySelector("[data-testid=next-deadline]")', [], { what: 'the escalation to open' });
    assert.equal(Date.parse(await attr('[data-testid=next-deadline]', 'data-due')), due);

    // What storage.local holds: one event, the opening, as the form said.
    const stored = await ff.run('return browser.storage.local.get(null)');
    const events = Object.entries(stored).filter(([k]) => k.startsWith('defuse:ev:'));
    assert.equal(events.length, 1, Object.keys(stored).join('\n'));
    const opened = JSON.parse(events[0][1]).body;
    assert.equal(opened.type, 'opened');
    assert.equal(opened.account, 'Lumen Optics');
    assert.deepEqual(opened.arr, { cents: 124000000, currency: 'USD', currencyAssumed: true });
    assert.equal(opened.renewal, '2027-03-31');
    assert.equal(opened.customerZone, 'America/Chicago');
    assert.equal(opened.csmName, 'Priya Raman');

    // Export: Firefox saves the file (downloads go to the profile, unasked).
    if (!(await ff.run('return document.querySelector("details.tools").open'))) await ff.click('details.tools summary');
    await ff.click('[data-action=export]');
    const deadline = Date.now() + 10000;
    let file;
    let doc;
    const saved = () => {
      file = fs.readdirSync(ff.downloads).find((f) => f.endsWith('.json'));
      try {
        return file && (doc = JSON.parse(fs.readFileSync(path.join(ff.downloads, file), 'utf8')));
      } catch {
        return null; // still being written
      }
    };
    while (!saved()) {
      if (Date.now() > deadline) assert.fail(`no export saved in ${ff.downloads}: ${fs.readdirSync(ff.downloads).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(file, /^defuse-export-\d{4}-\d\d-\d\d\.json$/);
    assert.equal(doc.format, 'defuse-export');
    assert.equal(doc.records.length, 1);
    assert.match(JSON.stringify(doc.records[0]), /Lumen Optics/);

    assert.deepEqual(await addonErrors(), []);
  });

  test('with the loopback hosts (as dist/ has them): the content script reads a strict-CSP CRM page', { timeout: 60000 }, async () => {
    await installBuild('dev');

    const panelTab = await ff.handle();
    const crmTab = await ff.newTab();
    await ff.navigate(origin + '/fixtures/slice/index.html');
    await ff.waitFor('return document.documentElement.dataset.fixtureReady === "true"', [], { what: 'the fixture' });
    await ff.switchTo(panelTab);
    await openPanel();
    // Host permissions are granted at install: the CRM tab's URL is visible.
    const granted = await ff.run('return browser.permissions.getAll().then((p) => p.origins)');
    assert.ok(granted.includes('http://127.0.0.1/*'), granted.join('\n'));
    await openPanel(`?tab=${await tabIdOf(origin + '/fixtures/slice/index.html')}`);
    assert.equal(await attr('#app', 'data-host'), 'tab');
    const name = await ff.waitFor('const e = document.querySelector("[data-testid=account-name]"); return e && e.textContent', [], { what: 'the account read from the page' });
    assert.equal(name, 'Acme Robotics');
    assert.match(await text('[data-testid=account-arr]'), /^480,000 USD/);
    assert.match(await text('[data-testid=account-renewal]'), /^30 June 2027/);

    // The page changes: the content script sends a new snapshot to the panel.
    await ff.switchTo(crmTab);
    await ff.run('document.querySelector("td.dataCol").textContent = "Acme Robotics GmbH"');
    await ff.switchTo(panelTab);
    await ff.waitFor('return document.querySelector("[data-testid=account-name]").textContent === "Acme Robotics GmbH"', [], { what: 'the panel to follow the page' });

    assert.deepEqual(await addonErrors(), []);
  });

  test("the agent inserts a status update into the CRM's composer: native text, and editors' own APIs through the MAIN-world helper", { timeout: 60000 }, async () => {
    await installBuild('dev');
    await openPanel();
    const panelTab = await ff.handle();
    // Which route each takes (www/agent/insert.js): Quill and CKEditor 5 are
    // reached through their own API in the page's MAIN world.
    const cases = [
      { fixture: 'textarea', editor: 'textarea', route: 'native text', rich: false },
      { fixture: 'quill', editor: 'Quill', route: 'editor API', rich: true },
      { fixture: 'ck5', editor: 'CKEditor 5', route: 'editor API', rich: true },
    ];
    for (const c of cases) {
      const url = `${origin}/fixtures/editors/${c.fixture}.html`;
      const tab = await ff.newTab();
      await ff.navigate(url);
      await ff.waitFor('return document.documentElement.dataset.fixtureReady === "true"', [], { what: `the ${c.editor} fixture` });
      await ff.run('window.fixture.caretAfter("Hello Dana,")');
      await ff.switchTo(panelTab);
      // The very message the panel's Insert button sends (host.insert in www/hosts/extension.js).
      const answer = await ff.run('return browser.tabs.sendMessage(arguments[0], { type: "panel-to-agent:insert", ...arguments[1] }, { frameId: 0 })', [await tabIdOf(url), PAYLOAD]);
      assert.equal(answer && answer.type, 'agent-to-panel:insert-result', JSON.stringify(answer));
      const r = answer.result;
      assert.equal(r.ok, true, r.message);
      assert.equal(r.editor, c.editor);
      assert.equal(r.path, c.route);
      assert.equal(r.chars, CHARS);
      assert.equal(r.subject, 'filled');
      await ff.switchTo(tab);
      const body = norm(await ff.run('return window.fixture.text()'));
      const at = ['Hello Dana,', 'Current status: Investigating', 'Next update: tomorrow 10:00 CET.', 'thanks for your patience.'].map((t) => body.indexOf(t));
      assert.ok(at[0] >= 0 && at.every((i, k) => k === 0 || i > at[k - 1]), `the message is at the caret, the old text kept around it: ${body}`);
      assert.ok(body.includes('the customer wrote "<urgent>".'), 'escaped markup arrives as text');
      if (c.rich) assert.equal(await ff.run('return window.fixture.bold("Current status:")'), true, 'field labels are bold in the model');
      assert.equal(await ff.run('return document.getElementById("subject").value'), PAYLOAD.subject);
      await ff.switchTo(panelTab);
    }
    assert.deepEqual(await addonErrors(), []);
  });

  test('the sidebar: the toolbar button toggles it, and it shows the account of the active tab as tabs change', { timeout: 60000 }, async () => {
    await installBuild('dev');
    await openPanel(); // an add-on page to look into the sidebar from (extension.getViews)
    const panelTab = await ff.handle();
    // Their own URLs: tabs of the tests before are still open.
    const acme = `${origin}/fixtures/slice/index.html?in=sidebar`;
    const umbrella = `${origin}/fixtures/crm/classic/index.html?in=sidebar`;
    for (const url of [acme, umbrella]) {
      await ff.newTab();
      await ff.navigate(url);
      await ff.waitFor('return document.readyState === "complete"', [], { what: url });
    }
    await ff.switchTo(panelTab);
    // Firefox's internals, privileged: select a tab as the user does, and
    // press the toolbar button as Firefox does for its keyboard shortcut
    // (with user input: sidebarAction.toggle needs it). Not a public API;
    // if a Firefox release renames these, this test says so here.
    const select = (url) => privileged('gBrowser.selectedTab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === arguments[0]);', [url]);
    const toolbarButton = () =>
      privileged(
        `const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
         const { ExtensionCommon } = ChromeUtils.importESModule('resource://gre/modules/ExtensionCommon.sys.mjs');
         const action = ExtensionParent.apiManager.global.browserActionFor(ExtensionParent.GlobalManager.getExtension(arguments[0]));
         ExtensionCommon.withHandlingUserInput(window, () => action.triggerAction(window));`,
        [GECKO_ID],
      );
    const sidebarOpen = () => privileged('return window.SidebarController.isOpen && window.SidebarController.currentID.endsWith("-sidebar-action")');
    /** What the sidebar shows: its host and the account name, read from its own document. */
    const sidebar = () =>
      ff.run(`const [view] = browser.extension.getViews({ type: 'sidebar' });
              if (!view || view.document.documentElement.dataset.ready !== 'true') return null;
              const name = view.document.querySelector('[data-testid=account-name]');
              return { host: view.document.getElementById('app').dataset.host, account: name && name.textContent };`);

    await select(acme);
    assert.equal(await sidebarOpen(), false);
    await toolbarButton();
    const until = async (account) => {
      const deadline = Date.now() + 10000;
      let seen;
      while (!((seen = await sidebar()) && seen.account === account)) {
        if (Date.now() > deadline) assert.fail(`the sidebar shows ${JSON.stringify(seen)}, not ${account}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return seen;
    };
    assert.equal((await until('Acme Robotics')).host, 'sidebar');
    assert.equal(await sidebarOpen(), true);
    await select(umbrella);
    await until('Umbrella Industries');
    await select(acme);
    await until('Acme Robotics');
    // A second press closes it.
    await toolbarButton();
    const deadline = Date.now() + 10000;
    while (await sidebarOpen()) {
      if (Date.now() > deadline) assert.fail('the sidebar stayed open');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(await addonErrors(), []);
  });
});
