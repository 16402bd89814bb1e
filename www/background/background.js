// Background service worker: reminders while the panel is closed, the action
// badge, and the side panel on CRM tabs.
//
// It never wakes for other sites' navigations (no tabs.onUpdated listener):
// the side panel is off by default and each CRM page's channel script says
// when it has loaded (panel on for its tab) and when it goes (panel off
// unless the tab's next page is a CRM page too). See agent/channel.js. A
// toolbar click does not wait for that: it turns the panel on for the
// clicked tab and opens it at once, even while a slow CRM page is still
// loading (and on another site, where the panel says it has no account to
// read there and lists the escalations). See hosts/compat.js.
//
// The worker is killed after ~30 s idle, so nothing lives in its memory: one
// chrome.alarms alarm per open deadline phase ("due soon", "due") is re-armed
// from storage whenever storage changes, an alarm fires, at install and
// browser start, and at a worker start that finds the session's record of
// the last pass gone (alarms and badge outlive the worker). A wake-up
// reads the key list, then what the core asks for (each escalation's fold,
// the events of escalations whose fold is stale), and stores the folds the
// core rebuilt: a closed escalation costs one small record. Which
// deadline is due when, which storage changes matter and which link a
// reminder may open are decided by the Rust core (wasm, imported statically:
// import() is not allowed in a service worker; compiled lazily); this file knows no storage
// key. Its own decisions (who may send which message, coalescing, alarm
// reconciliation) live in worker-core.mjs, tested in Node. Listeners are
// registered synchronously at top level so an event that wakes the worker
// finds them.

import init, { WakeUp, affectsReminders } from '../../pkg/defuse.js';
import { CRM_MATCHES, isCrmUrl } from './crm-hosts.js';
import { createCoalescer, createDispatcher, reconcileAlarms, wakeUp } from './worker-core.mjs';
// `chrome` here is compat's `ext`: browser.* on Firefox, chrome.* on Chrome/Edge.
import { ext as chrome, openPanelOnAction, enablePanelForTab, disablePanelByDefault, createNotification } from '../hosts/compat.js';

const ALARM_PREFIX = 'defuse|';
/** Session storage (the worker's own, not the core's schema): what each alarm says and opens. */
const INFO_KEY = 'reminderInfo';
// The core is compiled at the first event that needs it, not at every worker
// start: most starts (a panel message, a content script asking for the agent)
// never touch it, and compiling ~1 MB of wasm competes with the page loading
// beside it on a small machine.
let core = null;
function loadCore() {
  core ||= init({ module_or_path: chrome.runtime.getURL('defuse_bg.wasm') }).catch((e) => {
    core = null; // the next event tries again
    throw e;
  });
  return core;
}

const PANEL_PATH = 'panel.html';
openPanelOnAction(PANEL_PATH);
// Off on every tab that no CRM page of ours has enabled (global options may
// not outlive a browser restart, and this is one cheap call).
disablePanelByDefault(PANEL_PATH);

/** Turns the panel on for the CRM tabs open now (install, update, browser start). */
async function enablePanelOnCrmTabs() {
  try {
    const tabs = await chrome.tabs.query({ url: CRM_MATCHES });
    await Promise.all(tabs.filter((t) => isCrmUrl(t.url)).map((t) => enablePanelForTab(t.id, PANEL_PATH, true)));
  } catch (e) {
    console.warn('Defuse: side panel on open CRM tabs', e);
  }
}

/** A panel found the fold index unusable or behind storage: the next pass rewrites it. */
let rebuildIndex = false;

/** Makes the armed alarms exactly the plan's, and the badge its overdue count. */
async function rearm() {
  await loadCore();
  const rebuild = rebuildIndex;
  rebuildIndex = false;
  const plan = await wakeUp(chrome.storage.local, { WakeUp }, Date.now(), navigator.language, { rebuildIndex: rebuild });
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

/** Install, update or browser start: the panel on open CRM tabs, and the alarms. */
function onBrowserStart() {
  enablePanelOnCrmTabs();
  scheduleRearm();
}
chrome.runtime.onInstalled.addListener(onBrowserStart);
chrome.runtime.onStartup.addListener(onBrowserStart);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  const keys = Object.keys(changes);
  loadCore().then(
    () => {
      if (affectsReminders(keys)) scheduleRearm();
    },
    (e) => console.warn('Defuse: the core could not load', e),
  );
});

chrome.alarms.onAlarm.addListener(async (alarm) => {
  if (!alarm.name.startsWith(ALARM_PREFIX)) return;
  const { [INFO_KEY]: info = {} } = await chrome.storage.session.get(INFO_KEY);
  const r = info[alarm.name];
  if (r) {
    await createNotification(alarm.name, {
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
  // `reindex: true`: the panel found the fold index unusable or behind
  // storage; this pass rewrites it even if no fold changed.
  'panel-to-worker:rearm': {
    from: ['extension-page'],
    handle: async (message) => {
      if (message.reindex === true) rebuildIndex = true;
      const plan = await scheduleRearm();
      return { ok: Boolean(plan), alarms: plan ? plan.alarms.length : 0 };
    },
  },
  // A CRM page's channel, in the tab's top frame, once the page has loaded
  // (or came back from the back-forward cache): the panel is offered there.
  // And when that page goes: the panel stays only if the tab's next page is
  // a CRM page too (its URL is visible to us only then), so it neither
  // flickers between two CRM pages nor stays on another site.
  'agent-to-worker:page': {
    from: ['content-script'],
    handle: async (message, sender) => {
      const tabId = sender.tab.id;
      if (message.shown === true) {
        if (sender.frameId !== 0) return { ok: false, error: 'not a top frame' };
        await enablePanelForTab(tabId, PANEL_PATH, isCrmUrl(sender.url));
        return { ok: true };
      }
      // A leaving page is no longer frame 0 (its frame is pending deletion);
      // the decision rests on the tab's page now, whoever asks.
      const tab = await chrome.tabs.get(tabId).catch(() => null);
      if (tab) await enablePanelForTab(tabId, PANEL_PATH, isCrmUrl(tab.pendingUrl || tab.url));
      return { ok: true };
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

// A worker start re-arms only if the browser lost what the last pass armed
// (session storage is cleared with the browser session and at an update):
// alarms and the badge outlive the worker, and every change that moves them
// (storage, an alarm, install, browser start) re-arms by its own event. So a
// start for a panel or page message does not compile the core.
chrome.storage.session.get(INFO_KEY).then(
  (stored) => {
    if (!stored || !stored[INFO_KEY]) scheduleRearm();
  },
  () => scheduleRearm(),
);
