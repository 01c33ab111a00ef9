//! `cargo bench -p gengo-sandbox`: what the client costs, measured on loopback against
//! the sandbox and offline. Results are written down in docs/BENCHMARKS.md.
//!
//! Each measurement runs a fixed number of iterations after a warm-up and prints the
//! median of five rounds, so one noisy round does not decide the number.

use std::hint::black_box;
use std::time::{Duration, Instant};

use gengo_core::lenient::Lenient;
use gengo_core::models::{JobList, Tier};
use gengo_core::requests::{NewJob, OrderRequest};
use gengo_core::{Client, Config, RetryPolicy, ops, wire};
use gengo_sandbox::{Options, Sandbox, State};
use serde_json::{Value, json};

fn median_of_rounds(iterations: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..(iterations / 10).max(1) {
        f();
    }
    let mut rounds: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iterations {
                f();
            }
            t.elapsed() / iterations
        })
        .collect();
    rounds.sort();
    rounds[2]
}

fn report(name: &str, per_op: Duration) {
    let per_sec = if per_op.is_zero() {
        f64::INFINITY
    } else {
        1.0 / per_op.as_secs_f64()
    };
    println!(
        "{name:<58} {:>10.1} µs/op {:>12.0} op/s",
        per_op.as_secs_f64() * 1e6,
        per_sec
    );
}

fn client(url: &str) -> Client {
    let (public, private) = State::demo_keys();
    Client::new(
        Config::builder()
            .keys(public, private)
            .base_url(url)
            .retry(RetryPolicy::none())
            .rate_limit_per_minute(None)
            .build()
            .unwrap(),
    )
}

fn main() {
    println!("gengo-rs benchmarks (release build, loopback, median of 5 rounds)\n");

    // Offline: signing, building requests, decoding and normalising responses.
    report(
        "sign (HMAC-SHA1 of ts)",
        median_of_rounds(100_000, || {
            black_box(gengo_core::signing::sign(
                black_box("private-key"),
                black_box("1795339147"),
            ));
        }),
    );
    let config = Config::builder()
        .keys("pub", "priv")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let order = OrderRequest::new((0..50).map(|i| {
        (
            format!("job_{i}"),
            NewJob::text(
                format!("Text number {i} to translate."),
                "en",
                "ja",
                Tier::Standard,
            ),
        )
    }));
    let order_params = serde_json::to_value(&order).unwrap();
    let op = ops::find("order_jobs").unwrap();
    report(
        "validate + encode a 50-job order (form body)",
        median_of_rounds(2_000, || {
            let p = wire::prepare(op, black_box(&order_params)).unwrap();
            black_box(wire::build(&config, &p, 1795339147, "B").unwrap());
        }),
    );
    let job = json!({"job_id": "384985", "order_id": "54632", "slug": "APIJobtest", "body_src": "This is text.", "lc_src": "en",
                     "lc_tgt": "ja", "unit_count": "1", "tier": "standard", "credits": "0.05", "status": "available", "eta": 25056,
                     "ctime": 1313475693, "auto_approve": "0", "body_tgt": "これはテキストです。", "callback_url": "http://gengo.callback/", "currency": "USD"});
    let batch = json!({"jobs": vec![job; 200]});
    let batch_text = serde_json::to_vec(&json!({"opstat": "ok", "response": batch})).unwrap();
    report(
        "decode + normalise a 200-job batch (1 envelope, 75 KB)",
        median_of_rounds(200, || {
            let payload = gengo_core::envelope::decode(200, black_box(&batch_text), None).unwrap();
            let typed: JobList = gengo_core::models::decode(&payload, "jobs").unwrap();
            black_box(typed.to_json());
        }),
    );
    println!(
        "  (batch body: {} bytes); the same, step by step:",
        batch_text.len()
    );
    report(
        "  1. parse the body into a JSON value",
        median_of_rounds(200, || {
            black_box(serde_json::from_slice::<Value>(black_box(&batch_text)).unwrap());
        }),
    );
    let payload = gengo_core::envelope::decode(200, &batch_text, None).unwrap();
    report(
        "  2. read the payload into typed models",
        median_of_rounds(200, || {
            black_box(gengo_core::models::decode::<JobList>(black_box(&payload), "jobs").unwrap());
        }),
    );
    let typed: JobList = gengo_core::models::decode(&payload, "jobs").unwrap();
    report(
        "  3. write the normalised JSON",
        median_of_rounds(200, || {
            black_box(black_box(&typed).to_json());
        }),
    );

    // Loopback: one client (keep-alive) against a client per call (new connection).
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let shared = client(&sb.url());
    report(
        "account_balance, one client (keep-alive connection)",
        median_of_rounds(500, || {
            black_box(shared.account_balance().unwrap());
        }),
    );
    let url = sb.url();
    report(
        "account_balance, new client per call (new connection)",
        median_of_rounds(200, || {
            black_box(client(&url).account_balance().unwrap());
        }),
    );
    report("get_order through the JSON dispatcher (normalised)", {
        let r = shared
            .order_jobs(&OrderRequest::new([(
                "a",
                NewJob::text("bench", "en", "ja", Tier::Standard),
            )]))
            .unwrap();
        let params: Value = json!({"id": r.order_id.unwrap()});
        median_of_rounds(500, || {
            black_box(shared.call("get_order", &params).unwrap());
        })
    });
    let threads = 8;
    let per_thread = 250;
    let t = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let c = shared.clone();
            std::thread::spawn(move || {
                for _ in 0..per_thread {
                    black_box(c.languages().unwrap());
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let total = t.elapsed();
    report(
        &format!("languages, {threads} threads sharing one client (aggregate)"),
        total / (threads * per_thread),
    );
    sb.stop();
}
