"""Helpers of a few models that are not fields (the generated classes in ``models.py``
inherit them: ``Order(OrderHelpers, Model)``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, List

from . import _native

if TYPE_CHECKING:
    from .models import Job

__all__ = ["OrderHelpers", "OrderReceiptHelpers"]


class OrderReceiptHelpers:
    """What :class:`OrderReceipt` adds to its fields."""

    __slots__ = ()
    raw: Dict[str, Any]

    @property
    def old_jobs(self) -> Dict[str, List[Job]]:
        """Jobs Gengo already had (duplicates of approved ones), by the caller's job key."""
        from .models import Job

        jobs = self.raw.get("jobs")
        if isinstance(jobs, dict):
            return {k: [Job(j) for j in v] for k, v in jobs.items() if isinstance(v, list)}
        return {}


class OrderHelpers:
    """What :class:`Order` adds to its fields."""

    __slots__ = ()
    raw: Dict[str, Any]

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
        """Every readable job id the order lists, in status order (gengo-core's
        ``Order::job_ids``)."""
        return _native.order_state(json.dumps(self.raw, default=str))[2]
