#!/usr/bin/env bash
# Installs what building and testing Defuse needs, idempotently: each step is
# skipped when already satisfied, so it is cheap on a machine that has it all.
# Used by `make demo`, `make test` (via .ci/run) and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

# Rust target for the core.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

# wasm-bindgen CLI: must equal the crate version pinned in Cargo.toml.
WB_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)"
if [ -z "$WB_VERSION" ]; then echo "setup: Cargo.toml must pin wasm-bindgen with =x.y.z" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  say "installing wasm-bindgen-cli $WB_VERSION (takes a few minutes once)"
  # Not --locked: one pinned dependency of its lockfile is not on the registry.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# Chromium + chromedriver (same version, from Debian) for the browser tests.
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  say "installing Chromium and chromedriver from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# Firefox ESR (Debian) for tests/e2e/firefox.test.mjs: the Firefox package in
# Firefox, driven over Firefox's built-in Marionette (no geckodriver needed).
if ! command -v firefox-esr >/dev/null && ! command -v firefox >/dev/null; then
  say "installing Firefox ESR from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr >/dev/null
fi
command -v zip >/dev/null || { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq zip >/dev/null; }
# unzip: tests/package reads the store zips back.
command -v unzip >/dev/null || { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq unzip >/dev/null; }

# npm packages (webpack, binaryen's wasm-opt, playwright-core, editors for fixtures).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready"
