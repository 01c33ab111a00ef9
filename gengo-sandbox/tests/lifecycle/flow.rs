//! The whole flow (order, review, approve, revise, reject, archive), automatic approval, machine jobs and duplicates of approved jobs.

use super::*;

#[test]
fn order_translate_review_approve_revise_reject_archive() {
    let (sb, client) = start();
    let rx = Receiver::start();
    let before = client.account_balance().unwrap().credits.unwrap();
    assert_eq!(before, dec("1000"));

    let mut order = OrderRequest::new([
        (
            "greeting",
            NewJob::text("Hello world, this is Gengo.", "en", "ja", Tier::Standard)
                .custom_data("row-1")
                .callback_url(rx.url()),
        ),
        (
            "menu",
            NewJob::text("Fresh bread every morning", "en", "fr", Tier::Pro)
                .comment("Keep it short")
                .callback_url(rx.url()),
        ),
        (
            "jp",
            NewJob::text("これはテストです", "ja", "en", Tier::Standard).callback_url(rx.url()),
        ),
    ]);
    order.comment = Some("Order-level note".into());
    let receipt = client.order_jobs(&order).unwrap();
    let order_id = receipt.order_id.unwrap();
    assert_eq!(receipt.job_count, Some(3));
    // 5 words x 0.05 + 4 words x 0.10 + 8 characters x 0.03 = 0.25 + 0.40 + 0.24
    assert_eq!(receipt.credits_used.unwrap(), dec("0.89"));
    assert_eq!(
        client.account_balance().unwrap().credits.unwrap(),
        dec("999.11")
    );

    // Queued first; no job ids yet.
    let o = client.get_order(order_id).unwrap();
    assert_eq!(o.jobs_queued, Some(3));
    assert!(o.job_ids().is_empty());
    assert_eq!(o.total_credits.unwrap(), dec("0.89"));
    let e = client.cancel_order(order_id).unwrap_err();
    assert_eq!(e.code(), Some(2751));

    advance(&sb, 10.0);
    let o = client.get_order(order_id).unwrap();
    assert!(o.is_processed());
    let ids = o.jobs_available.clone().unwrap();
    assert_eq!(ids.len(), 3);
    let jobs = client.get_jobs(&ids).unwrap();
    assert!(jobs.iter().all(|j| j.status == Some(JobStatus::Available)));
    let greeting = jobs
        .iter()
        .find(|j| j.custom_data.as_deref() == Some("row-1"))
        .unwrap()
        .job_id
        .unwrap();
    let menu = jobs
        .iter()
        .find(|j| j.lc_tgt.as_deref() == Some("fr"))
        .unwrap()
        .job_id
        .unwrap();
    let jp = jobs
        .iter()
        .find(|j| j.lc_src.as_deref() == Some("ja"))
        .unwrap()
        .job_id
        .unwrap();
    assert_eq!(client.get_job(jp).unwrap().unit_count, Some(8));
    // The per-job comment is the first entry of the job's thread.
    assert_eq!(
        client.job_comments(menu).unwrap()[0].body.as_deref(),
        Some("Keep it short")
    );
    assert_eq!(
        client.order_comments(order_id).unwrap()[0].body.as_deref(),
        Some("Order-level note")
    );

    // Reviewable needs a translator: approving now is refused.
    let e = client
        .approve_job(greeting, &Approval::default())
        .unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(2250)));

    advance(&sb, 60.0);
    assert_eq!(
        client.get_job(greeting).unwrap().status,
        Some(JobStatus::Pending)
    );
    advance(&sb, 300.0);
    let j = client.get_job(greeting).unwrap();
    assert_eq!(j.status, Some(JobStatus::Reviewable));
    assert!(j.body_tgt.as_deref().unwrap().starts_with("[ja] "));
    assert_eq!(
        client
            .get_order(order_id)
            .unwrap()
            .jobs_reviewable
            .unwrap()
            .len(),
        3
    );

    // Approve with feedback.
    client
        .approve_job(
            greeting,
            &Approval {
                rating: Some(5),
                for_translator: Some("Great".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let j = client.get_job(greeting).unwrap();
    assert_eq!(j.status, Some(JobStatus::Approved));
    let fb = client.job_feedback(greeting).unwrap();
    assert_eq!(fb.rating.unwrap(), dec("5"));
    assert_eq!(fb.for_translator.as_deref(), Some("Great"));

    // Revise: back to the translator, then reviewable again with a second revision.
    client.revise_job(menu, "Please use a warmer tone").unwrap();
    assert_eq!(
        client.get_job(menu).unwrap().status,
        Some(JobStatus::Revising)
    );
    advance(&sb, 300.0);
    let j = client.get_job(menu).unwrap();
    assert_eq!(j.status, Some(JobStatus::Reviewable));
    assert!(j.body_tgt.as_deref().unwrap().starts_with("[fr r2] "));
    let revs = client.job_revisions(menu).unwrap();
    assert_eq!(revs.len(), 2);
    let r1 = client.job_revision(menu, revs[0].rev_id.unwrap()).unwrap();
    assert!(r1.body_tgt.unwrap().starts_with("[fr] "));
    assert_eq!(
        client.job_revision(menu, 99).unwrap_err().code(),
        Some(2200)
    );

    // Reject with cancel: refunded.
    let balance = client.account_balance().unwrap().credits.unwrap();
    client
        .reject_job(
            jp,
            &Rejection::new(RejectReason::Quality, "Too literal").follow_up(FollowUp::Cancel),
        )
        .unwrap();
    assert_eq!(
        client.get_job(jp).unwrap().status,
        Some(JobStatus::Rejected)
    );
    assert_eq!(
        client.account_balance().unwrap().credits.unwrap(),
        balance + dec("0.24")
    );
    advance(&sb, 60.0);
    assert_eq!(
        client.get_job(jp).unwrap().status,
        Some(JobStatus::Canceled)
    );

    // Archive the approved job: it leaves the listings.
    let listed = client.list_jobs(&JobFilter::default()).unwrap();
    assert!(listed.iter().any(|j| j.job_id == Some(greeting)));
    client.archive_job(greeting).unwrap();
    let listed = client.list_jobs(&JobFilter::default()).unwrap();
    assert!(!listed.iter().any(|j| j.job_id == Some(greeting)));
    assert_eq!(
        client.get_job(greeting).unwrap().status,
        Some(JobStatus::Approved)
    );

    // Callbacks: every job became available, pending and reviewable; the sandbox
    // delivered them to our receiver as forms that gengo-core parses.
    let expected: Vec<(u64, JobStatus)> = [greeting, menu, jp]
        .into_iter()
        .flat_map(|id| {
            [
                JobStatus::Available,
                JobStatus::Pending,
                JobStatus::Reviewable,
            ]
            .map(|st| (id, st))
        })
        .collect();
    let has = |events: &[CallbackEvent], id: u64, st: &JobStatus| {
        events
            .iter()
            .any(|e| matches!(e, CallbackEvent::Job(j) if j.job_id == Some(id) && j.status.as_ref() == Some(st)))
    };
    // Callbacks arrive in any order: wait for exactly the ones asserted below.
    let events = rx.wait_until(|events| expected.iter().all(|(id, st)| has(events, *id, st)));
    let job_events: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            CallbackEvent::Job(j) => Some(j),
            _ => None,
        })
        .collect();
    for id in [greeting, menu, jp] {
        for st in [
            JobStatus::Available,
            JobStatus::Pending,
            JobStatus::Reviewable,
        ] {
            assert!(
                job_events
                    .iter()
                    .any(|j| j.job_id == Some(id) && j.status == Some(st.clone())),
                "no {st} callback for {id}"
            );
        }
    }
    assert!(
        job_events
            .iter()
            .any(|j| j.job_id == Some(greeting) && j.custom_data.as_deref() == Some("row-1"))
    );
}

#[test]
fn automatic_approval_after_the_review_period_and_auto_approve_jobs() {
    let (sb, client) = start();
    let order = OrderRequest::new([
        (
            "a",
            NewJob::text("One two three", "en", "es", Tier::Standard),
        ),
        (
            "b",
            NewJob::text("Four five six", "en", "de", Tier::Standard).auto_approve(true),
        ),
    ]);
    let r = client.order_jobs(&order).unwrap();
    advance(&sb, 10.0 + 60.0 + 300.0);
    let o = client.get_order(r.order_id.unwrap()).unwrap();
    assert_eq!(o.jobs_reviewable.as_ref().unwrap().len(), 1);
    assert_eq!(
        o.jobs_approved.as_ref().unwrap().len(),
        1,
        "auto_approve skips review"
    );
    advance(&sb, 119.0 * 3600.0);
    assert_eq!(
        client
            .get_order(r.order_id.unwrap())
            .unwrap()
            .jobs_reviewable
            .unwrap()
            .len(),
        1
    );
    advance(&sb, 3600.0);
    let o = client.get_order(r.order_id.unwrap()).unwrap();
    assert_eq!(
        o.jobs_approved.unwrap().len(),
        2,
        "approved after 120 hours (D3)"
    );
}

#[test]
fn machine_jobs_are_free_and_approved_at_once() {
    let (_sb, client) = start();
    let r = client
        .order_jobs(&OrderRequest::new([(
            "m",
            NewJob::text("Good morning", "en", "ja", Tier::Machine),
        )]))
        .unwrap();
    assert!(r.credits_used.unwrap().is_zero());
    let o = client.get_order(r.order_id.unwrap()).unwrap();
    let id = o.jobs_approved.unwrap()[0];
    let j = client.get_job(id).unwrap();
    assert_eq!(j.status, Some(JobStatus::Approved));
    assert_eq!(j.mt, Some(true));
    assert!(j.body_tgt.is_some());
}

#[test]
fn duplicates_of_approved_jobs_cost_nothing_unless_forced() {
    let (sb, client) = start();
    let job = || NewJob::text("Repeat after me", "en", "ja", Tier::Standard);
    let first = client
        .order_jobs(&OrderRequest::new([("a", job())]))
        .unwrap();
    let id = first_reviewable_after(&sb, &client, first.order_id.unwrap(), 400.0);
    client.approve_job(id, &Approval::default()).unwrap();
    let translation = client.get_job(id).unwrap().body_tgt;

    let again = client
        .order_jobs(&OrderRequest::new([("b", job())]))
        .unwrap();
    assert!(again.credits_used.unwrap().is_zero());
    let Some(gengo_core::models::ReceiptJobs::Keyed(old)) = again.jobs else {
        panic!("{again:?}")
    };
    let dup = &old.get("b").unwrap()[0];
    assert_eq!(dup.status, Some(JobStatus::Approved));
    assert_eq!(dup.body_tgt, translation);

    let mut forced = job();
    forced.force = Some(true);
    let paid = client
        .order_jobs(&OrderRequest::new([("c", forced)]))
        .unwrap();
    assert_eq!(paid.credits_used.unwrap(), dec("0.15"));
}
