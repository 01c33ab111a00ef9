//! Streamed orders (typed and JSON text) are byte for byte the tree's.

use super::*;

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
