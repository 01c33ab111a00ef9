"""``gengo_rs.AsyncClient``: the same operations for asyncio.

Each call runs the synchronous client in a worker thread (``asyncio.to_thread``); the
native call releases the GIL, so many awaits overlap their network waits.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ._operations import AsyncOperations
from .client import JSON, Client

__all__ = ["AsyncClient"]


class AsyncClient(AsyncOperations):
    """An asyncio client; takes the same arguments as :class:`gengo_rs.Client`, and has
    the same methods (one per operation, generated from the table), awaitable.

    >>> async with AsyncClient(base_url="http://127.0.0.1:8290") as gengo:   # doctest: +SKIP
    ...     balance = await gengo.account_balance()
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._sync = Client(*args, **kwargs)

    @property
    def sync(self) -> Client:
        """The underlying synchronous client."""
        return self._sync

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._sync.close()

    def close(self) -> None:
        """Releases the connection pool."""
        self._sync.close()

    def __repr__(self) -> str:
        return "Async" + repr(self._sync)

    async def call(self, operation: str, /, **params: Any) -> JSON:
        """Runs any operation by canonical name or official alias (see ``Client.call``)."""
        return await asyncio.to_thread(self._sync.call, operation, **params)
