#!/usr/bin/env bash
# `make package` (after `make build`): target/defuse-<version>-chrome.zip
# (Chrome and Edge), target/defuse-<version>-firefox.zip (manifest derived at
# build time: sidebar, event page, gecko id) and target/defuse-core-<version>.tgz
# (npm pack of pkg/). The store packages carry no development hosts.
set -euo pipefail
cd "$(dirname "$0")/.."
node tools/package.mjs
