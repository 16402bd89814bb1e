// The service worker's own decisions, in Node (no browser): the message
// table and its sender checks, re-arm coalescing, alarm reconciliation.

import test from 'node:test';
import assert from 'node:assert/strict';
import { createCoalescer, createDispatcher, reconcileAlarms, senderContext, storedPairs } from '../../www/background/worker-core.mjs';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const panel = { id: ID, url: `chrome-extension://${ID}/panel.html`, origin: `chrome-extension://${ID}` };
const popout = { ...panel, url: `chrome-extension://${ID}/panel.html?tab=7`, tab: { id: 9 } };
const content = { id: ID, url: 'https://acme.lightning.force.com/lightning/r/Account/1/view', origin: 'https://acme.lightning.force.com', tab: { id: 7 }, frameId: 0 };
const other = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html' };
const web = { url: 'https://evil.example/', tab: { id: 3 } };

test('senders are classified by id and URL, never by what they claim', () => {
  assert.equal(senderContext(panel, ID), 'extension-page');
  assert.equal(senderContext(popout, ID), 'extension-page');
  assert.equal(senderContext(content, ID), 'content-script');
  assert.equal(senderContext(other, ID), null);
  assert.equal(senderContext(web, ID), null);
  assert.equal(senderContext({ ...content, url: `chrome-extension://${ID}/panel.html`, origin: 'https://evil.example' }, ID), null);
  assert.equal(senderContext(undefined, ID), null);
});

test('each message is accepted only from the context meant to send it', async () => {
  let calls = 0;
  const dispatch = createDispatcher({ 'panel-to-worker:rearm': { from: ['extension-page'], handle: () => ({ ok: true, n: ++calls }) } }, ID);
  assert.deepEqual(await dispatch({ type: 'panel-to-worker:rearm' }, panel), { ok: true, n: 1 });
  assert.deepEqual(await dispatch({ type: 'panel-to-worker:rearm' }, popout), { ok: true, n: 2 });
  for (const sender of [content, other, web]) assert.equal(dispatch({ type: 'panel-to-worker:rearm' }, sender), undefined);
  for (const message of [null, 'panel-to-worker:rearm', { type: 'toString' }, { type: '__proto__' }, { type: 'agent-to-panel:snapshot' }, { type: 7 }]) {
    assert.equal(dispatch(message, panel), undefined, JSON.stringify(message));
  }
  assert.equal(calls, 2);
});

test('a change arriving mid-pass gets a pass that starts after it', async () => {
  let storage = 0;
  const seen = [];
  let release;
  const schedule = createCoalescer(async () => {
    const read = storage; // the pass reads storage first…
    await new Promise((r) => {
      release = r;
    });
    seen.push(read); // …and arms from what it read
    return read;
  });
  const first = schedule();
  await Promise.resolve();
  storage = 1; // a change lands while the first pass is running
  const second = schedule();
  const third = schedule(); // a burst shares the follow-up pass
  release();
  assert.equal(await first, 0);
  await new Promise((r) => setTimeout(r, 0));
  release();
  assert.equal(await second, 1);
  assert.equal(await third, 1);
  assert.deepEqual(seen, [0, 1], 'the last pass saw the change; bursts did not multiply passes');
});

test('a failing pass does not stop later passes', async () => {
  let n = 0;
  const errors = [];
  const schedule = createCoalescer(async () => {
    n += 1;
    if (n === 1) throw new Error('storage unavailable');
    return n;
  }, (e) => errors.push(e.message));
  assert.equal(await schedule(), null);
  assert.equal(await schedule(), 2);
  assert.deepEqual(errors, ['storage unavailable']);
});

test('alarms are reconciled with the plan; unreadable times are never armed', () => {
  const existing = [{ name: 'defuse|a|ack|due|1' }, { name: 'defuse|a|ack|soon|1' }, { name: 'someone-else' }];
  const plan = [
    { name: 'defuse|a|ack|due|1', when: '2026-11-27T10:00:00Z' },
    { name: 'defuse|a|triage|due|2', when: '2026-11-27T10:30:00Z' },
    { name: 'defuse|a|x|due|3', when: '+10000-01-01T00:00:00Z' },
    { name: 'other|a', when: '2026-11-27T10:30:00Z' },
  ];
  assert.deepEqual(reconcileAlarms(existing, plan, 'defuse|'), {
    clear: ['defuse|a|ack|soon|1'],
    create: [{ name: 'defuse|a|triage|due|2', when: Date.parse('2026-11-27T10:30:00Z') }],
  });
});

test('every stored pair goes to the core as text, whatever its key', () => {
  assert.deepEqual(storedPairs({ 'defuse:ev:a:1': '{"x":1}', settings: { a: 1 }, n: 3, u: undefined }), [
    ['defuse:ev:a:1', '{"x":1}'],
    ['settings', '{"a":1}'],
    ['n', '3'],
  ]);
});
