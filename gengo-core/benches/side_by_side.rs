//! `cargo bench -p gengo-core`: gengo-core beside bare floors, on this machine, offline and
//! on loopback (the shared perf suite in ../shared/perf adds the official Python client and
//! the other bindings). Each measure runs its contenders interleaved, several rounds, and
//! prints the median and the minimum per call and the ratio of medians to the floor.
//!
//! - P1: `get_job`, sequential, against an in-process keep-alive HTTP server with a fixed
//!   body: `Client::get_job` vs a bare `ureq` agent reading the same bytes into a
//!   `serde_json::Value` (the floor has no timeouts: with them, ureq's default resolver
//!   starts a thread per request, which gengo-core's resolver avoids).
//! - P2: encoding one order of 10,000 text jobs into the signed form body:
//!   `OrderRequest` through gengo-core's wire encoder vs `serde_json` + `form_urlencoded`
//!   + the HMAC signature by hand.
//! - P3: decoding one 10,000-job `translate/jobs/{ids}` response (4.9 MB): gengo-core's
//!   typed models, and its normalised JSON text, straight from the bytes (what the client
//!   and the C ABI run) and through `serde_json::Value` trees (the fallback path), vs a
//!   bare `serde_json::Value` parse.
//!
//! - Memory: the peak RSS one call adds (P2 and P3 paths and their floors), each case in a
//!   fresh process so a warm heap hides nothing (Linux: `/proc/self/clear_refs`).
//!
//! `GENGO_BENCH_ROUNDS` (default 5) sets the rounds.

use std::hint::black_box;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use gengo_core::requests::{NewJob, OrderRequest};
use gengo_core::{Client, Config, RetryPolicy, envelope, models, ops, wire};
use serde_json::{Value, json};

fn rounds() -> usize {
    std::env::var("GENGO_BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
}

/// Times `f` `n` times; returns seconds per call.
fn per_call(n: usize, mut f: impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed().as_secs_f64() / n as f64
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// A named loop body.
type Contender<'a> = (&'a str, Box<dyn FnMut() + 'a>);

/// Runs each contender once per round, in rotating order; prints the table.
fn compare(title: &str, unit: (&str, f64), n: usize, contenders: &mut [Contender<'_>]) {
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); contenders.len()];
    for r in 0..rounds() {
        for k in 0..contenders.len() {
            let i = (k + r) % contenders.len();
            let f = &mut contenders[i].1;
            f(); // warm
            times[i].push(per_call(n, &mut *f));
        }
    }
    println!("\n{title}");
    println!(
        "{:<52} {:>12} {:>12} {:>10}",
        "contender",
        format!("median {}", unit.0),
        format!("min {}", unit.0),
        "x floor"
    );
    let floor = median(&mut times[contenders.len() - 1].clone());
    for (i, (name, _)) in contenders.iter().enumerate() {
        let mut t = times[i].clone();
        let m = median(&mut t);
        let min = t.iter().cloned().fold(f64::INFINITY, f64::min);
        println!(
            "{name:<52} {:>12.1} {:>12.1} {:>9.2}x",
            m * unit.1,
            min * unit.1,
            m / floor
        );
    }
}

/// A keep-alive HTTP/1.1 server answering every request with `body`; returns its URL.
fn fixed_server(body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let body = body.clone();
            std::thread::spawn(move || {
                let _ = conn.set_nodelay(true);
                let mut w = conn.try_clone().unwrap();
                let mut r = BufReader::new(conn);
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                loop {
                    let mut len = 0usize;
                    let mut line = String::new();
                    loop {
                        line.clear();
                        if r.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if line == "\r\n" {
                            break;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            len = v.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut sink = vec![0; len];
                    if r.read_exact(&mut sink).is_err() {
                        return;
                    }
                    if w.write_all(head.as_bytes())
                        .and_then(|_| w.write_all(&body))
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    url
}

fn job(i: usize) -> Value {
    json!({
        "job_id": (i + 1).to_string(), "order_id": "54632", "slug": format!("Story number {i}"),
        "body_src": format!("This is short story number {i}, told in a few words."),
        "body_tgt": format!("これは短い物語 {i} です。"), "lc_src": "en", "lc_tgt": "ja",
        "unit_count": "11", "tier": "standard", "credits": "0.55", "currency": "USD",
        "status": "reviewable", "eta": 25308, "ctime": 1352879655,
        "callback_url": "http://yourapp.com/gengo_callback/job", "auto_approve": "0",
        "custom_data": format!("{{\"internal_id\": {i}}}")
    })
}

/// The P3 body: a `translate/jobs/{ids}` response of 10,000 jobs.
fn jobs_body() -> Vec<u8> {
    let jobs: Vec<Value> = (0..10_000).map(job).collect();
    serde_json::to_vec(&json!({"opstat": "ok", "response": {"jobs": jobs}})).unwrap()
}

fn p1() {
    let body = serde_json::to_vec(&json!({"opstat": "ok", "response": {"job": job(0)}})).unwrap();
    let url = fixed_server(body);
    let config = Config::builder()
        .base_url(url.clone())
        .keys("public", "private")
        .rate_limit_per_minute(None)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let client = Client::new(config);
    let bare: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .timeout_connect(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .new_agent();
    let bare_url = format!(
        "{url}/v2/translate/job/1?api_key=public&ts=1&api_sig=0123456789abcdef0123456789abcdef01234567"
    );
    compare(
        "P1 get_job, sequential, keep-alive loopback (µs per call)",
        ("µs", 1e6),
        2000,
        &mut [
            (
                "gengo-core Client::get_job (typed)",
                Box::new(|| {
                    black_box(client.get_job(1).unwrap());
                }),
            ),
            (
                "gengo-core Client::call (normalised JSON)",
                Box::new(|| {
                    black_box(client.call("get_job", &json!({"id": 1})).unwrap());
                }),
            ),
            (
                "bare ureq with gengo's two timeouts",
                Box::new(|| {
                    let mut r = agent.get(&bare_url).call().unwrap();
                    let v: Value =
                        serde_json::from_slice(&r.body_mut().read_to_vec().unwrap()).unwrap();
                    black_box(v);
                }),
            ),
            (
                "floor: bare ureq (no timeouts) + serde_json::Value",
                Box::new(|| {
                    let mut r = bare.get(&bare_url).call().unwrap();
                    let v: Value =
                        serde_json::from_slice(&r.body_mut().read_to_vec().unwrap()).unwrap();
                    black_box(v);
                }),
            ),
        ],
    );
}

/// The P2 order: 10,000 text jobs.
fn order_10k() -> OrderRequest {
    let n = 10_000;
    OrderRequest::new((0..n).map(|i| {
        (
            format!("job_{i}"),
            NewJob::text(
                format!("This is short story number {i}, told in a few words."),
                "en",
                "ja",
                Default::default(),
            )
            .custom_data(format!("{{\"internal_id\": {i}}}")),
        )
    }))
}

fn p2() {
    let order = order_10k();
    let config = Config::builder().keys("public", "private").build().unwrap();
    compare(
        "P2 one order of 10,000 text jobs, encoded and signed (ms per order)",
        ("ms", 1e3),
        5,
        &mut [
            (
                "gengo-core: OrderRequest streamed, job by job (order_jobs)",
                Box::new(|| {
                    let prepared = wire::prepare_order(&order).unwrap();
                    black_box(wire::build(&config, &prepared, 1_700_000_000, "b").unwrap());
                }),
            ),
            (
                "gengo-core: the whole order as one tree (dispatcher)",
                Box::new(|| {
                    let params = serde_json::to_value(&order).unwrap();
                    let mut prepared = wire::prepare_owned(&ops::ORDER_JOBS, params).unwrap();
                    prepared.freeze();
                    black_box(wire::build(&config, &prepared, 1_700_000_000, "b").unwrap());
                }),
            ),
            (
                "floor: serde_json + form_urlencoded + HMAC",
                Box::new(|| {
                    let text = serde_json::to_string(&order).unwrap();
                    let sig = gengo_core::signing::sign("private", "1700000000");
                    let body = form_urlencoded::Serializer::new(String::new())
                        .append_pair("api_key", "public")
                        .append_pair("ts", "1700000000")
                        .append_pair("api_sig", &sig)
                        .append_pair("data", &text)
                        .finish();
                    black_box(body);
                }),
            ),
        ],
    );
}

fn p3() {
    let body = jobs_body();
    println!("\n(P3 body: {:.2} MB)", body.len() as f64 / 1e6);
    let op = ops::find("get_jobs").unwrap();
    compare(
        "P3 one 10,000-job response decoded (ms per response)",
        ("ms", 1e3),
        3,
        &mut [
            (
                "gengo-core typed (Vec<Job>), straight from the bytes",
                Box::new(|| {
                    let jobs = envelope::fast_response::<Vec<models::Job>>(
                        200,
                        black_box(&body),
                        Some("jobs"),
                    );
                    black_box(jobs.unwrap().unwrap());
                }),
            ),
            (
                "gengo-core normalised JSON text (C ABI), straight from the bytes",
                Box::new(|| {
                    let ops::ResponseKind::Json(d) = op.response else {
                        unreachable!()
                    };
                    let n = (d.fast.unwrap())(200, black_box(&body)).unwrap();
                    black_box(n.to_json_string());
                }),
            ),
            (
                "tree path: typed (Vec<Job>) through a Value",
                Box::new(|| {
                    let payload = envelope::decode(200, black_box(&body), None).unwrap();
                    black_box(models::decode::<models::JobList>(&payload, "jobs").unwrap());
                }),
            ),
            (
                "tree path: normalised JSON text through Values",
                Box::new(|| {
                    let payload = envelope::decode(200, black_box(&body), None).unwrap();
                    let v = gengo_core::client::normalize(op, gengo_core::Output::Json(payload))
                        .unwrap();
                    black_box(v.to_string());
                }),
            ),
            (
                "floor: serde_json::Value parse",
                Box::new(|| {
                    black_box(serde_json::from_slice::<Value>(black_box(&body)).unwrap());
                }),
            ),
        ],
    );
}

/// P3 as a user runs it: one `get_jobs` call for 10,000 ids over keep-alive loopback,
/// answered with the same body (the shared suite's shape).
fn p3_loopback() {
    let body = jobs_body();
    let url = fixed_server(body);
    let client = Client::new(
        Config::builder()
            .base_url(url.clone())
            .keys("public", "private")
            .rate_limit_per_minute(None)
            .retry(RetryPolicy::none())
            .build()
            .unwrap(),
    );
    let bare: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let ids: Vec<u64> = (1..=10_000).collect();
    let params = json!({ "ids": ids });
    let bare_url = format!(
        "{url}/v2/translate/jobs/{}?api_key=public&ts=1&api_sig=0123456789abcdef0123456789abcdef01234567",
        ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
    );
    compare(
        "P3 get_jobs of 10,000 jobs over keep-alive loopback (ms per call)",
        ("ms", 1e3),
        5,
        &mut [
            (
                "gengo-core Client::get_jobs (typed)",
                Box::new(|| {
                    black_box(client.get_jobs(&ids).unwrap());
                }),
            ),
            (
                "gengo-core binding::prepare + Client::send, JSON text (the C ABI)",
                Box::new(|| {
                    let request = gengo_core::binding::prepare("get_jobs", params.clone()).unwrap();
                    let gengo_core::binding::Reply::Normalized(n) = client
                        .send(request, gengo_core::binding::Want::Normalized)
                        .unwrap()
                    else {
                        unreachable!()
                    };
                    black_box(n.to_json_string());
                }),
            ),
            (
                "floor: bare ureq + serde_json::Value",
                Box::new(|| {
                    let mut r = bare.get(&bare_url).call().unwrap();
                    let bytes = r
                        .body_mut()
                        .with_config()
                        .limit(1 << 30)
                        .read_to_vec()
                        .unwrap();
                    black_box(serde_json::from_slice::<Value>(&bytes).unwrap());
                }),
            ),
        ],
    );
}

/// A line of `/proc/self/status`, in kB.
fn status_kb(key: &str) -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(-1)
}

/// The peak RSS `f` adds (kB): the high-water mark is reset first (`clear_refs` 5).
fn peak_added_kb(f: impl FnOnce()) -> i64 {
    std::fs::write("/proc/self/clear_refs", "5").ok();
    let before = status_kb("VmRSS:");
    f();
    status_kb("VmHWM:") - before
}

/// The memory cases, each run once in a fresh process (`GENGO_BENCH_MEMORY=case`):
/// (case, what it measures).
const MEMORY_CASES: &[(&str, &str)] = &[
    (
        "p2_typed",
        "P2 typed order, streamed job by job (order_jobs)",
    ),
    ("p2_json", "P2 the order's JSON text, streamed (the C ABI)"),
    ("p2_tree", "P2 the order as one tree (dispatcher)"),
    ("p2_floor", "P2 floor: serde_json + form_urlencoded"),
    (
        "p3_typed",
        "P3 response to Vec<Job>, straight from the bytes",
    ),
    ("p3_text", "P3 response to normalised text (the C ABI)"),
    ("p3_floor", "P3 floor: serde_json::Value parse"),
];

/// Runs one memory case in this process; prints `input_bytes added_kb`. Only what the case
/// needs is built before the measure, and nothing large is freed before it (freed memory
/// would be reused without showing in RSS); the P3 body is read from the file the parent
/// wrote (`GENGO_BENCH_BODY`) into one allocation of its size.
fn memory_case(case: &str) {
    let config = Config::builder().keys("public", "private").build().unwrap();
    let signed = |p: &wire::Prepared| wire::build(&config, p, 1_700_000_000, "b").unwrap();
    let (input, kb) = if case.starts_with("p2") {
        let order = order_10k();
        let text = (case == "p2_json").then(|| serde_json::to_string(&order).unwrap());
        let tree = (case == "p2_tree").then(|| serde_json::to_value(&order).unwrap());
        let kb = match (case, text, tree) {
            ("p2_typed", _, _) => peak_added_kb(|| {
                black_box(signed(&wire::prepare_order(&order).unwrap()));
            }),
            (_, Some(text), _) => peak_added_kb(|| {
                black_box(signed(&wire::prepare_order_json(&text).unwrap()));
            }),
            (_, _, Some(tree)) => peak_added_kb(move || {
                let mut p = wire::prepare_owned(&ops::ORDER_JOBS, tree).unwrap();
                p.freeze();
                black_box(signed(&p));
            }),
            _ => peak_added_kb(|| {
                let text = serde_json::to_string(&order).unwrap();
                let body = form_urlencoded::Serializer::new(String::new())
                    .append_pair("api_key", "public")
                    .append_pair("data", &text)
                    .finish();
                black_box(body);
            }),
        };
        // The request's size, once the measure is taken.
        (signed(&wire::prepare_order(&order).unwrap()).body.len(), kb)
    } else {
        let body = std::fs::read(std::env::var("GENGO_BENCH_BODY").unwrap()).unwrap();
        let op = ops::find("get_jobs").unwrap();
        let kb = match case {
            "p3_typed" => peak_added_kb(|| {
                black_box(envelope::fast_response::<Vec<models::Job>>(
                    200,
                    &body,
                    Some("jobs"),
                ));
            }),
            "p3_text" => peak_added_kb(|| {
                let ops::ResponseKind::Json(d) = op.response else {
                    unreachable!()
                };
                black_box((d.fast.unwrap())(200, &body).unwrap().to_json_string());
            }),
            _ => peak_added_kb(|| {
                black_box(serde_json::from_slice::<Value>(&body).unwrap());
            }),
        };
        (body.len(), kb)
    };
    println!("{input} {kb}");
}

/// Memory added by one call, each case in a fresh process (a warm heap would hide it).
fn memory() {
    println!("\nMemory added by one call, fresh process (peak RSS minus RSS before; x the input)");
    println!(
        "{:<52} {:>10} {:>12} {:>10}",
        "case", "input MB", "added MB", "x input"
    );
    let exe = std::env::current_exe().unwrap();
    let body_file = std::env::temp_dir().join(format!("gengo-bench-{}.json", std::process::id()));
    std::fs::write(&body_file, jobs_body()).unwrap();
    for (case, name) in MEMORY_CASES {
        let out = std::process::Command::new(&exe)
            .env("GENGO_BENCH_MEMORY", case)
            .env("GENGO_BENCH_BODY", &body_file)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let mut it = text
            .split_whitespace()
            .map(|x| x.parse::<f64>().unwrap_or(f64::NAN));
        let (input, kb) = (it.next().unwrap_or(f64::NAN), it.next().unwrap_or(f64::NAN));
        println!(
            "{name:<52} {:>10.2} {:>12.2} {:>9.2}x",
            input / 1e6,
            kb * 1024.0 / 1e6,
            kb * 1024.0 / input
        );
    }
    std::fs::remove_file(&body_file).ok();
}

fn main() {
    if let Ok(case) = std::env::var("GENGO_BENCH_MEMORY") {
        memory_case(&case);
        return;
    }
    // `cargo bench` passes --bench; `cargo test --benches` runs this once, quickly.
    if std::env::args().any(|a| a == "--test" || a == "--list")
        && std::env::var("GENGO_BENCH_ROUNDS").is_err()
    {
        return;
    }
    p1();
    p2();
    p3();
    p3_loopback();
    memory();
}
