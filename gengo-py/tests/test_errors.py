"""Every exception class, with what it carries; validation happens before sending."""

from __future__ import annotations

import http.server
import socket
import threading
from typing import Iterator, TypeVar

import pytest

import gengo_rs
from conftest import KEYS

E = TypeVar("E", bound=BaseException)


def test_validation_is_raised_before_any_request(client: gengo_rs.Client, sandbox) -> None:
    before = sandbox.requests()
    with pytest.raises(gengo_rs.GengoValidationError) as e:
        client.order_jobs({"a": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "gold"}})
    assert e.value.field == "jobs.a.tier" and e.value.kind == "validation"
    with pytest.raises(gengo_rs.GengoValidationError):
        client.approve_job(1, rating=9)
    with pytest.raises(gengo_rs.GengoValidationError):
        client.list_jobs(count=500)
    assert sandbox.requests() == before  # the sandbox counts API requests only: none arrived


def test_api_auth_and_multi_job(client: gengo_rs.Client, sandbox) -> None:
    with pytest.raises(gengo_rs.GengoApiError) as e:
        client.get_job(999999)
    assert (e.value.code, e.value.http_status, e.value.kind) == (2100, 200, "api")
    assert e.value.error_code == 2100
    bad = gengo_rs.Client(KEYS["public_key"], "wrong", base_url=sandbox.url, max_retries=0, from_env=False)
    with pytest.raises(gengo_rs.GengoAuthError) as a:
        bad.account_balance()
    assert a.value.code == 1000 and isinstance(a.value, gengo_rs.GengoApiError)
    with pytest.raises(gengo_rs.GengoMultiJobError) as m:
        client.order_jobs({"x": {"body_src": "x", "lc_src": "en", "lc_tgt": "xx", "tier": "standard"},
                           "y": {"body_src": "y", "lc_src": "af", "lc_tgt": "es", "tier": "pro"}})
    assert [e["code"] for e in m.value.job_errors["x"]] == [1551]
    assert [e["code"] for e in m.value.job_errors["y"]] == [1551]


def test_rate_limited(throttled) -> None:
    c = gengo_rs.Client(base_url=throttled.url, max_retries=0, rate_limit_per_minute=0, from_env=False)
    with pytest.raises(gengo_rs.GengoRateLimitedError) as e:
        for _ in range(4):
            c.languages()
    assert e.value.retry_after is not None and e.value.retry_after > 0
    assert e.value.http_status == 429


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return int(port)


def test_transport_timeout_and_tls(sandbox) -> None:
    c = gengo_rs.Client(base_url=f"http://127.0.0.1:{_free_port()}", max_retries=0, from_env=False)
    with pytest.raises(gengo_rs.GengoTransportError) as e:
        c.languages()
    assert e.value.kind == "transport"
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        c = gengo_rs.Client(base_url=f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.5, max_retries=0, from_env=False)
        with pytest.raises(gengo_rs.GengoTimeoutError):
            c.languages()
    finally:
        silent.close()
    c = gengo_rs.Client(base_url=sandbox.url.replace("http://", "https://"), max_retries=0, from_env=False)
    with pytest.raises(gengo_rs.GengoTlsError):
        c.languages()


class _Canned(http.server.BaseHTTPRequestHandler):
    status = 502
    body = b"upstream down"
    headers_out: dict[str, str] = {}
    seen: list[tuple[str, str | None]] = []

    def do_GET(self) -> None:
        _Canned.seen.append((self.path, self.headers.get("Authorization")))
        self.send_response(self.status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(self.body)))
        for k, v in self.headers_out.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def canned() -> Iterator[http.server.ThreadingHTTPServer]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canned)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _answered(c: gengo_rs.Client, status: int, body: bytes, cls: type[E]) -> E:
    """The error `c.languages()` raises when the canned server answers `status` and `body`."""
    _Canned.status, _Canned.body = status, body
    with pytest.raises(cls) as e:
        c.languages()
    return e.value


def test_http_and_decode_errors(canned: http.server.ThreadingHTTPServer) -> None:
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    c = gengo_rs.Client(base_url=url, max_retries=0, from_env=False)
    e = _answered(c, 502, b"upstream down", gengo_rs.GengoHttpError)
    assert e.http_status == 502 and "upstream down" in e.details["snippet"]
    _answered(c, 200, b"not json", gengo_rs.GengoDecodeError)


def test_a_huge_retry_after_is_an_ordinary_exception(canned: http.server.ThreadingHTTPServer) -> None:
    # It once panicked in Rust, which `except Exception` does not catch.
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    c = gengo_rs.Client(base_url=url, max_retries=3, from_env=False)
    _Canned.status, _Canned.body = 429, b'{"opstat":"error","err":{"code":429,"msg":"slow down"}}'
    try:
        for value in ("1e20", "NaN", "-1", "99999999999999999999999"):
            _Canned.headers_out = {"Retry-After": value}
            with pytest.raises(gengo_rs.GengoRateLimitedError):
                c.languages()
    finally:
        _Canned.headers_out = {}


def test_not_found_is_a_predicate(canned: http.server.ThreadingHTTPServer) -> None:
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    c = gengo_rs.Client(base_url=url, max_retries=0, from_env=False)
    e = _answered(c, 200, b'{"opstat":"error","err":{"code":"404","msg":"Requested Resource Not Found"}}', gengo_rs.GengoApiError)
    assert e.not_found and e.code == 404
    assert _answered(c, 404, b"Requested Resource Not Found", gengo_rs.GengoHttpError).not_found
    assert not _answered(c, 502, b"upstream down", gengo_rs.GengoHttpError).not_found


def test_a_bearer_token_is_sent_instead_of_the_signature(canned: http.server.ThreadingHTTPServer) -> None:
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    c = gengo_rs.Client("pub", "priv", access_token="tok_abcdef", base_url=url, max_retries=0, from_env=False)
    assert "tok_abcdef" not in repr(c)
    _Canned.status, _Canned.body = 200, b'{"opstat":"ok","response":{"credits":"1.00","currency":"USD"}}'
    _Canned.seen.clear()
    assert str(c.account_balance().credits) == "1.00"
    path, auth = _Canned.seen[-1]
    assert auth == "Bearer tok_abcdef"
    assert "api_sig" not in path and "api_key" not in path


def test_io_and_invalid_argument(client: gengo_rs.Client) -> None:
    with pytest.raises(gengo_rs.GengoIoError):
        client.post_job_comment(1, "x", files=["/nonexistent/file.txt"])
    with pytest.raises(gengo_rs.GengoInvalidArgumentError):
        client.call("getNothing")
    with pytest.raises(ValueError):
        gengo_rs.Client(base_url="ftp://nowhere", from_env=False)


def test_hierarchy() -> None:
    assert issubclass(gengo_rs.GengoAuthError, gengo_rs.GengoApiError)
    assert issubclass(gengo_rs.GengoMultiJobError, gengo_rs.GengoApiError)
    assert issubclass(gengo_rs.GengoTimeoutError, gengo_rs.GengoTransportError)
    for cls in (gengo_rs.GengoApiError, gengo_rs.GengoValidationError, gengo_rs.GengoTransportError, gengo_rs.GengoRateLimitedError):
        assert issubclass(cls, gengo_rs.GengoError)


def test_retryable_says_whether_the_same_call_may_be_made_again(canned: http.server.ThreadingHTTPServer, client: gengo_rs.Client) -> None:
    url = f"http://127.0.0.1:{canned.server_address[1]}"
    c = gengo_rs.Client(base_url=url, max_retries=0, from_env=False)
    # An HTML 500 on a GET: may be repeated (GET and DELETE retry it by themselves).
    e = _answered(c, 500, b"<html>Internal Server Error</html>", gengo_rs.GengoHttpError)
    assert e.retryable and e.http_status == 500
    assert _answered(c, 429, b'{"opstat":"error","err":{"code":429,"msg":"slow down"}}', gengo_rs.GengoRateLimitedError).retryable
    # Refused on its merits: repeating it gives the same answer.
    with pytest.raises(gengo_rs.GengoApiError) as a:
        client.get_job(999999)
    assert not a.value.retryable
    with pytest.raises(gengo_rs.GengoValidationError) as v:
        client.approve_job(1, rating=9)
    assert not v.value.retryable
    # An order that never reached anyone may be repeated; one whose answer was lost not.
    refused = gengo_rs.Client(**KEYS, base_url=f"http://127.0.0.1:{_free_port()}", max_retries=0, from_env=False)
    job = {"a": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}
    with pytest.raises(gengo_rs.GengoTransportError) as t:
        refused.order_jobs(job)
    assert t.value.retryable
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        lost = gengo_rs.Client(**KEYS, base_url=f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.5, max_retries=0, from_env=False)
        with pytest.raises(gengo_rs.GengoTimeoutError) as o:
            lost.order_jobs(job)
        assert not o.value.retryable
        with pytest.raises(gengo_rs.GengoTimeoutError) as g:
            lost.languages()
        assert g.value.retryable
    finally:
        silent.close()
