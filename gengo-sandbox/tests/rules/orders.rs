//! Order rules: every job and code named, data and order-level rules, job states, concurrent orders.

use super::*;

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
