// The worker's wake-up (worker-core.mjs `wakeUp`) with the real core, in
// Node, against a fake chrome.storage.local: every wake-up is a fresh worker
// (nothing kept in memory), so this is the restart path with a cold cache,
// a warm one, and a storage that changes under it. The plan must always be
// the one `reminders()` gives from every record.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from './harness.mjs';
import { wakeUp } from '../../www/background/worker-core.mjs';

let core;
before(async () => {
  core = await import(path.join(ROOT, 'pkg', 'node.js'));
});

const HOUR = 3600000;
const NOW = Date.parse('2026-11-27T12:00:00Z');

/** A fake chrome.storage.local that counts what each call reads. */
function fakeStorage(initial) {
  const data = new Map(Object.entries(initial));
  const log = { eventReads: 0, writes: [] };
  return {
    data,
    log,
    async getKeys() {
      return [...data.keys()];
    },
    async get(keys) {
      const out = {};
      for (const k of keys === null ? [...data.keys()] : keys) {
        if (data.has(k)) {
          out[k] = data.get(k);
          if (k.startsWith('defuse:ev:')) log.eventReads += 1;
        }
      }
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
      log.writes.push(...Object.keys(items));
    },
    async remove(keys) {
      for (const k of keys) data.delete(k);
    },
  };
}

function put(records, esc, n, at, body) {
  const id = `${esc}-${n}`;
  records[`defuse:ev:${esc}:${id}`] = JSON.stringify({ id, escalation: esc, at: new Date(at).toISOString(), body, v: 1 });
}

/** `open` escalations still running and `closed` ones done with. */
function workspace(open, closed) {
  const records = {};
  for (let i = 0; i < open + closed; i++) {
    const esc = `w${i}`;
    const start = i < closed ? NOW - (300 - i) * 24 * HOUR : NOW - (i - closed + 1) * 2 * HOUR;
    let t = start;
    let n = 0;
    const add = (step, body) => put(records, esc, n++, (t += step), body);
    add(0, { type: 'opened', account: `Account ${i}`, crmUrl: `https://acme.lightning.force.com/lightning/r/Account/${esc}/view`, reachedCsmAt: new Date(start).toISOString(), customerZone: 'Asia/Tokyo', csmZone: 'Europe/Paris', csmName: 'Jonas Weber' });
    add(HOUR / 2, { type: 'ack-sent', text: 'On it.', promisedUpdateAt: new Date(t + 6 * HOUR).toISOString() });
    if (i < closed) {
      add(HOUR, { type: 'resolved', rootCause: 'configuration' });
      add(HOUR, { type: 'closeout-sent', text: 'Done.' });
      for (const step of ['executive-relationship-call', 'health-score-reassessment', 'prevention-follow-up']) add(HOUR, { type: 'restoration-step-done', step, note: '' });
      add(HOUR, { type: 'closed' });
    }
  }
  return records;
}

// Events and settings: folds and the fold index are derived.
const everything = (storage) => [...storage.data].filter(([k]) => !k.startsWith('defuse:fold:') && k !== 'defuse:index');
const coldPlan = (storage, now) => core.reminders(everything(storage), now, 'en-US');

test('a cold wake-up plans from every event and leaves a fold per escalation', async () => {
  const storage = fakeStorage(workspace(3, 5));
  const plan = await wakeUp(storage, core, NOW, 'en-US');
  assert.deepEqual(plan, coldPlan(storage, NOW));
  assert.ok(plan.alarms.length > 0 && plan.badge >= 0);
  assert.equal(storage.log.writes.filter((k) => k.startsWith('defuse:fold:')).length, 8);
  assert.equal(storage.log.eventReads, everything(storage).length);
});

test('a restarted worker with warm folds reads no event and plans the same', async () => {
  const storage = fakeStorage(workspace(3, 5));
  await wakeUp(storage, core, NOW, 'en-US');
  storage.log.eventReads = 0;
  // A new worker: nothing in memory, only what storage holds.
  const plan = await wakeUp(storage, core, NOW + 1000, 'en-US');
  assert.deepEqual(plan, coldPlan(storage, NOW + 1000));
  // One open escalation's first update fell due at NOW: only it is decoded.
  assert.equal(storage.log.eventReads, 2);
  storage.log.eventReads = 0;
  assert.deepEqual(await wakeUp(storage, core, NOW + 2000, 'en-US'), coldPlan(storage, NOW + 2000));
  assert.equal(storage.log.eventReads, 0);
});

test('events written while the worker was stopped are seen at the next start', async () => {
  const storage = fakeStorage(workspace(2, 4));
  await wakeUp(storage, core, NOW, 'en-US');
  const added = {};
  put(added, 'w1', 99, NOW - 1000, { type: 'reopened', reason: 'Broken again.' });
  put(added, 'w4', 99, NOW - 500, { type: 'ack-sent', text: 'Again.', promisedUpdateAt: new Date(NOW + HOUR).toISOString() });
  for (const [k, v] of Object.entries(added)) storage.data.set(k, v);
  storage.log.eventReads = 0;
  const plan = await wakeUp(storage, core, NOW + 1000, 'en-US');
  assert.deepEqual(plan, coldPlan(storage, NOW + 1000));
  assert.ok(plan.alarms.some((a) => a.escalation === 'w1'), 'the reopened escalation is reminded of');
  const w1w4 = everything(storage).filter(([k]) => k.startsWith('defuse:ev:w1:') || k.startsWith('defuse:ev:w4:')).length;
  assert.equal(storage.log.eventReads, w1w4, 'only the two changed escalations were decoded');
});

test('a record removed between the key list and the read does not stop the plan', async () => {
  const storage = fakeStorage(workspace(2, 2));
  const get = storage.get.bind(storage);
  let first = true;
  storage.get = async (keys) => {
    if (first) {
      first = false;
      storage.data.delete('defuse:ev:w3:w3-1');
    }
    return get(keys);
  };
  const plan = await wakeUp(storage, core, NOW, 'en-US');
  assert.deepEqual(plan, coldPlan(storage, NOW));
  // Its fold was not written from half an escalation: the next wake-up
  // decodes it again and then keeps it.
  assert.deepEqual(await wakeUp(storage, core, NOW, 'en-US'), coldPlan(storage, NOW));
});

test('a warm wake-up reads only the folds of open escalations', async () => {
  const storage = fakeStorage(workspace(3, 5));
  await wakeUp(storage, core, NOW, 'en-US');
  const keys = [...storage.data.keys()];
  const want = core.wakeKeys(keys, NOW);
  assert.ok(want.every((k) => k.startsWith('defuse:fold:')), want.join(' '));
  assert.ok(want.length <= 3, 'closed escalations are judged from their key alone');
  assert.deepEqual(core.wakeKeys(keys.join('\n'), NOW), want, 'keys may cross as one string');
});

test('wakeKeys and reminderPass refuse what is not a key list', () => {
  assert.throws(() => core.wakeKeys(42, NOW), { message: '`keys` must be an array of strings (or one string of keys joined by "\\n"), not a number (42).' });
  assert.throws(() => core.wakeKeys([], NaN), { message: /^`nowMs` must be a time in milliseconds/ });
  assert.throws(() => core.reminderPass([], {}, NOW), { message: '`records` must be an array of [key, text] pairs, not an object.' });
  assert.throws(() => core.reminderPass([1], [], NOW), { message: /^The storage keys could not be read/ });
});

test('the wake-up keeps the fold index the panel starts from, and a failed index write costs no plan', async () => {
  const storage = fakeStorage(workspace(3, 5));
  await wakeUp(storage, core, NOW, 'en-US');
  const index = JSON.parse(storage.data.get('defuse:index'));
  const folds = [...storage.data.keys()].filter((k) => k.startsWith('defuse:fold:')).sort();
  assert.deepEqual(index.folds.map(([k]) => k).sort(), folds);
  // A quiet wake-up leaves it alone.
  storage.log.writes = [];
  await wakeUp(storage, core, NOW + 1000, 'en-US');
  assert.ok(!storage.log.writes.includes('defuse:index') || storage.log.writes.some((k) => k.startsWith('defuse:fold:')));
  // The quota is full: folds are written, the index is not; the plan stands.
  const added = {};
  put(added, 'w1', 99, NOW - 1000, { type: 'reopened', reason: 'Broken again.' });
  for (const [k, v] of Object.entries(added)) storage.data.set(k, v);
  const set = storage.set.bind(storage);
  storage.set = async (items) => {
    if ('defuse:index' in items) throw new Error('QUOTA_BYTES quota exceeded');
    return set(items);
  };
  assert.deepEqual(await wakeUp(storage, core, NOW + 2000, 'en-US'), coldPlan(storage, NOW + 2000));
});

test('asked to rebuild the index (a panel found it unusable), a quiet wake-up rewrites it from the folds', async () => {
  const storage = fakeStorage(workspace(2, 4));
  await wakeUp(storage, core, NOW, 'en-US');
  const good = storage.data.get('defuse:index');
  storage.data.set('defuse:index', '{"v":1,"folds":[["defuse:fold:');
  await wakeUp(storage, core, NOW + 1000, 'en-US');
  assert.equal(storage.data.get('defuse:index'), '{"v":1,"folds":[["defuse:fold:', 'a quiet wake-up does not read the index');
  storage.log.eventReads = 0;
  const plan = await wakeUp(storage, core, NOW + 2000, 'en-US', { rebuildIndex: true });
  assert.deepEqual(JSON.parse(storage.data.get('defuse:index')), JSON.parse(good));
  assert.equal(storage.log.eventReads, 0, 'from the folds alone');
  assert.deepEqual(plan, coldPlan(storage, NOW + 2000));
});
