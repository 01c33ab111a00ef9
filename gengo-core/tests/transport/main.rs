//! The transport over loopback: keep-alive, deadlines, TLS verification on every
//! method, safe retries, redirects, limits, bytes, and secrets kept out of errors and
//! logs.

#[path = "../common/mod.rs"]
mod common;

use std::net::TcpListener;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use common::{Reply, Server};
use gengo_core::requests::{NewJob, OrderRequest};
use gengo_core::{Client, Config, ErrorKind, RetryPolicy, models::Tier};
use serde_json::json;

mod connections;
mod redirects;
mod results;
mod retries;
mod secrets;

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
