//! What calls return: bytes intact, normalised and typed results, recognisable errors.

use super::*;

#[test]
fn the_dispatcher_normalises_and_typed_calls_decode() {
    let server = Server::start(|r, _| {
        if r.target.starts_with("/v2/translate/job/42?") {
            Reply::ok(
                r#"{"job":{"job_id":"42","credits":"0.05","auto_approve":"1","status":"cancelled","unit_count":"3","new_field":{"a":1}}}"#,
            )
        } else if r.method == "POST" {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"job_1":[{"code":1350,"msg":"\"body_src\" is a required field"},{"code":1400,"msg":"lc_src"}]}}"#,
            )
        } else {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"code":1000,"msg":"authentication failed"}}"#,
            )
        }
    });
    let client = client_for(&server.url(), |b| b);
    let v = client
        .call("getTranslationJob", &json!({"id": 42}))
        .unwrap();
    assert_eq!(
        v,
        json!({"job": {"job_id": 42, "credits": "0.05", "auto_approve": true, "status": "canceled", "unit_count": 3, "new_field": {"a": 1}}})
    );
    let raw = client.call_raw("get_job", &json!({"id": 42})).unwrap();
    assert_eq!(
        raw,
        gengo_core::Output::Json(
            json!({"job":{"job_id":"42","credits":"0.05","auto_approve":"1","status":"cancelled","unit_count":"3","new_field":{"a":1}}})
        )
    );
    let job = client.get_job(42).unwrap();
    assert_eq!(job.extra["new_field"], json!({"a": 1}));
    let e = client.order_jobs(&order()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MultiJob);
    assert_eq!(e.job_errors()["job_1"].len(), 2);
    let e = client.account_me().unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Auth, Some(1000)));
    // Validation happens before anything is sent.
    let before = server.count();
    let e = client.call("order_jobs", &json!({"jobs": {"a": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "gold"}}})).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(server.count(), before);
}

#[test]
fn not_found_is_recognisable_without_reading_messages() {
    let server = Server::start(|r, _| {
        if r.target.contains("/job/1?") {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"code":"404","msg":"Requested Resource Not Found"}}"#,
            )
        } else if r.target.contains("/job/2?") {
            Reply::Send {
                status: 404,
                headers: vec![("Content-Type".into(), "text/html".into())],
                body: b"Requested Resource Not Found".to_vec(),
            }
        } else {
            Reply::json(
                200,
                r#"{"opstat":"error","err":{"code":2100,"msg":"unauthorized job access"}}"#,
            )
        }
    });
    let client = client_for(&server.url(), |b| b);
    let e = client.get_job(1).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(404)));
    assert!(e.is_not_found());
    assert_eq!(e.to_json()["not_found"], json!(true));
    let e = client.get_job(2).unwrap_err();
    assert_eq!((e.kind(), e.http_status()), (ErrorKind::Http, Some(404)));
    assert!(e.is_not_found());
    let e = client.get_job(3).unwrap_err();
    assert!(!e.is_not_found());
    assert_eq!(e.to_json()["not_found"], json!(false));
}

#[test]
fn unreadable_ids_in_nested_lists_normalise_to_null_on_every_path() {
    // The 2012 docs' revisions body, as a server would send it.
    let body = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/translate_job_revisions_get__docs2014.json"),
    )
    .unwrap();
    let server = Server::start(move |_, _| Reply::Send {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.clone().into_bytes(),
    });
    let client = client_for(&server.url(), |b| b);
    let placeholder = serde_json::json!({"ctime": null, "rev_id": null});
    let want = serde_json::json!({"job_id": 42, "revisions": [placeholder, placeholder, placeholder, null]});
    // JSON in and out (the dispatcher), its text (the C ABI) and the typed call.
    assert_eq!(
        client
            .call("job_revisions", &serde_json::json!({"id": 42}))
            .unwrap(),
        want
    );
    let request = gengo_core::binding::prepare(
        "getTranslationJobRevisions",
        gengo_core::binding::JsonText::new(r#"{"id": 42}"#, "params"),
    )
    .unwrap();
    let gengo_core::binding::Reply::Normalized(n) = client
        .send(request, gengo_core::binding::Want::Normalized)
        .unwrap()
    else {
        panic!("a normalised call answers normalised")
    };
    let text = n.to_json_string();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        want
    );
    let typed = client.job_revisions(42).unwrap_or_default();
    assert!(
        typed.is_empty(),
        "the list does not read as revisions: {typed:?}"
    );
}
