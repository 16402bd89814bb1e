#!/usr/bin/env bash
# Release build of the extension: cargo (wasm32) → wasm-bindgen --target web →
# wasm-opt -Oz → pkg/ as the npm package defuse-core (typed: defuse.d.ts) →
# webpack → dist/ (a loadable unpacked MV3 extension, the development build:
# its manifest keeps the loopback hosts the tests use; tools/package.sh
# derives the store packages from it).
#
# Two cores: the service worker's (cargo feature `worker`: only what
# www/background/ imports, into pkg-worker/ as defuse_worker*) and the
# panel's (everything, pkg/). The worker's is built first so that
# target/…/release/defuse.wasm is the panel's afterwards (make bench reads it).
set -euo pipefail
cd "$(dirname "$0")/.."
# The features rustc enables for wasm32 by default; binaryen must accept them.
# --converge repeats -Oz until it stops paying (≈2 KB gzip on the panel's core).
opt() {
  node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$1" -o "$1"
}
cargo build --quiet --lib --release --target wasm32-unknown-unknown --features worker
rm -rf pkg-worker && mkdir -p pkg-worker
wasm-bindgen --target web --out-name defuse_worker --out-dir pkg-worker target/wasm32-unknown-unknown/release/defuse.wasm
opt pkg-worker/defuse_worker_bg.wasm
cargo build --quiet --lib --release --target wasm32-unknown-unknown
rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --out-dir pkg target/wasm32-unknown-unknown/release/defuse.wasm
opt pkg/defuse_bg.wasm
node tools/core-package.mjs >/dev/null
node_modules/.bin/webpack --mode production --stats errors-warnings
echo "build: dist/ ready ($(du -sh dist | cut -f1), wasm $(stat -c %s dist/defuse_bg.wasm) bytes, worker's $(stat -c %s dist/defuse_worker_bg.wasm) bytes)"
