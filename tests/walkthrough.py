#!/usr/bin/env python3
"""Runs the README's `sh walkthrough` block (gengo sync) exactly as written, with bash -e,
in a fresh folder outside the repository, against a fresh `gengo sandbox --clock fast:1000`,
with the `gengo` binary on PATH and the sandbox's three variables exported.

    GENGO_BIN=target/debug/gengo python3 tests/walkthrough.py
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    blocks = re.findall(r"^```sh walkthrough\n(.*?)^```\n", (ROOT / "README.md").read_text(), re.S | re.M)
    assert len(blocks) == 1, f"expected one walkthrough block, found {len(blocks)}"
    binary = Path(os.environ.get("GENGO_BIN", ROOT / "target/debug/gengo")).resolve()
    sb = subprocess.Popen([str(binary), "sandbox", "--addr", "127.0.0.1:0", "--json", "--clock", "fast:1000", "--rate-limit", "off"],
                          stdout=subprocess.PIPE, text=True)
    try:
        assert sb.stdout is not None
        info = json.loads(sb.stdout.readline())
        env = dict(os.environ, GENGO_BASE_URL=info["base_url"], GENGO_PUBLIC_KEY=info["public_key"],
                   GENGO_PRIVATE_KEY=info["private_key"], PATH=f"{binary.parent}{os.pathsep}{os.environ['PATH']}")
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run(["bash", "-e", "-c", blocks[0]], cwd=tmp, env=env, capture_output=True, text=True, timeout=300)
            out = r.stdout + r.stderr
            print(out)
            checks = {
                "ran to the end": r.returncode == 0,
                "the dry run ordered nothing": "dry run: 4 jobs" in out,
                "push ordered 4 jobs": "ordered 4 jobs" in out,
                "the second push sent nothing": "nothing ordered" in out,
                "without .gengo/, push found the 4 jobs and ordered nothing": "4 jobs already at Gengo" in out
                and out.count("ordered 4 jobs") == 1,
                "pull approved and wrote 4": "approved  4" in out and "written   4 translations" in out,
                "ja.yml holds both translations": bool(re.search(r"^ja:\n  hello: .*%\{name\}.*\n  bye: ", out, re.M)),
            }
            failed = [k for k, ok in checks.items() if not ok]
            for k, ok in checks.items():
                print(("ok   " if ok else "FAIL ") + k)
            return 1 if failed else 0
    finally:
        sb.terminate()
        sb.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
