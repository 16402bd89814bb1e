// Page-script entry of the page agent for the embedded sidebar (a CRM sidebar
// app or the demo CRM): talks to the Defuse iframe with postMessage, and only
// to the one exact origin configured on the script tag.
//
//   <script src="/defuse/agent-embed.js" data-panel-frame="defuse-panel"
//           data-panel-origin="https://defuse.example"></script>

import { startAgent } from './agent.js';
import { mainInsert } from './main-ops.js';

const script = document.currentScript;
const frameId = (script && script.dataset.panelFrame) || 'defuse-panel';
const panelOrigin = (script && script.dataset.panelOrigin) || location.origin;

function frame() {
  const f = document.getElementById(frameId);
  return f && f.contentWindow ? f : null;
}

const send = (message) => {
  const f = frame();
  if (f) f.contentWindow.postMessage(message, panelOrigin);
};

// This agent runs in the page's own world: editor APIs are reached directly.
// The sidebar's own frame is never a composer (its draft textarea is ours).
const handle = startAgent(send, {
  main: async (node, request) => mainInsert(node, request),
  skipFrame: (f) => f.id === frameId,
});
window.addEventListener('message', (event) => {
  const f = frame();
  if (!f || event.source !== f.contentWindow || event.origin !== panelOrigin) return;
  const message = event.data;
  const response = handle(message);
  if (response && typeof response.then === 'function') {
    // Insert: answered later, with the request's id so the panel can match it.
    const id = message && typeof message.id === 'string' ? message.id.slice(0, 64) : '';
    response.then((r) => send({ ...r, id }));
  } else if (response !== undefined) send(response);
});
