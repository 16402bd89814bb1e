// The documented core JS API, from Node: the same wasm-bindgen output the
// extension ships (pkg/, the npm package defuse-core), through its Node entry
// (pkg/node.js, which initialises from the bundled wasm: no manual init).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from './harness.mjs';

let core;
before(async () => {
  core = await import(path.join(ROOT, 'pkg', 'node.js'));
});

const reached = Date.parse('2026-11-27T14:00:00Z');
const opened = {
  id: 'e1',
  escalation: 'esc-1',
  at: '2026-11-27T14:00:00Z',
  body: {
    type: 'opened',
    account: 'Northwind Logistics',
    arr: { cents: 124000000, currency: 'USD' },
    renewal: '2027-03-31',
    reachedCsmAt: '2026-11-27T14:00:00Z',
    customerZone: 'America/Chicago',
    csmZone: 'Europe/Berlin',
    csmName: 'Priya Raman',
  },
};

test('extractAccount reads a snapshot', () => {
  const facts = core.extractAccount({
    url: 'https://acme.lightning.force.com/lightning/r/Account/001/view',
    lang: 'de-DE',
    fields: [
      { label: 'Account Name', value: 'Globex GmbH', kind: 'pair', attrs: {} },
      { label: 'ARR', value: '1.200.000,50 €', kind: 'pair', attrs: {} },
      { label: 'Renewal Date', value: '31.03.2027', kind: 'pair', attrs: {} },
    ],
  });
  assert.equal(facts.name.value, 'Globex GmbH');
  assert.deepEqual(facts.arr.value, { cents: 120000050, currency: 'EUR' });
  assert.equal(facts.renewal.value, '2027-03-31');
});

test('extractAccount explains a malformed snapshot', () => {
  assert.throws(() => core.extractAccount({ fields: 7 }), /^Error: The page snapshot could not be read: /);
});

test('deadlines and nextAction: the acknowledgment is due 2 h after the escalation reached the CSM', () => {
  const deadlines = core.deadlines([opened], reached + 100 * 60e3);
  assert.equal(deadlines[0].kind, 'acknowledgment');
  assert.equal(deadlines[0].due, '2026-11-27T16:00:00Z');
  assert.equal(deadlines[0].status, 'due-soon');
  assert.equal(core.nextAction([opened], reached + 130 * 60e3).kind, 'send-acknowledgment');
  assert.equal(core.foldEscalation([opened]).stage, 'acknowledge');
});

test('checkEvent refuses a team as DRI with a clear reason', () => {
  assert.equal(core.checkEvent([opened], { type: 'dri-assigned', name: 'Priya Raman', role: 'csm' }, reached), undefined);
  const reason = core.checkEvent([opened], { type: 'dri-assigned', name: 'the support team', role: 'csm' }, reached);
  assert.equal(typeof reason, 'string');
  assert.match(reason, /one named person|team/i);
});

test('coachDraft flags over-promising with UTF-16 offsets', () => {
  const draft = 'Dana — this will be fixed by end of day.';
  const findings = core.coachDraft(draft, {});
  const f = findings.find((x) => x.rule === 'over-promising');
  assert.ok(f, JSON.stringify(findings));
  assert.equal(draft.slice(f.start, f.end), 'by end of day');
});

test('coachDraft refuses a draft over 1 MiB with its size instead of reading part of it', () => {
  const atLimit = 'a'.repeat(1024 * 1024);
  assert.ok(Array.isArray(core.coachDraft(atLimit, {})));
  // Two UTF-8 bytes per "é": 600 000 characters are 1 200 000 bytes.
  assert.throws(
    () => core.coachDraft('é'.repeat(600000), {}),
    (e) => e.message === 'The draft is 1172 KB; the coach reads drafts up to 1024 KB. Shorten it or split it into several messages.',
  );
});

test('generateMessage builds the acknowledgment and lists what is missing', () => {
  const msg = core.generateMessage('acknowledgment', {
    customerName: 'Northwind',
    senderName: 'Priya',
    promisedUpdateAt: null,
    customerZoneLabel: 'CST',
    now: '2026-11-27T08:00:00-06:00',
  });
  assert.equal(msg.ready, false);
  assert.equal(msg.missing[0].id, 'promised-update-at');
  assert.ok(msg.text.startsWith('Northwind team - I hear you.'));
  assert.throws(() => core.generateMessage('haiku', {}), /is not a message kind/);
});

test('export then import gives the same events', () => {
  const file = core.exportEscalations([opened], reached);
  const [back] = core.importEscalations(file);
  // Defaults are spelled out on the way back (e.g. `crmUrl: null`); the facts are the same.
  assert.deepEqual({ ...back, body: { ...back.body, crmUrl: undefined } }, { ...opened, body: { ...opened.body, crmUrl: undefined } });
  assert.throws(() => core.importEscalations('{}'), /not a Defuse export/);
});

test('wrong argument types are clear errors naming the argument, never a trap', () => {
  const cases = [
    [() => core.coachDraft(42), 'Error: `draft` must be a string, not a number (42).'],
    [() => core.scoreEscalation(1, 'en'), 'Error: `text` must be a string, not a number (1).'],
    [() => core.scoreEscalation('text', undefined), 'Error: `lang` must be a string, not undefined.'],
    [() => core.importEscalations(7), 'Error: `text` must be a string, not a number (7).'],
    [() => core.generateMessage(3, {}), 'Error: `kind` must be a string, not a number (3).'],
    [() => core.generateMessage('acknowledgment', 'x'), 'Error: The message input could not be read: `input` must be an object, not a string.'],
    [() => core.deadlines('events', reached), 'Error: `events` must be an array of events, not a string.'],
    [() => core.deadlines([opened], reached, 'yes'), 'Error: `businessDays` must be true or false, not a string.'],
    [() => core.extractAccount(null), 'Error: The page snapshot could not be read: it must be an object, not null.'],
  ];
  for (const [call, message] of cases) assert.throws(call, (e) => e instanceof Error && String(e) === message, message);
});

test('nowMs that is NaN, null, undefined or a string is refused, not read as 1970', () => {
  for (const [value, shown] of [[NaN, 'NaN'], [null, 'null'], [undefined, 'undefined'], ['1764252000000', 'a string'], [Infinity, 'a number (Infinity)']]) {
    for (const call of [() => core.deadlines([opened], value), () => core.nextAction([opened], value), () => core.checkEvent([opened], { type: 'note', text: 'x' }, value), () => core.exportEscalations([opened], value), () => core.reminders([], value, false)]) {
      assert.throws(call, new RegExp('^Error: `nowMs` must be a time in milliseconds since 1970 \\(a finite number such as Date\\.now\\(\\)\\), not ' + shown.replace(/[()]/g, '\\$&') + '\\.$'));
    }
  }
  assert.throws(() => core.deadlines([opened], 9e15), /^Error: `nowMs` \(9000000000000000\) is outside the dates JavaScript can represent\.$/);
});

test('a lone surrogate in a snapshot is read, not a reason to drop the whole page', () => {
  const facts = core.extractAccount({ fields: [{ label: 'Account Name', value: 'Globex \ud83d', kind: 'pair', attrs: {} }, { label: 'ARR', value: '$1,000', kind: 'pair', attrs: {} }] });
  assert.equal(facts.name.value, 'Globex \ufffd');
  // A bare `$` on a page of no stated language is read as USD, and said to be assumed.
  assert.deepEqual(facts.arr.value, { cents: 100000, currency: 'USD', currencyAssumed: true });
});

test('Escalation: open, record, deadlines, next, JSON round trip, merge', () => {
  const { Escalation } = core;
  const esc = Escalation.open({ account: 'Northwind Logistics', receivedAt: '2026-11-27T14:00:00Z', customerTimeZone: 'America/Chicago', csmName: 'Priya Raman', csmTimeZone: 'Europe/Berlin', arr: { cents: 124000000, currency: 'USD' }, id: 'esc-nw' });
  assert.equal(esc.id, 'esc-nw');
  const [ack] = esc.deadlines('2026-11-27T15:40:00Z');
  assert.deepEqual([ack.kind, ack.due, ack.status], ['acknowledgment', '2026-11-27T16:00:00Z', 'due-soon']);
  assert.equal(esc.next('2026-11-27T15:40:00Z').kind, 'send-acknowledgment');
  const stored = esc.record({ type: 'ack-sent', at: '2026-11-27T15:45:00Z', text: 'We are on it.', promisedUpdateAt: '2026-11-27T20:00:00Z', id: 'ack-1' });
  assert.deepEqual(stored, { id: 'ack-1', escalation: 'esc-nw', at: '2026-11-27T15:45:00Z', body: { type: 'ack-sent', text: 'We are on it.', promisedUpdateAt: '2026-11-27T20:00:00Z' } });
  assert.equal(esc.deadlines('2026-11-27T15:50:00Z').find((d) => d.kind === 'acknowledgment').status, 'met');
  assert.equal(esc.next('2026-11-27T15:50:00Z').kind, 'complete-triage');
  // The same questions, from the free functions over the same log.
  assert.deepEqual(core.deadlines(esc.events, Date.parse('2026-11-27T15:50:00Z')), esc.deadlines(Date.parse('2026-11-27T15:50:00Z')));

  const copy = Escalation.fromJSON(JSON.parse(JSON.stringify(esc)));
  assert.deepEqual(copy.toJSON(), esc.toJSON());
  assert.deepEqual(Escalation.fromJSON(JSON.stringify(esc)).events, esc.events);
  copy.record({ type: 'note', at: '2026-11-27T16:00:00Z', text: 'Called Dana.', id: 'note-1' });
  esc.record({ type: 'engineering-looped-in', at: '2026-11-27T16:05:00Z', detail: 'INC-42', id: 'eng-1' });
  const merged = Escalation.merge(esc, copy);
  assert.deepEqual(merged.events.map((e) => e.id).slice(1), ['ack-1', 'note-1', 'eng-1']);
  assert.deepEqual(Escalation.merge(copy, esc).toJSON(), merged.toJSON());
  assert.equal(esc.events.length, 3, 'merge makes a new escalation and changes neither input');
});

test('Escalation refuses what the playbook refuses, naming the field or rule', () => {
  const { Escalation } = core;
  const esc = Escalation.open({ account: 'Northwind Logistics', receivedAt: '2026-11-27T14:00:00Z', customerTimeZone: 'America/Chicago', csmName: 'Priya Raman', id: 'esc-nw' });
  const at = '2026-11-27T15:00:00Z';
  assert.throws(() => esc.record({ type: 'dri-assigned', at, name: 'the support team', role: 'csm' }), /^Error: “the support team” is a team, not a person\./);
  assert.throws(() => esc.record({ type: 'dri-assigned', at, name: 'Ann Lee and Bo Chen', role: 'csm' }), /^Error: “Ann Lee and Bo Chen” names more than one person\./);
  assert.throws(() => esc.record({ type: 'dri-assigned', at, name: 'Ann Lee' }), /^Error: The event could not be read: missing field `role`$/);
  assert.throws(() => esc.record({ type: 'closed', at }), /^Error: This escalation cannot be closed yet\. Still to do: resolve the issue; .*reassess the health score/);
  assert.throws(() => esc.record({ type: 'shipped', at }), /^Error: The event could not be read: unknown variant `shipped`/);
  assert.throws(() => esc.record({ type: 'note', text: 'x' }), /^Error: The event has no `at`/);
  assert.throws(() => esc.record({ type: 'note', at: 'yesterday', text: 'x' }), /^Error: `at` \("yesterday"\) is not an ISO 8601 time/);
  assert.throws(() => esc.record({ type: 'note', at, text: 'x', id: 'a:b' }), /^Error: `id` must be 1 to 120 characters without “:”/);
  assert.throws(() => esc.record({ type: 'opened', at }), /^Error: This escalation is already open\./);
  assert.equal(esc.events.length, 1, 'nothing refused was recorded');
  assert.throws(() => Escalation.open({ account: 'X', recievedAt: at, customerTimeZone: 'UTC', csmName: 'Z' }), /^Error: Escalation\.open: unknown option `recievedAt`/);
  assert.throws(() => Escalation.open({ account: 'X', customerTimeZone: 'UTC', csmName: 'Z' }), /^Error: Escalation\.open: missing field `receivedAt`$/);
  assert.throws(() => Escalation.open('Northwind'), /^Error: Escalation\.open needs an options object, not a string\.$/);
  assert.throws(() => esc.deadlines('soon'), /^Error: `now` \("soon"\) is not an ISO 8601 time/);
  assert.throws(() => esc.deadlines(NaN), /^Error: `now` must be a time in milliseconds since 1970/);
  const other = Escalation.open({ account: 'Globex', receivedAt: at, customerTimeZone: 'UTC', csmName: 'Z', id: 'esc-gx' });
  assert.throws(() => Escalation.merge(esc, other), /^Error: Escalation\.merge: “esc-nw” and “esc-gx” are two different escalations/);
  assert.throws(() => Escalation.merge(esc, { id: 'esc-nw' }), /Escalation/);
  assert.throws(() => Escalation.fromJSON({ format: 'defuse-escalation', version: 1, id: 'esc-nw', events: [{ ...esc.events[0], escalation: 'esc-gx' }] }), /^Error: Event “.*” belongs to escalation “esc-gx”, not “esc-nw”\.$/);
  assert.throws(() => Escalation.fromJSON({ hello: 1 }), /^Error: Escalation\.fromJSON: missing field `format`$/);
});
