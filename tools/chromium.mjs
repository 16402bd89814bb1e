// How Defuse starts Debian's Chromium for tests and benchmarks: one place for
// the binary and the flags. The network here is closed, so background
// networking, component updates and sync are off; as root there is no sandbox.

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The flags that load the unpacked extension in `dist`. */
export const extensionArgs = (dist) => [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`];
