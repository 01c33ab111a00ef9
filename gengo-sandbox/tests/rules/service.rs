//! The sandbox as a service: throttling, callbacks, the control API and its clock.

use super::*;

#[test]
fn throttling_answers_429_with_retry_after() {
    let (sb, _) = start_with(Options {
        rate_limit_per_minute: Some(3),
        ..Options::for_tests()
    });
    let client = Client::new(
        Config::builder()
            .base_url(sb.url())
            .retry(RetryPolicy::none())
            .rate_limit_per_minute(None)
            .build()
            .unwrap(),
    );
    for _ in 0..3 {
        client.languages().unwrap();
    }
    let e = client.languages().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.http_status(), Some(429));
    assert!(
        e.retry_after()
            .is_some_and(|d| d > Duration::ZERO && d <= Duration::from_secs(60))
    );
    assert_eq!(e.code(), Some(429));
}

#[test]
fn callbacks_are_retried_until_accepted() {
    let (sb, client) = start();
    let rx = Receiver::start();
    rx.set_status(500);
    client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("call me back", "en", "ja", Tier::Standard).callback_url(rx.url()),
        )]))
        .unwrap();
    advance(&sb, 10.0);
    rx.wait_for(1);
    let deliveries = sb.with_state(|s| s.deliveries().to_vec());
    assert_eq!(deliveries.len(), 1);
    wait_until(|| sb.with_state(|s| s.deliveries()[0].attempts.len()) == 1);
    assert!(!sb.with_state(|s| s.deliveries()[0].delivered));
    // The next try comes 15 sandbox minutes later (D7).
    rx.set_status(200);
    advance(&sb, 14.0 * 60.0);
    // Not due before 15 minutes: the manual clock says so without waiting.
    let (attempts, due_ms, in_flight, now_ms) = sb.with_state(|s| {
        let d = &s.deliveries()[0];
        (d.attempts.len(), d.due_ms, d.in_flight, s.clock.now_ms())
    });
    assert_eq!(attempts, 1, "not retried before 15 minutes");
    assert!(!in_flight);
    let due_ms = due_ms.expect("a retry is scheduled");
    assert!(due_ms > now_ms, "due in {} ms", due_ms - now_ms);
    assert!(due_ms - now_ms <= 60_000);
    advance(&sb, 60.0);
    wait_until(|| sb.with_state(|s| s.deliveries()[0].delivered));
    let d = sb.with_state(|s| s.deliveries()[0].clone());
    assert_eq!(
        d.attempts.iter().map(|a| a.1.as_str()).collect::<Vec<_>>(),
        ["500", "200"]
    );
    assert!(d.body.starts_with("job="));
    // The control API lists them too.
    let (_, _, v) = raw(&sb, "GET", "/_sandbox/callbacks", None, b"");
    assert_eq!(v[0]["delivered"], true);
}

#[test]
fn control_api() {
    let (sb, _) = start();
    let (s, _, v) = raw(
        &sb,
        "POST",
        "/_sandbox/accounts",
        Some("application/json"),
        br#"{"credits": "12.50"}"#,
    );
    assert_eq!(s, 200);
    let (public, private) = (
        v["public_key"].as_str().unwrap().to_string(),
        v["private_key"].as_str().unwrap().to_string(),
    );
    let c = client_for(&sb, &public, &private);
    assert_eq!(c.account_balance().unwrap().credits.unwrap(), dec("12.5"));
    raw(
        &sb,
        "POST",
        &format!("/_sandbox/accounts/{public}/credits"),
        Some("application/json"),
        br#"{"amount": 7.5}"#,
    );
    assert_eq!(c.account_balance().unwrap().credits.unwrap(), dec("20"));
    let r = c
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("control", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    let (_, _, v) = raw(
        &sb,
        "POST",
        "/_sandbox/advance",
        Some("application/json"),
        br#"{"seconds": 10}"#,
    );
    assert!(v["time"].as_i64().is_some());
    let id = c
        .get_order(r.order_id.unwrap())
        .unwrap()
        .jobs_available
        .unwrap()[0];
    let (s, _, v) = raw(
        &sb,
        "POST",
        &format!("/_sandbox/jobs/{id}/status"),
        Some("application/json"),
        br#"{"status": "reviewable"}"#,
    );
    assert_eq!((s, v["job"]["status"].as_str()), (200, Some("reviewable")));
    let (s, _, _) = raw(
        &sb,
        "POST",
        &format!("/_sandbox/jobs/{id}/status"),
        Some("application/json"),
        br#"{"status": "flying"}"#,
    );
    assert_eq!(s, 400);
    let (s, _, v) = raw(&sb, "GET", "/_sandbox", None, b"");
    assert_eq!(s, 200);
    assert!(v["endpoints"].as_array().unwrap().len() >= 8);
    raw(&sb, "POST", "/_sandbox/reset", None, b"");
    assert_eq!(c.account_balance().unwrap_err().code(), Some(1000));
}

#[test]
fn the_clock_cannot_be_advanced_out_of_range() {
    let (sb, client) = common::start();
    let before = sb.with_state(|s| s.clock.now());
    for seconds in ["1e300", "-1", "1e10", "\"soon\"", "null"] {
        let (status, _, body) = common::raw(
            &sb,
            "POST",
            "/_sandbox/advance",
            Some("application/json"),
            format!(r#"{{"seconds":{seconds}}}"#).as_bytes(),
        );
        assert_eq!(status, 400, "{seconds}: {body}");
    }
    assert_eq!(sb.with_state(|s| s.clock.now()), before);
    // In range still works, and every later request is served.
    let (status, _, _) = common::raw(
        &sb,
        "POST",
        "/_sandbox/advance",
        Some("application/json"),
        br#"{"seconds":3600}"#,
    );
    assert_eq!(status, 200);
    assert!(sb.with_state(|s| s.clock.now()) >= before + 3600);
    client.account_balance().unwrap();
    assert!(gengo_sandbox::ClockMode::parse("fast:1e300").is_none());
}
