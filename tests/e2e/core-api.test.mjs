// The documented core JS API, from Node: the same wasm-bindgen output the
// extension ships (pkg/), loaded with initSync as the README shows.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

let core;
before(async () => {
  core = await import(path.join(ROOT, 'pkg', 'defuse.js'));
  core.initSync({ module: fs.readFileSync(path.join(ROOT, 'pkg', 'defuse_bg.wasm')) });
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
