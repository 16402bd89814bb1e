// Background service worker: reminders while the panel is closed, the action
// badge, and the side panel on CRM tabs.
//
// The worker is killed after ~30 s idle, so nothing lives in its memory: one
// chrome.alarms alarm per open deadline phase ("due soon", "due") is re-armed
// from storage at every worker start and whenever storage changes. A wake-up
// reads the key list, then what the core asks for (each escalation's fold,
// the events of escalations whose fold is stale), and stores the folds the
// core rebuilt: a closed escalation costs one small record. Which
// deadline is due when, which storage changes matter and which link a
// reminder may open are decided by the Rust core (wasm, loaded statically:
// import() is not allowed in a service worker); this file knows no storage
// key. Its own decisions (who may send which message, coalescing, alarm
// reconciliation) live in worker-core.mjs, tested in Node. Listeners are
// registered synchronously at top level so an event that wakes the worker
// finds them.

import init, { WakeUp, affectsReminders } from '../../pkg/defuse.js';
import { isCrmUrl } from './crm-hosts.js';
import { createCoalescer, createDispatcher, reconcileAlarms, wakeUp } from './worker-core.mjs';
// `chrome` here is compat's `ext`: browser.* on Firefox, chrome.* on Chrome/Edge.
import { ext as chrome, openPanelOnAction, enablePanelForTab } from '../hosts/compat.js';

const ALARM_PREFIX = 'defuse|';
/** Session storage (the worker's own, not the core's schema): what each alarm says and opens. */
const INFO_KEY = 'reminderInfo';
const ready = init({ module_or_path: chrome.runtime.getURL('defuse_bg.wasm') });

openPanelOnAction();

function updateSidePanel(tabId, url) {
  return enablePanelForTab(tabId, 'panel.html', isCrmUrl(url));
}

chrome.tabs.onUpdated.addListener((tabId, info, tab) => {
  if (info.url || info.status === 'complete') updateSidePanel(tabId, tab.url);
});

/** Makes the armed alarms exactly the plan's, and the badge its overdue count. */
async function rearm() {
  await ready;
  const plan = await wakeUp(chrome.storage.local, { WakeUp }, Date.now(), navigator.language);
  const { clear, create } = reconcileAlarms(await chrome.alarms.getAll(), plan.alarms, ALARM_PREFIX);
  await Promise.all(clear.map((name) => chrome.alarms.clear(name)));
  await Promise.all(create.map(({ name, when }) => chrome.alarms.create(name, { when })));
  const info = Object.fromEntries(plan.alarms.map((a) => [a.name, { title: a.title, message: a.message, crmUrl: a.crmUrl, phase: a.phase }]));
  await chrome.storage.session.set({ [INFO_KEY]: info });
  await chrome.action.setBadgeText({ text: plan.badge > 0 ? String(plan.badge) : '' });
  await chrome.action.setBadgeBackgroundColor({ color: '#a4231b' });
  await chrome.action.setTitle({ title: plan.badge > 0 ? `Defuse: ${plan.badge} overdue` : 'Open Defuse' });
  return plan;
}

// Bursts of storage writes (one key per event) share passes; a change that
// lands mid-pass gets a pass of its own.
const scheduleRearm = createCoalescer(rearm, (e) => console.warn('Defuse: reminders could not be armed', e));

chrome.runtime.onInstalled.addListener(() => scheduleRearm());
chrome.runtime.onStartup.addListener(() => scheduleRearm());
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  const keys = Object.keys(changes);
  ready.then(() => {
    if (affectsReminders(keys)) scheduleRearm();
  });
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
  // The core only plans CRM links; checked again here, where the tab opens.
  if (!url || !isCrmUrl(url)) return;
  const [tab] = await chrome.tabs.query({ url: url.split('#')[0] });
  if (tab) {
    await chrome.tabs.update(tab.id, { active: true });
    await chrome.windows.update(tab.windowId, { focused: true });
  } else {
    await chrome.tabs.create({ url });
  }
});

/**
 * Every message the worker answers, with the contexts allowed to send it.
 * Content scripts talk to the panel, never to the worker.
 */
const MESSAGES = {
  'panel-to-worker:rearm': {
    from: ['extension-page'],
    handle: async () => {
      const plan = await scheduleRearm();
      return { ok: Boolean(plan), alarms: plan ? plan.alarms.length : 0 };
    },
  },
  // The page agent loads in two steps, both only on demand (see agent/channel.js):
  // the agent once the page has loaded or the panel asks, the MAIN-world helper
  // at the first insert that needs an editor's API. Only into the asking frame.
  'agent-to-worker:load': {
    from: ['content-script'],
    handle: async (message, sender) => {
      const part = Object.prototype.hasOwnProperty.call(AGENT_PARTS, message.part) ? AGENT_PARTS[message.part] : null;
      if (!part || !Number.isInteger(sender.frameId)) return { ok: false, error: 'unknown part' };
      try {
        await chrome.scripting.executeScript({
          target: { tabId: sender.tab.id, frameIds: [sender.frameId] },
          files: [part.file],
          world: part.world,
          injectImmediately: true,
        });
        return { ok: true };
      } catch (e) {
        return { ok: false, error: String((e && e.message) || e) };
      }
    },
  },
};
const dispatch = createDispatcher(MESSAGES, chrome.runtime.id);

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const answer = dispatch(message, sender);
  if (!answer) return false;
  answer.then(sendResponse, () => sendResponse({ ok: false }));
  return true;
});

const AGENT_PARTS = { agent: { file: 'agent.js', world: 'ISOLATED' }, main: { file: 'agent-main.js', world: 'MAIN' } };

// Every start of the worker re-arms from storage.
scheduleRearm();
