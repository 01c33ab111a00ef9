//! Helpers: a sandbox on loopback with a manual clock, a client on the demo account,
//! raw requests for dialect and auth tests, and a callback receiver.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gengo_core::{Client, Config, RetryPolicy};
use gengo_sandbox::{Options, Sandbox, State};
use serde_json::Value;

pub fn start_with(options: Options) -> (Sandbox, Client) {
    let sb = Sandbox::start("127.0.0.1:0", options).expect("sandbox starts");
    let (public, private) = State::demo_keys();
    let client = Client::new(
        Config::builder()
            .keys(public, private)
            .base_url(sb.url())
            .retry(RetryPolicy::none())
            .rate_limit_per_minute(None)
            .build()
            .unwrap(),
    );
    (sb, client)
}

pub fn start() -> (Sandbox, Client) {
    start_with(Options::for_tests())
}

/// A client for another account of the same sandbox.
pub fn client_for(sb: &Sandbox, public: &str, private: &str) -> Client {
    Client::new(
        Config::builder()
            .keys(public, private)
            .base_url(sb.url())
            .retry(RetryPolicy::none())
            .rate_limit_per_minute(None)
            .build()
            .unwrap(),
    )
}

pub fn advance(sb: &Sandbox, seconds: f64) {
    sb.with_state(|s| {
        s.clock.advance(seconds);
        s.tick();
    });
}

/// A raw request; returns (status, headers, JSON body or Null).
pub fn raw(
    sb: &Sandbox,
    method: &str,
    path_and_query: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> (u16, Vec<(String, String)>, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let url = format!("{}{}", sb.url(), path_and_query);
    let mut b = ureq::http::Request::builder().method(method).uri(&url);
    if let Some(ct) = content_type {
        b = b.header("Content-Type", ct);
    }
    let mut resp = agent
        .run(b.body(body.to_vec()).unwrap())
        .expect("sandbox answers");
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

/// `api_key`, `ts`, `api_sig` for the demo account now.
pub fn auth_pairs() -> Vec<(String, String)> {
    let (public, private) = State::demo_keys();
    let ts = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let sig = gengo_core::config::sign(private, &ts);
    vec![
        ("api_key".into(), public.into()),
        ("ts".into(), ts),
        ("api_sig".into(), sig),
    ]
}

pub fn encode(pairs: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// Receives callbacks on loopback and answers with the status the test sets.
pub struct Receiver {
    pub port: u16,
    pub bodies: Arc<Mutex<Vec<String>>>,
    pub status: Arc<AtomicU16>,
    stop: Arc<AtomicBool>,
}

impl Receiver {
    pub fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(AtomicU16::new(200));
        let stop = Arc::new(AtomicBool::new(false));
        let (b2, s2, stop2) = (bodies.clone(), status.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop2.load(Ordering::SeqCst) {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let mut w = stream.try_clone().unwrap();
                let mut r = BufReader::new(stream);
                let mut len = 0usize;
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    continue;
                }
                loop {
                    let mut h = String::new();
                    if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                        break;
                    }
                    if let Some((k, v)) = h.split_once(':')
                        && k.eq_ignore_ascii_case("content-length")
                    {
                        len = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; len];
                let _ = r.read_exact(&mut body);
                b2.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&body).into_owned());
                let code = s2.load(Ordering::SeqCst);
                let _ = w.write_all(
                    format!("HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .as_bytes(),
                );
            }
        });
        Receiver {
            port,
            bodies,
            status,
            stop,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/gengo/callback", self.port)
    }

    /// Waits until `n` callbacks arrived (at most 10 s) and returns them parsed.
    pub fn wait_for(&self, n: usize) -> Vec<gengo_core::CallbackEvent> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let bodies = self.bodies.lock().unwrap().clone();
            if bodies.len() >= n || Instant::now() > deadline {
                return bodies
                    .iter()
                    .map(|b| {
                        gengo_core::parse_callback(
                            b.as_bytes(),
                            Some("application/x-www-form-urlencoded"),
                        )
                        .unwrap()
                    })
                    .collect();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}
