// The CRM hosts Defuse works on. Keep in step with manifest.json
// (content_scripts.matches and host_permissions); a meta-test checks it.

export const CRM_MATCHES = [
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://app.hubspot.com/*',
  'https://*.crm.dynamics.com/*',
  'https://*.zendesk.com/*',
  'https://mail.google.com/*',
  'http://127.0.0.1/*',
  'http://localhost/*',
];

function toRegExp(pattern) {
  const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return null;
  const host = m[2].replace(/[.]/g, '\\.').replace(/^\*\\\./, '(?:[^/:]+\\.)?');
  return new RegExp('^' + m[1] + '://' + host + '(?::\\d+)?/');
}

const MATCHERS = CRM_MATCHES.map(toRegExp).filter(Boolean);

export function isCrmUrl(url) {
  return typeof url === 'string' && MATCHERS.some((re) => re.test(url));
}
