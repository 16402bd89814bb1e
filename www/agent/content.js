// Content-script entry of the page agent (extension host). Plain JS, no wasm:
// a content script compiles wasm under the page's CSP, which CRMs lock down.
// Only messages from our own extension are accepted.

import { startAgent } from './agent.js';

if (!window.__defuseAgent) {
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
  const handle = startAgent(send);
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id) return false;
    const response = handle(message);
    if (response !== undefined) sendResponse(response);
    return false;
  });
}
