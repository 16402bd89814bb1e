#!/usr/bin/env bash
# `make test`: every check, in order of cost, then one summary line that CI
# reads: "total: N passed, N failed". Each stage's own output is shown.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
stages_failed=()
log=$(mktemp)

count_cargo() { # sums "test result: ... N passed; M failed" lines
  local p f
  p=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}
count_node() { # node --test: "# pass N" / "# fail N"
  local p f
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}
stage() { # stage NAME COUNTER COMMAND...
  local name=$1 counter=$2; shift 2
  printf '\n\033[1m== %s\033[0m\n' "$name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  if [ "$counter" != none ]; then $counter; fi
  if [ "$rc" != 0 ]; then
    stages_failed+=("$name")
    # A stage that failed without a failing test (build error, lint) counts once.
    if ! grep -Eq '([1-9][0-9]* failed|^# fail [1-9])' "$log"; then failed=$((failed + 1)); fi
  fi
}

export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-60}

stage "format" none cargo fmt --all -- --check
stage "cldr tables (regenerated = checked in)" none node tools/gen-cldr.mjs --check
stage "clippy (native)" none cargo clippy --quiet --all-targets -- -D warnings
stage "clippy (wasm32)" none cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings
stage "native tests" count_cargo cargo test --quiet
stage "wasm tests (headless Chromium)" count_cargo cargo test --target wasm32-unknown-unknown --test web
stage "build" none tools/build.sh
stage "packages (make package, web-ext lint, tsc --strict on defuse-core)" count_node \
  bash -c 'tools/package.sh && node --test --test-concurrency=1 tests/package/'
stage "editor fixtures (esbuild)" none node tools/build-fixtures.mjs
stage "end-to-end tests (Chromium + dist/)" count_node node --test --test-concurrency=1 tests/e2e/

rm -f "$log"
echo
if [ ${#stages_failed[@]} -gt 0 ]; then
  echo "failed stages: ${stages_failed[*]}"
fi
echo "total: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#stages_failed[@]} = 0 ]
