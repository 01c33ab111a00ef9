//! gengo-core against the sandbox over loopback: the whole ordering lifecycle.

mod common;

use common::*;
use gengo_core::models::{JobStatus, Tier};
use gengo_core::requests::*;
use gengo_core::{CallbackEvent, Decimal, ErrorKind};
use serde_json::json;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

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
    advance(&sb, 400.0);
    let id = client
        .get_order(first.order_id.unwrap())
        .unwrap()
        .jobs_reviewable
        .unwrap()[0];
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

#[test]
fn quotes_text_and_files_then_order_the_file() {
    let (sb, client) = start();
    let q = client
        .call("quote", &json!({"jobs": {"key 1": {"type": "text", "body_src": "plop!", "lc_src": "en", "lc_tgt": "es", "tier": "standard"},
                                         "key 2": {"type": "text", "body_src": "plop plop!", "lc_src": "en", "lc_tgt": "es", "tier": "pro"}}}))
        .unwrap();
    assert_eq!(q["jobs"]["key 1"]["unit_count"], 1);
    assert_eq!(q["jobs"]["key 2"]["unit_count"], 2);
    assert_eq!(q["jobs"]["key 2"]["credits"], "0.2");

    let dir = std::env::temp_dir().join(format!("gengo-sb-quote-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let txt = dir.join("menu.txt");
    std::fs::write(&txt, "Soup of the day and fresh bread").unwrap();
    let bin = dir.join("photo.bin");
    std::fs::write(&bin, [0u8, 159, 146, 150]).unwrap();
    let quote = client
        .quote(&[
            (
                "f1".to_string(),
                NewJob::file_to_quote(&txt, "en", "ja", Tier::Standard),
            ),
            (
                "f2".to_string(),
                NewJob::file_to_quote(&bin, "en", "ja", Tier::Standard),
            ),
        ])
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let jobs = quote.jobs.unwrap().0;
    let f1 = jobs.get("f1").unwrap();
    assert_eq!(f1.unit_count, Some(7));
    let identifier = f1.identifier.clone().unwrap();
    assert_eq!(identifier.len(), 64);
    // A file the sandbox cannot read is a per-job error inside a successful quote.
    assert_eq!(
        jobs.get("f2").unwrap().err.as_ref().unwrap().code,
        Some(1802)
    );

    let r = client
        .order_jobs(&OrderRequest::new([(
            "file",
            NewJob::file(identifier, "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    assert_eq!(r.credits_used.unwrap(), dec("0.35"));
    advance(&sb, 400.0);
    let id = client
        .get_order(r.order_id.unwrap())
        .unwrap()
        .jobs_reviewable
        .unwrap()[0];
    let j = client.get_job(id).unwrap();
    assert_eq!(j.slug.as_deref(), Some("menu.txt"));
    assert_eq!(j.file_download_ready, Some(true));
    let e = client
        .order_jobs(&OrderRequest::new([(
            "x",
            NewJob::file("0".repeat(64), "en", "ja", Tier::Standard),
        )]))
        .unwrap_err();
    assert_eq!(e.job_errors()["x"][0].code, Some(1303));
}

/// Gengo's documented file flow: the quote uploads the files and answers an identifier per
/// job; the order names only the identifier (the pair and tier come from the quote).
#[test]
fn files_are_ordered_by_their_quotes_identifier_alone() {
    let (sb, client) = start();
    let dir = std::env::temp_dir().join(format!("gengo-sb-fileflow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut to_quote = Vec::new();
    for (k, text) in [
        ("filejob_01", "Soup of the day"),
        ("filejob_02", "Fresh bread"),
        ("filejob_03", "Cold drinks"),
    ] {
        let path = dir.join(format!("{k}.txt"));
        std::fs::write(&path, text).unwrap();
        to_quote.push((
            k.to_string(),
            NewJob::file_to_quote(&path, "en", "fr", Tier::Pro),
        ));
    }
    let quote = client.quote(&to_quote).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let ids: Vec<String> = ["filejob_01", "filejob_02", "filejob_03"]
        .iter()
        .map(|k| {
            quote
                .jobs
                .as_ref()
                .unwrap()
                .0
                .get(k)
                .unwrap()
                .identifier
                .clone()
                .unwrap()
        })
        .collect();
    // Typed: NewJob::quoted_file sends type and identifier only (and what is added).
    let r = client
        .order_jobs(&OrderRequest::new([(
            "filejob_01",
            NewJob {
                force: Some(true),
                ..NewJob::quoted_file(ids[0].clone()).comment("Test comment")
            },
        )]))
        .unwrap();
    assert_eq!(r.job_count, Some(1));
    // By name, with JSON: the payload of Gengo's documentation.
    let r = client
        .call(
            "postTranslationJobs",
            &json!({"jobs": {
                "filejob_02": {"type": "file", "identifier": ids[1], "comment": "Test comment", "force": 1},
                "filejob_03": {"type": "file", "identifier": ids[2], "comment": "Test comment", "force": 1},
            }}),
        )
        .unwrap();
    assert_eq!(r["job_count"], 2, "{r}");
    advance(&sb, 400.0);
    let order = client.get_order(r["order_id"].as_u64().unwrap()).unwrap();
    let jobs = client.get_jobs(&order.job_ids()).unwrap();
    assert_eq!(jobs.len(), 2);
    for j in jobs {
        assert_eq!(j.job_type.as_deref(), Some("file"));
        assert_eq!(
            (j.lc_src.as_deref(), j.lc_tgt.as_deref()),
            (Some("en"), Some("fr"))
        );
        assert_eq!(j.tier, Some(Tier::Pro));
    }
    // A pair or tier that is there must still be well formed: refused before sending.
    let e = client
        .call(
            "order_jobs",
            &json!({"jobs": {"f": {"type": "file", "identifier": ids[0], "tier": "gold"}}}),
        )
        .unwrap_err();
    assert_eq!(
        (e.kind().name(), e.field()),
        ("validation", Some("jobs.f.tier"))
    );
    let e = client
        .call("order_jobs", &json!({"jobs": {"f": {"type": "file"}}}))
        .unwrap_err();
    assert_eq!(e.field(), Some("jobs.f.identifier"));
}

#[test]
fn cancel_jobs_and_orders() {
    let (sb, client) = start();
    let r = client
        .order_jobs(&OrderRequest::new([
            ("a", NewJob::text("alpha beta", "en", "ja", Tier::Standard)),
            ("b", NewJob::text("gamma delta", "en", "ja", Tier::Standard)),
            (
                "c",
                NewJob::text("epsilon zeta", "en", "ja", Tier::Standard),
            ),
        ]))
        .unwrap();
    assert!(
        r.group_id.is_some(),
        "same pair and tier are grouped by default (D4)"
    );
    advance(&sb, 10.0);
    let ids = client
        .get_order(r.order_id.unwrap())
        .unwrap()
        .jobs_available
        .unwrap();
    let balance = client.account_balance().unwrap().credits.unwrap();
    client.cancel_job(ids[0]).unwrap();
    assert_eq!(
        client.account_balance().unwrap().credits.unwrap(),
        balance + dec("0.10")
    );
    assert_eq!(client.cancel_job(ids[0]).unwrap_err().code(), Some(2252));
    sb.with_state(|s| s.force_status(ids[1], "pending"))
        .unwrap();
    assert_eq!(client.cancel_job(ids[1]).unwrap_err().code(), Some(2252));
    let o = client
        .cancel_order(r.order_id.unwrap())
        .unwrap()
        .expect("the later docs return the order");
    assert_eq!(o.jobs_cancelled.unwrap().len(), 2);
    assert_eq!(o.jobs_pending.unwrap(), vec![ids[1]]);
}

#[test]
fn bulk_actions_apply_all_or_nothing() {
    let (sb, client) = start();
    let (_, ids) = order_available(&sb, &client, &["one", "two"]);
    sb.with_state(|s| s.force_status(ids[0], "reviewable"))
        .unwrap();
    // One of the two is not reviewable: nothing is approved.
    let e = client
        .update_jobs(&BulkAction::Approve(vec![
            (ids[0], Approval::default()),
            (ids[1], Approval::default()),
        ]))
        .unwrap_err();
    assert_eq!(e.code(), Some(2250));
    assert_eq!(
        client.get_job(ids[0]).unwrap().status,
        Some(JobStatus::Reviewable)
    );
    sb.with_state(|s| s.force_status(ids[1], "reviewable"))
        .unwrap();
    client
        .update_jobs(&BulkAction::Approve(vec![
            (ids[0], Approval::rated(4)),
            (ids[1], Approval::default()),
        ]))
        .unwrap();
    client
        .update_jobs(&BulkAction::Archive(ids.clone()))
        .unwrap();
    assert!(client.list_jobs(&JobFilter::default()).unwrap().is_empty());
}

#[test]
fn revisions_are_limited_to_three() {
    let (sb, client) = start();
    let r = client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("Revise me", "en", "ja", Tier::Pro),
        )]))
        .unwrap();
    advance(&sb, 400.0);
    let id = client
        .get_order(r.order_id.unwrap())
        .unwrap()
        .jobs_reviewable
        .unwrap()[0];
    for n in 1..=3 {
        client.revise_job(id, &format!("round {n}")).unwrap();
        advance(&sb, 300.0);
    }
    let e = client.revise_job(id, "once more").unwrap_err();
    assert_eq!(
        (e.code(), e.message()),
        (Some(2250), "revision limit reached")
    );
    assert_eq!(client.job_revisions(id).unwrap().len(), 4);
}

#[test]
fn comments_in_any_status_and_translator_comments() {
    let (sb, client) = start();
    let rx = Receiver::start();
    // Three jobs so that at least one id is a multiple of 3 (those get a translator comment).
    let r = client
        .order_jobs(&OrderRequest::new((0..3).map(|i| {
            (
                format!("k{i}"),
                NewJob::text(format!("text number {i}"), "en", "ja", Tier::Standard)
                    .callback_url(rx.url()),
            )
        })))
        .unwrap();
    advance(&sb, 10.0);
    let ids = client
        .get_order(r.order_id.unwrap())
        .unwrap()
        .jobs_available
        .unwrap();
    client
        .post_job_comment(ids[0], &NewComment::new("Any questions? Johnson & Johnson"))
        .unwrap();
    advance(&sb, 60.0);
    let thread = client.job_comments(ids[0]).unwrap();
    assert_eq!(
        thread[0].body.as_deref(),
        Some("Any questions? Johnson & Johnson")
    );
    assert_eq!(thread[0].author.as_deref(), Some("customer"));
    let with_translator = ids.iter().find(|id| *id % 3 == 0).copied().unwrap();
    let t = client.job_comments(with_translator).unwrap();
    assert_eq!(t.last().unwrap().author.as_deref(), Some("translator"));
    let is_translator_comment = |e: &CallbackEvent| matches!(e, CallbackEvent::Comment(c) if c.job_id == Some(with_translator));
    let events = rx.wait_until(|events| events.iter().any(is_translator_comment));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, CallbackEvent::Comment(c) if c.job_id == Some(with_translator)))
    );
}

#[test]
fn wait_for_order_returns_when_nothing_waits_for_a_translator() {
    use gengo_core::Wait;
    use std::time::Duration;
    let (_sb, client) = start_with(gengo_sandbox::Options {
        clock: gengo_sandbox::ClockMode::Fast(10_000.0),
        ..gengo_sandbox::Options::for_tests()
    });
    let r = client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("wait for it", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    let mut polls = 0;
    let started = std::time::Instant::now();
    let o = client
        .wait_for_order(
            r.order_id.unwrap(),
            &Wait::up_to(Duration::from_secs(30)).every(Duration::from_millis(20)),
            |_| polls += 1,
        )
        .unwrap();
    assert!(!o.in_progress(), "{o:?}");
    assert_eq!(o.jobs_reviewable.as_ref().map(Vec::len), Some(1));
    assert!(polls >= 1 && started.elapsed() < Duration::from_secs(30));

    // A clock that never moves: the wait ends at its timeout with the order as it stands.
    let (_sb2, client) = start();
    let r = client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("stuck", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    let started = std::time::Instant::now();
    let o = client
        .wait_for_order(
            r.order_id.unwrap(),
            &Wait::up_to(Duration::from_millis(300)).every(Duration::from_millis(50)),
            |_| {},
        )
        .unwrap();
    let took = started.elapsed();
    assert!(o.in_progress());
    assert!(
        // Ends at its timeout, not later by a poll interval or more (slack for a loaded
        // machine: a wait that ignored its timeout would run on for the clock's sake).
        took >= Duration::from_millis(300) && took < Duration::from_secs(10),
        "{took:?}"
    );
}
