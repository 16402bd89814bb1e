// Panel entry: picks the host (extension page or embedded iframe), loads the
// wasm core and hands the host to the Rust panel, which draws everything.

import init, { startPanel } from '../../pkg/defuse.js';
import { createExtensionHost } from '../hosts/extension.js';
import { createEmbeddedHost } from '../hosts/embedded.js';
import { extensionStorage, pageStorage, utilities } from '../hosts/services.js';
import { isExtensionPage as isExtensionPageOf } from '../hosts/compat.js';

const isExtensionPage = isExtensionPageOf();

async function main() {
  performance.mark('defuse-panel-start');
  await init({ module_or_path: new URL('defuse_bg.wasm', document.baseURI) });
  const host = isExtensionPage
    ? Object.assign(createExtensionHost(), extensionStorage(), utilities())
    : Object.assign(createEmbeddedHost(), pageStorage(), utilities());
  startPanel(host);
  performance.mark('defuse-panel-interactive');
  document.documentElement.dataset.ready = 'true';
}

main().catch((error) => {
  const app = document.getElementById('app');
  const p = document.createElement('p');
  p.className = 'problem';
  p.setAttribute('role', 'alert');
  p.textContent = 'Defuse could not start: ' + (error && error.message ? error.message : String(error));
  app.replaceChildren(p);
  console.error('Defuse could not start', error);
});
