//! Every published request is accepted and sent unchanged.

use super::*;

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
