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

mod answers;
mod bodies;
mod connections;
mod redirects;

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

/// The matrix's settings: its timeout, 3 retries (50 ms base delay, 1 s cap).
fn config(base: &str) -> gengo_core::ConfigBuilder {
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
}

fn client(base: &str) -> Client {
    Client::new(config(base).build().unwrap())
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
