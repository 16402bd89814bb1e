// Reading the account from CRM pages, end to end: each fixture imitates one
// CRM's real markup and is served from 127.0.0.1 with the strict CSP; the
// extension's page agent snapshots it, the Rust core (wasm, in the panel)
// extracts the facts, and the panel header shows them:
//   [data-testid=account-name]     text
//   [data-testid=account-arr]      data-amount (major units), data-currency
//   [data-testid=account-renewal]  data-date (YYYY-MM-DD)
// Plus the snapshot itself, taken in the page by the very snapshot.js the
// extension bundles: hidden copies marked, shadow roots walked, bounded.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, ROOT, snapshotOf, inPageWithSnapshot, fixtureReady } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
});
after(async () => {
  await h?.close();
});

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'crm');

/** Opens a fixture and the panel bound to its tab. */
async function openWithPanel(name) {
  const page = await h.openPage(`/fixtures/crm/${name}/index.html`);
  h.watchPage(page, `fixture ${name}`);
  const tabId = await h.tabIdOf(page);
  assert.ok(Number.isInteger(tabId), 'the extension sees the fixture tab');
  const panel = await h.openPanel(tabId);
  return { page, panel };
}

/** What the panel header shows now. */
function header(panel) {
  return panel.evaluate(() => {
    const q = (id) => document.querySelector(`[data-testid="${id}"]`);
    const arr = q('account-arr');
    const renewal = q('account-renewal');
    return {
      name: q('account-name')?.textContent ?? null,
      amount: arr?.getAttribute('data-amount') ?? null,
      currency: arr?.getAttribute('data-currency') ?? null,
      arrText: arr?.textContent ?? null,
      date: renewal?.getAttribute('data-date') ?? null,
      problems: [...document.querySelectorAll('[data-testid="fact-problem"]')].map((p) => p.textContent),
    };
  });
}

/** Waits until the panel header shows `want` (progressive pages take a while). */
async function expectHeader(panel, want, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let got;
  for (;;) {
    got = await header(panel);
    const ok = Object.entries(want).every(([k, v]) => got[k] === v);
    if (ok) return got;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  assert.deepEqual(
    Object.fromEntries(Object.keys(want).map((k) => [k, got[k]])),
    want,
    `panel header (problems shown: ${JSON.stringify(got.problems)})`,
  );
  return got;
}

const CASES = [
  // [fixture, what it imitates, expected header]
  ['lightning', 'Salesforce Lightning console (SLDS, progressive, hidden tab, shadow root)', { name: 'Acme Robotics', amount: '1200000.50', currency: 'USD', date: '2027-03-31' }],
  ['classic', 'Salesforce Classic detail page', { name: 'Umbrella Industries', amount: '845000', currency: 'USD', date: '2026-09-15' }],
  ['hubspot', 'HubSpot company record', { name: 'Initech', amount: '2400000', currency: 'USD', date: '2027-06-30' }],
  ['dynamics', 'Dynamics 365 account form (values in input.value, set late)', { name: 'Contoso Pharmaceuticals', amount: '1750000', currency: 'USD', date: '2027-04-30' }],
  ['zendesk', 'Zendesk organization page (tags as adjacent spans, "ARR (USD)" plain number)', { name: 'Hooli', amount: '560000', currency: 'USD', date: '2027-01-15' }],
  ['console', 'Salesforce Service Console (tabContent oneConsoleTab, slot outputField, hidden workspace)', { name: 'Initrode Global', amount: '2050000', currency: 'USD', date: '2027-08-31' }],
  ['zoho', 'Zoho CRM account detail (label/value wrappers, name in no h1, hidden tab, deals list)', { name: 'Brightwater Analytics GmbH', amount: '1250000', currency: 'EUR', date: '2027-03-31' }],
  ['pipedrive', 'Pipedrive organisation detail (label chips, deal cards, hidden tab)', { name: 'Northwind Traders', amount: '480000', currency: 'USD', date: '2027-06-30' }],
  ['freshsales', 'Freshsales account detail (name in no heading, "ARR (USD)" plain number, deals table)', { name: 'Umbra Logistics', amount: '640000', currency: 'USD', date: '2027-02-15' }],
  ['close', 'Close lead page (name only in the title, "Last action —", aria-labelledby values)', { name: 'Quanta Systems', amount: '310000', currency: 'USD', date: '2027-05-31' }],
  // Hold-out pages: `holdout` was written after the rules and run once; it
  // failed (four-cell rows, a header row read as pairs), so the structural
  // rules were fixed and it stays as a regression; `holdout2` was written
  // after that fix and never used to tune (see each index.html).
  ['holdout', 'hold-out open-source-CRM page (four-cell detail rows, "ARR in GBP", day-first dates)', { name: 'Vandelay Imports', amount: '875000', currency: 'GBP', date: '2027-08-31' }],
  ['holdout2', 'second hold-out page (ERP-style form: group tables with label for, name widget in h1)', { name: 'Pemberton Health Partners', amount: '725400', currency: 'USD', date: '2027-06-30' }],
  ['german', 'German account page (de-DE, Jahresumsatz beside ARR)', { name: 'Müller Maschinenbau GmbH', amount: '1200000', currency: 'EUR', date: '2027-03-31' }],
  ['french', 'French account page (fr-FR, U+202F / U+00A0 in amounts)', { name: 'Dupont Logistique SA', amount: '1200000', currency: 'EUR', date: '2027-03-31' }],
];

for (const [name, what, want] of CASES) {
  test(`${name}: the panel reads name, ARR and renewal from the ${what}`, async () => {
    const { page, panel } = await openWithPanel(name);
    await expectHeader(panel, want);
    await panel.close();
    await page.close();
  });
}

test('lightning: progressive rendering — the panel opened before the fields exist ends up with them', async () => {
  const page = await h.context.newPage();
  h.watchPage(page, 'fixture lightning (early)');
  await page.goto(`${h.origin}/fixtures/crm/lightning/index.html`, { waitUntil: 'domcontentloaded' });
  const tabId = await h.tabIdOf(page);
  const panel = await h.openPanel(tabId);
  // The record is not complete yet when the panel opens (it renders over ~1.3 s).
  await expectHeader(panel, { name: 'Acme Robotics', amount: '1200000.50', currency: 'USD', date: '2027-03-31' });
  await fixtureReady(page);
  await panel.close();
  await page.close();
});

test('lightning: the hidden console tab (another account) is marked hidden and loses to the visible one', async () => {
  const page = await h.openPage('/fixtures/crm/lightning/index.html');
  await fixtureReady(page);
  const snap = await snapshotOf(page);
  const globex = snap.fields.filter((f) => f.value.includes('Globex') || f.value === '$800,000.00' || f.value === '12/31/2026');
  assert.ok(globex.length >= 3, 'the hidden copy is in the snapshot');
  assert.ok(globex.every((f) => f.hidden), `every Globex field is hidden: ${JSON.stringify(globex.filter((f) => !f.hidden))}`);
  const arr = snap.fields.find((f) => f.label === 'ARR' && !f.hidden);
  assert.equal(arr.value, '$1,200,000.50');
  // Lightning's outer data-target-selection-name and inner field-label end up on one candidate.
  assert.equal(arr.attrs['data-target-selection-name'], 'sfdc:RecordField.Account.ARR__c');
  assert.equal(arr.attrs['field-label'], 'ARR');
  // The edit button's assistive text is not part of the value.
  assert.ok(!snap.fields.some((f) => /Edit ARR/.test(f.value)));
  // The renewal date lives in a real open shadow root.
  const renewal = snap.fields.find((f) => f.label === 'Renewal Date' && !f.hidden);
  assert.deepEqual([renewal.value, renewal.shadow], ['3/31/2027', true]);
  assert.ok(snap.fields.some((f) => f.attrs.slot === 'primaryField' && f.value === 'Acme Robotics' && !f.hidden));
  await page.close();
});

test('dynamics: values that exist only as input.value properties are read', async () => {
  const page = await h.openPage('/fixtures/crm/dynamics/index.html');
  await fixtureReady(page);
  const snap = await snapshotOf(page);
  const arr = snap.fields.find((f) => f.label === 'ARR' && f.value);
  assert.equal(arr.value, '$1,750,000.00');
  assert.ok(
    snap.fields.some((f) => /FieldSectionItemContainer|\.fieldControl/.test(f.attrs['data-id'] || '') && f.value === '$1,750,000.00'),
    'the Dynamics data-id comes with the value',
  );
  assert.equal(await page.getAttribute('[data-id="new_arr.fieldControl-text-box-text"]', 'value'), null, 'no value attribute: a property only');
  await page.close();
});

test('dynamics: the save status stays out of the name, the signed-in user is collected', async () => {
  const page = await h.openPage('/fixtures/crm/dynamics/index.html');
  await fixtureReady(page);
  const snap = await snapshotOf(page);
  const heading = snap.fields.find((f) => f.kind === 'heading' && f.attrs['data-id'] === 'header_title');
  assert.equal(heading.value, 'Contoso Pharmaceuticals - Saved', 'the agent sends what the page shows; the core strips the status');
  const users = snap.fields.filter((f) => f.kind === 'user').map((f) => [f.value, f.hidden]);
  assert.deepEqual(users[0], ['Account manager for Priya Raman', false]);
  await page.close();
});

test('zendesk: tags are never read as label and value; the hidden workspace tab is marked', async () => {
  const page = await h.openPage('/fixtures/crm/zendesk/index.html');
  await fixtureReady(page);
  const snap = await snapshotOf(page);
  const tags = ['customer', 'enterprise', 'priority_support'];
  assert.deepEqual(snap.fields.filter((f) => tags.includes(f.label)), [], 'no tag became a label');
  const arr = snap.fields.find((f) => f.label === 'ARR (USD)');
  assert.equal(arr.value, '560000');
  assert.ok(snap.fields.filter((f) => f.value === 'Pied Piper').every((f) => f.hidden));
  await page.close();
});

test('zoho and close: wrapper pairs and aria-labelledby values become label/value pairs', async () => {
  const zoho = await h.openPage('/fixtures/crm/zoho/index.html');
  await fixtureReady(zoho);
  const z = await snapshotOf(zoho);
  const arr = z.fields.find((f) => f.label === 'ARR' && !f.hidden);
  assert.equal(arr.value, '€ 1,250,000.00');
  assert.equal(arr.attrs.id, 'value_ACCOUNTCF12');
  assert.ok(z.fields.filter((f) => f.value.includes('Redwood')).every((f) => f.hidden));
  // A related list's wide rows are no pairs.
  assert.ok(!z.fields.some((f) => f.label.startsWith('Brightwater –')));
  await zoho.close();
  const close = await h.openPage('/fixtures/crm/close/index.html');
  await fixtureReady(close);
  const c = await snapshotOf(close);
  const pairs = Object.fromEntries(c.fields.filter((f) => f.kind === 'pair' && !f.hidden).map((f) => [f.label, f.value]));
  assert.equal(pairs.ARR, '$310,000.00');
  assert.equal(pairs['Renewal Date'], '2027-05-31');
  // Column neighbours of one kind are a list, not a label and its value.
  assert.equal(pairs['$310,000.00'], undefined);
  await close.close();
});

test('clip never cuts a surrogate pair: an emoji at the cut leaves no lone surrogate', async () => {
  const page = await h.openPage('/fixtures/crm/no-arr/index.html');
  const got = await inPageWithSnapshot(
    page,
    `(() => {
      const row = document.createElement('dl');
      const dt = document.createElement('dt');
      dt.textContent = 'Notes';
      const dd = document.createElement('dd');
      dd.textContent = 'x'.repeat(499) + '\u{1F600}' + ' more';
      row.append(dt, dd);
      document.body.append(row);
      const snap = takeSnapshot(document);
      const notes = snap.fields.find((f) => f.label === 'Notes');
      return { cut: clip('a'.repeat(499) + '\u{1F600}', 500), whole: clip('a'.repeat(498) + '\u{1F600}', 500), notes: notes.value, json: JSON.stringify(snap) };
    })()`,
  );
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  assert.equal(got.cut, 'a'.repeat(499), 'the half emoji is dropped');
  assert.equal(got.whole, 'a'.repeat(498) + '\u{1F600}', 'a whole emoji that fits is kept');
  assert.equal(got.notes, 'x'.repeat(499));
  assert.doesNotMatch(got.json, /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i, 'JSON carries no escaped lone surrogate');
  assert.doesNotMatch(got.json, lone, 'no lone surrogate anywhere in the snapshot');
  await page.close();
});

test('textOf reads a small subtree as textContent only where the node walk would read the same', async () => {
  const page = await h.openPage('/fixtures/crm/no-arr/index.html');
  // Each case: built from [tag, class, children | text] nodes, then read.
  const got = await inPageWithSnapshot(
    page,
    `(() => {
      const build = ([tag, cls, kids]) => {
        const el = document.createElement(tag);
        if (cls) el.className = cls;
        if (typeof kids === 'string') el.textContent = kids;
        else for (const k of kids) el.append(typeof k === 'string' ? k : build(k));
        return el;
      };
      const cases = {
        nested: ['span', 'label-wrap', [['span', 'label', 'Annual revenue']]],
        inline: ['span', '', [['b', '', '12'], ['i', '', '34'], ' kEUR']],
        assistive: ['span', '', [['span', 'slds-assistive-text', 'Edit'], 'Owner']],
        blocks: ['span', '', [['div', '', 'Stage'], ['div', '', 'Won']]],
        br: ['span', '', ['Line one', ['br', '', []], 'two']],
        control: ['label', '', [['span', '', 'Seats'], ['textarea', '', 'typed']]],
        code: ['span', '', [['script', '', 'var x'], 'Plan']],
        // nine nested spans: more than the fast path looks at
        deep: Array.from({ length: 8 }).reduce((inner) => ['span', '', [inner]], ['span', '', 'nine']),
      };
      const out = {};
      for (const [name, spec] of Object.entries(cases)) {
        const el = build(spec);
        document.body.append(el);
        out[name] = textOf(el, 200);
      }
      return out;
    })()`,
  );
  assert.deepEqual(got, {
    nested: 'Annual revenue',
    inline: '1234 kEUR',
    assistive: 'Owner',
    blocks: 'Stage Won',
    br: 'Line one two',
    control: 'Seats',
    code: 'Plan',
    deep: 'nine',
  });
  await page.close();
});

test("skipFrame keeps Defuse's own same-origin panel out of the snapshot", async () => {
  const page = await h.openPage('/fixtures/crm/no-arr/index.html');
  const got = await inPageWithSnapshot(
    page,
    `(async () => {
      const f = document.createElement('iframe');
      f.id = 'defuse-panel';
      f.srcdoc = '<dl><dt>Panel Draft</dt><dd>text the CSM is writing</dd></dl>';
      const loaded = new Promise((resolve) => f.addEventListener('load', resolve, { once: true }));
      document.body.append(f);
      await loaded;
      const has = (snap) => snap.fields.some((x) => x.label === 'Panel Draft');
      const skip = (frame) => frame.id === 'defuse-panel';
      return {
        plain: has(takeSnapshot(document)),
        skipped: has(takeSnapshot(document, { skipFrame: skip })),
        sliced: has(await takeSnapshotSliced(document, { skipFrame: skip })),
      };
    })()`,
  );
  assert.deepEqual(got, { plain: true, skipped: false, sliced: false });
  await page.close();
});

test('french: no-break spaces reach the core unchanged', async () => {
  const page = await h.openPage('/fixtures/crm/french/index.html');
  const snap = await snapshotOf(page);
  const arr = snap.fields.find((f) => f.label.startsWith('Revenu récurrent annuel'));
  assert.equal(arr.value, '1\u202f200\u202f000,00\u00a0€');
  assert.equal(snap.lang, 'fr-FR');
  await page.close();
});

test('no-arr: the panel says no ARR was found and offers manual entry', async () => {
  const { page, panel } = await openWithPanel('no-arr');
  const got = await expectHeader(panel, { name: 'Wayne Enterprises', amount: null, date: '2026-11-30' });
  const said = [got.arrText, ...got.problems].join(' | ');
  assert.match(said, /no ARR|not found/i, `the panel says the ARR is missing: ${said}`);
  assert.equal(await panel.locator('#f-open-arr').count(), 1, 'an ARR input for manual entry');
  await panel.close();
  await page.close();
});

test('spa: the panel follows pushState navigation and Back without a page load', async () => {
  const { page, panel } = await openWithPanel('spa');
  await expectHeader(panel, { name: 'Stark Industries', amount: '3100000', currency: 'USD', date: '2027-02-28' });
  const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  await page.click('a[data-account="wonka"]');
  await page.waitForURL(/account=wonka/);
  await expectHeader(panel, { name: 'Wonka Confections', amount: '415250.75', currency: 'USD', date: '2026-10-01' });
  await page.goBack();
  await expectHeader(panel, { name: 'Stark Industries', amount: '3100000', currency: 'USD', date: '2027-02-28' });
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), loads, 'no page load happened');
  await panel.close();
  await page.close();
});

test('big: the 5,000-field page is read within bounds, the account first', async () => {
  const { page, panel } = await openWithPanel('big');
  await fixtureReady(page);
  const snap = await snapshotOf(page);
  assert.ok(snap.fields.length <= 2000, `at most 2,000 candidates (got ${snap.fields.length})`);
  assert.equal(snap.truncated, true);
  assert.ok(snap.fields.every((f) => f.value.length <= 500 && f.label.length <= 200));
  assert.ok(Number.isFinite(snap.stats.ms) && snap.stats.nodes > 0);
  // Timing is measured, never asserted (DESIGN.md): printed for the report.
  const runs = await inPageWithSnapshot(
    page,
    `(() => { const t = []; for (let i = 0; i < 15; i++) { const a = performance.now(); takeSnapshot(document); t.push(performance.now() - a); } t.sort((a, b) => a - b); return { median: t[7], min: t[0], max: t[14], elements: document.getElementsByTagName('*').length }; })()`,
  );
  console.log(`# takeSnapshot on the 5,000-field page: median ${runs.median.toFixed(1)} ms (min ${runs.min.toFixed(1)}, max ${runs.max.toFixed(1)}) over 15 runs, ${runs.elements} elements`);
  await expectHeader(panel, { name: 'Tyrell Corporation', amount: '7250000', currency: 'USD', date: '2027-08-31' });
  await panel.close();
  await page.close();
});

test('every fixture is served with the strict CSP and has no inline script or style', async () => {
  const dirs = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory());
  assert.ok(dirs.length >= 10);
  for (const d of dirs) {
    const res = await fetch(`${h.origin}/fixtures/crm/${d.name}/index.html`);
    assert.equal(res.headers.get('content-security-policy'), "default-src 'self'; script-src 'self'", d.name);
    const html = await res.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${d.name}: inline script`);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, `${d.name}: inline style or handler`);
  }
});

test('fixtures build DOM as text: no HTML-parsing sinks', () => {
  const sinks = ['inner' + 'HTML', 'outer' + 'HTML', 'insertAdjacent' + 'HTML', 'document.' + 'write'];
  const offenders = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(m?js|html)$/.test(e.name)) {
        const src = fs.readFileSync(p, 'utf8');
        for (const s of sinks) if (src.includes(s)) offenders.push(`${path.relative(ROOT, p)}: ${s}`);
      }
    }
  };
  walk(FIXTURES);
  assert.deepEqual(offenders, []);
});

test('no errors in the service worker, the panel or the fixtures', () => {
  assert.deepEqual(h.errors, []);
});
