//! Helpers: a sandbox on loopback with a manual clock, a client on the demo account,
//! raw requests for dialect and auth tests, and a callback receiver.

#![allow(dead_code)]

use std::time::Duration;

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

/// Orders one en->ja standard job per text, lets the queue process the order, and
/// returns the receipt with the ids of the now available jobs.
pub fn order_available(
    sb: &Sandbox,
    client: &Client,
    texts: &[&str],
) -> (gengo_core::models::OrderReceipt, Vec<u64>) {
    use gengo_core::models::Tier;
    use gengo_core::requests::{NewJob, OrderRequest};
    let order = OrderRequest::new(texts.iter().enumerate().map(|(i, t)| {
        (
            format!("k{i}"),
            NewJob::text(*t, "en", "ja", Tier::Standard),
        )
    }));
    let receipt = client.order_jobs(&order).expect("order accepted");
    advance(sb, 10.0);
    let ids = client
        .get_order(receipt.order_id.expect("order id"))
        .expect("order")
        .jobs_available
        .expect("available jobs");
    (receipt, ids)
}

pub fn advance(sb: &Sandbox, seconds: f64) {
    sb.with_state(|s| {
        s.clock.advance(seconds).expect("an advance in range");
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
    let sig = gengo_core::signing::sign(private, &ts);
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

/// The library's receiver, with parsing for tests.
pub struct Receiver(pub gengo_sandbox::CallbackReceiver);

impl Receiver {
    pub fn start() -> Receiver {
        Receiver(gengo_sandbox::CallbackReceiver::start().unwrap())
    }
    pub fn url(&self) -> String {
        self.0.url()
    }
    pub fn set_status(&self, s: u16) {
        self.0.set_status(s)
    }
    /// Waits (at most 30 s: slack for a loaded machine) until the parsed callbacks satisfy `done`; returns them.
    pub fn wait_until(
        &self,
        done: impl Fn(&[gengo_core::CallbackEvent]) -> bool,
    ) -> Vec<gengo_core::CallbackEvent> {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let events = self.wait_for(0);
            if done(&events) || std::time::Instant::now() > deadline {
                return events;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `n` callbacks arrived (at most 10 s) and returns them parsed.
    pub fn wait_for(&self, n: usize) -> Vec<gengo_core::CallbackEvent> {
        self.0
            .wait_for(n, Duration::from_secs(10))
            .iter()
            .map(|b| {
                gengo_core::parse_callback(b.as_bytes(), Some("application/x-www-form-urlencoded"))
                    .unwrap()
            })
            .collect()
    }
}
