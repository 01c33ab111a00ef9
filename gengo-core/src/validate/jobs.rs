//! The rules of jobs: one job's payload (written once over [`Fields`], for a tree and a
//! streamed order alike), a collection of jobs, orders, quotes and the legacy single job.

use serde_json::{Map, Value};

use super::rules::{
    FLAGS, attachments, comment_text, err, flag, http_url, join, nonempty_str, opt_str, tier,
};
use super::{MAX_CUSTOM_DATA_BYTES, MAX_MACHINE_CHARS, MAX_QUOTE_FILES};
use crate::fields::Fields;
use crate::lenient::Lenient;
use crate::models::Tier;
use crate::operation::Operation;
use crate::{Result, units};

fn job_payload<F: Fields + ?Sized>(obj: &mut F, field: &str, for_quote: bool) -> Result<()> {
    attachments(obj, field)?;
    for f in FLAGS {
        flag(obj, f, field)?;
    }
    let job_type = opt_str(obj, "type", field)?.unwrap_or("text").to_string();
    // A file job ordered by its quote's identifier takes its pair and tier from the quote
    // (Gengo's documented file flow); given, they must still be well formed.
    let from_quote = job_type == "file" && !for_quote;
    let tier = if from_quote {
        for key in ["lc_src", "lc_tgt"] {
            if obj.get(key).is_some_and(|v| !v.is_null()) {
                nonempty_str(obj, key, field)?;
            }
        }
        match obj.get("tier") {
            None | Some(Value::Null) => None,
            Some(_) => Some(tier(obj, field)?),
        }
    } else {
        nonempty_str(obj, "lc_src", field)?;
        nonempty_str(obj, "lc_tgt", field)?;
        Some(tier(obj, field)?)
    };
    match job_type.as_str() {
        "text" => {
            let body = nonempty_str(obj, "body_src", field)?;
            if let Some(at) = units::unclosed_escape(body) {
                return Err(err(
                    &join(field, "body_src"),
                    format!("has a [[[ at byte {at} that is never closed with ]]]"),
                ));
            }
            if tier == Some(Tier::Machine) {
                let n = body.chars().count();
                if n > MAX_MACHINE_CHARS {
                    return Err(err(
                        &join(field, "body_src"),
                        format!(
                            "machine jobs take at most {MAX_MACHINE_CHARS} characters, got {n}"
                        ),
                    ));
                }
            }
        }
        "file" => {
            if for_quote {
                if !obj.contains_key("file_path") && !obj.contains_key("file_key") {
                    return Err(err(
                        &join(field, "file_path"),
                        "file jobs need a local file_path",
                    ));
                }
            } else {
                nonempty_str(obj, "identifier", field)?;
            }
        }
        other => {
            return Err(err(
                &join(field, "type"),
                format!("must be text or file, got {other:?}"),
            ));
        }
    }
    if let Some(cd) = opt_str(obj, "custom_data", field)? {
        if cd.len() > MAX_CUSTOM_DATA_BYTES {
            return Err(err(
                &join(field, "custom_data"),
                format!(
                    "has {} bytes; at most {MAX_CUSTOM_DATA_BYTES} are allowed",
                    cd.len()
                ),
            ));
        }
    } else if let Some(v) = obj.get("custom_data").filter(|v| !v.is_null()) {
        return Err(err(
            &join(field, "custom_data"),
            format!("must be a string, got {v}"),
        ));
    }
    if let Some(v) = obj.get("max_chars").filter(|v| !v.is_null()) {
        match i64::from_json(v) {
            Some(n) if n > 0 => {}
            _ => {
                return Err(err(
                    &join(field, "max_chars"),
                    "must be an integer greater than 0",
                ));
            }
        }
    }
    if let Some(c) = opt_str(obj, "comment", field)? {
        comment_text(c, &join(field, "comment"))?;
    }
    if let Some(url) = opt_str(obj, "callback_url", field)? {
        if !http_url(url) {
            return Err(err(
                &join(field, "callback_url"),
                "must be an http:// or https:// URL",
            ));
        }
    }
    if let Some(v) = obj.get("services").filter(|v| !v.is_null()) {
        let ok = v.as_array().is_some_and(|a| {
            a.iter()
                .all(|s| matches!(s.as_str(), Some("translation" | "edit")))
        });
        if !ok {
            return Err(err(
                &join(field, "services"),
                "must be [\"translation\"] or [\"translation\", \"edit\"]",
            ));
        }
    }
    Ok(())
}

type JobRefs<'a> = Vec<(String, &'a mut Map<String, Value>)>;

fn jobs_collection(params: &mut Map<String, Value>, for_quote: bool) -> Result<JobRefs<'_>> {
    let jobs = params
        .get_mut("jobs")
        .ok_or_else(|| err("jobs", "is required"))?;
    let mut out = Vec::new();
    match jobs {
        Value::Object(o) => {
            for (k, v) in o.iter_mut() {
                let field = format!("jobs.{k}");
                let m = v
                    .as_object_mut()
                    .ok_or_else(|| err(&field, "must be a job object"))?;
                out.push((k.clone(), m));
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter_mut().enumerate() {
                let field = format!("jobs.{i}");
                let m = v
                    .as_object_mut()
                    .ok_or_else(|| err(&field, "must be a job object"))?;
                out.push((i.to_string(), m));
            }
        }
        other => {
            return Err(err(
                "jobs",
                format!("must be an object keyed by your job keys, got {other}"),
            ));
        }
    }
    if out.is_empty() {
        return Err(err("jobs", "must contain at least one job"));
    }
    if for_quote {
        let files = out
            .iter()
            .filter(|(_, m)| m.contains_key("file_path"))
            .count();
        if files > MAX_QUOTE_FILES {
            return Err(err(
                "jobs",
                format!("{files} files; at most {MAX_QUOTE_FILES} per quote"),
            ));
        }
    }
    Ok(out)
}

fn order_or_quote(params: &mut Map<String, Value>, for_quote: bool) -> Result<()> {
    order_fields(params)?;
    for (key, job) in jobs_collection(params, for_quote)? {
        job_payload(job, &format!("jobs.{key}"), for_quote)?;
    }
    Ok(())
}

/// The order-level fields of an order or quote (everything but its jobs): attachments,
/// flags and the comment. `reference_id` is passed through as given (Decision D18): the
/// server answers an unusable one with its own message.
pub(crate) fn order_fields(params: &mut Map<String, Value>) -> Result<()> {
    attachments(params, "")?;
    for f in FLAGS {
        flag(params, f, "")?;
    }
    if let Some(c) = opt_str(params, "comment", "")? {
        comment_text(c, "comment")?;
    }
    Ok(())
}

/// One job of an order (`jobs.{key}`), as [`order`] checks each.
pub(crate) fn order_job<F: Fields + ?Sized>(job: &mut F, key: &str) -> Result<()> {
    job_payload(job, &format!("jobs.{key}"), false)
}

/// `order_jobs`: the order's flags and comment, and every job's payload.
pub fn order(_: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    order_or_quote(params, false)
}

/// `quote`: like an order, with file jobs given by a local `file_path`.
pub fn quote(_: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    order_or_quote(params, true)
}

/// `post_job` (v1.1): one job payload.
pub fn post_job(_: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    let job = params
        .get_mut("job")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| err("job", "must be a job object"))?;
    job_payload(job, "job", false)
}
