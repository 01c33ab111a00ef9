"""gengo_rs.compat.Gengo against the official gengo==1.0.0 package: the calls of the
official client's own examples (examples/*.py in gengo/gengo-python), made through both
clients against one sandbox, give the same envelopes and the same errors."""

from __future__ import annotations

import copy
import json
import os
import urllib.parse
from typing import Any, Callable

import gengo as official  # the official package (tests/requirements.txt)
import pytest

from gengo_rs import compat

PUB, PRIV = "sandbox_public_key", "sandbox_private_key"


@pytest.fixture()
def both(sandbox):
    url = sandbox.url + "/{version}"
    return official.Gengo(public_key=PUB, private_key=PRIV, api_url=url), compat.Gengo(public_key=PUB, private_key=PRIV, api_url=url)


def same(off: Any, ours: Any, name: str, **kwargs: Any) -> dict:
    a = getattr(off, name)(**kwargs)
    b = getattr(ours, name)(**kwargs)
    assert a == b, f"{name}({kwargs}): official {a} != compat {b}"
    return b


def same_error(off: Any, ours: Any, name: str, **kwargs: Any) -> compat.GengoError:
    with pytest.raises(official.GengoError) as a:
        getattr(off, name)(**kwargs)
    with pytest.raises(compat.GengoError) as b:
        getattr(ours, name)(**kwargs)
    assert type(a.value).__name__ == type(b.value).__name__
    assert a.value.error_code == b.value.error_code, (a.value.error_code, b.value.error_code)
    assert str(a.value) == str(b.value)
    return b.value


def order(gengo: Any, tag: str) -> int:
    # The shape of examples/postTranslationJobs.py.
    data = {
        "jobs": {
            "job_1": {"type": "text", "slug": "Single :: English to Japanese", "body_src": f"Testing Gengo API library calls {tag}.",
                      "lc_src": "en", "lc_tgt": "ja", "tier": "standard", "auto_approve": 0, "comment": "HEY THERE TRANSLATOR",
                      "url_attachments": [{"url": "https://example.com/logo.png", "filename": "logo.png", "mime_type": "image/png"}],
                      "custom_data": "your optional custom data, limited to 1kb."},
            "job_2": {"type": "text", "slug": "Single :: English to Japanese", "body_src": f"Another text to translate {tag}.",
                      "lc_src": "en", "lc_tgt": "ja", "tier": "standard", "auto_approve": 0},
        },
        "comment": "Please make sure each translation sounds formal.",
        "process": 1,
        "as_group": 1,
    }
    r = gengo.postTranslationJobs(jobs=data)
    assert r["opstat"] == "ok" and r["response"]["job_count"] == 2
    return int(r["response"]["order_id"])


def test_account_service_and_glossary_calls_match(both) -> None:
    off, ours = both
    for name, kwargs in [
        ("getAccountBalance", {}),
        ("getAccountStats", {}),
        ("getAccountMe", {}),
        ("getPreferredTranslators", {}),
        ("getServiceLanguages", {}),
        ("getServiceLanguagePairs", {"lc_src": "en"}),
        ("getServiceLanguageMatrix", {}),
        ("getGlossaryList", {}),
    ]:
        same(off, ours, name, **kwargs)
    g = ours.getGlossaryList()["response"][0]["id"]
    same(off, ours, "getGlossary", id=g)
    jobs_data = {"job_1": {"type": "text", "slug": "s", "body_src": "Testing Gengo API library calls.", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"},
                 "job_2": {"type": "text", "slug": "s", "body_src": "Another one.", "lc_src": "en", "lc_tgt": "ja", "tier": "pro"}}
    same(off, ours, "determineTranslationCost", jobs=jobs_data)
    same(off, ours, "determineTranslationCost", jobs={"jobs": jobs_data})


def test_the_order_flow_matches(both, sandbox) -> None:
    off, ours = both
    tag = f"{os.getpid()}"
    order_off, order_ours = order(off, "official " + tag), order(ours, "compat " + tag)
    sandbox.advance(10)
    same(off, ours, "getTranslationOrderJobs", id=order_off)
    ids = ours.getTranslationOrderJobs(id=order_ours)["response"]["order"]["jobs_available"]
    a, b = int(ids[0]), int(ids[1])
    same(off, ours, "getTranslationJob", id=a)
    same(off, ours, "getTranslationJobBatch", id=f"{a},{b}")
    same(off, ours, "getTranslationJobs", status="available", count=15)
    assert same(off, ours, "postTranslationJobComment", id=a, comment={"body": "I love lamp!"}) == {"opstat": "ok", "response": {}}
    same(off, ours, "postTranslationJobComment", id=a, comment={"body": "With a link", "url_attachments": [{"url": "https://example.com/a.png", "filename": "a.png", "mime_type": "image/png"}]})
    same(off, ours, "getTranslationJobComments", id=a)
    same(off, ours, "postOrderComment", id=order_ours, comment={"body": "I love order 124!"})
    same(off, ours, "getOrderComments", id=order_ours)

    # Reviewable: approve one with each client; feedback; reject like examples/updateTranslationJob.py.
    sandbox.advance(400)
    off_ids = [int(i) for i in ours.getTranslationOrderJobs(id=order_off)["response"]["order"]["jobs_reviewable"]]
    assert off.updateTranslationJob(id=off_ids[0], action={"action": "approve", "rating": 5}) == \
        ours.updateTranslationJob(id=a, action={"action": "approve", "rating": 5})
    same(off, ours, "getTranslationJobFeedback", id=a)
    same(off, ours, "getTranslationJobRevisions", id=a)
    rev = ours.getTranslationJobRevisions(id=a)["response"]["revisions"][0]["rev_id"]
    same(off, ours, "getTranslationJobRevision", id=a, revision_id=rev)
    reject = {"action": "reject", "reason": "quality", "comment": "My grandmother does better."}
    assert off.updateTranslationJob(id=off_ids[1], action=reject) == ours.updateTranslationJob(id=b, action=reject)

    # examples/updateTranslationJobs.py: archive approved jobs.
    assert off.updateTranslationJobs(action={"action": "archive", "job_ids": [off_ids[0]]}) == \
        ours.updateTranslationJobs(action={"action": "archive", "job_ids": [a]})
    same(off, ours, "getTranslationJobs", count=15)


def test_cancels_match(both, sandbox) -> None:
    off, ours = both
    o1, o2 = order(off, f"cancel-off {os.getpid()}"), order(ours, f"cancel-ours {os.getpid()}")
    sandbox.advance(10)
    j1 = int(ours.getTranslationOrderJobs(id=o1)["response"]["order"]["jobs_available"][0])
    j2 = int(ours.getTranslationOrderJobs(id=o2)["response"]["order"]["jobs_available"][0])
    assert off.deleteTranslationJob(id=j1) == ours.deleteTranslationJob(id=j2)
    a, b = off.deleteTranslationOrder(id=o1), ours.deleteTranslationOrder(id=o2)
    assert a["response"]["order"]["jobs_cancelled"] and b["response"]["order"]["jobs_cancelled"]
    assert a["response"]["order"].keys() == b["response"]["order"].keys()


def test_errors_match(both, sandbox) -> None:
    off, ours = both
    same_error(off, ours, "getTranslationJob", id=999999)
    bad_jobs = {"jobs": {
        "job_1": {"type": "text", "body_src": "x", "lc_src": "en", "lc_tgt": "xx", "tier": "standard"},
        "job_2": {"type": "file", "identifier": "0" * 64, "lc_src": "en", "lc_tgt": "xx", "tier": "standard"},
    }}
    e = same_error(off, ours, "postTranslationJobs", jobs=bad_jobs)
    # ...but compat keeps every per-job code, where the official client kept the first.
    assert [x["code"] for x in e.job_errors["job_1"]] == [1551]
    assert [x["code"] for x in e.job_errors["job_2"]] == [1303, 1551]
    # Input that can be rejected locally is, before any request (the official client
    # sends it and spends a round trip).
    before = sandbox.requests()
    with pytest.raises(compat.GengoError) as v:
        ours.postTranslationJobs(jobs={"jobs": {"job_1": {"type": "text", "lc_src": "en"}}})
    assert v.value.kind == "validation" and sandbox.requests() == before
    bad_off = official.Gengo(public_key=PUB, private_key="wrong", api_url=sandbox.url + "/{version}")
    bad_ours = compat.Gengo(public_key=PUB, private_key="wrong", api_url=sandbox.url + "/{version}")
    e = same_error(bad_off, bad_ours, "getAccountBalance")
    assert isinstance(e, compat.GengoAuthError) and e.error_code == 1000


def test_compat_fixes_the_official_bugs(both, sandbox, tmp_path) -> None:
    off, ours = both
    # job_ids as a keyword is dropped by the official client (the server gets data="archive").
    with pytest.raises(official.GengoError):
        off.updateTranslationJobs(action="archive", job_ids=[1])
    with pytest.raises(compat.GengoError) as e:
        ours.updateTranslationJobs(action="archive", job_ids=[999999])
    assert e.value.error_code == 2100  # sent properly: the server looked the job up
    # Unauthenticated construction works (the official one raises TypeError on Python 3).
    assert compat.Gengo(api_url=sandbox.url + "/{version}").getServiceLanguages()["opstat"] == "ok"
    # The caller's headers are not mutated.
    headers = {"User-Agent": "MyApp/1.0"}
    compat.Gengo(PUB, PRIV, headers=headers, api_url=sandbox.url + "/{version}")
    assert headers == {"User-Agent": "MyApp/1.0"}
    # File quotes upload the base name only.
    doc = tmp_path / "doc.txt"
    doc.write_text("A short file")
    r = ours.determineTranslationCost(jobs={"jobs": {"f": {"type": "file", "file_path": str(doc), "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}})
    assert r["response"]["jobs"]["f"]["unit_count"] == 3


def test_values_are_encoded_once_and_nothing_is_dropped(recorder) -> None:
    off = official.Gengo(public_key=PUB, private_key=PRIV, api_url=recorder.url)
    ours = compat.Gengo(public_key=PUB, private_key=PRIV, api_url=recorder.url)
    off.getServiceLanguagePairs(lc_src="a b&c/é")
    ours.getServiceLanguagePairs(lc_src="a b&c/é")
    (_, off_path, _), (_, our_path, _) = recorder.seen[-2:]
    sent = lambda path: urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["lc_src"][0]
    assert sent(off_path) == "a%20b%26c/%C3%A9"  # the official client encodes twice
    assert sent(our_path) == "a b&c/é"
    order = {"jobs": {"a": {"type": "text", "body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}},
             "as_group": 0, "comment": "c", "process": 1, "tone": "formal", "purpose": "Business"}
    before = copy.deepcopy(order)
    off.postTranslationJobs(jobs=order)
    ours.postTranslationJobs(jobs=order)
    assert order == before  # the caller's order is not changed
    (_, _, off_body), (_, _, our_body) = recorder.seen[-2:]
    data = lambda body: json.loads(urllib.parse.parse_qs(body.decode())["data"][0])
    assert "tone" not in data(off_body) and "process" not in data(off_body)  # dropped by the official client
    assert {k: data(our_body)[k] for k in ("tone", "purpose", "process")} == {"tone": "formal", "purpose": "Business", "process": 1}


def test_no_secrets_printed_with_debug(sandbox, capsys) -> None:
    compat.Gengo(PUB, PRIV, debug=True, api_url=sandbox.url + "/{version}").getAccountBalance()
    out = capsys.readouterr()
    assert PRIV not in out.out + out.err and "api_sig" not in out.out + out.err


def test_every_official_method_exists() -> None:
    ours = compat.Gengo(api_url="http://127.0.0.1:9/{version}")
    from gengo.mockdb import apihash  # the official client's own method table

    assert set(apihash) == set(compat.OFFICIAL_METHODS)
    for name in apihash:
        assert callable(getattr(ours, name)), name
    with pytest.raises(AttributeError):
        ours.getNothingAtAll


def test_files_are_ordered_by_their_quotes_identifier(sandbox, tmp_path) -> None:
    """The official examples' file flow: quote the files, then postTranslationJobs with
    {"type": "file", "identifier": ..., "comment": ..., "force": 1} (no pair, no tier)."""
    ours = compat.Gengo(public_key=PUB, private_key=PRIV, api_url=sandbox.url + "/{version}")
    jobs = {}
    for k in ("filejob_01", "filejob_02"):
        doc = tmp_path / f"{k}.txt"
        doc.write_text(f"File {k} {os.getpid()}")
        jobs[k] = {"type": "file", "file_path": str(doc), "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}
    q = ours.determineTranslationCost(jobs={"jobs": jobs})["response"]["jobs"]
    order = {k: {"type": "file", "identifier": q[k]["identifier"], "comment": "Test comment", "force": 1} for k in jobs}
    r = ours.postTranslationJobs(jobs={"jobs": order})
    assert r["opstat"] == "ok" and r["response"]["job_count"] == 2, r
    sandbox.advance(10)
    o = ours.getTranslationOrderJobs(id=r["response"]["order_id"])["response"]["order"]
    ids = ",".join(str(i) for i in o["jobs_available"])
    got = ours.getTranslationJobBatch(id=ids)["response"]["jobs"]
    assert sorted(j["type"] for j in got) == ["file", "file"], got
