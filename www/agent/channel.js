// The only Defuse script a CRM page runs while it loads (manifest content
// script, isolated world, kept ~500 bytes). After the page's load event, in
// idle time, it has the service worker inject the page agent (agent.js: it
// must be there before the user focuses a composer, to remember it); a panel
// request that comes first loads it at once (still never before load).
// Only messages from our own extension are accepted.

(() => {
  if (globalThis.__defuseChannel) return;
  let agent = null;
  const load = () =>
    (agent ||= chrome.runtime
      .sendMessage({ type: 'agent-to-worker:load', part: 'agent' })
      .then(() => globalThis.__defuseAgent || Promise.reject(new Error('no agent'))));
  const loaded = new Promise((ok) => (document.readyState === 'complete' ? ok() : addEventListener('load', ok, { once: true })));
  loaded.then(() => requestIdleCallback(() => load().catch(() => (agent = null)), { timeout: 1000 }));
  globalThis.__defuseChannel = load;
  chrome.runtime.onMessage.addListener((message, sender, reply) => {
    if (sender.id !== chrome.runtime.id || !message || !/^panel-to-agent:/.test(message.type)) return false;
    loaded
      .then(load)
      .then((handle) => handle(message))
      .then(reply, () => {
        agent = null; // try again at the next request
        reply();
      });
    return true;
  });
})();
