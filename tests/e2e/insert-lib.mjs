// What the insert end-to-end tests share: the status update the panel sends,
// and the checks on an editor's own model after an insert (no node or
// attribute of ours left, one undo restores exactly what was there).

import assert from 'node:assert/strict';

// A status update as the panel makes it: plain text for text fields, HTML
// (a <p> per paragraph, <strong> field labels, every value escaped) for
// rich editors. The quote proves that escaped markup arrives as text.
export const PAYLOAD = {
  subject: 'Sync failures: status update',
  text: 'Current status: Investigating the sync failure; the customer wrote "<urgent>".\nNext update: tomorrow 10:00 CET.',
  html:
    '<p><strong>Current status:</strong> Investigating the sync failure; the customer wrote &quot;&lt;urgent&gt;&quot;.</p>' +
    '<p><strong>Next update:</strong> tomorrow 10:00 CET.</p>',
};
export const CHARS = Array.from(PAYLOAD.text).length;

export const norm = (s) => s.replace(/\s+/g, ' ');

/** No element or attribute of ours (nor an element made from the escaped quote) in the editable area. */
export async function assertNoForeignNodes(frame) {
  const foreign = await frame.evaluate(() => {
    const root = window.fixture.root;
    const bad = [];
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el.tagName === 'URGENT') bad.push('an <urgent> element');
      for (const a of el.attributes) if (/defuse/i.test(a.name) || /defuse/i.test(a.value)) bad.push(`${el.tagName} ${a.name}="${a.value}"`);
    }
    return bad;
  });
  assert.deepEqual(foreign, []);
}

/** Undo once with the editor's own undo; its model must be exactly as before. */
export async function assertOneUndoRestores(frame, beforeData) {
  await frame.evaluate(() => window.fixture.undo());
  let now = '';
  for (let i = 0; i < 40; i++) {
    now = await frame.evaluate(() => window.fixture.data());
    if (now === beforeData) break;
    await frame.waitForTimeout(25);
  }
  assert.equal(now, beforeData, 'one undo brings the editor back to exactly what it had');
}
