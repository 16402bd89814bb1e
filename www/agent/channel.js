// The only Defuse script a CRM page runs while it loads (manifest content
// script, isolated world, kept ~500 bytes), and until the page's load event
// it does nothing but wait for it: even touching `chrome.runtime` builds the
// extension API in the page and registers with the browser. After load it
// listens for our panel, and in idle time has the service worker inject the
// page agent (agent.js: it must be there before the user focuses a composer,
// to remember it); a panel request that comes first loads it at once. (One
// sent before load fails, and the panel retries; the agent sends its first
// snapshot itself.) Only messages from our own extension are accepted.

(() => {
  if (globalThis.__defuseChannel) return;
  globalThis.__defuseChannel = true;
  const start = () => {
    let agent = null;
    const load = () =>
      (agent ||= chrome.runtime
        .sendMessage({ type: 'agent-to-worker:load', part: 'agent' })
        .then(() => globalThis.__defuseAgent || Promise.reject(new Error('no agent'))));
    chrome.runtime.onMessage.addListener((message, sender, reply) => {
      if (sender.id !== chrome.runtime.id || !message || !/^panel-to-agent:/.test(message.type)) return false;
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
  else addEventListener('load', start, { once: true });
})();
