"""The exception hierarchy. Catch at the level you care about:

- ``GengoError`` - everything
  - ``GengoValidationError`` - rejected locally, nothing was sent (``field``)
  - ``GengoApiError`` - the API said no (``code``, ``message``, ``http_status``)
    - ``GengoAuthError`` - codes 1000 to 1201
    - ``GengoMultiJobError`` - per-job errors (``job_errors``: every code by job key)
  - ``GengoRateLimitedError`` - throttled (``retry_after`` seconds)
  - ``GengoTransportError`` - the connection failed
    - ``GengoTimeoutError``, ``GengoTlsError``
  - ``GengoHttpError`` - a non-JSON body with an error status (``http_status``)
  - ``GengoDecodeError`` - a response that could not be read
  - ``GengoIoError`` - a local file could not be read
  - ``GengoInvalidArgumentError`` (also a ``ValueError``) - unusable arguments
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Type

__all__ = [
    "GengoError",
    "GengoValidationError",
    "GengoApiError",
    "GengoAuthError",
    "GengoMultiJobError",
    "GengoRateLimitedError",
    "GengoTransportError",
    "GengoTimeoutError",
    "GengoTlsError",
    "GengoHttpError",
    "GengoDecodeError",
    "GengoIoError",
    "GengoInvalidArgumentError",
]


class GengoError(Exception):
    """The root of every gengo_rs error."""

    kind: str
    """Stable kind name (``api``, ``auth``, ``multi_job``, ``validation``, ...)."""
    code: Optional[int]
    """The Gengo error code (``err.code``); for multi-job errors, the first one."""
    message: str
    """The message (never contains secrets)."""
    http_status: Optional[int]
    """The HTTP status of the response, when there was one."""
    job_errors: Dict[str, List[Dict[str, Any]]]
    """Every per-job error, ``{job_key: [{"code": ..., "message": ...}, ...]}``."""
    details: Dict[str, Any]
    """The whole error as gengo-core reported it."""

    def __init__(self, message: str, details: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message)
        d = dict(details or {})
        self.details = d
        self.kind = str(d.get("kind", "unknown"))
        self.message = message
        self.code = d.get("code")
        self.http_status = d.get("http_status")
        self.job_errors = d.get("job_errors") or {}

    @property
    def not_found(self) -> bool:
        """Whether the server said the resource does not exist (code 404, as a number
        or the string ``"404"``, or HTTP 404), as gengo-core decides it."""
        return self.details.get("not_found") is True

    @property
    def retryable(self) -> bool:
        """Whether the same call may be made again: it failed for a reason that can pass
        (rate limited, a connection failure or timeout, HTTP 500/502/503/504), and
        repeating it cannot order or change anything twice (GET and DELETE calls, or any
        call that never reached Gengo). An order whose answer was lost is never
        retryable: look for it first. As gengo-core decides it."""
        return self.details.get("retryable") is True

    @property
    def error_code(self) -> Optional[int]:
        """The official ``gengo`` package's name for :attr:`code`."""
        return self.code

    def __str__(self) -> str:
        prefix = f"[{self.code}] " if self.code is not None else ""
        return f"{prefix}{self.message}"


class GengoValidationError(GengoError):
    """Input rejected before any request was sent (no credits spent)."""

    @property
    def field(self) -> Optional[str]:
        """The offending field, with its path (``jobs.job_1.tier``)."""
        f = self.details.get("field")
        return str(f) if f is not None else None


class GengoApiError(GengoError):
    """The API answered with an error."""


class GengoAuthError(GengoApiError):
    """Authentication failed (codes 1000 to 1201)."""


class GengoMultiJobError(GengoApiError):
    """Per-job errors; ``job_errors`` holds every code of every job key."""


class GengoRateLimitedError(GengoError):
    """Throttled by the server (HTTP 429)."""

    @property
    def retry_after(self) -> Optional[float]:
        """Seconds the server asked to wait."""
        r = self.details.get("retry_after")
        return float(r) if r is not None else None


class GengoTransportError(GengoError):
    """The connection failed."""


class GengoTimeoutError(GengoTransportError):
    """The connect or whole-call deadline passed."""


class GengoTlsError(GengoTransportError):
    """The TLS handshake failed (for example, an untrusted certificate)."""


class GengoHttpError(GengoError):
    """A non-JSON body with an HTTP error status."""


class GengoDecodeError(GengoError):
    """A response (or callback) that could not be decoded."""


class GengoIoError(GengoError):
    """A local file (quote or comment attachment) could not be read."""


class GengoInvalidArgumentError(GengoError, ValueError):
    """Unusable arguments: an unknown operation, a bad config."""


_KINDS = {
    "validation": GengoValidationError,
    "api": GengoApiError,
    "auth": GengoAuthError,
    "multi_job": GengoMultiJobError,
    "rate_limited": GengoRateLimitedError,
    "transport": GengoTransportError,
    "timeout": GengoTimeoutError,
    "tls": GengoTlsError,
    "http": GengoHttpError,
    "decode": GengoDecodeError,
    "io": GengoIoError,
    "invalid_argument": GengoInvalidArgumentError,
}


def error_class(kind: str) -> Type[GengoError]:
    """The exception class of an error kind (``"api"`` gives :class:`GengoApiError`);
    :class:`GengoError` for a kind this version does not know."""
    return _KINDS.get(kind, GengoError)


def _from_error_json(text: str) -> GengoError:
    """Builds the exception for gengo-core's error JSON (called by the native module)."""
    details = json.loads(text)
    cls = error_class(str(details.get("kind", "")))
    return cls(str(details.get("message", "gengo error")), details)
