// The store manifests, derived from the one source manifest (manifest.json,
// as webpack wrote it into dist/ with the version from Cargo.toml). Nothing
// here lists CRM hosts: they come from the source, minus the development
// hosts, which only the development build (`make build`, used by the tests)
// keeps.

/** Loopback hosts the demo and the tests need; never in a store package. */
export const DEV_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

/** Firefox's add-on id and the first Firefox with everything Defuse uses
 * (MAIN-world content scripts: 128; data_collection_permissions: 140, ESR). */
export const GECKO_ID = '{6f1d3c2e-4b8a-4e1f-9a57-2c0d8e5b7a91}';
export const GECKO_MIN_VERSION = '140.0';
export const GECKO_ANDROID_MIN_VERSION = '142.0';

const clone = (x) => JSON.parse(JSON.stringify(x));

/** Chrome / Edge store manifest: the source without development hosts. */
export function releaseManifest(source) {
  const m = clone(source);
  const keep = (list) => (list || []).filter((h) => !DEV_HOSTS.includes(h));
  m.host_permissions = keep(m.host_permissions);
  for (const cs of m.content_scripts || []) cs.matches = keep(cs.matches);
  return m;
}

/** Firefox manifest: the panel as a sidebar, an event page instead of a
 * service worker, a gecko id, and no Chrome-only keys. */
export function firefoxManifest(source) {
  const m = releaseManifest(source);
  const panel = m.side_panel && m.side_panel.default_path;
  if (!panel) throw new Error('manifest.json has no side_panel.default_path to derive the sidebar from');
  delete m.side_panel;
  delete m.minimum_chrome_version;
  // Firefox does not cap storage.local at 10 MB as Chrome does, and it asks
  // the user about unlimitedStorage at install: not asked for there.
  m.permissions = (m.permissions || []).filter((p) => p !== 'sidePanel' && p !== 'unlimitedStorage');
  m.sidebar_action = {
    default_panel: panel,
    default_title: m.short_name || m.name,
    default_icon: (m.action && m.action.default_icon) || m.icons,
    open_at_install: false,
  };
  const worker = m.background && m.background.service_worker;
  if (!worker) throw new Error('manifest.json has no background.service_worker');
  m.background = { scripts: [worker] };
  m.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // Nothing leaves the browser: Defuse makes no network requests.
      data_collection_permissions: { required: ['none'] },
    },
    // Firefox for Android reads data_collection_permissions from 142 on.
    gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
  };
  return m;
}
