//! Preparing a request: the params checked by the operation's rules (required params,
//! ids, the row's validator) and split by where they travel; local files read.

use std::path::Path;

use serde_json::{Map, Value};

use super::encoding::form_bytes_into;
use super::{FilePart, MAX_UPLOAD_BYTES, Prepared, RESERVED_PARAMS, valid_file_key};
use crate::ops::{Operation, ParamKind, Segment, Uploads};
use crate::{Error, ErrorKind, Result, validate};

/// Renders a parameter value for the query string (never double-encoded: this is the
/// raw text, encoded once by the form encoder).
fn query_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => Some(
            a.iter()
                .filter_map(query_text)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Value::Object(_) => Some(v.to_string()),
    }
}

fn read_file(path: &str, field: &str, what: &str) -> Result<FilePart> {
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| {
        Error::new(ErrorKind::Io, format!("{what}: cannot read {path:?}: {e}")).with_source(e)
    })?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::Io,
            format!("{what}: {path:?} is not a file"),
        ));
    }
    if meta.len() > MAX_UPLOAD_BYTES {
        return Err(Error::validation(
            what,
            format!(
                "{path:?} has {} bytes; at most {MAX_UPLOAD_BYTES}",
                meta.len()
            ),
        ));
    }
    // Read whole and close at once: no handle outlives this call.
    let bytes = std::fs::read(p).map_err(|e| {
        Error::new(ErrorKind::Io, format!("{what}: cannot read {path:?}: {e}")).with_source(e)
    })?;
    let filename = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_string());
    let content_type = mime_guess::from_path(p)
        .first_or_octet_stream()
        .essence_str()
        .to_string();
    Ok(FilePart {
        field: field.to_string(),
        filename,
        content_type,
        bytes,
    })
}

/// Checks `params` for `op` and splits them by where they travel. Files are read (and
/// closed) here, so a missing file fails before anything is sent.
pub fn prepare(op: &'static Operation, params: &Value) -> Result<Prepared> {
    prepare_owned(op, params.clone())
}

/// [`prepare()`](super::prepare()), taking the params by value: a large order is moved through, not copied.
pub fn prepare_owned(op: &'static Operation, params: Value) -> Result<Prepared> {
    let mut params = match params {
        Value::Null => Map::new(),
        Value::Object(o) => o,
        other => {
            return Err(Error::invalid_argument(format!(
                "params for {} must be a JSON object, got {other}",
                op.name
            )));
        }
    };
    check_reserved(&params)?;
    // The official clients' names for our params (the row says which).
    for (official, ours) in op.renames {
        if !params.contains_key(*ours)
            && let Some(v) = params.shift_remove(*official)
        {
            params.insert((*ours).into(), v);
        }
    }
    validate::check(op, &mut params)?;

    let mut path = String::new();
    for (i, seg) in op.segments().enumerate() {
        if i > 0 {
            path.push('/');
        }
        match seg {
            Segment::Literal(text) => path.push_str(text),
            Segment::Param(name) => {
                let v = params
                    .shift_remove(name)
                    .filter(|v| !v.is_null())
                    .ok_or_else(|| Error::validation(name, "is required"))?;
                let list = op.param(name).is_some_and(|p| p.kind == ParamKind::IdList);
                let text = if list {
                    validate::id_list(&v, name)?
                        .iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                } else {
                    validate::id(&v, name)?.to_string()
                };
                path.push_str(&text);
            }
        }
    }

    let mut files = Vec::new();
    if op.uploads == Uploads::Files {
        if let Some(list) = params.shift_remove("files") {
            for f in list.as_array().into_iter().flatten() {
                let path = f.as_str().unwrap_or_default();
                files.push(read_file(path, "file_attachments", "files")?);
            }
        }
    }
    if op.uploads == Uploads::QuoteFiles {
        if let Some(Value::Object(jobs)) = params.get_mut("jobs") {
            let mut uploaded: Vec<String> = Vec::new();
            for (key, job) in jobs.iter_mut() {
                let Some(job) = job.as_object_mut() else {
                    continue;
                };
                let field = format!("jobs.{key}.file_key");
                let file_key = match job.get("file_key") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(k)) if valid_file_key(k) => Some(k.clone()),
                    Some(_) => {
                        return Err(Error::validation(
                            field,
                            "must be a multipart part name of letters, digits, _ and - only",
                        ));
                    }
                };
                if let Some(fp) = job.shift_remove("file_path") {
                    let fp = fp.as_str().ok_or_else(|| {
                        Error::validation(format!("jobs.{key}.file_path"), "must be a path")
                    })?;
                    let file_key = file_key.unwrap_or_else(|| format!("file_{key}"));
                    if !valid_file_key(&file_key) {
                        return Err(Error::validation(
                            field,
                            format!(
                                "the default part name file_{key} is not a valid file_key; give file_key (letters, digits, _ and -)"
                            ),
                        ));
                    }
                    files.push(read_file(fp, &file_key, &format!("jobs.{key}.file_path"))?);
                    job.insert("file_key".into(), Value::String(file_key.clone()));
                    uploaded.push(file_key);
                }
            }
            // A file job must name a file this request uploads.
            for (key, job) in jobs.iter() {
                let Some(job) = job.as_object() else { continue };
                if let Some(k) = job.get("file_key").and_then(Value::as_str)
                    && !uploaded.iter().any(|u| u == k)
                {
                    return Err(Error::validation(
                        format!("jobs.{key}.file_key"),
                        "names no file of this request: give the job a file_path",
                    ));
                }
            }
        }
    }
    let mut query = Vec::new();
    let mut data = None;
    if op.method.uses_query() {
        for (k, v) in &params {
            if let Some(t) = query_text(v) {
                query.push((k.clone(), t));
            }
        }
    } else {
        let mut d = Map::new();
        if let Some(a) = op.action {
            d.insert("action".into(), Value::String(a.into()));
        }
        for (k, v) in params {
            if !(op.action.is_some() && k == "action") {
                d.insert(k, v);
            }
        }
        data = Some(d);
    }
    Ok(Prepared {
        op,
        path,
        query,
        data,
        data_json: None,
        data_form: None,
        files,
    })
}

impl Prepared {
    /// Encodes `data` once, as it goes on the wire, and frees the tree and the text: every
    /// attempt sends the same bytes, and a large order's tree is gone before its request
    /// body is built. A form body keeps `data=` and the percent-encoded text (exactly
    /// sized); a multipart body keeps the JSON text.
    pub fn freeze(&mut self) {
        if let Some(d) = self.data.take() {
            self.data_json = Some(serde_json::to_string(&d).expect("JSON values serialise"));
        }
        if self.files.is_empty()
            && let Some(text) = self.data_json.take()
        {
            let mut form = Vec::with_capacity(5 + text.len() + text.len() / 2);
            form.extend_from_slice(b"data=");
            form_bytes_into(&mut form, text.as_bytes());
            self.data_form = Some(form);
        }
    }

    /// The `data` JSON text, if the operation sends one.
    pub(crate) fn data_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match (&self.data_json, &self.data) {
            (Some(t), _) => Some(std::borrow::Cow::Borrowed(t.as_str())),
            (None, Some(d)) => Some(std::borrow::Cow::Owned(
                serde_json::to_string(d).expect("JSON values serialise"),
            )),
            (None, None) => None,
        }
    }
}

/// The client writes these itself; a caller's copy would go out first and win.
pub(crate) fn check_reserved(params: &Map<String, Value>) -> Result<()> {
    for reserved in RESERVED_PARAMS {
        if params.contains_key(*reserved) {
            return Err(Error::validation(
                *reserved,
                "is reserved: the client sets it (authentication and method override); remove it",
            ));
        }
    }
    Ok(())
}
