// Isolated-world half of the private channel to the MAIN-world helper
// (main-world.js). Runs at document_start, before any page script can listen,
// and hands the helper a per-load random token. Every later event name carries
// that token, so the page can neither overhear requests nor forge answers
// without guessing it. The page agent (content.js, document_idle) picks the
// channel up from this isolated world's global.

(() => {
  if (window.__defuseMainChannel) return;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const channel = { token, ready: false };
  window.__defuseMainChannel = channel;

  // The two scripts start in either order: whichever comes second completes
  // the handshake (the helper announces itself; we answer with the token).
  const hello = () => document.dispatchEvent(new CustomEvent('defuse:isolated-hello', { detail: token }));
  const onReady = () => hello();
  document.addEventListener('defuse:main-ready', onReady, true);
  document.addEventListener(
    'defuse-ack-' + token,
    (event) => {
      event.stopImmediatePropagation();
      channel.ready = true;
      document.removeEventListener('defuse:main-ready', onReady, true);
    },
    { capture: true, once: true },
  );
  hello();
})();
