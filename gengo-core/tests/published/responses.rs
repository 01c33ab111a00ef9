//! Every published response: decoded with every key kept, read the same without a tree, sent as events exactly, and declined by the fast path when it cannot be read exactly.

use super::*;

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
