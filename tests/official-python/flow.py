"""The official `gengo` 1.0.0 package (PyPI) against `gengo sandbox`: an
order-to-approval flow, exactly as that client sends it.

Run: GENGO_BASE_URL=http://127.0.0.1:PORT python flow.py   (sandbox with --clock manual)
"""

import json
import os
import sys
import tempfile
import urllib.request

from gengo import Gengo, GengoError

BASE = os.environ["GENGO_BASE_URL"].rstrip("/")
passed, failed = 0, 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def control(path, body=None):
    req = urllib.request.Request(
        BASE + path,
        data=json.dumps(body or {}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


gengo = Gengo(
    public_key="sandbox_public_key",
    private_key="sandbox_private_key",
    api_url=BASE + "/{version}",
)

r = gengo.getAccountBalance()
check("balance envelope", r["opstat"] == "ok" and float(r["response"]["credits"]) == 1000.0, r)

r = gengo.getServiceLanguagePairs(lc_src="en")
check("language pairs filtered", r["response"] and all(p["lc_src"] == "en" for p in r["response"]), r)
r = gengo.getServiceLanguages()
check("languages", any(l["lc"] == "ja" for l in r["response"]))

jobs = {
    "job_1": {"type": "text", "slug": "s1", "body_src": "Hello & goodbye", "lc_src": "en", "lc_tgt": "ja", "tier": "standard", "custom_data": "cd1"},
    "job_2": {"type": "text", "slug": "s2", "body_src": "日本語 テキスト", "lc_src": "ja", "lc_tgt": "en", "tier": "pro"},
}
r = gengo.determineTranslationCost(jobs={"jobs": jobs})
check("text quote", r["response"]["jobs"]["job_1"]["unit_count"] == 2 and r["response"]["jobs"]["job_2"]["unit_count"] == 7, r)

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "doc.txt")
    with open(path, "w") as f:
        f.write("A short file to translate")
    r = gengo.determineTranslationCost(jobs={"jobs": {"job_f": {"type": "file", "file_path": path, "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}})
    entry = r["response"]["jobs"]["job_f"]
    check("file quote (multipart, absolute filename)", entry.get("unit_count") == 5 and len(entry.get("identifier", "")) == 64, r)

r = gengo.postTranslationJobs(jobs={"jobs": jobs, "as_group": 0, "comment": "order comment"})
order_id = r["response"]["order_id"]
check("order placed", r["opstat"] == "ok" and r["response"]["job_count"] == 2, r)

control("/_sandbox/advance", {"seconds": 10})
r = gengo.getTranslationOrderJobs(id=order_id)
ids = r["response"]["order"]["jobs_available"]
check("order processed", len(ids) == 2 and r["response"]["order"]["jobs_queued"] == 0, r)

r = gengo.getTranslationJobBatch(id=",".join(ids))
check("job batch with unescaped commas", len(r["response"]["jobs"]) == 2, r)

job_id = ids[0]
r = gengo.postTranslationJobComment(id=job_id, comment={"body": "hi & 日本"})
check("comment posted", r["opstat"] == "ok", r)
with tempfile.TemporaryDirectory() as d:
    att = os.path.join(d, "att.txt")
    with open(att, "w") as f:
        f.write("attachment")
    r = gengo.postTranslationJobComment(id=job_id, comment={"body": "see file"}, file_attachments=[att])
    check("comment with a file attachment", r["opstat"] == "ok", r)
r = gengo.getTranslationJobComments(id=job_id)
bodies = [c["body"] for c in r["response"]["thread"]]
check("comment thread", "hi & 日本" in bodies and "see file" in bodies, bodies)

try:
    gengo.updateTranslationJob(id=job_id, action={"action": "approve", "rating": 5})
    check("approve before review is refused", False)
except GengoError as e:
    check("approve before review is refused", e.error_code == 2250, e)

control("/_sandbox/advance", {"seconds": 400})
r = gengo.getTranslationJob(id=job_id)
check("reviewable with a translation", r["response"]["job"]["status"] == "reviewable" and r["response"]["job"].get("body_tgt"), r)

r = gengo.updateTranslationJob(id=job_id, action={"action": "approve", "rating": 5, "for_translator": "thanks", "public": 1})
check("approved", r["opstat"] == "ok", r)
r = gengo.getTranslationJobFeedback(id=job_id)
check("feedback kept", int(float(r["response"]["feedback"]["rating"])) == 5, r)

other = ids[1]
r = gengo.updateTranslationJob(id=other, action={"action": "revise", "comment": "Please be more formal"})
check("revision requested", r["opstat"] == "ok", r)
control("/_sandbox/advance", {"seconds": 400})
r = gengo.getTranslationJobRevisions(id=other)
revs = r["response"]["revisions"]
check("two revisions", len(revs) == 2, r)
r = gengo.getTranslationJobRevision(id=other, revision_id=revs[0]["rev_id"])
check("one revision", r["response"]["revision"]["body_tgt"], r)
r = gengo.updateTranslationJobs(action={"action": "approve", "job_ids": [{"job_id": other, "rating": 4}]})
check("bulk approve", r["opstat"] == "ok", r)

r = gengo.getTranslationJobs(status="approved", count=5)
check("job list filtered", len(r["response"]) == 2, r)
r = gengo.updateTranslationJobs(action={"action": "archive", "job_ids": [int(job_id), int(other)]})
check("bulk archive", r["opstat"] == "ok", r)
r = gengo.getTranslationJobs(count=5)
check("archived jobs leave the list", len(r["response"]) == 0, r)

r = gengo.postTranslationJobs(jobs={"jobs": {"c": {"type": "text", "body_src": "cancel me", "lc_src": "en", "lc_tgt": "fr", "tier": "standard"}}})
control("/_sandbox/advance", {"seconds": 10})
cid = gengo.getTranslationOrderJobs(id=r["response"]["order_id"])["response"]["order"]["jobs_available"][0]
r = gengo.deleteTranslationJob(id=cid)
check("cancel an available job", r["opstat"] == "ok", r)
r = gengo.postOrderComment(id=order_id, comment={"body": "order note"})
r2 = gengo.getOrderComments(id=order_id)
check("order comments", r["opstat"] == "ok" and r2["response"]["thread"][-1]["body"] == "order note", r2)

try:
    gengo.postTranslationJobs(jobs={"jobs": {"job_1": {"type": "text", "lc_src": "en"}}})
    check("per-job errors", False)
except GengoError as e:
    check("per-job errors", e.error_code == 1350, e)

bad = Gengo(public_key="sandbox_public_key", private_key="wrong", api_url=BASE + "/{version}")
try:
    bad.getAccountBalance()
    check("authentication error", False)
except GengoError as e:
    check("authentication error", e.error_code == 1000, e)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
