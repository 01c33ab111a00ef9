//! Connections: reuse, deadlines, refusals, bounded bodies, TLS, threads and the shared rate limit.

use super::*;

#[test]
fn twenty_sequential_calls_share_one_connection() {
    let server = Server::start(|_, _| Reply::ok(r#"{"credits":"25.32","currency":"USD"}"#));
    let client = client_for(&server.url(), |b| b);
    for _ in 0..20 {
        let b = client.account_balance().unwrap();
        assert_eq!(b.credits.unwrap().to_string(), "25.32");
    }
    // A clone shares the pool too.
    client.clone().account_balance().unwrap();
    assert_eq!(server.count(), 21);
    assert_eq!(
        server.connections.load(std::sync::atomic::Ordering::SeqCst),
        1
    );
    assert!(server.recorded().iter().all(|r| r.connection == 0));
}

#[test]
fn a_server_that_never_answers_times_out_at_the_deadline() {
    let server = Server::start(|_, _| Reply::Hang);
    let client = client_for(&server.url(), |b| {
        b.timeout(Duration::from_millis(800))
            .retry(RetryPolicy::none())
    });
    let started = Instant::now();
    let e = client.account_balance().unwrap_err();
    let took = started.elapsed();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(
        took >= Duration::from_millis(700) && took < Duration::from_secs(5),
        "{took:?}"
    );
}

#[test]
fn refused_connections_are_transport_errors() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = client_for(&format!("http://127.0.0.1:{port}"), |b| {
        b.retry(RetryPolicy::none())
    });
    let e = client.account_balance().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert!(e.message().contains("refused"), "{e}");
}

#[test]
fn response_bodies_are_bounded() {
    let server = Server::start(|_, _| Reply::ok(&format!("\"{}\"", "x".repeat(2 * 1024 * 1024))));
    let client = client_for(&server.url(), |b| {
        b.max_response_bytes(1024 * 1024).retry(RetryPolicy::none())
    });
    let e = client.call("language_matrix", &json!({})).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(
        e.message().contains("response larger than 1048576 bytes"),
        "{e}"
    );
}

#[test]
fn bytes_come_back_intact_and_json_errors_stay_errors() {
    let png: Vec<u8> = (0..=255u8).collect();
    let body = png.clone();
    let server = Server::start(move |r, _| {
        if r.target.contains("/download/1") {
            Reply::Send {
                status: 200,
                headers: vec![("Content-Type".into(), "text/csv".into())],
                body: body.clone(),
            }
        } else {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"code":404,"msg":"Requested Resource Not Found"}}"#,
            )
        }
    });
    let client = client_for(&server.url(), |b| b);
    let d = client.download_glossary(1).unwrap();
    assert_eq!(d.bytes, png);
    assert_eq!(d.content_type.as_deref(), Some("text/csv"));
    let v = client.call("getGlossaryFile", &json!({"id": 1})).unwrap();
    assert_eq!(v["size"], 256);
    let e = client.download_glossary(2).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(404)));
}

// ---- TLS ----

fn self_signed_tls_server() -> (u16, Arc<Mutex<usize>>, Arc<std::sync::atomic::AtomicBool>) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let der = cert.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::try_from(cert.signing_key.serialize_der()).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![der], key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let served = Arc::new(Mutex::new(0usize));
    let stop = Arc::new(AtomicBool::new(false));
    let (served2, stop2) = (served.clone(), stop.clone());
    std::thread::spawn(move || {
        while !stop2.load(Ordering::SeqCst) {
            let Ok((mut tcp, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            tcp.set_nonblocking(false).unwrap();
            tcp.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::Stream::new(&mut conn, &mut tcp);
            let mut buf = [0u8; 1024];
            if let Ok(n) = std::io::Read::read(&mut tls, &mut buf)
                && n > 0
            {
                // A request got through the handshake: that must never happen.
                *served2.lock().unwrap() += 1;
                let _ = std::io::Write::write_all(&mut tls, b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{\"opstat\":\"ok\",\"response\":{\"ok\":true}}  ");
            }
        }
    });
    (port, served, stop)
}

#[test]
fn self_signed_certificates_are_refused_on_every_method() {
    let (port, served, stop) = self_signed_tls_server();
    let client = client_for(&format!("https://127.0.0.1:{port}"), |b| {
        b.retry(RetryPolicy::none())
    });
    let results = [
        ("GET", client.account_balance().map(|_| ())),
        (
            "POST",
            client.post_job_comment(1, &gengo_core::requests::NewComment::new("hi")),
        ),
        ("PUT", client.archive_job(1)),
        ("DELETE", client.cancel_job(1)),
    ];
    for (method, r) in results {
        let e = r.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Tls, "{method}: {e}");
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(
        *served.lock().unwrap(),
        0,
        "no request may pass an unverified handshake"
    );
}

#[test]
fn client_is_send_sync_and_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<Client>();
    let server = Server::start(|_, _| Reply::ok(r#"{"credits":"1"}"#));
    let client = client_for(&server.url(), |b| b);
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let c = client.clone();
            std::thread::spawn(move || (0..5).for_each(|_| assert!(c.account_balance().is_ok())))
        })
        .collect();
    handles.into_iter().for_each(|h| h.join().unwrap());
    assert_eq!(server.count(), 40);
    // The pool keeps no more connections than were used at once.
    assert!(server.connections.load(std::sync::atomic::Ordering::SeqCst) <= 8);
}

#[test]
fn clones_share_one_rate_limit() {
    let server = Server::start(|_, _| Reply::ok(r#"{"credits":"1"}"#));
    let client = client_for(&server.url(), |b| b.rate_limit_per_minute(Some(2)));
    client.account_balance().unwrap();
    client.clone().account_balance().unwrap();
    // A third call from yet another clone would have to wait for the window (60 s),
    // beyond its 10 s deadline: it fails at once as rate limited, and sends nothing.
    let started = Instant::now();
    let e = client.clone().account_balance().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited, "{e}");
    assert!(e.message().contains("client-side rate limit"), "{e}");
    assert!(e.retry_after().unwrap() > Duration::from_secs(50));
    // At once: not after waiting for the window (60 s); slack for a loaded machine.
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(server.count(), 2, "the clone did not share the limit");
    // A separate client has its own limit.
    let other = client_for(&server.url(), |b| b.rate_limit_per_minute(Some(2)));
    other.account_balance().unwrap();
    assert_eq!(server.count(), 3);
}
