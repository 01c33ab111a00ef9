#!/usr/bin/env bash
# Tests the Python, Ruby and PHP packages of dist/ the way users meet them: each installed
# into a fresh folder outside the repository with its language's own tool (pip, gem,
# composer), nothing from the build tree on any path, then every example and README
# quickstart run against `gengo sandbox` (tests/readme_blocks.py), and PHP served through a
# web SAPI (php -S) under the stock ffi.enable=preload with the documented preload line.
#   bash tests/dist_packages.sh [--sdist]      (after bash scripts/dist.sh; --sdist also
#                                               builds and installs the sdist with pip)
# Leaves the Python virtual environment in target/dist-venv for the Python test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist="$root/dist"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
work=$(mktemp -d /tmp/gengo-dist-pkgs.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
unset GENGO_FFI_LIB GENGO_FFI_HEADER LD_LIBRARY_PATH PYTHONPATH RUBYLIB GEM_HOME GEM_PATH
cd "$work"

echo "--- Python: the manylinux abi3 wheel in a fresh virtual environment"
wheel=$(ls "$dist"/gengo_rs-"$version"-cp310-abi3-manylinux*_x86_64.whl)
case "$wheel" in *manylinux_2_17_x86_64*) echo "tag ok: $(basename "$wheel")" ;; *) echo "not a manylinux_2_17 wheel: $wheel"; exit 1 ;; esac
venv="$root/target/dist-venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "$wheel"
"$venv/bin/python" -c 'import gengo_rs, sys; f = gengo_rs.__file__; assert f.startswith(sys.argv[1]) and "site-packages" in f, f; print("gengo_rs", gengo_rs.__version__, "from", f)' "$venv/"
# The newest glibc symbol the extension needs must be within manylinux_2_17.
newest=$(objdump -T "$venv"/lib/python3*/site-packages/gengo_rs/_native*.so | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -n 1)
echo "newest glibc symbol: $newest"
[ "$(printf '%s\nGLIBC_2.17\n' "$newest" | sort -V | tail -n 1)" = "GLIBC_2.17" ] || { echo "needs $newest > 2.17"; exit 1; }
if [ "${1:-}" = "--sdist" ]; then
  echo "--- Python: the sdist, built by pip (needs Rust)"
  python3 -m venv "$work/sdist-venv"
  "$work/sdist-venv/bin/pip" install -q --disable-pip-version-check "$dist/gengo_rs-$version.tar.gz"
  "$work/sdist-venv/bin/python" -c 'import gengo_rs; print("sdist ok:", gengo_rs.__version__)'
fi

echo "--- Ruby: the platform gem, installed with gem into a fresh GEM_HOME"
gem_home="$work/gems"
system_gems=$(ruby -e 'puts Gem.path.join(":")')
GEM_HOME="$gem_home" GEM_PATH="$gem_home:$system_gems" gem install --local --no-document "$dist/gengo-rs-$version-x86_64-linux.gem"
GEM_HOME="$gem_home" GEM_PATH="$gem_home:$system_gems" ruby -e 'require "gengo_rs"; puts "gengo_rs #{GengoRs::Client.version} from #{GengoRs::Native.library_path}"' | tee ruby.out
grep -q "$gem_home" ruby.out || { echo "the gem did not load its bundled library"; exit 1; }

echo "--- PHP: the composer package, from an artifact repository"
mkdir -p artifacts php-app
cp "$dist/gengo-rs-php-$version.tar.gz" artifacts/
cat > php-app/composer.json <<JSON
{
    "repositories": [{"type": "artifact", "url": "$work/artifacts"}, {"packagist.org": false}],
    "require": {"gengo-rs/gengo-rs": "$version"}
}
JSON
(cd php-app && COMPOSER_HOME="$work/composer-home" composer install -q --no-interaction)
pkg="$work/php-app/vendor/gengo-rs/gengo-rs"
[ -f "$pkg/lib/libgengo.so" ] && [ -f "$pkg/preload.php" ] || { echo "the package lacks its library or preload.php"; exit 1; }

echo "--- the examples and README quickstarts, from the installed packages"
GENGO_BIN="$root/target/debug/gengo" python3 "$root/tests/readme_blocks.py" \
  --python "$venv/bin/python" --php-project "$work/php-app" --gem-home "$gem_home"

echo "--- PHP in a web SAPI (php -S): stock ffi.enable=preload, with and without the preload line"
"$root/target/debug/gengo" sandbox --addr 127.0.0.1:0 --clock manual --rate-limit off --json > sandbox.json &
pids+=($!)
for _ in $(seq 1 100); do [ -s sandbox.json ] && break; sleep 0.1; done
field() { python3 -c 'import json,sys; print(json.load(open("sandbox.json"))[sys.argv[1]])' "$1"; }
mkdir -p web
cat > web/index.php <<'PHP'
<?php
require __DIR__ . '/../php-app/vendor/autoload.php';
header('Content-Type: text/plain');
try {
    $gengo = new GengoRs\Client();
    echo 'languages: ', count($gengo->languages()), "\n";
} catch (GengoRs\Exception $e) {
    http_response_code(500);
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
PHP
as_user=()
addr=""
serve() { # LOG extra php -d flags...; sets addr to the server's address (runs as ${as_user[@]})
  local log=$1; shift
  GENGO_BASE_URL=$(field base_url) GENGO_PUBLIC_KEY=$(field public_key) GENGO_PRIVATE_KEY=$(field private_key) \
    "${as_user[@]}" php -d ffi.enable=preload "$@" -S 127.0.0.1:0 -t web > "$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do grep -q 'started' "$log" 2>/dev/null && break; sleep 0.1; done
  addr=$(sed -n 's/.*Development Server (http:\/\/\(127.0.0.1:[0-9]*\)) started.*/\1/p' "$log")
}
serve without.log
body=$(python3 -c 'import sys,urllib.request
try: print(urllib.request.urlopen("http://"+sys.argv[1]+"/").read().decode())
except Exception as e: print(e.read().decode() if hasattr(e,"read") else e)' "$addr")
echo "without preload: $body"
case "$body" in *preload.php*) ;; *) echo "expected the error to name preload.php"; exit 1 ;; esac
# 1. As root (php-fpm's usual master): ffi.preload with the header preload.php writes.
lines=()
while read -r l; do lines+=(-d "${l/preload_user=www-data/preload_user=root}"); done < <(php "$pkg/preload.php" | grep '^[a-z._]*=')
serve ffi-preload.log -d opcache.enable=1 "${lines[@]}"
body=$(python3 -c 'import sys,urllib.request; print(urllib.request.urlopen("http://"+sys.argv[1]+"/").read().decode())' "$addr")
echo "as root, with ${lines[*]}: $body"
case "$body" in "languages: "[1-9]*) ;; *) echo "the page failed"; cat ffi-preload.log; exit 1 ;; esac
# 2. As one unprivileged user: opcache.preload=preload.php (FFI::load with the scope).
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
rm -f "$pkg/include/gengo-rs-preload.h"
mkdir -p "$work/tmp"
chmod -R a+rX "$work" && chmod a+rwx "$work/tmp"
: > opcache-preload.log && chmod a+rw opcache-preload.log
serve opcache-preload.log -d opcache.enable=1 -d opcache.preload="$pkg/preload.php" -d sys_temp_dir="$work/tmp"
body=$(python3 -c 'import sys,urllib.request; print(urllib.request.urlopen("http://"+sys.argv[1]+"/").read().decode())' "$addr")
echo "with opcache.preload=preload.php (${as_user[*]:-as $(id -un)}): $body"
case "$body" in "languages: "[1-9]*) ;; *) echo "the page failed"; cat opcache-preload.log; exit 1 ;; esac
echo "dist packages ok"
