//! Cancelling, bulk actions, the revision limit, comments and waiting for an order.

use super::*;

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
    let id = first_reviewable_after(&sb, &client, r.order_id.unwrap(), 400.0);
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
