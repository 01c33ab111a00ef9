#!/usr/bin/env bash
# Installs the C library, headers and a pkg-config file under PREFIX.
#   bash gengo-ffi/install.sh /usr/local            (builds the release library first)
#   bash gengo-ffi/install.sh /tmp/prefix debug      (uses target/debug as built)
set -euo pipefail
prefix=${1:?usage: install.sh PREFIX [release|debug]}
profile=${2:-release}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "$profile" = release ]; then
  (cd "$root" && cargo build --release -p gengo-ffi)
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
mkdir -p "$prefix/lib/pkgconfig" "$prefix/include"
cp "$root/target/$profile/libgengo.so" "$root/target/$profile/libgengo.a" "$prefix/lib/"
cp "$root/include/gengo.h" "$root/include/gengo_guard.h" "$prefix/include/"
# The one pkg-config template (scripts/dist.sh fills it in too, relocatably).
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" "$root/gengo-ffi/gengo.pc.in" > "$prefix/lib/pkgconfig/gengo.pc"
echo "installed gengo $version under $prefix"
