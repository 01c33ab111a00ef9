//! Reads: headers, gets, unsigned calls, query encoding, deletes, versions and legacy operations.

use super::*;

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
