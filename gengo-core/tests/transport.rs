//! The transport over loopback: keep-alive, deadlines, TLS verification on every
//! method, safe retries, redirects, limits, bytes, and secrets kept out of errors and
//! logs.

mod common;

use std::net::TcpListener;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use common::{Reply, Server};
use gengo_core::requests::{NewJob, OrderRequest};
use gengo_core::{Client, Config, ErrorKind, RetryPolicy, models::Tier};
use serde_json::json;

const PRIVATE: &str = "PRIVKEY_very_secret_xyz";

fn retry(max: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries: max,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_secs(2),
    }
}

fn client_for(
    base: &str,
    tweak: impl FnOnce(gengo_core::ConfigBuilder) -> gengo_core::ConfigBuilder,
) -> Client {
    let b = Config::builder()
        .keys("PUBKEY_abc", PRIVATE)
        .base_url(base)
        .retry(retry(3))
        .timeout(Duration::from_secs(10));
    Client::new(tweak(b).build().unwrap())
}

fn order() -> OrderRequest {
    OrderRequest::new([("job_1", NewJob::text("Hello", "en", "ja", Tier::Standard))])
}

// ---- a log capture, to prove secrets never reach the logs ----

struct Capture(Mutex<Vec<String>>);
impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, r: &log::Record) {
        self.0.lock().unwrap().push(format!("{}", r.args()));
    }
    fn flush(&self) {}
}
static LOGS: Capture = Capture(Mutex::new(Vec::new()));
static INIT: Once = Once::new();
fn capture_logs() {
    INIT.call_once(|| {
        log::set_logger(&LOGS).unwrap();
        // Debug is the most an app enables in production; ureq's own trace level is a
        // deliberate wire dump and prints full URLs (documented in the README).
        log::set_max_level(log::LevelFilter::Debug);
    });
}

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

#[test]
fn redirects_never_carry_credentials_to_another_host() {
    let other = Server::start(|_, _| Reply::ok(r#"{"credits":"999"}"#));
    let target = format!("http://localhost:{}/v2/account/balance", other.port);
    let server = Server::start(move |_, _| Reply::Send {
        status: 302,
        headers: vec![("Location".into(), target.clone())],
        body: Vec::new(),
    });
    let client = client_for(&server.url(), |b| b);
    let e = client.account_balance().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert_eq!(e.http_status(), Some(302));
    assert!(e.message().contains("another host"), "{e}");
    assert_eq!(
        other.count(),
        0,
        "the other host must never see the request"
    );

    // Same origin: followed (GET).
    let server = Server::start(|r, _| {
        if r.target.starts_with("/v2/account/balance?") {
            Reply::Send {
                status: 301,
                headers: vec![("Location".into(), "/v2/account/balance/".into())],
                body: Vec::new(),
            }
        } else {
            Reply::ok(r#"{"credits":"5"}"#)
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
        "5"
    );
    assert!(
        server.recorded()[1]
            .target
            .starts_with("/v2/account/balance/?api_key=PUBKEY_abc&ts="),
        "{}",
        server.recorded()[1].target
    );
    // A redirect loop is bounded.
    let server = Server::start(|_, _| Reply::Send {
        status: 302,
        headers: vec![("Location".into(), "/again".into())],
        body: Vec::new(),
    });
    let client = client_for(&server.url(), |b| b);
    let e = client.account_balance().unwrap_err();
    assert!(e.message().contains("too many redirects"), "{e}");
    assert_eq!(server.count(), 6);
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

#[test]
fn the_dispatcher_normalises_and_typed_calls_decode() {
    let server = Server::start(|r, _| {
        if r.target.starts_with("/v2/translate/job/42?") {
            Reply::ok(
                r#"{"job":{"job_id":"42","credits":"0.05","auto_approve":"1","status":"cancelled","unit_count":"3","new_field":{"a":1}}}"#,
            )
        } else if r.method == "POST" {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"job_1":[{"code":1350,"msg":"\"body_src\" is a required field"},{"code":1400,"msg":"lc_src"}]}}"#,
            )
        } else {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"code":1000,"msg":"authentication failed"}}"#,
            )
        }
    });
    let client = client_for(&server.url(), |b| b);
    let v = client
        .call("getTranslationJob", &json!({"id": 42}))
        .unwrap();
    assert_eq!(
        v,
        json!({"job": {"job_id": 42, "credits": "0.05", "auto_approve": true, "status": "canceled", "unit_count": 3, "new_field": {"a": 1}}})
    );
    let raw = client.call_raw("get_job", &json!({"id": 42})).unwrap();
    assert_eq!(
        raw,
        gengo_core::Output::Json(
            json!({"job":{"job_id":"42","credits":"0.05","auto_approve":"1","status":"cancelled","unit_count":"3","new_field":{"a":1}}})
        )
    );
    let job = client.get_job(42).unwrap();
    assert_eq!(job.extra["new_field"], json!({"a": 1}));
    let e = client.order_jobs(&order()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MultiJob);
    assert_eq!(e.job_errors()["job_1"].len(), 2);
    let e = client.account_me().unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Auth, Some(1000)));
    // Validation happens before anything is sent.
    let before = server.count();
    let e = client.call("order_jobs", &json!({"jobs": {"a": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "gold"}}})).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(server.count(), before);
}

#[test]
fn secrets_never_appear_in_errors_debug_or_logs() {
    capture_logs();
    let server = Server::start(|_, _| {
        Reply::json(
            401,
            r#"{"opstat":"error","err":{"code":1000,"msg":"authentication failed"}}"#,
        )
    });
    let client = client_for(&server.url(), |b| b);
    let sig = gengo_core::signing::sign(PRIVATE, "0");
    let e = client.account_balance().unwrap_err();
    let recorded = server.recorded();
    let sent_sig = recorded[0]
        .target
        .split("api_sig=")
        .nth(1)
        .unwrap()
        .to_string();
    for text in [
        format!("{e}"),
        format!("{e:?}"),
        e.to_json().to_string(),
        format!("{client:?}"),
        format!("{:?}", client.config()),
    ] {
        assert!(!text.contains(PRIVATE), "private key leaked: {text}");
        assert!(!text.contains(&sent_sig), "signature leaked: {text}");
        assert!(!text.contains(&sig));
    }
    let logs = LOGS.0.lock().unwrap().join("\n");
    assert!(
        logs.contains("/v2/account/balance"),
        "requests are logged: {logs}"
    );
    assert!(
        !logs.contains(&sent_sig) && !logs.contains(PRIVATE),
        "{logs}"
    );
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

#[test]
fn echoed_secrets_are_redacted_from_everything_returned() {
    // A proxy that echoes the request line and body into its error pages, in every
    // shape an error can take: a single API error, per-job errors keyed by the echo,
    // and a non-JSON page.
    let server = Server::start(|r, i| {
        let echo = format!(
            "{} {} {}",
            r.method,
            r.target,
            String::from_utf8_lossy(&r.body)
        );
        let echo_json = serde_json::to_string(&echo).unwrap();
        match i % 3 {
            0 => Reply::json(
                400,
                &format!(r#"{{"opstat":"error","err":{{"code":1100,"msg":{echo_json}}}}}"#),
            ),
            1 => Reply::json(
                400,
                &format!(
                    r#"{{"opstat":"error","err":{{{echo_json}:[{{"code":1350,"msg":{echo_json}}}]}}}}"#
                ),
            ),
            _ => Reply::Send {
                status: 502,
                headers: vec![("Content-Type".into(), "text/html".into())],
                body: format!("<pre>{echo} {PRIVATE}</pre>").into_bytes(),
            },
        }
    });
    let client = client_for(&server.url(), |b| b.retry(RetryPolicy::none()));
    let mut errors = Vec::new();
    for _ in 0..3 {
        errors.push(client.account_balance().unwrap_err());
        errors.push(client.order_jobs(&order()).unwrap_err());
    }
    let sigs: Vec<String> = server
        .recorded()
        .iter()
        .map(|r| {
            let text = format!("{} {}", r.target, String::from_utf8_lossy(&r.body));
            let at = text.find("api_sig=").unwrap() + 8;
            text[at..at + 40].to_string()
        })
        .collect();
    assert_eq!(sigs.len(), 6);
    for e in &errors {
        let mut texts = vec![
            format!("{e}"),
            format!("{e:?}"),
            e.to_json().to_string(),
            format!("{:?}", e.job_errors()),
        ];
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            texts.push(format!("{s} {s:?}"));
            src = s.source();
        }
        for t in &texts {
            assert!(!t.contains(PRIVATE), "private key leaked: {t}");
            for sig in &sigs {
                assert!(!t.contains(sig.as_str()), "signature leaked: {t}");
            }
        }
        assert!(
            texts[2].contains("<redacted>"),
            "the echo is kept, redacted: {}",
            texts[2]
        );
    }
}

#[test]
fn not_found_is_recognisable_without_reading_messages() {
    let server = Server::start(|r, _| {
        if r.target.contains("/job/1?") {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"code":"404","msg":"Requested Resource Not Found"}}"#,
            )
        } else if r.target.contains("/job/2?") {
            Reply::Send {
                status: 404,
                headers: vec![("Content-Type".into(), "text/html".into())],
                body: b"Requested Resource Not Found".to_vec(),
            }
        } else {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"code":2100,"msg":"unauthorized job access"}}"#,
            )
        }
    });
    let client = client_for(&server.url(), |b| b);
    let e = client.get_job(1).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(404)));
    assert!(e.is_not_found());
    assert_eq!(e.to_json()["not_found"], json!(true));
    let e = client.get_job(2).unwrap_err();
    assert_eq!((e.kind(), e.http_status()), (ErrorKind::Http, Some(404)));
    assert!(e.is_not_found());
    let e = client.get_job(3).unwrap_err();
    assert!(!e.is_not_found());
    assert_eq!(e.to_json()["not_found"], json!(false));
}

/// The query of a recorded request target, decoded.
fn query(target: &str) -> Vec<(String, String)> {
    target
        .split_once('?')
        .map(|(_, q)| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

#[test]
fn same_origin_redirects_keep_the_calls_authentication() {
    // The official Ruby client's redirect case: a signed GET answered `302 Location: /`.
    for location in [
        "/",
        "/v2/moved?x=1&api_sig=stale&ts=1",
        "http://{host}/v2/full",
    ] {
        let server = Server::start(move |r, _| {
            if r.target.starts_with("/v2/translate/job/42") {
                let host = r.header("host").unwrap_or_default().to_string();
                Reply::Send {
                    status: 302,
                    headers: vec![("Location".into(), location.replace("{host}", &host))],
                    body: Vec::new(),
                }
            } else {
                Reply::ok(r#"{"job":{"job_id":"42","status":"available"}}"#)
            }
        });
        let client = client_for(&server.url(), |b| b);
        assert_eq!(client.get_job(42).unwrap().job_id, Some(42), "{location}");
        let followed = &server.recorded()[1];
        let q = query(&followed.target);
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("api_key"), Some("PUBKEY_abc"), "{}", followed.target);
        let (ts, sig) = (get("ts").unwrap(), get("api_sig").unwrap());
        assert!(
            gengo_core::signing::verify(PRIVATE, ts, sig),
            "{}",
            followed.target
        );
        assert_eq!(
            q.iter()
                .filter(|(n, _)| n == "ts" || n == "api_sig")
                .count(),
            2,
            "stale auth dropped"
        );
        if location.contains("x=1") {
            assert_eq!(get("x"), Some("1"));
        }
    }
    // A bearer token goes again in its header, and no key appears in the query.
    let server = Server::start(|r, _| {
        if r.target.starts_with("/v2/translate/job/42") {
            Reply::Send {
                status: 307,
                headers: vec![("Location".into(), "/".into())],
                body: Vec::new(),
            }
        } else {
            Reply::ok(r#"{"job":{"job_id":"42"}}"#)
        }
    });
    let client = Client::new(
        Config::builder()
            .base_url(server.url())
            .access_token("tok_123")
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap(),
    );
    client.get_job(42).unwrap();
    let followed = &server.recorded()[1];
    assert_eq!(followed.target, "/");
    assert_eq!(followed.header("authorization"), Some("Bearer tok_123"));
    // DELETE too; POST and PUT are never followed (tests/faults.rs).
    let server = Server::start(|r, _| {
        if r.target.starts_with("/v2/translate/job/42") {
            Reply::Send {
                status: 302,
                headers: vec![("Location".into(), "/v2/gone".into())],
                body: Vec::new(),
            }
        } else {
            Reply::ok("{}")
        }
    });
    client_for(&server.url(), |b| b).cancel_job(42).unwrap();
    let followed = &server.recorded()[1];
    assert_eq!(followed.method, "DELETE");
    let q = query(&followed.target);
    let ts = q.iter().find(|(n, _)| n == "ts").unwrap().1.clone();
    let sig = q.iter().find(|(n, _)| n == "api_sig").unwrap().1.clone();
    assert!(gengo_core::signing::verify(PRIVATE, &ts, &sig));
}

#[test]
fn unreadable_ids_in_nested_lists_normalise_to_null_on_every_path() {
    // The 2012 docs' revisions body, as a server would send it.
    let body = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/translate_job_revisions_get__docs2014.json"),
    )
    .unwrap();
    let server = Server::start(move |_, _| Reply::Send {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.clone().into_bytes(),
    });
    let client = client_for(&server.url(), |b| b);
    let placeholder = serde_json::json!({"ctime": null, "rev_id": null});
    let want = serde_json::json!({"job_id": 42, "revisions": [placeholder, placeholder, placeholder, null]});
    // JSON in and out (the dispatcher), its text (the C ABI) and the typed call.
    assert_eq!(
        client
            .call("job_revisions", &serde_json::json!({"id": 42}))
            .unwrap(),
        want
    );
    let request = gengo_core::binding::prepare(
        "getTranslationJobRevisions",
        gengo_core::binding::JsonText::new(r#"{"id": 42}"#, "params"),
    )
    .unwrap();
    let gengo_core::binding::Reply::Normalized(n) = client
        .send(request, gengo_core::binding::Want::Normalized)
        .unwrap()
    else {
        panic!("a normalised call answers normalised")
    };
    let text = n.to_json_string();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        want
    );
    let typed = client.job_revisions(42).unwrap_or_default();
    assert!(
        typed.is_empty(),
        "the list does not read as revisions: {typed:?}"
    );
}
