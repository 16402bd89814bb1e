// The page's conversation as messages: { text, direction, at?, author? },
// read from CRM markup (email and case feeds in Gmail, Zendesk, Salesforce,
// HubSpot, Dynamics 365) with a generic fallback. Like the rest of the agent
// it collects and decides nothing: whether a message is an escalation, and
// which one reached the CSM when, is decided by the Rust core
// (coach::signal_thread). `direction` is 'inbound' (from the customer),
// 'outbound' (from us) or 'unknown'; `at` is an ISO 8601 instant when the
// page shows one in machine-readable form (or a date the browser can read).
//
// Text is cut on code-point boundaries, never inside a surrogate pair, so a
// message ending in an emoji cannot make the snapshot unreadable (issue 12).

export const MAX_MESSAGES = 60;
export const MAX_MESSAGE_TEXT = 4000;
const MAX_ROOTS = 64; // open shadow roots searched
const MAX_ITEMS = 400; // candidate elements looked at

/** `s` cut to at most `n` UTF-16 units without splitting a surrogate pair. */
export function cutText(s, n = MAX_MESSAGE_TEXT) {
  s = String(s ?? '');
  if (s.length <= n) return s;
  let end = n;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate whose pair is cut off
  return s.slice(0, end);
}

// Layout whitespace collapsed, line breaks kept (quoted "> " lines and reply
// headers are told apart by line in the core).
function tidy(s) {
  return String(s ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u200b]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function visible(el) {
  if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true });
  return el.getClientRects().length > 0;
}

function textOf(el) {
  // innerText follows rendering (line breaks, hidden parts); textContent is
  // the fallback for detached or unrendered nodes.
  const t = typeof el.innerText === 'string' && el.isConnected ? el.innerText : el.textContent;
  return tidy(t);
}

/** An instant as ISO 8601, from an ISO string, epoch milliseconds/seconds or a date the browser reads. */
export function toInstant(value) {
  if (value == null) return undefined;
  const s = String(value).trim();
  if (!s) return undefined;
  let ms;
  if (/^\d{9,13}$/.test(s)) ms = Number(s) < 1e12 ? Number(s) * 1000 : Number(s);
  else ms = Date.parse(s);
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return year >= 1990 && year <= 9999 ? d.toISOString() : undefined;
}

const IN_WORDS = /(^|[^a-z])(in(bound|coming)|received|end-?user|requester|customer|contact-message|from-customer)([^a-z]|$)/i;
const OUT_WORDS = /(^|[^a-z])(out(bound|going)|sent|agent|staff|internal|private|note|from-me|self|reply-from-agent)([^a-z]|$)/i;

function directionWord(s) {
  if (!s) return 'unknown';
  const v = String(s).trim().toLowerCase();
  if (['inbound', 'incoming', 'in', 'received', 'customer', 'end-user', 'enduser', 'requester', 'true'].includes(v)) return 'inbound';
  if (['outbound', 'outgoing', 'out', 'sent', 'agent', 'internal', 'false'].includes(v)) return 'outbound';
  const inbound = IN_WORDS.test(v);
  const outbound = OUT_WORDS.test(v);
  if (inbound !== outbound) return inbound ? 'inbound' : 'outbound';
  return 'unknown';
}

// Attributes that say who sent a message, most explicit first.
const EXPLICIT = ['data-direction', 'data-defuse-direction', 'data-message-direction', 'data-incoming', 'data-is-incoming'];
const HINTS = ['data-test-id', 'data-testid', 'data-selenium-test', 'data-author-role', 'data-role', 'class'];

function explicitDirection(el) {
  for (let node = el, depth = 0; node && node.nodeType === 1 && depth < 4; node = node.parentElement, depth++) {
    for (const name of EXPLICIT) {
      const v = node.getAttribute(name);
      if (v == null) continue;
      if (name.includes('incoming')) return v === 'true' ? 'inbound' : v === 'false' ? 'outbound' : 'unknown';
      const d = directionWord(v);
      if (d !== 'unknown') return d;
    }
  }
  return 'unknown';
}

function hintedDirection(el) {
  // The item and its own markers (an avatar's role class, a badge), not the
  // whole app's classes: two levels up at most.
  const nodes = [el, el.parentElement, ...el.querySelectorAll('[class*="avatar"], [class*="role"], [data-test-id*="sender"], [data-test-id*="author"], [class*="badge"]')].slice(0, 12);
  let found = 'unknown';
  for (const node of nodes) {
    if (!node || node.nodeType !== 1) continue;
    for (const name of HINTS) {
      const d = directionWord(node.getAttribute(name));
      if (d === 'unknown') continue;
      if (found !== 'unknown' && found !== d) return 'unknown'; // conflicting hints: say nothing
      found = d;
    }
  }
  return found;
}

// Header words of timeline cards ("Email from Dana", "You sent", "Incoming email").
const HEADER_SELECTOR = 'header, h3, h4, [class*="header" i], [class*="Header"], [data-test-id*="header"], [data-selenium-test*="header"], [data-id*="header"]';
const HEADER_IN = /\b(incoming|inbound|received|replied|email from|e-mail von|eingehend|reçu|entrant)\b/i;
const HEADER_OUT = /\b(outgoing|outbound|you sent|sent by|email to|logged email|ausgehend|gesendet|envoyé|sortant)\b/i;

function headerDirection(item, body) {
  for (const h of [...item.querySelectorAll(HEADER_SELECTOR)].slice(0, 4)) {
    if (body && (h.contains(body) || body.contains(h))) continue;
    const t = (h.textContent || '').slice(0, 200);
    const inbound = HEADER_IN.test(t);
    const outbound = HEADER_OUT.test(t);
    if (inbound !== outbound) return inbound ? 'inbound' : 'outbound';
  }
  return 'unknown';
}

const EMAIL_RE = /[^\s<>()"']+@[^\s<>()"']+\.[a-z]{2,}/i;

// Where a page names the signed-in user: Gmail / Google's account button
// ("Google Account: Name (name@example.com)"), and CRMs that name the user.
const SELF_ACCOUNT = ['a[aria-label*="@"][href*="accounts.google.com"]', '[aria-label^="Google Account"]'];
const SELF_NAMED = ['[data-defuse-self]', 'meta[name="defuse-self"]', '[data-selenium-test="navigation-account-name"]', '[data-test-id="current-user-name"]'];

/** Who the signed-in user is, as far as the page shows it (names and addresses, lowercase). */
function* selfSteps(doc) {
  const out = new Set();
  const add = (s) => {
    const v = String(s || '').trim().toLowerCase();
    if (v && v.length <= 200) out.add(v);
  };
  for (const a of yield* queryInOrder(doc, SELF_ACCOUNT, Infinity)) {
    const m = (a.getAttribute('aria-label') || '').match(EMAIL_RE);
    if (m) add(m[0]);
  }
  for (const el of yield* queryInOrder(doc, SELF_NAMED, Infinity)) {
    add(el.getAttribute('content') || el.getAttribute('data-defuse-self') || el.textContent);
  }
  return out;
}

/**
 * The elements of `root` matching any of `selectors`, in document order,
 * each once, at most `limit` of them: what `querySelectorAll` of the joined
 * list returns. One query per selector is much cheaper than one query of the
 * list: the browser rejects a single selector whose attribute no element of
 * the page carries without visiting the page, and matches a lone class, tag
 * or id on a fast path, where a list is matched element by element, selector
 * by selector. A selector the browser does not know is skipped. A generator
 * (`yield*` it): it yields after each query.
 */
function* queryInOrder(root, selectors, limit) {
  const lists = [];
  for (const sel of selectors) {
    let found;
    try {
      found = root.querySelectorAll(sel);
    } catch (_) {
      continue;
    }
    if (found.length) lists.push(found);
    yield; // each query walks the page: a point where a slice may end
  }
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0];
  // Merge the lists (each in document order), dropping repeats.
  const at = lists.map(() => 0);
  const out = [];
  while (out.length < limit) {
    let first = null;
    for (let i = 0; i < lists.length; i++) {
      if (at[i] >= lists[i].length) continue;
      const el = lists[i][at[i]];
      if (!first || (el !== first && first.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)) first = el;
    }
    if (!first) break;
    for (let i = 0; i < lists.length; i++) if (at[i] < lists[i].length && lists[i][at[i]] === first) at[i]++;
    out.push(first);
  }
  return out;
}

function sameDomain(email, self) {
  const domain = email.split('@')[1];
  return !!domain && [...self].some((s) => s.endsWith('@' + domain));
}

function authorOf(item, selectors) {
  for (const sel of selectors) {
    const el = item.querySelector(sel);
    if (!el) continue;
    const email = el.getAttribute('email') || el.getAttribute('data-email') || ((el.getAttribute('title') || '').match(EMAIL_RE) || [])[0];
    const name = tidy(el.getAttribute('name') || el.textContent || '').slice(0, 120);
    const author = name || email;
    if (author) return { author, email: email ? email.toLowerCase() : '' };
  }
  const data = item.getAttribute('data-author');
  return data ? { author: data.slice(0, 120), email: '' } : null;
}

function timeOf(item, selectors) {
  for (const sel of selectors) {
    for (const el of item.querySelectorAll(sel)) {
      const at = toInstant(el.getAttribute('datetime') || el.getAttribute('data-timestamp') || el.getAttribute('data-time') || el.getAttribute('title'));
      if (at) return at;
    }
  }
  return toInstant(item.getAttribute('data-timestamp') || item.getAttribute('data-time') || item.getAttribute('datetime'));
}

const TIME_SELECTORS = ['time[datetime]', '[data-timestamp]', '[data-time]', '[datetime]', 'span.g3[title]', '[class*="date" i][title]', '[class*="time" i][title]'];
const AUTHOR_SELECTORS = ['[data-author]', '.author', '.sender', '[itemprop="author"]', '.actor .name', '.actor'];

// One entry per CRM: where a message is, where its body is, who sent it.
// Selectors come from each product's public markup (see
// tests/data/signal/SOURCES.md); the generic entry catches the rest.
const SOURCES = [
  {
    name: 'explicit',
    item: ['[data-defuse-message]'],
    body: ['[data-defuse-body]'],
    author: [],
  },
  {
    name: 'gmail',
    item: ['div.adn'],
    body: ['.a3s'],
    author: ['span.gD[email]', 'span[email]'],
    time: ['span.g3[title]'],
  },
  {
    name: 'zendesk',
    item: ['[data-test-id="omni-log-comment-item"]', '[data-test-id="omni-log-message-item"]', 'article[data-test-id^="omni-log"]', '.event.is-public', '.event.is-private'],
    body: ['[data-test-id="omni-log-message-content"]', '[data-test-id="omni-log-comment"]', '.zd-comment', '.comment .body', '.comment'],
    author: ['[data-test-id="omni-log-item-sender"]', '[data-test-id="omni-log-comment-author"]', '.actor .name', '.author'],
  },
  {
    name: 'salesforce',
    item: ['.cuf-feedItem', '.forceChatterFeedItem', '[data-type="EmailMessage"]', '.emailMessage'],
    body: ['.emailMessageBody', '.feeditembody', '.cuf-feedBodyText', '.forceChatterMessageSegments'],
    author: ['.cuf-entityLink', '.emailuiFromAddress', '[data-field="FromAddress"]', '.author'],
  },
  {
    name: 'hubspot',
    item: ['[data-selenium-test="timeline-card"]', '[data-test-id="timeline-card"]', '[data-selenium-test*="timeline-engagement"]'],
    body: ['[data-selenium-test="timeline-email-body"]', '[data-selenium-test="timeline-email-text"]', '[data-test-id="timeline-email-body"]'],
    author: ['[data-selenium-test="timeline-email-from"]', '[data-selenium-test*="sender"]', '.author'],
  },
  {
    name: 'dynamics',
    item: ['[data-id*="timeline_record_container"]', 'li[id^="timeline_record"]', '[data-id^="activity_"]'],
    body: ['[data-id*="description"]', '[data-id*="notescontrol-description"]', '[id*="descriptionText"]'],
    author: ['[data-id*="from"]', '[data-id*="createdby"]'],
  },
  {
    // Whatever the snapshot calls conversation (www/agent/snapshot.js).
    name: 'generic',
    item: ['[data-defuse-conversation]', '.emailMessageBody', '.feeditembody', '.cuf-feedBodyText', '[data-test-id="omni-log-comment"]', '[data-selenium-test="timeline-email-body"]', '[role="article"]', '.conversation .message', '.comment-body', 'blockquote'],
    body: [],
    author: AUTHOR_SELECTORS,
  },
];

/** Roots to search: the document and its open shadow roots (bounded). */
function rootsOf(doc) {
  const roots = [doc];
  const walker = doc.createTreeWalker(doc.documentElement || doc, NodeFilter.SHOW_ELEMENT);
  let seen = 0;
  for (let el = walker.nextNode(); el && roots.length < MAX_ROOTS && seen < 60000; el = walker.nextNode()) {
    seen++;
    if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return roots;
}

/**
 * The conversation on the page, in document order, at most MAX_MESSAGES
 * messages of at most MAX_MESSAGE_TEXT UTF-16 units each. `options.self`
 * adds names or addresses of the signed-in user (their messages are ours);
 * `options.shadowRoots`, the page's open shadow roots when the caller has
 * already walked the page (the snapshot does), saves a second walk.
 */
export function readConversation(doc = document, options = {}) {
  const steps = conversationSteps(doc, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * readConversation as a generator: it yields after each query and each
 * message read (innerText lays the page out), so a sliced snapshot can give
 * the page its thread back in between; its return value is the messages.
 */
export function* conversationSteps(doc = document, options = {}) {
  // Who the user is matters only for a message found: read when the first
  // one is (most pages have none, and these queries walk the whole page).
  let self = null;
  const selfOf = function* () {
    if (!self) {
      self = yield* selfSteps(doc);
      for (const s of options.self || []) self.add(String(s).toLowerCase());
    }
    return self;
  };
  const taken = [];
  const messages = [];
  let looked = 0;
  // The light DOM first; open shadow roots (a second walk of the page) only
  // when it holds no conversation, so the common case costs one query per source.
  const collect = function* (roots) {
    for (const source of SOURCES) {
      for (const root of roots) {
        if (looked > MAX_ITEMS || messages.length >= MAX_MESSAGES) return;
        // Items past the MAX_ITEMS still allowed are never looked at.
        const items = yield* queryInOrder(root, source.item, MAX_ITEMS - looked + 1);
        for (const item of items) {
          if (++looked > MAX_ITEMS || messages.length >= MAX_MESSAGES) break;
          // One message per element: nested matches (a blockquote inside an
          // email body) and items already read by a more specific source are skipped.
          if (taken.some((t) => t === item || t.contains(item) || item.contains(t))) continue;
          if (!visible(item)) continue;
          let body = null;
          for (const sel of source.body) {
            body = item.querySelector(sel);
            if (body) break;
          }
          const text = cutText(textOf(body || item));
          yield;
          if (!/\S/.test(text)) continue;
          const who = authorOf(item, source.author.length ? source.author : AUTHOR_SELECTORS);
          let direction = explicitDirection(item);
          if (direction === 'unknown' && who && (yield* selfOf()).size) {
            // Known sender, known signed-in user: ours if they match, the
            // customer's if the sender is an outside address.
            const mine = self.has(who.email) || self.has(who.author.toLowerCase());
            if (mine) direction = 'outbound';
            else if (who.email && !sameDomain(who.email, self)) direction = 'inbound';
          }
          if (direction === 'unknown') direction = hintedDirection(item);
          if (direction === 'unknown') direction = headerDirection(item, body);
          const message = { text, direction };
          const at = timeOf(item, source.time || TIME_SELECTORS);
          if (at) message.at = at;
          if (who && who.author) message.author = cutText(who.author, 200);
          taken.push(item);
          messages.push({ message, item });
        }
      }
    }
  };
  yield* collect([doc]);
  if (!messages.length) yield* collect(options.shadowRoots || rootsOf(doc).filter((r) => r !== doc));
  // Document order, whatever source found them.
  messages.sort((a, b) => {
    if (a.item === b.item) return 0;
    const pos = a.item.compareDocumentPosition(b.item);
    return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : pos & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
  });
  return messages.map((m) => m.message);
}
