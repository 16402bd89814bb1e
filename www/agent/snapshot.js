// The page agent's snapshot: a bounded list of candidate fields (label, value,
// stable attributes, visibility) plus page context. It collects; it decides
// nothing: what a field means is decided by the Rust core.
//
// Walks the document, open shadow roots and same-origin iframes with an
// explicit stack (no recursion limit surprises on deep CRM trees). Every loop
// is bounded: nodes visited, candidates kept, characters per string.
//
// Shape (src/account/snapshot.rs): { url, title, lang, fields: [{ label,
// value, attrs, kind, hidden, shadow, frame }], conversation, truncated },
// plus `stats: { nodes, ms }`, which the core ignores (serde keeps unknown
// fields out) and the agent leaves out of its change detection.
//
// Reading one field (text, value, label, hidden) lives in fields.js; this
// module walks the page and keeps the candidates.

import { conversationSteps } from './conversation.js';
import { MAX_CANDIDATES, MAX_LABEL, MAX_CONVERSATION, MAX_NODES, STABLE_ATTRS, FIELD_NAMING, HEADING_SELECTOR, CONVERSATION_SELECTOR, NOT_DATA, SKIP_TAGS, clip, hiddenCache, textOf, controlValue, hasText, labelOfControl, attrsOf, fieldOf, PAIR_TAGS, pairFromLabel, pairFromLabelledBy } from './fields.js';

// Where a CRM shows who is signed in: Salesforce Classic's user menu, the
// Microsoft account manager of Dynamics 365 (MeControl), HubSpot's account
// menu, and the generic "Signed in as …" labels. The core reads the name.
const USER_SELECTOR = [
  '#userNavLabel',
  '.profile-card-name',
  '#mectrl_currentAccount_primary',
  '#mectrl_main_trigger[aria-label]',
  '#account-menu[aria-label]',
  '[aria-label^="Account manager for"]',
  '[aria-label^="Signed in as"]',
  '[aria-label^="Logged in as"]',
  '[title^="Signed in as"]',
  '[data-defuse-user]',
].join(',');

const SPECIAL_SELECTOR = HEADING_SELECTOR + ',' + CONVERSATION_SELECTOR + ',' + USER_SELECTOR;

/**
 * What an element needs to match one of `selectors` at all, read from each
 * selector's last compound: one tag, attribute (with the value or prefix it
 * requires) or class per selector. A superset, checked in JS before
 * `matches` (a selector list costs ~1.6 µs per element, the check a
 * fraction of it); derived, so it cannot drift from the lists. Values are
 * compared lowercased and classes case-insensitively (quirks mode).
 */
function prefilterOf(selectorList) {
  const tags = new Set();
  const attrs = new Map(); // name → [{ op, value }]; op '' = present
  const classes = [];
  const need = (name, op, value) => {
    if (!attrs.has(name)) attrs.set(name, []);
    attrs.get(name).push({ op, value: value.toLowerCase() });
  };
  for (const selector of selectorList.split(',')) {
    const last = selector.trim().split(/\s+/).pop();
    const attr = /\[([\w-]+)(?:([\^*$]?=)"([^"]*)")?\]/.exec(last);
    const id = /#([\w-]+)/.exec(last);
    const cls = /\.([\w-]+)/.exec(last);
    const tag = /^[a-zA-Z][\w-]*/.exec(last);
    if (id) need('id', '=', id[1]);
    else if (attr && attr[2]) need(attr[1], attr[2], attr[3]);
    else if (cls) classes.push(cls[1]);
    else if (attr) need(attr[1], '', '');
    else if (tag) {
      tags.add(tag[0].toUpperCase());
      tags.add(tag[0].toLowerCase());
    } else throw new Error('no prefilter for selector ' + selector);
  }
  const escaped = classes.map((c) => c.replace(/[-]/g, '\\-'));
  return { tags, attrs, classes: classes.length ? new RegExp(escaped.join('|'), 'i') : null };
}
const SPECIAL = prefilterOf(SPECIAL_SELECTOR);

/** Whether `el`, which carries attribute `name`, may match SPECIAL_SELECTOR for it. */
function maySpecial(el, name) {
  if (name === 'class') {
    if (!SPECIAL.classes) return false;
    const cls = el.className;
    return mayHaveSpecialClass(typeof cls === 'string' ? cls : el.getAttribute('class') || '');
  }
  const needs = SPECIAL.attrs.get(name);
  if (needs === undefined) return false;
  const value = (el.getAttribute(name) || '').toLowerCase();
  for (const { op, value: v } of needs) {
    if (op === '' || (op === '=' && value === v) || (op === '^=' && value.startsWith(v)) || (op === '*=' && value.includes(v)) || (op === '$=' && value.endsWith(v))) return true;
  }
  return false;
}
// The class test's verdict per class attribute: a CRM page repeats the
// same few hundred class lists over thousands of elements, and a Map lookup
// of a string the browser hands back (its hash kept) costs less than the
// regular expression. Bounded; the verdict depends on the string alone.
const CLASS_VERDICTS = new Map();
const MAX_CLASS_VERDICTS = 4096;
function mayHaveSpecialClass(cls) {
  let verdict = CLASS_VERDICTS.get(cls);
  if (verdict === undefined) {
    verdict = SPECIAL.classes.test(cls);
    if (CLASS_VERDICTS.size < MAX_CLASS_VERDICTS) CLASS_VERDICTS.set(cls, verdict);
  }
  return verdict;
}
const FIELD_NAMING_SET = new Set(STABLE_ATTRS.slice(0, FIELD_NAMING));
const NO_NAMES = [];
function userText(el) {
  const text = clip(textOf(el, MAX_LABEL), 120);
  const aria = el.getAttribute('aria-label') || el.getAttribute('title') || '';
  // An avatar button's text is its initials; its label names the user.
  return aria && (!hasText(text) || text.length <= 3) ? aria : text || aria;
}

/**
 * Takes the snapshot of `rootDoc`. `options.onRoot(root)` is called for every
 * shadow root and same-origin iframe document walked, so the agent can watch
 * them for changes too. `options.skipFrame(iframe)` names frames never read
 * (Defuse's own panel, when it shares the page's origin).
 */
function* snapshotSteps(rootDoc, options) {
  const started = performance.now();
  const onRoot = typeof options.onRoot === 'function' ? options.onRoot : null;
  const skipFrame = typeof options.skipFrame === 'function' ? options.skipFrame : null;
  const fields = [];
  const seen = new Map(); // kind/label/value/hidden → index in fields
  const elements = []; // the element each field was read from
  let truncated = false;
  const hiddenOf = hiddenCache();
  // `names`: el's attribute names when the walk has read them already.
  const push = (label, value, el, kind, ctx, names) => {
    label = clip(label, MAX_LABEL);
    value = clip(value);
    if (!hasText(label) && !hasText(value)) return -1;
    // Hidden copies (console tabs, inactive views) never shadow a visible
    // one: a read is merged only into a candidate whose element contains it.
    const key = (kind === 'heading' || kind === 'user' ? kind : 'f') + '\u0000' + label + '\u0000' + value;
    const at = seen.get(key);
    if (at !== undefined && elements[at].contains(el)) {
      // The same field read again from a nested element (the walk goes
      // outside in): one candidate with the attributes of both, the inner
      // element's winning — Dynamics' section and its field container.
      mergeAttrs(at, el, names);
      return at;
    }
    if (fields.length >= MAX_CANDIDATES) {
      truncated = true;
      return -1;
    }
    seen.set(key, fields.length);
    elements.push(el);
    const hidden = ctx.hidden || hiddenOf(el);
    fields.push({ label, value, attrs: attrsOf(el, names), kind, hidden, shadow: ctx.shadow, frame: ctx.frame });
    return fields.length - 1;
  };
  const mergeAttrs = (at, el, names) => {
    // In place: kept keys keep their place, new ones come after, as in a
    // merged copy; no copy when the union stays within 16 names.
    const attrs = fields[at].attrs;
    const add = attrsOf(el, names);
    let size = 0;
    for (const name in attrs) size++;
    for (const name in add) if (!Object.hasOwn(attrs, name)) size++;
    if (size <= 16) Object.assign(attrs, add);
  };
  let lastAttr = null;

  const stack = [{ root: rootDoc, shadow: false, frame: false, hidden: false }];
  let visited = 0;
  // The top document's open shadow roots, met on this walk: the conversation
  // reader looks in them without walking the page a second time.
  const shadowRoots = [];
  const conversation = [];
  let conversationLength = 0;
  while (stack.length && !truncated) {
    const ctx = stack.pop();
    if (ctx.root !== rootDoc && onRoot) onRoot(ctx.root);
    const walker = (ctx.root.ownerDocument || ctx.root).createTreeWalker(ctx.root, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      // A point where a sliced snapshot may give the page its thread back:
      // every 64 elements, so a slice overshoots its budget by little.
      if ((visited & 63) === 63) yield;
      if (++visited > MAX_NODES || truncated) {
        truncated = true;
        break;
      }
      if (el.shadowRoot) {
        stack.push({ root: el.shadowRoot, shadow: true, frame: ctx.frame, hidden: ctx.hidden });
        if (!ctx.frame) shadowRoots.push(el.shadowRoot);
      }
      const tag = el.tagName;
      if (SKIP_TAGS.has(tag)) continue;
      if (tag === 'IFRAME' || tag === 'FRAME') {
        if (skipFrame && skipFrame(el)) continue;
        let doc = null;
        try {
          doc = el.contentDocument; // null or throws when cross-origin
        } catch (_) {
          doc = null;
        }
        if (doc && doc.documentElement) stack.push({ root: doc, shadow: ctx.shadow, frame: true, hidden: ctx.hidden || hiddenOf(el) });
        continue;
      }
      // One call for the element's attribute names instead of a
      // hasAttribute per rule and a selector match per element: most
      // elements carry none of the attributes any rule reads.
      const names = el.hasAttributes() ? el.getAttributeNames() : NO_NAMES;
      let attrHit = false;
      let labelledBy = false;
      let maybeSpecial = SPECIAL.tags.has(tag);
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        if (FIELD_NAMING_SET.has(name)) attrHit = true;
        else if (name === 'aria-labelledby') labelledBy = true;
        if (!maybeSpecial && maySpecial(el, name)) maybeSpecial = true;
      }
      if (attrHit) {
        // An element nested in the last field container that still holds its
        // label and value is the same field (Lightning's records-record-
        // layout-item inside the data-target-selection-name item): only its
        // attributes are new.
        const last = lastAttr;
        if (last && last.el.contains(el) && last.valueEl !== last.el && el.contains(last.valueEl) && (!last.labelEl || el.contains(last.labelEl)) && !el.hasAttribute('field-label')) {
          mergeAttrs(last.at, el, names);
        } else if (last && last.el.contains(el) && el.contains(last.valueEl) && el.getAttribute('field-label') === last.label) {
          mergeAttrs(last.at, el, names);
        } else {
          const field = fieldOf(el);
          if (field) {
            const at = push(field.label, field.value, el, 'attr', ctx, names);
            if (at >= 0) lastAttr = { el, at, valueEl: field.valueEl, labelEl: field.labelEl, label: field.label };
          }
        }
      }
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
        if (!NOT_DATA.has((el.getAttribute('type') || '').toLowerCase())) {
          const label = labelOfControl(el);
          if (label) push(label, controlValue(el), el, 'input', ctx, names);
        }
        continue;
      }
      if (!maybeSpecial || !el.matches(SPECIAL_SELECTOR)) {
        // most elements: neither a heading, conversation nor a user menu
      } else if (el.matches(USER_SELECTOR)) push('', userText(el), el, 'user', ctx, names);
      else if (el.matches(HEADING_SELECTOR)) push('', textOf(el), el, 'heading', ctx, names);
      else if (conversationLength < MAX_CONVERSATION && !hiddenOf(el)) {
        const text = clip(textOf(el, MAX_CONVERSATION), MAX_CONVERSATION - conversationLength);
        conversation.push(text);
        conversationLength += text.length + 1;
      }
      // Inside the label or value of the field just read by its attribute,
      // nothing starts another field: skip the pair rules there.
      // Only label cells and leaf elements can start a pair (pairFromLabel),
      // besides aria-labelledby values: the rest of the page costs nothing here.
      const labelish = PAIR_TAGS.has(tag) || el.childElementCount === 0;
      if (!labelish && !labelledBy) continue;
      if (lastAttr && lastAttr.valueEl !== lastAttr.el && ((lastAttr.labelEl && lastAttr.labelEl.contains(el)) || lastAttr.valueEl.contains(el))) continue;
      const pair = (labelish && pairFromLabel(el, tag)) || (labelledBy ? pairFromLabelledBy(el) : null);
      if (pair) push(pair.label, pair.value, pair.el, 'pair', ctx);
    }
  }
  const docEl = rootDoc.documentElement;
  const messages = yield* conversationSteps(rootDoc, { shadowRoots });
  return {
    url: String(rootDoc.location ? rootDoc.location.href : '').slice(0, 2000),
    title: clip(rootDoc.title),
    lang: clip((docEl && docEl.getAttribute('lang')) || navigator.language || '', 35),
    fields,
    conversation: conversation.join('\n').slice(0, MAX_CONVERSATION),
    messages,
    truncated,
    stats: { nodes: visited, ms: Math.round((performance.now() - started) * 100) / 100 },
  };
}

/** The snapshot of the page now, in one go (tests, benchmarks). */
export function takeSnapshot(rootDoc = document, options = {}) {
  const steps = snapshotSteps(rootDoc, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Gives the page its thread back until its pending work (input, rendering,
 * its own tasks) has run: `scheduler.yield()` where the browser has it (the
 * snapshot resumes ahead of other tasks, and never waits out setTimeout's
 * 4 ms clamp on nested timers), a timer otherwise.
 */
function giveBack() {
  const scheduler = globalThis.scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resume) => setTimeout(resume, 0));
}

/**
 * The same snapshot, taken in slices of about `sliceMs` of main-thread time
 * with the page's own work (input, rendering) in between, so reading even a
 * huge CRM page never blocks it. `stats.busyMs` is the time actually spent,
 * `stats.longestSliceMs` the longest the page waited.
 */
export async function takeSnapshotSliced(rootDoc = document, options = {}) {
  // A slice ends at the first yield after its budget: 4 ms plus one step
  // (64 elements, or one query of the conversation reader) keeps the
  // page's longest wait under 8 ms.
  const sliceMs = options.sliceMs || 4;
  const steps = snapshotSteps(rootDoc, options);
  let busy = 0;
  let longest = 0;
  let sliceStart = performance.now();
  let step = steps.next();
  while (!step.done) {
    const spent = performance.now() - sliceStart;
    if (spent > sliceMs) {
      busy += spent;
      longest = Math.max(longest, spent);
      await giveBack();
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  const last = performance.now() - sliceStart;
  const snapshot = step.value;
  snapshot.stats.busyMs = Math.round((busy + last) * 100) / 100;
  snapshot.stats.longestSliceMs = Math.round(Math.max(longest, last) * 100) / 100;
  return snapshot;
}
