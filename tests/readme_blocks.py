#!/usr/bin/env python3
"""Runs every README quickstart block exactly as written, against a fresh `gengo sandbox`.

A block is a fenced code block whose info string is `LANG quickstart` (GitHub shows it as
LANG). Rust blocks must equal the body of gengo-core/examples/quickstart.rs between its
`quickstart:start`/`:end` markers, and the example is run; Python, PHP and Ruby blocks are
written to files and run with the environment a user would set (GENGO_BASE_URL,
GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY), from the repository root.

    python3 tests/readme_blocks.py --python PATH_TO_PYTHON_WITH_GENGO_RS [--fix-rust]

`--fix-rust` rewrites the README's Rust block from the example (after `cargo fmt`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READMES = ["README.md", "gengo-py/README.md", "gengo-ffi/php/README.md", "gengo-ffi/ruby/README.md"]
EXAMPLE = ROOT / "gengo-core/examples/quickstart.rs"
BLOCK = re.compile(r"^```(\w+) quickstart\n(.*?)^```\n", re.S | re.M)


def rust_body() -> str:
    text = EXAMPLE.read_text()
    body = text.split("// quickstart:start\n", 1)[1].split("    // quickstart:end", 1)[0]
    return "".join(line[4:] if line.startswith("    ") else line for line in body.splitlines(True)).rstrip() + "\n"


def blocks() -> list[tuple[str, str, str]]:
    out = []
    for rel in READMES:
        for m in BLOCK.finditer((ROOT / rel).read_text()):
            out.append((rel, m.group(1), m.group(2)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--fix-rust", action="store_true")
    args = ap.parse_args()
    if args.fix_rust:
        readme = ROOT / "README.md"
        text = readme.read_text()
        new = re.sub(r"^```rust quickstart\n.*?^```\n", lambda _: "```rust quickstart\n" + rust_body() + "```\n", text, count=1, flags=re.S | re.M)
        readme.write_text(new)
        return 0

    found = blocks()
    langs = sorted({lang for _, lang, _ in found})
    assert langs == ["php", "python", "ruby", "rust"], f"quickstart blocks found: {langs}"
    binary = os.environ.get("GENGO_BIN", str(ROOT / "target/debug/gengo"))
    sb = subprocess.Popen([binary, "sandbox", "--addr", "127.0.0.1:0", "--json", "--clock", "fast:1000", "--rate-limit", "off"],
                          stdout=subprocess.PIPE, text=True)
    failed = 0
    try:
        assert sb.stdout is not None
        info = json.loads(sb.stdout.readline())
        env = dict(os.environ, GENGO_BASE_URL=info["base_url"], GENGO_PUBLIC_KEY=info["public_key"], GENGO_PRIVATE_KEY=info["private_key"])
        with tempfile.TemporaryDirectory() as tmp:
            for i, (rel, lang, code) in enumerate(found):
                where = f"{rel} ({lang} quickstart)"
                if lang == "rust":
                    if code != rust_body():
                        print(f"FAIL {where}: differs from gengo-core/examples/quickstart.rs (run tests/readme_blocks.py --fix-rust)")
                        failed += 1
                        continue
                    cmd = ["cargo", "run", "-q", "-p", "gengo-core", "--example", "quickstart"]
                elif lang == "python":
                    path = Path(tmp, f"block{i}.py")
                    path.write_text(code)
                    # Run from a folder outside the repository: the installed wheel, not the source tree.
                    cmd = [os.path.abspath(args.python), str(path)]
                elif lang == "php":
                    path = Path(tmp, f"block{i}.php")
                    path.write_text("<?php\n" + code)
                    cmd = ["php", "-d", "ffi.enable=1", str(path)]
                else:
                    path = Path(tmp, f"block{i}.rb")
                    path.write_text(code)
                    cmd = ["ruby", "-Igengo-ffi/ruby/lib", str(path)]
                cwd = tmp if lang == "python" else ROOT
                r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
                out = r.stdout + r.stderr
                # Each block orders, waits, approves and prints what it approved.
                ok = r.returncode == 0 and "Exception" not in out and "Error" not in out and re.search(r"\[\d+|\b\d{4}\b", out)
                print(("ok  " if ok else "FAIL") + f" {where}")
                if not ok:
                    print(out)
                    failed += 1
    finally:
        sb.terminate()
        sb.wait(timeout=10)
    print(f"{len(found) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
