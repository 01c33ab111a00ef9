//! Writes: job updates, bulk updates, comments, orders, quotes, multipart files and the method override.

use super::*;

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
