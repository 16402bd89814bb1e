// Content-script entry of the page agent (extension host), injected by the
// service worker when channel.js first needs it (the panel asked this page
// something, after its load event). Plain JS, no wasm: a content script
// compiles wasm under the page's CSP, which CRMs lock down. channel.js routes
// our extension's messages here through `globalThis.__defuseAgent`.

import { startAgent } from './agent.js';
import { mainViaChannel } from './insert.js';
import { openMainChannel } from './main-channel.js';

if (!globalThis.__defuseAgent) {
  const send = (message) => {
    try {
      chrome.runtime.sendMessage(message).catch(() => {
        // No panel open: nothing listens, which is fine.
      });
    } catch (_) {
      // The extension was reloaded or removed; this agent is orphaned.
    }
  };
  // The MAIN-world helper (agent-main.js) is injected only when an insert
  // needs an editor's own API, once per page, then reached over its channel.
  let main = null;
  const mainHelper = () =>
    (main ||= (() => {
      const channel = openMainChannel();
      return chrome.runtime
        .sendMessage({ type: 'agent-to-worker:load', part: 'main' })
        .then(() => mainViaChannel(channel))
        .catch(() => async () => null);
    })());
  // An embedded Defuse sidebar in the page (same-origin) is never a composer.
  globalThis.__defuseAgent = startAgent(send, {
    main: async (node, request) => (await mainHelper())(node, request),
    skipFrame: (f) => f.id === 'defuse-panel',
  });
}
