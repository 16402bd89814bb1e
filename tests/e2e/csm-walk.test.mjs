// A CSM's worst day, driven in Chromium with dist/ loaded: the defects a
// walk through the real panel found after frames were morphed. Each test
// names what the CSM saw.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let h;
let tabId;
before(async () => {
  h = await launch();
  const page = await h.openPage('/fixtures/slice/index.html');
  tabId = await h.tabIdOf(page);
});
after(async () => {
  await h?.close();
});

/** A panel drawn from storage and the page's account. */
async function openPanel() {
  const panel = await h.openPanel(tabId);
  await panel.getByTestId('account-name').waitFor();
  return panel;
}

/** Opens the escalation for the fixture's account (once) and returns a panel showing it. */
async function acknowledging() {
  const panel = await openPanel();
  await panel.locator('#f-open-reached, [data-testid=next-deadline]').first().waitFor();
  if (await panel.locator('#f-open-reached').count()) {
    await panel.fill('#f-open-reached', '2026-11-28T09:20');
    await panel.fill('#f-open-csm-name', 'Priya Raman');
    if (!(await panel.inputValue('#f-open-customer-zone'))) await panel.fill('#f-open-customer-zone', 'America/Chicago');
    await panel.click('[data-action=open]');
  }
  await panel.locator('#f-ack-impact').waitFor();
  return panel;
}

test('a date left half-typed shows what the escalation will use, not a date the model never got', async () => {
  const panel = await openPanel();
  assert.equal(await panel.inputValue('#f-open-renewal'), '2027-06-30', 'prefilled from the page');
  // The CSM retypes the renewal but stops after the month and day ("12/15/yyyy").
  await panel.focus('#f-open-renewal'); // its first part, the month
  await panel.keyboard.press('Backspace');
  await panel.keyboard.press('Tab');
  await panel.keyboard.press('Backspace');
  await panel.keyboard.press('Tab');
  await panel.keyboard.press('Backspace');
  await panel.keyboard.press('Shift+Tab');
  await panel.keyboard.press('Shift+Tab');
  await panel.keyboard.type('1215');
  assert.equal(await panel.inputValue('#f-open-renewal'), '', 'no date yet: the model falls back to the page');
  assert.equal(await panel.locator('#f-open-renewal').evaluate((el) => el.validity.badInput), true, 'parts typed');
  await panel.focus('#f-open-csm-name');
  // Left: the field shows the renewal the escalation will be opened with.
  assert.equal(await panel.inputValue('#f-open-renewal'), '2027-06-30');
  assert.equal(await panel.locator('#f-open-renewal').evaluate((el) => el.validity.badInput), false, 'no half-typed parts shown');
  await panel.close();
});

test('two panels on one escalation: the field a CSM typed in shows what the draft now uses, not their stale text', async () => {
  const a = await acknowledging();
  const b = await acknowledging();
  await a.click('#f-ack-impact', { clickCount: 3 });
  await a.keyboard.type('typed in the side panel', { delay: 5 });
  await b.waitForFunction(() => document.querySelector('#f-ack-impact').value === 'typed in the side panel');
  // The pop-out tab takes over the same field; the side panel still has its caret there.
  await b.click('#f-ack-impact', { clickCount: 3 });
  await b.keyboard.type('typed in the pop-out', { delay: 5 });
  await a.waitForFunction(() => document.querySelector('[data-testid=draft]').value.includes('typed in the pop-out'));
  assert.equal(await a.evaluate(() => document.activeElement.id), 'f-ack-impact', 'the side panel kept its focus');
  assert.equal(await a.inputValue('#f-ack-impact'), 'typed in the pop-out', 'the field shows what the draft says');
  await a.close();
  await b.close();
});

test('no errors in the service worker or the panel', () => {
  assert.deepEqual(h.errors, []);
});
