#!/usr/bin/env python3
"""gengo_rs beside the official ``gengo`` client and a bare-HTTP floor, on loopback.

Starts ``gengo sandbox`` (manual clock, rate limit off), orders one job, then:

- P1: ``get_job`` sequentially, N calls per round: gengo_rs typed (``Client.get_job``),
  gengo_rs compat (``compat.Gengo.getTranslationJob``), the official ``gengo`` package (when
  installed), and the floor: ``http.client`` on one keep-alive connection sending the same
  signed GET and ``json.loads``-ing the body.
- P4: ``get_job`` against a server that answers after 50 ms: 8 and 64 threads sharing one
  gengo_rs client, and ``AsyncClient`` with 64 concurrent awaits, against one thread (the
  ideals are 8x and 64x).

Contenders run interleaved, rounds rotate their order; the table gives the median and the
minimum per call and the ratio of medians to the official client and to the floor.

    GENGO_BIN=target/release/gengo python gengo-py/bench/bench.py [--calls N] [--rounds R]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from typing import Callable, Dict, List

import gengo_rs
from gengo_rs import _native, compat

try:
    from gengo import Gengo as OfficialGengo  # the official client, if installed
except ImportError:  # pragma: no cover - optional
    OfficialGengo = None


SLOW_SERVER = """
import http.server, sys, time
body = sys.argv[1].encode()
class Slow(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    def do_GET(self):
        time.sleep(0.05)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128
s = Server(("127.0.0.1", 0), Slow)
print(s.server_address[1], flush=True)
s.serve_forever()
"""


def start_sandbox(binary: str) -> tuple[subprocess.Popen[str], dict]:
    p = subprocess.Popen([binary, "sandbox", "--addr", "127.0.0.1:0", "--json", "--clock", "manual", "--rate-limit", "off"],
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None
    return p, json.loads(p.stdout.readline())


def per_call(n: int, f: Callable[[], object]) -> float:
    t = time.perf_counter()
    for _ in range(n):
        f()
    return (time.perf_counter() - t) / n


def table(title: str, results: Dict[str, List[float]], against: List[str]) -> None:
    print(f"\n{title}")
    med = {k: statistics.median(v) for k, v in results.items()}
    head = f"{'contender':<40} {'median µs':>10} {'min µs':>10}" + "".join(f" {'x ' + a[:14]:>17}" for a in against)
    print(head)
    for k, v in results.items():
        ratios = "".join(f" {med[a] / med[k]:>16.2f}x" if a in med else f" {'-':>17}" for a in against)
        print(f"{k:<40} {med[k] * 1e6:>10.1f} {min(v) * 1e6:>10.1f}{ratios}")
    print("(ratios: how many times faster than the named contender; > 1 is faster)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    binary = os.environ.get("GENGO_BIN", "gengo")
    sb, info = start_sandbox(binary)
    try:
        base, pub, priv = info["base_url"], info["public_key"], info["private_key"]
        typed = gengo_rs.Client(pub, priv, base_url=base, rate_limit_per_minute=None, max_retries=0)
        typed.order_jobs({"a": {"type": "text", "body_src": "Hello bench", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}})
        jid = typed.list_jobs()[0].job_id
        comp = compat.Gengo(pub, priv, api_url=base + "/{version}")
        # compat has no switch for the client-side rate limit (150 calls a minute, as Gengo
        # asks): rebuild its native handle without it, as the shared perf suite does.
        comp._native = _native.NativeClient(json.dumps({"public_key": pub, "private_key": priv, "base_url": base + "/{version}",
                                                        "rate_limit_per_minute": 0, "max_retries": 0, "from_env": False}))
        official = OfficialGengo(public_key=pub, private_key=priv, api_url=base + "/{version}") if OfficialGengo else None

        host = urllib.parse.urlsplit(base)
        conn = http.client.HTTPConnection(host.hostname, host.port)
        ts = str(int(time.time()))
        sig = hmac.new(priv.encode(), ts.encode(), hashlib.sha1).hexdigest()
        path = f"/v2/translate/job/{jid}?" + urllib.parse.urlencode({"api_key": pub, "ts": ts, "api_sig": sig})

        def floor() -> object:
            conn.request("GET", path, headers={"Accept": "application/json"})
            return json.loads(conn.getresponse().read())

        contenders: Dict[str, Callable[[], object]] = {
            "gengo_rs typed Client.get_job": lambda: typed.get_job(jid),
            "gengo_rs compat getTranslationJob": lambda: comp.getTranslationJob(id=jid),
        }
        if official is not None:
            contenders["official gengo getTranslationJob"] = lambda: official.getTranslationJob(id=jid)
        contenders["floor: http.client keep-alive + json"] = floor
        results: Dict[str, List[float]] = {k: [] for k in contenders}
        names = list(contenders)
        for r in range(args.rounds):
            for i in range(len(names)):
                k = names[(i + r) % len(names)]
                contenders[k]()
                results[k].append(per_call(args.calls, contenders[k]))
        table(f"P1 get_job, sequential, {args.calls} calls x {args.rounds} rounds (gengo sandbox)", results,
              ["official gengo getTranslationJob", "floor: http.client keep-alive + json"])

        # P4: a server (its own process, so that it takes no GIL from the client) that
        # answers after 50 ms; 8 threads sharing one client against one thread.
        body = json.dumps({"opstat": "ok", "response": {"job": {"job_id": str(jid), "status": "available", "body_src": "Hello bench"}}})
        slow = subprocess.Popen([sys.executable, "-c", SLOW_SERVER, body], stdout=subprocess.PIPE, text=True)
        assert slow.stdout is not None
        slow_port = int(slow.stdout.readline())
        slow_client = gengo_rs.Client(pub, priv, base_url=f"http://127.0.0.1:{slow_port}", rate_limit_per_minute=None, max_retries=0)
        slow_async = gengo_rs.AsyncClient(pub, priv, base_url=f"http://127.0.0.1:{slow_port}", rate_limit_per_minute=None, max_retries=0)
        per_worker = 4

        def threaded(n_threads: int) -> float:
            per = 10 if n_threads == 1 else per_worker
            ts_ = [threading.Thread(target=lambda: [slow_client.get_job(jid) for _ in range(per)]) for _ in range(n_threads)]
            t = time.perf_counter()
            for th in ts_:
                th.start()
            for th in ts_:
                th.join()
            return (time.perf_counter() - t) / (per * n_threads)

        def concurrent(n: int) -> float:
            async def run() -> float:
                t = time.perf_counter()
                for _ in range(per_worker):
                    await asyncio.gather(*(slow_async.get_job(jid) for _ in range(n)))
                return (time.perf_counter() - t) / (per_worker * n)

            return asyncio.run(run())

        p4: Dict[str, List[float]] = {
            "1 thread": [],
            "8 threads, one client": [],
            "64 threads, one client": [],
            "AsyncClient, 64 concurrent awaits": [],
        }
        for _ in range(args.rounds):
            p4["1 thread"].append(threaded(1))
            p4["8 threads, one client"].append(threaded(8))
            p4["64 threads, one client"].append(threaded(64))
            p4["AsyncClient, 64 concurrent awaits"].append(concurrent(64))
        table("P4 get_job against a 50 ms server: wall time per call", p4, ["1 thread"])
        slow.terminate()
        slow.wait(timeout=10)
        slow_client.close()
        slow_async.close()
        typed.close()
        return 0
    finally:
        sb.terminate()
        sb.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
