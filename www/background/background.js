// Background service worker: reminders while the panel is closed, the action
// badge, and the side panel on CRM tabs.
//
// The worker is killed after ~30 s idle, so nothing lives in its memory: one
// chrome.alarms alarm per open deadline phase ("due soon", "due") is re-armed
// from storage at every worker start and whenever storage changes. Which
// deadline is due when is decided by the Rust core (wasm, loaded statically:
// import() is not allowed in a service worker). Listeners are registered
// synchronously at top level so an event that wakes the worker finds them.

import init, { reminders } from '../../pkg/defuse.js';
import { isCrmUrl } from './crm-hosts.js';

const ALARM_PREFIX = 'defuse|';
const INFO_KEY = 'reminderInfo';
const ready = init({ module_or_path: chrome.runtime.getURL('defuse_bg.wasm') });

chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((e) => console.warn('Defuse: side panel behaviour', e));

async function updateSidePanel(tabId, url) {
  try {
    await chrome.sidePanel.setOptions({ tabId, path: 'panel.html', enabled: isCrmUrl(url) });
  } catch (_) {
    // The tab may be gone already.
  }
}

chrome.tabs.onUpdated.addListener((tabId, info, tab) => {
  if (info.url || info.status === 'complete') updateSidePanel(tabId, tab.url);
});

async function readRecords() {
  const all = await chrome.storage.local.get(null);
  const records = Object.entries(all)
    .filter(([k]) => k.startsWith('defuse:ev:'))
    .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  let settings = {};
  try {
    settings = JSON.parse(all['defuse:settings'] || '{}');
  } catch (_) {
    settings = {};
  }
  return { records, businessDays: Boolean(settings.businessDays) };
}

let rearming = null;
/** Makes the armed alarms exactly the plan's, and the badge its overdue count. */
async function rearm() {
  await ready;
  const { records, businessDays } = await readRecords();
  const plan = reminders(records, Date.now(), businessDays);
  const wanted = new Map(plan.alarms.map((a) => [a.name, a]));
  const existing = await chrome.alarms.getAll();
  await Promise.all(existing.filter((a) => a.name.startsWith(ALARM_PREFIX) && !wanted.has(a.name)).map((a) => chrome.alarms.clear(a.name)));
  const have = new Set(existing.map((a) => a.name));
  await Promise.all([...wanted.values()].filter((a) => !have.has(a.name)).map((a) => chrome.alarms.create(a.name, { when: Date.parse(a.when) })));
  // What each alarm's notification says and opens (session storage outlives the worker).
  const info = Object.fromEntries([...wanted.values()].map((a) => [a.name, { title: a.title, message: a.message, crmUrl: a.crmUrl, phase: a.phase }]));
  await chrome.storage.session.set({ [INFO_KEY]: info });
  await chrome.action.setBadgeText({ text: plan.badge > 0 ? String(plan.badge) : '' });
  await chrome.action.setBadgeBackgroundColor({ color: '#a4231b' });
  await chrome.action.setTitle({ title: plan.badge > 0 ? `Defuse: ${plan.badge} overdue` : 'Open Defuse' });
  return plan;
}

function scheduleRearm() {
  // Coalesce bursts of storage writes (one key per event) into one pass.
  if (!rearming) {
    rearming = rearm()
      .catch((e) => console.warn('Defuse: reminders could not be armed', e))
      .finally(() => {
        rearming = null;
      });
  }
  return rearming;
}

chrome.runtime.onInstalled.addListener(() => scheduleRearm());
chrome.runtime.onStartup.addListener(() => scheduleRearm());
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && Object.keys(changes).some((k) => k.startsWith('defuse:ev:') || k === 'defuse:settings')) scheduleRearm();
});

chrome.alarms.onAlarm.addListener(async (alarm) => {
  if (!alarm.name.startsWith(ALARM_PREFIX)) return;
  const { [INFO_KEY]: info = {} } = await chrome.storage.session.get(INFO_KEY);
  const r = info[alarm.name];
  if (r) {
    await chrome.notifications.create(alarm.name, {
      type: 'basic',
      iconUrl: 'icons/icon-128.png',
      title: r.title,
      message: r.message,
      priority: 2,
      requireInteraction: r.phase === 'due',
    });
  }
  await scheduleRearm();
});

chrome.notifications.onClicked.addListener(async (id) => {
  if (!id.startsWith(ALARM_PREFIX)) return;
  const { [INFO_KEY]: info = {} } = await chrome.storage.session.get(INFO_KEY);
  const url = info[id] && info[id].crmUrl;
  chrome.notifications.clear(id);
  if (!url || !/^https?:\/\//.test(url)) return;
  const [tab] = await chrome.tabs.query({ url: url.split('#')[0] });
  if (tab) {
    await chrome.tabs.update(tab.id, { active: true });
    await chrome.windows.update(tab.windowId, { focused: true });
  } else {
    await chrome.tabs.create({ url });
  }
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  if (message && message.type === 'panel-to-worker:rearm') {
    scheduleRearm().then((plan) => sendResponse({ ok: true, alarms: plan ? plan.alarms.length : 0 }));
    return true;
  }
  // The page agent loads in two steps, both only on demand (see agent/channel.js):
  // the agent once the panel asks a page something, the MAIN-world helper at
  // the first insert that needs an editor's API. Only into the asking frame.
  const part = message && message.type === 'agent-to-worker:load' ? AGENT_PARTS[message.part] : null;
  if (part && sender.tab && Number.isInteger(sender.frameId)) {
    chrome.scripting
      .executeScript({ target: { tabId: sender.tab.id, frameIds: [sender.frameId] }, files: [part.file], world: part.world, injectImmediately: true })
      .then(() => sendResponse({ ok: true }), (e) => sendResponse({ ok: false, error: String((e && e.message) || e) }));
    return true;
  }
  return false;
});

const AGENT_PARTS = { agent: { file: 'agent.js', world: 'ISOLATED' }, main: { file: 'agent-main.js', world: 'MAIN' } };

// Every start of the worker re-arms from storage.
scheduleRearm();
