//! The fault matrix: every fault a server, a proxy or the network can throw at a call,
//! crossed with GET, POST, PUT and DELETE. For every cell it asserts what a user would
//! check: the outcome (the error kind, or success), how many requests the server saw
//! (POST and PUT exactly once unless the connection was refused: an order is never sent
//! twice), and that the call returned within its timeout plus 10%.
//!
//! The fault server is a few dozen lines of std networking on 127.0.0.1; every server
//! stops when its test ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use gengo_core::{Client, Config, ErrorKind, RetryPolicy};
use serde_json::{Value, json};

/// The whole-call timeout of every cell.
const TIMEOUT: Duration = Duration::from_millis(2500);
/// Scheduling latency a busy machine may add to a measured call (see `check_cell`).
const LOADED_MACHINE_SLACK: Duration = Duration::from_millis(750);
const OK_BODY: &str = r#"{"opstat":"ok","response":{}}"#;

#[derive(Clone, Copy, Debug, PartialEq)]
enum M {
    Get,
    Post,
    Put,
    Delete,
}
const METHODS: [M; 4] = [M::Get, M::Post, M::Put, M::Delete];

impl M {
    fn idempotent(self) -> bool {
        matches!(self, M::Get | M::Delete)
    }
    fn call(self, client: &Client) -> gengo_core::Result<Value> {
        match self {
            M::Get => client.call("get_job", &json!({"id": 1})),
            M::Post => client.call("post_job_comment", &json!({"id": 1, "body": "hi"})),
            M::Put => client.call("archive_job", &json!({"id": 1})),
            M::Delete => client.call("cancel_job", &json!({"id": 1})),
        }
    }
}

/// What the fault server does with each request it reads.
#[derive(Clone)]
enum Fault {
    /// Write these bytes, keep the connection.
    Bytes(Vec<u8>),
    /// Write these bytes, then close.
    BytesThenClose(Vec<u8>),
    /// Close with a TCP reset, answering nothing.
    Reset,
    /// Never answer.
    BlackHole,
    /// Headers promising 1,000 bytes, then one byte every 100 ms.
    SlowBody,
    /// Answer OK, then close the idle connection a moment later.
    OkThenCloseIdle,
}

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn json_response(status: u16, extra: &[(&str, &str)], body: &str) -> Fault {
    let mut h = vec![("Content-Type", "application/json")];
    h.extend_from_slice(extra);
    Fault::Bytes(response(status, &h, body.as_bytes()))
}

struct FaultServer {
    port: u16,
    requests: Arc<AtomicUsize>,
    closed_idle: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl FaultServer {
    fn start(fault: impl Fn(usize) -> Fault + Send + Sync + 'static) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let s = FaultServer {
            port,
            requests: Arc::new(AtomicUsize::new(0)),
            closed_idle: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let fault = Arc::new(fault);
        let (requests, closed, stop) = (s.requests.clone(), s.closed_idle.clone(), s.stop.clone());
        thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let Ok((stream, _)) = listener.accept() else {
                    thread::sleep(Duration::from_millis(2));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                // Threads end with their connection (the client closes it) or, for
                // the hanging faults, when the server is dropped.
                let (requests, closed, stop, fault) = (
                    requests.clone(),
                    closed.clone(),
                    stop.clone(),
                    fault.clone(),
                );
                thread::spawn(move || serve(stream, &requests, &closed, &stop, &*fault));
            }
        });
        s
    }
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
    fn count(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> bool {
    let mut len = 0usize;
    let mut first = true;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return false;
        }
        let l = line.trim_end();
        if l.is_empty() && !first {
            break;
        }
        first = false;
        if let Some((k, v)) = l.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body).is_ok()
}

fn serve(
    stream: TcpStream,
    requests: &AtomicUsize,
    closed: &AtomicUsize,
    stop: &AtomicBool,
    fault: &(dyn Fn(usize) -> Fault + Send + Sync),
) {
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        if !read_request(&mut reader) {
            return;
        }
        let index = requests.fetch_add(1, Ordering::SeqCst);
        match fault(index) {
            Fault::Bytes(b) => {
                if writer.write_all(&b).is_err() {
                    return;
                }
            }
            Fault::BytesThenClose(b) => {
                let _ = writer.write_all(&b);
                let _ = writer.shutdown(Shutdown::Both);
                return;
            }
            Fault::Reset => {
                let sock = socket2::SockRef::from(&stream);
                let _ = sock.set_linger(Some(Duration::ZERO));
                drop(reader);
                drop(writer);
                drop(stream);
                return;
            }
            Fault::BlackHole => {
                while !stop.load(Ordering::SeqCst) {
                    thread::sleep(Duration::from_millis(20));
                }
                return;
            }
            Fault::SlowBody => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
                if writer.write_all(head.as_bytes()).is_err() {
                    return;
                }
                for _ in 0..1000 {
                    if stop.load(Ordering::SeqCst) || writer.write_all(b" ").is_err() {
                        return;
                    }
                    thread::sleep(Duration::from_millis(100));
                }
                return;
            }
            Fault::OkThenCloseIdle => {
                let b = response(
                    200,
                    &[("Content-Type", "application/json")],
                    OK_BODY.as_bytes(),
                );
                if writer.write_all(&b).is_err() {
                    return;
                }
                thread::sleep(Duration::from_millis(30));
                let _ = writer.shutdown(Shutdown::Both);
                closed.fetch_add(1, Ordering::SeqCst);
                return;
            }
        }
    }
}

fn client(base: &str) -> Client {
    Client::new(
        Config::builder()
            .keys("PUBKEY_faults", "PRIVKEY_faults_secret")
            .base_url(base)
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(1))
            .retry(RetryPolicy {
                max_retries: 3,
                base_delay: Duration::from_millis(50),
                max_delay: Duration::from_secs(1),
            })
            .build()
            .unwrap(),
    )
}

/// What a cell expects.
#[derive(Clone, Copy, Debug)]
enum Want {
    Ok,
    Kind(ErrorKind),
    /// GET and DELETE succeed; POST and PUT fail with this kind.
    OkIfIdempotent(ErrorKind),
}

#[derive(Clone, Copy, Debug)]
enum Count {
    Exactly(usize),
    Between(usize, usize),
}

impl Count {
    fn holds(self, n: usize) -> bool {
        match self {
            Count::Exactly(x) => n == x,
            Count::Between(a, b) => (a..=b).contains(&n),
        }
    }
}

/// Runs one fault against all four methods (each against its own server, in parallel)
/// and checks every cell. `counts` gives the expected requests for (GET/DELETE,
/// POST/PUT).
fn matrix(
    name: &str,
    fault: impl Fn(usize) -> Fault + Send + Sync + Clone + 'static,
    want: Want,
    counts: (Count, Count),
) -> Vec<(M, gengo_core::Result<Value>)> {
    let handles: Vec<_> = METHODS
        .iter()
        .map(|&m| {
            let fault = fault.clone();
            thread::spawn(move || {
                let server = FaultServer::start(fault);
                let c = client(&server.url());
                let started = Instant::now();
                let r = m.call(&c);
                let took = started.elapsed();
                (m, r, took, server.count())
            })
        })
        .collect();
    let mut out = Vec::new();
    for h in handles {
        let (m, r, took, seen) = h.join().unwrap();
        check_cell(name, m, &r, took, seen, want, counts);
        out.push((m, r));
    }
    out
}

fn check_cell(
    name: &str,
    m: M,
    r: &gengo_core::Result<Value>,
    took: Duration,
    seen: usize,
    want: Want,
    counts: (Count, Count),
) {
    let cell = format!("{name} x {m:?}");
    let want = match want {
        Want::OkIfIdempotent(_) if m.idempotent() => Want::Ok,
        Want::OkIfIdempotent(k) => Want::Kind(k),
        w => w,
    };
    match (want, r) {
        (Want::Ok, Ok(_)) => {}
        (Want::Kind(k), Err(e)) => assert_eq!(e.kind(), k, "{cell}: {e}"),
        (w, other) => panic!("{cell}: wanted {w:?}, got {other:?}"),
    }
    let expected = if m.idempotent() { counts.0 } else { counts.1 };
    assert!(
        expected.holds(seen),
        "{cell}: the server saw {seen} requests, expected {expected:?}"
    );
    // The promise is the timeout plus 10%; the test adds what a loaded 2-core machine
    // may take to wake the test's own threads (several cells run at once, beside other
    // work), which is not the library's time. An extra attempt or wait overshoots by far
    // more (the backoff alone is 50 ms to 1 s, an attempt up to the whole timeout).
    let bound = TIMEOUT + TIMEOUT / 10 + LOADED_MACHINE_SLACK;
    assert!(took <= bound, "{cell}: took {took:?}, more than {bound:?}");
}

use Count::{Between, Exactly};

/// Every cell failed, and `retryable` says so for GET and DELETE (`idempotent`) and for
/// POST and PUT (`other`).
fn assert_retryable(out: &[(M, gengo_core::Result<Value>)], idempotent: bool, other: bool) {
    for (m, r) in out {
        let e = r.as_ref().expect_err("the cell fails");
        let want = if m.idempotent() { idempotent } else { other };
        assert_eq!(e.is_retryable(), want, "{m:?}: {e}");
        assert_eq!(e.to_json()["retryable"], want, "{m:?}");
    }
}

#[test]
fn refused_connections_are_retried_for_every_method_within_the_deadline() {
    // Nothing listens: the request provably never left, so even POST may retry.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for m in METHODS {
        let c = client(&format!("http://127.0.0.1:{port}"));
        let started = Instant::now();
        let r = m.call(&c);
        check_cell(
            "refused",
            m,
            &r,
            started.elapsed(),
            0,
            Want::Kind(ErrorKind::Transport),
            (Exactly(0), Exactly(0)),
        );
        let e = r.unwrap_err();
        assert!(e.message().contains("refused"));
        assert!(e.is_retryable(), "{m:?}: nothing reached the server");
    }
}

#[test]
fn reset_after_the_request() {
    let out = matrix(
        "reset",
        |_| Fault::Reset,
        Want::Kind(ErrorKind::Transport),
        (Exactly(4), Exactly(1)),
    );
    // A POST whose answer was lost may have ordered: never retryable.
    assert_retryable(&out, true, false);
}

#[test]
fn black_hole_ends_at_the_whole_call_deadline() {
    // One attempt takes the whole deadline; nothing is left to retry with.
    let out = matrix(
        "black hole",
        |_| Fault::BlackHole,
        Want::Kind(ErrorKind::Timeout),
        (Exactly(1), Exactly(1)),
    );
    assert_retryable(&out, true, false);
}

#[test]
fn slow_body_ends_at_the_whole_call_deadline() {
    matrix(
        "slow body",
        |_| Fault::SlowBody,
        Want::Kind(ErrorKind::Timeout),
        (Exactly(1), Exactly(1)),
    );
}

#[test]
fn html_500_is_an_http_error_retried_only_for_get_and_delete() {
    let html = response(
        500,
        &[("Content-Type", "text/html")],
        b"<html><body>Internal Server Error</body></html>",
    );
    let out = matrix(
        "500 html",
        move |_| Fault::Bytes(html.clone()),
        Want::Kind(ErrorKind::Http),
        (Exactly(4), Exactly(1)),
    );
    assert_retryable(&out, true, false);
    // Once the server answers, a GET that met a 500 goes through.
    let html = response(500, &[("Content-Type", "text/html")], b"<html>busy</html>");
    matrix(
        "500 once",
        move |i| {
            if i == 0 {
                Fault::Bytes(html.clone())
            } else {
                json_response(200, &[], OK_BODY)
            }
        },
        Want::OkIfIdempotent(ErrorKind::Http),
        (Exactly(2), Exactly(1)),
    );
    for (_, r) in out {
        let e = r.unwrap_err();
        assert_eq!(e.http_status(), Some(500));
        assert!(e.snippet().unwrap().contains("Internal Server Error"));
    }
}

#[test]
fn gateway_errors_with_retry_after_retry_only_idempotent_methods() {
    for status in [502, 503, 504] {
        let out = matrix(
            &format!("{status} + Retry-After: 1"),
            move |_| json_response(status, &[("Retry-After", "1")], "{}"),
            Want::Kind(ErrorKind::Http),
            (Between(2, 3), Exactly(1)),
        );
        assert_retryable(&out, true, false);
        for (_, r) in out {
            assert_eq!(r.unwrap_err().http_status(), Some(status));
        }
    }
}

#[test]
fn rate_limited_with_retry_after() {
    let body = r#"{"opstat":"error","err":{"code":429,"msg":"rate limit exceeded"}}"#;
    let out = matrix(
        "429 + Retry-After: 1",
        move |_| json_response(429, &[("Retry-After", "1")], body),
        Want::Kind(ErrorKind::RateLimited),
        // Gengo refused to act: even an order is retried, and may be repeated.
        (Between(2, 3), Between(2, 3)),
    );
    assert_retryable(&out, true, true);
    for (_, r) in out {
        assert_eq!(r.unwrap_err().retry_after(), Some(Duration::from_secs(1)));
    }
}

#[test]
fn retry_after_as_an_http_date() {
    let out = matrix(
        "503 + Retry-After: <date>",
        |_| {
            let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(1));
            json_response(503, &[("Retry-After", &at)], "{}")
        },
        Want::Kind(ErrorKind::Http),
        (Between(2, 4), Exactly(1)),
    );
    for (_, r) in out {
        assert!(r.unwrap_err().retry_after().unwrap() <= Duration::from_secs(1));
    }
}

#[test]
fn huge_retry_after_never_panics_and_ends_the_call_as_rate_limited() {
    let body = r#"{"opstat":"error","err":{"code":429,"msg":"rate limit exceeded"}}"#;
    for value in [
        "1e20",
        "99999999999999999999999999",
        "18446744073709551615",
        "3600",
    ] {
        let out = matrix(
            &format!("429 + Retry-After: {value}"),
            move |_| json_response(429, &[("Retry-After", value)], body),
            Want::Kind(ErrorKind::RateLimited),
            (Exactly(1), Exactly(1)),
        );
        for (_, r) in out {
            // The server's value is carried (saturated where it cannot be held).
            let ra = r.unwrap_err().retry_after().unwrap();
            assert!(ra >= Duration::from_secs(3600), "{value}: {ra:?}");
        }
    }
}

#[test]
fn unreadable_retry_after_is_treated_as_absent() {
    for value in ["NaN", "-5", "soon", "inf", "1e", ""] {
        let out = matrix(
            &format!("503 + Retry-After: {value:?}"),
            move |_| json_response(503, &[("Retry-After", value)], "{}"),
            Want::Kind(ErrorKind::Http),
            (Exactly(4), Exactly(1)),
        );
        for (_, r) in out {
            assert_eq!(r.unwrap_err().retry_after(), None, "{value}");
        }
    }
}

#[test]
fn truncated_json() {
    let mut b = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
        .to_vec();
    b.extend_from_slice(br#"{"opstat":"ok","resp"#);
    let out = matrix(
        "truncated json",
        move |_| Fault::BytesThenClose(b.clone()),
        Want::Kind(ErrorKind::Transport),
        (Exactly(4), Exactly(1)),
    );
    assert_retryable(&out, true, false);
}

#[test]
fn json_with_a_wrong_content_type_is_read_by_its_body() {
    let b = response(200, &[("Content-Type", "text/html")], OK_BODY.as_bytes());
    matrix(
        "json as text/html",
        move |_| Fault::Bytes(b.clone()),
        Want::Ok,
        (Exactly(1), Exactly(1)),
    );
}

#[test]
fn oversized_body_is_refused_once_and_never_retried() {
    // The client allows 64 MiB by default; this one allows 64 KiB.
    for m in METHODS {
        let big = format!(
            r#"{{"opstat":"ok","response":{{"x":"{}"}}}}"#,
            "a".repeat(200_000)
        );
        let b = response(200, &[("Content-Type", "application/json")], big.as_bytes());
        let server = FaultServer::start(move |_| Fault::Bytes(b.clone()));
        let c = Client::new(
            Config::builder()
                .keys("PUBKEY_faults", "PRIVKEY_faults_secret")
                .base_url(server.url())
                .timeout(TIMEOUT)
                .max_response_bytes(64 * 1024)
                .retry(RetryPolicy {
                    max_retries: 3,
                    base_delay: Duration::from_millis(50),
                    max_delay: Duration::from_secs(1),
                })
                .build()
                .unwrap(),
        );
        let started = Instant::now();
        let r = m.call(&c);
        check_cell(
            "oversized",
            m,
            &r,
            started.elapsed(),
            server.count(),
            Want::Kind(ErrorKind::Decode),
            (Exactly(1), Exactly(1)),
        );
        let e = r.unwrap_err();
        assert!(
            e.message().contains("response larger than 65536 bytes"),
            "{e}"
        );
        assert!(!e.is_retryable(), "the same body again");
    }
}

#[test]
fn invalid_utf8_is_a_decode_error() {
    let mut body = br#"{"opstat":"ok","response":{"x":""#.to_vec();
    body.extend_from_slice(&[0xff, 0xfe, 0x80]);
    body.extend_from_slice(br#""}}"#);
    let b = response(200, &[("Content-Type", "application/json")], &body);
    let out = matrix(
        "invalid utf-8",
        move |_| Fault::Bytes(b.clone()),
        Want::Kind(ErrorKind::Decode),
        (Exactly(1), Exactly(1)),
    );
    assert_retryable(&out, false, false);
}

fn redirect(location: &str) -> Fault {
    Fault::Bytes(response(302, &[("Location", location)], b""))
}

#[test]
fn redirects_to_another_host_or_port_are_refused() {
    let other = FaultServer::start(|_| json_response(200, &[], OK_BODY));
    for (name, target) in [
        (
            "another host",
            format!("http://localhost:{}/v2/x", other.port),
        ),
        (
            "another port",
            format!("http://127.0.0.1:{}/v2/x", other.port),
        ),
        ("another scheme", "https://127.0.0.1/v2/x".to_string()),
    ] {
        let out = matrix(
            &format!("redirect to {name}"),
            move |_| redirect(&target),
            Want::Kind(ErrorKind::Http),
            (Exactly(1), Exactly(1)),
        );
        assert_retryable(&out, false, false);
        for (_, r) in out {
            assert_eq!(r.unwrap_err().http_status(), Some(302));
        }
    }
    assert_eq!(other.count(), 0, "credentials went to another origin");
}

#[test]
fn same_origin_redirects_are_followed_for_get_and_delete_only() {
    let out = matrix(
        "redirect to the same origin",
        |i| {
            if i == 0 {
                redirect("/v2/moved")
            } else {
                json_response(200, &[], OK_BODY)
            }
        },
        Want::OkIfIdempotent(ErrorKind::Http),
        (Exactly(2), Exactly(1)),
    );
    for (m, r) in out {
        if !m.idempotent() {
            assert!(r.unwrap_err().message().contains("not followed"));
        }
    }
}

#[test]
fn redirect_loops_are_bounded() {
    let out = matrix(
        "redirect loop",
        |_| redirect("/v2/again"),
        Want::Kind(ErrorKind::Http),
        (Exactly(6), Exactly(1)),
    );
    for (m, r) in out {
        if m.idempotent() {
            assert!(r.unwrap_err().message().contains("too many redirects"));
        }
    }
}

#[test]
fn a_stale_keep_alive_connection_is_not_reused() {
    for m in METHODS {
        let server = FaultServer::start(|_| Fault::OkThenCloseIdle);
        let c = client(&server.url());
        m.call(&c).unwrap();
        // Wait (bounded) until the server has closed the pooled connection.
        let until = Instant::now() + Duration::from_secs(5);
        while server.closed_idle.load(Ordering::SeqCst) == 0 && Instant::now() < until {
            thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(server.closed_idle.load(Ordering::SeqCst), 1);
        thread::sleep(Duration::from_millis(20));
        let started = Instant::now();
        let r = m.call(&c);
        check_cell(
            "stale keep-alive",
            m,
            &r,
            started.elapsed(),
            server.count(),
            Want::Ok,
            (Exactly(2), Exactly(2)),
        );
    }
}
