//! Validation before any request: each rule rejects locally, naming the field.

use gengo_core::{ErrorKind, ops, wire};
use serde_json::{Value, json};

fn job(extra: Value) -> Value {
    let mut j = json!({"type": "text", "body_src": "Hello world", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"});
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            j.as_object_mut().unwrap().remove(k);
        } else {
            j[k] = v.clone();
        }
    }
    j
}

fn order(extra_job: Value) -> Value {
    json!({"jobs": {"job_1": job(extra_job)}})
}

fn rejects(name: &str, params: Value, field: &str) {
    let e = wire::prepare(ops::find(name).unwrap(), &params)
        .err()
        .unwrap_or_else(|| panic!("{name} accepted {params}"));
    assert_eq!(e.kind(), ErrorKind::Validation, "{name} {params}: {e}");
    assert_eq!(e.field(), Some(field), "{name} {params}: {e}");
    assert!(e.message().starts_with(field), "{}", e.message());
}

fn accepts(name: &str, params: Value) {
    if let Err(e) = wire::prepare(ops::find(name).unwrap(), &params) {
        panic!("{name} rejected {params}: {e}");
    }
}

#[test]
fn order_required_fields_and_tiers() {
    rejects("order_jobs", json!({}), "jobs");
    rejects("order_jobs", json!({"jobs": {}}), "jobs");
    rejects("order_jobs", json!({"jobs": "x"}), "jobs");
    rejects("order_jobs", json!({"jobs": {"job_1": 5}}), "jobs.job_1");
    rejects(
        "order_jobs",
        order(json!({"body_src": null})),
        "jobs.job_1.body_src",
    );
    rejects(
        "order_jobs",
        order(json!({"body_src": "  "})),
        "jobs.job_1.body_src",
    );
    rejects(
        "order_jobs",
        order(json!({"lc_src": null})),
        "jobs.job_1.lc_src",
    );
    rejects(
        "order_jobs",
        order(json!({"lc_tgt": ""})),
        "jobs.job_1.lc_tgt",
    );
    rejects(
        "order_jobs",
        order(json!({"tier": null})),
        "jobs.job_1.tier",
    );
    rejects(
        "order_jobs",
        order(json!({"tier": "gold"})),
        "jobs.job_1.tier",
    );
    rejects(
        "order_jobs",
        order(json!({"type": "video"})),
        "jobs.job_1.type",
    );
    rejects(
        "order_jobs",
        order(json!({"type": "file", "body_src": null})),
        "jobs.job_1.identifier",
    );
    accepts("order_jobs", order(json!({"tier": "pro"})));
    accepts("order_jobs", order(json!({"tier": "machine"})));
    accepts("order_jobs", json!({"jobs": [job(json!({}))]}));
    rejects(
        "order_jobs",
        json!({"jobs": [job(json!({"tier": "x"}))]}),
        "jobs.0.tier",
    );
}

#[test]
fn order_limits() {
    rejects(
        "order_jobs",
        order(json!({"custom_data": "x".repeat(1025)})),
        "jobs.job_1.custom_data",
    );
    accepts(
        "order_jobs",
        order(json!({"custom_data": "x".repeat(1024)})),
    );
    // 1 KB is bytes: 342 three-byte characters are 1026 bytes.
    rejects(
        "order_jobs",
        order(json!({"custom_data": "日".repeat(342)})),
        "jobs.job_1.custom_data",
    );
    rejects(
        "order_jobs",
        order(json!({"custom_data": 5})),
        "jobs.job_1.custom_data",
    );
    rejects(
        "order_jobs",
        order(json!({"max_chars": 0})),
        "jobs.job_1.max_chars",
    );
    rejects(
        "order_jobs",
        order(json!({"max_chars": "many"})),
        "jobs.job_1.max_chars",
    );
    accepts("order_jobs", order(json!({"max_chars": "40"})));
    rejects(
        "order_jobs",
        order(json!({"tier": "machine", "body_src": "a".repeat(2001)})),
        "jobs.job_1.body_src",
    );
    accepts(
        "order_jobs",
        order(json!({"tier": "machine", "body_src": "a".repeat(2000)})),
    );
    accepts(
        "order_jobs",
        order(json!({"tier": "standard", "body_src": "a ".repeat(3000)})),
    );
    rejects(
        "order_jobs",
        order(json!({"body_src": "Keep [[[Brand name as is"})),
        "jobs.job_1.body_src",
    );
    accepts(
        "order_jobs",
        order(json!({"body_src": "Keep [[[Brand]]] as is"})),
    );
    rejects(
        "order_jobs",
        order(json!({"comment": ""})),
        "jobs.job_1.comment",
    );
    rejects(
        "order_jobs",
        order(json!({"comment": "c".repeat(25_001)})),
        "jobs.job_1.comment",
    );
    rejects(
        "order_jobs",
        order(json!({"callback_url": "ftp://x"})),
        "jobs.job_1.callback_url",
    );
    rejects(
        "order_jobs",
        order(json!({"auto_approve": 2})),
        "jobs.job_1.auto_approve",
    );
    rejects(
        "order_jobs",
        order(json!({"force": "yes"})),
        "jobs.job_1.force",
    );
    rejects(
        "order_jobs",
        order(json!({"services": ["review"]})),
        "jobs.job_1.services",
    );
    rejects(
        "order_jobs",
        json!({"jobs": {"a": job(json!({}))}, "as_group": 3}),
        "as_group",
    );
    // Decision D18: reference_id is passed through; the server answers a bad one.
    accepts(
        "order_jobs",
        json!({"jobs": {"a": job(json!({}))}, "reference_id": -1}),
    );
    accepts(
        "order_jobs",
        json!({"jobs": {"a": job(json!({}))}, "reference_id": "gengo"}),
    );
    accepts(
        "order_jobs",
        json!({"jobs": {"a": job(json!({}))}, "reference_id": "1234"}),
    );
    rejects(
        "order_jobs",
        json!({"jobs": {"a": job(json!({}))}, "comment": "c".repeat(25_001)}),
        "comment",
    );
}

#[test]
fn attachments_need_http_urls_names_and_types() {
    let a = |v: Value| order(json!({"attachments": [v]}));
    rejects(
        "order_jobs",
        a(json!({"url": "file:///etc/passwd", "filename": "p", "mime_type": "text/plain"})),
        "jobs.job_1.attachments[0].url",
    );
    rejects(
        "order_jobs",
        a(json!({"url": "https://x.test/a.png", "filename": "", "mime_type": "image/png"})),
        "jobs.job_1.attachments[0].filename",
    );
    rejects(
        "order_jobs",
        a(json!({"url": "https://x.test/a.png", "filename": "a.png"})),
        "jobs.job_1.attachments[0].mime_type",
    );
    rejects(
        "order_jobs",
        order(json!({"attachments": "https://x"})),
        "jobs.job_1.attachments",
    );
    accepts(
        "order_jobs",
        a(json!({"url": "https://x.test/a.png", "filename": "a.png", "mime_type": "image/png"})),
    );
    rejects(
        "order_jobs",
        json!({"jobs": {"a": job(json!({}))}, "attachments": [{"url": "x"}]}),
        "attachments[0].url",
    );
    rejects(
        "post_job_comment",
        json!({"id": 1, "body": "b", "url_attachments": [{"url": "https://x.test/a", "filename": "a"}]}),
        "attachments[0].mime_type",
    );
}

#[test]
fn job_actions() {
    rejects("update_job", json!({"id": 1}), "action");
    rejects(
        "update_job",
        json!({"id": 1, "action": "destroy"}),
        "action",
    );
    for r in [json!(0), json!(6), json!(4.5)] {
        rejects("approve_job", json!({"id": 1, "rating": r}), "rating");
    }
    rejects("approve_job", json!({"id": 1, "rating": "five"}), "rating");
    accepts("approve_job", json!({"id": 1, "rating": 1}));
    accepts("approve_job", json!({"id": 1, "rating": "5"}));
    rejects("approve_job", json!({"id": 1, "public": 2}), "public");
    rejects("revise_job", json!({"id": 1}), "comment");
    rejects("revise_job", json!({"id": 1, "comment": " "}), "comment");
    rejects(
        "update_job",
        json!({"id": 1, "action": "revise"}),
        "comment",
    );
    rejects("reject_job", json!({"id": 1, "comment": "bad"}), "reason");
    rejects(
        "reject_job",
        json!({"id": 1, "reason": "ugly", "comment": "bad"}),
        "reason",
    );
    rejects(
        "reject_job",
        json!({"id": 1, "reason": "quality"}),
        "comment",
    );
    rejects(
        "reject_job",
        json!({"id": 1, "reason": "quality", "comment": "bad", "follow_up": "later"}),
        "follow_up",
    );
    accepts(
        "reject_job",
        json!({"id": 1, "reason": "incomplete", "comment": "bad", "follow_up": "requeue"}),
    );
    accepts("archive_job", json!({"id": 1}));
}

#[test]
fn bulk_actions() {
    rejects("update_jobs", json!({"action": "approve"}), "job_ids");
    rejects(
        "update_jobs",
        json!({"action": "approve", "job_ids": []}),
        "job_ids",
    );
    rejects(
        "update_jobs",
        json!({"action": "approve", "job_ids": [0]}),
        "job_ids[0]",
    );
    rejects(
        "update_jobs",
        json!({"action": "approve", "job_ids": [{"rating": 5}]}),
        "job_ids[0].job_id",
    );
    rejects(
        "update_jobs",
        json!({"action": "approve", "job_ids": [{"job_id": 1, "rating": 9}]}),
        "job_ids[0].rating",
    );
    rejects(
        "update_jobs",
        json!({"action": "revise", "job_ids": [1]}),
        "job_ids[0]",
    );
    rejects(
        "update_jobs",
        json!({"action": "reject", "job_ids": [{"job_id": 1, "reason": "x", "comment": "c"}]}),
        "job_ids[0].reason",
    );
    rejects(
        "update_jobs",
        json!({"action": "nuke", "job_ids": [1]}),
        "action",
    );
    accepts(
        "update_jobs",
        json!({"action": "revise", "job_ids": [1], "comment": "for all"}),
    );
    accepts(
        "update_jobs",
        json!({"action": "reject", "job_ids": [{"job_id": 630, "reason": "quality", "comment": "c"}]}),
    );
}

#[test]
fn comments_and_lists() {
    rejects("post_job_comment", json!({"id": 1}), "body");
    rejects("post_job_comment", json!({"id": 1, "body": ""}), "body");
    rejects(
        "post_job_comment",
        json!({"id": 1, "body": "c".repeat(25_001)}),
        "body",
    );
    accepts(
        "post_job_comment",
        json!({"id": 1, "body": "c".repeat(25_000)}),
    );
    rejects("post_order_comment", json!({"id": 1, "body": 5}), "body");
    rejects(
        "post_job_comment",
        json!({"id": 1, "body": "b", "files": "x"}),
        "files",
    );
    for c in [json!(0), json!(201), json!("lots")] {
        rejects("list_jobs", json!({"count": c}), "count");
    }
    accepts("list_jobs", json!({"count": 200}));
    rejects("list_jobs", json!({"status": "finished"}), "status");
    accepts("list_jobs", json!({"status": "cancelled"}));
    rejects(
        "list_jobs",
        json!({"timestamp_after": -5}),
        "timestamp_after",
    );
}

#[test]
fn quotes() {
    rejects("quote", json!({}), "jobs");
    rejects(
        "quote",
        json!({"jobs": {"a": {"type": "file", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}}),
        "jobs.a.file_path",
    );
    let mut many = serde_json::Map::new();
    for i in 0..51 {
        many.insert(format!("f{i}"), json!({"type": "file", "file_path": "/nonexistent", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}));
    }
    rejects("quote", json!({"jobs": many}), "jobs");
    // A missing file is an io error naming the path, before anything is sent.
    let e = wire::prepare(ops::find("quote").unwrap(), &json!({"jobs": {"a": {"type": "file", "file_path": "/nonexistent/x.doc", "lc_src": "en", "lc_tgt": "ja", "tier": "pro"}}})).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.message().contains("/nonexistent/x.doc"));
}

#[test]
fn reserved_names_are_never_taken_from_params() {
    // A caller's api_sig, api_key, ts or _method would go out ahead of the real ones.
    for name in ["api_key", "api_sig", "ts", "_method"] {
        let mut p = json!({"id": 1});
        p[name] = json!("forged");
        rejects("get_job", p.clone(), name);
        let mut p = order(json!({}));
        p[name] = json!("0");
        rejects("order_jobs", p, name);
    }
}

#[test]
fn quote_file_keys_must_be_part_names_that_name_a_file() {
    let dir = std::env::temp_dir().join(format!("gengo-filekey-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("a.txt");
    std::fs::write(&f, "hello").unwrap();
    let path = f.to_str().unwrap();
    let file_job = |extra: Value| {
        let mut j = json!({"type": "file", "file_path": path, "lc_src": "en", "lc_tgt": "ja", "tier": "standard"});
        for (k, v) in extra.as_object().unwrap() {
            j[k] = v.clone();
        }
        j
    };
    for bad in ["a b", "x/../y", "é", "", "key\r\n"] {
        rejects(
            "quote",
            json!({"jobs": {"a": file_job(json!({"file_key": bad}))}}),
            "jobs.a.file_key",
        );
    }
    accepts(
        "quote",
        json!({"jobs": {"a": file_job(json!({"file_key": "My_File-1"}))}}),
    );
    // A job key that cannot make a default part name needs an explicit file_key.
    rejects(
        "quote",
        json!({"jobs": {"job one": file_job(json!({}))}}),
        "jobs.job one.file_key",
    );
    // A file job that names no uploaded file is refused; one that shares another
    // job's upload is fine.
    rejects(
        "quote",
        json!({"jobs": {"a": {"type": "file", "file_key": "nothing", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}}),
        "jobs.a.file_key",
    );
    let p = wire::prepare(
        ops::find("quote").unwrap(),
        &json!({"jobs": {
            "a": file_job(json!({"file_key": "shared"})),
            "b": {"type": "file", "file_key": "shared", "lc_src": "en", "lc_tgt": "fr", "tier": "standard"},
        }}),
    )
    .unwrap();
    assert_eq!(p.files.len(), 1);
    assert_eq!(p.files[0].field, "shared");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn official_parameter_names_are_renamed_by_the_table() {
    let dir = std::env::temp_dir().join(format!("gengo-renames-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("note.txt");
    std::fs::write(&f, "see").unwrap();
    // The official Python client's `file_attachments` is our `files`.
    let p = wire::prepare(
        ops::find("postTranslationJobComment").unwrap(),
        &json!({"id": 1, "body": "x", "file_attachments": [f.to_str().unwrap()]}),
    )
    .unwrap();
    assert_eq!(p.files.len(), 1);
    assert_eq!(p.files[0].filename, "note.txt");
    assert!(!p.data.as_ref().unwrap().contains_key("file_attachments"));
    // `revision_id` is `rev_id`, `id` of a batch is `ids`.
    let p = wire::prepare(
        ops::find("job_revision").unwrap(),
        &json!({"id": 1, "revision_id": 7}),
    )
    .unwrap();
    assert_eq!(p.path, "translate/job/1/revision/7");
    let p = wire::prepare(ops::find("get_jobs").unwrap(), &json!({"id": [3, 4]})).unwrap();
    assert_eq!(p.path, "translate/jobs/3,4");
    std::fs::remove_dir_all(&dir).unwrap();
}
