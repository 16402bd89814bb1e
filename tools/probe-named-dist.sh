#!/usr/bin/env bash
# Dev probe: a copy of dist/ whose wasm keeps its function names (for CPU
# profiles: DIST=/tmp/defuse-named node tools/probe-profile.mjs). Run after
# tools/build.sh: same wasm-bindgen output, so the glue's import names match.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/defuse-named}
rm -rf "$out" && mkdir -p "$out/pkg"
wasm-bindgen --target web --out-dir "$out/pkg" target/wasm32-unknown-unknown/release/defuse.wasm
node_modules/.bin/wasm-opt -Oz -g --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/pkg/defuse_bg.wasm" -o "$out/defuse_bg.wasm"
rm -rf "$out/pkg"
echo "$out/defuse_bg.wasm: copy it over a bench dist (probe-profile.mjs does with DIST=$out)"
