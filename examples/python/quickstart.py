import gengo_rs

with gengo_rs.Client() as gengo:          # GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY, GENGO_BASE_URL
    receipt = gengo.order_jobs(
        {"greeting": {"type": "text", "body_src": "Hello from Python", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}},
        comment="For our shop",
    )
    # Translators take minutes to days: wait (or take callbacks), then review.
    order = gengo.wait_for_order(receipt.order_id or 0, timeout=600)
    for job_id in order.jobs_reviewable or []:
        job = gengo.get_job(job_id)
        print(job.status, job.credits, job.body_tgt)   # JobStatus.REVIEWABLE Decimal('0.05') ...
        gengo.approve_job(job_id, rating=5)
    # Any operation, by name or official alias:
    print(gengo.call("getTranslationOrderJobs", id=receipt.order_id)["order"]["jobs_approved"])
