// Page-script entry of the page agent for the embedded sidebar (a CRM sidebar
// app or the demo CRM): talks to the Defuse iframe with postMessage, and only
// to the one exact origin the panel is served from, given on the script tag.
// The panel lives on its own origin (never the CRM's: see www/hosts/embedded.js):
//
//   <iframe id="defuse-panel" src="https://defuse.crm-apps.example/panel.html"></iframe>
//   <script src="/defuse/agent-embed.js" data-panel-frame="defuse-panel"
//           data-panel-origin="https://defuse.crm-apps.example"></script>
//
// Without data-panel-origin it falls back to the page's own origin (a
// same-origin stand-in, as the insert tests use); the panel itself refuses
// to run on the CRM's origin.

import { startAgent } from './agent.js';
import { mainInsert } from './main-ops.js';

const script = document.currentScript;
const frameId = (script && script.dataset.panelFrame) || 'defuse-panel';
const panelOrigin = (script && script.dataset.panelOrigin) || location.origin;

function frame() {
  const f = document.getElementById(frameId);
  return f && f.contentWindow ? f : null;
}

/**
 * Defuse's own frames: the sidebar iframe (by id, or by being served from
 * the panel's origin). They are never read into a snapshot nor taken for a
 * composer: the sidebar shows the account and a draft textarea of its own.
 */
function isDefuseFrame(f) {
  if (f.id === frameId) return true;
  try {
    return Boolean(f.src) && new URL(f.src, location.href).origin === panelOrigin && panelOrigin !== location.origin;
  } catch (_) {
    return false;
  }
}

const send = (message) => {
  const f = frame();
  if (f) f.contentWindow.postMessage(message, panelOrigin);
};

// This agent runs in the page's own world: editor APIs are reached directly.
const handle = startAgent(send, {
  main: async (node, request) => mainInsert(node, request),
  skipFrame: isDefuseFrame,
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
