#!/usr/bin/env bash
# gengo sync at scale: N strings (default 100,000) in one i18next JSON file, 3 target
# languages, pushed to a local `gengo sandbox` (manual clock, rate limit off), then pushed
# again (nothing to order), then pushed from a fresh checkout (no .gengo/: every job of the
# account is read, nothing is ordered). Prints wall time, peak memory (GNU time) and the
# requests each push sent, and what the fresh checkout would take at Gengo's 150 a minute.
#   bash scripts/bench_sync.sh [N]
set -euo pipefail
n=${1:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release -q -p gengo-cli --manifest-path "$root/Cargo.toml"
target_dir=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
gengo="$target_dir/release/gengo"
work=$(mktemp -d /tmp/gengo-sync-bench.XXXXXX)
sbpid=""
cleanup() { [ -n "$sbpid" ] && kill "$sbpid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
"$gengo" sandbox --addr 127.0.0.1:0 --clock manual --rate-limit off --json > sandbox.json &
sbpid=$!
for _ in $(seq 1 100); do [ -s sandbox.json ] && break; sleep 0.1; done
field() { python3 -c 'import json,sys; print(json.load(open("sandbox.json"))[sys.argv[1]])' "$1"; }
export GENGO_BASE_URL=$(field base_url) GENGO_PUBLIC_KEY=$(field public_key) GENGO_PRIVATE_KEY=$(field private_key)
# Enough credits for every job (the demo account starts with 1,000).
curl -sf -X POST -H 'Content-Type: application/json' -d '{"amount": "10000000"}' \
  "$GENGO_BASE_URL/_sandbox/accounts/$GENGO_PUBLIC_KEY/credits" > /dev/null
python3 - "$n" <<'PY'
import json, sys
n = int(sys.argv[1])
strings = {f"screen{i // 100}": {f"label{i % 100}": f"Label number {i} for {{{{name}}}}" for i in range(i0, min(i0 + 100, n))} for i0 in range(0, n, 100) for i in [i0]}
json.dump(strings, open("en.json", "w"), indent=2)
PY
cat > gengo-sync.toml <<'TOML'
source_language = "en"
target_languages = ["ja", "fr", "de"]
tier = "standard"
jobs_per_order = 200

[[files]]
source = "en.json"
target = "{lang}.json"
TOML
have_time=$(command -v /usr/bin/time || true)
run() {
  if [ -n "$have_time" ]; then
    /usr/bin/time -f "  wall %e s, peak RSS %M KB" "$gengo" --timeout 600 --client-rate-limit off sync push
  else
    local t0=$(date +%s.%N); "$gengo" --timeout 600 --client-rate-limit off sync push; echo "  wall $(echo "$(date +%s.%N) - $t0" | bc) s"
  fi
}
requests() { curl -sf "$GENGO_BASE_URL/_sandbox" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sandbox"]["requests"])'; }
jobs() { curl -sf "$GENGO_BASE_URL/_sandbox" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sandbox"]["jobs"])'; }
measure() {
  local before after
  before=$(requests)
  run
  after=$(requests)
  echo "  requests $((after - before)), jobs on the account $(jobs)"
}
echo "push of $n strings x 3 languages:"
measure
echo "push again (nothing to order):"
measure
echo "cache: $(du -h .gengo/sync.db | cut -f1)"
rm -rf .gengo
echo "push from a fresh checkout (no .gengo/: reads the account, orders nothing):"
before=$(requests)
measure
after=$(requests)
echo "  at Gengo's 150 requests a minute: $(( (after - before + 149) / 150 )) minutes of requests"
