#!/usr/bin/env bash
# Store-ready zip of dist/: manifest at the root, nothing but what ships.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p "require('./dist/manifest.json').version")
out="target/defuse-$version.zip"
rm -f "$out"
(cd dist && zip -q -X -r -9 "../$out" . -x '*.map' -x '.*')
echo "package: $out ($(stat -c %s "$out") bytes)"
