// Reading one candidate field for the page agent's snapshot (snapshot.js):
// the walk's limits and the attributes and selectors CRMs name fields with;
// clipped text of an element, whether it is hidden (cached per ancestor),
// a control's value, a label's text, and the label/value pairs that rows,
// tables, <label for> and aria-labelledby make. Reads the DOM only.

export const MAX_CANDIDATES = 2000;
const MAX_TEXT = 500;
export const MAX_LABEL = 200;
export const MAX_CONVERSATION = 4000;
export const MAX_NODES = 60000; // never spend unbounded time on a huge page
const MAX_TEXT_NODES = 200; // per value: a field is never a whole page
const MAX_DEPTH = 32;
const MAX_LOOSE_VALUE = 120; // a value beside any short text (not dt/th/label)

// Attributes that CRMs use to name a field; copied verbatim into `attrs`.
// The first FIELD_NAMING ones mark a candidate by themselves.
export const STABLE_ATTRS = [
  'data-target-selection-name', // Salesforce Lightning
  'field-label', // Salesforce records-record-layout-item
  'data-id', // Dynamics 365
  'data-selenium-test', // HubSpot
  'data-test-id', // Zendesk
  'slot', // Salesforce highlights panel: slot="primaryField"
  'data-garden-id', // Zendesk Garden components
  'data-testid',
  'data-field',
  'data-field-name',
  'data-zcqa', // Zoho CRM's QA names
  'name',
  'id',
];
export const FIELD_NAMING = 5;

// Elements whose text is a record title (the account name, usually).
export const HEADING_SELECTOR = [
  'h1',
  '[slot="primaryField"]',
  'records-highlights2 lightning-formatted-text',
  '.slds-page-header__title',
  'h2.pageDescription',
  '[data-id="header_title"]',
  '[data-selenium-test="highlightTitle"]',
  '[role="heading"][aria-level="1"]',
].join(',');

// Where customer conversation usually is: emails, feed items, ticket comments.
export const CONVERSATION_SELECTOR = [
  '[data-defuse-conversation]',
  '.emailMessageBody',
  '.feeditembody',
  '.cuf-feedBodyText',
  '[data-test-id="omni-log-comment"]',
  '[data-selenium-test="timeline-email-body"]',
  'blockquote',
  '[role="article"]',
  '.conversation',
  '.comment-body',
].join(',');

// Controls whose value is data (not buttons, secrets or ticks).
export const NOT_DATA = new Set(['hidden', 'password', 'checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'file']);
const CONTROL_SELECTOR = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]):not([type=password]),textarea,select';

// What a short text's next sibling is never the value of.
const NOT_VALUES = new Set(['BUTTON', 'SCRIPT', 'STYLE', 'TEMPLATE', 'svg', 'SVG', 'BR', 'HR', 'IMG', 'IFRAME', 'H1', 'H2', 'DT', 'TH']);

const NOT_LABELS = new Set(['H1', 'H2', 'DD', 'A', 'BUTTON', 'OPTION']);


// Inside a field container: where the label is, and where the value is, best
// first (a container holds both, so "first in document order" is not enough).
const LABEL_SELECTOR =
  'label, .test-id__field-label, .slds-form-element__label, dt, .labelCol, [data-selenium-test*="label"], [data-test-id*="label"], [data-garden-id="forms.input_label"]';
const VALUE_SELECTORS = [
  '.test-id__field-value, .slds-form-element__static, dd, .dataCol, [data-selenium-test^="property-value"], [data-test-id$="-value"]',
  CONTROL_SELECTOR,
  'lightning-formatted-text, lightning-formatted-number, lightning-formatted-date-time, lightning-formatted-date, lightning-formatted-url, lightning-formatted-rich-text, lightning-formatted-name, lightning-formatted-email, lightning-formatted-phone, lightning-formatted-address',
  '.slds-form-element__control',
];

// Text never worth reading: code, and screen-reader-only helper text such as
// Lightning's "Edit ARR" inside the value's edit button.
export const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'svg']);
const SKIP_CLASSES = ['slds-assistive-text', 'assistiveText', 'slds-hide'];
// Text in different blocks is separated by a space ("Account" / "Acme").
const BLOCKS = new Set(['DIV', 'P', 'LI', 'TD', 'TH', 'DT', 'DD', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'SECTION', 'HEADER', 'ARTICLE', 'TR', 'LABEL', 'BR']);

/**
 * The first `n` UTF-16 units of `s`, one fewer when the cut would split a
 * surrogate pair: half an emoji is a lone surrogate, which JSON writes as
 * `"\ud83d"` and the core's reader rejects with the whole snapshot.
 */
export function cutUnits(s, n) {
  if (s.length <= n) return s;
  const last = s.charCodeAt(n - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}

// Collapses layout whitespace only: no-break and narrow no-break spaces are
// part of values (`1 200 000,00 €` in French) and reach the core unchanged.
const LAYOUT_SPACE = /[\t\n\r\f\v]| {2}|^ | $/;
export const clip = (s, n = MAX_TEXT) => {
  if (!s) return '';
  // Most labels and values are already clean: one test instead of a replace.
  if (s.length <= n && !LAYOUT_SPACE.test(s)) return s;
  s = s.replace(/[ \t\n\r\f\v]+/g, ' ');
  if (s.charCodeAt(0) === 32) s = s.slice(1);
  if (s.charCodeAt(s.length - 1) === 32) s = s.slice(0, -1);
  return cutUnits(s, n);
};

function isHidden(el) {
  if (typeof el.checkVisibility === 'function') {
    return !el.checkVisibility({ visibilityProperty: true });
  }
  return el.getClientRects().length === 0;
}

/**
 * isHidden for the candidates of one walk, cached per ancestor: an element
 * without a box (display: none, or skipped by content-visibility) hides its
 * whole subtree, so candidates inside the last such element found need no
 * style lookup. (A visible ancestor says nothing: a child may hide itself.)
 */
export function hiddenCache() {
  let boxless = null;
  return (el) => {
    if (boxless && boxless.contains(el)) return true;
    if (!isHidden(el)) return false;
    if (typeof el.checkVisibility === 'function' ? !el.checkVisibility() : el.getClientRects().length === 0) boxless = el;
    return true;
  };
}

function skipped(el) {
  if (SKIP_TAGS.has(el.tagName)) return true;
  const cl = el.classList;
  if (cl && cl.length) {
    for (const c of SKIP_CLASSES) if (cl.contains(c)) return true;
  }
  return false;
}

// Tags under which textOf's walk reads something else than textContent.
const NOT_PLAIN = new Set([...SKIP_TAGS, ...BLOCKS, 'INPUT', 'TEXTAREA', 'SELECT', 'SLOT']);
const MAX_PLAIN = 8; // elements looked at before the fast path gives up
let htmlDoc = null; // the last document known to be HTML (no CDATA sections)

/**
 * textOf(el, budget) as textContent, when the walk would read just that: at
 * most MAX_PLAIN light-DOM descendants, none a block (no separating space),
 * code, assistive text, control, slot or shadow host, and less text than any
 * of the walk's limits (at most MAX_TEXT_NODES characters, so at most as
 * many text nodes). Null otherwise: the walk decides. The one limit not
 * checked, the walk's first MAX_TEXT_NODES children per node, would need a
 * child count per element (a third of this path's cost) and only differs on
 * an element with over 200 child nodes and at most 200 characters of text.
 * Reading a label this way costs half of the walk.
 */
function mayNameSkipClass(cls) {
  for (let i = 0; i < SKIP_CLASSES.length; i++) if (cls.includes(SKIP_CLASSES[i])) return true;
  return false;
}

function plainText(el, budget) {
  const tag = el.tagName;
  if (el.shadowRoot || tag === 'BR' || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'SLOT') return null;
  const doc = el.ownerDocument;
  if (doc !== htmlDoc) {
    if (!doc || doc.contentType !== 'text/html') return null;
    htmlDoc = doc;
  }
  let seen = 0;
  let node = el.firstElementChild;
  while (node) {
    if (++seen > MAX_PLAIN || node.shadowRoot || NOT_PLAIN.has(node.tagName)) return null;
    // A class token is a substring of the attribute: one string search
    // instead of a classList lookup per skipped class, most of the time.
    const cls = node.getAttribute('class');
    if (cls !== null && mayNameSkipClass(cls) && skipped(node)) return null;
    let next = node.firstElementChild;
    while (!next && node !== el) {
      next = node.nextElementSibling;
      if (!next) node = node.parentElement;
    }
    node = next;
  }
  const text = el.textContent;
  return text.length <= MAX_TEXT_NODES && text.length < budget * 2 ? text : null;
}

/**
 * The text a person sees in `el`, read through the flat tree: an element's
 * open shadow root instead of its light children, a slot's assigned nodes.
 * Skips code and assistive text; bounded in nodes and characters.
 */
export function textOf(el, budget = MAX_TEXT) {
  if (!el) return '';
  // Fast path: a leaf element (the usual value span).
  if (!el.shadowRoot && el.childElementCount === 0 && el.tagName !== 'SLOT') return el.textContent || '';
  // Second fast path: a small plain subtree (a label span wrapping a span).
  const plain = plainText(el, budget);
  if (plain !== null) return plain;
  let out = '';
  let nodes = 0;
  let lastBlock = null;
  // nodes and their depths; children pushed in reverse to keep document
  // order (two flat stacks: no array allocated per node)
  const stack = [el];
  const depths = [0];
  while (stack.length && nodes < MAX_TEXT_NODES && out.length < budget * 2) {
    const node = stack.pop();
    const depth = depths.pop();
    if (node.nodeType === 3) {
      const t = node.data;
      if (!t) continue;
      nodes++;
      let parent = node.parentNode;
      while (parent && parent.nodeType === 1 && !BLOCKS.has(parent.tagName)) parent = parent.parentNode;
      if (out && parent !== lastBlock) out += ' ';
      lastBlock = parent;
      out += t;
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) continue;
    if (node.nodeType === 1) {
      if (node !== el && skipped(node)) continue;
      if (node.tagName === 'BR') {
        out += ' ';
        continue;
      }
      if (node.tagName === 'INPUT' || node.tagName === 'TEXTAREA' || node.tagName === 'SELECT') continue;
    }
    if (depth > MAX_DEPTH) continue;
    let kids;
    if (node.nodeType === 1 && node.shadowRoot) kids = node.shadowRoot.childNodes;
    else if (node.tagName === 'SLOT') {
      const assigned = node.assignedNodes({ flatten: true });
      kids = assigned.length ? assigned : node.childNodes;
    } else kids = node.childNodes;
    for (let i = Math.min(kids.length, MAX_TEXT_NODES) - 1; i >= 0; i--) {
      stack.push(kids[i]);
      depths.push(depth + 1);
    }
  }
  return out;
}

export function controlValue(el) {
  const tag = el.tagName;
  if (tag === 'SELECT') return el.selectedOptions && el.selectedOptions[0] ? el.selectedOptions[0].textContent : '';
  return el.value || el.getAttribute('title') || '';
}

function isControl(el) {
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

export const hasText = (s) => /\S/.test(s); // \s covers no-break spaces too

function valueOf(el) {
  if (!el) return '';
  if (isControl(el)) return controlValue(el);
  if (el.childElementCount === 0 && !el.shadowRoot) {
    const text = el.textContent;
    return hasText(text) ? text : el.getAttribute('title') || '';
  }
  // A control right inside the value cell is the value; one deep inside a
  // big block belongs to some other field.
  const control = el.querySelector && el.querySelector(CONTROL_SELECTOR);
  if (control && (control.parentElement === el || control.parentElement.parentElement === el)) return controlValue(control);
  const text = textOf(el);
  return hasText(text) ? text : el.getAttribute('title') || '';
}

// querySelector that also looks into the element's own open shadow root.
function find(el, selector) {
  const hit = el.querySelector(selector);
  if (hit) return hit;
  return el.shadowRoot ? el.shadowRoot.querySelector(selector) : null;
}

export function labelOfControl(el) {
  const doc = el.getRootNode ? el.getRootNode() : el.ownerDocument;
  if (el.id && doc.querySelector) {
    const l = doc.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (l) return textOf(l);
  }
  const aria = el.getAttribute('aria-label');
  if (aria) return aria;
  const by = el.getAttribute('aria-labelledby');
  if (by && doc.getElementById) {
    const l = by
      .split(/\s+/)
      .slice(0, 8)
      .map((id) => doc.getElementById(id))
      .filter(Boolean);
    if (l.length) return l.map((x) => textOf(x)).join(' ');
  }
  const wrap = el.closest('label');
  if (wrap) return textOf(wrap);
  return el.getAttribute('placeholder') || el.getAttribute('title') || '';
}

if (STABLE_ATTRS.length > 31) throw new Error('attrsOf keeps one bit per stable attribute: at most 31');
const STABLE_INDEX = new Map(STABLE_ATTRS.map((name, i) => [name, i]));
const LOWER_TAGS = new Map(); // tagName → lowercase: one string per tag, not per read

export function attrsOf(el, names = el.getAttributeNames()) {
  const out = {};
  // Only the attributes the element has (the walk passes the names it read):
  // a read per hit, written in STABLE_ATTRS order (a bit per index found).
  let hits = 0;
  let hasClass = false;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const at = STABLE_INDEX.get(name);
    if (at !== undefined) hits |= 1 << at;
    else if (name === 'class') hasClass = true;
  }
  for (let at = 0; hits !== 0; at++, hits >>>= 1) {
    if ((hits & 1) === 0) continue;
    const name = STABLE_ATTRS[at];
    const v = el.getAttribute(name);
    if (v) out[name] = clip(v, 200);
  }
  const tag = el.tagName;
  let lower = LOWER_TAGS.get(tag);
  if (lower === undefined) {
    lower = tag.toLowerCase();
    if (LOWER_TAGS.size < 512) LOWER_TAGS.set(tag, lower);
  }
  out.tag = lower;
  const cls = hasClass ? el.getAttribute('class') : null;
  if (cls) out.class = clip(cls, 200);
  return out;
}

// A field container named by a CRM attribute: its label and its value.
export function fieldOf(el) {
  if (isControl(el)) return { label: labelOfControl(el), value: controlValue(el), valueEl: el };
  let label = el.getAttribute('field-label') || '';
  let labelEl = null;
  if (!label) {
    labelEl = find(el, LABEL_SELECTOR);
    if (labelEl) label = textOf(labelEl, MAX_LABEL);
  }
  let valueEl = null;
  for (const sel of VALUE_SELECTORS) {
    valueEl = find(el, sel);
    if (valueEl && valueEl !== labelEl && !(labelEl && valueEl.contains(labelEl))) break;
    valueEl = null;
  }
  if (valueEl) return { label, value: valueOf(valueEl), valueEl, labelEl };
  // No known value element: the container's text without its label.
  let value = textOf(el, MAX_TEXT + MAX_LABEL);
  const labelText = clip(label, MAX_LABEL);
  const clean = clip(value, MAX_TEXT + MAX_LABEL);
  if (labelText && clean.startsWith(labelText)) value = clean.slice(labelText.length);
  if (!label && clean.length > MAX_TEXT) return null; // a big unlabelled block, not a field
  return { label, value, valueEl: el, labelEl };
}

// Tag and chip lists (Zendesk's organisation tags, Garden `tags.tag_view`,
// Salesforce pills) are adjacent items of one kind, never label and value.
const CHIP_CLASS = /(?:^|[\s_.-])(?:tags?|chips?|pills?|badges?|tag_view)(?:$|[\s_.-])/i;
function isChip(el) {
  const cls = el.getAttribute('class') || '';
  const garden = el.getAttribute('data-garden-id') || '';
  return CHIP_CLASS.test(cls) || CHIP_CLASS.test(garden);
}

// Siblings of the same tag and class in a list of three or more, or of a
// named class, are items of one list (tags, breadcrumbs, menu entries).
function sameKind(a, b) {
  if (a.tagName !== b.tagName) return false;
  const ca = a.getAttribute('class') || '';
  if (ca !== (b.getAttribute('class') || '')) return false;
  return ca !== '' || a.parentElement.childElementCount > 2;
}

// A value is flat: at most one of its children with text has structure of
// its own. A section (`<div><label>Name</label><span>Acme</span></div>`) or a
// list (`<ul><li>…</li><li>…</li></ul>`) after a short text is not its value.
function flat(el) {
  let structured = 0;
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (c.firstElementChild && hasText(c.textContent) && ++structured > 1) return false;
  }
  return true;
}

// How far a label's text may be wrapped inside the first child of a field
// wrapper (`<div><div><span>ARR</span></div><div>$1</div></div>`, Zoho).
const MAX_WRAP = 3;

// A two-cell table row is a label and its value. Wider rows are a list (a
// related list's record), unless their cells alternate label and value:
// `Name: | Acme | Type: | Customer` (detail views with two columns of fields),
// told by a label's closing colon or by the cells' alternating classes.
function rowPair(el) {
  const row = el.parentElement;
  if (!row || row.tagName !== 'TR') return null;
  const n = row.childElementCount;
  const next = el.nextElementSibling;
  if (!next || next.tagName !== 'TD') return null;
  if (n === 2) return row.firstElementChild === el ? next : null;
  if (n % 2 !== 0 || n > 8) return null;
  let i = 0;
  for (let c = el.previousElementSibling; c; c = c.previousElementSibling) i++;
  if (i % 2 !== 0) return null;
  const text = el.textContent || '';
  if (/:\s*$/.test(text) && text.length <= 80) return next;
  const cells = row.children;
  const a = cells[0].getAttribute('class') || '';
  const b = cells[1].getAttribute('class') || '';
  if (a && a !== b && (el.getAttribute('class') || '') === a && (next.getAttribute('class') || '') === b) return next;
  return null;
}

// A label-ish element: short text, no form control inside, and a value right
// after it — the shape of most CRM field layouts (dt/dd, th/td, two-cell
// rows, label/div, Salesforce Classic td.labelCol/td.dataCol) — or after the
// wrapper its text sits in, when that wrapper is the first of two children.
export const PAIR_TAGS = new Set(['DT', 'TD', 'TH', 'LABEL']);
export function pairFromLabel(el, tag) {
  let valueEl = null;
  let loose = false;
  if (tag === 'DT' || (tag === 'TD' && el.classList.contains('labelCol'))) {
    valueEl = el.nextElementSibling;
  } else if (tag === 'TH') {
    // A row header before its cell; a header row's next column is no value.
    valueEl = el.nextElementSibling;
    if (valueEl && valueEl.tagName !== 'TD') return null;
  } else if (tag === 'TD') {
    valueEl = rowPair(el);
  } else if (tag === 'LABEL') {
    const forId = el.getAttribute('for');
    const root = el.getRootNode();
    valueEl = forId && root.getElementById ? root.getElementById(forId) : el.nextElementSibling;
  } else if (el.childElementCount === 0) {
    valueEl = el.nextElementSibling;
    let wrapped = el;
    if (!valueEl) {
      // The label's own wrapper, first of exactly two children.
      for (let i = 0; i < MAX_WRAP && !valueEl; i++) {
        const parent = wrapped.parentElement;
        if (!parent || parent.childElementCount !== 1 || NOT_LABELS.has(parent.tagName) || parent.tagName === 'BODY') return null;
        wrapped = parent;
        valueEl = wrapped.nextElementSibling;
      }
      if (!valueEl || wrapped.parentElement.childElementCount !== 2 || wrapped.previousElementSibling) return null;
    }
    // Cheap rejections first: this runs for every leaf element of the page.
    const t = el.textContent;
    if (!t || t.length > 200 || NOT_VALUES.has(valueEl.tagName) || NOT_LABELS.has(tag) || skipped(el)) return null;
    if (sameKind(wrapped, valueEl) || isChip(el) || isChip(wrapped)) return null;
    loose = true;
  }
  if (!valueEl) return null;
  const label = clip(textOf(el, MAX_LABEL), 120);
  if (!hasText(label) || label.length > 80) return null;
  const value = clip(valueOf(valueEl));
  if (!hasText(value) || value === label) return null;
  // Any short text followed by a sibling: a section title before its section
  // is not a field, a short text before a short flat value may be.
  if (loose && (value.length > MAX_LOOSE_VALUE || !flat(valueEl))) return null;
  return { label, value, el: valueEl };
}

// Containers that `aria-labelledby` names as a whole (a dialog, a tab panel,
// a section): their text is a page region, not a value.
const REGION_TAGS = new Set(['SECTION', 'ARTICLE', 'FORM', 'DIALOG', 'NAV', 'UL', 'OL', 'TABLE', 'MAIN', 'ASIDE', 'BODY', 'HEADER', 'FOOTER']);
const REGION_ROLES = new Set(['dialog', 'alertdialog', 'region', 'tabpanel', 'group', 'navigation', 'menu', 'menubar', 'listbox', 'tablist', 'list', 'grid', 'table', 'form', 'article', 'main', 'tree', 'toolbar', 'banner', 'complementary']);

// A value element that names its label by id (`aria-labelledby`).
export function pairFromLabelledBy(el) {
  if (REGION_TAGS.has(el.tagName) || REGION_ROLES.has(el.getAttribute('role') || '')) return null;
  const root = el.getRootNode();
  if (!root.getElementById) return null;
  const labels = el
    .getAttribute('aria-labelledby')
    .split(/\s+/)
    .slice(0, 4)
    .map((id) => id && root.getElementById(id))
    .filter((l) => l && l !== el && !el.contains(l));
  if (!labels.length) return null;
  const label = clip(labels.map((l) => textOf(l, MAX_LABEL)).join(' '), 120);
  if (!hasText(label) || label.length > 80) return null;
  const value = clip(valueOf(el));
  if (!hasText(value) || value === label || value.length > MAX_LOOSE_VALUE) return null;
  return { label, value, el };
}
