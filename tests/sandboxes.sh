# Sourced by .ci/run (and by hand): starts two gengo sandboxes on free loopback ports,
# exports their URLs, and records their pids in SANDBOX_PIDS; stop_sandboxes stops them.
#   GENGO_TEST_BASE_URL       fast clock (x1000), no throttling
#   GENGO_TEST_THROTTLED_URL  manual clock, 2 requests a minute
# Needs target/debug/gengo (cargo build -p gengo-cli).
_gengo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SANDBOX_PIDS=()
_start_sandbox() { # VAR args...
  local var=$1; shift
  local info; info=$(mktemp)
  "$_gengo_root/target/debug/gengo" sandbox --addr 127.0.0.1:0 --json "$@" > "$info" &
  SANDBOX_PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$info" ] && break; sleep 0.1; done
  printf -v "$var" '%s' "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['base_url'])" "$info")"
  rm -f "$info"
}
stop_sandboxes() {
  for p in "${SANDBOX_PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  SANDBOX_PIDS=()
  return 0
}
_start_sandbox GENGO_TEST_BASE_URL --clock fast:1000 --rate-limit off --seed-glossary
_start_sandbox GENGO_TEST_THROTTLED_URL --clock manual --rate-limit 2
export GENGO_TEST_BASE_URL GENGO_TEST_THROTTLED_URL
