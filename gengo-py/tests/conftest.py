"""Fixtures: `gengo sandbox` processes on loopback (stopped after the session), and
clients on the demo account."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import threading
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

import gengo_rs

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"public_key": "sandbox_public_key", "private_key": "sandbox_private_key"}


class Sandbox:
    def __init__(self, *args: str) -> None:
        binary = os.environ.get("GENGO_BIN", str(ROOT / "target" / "debug" / "gengo"))
        self.proc = subprocess.Popen([binary, "sandbox", "--addr", "127.0.0.1:0", "--json", *args], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.url: str = json.loads(self.proc.stdout.readline())["base_url"]

    def control(self, method: str, path: str, body: Dict[str, Any] | None = None) -> Any:
        req = urllib.request.Request(self.url + path, method=method, data=json.dumps(body or {}).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)

    def advance(self, seconds: float) -> None:
        self.control("POST", "/_sandbox/advance", {"seconds": seconds})

    def force(self, job_id: int, status: str) -> None:
        self.control("POST", f"/_sandbox/jobs/{job_id}/status", {"status": status})

    def requests(self) -> int:
        return int(self.control("GET", "/_sandbox")["sandbox"]["requests"])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    sb = Sandbox("--clock", "manual", "--rate-limit", "off", "--seed-glossary")
    yield sb
    sb.stop()


@pytest.fixture(scope="session")
def throttled() -> Iterator[Sandbox]:
    sb = Sandbox("--clock", "manual", "--rate-limit", "2")
    yield sb
    sb.stop()


@pytest.fixture()
def client(sandbox: Sandbox) -> Iterator[gengo_rs.Client]:
    with gengo_rs.Client(**KEYS, base_url=sandbox.url, max_retries=0, rate_limit_per_minute=0, from_env=False) as c:
        yield c


@pytest.fixture()
def unique() -> str:
    """A text fragment unique to this test run (the sandbox remembers approved texts)."""
    import time

    return f"{os.getpid()}-{time.time_ns()}"


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        _Recorder.seen.append((self.command, self.path, self.rfile.read(length)))
        body = self.server.body  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args: object) -> None:
        pass


class Recorder:
    """A loopback server that records every request (method, path, body) and answers
    each with ``body``."""

    def __init__(self, body: bytes) -> None:
        _Recorder.seen = []
        self.seen = _Recorder.seen
        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
        self.srv.body = body  # type: ignore[attr-defined]
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}/{{version}}"

    def stop(self) -> None:
        self.srv.shutdown()
        self.srv.server_close()


@pytest.fixture()
def recorder() -> Iterator[Recorder]:
    r = Recorder(b'{"opstat":"ok","response":[]}')
    yield r
    r.stop()


@pytest.fixture()
def order_recorder() -> Iterator[Recorder]:
    r = Recorder(b'{"opstat":"ok","response":{"order_id":"7","job_count":2,"credits_used":"1.50","currency":"USD"}}')
    yield r
    r.stop()
