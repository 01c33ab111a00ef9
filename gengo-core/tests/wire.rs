//! Byte-exact requests for every operation of the table, with a fixed clock and keys.

use gengo_core::ops::{self, Method, OPERATIONS};
use gengo_core::wire::{self, WireRequest};
use gengo_core::{ApiVersion, Clock, Config, ErrorKind};
use serde_json::{Value, json};

const BASE: &str = "http://127.0.0.1:34107";
const TS: u64 = 1795339147;
const SIG: &str = "e72bc712e5cfa3280d6b54ce741c96862f32567f";
const AUTH: &str =
    "api_key=PUBKEY_abc&ts=1795339147&api_sig=e72bc712e5cfa3280d6b54ce741c96862f32567f";

fn config() -> Config {
    Config::builder()
        .keys("PUBKEY_abc", "PRIVKEY_xyz")
        .base_url(BASE)
        .clock(Clock::fixed(TS))
        .build()
        .unwrap()
}

fn build_with(config: &Config, name: &str, params: Value) -> WireRequest {
    let op = ops::find(name).unwrap_or_else(|| panic!("no op {name}"));
    let mut p = wire::prepare(op, &params).unwrap_or_else(|e| panic!("{name}: {e}"));
    let r = wire::build(config, &p, config.clock().now(), "BOUNDARY").unwrap();
    // The client freezes `data` into its text once; the bytes are the same.
    p.freeze();
    assert!(p.data.is_none());
    let frozen = wire::build(config, &p, config.clock().now(), "BOUNDARY").unwrap();
    assert_eq!(frozen, r, "{name}: a frozen request differs");
    r
}

fn build(name: &str, params: Value) -> WireRequest {
    build_with(&config(), name, params)
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// Checks a form POST/PUT: the auth fields, then `data` exactly as given (compact JSON).
fn assert_form(r: &WireRequest, method: Method, path: &str, data: &str) {
    assert_eq!(r.method, method);
    assert_eq!(r.url, format!("{BASE}/v2/{path}"));
    assert_eq!(
        r.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    let f = form(&r.body);
    let names: Vec<&str> = f.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["api_key", "ts", "api_sig", "data"], "{path}");
    assert_eq!(f[0].1, "PUBKEY_abc");
    assert_eq!(f[1].1, TS.to_string());
    assert_eq!(f[2].1, SIG);
    assert_eq!(f[3].1, data, "{path}");
}

fn assert_get(r: &WireRequest, method: Method, path_and_query: &str) {
    assert_eq!(r.method, method);
    let sep = if path_and_query.contains('?') {
        '&'
    } else {
        '?'
    };
    assert_eq!(r.url, format!("{BASE}/v2/{path_and_query}{sep}{AUTH}"));
    assert!(r.body.is_empty());
    assert_eq!(r.header("Content-Type"), None);
}

#[test]
fn headers_name_the_library_and_ask_for_json() {
    let r = build("account_balance", json!({}));
    assert_eq!(r.header("Accept"), Some("application/json"));
    assert_eq!(
        r.header("User-Agent"),
        Some(concat!("gengo-rs/", env!("CARGO_PKG_VERSION")))
    );
    let c = Config::builder()
        .base_url(BASE)
        .app_name("MyShop/2.3")
        .build()
        .unwrap();
    let r = build_with(&c, "languages", json!({}));
    assert_eq!(
        r.header("User-Agent"),
        Some(concat!(
            "gengo-rs/",
            env!("CARGO_PKG_VERSION"),
            " MyShop/2.3"
        ))
    );
}

#[test]
fn account_and_service_gets() {
    assert_get(
        &build("account_stats", json!({})),
        Method::Get,
        "account/stats",
    );
    assert_get(
        &build("account_balance", json!({})),
        Method::Get,
        "account/balance",
    );
    assert_get(&build("account_me", json!({})), Method::Get, "account/me");
    assert_get(
        &build("preferred_translators", json!({})),
        Method::Get,
        "account/preferred_translators",
    );
    assert_get(
        &build("language_matrix", json!({})),
        Method::Get,
        "translate/service/language_matrix",
    );
    assert_get(
        &build("glossaries", json!({})),
        Method::Get,
        "translate/glossary",
    );
    assert_get(
        &build("get_glossary", json!({"id": 5})),
        Method::Get,
        "translate/glossary/5",
    );
    assert_get(
        &build("download_glossary", json!({"id": "5"})),
        Method::Get,
        "translate/glossary/download/5",
    );
    // Exactly the official client's request line for getAccountBalance (capture A).
    assert_eq!(
        build("getAccountBalance", json!({})).url,
        format!("{BASE}/v2/account/balance?{AUTH}")
    );
}

#[test]
fn unauthenticated_calls_are_not_signed() {
    // With keys: api_key only, no ts/api_sig.
    let r = build("languages", json!({}));
    assert_eq!(
        r.url,
        format!("{BASE}/v2/translate/service/languages?api_key=PUBKEY_abc")
    );
    // Without keys: nothing at all.
    let anon = Config::builder().base_url(BASE).build().unwrap();
    let r = build_with(&anon, "language_pairs", json!({"lc_src": "en"}));
    assert_eq!(
        r.url,
        format!("{BASE}/v2/translate/service/language_pairs?lc_src=en")
    );
    // A signed call without keys fails before sending.
    let op = ops::find("account_balance").unwrap();
    let p = wire::prepare(op, &json!({})).unwrap();
    let e = wire::build(&anon, &p, TS, "B").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.message().contains("GENGO_PRIVATE_KEY"));
}

#[test]
fn query_values_are_encoded_exactly_once() {
    // The official client sends lc_src=a%2520b%2526c%2F%25C3%25A9 (double-encoded).
    let r = build("language_pairs", json!({"lc_src": "a b&c/é"}));
    assert_eq!(
        r.url,
        format!(
            "{BASE}/v2/translate/service/language_pairs?lc_src=a+b%26c%2F%C3%A9&api_key=PUBKEY_abc"
        )
    );
    let r = build(
        "list_jobs",
        json!({"status": "approved", "count": 5, "timestamp_after": 1500000000}),
    );
    assert_get(
        &r,
        Method::Get,
        "translate/jobs?status=approved&count=5&timestamp_after=1500000000",
    );
}

#[test]
fn job_reads() {
    assert_get(
        &build("get_job", json!({"id": 42})),
        Method::Get,
        "translate/job/42",
    );
    assert_get(
        &build("getTranslationJob", json!({"id": "42", "pre_mt": true})),
        Method::Get,
        "translate/job/42?pre_mt=1",
    );
    assert_get(
        &build("job_comments", json!({"id": 11})),
        Method::Get,
        "translate/job/11/comments",
    );
    assert_get(
        &build("job_feedback", json!({"id": 11})),
        Method::Get,
        "translate/job/11/feedback",
    );
    assert_get(
        &build("job_revisions", json!({"id": 11})),
        Method::Get,
        "translate/job/11/revisions",
    );
    assert_get(
        &build("job_revision", json!({"id": 11, "rev_id": 3})),
        Method::Get,
        "translate/job/11/revision/3",
    );
    assert_get(
        &build("get_jobs", json!({"ids": [1, 2, 3]})),
        Method::Get,
        "translate/jobs/1,2,3",
    );
    assert_get(
        &build("getTranslationJobBatch", json!({"id": "1,2,3"})),
        Method::Get,
        "translate/jobs/1,2,3",
    );
    assert_get(
        &build("get_order", json!({"id": 99})),
        Method::Get,
        "translate/order/99",
    );
    assert_get(
        &build("order_comments", json!({"id": 99})),
        Method::Get,
        "translate/order/99/comments",
    );
}

#[test]
fn deletes_carry_credentials_in_the_query() {
    assert_get(
        &build("cancel_job", json!({"id": 42})),
        Method::Delete,
        "translate/job/42",
    );
    assert_get(
        &build("deleteTranslationOrder", json!({"id": 99})),
        Method::Delete,
        "translate/order/99",
    );
}

#[test]
fn job_updates_send_action_and_fields() {
    let r = build(
        "update_job",
        json!({"id": 42, "action": "approve", "rating": 5, "for_translator": "thanks", "public": 1}),
    );
    // Byte for byte (the official capture C, with api_sig before data).
    assert_eq!(
        String::from_utf8(r.body.clone()).unwrap(),
        format!(
            "{AUTH}&data=%7B%22action%22%3A%22approve%22%2C%22rating%22%3A5%2C%22for_translator%22%3A%22thanks%22%2C%22public%22%3A1%7D"
        )
    );
    assert_form(
        &r,
        Method::Put,
        "translate/job/42",
        r#"{"action":"approve","rating":5,"for_translator":"thanks","public":1}"#,
    );
    let r = build(
        "approve_job",
        json!({"id": 42, "rating": "4", "public": true}),
    );
    assert_form(
        &r,
        Method::Put,
        "translate/job/42",
        r#"{"action":"approve","rating":4,"public":1}"#,
    );
    let r = build(
        "revise_job",
        json!({"id": 42, "comment": "Use the formal register"}),
    );
    assert_form(
        &r,
        Method::Put,
        "translate/job/42",
        r#"{"action":"revise","comment":"Use the formal register"}"#,
    );
    let r = build(
        "reject_job",
        json!({"id": 42, "reason": "quality", "comment": "Wrong terms", "follow_up": "cancel"}),
    );
    assert_form(
        &r,
        Method::Put,
        "translate/job/42",
        r#"{"action":"reject","reason":"quality","comment":"Wrong terms","follow_up":"cancel"}"#,
    );
    let r = build("archive_job", json!({"id": 42}));
    assert_form(
        &r,
        Method::Put,
        "translate/job/42",
        r#"{"action":"archive"}"#,
    );
}

#[test]
fn bulk_updates() {
    let r = build(
        "updateTranslationJobs",
        json!({"action": "archive", "job_ids": [4020, "1082"]}),
    );
    assert_form(
        &r,
        Method::Put,
        "translate/jobs",
        r#"{"action":"archive","job_ids":[4020,1082]}"#,
    );
    let r = build(
        "update_jobs",
        json!({"action": "revise", "job_ids": [{"job_id": 556, "comment": "banana -> gorilla"}]}),
    );
    assert_form(
        &r,
        Method::Put,
        "translate/jobs",
        r#"{"action":"revise","job_ids":[{"job_id":556,"comment":"banana -> gorilla"}]}"#,
    );
    let r = build(
        "update_jobs",
        json!({"action": "revise", "job_ids": [1, 2], "comment": "same for all"}),
    );
    assert_form(
        &r,
        Method::Put,
        "translate/jobs",
        r#"{"action":"revise","job_ids":[1,2],"comment":"same for all"}"#,
    );
}

#[test]
fn comments() {
    let r = build("post_job_comment", json!({"id": 42, "body": "hi & 日本"}));
    assert_form(
        &r,
        Method::Post,
        "translate/job/42/comment",
        r#"{"body":"hi & 日本"}"#,
    );
    let r = build(
        "postTranslationJobComment",
        json!({"id": 42, "body": "see", "url_attachments": [{"url": "https://x.test/a.png", "filename": "a.png", "mime_type": "image/png"}]}),
    );
    assert_form(
        &r,
        Method::Post,
        "translate/job/42/comment",
        r#"{"body":"see","attachments":[{"url":"https://x.test/a.png","filename":"a.png","mime_type":"image/png"}]}"#,
    );
    let r = build(
        "post_order_comment",
        json!({"id": 99, "body": "order note"}),
    );
    assert_form(
        &r,
        Method::Post,
        "translate/order/99/comment",
        r#"{"body":"order note"}"#,
    );
}

#[test]
fn ordering_passes_every_field_through() {
    let params = json!({
        "jobs": {
            "job_1": {"type": "text", "slug": "s1", "body_src": "Hello & goodbye", "lc_src": "en", "lc_tgt": "ja", "tier": "standard",
                      "custom_data": "cd1", "glossary_id": 7, "position": 1, "force": 1, "comment": "c", "use_preferred": 0,
                      "max_chars": 40, "services": ["translation", "edit"], "callback_url": "https://cb.test/x", "auto_approve": true,
                      "purpose": "Business", "tone": "Formal", "identifier_hint": "kept"},
            "job_2": {"type": "file", "identifier": "abc123", "lc_src": "ja", "lc_tgt": "en", "tier": "pro"}
        },
        "as_group": 1, "comment": "order comment", "process": 1, "tone": "formal", "purpose": "Online content",
        "reference_id": 1234, "attachments": [{"url": "http://x.test/i.jpg", "filename": "i.jpg", "mime_type": "image/jpg"}]
    });
    let r = build("postTranslationJobs", params);
    assert_form(
        &r,
        Method::Post,
        "translate/jobs",
        concat!(
            r#"{"jobs":{"job_1":{"type":"text","slug":"s1","body_src":"Hello & goodbye","lc_src":"en","lc_tgt":"ja","tier":"standard","#,
            r#""custom_data":"cd1","glossary_id":7,"position":1,"force":1,"comment":"c","use_preferred":0,"max_chars":40,"#,
            r#""services":["translation","edit"],"callback_url":"https://cb.test/x","auto_approve":1,"purpose":"Business","tone":"Formal","identifier_hint":"kept"},"#,
            r#""job_2":{"type":"file","identifier":"abc123","lc_src":"ja","lc_tgt":"en","tier":"pro"}},"#,
            r#""as_group":1,"comment":"order comment","process":1,"tone":"formal","purpose":"Online content","reference_id":1234,"#,
            r#""attachments":[{"url":"http://x.test/i.jpg","filename":"i.jpg","mime_type":"image/jpg"}]}"#
        ),
    );
    // as_group is sent only when the caller sets it (D4).
    let r = build(
        "order_jobs",
        json!({"jobs": {"a": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "pro"}}}),
    );
    assert_form(
        &r,
        Method::Post,
        "translate/jobs",
        r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"pro"}}}"#,
    );
}

#[test]
fn text_quote_is_a_form() {
    let r = build(
        "quote",
        json!({"jobs": {"key 1": {"type": "text", "body_src": "plop!", "lc_src": "en", "lc_tgt": "es", "tier": "standard"}}}),
    );
    assert_form(
        &r,
        Method::Post,
        "translate/service/quote",
        r#"{"jobs":{"key 1":{"type":"text","body_src":"plop!","lc_src":"en","lc_tgt":"es","tier":"standard"}}}"#,
    );
}

#[test]
fn file_quote_is_multipart_with_base_names_only() {
    let dir = std::env::temp_dir().join(format!("gengo-wire-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc \"1\".txt");
    std::fs::write(&path, b"Hello file").unwrap();
    let r = build(
        "determineTranslationCost",
        json!({"jobs": {"job_1": {"type": "file", "file_path": path.to_str().unwrap(), "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}}),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.url, format!("{BASE}/v2/translate/service/quote"));
    assert_eq!(
        r.header("Content-Type"),
        Some("multipart/form-data; boundary=BOUNDARY")
    );
    let expected = concat!(
        "--BOUNDARY\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nPUBKEY_abc\r\n",
        "--BOUNDARY\r\nContent-Disposition: form-data; name=\"ts\"\r\n\r\n1795339147\r\n",
        "--BOUNDARY\r\nContent-Disposition: form-data; name=\"api_sig\"\r\n\r\ne72bc712e5cfa3280d6b54ce741c96862f32567f\r\n",
        "--BOUNDARY\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n",
        r#"{"jobs":{"job_1":{"type":"file","lc_src":"en","lc_tgt":"ja","tier":"standard","file_key":"file_job_1"}}}"#,
        "\r\n",
        "--BOUNDARY\r\nContent-Disposition: form-data; name=\"file_job_1\"; filename=\"doc %221%22.txt\"\r\nContent-Type: text/plain\r\n\r\nHello file\r\n",
        "--BOUNDARY--\r\n"
    );
    assert_eq!(String::from_utf8(r.body).unwrap(), expected);
}

#[test]
fn comment_files_are_multipart_parts_named_file_attachments() {
    let dir = std::env::temp_dir().join(format!("gengo-wire-c-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shot.png");
    std::fs::write(&path, [0x89u8, b'P', b'N', b'G', 0, 255]).unwrap();
    let r = build(
        "post_job_comment",
        json!({"id": 42, "body": "see file", "files": [path.to_str().unwrap()]}),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    let body = r.body.clone();
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains("name=\"data\"\r\n\r\n{\"body\":\"see file\"}\r\n"),
        "{text}"
    );
    assert!(text.contains(
        "name=\"file_attachments\"; filename=\"shot.png\"\r\nContent-Type: image/png\r\n\r\n"
    ));
    assert!(
        body.windows(6)
            .any(|w| w == [0x89u8, b'P', b'N', b'G', 0, 255]),
        "binary bytes intact"
    );
    assert!(
        !text.contains(dir.to_str().unwrap()),
        "the local path must not leak"
    );
}

#[test]
fn method_override_sends_post_with_method_field() {
    let c = Config::builder()
        .keys("PUBKEY_abc", "PRIVKEY_xyz")
        .base_url(BASE)
        .clock(Clock::fixed(TS))
        .method_override(true)
        .build()
        .unwrap();
    let r = build_with(&c, "approve_job", json!({"id": 1}));
    assert_eq!(r.method, Method::Post);
    let f = form(&r.body);
    assert_eq!(f[3], ("_method".into(), "put".into()));
    assert_eq!(f[4], ("data".into(), r#"{"action":"approve"}"#.into()));
    let r = build_with(&c, "cancel_job", json!({"id": 1}));
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.url, format!("{BASE}/v2/translate/job/1"));
    assert_eq!(
        String::from_utf8(r.body).unwrap(),
        format!("{AUTH}&_method=delete")
    );
    // GET is never overridden.
    assert_eq!(
        build_with(&c, "get_job", json!({"id": 1})).method,
        Method::Get
    );
}

#[test]
fn versions_and_legacy_operations() {
    let c = Config::builder()
        .keys("PUBKEY_abc", "PRIVKEY_xyz")
        .base_url(BASE)
        .clock(Clock::fixed(TS))
        .api_version(ApiVersion::V1_1)
        .build()
        .unwrap();
    assert_eq!(
        build_with(&c, "get_job", json!({"id": 1})).url,
        format!("{BASE}/v1.1/translate/job/1?{AUTH}")
    );
    // Legacy operations always go to /v1.1/.
    assert_eq!(
        build("job_group", json!({"group_id": 9})).url,
        format!("{BASE}/v1.1/translate/jobs/group/9?{AUTH}")
    );
    assert_eq!(
        build("job_preview", json!({"id": 9})).url,
        format!("{BASE}/v1.1/translate/job/9/preview?{AUTH}")
    );
    assert_eq!(
        build("cancel_jobs", json!({"job_ids": [1, 2]})).url,
        format!("{BASE}/v1.1/translate/jobs?job_ids=1%2C2&{AUTH}")
    );
    let r = build(
        "post_job",
        json!({"job": {"body_src": "Hi", "lc_src": "en", "lc_tgt": "ja", "tier": "machine"}}),
    );
    assert_eq!(r.url, format!("{BASE}/v1.1/translate/job"));
    assert_eq!(
        form(&r.body)[3].1,
        r#"{"job":{"body_src":"Hi","lc_src":"en","lc_tgt":"ja","tier":"machine"}}"#
    );
    // The official client's api_url form with {version}.
    let c = Config::builder()
        .keys("PUBKEY_abc", "PRIVKEY_xyz")
        .base_url("http://127.0.0.1:34107/{version}")
        .clock(Clock::fixed(TS))
        .build()
        .unwrap();
    assert_eq!(
        build_with(&c, "account_me", json!({})).url,
        format!("{BASE}/v2/account/me?{AUTH}")
    );
}

#[test]
fn every_operation_builds_and_every_alias_resolves() {
    let samples = json!({
        "id": 1, "rev_id": 2, "ids": [1, 2], "group_id": 3, "job_ids": [1],
        "action": "archive", "comment": "c", "reason": "quality", "body": "b",
        "jobs": {"a": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}},
        "job": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}
    });
    let mut names = std::collections::HashSet::new();
    for op in OPERATIONS {
        assert!(names.insert(op.name), "{} twice", op.name);
        if let Some(a) = op.alias {
            assert!(names.insert(a), "alias {a} twice");
            assert_eq!(ops::find(a).unwrap().name, op.name);
        }
        let mut params = serde_json::Map::new();
        for p in op.params.iter().filter(|p| p.required) {
            params.insert(p.name.into(), samples[p.name].clone());
        }
        let r = build(op.name, Value::Object(params));
        assert!(r.url.starts_with(BASE), "{}", op.name);
        assert!(
            !r.url.contains('{') && !r.url.contains("no_argument"),
            "{}: {}",
            op.name,
            r.url
        );
        if op.signed {
            let text = if r.body.is_empty() {
                r.url.clone()
            } else {
                String::from_utf8_lossy(&r.body).into_owned()
            };
            assert!(text.contains(SIG), "{} unsigned", op.name);
        }
    }
    assert!(OPERATIONS.len() >= 35);
    let described = ops::describe_all();
    assert_eq!(described.as_array().unwrap().len(), OPERATIONS.len());
}

#[test]
fn missing_or_placeholder_ids_never_reach_a_path() {
    for (name, params, field) in [
        ("get_job", json!({}), "id"),
        ("get_job", json!({"id": "no_argument_specified"}), "id"),
        ("get_job", json!({"id": 0}), "id"),
        ("get_job", json!({"id": "../account/balance"}), "id"),
        ("get_job", json!({"id": true}), "id"),
        ("job_revision", json!({"id": 1}), "rev_id"),
        ("get_jobs", json!({"ids": []}), "ids"),
        ("get_jobs", json!({"ids": "1,x"}), "ids"),
    ] {
        let e = wire::prepare(ops::find(name).unwrap(), &params).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation, "{name} {params}");
        assert_eq!(e.field(), Some(field), "{name} {params}: {e}");
    }
    let e = wire::prepare(ops::find("get_job").unwrap(), &json!([1])).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(ops::lookup("getNothing").is_err());
}

#[test]
fn redacted_urls_hide_the_signature() {
    let r = build("account_balance", json!({}));
    let red = r.redacted_url();
    assert!(!red.contains(SIG));
    assert!(red.contains("api_sig=<redacted>"));
}

#[test]
fn reference_id_goes_out_as_given() {
    // Decision D18: the client passes it through; the server judges it.
    let r = build(
        "order_jobs",
        json!({"jobs": {"job_1": {"body_src": "Hi", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}, "reference_id": "gengo"}),
    );
    let data = &form(&r.body)[3].1;
    assert!(data.ends_with(r#""reference_id":"gengo"}"#), "{data}");
}

#[test]
fn a_bearer_token_replaces_the_signature() {
    let c = Config::builder()
        .keys("PUBKEY_abc", "PRIVKEY_xyz")
        .access_token("tok_123456")
        .base_url(BASE)
        .clock(Clock::fixed(TS))
        .build()
        .unwrap();
    let r = build_with(&c, "get_job", json!({"id": 7}));
    assert_eq!(r.url, format!("{BASE}/v2/translate/job/7"));
    assert_eq!(r.header("Authorization"), Some("Bearer tok_123456"));
    let r = build_with(&c, "archive_job", json!({"id": 7}));
    let names: Vec<String> = form(&r.body).into_iter().map(|(k, _)| k).collect();
    assert_eq!(names, ["data"]);
    assert_eq!(r.header("Authorization"), Some("Bearer tok_123456"));
    // Never shown.
    for text in [format!("{c:?}"), format!("{r:?}")] {
        assert!(!text.contains("tok_123456"), "{text}");
    }
    // Without a token: the signed parameters and no Authorization header.
    let r = build("get_job", json!({"id": 7}));
    assert_eq!(r.header("Authorization"), None);
    assert!(!format!("{r:?}").contains(SIG));
}

/// The request of a typed order the usual way: the whole order as one tree, validated,
/// frozen and built.
fn order_through_tree(
    order: &gengo_core::requests::OrderRequest,
) -> gengo_core::Result<WireRequest> {
    let config = config();
    let mut p = wire::prepare_owned(&ops::ORDER_JOBS, serde_json::to_value(order).unwrap())?;
    p.freeze();
    wire::build(&config, &p, TS, "BOUNDARY")
}

/// `order_jobs` of a typed order goes without a whole-order tree when it can
/// (`wire::prepare_order`): the same bytes as the tree path, for every kind of field; and
/// it declines every order the tree path refuses (which then gives the error) or that only
/// the tree path sends exactly.
#[test]
fn typed_orders_stream_the_same_bytes_as_the_tree() {
    use gengo_core::models::Tier;
    use gengo_core::requests::{Attachment, NewJob, OrderRequest};

    let config = config();
    let streamed = |o: &OrderRequest| {
        wire::prepare_order(o).map(|p| {
            assert!(p.data.is_none(), "no tree is kept");
            wire::build(&config, &p, TS, "BOUNDARY").unwrap()
        })
    };
    let plain = OrderRequest::new((0..50).map(|i| {
        (
            format!("job_{i}"),
            NewJob::text(
                format!("Text {i} \"quoted\" ünïcödé 日本語 & more"),
                "en",
                "ja",
                Tier::Standard,
            ),
        )
    }));
    let mut rich = OrderRequest::new([
        (
            "a".to_string(),
            NewJob::text("One", "en", "ja", Tier::Pro)
                .slug("slug")
                .custom_data("{\"row\": 1}")
                .comment("for the translator")
                .callback_url("https://example.com/cb")
                .auto_approve(true),
        ),
        (
            "b".to_string(),
            NewJob::text("Two", "en", "fr", Tier::Machine),
        ),
    ]);
    rich.as_group = Some(true);
    rich.comment = Some("whole order".into());
    rich.attachments = vec![Attachment::new(
        "https://example.com/a.png",
        "a.png",
        "image/png",
    )];
    rich.tone = Some("friendly".into());
    rich.purpose = Some("web".into());
    rich.reference_id = Some(7);
    rich.extra.insert("process".into(), json!("1"));
    rich.extra
        .insert("zz_undocumented".into(), json!({"kept": [1, 2]}));
    rich.jobs[1].1.force = Some(false);
    rich.jobs[1].1.max_chars = Some(40);
    rich.jobs[1]
        .1
        .extra
        .insert("use_preferred".into(), json!("true"));
    rich.jobs[1].1.services = Some(vec!["translation".into(), "edit".into()]);
    // An extra field named like a field (the serialisation repeats the key: the tree keeps
    // its first place and last value) and the official clients' `url_attachments` (renamed
    // by the rules, moving last).
    rich.jobs[0]
        .1
        .extra
        .insert("slug".into(), json!("the extra's slug"));
    rich.jobs[1].1.extra.insert(
        "url_attachments".into(),
        json!([{"url": "https://example.com/b.png", "filename": "b.png", "mime_type": "image/png"}]),
    );
    for order in [&plain, &rich] {
        let s = streamed(order).expect("a valid order streams");
        assert_eq!(s, order_through_tree(order).unwrap());
    }
    // The flags the tree path normalises ("1", "true") are normalised the same way.
    let body = String::from_utf8(streamed(&rich).unwrap().body).unwrap();
    let data: Value = serde_json::from_str(&form(body.as_bytes()).last().unwrap().1).unwrap();
    assert_eq!(data["process"], json!(1));
    assert_eq!(data["jobs"]["b"]["use_preferred"], json!(1));
    assert_eq!(data["jobs"]["a"]["auto_approve"], json!(1));
    assert_eq!(data["jobs"]["a"]["slug"], json!("the extra's slug"));
    let b: Vec<&String> = data["jobs"]["b"].as_object().unwrap().keys().collect();
    assert_eq!(b.last().map(|k| k.as_str()), Some("attachments"));

    // Declined, and what the tree path does with each.
    let mut empty = plain.clone();
    empty.jobs.clear();
    let mut repeated = plain.clone();
    repeated.jobs[1].0 = "job_0".into();
    let mut bad_job = plain.clone();
    bad_job.jobs[3].1.body_src = Some("   ".into());
    let mut bad_flag = plain.clone();
    bad_flag.extra.insert("process".into(), json!("maybe"));
    let mut reserved = plain.clone();
    reserved.extra.insert("api_key".into(), json!("x"));
    let mut jobs_extra = plain.clone();
    jobs_extra.extra.insert("jobs".into(), json!({}));
    for (what, o) in [
        ("no jobs", &empty),
        ("a bad job", &bad_job),
        ("a bad flag", &bad_flag),
        ("a reserved name", &reserved),
    ] {
        assert!(streamed(o).is_none(), "{what}");
        let e = order_through_tree(o).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation, "{what}: {e}");
    }
    // A repeated key or an extra `jobs` field: the tree keeps the last value, so the tree
    // path sends it.
    assert!(streamed(&repeated).is_none());
    assert!(streamed(&jobs_extra).is_none());
    assert!(order_through_tree(&repeated).is_ok());
}

/// The C ABI's order params, as JSON text, stream into the same request as the tree path
/// (`wire::prepare_order_json`), and every text the stream cannot say exactly declines.
#[test]
fn order_json_streams_the_same_bytes_as_the_tree() {
    let config = config();
    let streamed = |text: &str| {
        wire::prepare_order_json(text).map(|p| {
            assert!(p.data.is_none() && p.data_json.is_none());
            wire::build(&config, &p, TS, "BOUNDARY").unwrap()
        })
    };
    let tree = |text: &str| {
        let v: Value = serde_json::from_str(text).unwrap();
        let mut p = wire::prepare(&ops::ORDER_JOBS, &v)?;
        p.freeze();
        wire::build(&config, &p, TS, "BOUNDARY")
    };
    let many: String = (0..40)
        .map(|i| format!(r#""k{i}":{{"type":"text","body_src":"Text {i} \"q\" \u00fc 日本","lc_src":"en","lc_tgt":"ja","tier":"standard","auto_approve":"1","custom_data":"{{\"i\":{i}}}"}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let same = [
        format!(r#"{{"jobs":{{{many}}}}}"#),
        format!(r#"{{"jobs":{{{many}}},"as_group":"true","comment":"c","zz":{{"a":[1,2.5,null]}},"reference_id":7}}"#),
        r#"{ "jobs" : { "a\u0062" : {"body_src":"x","lc_src":"en","lc_tgt":"fr","tier":"pro","force":0,"x":{"y":1,"y":2}} } , "comment" : null }"#.to_string(),
        r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard","attachments":[{"url":"https://e.com/a.png","filename":"a.png","mime_type":"image/png"}]}},"attachments":[{"url":"https://e.com/b.png","filename":"b.png","mime_type":"image/png"}]}"#.to_string(),
    ];
    for text in &same {
        let s = streamed(text).unwrap_or_else(|| panic!("declined: {text}"));
        assert_eq!(s, tree(text).unwrap(), "{text}");
    }
    // Declined: the tree path either refuses (and says why) or sends what only it can.
    let declined = [
        r#"{"comment":"first","jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"}}}"#,
        r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"},"a":{"body_src":"y","lc_src":"en","lc_tgt":"ja","tier":"standard"}}}"#,
        r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"}},"comment":"a","comment":"b"}"#,
        r#"{"jobs":[{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"}]}"#,
        r#"{"jobs":{}}"#,
        r#"{"jobs":{"a":"not a job"}}"#,
        r#"{"jobs":{"a":{"body_src":"","lc_src":"en","lc_tgt":"ja","tier":"standard"}}}"#,
        r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"}},"as_group":"maybe"}"#,
        r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"}},"api_key":"x"}"#,
        r#"{"jobs":{"a":{"body_src":"x","lc_src":"en","lc_tgt":"ja","tier":"standard"}}} trailing"#,
        r#"[1]"#,
    ];
    for text in declined {
        assert!(streamed(text).is_none(), "{text}");
    }
}
