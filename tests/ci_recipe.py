#!/usr/bin/env python3
"""Plays the CI recipe (examples/ci/gengo-sync.yml, a GitHub Actions workflow) against a
fresh `gengo sandbox` (Gengo's default rate limit, manual clock), every run in a fresh
`git clone` of a local "origin" repository, as GitHub's runners do: no .gengo/ cache ever
survives (the recipe's optional cache steps miss).

    GENGO_BIN=target/debug/gengo python3 tests/ci_recipe.py

The story, checked against the account's jobs after each step:
  1. `gengo sync init` writes the config in a clone; it is committed with the workflow.
  2. A push to main runs the `order` job: every string ordered, once per language.
  3. A day later another push (nothing changed) orders nothing.
  4. An edit is pushed and its `order` job runs twice at once (a retried run beside the
     first): each edited string is ordered once per language.
  5. Translators finish; the scheduled `pull` job approves, writes the targets and opens a
     pull request (a branch pushed to origin) holding every translation, and its status
     step passes.
Steps are run as written (`bash -e`, the job's env with the secrets filled in); `uses:`
steps are played by their meaning: checkout is the clone, a cache misses, and
create-pull-request commits the changed files to its branch and pushes it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / "examples/ci/gengo-sync.yml"
README_INSTALL = "cargo install --locked --git https://github.com/gengo-rs/gengo-rs"

EN_YML = "en:\n  hello: \"Hello %{name}\"\n  bye: Goodbye\n  cart:\n    empty: Your cart is empty\n"
EN_JSON = '{\n  "title": "My <b>shop</b>",\n  "items_one": "{{count}} item",\n  "items_other": "{{count}} items"\n}\n'
STRINGS = 6


def sh(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    return r


class Sandbox:
    def __init__(self, binary: Path) -> None:
        self.proc = subprocess.Popen([str(binary), "sandbox", "--addr", "127.0.0.1:0", "--json", "--clock", "manual"],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.info = json.loads(self.proc.stdout.readline())
        self.base = self.info["base_url"].rstrip("/")

    def control(self, method: str, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base}/_sandbox{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"{}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Recipe:
    def __init__(self, binary: Path, sandbox: Sandbox, origin: Path, work: Path) -> None:
        self.workflow = yaml.safe_load(WORKFLOW.read_text())
        self.binary = binary
        self.sandbox = sandbox
        self.origin = origin
        self.work = work
        self.runs = 0
        bindir = work / "bin"
        bindir.mkdir(exist_ok=True)
        (bindir / "gengo").symlink_to(binary)
        self.path = f"{bindir}{os.pathsep}{os.environ['PATH']}"

    def secrets(self) -> dict[str, str]:
        return {"GENGO_PUBLIC_KEY": self.sandbox.info["public_key"], "GENGO_PRIVATE_KEY": self.sandbox.info["private_key"]}

    def expand(self, value: str, env: dict[str, str]) -> str:
        def one(m: re.Match[str]) -> str:
            expr = m.group(1).strip()
            if expr.startswith("secrets."):
                return self.secrets()[expr[len("secrets."):]]
            if expr.startswith("env."):
                return env[expr[len("env."):]]
            raise SystemExit(f"the recipe uses an expression this player does not know: {expr}")
        return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))

    def run_job(self, event: str, job_name: str) -> str:
        """Runs one job of the workflow for `event` in a fresh clone; returns its log."""
        job = self.workflow["jobs"][job_name]
        cond = job.get("if", "")
        assert f"'{event}'" in cond or (event != "push" and "!= 'push'" in cond), f"{job_name} does not run on {event}: {cond}"
        self.runs += 1
        clone = self.work / f"run{self.runs}-{job_name}"
        env = dict(os.environ, PATH=self.path, GENGO_BASE_URL=self.sandbox.base,
                   GIT_AUTHOR_NAME="ci", GIT_AUTHOR_EMAIL="ci@example.com",
                   GIT_COMMITTER_NAME="ci", GIT_COMMITTER_EMAIL="ci@example.com")
        wf_env = {k: str(v) for k, v in (self.workflow.get("env") or {}).items()}
        for k, v in wf_env.items():
            env[k] = self.expand(v, wf_env)
        log = []
        outputs = self.work / f"run{self.runs}.out"
        for step in job["steps"]:
            name = step.get("name") or step.get("uses") or step.get("run", "")[:40]
            uses = step.get("uses", "")
            if uses.startswith("actions/checkout@"):
                sh(["git", "clone", "-q", "--branch", "main", str(self.origin), str(clone)], self.work, env)
                assert not (clone / ".gengo").exists()
            elif uses.startswith("actions/cache@"):
                pass  # a fresh runner: the cache misses
            elif name == "Install gengo":
                assert README_INSTALL in step["run"] and step["run"].rstrip().endswith("gengo-cli"), step["run"]
            elif uses.startswith("peter-evans/create-pull-request@"):
                branch = step["with"]["branch"]
                if sh(["git", "status", "--porcelain"], clone, env).stdout.strip():
                    sh(["git", "checkout", "-q", "-B", branch], clone, env)
                    sh(["git", "add", "-A"], clone, env)
                    sh(["git", "commit", "-q", "-m", step["with"]["commit-message"]], clone, env)
                    sh(["git", "push", "-q", "--force", "origin", branch], clone, env)
                    log.append(f"[{name}] pushed {branch}")
            elif "run" in step:
                env["GITHUB_OUTPUT"] = str(outputs)
                r = sh(["bash", "-e", "-c", self.expand(step["run"], wf_env)], clone, env, check=False)
                log.append(f"[{name}] exit {r.returncode}\n{r.stdout}{r.stderr}")
                if r.returncode != 0:
                    raise SystemExit(f"step {name!r} of {job_name} failed:\n" + "\n".join(log))
            else:
                raise SystemExit(f"a step this player does not know: {step}")
        return "\n".join(log)


def account_jobs(binary: Path, sandbox: Sandbox) -> dict[str, list[int]]:
    env = dict(os.environ, GENGO_BASE_URL=sandbox.base, GENGO_PUBLIC_KEY=sandbox.info["public_key"],
               GENGO_PRIVATE_KEY=sandbox.info["private_key"])
    listed = json.loads(sh([str(binary), "call", "list_jobs", '{"timestamp_after": 0}'], ROOT, env).stdout)
    ids = [int(j["job_id"]) for j in listed]
    by_marker: dict[str, list[int]] = {}
    for i in range(0, len(ids), 200):
        got = json.loads(sh([str(binary), "call", "get_jobs", json.dumps({"ids": ids[i:i + 200]})], ROOT, env).stdout)
        for j in (got["jobs"] if isinstance(got, dict) else got):
            by_marker.setdefault(j["custom_data"], []).append(int(j["job_id"]))
    return by_marker


def main() -> int:
    binary = Path(os.environ.get("GENGO_BIN", ROOT / "target/debug/gengo")).resolve()
    sandbox = Sandbox(binary)
    checks: dict[str, bool] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            origin = work / "origin.git"
            env = dict(os.environ, GIT_AUTHOR_NAME="dev", GIT_AUTHOR_EMAIL="dev@example.com",
                       GIT_COMMITTER_NAME="dev", GIT_COMMITTER_EMAIL="dev@example.com")
            sh(["git", "init", "-q", "--bare", "--initial-branch", "main", str(origin)], work, env)
            dev = work / "dev"
            sh(["git", "clone", "-q", str(origin), str(dev)], work, env)
            sh(["git", "checkout", "-q", "-B", "main"], dev, env)
            (dev / "config/locales").mkdir(parents=True)
            (dev / "web/locales").mkdir(parents=True)
            (dev / "config/locales/en.yml").write_text(EN_YML)
            (dev / "web/locales/en.json").write_text(EN_JSON)
            (dev / ".github/workflows").mkdir(parents=True)
            (dev / ".github/workflows/gengo-sync.yml").write_text(WORKFLOW.read_text())
            sh([str(binary), "sync", "init", "--target", "ja,fr"], dev, env)
            sh(["git", "add", "-A"], dev, env)
            sh(["git", "commit", "-q", "-m", "App with locales and the gengo sync workflow"], dev, env)
            sh(["git", "push", "-q", "origin", "main"], dev, env)

            recipe = Recipe(binary, sandbox, origin, work)
            print(recipe.run_job("push", "order"))
            jobs = account_jobs(binary, sandbox)
            checks["a push orders every string once per language"] = len(jobs) == STRINGS * 2 and all(len(v) == 1 for v in jobs.values())

            sandbox.control("POST", "/advance", {"seconds": 86400})
            print(recipe.run_job("push", "order"))
            checks["a day later, a fresh clone orders nothing"] = account_jobs(binary, sandbox) == jobs

            (dev / "config/locales/en.yml").write_text(EN_YML.replace("Goodbye", "See you soon").replace("empty: Your cart is empty", "empty: Nothing in your cart yet"))
            sh(["git", "commit", "-q", "-am", "Copy edits"], dev, env)
            sh(["git", "push", "-q", "origin", "main"], dev, env)
            logs: list[str] = []
            runs = [threading.Thread(target=lambda: logs.append(recipe.run_job("push", "order"))) for _ in range(2)]
            for t in runs:
                t.start()
            for t in runs:
                t.join()
            print("\n".join(logs))
            jobs = account_jobs(binary, sandbox)
            checks["two runs at once: each edited string once per language"] = (
                len(logs) == 2 and len(jobs) == (STRINGS + 2) * 2 and all(len(v) == 1 for v in jobs.values()))

            # Translators take the jobs and deliver (queue 10 s, pick-up 60 s, work 300 s).
            sandbox.control("POST", "/advance", {"seconds": 3600})
            log = recipe.run_job("schedule", "pull")
            print(log)
            checks["the scheduled pull opened a pull request"] = "pushed gengo-sync/translations" in log
            pr = work / "review"
            sh(["git", "clone", "-q", "--branch", "gengo-sync/translations", str(origin), str(pr)], work, env)
            for lang in ("ja", "fr"):
                yml = (pr / f"config/locales/{lang}.yml").read_text() if (pr / f"config/locales/{lang}.yml").exists() else ""
                js = (pr / f"web/locales/{lang}.json").read_text() if (pr / f"web/locales/{lang}.json").exists() else ""
                print(yml, js)
                checks[f"the pull request holds every {lang} translation"] = (
                    yml.startswith(f"{lang}:\n") and yml.count(f"[{lang}] ") == 3 and "%{name}" in yml
                    and js.count(f"[{lang}] ") == 3 and js.count("{{count}}") == 2)
            checks["nothing of .gengo/ was committed"] = not (pr / ".gengo").exists()
            final = account_jobs(binary, sandbox)
            checks["the account holds each string once per text and language"] = (
                len(final) == (STRINGS + 2) * 2 and all(len(v) == 1 for v in final.values()))
    finally:
        sandbox.stop()
    for k, ok in checks.items():
        print(("ok   " if ok else "FAIL ") + k)
    return 0 if checks and all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
