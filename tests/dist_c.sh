#!/usr/bin/env bash
# Tests the C tarball the way a C user meets it: unpacked in a fresh folder outside the
# repository, found by pkg-config, its quickstart compiled (shared and static) and run
# against the tarball's own `gengo sandbox`. Nothing from the build tree is on any path.
#   bash tests/dist_c.sh dist/gengo-rs-VERSION-x86_64-unknown-linux-gnu.tar.gz
set -euo pipefail
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d /tmp/gengo-dist-c.XXXXXX)
sbpid=""
cleanup() { [ -n "$sbpid" ] && kill "$sbpid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
tar xzf "$tarball"
pkg=$(basename "$tarball" .tar.gz)
lib="$work/$pkg/lib"
abi=$(readelf -d "$lib/libgengo.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ -n "$abi" ] && [ -e "$lib/$abi" ] || { echo "no SONAME, or no $abi link"; exit 1; }
echo "SONAME $abi"
export PKG_CONFIG_PATH="$work/$pkg/lib/pkgconfig"
unset GENGO_FFI_LIB GENGO_FFI_HEADER LD_LIBRARY_PATH
cc -std=c11 -Wall -Wextra -Werror "$pkg/examples/quickstart.c" $(pkg-config --cflags --libs gengo) -o quickstart
cc -std=c11 -Wall -Wextra -Werror "$pkg/examples/quickstart.c" $(pkg-config --cflags gengo) "$lib/libgengo.a" $(pkg-config --static --libs-only-l gengo | sed 's/-lgengo//') -o quickstart_static
start_sandbox() {
  [ -n "$sbpid" ] && kill "$sbpid" 2>/dev/null
  rm -f sandbox.json
  "$pkg/bin/gengo" sandbox --addr 127.0.0.1:0 --clock fast:1000 --rate-limit off --json > sandbox.json &
  sbpid=$!
  for _ in $(seq 1 100); do [ -s sandbox.json ] && break; sleep 0.1; done
  field() { python3 -c 'import json,sys; print(json.load(open("sandbox.json"))[sys.argv[1]])' "$1"; }
  export GENGO_BASE_URL=$(field base_url) GENGO_PUBLIC_KEY=$(field public_key) GENGO_PRIVATE_KEY=$(field private_key)
}
# Each program orders on a fresh sandbox (the same text twice would be a duplicate there).
start_sandbox
LD_LIBRARY_PATH="$lib" ./quickstart | tee shared.out
start_sandbox
./quickstart_static | tee static.out
grep -q "approved" shared.out && grep -q "approved" static.out
LD_LIBRARY_PATH="$lib" ldd quickstart | grep -q "$abi => $lib/$abi"
if ldd quickstart_static | grep -q libgengo; then echo "the static build links libgengo.so"; exit 1; fi
echo "2 passed, 0 failed"
