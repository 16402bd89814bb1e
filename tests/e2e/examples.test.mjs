// The runnable examples a CRM developer copies (examples/embed-crm/): the
// two-origin embedding server shows the account of its CRM page in the
// Defuse sidebar, and the Node Escalation script runs to the end.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { launch, ROOT } from './harness.mjs';

let h;
let server;
const PORT = 20000 + Math.floor(Math.random() * 20000);
before(async () => {
  h = await launch();
  server = spawn(process.execPath, [path.join(ROOT, 'examples', 'embed-crm', 'server.mjs')], { env: { ...process.env, PORT: String(PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => server.stdout.once('data', ok));
});
after(async () => {
  server?.kill();
  await h?.close();
});

test('examples/embed-crm/server.mjs: the sidebar, on its own origin, shows the CRM page account', async () => {
  const page = await h.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: 'load' });
  const frame = page.frameLocator('#defuse-panel');
  await frame.getByTestId('account-name').waitFor({ timeout: 10000 });
  assert.equal(await frame.getByTestId('account-name').textContent(), 'Contoso Cargo');
  assert.equal(await frame.getByTestId('account-arr').getAttribute('data-amount'), '860000');
  assert.equal(new URL(page.frame({ url: /panel\.html/ }).url()).port, String(PORT + 1));
  assert.deepEqual(errors, []);
  await page.close();
});

test('examples/embed-crm/escalation.mjs runs: next actions, a refused team DRI, JSON and merge', () => {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'examples', 'embed-crm', 'escalation.mjs')], { encoding: 'utf8' });
  assert.match(out, /next: Send the acknowledgment \(due 2026-09-14T17:20:00Z, upcoming\)/);
  assert.match(out, /refused: “Billing team” is a team, not a person\./);
  assert.match(out, /merged log: 4 events/);
});
