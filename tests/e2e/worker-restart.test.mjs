// The service worker keeps nothing in memory (Chrome stops it after ~30 s
// idle): the action badge and the armed alarms must come out the same after
// a restart, and follow storage written while it was stopped. The worker is
// stopped the way Chrome does it, through DevTools' ServiceWorker domain.

import test from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let h;
let page; // an extension page: talks to the worker, reads badge and alarms

test.before(async () => {
  h = await launch();
  page = await h.context.newPage();
  h.watchPage(page, 'extension page');
  await page.goto(`chrome-extension://${h.extensionId}/manifest.json`);
});
test.after(async () => {
  await h.close();
});

const HOUR = 3600000;

/** One stored record per event, as the panel writes them (src/engine/record.rs). */
function record(escalation, n, at, body) {
  const id = `${escalation}-t${n}`;
  return [`defuse:ev:${escalation}:${id}`, JSON.stringify({ id, escalation, at: new Date(at).toISOString(), body, v: 1 })];
}

function opened(escalation, reachedAt, account) {
  return record(escalation, 0, reachedAt, {
    type: 'opened',
    account,
    reachedCsmAt: new Date(reachedAt).toISOString(),
    customerZone: 'Asia/Tokyo',
    csmZone: 'Europe/Paris',
    csmName: 'Jonas Weber',
  });
}

/** Badge text and Defuse's alarm names, as the browser holds them now. */
const state = () =>
  page.evaluate(async () => ({
    badge: await chrome.action.getBadgeText({}),
    alarms: (await chrome.alarms.getAll())
      .map((a) => a.name)
      .filter((n) => n.startsWith('defuse|'))
      .sort(),
  }));

async function until(what, test, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await state();
    if (test(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Stops our worker and resolves once DevTools reports it stopped. */
async function stopWorker() {
  const cdp = await h.context.newCDPSession(page);
  const ours = (versions, status) => versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${h.extensionId}/`) && v.runningStatus === status);
  let seen = 'unknown';
  const stopped = new Promise((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (ours(versions, 'running')) seen = 'running';
      if (ours(versions, 'stopped')) resolve(true);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const ok = await Promise.race([stopped, new Promise((r) => setTimeout(() => r(false), 10000))]);
  await cdp.detach();
  assert.ok(ok, `the service worker did not stop (last seen ${seen})`);
}

test('badge and alarms are the same after a service-worker restart, and follow storage written meanwhile', async () => {
  const now = Date.now();
  // One escalation whose acknowledgment is overdue (reached 5 h ago, due after 2 h),
  // one whose acknowledgment is still ahead (reached 30 min ago).
  const late = 'esc-restart-late';
  const fresh = 'esc-restart-fresh';
  await page.evaluate(
    (entries) => chrome.storage.local.set(Object.fromEntries(entries)),
    [opened(late, now - 5 * HOUR, 'Kiso Freight'), opened(fresh, now - HOUR / 2, 'Hallstatt Bikes')],
  );
  const before = await until('armed before the restart', (s) => s.badge === '1' && s.alarms.some((n) => n.includes(fresh)));

  await stopWorker();
  // Anything may wake the worker; alarms and badge outlive it (it re-arms at
  // a start only when the browser lost the last pass, see the next test).
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'panel-to-worker:no-such-message' }).catch(() => null));
  const after = await until('re-armed after the restart', (s) => s.badge === '1' && s.alarms.length === before.alarms.length);
  assert.deepEqual(after, before, 'the same badge and the same alarms, none lost, none doubled');

  // Written while the worker is stopped: the late escalation is acknowledged now.
  await stopWorker();
  await page.evaluate(
    (entry) => chrome.storage.local.set(Object.fromEntries([entry])),
    record(late, 1, Date.now(), { type: 'ack-sent', text: 'We are on it; an update follows by 6 PM.', promisedUpdateAt: new Date(Date.now() + 4 * HOUR).toISOString() }),
  );
  const acked = await until('the badge follows the acknowledgment', (s) => s.badge === '' && s.alarms.some((n) => n.includes(late) && /\|triage\|/.test(n)));
  assert.ok(acked.alarms.some((n) => n.includes(fresh)), 'the other escalation keeps its alarms');
});

test('the worker keeps a fold per escalation; after a restart a corrupt or foreign fold is rebuilt, never believed', async () => {
  const late = 'esc-restart-late';
  const fresh = 'esc-restart-fresh';
  const folds = () =>
    page.evaluate(async () => {
      const keys = (await chrome.storage.local.getKeys()).filter((k) => k.startsWith('defuse:fold:'));
      return chrome.storage.local.get(keys);
    });
  const keyOf = (all, esc) => Object.keys(all).find((k) => k.startsWith(`defuse:fold:${esc}:`));
  const stored = await folds();
  assert.equal(Object.keys(stored).length, 2, 'the worker stored both folds');
  const before = await state();

  await stopWorker();
  // While stopped: one fold made unreadable, the other replaced by a copy of
  // another escalation's fold (well-formed, but not what its key says).
  await page.evaluate(
    (entries) => chrome.storage.local.set(Object.fromEntries(entries)),
    [
      [keyOf(stored, fresh), '{"v":1,"source":'],
      [keyOf(stored, late), stored[keyOf(stored, fresh)]],
    ],
  );
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'panel-to-worker:rearm' }));
  const after = await state();
  assert.deepEqual(after, before, 'the same badge and alarms as before the folds were spoiled');
  const rebuilt = await folds();
  assert.equal(Object.keys(rebuilt).length, 2, 'spoiled folds replaced, not kept beside');
  for (const [key, text] of Object.entries(rebuilt)) {
    const fold = JSON.parse(text);
    assert.ok(key.startsWith(`defuse:fold:${fold.id}:`), 'each fold is its own escalation again');
    assert.ok(fold.source.events >= 1);
  }
});

test('a worker start re-arms when the browser lost the last pass (session storage cleared)', async () => {
  const before = await state();
  assert.equal(before.badge, '', 'the state the first test left');
  await stopWorker();
  // As after an update or a lost session: no record of the last pass, and a
  // badge that no longer says the truth.
  await page.evaluate(async () => {
    await chrome.storage.session.clear();
    await chrome.action.setBadgeText({ text: '9' });
  });
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'panel-to-worker:no-such-message' }).catch(() => null));
  const after = await until('re-armed at the start', (s) => s.badge === before.badge);
  assert.deepEqual(after, before);
  const info = await page.evaluate(() => chrome.storage.session.get('reminderInfo'));
  assert.ok(info.reminderInfo && Object.keys(info.reminderInfo).length === before.alarms.length, 'what each alarm says is stored again');
});

test('no errors in the service worker or the extension page', () => {
  assert.deepEqual(h.errors, []);
});
