//! Bad input gets Gengo-shaped errors: every remaining code, broken and oversized bodies.

use super::*;

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
