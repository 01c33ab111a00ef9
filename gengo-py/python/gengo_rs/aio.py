"""``gengo_rs.AsyncClient``: the same operations for asyncio.

Each call runs the synchronous client in a worker thread (``asyncio.to_thread``); the
native call releases the GIL, so many awaits overlap their network waits.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from .client import JSON, Client, PathLike
from .models import (
    AccountStats,
    Balance,
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

__all__ = ["AsyncClient"]


class AsyncClient:
    """An asyncio client; takes the same arguments as :class:`gengo_rs.Client`.

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

    async def account_stats(self) -> AccountStats:
        """Credits spent, customer since."""
        return await asyncio.to_thread(self._sync.account_stats)

    async def account_balance(self) -> Balance:
        """Credits available."""
        return await asyncio.to_thread(self._sync.account_balance)

    async def account_me(self) -> Me:
        """The account's own details."""
        return await asyncio.to_thread(self._sync.account_me)

    async def preferred_translators(self) -> List[PreferredTranslators]:
        """Preferred translators by pair and tier."""
        return await asyncio.to_thread(self._sync.preferred_translators)

    async def get_job(self, id: int, *, pre_mt: bool = False) -> Job:
        """One job; with ``pre_mt`` a machine translation stands in until the human one is ready."""
        return await asyncio.to_thread(self._sync.get_job, id, pre_mt=pre_mt)

    async def update_job(self, id: int, action: str, **fields: Any) -> None:
        """``approve``, ``revise``, ``reject`` or ``archive`` a job with the action's fields."""
        return await asyncio.to_thread(self._sync.update_job, id, action, **fields)

    async def approve_job(
        self,
        id: int,
        *,
        rating: Optional[int] = None,
        for_translator: Optional[str] = None,
        for_mygengo: Optional[str] = None,
        public: Optional[bool] = None,
    ) -> None:
        """Approves a reviewable job, optionally rating it 1 to 5."""
        return await asyncio.to_thread(
            self._sync.approve_job, id, rating=rating, for_translator=for_translator, for_mygengo=for_mygengo, public=public
        )

    async def revise_job(self, id: int, comment: str) -> None:
        """Sends a reviewable job back with what to change (three times at most)."""
        return await asyncio.to_thread(self._sync.revise_job, id, comment)

    async def reject_job(self, id: int, reason: str, comment: str, *, follow_up: Optional[str] = None, captcha: Optional[str] = None) -> None:
        """Rejects a reviewable job (reason: quality, incomplete or other; follow_up: requeue or cancel)."""
        return await asyncio.to_thread(self._sync.reject_job, id, reason, comment, follow_up=follow_up, captcha=captcha)

    async def archive_job(self, id: int) -> None:
        """Archives an approved job."""
        return await asyncio.to_thread(self._sync.archive_job, id)

    async def cancel_job(self, id: int) -> None:
        """Cancels a job no translator has started."""
        return await asyncio.to_thread(self._sync.cancel_job, id)

    async def post_job_comment(
        self,
        id: int,
        body: str,
        *,
        attachments: Optional[Sequence[Mapping[str, str]]] = None,
        files: Optional[Sequence[PathLike]] = None,
    ) -> None:
        """Comments on a job, with URL attachments and local files."""
        return await asyncio.to_thread(self._sync.post_job_comment, id, body, attachments=attachments, files=files)

    async def job_comments(self, id: int) -> List[Comment]:
        """A job's comment thread, oldest first."""
        return await asyncio.to_thread(self._sync.job_comments, id)

    async def job_feedback(self, id: int) -> Feedback:
        """A job's feedback."""
        return await asyncio.to_thread(self._sync.job_feedback, id)

    async def job_revisions(self, id: int) -> List[RevisionRef]:
        """A job's revisions."""
        return await asyncio.to_thread(self._sync.job_revisions, id)

    async def job_revision(self, id: int, rev_id: int) -> Revision:
        """One revision's text."""
        return await asyncio.to_thread(self._sync.job_revision, id, rev_id)

    async def order_jobs(
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
        """Orders jobs (spends credits); never retried unless the connection was refused."""
        return await asyncio.to_thread(
            self._sync.order_jobs,
            jobs,
            as_group=as_group,
            comment=comment,
            attachments=attachments,
            tone=tone,
            purpose=purpose,
            reference_id=reference_id,
            **extra,
        )

    async def list_jobs(self, *, status: Optional[str] = None, timestamp_after: Optional[int] = None, count: Optional[int] = None) -> List[JobSummary]:
        """Recent jobs (ids and times); ``count`` 1 to 200."""
        return await asyncio.to_thread(self._sync.list_jobs, status=status, timestamp_after=timestamp_after, count=count)

    async def get_jobs(self, ids: Sequence[int]) -> List[Job]:
        """Several jobs by id."""
        return await asyncio.to_thread(self._sync.get_jobs, ids)

    async def update_jobs(self, action: str, job_ids: Sequence[Union[int, Mapping[str, Any]]], *, comment: Optional[str] = None) -> None:
        """Acts on several jobs at once: ids, or ``{job_id, ...fields}`` objects."""
        return await asyncio.to_thread(self._sync.update_jobs, action, job_ids, comment=comment)

    async def get_order(self, id: int) -> Order:
        """An order with its job ids by status."""
        return await asyncio.to_thread(self._sync.get_order, id)

    async def cancel_order(self, id: int) -> Optional[Order]:
        """Cancels an order's available jobs; the order, when the server returns it."""
        return await asyncio.to_thread(self._sync.cancel_order, id)

    async def post_order_comment(self, id: int, body: str, *, attachments: Optional[Sequence[Mapping[str, str]]] = None) -> None:
        """Comments on an order."""
        return await asyncio.to_thread(self._sync.post_order_comment, id, body, attachments=attachments)

    async def order_comments(self, id: int) -> List[Comment]:
        """An order's comment thread."""
        return await asyncio.to_thread(self._sync.order_comments, id)

    async def languages(self) -> List[Language]:
        """Languages Gengo serves (no keys needed)."""
        return await asyncio.to_thread(self._sync.languages)

    async def language_pairs(self, lc_src: Optional[str] = None) -> List[LanguagePair]:
        """Pairs with tiers and unit prices (no keys needed)."""
        return await asyncio.to_thread(self._sync.language_pairs, lc_src)

    async def language_matrix(self) -> JSON:
        """The language matrix, as sent."""
        return await asyncio.to_thread(self._sync.language_matrix)

    async def quote(self, jobs: Mapping[str, Mapping[str, Any]]) -> Dict[str, QuoteEntry]:
        """Prices jobs without ordering; file jobs give a local ``file_path``."""
        return await asyncio.to_thread(self._sync.quote, jobs)

    async def glossaries(self) -> List[Glossary]:
        """The account's glossaries."""
        return await asyncio.to_thread(self._sync.glossaries)

    async def get_glossary(self, id: int) -> Glossary:
        """One glossary."""
        return await asyncio.to_thread(self._sync.get_glossary, id)

    async def download_glossary(self, id: int) -> bytes:
        """A glossary's file."""
        return await asyncio.to_thread(self._sync.download_glossary, id)

    async def post_job(self, job: Mapping[str, Any]) -> Job:
        """Legacy v1.1: orders one job."""
        return await asyncio.to_thread(self._sync.post_job, job)

    async def job_group(self, group_id: int) -> JobGroup:
        """Legacy v1.1: the jobs of a group."""
        return await asyncio.to_thread(self._sync.job_group, group_id)

    async def job_preview(self, id: int) -> bytes:
        """Legacy v1.1: a JPEG preview of the translation."""
        return await asyncio.to_thread(self._sync.job_preview, id)

    async def cancel_jobs(self, ids: Sequence[int]) -> None:
        """Legacy v1.1: cancels several jobs."""
        return await asyncio.to_thread(self._sync.cancel_jobs, ids)
