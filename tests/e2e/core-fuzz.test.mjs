// A fuzz pass over every export of the core's JS API (and every method of
// the Escalation class) with hostile values: wrong types, NaN and infinities,
// extreme and unreadable dates, lone surrogates, 1 MB strings, duplicated and
// shuffled logs. Each call must either answer or throw an `Error` with a
// message; a wasm trap (`unreachable`, `memory access out of bounds`) fails.
// The seed is fixed and the number of calls bounded; nothing is timed.
// `startPanel` is left out: it needs a DOM and a host (tests/web.rs, e2e).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const SEED = 0x5eed_d3f5;
const CALLS = 4000;

let core;
before(async () => {
  core = await import(path.join(ROOT, 'pkg', 'node.js'));
});

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MB = 'Escalation! '.repeat(Math.ceil((1 << 20) / 12)).slice(0, 1 << 20);
const EXTREME_ISO = ['+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '9999-12-31T23:59:60Z', '0000-01-01T00:00:00+14:00', '2026-02-30T10:00:00Z', '2026-11-27T14:00:00+99:00', '', 'now'];
const EXTREME_MS = [NaN, Infinity, -Infinity, 8.64e15, -8.64e15, 8.64e15 + 1, Number.MAX_VALUE, -0, 0.5, 2 ** 53];

function opened(id, account = 'Northwind') {
  return { id: 'o-' + id, escalation: id, at: '2026-11-27T14:00:00Z', body: { type: 'opened', account, reachedCsmAt: '2026-11-27T14:00:00Z', customerZone: 'America/Chicago', csmZone: 'Europe/Berlin', csmName: 'Priya Raman' } };
}

function validLog() {
  const e = (id, at, body) => ({ id, escalation: 'esc', at, body });
  return [
    opened('esc'),
    e('a1', '2026-11-27T15:00:00Z', { type: 'ack-sent', text: 'On it', promisedUpdateAt: '2026-11-27T20:00:00Z' }),
    e('t1', '2026-11-27T15:10:00Z', { type: 'triage-answer', question: 'impact', answer: 'No shipments' }),
    e('d1', '2026-11-27T15:20:00Z', { type: 'dri-assigned', name: 'Priya Raman', role: 'csm' }),
    e('u1', '2026-11-28T15:00:00Z', { type: 'update-sent', status: 'in-progress', whatHappenedToday: 'x', whatHappensNext: 'y', eta: 'z' }),
    e('r1', '2026-11-29T15:00:00Z', { type: 'resolved', rootCause: 'configuration' }),
    e('n1', '2026-11-29T16:00:00Z', { type: 'note', text: '\ud83d lone' }),
  ];
}

function values(r) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  const log = validLog();
  const shuffled = () => [...log, ...log].sort(() => r() - 0.5);
  const generators = [
    () => undefined, () => null, () => pick(EXTREME_MS), () => Math.floor(r() * 2e12), () => true, () => 'x',
    () => '\ud800', () => 'a\udfffb\ud83d', () => pick(EXTREME_ISO), () => 10n, () => Symbol('s'), () => () => 1,
    () => ({}), () => [], () => [[]], () => [['defuse:ev:esc:a1', '{"v":1']], () => ({ fields: 'no' }), () => ({ fields: [{ label: 7 }] }),
    () => ({ fields: [{ label: 'Account Name', value: '\ud83dNorthwind', attrs: { x: '\udc00' } }], lang: '\ud800' }),
    () => log, () => shuffled(), () => log.map((e) => ({ ...e, at: pick(EXTREME_ISO) })), () => [opened('esc'), opened('other', 'Globex')],
    () => [{ ...log[0], body: { ...log[0].body, reachedCsmAt: pick(EXTREME_ISO) } }],
    () => ({ type: 'dri-assigned', name: pick(['the team', '\ud800', '', 'A and B']), role: 'csm', at: pick(EXTREME_ISO) }),
    () => ({ type: pick(['note', 'closed', 'opened', 'ack-sent', 'x']), at: pick([...EXTREME_ISO, ...EXTREME_MS]), text: '\ud83d' }),
    () => ({ customerName: '\ud800', senderName: 'P', now: pick(EXTREME_ISO), promisedUpdateAt: pick(EXTREME_ISO), customerZoneLabel: 'CST', driName: 'A', questions: [], actionsTaken: [], items: [], proposedTimes: [pick(EXTREME_ISO)] }),
    () => ({ kind: 'acknowledgment', stage: 'acknowledge', now: pick(EXTREME_ISO) }),
    () => JSON.stringify({ format: 'defuse-export', version: 1, records: [] }),
    () => pick(['acknowledgment', 'daily-update', 'no-news-update', 'closeout', 'restoration-exec-call', 'haiku', 'en', 'de', 'fr', '']),
    () => ({ account: 'A', receivedAt: pick(EXTREME_ISO), customerTimeZone: '\ud800', csmName: 'B', csmTimeZone: 'Mars/Base' }),
    () => ({ businessDays: pick([true, 'yes', null]) }),
  ];
  return () => pick(generators)();
}

function isTrap(error) {
  const text = String(error && error.message);
  return error instanceof WebAssembly.RuntimeError || /unreachable|memory access out of bounds|recursive use of an object|null pointer passed to rust|already borrowed/.test(text);
}

function call(name, fn, args, failures) {
  try {
    fn(...args);
  } catch (error) {
    if (isTrap(error) || !(error instanceof Error) || typeof error.message !== 'string' || error.message.length === 0) {
      failures.push(`${name}(${args.map((a) => (typeof a === 'string' ? JSON.stringify(a.slice(0, 30)) : typeof a === 'symbol' ? 'Symbol' : typeof a === 'bigint' ? `${a}n` : Array.isArray(a) ? `[${a.length}]` : String(a))).join(', ')}): ${error}`);
    }
  }
}

function targets() {
  const { Escalation } = core;
  const base = () => Escalation.open({ account: 'Northwind', receivedAt: '2026-11-27T14:00:00Z', customerTimeZone: 'America/Chicago', csmName: 'Priya Raman', id: 'esc' });
  return {
    version: [0, core.version],
    extractAccount: [1, core.extractAccount],
    reminders: [3, core.reminders],
    foldEscalation: [1, core.foldEscalation],
    deadlines: [3, core.deadlines],
    nextAction: [3, core.nextAction],
    checkEvent: [3, core.checkEvent],
    coachDraft: [2, core.coachDraft],
    scoreEscalation: [2, core.scoreEscalation],
    generateMessage: [2, core.generateMessage],
    exportEscalations: [2, core.exportEscalations],
    importEscalations: [1, core.importEscalations],
    'Escalation.open': [1, (o) => Escalation.open(o)],
    'Escalation.fromJSON': [1, (j) => Escalation.fromJSON(j)],
    'Escalation.merge': [2, (a, b) => Escalation.merge(a, b)],
    'escalation.record': [1, (e) => base().record(e)],
    'escalation.deadlines': [2, (n, o) => base().deadlines(n, o)],
    'escalation.next': [2, (n, o) => base().next(n, o)],
    'escalation.toJSON/state/events': [0, () => [base().toJSON(), base().state(), base().events]],
  };
}

test('every export answers or throws a clear Error for hostile values (fixed seed, bounded)', () => {
  const r = rng(SEED);
  const next = values(r);
  const all = Object.entries(targets());
  const failures = [];
  for (let i = 0; i < CALLS; i++) {
    const [name, [arity, fn]] = all[i % all.length];
    const args = Array.from({ length: arity + (r() < 0.2 ? 1 : 0) }, next);
    call(name, fn, args, failures);
  }
  assert.deepEqual(failures, []);
  // The instance still works after all of it.
  assert.equal(core.version(), core.version());
  assert.equal(core.nextAction(validLog().slice(0, 1), Date.parse('2026-11-27T14:30:00Z')).kind, 'send-acknowledgment');
});

test('1 MB strings and logs everywhere a string or a log goes: answers or clear errors', () => {
  const failures = [];
  const big = validLog().concat(Array.from({ length: 5000 }, (_, i) => ({ id: 'n' + i, escalation: 'esc', at: '2026-11-30T00:00:00Z', body: { type: 'note', text: 'x'.repeat(100) } })));
  for (const [name, [arity, fn]] of Object.entries(targets())) {
    if (arity === 0) continue;
    call(name, fn, Array.from({ length: arity }, (_, i) => (i === 0 ? MB : Date.parse('2026-11-28T00:00:00Z'))), failures);
  }
  call('deadlines', core.deadlines, [big, Date.parse('2027-11-28T00:00:00Z')], failures);
  call('extractAccount', core.extractAccount, [{ conversation: MB, title: MB, fields: [{ label: MB, value: MB }] }], failures);
  call('generateMessage', core.generateMessage, ['acknowledgment', { customerName: MB, senderName: MB, customerZoneLabel: MB, impactSummary: MB, now: '2026-11-27T08:00:00-06:00' }], failures);
  assert.deepEqual(failures, []);
});

test('a duplicated and shuffled log folds to the same state as the log itself', () => {
  const r = rng(SEED + 1);
  const log = validLog();
  const expected = core.foldEscalation(log);
  for (let i = 0; i < 50; i++) {
    const noisy = [...log, ...log.filter(() => r() < 0.5)].sort(() => r() - 0.5);
    assert.deepEqual(core.foldEscalation(noisy), expected);
    assert.deepEqual(core.deadlines(noisy, Date.parse('2026-12-01T00:00:00Z')), core.deadlines(log, Date.parse('2026-12-01T00:00:00Z')));
  }
});
