"""gengo_rs: a typed, thread-friendly client for the Gengo Translate API, built on the
gengo-rs Rust core.

>>> import gengo_rs
>>> client = gengo_rs.Client(base_url="http://127.0.0.1:8290")          # doctest: +SKIP
>>> receipt = client.order_jobs({"greeting": {"body_src": "Hello", "lc_src": "en",
...                                            "lc_tgt": "ja", "tier": "standard"}})  # doctest: +SKIP

Logging goes to the ``gengo_rs`` logger; nothing is configured at import and secrets are
never logged. ``gengo_rs.compat.Gengo`` is a drop-in for the official ``gengo.Gengo``.
"""

from __future__ import annotations

from . import _native
from .aio import AsyncClient
from .client import Client, operations, parse_callback, unit_count
from .errors import (
    GengoApiError,
    GengoAuthError,
    GengoDecodeError,
    GengoError,
    GengoHttpError,
    GengoInvalidArgumentError,
    GengoIoError,
    GengoMultiJobError,
    GengoRateLimitedError,
    GengoTimeoutError,
    GengoTlsError,
    GengoTransportError,
    GengoValidationError,
)
from .models import CallbackEvent, Job, JobStatus, Order, Tier, UnitType

__version__: str = _native.__version__

__all__ = [
    "Client",
    "AsyncClient",
    "parse_callback",
    "unit_count",
    "operations",
    "CallbackEvent",
    "Job",
    "JobStatus",
    "Order",
    "Tier",
    "UnitType",
    "GengoError",
    "GengoApiError",
    "GengoAuthError",
    "GengoMultiJobError",
    "GengoValidationError",
    "GengoRateLimitedError",
    "GengoTransportError",
    "GengoTimeoutError",
    "GengoTlsError",
    "GengoHttpError",
    "GengoDecodeError",
    "GengoIoError",
    "GengoInvalidArgumentError",
    "__version__",
]
