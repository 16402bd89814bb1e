// www/panel/morph.js in Chromium, on hand-made frames: after a morph the
// page shows exactly the new frame (checked on 300 random frames in a row),
// and the nodes that stay are the same nodes — the focused field above all,
// when a notice or a signal appears or goes above it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tools/chromium.mjs';
import { ROOT } from './harness.mjs';

const MORPH = fs.readFileSync(path.join(ROOT, 'www', 'panel', 'morph.js'), 'utf8').replace(/^export /gm, '');

let browser;
let page;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.setContent('<main id="app"><p class="loading">Loading…</p></main>');
  await page.addScriptTag({ content: `${MORPH}\nwindow.morphFrame = morphFrame;` });
  // h(tag, {attrs, value, checked, open}, ...children): a detached frame node, as the Rust builder makes them.
  await page.addScriptTag({
    content: `window.h = (tag, props = {}, ...kids) => {
      const el = document.createElement(tag);
      for (const [k, v] of Object.entries(props.attrs || {})) el.setAttribute(k, v);
      el.append(...kids);
      if ('value' in props) el.value = props.value;
      if ('checked' in props) el.checked = props.checked;
      return el;
    };
    window.draw = (parts, keep = true) => morphFrame(document.getElementById('app'), parts, keep);`,
  });
});
after(async () => {
  await browser?.close();
});

test('a notice or a signal appearing above a focused field leaves the field, what was typed and its focus', async () => {
  const r = await page.evaluate(() => {
    const form = (value) => h('section', { attrs: { class: 'open' } }, h('div', { attrs: { class: 'field' } }, h('label', {}, 'Customer'), h('input', { attrs: { id: 'f-a', type: 'text' }, value })));
    draw([h('header', {}, 'Acme'), form('Acme')]);
    const input = document.getElementById('f-a');
    input.focus();
    input.value = 'Acme Robotics GmbH'; // typed, the model not told yet
    const out = [];
    const check = (label) => out.push([label, document.getElementById('f-a') === input, document.activeElement === input, input.value]);
    draw([h('header', {}, 'Acme'), h('section', { attrs: { class: 'signal' } }, h('p', {}, 'Escalation detected')), form('Acme')]);
    check('signal above');
    draw([h('div', { attrs: { class: 'notice' } }, 'Copied.'), h('header', {}, 'Acme'), form('Acme')]);
    check('notice first, signal gone');
    draw([h('header', {}, 'Acme'), form('Acme')]);
    check('notice gone');
    draw([h('header', {}, 'Acme'), form('')], false);
    check('a click cleared it');
    // Focused but not changed since the last frame: it follows the model.
    draw([h('header', {}, 'Acme'), form('Acme Robotics Inc.')]);
    check('the model moved on');
    return out;
  });
  assert.deepEqual(r, [
    ['signal above', true, true, 'Acme Robotics GmbH'],
    ['notice first, signal gone', true, true, 'Acme Robotics GmbH'],
    ['notice gone', true, true, 'Acme Robotics GmbH'],
    ['a click cleared it', true, true, ''],
    ['the model moved on', true, true, 'Acme Robotics Inc.'],
  ]);
});

test('controls: select, checkbox and unfocused fields take the frame\'s values; details keep the CSM\'s toggle', async () => {
  const r = await page.evaluate(() => {
    const frame = (choice, checked, open, note) => [
      h('select', { attrs: { id: 's' }, value: choice }, h('option', { attrs: { value: 'fix' } }, 'Fix'), h('option', { attrs: { value: 'refund' } }, 'Refund')),
      h('input', { attrs: { id: 'c', type: 'checkbox' }, checked }),
      h('textarea', { attrs: { id: 't' }, value: note }),
      h('details', { attrs: open ? { open: '' } : {} }, h('summary', {}, 'Tools'), h('p', {}, 'x')),
    ];
    draw(frame('refund', true, false, 'one'));
    const $ = (id) => document.getElementById(id);
    const out = [[$('s').value, $('c').checked, $('t').value]];
    document.querySelector('details').open = true; // the CSM opens it
    draw(frame('fix', false, false, 'two'));
    out.push([$('s').value, $('c').checked, $('t').value, document.querySelector('details').open]);
    draw(frame('fix', false, true, 'two')); // the view wants it open: it already is
    document.querySelector('details').open = false; // the CSM closes it
    draw(frame('fix', false, true, 'two'));
    out.push(document.querySelector('details').open);
    draw(frame('fix', false, false, 'two')); // the view changes its mind
    out.push(document.querySelector('details').open);
    return out;
  });
  assert.deepEqual(r, [['refund', true, 'one'], ['fix', false, 'two', true], false, false]);
});

test('random frame sequences: the page always ends as the new frame, and unchanged nodes are kept', async () => {
  const r = await page.evaluate(() => {
    let seed = 7; // xorshift32: the same sequences on every run
    const rnd = (n) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const tags = ['div', 'p', 'section', 'span', 'ul', 'li', 'input', 'details'];
    const classes = ['', 'a', 'b'];
    const node = (depth) => {
      if (depth > 3 || rnd(4) === 0) return document.createTextNode(['x', 'y', 'zz', ''][rnd(4)]);
      const tag = tags[rnd(tags.length)];
      const attrs = {};
      if (rnd(3) === 0) attrs.id = `id${rnd(6)}`;
      const c = classes[rnd(3)];
      if (c) attrs.class = c;
      if (rnd(4) === 0) attrs['data-k'] = String(rnd(3));
      if (tag === 'input') return h('input', { attrs, value: ['', 'v', 'w'][rnd(3)] });
      const kids = [];
      for (let k = rnd(4); k > 0; k--) kids.push(node(depth + 1));
      return h(tag, { attrs }, ...kids);
    };
    // A frame is a list of parts, each grown from its own seed; the next
    // frame adds, drops or replaces one part (a notice, a field error, a
    // coach finding) or is new altogether (another step).
    let seeds = [1, 2, 3];
    const nextSeeds = () => {
      const op = rnd(5);
      const fresh = () => rnd(1000) + 1;
      if (op === 0 || !seeds.length) seeds = Array.from({ length: rnd(5) + 1 }, fresh);
      else if (op === 1) seeds.splice(rnd(seeds.length + 1), 0, fresh());
      else if (op === 2) seeds.splice(rnd(seeds.length), 1);
      else seeds[rnd(seeds.length)] = fresh();
    };
    // Ids unique per frame, as in the panel.
    const frame = () => {
      nextSeeds();
      const outer = seed;
      const parts = seeds.map((s) => {
        seed = s * 2654435761 >>> 0 || 1;
        return node(0);
      });
      seed = outer;
      const seen = new Set();
      for (const p of parts) for (const el of [p, ...(p.querySelectorAll ? p.querySelectorAll('[id]') : [])]) {
        if (el.id && seen.has(el.id)) el.removeAttribute('id');
        else if (el.id) seen.add(el.id);
      }
      return parts;
    };
    const values = (root) => [...root.querySelectorAll('input')].map((i) => i.value).join('|');
    const app = document.getElementById('app');
    const failures = [];
    let kept = 0;
    for (let round = 0; round < 300; round++) {
      const parts = frame();
      const expect = document.createElement('main');
      expect.append(...parts.map((p) => p.cloneNode(true)));
      // cloneNode copies no value property: carry them over.
      const src = parts.flatMap((p) => (p.nodeType === 1 ? [...(p.matches('input') ? [p] : []), ...p.querySelectorAll('input')] : []));
      [...expect.querySelectorAll('input')].forEach((i, k) => (i.value = src[k].value));
      const before = new Set(app.querySelectorAll('*'));
      draw(parts, false);
      for (const el of app.querySelectorAll('*')) if (before.has(el)) kept++;
      // isEqualNode: the same nodes, text and attributes (in any order).
      const same = app.childNodes.length === expect.childNodes.length && [...app.childNodes].every((n, k) => n.isEqualNode(expect.childNodes[k]));
      if (!same || values(app) !== values(expect)) failures.push(round);
    }
    return { failures, kept };
  });
  assert.deepEqual(r.failures, []);
  assert.ok(r.kept > 1000, `nodes kept across frames: ${r.kept}`);
});
