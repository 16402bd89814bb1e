// The typed core package as a CRM developer gets it: the npm tarball
// (target/defuse-core-<version>.tgz) unpacked into a fresh project's
// node_modules (offline: it has no dependencies), tests/package/uses-core.ts
// type-checked with `tsc --noEmit --strict`, then compiled and run in Node,
// where `import { Escalation } from 'defuse-core'` needs no manual init.
// Also: the values the wasm returns have exactly the fields the declarations
// name (read from defuse.d.ts with the TypeScript compiler API).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { crateVersion } from '../../tools/core-package.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let dir;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-core-user-'));
  const modules = path.join(dir, 'node_modules', 'defuse-core');
  fs.mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(ROOT, 'target', `defuse-core-${crateVersion(ROOT)}.tgz`), '-C', modules, '--strip-components=1']);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'crm-app', private: true, type: 'module' }));
  fs.copyFileSync(path.join(ROOT, 'tests', 'package', 'uses-core.ts'), path.join(dir, 'uses-core.ts'));
  const options = { strict: true, target: 'es2022', module: 'node16', moduleResolution: 'node16', skipLibCheck: false, types: [], lib: ['es2022', 'dom'] };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['uses-core.ts'] }));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const tsc = (...args) => execFileSync(process.execPath, [TSC, '-p', dir, ...args], { encoding: 'utf8', cwd: dir });

test('tsc --noEmit --strict accepts the program, and each @ts-expect-error line is a real type error', () => {
  try {
    tsc('--noEmit');
  } catch (e) {
    assert.fail(e.stdout || String(e));
  }
  // Without the markers, exactly those lines fail: the results are typed, not `any`.
  const src = fs.readFileSync(path.join(dir, 'uses-core.ts'), 'utf8');
  const markers = src.split('\n').filter((l) => l.trim().startsWith('// @ts-expect-error')).length;
  assert.ok(markers >= 6);
  fs.writeFileSync(path.join(dir, 'uses-core.ts'), src.replace(/^(\s*)\/\/ @ts-expect-error/gm, '$1// (was expected)'));
  let out = '';
  try {
    tsc('--noEmit');
  } catch (e) {
    out = e.stdout;
  }
  fs.writeFileSync(path.join(dir, 'uses-core.ts'), src);
  const errors = out.split('\n').filter((l) => /error TS\d+/.test(l));
  assert.equal(errors.length, markers, out);
});

test('the same program runs in Node: open → ack → deadlines → JSON round trip → merge → a refused DRI', () => {
  tsc('--outDir', path.join(dir, 'out'));
  const stdout = execFileSync(process.execPath, [path.join(dir, 'out', 'uses-core.js')], { encoding: 'utf8', cwd: dir });
  assert.equal(stdout.trim(), 'uses-core: ok');
});

/** The property names of an exported interface or object type alias in defuse.d.ts. */
function declaredFields(name) {
  const file = path.join(dir, 'node_modules', 'defuse-core', 'defuse.d.ts');
  const program = ts.createProgram([file], { strict: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === name);
  assert.ok(symbol, `defuse.d.ts does not export ${name}`);
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return checker.getPropertiesOfType(type).map((p) => ({ name: p.name, optional: (p.flags & ts.SymbolFlags.Optional) !== 0 }));
}

test('the values the wasm returns have exactly the declared fields', async () => {
  const core = await import(path.join(dir, 'node_modules', 'defuse-core', 'node.js'));
  const esc = core.Escalation.open({ account: 'Tailspin Toys', receivedAt: '2026-05-04T08:00:00Z', customerTimeZone: 'Asia/Tokyo', csmName: 'Mei Sato', csmTimeZone: 'Asia/Tokyo', renewal: '2027-01-31', id: 'esc-ts' });
  esc.record({ type: 'ack-sent', at: '2026-05-04T09:00:00Z', text: 'Looking now.', promisedUpdateAt: '2026-05-04T12:00:00Z' });
  const facts = core.extractAccount({ fields: [{ label: 'Account Name', value: 'Tailspin Toys', kind: 'pair', attrs: {} }, { label: 'ARR', value: '¥12,000,000', kind: 'pair', attrs: {} }] });
  const samples = {
    Deadline: esc.deadlines('2026-05-04T09:10:00Z')[0],
    NextAction: esc.next('2026-05-04T09:10:00Z'),
    DefuseEvent: esc.events[0],
    EscalationState: esc.state(),
    EscalationJSON: esc.toJSON(),
    AccountFacts: facts,
    Finding: core.coachDraft('We will have this fixed by end of day, guaranteed.')[0],
    Message: core.generateMessage('dri-announcement', { customerName: 'Tailspin', senderName: 'Mei', driName: 'Mei Sato' }),
    SignalScore: core.scoreEscalation('This is unacceptable, we are considering cancelling.', 'en'),
    ReminderPlan: core.reminders([], Date.parse('2026-05-04T09:10:00Z'), 'ja-JP'),
    SignalMatch: core.scoreEscalation('This is unacceptable, we are considering cancelling.', 'en').matches[0],
    ConversationEscalation: core.conversationEscalation({
      lang: 'en',
      messages: [
        { text: 'Any news on the export job?', direction: 'inbound', at: '2026-05-04T08:00:00Z', author: 'Kenji' },
        { text: 'Still nothing after four days. This is unacceptable and our CFO is asking whether we should look at other vendors.', direction: 'inbound', at: '2026-05-05T08:00:00Z', author: 'Kenji' },
      ],
    }),
    LocalTime: esc.deadlines('2026-05-04T09:10:00Z')[0].customerDue,
    Money: facts.arr.value,
  };
  for (const [name, value] of Object.entries(samples)) {
    assert.ok(value && typeof value === 'object', `${name}: no sample`);
    const fields = declaredFields(name);
    const actual = Object.keys(value).sort();
    assert.deepEqual(actual, fields.map((f) => f.name).filter((f) => actual.includes(f) || !fields.find((x) => x.name === f).optional).sort(), `${name}: the wasm returned fields the declaration does not name, or lacks required ones`);
  }
});
