// Content-script entry of the page agent (extension host). Plain JS, no wasm:
// a content script compiles wasm under the page's CSP, which CRMs lock down.
// Only messages from our own extension are accepted.

import { startAgent } from './agent.js';
import { mainViaChannel } from './insert.js';

function start() {
  if (window.__defuseAgent) return;
  window.__defuseAgent = true;
  const send = (message) => {
    try {
      chrome.runtime.sendMessage(message).catch(() => {
        // No panel open: nothing listens, which is fine.
      });
    } catch (_) {
      // The extension was reloaded or removed; this agent is orphaned.
    }
  };
  // The MAIN-world helper's channel, opened at document_start by channel.js.
  // An embedded Defuse sidebar in the page (same-origin) is never a composer.
  const handle = startAgent(send, { main: mainViaChannel(window.__defuseMainChannel), skipFrame: (f) => f.id === 'defuse-panel' });
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id) return false;
    const response = handle(message);
    if (response && typeof response.then === 'function') {
      response.then(sendResponse);
      return true; // answered asynchronously (insert)
    }
    if (response !== undefined) sendResponse(response);
    return false;
  });
}

// Nothing of ours runs while the CRM page is still loading: the agent starts
// once the page has loaded (the panel asks for a snapshot when it opens).
if (document.readyState === 'complete') start();
else window.addEventListener('load', start, { once: true });
