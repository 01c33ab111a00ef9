#!/usr/bin/env python3
"""Runs every README quickstart block and every example exactly as written, against a fresh
`gengo sandbox`, with the packages installed outside the repository.

A block is a fenced code block whose info string is `LANG quickstart` (GitHub shows it as
LANG). Each block must equal its example file (the one source both come from):

    rust    gengo-core/examples/quickstart.rs, between `quickstart:start` and `:end`
    python  examples/python/quickstart.py
    php     examples/php/quickstart.php (less its `<?php` line)
    ruby    examples/ruby/quickstart.rb

and each example is run with the environment a user would set (GENGO_BASE_URL,
GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY) from a folder outside the repository:

    python3 tests/readme_blocks.py --python VENV/bin/python --php-project DIR --gem-home DIR
    python3 tests/readme_blocks.py --fix      # rewrites the README blocks from the examples

--python is a Python with the gengo-rs wheel installed, --php-project a composer project
that required gengo-rs/gengo-rs (the example is copied next to its vendor/), --gem-home
where the gengo-rs gem was installed (`gem install --install-dir`). The C example runs in
tests/dist_c.sh against the tarball.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READMES = ["README.md", "gengo-py/README.md", "gengo-ffi/php/README.md", "gengo-ffi/ruby/README.md"]
EXAMPLES = {
    "rust": ROOT / "gengo-core/examples/quickstart.rs",
    "python": ROOT / "examples/python/quickstart.py",
    "php": ROOT / "examples/php/quickstart.php",
    "ruby": ROOT / "examples/ruby/quickstart.rb",
}
BLOCK = re.compile(r"^```(\w+) quickstart\n(.*?)^```\n", re.S | re.M)


def block_text(lang: str) -> str:
    """What the README block of `lang` must say: its example, as a user would paste it."""
    text = EXAMPLES[lang].read_text()
    if lang == "rust":
        body = text.split("// quickstart:start\n", 1)[1].split("    // quickstart:end", 1)[0]
        return "".join(line[4:] if line.startswith("    ") else line for line in body.splitlines(True)).rstrip() + "\n"
    if lang == "php":
        return text.removeprefix("<?php\n")
    return text


def blocks() -> list[tuple[str, str, str]]:
    out = []
    for rel in READMES:
        for m in BLOCK.finditer((ROOT / rel).read_text()):
            out.append((rel, m.group(1), m.group(2)))
    return out


def fix() -> int:
    for rel in READMES:
        path = ROOT / rel
        text = path.read_text()
        new = BLOCK.sub(lambda m: f"```{m.group(1)} quickstart\n{block_text(m.group(1))}```\n", text)
        if new != text:
            path.write_text(new)
            print(f"rewrote {rel}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--php-project")
    ap.add_argument("--gem-home")
    ap.add_argument("--fix", action="store_true")
    args = ap.parse_args()
    if args.fix:
        return fix()

    found = blocks()
    langs = sorted({lang for _, lang, _ in found})
    assert langs == sorted(EXAMPLES), f"quickstart blocks found: {langs}"
    failed = 0
    for rel, lang, code in found:
        if code != block_text(lang):
            print(f"FAIL {rel} ({lang} quickstart): differs from {EXAMPLES[lang].relative_to(ROOT)} (run tests/readme_blocks.py --fix)")
            failed += 1

    binary = os.environ.get("GENGO_BIN", str(ROOT / "target/debug/gengo"))
    sb = subprocess.Popen([binary, "sandbox", "--addr", "127.0.0.1:0", "--json", "--clock", "fast:1000", "--rate-limit", "off"],
                          stdout=subprocess.PIPE, text=True)
    try:
        assert sb.stdout is not None
        info = json.loads(sb.stdout.readline())
        env = dict(os.environ, GENGO_BASE_URL=info["base_url"], GENGO_PUBLIC_KEY=info["public_key"], GENGO_PRIVATE_KEY=info["private_key"])
        # Nothing from the build tree on any path: the installed packages only.
        for var in ("GENGO_FFI_LIB", "GENGO_FFI_HEADER", "PYTHONPATH", "RUBYLIB", "LD_LIBRARY_PATH"):
            env.pop(var, None)
        with tempfile.TemporaryDirectory() as tmp:
            for lang, example in EXAMPLES.items():
                cwd = tmp
                if lang == "rust":
                    cmd, cwd = ["cargo", "run", "-q", "-p", "gengo-core", "--example", "quickstart"], str(ROOT)
                elif lang == "python":
                    cmd = [os.path.abspath(args.python), str(example)]
                elif lang == "php":
                    if not args.php_project:
                        print("FAIL php example: --php-project not given")
                        failed += 1
                        continue
                    script = Path(args.php_project, "quickstart.php")
                    shutil.copy(example, script)
                    cmd, cwd = ["php", str(script)], args.php_project   # stock FFI settings of the CLI
                else:
                    if not args.gem_home:
                        print("FAIL ruby example: --gem-home not given")
                        failed += 1
                        continue
                    env["GEM_HOME"] = args.gem_home
                    env["GEM_PATH"] = os.pathsep.join([args.gem_home, *gem_paths()])
                    cmd = ["ruby", str(example)]
                r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
                out = r.stdout + r.stderr
                # Each example orders, waits, approves and prints what it approved.
                ok = r.returncode == 0 and "Exception" not in out and "Error" not in out and re.search(r"\[\d+|\b\d{4}\b", out)
                print(("ok  " if ok else "FAIL") + f" {example.relative_to(ROOT)} (and its README blocks)")
                if not ok:
                    print(out)
                    failed += 1
    finally:
        sb.terminate()
        sb.wait(timeout=10)
    print(f"{len(EXAMPLES) + len(found) - failed} checks passed, {failed} failed")
    return 1 if failed else 0


def gem_paths() -> list[str]:
    """The system's gem paths (where Debian's ruby-ffi lives), for GEM_PATH."""
    out = subprocess.run(["ruby", "-e", "puts Gem.path"], capture_output=True, text=True, check=True, env={"PATH": os.environ["PATH"]})
    return out.stdout.split()


if __name__ == "__main__":
    sys.exit(main())
