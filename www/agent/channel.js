// The only Defuse script a CRM page runs by itself (manifest content script,
// isolated world, kept ~500 bytes). It is injected at document_start, not
// document_idle: with an idle script (even an empty one) Chromium fired the
// 5,000-field page's load event only after injecting it, and that injection
// task queued behind the page's first layout (1.7 s), so the load event came
// after the first frame in 8 loads of 8, against 3 of 8 without the
// extension (tools/probe-load.mjs); at document_start it is 2 of 8.
// Until the page's load event it does nothing but
// wait for it: even touching `chrome.runtime` builds the
// extension API in the page and registers with the browser. Its start is a
// task of its own after the load event, so none of it counts in the load.
// Then it tells the service worker the page is here (the side panel is
// offered on this tab; and again when the page leaves or comes back from the
// back-forward cache: the worker has no navigation listener), listens for our
// panel, and in idle time has the worker inject the page agent (agent.js: it
// must be there before the user focuses a composer, to remember it); a panel
// request that comes first loads it at once. (One sent before load fails,
// and the panel retries; the agent sends its first snapshot itself.) Only
// messages from our own extension are accepted.

(() => {
  if (globalThis.__defuseChannel) return;
  globalThis.__defuseChannel = true;
  const start = () => {
    const rt = chrome.runtime;
    let agent = null;
    // Top frame only (the manifest has no all_frames; the worker checks it).
    // The first pageshow fired before this start: any later one is a return
    // from the back-forward cache.
    const page = (shown) => () => rt.sendMessage({ type: 'agent-to-worker:page', shown }).catch(() => {});
    page(true)();
    addEventListener('pagehide', page(false));
    addEventListener('pageshow', page(true));
    const load = () =>
      (agent ||= rt
        .sendMessage({ type: 'agent-to-worker:load', part: 'agent' })
        .then(() => globalThis.__defuseAgent || Promise.reject()));
    rt.onMessage.addListener((message, sender, reply) => {
      if (sender.id !== rt.id || !message || !/^panel-to-agent:/.test(message.type)) return false;
      load()
        .then((handle) => handle(message))
        .then(reply, () => {
          agent = null; // try again at the next request
          reply();
        });
      return true;
    });
    requestIdleCallback(() => load().catch(() => (agent = null)), { timeout: 1000 });
  };
  if (document.readyState === 'complete') start();
  else addEventListener('load', () => setTimeout(start), { once: true });
})();
