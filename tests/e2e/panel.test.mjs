// The sidebar end to end, in Chromium with dist/ loaded: opening an
// escalation, the live countdown, drafts and coach, Mark as sent, drafts
// surviving a reload, one storage key per event, two panels merging live,
// reminders armed by the service worker, and an axe-core audit of each step.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, ROOT } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let h;
let tabId;
let page;
before(async () => {
  h = await launch();
  page = await h.openPage('/fixtures/slice/index.html');
  tabId = await h.tabIdOf(page);
});
after(async () => {
  await h?.close();
});

/** `datetime-local` value for `msAgo` before now, on the panel's clock. */
async function wallTime(panel, msAgo) {
  return panel.evaluate((ago) => {
    const d = new Date(Date.now() - ago);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, msAgo);
}

async function openEscalation(panel, { minutesAgo = 10, zone = 'America/Chicago' } = {}) {
  await panel.getByTestId('account-name').waitFor();
  // The page's account may already have one: start another beside it.
  await panel.locator('#f-open-reached, [data-action=switch][data-arg=""]').first().waitFor();
  if (await panel.locator('[data-action=switch][data-arg=""]').count()) await panel.click('[data-action=switch][data-arg=""]');
  await panel.fill('#f-open-reached', await wallTime(panel, minutesAgo * 60000));
  await panel.fill('#f-open-customer-zone', zone);
  await panel.fill('#f-open-csm-name', 'Priya Raman');
  await panel.click('[data-action=open]');
  await panel.getByTestId('next-deadline').waitFor();
}

/** Shows an escalation for the page's account, opening one when none is shown
 * yet, so each test runs on its own whatever ran before it. */
async function ensureEscalation(panel, opts) {
  await panel.getByTestId('account-name').waitFor();
  await panel.locator('#f-open-reached, [data-testid=next-deadline]').first().waitFor();
  if (!(await panel.getByTestId('next-deadline').count())) await openEscalation(panel, opts);
}

async function audit(panel, label) {
  await panel.evaluate(AXE);
  const result = await panel.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(result, [], `axe violations on ${label}`);
}

test('opening an escalation starts the acknowledgment clock at the time it reached the CSM', async () => {
  const panel = await h.openPanel(tabId);
  await audit(panel, 'the opening form');
  await openEscalation(panel, { minutesAgo: 10 });
  const box = panel.getByTestId('next-deadline');
  assert.equal(await box.getAttribute('data-kind'), 'acknowledgment');
  const due = Date.parse(await box.getAttribute('data-due'));
  const reached = Date.parse(await box.getAttribute('data-due')) - 2 * 3600e3;
  assert.ok(Math.abs(Date.now() - 10 * 60e3 - reached) < 90e3, 'due 2 h after it reached the CSM');
  assert.match(await panel.locator('#countdown-headline').textContent(), /^Acknowledgment due in 1 h (4\d|50) min$/);
  assert.ok(due > Date.now());
  assert.equal(await panel.getByTestId('step-acknowledge').getAttribute('aria-current'), 'step');
  await audit(panel, 'the acknowledge step');
  await panel.close();
});

test('the countdown ticks every second under an hour, and goes overdue in the overdue style', async () => {
  const panel = await h.openPanel(tabId);
  await openEscalation(panel, { minutesAgo: 100 });
  const headline = panel.locator('#countdown-headline');
  const first = await headline.textContent();
  assert.match(first, /^Acknowledgment due in (1\d|20) min \d\d s$/);
  await panel.waitForFunction((t) => document.getElementById('countdown-headline').textContent !== t, first, { timeout: 3000 });
  assert.match(await panel.getByTestId('next-deadline').getAttribute('class'), /due-soon/);
  // The live region says "due soon" once; it is not rewritten every tick.
  await panel.close();

  const late = await h.openPanel(tabId);
  await openEscalation(late, { minutesAgo: 150 });
  assert.match(await late.locator('#countdown-headline').textContent(), /^Acknowledgment overdue by /);
  assert.match(await late.getByTestId('next-deadline').getAttribute('class'), /overdue/);
  await late.close();
});

test('a draft is coached as typed, marked as sent, and the next step opens', async () => {
  const panel = await h.openPanel(tabId);
  await openEscalation(panel, { minutesAgo: 5 });
  const draft = panel.getByTestId('draft').first();
  // Typing in the form regenerates the draft with the suggested promise time kept.
  await panel.fill('#f-ack-impact', 'your dispatch team cannot release shipments');
  await panel.waitForFunction(() => /cannot release shipments/.test(document.querySelector('[data-testid=draft]').value));
  const generated = await draft.inputValue();
  assert.match(generated, /status update to you by \d{1,2}:\d\d [AP]M CST (today|tomorrow)/, generated);
  assert.match(generated, /^Acme Robotics team - I hear you\./);
  assert.equal(await panel.getByTestId('coach-finding').count(), 0, 'the generated ack passes the coach');
  await draft.fill(generated + '\n\nThis will be fixed by end of day, guaranteed.');
  await panel.locator('[data-testid=coach-finding][data-rule=over-promising]').first().waitFor();
  assert.ok((await panel.locator('[data-testid=coach-finding] mark').first().textContent()).length > 0, 'the flagged words are highlighted');
  await draft.fill(generated);
  await panel.getByTestId('mark-sent').first().click();
  await panel.locator('[data-testid=timeline-event][data-type=ack-sent]').waitFor();
  assert.equal(await panel.getByTestId('next-deadline').getAttribute('data-kind'), 'triage');
  assert.equal(await panel.getByTestId('step-triage').getAttribute('aria-current'), 'step');
  await audit(panel, 'the triage step');
  for (const step of ['dri', 'cadence', 'close-out', 'restore']) {
    await panel.getByTestId(`step-${step}`).click();
    await audit(panel, `the ${step} step`);
  }
  await panel.close();
});

test('keyboard: Enter sends the step, focus moves to the next step, text is at least 14 px', async () => {
  const panel = await h.openPanel(tabId);
  await openEscalation(panel, { minutesAgo: 5 });
  // Side panel, pop-out and embedded share the page: Chrome's 75% body default is undone.
  const sizes = await panel.evaluate(() =>
    [...document.querySelectorAll('#app p, #app label, #app small, #app li, #app button, #app dd')].map((e) => parseFloat(getComputedStyle(e).fontSize)),
  );
  assert.ok(sizes.length > 10 && Math.min(...sizes) >= 14, `smallest text ${Math.min(...sizes)} px`);
  // Static text is not a tab stop.
  assert.equal(await panel.locator('header [tabindex="0"]').count(), 0);
  await panel.fill('#f-ack-impact', 'your dispatch team cannot release shipments');
  await panel.press('#f-ack-impact', 'Enter');
  await panel.locator('[data-testid=timeline-event][data-type=ack-sent]').waitFor();
  assert.equal(await panel.evaluate(() => document.activeElement.id), 'f-triage-stated-problem');
  // An error sits beside its field, takes focus, and is described by it.
  await panel.click('[data-action=complete-triage]');
  const impact = panel.locator('#f-triage-impact');
  assert.equal(await impact.getAttribute('aria-invalid'), 'true');
  assert.match(await impact.getAttribute('aria-describedby'), /f-triage-impact-error/);
  assert.equal(await panel.evaluate(() => document.activeElement.id), 'f-triage-stated-problem');
  await impact.fill('40 dispatchers idle');
  assert.equal(await impact.getAttribute('aria-invalid'), null, 'cleared when fixed');
  await panel.close();
});

test('what the CSM typed survives closing and reopening the panel', async () => {
  const panel = await h.openPanel(tabId);
  await ensureEscalation(panel);
  await panel.getByTestId('step-triage').click();
  await panel.fill('#f-triage-stated-problem', 'Shipments stuck since yesterday');
  await panel.waitForTimeout(500); // past the save debounce
  await panel.close();
  const again = await h.openPanel(tabId);
  await again.getByTestId('next-deadline').waitFor();
  await again.getByTestId('step-triage').click();
  assert.equal(await again.inputValue('#f-triage-stated-problem'), 'Shipments stuck since yesterday');
  await again.close();
});

test('events are stored one key per event, and a second panel sees new events live', async () => {
  const a = await h.openPanel(tabId);
  await ensureEscalation(a);
  const b = await h.openPanel(tabId);
  await a.getByTestId('next-deadline').waitFor();
  await b.getByTestId('next-deadline').waitFor();
  await a.fill('#f-note-text', 'Called Dana, she is calmer');
  await a.click('[data-action=add-note]');
  await b.locator('[data-testid=timeline-event][data-type=note]').waitFor({ timeout: 5000 });
  const keys = await h.worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)));
  const eventKeys = keys.filter((k) => k.startsWith('defuse:ev:'));
  assert.ok(eventKeys.length >= 5, `one key per event (${eventKeys.length})`);
  assert.equal(new Set(eventKeys).size, eventKeys.length);
  await a.close();
  await b.close();
});

test('the service worker arms one alarm per open deadline phase and badges overdue ones', async () => {
  // Its own escalations, whatever ran before: one overdue acknowledgment,
  // and one acknowledged (its triage is due next).
  const panel = await h.openPanel(tabId);
  await openEscalation(panel, { minutesAgo: 150 });
  await openEscalation(panel, { minutesAgo: 5 });
  await panel.fill('#f-ack-impact', 'your dispatch team cannot release shipments');
  await panel.getByTestId('mark-sent').first().click();
  await panel.locator('[data-testid=timeline-event][data-type=ack-sent]').waitFor();
  await panel.close();
  await h.worker.evaluate(() => new Promise((r) => chrome.runtime.sendMessage({ type: 'panel-to-worker:rearm' }, r)).catch(() => null));
  // The worker re-arms on every storage change; give it a moment.
  let alarms = [];
  for (let i = 0; i < 20 && alarms.length === 0; i++) {
    alarms = await h.worker.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name));
    if (!alarms.length) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(alarms.some((n) => /^defuse\|esc-[^|]+\|triage\|due\|\d+$/.test(n)), alarms.join('\n'));
  const badge = await h.worker.evaluate(() => chrome.action.getBadgeText({}));
  assert.match(badge, /^[1-9]\d*$/, 'the overdue escalation is counted');
});

test('when an alarm fires, the notification names the account and what is due', async () => {
  const fired = await h.worker.evaluate(async () => {
    const [alarm] = (await chrome.alarms.getAll()).filter((a) => a.name.startsWith('defuse|'));
    // Fire that reminder now, as Chrome would at its time.
    await chrome.alarms.create(alarm.name, { when: Date.now() + 20 });
    for (let i = 0; i < 40; i++) {
      const all = await chrome.notifications.getAll();
      if (all[alarm.name]) return alarm.name;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  });
  assert.ok(fired, 'a notification was shown');
  const info = await h.worker.evaluate(async (name) => (await chrome.storage.session.get('reminderInfo')).reminderInfo[name], fired);
  assert.match(info.title, /^Acme Robotics: due (soon|now)$/);
  assert.match(info.message, /(acknowledgment|triage|status update|close-out)/i);
  await h.worker.evaluate((name) => chrome.notifications.clear(name), fired);
});

test('all escalations export to one JSON file, and importing it twice changes nothing', async () => {
  const panel = await h.openPanel(tabId);
  await panel.locator('details.tools summary').click();
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('[data-action=export]')]);
  const file = await download.path();
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(doc.format, 'defuse-export');
  const before = await h.worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('defuse:ev:')).length);
  assert.equal(doc.records.length, before, 'every stored event is in the file');
  // The file picker is a native dialog: answer it with the exported file,
  // through the same input element and change event the host listens to.
  await panel.evaluate((text) => {
    HTMLInputElement.prototype.click = function () {
      if (this.type !== 'file') return;
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'defuse-export.json', { type: 'application/json' }));
      this.files = dt.files;
      this.dispatchEvent(new Event('change'));
    };
  }, fs.readFileSync(file, 'utf8'));
  for (let i = 0; i < 2; i++) {
    if (!(await panel.locator('[data-action=import]').isVisible())) await panel.locator('details.tools summary').click();
    await panel.click('[data-action=import]');
    // Every event in the file is already stored: the import says so.
    const already = before === 1 ? '1 was already here and left as it was.' : `${before} were already here and left as they were.`;
    await panel.getByTestId('notice').filter({ hasText: `No new events were imported. ${already}` }).waitFor();
    await panel.evaluate(() => document.querySelector('[data-testid=notice]').remove());
  }
  const after = await h.worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('defuse:ev:')).length);
  assert.equal(after, before, 'a union by event id: nothing duplicated');
  await panel.close();
});

test('a corrupt record is reported and kept, never deleted', async () => {
  await h.worker.evaluate(() => chrome.storage.local.set({ 'defuse:ev:broken:1': '{not json' }));
  const panel = await h.openPanel(tabId);
  await panel.getByTestId('quarantine').waitFor();
  const kept = await h.worker.evaluate(async () => (await chrome.storage.local.get('defuse:ev:broken:1'))['defuse:ev:broken:1']);
  assert.equal(kept, '{not json');
  await h.worker.evaluate(() => chrome.storage.local.remove('defuse:ev:broken:1'));
  await panel.close();
});

test('no errors in the service worker or the panel', () => {
  assert.deepEqual(h.errors, []);
});
