// A small client for Marionette, the remote protocol built into Firefox, so
// the tests can drive Debian's firefox-esr without geckodriver (which cannot
// be installed on this closed network). Marionette speaks JSON over TCP, each
// message framed as `<byte length>:<json>`: the server first sends a hello
// ({ applicationType, marionetteProtocol }); a command is
// `[0, id, name, params]` and its reply `[1, id, error, result]`.
//
// `startFirefox()` starts Firefox headless with a fresh profile and lets it
// pick a free port (`marionette.port` 0: Firefox writes the port it took to
// `MarionetteActivePort` in the profile), connects, and opens a session.
// Every wait has a deadline; `close()` ends the process and deletes the
// profile whatever state things are in.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The Firefox binary: $FIREFOX, else the first of firefox-esr / firefox on PATH; null if none. */
export function findFirefox() {
  if (process.env.FIREFOX) return fs.existsSync(process.env.FIREFOX) ? process.env.FIREFOX : null;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of ['firefox-esr', 'firefox']) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

// The network is closed and a test browser must not phone home: no
// updates, telemetry, safe-browsing lists, first-run pages or add-on
// recommendations. (Marionette adds its own recommended prefs on top.)
const PREFS = {
  'marionette.port': 0,
  'app.update.disabledForTesting': true,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.page': 0,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.normandy.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  // Firefox's own notification popups: headless there is no desktop
  // notification service to hand them to, and they would not be listed.
  'alerts.useSystemBackend': false,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects with `what` timed out unless `promise` settles within `ms`. */
export function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Splits a byte stream into Marionette messages (`<length>:<json>`). */
function framer(onMessage) {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const colon = buf.indexOf(0x3a);
      if (colon < 0) return;
      const len = Number(buf.subarray(0, colon).toString('latin1'));
      if (!Number.isInteger(len) || len < 0) throw new Error(`marionette: bad frame header ${JSON.stringify(buf.subarray(0, colon).toString('latin1'))}`);
      if (buf.length < colon + 1 + len) return;
      const body = buf.subarray(colon + 1, colon + 1 + len).toString('utf8');
      buf = buf.subarray(colon + 1 + len);
      onMessage(JSON.parse(body));
    }
  };
}

/** One TCP connection to Marionette: `send(name, params)` resolves with the result or rejects with the error. */
function connect(port, timeoutMs) {
  return new Promise((ok, fail) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const pending = new Map();
    let nextId = 1;
    let hello = null;
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new Error('marionette: no hello'));
    }, timeoutMs);
    const failAll = (err) => {
      for (const { reject } of pending.values()) reject(err);
      pending.clear();
    };
    socket.on('error', (err) => {
      clearTimeout(timer);
      failAll(err);
      fail(err);
    });
    socket.on('close', () => failAll(new Error('marionette: connection closed')));
    const onData = framer((msg) => {
      if (!hello) {
        hello = msg;
        clearTimeout(timer);
        if (msg.marionetteProtocol !== 3) {
          socket.destroy();
          return fail(new Error(`marionette: protocol ${msg.marionetteProtocol}, this client speaks 3`));
        }
        return ok(client);
      }
      const [type, id, error, result] = msg;
      const p = pending.get(id);
      if (type !== 1 || !p) return;
      pending.delete(id);
      if (error) {
        const e = new Error(`${p.name}: ${error.error}: ${error.message}`);
        e.marionette = error;
        p.reject(e);
      } else p.resolve(result);
    });
    socket.on('data', (chunk) => {
      try {
        onData(chunk);
      } catch (err) {
        socket.destroy(err); // a garbled stream: every pending command fails
      }
    });
    const client = {
      send(name, params = {}, ms = 30000) {
        if (socket.destroyed) return Promise.reject(new Error(`${name}: marionette: connection closed`));
        const id = nextId++;
        const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject, name }));
        const body = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
        socket.write(`${body.length}:`);
        socket.write(body);
        return within(ms, answer, name).finally(() => pending.delete(id));
      },
      end: () => socket.destroy(),
    };
  });
}

/**
 * Starts Firefox headless with a temporary profile and a Marionette session.
 * Returns the commands of browserApi() below, `close()`, `profile`,
 * `downloads` (where downloads land) and `send(name, params)`, which
 * runs any command (a result of the form `{ value }` is unwrapped).
 * `log` (or DEFUSE_FIREFOX_LOG=1) shows Firefox's own output.
 */
export async function startFirefox({ binary = findFirefox(), startMs = 30000, prefs = {}, log = Boolean(process.env.DEFUSE_FIREFOX_LOG) } = {}) {
  if (!binary) throw new Error('Firefox not found: install firefox-esr or set FIREFOX');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'defuse-firefox-'));
  // Downloads land in the profile without asking, and go with it.
  const downloads = path.join(profile, 'downloads');
  fs.mkdirSync(downloads);
  const download = {
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.start_downloads_in_tmp_dir': false,
  };
  const userJs = Object.entries({ ...PREFS, ...download, ...prefs }).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`);
  fs.writeFileSync(path.join(profile, 'user.js'), userJs.join('\n') + '\n');
  const child = spawn(binary, ['--marionette', '--headless', '--no-remote', '-remote-allow-system-access', '--profile', profile], {
    env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1' },
    stdio: ['ignore', log ? 'inherit' : 'ignore', 'pipe'],
    detached: true, // its own process group: close() ends its content processes too
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
    if (log) process.stderr.write(d);
  });
  let exited = null;
  const gone = new Promise((r) => {
    child.once('exit', (code, sig) => r((exited = { code, signal: sig })));
    child.once('error', (err) => r((exited = { error: err.message }))); // it could not start
  });

  let conn = null;
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig); // the whole group: content processes too
    } catch {
      // already gone
    }
  };
  // Should this process end without close() (a crash, Ctrl-C), Firefox goes too.
  const onExit = () => {
    signal('SIGKILL');
    fs.rmSync(profile, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const close = async () => {
    let quit = false;
    if (conn) {
      // Politely first; the signals below end it if it does not listen.
      quit = await within(5000, conn.send('Marionette:Quit', { flags: ['eForceQuit'] }), 'quit').then(
        () => true,
        () => false,
      );
      conn.end();
    }
    if (quit) await within(5000, gone, 'firefox exit').catch(() => {});
    if (!exited) {
      signal('SIGTERM');
      await within(5000, gone, 'firefox exit').catch(() => {});
    }
    if (!exited) {
      signal('SIGKILL');
      await within(2000, gone, 'firefox exit').catch(() => {});
    }
    signal('SIGKILL'); // any process of its group still there
    process.removeListener('exit', onExit);
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const deadline = Date.now() + startMs;
    const portFile = path.join(profile, 'MarionetteActivePort');
    for (;;) {
      if (exited) throw new Error(`Firefox exited (${JSON.stringify(exited)}) before Marionette listened:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`Marionette did not answer within ${startMs} ms:\n${stderr}`);
      const port = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, 'utf8').trim()) : 0;
      if (port > 0) {
        conn = await connect(port, Math.max(1000, deadline - Date.now())).catch(() => null);
        if (conn) break;
      }
      await sleep(100);
    }
    const session = await conn.send('WebDriver:NewSession', { capabilities: { alwaysMatch: { acceptInsecureCerts: false } } }, Math.max(1000, deadline - Date.now()));
    const send = async (name, params, ms) => {
      const r = await conn.send(name, params, ms);
      return r && typeof r === 'object' && 'value' in r && Object.keys(r).length === 1 ? r.value : r;
    };
    return browserApi({ binary, profile, downloads, capabilities: session.capabilities, send, close });
  } catch (err) {
    await close();
    throw err;
  }
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** The WebDriver commands the tests use, as methods over `send`. */
function browserApi(ff) {
  const { send } = ff;
  // The body runs inside an async function (await works), with its `arguments`.
  const run = (script, args = []) => send('WebDriver:ExecuteScript', { script: `return (async function () {\n${script}\n}).apply(this, arguments);`, args });
  const element = async (css) => {
    const found = await send('WebDriver:FindElement', { using: 'css selector', value: css });
    if (!found || !found[ELEMENT]) throw new Error(`no element ${css}`);
    return found[ELEMENT];
  };
  return {
    ...ff,
    /** Runs `script` (an async function's body; `arguments` are `args`) in the current context; returns what it returns. */
    run,
    /** 'content' (the tab's page) or 'chrome' (Firefox's own privileged scope). */
    setContext: (value) => send('Marionette:SetContext', { value }),
    /** Installs an unpacked add-on directory or an .xpi/.zip as a temporary add-on; returns its id. */
    install: (file) => send('Addon:Install', { path: path.resolve(file), temporary: true }),
    navigate: (url) => send('WebDriver:Navigate', { url }),
    refresh: () => send('WebDriver:Refresh'),
    /** Opens a new tab and makes it the current one; returns its window handle. */
    async newTab() {
      const { handle } = await send('WebDriver:NewWindow', { type: 'tab' });
      await send('WebDriver:SwitchToWindow', { handle });
      return handle;
    },
    switchTo: (handle) => send('WebDriver:SwitchToWindow', { handle }),
    handle: () => send('WebDriver:GetWindowHandle'),
    /** A real click (scrolled into view, hit-tested), as a user makes it. */
    click: async (css) => send('WebDriver:ElementClick', { id: await element(css) }),
    /** Types `text` into the element key by key. */
    type: async (css, text) => send('WebDriver:ElementSendKeys', { id: await element(css), text }),
    /** Polls `script` until it returns something truthy (returned) or `timeout` ms pass (throws, naming `what`). */
    async waitFor(script, args = [], { timeout = 10000, what = script } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const value = await run(script, args);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${what}`);
        await sleep(100);
      }
    },
    /** A PNG of the current page, as bytes. */
    screenshot: async () => Buffer.from(await send('WebDriver:TakeScreenshot', { full: true }), 'base64'),
  };
}
