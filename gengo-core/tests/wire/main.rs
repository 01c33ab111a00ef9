//! Byte-exact requests for every operation of the table, with a fixed clock and keys.

use gengo_core::ops::{self, Method, OPERATIONS};
use gengo_core::wire::{self, WireRequest};
use gengo_core::{ApiVersion, Clock, Config, ErrorKind};
use serde_json::{Value, json};

mod reads;
mod streams;
mod table;
mod writes;

const BASE: &str = "http://127.0.0.1:34107";

const TS: u64 = 1795339147;

const SIG: &str = "e72bc712e5cfa3280d6b54ce741c96862f32567f";

const AUTH: &str =
    "api_key=PUBKEY_abc&ts=1795339147&api_sig=e72bc712e5cfa3280d6b54ce741c96862f32567f";

fn config() -> Config {
    Config::builder()
        .keys("PUBKEY_abc", "PRIVKEY_xyz")
        .base_url(BASE)
        .clock(Clock::fixed(TS))
        .build()
        .unwrap()
}

fn build_with(config: &Config, name: &str, params: Value) -> WireRequest {
    let op = ops::find(name).unwrap_or_else(|| panic!("no op {name}"));
    let mut p = wire::prepare(op, &params).unwrap_or_else(|e| panic!("{name}: {e}"));
    let r = wire::build(config, &p, config.clock().now(), "BOUNDARY").unwrap();
    // The client freezes `data` into its text once; the bytes are the same.
    p.freeze();
    assert!(p.data.is_none());
    let frozen = wire::build(config, &p, config.clock().now(), "BOUNDARY").unwrap();
    assert_eq!(frozen, r, "{name}: a frozen request differs");
    r
}

fn build(name: &str, params: Value) -> WireRequest {
    build_with(&config(), name, params)
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// Checks a form POST/PUT: the auth fields, then `data` exactly as given (compact JSON).
fn assert_form(r: &WireRequest, method: Method, path: &str, data: &str) {
    assert_eq!(r.method, method);
    assert_eq!(r.url, format!("{BASE}/v2/{path}"));
    assert_eq!(
        r.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    let f = form(&r.body);
    let names: Vec<&str> = f.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["api_key", "ts", "api_sig", "data"], "{path}");
    assert_eq!(f[0].1, "PUBKEY_abc");
    assert_eq!(f[1].1, TS.to_string());
    assert_eq!(f[2].1, SIG);
    assert_eq!(f[3].1, data, "{path}");
}

fn assert_get(r: &WireRequest, method: Method, path_and_query: &str) {
    assert_eq!(r.method, method);
    let sep = if path_and_query.contains('?') {
        '&'
    } else {
        '?'
    };
    assert_eq!(r.url, format!("{BASE}/v2/{path_and_query}{sep}{AUTH}"));
    assert!(r.body.is_empty());
    assert_eq!(r.header("Content-Type"), None);
}
