// The MAIN-world helper of the page agent, injected by the service worker
// (chrome.scripting, world MAIN: not subject to the page's CSP) only when an
// insert first needs an editor's own API; nothing of it runs before. During
// its injection it completes the handshake with main-channel.js, which is
// listening already: it accepts the first token it is handed, then answers
// only requests whose event names carry that token. It never evaluates
// anything: a request names one of the fixed editor operations in
// main-ops.js and carries data, nothing else.

import { mainInsert } from './main-ops.js';

(() => {
  const doc = document;
  // Natives captured once, at injection: later patches by the page do not reach
  // the channel (earlier ones could; insert.js checks each insert in the DOM).
  const apply = Reflect.apply;
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const stop = Event.prototype.stopImmediatePropagation;
  const composedPath = Event.prototype.composedPath;
  const relatedTarget = Object.getOwnPropertyDescriptor(MouseEvent.prototype, 'relatedTarget').get;
  const detailOf = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail').get;
  const Custom = CustomEvent;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const tokenShape = /^[0-9a-f]{32}$/;
  const test = RegExp.prototype.test;

  let token = null;
  let pendingNode = null;

  const onNode = (event) => {
    apply(stop, event, []);
    pendingNode = apply(relatedTarget, event, []) || apply(composedPath, event, [])[0] || null;
  };

  const onRequest = (event) => {
    apply(stop, event, []);
    const node = pendingNode;
    pendingNode = null;
    let request = null;
    try {
      const raw = apply(detailOf, event, []);
      request = typeof raw === 'string' && raw.length < 1_000_000 ? parse(raw) : null;
    } catch (_) {
      request = null;
    }
    if (!request || typeof request.id !== 'string' || (request.op !== 'insert' && request.op !== 'undo')) return;
    const result = mainInsert(node, { op: request.op, kind: request.kind, html: request.html });
    apply(dispatch, doc, [new Custom('defuse-res-' + token, { detail: stringify({ id: request.id, result }) })]);
  };

  const onHello = (event) => {
    if (token !== null) return;
    const offered = apply(detailOf, event, []);
    if (typeof offered !== 'string' || !apply(test, tokenShape, [offered])) return;
    token = offered;
    apply(removeListener, doc, ['defuse:isolated-hello', onHello, true]);
    apply(addListener, doc, ['defuse-node-' + token, onNode, true]);
    apply(addListener, doc, ['defuse-req-' + token, onRequest, true]);
    apply(dispatch, doc, [new Custom('defuse-ack-' + token)]);
  };

  apply(addListener, doc, ['defuse:isolated-hello', onHello, true]);
  apply(dispatch, doc, [new Custom('defuse:main-ready')]);
})();
