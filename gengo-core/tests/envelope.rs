//! Errors lose nothing: every error body shape real servers sent.

use std::time::Duration;

use gengo_core::{ErrorKind, envelope::decode};
use serde_json::json;

#[test]
fn single_api_error_keeps_code_message_and_status() {
    let e = decode(
        200,
        br#"{"opstat":"error","err":{"code":2250,"msg":"job is not reviewable"}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some(2250));
    assert_eq!(e.message(), "job is not reviewable");
    assert_eq!(e.http_status(), Some(200));
    assert_eq!(e.to_string(), "api 2250 (HTTP 200): job is not reviewable");
    let j = e.to_json();
    assert_eq!(j["kind"], "api");
    assert_eq!(j["kind_code"], 3);
    assert_eq!(j["code"], 2250);
    assert_eq!(j["raw"], json!({"code":2250,"msg":"job is not reviewable"}));
}

#[test]
fn auth_codes_are_auth_errors() {
    for code in [1000, 1100, 1150, 1200, 1201] {
        let body = format!(r#"{{"opstat":"error","err":{{"code":{code},"msg":"x"}}}}"#);
        let e = decode(401, body.as_bytes(), None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth, "{code}");
        assert_eq!(e.code(), Some(code));
        assert_eq!(e.http_status(), Some(401));
    }
    let e = decode(
        200,
        br#"{"opstat":"error","err":{"code":1250,"msg":"data"}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
}

#[test]
fn multi_job_errors_keep_every_key_and_every_code() {
    let body = json!({"opstat":"error","err":{
        "job_1":[{"code":1350,"msg":"\"body_src\" is a required field"},{"code":1400,"msg":"\"lc_src\" is a required field"},{"code":1450,"msg":"b"},{"code":1500,"msg":"c"}],
        "job_2":[{"code":"1551","msg":"language service is not supported"}],
        "job_3":{"code":1751,"msg":"\"custom_data\" is over maximum storage limit (1kb)"}
    }});
    let e = decode(200, body.to_string().as_bytes(), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MultiJob);
    let jobs = e.job_errors();
    assert_eq!(jobs.len(), 3);
    assert_eq!(
        jobs["job_1"]
            .iter()
            .map(|x| x.code.unwrap())
            .collect::<Vec<_>>(),
        [1350, 1400, 1450, 1500]
    );
    assert_eq!(jobs["job_2"][0].code, Some(1551));
    assert_eq!(jobs["job_3"][0].code, Some(1751));
    assert_eq!(e.code(), Some(1350));
    let mut codes = e.codes();
    codes.sort();
    assert_eq!(codes, [1350, 1400, 1450, 1500, 1551, 1751]);
    assert!(
        e.message()
            .contains("job_2: 1551 language service is not supported")
    );
    assert_eq!(e.to_json()["job_errors"]["job_1"][1]["code"], 1400);
    // Jobs sent as a JSON array come back keyed by index.
    let e = decode(
        200,
        br#"{"opstat":"error","err":{"0":[{"code":1350,"msg":"x"}]}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(e.job_errors()["0"][0].code, Some(1350));
}

#[test]
fn odd_error_bodies_never_crash() {
    // No code at all (gengo-python 1.0.0 raised KeyError here).
    let e = decode(
        200,
        br#"{"opstat":"error","err":{"msg":"no rows in result set"}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(
        (e.kind(), e.code(), e.message()),
        (ErrorKind::Api, None, "no rows in result set")
    );
    // Code as a string.
    let e = decode(
        200,
        br#"{"opstat":"error","err":{"code":"404","msg":"Requested Resource Not Found"}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(e.code(), Some(404));
    // No msg.
    let e = decode(200, br#"{"opstat":"error","err":{"code":2800}}"#, None).unwrap_err();
    assert_eq!(e.message(), "Gengo error 2800");
    // err as a string, err missing, err null.
    let e = decode(200, br#"{"opstat":"error","err":"boom"}"#, None).unwrap_err();
    assert_eq!(e.message(), "boom");
    let e = decode(500, br#"{"opstat":"error"}"#, None).unwrap_err();
    assert_eq!((e.kind(), e.http_status()), (ErrorKind::Api, Some(500)));
    // A bare {"msg","code"} body.
    let e = decode(404, br#"{"msg":"Not Found","code":404}"#, None).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(404)));
    // HTTP 500 with a Gengo body is an API error (D15: the body decides).
    let e = decode(
        500,
        br#"{"opstat":"error","err":{"msg":"Internal Server Error","code":500}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(
        (e.kind(), e.code(), e.http_status()),
        (ErrorKind::Api, Some(500), Some(500))
    );
}

#[test]
fn non_json_bodies_keep_status_and_snippet() {
    let html = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
    let e = decode(502, html, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert_eq!(e.http_status(), Some(502));
    assert!(e.snippet().unwrap().contains("502 Bad Gateway"));
    let e = decode(200, b"not json at all", None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert_eq!(e.path(), Some("$"));
    assert_eq!(e.snippet(), Some("not json at all"));
    let long = vec![b'x'; 10_000];
    let e = decode(500, &long, None).unwrap_err();
    assert!(e.snippet().unwrap().chars().count() <= 201);
}

#[test]
fn rate_limited_with_retry_after() {
    let body = br#"{"opstat":"error","err":{"code":429,"msg":"rate limit exceeded"}}"#;
    let e = decode(429, body, Some(Duration::from_secs(7))).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(e.to_json()["retry_after"], 7.0);
    let e = decode(429, b"Too Many Requests", None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
}

#[test]
fn success_envelopes() {
    assert_eq!(
        decode(200, br#"{"opstat":"ok","response":{"credits":"1"}}"#, None).unwrap(),
        json!({"credits":"1"})
    );
    assert_eq!(
        decode(200, br#"{"opstat":"ok"}"#, None).unwrap(),
        json!(null)
    );
    assert_eq!(
        decode(200, br#"{"opstat":"ok","response":""}"#, None).unwrap(),
        json!("")
    );
    assert_eq!(
        decode(201, br#"{"opstat":"ok","response":[]}"#, None).unwrap(),
        json!([])
    );
}

#[test]
fn retry_after_forms() {
    use gengo_core::envelope::parse_retry_after;
    use std::time::UNIX_EPOCH;
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    assert_eq!(parse_retry_after("12", now), Some(Duration::from_secs(12)));
    assert_eq!(
        parse_retry_after("1.5", now),
        Some(Duration::from_millis(1500))
    );
    let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
    assert_eq!(parse_retry_after(&date, now), Some(Duration::from_secs(30)));
    assert_eq!(parse_retry_after("soon", now), None);
}
