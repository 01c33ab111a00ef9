//! The client's rate limit against a server with the same limit (Gengo's 150 requests a
//! minute, the sandbox's default): one client shared by several threads making more calls
//! than a minute allows never draws a 429 from the server. Every call either succeeds
//! (after waiting for its slot, when its deadline leaves room) or fails `rate_limited` at
//! once, before sending, when its slot comes after its deadline; none fails after waiting.
//!
//! It takes a little over a minute: the calls beyond the first 150 wait for the window.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use gengo_core::requests::JobFilter;
use gengo_core::{Client, Config, ErrorKind};
use gengo_sandbox::{ClockMode, Options, Sandbox, State};
use serde_json::json;

const THREADS: usize = 8;
const CALLS_PER_THREAD: usize = 25;
const OTHER_CALLS: usize = 15;

/// A loopback proxy to `upstream` that holds the first bytes of the connections opened in
/// its first seconds for `delay`: the first requests of a burst reach the server later
/// than requests sent after them, as under load or valgrind (a limiter that counts from
/// when it sent a request disagrees with the server there, a minute later).
struct SlowStart {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl SlowStart {
    fn start(upstream: std::net::SocketAddr, delay: Duration) -> SlowStart {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let s = Arc::clone(&stop);
        let started = Instant::now();
        thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((down, _)) => {
                        let delay = if started.elapsed() < Duration::from_secs(5) {
                            delay
                        } else {
                            Duration::ZERO
                        };
                        down.set_nonblocking(false).unwrap();
                        let up = TcpStream::connect(upstream).unwrap();
                        let (mut d2, mut u2) = (down.try_clone().unwrap(), up.try_clone().unwrap());
                        thread::spawn(move || pipe(down, up, delay));
                        thread::spawn(move || {
                            let _ = std::io::copy(&mut u2, &mut d2);
                            let _ = d2.shutdown(Shutdown::Both);
                        });
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        SlowStart { port, stop }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for SlowStart {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn pipe(mut from: TcpStream, mut to: TcpStream, delay: Duration) {
    let mut buf = [0u8; 16 * 1024];
    let mut first = true;
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if std::mem::take(&mut first) && !delay.is_zero() {
                    thread::sleep(delay);
                }
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown(Shutdown::Both);
}

fn client(url: &str, timeout: Duration) -> Client {
    let (public, private) = State::demo_keys();
    Client::new(
        Config::builder()
            .base_url(url)
            .keys(public, private)
            .timeout(timeout)
            // The client's limit equals the server's.
            .rate_limit_per_minute(Some(150))
            .build()
            .unwrap(),
    )
}

#[test]
fn a_client_whose_limit_equals_the_servers_never_draws_a_429() {
    let sb = Sandbox::start(
        "127.0.0.1:0",
        Options {
            clock: ClockMode::Manual,
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(
        Options::default().rate_limit_per_minute,
        Some(150),
        "Gengo's limit"
    );
    let job = sb.with_state(|s| {
        let r = s
            .seed_jobs(
                State::demo_keys().0,
                json!({"jobs": {"a": {"type": "text", "body_src": "Pacing", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}}),
                Some("available"),
            )
            .unwrap();
        r["job_ids"][0].as_u64().unwrap()
    });
    // Deadlines long enough for a window: every call gets through, those beyond the
    // first 150 after waiting for the next window. Each thread's first request is held
    // 2 s on its way (a new connection).
    let proxy = SlowStart::start(sb.addr(), Duration::from_secs(2));
    let c = Arc::new(client(&proxy.url(), Duration::from_secs(120)));
    let started = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..THREADS {
        let c = Arc::clone(&c);
        handles.push(thread::spawn(move || {
            (0..CALLS_PER_THREAD)
                .map(|_| {
                    let t = Instant::now();
                    (c.get_job(job).map(drop), t.elapsed())
                })
                .collect::<Vec<_>>()
        }));
    }
    let c2 = Arc::clone(&c);
    handles.push(thread::spawn(move || {
        (0..OTHER_CALLS)
            .map(|i| {
                let t = Instant::now();
                let r = match i % 3 {
                    0 => c2.account_balance().map(drop),
                    1 => c2.languages().map(drop),
                    _ => c2
                        .list_jobs(&JobFilter {
                            count: Some(5),
                            ..Default::default()
                        })
                        .map(drop),
                };
                (r, t.elapsed())
            })
            .collect()
    }));
    // One more call while the window is full: it owns the slot it waits for, so it is
    // sent when promised and succeeds.
    thread::sleep(Duration::from_secs(5));
    let t = Instant::now();
    let extra = c.languages().map(drop);
    let extra_took = t.elapsed();
    assert!(extra.is_ok(), "{extra:?}");
    assert!(
        extra_took >= Duration::from_secs(40),
        "waited for its slot: {extra_took:?}"
    );
    let mut results: Vec<(gengo_core::Result<()>, Duration)> = Vec::new();
    for h in handles {
        results.extend(h.join().unwrap());
    }
    let took = started.elapsed();
    let failed: Vec<_> = results.iter().filter(|(r, _)| r.is_err()).collect();
    assert!(failed.is_empty(), "{failed:?}");
    // More calls than a minute allows: the rest waited for the next window.
    let total = THREADS * CALLS_PER_THREAD + OTHER_CALLS + 1;
    assert!(took >= Duration::from_secs(60), "{total} calls in {took:?}");
    assert!(results.iter().any(|(_, d)| *d >= Duration::from_secs(50)));
    let (requests, throttled) = sb.with_state(|s| (s.requests, s.throttled));
    assert_eq!(
        throttled, 0,
        "the server refused {throttled} requests (HTTP 429)"
    );
    // No retries: one request per call.
    assert_eq!(requests, total as u64, "one request per call");
    assert!(took < Duration::from_secs(110), "{took:?}");
}

#[test]
fn a_call_whose_slot_comes_after_its_deadline_fails_at_once() {
    let sb = Sandbox::start(
        "127.0.0.1:0",
        Options {
            clock: ClockMode::Manual,
            rate_limit_per_minute: Some(10),
            ..Options::default()
        },
    )
    .unwrap();
    let (public, private) = State::demo_keys();
    let c = Client::new(
        Config::builder()
            .base_url(sb.url())
            .keys(public, private)
            .timeout(Duration::from_secs(10))
            .rate_limit_per_minute(Some(10))
            .build()
            .unwrap(),
    );
    for _ in 0..10 {
        c.languages().unwrap();
    }
    let before = sb.with_state(|s| s.requests);
    for _ in 0..3 {
        let t = Instant::now();
        let e = c.languages().unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
        assert_eq!(e.kind(), ErrorKind::RateLimited, "{e}");
        assert_eq!(e.http_status(), None, "refused by the client: {e}");
        assert!(e.message().contains("nothing was sent"), "{e}");
        assert!(e.retry_after().unwrap() > Duration::from_secs(50));
        assert!(e.is_retryable());
    }
    assert_eq!(
        sb.with_state(|s| (s.requests - before, s.throttled)),
        (0, 0)
    );
}
