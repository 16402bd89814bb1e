#!/usr/bin/env bash
# Release build of the extension: cargo (wasm32) → wasm-bindgen --target web →
# wasm-opt -Oz → pkg/ as the npm package defuse-core (typed: defuse.d.ts) →
# webpack → dist/ (a loadable unpacked MV3 extension, the development build:
# its manifest keeps the loopback hosts the tests use; tools/package.sh
# derives the store packages from it).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --lib --release --target wasm32-unknown-unknown
rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --out-dir pkg target/wasm32-unknown-unknown/release/defuse.wasm
# The features rustc enables for wasm32 by default; binaryen must accept them.
# inlining-optimizing is skipped: folding single-caller functions into their
# callers makes the code 25 KB smaller raw but 41 KB larger gzipped (the
# monomorphized copies rustc emits side by side stop looking alike), and
# gzip is what the budget and the store zip count.
# --low-memory-unused lets wasm-opt fold `p + c` (c < 1 KB) into a load's or
# store's offset: the two differ only when the sum wraps past 4 GB into the
# first KB, an address Rust never forms (its data starts at 1 MB, its stack
# below that): −0.9 KB gzip.
node_modules/.bin/wasm-opt -Oz --converge --skip-pass=inlining-optimizing \
  --low-memory-unused --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/defuse_bg.wasm -o pkg/defuse_bg.wasm
node tools/core-package.mjs >/dev/null
node_modules/.bin/webpack --mode production --stats errors-warnings
echo "build: dist/ ready ($(du -sh dist | cut -f1), wasm $(stat -c %s dist/defuse_bg.wasm) bytes)"
