#!/usr/bin/env bash
# Runs the fuzz targets with libFuzzer (cargo-fuzz), overflow checks and debug
# assertions on, seeded from the published fixtures and every past crash.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET ...]     # default: 30 s each, every target
#   bash scripts/fuzz.sh 3600 decode                 # the long run of one target
#
# Targets: decode callback wire ffi sandbox formats (see fuzz/src/lib.rs). A crash stops the run
# with a non-zero exit; its input is in fuzz/libfuzzer/artifacts/<target>/. Keep it:
# copy it into fuzz/regressions/<target>/ so `cargo test` replays it from then on.
# Stable Rust: cargo-fuzz needs no nightly feature with `--sanitizer none` (the
# coverage instrumentation is a stable codegen option).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode callback wire ffi sandbox formats)

if ! cargo fuzz --version 2>/dev/null | grep -q "0.13.2"; then
  cargo install cargo-fuzz --version 0.13.2 --locked --quiet
fi

corpus=target/fuzz-corpus
cargo run -q -p gengo-fuzz --bin gengo-fuzz-seeds -- "$corpus"
flags=(--fuzz-dir fuzz/libfuzzer -O -a --sanitizer none)
cargo fuzz build "${flags[@]}"
for t in "${targets[@]}"; do
  echo "=== fuzz $t for ${secs}s"
  log=$(mktemp)
  if ! cargo fuzz run "${flags[@]}" "$t" "$corpus/$t" -- \
      -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $t failed: see fuzz/libfuzzer/artifacts/$t/"
    exit 1
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  echo "$t: $runs runs in ${secs}s, no crash"
  rm -f "$log"
done
