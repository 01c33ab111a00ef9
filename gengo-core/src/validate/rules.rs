//! The small rules every check is made of: flags, strings, comments, URLs, attachments,
//! tiers; each names its field.

use serde_json::Value;

use super::MAX_COMMENT_CHARS;
use crate::fields::Fields;
use crate::lenient::Lenient;
use crate::models::Tier;
use crate::{Error, Result};

pub(super) const FLAGS: &[&str] = &[
    "as_group",
    "auto_approve",
    "force",
    "use_preferred",
    "process",
    "public",
];

pub(super) fn err(field: &str, reason: impl Into<String>) -> Error {
    Error::validation(field, reason)
}

pub(super) fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

pub(super) fn flag<F: Fields + ?Sized>(obj: &mut F, key: &str, field: &str) -> Result<()> {
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

pub(super) fn nonempty_str<'a, F: Fields + ?Sized>(
    obj: &'a F,
    key: &str,
    field: &str,
) -> Result<&'a str> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(err(&join(field, key), "must not be empty")),
        None | Some(Value::Null) => Err(err(&join(field, key), "is required")),
        Some(v) => Err(err(&join(field, key), format!("must be a string, got {v}"))),
    }
}

pub(super) fn opt_str<'a, F: Fields + ?Sized>(
    obj: &'a F,
    key: &str,
    field: &str,
) -> Result<Option<&'a str>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(err(&join(field, key), format!("must be a string, got {v}"))),
    }
}

pub(super) fn comment_text(text: &str, field: &str) -> Result<()> {
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

pub(super) fn http_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !url.contains(char::is_whitespace))
}

/// Renames `url_attachments` (the official clients' name) to `attachments` and checks
/// every entry: an http(s) URL, a file name and a MIME type.
pub(super) fn attachments<F: Fields + ?Sized>(obj: &mut F, field: &str) -> Result<()> {
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

pub(super) fn tier<F: Fields + ?Sized>(obj: &F, field: &str) -> Result<Tier> {
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
