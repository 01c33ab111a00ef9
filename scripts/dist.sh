#!/usr/bin/env bash
# Writes the distributable artifacts into dist/ (issue 11; done so far: the C tarball).
#
#   bash scripts/dist.sh
#
# dist/gengo-rs-VERSION-x86_64-unknown-linux-gnu.tar.gz holds:
#   bin/gengo                 the CLI (with `gengo sandbox`)
#   lib/libgengo.so.VERSION   the shared library, SONAME libgengo.so.ABI (gengo_abi_version()),
#   lib/libgengo.so.ABI       with the usual symlinks
#   lib/libgengo.so
#   lib/libgengo.a            the static library
#   lib/pkgconfig/gengo.pc    relocatable: prefix is where the tarball was unpacked
#   include/gengo.h, include/gengo_guard.h
#   examples/quickstart.c, LICENSE-MIT, LICENSE-APACHE, README.md
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
abi=$(sed -n 's/^pub const GENGO_ABI_VERSION: u32 = \([0-9]*\);/\1/p' gengo-ffi/src/lib.rs)
[ -n "$version" ] && [ -n "$abi" ] || { echo "cannot read the version or the ABI version"; exit 1; }
name="gengo-rs-$version-x86_64-unknown-linux-gnu"

cargo build --release -q -p gengo-cli
# The SONAME goes on the shared library of the tarball only (cargo rustc passes the flag to
# this crate's link alone); development builds keep a plain libgengo.so.
cargo rustc --release -q -p gengo-ffi --lib -- -C "link-arg=-Wl,-soname,libgengo.so.$abi"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/bin" "$root/lib/pkgconfig" "$root/include" "$root/examples"
cp target/release/gengo "$root/bin/"
cp target/release/libgengo.so "$root/lib/libgengo.so.$version"
ln -s "libgengo.so.$version" "$root/lib/libgengo.so.$abi"
ln -s "libgengo.so.$abi" "$root/lib/libgengo.so"
cp target/release/libgengo.a "$root/lib/"
cp include/gengo.h include/gengo_guard.h "$root/include/"
cp examples/c/quickstart.c "$root/examples/"
cp LICENSE-MIT LICENSE-APACHE "$root/"
cat > "$root/lib/pkgconfig/gengo.pc" <<PC
prefix=\${pcfiledir}/../..
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: gengo
Description: gengo-rs: a client for the Gengo Translate API (C ABI)
Version: $version
Libs: -L\${libdir} -lgengo
Libs.private: -lpthread -ldl -lm
Cflags: -I\${includedir}
PC
cat > "$root/README.md" <<README
# gengo-rs $version for C (x86_64 Linux, glibc)

    tar xzf $name.tar.gz
    export PKG_CONFIG_PATH=\$PWD/$name/lib/pkgconfig
    cc $name/examples/quickstart.c \$(pkg-config --cflags --libs gengo) -o quickstart
    LD_LIBRARY_PATH=\$PWD/$name/lib ./quickstart     # with GENGO_BASE_URL, GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY

\`bin/gengo sandbox\` runs a local Gengo to try it against (it prints the three variables).
The shared library's SONAME is libgengo.so.$abi (the ABI version, \`gengo_abi_version()\`).
Installed under a system prefix instead (for example /usr/local: copy bin, lib and include
there), run \`ldconfig\` once so the loader finds libgengo.so.$abi. Static linking:
\`pkg-config --static --libs gengo\` with lib/libgengo.a. The header is plain C (C and C++:
include gengo_guard.h). Licensed MIT OR Apache-2.0.
README
mkdir -p dist
tar czf "dist/$name.tar.gz" -C "$stage" "$name"
echo "dist/$name.tar.gz"
