"""``gengo_rs.Client``: every Gengo operation as a typed method."""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _native
from ._operations import Operations
from .models import CallbackEvent, Order

__all__ = ["Client", "parse_callback", "unit_count", "operations"]

JSON = Any
PathLike = Union[str, "os.PathLike[str]"]


class _Default:
    """The type of :data:`DEFAULT`: a setting left to gengo-core."""

    def __repr__(self) -> str:
        return "DEFAULT"


#: A setting left to gengo-core's default (where ``None`` means something else).
DEFAULT = _Default()

_log = logging.getLogger("gengo_rs")
_level_sent: List[int] = [-1]


def _sync_log_level() -> None:
    """Tells the native module the lowest level the ``gengo_rs`` logger takes (cached
    lookups), so Rust decides without the GIL whether a record is wanted."""
    level = 100
    for lvl in (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR):
        if _log.isEnabledFor(lvl):
            level = lvl
            break
    if level != _level_sent[0]:
        _native.set_log_level(level)
        _level_sent[0] = level


class Client(Operations):
    """A Gengo API client, with one method per operation (generated from gengo-core's
    table into ``_operations.py``; ``AsyncClient``'s into ``_async_operations.py``): the
    required parameters positional (path ids first), every other parameter by keyword,
    results typed (``Job``, ``List[Comment]``, ...).

    Keys and base URL come from the arguments, else from ``GENGO_PUBLIC_KEY``,
    ``GENGO_PRIVATE_KEY`` and ``GENGO_BASE_URL`` (``from_env=True``). Calls are
    synchronous; each one releases the GIL, so threads sharing one client overlap their
    waiting. Connections are kept alive; TLS is always verified; only requests that
    cannot double anything are retried.

    >>> with Client(base_url="http://127.0.0.1:8290") as gengo:   # doctest: +SKIP
    ...     gengo.account_balance().credits
    """

    def __init__(
        self,
        public_key: Optional[str] = None,
        private_key: Optional[str] = None,
        *,
        sandbox: bool = False,
        base_url: Optional[str] = None,
        api_version: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        rate_limit_per_minute: Union[int, None, _Default] = DEFAULT,
        user_agent: Optional[str] = None,
        method_override: Optional[bool] = None,
        from_env: bool = True,
        access_token: Optional[str] = None,
    ) -> None:
        """Every setting left out takes gengo-core's default (60 s whole-call and 10 s
        connect timeouts, 3 retries, 150 requests a minute, v2): only what you set is passed
        on. ``rate_limit_per_minute=None`` (or 0) turns the client-side limit off."""
        given: Dict[str, Any] = {
            "public_key": public_key,
            "private_key": private_key,
            "environment": "sandbox" if sandbox else None,
            "base_url": base_url,
            "api_version": api_version,
            "timeout": timeout,
            "connect_timeout": connect_timeout,
            "max_retries": max_retries,
            "rate_limit_per_minute": None if isinstance(rate_limit_per_minute, _Default) else (rate_limit_per_minute or 0),
            "user_agent": user_agent,
            "method_override": method_override,
            "access_token": access_token,
        }
        config = {"from_env": from_env, **{k: v for k, v in given.items() if v is not None}}
        self._native: Optional[_native.NativeClient] = _native.NativeClient(json.dumps(config))

    # ---- plumbing ----

    def _client(self) -> _native.NativeClient:
        if self._native is None:
            raise ValueError("this Client is closed")
        return self._native

    def _op(self, name: str, params: Dict[str, Any]) -> Any:
        # What ``call`` does, without packing the params into keywords again.
        _sync_log_level()
        return self._client().call_obj(name, {k: v for k, v in params.items() if v is not None})

    def call(self, operation: str, /, **params: Any) -> JSON:
        """Runs any operation by canonical name (``get_job``) or official alias
        (``getTranslationJob``); returns the normalised result (ids and counts as
        ``int``, money as decimal strings, flags as ``bool``, unknown fields kept)."""
        _sync_log_level()
        # Python objects in, Python objects out: no JSON text on either side.
        return self._client().call_obj(operation, {k: v for k, v in params.items() if v is not None})

    def wait_for_order(self, order_id: int, *, timeout: float = 3600.0, interval: Optional[float] = None) -> Order:
        """Polls an order until no job waits for Gengo or a translator (nothing queued,
        available, pending or revising), or until ``timeout`` seconds; returns the order
        as last seen (``order.in_progress`` tells which). ``interval`` defaults to Gengo's
        guidance against Gengo's hosts (30 minutes; prefer callbacks there) and to half
        a second against any other host, such as a local ``gengo sandbox``. The GIL is
        released while it waits."""
        out = json.loads(self._client().wait_order(order_id, timeout, interval))
        return Order(out["order"])

    def close(self) -> None:
        """Releases the connection pool. Further calls raise ``ValueError``."""
        self._native = None

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._native is None:
            return "Client(closed)"
        return f"Client({self._native.describe()})"


def parse_callback(body: Union[bytes, str], content_type: Optional[str] = None) -> CallbackEvent:
    """Parses what Gengo POSTed to your callback URL (form fields ``job``/``comment``, or
    JSON). Raises ``GengoDecodeError`` for malformed or oversized bodies."""
    return CallbackEvent(json.loads(_native.parse_callback(body, content_type)))


def unit_count(text: str, lc_src: str) -> int:
    """Units Gengo bills for ``text`` in source language ``lc_src``."""
    return _native.unit_count(text, lc_src)


def operations() -> List[Dict[str, Any]]:
    """The operation table: name, official alias, method, path, parameters."""
    result: List[Dict[str, Any]] = json.loads(_native.operations())
    return result
