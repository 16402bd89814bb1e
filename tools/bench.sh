#!/usr/bin/env bash
# `make bench`: the figures of DESIGN.md's budget table, each against its
# budget, then the coach's precision and recall per rule on the tuning split
# beside the held-out test split (never used to tune), and coach time on 1 MB
# divided by 100 KB. Speed figures are medians of many runs, compared with a
# baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/package.sh >/dev/null
node tools/bench.mjs
if [ -f examples/coach_eval.rs ]; then
  echo
  echo "coach quality over tests/data/coach: tuning split (corpus.json + tune.json) beside"
  echo "the TEST split (test.json: held out, written before tuning, never used to tune):"
  cargo run --quiet --release --example coach_eval
fi
if [ -f examples/signal_eval.rs ]; then
  echo
  echo "escalation signal over tests/data/signal (tune split beside the held-out test split):"
  cargo run --quiet --release --example signal_eval
fi
echo
echo "locale accuracy (Intl-formatted money and dates read back, per locale):"
cargo run --quiet --release --example locale_eval
