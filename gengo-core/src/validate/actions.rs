//! The rules of actions on jobs (approve, revise, reject, archive; one job or in bulk),
//! comments and the job listing.

use serde_json::{Map, Value};

use super::rules::{attachments, comment_text, err, flag, join, nonempty_str, opt_str};
use super::{FOLLOW_UPS, MAX_COMMENT_CHARS, MAX_LIST_COUNT, RATINGS, REJECT_REASONS, id};
use crate::Result;
use crate::lenient::Lenient;
use crate::models::JobStatus;
use crate::operation::Operation;

fn approve_fields(obj: &mut Map<String, Value>, field: &str) -> Result<()> {
    if let Some(v) = obj.get("rating").filter(|v| !v.is_null()) {
        match i64::from_json(v) {
            Some(r) if RATINGS.contains(&r) => {
                obj.insert("rating".into(), Value::from(r));
            }
            _ => {
                return Err(err(
                    &join(field, "rating"),
                    format!("must be an integer from 1 to 5, got {v}"),
                ));
            }
        }
    }
    flag(obj, "public", field)?;
    for key in ["for_translator", "for_mygengo"] {
        if let Some(t) = opt_str(obj, key, field)? {
            if t.chars().count() > MAX_COMMENT_CHARS {
                return Err(err(
                    &join(field, key),
                    format!("at most {MAX_COMMENT_CHARS} characters"),
                ));
            }
        }
    }
    Ok(())
}

fn revise_fields(obj: &Map<String, Value>, field: &str, default_comment: bool) -> Result<()> {
    match opt_str(obj, "comment", field)? {
        Some(c) => comment_text(c, &join(field, "comment")),
        None if default_comment => Ok(()),
        None => Err(err(
            &join(field, "comment"),
            "is required: say what to change",
        )),
    }
}

fn reject_fields(obj: &Map<String, Value>, field: &str, default_comment: bool) -> Result<()> {
    let reason = nonempty_str(obj, "reason", field)?;
    if !REJECT_REASONS.contains(&reason) {
        return Err(err(
            &join(field, "reason"),
            format!("must be quality, incomplete or other, got {reason:?}"),
        ));
    }
    revise_fields(obj, field, default_comment)?;
    if let Some(f) = opt_str(obj, "follow_up", field)?
        && !FOLLOW_UPS.contains(&f)
    {
        return Err(err(
            &join(field, "follow_up"),
            format!("must be requeue or cancel, got {f:?}"),
        ));
    }
    Ok(())
}

fn action_fields(
    action: &str,
    obj: &mut Map<String, Value>,
    field: &str,
    default_comment: bool,
) -> Result<()> {
    match action {
        "approve" => approve_fields(obj, field),
        "revise" => revise_fields(obj, field, default_comment),
        "reject" => reject_fields(obj, field, default_comment),
        "archive" | "purchase" => Ok(()),
        other => Err(err(
            "action",
            format!("must be approve, revise, reject or archive, got {other:?}"),
        )),
    }
}

/// `update_job` and its shortcuts: the fields of the action (the row's fixed action, or
/// the `action` param).
pub fn job_action(op: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    let action = match op.action {
        Some(a) => a.to_string(),
        None => nonempty_str(params, "action", "")?.to_string(),
    };
    action_fields(&action, params, "", false)
}

/// `update_jobs`: the action, the default comment and every entry of `job_ids`.
pub fn bulk_action(_: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    let action = nonempty_str(params, "action", "")?.to_string();
    let has_default = match opt_str(params, "comment", "")? {
        Some(c) => {
            comment_text(c, "comment")?;
            true
        }
        None => false,
    };
    let ids = params
        .get_mut("job_ids")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| err("job_ids", "must be a list of ids or {job_id, ...} objects"))?;
    if ids.is_empty() {
        return Err(err("job_ids", "must list at least one job"));
    }
    for (i, entry) in ids.iter_mut().enumerate() {
        let field = format!("job_ids[{i}]");
        match entry {
            Value::Object(o) => {
                let jid = o
                    .get("job_id")
                    .ok_or_else(|| err(&join(&field, "job_id"), "is required"))?;
                let jid = id(jid, &join(&field, "job_id"))?;
                o.insert("job_id".into(), Value::from(jid));
                action_fields(&action, o, &field, has_default)?;
            }
            other => {
                let jid = id(other, &field)?;
                if matches!(action.as_str(), "reject") || (action == "revise" && !has_default) {
                    return Err(err(
                        &field,
                        format!("{action} needs {{job_id, ...}} objects with their fields"),
                    ));
                }
                *other = Value::from(jid);
            }
        }
    }
    if !matches!(action.as_str(), "approve" | "revise" | "reject" | "archive") {
        return Err(err(
            "action",
            format!("must be approve, revise, reject or archive, got {action:?}"),
        ));
    }
    Ok(())
}

/// `post_job_comment` and `post_order_comment`: the body, URL attachments and local files.
pub fn comment(_: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    let body = nonempty_str(params, "body", "")?;
    comment_text(body, "body")?;
    attachments(params, "")?;
    if let Some(files) = params.get("files").filter(|v| !v.is_null()) {
        let ok = files
            .as_array()
            .is_some_and(|a| a.iter().all(|f| f.as_str().is_some_and(|s| !s.is_empty())));
        if !ok {
            return Err(err("files", "must be a list of local file paths"));
        }
    }
    Ok(())
}

/// `list_jobs`: `count` 1 to 200, a Unix `timestamp_after`, a known `status`.
pub fn list_jobs(_: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    if let Some(v) = params.get("count").filter(|v| !v.is_null()) {
        match i64::from_json(v) {
            Some(n) if (1..=i64::from(MAX_LIST_COUNT)).contains(&n) => {}
            _ => {
                return Err(err(
                    "count",
                    format!("must be an integer from 1 to {MAX_LIST_COUNT}, got {v}"),
                ));
            }
        }
    }
    if let Some(v) = params.get("timestamp_after").filter(|v| !v.is_null()) {
        match i64::from_json(v) {
            Some(n) if n >= 0 => {}
            _ => return Err(err("timestamp_after", "must be a Unix time in seconds")),
        }
    }
    if let Some(s) = opt_str(params, "status", "")?
        && !JobStatus::parse(s).is_known()
    {
        return Err(err("status", format!("unknown status {s:?}")));
    }
    Ok(())
}
