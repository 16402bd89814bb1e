// Isolated-world half of the private channel to the MAIN-world helper
// (main-world.js). Opened just before the service worker injects the helper,
// on the first insert that needs an editor's own API. The helper announces
// itself while it is injected; this side answers with a random per-page token
// and every later event name carries it, so the page can neither overhear
// requests nor forge answers without hooking the DOM on purpose (and the
// agent checks every insert in the DOM afterwards anyway: insert.js `landed`).

export function openMainChannel(doc = document) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const channel = { token, ready: false };
  // The helper runs synchronously during its injection: it says main-ready,
  // we say hello with the token, it acks under the token's name.
  const hello = () => doc.dispatchEvent(new CustomEvent('defuse:isolated-hello', { detail: token }));
  doc.addEventListener('defuse:main-ready', hello, true);
  doc.addEventListener(
    'defuse-ack-' + token,
    (event) => {
      event.stopImmediatePropagation();
      channel.ready = true;
      doc.removeEventListener('defuse:main-ready', hello, true);
    },
    { capture: true, once: true },
  );
  return channel;
}
