// Host services shared by every host: storage (one key per event), change
// notifications from other tabs, clipboard, file export / import. The panel
// merges these into its host object; Rust sees one interface.

// `chrome` here is compat's `ext`: browser.* on Firefox, chrome.* on Chrome/Edge.
import { ext as chrome } from './compat.js';

const PREFIX = 'defuse:';
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** chrome.storage.local: shared by the side panel, pop-out tabs and the worker. */
export function extensionStorage() {
  return {
    async storageAll() {
      const all = await chrome.storage.local.get(null);
      return Object.entries(all)
        .filter(([k]) => k.startsWith(PREFIX))
        .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
    },
    /**
     * Defuse's keys, joined by "\n", as UTF-8 bytes (the panel reads what
     * it needs; 30,000 keys cross into wasm as one block).
     */
    async storageKeys() {
      const keys = await chrome.storage.local.getKeys();
      return new TextEncoder().encode(keys.filter((k) => k.startsWith(PREFIX)).join('\n'));
    },
    async storageGet(keys) {
      const got = await chrome.storage.local.get(keys);
      return Object.entries(got).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
    },
    storagePut(key, text) {
      return chrome.storage.local.set({ [key]: String(text) });
    },
    storageRemove(key) {
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
