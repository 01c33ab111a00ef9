//! The whole table: every operation builds, every alias resolves, a bearer token replaces the signature.

use super::*;

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
