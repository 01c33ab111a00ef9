"""Every operation of gengo_rs.Client against the sandbox, typed results included."""

from __future__ import annotations

import asyncio
import base64
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

import gengo_rs
from gengo_rs.models import JobStatus, Tier, UnitType


def order_two(client: gengo_rs.Client, sandbox, unique: str):
    receipt = client.order_jobs(
        {
            "a": {"type": "text", "body_src": f"Hello from Python {unique}", "lc_src": "en", "lc_tgt": "ja", "tier": "standard", "custom_data": "py-a"},
            "b": {"type": "text", "body_src": f"Second text {unique}", "lc_src": "en", "lc_tgt": "fr", "tier": "pro"},
        },
        comment="order note",
        tone="friendly",
    )
    sandbox.advance(10)
    return receipt, client.get_order(receipt.order_id)


def test_account_and_service(client: gengo_rs.Client) -> None:
    balance = client.account_balance()
    assert isinstance(balance.credits, Decimal) and balance.currency == "USD"
    stats = client.account_stats()
    assert isinstance(stats.user_since, datetime) and isinstance(stats.credits_spent, Decimal)
    assert client.account_me().email
    assert client.preferred_translators() == []
    langs = client.languages()
    ja = next(l for l in langs if l.lc == "ja")
    assert ja.unit_type is UnitType.CHARACTER and ja.unit_type == "character"
    pairs = client.language_pairs(lc_src="ja")
    assert pairs and all(p.lc_src == "ja" for p in pairs)
    assert any(p.tier is Tier.MACHINE for p in pairs)
    assert isinstance(pairs[0].unit_price, Decimal)
    assert "en" in client.language_matrix()
    quote = client.quote({"k": {"type": "text", "body_src": "plop plop!", "lc_src": "en", "lc_tgt": "es", "tier": "pro"}})
    assert quote["k"].unit_count == 2 and quote["k"].credits == Decimal("0.2")
    g = client.glossaries()[0]
    assert g.title and client.get_glossary(g.id).id == g.id
    assert b"Gengo" in client.download_glossary(g.id)


def test_order_lifecycle(client: gengo_rs.Client, sandbox, unique: str) -> None:
    receipt, order = order_two(client, sandbox, unique)
    assert receipt.job_count == 2 and receipt.credits_used == Decimal("0.50")
    assert order.is_processed and order.in_progress and len(order.jobs_available or []) == 2
    a, b = order.jobs_available or []
    jobs = {j.job_id: j for j in client.get_jobs([a, b])}
    assert jobs[a].status is JobStatus.AVAILABLE and jobs[a].status == "available"
    assert jobs[a].custom_data == "py-a" and isinstance(jobs[a].ctime, datetime)
    assert client.order_comments(receipt.order_id)[0].body == "order note"
    client.post_order_comment(receipt.order_id, "second note")
    assert client.order_comments(receipt.order_id)[-1].body == "second note"
    sandbox.advance(400)
    job = client.get_job(a)
    assert job.status is JobStatus.REVIEWABLE and job.body_tgt and job.credits == Decimal("0.20")
    client.approve_job(a, rating=5, for_translator="great")
    assert client.get_job(a).status is JobStatus.APPROVED
    assert client.job_feedback(a).rating == Decimal(5)
    client.post_job_comment(b, "Johnson & Johnson, 日本")
    assert client.job_comments(b)[-1].body == "Johnson & Johnson, 日本"
    client.revise_job(b, "warmer")
    assert client.get_job(b).status is JobStatus.REVISING
    sandbox.advance(300)
    revs = client.job_revisions(b)
    assert len(revs) == 2 and client.job_revision(b, revs[0].rev_id or 0).body_tgt
    client.reject_job(b, "quality", "still cold", follow_up="cancel")
    assert client.get_job(b).status is JobStatus.REJECTED
    listed = [j.job_id for j in client.list_jobs(status="approved", count=200)]
    assert a in listed
    client.archive_job(a)
    assert a not in [j.job_id for j in client.list_jobs(count=200)]


def test_generic_and_bulk_updates(client: gengo_rs.Client, sandbox, unique: str) -> None:
    _, order = order_two(client, sandbox, unique)
    a, b = order.jobs_available or []
    client.cancel_job(a)
    assert client.call("getTranslationJob", id=a)["job"]["status"] == "canceled"
    sandbox.force(b, "reviewable")
    client.update_job(b, "approve", rating=4)
    client.update_jobs("archive", [b])
    assert b not in [j.job_id for j in client.list_jobs(count=200)]


def test_cancel_order_and_legacy(client: gengo_rs.Client, sandbox, unique: str) -> None:
    receipt, order = order_two(client, sandbox, unique)
    cancelled = client.cancel_order(receipt.order_id)
    assert cancelled is not None and len(cancelled.jobs_cancelled or []) == 2
    job = client.post_job({"type": "text", "body_src": f"legacy {unique}", "lc_src": "en", "lc_tgt": "es", "tier": "standard"})
    assert job.status is JobStatus.AVAILABLE
    assert client.job_preview(job.job_id or 0)[:2] == b"\xff\xd8"
    client.cancel_jobs([job.job_id or 0])
    grouped = client.order_jobs({"x": {"body_src": f"g1 {unique}", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"},
                                 "y": {"body_src": f"g2 {unique}", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}})
    sandbox.advance(10)
    assert len(client.job_group(grouped.group_id or 0).jobs or []) == 2


def test_file_quote_and_comment_files(client: gengo_rs.Client, sandbox, unique: str, tmp_path: Path) -> None:
    doc = tmp_path / "menu.txt"
    doc.write_text(f"Soup and bread {unique}")
    faq = tmp_path / "faq.txt"
    faq.write_text(f"Where is my order {unique}")
    q = client.quote({"filejob_01": {"type": "file", "file_path": str(doc), "lc_src": "en", "lc_tgt": "ja", "tier": "standard"},
                      "filejob_02": {"type": "file", "file_path": str(faq), "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}})
    assert q["filejob_01"].identifier and q["filejob_01"].unit_count == 4
    # Gengo's file flow: the order names the quote's identifier; pair and tier come from the quote.
    r = client.order_jobs({k: {"type": "file", "identifier": q[k].identifier, "comment": "Test comment", "force": 1}
                           for k in ("filejob_01", "filejob_02")})
    assert r.job_count == 2
    sandbox.advance(10)
    order = client.get_order(r.order_id or 0)
    jobs = client.get_jobs(order.jobs_available or [])
    assert sorted((j.job_type, j.lc_src, j.lc_tgt) for j in jobs) == [("file", "en", "ja")] * 2
    job_id = (order.jobs_available or [0])[0]
    client.post_job_comment(job_id, "see attached", files=[doc])
    assert client.job_comments(job_id)[-1]["attachments"][0]["filename"] == "menu.txt"


def test_status_enums_are_strings() -> None:
    from gengo_rs.models import Job

    assert JobStatus("cancelled") is JobStatus.CANCELED
    assert Job({"status": "cancelled"}).status is JobStatus.CANCELED
    assert Job({"status": "deleted"}).status == "deleted"
    assert f"{JobStatus.PENDING}" == "pending" and JobStatus.APPROVED == "approved"


def test_models_keep_the_raw_dict(client: gengo_rs.Client) -> None:
    b = client.account_balance()
    assert b["currency"] == "USD" and b.raw == b.to_dict() and "credits" in b
    assert "Balance(" in repr(b)


def test_callbacks_and_units() -> None:
    ev = gengo_rs.parse_callback(b"job=%7B%22job_id%22%3A%2242%22%2C%22status%22%3A%22reviewable%22%7D", "application/x-www-form-urlencoded")
    assert ev.type == "job" and ev.job is not None and ev.job.job_id == 42 and ev.job.status is JobStatus.REVIEWABLE
    ev = gengo_rs.parse_callback('{"comment": {"job_id": 7, "body": "hi"}}', "application/json")
    assert ev.comment is not None and ev.comment.body == "hi" and ev.job is None
    with pytest.raises(gengo_rs.GengoDecodeError):
        gengo_rs.parse_callback(b"job=%7Bbroken")
    assert gengo_rs.unit_count("Hello [[[Gengo]]] world", "en") == 2
    assert gengo_rs.unit_count("日本語", "ja") == 3
    names = {o["name"] for o in gengo_rs.operations()}
    assert {"order_jobs", "get_job", "quote"} <= names


def test_repr_and_context_manager_never_show_secrets(sandbox) -> None:
    c = gengo_rs.Client("pub", "very-secret-private-key", base_url=sandbox.url, from_env=False)
    assert "very-secret-private-key" not in repr(c) and "redacted" in repr(c)
    with c:
        pass
    assert repr(c) == "Client(closed)"
    with pytest.raises(ValueError):
        c.account_balance()


def test_bytes_are_base64_in_call(client: gengo_rs.Client) -> None:
    g = client.glossaries()[0]
    raw = client.call("download_glossary", id=g.id)
    assert base64.b64decode(raw["base64"]) == client.download_glossary(g.id)


def test_async_client_runs_the_flow(sandbox, unique: str) -> None:
    import asyncio

    async def flow() -> None:
        async with gengo_rs.AsyncClient(base_url=sandbox.url, public_key="sandbox_public_key", private_key="sandbox_private_key", from_env=False) as c:
            r = await c.order_jobs({"a": {"type": "text", "body_src": f"async {unique}", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}, comment="async")
            sandbox.advance(400)
            order = await c.get_order(r.order_id or 0)
            job_id = (order.jobs_reviewable or [])[0]
            await c.approve_job(job_id, rating=5)
            job, comments, listed = await asyncio.gather(c.get_job(job_id), c.order_comments(r.order_id or 0), c.list_jobs(count=5))
            assert job.status is JobStatus.APPROVED and comments[0].body == "async" and listed
            assert (await c.call("getTranslationJob", id=job_id))["job"]["status"] == "approved"

    asyncio.run(flow())


def test_wait_for_order_sync_and_async(client: gengo_rs.Client, sandbox, unique: str) -> None:
    import threading
    import time

    r = client.order_jobs({"w": {"type": "text", "body_src": f"wait {unique}", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}})
    started = time.monotonic()
    o = client.wait_for_order(r.order_id or 0, timeout=0.3, interval=0.05)
    took = time.monotonic() - started
    assert o.in_progress and 0.3 <= took < 10.0  # ends at its timeout (slack for a loaded machine)
    # The sandbox's clock moves while we wait: the wait ends when nothing waits for a translator.
    timer = threading.Timer(0.2, lambda: sandbox.advance(100_000))
    timer.start()
    try:
        o = client.wait_for_order(r.order_id or 0, timeout=20, interval=0.05)
    finally:
        timer.join()
    assert not o.in_progress and len(o.jobs_reviewable or []) == 1

    async def main() -> gengo_rs.Order:
        async with gengo_rs.AsyncClient("sandbox_public_key", "sandbox_private_key", base_url=sandbox.url, rate_limit_per_minute=0, from_env=False) as c:
            return await c.wait_for_order(r.order_id or 0, timeout=5)

    assert not asyncio.run(main()).in_progress


def _without_auth(body: bytes) -> bytes:
    import re

    return re.sub(rb"(^|&)(ts|api_sig)=[^&]*", b"", body)


def test_orders_stream_into_the_same_request_as_the_tree(order_recorder) -> None:
    # A dict order is walked job by job straight into the form body (no tree of the
    # whole order); the JSON-text path builds the tree. Both must send the same bytes.
    import json

    c = gengo_rs.Client("pub", "priv", base_url=order_recorder.url, max_retries=0, rate_limit_per_minute=0, from_env=False)
    jobs = {
        f"k{i} é&=+": {"type": "text", "body_src": f"Text {i} & «more» %20", "lc_src": "en", "lc_tgt": "ja",
                       "tier": "STANDARD" if i % 2 else "pro", "auto_approve": i % 2 == 0, "custom_data": "x" * i,
                       "position": i, "extra_field": {"nested": [1, 2.5, None]}}
        for i in range(40)
    }
    # The dict order takes the stream (so the comparison below is stream against tree);
    # params whose first key is not `jobs` go the tree way.
    from gengo_rs import _native

    assert _native.order_streams("postTranslationJobs", {"jobs": jobs, "comment": "note"})
    assert not _native.order_streams("order_jobs", {"comment": "note", "jobs": jobs})
    assert not _native.order_streams("quote", {"jobs": jobs})
    receipt = c.order_jobs(jobs, comment="note", as_group=True, tone="formal", purpose="Business", process=1)
    assert receipt.order_id == 7 and receipt.job_count == 2
    params = {"jobs": jobs, "as_group": True, "comment": "note", "tone": "formal", "purpose": "Business", "process": 1}
    c._client().call("order_jobs", json.dumps(params))
    streamed, tree = (body for (_, _, body) in order_recorder.seen[-2:])
    assert _without_auth(streamed) == _without_auth(tree)
    assert len(streamed) > 40 * 100
    # Refusals are the tree path's, with nothing sent: a bad job deep in the order.
    jobs["k33 é&=+"]["lc_tgt"] = ""
    sent = len(order_recorder.seen)
    with pytest.raises(gengo_rs.errors.GengoError) as e:
        c.order_jobs(jobs)
    assert "k33" in str(e.value) and "lc_tgt" in str(e.value)
    assert len(order_recorder.seen) == sent
    c.close()
