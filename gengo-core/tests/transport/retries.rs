//! Retries: which methods retry on which answers, the policy's bounds and Retry-After.

use super::*;

#[test]
fn get_is_retried_after_503_and_post_is_not() {
    let server = Server::start(|_, i| {
        if i == 0 {
            Reply::json(503, "busy")
        } else {
            Reply::ok(r#"{"credits":1}"#)
        }
    });
    let client = client_for(&server.url(), |b| b);
    assert_eq!(
        client
            .account_balance()
            .unwrap()
            .credits
            .unwrap()
            .to_string(),
        "1"
    );
    assert_eq!(server.count(), 2);

    let server = Server::start(|_, i| {
        if i == 0 {
            Reply::json(503, "busy")
        } else {
            Reply::ok(r#"{"order_id":1}"#)
        }
    });
    let client = client_for(&server.url(), |b| b);
    let e = client.order_jobs(&order()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert_eq!(e.http_status(), Some(503));
    assert_eq!(server.count(), 1, "an order must never be sent twice");

    // Nor is PUT, nor a POST whose connection dropped after sending.
    let server = Server::start(|_, i| {
        if i == 0 {
            Reply::json(502, "bad gateway")
        } else {
            Reply::ok("{}")
        }
    });
    let client = client_for(&server.url(), |b| b);
    assert!(client.archive_job(5).is_err());
    assert_eq!(server.count(), 1);
}

#[test]
fn retries_stop_after_the_policy_and_honour_retry_after() {
    let server = Server::start(|_, _| Reply::json(504, "gateway timeout"));
    let client = client_for(&server.url(), |b| b.retry(retry(2)));
    let e = client.get_job(1).unwrap_err();
    assert_eq!((e.kind(), e.http_status()), (ErrorKind::Http, Some(504)));
    assert_eq!(server.count(), 3);

    let server = Server::start(|_, i| {
        if i == 0 {
            Reply::json(
                429,
                r#"{"opstat":"error","err":{"code":429,"msg":"rate limit exceeded"}}"#,
            )
            .with_header("Retry-After", "1")
        } else {
            Reply::ok("[]")
        }
    });
    let client = client_for(&server.url(), |b| b);
    let started = Instant::now();
    client.glossaries().unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After was not honoured"
    );
    assert_eq!(server.count(), 2);

    // A Retry-After longer than the policy allows is reported, not slept through.
    let server = Server::start(|_, _| {
        Reply::json(
            429,
            r#"{"opstat":"error","err":{"code":429,"msg":"rate limit exceeded"}}"#,
        )
        .with_header("Retry-After", "3600")
    });
    let client = client_for(&server.url(), |b| b);
    let e = client.glossaries().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(server.count(), 1);
}

#[test]
fn post_is_retried_only_when_the_connection_was_refused() {
    // Reserve a port, free it, and open it again only after the first attempt.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let started = Arc::new(Mutex::new(None::<Server>));
    let s2 = started.clone();
    let opener = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        let l = TcpListener::bind(("127.0.0.1", port)).unwrap();
        *s2.lock().unwrap() = Some(Server::start_on(l, |_, _| {
            Reply::ok(r#"{"order_id":"77","job_count":1}"#)
        }));
    });
    let client = client_for(&format!("http://127.0.0.1:{port}"), |b| {
        b.retry(RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(1),
        })
    });
    let receipt = client.order_jobs(&order()).unwrap();
    opener.join().unwrap();
    assert_eq!(receipt.order_id, Some(77));
    assert_eq!(started.lock().unwrap().as_ref().unwrap().count(), 1);
}
