// Typing into the panel, in Chromium with dist/ loaded: the panel draws a
// frame per keystroke, and none of them may take what the CSM types. The
// field being typed in stays the same element (no blur, caret and undo
// kept), fast typing loses no character, an IME composition (Japanese here)
// ends as the text chosen, a field the CSM empties is not refilled under the
// caret, a date left half-typed shows what the model uses, two panels on
// one escalation show the same text, and a <details> the CSM opened stays
// open while frames are drawn.

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
    await panel.fill('#f-open-csm-name', 'Priya Raman');
    if (!(await panel.inputValue('#f-open-customer-zone'))) await panel.fill('#f-open-customer-zone', 'America/Chicago');
    await panel.click('[data-action=open]');
  }
  await panel.locator('#f-ack-impact').waitFor();
  return panel;
}

/**
 * Watches `selector`'s element: `changed()` then says whether that element
 * was replaced or lost focus since (every keystroke draws a frame).
 */
async function watch(panel, selector) {
  await panel.evaluate((sel) => {
    const el = document.querySelector(sel);
    window.__watched = { el, blurs: 0 };
    el.addEventListener('blur', () => window.__watched.blurs++);
  }, selector);
  return () =>
    panel.evaluate((sel) => ({
      replaced: document.querySelector(sel) !== window.__watched.el,
      blurs: window.__watched.blurs,
      focused: document.activeElement === window.__watched.el,
    }), selector);
}

test('fast typing into an emptied, prefilled field keeps every character and the same element', async () => {
  const panel = await openPanel();
  assert.equal(await panel.inputValue('#f-open-account'), 'Acme Robotics', 'prefilled from the page');
  await panel.click('#f-open-account', { clickCount: 3 });
  await panel.keyboard.press('Delete');
  const changed = await watch(panel, '#f-open-account');
  // Emptied and still focused: the page's value does not come back under the caret.
  await panel.waitForTimeout(400);
  assert.equal(await panel.inputValue('#f-open-account'), '');
  const text = 'Acme Robotics GmbH — Logistik, Süd (Kunde seit 2019)';
  await panel.keyboard.type(text, { delay: 8 });
  await panel.waitForTimeout(500);
  assert.equal(await panel.inputValue('#f-open-account'), text);
  assert.deepEqual(await changed(), { replaced: false, blurs: 0, focused: true });
  // The browser's own undo still knows the field's history.
  await panel.keyboard.press('Control+z');
  assert.notEqual(await panel.inputValue('#f-open-account'), text, 'undo changed the field');
  await panel.close();
});

test('a field emptied and left shows the page value again, as the model will use it', async () => {
  const panel = await openPanel();
  await panel.click('#f-open-account', { clickCount: 3 });
  await panel.keyboard.press('Delete');
  await panel.focus('#f-open-csm-name');
  await panel.waitForFunction(() => document.querySelector('#f-open-account').value === 'Acme Robotics');
  await panel.close();
});

test('an IME composition ends as the text chosen, once', async () => {
  const panel = await openPanel();
  await panel.fill('#f-open-csm-name', '');
  await panel.focus('#f-open-csm-name');
  const changed = await watch(panel, '#f-open-csm-name');
  const cdp = await h.context.newCDPSession(panel);
  // やまだ typed in kana, then converted to 山田 and committed; then 花子 the same way.
  for (const [steps, chosen] of [[['や', 'やま', 'やまだ'], '山田'], [['は', 'はな', 'はなこ'], '花子']]) {
    for (const t of steps) {
      await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
      await panel.waitForTimeout(120); // a frame is drawn for each composition update
    }
    await cdp.send('Input.insertText', { text: chosen });
    await panel.waitForTimeout(150);
  }
  await panel.waitForTimeout(400);
  assert.equal(await panel.inputValue('#f-open-csm-name'), '山田花子');
  assert.deepEqual(await changed(), { replaced: false, blurs: 0, focused: true });
  await cdp.detach();
  await panel.close();
});

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

test('rewriting a whole message draft fast: nothing lost while the coach redraws, and it is kept', async () => {
  const panel = await acknowledging();
  const draft = panel.getByTestId('draft').first();
  await draft.click();
  await panel.keyboard.press('Control+a');
  await panel.keyboard.press('Delete');
  const changed = await watch(panel, '[data-testid=draft]');
  // Emptied: the generated draft does not come back while the CSM writes.
  await panel.waitForTimeout(400);
  assert.equal(await draft.inputValue(), '');
  // Words the coach flags appear mid-way, so findings come and go above and below.
  const text = 'Hi Dana, unfortunately per our policy this will be fixed by tomorrow, guaranteed. I own this and you will hear from me by 4 PM.';
  await panel.keyboard.type(text, { delay: 8 });
  await panel.locator('[data-testid=coach-finding]').first().waitFor();
  await panel.waitForTimeout(500);
  assert.equal(await draft.inputValue(), text);
  assert.deepEqual(await changed(), { replaced: false, blurs: 0, focused: true });
  await panel.waitForTimeout(400); // past the save debounce
  await panel.close();
  const again = await openPanel();
  await again.getByTestId('next-deadline').waitFor();
  assert.equal(await again.getByTestId('draft').first().inputValue(), text);
  await again.close();
});

test('a details the CSM opened stays open while frames are drawn', async () => {
  const panel = await openPanel();
  await panel.locator('details.tools > summary').click();
  assert.equal(await panel.locator('details.tools').evaluate((d) => d.open), true);
  const field = (await panel.locator('#f-open-csm-name').count()) ? '#f-open-csm-name' : '[data-testid=draft]';
  await panel.click(field);
  await panel.keyboard.type(' x', { delay: 20 });
  await panel.waitForTimeout(300);
  assert.equal(await panel.locator('details.tools').evaluate((d) => d.open), true);
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
  // The side panel's model takes the pop-out's text (the draft uses it): its field shows it too.
  await a.waitForFunction(() => document.querySelector('#f-ack-impact').value === 'typed in the pop-out');
  assert.equal(await a.evaluate(() => document.activeElement.id), 'f-ack-impact', 'the side panel kept its focus');
  await a.close();
  await b.close();
});

test('no errors in the service worker or the panel', () => {
  assert.deepEqual(h.errors, []);
});
