// The core's zone rules (src/web/tz.rs) take offsets from `Temporal` where
// the browser has it and from `Intl` otherwise. Node has no Temporal, so
// here a minimal one is installed, built on Intl as an independent oracle
// (offset = wall clock read in the zone − UTC): the core's answers through
// it must equal its answers through Intl, unknown zones included, and the
// Temporal path must really be taken.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from './harness.mjs';

let core;
before(async () => {
  core = await import(path.join(ROOT, 'pkg', 'node.js'));
});
after(() => {
  delete globalThis.Temporal;
});

let calls = 0;
function wallOffsetNs(zone, ms) {
  // Throws a RangeError for a zone Intl does not know, as Temporal does.
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const v = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second);
  return (wall - Math.floor(ms / 1000) * 1000) * 1e6;
}
// Temporal.Instant is a class with a static constructor from milliseconds.
class Instant {
  constructor(ms) {
    this.ms = ms;
  }
  static fromEpochMilliseconds(ms) {
    return new Instant(ms);
  }
  toZonedDateTimeISO(zone) {
    calls++;
    return { offsetNanoseconds: wallOffsetNs(zone, this.ms) };
  }
}
const fakeTemporal = { Instant, Now: { timeZoneId: () => 'Asia/Kolkata' } };

function events(customerZone, csmZone) {
  return [{
    id: 'e1',
    escalation: 'esc-1',
    at: '2026-03-07T14:00:00Z',
    body: {
      type: 'opened',
      account: 'Kestrel Freight',
      arr: { cents: 52000000, currency: 'EUR' },
      renewal: '2027-01-15',
      reachedCsmAt: '2026-03-07T14:00:00Z',
      customerZone,
      csmZone,
      csmName: 'Ines Duarte',
    },
  }];
}

function answers() {
  const out = [];
  // Across a DST change in both zones' regions and a zone nobody knows.
  for (const [cz, mz] of [['America/Denver', 'Europe/Lisbon'], ['Australia/Lord_Howe', 'America/St_Johns'], ['Mars/Olympus', 'Asia/Kathmandu']]) {
    for (const days of [0, 1, 2, 20, 40]) {
      const now = Date.parse('2026-03-07T15:00:00Z') + days * 86400e3;
      const run = (f) => { try { return f(); } catch (e) { return 'threw: ' + e.message; } };
      out.push(run(() => core.deadlines(events(cz, mz), now)));
      out.push(run(() => core.nextAction(events(cz, mz), now)));
      out.push(run(() => core.exportEscalations(events(cz, mz), now)));
      out.push(run(() => core.reminders(events(cz, mz).map((e) => [`defuse:v1:events:${e.escalation}:${e.id}`, JSON.stringify(e)]), now)));
    }
  }
  return JSON.stringify(out);
}

test('offsets through Temporal equal offsets through Intl, unknown zones included', () => {
  delete globalThis.Temporal;
  const viaIntl = answers();
  globalThis.Temporal = fakeTemporal;
  calls = 0;
  const viaTemporal = answers();
  delete globalThis.Temporal;
  assert.ok(calls > 0, 'the Temporal path was taken');
  assert.equal(viaTemporal, viaIntl);
});
