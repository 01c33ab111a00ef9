#!/usr/bin/env bash
# Writes every distributable artifact into dist/:
#
#   bash scripts/dist.sh          # needs Rust, Python 3 with pip (PyPI), ruby and gem
#
#   gengo_rs-VERSION-cp310-abi3-manylinux_2_17_x86_64.whl   Python wheel (maturin + zig from PyPI,
#   gengo_rs-VERSION.tar.gz                                  glibc 2.17 and later) and sdist
#   gengo-rs-VERSION-x86_64-linux.gem                        Ruby platform gem, libgengo bundled
#   gengo-rs-php-VERSION.tar.gz                              composer package, libgengo bundled
#   gengo-rs-VERSION-x86_64-unknown-linux-gnu.tar.gz         C: library, header, CLI
#
# tests/dist_packages.sh installs each outside the repository and runs the examples.
#
# The C tarball holds:
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
# Where cargo puts what it builds: CARGO_TARGET_DIR, a config's build.target-dir, or target/.
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
release="$target_dir/release"

cargo build --release -q -p gengo-cli
# The SONAME goes on the shared library of the tarball only (cargo rustc passes the flag to
# this crate's link alone); development builds keep a plain libgengo.so.
cargo rustc --release -q -p gengo-ffi --lib -- -C "link-arg=-Wl,-soname,libgengo.so.$abi"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/bin" "$root/lib/pkgconfig" "$root/include" "$root/examples"
cp "$release/gengo" "$root/bin/"
cp "$release/libgengo.so" "$root/lib/libgengo.so.$version"
ln -s "libgengo.so.$version" "$root/lib/libgengo.so.$abi"
ln -s "libgengo.so.$abi" "$root/lib/libgengo.so"
cp "$release/libgengo.a" "$root/lib/"
cp include/gengo.h include/gengo_guard.h "$root/include/"
cp examples/c/quickstart.c "$root/examples/"
cp LICENSE-MIT LICENSE-APACHE "$root/"
sed -e 's|@PREFIX@|${pcfiledir}/../..|' -e "s|@VERSION@|$version|" gengo-ffi/gengo.pc.in > "$root/lib/pkgconfig/gengo.pc"
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
rm -f dist/*
tar czf "dist/$name.tar.gz" -C "$stage" "$name"

# Python: an abi3 wheel for glibc 2.17 and later (manylinux2014), linked by zig, and an sdist.
tools="$target_dir/dist-tools"
[ -x "$tools/bin/maturin" ] || python3 -m venv "$tools"
"$tools/bin/pip" install -q --disable-pip-version-check "maturin>=1.9,<2" "ziglang>=0.13,<0.18"
PATH="$tools/bin:$PATH" CARGO_TARGET_DIR="$target_dir/zig" \
  "$tools/bin/maturin" build --release --zig --compatibility manylinux2014 -m gengo-py/Cargo.toml -o dist
"$tools/bin/maturin" sdist -m gengo-py/Cargo.toml -o dist

# Ruby: the x86_64-linux platform gem with libgengo.so inside (lib/gengo_rs/libgengo.so).
gem_stage="$stage/gem"
mkdir -p "$gem_stage/lib/gengo_rs"
cp gengo-ffi/ruby/lib/gengo_rs.rb "$gem_stage/lib/"
cp gengo-ffi/ruby/gengo-rs.gemspec gengo-ffi/ruby/README.md LICENSE-MIT LICENSE-APACHE "$gem_stage/"
cp "$release/libgengo.so" "$gem_stage/lib/gengo_rs/libgengo.so"
(cd "$gem_stage" && GENGO_RS_VERSION="$version" GENGO_RS_PLATFORM=x86_64-linux gem build -q gengo-rs.gemspec -o "$OLDPWD/dist/gengo-rs-$version-x86_64-linux.gem" >/dev/null)

# PHP: a composer package (composer.json at its root, the library and header bundled).
php_name="gengo-rs-php-$version"
php_root="$stage/$php_name"
mkdir -p "$php_root/lib" "$php_root/include"
cp -r gengo-ffi/php/src gengo-ffi/php/preload.php gengo-ffi/php/autoload.php gengo-ffi/php/README.md LICENSE-MIT LICENSE-APACHE "$php_root/"
cp "$release/libgengo.so" "$php_root/lib/"
cp include/gengo.h "$php_root/include/"
python3 - "$version" composer.json "$php_root/composer.json" <<'PY'
import json, sys
version, src, dst = sys.argv[1:]
c = json.load(open(src))
c["version"] = version
c["autoload"] = {k: (({ns: p.replace("gengo-ffi/php/", "") for ns, p in v.items()}) if isinstance(v, dict) else [p.replace("gengo-ffi/php/", "") for p in v]) for k, v in c["autoload"].items()}
json.dump(c, open(dst, "w"), indent=4)
PY
tar czf "dist/$php_name.tar.gz" -C "$stage" "$php_name"

ls -1 dist
