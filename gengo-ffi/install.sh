#!/usr/bin/env bash
# Installs the C library, headers and a pkg-config file under PREFIX.
#   bash gengo-ffi/install.sh /usr/local            (builds the release library first)
#   bash gengo-ffi/install.sh /tmp/prefix debug      (uses the debug build as it is)
set -euo pipefail
prefix=${1:?usage: install.sh PREFIX [release|debug]}
profile=${2:-release}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "$profile" = release ]; then
  (cd "$root" && cargo build --release -p gengo-ffi)
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
# Where cargo put the library: CARGO_TARGET_DIR, a config's build.target-dir, or target/.
target_dir=$(cd "$root" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
mkdir -p "$prefix/lib/pkgconfig" "$prefix/include"
cp "$target_dir/$profile/libgengo.so" "$target_dir/$profile/libgengo.a" "$prefix/lib/"
cp "$root/include/gengo.h" "$root/include/gengo_guard.h" "$prefix/include/"
# The one pkg-config template (scripts/dist.sh fills it in too, relocatably).
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" "$root/gengo-ffi/gengo.pc.in" > "$prefix/lib/pkgconfig/gengo.pc"
echo "installed gengo $version under $prefix"
