//! Each documented rule and error code, every client dialect, and bad input.

mod common;

use std::time::Duration;

use common::*;
use gengo_core::models::{JobStatus, Tier};
use gengo_core::requests::*;
use gengo_core::{Client, Config, ErrorKind, RetryPolicy};
use gengo_sandbox::{Options, Profile, State};
use serde_json::{Value, json};

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

#[test]
fn signature_errors_1000_to_1201() {
    let (sb, _) = start();
    let (public, private) = State::demo_keys();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let ts = now.to_string();
    let sig = gengo_core::signing::sign(private, &ts);
    let p = "/v2/account/balance";
    assert_eq!(
        code(&signed_get(&sb, p, &[("ts", &ts), ("api_sig", &sig)]).1),
        1150
    );
    assert_eq!(
        code(&signed_get(&sb, p, &[("api_key", public), ("api_sig", &sig)]).1),
        1200
    );
    assert_eq!(
        code(
            &signed_get(
                &sb,
                p,
                &[("api_key", public), ("ts", "soon"), ("api_sig", &sig)]
            )
            .1
        ),
        1201
    );
    assert_eq!(
        code(&signed_get(&sb, p, &[("api_key", public), ("ts", &ts)]).1),
        1100
    );
    assert_eq!(
        code(
            &signed_get(
                &sb,
                p,
                &[("api_key", public), ("ts", &ts), ("api_sig", "0000")]
            )
            .1
        ),
        1000
    );
    assert_eq!(
        code(
            &signed_get(
                &sb,
                p,
                &[("api_key", "nobody"), ("ts", &ts), ("api_sig", &sig)]
            )
            .1
        ),
        1000
    );
    // A ts older than the 300 s window (D16) fails even with its correct signature.
    let old = (now - 301).to_string();
    let old_sig = gengo_core::signing::sign(private, &old);
    let (status, v) = signed_get(
        &sb,
        p,
        &[("api_key", public), ("ts", &old), ("api_sig", &old_sig)],
    );
    assert_eq!((status, code(&v)), (200, 1000));
    let (status, v) = signed_get(
        &sb,
        p,
        &[("api_key", public), ("ts", &ts), ("api_sig", &sig)],
    );
    assert_eq!((status, v["opstat"].as_str()), (200, Some("ok")));
    // gengo-core maps them to the auth kind.
    let bad = Client::new(
        Config::builder()
            .keys(public, "wrong")
            .base_url(sb.url())
            .build()
            .unwrap(),
    );
    let e = bad.account_balance().unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Auth, Some(1000)));
}

#[test]
fn languages_and_pairs_need_no_keys() {
    let (sb, _) = start();
    let anon = Client::new(Config::builder().base_url(sb.url()).build().unwrap());
    let langs = anon.languages().unwrap();
    assert!(langs.iter().any(|l| l.lc.as_deref() == Some("ja")
        && l.unit_type == Some(gengo_core::models::UnitType::Character)));
    let pairs = anon.language_pairs(Some("ja")).unwrap();
    assert!(!pairs.is_empty() && pairs.iter().all(|p| p.lc_src.as_deref() == Some("ja")));
    let p = pairs
        .iter()
        .find(|p| p.lc_tgt.as_deref() == Some("en") && p.tier == Some(Tier::Standard))
        .unwrap();
    assert_eq!(p.unit_price.unwrap().to_string(), "0.03");
    // PHP's form: data={"lc_src":"ja"} in the query (D12).
    let (_, _, v) = raw(
        &sb,
        "GET",
        "/v2/translate/service/language_pairs?data=%7B%22lc_src%22%3A%22de%22%7D",
        None,
        b"",
    );
    let list = v["response"].as_array().unwrap();
    assert!(!list.is_empty() && list.iter().all(|p| p["lc_src"] == "de"));
    let m = anon.account_balance().unwrap_err();
    assert_eq!(m.kind(), ErrorKind::Validation, "signed calls need keys");
}

#[test]
fn order_errors_name_every_job_and_every_code() {
    let (_sb, client) = start();
    let e = client
        .call("order_jobs", &json!({"jobs": {"ok": {"body_src": "fine", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"},
                                             "bad": {"type": "text", "tier": "standard"},
                                             "pair": {"body_src": "x", "lc_src": "en", "lc_tgt": "xx", "tier": "pro"}}}))
        .unwrap_err();
    // gengo-core validated lc_src/lc_tgt/body_src locally first.
    assert_eq!(e.kind(), ErrorKind::Validation);

    // Send the raw payload instead, as another client would.
    let (sb, _) = start();
    let mut pairs = auth_pairs();
    pairs.push(("data".into(), json!({"jobs": {
        "ok": {"body_src": "fine", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"},
        "bad": {"type": "text"},
        "pair": {"body_src": "x", "lc_src": "af", "lc_tgt": "es", "tier": "pro"},
        "tier": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "gold", "custom_data": "x".repeat(1100), "auto_approve": 5, "callback_url": "nope"}
    }}).to_string()));
    let (status, _, v) = raw(
        &sb,
        "POST",
        "/v2/translate/jobs",
        Some("application/x-www-form-urlencoded"),
        encode(&pairs).as_bytes(),
    );
    assert_eq!(status, 200);
    let err = &v["err"];
    let codes = |k: &str| {
        err[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert!(err.get("ok").is_none());
    assert_eq!(codes("bad"), [1350, 1400, 1450, 1500]);
    assert_eq!(codes("pair"), [1551]);
    assert_eq!(codes("tier"), [1304, 1601, 1651, 1751]);
    // Nothing was charged.
    let (_, client) = (
        0,
        client_for(&sb, State::demo_keys().0, State::demo_keys().1),
    );
    assert_eq!(
        client.account_balance().unwrap().credits.unwrap(),
        dec("1000")
    );
}

#[test]
fn data_errors_and_order_level_rules() {
    let (sb, client) = start();
    let post = |data: Option<&str>| {
        let mut pairs = auth_pairs();
        if let Some(d) = data {
            pairs.push(("data".into(), d.into()));
        }
        raw(
            &sb,
            "POST",
            "/v2/translate/jobs",
            Some("application/x-www-form-urlencoded"),
            encode(&pairs).as_bytes(),
        )
        .2
    };
    assert_eq!(code(&post(None)), 1250);
    assert_eq!(code(&post(Some("{not json"))), 1251);
    assert_eq!(code(&post(Some("{}"))), 1800);
    // Grouping a single job is a no-op, as on Gengo (official clients send as_group=1).
    assert_eq!(
        post(Some(
            r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"}},"as_group":1}"#
        ))["opstat"],
        "ok"
    );
    assert_eq!(
        code(&post(Some(
            r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"},"b":{"body_src":"y","lc_src":"en","lc_tgt":"fr","tier":"standard"}},"as_group":1}"#
        ))),
        1950
    );
    let v = post(Some(
        r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"}},"reference_id":"gengo"}"#,
    ));
    assert_eq!(
        v["err"]["msg"],
        "\"reference_id\" must be an integer greater or equal 0"
    );
    // The same payload twice within five minutes (1754), fine after.
    let payload =
        r#"{"jobs":{"a":{"body_src":"twice","lc_src":"en","lc_tgt":"ja","tier":"standard"}}}"#;
    assert_eq!(post(Some(payload))["opstat"], "ok");
    assert_eq!(code(&post(Some(payload))), 1754);
    advance(&sb, 301.0);
    assert_eq!(post(Some(payload))["opstat"], "ok");
    // Not enough credits (2700), nothing charged.
    let acct = sb.with_state(|s| s.create_account(None, None, "0.10".parse().unwrap(), None, None));
    let poor = client_for(&sb, &acct.public_key, &acct.private_key);
    let e = poor
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("three words here", "en", "ja", Tier::Standard),
        )]))
        .unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(2700)));
    assert_eq!(poor.account_balance().unwrap().credits.unwrap(), dec("0.1"));
    let _ = client;
}

#[test]
fn job_state_errors() {
    let (sb, client) = start();
    let (r, ids) = order_available(&sb, &client, &["state test"]);
    let id = ids[0];
    assert_eq!(client.revise_job(id, "x").unwrap_err().code(), Some(2250));
    assert_eq!(
        client
            .reject_job(id, &Rejection::new(RejectReason::Other, "x"))
            .unwrap_err()
            .code(),
        Some(2650)
    );
    assert_eq!(client.archive_job(id).unwrap_err().code(), Some(2650));
    // Another account's job and unknown ids.
    let other = sb.with_state(|s| s.create_account(None, None, "5".parse().unwrap(), None, None));
    let stranger = client_for(&sb, &other.public_key, &other.private_key);
    assert_eq!(stranger.get_job(id).unwrap_err().code(), Some(2100));
    assert_eq!(
        stranger.get_order(r.order_id.unwrap()).unwrap_err().code(),
        Some(2750)
    );
    assert_eq!(client.get_job(999_999).unwrap_err().code(), Some(2100));
    assert_eq!(client.get_order(999_999).unwrap_err().code(), Some(2750));
    assert_eq!(
        client.get_jobs(&[id, 999_999]).unwrap_err().code(),
        Some(2100)
    );
    assert_eq!(client.get_glossary(999_999).unwrap_err().code(), Some(404));
    // Comments need a body (2000) when another client sends none.
    let mut pairs = auth_pairs();
    pairs.push(("data".into(), "{}".into()));
    let (_, _, v) = raw(
        &sb,
        "POST",
        &format!("/v2/translate/job/{id}/comment"),
        Some("application/x-www-form-urlencoded"),
        encode(&pairs).as_bytes(),
    );
    assert_eq!(code(&v), 2000);
}

#[test]
fn client_dialects_are_all_understood() {
    let (sb, client) = start();
    let (r, ids) = order_available(&sb, &client, &["dialect one", "dialect two"]);
    let auth = encode(&auth_pairs());
    // Java: a leading '&' and a trailing slash.
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/job/{}/comments/?&{auth}", ids[0]),
        None,
        b"",
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    // Unescaped commas in the id list.
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/jobs/{},{}?{auth}", ids[0], ids[1]),
        None,
        b"",
    );
    assert_eq!(v["response"]["jobs"].as_array().unwrap().len(), 2);
    // _method override: DELETE sent as POST.
    let body = format!("{auth}&_method=delete");
    let (_, _, v) = raw(
        &sb,
        "POST",
        &format!("/v2/translate/job/{}", ids[0]),
        Some("application/x-www-form-urlencoded"),
        body.as_bytes(),
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    assert_eq!(
        client.get_job(ids[0]).unwrap().status,
        Some(JobStatus::Canceled)
    );
    // PHP: multipart with every parameter repeated in the query.
    let boundary = "XyZ";
    let mut mp = String::new();
    for (k, val) in auth_pairs() {
        mp.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{val}\r\n"
        ));
    }
    mp.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n{{\"body\":\"from php\"}}\r\n--{boundary}--\r\n"));
    let (_, _, v) = raw(
        &sb,
        "POST",
        &format!("/v2/translate/job/{}/comment?{auth}&_method=post", ids[1]),
        Some(&format!("multipart/form-data; boundary={boundary}")),
        mp.as_bytes(),
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    assert_eq!(
        client
            .job_comments(ids[1])
            .unwrap()
            .last()
            .unwrap()
            .body
            .as_deref(),
        Some("from php")
    );
    // A raw JSON body with auth in the query (the Elixir client).
    let (_, _, v) = raw(
        &sb,
        "POST",
        &format!("/v2/translate/order/{}/comment?{auth}", r.order_id.unwrap()),
        Some("application/json"),
        br#"{"body":"json body"}"#,
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    // v1.1 legacy calls.
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v1.1/translate/jobs/group/{}?{auth}", r.group_id.unwrap()),
        None,
        b"",
    );
    assert_eq!(v["response"]["jobs"].as_array().unwrap().len(), 2);
    let preview = client.job_preview(ids[1]).unwrap();
    assert_eq!(&preview.bytes[..2], &[0xFF, 0xD8]);
    assert_eq!(preview.content_type.as_deref(), Some("image/jpeg"));
    let job = client
        .post_job(&NewJob::text(
            "legacy single job",
            "en",
            "es",
            Tier::Standard,
        ))
        .unwrap();
    assert_eq!(job.status, Some(JobStatus::Available));
    client.cancel_jobs(&[job.job_id.unwrap()]).unwrap();
    assert_eq!(
        client.get_job(job.job_id.unwrap()).unwrap().status,
        Some(JobStatus::Canceled)
    );
    // Legacy paths are not served under /v2/.
    let (status, _, _) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/job/{}/preview?{auth}", ids[1]),
        None,
        b"",
    );
    assert_eq!(status, 404);
}

#[test]
fn docs2014_profile_sends_strings_and_the_client_reads_both() {
    let (sb, client) = start_with(Options {
        profile: Profile::Docs2014,
        ..Options::for_tests()
    });
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/account/balance?{}", encode(&auth_pairs())),
        None,
        b"",
    );
    assert_eq!(v["response"]["credits"], "1000.00");
    let r = client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("strings please", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    assert!(r.order_id.is_some());
    advance(&sb, 10.0);
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!(
            "/v2/translate/order/{}?{}",
            r.order_id.unwrap(),
            encode(&auth_pairs())
        ),
        None,
        b"",
    );
    assert!(v["response"]["order"]["order_id"].is_string());
    let id = client
        .get_order(r.order_id.unwrap())
        .unwrap()
        .jobs_available
        .unwrap()[0];
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/job/{id}?{}", encode(&auth_pairs())),
        None,
        b"",
    );
    assert!(
        v["response"]["job"]["job_id"].is_string()
            && v["response"]["job"]["unit_count"].is_string()
    );
    assert_eq!(v["response"]["job"]["auto_approve"], "0");
    let j = client.get_job(id).unwrap();
    assert_eq!(
        (j.job_id, j.unit_count, j.auto_approve),
        (Some(id), Some(2), Some(false))
    );
}

#[test]
fn throttling_answers_429_with_retry_after() {
    let (sb, _) = start_with(Options {
        rate_limit_per_minute: Some(3),
        ..Options::for_tests()
    });
    let client = Client::new(
        Config::builder()
            .base_url(sb.url())
            .retry(RetryPolicy::none())
            .rate_limit_per_minute(None)
            .build()
            .unwrap(),
    );
    for _ in 0..3 {
        client.languages().unwrap();
    }
    let e = client.languages().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.http_status(), Some(429));
    assert!(
        e.retry_after()
            .is_some_and(|d| d > Duration::ZERO && d <= Duration::from_secs(60))
    );
    assert_eq!(e.code(), Some(429));
}

#[test]
fn bad_input_gets_gengo_shaped_errors() {
    let (sb, client) = start_with(Options {
        max_body_bytes: 64 * 1024,
        ..Options::for_tests()
    });
    let (s, _, v) = raw(&sb, "GET", "/v2/nothing/here", None, b"");
    assert_eq!((s, code(&v)), (404, 404));
    let (s, _, v) = raw(&sb, "GET", "/v3/account/balance", None, b"");
    assert_eq!((s, code(&v)), (404, 404));
    let (s, _, v) = raw(&sb, "PATCH", "/v2/account/balance", None, b"");
    assert_eq!((s, code(&v)), (405, 405));
    let (s, _, v) = raw(&sb, "DELETE", "/v2/account/balance", None, b"");
    assert_eq!((s, code(&v)), (405, 405));
    let (s, _, v) = raw(
        &sb,
        "POST",
        "/v2/translate/jobs",
        Some("multipart/form-data; boundary=B"),
        b"--B\r\ngarbage",
    );
    assert_eq!((s, code(&v)), (400, 400));
    let (s, _, v) = raw(
        &sb,
        "POST",
        "/v2/translate/jobs",
        Some("multipart/form-data"),
        b"x",
    );
    assert_eq!((s, code(&v)), (400, 400));
    let (s, _, v) = raw(
        &sb,
        "POST",
        "/v2/translate/jobs",
        Some("application/json"),
        b"{broken",
    );
    assert_eq!((s, code(&v)), (200, 1251));
    let big = vec![b'a'; 100 * 1024];
    let (s, _, v) = raw(
        &sb,
        "POST",
        "/v2/translate/jobs",
        Some("application/x-www-form-urlencoded"),
        &big,
    );
    assert_eq!((s, code(&v)), (413, 413));
    let mut pairs = auth_pairs();
    pairs.push((
        "data".into(),
        r#"{"jobs":[1,"x",null,{"body_src":7}]}"#.into(),
    ));
    let (s, _, v) = raw(
        &sb,
        "POST",
        "/v2/translate/jobs",
        Some("application/x-www-form-urlencoded"),
        encode(&pairs).as_bytes(),
    );
    assert_eq!(s, 200);
    assert_eq!(v["err"].as_object().unwrap().len(), 4, "{v}");
    let (s, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/job/abc?{}", encode(&auth_pairs())),
        None,
        b"",
    );
    assert_eq!((s, code(&v)), (200, 2050));
    // Nothing half-applied: still 1000 credits, no jobs.
    assert_eq!(
        client.account_balance().unwrap().credits.unwrap(),
        dec("1000")
    );
    assert!(client.list_jobs(&JobFilter::default()).unwrap().is_empty());
}

#[test]
fn concurrent_orders_keep_credits_consistent() {
    let (sb, client) = start();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let c = client.clone();
            std::thread::spawn(move || {
                for i in 0..5 {
                    c.order_jobs(&OrderRequest::new([(
                        format!("k{t}-{i}"),
                        NewJob::text(
                            format!("thread {t} job {i} words"),
                            "en",
                            "ja",
                            Tier::Standard,
                        ),
                    )]))
                    .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    // 40 orders of 5 words at 0.05.
    assert_eq!(
        client.account_balance().unwrap().credits.unwrap(),
        dec("990")
    );
    assert_eq!(
        client
            .list_jobs(&JobFilter {
                count: Some(200),
                ..Default::default()
            })
            .unwrap()
            .len(),
        40
    );
    drop(sb);
}

#[test]
fn callbacks_are_retried_until_accepted() {
    let (sb, client) = start();
    let rx = Receiver::start();
    rx.set_status(500);
    client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("call me back", "en", "ja", Tier::Standard).callback_url(rx.url()),
        )]))
        .unwrap();
    advance(&sb, 10.0);
    rx.wait_for(1);
    let deliveries = sb.with_state(|s| s.deliveries().to_vec());
    assert_eq!(deliveries.len(), 1);
    wait_until(|| sb.with_state(|s| s.deliveries()[0].attempts.len()) == 1);
    assert!(!sb.with_state(|s| s.deliveries()[0].delivered));
    // The next try comes 15 sandbox minutes later (D7).
    rx.set_status(200);
    advance(&sb, 14.0 * 60.0);
    // Not due before 15 minutes: the manual clock says so without waiting.
    let (attempts, due_ms, in_flight, now_ms) = sb.with_state(|s| {
        let d = &s.deliveries()[0];
        (d.attempts.len(), d.due_ms, d.in_flight, s.clock.now_ms())
    });
    assert_eq!(attempts, 1, "not retried before 15 minutes");
    assert!(!in_flight);
    let due_ms = due_ms.expect("a retry is scheduled");
    assert!(due_ms > now_ms, "due in {} ms", due_ms - now_ms);
    assert!(due_ms - now_ms <= 60_000);
    advance(&sb, 60.0);
    wait_until(|| sb.with_state(|s| s.deliveries()[0].delivered));
    let d = sb.with_state(|s| s.deliveries()[0].clone());
    assert_eq!(
        d.attempts.iter().map(|a| a.1.as_str()).collect::<Vec<_>>(),
        ["500", "200"]
    );
    assert!(d.body.starts_with("job="));
    // The control API lists them too.
    let (_, _, v) = raw(&sb, "GET", "/_sandbox/callbacks", None, b"");
    assert_eq!(v[0]["delivered"], true);
}

#[test]
fn control_api() {
    let (sb, _) = start();
    let (s, _, v) = raw(
        &sb,
        "POST",
        "/_sandbox/accounts",
        Some("application/json"),
        br#"{"credits": "12.50"}"#,
    );
    assert_eq!(s, 200);
    let (public, private) = (
        v["public_key"].as_str().unwrap().to_string(),
        v["private_key"].as_str().unwrap().to_string(),
    );
    let c = client_for(&sb, &public, &private);
    assert_eq!(c.account_balance().unwrap().credits.unwrap(), dec("12.5"));
    raw(
        &sb,
        "POST",
        &format!("/_sandbox/accounts/{public}/credits"),
        Some("application/json"),
        br#"{"amount": 7.5}"#,
    );
    assert_eq!(c.account_balance().unwrap().credits.unwrap(), dec("20"));
    let r = c
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("control", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    let (_, _, v) = raw(
        &sb,
        "POST",
        "/_sandbox/advance",
        Some("application/json"),
        br#"{"seconds": 10}"#,
    );
    assert!(v["time"].as_i64().is_some());
    let id = c
        .get_order(r.order_id.unwrap())
        .unwrap()
        .jobs_available
        .unwrap()[0];
    let (s, _, v) = raw(
        &sb,
        "POST",
        &format!("/_sandbox/jobs/{id}/status"),
        Some("application/json"),
        br#"{"status": "reviewable"}"#,
    );
    assert_eq!((s, v["job"]["status"].as_str()), (200, Some("reviewable")));
    let (s, _, _) = raw(
        &sb,
        "POST",
        &format!("/_sandbox/jobs/{id}/status"),
        Some("application/json"),
        br#"{"status": "flying"}"#,
    );
    assert_eq!(s, 400);
    let (s, _, v) = raw(&sb, "GET", "/_sandbox", None, b"");
    assert_eq!(s, 200);
    assert!(v["endpoints"].as_array().unwrap().len() >= 8);
    raw(&sb, "POST", "/_sandbox/reset", None, b"");
    assert_eq!(c.account_balance().unwrap_err().code(), Some(1000));
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

#[test]
fn every_remaining_error_code() {
    let (sb, client) = start();
    let job = |extra: Value| {
        let mut j = json!({"body_src": "x y", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"});
        for (k, v) in extra.as_object().unwrap() {
            j[k] = v.clone();
        }
        json!({"jobs": {"a": j}})
    };
    let per_job = |data: Value| {
        let mut pairs = auth_pairs();
        pairs.push(("data".into(), data.to_string()));
        let (_, _, v) = raw(
            &sb,
            "POST",
            "/v2/translate/jobs",
            Some("application/x-www-form-urlencoded"),
            encode(&pairs).as_bytes(),
        );
        v["err"]["a"][0]["code"]
            .as_i64()
            .unwrap_or_else(|| panic!("{v}"))
    };
    assert_eq!(per_job(json!({"jobs": {"a": "not an object"}})), 1300);
    assert_eq!(per_job(job(json!({"type": "video"}))), 1301);
    assert_eq!(per_job(job(json!({"type": "file"}))), 1302);
    assert_eq!(per_job(job(json!({"body_src": 42}))), 1351);
    assert_eq!(
        per_job(job(json!({"body_src": "open [[[ never closed"}))),
        1351
    );
    assert_eq!(
        per_job(job(
            json!({"tier": "machine", "body_src": "a".repeat(2001)})
        )),
        1351
    );
    assert_eq!(per_job(job(json!({"max_chars": 0}))), 1351);
    assert_eq!(per_job(job(json!({"use_preferred": 5}))), 1701);
    let mut with_group = job(json!({}));
    with_group["as_group"] = json!(3);
    assert_eq!(
        send_data(&sb, "POST", "/v2/translate/jobs", with_group),
        1851
    );
    let mut with_process = job(json!({}));
    with_process["process"] = json!("maybe");
    assert_eq!(
        send_data(&sb, "POST", "/v2/translate/jobs", with_process),
        1901
    );
    // Quotes: too many files, a file key with no file part.
    let mut many = serde_json::Map::new();
    for i in 0..51 {
        many.insert(format!("f{i}"), json!({"type": "file", "file_key": format!("k{i}"), "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}));
    }
    assert_eq!(
        send_data(
            &sb,
            "POST",
            "/v2/translate/service/quote",
            json!({"jobs": many})
        ),
        1305
    );
    let mut pairs = auth_pairs();
    pairs.push(("data".into(), json!({"jobs": {"f": {"type": "file", "file_key": "missing", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}}).to_string()));
    let (_, _, v) = raw(
        &sb,
        "POST",
        "/v2/translate/service/quote/file",
        Some("application/x-www-form-urlencoded"),
        encode(&pairs).as_bytes(),
    );
    assert_eq!(v["err"]["f"][0]["code"], 1803, "{v}");

    // Job actions sent by a client that does not validate.
    let (_, ids) = order_available(&sb, &client, &["actions"]);
    let id = ids[0];
    sb.with_state(|s| s.force_status(id, "reviewable")).unwrap();
    let path = format!("/v2/translate/job/{id}");
    assert_eq!(
        send_data(&sb, "PUT", &path, json!({"action": "revise"})),
        2300
    );
    assert_eq!(
        send_data(
            &sb,
            "PUT",
            &path,
            json!({"action": "reject", "comment": "x"})
        ),
        2350
    );
    assert_eq!(
        send_data(
            &sb,
            "PUT",
            &path,
            json!({"action": "reject", "reason": "quality"})
        ),
        2300
    );
    assert_eq!(
        send_data(
            &sb,
            "PUT",
            &path,
            json!({"action": "reject", "reason": "quality", "comment": "x", "follow_up": "later"})
        ),
        2450
    );
    assert_eq!(
        send_data(&sb, "PUT", &path, json!({"action": "approve", "rating": 9})),
        2501
    );
    assert_eq!(
        send_data(
            &sb,
            "PUT",
            &path,
            json!({"action": "approve", "public": "sure"})
        ),
        2503
    );
    assert_eq!(
        send_data(&sb, "PUT", &path, json!({"action": "purchase"})),
        2251
    );
    assert_eq!(
        client.get_job(id).unwrap().status,
        Some(JobStatus::Reviewable),
        "no failed action changed the job"
    );
    // Legacy groups: unknown group, another account's group.
    let auth = encode(&auth_pairs());
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v1.1/translate/jobs/group/x?{auth}"),
        None,
        b"",
    );
    assert_eq!(code(&v), 2550);
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v1.1/translate/jobs/group/424242?{auth}"),
        None,
        b"",
    );
    assert_eq!(code(&v), 2600);
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/job/{id}/revision/x?{auth}"),
        None,
        b"",
    );
    assert_eq!(code(&v), 2150);
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

#[test]
fn broken_request_bodies_are_bad_requests_and_big_ones_too_large() {
    let (sb, client) = common::start();
    // Content-Length promises more than arrives.
    let truncated = b"POST /v2/translate/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\napi_key=abc";
    assert_eq!(raw_status(&sb, truncated), 400);
    // A chunk size that is not hex.
    let bad_chunk = b"POST /v2/translate/jobs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n";
    assert_eq!(raw_status(&sb, bad_chunk), 400);
    // A chunked body cut short.
    let short_chunk = b"POST /v2/translate/jobs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc";
    assert_eq!(raw_status(&sb, short_chunk), 400);
    // A whole body over the sandbox's limit: 413.
    let (small, _) = common::start_with(gengo_sandbox::Options {
        max_body_bytes: 1024,
        ..gengo_sandbox::Options::for_tests()
    });
    let mut big =
        b"POST /v2/translate/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n".to_vec();
    big.extend(std::iter::repeat_n(b'a', 2000));
    assert_eq!(raw_status_with(&small, &big, false), 413);
    // The sandbox still serves.
    client.account_balance().unwrap();
}

#[test]
fn the_clock_cannot_be_advanced_out_of_range() {
    let (sb, client) = common::start();
    let before = sb.with_state(|s| s.clock.now());
    for seconds in ["1e300", "-1", "1e10", "\"soon\"", "null"] {
        let (status, _, body) = common::raw(
            &sb,
            "POST",
            "/_sandbox/advance",
            Some("application/json"),
            format!(r#"{{"seconds":{seconds}}}"#).as_bytes(),
        );
        assert_eq!(status, 400, "{seconds}: {body}");
    }
    assert_eq!(sb.with_state(|s| s.clock.now()), before);
    // In range still works, and every later request is served.
    let (status, _, _) = common::raw(
        &sb,
        "POST",
        "/_sandbox/advance",
        Some("application/json"),
        br#"{"seconds":3600}"#,
    );
    assert_eq!(status, 200);
    assert!(sb.with_state(|s| s.clock.now()) >= before + 3600);
    client.account_balance().unwrap();
    assert!(gengo_sandbox::ClockMode::parse("fast:1e300").is_none());
}
