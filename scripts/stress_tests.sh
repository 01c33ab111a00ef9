#!/usr/bin/env bash
# The whole workspace's tests N times (default 10) while `stress --cpu 2` keeps both cores
# of the machine busy: a test that asserts wall time must hold there (docs/HARDENING.md
# records the result). Installs stress from Debian when it is missing.
#   bash scripts/stress_tests.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10}
if ! command -v stress >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress >/dev/null
fi
cargo test --workspace --no-run -q
stress --cpu "$(nproc)" > /dev/null &
stress_pid=$!
trap 'kill "$stress_pid" 2>/dev/null || true' EXIT
logs=$(mktemp -d /tmp/gengo-stress.XXXXXX)
failed=0
for i in $(seq 1 "$n"); do
  started=$(date +%s)
  if cargo test --workspace -q > "$logs/run$i.log" 2>&1; then
    echo "run $i: passed in $(( $(date +%s) - started )) s ($(grep -c '^test result: ok' "$logs/run$i.log") suites)"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED in $(( $(date +%s) - started )) s; log: $logs/run$i.log"
    grep -E '^(test .* FAILED|---- |thread .* panicked)' "$logs/run$i.log" | head -20
  fi
done
echo "$((n - failed)) of $n runs passed under stress --cpu $(nproc)"
[ "$failed" -eq 0 ]
