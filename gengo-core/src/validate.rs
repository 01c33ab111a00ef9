//! Validation before any request, so no credits are spent on input we can reject.
//!
//! Each check names the field (with its JSON path, such as `jobs.job_1.tier`) and the
//! reason. Params are also normalised here where Gengo is strict and callers are not:
//! flags become `0`/`1`, `url_attachments` becomes `attachments`.

use serde_json::{Map, Value};

use crate::fields::Fields;
use crate::lenient::Lenient;
use crate::models::{JobStatus, Tier};
use crate::operation::{Location, Operation, ParamKind};
use crate::{Error, Result, units};

/// Most characters a comment (job, order, revise/reject reason) may have.
pub const MAX_COMMENT_CHARS: usize = 25_000;
/// Most bytes `custom_data` may have.
pub const MAX_CUSTOM_DATA_BYTES: usize = 1024;
/// Most characters a machine-tier job may have.
pub const MAX_MACHINE_CHARS: usize = 2_000;
/// Most files one quote may upload.
pub const MAX_QUOTE_FILES: usize = 50;
/// Most jobs one `list_jobs` call may ask for.
pub const MAX_LIST_COUNT: u32 = 200;
/// The reasons a rejection may give.
pub const REJECT_REASONS: &[&str] = &["quality", "incomplete", "other"];
/// What may follow a rejection.
pub const FOLLOW_UPS: &[&str] = &["requeue", "cancel"];
/// The ratings an approval may give.
pub const RATINGS: std::ops::RangeInclusive<i64> = 1..=5;

const FLAGS: &[&str] = &[
    "as_group",
    "auto_approve",
    "force",
    "use_preferred",
    "process",
    "public",
];

fn err(field: &str, reason: impl Into<String>) -> Error {
    Error::validation(field, reason)
}

fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

/// Reads an id (positive integer, as a number or a digit string).
pub fn id(v: &Value, field: &str) -> Result<u64> {
    match u64::from_json(v) {
        Some(i) if i > 0 && !matches!(v, Value::Bool(_)) => Ok(i),
        _ => Err(err(
            field,
            format!("must be a positive integer id, got {v}"),
        )),
    }
}

/// Reads a list of ids from a list, a single id, or a comma-separated string.
pub fn id_list(v: &Value, field: &str) -> Result<Vec<u64>> {
    let items: Vec<Value> = match v {
        Value::Array(a) => a.clone(),
        Value::String(s) => s
            .split(',')
            .map(|x| Value::String(x.trim().to_string()))
            .collect(),
        other => vec![other.clone()],
    };
    if items.is_empty() {
        return Err(err(field, "must list at least one id"));
    }
    items.iter().map(|x| id(x, field)).collect()
}

fn flag<F: Fields + ?Sized>(obj: &mut F, key: &str, field: &str) -> Result<()> {
    if let Some(v) = obj.get(key) {
        if v.is_null() {
            return Ok(());
        }
        match bool::from_json(v) {
            Some(b) => {
                obj.set(key, Value::from(u8::from(b)));
            }
            None => return Err(err(&join(field, key), format!("must be 0 or 1, got {v}"))),
        }
    }
    Ok(())
}

fn nonempty_str<'a, F: Fields + ?Sized>(obj: &'a F, key: &str, field: &str) -> Result<&'a str> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(err(&join(field, key), "must not be empty")),
        None | Some(Value::Null) => Err(err(&join(field, key), "is required")),
        Some(v) => Err(err(&join(field, key), format!("must be a string, got {v}"))),
    }
}

fn opt_str<'a, F: Fields + ?Sized>(obj: &'a F, key: &str, field: &str) -> Result<Option<&'a str>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(err(&join(field, key), format!("must be a string, got {v}"))),
    }
}

fn comment_text(text: &str, field: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(err(field, "must not be empty"));
    }
    let n = text.chars().count();
    if n > MAX_COMMENT_CHARS {
        return Err(err(
            field,
            format!("has {n} characters; at most {MAX_COMMENT_CHARS} are allowed"),
        ));
    }
    Ok(())
}

fn http_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !url.contains(char::is_whitespace))
}

/// Renames `url_attachments` (the official clients' name) to `attachments` and checks
/// every entry: an http(s) URL, a file name and a MIME type.
fn attachments<F: Fields + ?Sized>(obj: &mut F, field: &str) -> Result<()> {
    if let Some(v) = obj.take("url_attachments") {
        if obj.contains_key("attachments") {
            return Err(err(
                &join(field, "url_attachments"),
                "give either attachments or url_attachments, not both",
            ));
        }
        obj.set("attachments", v);
    }
    let Some(v) = obj.get("attachments") else {
        return Ok(());
    };
    let path = join(field, "attachments");
    let list = v
        .as_array()
        .ok_or_else(|| err(&path, "must be a list of {url, filename, mime_type}"))?;
    for (i, a) in list.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let a = a
            .as_object()
            .ok_or_else(|| err(&at, "must be an object {url, filename, mime_type}"))?;
        let url = nonempty_str(a, "url", &at)?;
        if !http_url(url) {
            return Err(err(
                &join(&at, "url"),
                "must be a public http:// or https:// URL",
            ));
        }
        nonempty_str(a, "filename", &at)?;
        nonempty_str(a, "mime_type", &at)?;
    }
    Ok(())
}

fn tier<F: Fields + ?Sized>(obj: &F, field: &str) -> Result<Tier> {
    let t = nonempty_str(obj, "tier", field)?;
    let tier = Tier::parse(t);
    if !tier.is_known() {
        return Err(err(
            &join(field, "tier"),
            format!("unknown tier {t:?}; use standard, pro or machine"),
        ));
    }
    Ok(tier)
}

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

/// Checks and normalises `params` for `op`: required params, id lists outside the
/// path, then the operation's own validator (its row in [`crate::ops::OPERATIONS`]).
/// Path ids are checked when the path is built ([`crate::wire::prepare()`]).
pub fn check(op: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    for p in op.params {
        if p.required && p.location != Location::Path {
            let present = params.get(p.name).is_some_and(|v| !v.is_null());
            let fixed_action = p.name == "action" && op.action.is_some();
            if !present && !fixed_action {
                return Err(err(p.name, "is required"));
            }
        }
        if p.location != Location::Path
            && p.kind == ParamKind::IdList
            && let Some(v) = params.get(p.name).filter(|v| !v.is_null())
        {
            let list = id_list(v, p.name)?;
            params.insert(p.name.into(), Value::from(list));
        }
    }
    (op.validate)(op, params)
}

/// The validator of operations with nothing to check beyond required params and ids.
pub fn none(_: &Operation, _: &mut Map<String, Value>) -> Result<()> {
    Ok(())
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
