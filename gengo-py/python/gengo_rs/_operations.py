# Generated from gengo-core's operation table by
#   cargo run -p gengo-ffi --bin gengo-bindgen -- python > gengo-py/python/gengo_rs/_operations.py
# Do not edit; CI fails when this file differs from what the table generates.
"""One method per Gengo operation, for :class:`gengo_rs.Client` and
:class:`gengo_rs.AsyncClient`: the required parameters positional (path ids first), every
other parameter by keyword, the result typed and unwrapped as the table says."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, TypeVar, Union

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

if TYPE_CHECKING:
    from .client import Client

JSON = Any
T = TypeVar("T")


def _at(v: Any, key: str) -> Any:
    # Results are plain dicts: checked first (typing's Mapping check costs microseconds).
    if type(v) is dict:
        return v.get(key)
    return v.get(key) if isinstance(v, Mapping) else None


def _bytes(v: Any) -> bytes:
    return base64.b64decode(v["base64"])


class Operations:
    """The operations, synchronous."""

    def _op(self, name: str, params: Dict[str, Any]) -> Any:
        raise NotImplementedError

    def account_stats(self, **extra: Any) -> AccountStats:
        """Account statistics: credits spent, customer since. Official name: ``getAccountStats``.

        ``GET account/stats``
        """
        v = self._op("account_stats", {**extra})
        return AccountStats._adopt(v or {})

    def account_balance(self, **extra: Any) -> Balance:
        """Credits available. Official name: ``getAccountBalance``.

        ``GET account/balance``
        """
        v = self._op("account_balance", {**extra})
        return Balance._adopt(v or {})

    def account_me(self, **extra: Any) -> Me:
        """The account's own details. Official name: ``getAccountMe``.

        ``GET account/me``
        """
        v = self._op("account_me", {**extra})
        return Me._adopt(v or {})

    def preferred_translators(self, **extra: Any) -> List[PreferredTranslators]:
        """Preferred translators by pair and tier. Official name: ``getPreferredTranslators``.

        ``GET account/preferred_translators``
        """
        v = self._op("preferred_translators", {**extra})
        return PreferredTranslators._adopt_all(v or [])

    def get_job(self, id: int, *, pre_mt: Any = None, **extra: Any) -> Job:
        """One job. Official name: ``getTranslationJob``.

        ``GET translate/job/{id}``

        ``id``: job id.
        ``pre_mt``: 1: machine translation while the human one is not ready.
        """
        v = self._op("get_job", {"id": id, "pre_mt": pre_mt, **extra})
        return Job._adopt(_at(v, "job") or {})

    def update_job(self, id: int, action: Any, *, rating: Any = None, for_translator: Any = None, for_mygengo: Any = None, public: Any = None, comment: Any = None, reason: Any = None, follow_up: Any = None, captcha: Any = None, **extra: Any) -> None:
        """Approve, revise, reject or archive a job. Official name: ``updateTranslationJob``.

        ``PUT translate/job/{id}``

        ``id``: job id.
        ``action``: approve, revise, reject or archive.
        ``rating``: approve: 1 to 5.
        ``for_translator``: approve: feedback for the translator.
        ``for_mygengo``: approve: feedback for Gengo.
        ``public``: approve: 0/1, feedback may be shared.
        ``comment``: revise/reject: the reason.
        ``reason``: reject: quality, incomplete or other.
        ``follow_up``: reject: requeue or cancel.
        ``captcha``: reject: captcha text (old API).
        """
        self._op("update_job", {"id": id, "action": action, "rating": rating, "for_translator": for_translator, "for_mygengo": for_mygengo, "public": public, "comment": comment, "reason": reason, "follow_up": follow_up, "captcha": captcha, **extra})

    def approve_job(self, id: int, *, rating: Any = None, for_translator: Any = None, for_mygengo: Any = None, public: Any = None, **extra: Any) -> None:
        """Approve a reviewable job.

        ``PUT translate/job/{id}``

        ``id``: job id.
        ``rating``: 1 to 5.
        ``for_translator``: feedback for the translator.
        ``for_mygengo``: feedback for Gengo.
        ``public``: 0/1, feedback may be shared.
        """
        self._op("approve_job", {"id": id, "rating": rating, "for_translator": for_translator, "for_mygengo": for_mygengo, "public": public, **extra})

    def revise_job(self, id: int, comment: Any, **extra: Any) -> None:
        """Send a reviewable job back for changes.

        ``PUT translate/job/{id}``

        ``id``: job id.
        ``comment``: what to change.
        """
        self._op("revise_job", {"id": id, "comment": comment, **extra})

    def reject_job(self, id: int, reason: Any, comment: Any, *, follow_up: Any = None, captcha: Any = None, **extra: Any) -> None:
        """Reject a reviewable job.

        ``PUT translate/job/{id}``

        ``id``: job id.
        ``reason``: quality, incomplete or other.
        ``comment``: why.
        ``follow_up``: requeue (default) or cancel.
        ``captcha``: captcha text (old API).
        """
        self._op("reject_job", {"id": id, "reason": reason, "comment": comment, "follow_up": follow_up, "captcha": captcha, **extra})

    def archive_job(self, id: int, **extra: Any) -> None:
        """Archive an approved job.

        ``PUT translate/job/{id}``

        ``id``: job id.
        """
        self._op("archive_job", {"id": id, **extra})

    def cancel_job(self, id: int, **extra: Any) -> None:
        """Cancel an available job. Official name: ``deleteTranslationJob``.

        ``DELETE translate/job/{id}``

        ``id``: job id.
        """
        self._op("cancel_job", {"id": id, **extra})

    def post_job_comment(self, id: int, body: Any, *, attachments: Any = None, files: Any = None, **extra: Any) -> None:
        """Comment on a job. Official name: ``postTranslationJobComment``.

        ``POST translate/job/{id}/comment``

        ``id``: job id.
        ``body``: the comment (at most 25,000 characters).
        ``attachments``: URL attachments: [{url, filename, mime_type}].
        ``files``: local files to attach (multipart).
        """
        self._op("post_job_comment", {"id": id, "body": body, "attachments": attachments, "files": files, **extra})

    def job_comments(self, id: int, **extra: Any) -> List[Comment]:
        """A job's comment thread. Official name: ``getTranslationJobComments``.

        ``GET translate/job/{id}/comments``

        ``id``: job id.
        """
        v = self._op("job_comments", {"id": id, **extra})
        return Comment._adopt_all(_at(v, "thread") or [])

    def job_feedback(self, id: int, **extra: Any) -> Feedback:
        """A job's feedback. Official name: ``getTranslationJobFeedback``.

        ``GET translate/job/{id}/feedback``

        ``id``: job id.
        """
        v = self._op("job_feedback", {"id": id, **extra})
        return Feedback._adopt(_at(v, "feedback") or {})

    def job_revisions(self, id: int, **extra: Any) -> List[RevisionRef]:
        """A job's revisions. Official name: ``getTranslationJobRevisions``.

        ``GET translate/job/{id}/revisions``

        ``id``: job id.
        """
        v = self._op("job_revisions", {"id": id, **extra})
        return RevisionRef._adopt_all(_at(v, "revisions") or [])

    def job_revision(self, id: int, rev_id: int, **extra: Any) -> Revision:
        """One revision of a job. Official name: ``getTranslationJobRevision``.

        ``GET translate/job/{id}/revision/{rev_id}``

        ``id``: job id.
        ``rev_id``: revision id.
        """
        v = self._op("job_revision", {"id": id, "rev_id": rev_id, **extra})
        return Revision._adopt(_at(v, "revision") or {})

    def order_jobs(self, jobs: Any, *, as_group: Any = None, comment: Any = None, attachments: Any = None, tone: Any = None, purpose: Any = None, reference_id: Any = None, process: Any = None, **extra: Any) -> OrderReceipt:
        """Order jobs (spends credits). Official name: ``postTranslationJobs``.

        ``POST translate/jobs``

        ``jobs``: jobs keyed by your own keys (or a list).
        ``as_group``: 0/1: one translator for all jobs.
        ``comment``: instructions for the whole order.
        ``attachments``: order-level URL attachments.
        ``tone``: tone.
        ``purpose``: purpose.
        ``reference_id``: your integer reference (>= 0).
        ``process``: legacy 0/1.
        """
        v = self._op("order_jobs", {"jobs": jobs, "as_group": as_group, "comment": comment, "attachments": attachments, "tone": tone, "purpose": purpose, "reference_id": reference_id, "process": process, **extra})
        return OrderReceipt._adopt(v or {})

    def list_jobs(self, *, status: Any = None, timestamp_after: Any = None, count: Any = None, **extra: Any) -> List[JobSummary]:
        """Recent jobs (ids and times). Official name: ``getTranslationJobs``.

        ``GET translate/jobs``

        ``status``: only jobs in this status.
        ``timestamp_after``: only jobs created after this Unix time.
        ``count``: at most this many (1 to 200).
        """
        v = self._op("list_jobs", {"status": status, "timestamp_after": timestamp_after, "count": count, **extra})
        return JobSummary._adopt_all(v or [])

    def get_jobs(self, ids: Union[int, str, Sequence[int]], **extra: Any) -> List[Job]:
        """Several jobs by id. Official name: ``getTranslationJobBatch``.

        ``GET translate/jobs/{ids}``

        ``ids``: job ids (list, or comma-separated).
        """
        v = self._op("get_jobs", {"ids": ids, **extra})
        return Job._adopt_all(_at(v, "jobs") or [])

    def update_jobs(self, action: Any, job_ids: Any, *, comment: Any = None, **extra: Any) -> None:
        """Act on several jobs at once. Official name: ``updateTranslationJobs``.

        ``PUT translate/jobs``

        ``action``: approve, revise, reject or archive.
        ``job_ids``: ids, or objects {job_id, ...fields of the action}.
        ``comment``: default comment for revise/reject.
        """
        self._op("update_jobs", {"action": action, "job_ids": job_ids, "comment": comment, **extra})

    def get_order(self, id: int, **extra: Any) -> Order:
        """An order with its job ids by status. Official name: ``getTranslationOrderJobs``.

        ``GET translate/order/{id}``

        ``id``: order id.
        """
        v = self._op("get_order", {"id": id, **extra})
        return Order._adopt(_at(v, "order") or {})

    def cancel_order(self, id: int, **extra: Any) -> Optional[Order]:
        """Cancel an order's available jobs. Official name: ``deleteTranslationOrder``.

        ``DELETE translate/order/{id}``

        ``id``: order id.
        """
        v = self._op("cancel_order", {"id": id, **extra})
        return Order._adopt(_at(v, "order")) if _at(v, "order") else None

    def post_order_comment(self, id: int, body: Any, *, attachments: Any = None, **extra: Any) -> None:
        """Comment on an order. Official name: ``postOrderComment``.

        ``POST translate/order/{id}/comment``

        ``id``: order id.
        ``body``: the comment.
        ``attachments``: URL attachments.
        """
        self._op("post_order_comment", {"id": id, "body": body, "attachments": attachments, **extra})

    def order_comments(self, id: int, **extra: Any) -> List[Comment]:
        """An order's comment thread. Official name: ``getOrderComments``.

        ``GET translate/order/{id}/comments``

        ``id``: order id.
        """
        v = self._op("order_comments", {"id": id, **extra})
        return Comment._adopt_all(_at(v, "thread") or [])

    def languages(self, **extra: Any) -> List[Language]:
        """Languages (no keys needed). Official name: ``getServiceLanguages``.

        ``GET translate/service/languages``
        """
        v = self._op("languages", {**extra})
        return Language._adopt_all(v or [])

    def language_pairs(self, *, lc_src: Any = None, **extra: Any) -> List[LanguagePair]:
        """Language pairs with tiers and unit prices (no keys needed). Official name: ``getServiceLanguagePairs``.

        ``GET translate/service/language_pairs``

        ``lc_src``: only pairs from this source language.
        """
        v = self._op("language_pairs", {"lc_src": lc_src, **extra})
        return LanguagePair._adopt_all(v or [])

    def language_matrix(self, **extra: Any) -> JSON:
        """The language matrix (undocumented shape, returned as sent). Official name: ``getServiceLanguageMatrix``.

        ``GET translate/service/language_matrix``
        """
        v = self._op("language_matrix", {**extra})
        return v

    def quote(self, jobs: Any, **extra: Any) -> Dict[str, QuoteEntry]:
        """Price text or file jobs without ordering. Official name: ``determineTranslationCost``.

        ``POST translate/service/quote``

        ``jobs``: jobs keyed by your own keys; file jobs give a local `file_path`.
        """
        v = self._op("quote", {"jobs": jobs, **extra})
        return {k: QuoteEntry._adopt(x) for k, x in (_at(v, "jobs") or {}).items()}

    def glossaries(self, **extra: Any) -> List[Glossary]:
        """The account's glossaries. Official name: ``getGlossaryList``.

        ``GET translate/glossary``
        """
        v = self._op("glossaries", {**extra})
        return Glossary._adopt_all(v or [])

    def get_glossary(self, id: int, **extra: Any) -> Glossary:
        """One glossary. Official name: ``getGlossary``.

        ``GET translate/glossary/{id}``

        ``id``: glossary id.
        """
        v = self._op("get_glossary", {"id": id, **extra})
        return Glossary._adopt(v or {})

    def download_glossary(self, id: int, **extra: Any) -> bytes:
        """A glossary's file (bytes). Official name: ``getGlossaryFile``.

        ``GET translate/glossary/download/{id}``

        ``id``: glossary id.
        """
        v = self._op("download_glossary", {"id": id, **extra})
        return _bytes(v)

    def post_job(self, job: Any, **extra: Any) -> Job:
        """Legacy v1.1: order one job. Official name: ``postTranslationJob``.

        ``POST translate/job`` (v1.1)

        ``job``: one job payload.
        """
        v = self._op("post_job", {"job": job, **extra})
        return Job._adopt(_at(v, "job") or {})

    def job_group(self, group_id: int, **extra: Any) -> JobGroup:
        """Legacy v1.1: the jobs of a group. Official name: ``getTranslationJobGroup``.

        ``GET translate/jobs/group/{group_id}`` (v1.1)

        ``group_id``: group id.
        """
        v = self._op("job_group", {"group_id": group_id, **extra})
        return JobGroup._adopt(v or {})

    def job_preview(self, id: int, **extra: Any) -> bytes:
        """Legacy v1.1: JPEG preview of a translation (bytes). Official name: ``getTranslationJobPreview``.

        ``GET translate/job/{id}/preview`` (v1.1)

        ``id``: job id.
        """
        v = self._op("job_preview", {"id": id, **extra})
        return _bytes(v)

    def cancel_jobs(self, job_ids: Union[int, str, Sequence[int]], **extra: Any) -> None:
        """Legacy v1.1: cancel several jobs. Official name: ``deleteTranslationJobs``.

        ``DELETE translate/jobs`` (v1.1)

        ``job_ids``: job ids (list, or comma-separated).
        """
        self._op("cancel_jobs", {"job_ids": job_ids, **extra})


class AsyncOperations:
    """The operations, for asyncio (each runs the synchronous call in a worker thread)."""

    _sync: Client

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        raise NotImplementedError

    async def account_stats(self, **extra: Any) -> AccountStats:
        """Account statistics: credits spent, customer since. Official name: ``getAccountStats``.

        ``GET account/stats``
        """
        return await self._run(self._sync.account_stats, **extra)

    async def account_balance(self, **extra: Any) -> Balance:
        """Credits available. Official name: ``getAccountBalance``.

        ``GET account/balance``
        """
        return await self._run(self._sync.account_balance, **extra)

    async def account_me(self, **extra: Any) -> Me:
        """The account's own details. Official name: ``getAccountMe``.

        ``GET account/me``
        """
        return await self._run(self._sync.account_me, **extra)

    async def preferred_translators(self, **extra: Any) -> List[PreferredTranslators]:
        """Preferred translators by pair and tier. Official name: ``getPreferredTranslators``.

        ``GET account/preferred_translators``
        """
        return await self._run(self._sync.preferred_translators, **extra)

    async def get_job(self, id: int, *, pre_mt: Any = None, **extra: Any) -> Job:
        """One job. Official name: ``getTranslationJob``.

        ``GET translate/job/{id}``

        ``id``: job id.
        ``pre_mt``: 1: machine translation while the human one is not ready.
        """
        return await self._run(self._sync.get_job, id, pre_mt=pre_mt, **extra)

    async def update_job(self, id: int, action: Any, *, rating: Any = None, for_translator: Any = None, for_mygengo: Any = None, public: Any = None, comment: Any = None, reason: Any = None, follow_up: Any = None, captcha: Any = None, **extra: Any) -> None:
        """Approve, revise, reject or archive a job. Official name: ``updateTranslationJob``.

        ``PUT translate/job/{id}``

        ``id``: job id.
        ``action``: approve, revise, reject or archive.
        ``rating``: approve: 1 to 5.
        ``for_translator``: approve: feedback for the translator.
        ``for_mygengo``: approve: feedback for Gengo.
        ``public``: approve: 0/1, feedback may be shared.
        ``comment``: revise/reject: the reason.
        ``reason``: reject: quality, incomplete or other.
        ``follow_up``: reject: requeue or cancel.
        ``captcha``: reject: captcha text (old API).
        """
        return await self._run(self._sync.update_job, id, action, rating=rating, for_translator=for_translator, for_mygengo=for_mygengo, public=public, comment=comment, reason=reason, follow_up=follow_up, captcha=captcha, **extra)

    async def approve_job(self, id: int, *, rating: Any = None, for_translator: Any = None, for_mygengo: Any = None, public: Any = None, **extra: Any) -> None:
        """Approve a reviewable job.

        ``PUT translate/job/{id}``

        ``id``: job id.
        ``rating``: 1 to 5.
        ``for_translator``: feedback for the translator.
        ``for_mygengo``: feedback for Gengo.
        ``public``: 0/1, feedback may be shared.
        """
        return await self._run(self._sync.approve_job, id, rating=rating, for_translator=for_translator, for_mygengo=for_mygengo, public=public, **extra)

    async def revise_job(self, id: int, comment: Any, **extra: Any) -> None:
        """Send a reviewable job back for changes.

        ``PUT translate/job/{id}``

        ``id``: job id.
        ``comment``: what to change.
        """
        return await self._run(self._sync.revise_job, id, comment, **extra)

    async def reject_job(self, id: int, reason: Any, comment: Any, *, follow_up: Any = None, captcha: Any = None, **extra: Any) -> None:
        """Reject a reviewable job.

        ``PUT translate/job/{id}``

        ``id``: job id.
        ``reason``: quality, incomplete or other.
        ``comment``: why.
        ``follow_up``: requeue (default) or cancel.
        ``captcha``: captcha text (old API).
        """
        return await self._run(self._sync.reject_job, id, reason, comment, follow_up=follow_up, captcha=captcha, **extra)

    async def archive_job(self, id: int, **extra: Any) -> None:
        """Archive an approved job.

        ``PUT translate/job/{id}``

        ``id``: job id.
        """
        return await self._run(self._sync.archive_job, id, **extra)

    async def cancel_job(self, id: int, **extra: Any) -> None:
        """Cancel an available job. Official name: ``deleteTranslationJob``.

        ``DELETE translate/job/{id}``

        ``id``: job id.
        """
        return await self._run(self._sync.cancel_job, id, **extra)

    async def post_job_comment(self, id: int, body: Any, *, attachments: Any = None, files: Any = None, **extra: Any) -> None:
        """Comment on a job. Official name: ``postTranslationJobComment``.

        ``POST translate/job/{id}/comment``

        ``id``: job id.
        ``body``: the comment (at most 25,000 characters).
        ``attachments``: URL attachments: [{url, filename, mime_type}].
        ``files``: local files to attach (multipart).
        """
        return await self._run(self._sync.post_job_comment, id, body, attachments=attachments, files=files, **extra)

    async def job_comments(self, id: int, **extra: Any) -> List[Comment]:
        """A job's comment thread. Official name: ``getTranslationJobComments``.

        ``GET translate/job/{id}/comments``

        ``id``: job id.
        """
        return await self._run(self._sync.job_comments, id, **extra)

    async def job_feedback(self, id: int, **extra: Any) -> Feedback:
        """A job's feedback. Official name: ``getTranslationJobFeedback``.

        ``GET translate/job/{id}/feedback``

        ``id``: job id.
        """
        return await self._run(self._sync.job_feedback, id, **extra)

    async def job_revisions(self, id: int, **extra: Any) -> List[RevisionRef]:
        """A job's revisions. Official name: ``getTranslationJobRevisions``.

        ``GET translate/job/{id}/revisions``

        ``id``: job id.
        """
        return await self._run(self._sync.job_revisions, id, **extra)

    async def job_revision(self, id: int, rev_id: int, **extra: Any) -> Revision:
        """One revision of a job. Official name: ``getTranslationJobRevision``.

        ``GET translate/job/{id}/revision/{rev_id}``

        ``id``: job id.
        ``rev_id``: revision id.
        """
        return await self._run(self._sync.job_revision, id, rev_id, **extra)

    async def order_jobs(self, jobs: Any, *, as_group: Any = None, comment: Any = None, attachments: Any = None, tone: Any = None, purpose: Any = None, reference_id: Any = None, process: Any = None, **extra: Any) -> OrderReceipt:
        """Order jobs (spends credits). Official name: ``postTranslationJobs``.

        ``POST translate/jobs``

        ``jobs``: jobs keyed by your own keys (or a list).
        ``as_group``: 0/1: one translator for all jobs.
        ``comment``: instructions for the whole order.
        ``attachments``: order-level URL attachments.
        ``tone``: tone.
        ``purpose``: purpose.
        ``reference_id``: your integer reference (>= 0).
        ``process``: legacy 0/1.
        """
        return await self._run(self._sync.order_jobs, jobs, as_group=as_group, comment=comment, attachments=attachments, tone=tone, purpose=purpose, reference_id=reference_id, process=process, **extra)

    async def list_jobs(self, *, status: Any = None, timestamp_after: Any = None, count: Any = None, **extra: Any) -> List[JobSummary]:
        """Recent jobs (ids and times). Official name: ``getTranslationJobs``.

        ``GET translate/jobs``

        ``status``: only jobs in this status.
        ``timestamp_after``: only jobs created after this Unix time.
        ``count``: at most this many (1 to 200).
        """
        return await self._run(self._sync.list_jobs, status=status, timestamp_after=timestamp_after, count=count, **extra)

    async def get_jobs(self, ids: Union[int, str, Sequence[int]], **extra: Any) -> List[Job]:
        """Several jobs by id. Official name: ``getTranslationJobBatch``.

        ``GET translate/jobs/{ids}``

        ``ids``: job ids (list, or comma-separated).
        """
        return await self._run(self._sync.get_jobs, ids, **extra)

    async def update_jobs(self, action: Any, job_ids: Any, *, comment: Any = None, **extra: Any) -> None:
        """Act on several jobs at once. Official name: ``updateTranslationJobs``.

        ``PUT translate/jobs``

        ``action``: approve, revise, reject or archive.
        ``job_ids``: ids, or objects {job_id, ...fields of the action}.
        ``comment``: default comment for revise/reject.
        """
        return await self._run(self._sync.update_jobs, action, job_ids, comment=comment, **extra)

    async def get_order(self, id: int, **extra: Any) -> Order:
        """An order with its job ids by status. Official name: ``getTranslationOrderJobs``.

        ``GET translate/order/{id}``

        ``id``: order id.
        """
        return await self._run(self._sync.get_order, id, **extra)

    async def cancel_order(self, id: int, **extra: Any) -> Optional[Order]:
        """Cancel an order's available jobs. Official name: ``deleteTranslationOrder``.

        ``DELETE translate/order/{id}``

        ``id``: order id.
        """
        return await self._run(self._sync.cancel_order, id, **extra)

    async def post_order_comment(self, id: int, body: Any, *, attachments: Any = None, **extra: Any) -> None:
        """Comment on an order. Official name: ``postOrderComment``.

        ``POST translate/order/{id}/comment``

        ``id``: order id.
        ``body``: the comment.
        ``attachments``: URL attachments.
        """
        return await self._run(self._sync.post_order_comment, id, body, attachments=attachments, **extra)

    async def order_comments(self, id: int, **extra: Any) -> List[Comment]:
        """An order's comment thread. Official name: ``getOrderComments``.

        ``GET translate/order/{id}/comments``

        ``id``: order id.
        """
        return await self._run(self._sync.order_comments, id, **extra)

    async def languages(self, **extra: Any) -> List[Language]:
        """Languages (no keys needed). Official name: ``getServiceLanguages``.

        ``GET translate/service/languages``
        """
        return await self._run(self._sync.languages, **extra)

    async def language_pairs(self, *, lc_src: Any = None, **extra: Any) -> List[LanguagePair]:
        """Language pairs with tiers and unit prices (no keys needed). Official name: ``getServiceLanguagePairs``.

        ``GET translate/service/language_pairs``

        ``lc_src``: only pairs from this source language.
        """
        return await self._run(self._sync.language_pairs, lc_src=lc_src, **extra)

    async def language_matrix(self, **extra: Any) -> JSON:
        """The language matrix (undocumented shape, returned as sent). Official name: ``getServiceLanguageMatrix``.

        ``GET translate/service/language_matrix``
        """
        return await self._run(self._sync.language_matrix, **extra)

    async def quote(self, jobs: Any, **extra: Any) -> Dict[str, QuoteEntry]:
        """Price text or file jobs without ordering. Official name: ``determineTranslationCost``.

        ``POST translate/service/quote``

        ``jobs``: jobs keyed by your own keys; file jobs give a local `file_path`.
        """
        return await self._run(self._sync.quote, jobs, **extra)

    async def glossaries(self, **extra: Any) -> List[Glossary]:
        """The account's glossaries. Official name: ``getGlossaryList``.

        ``GET translate/glossary``
        """
        return await self._run(self._sync.glossaries, **extra)

    async def get_glossary(self, id: int, **extra: Any) -> Glossary:
        """One glossary. Official name: ``getGlossary``.

        ``GET translate/glossary/{id}``

        ``id``: glossary id.
        """
        return await self._run(self._sync.get_glossary, id, **extra)

    async def download_glossary(self, id: int, **extra: Any) -> bytes:
        """A glossary's file (bytes). Official name: ``getGlossaryFile``.

        ``GET translate/glossary/download/{id}``

        ``id``: glossary id.
        """
        return await self._run(self._sync.download_glossary, id, **extra)

    async def post_job(self, job: Any, **extra: Any) -> Job:
        """Legacy v1.1: order one job. Official name: ``postTranslationJob``.

        ``POST translate/job`` (v1.1)

        ``job``: one job payload.
        """
        return await self._run(self._sync.post_job, job, **extra)

    async def job_group(self, group_id: int, **extra: Any) -> JobGroup:
        """Legacy v1.1: the jobs of a group. Official name: ``getTranslationJobGroup``.

        ``GET translate/jobs/group/{group_id}`` (v1.1)

        ``group_id``: group id.
        """
        return await self._run(self._sync.job_group, group_id, **extra)

    async def job_preview(self, id: int, **extra: Any) -> bytes:
        """Legacy v1.1: JPEG preview of a translation (bytes). Official name: ``getTranslationJobPreview``.

        ``GET translate/job/{id}/preview`` (v1.1)

        ``id``: job id.
        """
        return await self._run(self._sync.job_preview, id, **extra)

    async def cancel_jobs(self, job_ids: Union[int, str, Sequence[int]], **extra: Any) -> None:
        """Legacy v1.1: cancel several jobs. Official name: ``deleteTranslationJobs``.

        ``DELETE translate/jobs`` (v1.1)

        ``job_ids``: job ids (list, or comma-separated).
        """
        return await self._run(self._sync.cancel_jobs, job_ids, **extra)
