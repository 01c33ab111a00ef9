//! The sandbox answers the official clients as Gengo does: single-job grouping, forced
//! re-orders, file jobs ordered by their quote's identifier, and translators that wait
//! to be told (Gengo's real sandbox). Each case: the request in, the fields out.

mod common;

use common::*;
use gengo_core::models::{JobStatus, Tier};
use gengo_core::requests::{NewJob, OrderRequest};
use serde_json::{Value, json};

fn post_jobs(sb: &gengo_sandbox::Sandbox, data: &Value) -> Value {
    let mut pairs = auth_pairs();
    pairs.push(("data".into(), data.to_string()));
    raw(
        sb,
        "POST",
        "/v2/translate/jobs",
        Some("application/x-www-form-urlencoded"),
        encode(&pairs).as_bytes(),
    )
    .2
}

#[test]
fn one_job_with_as_group_is_ordered_and_mixed_pairs_still_refused() {
    let (sb, _) = start();
    let v = post_jobs(
        &sb,
        &json!({"jobs": {"job_1": {"body_src": "one", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}, "as_group": 1}),
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    assert_eq!(v["response"]["job_count"], 1);
    assert!(
        v["response"].get("group_id").is_none(),
        "one job is no group"
    );
    let v = post_jobs(
        &sb,
        &json!({"jobs": {
            "a": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"},
            "b": {"body_src": "y", "lc_src": "en", "lc_tgt": "ja", "tier": "pro"}}, "as_group": 1}),
    );
    assert_eq!(v["err"]["code"], 1950, "{v}");
}

#[test]
fn force_on_every_job_bypasses_the_duplicate_payload_rule() {
    let (sb, _) = start();
    let forced = json!({"jobs": {"a": {"body_src": "again", "lc_src": "en", "lc_tgt": "ja", "tier": "standard", "force": 1}}});
    assert_eq!(post_jobs(&sb, &forced)["opstat"], "ok");
    let v = post_jobs(&sb, &forced);
    assert_eq!(v["opstat"], "ok", "seconds apart, forced: {v}");
    // Without force the rule stands.
    let plain = json!({"jobs": {"a": {"body_src": "plain", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}});
    assert_eq!(post_jobs(&sb, &plain)["opstat"], "ok");
    assert_eq!(post_jobs(&sb, &plain)["err"]["code"], 1754);
    // Nor does force on only some of the jobs.
    let some = json!({"jobs": {
        "a": {"body_src": "p", "lc_src": "en", "lc_tgt": "ja", "tier": "standard", "force": 1},
        "b": {"body_src": "q", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}});
    assert_eq!(post_jobs(&sb, &some)["opstat"], "ok");
    assert_eq!(post_jobs(&sb, &some)["err"]["code"], 1754);
}

#[test]
fn a_file_job_takes_pair_and_tier_from_its_quote() {
    let (sb, client) = start();
    let dir = std::env::temp_dir().join(format!("gengo-sb-fidelity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let txt = dir.join("menu.txt");
    std::fs::write(&txt, "Soup of the day").unwrap();
    let quote = client
        .quote(&[(
            "f".to_string(),
            NewJob::file_to_quote(&txt, "en", "fr", Tier::Pro),
        )])
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let id = quote
        .jobs
        .unwrap()
        .0
        .get("f")
        .unwrap()
        .identifier
        .clone()
        .unwrap();
    // Only type and identifier, as the payload docs require.
    let v = post_jobs(
        &sb,
        &json!({"jobs": {"f": {"type": "file", "identifier": id}}}),
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    let order = v["response"]["order_id"].as_u64().unwrap();
    advance(&sb, 400.0);
    let o = client.get_order(order).unwrap();
    let job_id = o
        .jobs_available
        .into_iter()
        .chain(o.jobs_pending)
        .chain(o.jobs_reviewable)
        .flatten()
        .next()
        .unwrap();
    let job = client.get_job(job_id).unwrap();
    assert_eq!(
        (job.lc_src.as_deref(), job.lc_tgt.as_deref(), job.tier),
        (Some("en"), Some("fr"), Some(Tier::Pro))
    );
    // A value that contradicts the quote is an error naming the job.
    let v = post_jobs(
        &sb,
        &json!({"jobs": {"f": {"type": "file", "identifier": id, "tier": "standard", "force": 1}}}),
    );
    assert_eq!(v["err"]["f"][0]["code"], 1304, "{v}");
    let v = post_jobs(
        &sb,
        &json!({"jobs": {"f": {"type": "file", "identifier": id, "lc_tgt": "ja", "force": 1}}}),
    );
    assert_eq!(v["err"]["f"][0]["code"], 1551, "{v}");
}

#[test]
fn manual_translators_leave_jobs_available_until_told() {
    let (sb, client) = start_with(gengo_sandbox::Options {
        manual_translators: true,
        ..gengo_sandbox::Options::for_tests()
    });
    let r = client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("wait for me", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    // A whole sandbox week later the job is still waiting for a translator.
    advance(&sb, 7.0 * 86_400.0);
    let o = client.get_order(r.order_id.unwrap()).unwrap();
    let id = o.jobs_available.unwrap()[0];
    assert_eq!(
        client.get_job(id).unwrap().status,
        Some(JobStatus::Available)
    );
    // The control API moves it on, and it stays where it is put.
    for status in ["pending", "reviewable"] {
        let (code, _, v) = raw(
            &sb,
            "POST",
            &format!("/_sandbox/jobs/{id}/status"),
            Some("application/json"),
            json!({"status": status}).to_string().as_bytes(),
        );
        assert_eq!(code, 200, "{v}");
        advance(&sb, 86_400.0);
        assert_eq!(client.get_job(id).unwrap().status.unwrap().as_str(), status);
    }
    client
        .approve_job(id, &gengo_core::requests::Approval::rated(5))
        .unwrap();
    assert_eq!(
        client.get_job(id).unwrap().status,
        Some(JobStatus::Approved)
    );
}

/// One raw HTTP/1.1 exchange; returns the response head (status line and headers, as
/// written on the wire) and the body.
fn exchange(sb: &gengo_sandbox::Sandbox, request: &str) -> (String, String) {
    use std::io::{Read, Write};
    let addr = sb.url().trim_start_matches("http://").to_string();
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.to_string(), body.to_string())
}

#[test]
fn responses_carry_gengo_s_header_names_and_content_type() {
    let (sb, _) = start();
    let (head, body) = exchange(
        &sb,
        "GET /v2/translate/service/languages HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    let lines: Vec<&str> = head.lines().skip(1).collect();
    assert!(lines.contains(&"Content-Type: application/json"), "{head}");
    assert!(
        lines.iter().any(|l| l.starts_with("Content-Length: ")),
        "{head}"
    );
    assert!(lines.iter().any(|l| l.starts_with("Date: ")), "{head}");
    assert!(body.starts_with(r#"{"opstat":"ok""#), "{body}");
}

#[test]
fn xml_on_request_for_results_and_errors() {
    let (sb, _) = start();
    // Accept: application/xml.
    let (head, body) = exchange(
        &sb,
        "GET /v2/translate/service/language_pairs?lc_src=ja HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\nConnection: close\r\n\r\n",
    );
    assert!(head.contains("Content-Type: application/xml"), "{head}");
    assert!(
        body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gengo><opstat>ok</opstat><response><item><lc_src>ja</lc_src>"),
        "{body}"
    );
    assert_eq!(
        body.matches("<item>").count(),
        body.matches("</item>").count()
    );
    // The format parameter wins over the header, both ways.
    let (head, body) = exchange(
        &sb,
        "GET /v2/translate/service/languages?format=json HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\nConnection: close\r\n\r\n",
    );
    assert!(head.contains("Content-Type: application/json"), "{head}");
    assert!(body.starts_with('{'));
    let (_, body) = exchange(
        &sb,
        "GET /v2/translate/service/languages?format=xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(body.contains("<opstat>ok</opstat>"), "{body}");
    // Errors too, signed calls too (format in the form of a POST).
    let (_, body) = exchange(
        &sb,
        "GET /v2/account/balance?api_key=nobody&ts=1&api_sig=x&format=xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        body.contains(
            "<opstat>error</opstat><err><code>1000</code><msg>Authentication failed</msg></err>"
        ),
        "{body}"
    );
    let mut pairs = auth_pairs();
    pairs.push(("format".into(), "xml".into()));
    pairs.push((
        "data".into(),
        json!({"jobs": {"a": {"body_src": "xml please", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}}).to_string(),
    ));
    let form = encode(&pairs);
    let (head, body) = exchange(
        &sb,
        &format!(
            "POST /v2/translate/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
            form.len()
        ),
    );
    assert!(head.contains("Content-Type: application/xml"), "{head}");
    assert!(body.contains("<order_id>"), "{body}");
}

#[test]
fn messages_are_written_as_gengo_writes_them() {
    let (sb, client) = start();
    let get = |path: &str| raw(&sb, "GET", path, None, b"").2;
    let msg = |v: &Value| v["err"]["msg"].as_str().unwrap_or_default().to_string();
    let ts = auth_pairs()[1].1.clone();
    assert_eq!(
        msg(&get(&format!(
            "/v2/account/balance?api_key=sandbox_public_key&ts={ts}&api_sig=0"
        ))),
        "Authentication failed"
    );
    assert_eq!(
        msg(&get(
            "/v2/account/balance?api_key=sandbox_public_key&api_sig=0"
        )),
        "ts (timestamp) is a required field"
    );
    assert_eq!(
        msg(&get(
            "/v2/account/balance?api_key=sandbox_public_key&api_sig=0&ts=soon"
        )),
        "ts (timestamp) must be numeric"
    );
    let e = client.get_order(999_999).unwrap_err();
    assert_eq!(
        (e.code(), e.message()),
        (Some(2750), "Unauthorized order access")
    );
    let e = client.job_group(999_999).unwrap_err();
    assert_eq!(
        (e.code(), e.message()),
        (Some(2600), "Unauthorized job group access")
    );
    // Where a real body was observed, its wording (lower case) is kept.
    let e = client.get_job(999_999).unwrap_err();
    assert_eq!(
        (e.code(), e.message()),
        (Some(2100), "unauthorized job access")
    );
    let (_, ids) = order_available(&sb, &client, &["state"]);
    let e = client
        .approve_job(ids[0], &gengo_core::requests::Approval::rated(5))
        .unwrap_err();
    assert_eq!(
        (e.code(), e.message()),
        (Some(2250), "job is not reviewable")
    );
    sb.with_state(|s| s.force_status(ids[0], "pending"))
        .unwrap();
    let e = client.cancel_job(ids[0]).unwrap_err();
    assert_eq!(
        (e.code(), e.message()),
        (Some(2252), "Job cannot be cancelled (incorrect state)")
    );
}

#[test]
fn accounts_start_empty_and_the_control_api_seeds_them() {
    let (sb, client) = start();
    assert!(
        client.glossaries().unwrap().is_empty(),
        "a new account lists no glossaries"
    );
    assert!(client.list_jobs(&Default::default()).unwrap().is_empty());
    let (code, _, g) = raw(
        &sb,
        "POST",
        "/_sandbox/accounts/sandbox_public_key/glossaries",
        Some("application/json"),
        br#"{"title": "terms.csv", "targets": ["ja", "fr"]}"#,
    );
    assert_eq!(code, 200, "{g}");
    let list = client.glossaries().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title.as_deref(), Some("terms.csv"));
    assert!(
        String::from_utf8(client.download_glossary(list[0].id.unwrap()).unwrap().bytes)
            .unwrap()
            .contains("Gengo")
    );
    // Jobs, already in the status a test needs.
    let (code, _, v) = raw(
        &sb,
        "POST",
        "/_sandbox/accounts/sandbox_public_key/jobs",
        Some("application/json"),
        br#"{"jobs": {"a": {"body_src": "seeded", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}, "status": "reviewable"}"#,
    );
    assert_eq!(code, 200, "{v}");
    let id = v["job_ids"][0].as_u64().unwrap();
    let job = client.get_job(id).unwrap();
    assert_eq!(job.status, Some(JobStatus::Reviewable));
    assert!(job.body_tgt.is_some());
    let o = client.get_order(v["order_id"].as_u64().unwrap()).unwrap();
    assert_eq!(o.jobs_reviewable, Some(vec![id]));
    // Unknown accounts are a 404; the flag seeds the demo account at start.
    let (code, _, _) = raw(
        &sb,
        "POST",
        "/_sandbox/accounts/nobody/glossaries",
        Some("application/json"),
        b"{}",
    );
    assert_eq!(code, 404);
    let (_seeded_sb, seeded) = start_with(gengo_sandbox::Options {
        seed_glossary: true,
        ..gengo_sandbox::Options::for_tests()
    });
    assert_eq!(seeded.glossaries().unwrap().len(), 1);
}

#[test]
fn seeding_jobs_fires_one_callback_per_status_change() {
    let (sb, _client) = start();
    let (code, _, v) = raw(
        &sb,
        "PUT",
        "/_sandbox/accounts/sandbox_public_key/callback_url",
        Some("application/json"),
        br#"{"url": "http://127.0.0.1:9/callbacks"}"#,
    );
    assert_eq!(code, 200, "{v}");
    for status in ["available", "reviewable", "approved"] {
        let body = format!(
            r#"{{"jobs": {{"a": {{"body_src": "seeded {status} 1", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}},
                          "b": {{"body_src": "seeded {status} 2", "lc_src": "en", "lc_tgt": "fr", "tier": "standard"}}}},
                "as_group": 0, "status": "{status}"}}"#
        );
        let (code, _, v) = raw(
            &sb,
            "POST",
            "/_sandbox/accounts/sandbox_public_key/jobs",
            Some("application/json"),
            body.as_bytes(),
        );
        assert_eq!(code, 200, "{v}");
        for id in v["job_ids"].as_array().unwrap() {
            let id = id.as_u64().unwrap();
            let events: Vec<String> = sb.with_state(|s| {
                s.deliveries()
                    .iter()
                    .filter(|d| d.job_id == id && d.kind == "job")
                    .filter_map(|d| d.status.clone())
                    .collect()
            });
            assert_eq!(
                events.iter().filter(|e| *e == status).count(),
                1,
                "{status}: {events:?}"
            );
            let mut unique = events.clone();
            unique.dedup();
            assert_eq!(unique, events, "a status called back twice: {events:?}");
        }
    }
    // Forcing a job into the status it has changes nothing and calls nothing back.
    let id = sb.with_state(|s| s.deliveries()[0].job_id);
    let before = sb.with_state(|s| s.deliveries().len());
    let (code, _, _) = raw(
        &sb,
        "POST",
        &format!("/_sandbox/jobs/{id}/status"),
        Some("application/json"),
        br#"{"status": "available"}"#,
    );
    assert_eq!(code, 200);
    assert_eq!(sb.with_state(|s| s.deliveries().len()), before);
}
