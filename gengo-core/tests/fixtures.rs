//! Every published body in `tests/fixtures/` (a copy of `shared/fixtures/`) decodes,
//! with its values checked, and normalising it loses no key the server sent.

use std::path::PathBuf;

use gengo_core::models::*;
use gengo_core::{ErrorKind, envelope, lenient::Lenient, ops, wire};
use serde_json::{Value, json};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The payload of a response fixture.
fn response(name: &str) -> Value {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    envelope::decode(200, &bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn sorted(v: &Value) -> Vec<(String, Value)> {
    let mut m: Vec<_> = v.as_object().unwrap().clone().into_iter().collect();
    m.sort_by(|x, y| x.0.cmp(&y.0));
    m
}

fn op_for(file: &str) -> &'static str {
    let stem = file.split("__").next().unwrap();
    match stem {
        "account_balance" => "account_balance",
        "account_me" => "account_me",
        "account_preferred_translators" => "preferred_translators",
        "account_stats" => "account_stats",
        "translate_glossary_get" => "glossaries",
        "translate_glossary_id_get" => "get_glossary",
        "translate_job_comment_post" => "post_job_comment",
        "translate_job_comments_get" => "job_comments",
        "translate_job_delete" => "cancel_job",
        "translate_job_feedback_get" => "job_feedback",
        "translate_job_get" => "get_job",
        "translate_job_put" => "update_job",
        "translate_job_revision_get" => "job_revision",
        "translate_job_revisions_get" => "job_revisions",
        "translate_jobs_get" => "list_jobs",
        "translate_jobs_ids_get" => "get_jobs",
        "translate_jobs_post" => "order_jobs",
        "translate_jobs_put" => "update_jobs",
        "translate_order_comment_post" => "post_order_comment",
        "translate_order_delete" => "cancel_order",
        "translate_order_get" => "get_order",
        "translate_service_language_pairs_get" => "language_pairs",
        "translate_service_languages_get" => "languages",
        "translate_service_quote_file_post" | "translate_service_quote_post" => "quote",
        other => panic!("no operation for fixture {other}"),
    }
}

/// Every object key in `raw` is in `norm` at the same place (arrays keep their length).
fn assert_keys_kept(raw: &Value, norm: &Value, path: &str) {
    match (raw, norm) {
        (Value::Object(r), Value::Object(n)) => {
            for (k, v) in r {
                let nv = n
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k} lost in {norm}"));
                assert_keys_kept(v, nv, &format!("{path}.{k}"));
            }
        }
        (Value::Array(r), Value::Array(n)) => {
            assert_eq!(r.len(), n.len(), "{path}: array length changed");
            for (i, (a, b)) in r.iter().zip(n).enumerate() {
                assert_keys_kept(a, b, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(_) | Value::Array(_), other) => panic!("{path}: shape changed to {other}"),
        _ => {}
    }
}

#[test]
fn every_response_fixture_decodes_and_keeps_every_key() {
    let mut seen = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".json") || name.contains("__request") {
            continue;
        }
        let op = ops::find(op_for(&name)).unwrap();
        let payload = response(&name);
        let ops::ResponseKind::Json(decoder) = op.response else {
            panic!()
        };
        let norm = (decoder.tree)(&payload).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_keys_kept(&payload, &norm, &name);
        seen += 1;
    }
    assert!(seen >= 37, "only {seen} response fixtures found");
}

/// Rebuilds a tree from [`gengo_core::normal::JsonSink`] events (what the Python binding
/// does with its own objects), keeping key order.
fn events_to_value(n: &gengo_core::Normalized) -> Value {
    events_of(|sink| n.emit(sink))
}

/// The tree `emit` sends as events.
fn events_of(emit: impl FnOnce(&mut dyn gengo_core::normal::JsonSink)) -> Value {
    #[derive(Default)]
    struct Tree {
        stack: Vec<(Value, Option<String>)>,
        done: Option<Value>,
    }
    impl Tree {
        fn put(&mut self, v: Value) {
            match self.stack.last_mut() {
                None => self.done = Some(v),
                Some((Value::Array(a), _)) => a.push(v),
                Some((Value::Object(o), k)) => {
                    o.insert(k.take().expect("a key before each value"), v);
                }
                Some(_) => unreachable!(),
            }
        }
    }
    impl gengo_core::normal::JsonSink for Tree {
        fn null(&mut self) {
            self.put(Value::Null)
        }
        fn bool(&mut self, v: bool) {
            self.put(Value::Bool(v))
        }
        fn i64(&mut self, v: i64) {
            self.put(v.into())
        }
        fn u64(&mut self, v: u64) {
            self.put(v.into())
        }
        fn f64(&mut self, v: f64) {
            self.put(v.into())
        }
        fn str(&mut self, v: &str) {
            self.put(v.into())
        }
        fn begin_seq(&mut self, _: Option<usize>) {
            self.stack.push((json!([]), None))
        }
        fn end_seq(&mut self) {
            let (v, _) = self.stack.pop().unwrap();
            self.put(v)
        }
        fn begin_map(&mut self, _: Option<usize>) {
            self.stack.push((json!({}), None))
        }
        fn key(&mut self, k: &str) {
            self.stack.last_mut().unwrap().1 = Some(k.to_string())
        }
        fn end_map(&mut self) {
            let (v, _) = self.stack.pop().unwrap();
            self.put(v)
        }
    }
    let mut t = Tree::default();
    emit(&mut t);
    assert!(t.stack.is_empty());
    t.done.unwrap_or(Value::Null)
}

/// The fast path (straight from the bytes, no JSON tree) gives exactly the tree path's
/// normalised JSON for every published body of a typed operation: same value, same text
/// (key order included).
#[test]
fn every_typed_fixture_reads_the_same_without_a_tree() {
    let (mut fast, mut typed, mut declined) = (0, 0, Vec::new());
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".json") || name.contains("__request") {
            continue;
        }
        let op = ops::find(op_for(&name)).unwrap();
        let ops::ResponseKind::Json(decoder) = op.response else {
            panic!()
        };
        let Some(f) = decoder.fast else { continue };
        typed += 1;
        let bytes = std::fs::read(dir().join(&name)).unwrap();
        let tree = (decoder.tree)(&response(&name)).unwrap();
        let Some(n) = f(200, &bytes) else {
            // Only bodies the stream reader cannot answer exactly go by the tree.
            declined.push(name);
            continue;
        };
        fast += 1;
        assert!(n.is_typed(), "{name}");
        assert_eq!(
            events_to_value(&n).to_string(),
            tree.to_string(),
            "{name}: events differ"
        );
        assert_eq!(n.to_json_string(), tree.to_string(), "{name}: text differs");
        assert_eq!(n.into_value(), tree, "{name}: value differs");
        // Error statuses never take the fast path.
        assert!(
            f(500, &bytes).is_none() && f(429, &bytes).is_none(),
            "{name}"
        );
    }
    assert!(typed >= 25, "only {typed} typed fixtures");
    // One published body has a list whose last element is the docs' "..." placeholder:
    // the list does not read as revisions, so only the tree reader keeps it exactly.
    assert_eq!(declined, ["translate_job_revisions_get__docs2014.json"]);
    assert_eq!(fast + 1, typed);
}

/// The Python compatibility layer's path: a body's `response` sent as events is the
/// payload as sent (same text, key order included), for every published body.
#[test]
fn every_response_is_sent_as_events_exactly() {
    let mut seen = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".json") || name.contains("__request") {
            continue;
        }
        let bytes = std::fs::read(dir().join(&name)).unwrap();
        assert!(envelope::is_clean_success(200, &bytes), "{name}");
        let events = events_of(|sink| {
            assert_eq!(
                gengo_core::normal::emit_response(&bytes, sink),
                Some(true),
                "{name}"
            );
        });
        assert_eq!(events.to_string(), response(&name).to_string(), "{name}");
        seen += 1;
    }
    assert!(seen >= 37);
    let none = |body: &str| {
        let mut out = None;
        events_of(|sink| out = Some(gengo_core::normal::emit_response(body.as_bytes(), sink)));
        out.unwrap()
    };
    assert_eq!(none(r#"{"opstat":"ok"}"#), Some(false));
    assert_eq!(none(r#"{"opstat":"ok","response":1} x"#), None);
}

/// The typed client's fast path agrees with the tree on odd bodies, and declines what only
/// the tree reader can answer exactly (it then decides).
#[test]
fn the_fast_path_declines_what_it_cannot_read_exactly() {
    let fast = |body: &str| envelope::fast_response::<Job>(200, body.as_bytes(), Some("job"));
    // Lenient values, unknown keys and unreadable values, as the tree reads them.
    let body = r#"{"opstat":"ok","response":{"job":{"job_id":"12","mt":"1","eta":"soon","new":[1,{"a":2}],"credits":0.1}}}"#;
    let job = fast(body).unwrap().unwrap();
    assert_eq!(job.job_id, Some(12));
    assert_eq!(job.mt, Some(true));
    assert_eq!(job.eta, None);
    assert_eq!(job.extra.get("eta"), Some(&json!("soon")));
    assert_eq!(job.extra.get("new"), Some(&json!([1, {"a": 2}])));
    assert_eq!(job.credits, Some("0.1".parse().unwrap()));
    let tree: Job = Lenient::from_json(
        &json!({"job_id":"12","mt":"1","eta":"soon","new":[1,{"a":2}],"credits":0.1}),
    )
    .unwrap();
    assert_eq!(job, tree);
    // Absent or null part: None, as the tree says.
    assert_eq!(fast(r#"{"opstat":"ok","response":{}}"#), Some(None));
    assert_eq!(
        fast(r#"{"opstat":"ok","response":{"job":null}}"#),
        Some(None)
    );
    assert_eq!(fast(r#"{"opstat":"ok","response":[]}"#), Some(None));
    // Declined: errors, repeated keys, a part that is not a job, a list element that is
    // not a job, no opstat, trailing bytes.
    for body in [
        r#"{"opstat":"error","err":{"code":2100,"msg":"x"}}"#,
        r#"{"opstat":"ok","response":{"job":{"job_id":1,"job_id":2}}}"#,
        r#"{"opstat":"ok","response":{"job":{"x":1,"x":2}}}"#,
        r#"{"opstat":"ok","opstat":"ok","response":{"job":{}}}"#,
        r#"{"opstat":"ok","response":{"job":"12"}}"#,
        r#"{"response":{"job":{}}}"#,
        r#"{"opstat":"ok","response":{"job":{}}} x"#,
        r#"{"opstat":"ok","response":{"job":{}}"#,
    ] {
        assert_eq!(fast(body), None, "{body}");
    }
    let list = |body: &str| envelope::fast_response::<Vec<Job>>(200, body.as_bytes(), Some("jobs"));
    assert_eq!(
        list(r#"{"opstat":"ok","response":{"jobs":[{"job_id":1},{}]}}"#)
            .unwrap()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        list(r#"{"opstat":"ok","response":{"jobs":[{"job_id":1},7]}}"#),
        None
    );
}

#[test]
fn every_request_fixture_is_accepted_and_sent_unchanged() {
    let mut seen = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.contains("__request") {
            continue;
        }
        let op_name = op_for(&name);
        let mut body = load(&name);
        let params = match op_name {
            // The Python examples pass the job map itself to determineTranslationCost.
            "quote" if body.get("jobs").is_none() => json!({"jobs": body.clone()}),
            "update_job" => {
                body.as_object_mut().unwrap().insert("id".into(), json!(42));
                body.clone()
            }
            "post_job_comment" | "post_order_comment" => {
                body.as_object_mut()
                    .unwrap()
                    .insert("id".into(), json!(124));
                body.clone()
            }
            _ => body.clone(),
        };
        let op = ops::find(op_name).unwrap();
        if name.contains("quote_post__request_files") {
            // Local paths that do not exist here: a clear io error, before any request.
            let err = wire::prepare(op, &params).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Io, "{name}");
            assert!(
                err.message().contains("/job_1/file_path.doc"),
                "{}",
                err.message()
            );
            seen += 1;
            continue;
        }
        let prepared = wire::prepare(op, &params).unwrap_or_else(|e| panic!("{name}: {e}"));
        let data = Value::Object(prepared.data.clone().unwrap());
        // Every field the caller gave is sent (url_attachments under its API name).
        let text = serde_json::to_string(&params)
            .unwrap()
            .replace("url_attachments", "attachments");
        let mut expected: Value = serde_json::from_str(&text).unwrap();
        if let Some(o) = expected.as_object_mut() {
            o.remove("id");
        }
        let sent_text = data.to_string();
        for (k, v) in expected.as_object().unwrap() {
            let sent = data
                .get(k)
                .unwrap_or_else(|| panic!("{name}: {k} dropped from {sent_text}"));
            if !matches!(k.as_str(), "jobs" | "as_group" | "process") {
                assert_eq!(sent, v, "{name}: {k}");
            }
        }
        seen += 1;
    }
    assert!(seen >= 12, "only {seen} request fixtures found");
}

#[test]
fn job_decodes_from_strings_and_from_numbers_alike() {
    let a: JobEnvelope = decode(&response("translate_job_get__docs2014.json"), "job").unwrap();
    let b: JobEnvelope = decode(&response("translate_job_get__docs_later.json"), "job").unwrap();
    let (a, b) = (a.job.unwrap(), b.job.unwrap());
    for j in [&a, &b] {
        assert_eq!(j.job_id, Some(384985));
        assert_eq!(j.order_id, Some(54632));
        assert_eq!(j.unit_count, Some(1));
        assert_eq!(j.credits.unwrap().to_string(), "0.05");
        assert_eq!(j.auto_approve, Some(false));
        assert_eq!(j.status, Some(JobStatus::Available));
        assert_eq!(j.tier, Some(Tier::Standard));
        assert_eq!(j.eta, Some(25056));
        assert_eq!(j.ctime.as_ref().and_then(|t| t.epoch()), Some(1313475693));
        assert_eq!(j.body_tgt.as_deref(), Some("これはテキストです。"));
        assert_eq!(j.callback_url.as_deref(), Some("http://gengo.callback/"));
    }
    assert_eq!(b.file_download_ready, Some(false));
    assert!(a.extra.is_empty(), "{:?}", a.extra);
    // Normalised JSON: integers, decimal strings, booleans.
    let n = a.to_json();
    assert_eq!(n["job_id"], json!(384985));
    assert_eq!(n["unit_count"], json!(1));
    assert_eq!(n["credits"], json!("0.05"));
    assert_eq!(n["auto_approve"], json!(false));
    // Both wire forms normalise to the same JSON (key order aside).
    let mut later = b.to_json();
    later
        .as_object_mut()
        .unwrap()
        .shift_remove("file_download_ready");
    assert_eq!(sorted(&n), sorted(&later));
}

#[test]
fn job_batch_keeps_custom_data_and_flags() {
    let l: JobList = decode(&response("translate_jobs_ids_get__docs2014.json"), "jobs").unwrap();
    let jobs = l.jobs.unwrap();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0].job_id, Some(1));
    assert_eq!(jobs[1].unit_count, Some(7));
    assert_eq!(jobs[1].credits.unwrap().to_string(), "0.35");
    assert_eq!(jobs[0].auto_approve, Some(true));
    assert_eq!(jobs[0].custom_data.as_deref(), Some("{internal_id: 2311}"));
    assert_eq!(jobs[0].lc_tgt.as_deref(), Some("jp"));
}

#[test]
fn order_receipts_in_all_four_variants() {
    let r: OrderReceipt =
        decode(&response("translate_jobs_post__all_new_docs2014.json"), "r").unwrap();
    assert_eq!(r.order_id, Some(139370));
    assert_eq!(r.job_count, Some(10));
    assert_eq!(r.group_id, Some(132105));
    assert_eq!(r.credits_used.unwrap().to_string(), "100.45");
    assert_eq!(r.currency.as_deref(), Some("USD"));
    assert!(r.jobs.is_none());

    let r: OrderReceipt =
        decode(&response("translate_jobs_post__all_old_docs2014.json"), "r").unwrap();
    assert_eq!(r.order_id, Some(754511));
    assert_eq!(r.job_count, Some(2));
    let Some(ReceiptJobs::Keyed(k)) = &r.jobs else {
        panic!("{:?}", r.jobs)
    };
    assert_eq!(k.keys().collect::<Vec<_>>(), ["job_1", "job_2"]);
    let old = &k.get("job_2").unwrap()[0];
    assert_eq!(old.job_id, Some(1821444));
    assert_eq!(old.body_tgt.as_deref(), Some("Troisieme"));
    assert_eq!(old.status, Some(JobStatus::Reviewable));
    assert_eq!(old.eta, Some(-1));

    let r: OrderReceipt = decode(
        &response("translate_jobs_post__repeated_in_payload_docs2014.json"),
        "r",
    )
    .unwrap();
    let Some(ReceiptJobs::List(l)) = &r.jobs else {
        panic!()
    };
    assert_eq!(l.len(), 2);
    assert_eq!(l[1][0].mt, Some(true));
    assert_eq!(l[0][0].job_id, Some(1087795));
    assert_eq!(r.credits_used.unwrap().to_string(), "0.10");

    let r: OrderReceipt = decode(
        &response("translate_jobs_post__mix_new_old_docs2014.json"),
        "r",
    )
    .unwrap();
    assert_eq!(r.order_id, Some(754513));
    let Some(ReceiptJobs::Keyed(k)) = &r.jobs else {
        panic!()
    };
    assert_eq!(k.len(), 1);

    let r: OrderReceipt = decode(
        &response("translate_jobs_post__first_steps_docs2014.json"),
        "r",
    )
    .unwrap();
    assert_eq!((r.order_id, r.job_count), (Some(109655), Some(3)));

    // The 2012 form: {"duplicate": "job_1", "custom_data": ""}.
    let r = OrderReceipt::from_json(
        &json!({"jobs": {"job_2": {"duplicate": "job_1", "custom_data": ""}}, "order_id": 5}),
    )
    .unwrap();
    let Some(ReceiptJobs::Keyed(k)) = &r.jobs else {
        panic!()
    };
    assert_eq!(
        k.get("job_2").unwrap()[0].extra["duplicate"],
        json!("job_1")
    );
}

#[test]
fn orders_with_every_list() {
    for f in [
        "translate_order_get__docs2014.json",
        "translate_order_get__docs_later.json",
        "translate_order_get__docs_later_without_cancelled_held.json",
        "translate_order_get__first_steps_docs2014.json",
    ] {
        let o: OrderEnvelope = decode(&response(f), "order").unwrap();
        let o = o.order.unwrap();
        assert_eq!(o.order_id, Some(232), "{f}");
        assert_eq!(o.total_credits.unwrap().to_string(), "0.30");
        assert_eq!(o.total_units, Some(6));
        assert_eq!(o.total_jobs, Some(3));
        assert!(o.is_processed());
        assert_eq!(
            o.jobs_available.as_deref(),
            Some(&[243646, 243647, 243645][..])
        );
        assert_eq!(o.jobs_pending.as_deref(), Some(&[][..]));
        assert_eq!(o.job_ids(), vec![243646, 243647, 243645]);
    }
    let o: OrderEnvelope = decode(
        &response("translate_order_delete__docs_later.json"),
        "order",
    )
    .unwrap();
    let o = o.order.unwrap();
    assert_eq!(
        o.jobs_cancelled.as_deref(),
        Some(&[243646, 243647, 243645][..])
    );
    assert_eq!(o.jobs_reviewable.as_deref(), Some(&[243648][..]));
    assert_eq!(o.total_units, Some(10));
    assert!(
        !o.in_progress(),
        "cancelled and reviewable jobs wait for nobody at Gengo"
    );
    let queued = Order::from_json(&json!({"jobs_queued": 2})).unwrap();
    assert!(queued.in_progress());
    let revising = Order::from_json(&json!({"jobs_queued": "0", "jobs_revising": ["7"]})).unwrap();
    assert!(revising.in_progress());
    // jobs_queued as a list of ids (gengo.com visual guide) is kept, not an error.
    let o = Order::from_json(&json!({"jobs_queued": ["1", "2"]})).unwrap();
    assert_eq!(o.jobs_queued, None);
    assert_eq!(o.extra["jobs_queued"], json!(["1", "2"]));
}

#[test]
fn account_fixtures() {
    let b: Balance = decode(&response("account_balance__docs2014.json"), "b").unwrap();
    assert_eq!(b.credits.unwrap().to_string(), "25.32");
    assert_eq!(b.currency.as_deref(), Some("USD"));
    for f in [
        "account_stats__docs2014.json",
        "account_stats__docs_later.json",
    ] {
        let s: AccountStats = decode(&response(f), "s").unwrap();
        assert_eq!(s.credits_spent.unwrap().to_string(), "1023.31", "{f}");
        assert_eq!(s.user_since.unwrap().epoch(), Some(1234089500));
    }
    let s: AccountStats = decode(&response("account_stats__docs_later.json"), "s").unwrap();
    assert_eq!(s.billing_type.as_deref(), Some("Pre-pay"));
    assert_eq!(s.customer_type.as_deref(), Some("Retail"));
    let m: Me = decode(&response("account_me__docs_later.json"), "me").unwrap();
    assert_eq!(m.email.as_deref(), Some("john@gengo.com"));
    assert_eq!(m.display_name.as_deref(), Some("johnny"));
    let p: Vec<PreferredTranslators> = decode(
        &response("account_preferred_translators__docs2014.json"),
        "p",
    )
    .unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].tier, Some(Tier::Pro));
    let t = &p[0].translators.as_ref().unwrap()[0];
    assert_eq!((t.id, t.number_of_jobs), (Some(8596), Some(5)));
    assert_eq!(t.last_login.as_ref().unwrap().epoch(), Some(1375824155));
}

#[test]
fn service_fixtures() {
    for f in [
        "translate_service_languages_get__docs2014.json",
        "translate_service_languages_get__docs_later.json",
    ] {
        let l: Vec<Language> = decode(&response(f), "l").unwrap();
        assert_eq!(l.len(), 3);
        assert_eq!(l[1].lc.as_deref(), Some("ja"));
        assert_eq!(l[1].unit_type, Some(UnitType::Character));
        assert_eq!(l[2].localized_name.as_deref(), Some("Español"));
    }
    let a: Vec<LanguagePair> = decode(
        &response("translate_service_language_pairs_get__docs2014.json"),
        "p",
    )
    .unwrap();
    let b: Vec<LanguagePair> = decode(
        &response("translate_service_language_pairs_get__docs_later.json"),
        "p",
    )
    .unwrap();
    assert_eq!(a[0].unit_price, b[0].unit_price);
    assert_eq!(a[1].unit_price.unwrap().to_string(), "0.1000");
    assert_eq!(b[1].unit_price.unwrap(), "0.1".parse().unwrap());
    assert_eq!(a[2].tier, Some(Tier::Ultra));
    let m: Vec<LanguagePair> = decode(
        &response("translate_service_language_pairs_get__first_steps_docs2014.json"),
        "p",
    )
    .unwrap();
    assert_eq!(m[0].tier, Some(Tier::Machine));
    assert!(m[0].unit_price.unwrap().is_zero());
    assert_eq!(m.len(), 8);
}

#[test]
fn quotes_in_object_and_array_form_with_per_job_errors() {
    let q: Quote = decode(
        &response("translate_service_quote_post__text_docs2014.json"),
        "q",
    )
    .unwrap();
    let jobs = q.jobs.unwrap().0;
    let j1 = jobs.get("job_1").unwrap();
    assert_eq!(j1.unit_count, Some(324));
    assert_eq!(j1.credits.unwrap().to_string(), "16.2");
    assert_eq!(j1.eta, Some(45198));
    assert_eq!(j1.lc_src_detected.as_deref(), Some("en"));
    assert_eq!(
        jobs.get("job_2").unwrap().credits.unwrap(),
        "4.20".parse().unwrap()
    );

    let q: Quote = decode(
        &response("translate_service_quote_file_post__files_with_error_docs2014.json"),
        "q",
    )
    .unwrap();
    let jobs = q.jobs.unwrap().0;
    assert_eq!(jobs.get("job_1").unwrap().order_id, Some(54632));
    assert_eq!(
        jobs.get("job_2")
            .unwrap()
            .identifier
            .as_deref()
            .map(str::len),
        Some(64)
    );
    let err = jobs.get("job_3").unwrap().err.as_ref().unwrap();
    assert_eq!(err.code, Some(1802));
    assert_eq!(err.filename.as_deref(), Some("file_path.foo"));
    assert_eq!(err.key.as_deref(), Some("job_3"));

    // D9: the old array of single-key objects reads into the same keyed form.
    let old = json!({"jobs": [{"job_1": {"unit_count": "5", "credits": "0.25"}}, {"job_2": {"unit_count": 2}}]});
    let q = Quote::from_json(&old).unwrap();
    let jobs = q.jobs.unwrap().0;
    assert_eq!(jobs.keys().collect::<Vec<_>>(), ["job_1", "job_2"]);
    assert_eq!(jobs.get("job_1").unwrap().unit_count, Some(5));
}

#[test]
fn threads_revisions_feedback_glossaries_and_placeholders() {
    let t: Thread = decode(&response("translate_job_comments_get__docs2014.json"), "t").unwrap();
    let t = t.thread.unwrap();
    assert_eq!(t[0].author.as_deref(), Some("worker"));
    assert_eq!(t[1].ctime.as_ref().unwrap().epoch(), Some(1266324432));
    // The docs publish "..." placeholders: decoding keeps them, never fails.
    let r: Revisions =
        decode(&response("translate_job_revisions_get__docs2014.json"), "r").unwrap();
    assert_eq!(r.job_id, Some(42));
    assert!(r.revisions.is_none());
    assert_eq!(r.extra["revisions"].as_array().unwrap().len(), 4);
    // In the normalised JSON every unreadable id and time is null, in every element of
    // the list, and the element that is no revision at all is null too: the rule holds
    // in lists as in models, through the tree and the writer alike.
    let placeholder = json!({"ctime": null, "rev_id": null});
    let want = json!([placeholder, placeholder, placeholder, null]);
    assert_eq!(r.to_json()["revisions"], want);
    assert_eq!(serde_json::to_value(&r).unwrap()["revisions"], want);
    let out =
        gengo_core::client::Output::Json(response("translate_job_revisions_get__docs2014.json"));
    assert_eq!(
        gengo_core::client::normalize(&ops::JOB_REVISIONS, out).unwrap(),
        json!({"job_id": 42, "revisions": want})
    );

    let r: RevisionEnvelope =
        decode(&response("translate_job_revision_get__docs2014.json"), "r").unwrap();
    assert_eq!(r.revision.unwrap().body_tgt.as_deref(), Some("..."));
    let f: FeedbackEnvelope =
        decode(&response("translate_job_feedback_get__docs2014.json"), "f").unwrap();
    let f = f.feedback.unwrap();
    assert_eq!(f.rating, None);
    assert_eq!(f.extra["rating"], json!("..."));
    let f = Feedback::from_json(&json!({"rating": "3.0", "for_translator": "thanks"})).unwrap();
    assert_eq!(f.rating.unwrap(), "3".parse().unwrap());
    let l: Vec<JobSummary> = decode(&response("translate_jobs_get__docs2014.json"), "l").unwrap();
    assert_eq!(
        l.iter().map(|j| j.job_id.unwrap()).collect::<Vec<_>>(),
        [123, 425, 274]
    );
    // A placeholder is no time: it stays in `extra` and normalises to null.
    assert_eq!(l[0].ctime, None);
    assert_eq!(l[0].extra["ctime"], json!("..."));
    assert_eq!(l[0].to_json()["ctime"], Value::Null);
    assert_eq!(l[0].to_json()["job_id"], json!(123));
    let f = "translate_glossary_get__docs2014.json";
    let g: Vec<Glossary> = decode(&response(f), "g").unwrap();
    assert_eq!(g[0].id, Some(115));
    assert_eq!(g[0].is_public, Some(false));
    assert_eq!(g[0].unit_count, Some(2));
    assert_eq!(
        g[0].ctime,
        Some(gengo_core::lenient::Time::Text(
            "2012-07-19 02:57:10.526565".into()
        ))
    );
    // The glossary's text time decodes as a UTC date and time; the text is kept.
    // 2012-07-19 02:57:10 UTC is 1342666630.
    let ct = g[0].ctime.as_ref().unwrap();
    assert_eq!(ct.timestamp(), Some((1342666630, 526_565_000)));
    assert_eq!(ct.epoch(), Some(1342666630));
    assert_eq!(g[0].to_json()["ctime"], json!(1342666630.526565));
    assert_eq!(g[0].target_languages, Some(json!([[14, "ja"]])));
    assert_eq!(g[0].extra.get("description"), Some(&Value::Null));
    let g: Glossary = decode(&response("translate_glossary_id_get__docs2014.json"), "g").unwrap();
    assert_eq!(g.customer_user_id, Some(50110));
    for f in [
        "translate_job_put__ok_docs2014.json",
        "translate_job_delete__ok_docs2014.json",
        "translate_order_delete__ok_docs2014.json",
        "translate_job_comment_post__ok_docs2014.json",
    ] {
        assert_eq!(response(f), json!({}), "{f}");
    }
}

#[test]
fn status_and_tier_spellings() {
    assert_eq!(JobStatus::parse("cancelled"), JobStatus::Canceled);
    assert_eq!(JobStatus::parse("Canceled"), JobStatus::Canceled);
    assert_eq!(JobStatus::Canceled.as_str(), "canceled");
    assert_eq!(
        JobStatus::parse("deleted"),
        JobStatus::Unknown("deleted".into())
    );
    assert_eq!(Tier::parse("ultra_pro"), Tier::Unknown("ultra_pro".into()));
    let j =
        Job::from_json(&json!({"status": "cancelled", "tier": "ultra_pro", "mt": "1"})).unwrap();
    assert_eq!(
        j.to_json(),
        json!({"tier": "ultra_pro", "status": "canceled", "mt": true})
    );
}

#[test]
fn lenient_scalars() {
    use gengo_core::Decimal;
    assert_eq!(u64::from_json(&json!("384985")), Some(384985));
    assert_eq!(u64::from_json(&json!(384985)), Some(384985));
    assert_eq!(u64::from_json(&json!(" 7 ")), Some(7));
    assert_eq!(u64::from_json(&json!("...")), None);
    assert_eq!(i64::from_json(&json!("-1")), Some(-1));
    assert_eq!(i64::from_json(&json!(3.0)), Some(3));
    assert_eq!(i64::from_json(&json!("3.0")), Some(3));
    assert_eq!(i64::from_json(&json!(3.5)), None);
    for (v, b) in [
        (json!(0), false),
        (json!(1), true),
        (json!("0"), false),
        (json!("1"), true),
        (json!(true), true),
        (json!("false"), false),
    ] {
        assert_eq!(bool::from_json(&v), Some(b), "{v}");
    }
    assert_eq!(bool::from_json(&json!(2)), None);
    assert_eq!(
        Decimal::from_json(&json!("0.0500")).unwrap().to_string(),
        "0.0500"
    );
    assert_eq!(
        Decimal::from_json(&json!(0.05)).unwrap().to_string(),
        "0.05"
    );
    assert_eq!(
        Decimal::from_json(&json!(16.20)).unwrap().to_string(),
        "16.2"
    );
    assert_eq!(
        Decimal::from_json(&json!(1023.31)).unwrap().to_string(),
        "1023.31"
    );
    assert_eq!(
        Decimal::from_json(&json!("1e-2")).unwrap().to_string(),
        "0.01"
    );
    assert_eq!(Decimal::from_json(&json!("abc")), None);
}
