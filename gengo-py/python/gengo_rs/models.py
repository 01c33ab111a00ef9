"""Typed results. Each model keeps the normalised dict in ``raw`` and reads typed
attributes from it: money as ``Decimal``, times as ``datetime`` (UTC), statuses and
tiers as ``str``-compatible enums (unknown values stay plain ``str``). Any field the
model does not name is still there: ``model["field"]`` or ``model.raw``.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Callable, Dict, Generic, Iterator, List, Mapping, Optional, Type, TypeVar, Union, overload

from . import _native

__all__ = [
    "JobStatus",
    "Tier",
    "UnitType",
    "Model",
    "Job",
    "JobSummary",
    "OrderReceipt",
    "Order",
    "Comment",
    "Feedback",
    "RevisionRef",
    "Revision",
    "Language",
    "LanguagePair",
    "QuoteError",
    "QuoteEntry",
    "AccountStats",
    "Balance",
    "Me",
    "Translator",
    "PreferredTranslators",
    "Glossary",
    "JobGroup",
    "CallbackEvent",
]

T = TypeVar("T")
M = TypeVar("M", bound="Model")


if sys.version_info >= (3, 11):
    from enum import StrEnum as _StrEnum
else:  # pragma: no cover - Python 3.10

    class _StrEnum(str, Enum):
        """``enum.StrEnum`` for Python 3.10."""

        def __str__(self) -> str:
            return str(self.value)


class JobStatus(_StrEnum):
    """A job's status (``cancelled`` is read as ``canceled``)."""

    QUEUED = "queued"
    AVAILABLE = "available"
    PENDING = "pending"
    REVIEWABLE = "reviewable"
    REVISING = "revising"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELED = "canceled"
    HOLD = "hold"
    UNPAID = "unpaid"

    @classmethod
    def _missing_(cls, value: object) -> "JobStatus | None":
        # Other spellings (``cancelled``, Decision D2) as gengo-core reads them.
        if isinstance(value, str):
            canonical = _native.canonical_status(value)
            if canonical is not None and canonical != value:
                return cls(canonical)
        return None


class Tier(_StrEnum):
    """A quality tier."""

    MACHINE = "machine"
    STANDARD = "standard"
    PRO = "pro"
    ULTRA = "ultra"


class UnitType(_StrEnum):
    """How a language is counted."""

    WORD = "word"
    CHARACTER = "character"


E = TypeVar("E", bound=Enum)


def _enum(cls: Type[E]) -> Callable[[Any], Union[E, str]]:
    def conv(v: Any) -> Union[E, str]:
        try:
            return cls(v)
        except ValueError:
            return str(v)

    return conv


def _decimal(v: Any) -> Decimal:
    try:
        return Decimal(str(v))
    except InvalidOperation as e:
        raise ValueError(f"not a decimal: {v!r}") from e


def _time(v: Any) -> Union[datetime, str]:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return datetime.fromtimestamp(v, tz=timezone.utc)
    return str(v)


class Field(Generic[T]):
    """A typed attribute read from ``raw``; ``None`` when absent or unreadable."""

    def __init__(self, conv: Callable[[Any], T], key: Optional[str] = None) -> None:
        self.conv = conv
        self.key = key or ""

    def __set_name__(self, owner: type, name: str) -> None:
        if not self.key:
            self.key = name

    @overload
    def __get__(self, obj: None, objtype: Optional[type] = None) -> "Field[T]": ...

    @overload
    def __get__(self, obj: "Model", objtype: Optional[type] = None) -> Optional[T]: ...

    def __get__(self, obj: Optional["Model"], objtype: Optional[type] = None) -> Union["Field[T]", Optional[T]]:
        if obj is None:
            return self
        v = obj.raw.get(self.key)
        if v is None:
            return None
        try:
            return self.conv(v)
        except (TypeError, ValueError):
            return None


def _model(cls: Type[M]) -> Callable[[Any], M]:
    return lambda v: cls(v)


def _models(cls: Type[M]) -> Callable[[Any], List[M]]:
    return lambda v: [cls(x) for x in v]


def _ints(v: Any) -> List[int]:
    return [int(x) for x in v]


class Model:
    """A typed view of one result; the dict itself is ``raw``."""

    __slots__ = ("raw",)

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw: Dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}

    @classmethod
    def _adopt(cls: Type[M], raw: Any) -> M:
        """A model over a dict the native module has just built for it (nobody else
        holds it, so it is not copied)."""
        m = object.__new__(cls)
        m.raw = raw if type(raw) is dict else (dict(raw) if isinstance(raw, Mapping) else {})
        return m

    @classmethod
    def _adopt_all(cls: Type[M], items: Any) -> List[M]:
        """:meth:`_adopt` over a list (one call per list, not per item)."""
        new = object.__new__
        out: List[M] = []
        for raw in items:
            m = new(cls)
            m.raw = raw if type(raw) is dict else (dict(raw) if isinstance(raw, Mapping) else {})
            out.append(m)
        return out

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def get(self, key: str, default: Any = None) -> Any:
        """A raw field, or ``default``."""
        return self.raw.get(key, default)

    def to_dict(self) -> Dict[str, Any]:
        """A copy of the raw dict."""
        return dict(self.raw)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, Model) and other.raw == self.raw

    def __hash__(self) -> int:
        return hash((type(self).__name__, repr(sorted(self.raw.items(), key=lambda kv: kv[0]))))

    def __repr__(self) -> str:
        names = [n for n, v in vars(type(self)).items() if isinstance(v, Field)]
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names if self.raw.get(getattr(type(self), n).key) is not None)
        return f"{type(self).__name__}({shown})"


class Job(Model):
    """A translation job."""

    __slots__ = ()
    job_id = Field(int)
    order_id = Field(int)
    slug = Field(str)
    body_src = Field(str)
    body_tgt = Field(str)
    lc_src = Field(str)
    lc_tgt = Field(str)
    unit_count = Field(int)
    tier = Field(_enum(Tier))
    credits = Field(_decimal)
    currency = Field(str)
    status = Field(_enum(JobStatus))
    eta = Field(int)
    ctime = Field(_time)
    callback_url = Field(str)
    auto_approve = Field(bool)
    custom_data = Field(str)
    mt = Field(bool)
    file_url_src = Field(str)
    file_url_tgt = Field(str)
    file_download_ready = Field(bool)
    job_type = Field(str, "type")


class JobSummary(Model):
    """An entry of ``list_jobs``."""

    __slots__ = ()
    job_id = Field(int)
    ctime = Field(_time)


class OrderReceipt(Model):
    """What ordering returned."""

    __slots__ = ()
    order_id = Field(int)
    job_count = Field(int)
    credits_used = Field(_decimal)
    currency = Field(str)
    group_id = Field(int)

    @property
    def old_jobs(self) -> Dict[str, List[Job]]:
        """Earlier identical jobs returned instead of new ones, by your job key."""
        jobs = self.raw.get("jobs")
        if isinstance(jobs, dict):
            return {k: [Job(j) for j in v] for k, v in jobs.items() if isinstance(v, list)}
        return {}


class Order(Model):
    """An order and its job ids by status."""

    __slots__ = ()
    order_id = Field(int)
    total_credits = Field(_decimal)
    currency = Field(str)
    total_units = Field(int)
    total_jobs = Field(int)
    as_group = Field(bool)
    jobs_queued = Field(int)
    jobs_available = Field(_ints)
    jobs_pending = Field(_ints)
    jobs_reviewable = Field(_ints)
    jobs_approved = Field(_ints)
    jobs_revising = Field(_ints)
    jobs_cancelled = Field(_ints)
    jobs_held = Field(_ints)
    jobs_rejected = Field(_ints)

    @property
    def is_processed(self) -> bool:
        """Whether Gengo has finished queueing the order (gengo-core's rule)."""
        return _native.order_state(json.dumps(self.raw, default=str))[0]

    @property
    def in_progress(self) -> bool:
        """Whether any job still waits for Gengo or a translator (queued, available,
        pending or revising); reviewable jobs wait for you (gengo-core's rule)."""
        return _native.order_state(json.dumps(self.raw, default=str))[1]

    def job_ids(self) -> List[int]:
        """Every job id the order lists."""
        out: List[int] = []
        for name in ("jobs_available", "jobs_pending", "jobs_reviewable", "jobs_revising", "jobs_approved", "jobs_rejected", "jobs_cancelled", "jobs_held"):
            out.extend(getattr(self, name) or [])
        return out


class Comment(Model):
    """A comment (job or order thread, or a comment callback)."""

    __slots__ = ()
    body = Field(str)
    author = Field(str)
    ctime = Field(_time)
    job_id = Field(int)
    custom_data = Field(str)


class Feedback(Model):
    """A job's feedback."""

    __slots__ = ()
    rating = Field(_decimal)
    for_translator = Field(str)


class RevisionRef(Model):
    """An entry of a job's revision list."""

    __slots__ = ()
    rev_id = Field(int)
    ctime = Field(_time)


class Revision(Model):
    """One revision's text."""

    __slots__ = ()
    rev_id = Field(int)
    ctime = Field(_time)
    body_tgt = Field(str)


class Language(Model):
    """A language."""

    __slots__ = ()
    language = Field(str)
    localized_name = Field(str)
    lc = Field(str)
    unit_type = Field(_enum(UnitType))


class LanguagePair(Model):
    """A pair with its tier and price per unit."""

    __slots__ = ()
    lc_src = Field(str)
    lc_tgt = Field(str)
    tier = Field(_enum(Tier))
    unit_price = Field(_decimal)
    currency = Field(str)


class QuoteError(Model):
    """Why one entry of a quote failed."""

    __slots__ = ()
    code = Field(int)
    filename = Field(str)
    key = Field(str)


class QuoteEntry(Model):
    """The quote for one job."""

    __slots__ = ()
    unit_count = Field(int)
    credits = Field(_decimal)
    eta = Field(int)
    currency = Field(str)
    identifier = Field(str)
    lc_src_detected = Field(str)
    job_type = Field(str, "type")
    err = Field(_model(QuoteError))


class AccountStats(Model):
    """Account statistics."""

    __slots__ = ()
    credits_spent = Field(_decimal)
    user_since = Field(_time)
    currency = Field(str)
    billing_type = Field(str)
    customer_type = Field(str)


class Balance(Model):
    """The balance."""

    __slots__ = ()
    credits = Field(_decimal)
    currency = Field(str)


class Me(Model):
    """The account's details."""

    __slots__ = ()
    email = Field(str)
    full_name = Field(str)
    display_name = Field(str)
    language_code = Field(str)


class Translator(Model):
    """A preferred translator."""

    __slots__ = ()
    id = Field(int)
    number_of_jobs = Field(int)
    last_login = Field(_time)


class PreferredTranslators(Model):
    """Preferred translators for one pair and tier."""

    __slots__ = ()
    lc_src = Field(str)
    lc_tgt = Field(str)
    tier = Field(_enum(Tier))
    translators = Field(_models(Translator))


class Glossary(Model):
    """A glossary."""

    __slots__ = ()
    id = Field(int)
    title = Field(str)
    source_language_code = Field(str)
    unit_count = Field(int)
    is_public = Field(bool)
    ctime = Field(_time)


class JobGroup(Model):
    """A legacy job group."""

    __slots__ = ()
    jobs = Field(_models(JobSummary))
    ctime = Field(_time)


class CallbackEvent(Model):
    """What Gengo POSTed to a callback URL: a job or a comment."""

    __slots__ = ()
    type = Field(str)
    job = Field(_model(Job))
    comment = Field(_model(Comment))
