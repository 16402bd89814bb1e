// Host services shared by every host: storage (one key per event), change
// notifications from other tabs, clipboard, file export / import. The panel
// merges these into its host object; Rust sees one interface.

// `chrome` here is compat's `ext`: browser.* on Firefox, chrome.* on Chrome/Edge.
import { ext as chrome } from './compat.js';

const PREFIX = 'defuse:';
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * Records chrome.storage.local refused (full disk, a broken profile, or the
 * quota where unlimitedStorage is not granted), kept aside in this
 * extension origin's localStorage until a write succeeds again: the panel
 * says the save failed, and what the CSM typed outlives closing the panel.
 * An event key is written once; a draft key kept aside is forgotten when
 * the field is saved or cleared later. Until saved, the panels read what
 * is kept aside as if it were stored (the worker does not see it).
 */
const ASIDE = 'defuse-unsaved';

function aside() {
  try {
    const kept = JSON.parse(globalThis.localStorage.getItem(ASIDE) || '{}');
    return kept && typeof kept === 'object' && !Array.isArray(kept) ? kept : {};
  } catch (_) {
    return {};
  }
}

function setAside(kept) {
  try {
    if (Object.keys(kept).length) globalThis.localStorage.setItem(ASIDE, JSON.stringify(kept));
    else globalThis.localStorage.removeItem(ASIDE);
  } catch (_) {
    // localStorage refused too: the panel's notice still says to export.
  }
}

function keepAside(key, text) {
  setAside({ ...aside(), [key]: text });
}

function forget(key) {
  const kept = aside();
  if (key in kept) {
    delete kept[key];
    setAside(kept);
  }
}

/** Writes what was kept aside; resolves either way (a refusal keeps it aside). */
async function saveAside() {
  const kept = aside();
  const keys = Object.keys(kept).filter((k) => k.startsWith(PREFIX) && typeof kept[k] === 'string');
  if (!keys.length) return;
  try {
    await chrome.storage.local.set(Object.fromEntries(keys.map((k) => [k, kept[k]])));
    const now = aside(); // what was kept meanwhile stays
    for (const k of keys) if (now[k] === kept[k]) delete now[k];
    setAside(now);
  } catch (_) {
    // Still refused: kept for the next try.
  }
}

/** The reason a write failed, in the CSM's words where it is a known one. */
function writeProblem(e) {
  const text = String((e && e.message) || e);
  if (/QUOTA_BYTES|quota/i.test(text)) return new Error('the browser’s storage for Defuse is full; what you wrote is kept aside by Defuse and saved once there is room');
  return new Error(`${text}; what you wrote is kept aside by Defuse and saved at the next write that succeeds`);
}

/** chrome.storage.local: shared by the side panel, pop-out tabs and the worker. */
export function extensionStorage() {
  // What an earlier panel kept aside is written before the first read, so
  // this panel shows it (nothing to do, and no wait, when there is none).
  const ready = saveAside();
  return {
    async storageAll() {
      await ready;
      const all = { ...aside(), ...(await chrome.storage.local.get(null)) };
      return Object.entries(all)
        .filter(([k]) => k.startsWith(PREFIX))
        .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
    },
    /**
     * Defuse's keys, joined by "\n", as UTF-8 bytes (the panel reads what
     * it needs; 30,000 keys cross into wasm as one block).
     */
    async storageKeys() {
      await ready;
      const keys = await chrome.storage.local.getKeys();
      const kept = Object.keys(aside());
      if (kept.length) {
        // Only when something is kept aside: a busy workspace has 30,000 keys.
        const stored = new Set(keys);
        keys.push(...kept.filter((k) => !stored.has(k)));
      }
      return new TextEncoder().encode(keys.filter((k) => k.startsWith(PREFIX)).join('\n'));
    },
    async storageGet(keys) {
      // Nothing asked (an empty workspace's start): no round trip to the
      // browser process, which would hold the first frame back.
      if (!keys.length) return [];
      await ready;
      const got = await chrome.storage.local.get(keys);
      const kept = aside();
      for (const k of keys) if (!(k in got) && typeof kept[k] === 'string') got[k] = kept[k];
      return Object.entries(got).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
    },
    async storagePut(key, text) {
      key = String(key);
      text = String(text);
      try {
        await chrome.storage.local.set({ [key]: text });
      } catch (e) {
        keepAside(key, text);
        throw writeProblem(e);
      }
      forget(key);
      await saveAside();
    },
    storageRemove(key) {
      forget(String(key));
      return chrome.storage.local.remove(String(key));
    },
    onStorageChange(callback) {
      chrome.storage.onChanged.addListener((changes, area) => {
        if (area !== 'local') return;
        const list = Object.entries(changes)
          .filter(([k]) => k.startsWith(PREFIX))
          .map(([k, c]) => [k, c.newValue === undefined ? null : String(c.newValue)]);
        if (list.length) callback(list);
      });
    },
  };
}

/** localStorage, for the embedded sidebar; `storage` events come from other tabs. */
export function pageStorage() {
  return {
    async storageAll() {
      const out = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k && k.startsWith(PREFIX)) out.push([k, localStorage.getItem(k)]);
      }
      return out;
    },
    async storageKeys() {
      const keys = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k && k.startsWith(PREFIX)) keys.push(k);
      }
      return new TextEncoder().encode(keys.join('\n'));
    },
    async storageGet(keys) {
      return keys.map((k) => [k, localStorage.getItem(k)]).filter(([, v]) => v !== null);
    },
    async storagePut(key, text) {
      localStorage.setItem(key, String(text));
    },
    async storageRemove(key) {
      localStorage.removeItem(String(key));
    },
    onStorageChange(callback) {
      window.addEventListener('storage', (e) => {
        if (e.storageArea === localStorage && e.key && e.key.startsWith(PREFIX)) callback([[e.key, e.newValue]]);
      });
    },
  };
}

export function utilities() {
  return {
    async copy(text) {
      await navigator.clipboard.writeText(text);
    },
    download(name, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    pickFile() {
      return new Promise((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = 'application/json,.json';
        input.addEventListener('change', () => {
          const file = input.files && input.files[0];
          if (!file) return resolve(null);
          if (file.size > MAX_IMPORT_BYTES) return reject(new Error('the file is too large to be a Defuse export'));
          file.text().then(resolve, reject);
        });
        input.addEventListener('cancel', () => resolve(null));
        input.click();
      });
    },
  };
}
