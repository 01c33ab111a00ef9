"""The root of the exception hierarchy (see :mod:`gengo_rs.errors`); the classes of the
error kinds under it are generated from gengo-core's (``errors.py``)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

__all__ = ["GengoError"]


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
