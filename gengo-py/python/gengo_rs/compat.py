"""A drop-in replacement for the official ``gengo`` package.

Migrating is one import line::

    from gengo import Gengo, GengoError, GengoAuthError            # before
    from gengo_rs.compat import Gengo, GengoError, GengoAuthError  # after

Same constructor arguments, the same camelCase methods with the same keyword arguments,
the same envelope dicts back (``{"opstat": "ok", "response": ...}``), ``GengoError`` and
``GengoAuthError`` with ``error_code``. Without the official client's bugs: TLS verified on
every method, values encoded once, no parameter silently dropped (``process``, ``tone``,
``purpose``, ``job_ids`` as a keyword), every per-job error kept (``job_errors``), local
file names without their paths, files closed, timeouts, connection reuse, no secrets
printed with ``debug=True`` (it logs to the ``gengo_rs`` logger instead), and no logging
configured at import.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Callable, Dict, Mapping, Optional

from . import _native
from .client import _sync_log_level
from . import errors as _errors

__all__ = ["Gengo", "GengoError", "GengoAuthError"]

_log = logging.getLogger("gengo_rs")

#: The official client's method names (its ``mockdb.apihash``), each an alias in
#: gengo-core's operation table.
OFFICIAL_METHODS = (
    "getAccountStats",
    "getAccountBalance",
    "getAccountMe",
    "getPreferredTranslators",
    "postTranslationJobs",
    "updateTranslationJob",
    "updateTranslationJobs",
    "getTranslationJob",
    "getTranslationJobs",
    "getTranslationJobBatch",
    "determineTranslationCost",
    "postTranslationJobComment",
    "getTranslationJobComments",
    "getTranslationJobFeedback",
    "getTranslationJobRevisions",
    "getTranslationJobRevision",
    "deleteTranslationJob",
    "getServiceLanguagePairs",
    "getServiceLanguages",
    "getServiceLanguageMatrix",
    "getGlossaryList",
    "getGlossary",
    "getTranslationOrderJobs",
    "deleteTranslationOrder",
    "postOrderComment",
    "getOrderComments",
)


class GengoError(_errors.GengoError):
    """The official package's error: ``msg`` and ``error_code``, plus everything
    gengo_rs keeps (``kind``, ``http_status``, ``job_errors``)."""

    def __init__(self, msg: Any, error_code: Optional[int] = None, details: Optional[Dict[str, Any]] = None) -> None:
        d = dict(details or {})
        d["code"] = error_code
        d.setdefault("kind", "api")
        super().__init__(str(msg), d)
        self.msg = msg

    def __str__(self) -> str:
        return repr(self.msg)


class GengoAuthError(GengoError):
    """Authentication failed (``error_code`` 1000)."""

    def __init__(self, msg: Any, error_code: Optional[int] = 1000, details: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(msg, error_code, details)


def _translate(e: _errors.GengoError) -> GengoError:
    """The official package's error for a gengo_rs error, losing nothing."""
    details = dict(e.details)
    if isinstance(e, _errors.GengoAuthError):
        return GengoAuthError(e.message, e.code, details)
    if isinstance(e, _errors.GengoMultiJobError):
        msg = " ".join(f"<{key}: {errs[0].get('message', '') if errs else ''}>" for key, errs in e.job_errors.items())
        return GengoError(msg, e.code, details)
    if isinstance(e, (_errors.GengoHttpError, _errors.GengoDecodeError)):
        # The official client answers a non-JSON body with code 1.
        return GengoError(e.message, 1, details)
    return GengoError(e.message, e.code, details)


class Gengo:
    """``gengo.Gengo``, rebuilt on gengo_rs.

    ``Gengo(public_key=None, private_key=None, sandbox=False, api_version=2,
    headers=None, debug=False, api_url=None)``; ``api_url`` may contain ``{version}``.
    """

    def __init__(
        self,
        public_key: Optional[str] = None,
        private_key: Optional[str] = None,
        sandbox: bool = False,
        api_version: int = 2,
        headers: Optional[Mapping[str, str]] = None,
        debug: bool = False,
        api_url: Optional[str] = None,
        timeout: float = 60.0,
    ) -> None:
        if api_version != 2:
            raise GengoError("gengo_rs.compat supports Gengo API version 2", 1)
        config: Dict[str, Any] = {"timeout": timeout, "from_env": False}
        if public_key is not None:
            config["public_key"] = public_key
        if private_key is not None:
            config["private_key"] = private_key if isinstance(private_key, str) else bytes(private_key).decode()
        if api_url is not None:
            config["base_url"] = api_url.replace("/v2", "/{version}") if "{version}" not in api_url and api_url.rstrip("/").endswith("/v2") else api_url
        elif sandbox:
            config["environment"] = "sandbox"
        ua = next((v for k, v in (headers or {}).items() if k.lower() == "user-agent"), None)
        if ua:
            config["user_agent"] = ua
        # The caller's headers dict is never modified.
        self.headers = dict(headers or {})
        self.debug = debug
        self.api_version = api_version
        self._native = _native.NativeClient(json.dumps(config))

    def __repr__(self) -> str:
        return f"Gengo({self._native.describe()})"

    def __getattr__(self, name: str) -> Callable[..., Dict[str, Any]]:
        if name.startswith("_") or _native.canonical_name(name) is None:
            raise AttributeError(name)

        def method(**kwargs: Any) -> Dict[str, Any]:
            return self._request(name, kwargs)

        method.__name__ = name
        return method

    @staticmethod
    def _params(kwargs: Mapping[str, Any]) -> Dict[str, Any]:
        # A shallow copy: nothing below changes the caller's objects (a deep copy of a
        # 10,000-job order would cost more than sending it).
        kw = dict(kwargs)
        params: Dict[str, Any] = {}
        if "job" in kw:
            params["job"] = kw.pop("job")
        if "jobs" in kw:
            jobs = kw.pop("jobs")
            if isinstance(jobs, dict) and "jobs" in jobs:
                # Every order-level field passes through (the official client kept five).
                params.update(jobs)
            else:
                params["jobs"] = jobs
        if "comment" in kw:
            comment = kw.pop("comment")
            if isinstance(comment, dict):
                params.update(comment)
            else:
                params["comment"] = comment
        if "action" in kw:
            action = kw.pop("action")
            if isinstance(action, dict):
                params.update(action)
            else:
                params["action"] = action
        params.update(kw)
        return params

    def _request(self, name: str, kwargs: Mapping[str, Any]) -> Dict[str, Any]:
        params = self._params(kwargs)
        if self.debug:
            # Never the URL, the signature or the keys: the call and its parameters.
            _log.debug("gengo_rs.compat %s %s", name, json.dumps(params, ensure_ascii=False, default=str))
        try:
            _sync_log_level()
            payload = self._native.call_raw_obj(name, params)
        except _errors.GengoError as e:
            raise _translate(e) from e
        if payload is None:
            return {"opstat": "ok"}
        return {"opstat": "ok", "response": payload}
