// The page agent's snapshot: a bounded list of candidate fields (label, value,
// stable attributes, visibility) plus page context. It collects; it decides
// nothing: what a field means is decided by the Rust core.
//
// Walks the document, open shadow roots and same-origin iframes with an
// explicit stack (no recursion limit surprises on deep CRM trees).

export const MAX_CANDIDATES = 2000;
const MAX_TEXT = 500;
const MAX_CONVERSATION = 4000;
const MAX_NODES = 60000; // never spend unbounded time on a huge page

// Attributes that CRMs use to name a field; copied verbatim into `attrs`.
const STABLE_ATTRS = [
  'data-target-selection-name', // Salesforce Lightning
  'field-label', // Salesforce records-record-layout-item
  'data-id', // Dynamics 365
  'data-selenium-test', // HubSpot
  'data-test-id', // Zendesk
  'data-testid',
  'data-field',
  'data-field-name',
  'name',
  'id',
];

// Elements whose text is a record title (the account name, usually).
const HEADING_SELECTOR = [
  'h1',
  '[slot="primaryField"]',
  'records-highlights2 lightning-formatted-text',
  '[data-id="header_title"]',
  '[data-selenium-test="highlightTitle"]',
  '[role="heading"][aria-level="1"]',
].join(',');

// Where customer conversation usually is: emails, feed items, ticket comments.
const CONVERSATION_SELECTOR = [
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

const clip = (s, n = MAX_TEXT) => {
  s = (s || '').replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n) : s;
};

function isHidden(el) {
  if (typeof el.checkVisibility === 'function') {
    return !el.checkVisibility({ visibilityProperty: true });
  }
  return el.getClientRects().length === 0;
}

function valueOf(el) {
  if (!el) return '';
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA') return el.value || el.getAttribute('title') || '';
  if (tag === 'SELECT') return el.selectedOptions && el.selectedOptions[0] ? el.selectedOptions[0].textContent : '';
  const control = el.querySelector && el.querySelector('input:not([type=hidden]),textarea,select');
  if (control) return valueOf(control);
  const text = el.textContent || '';
  return text.trim() ? text : el.getAttribute('title') || '';
}

function labelOfControl(el) {
  const doc = el.ownerDocument;
  if (el.id) {
    const l = doc.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (l) return l.textContent;
  }
  const aria = el.getAttribute('aria-label');
  if (aria) return aria;
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const l = by.split(/\s+/).map((id) => doc.getElementById(id)).filter(Boolean);
    if (l.length) return l.map((x) => x.textContent).join(' ');
  }
  const wrap = el.closest('label');
  if (wrap) return wrap.textContent;
  return el.getAttribute('placeholder') || el.getAttribute('title') || '';
}

function attrsOf(el) {
  const out = {};
  for (const name of STABLE_ATTRS) {
    const v = el.getAttribute(name);
    if (v) out[name] = clip(v, 200);
  }
  out.tag = el.tagName.toLowerCase();
  const cls = el.getAttribute('class');
  if (cls) out.class = clip(cls, 200);
  return out;
}

// A label-ish element: short text, no form control inside, and a value right
// after it (next sibling) — the shape of most CRM field layouts (dt/dd,
// th/td, label/div, Salesforce Classic td.labelCol/td.dataCol).
function pairFromLabel(el) {
  const tag = el.tagName;
  let valueEl = null;
  if (tag === 'DT' || tag === 'TH' || (tag === 'TD' && el.classList.contains('labelCol'))) {
    valueEl = el.nextElementSibling;
  } else if (tag === 'LABEL') {
    const forId = el.getAttribute('for');
    valueEl = forId ? el.ownerDocument.getElementById(forId) : el.nextElementSibling;
  } else if (el.childElementCount === 0) {
    valueEl = el.nextElementSibling;
  }
  if (!valueEl) return null;
  const label = clip(el.textContent, 120);
  if (!label || label.length > 80) return null;
  const value = clip(valueOf(valueEl));
  if (!value || value === label) return null;
  return { label, value, el: valueEl };
}

export function takeSnapshot(rootDoc = document) {
  const fields = [];
  const seen = new Set();
  let truncated = false;
  const push = (label, value, el, kind, ctx) => {
    if (fields.length >= MAX_CANDIDATES) {
      truncated = true;
      return;
    }
    const key = kind + '\u0000' + label + '\u0000' + value;
    if (seen.has(key) && !ctx.hidden) return;
    seen.add(key);
    fields.push({
      label: clip(label, 200),
      value: clip(value),
      attrs: attrsOf(el),
      kind,
      hidden: ctx.hidden || isHidden(el),
      shadow: ctx.shadow,
      frame: ctx.frame,
    });
  };

  const stack = [{ root: rootDoc, shadow: false, frame: false, hidden: false }];
  let visited = 0;
  const conversation = [];
  let conversationLength = 0;
  while (stack.length && !truncated) {
    const ctx = stack.pop();
    const walker = (ctx.root.ownerDocument || ctx.root).createTreeWalker(ctx.root, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      if (++visited > MAX_NODES) {
        truncated = true;
        break;
      }
      if (el.shadowRoot) stack.push({ root: el.shadowRoot, shadow: true, frame: ctx.frame, hidden: ctx.hidden });
      const tag = el.tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE' || tag === 'NOSCRIPT') continue;
      if (tag === 'IFRAME') {
        let doc = null;
        try {
          doc = el.contentDocument; // null or throws when cross-origin
        } catch (_) {
          doc = null;
        }
        if (doc && doc.documentElement) stack.push({ root: doc, shadow: ctx.shadow, frame: true, hidden: ctx.hidden || isHidden(el) });
        continue;
      }
      let attrHit = false;
      for (let i = 0; i < 5; i++) {
        // Only the field-naming attributes mark a candidate by themselves.
        const name = STABLE_ATTRS[i];
        if (el.hasAttribute(name)) {
          attrHit = true;
          break;
        }
      }
      if (attrHit) {
        const label = el.getAttribute('field-label') || el.querySelector('label, .slds-form-element__label, dt, .test-id__field-label')?.textContent || '';
        push(label, valueOf(el.querySelector('.slds-form-element__static, dd, .test-id__field-value, [data-selenium-test="property-input"] , input, textarea, select') || el), el, 'attr', ctx);
      }
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
        const type = (el.getAttribute('type') || '').toLowerCase();
        if (type !== 'hidden' && type !== 'password' && type !== 'checkbox' && type !== 'radio') {
          const label = labelOfControl(el);
          if (label) push(clip(label, 200), valueOf(el), el, 'input', ctx);
        }
        continue;
      }
      if (el.matches(HEADING_SELECTOR)) push('', el.textContent, el, 'heading', ctx);
      if (conversationLength < MAX_CONVERSATION && el.matches(CONVERSATION_SELECTOR) && !isHidden(el)) {
        const text = clip(el.textContent, MAX_CONVERSATION - conversationLength);
        conversation.push(text);
        conversationLength += text.length + 1;
      }
      const pair = pairFromLabel(el);
      if (pair) push(pair.label, pair.value, pair.el, 'pair', ctx);
    }
  }
  const docEl = rootDoc.documentElement;
  return {
    url: String(rootDoc.location ? rootDoc.location.href : '').slice(0, 2000),
    title: clip(rootDoc.title),
    lang: (docEl && docEl.getAttribute('lang')) || navigator.language || '',
    fields,
    conversation: conversation.join('\n').slice(0, MAX_CONVERSATION),
    truncated,
  };
}
