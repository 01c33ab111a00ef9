//! The `gengo` binary against an in-process sandbox: tables, JSON, errors and exit
//! codes, and no secret in any output.

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use gengo_sandbox::{Options, Sandbox, State};
use serde_json::{Value, json};

fn gengo(sb: &Sandbox, args: &[&str]) -> Output {
    let (public, private) = State::demo_keys();
    Command::new(env!("CARGO_BIN_EXE_gengo"))
        .args(args)
        .env("GENGO_BASE_URL", sb.url())
        .env("GENGO_PUBLIC_KEY", public)
        .env("GENGO_PRIVATE_KEY", private)
        .output()
        .expect("gengo runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn json_of(o: &Output) -> Value {
    assert!(o.status.success(), "{}", text(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(o)))
}

#[test]
fn everyday_commands_in_tables_and_json() {
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let o = gengo(&sb, &["balance"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("credits   1000.00"), "{}", text(&o));
    assert_eq!(
        json_of(&gengo(&sb, &["balance", "--json"]))["currency"],
        "USD"
    );
    let langs = json_of(&gengo(&sb, &["languages", "--json"]));
    assert!(langs.as_array().unwrap().iter().any(|l| l["lc"] == "ja"));
    let o = gengo(&sb, &["pairs", "--src", "ja"]);
    assert!(
        text(&o).lines().nth(2).unwrap().starts_with("ja"),
        "{}",
        text(&o)
    );
    let q = json_of(&gengo(
        &sb,
        &[
            "quote",
            "--text",
            "plop plop!",
            "--from",
            "en",
            "--to",
            "es",
            "--json",
        ],
    ));
    assert_eq!(q["jobs"]["text"]["unit_count"], 2);

    let dir = std::env::temp_dir().join(format!("gengo-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let order = dir.join("order.json");
    std::fs::write(&order, r#"{"jobs": {"a": {"type": "text", "body_src": "Hello from the shell", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}}"#).unwrap();
    let r = json_of(&gengo(&sb, &["order", order.to_str().unwrap(), "--json"]));
    let order_id = r["order_id"].as_u64().unwrap();
    assert_eq!(r["credits_used"], "0.2");
    sb.with_state(|s| {
        s.clock.advance(10.0).expect("in range");
        s.tick();
    });
    let o = gengo(&sb, &["order-status", &order_id.to_string()]);
    assert!(text(&o).contains("available"), "{}", text(&o));
    let jobs = json_of(&gengo(&sb, &["jobs", "--json"]));
    let id = jobs[0]["job_id"].as_u64().unwrap().to_string();
    let o = gengo(&sb, &["job", &id]);
    assert!(
        text(&o).contains("Hello from the shell") && text(&o).contains("en -> ja"),
        "{}",
        text(&o)
    );
    assert!(
        gengo(&sb, &["comment", &id, "Any questions?"])
            .status
            .success()
    );
    assert!(text(&gengo(&sb, &["comments", &id])).contains("Any questions?"));
    let job = json_of(&gengo(
        &sb,
        &["call", "getTranslationJob", &format!("{{\"id\": {id}}}")],
    ));
    assert_eq!(job["job"]["status"], "available");

    // Approving an available job: the API's error, one line, exit 1.
    let o = gengo(&sb, &["approve", &id, "--rating", "5"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "gengo: api 2250 (HTTP 200): job is not reviewable"
    );
    // Local validation: exit 2, nothing sent.
    let o = gengo(&sb, &["approve", &id, "--rating", "9"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = gengo(&sb, &["reject", &id, "--reason", "ugly", "--comment", "x"]);
    assert_eq!(o.status.code(), Some(2));
    // The error as JSON with --json.
    let o = gengo(&sb, &["job", "999999", "--json"]);
    let e: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(
        (e["kind"].as_str(), e["code"].as_i64()),
        (Some("api"), Some(2100))
    );

    sb.with_state(|s| s.force_status(id.parse().unwrap(), "reviewable"))
        .unwrap();
    assert!(
        gengo(&sb, &["approve", &id, "--rating", "5"])
            .status
            .success()
    );
    let o = gengo(&sb, &["watch", &order_id.to_string(), "--interval", "0.1"]);
    assert!(
        text(&o).contains("approved 1") && o.status.success(),
        "{}",
        text(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();

    // No output ever shows the private key.
    for args in [&["balance"][..], &["job", "1"], &["operations"]] {
        assert!(!text(&gengo(&sb, args)).contains(State::demo_keys().1));
    }
}

#[test]
fn transport_errors_exit_3() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let o = Command::new(env!("CARGO_BIN_EXE_gengo"))
        .args(["balance", "--base-url", &format!("http://127.0.0.1:{port}")])
        .env("GENGO_PUBLIC_KEY", "p")
        .env("GENGO_PRIVATE_KEY", "secret-value-xyz")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("refused"));
    assert!(!text(&o).contains("secret-value-xyz"));
}

#[test]
fn sandbox_command_prints_its_address_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gengo"))
        .args([
            "sandbox",
            "--addr",
            "127.0.0.1:0",
            "--clock",
            "manual",
            "--json",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let info: Value = serde_json::from_str(&line).unwrap();
    let base = info["base_url"].as_str().unwrap().to_string();
    let o = Command::new(env!("CARGO_BIN_EXE_gengo"))
        .args(["languages", "--json", "--base-url", &base])
        .output()
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let bad = Command::new(env!("CARGO_BIN_EXE_gengo"))
        .args(["sandbox", "--clock", "warp"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn demo_runs_end_to_end() {
    let o = Command::new(env!("CARGO_BIN_EXE_gengo"))
        .args(["demo", "--json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    let jobs = v["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 5);
    assert!(
        jobs.iter()
            .all(|j| j["status"] == "approved" && j["body_tgt"].is_string())
    );
    assert_eq!(v["credits_spent"], "2.20");
    assert!(v["callbacks"]["job reviewable"].as_u64().unwrap() >= 4);
}

#[test]
fn watch_tells_done_from_still_in_progress() {
    use gengo_core::models::Tier;
    use gengo_core::requests::{NewJob, OrderRequest};
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let (public, private) = State::demo_keys();
    let client = gengo_core::Client::new(
        gengo_core::Config::builder()
            .keys(public, private)
            .base_url(sb.url())
            .build()
            .unwrap(),
    );
    let r = client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("watch me", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    let id = r.order_id.unwrap().to_string();
    // The manual clock never moves: still in progress at --max-wait is exit 4, not an error.
    let o = gengo(
        &sb,
        &["watch", &id, "--interval", "0.05", "--max-wait", "0.3"],
    );
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    assert!(text(&o).contains("[  0:00] order"), "{}", text(&o));
    assert!(text(&o).contains("still in progress"), "{}", text(&o));
    // Once the clock moves, the same command ends with 0.
    sb.with_state(|s| {
        s.clock.advance(100_000.0).unwrap();
        s.tick();
    });
    let o = gengo(&sb, &["watch", &id, "--max-wait", "5"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("reviewable 1"), "{}", text(&o));
}

#[test]
fn spending_commands_on_gengo_need_yes_and_dry_run_only_quotes() {
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let dir = std::env::temp_dir().join(format!("gengo-cli-yes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("order.json");
    std::fs::write(
        &file,
        r#"{"jobs": {"a": {"type": "text", "body_src": "Hello dry run", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    // Against Gengo's own API, without --yes: refused before anything is sent (no
    // network here: a request would have ended as exit 3).
    for args in [
        &["--base-url", "https://api.gengo.com", "order", path][..],
        &["--base-url", "https://api.gengo.com", "approve", "5"],
        &["--base-url", "https://api.sandbox.gengo.com", "cancel", "5"],
        &[
            "--base-url",
            "https://api.gengo.com",
            "reject",
            "5",
            "--reason",
            "quality",
            "--comment",
            "x",
        ],
    ] {
        let o = gengo(&sb, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(
            text(&o).contains("--yes") && text(&o).contains("nothing was sent"),
            "{}",
            text(&o)
        );
    }
    // --dry-run shows the quote and orders nothing.
    let o = gengo(&sb, &["order", path, "--dry-run"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("credits") && text(&o).contains("nothing was ordered"),
        "{}",
        text(&o)
    );
    assert_eq!(sb.with_state(|s| s.summary()["orders"].clone()), 0);
    // A local sandbox needs no confirmation.
    let o = gengo(&sb, &["order", path]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(sb.with_state(|s| s.summary()["orders"].clone()), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_file_flow_quote_files_then_order_them_by_identifier() {
    let sb = Sandbox::start("127.0.0.1:0", Options::for_tests()).unwrap();
    let dir = std::env::temp_dir().join(format!("gengo-cli-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("menu.txt"), "Soup of the day and fresh bread").unwrap();
    std::fs::write(dir.join("faq.txt"), "Where is my order?").unwrap();
    let quote = dir.join("quote.json");
    let file_job = |name: &str| json!({"type": "file", "file_path": dir.join(name), "lc_src": "en", "lc_tgt": "ja", "tier": "standard"});
    std::fs::write(
        &quote,
        json!({"jobs": {"filejob_01": file_job("menu.txt"), "filejob_02": file_job("faq.txt")}})
            .to_string(),
    )
    .unwrap();
    let o = gengo(&sb, &["quote", quote.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("identifier"), "{}", text(&o));
    let o = gengo(&sb, &["--json", "quote", quote.to_str().unwrap()]);
    let q: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let id = |k: &str| q["jobs"][k]["identifier"].as_str().unwrap().to_string();
    // Ordered as Gengo documents it: type, identifier, comment, force; pair and tier come
    // from the quote.
    let order = dir.join("order.json");
    std::fs::write(
        &order,
        json!({"jobs": {
            "filejob_01": {"type": "file", "identifier": id("filejob_01"), "comment": "Test comment", "force": 1},
            "filejob_02": {"type": "file", "identifier": id("filejob_02"), "comment": "Test comment", "force": 1},
        }})
        .to_string(),
    )
    .unwrap();
    let o = gengo(&sb, &["order", order.to_str().unwrap(), "--dry-run"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("2 file job(s)"), "{}", text(&o));
    let o = gengo(&sb, &["--json", "order", order.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["job_count"], 2, "{r}");
    let order_id = r["order_id"].to_string();
    sb.with_state(|s| {
        s.clock.advance(400.0).unwrap();
        s.tick();
    });
    let o = gengo(&sb, &["--json", "order-status", &order_id]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids = v["jobs_reviewable"].as_array().cloned().unwrap_or_default();
    assert_eq!(ids.len(), 2, "{v}");
    let o = gengo(&sb, &["--json", "job", &ids[0].to_string()]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["type"], "file", "{j}");
    assert_eq!(
        (j["lc_src"].as_str(), j["lc_tgt"].as_str()),
        (Some("en"), Some("ja"))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
