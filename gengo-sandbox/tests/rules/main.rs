//! Each documented rule and error code, every client dialect, and bad input.

#[path = "../common/mod.rs"]
mod common;

use std::time::Duration;

use common::*;
use gengo_core::models::{JobStatus, Tier};
use gengo_core::requests::*;
use gengo_core::{Client, Config, ErrorKind, RetryPolicy};
use gengo_sandbox::{Options, Profile, State};
use serde_json::{Value, json};

mod auth;
mod dialects;
mod errors;
mod orders;
mod service;

fn signed_get(sb: &gengo_sandbox::Sandbox, path: &str, pairs: &[(&str, &str)]) -> (u16, Value) {
    let q: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let (s, _, v) = raw(sb, "GET", &format!("{path}?{}", encode(&q)), None, b"");
    (s, v)
}

fn code(v: &Value) -> i64 {
    v["err"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("no error code in {v}"))
}

fn dec(s: &str) -> gengo_core::Decimal {
    s.parse().unwrap()
}

fn wait_until(mut f: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !f() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// POSTs or PUTs `data` with the demo account's signature; returns the error code.
fn send_data(sb: &gengo_sandbox::Sandbox, method: &str, path: &str, data: Value) -> i64 {
    let mut pairs = auth_pairs();
    pairs.push(("data".into(), data.to_string()));
    let (_, _, v) = raw(
        sb,
        method,
        path,
        Some("application/x-www-form-urlencoded"),
        encode(&pairs).as_bytes(),
    );
    code(&v)
}

/// Sends raw bytes on a fresh connection (then ends the request stream) and returns
/// the status line's code.
fn raw_status(sb: &gengo_sandbox::Sandbox, bytes: &[u8]) -> u16 {
    raw_status_with(sb, bytes, true)
}

fn raw_status_with(sb: &gengo_sandbox::Sandbox, bytes: &[u8], half_close: bool) -> u16 {
    use std::io::{Read, Write};
    let addr = sb.url().trim_start_matches("http://").to_string();
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    s.write_all(bytes).unwrap();
    if half_close {
        let _ = s.shutdown(std::net::Shutdown::Write);
    }
    let mut out = vec![0u8; 4096];
    let n = s.read(&mut out).unwrap_or(0);
    out.truncate(n);
    let text = String::from_utf8_lossy(&out);
    text.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}
