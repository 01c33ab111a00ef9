//! Parsing what Gengo POSTs to a callback URL.
//!
//! Gengo posts a form with a field `job` (the job as JSON) or `comment` (the comment as
//! JSON). Some relays forward a raw JSON body instead; both are read. Gengo does not
//! sign callbacks: check `custom_data` against a secret you stored when ordering, or
//! fetch the job with [`crate::Client::get_job`] before trusting it.

use serde_json::{Map, Value};

use crate::lenient::Lenient;
use crate::models::{Comment, Job};
use crate::{Error, ErrorKind, Result};

/// Largest callback body read (Gengo sends at most 60 KB).
pub const MAX_CALLBACK_BYTES: usize = 1024 * 1024;

/// A parsed callback.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CallbackEvent {
    /// A job changed (available, started, reviewable, approved, ...).
    Job(Box<Job>),
    /// A translator posted a comment.
    Comment(Comment),
}

impl crate::lenient::DescribedModel for CallbackEvent {
    /// [`CallbackEvent::to_json`]'s shape, described as a model (the bindings' own
    /// callback event is generated from it).
    fn model_shape() -> crate::lenient::ModelShape {
        use crate::lenient::{FieldShape, Lenient, ModelShape, Shape};
        ModelShape {
            name: "CallbackEvent",
            doc: "What Gengo POSTed to a callback URL: a job or a comment.",
            fields: vec![
                FieldShape {
                    name: "type",
                    key: "type",
                    shape: Shape::Str,
                    doc: "job or comment",
                },
                FieldShape {
                    name: "job",
                    key: "job",
                    shape: Job::shape(),
                    doc: "The job (job events).",
                },
                FieldShape {
                    name: "comment",
                    key: "comment",
                    shape: Comment::shape(),
                    doc: "The comment (comment events).",
                },
            ],
        }
    }
}

impl CallbackEvent {
    /// The event as JSON: `{"type": "job"|"comment", "job"|"comment": {...}}`.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        match self {
            CallbackEvent::Job(j) => {
                m.insert("type".into(), "job".into());
                m.insert("job".into(), j.to_json());
            }
            CallbackEvent::Comment(c) => {
                m.insert("type".into(), "comment".into());
                m.insert("comment".into(), c.to_json());
            }
        }
        Value::Object(m)
    }
    /// The job id the event is about.
    pub fn job_id(&self) -> Option<u64> {
        match self {
            CallbackEvent::Job(j) => j.job_id,
            CallbackEvent::Comment(c) => c.job_id,
        }
    }
}

fn bad(message: impl Into<String>, body: &[u8]) -> Error {
    Error::new(ErrorKind::Decode, message).with_snippet(body)
}

fn event_from(kind: &str, text: &str, body: &[u8]) -> Result<CallbackEvent> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| bad(format!("callback field {kind:?} is not JSON: {e}"), body))?;
    // Some senders wrap the job as they would a response: {"job": {...}}.
    let inner = match (&v, kind) {
        (Value::Object(o), "job") if o.len() == 1 && o.contains_key("job") => o["job"].clone(),
        _ => v,
    };
    let obj_err = || {
        bad(
            format!("callback field {kind:?} must hold a JSON object"),
            body,
        )
    };
    match kind {
        "job" => Job::from_json(&inner)
            .map(|j| CallbackEvent::Job(Box::new(j)))
            .ok_or_else(obj_err),
        _ => Comment::from_json(&inner)
            .map(CallbackEvent::Comment)
            .ok_or_else(obj_err),
    }
}

/// Parses a callback body. `content_type` is the request's `Content-Type` (used only
/// to choose between form and JSON; without it both are tried).
pub fn parse_callback(body: &[u8], content_type: Option<&str>) -> Result<CallbackEvent> {
    if body.len() > MAX_CALLBACK_BYTES {
        return Err(Error::new(
            ErrorKind::Decode,
            format!(
                "callback body has {} bytes; at most {MAX_CALLBACK_BYTES} are read",
                body.len()
            ),
        ));
    }
    let trimmed = body.trim_ascii_start();
    if trimmed.is_empty() {
        return Err(Error::new(ErrorKind::Decode, "callback body is empty"));
    }
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let looks_json = ct.contains("json") || (ct.is_empty() && trimmed.first() == Some(&b'{'));
    if looks_json {
        let v: Value = serde_json::from_slice(body)
            .map_err(|e| bad(format!("callback body is not JSON: {e}"), body))?;
        let o = v
            .as_object()
            .ok_or_else(|| bad("callback JSON must be an object", body))?;
        for kind in ["job", "comment"] {
            match o.get(kind) {
                Some(Value::String(s)) => return event_from(kind, s, body),
                Some(inner @ Value::Object(_)) => {
                    return event_from(kind, &inner.to_string(), body);
                }
                _ => {}
            }
        }
        // A bare job or comment object.
        if o.contains_key("status") || o.contains_key("body_src") {
            return event_from("job", &v.to_string(), body);
        }
        if o.contains_key("body") {
            return event_from("comment", &v.to_string(), body);
        }
        return Err(bad("callback JSON has neither a job nor a comment", body));
    }
    let text = std::str::from_utf8(body).map_err(|_| bad("callback body is not UTF-8", body))?;
    for (k, v) in form_urlencoded::parse(text.as_bytes()) {
        if k == "job" || k == "comment" {
            return event_from(&k, &v, body);
        }
    }
    Err(bad(
        "callback form has neither a `job` nor a `comment` field",
        body,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::JobStatus;

    #[test]
    fn form_job_callback() {
        let job = r#"{"job_id":"384985","status":"reviewable","body_tgt":"こんにちは","custom_data":"k1","credits":"0.05"}"#;
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("job", job)
            .finish();
        let ev =
            parse_callback(body.as_bytes(), Some("application/x-www-form-urlencoded")).unwrap();
        let CallbackEvent::Job(j) = ev else {
            panic!("not a job")
        };
        assert_eq!(j.job_id, Some(384985));
        assert_eq!(j.status, Some(JobStatus::Reviewable));
        assert_eq!(j.body_tgt.as_deref(), Some("こんにちは"));
        assert_eq!(j.credits.unwrap().to_string(), "0.05");
    }

    #[test]
    fn form_comment_callback() {
        let body = "comment=%7B%22job_id%22%3A%2212%22%2C%22body%22%3A%22Hi+%26+bye%22%2C%22ctime%22%3A%221300000000%22%7D";
        let ev = parse_callback(body.as_bytes(), None).unwrap();
        let CallbackEvent::Comment(c) = ev else {
            panic!("not a comment")
        };
        assert_eq!(c.job_id, Some(12));
        assert_eq!(c.body.as_deref(), Some("Hi & bye"));
        assert_eq!(c.ctime.and_then(|t| t.epoch()), Some(1300000000));
    }

    #[test]
    fn raw_json_bodies() {
        let ev = parse_callback(
            br#"{"job_id":7,"status":"approved"}"#,
            Some("application/json"),
        )
        .unwrap();
        assert_eq!(ev.job_id(), Some(7));
        let ev = parse_callback(br#"{"comment":{"job_id":8,"body":"x"}}"#, None).unwrap();
        assert!(matches!(ev, CallbackEvent::Comment(_)));
    }

    #[test]
    fn malformed_and_oversized_bodies_are_clear_errors() {
        for (body, needle) in [
            (&b"job=%7Bnot+json"[..], "not JSON"),
            (b"other=1", "neither"),
            (b"", "empty"),
            (b"job=%5B1%2C2%5D", "object"),
            (b"{\"x\":1}", "neither a job"),
        ] {
            let e = parse_callback(body, None).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Decode);
            assert!(e.message().contains(needle), "{}", e.message());
        }
        let big = vec![b'a'; MAX_CALLBACK_BYTES + 1];
        let e = parse_callback(&big, None).unwrap_err();
        assert!(e.message().contains("at most"));
    }
}
