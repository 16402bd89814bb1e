// The CRM hosts Defuse works on. The source is the Rust table
// (src/account/hosts.rs, HOST_MATCHES + DEV_MATCHES); tests/conventions.rs
// checks that this list and manifest.json (host_permissions and every content
// script's matches) equal it, in order.

export const CRM_MATCHES = [
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://*.crm.dynamics.com/*',
  'https://*.crm2.dynamics.com/*',
  'https://*.crm3.dynamics.com/*',
  'https://*.crm4.dynamics.com/*',
  'https://*.crm5.dynamics.com/*',
  'https://*.crm6.dynamics.com/*',
  'https://*.crm7.dynamics.com/*',
  'https://*.crm8.dynamics.com/*',
  'https://*.crm9.dynamics.com/*',
  'https://*.crm11.dynamics.com/*',
  'https://*.crm12.dynamics.com/*',
  'https://*.crm14.dynamics.com/*',
  'https://*.crm15.dynamics.com/*',
  'https://*.crm16.dynamics.com/*',
  'https://*.crm17.dynamics.com/*',
  'https://*.crm19.dynamics.com/*',
  'https://*.crm20.dynamics.com/*',
  'https://*.crm21.dynamics.com/*',
  'https://*.zendesk.com/agent/*',
  'https://crm.zoho.com/*',
  'https://crm.zoho.eu/*',
  'https://crm.zoho.in/*',
  'https://crm.zoho.com.au/*',
  'https://crm.zoho.jp/*',
  'https://crm.zoho.com.cn/*',
  'https://crm.zoho.ca/*',
  'https://crm.zoho.sa/*',
  'https://crm.zoho.uk/*',
  'https://crm.zohocloud.ca/*',
  'https://*.pipedrive.com/*',
  'https://*.myfreshworks.com/crm/*',
  'https://*.freshsales.io/*',
  'https://app.close.com/*',
  'https://mail.google.com/*',
  'http://127.0.0.1/*',
  'http://localhost/*',
];

// A Chrome match pattern as a RegExp: `*.` in the host is any subdomain (or
// none), `*` in the path is anything; the port is free (dev servers).
function toRegExp(pattern) {
  const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return null;
  const host = m[2].replace(/[.]/g, '\\.').replace(/^\*\\\./, '(?:[^/:]+\\.)?');
  const path = m[3].replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp('^' + m[1] + '://' + host + '(?::\\d+)?' + path + '$');
}

const MATCHERS = CRM_MATCHES.map(toRegExp).filter(Boolean);

export function isCrmUrl(url) {
  return typeof url === 'string' && MATCHERS.some((re) => re.test(url));
}
