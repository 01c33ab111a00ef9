"""``gengo_rs.Client``: every Gengo operation as a typed method."""

from __future__ import annotations

import base64
import json
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _native
from .models import (
    AccountStats,
    Balance,
    CallbackEvent,
    Comment,
    Feedback,
    Glossary,
    Job,
    JobGroup,
    JobSummary,
    Language,
    LanguagePair,
    Me,
    Order,
    OrderReceipt,
    PreferredTranslators,
    QuoteEntry,
    Revision,
    RevisionRef,
)

__all__ = ["Client", "parse_callback", "unit_count", "operations"]

JSON = Any
PathLike = Union[str, "os.PathLike[str]"]


def _dumps(params: Mapping[str, Any]) -> str:
    def default(o: Any) -> Any:
        if isinstance(o, os.PathLike):
            return os.fspath(o)
        if hasattr(o, "raw") and isinstance(getattr(o, "raw"), dict):
            return o.raw
        # Decimal, enums and anything with a str() form.
        return str(o)

    return json.dumps({k: v for k, v in params.items() if v is not None}, default=default, ensure_ascii=False)


class Client:
    """A Gengo API client.

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
        api_version: str = "v2",
        timeout: float = 60.0,
        connect_timeout: float = 10.0,
        max_retries: int = 3,
        rate_limit_per_minute: Optional[int] = 150,
        user_agent: Optional[str] = None,
        method_override: bool = False,
        from_env: bool = True,
        access_token: Optional[str] = None,
    ) -> None:
        config: Dict[str, Any] = {
            "from_env": from_env,
            "api_version": api_version,
            "timeout": timeout,
            "connect_timeout": connect_timeout,
            "max_retries": max_retries,
            "rate_limit_per_minute": rate_limit_per_minute or 0,
            "method_override": method_override,
        }
        if public_key is not None:
            config["public_key"] = public_key
        if private_key is not None:
            config["private_key"] = private_key
        if sandbox:
            config["environment"] = "sandbox"
        if base_url is not None:
            config["base_url"] = base_url
        if user_agent is not None:
            config["user_agent"] = user_agent
        if access_token is not None:
            config["access_token"] = access_token
        self._native: Optional[_native.NativeClient] = _native.NativeClient(json.dumps(config))

    # ---- plumbing ----

    def _client(self) -> _native.NativeClient:
        if self._native is None:
            raise ValueError("this Client is closed")
        return self._native

    def call(self, operation: str, /, **params: Any) -> JSON:
        """Runs any operation by canonical name (``get_job``) or official alias
        (``getTranslationJob``); returns the normalised result (ids and counts as
        ``int``, money as decimal strings, flags as ``bool``, unknown fields kept)."""
        return json.loads(self._client().call(operation, _dumps(params)))

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

    # ---- account ----

    def account_stats(self) -> AccountStats:
        """Credits spent, customer since."""
        return AccountStats(self.call("account_stats"))

    def account_balance(self) -> Balance:
        """Credits available."""
        return Balance(self.call("account_balance"))

    def account_me(self) -> Me:
        """The account's own details."""
        return Me(self.call("account_me"))

    def preferred_translators(self) -> List[PreferredTranslators]:
        """Preferred translators by pair and tier."""
        return [PreferredTranslators(x) for x in self.call("preferred_translators")]

    # ---- one job ----

    def get_job(self, id: int, *, pre_mt: bool = False) -> Job:
        """One job; with ``pre_mt`` a machine translation stands in until the human one is ready."""
        return Job(self.call("get_job", id=id, pre_mt=1 if pre_mt else None)["job"])

    def update_job(self, id: int, action: str, **fields: Any) -> None:
        """``approve``, ``revise``, ``reject`` or ``archive`` a job with the action's fields."""
        self.call("update_job", id=id, action=action, **fields)

    def approve_job(
        self,
        id: int,
        *,
        rating: Optional[int] = None,
        for_translator: Optional[str] = None,
        for_mygengo: Optional[str] = None,
        public: Optional[bool] = None,
    ) -> None:
        """Approves a reviewable job, optionally rating it 1 to 5."""
        self.call("approve_job", id=id, rating=rating, for_translator=for_translator, for_mygengo=for_mygengo, public=public)

    def revise_job(self, id: int, comment: str) -> None:
        """Sends a reviewable job back with what to change (three times at most)."""
        self.call("revise_job", id=id, comment=comment)

    def reject_job(self, id: int, reason: str, comment: str, *, follow_up: Optional[str] = None, captcha: Optional[str] = None) -> None:
        """Rejects a reviewable job: ``reason`` is quality, incomplete or other;
        ``follow_up`` is requeue (default) or cancel."""
        self.call("reject_job", id=id, reason=reason, comment=comment, follow_up=follow_up, captcha=captcha)

    def archive_job(self, id: int) -> None:
        """Archives an approved job."""
        self.call("archive_job", id=id)

    def cancel_job(self, id: int) -> None:
        """Cancels a job no translator has started."""
        self.call("cancel_job", id=id)

    def post_job_comment(
        self,
        id: int,
        body: str,
        *,
        attachments: Optional[Sequence[Mapping[str, str]]] = None,
        files: Optional[Sequence[PathLike]] = None,
    ) -> None:
        """Comments on a job; ``attachments`` are ``{url, filename, mime_type}``,
        ``files`` are local paths uploaded with the comment."""
        self.call("post_job_comment", id=id, body=body, attachments=attachments, files=[os.fspath(f) for f in files] if files else None)

    def job_comments(self, id: int) -> List[Comment]:
        """A job's comment thread, oldest first."""
        return [Comment(c) for c in self.call("job_comments", id=id).get("thread", [])]

    def job_feedback(self, id: int) -> Feedback:
        """A job's feedback."""
        return Feedback(self.call("job_feedback", id=id).get("feedback") or {})

    def job_revisions(self, id: int) -> List[RevisionRef]:
        """A job's revisions."""
        return [RevisionRef(r) for r in self.call("job_revisions", id=id).get("revisions", [])]

    def job_revision(self, id: int, rev_id: int) -> Revision:
        """One revision's text."""
        return Revision(self.call("job_revision", id=id, rev_id=rev_id).get("revision") or {})

    # ---- jobs and orders ----

    def order_jobs(
        self,
        jobs: Union[Mapping[str, Mapping[str, Any]], Sequence[Mapping[str, Any]]],
        *,
        as_group: Optional[bool] = None,
        comment: Optional[str] = None,
        attachments: Optional[Sequence[Mapping[str, str]]] = None,
        tone: Optional[str] = None,
        purpose: Optional[str] = None,
        reference_id: Optional[int] = None,
        **extra: Any,
    ) -> OrderReceipt:
        """Orders jobs (spends credits), keyed by your own keys. Checked locally first;
        never retried unless the connection was refused."""
        return OrderReceipt(
            self.call(
                "order_jobs",
                jobs=jobs,
                as_group=as_group,
                comment=comment,
                attachments=attachments,
                tone=tone,
                purpose=purpose,
                reference_id=reference_id,
                **extra,
            )
        )

    def list_jobs(self, *, status: Optional[str] = None, timestamp_after: Optional[int] = None, count: Optional[int] = None) -> List[JobSummary]:
        """Recent jobs (ids and times); ``count`` 1 to 200."""
        return [JobSummary(j) for j in self.call("list_jobs", status=status, timestamp_after=timestamp_after, count=count)]

    def get_jobs(self, ids: Sequence[int]) -> List[Job]:
        """Several jobs by id."""
        return [Job(j) for j in self.call("get_jobs", ids=list(ids)).get("jobs", [])]

    def update_jobs(self, action: str, job_ids: Sequence[Union[int, Mapping[str, Any]]], *, comment: Optional[str] = None) -> None:
        """Acts on several jobs at once: ids, or ``{job_id, ...fields}`` objects."""
        self.call("update_jobs", action=action, job_ids=list(job_ids), comment=comment)

    def get_order(self, id: int) -> Order:
        """An order with its job ids by status."""
        return Order(self.call("get_order", id=id)["order"])

    def cancel_order(self, id: int) -> Optional[Order]:
        """Cancels an order's available jobs; the order, when the server returns it."""
        r = self.call("cancel_order", id=id)
        return Order(r["order"]) if isinstance(r, dict) and "order" in r else None

    def post_order_comment(self, id: int, body: str, *, attachments: Optional[Sequence[Mapping[str, str]]] = None) -> None:
        """Comments on an order."""
        self.call("post_order_comment", id=id, body=body, attachments=attachments)

    def order_comments(self, id: int) -> List[Comment]:
        """An order's comment thread."""
        return [Comment(c) for c in self.call("order_comments", id=id).get("thread", [])]

    # ---- service ----

    def languages(self) -> List[Language]:
        """Languages Gengo serves (no keys needed)."""
        return [Language(x) for x in self.call("languages")]

    def language_pairs(self, lc_src: Optional[str] = None) -> List[LanguagePair]:
        """Pairs with tiers and unit prices (no keys needed)."""
        return [LanguagePair(x) for x in self.call("language_pairs", lc_src=lc_src)]

    def language_matrix(self) -> JSON:
        """The language matrix, as sent."""
        return self.call("language_matrix")

    def quote(self, jobs: Mapping[str, Mapping[str, Any]]) -> Dict[str, QuoteEntry]:
        """Prices jobs without ordering; file jobs give a local ``file_path``."""
        return {k: QuoteEntry(v) for k, v in self.call("quote", jobs=jobs).get("jobs", {}).items()}

    def glossaries(self) -> List[Glossary]:
        """The account's glossaries."""
        return [Glossary(g) for g in self.call("glossaries")]

    def get_glossary(self, id: int) -> Glossary:
        """One glossary."""
        return Glossary(self.call("get_glossary", id=id))

    def download_glossary(self, id: int) -> bytes:
        """A glossary's file."""
        return base64.b64decode(self.call("download_glossary", id=id)["base64"])

    # ---- legacy v1.1 ----

    def post_job(self, job: Mapping[str, Any]) -> Job:
        """Legacy v1.1: orders one job."""
        return Job(self.call("post_job", job=job)["job"])

    def job_group(self, group_id: int) -> JobGroup:
        """Legacy v1.1: the jobs of a group."""
        return JobGroup(self.call("job_group", group_id=group_id))

    def job_preview(self, id: int) -> bytes:
        """Legacy v1.1: a JPEG preview of the translation."""
        return base64.b64decode(self.call("job_preview", id=id)["base64"])

    def cancel_jobs(self, ids: Sequence[int]) -> None:
        """Legacy v1.1: cancels several jobs."""
        self.call("cancel_jobs", job_ids=list(ids))


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
