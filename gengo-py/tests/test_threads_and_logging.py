"""The GIL is released during network waits; logging is never configured at import and
never shows secrets."""

from __future__ import annotations

import http.server
import logging
import subprocess
import sys
import threading
import time

import pytest

import gengo_rs


class _Slow(http.server.BaseHTTPRequestHandler):
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def do_GET(self) -> None:
        with _Slow.lock:
            _Slow.in_flight += 1
            _Slow.peak = max(_Slow.peak, _Slow.in_flight)
        time.sleep(0.5)
        with _Slow.lock:
            _Slow.in_flight -= 1
        body = b'{"opstat":"ok","response":{"credits":"1.00","currency":"USD"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def slow_url():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_other_threads_run_while_a_call_waits(slow_url: str) -> None:
    # The slow server itself is Python: it could not answer if the call held the GIL.
    c = gengo_rs.Client("p", "s", base_url=slow_url, max_retries=0, from_env=False)
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    assert c.account_balance().currency == "USD"
    stop.set()
    t.join()
    # Held, the GIL would let the counter run once or twice in 0.5 s; released, hundreds of
    # times on a quiet machine and still dozens on a loaded one.
    assert ticks > 20, f"the counting thread only ran {ticks} times during a 0.5 s call"


def test_threads_sharing_a_client_overlap(slow_url: str) -> None:
    c = gengo_rs.Client("p", "s", base_url=slow_url, max_retries=0, rate_limit_per_minute=0, from_env=False)
    _Slow.peak = 0
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(str(c.account_balance().currency))) for _ in range(6)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    assert results == ["USD"] * 6
    # What the promise is about: the server had several of them at once. One after the
    # other they would take 3 s at least, however idle or busy the machine.
    assert _Slow.peak >= 2, f"at most {_Slow.peak} call at a time"
    assert elapsed < 3.0, f"six 0.5 s calls took {elapsed:.2f} s: they did not overlap"


def test_async_calls_overlap(slow_url: str) -> None:
    import asyncio

    async def main() -> list[str]:
        async with gengo_rs.AsyncClient("p", "s", base_url=slow_url, max_retries=0, rate_limit_per_minute=0, from_env=False) as c:
            balances = await asyncio.gather(*(c.account_balance() for _ in range(6)))
            return [str(b.currency) for b in balances]

    _Slow.peak = 0
    start = time.monotonic()
    assert asyncio.run(main()) == ["USD"] * 6
    elapsed = time.monotonic() - start
    assert _Slow.peak >= 2, f"at most {_Slow.peak} call at a time"
    assert elapsed < 3.0, f"six awaited 0.5 s calls took {elapsed:.2f} s: they did not overlap"


def test_async_client_mirrors_every_method() -> None:
    sync = {n for n in dir(gengo_rs.Client) if not n.startswith("_")}
    aio = {n for n in dir(gengo_rs.AsyncClient) if not n.startswith("_")}
    assert sync - {"close"} <= aio


def test_import_configures_no_logging() -> None:
    code = "import logging; before = list(logging.getLogger().handlers); import gengo_rs, gengo_rs.compat; " \
           "assert logging.getLogger().handlers == before, logging.getLogger().handlers; " \
           "assert logging.getLogger('gengo_rs').handlers == []; print('clean')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "clean"


def test_logs_go_to_gengo_rs_without_secrets(sandbox, caplog: pytest.LogCaptureFixture) -> None:
    c = gengo_rs.Client("sandbox_public_key", "sandbox_private_key", base_url=sandbox.url, from_env=False)
    with caplog.at_level(logging.DEBUG, logger="gengo_rs"):
        c.account_balance()
        from gengo_rs.compat import Gengo

        Gengo("sandbox_public_key", "sandbox_private_key", api_url=sandbox.url + "/{version}", debug=True).getAccountBalance()
    records = [r for r in caplog.records if r.name == "gengo_rs"]
    assert any("/v2/account/balance" in r.getMessage() for r in records), [r.getMessage() for r in records]
    text = "\n".join(r.getMessage() for r in records)
    assert "sandbox_private_key" not in text and "api_sig=" not in text.replace("api_sig=<redacted>", "")
