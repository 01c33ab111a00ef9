"""``gengo_rs.AsyncClient``: the same operations for asyncio.

Each call runs the synchronous client in a worker thread of the client's own executor,
sized to its connection pool (``WORKERS``, 64), so many concurrent awaits are not held back by the
event loop's small default executor; the native call releases the GIL, so they overlap
their network waits.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Optional, TypeVar

from . import _native
from ._async_operations import AsyncOperations
from .client import JSON, Client
from .models import Order

__all__ = ["AsyncClient"]

T = TypeVar("T")

#: Worker threads per AsyncClient: as many calls in flight as the native pool keeps
#: connections for one host (gengo-core's ``transport::POOL_CONNECTIONS``).
WORKERS: int = _native.POOL_CONNECTIONS


class AsyncClient(AsyncOperations):
    """An asyncio client; takes the same arguments as :class:`gengo_rs.Client`, and has
    the same methods (one per operation, generated from the table), awaitable.

    >>> async with AsyncClient(base_url="http://127.0.0.1:8290") as gengo:   # doctest: +SKIP
    ...     balance = await gengo.account_balance()
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._sync = Client(*args, **kwargs)
        self._executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="gengo_rs")

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    @property
    def sync(self) -> Client:
        """The underlying synchronous client."""
        return self._sync

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Releases the connection pool and the worker threads."""
        self._sync.close()
        self._executor.shutdown(wait=False)

    def __repr__(self) -> str:
        return "Async" + repr(self._sync)

    async def wait_for_order(self, order_id: int, *, timeout: float = 3600.0, interval: Optional[float] = None) -> Order:
        """Polls an order until no job waits for Gengo or a translator, or until
        ``timeout`` seconds (see ``Client.wait_for_order``)."""
        return await self._run(self._sync.wait_for_order, order_id, timeout=timeout, interval=interval)

    async def call(self, operation: str, /, **params: Any) -> JSON:
        """Runs any operation by canonical name or official alias (see ``Client.call``)."""
        return await self._run(self._sync.call, operation, **params)
