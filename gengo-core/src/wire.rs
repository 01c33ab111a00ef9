//! The exact requests: pure functions from (operation, params, config, time) to bytes.
//!
//! - GET and DELETE: every parameter in the query string, each value encoded once,
//!   then `api_key`, `ts`, `api_sig`.
//! - POST and PUT: a form with `api_key`, `ts`, `api_sig` and `data` (compact JSON of
//!   the operation's fields); multipart instead when local files are uploaded, with
//!   each file's base name only.
//! - With `method_override`, PUT and DELETE go as POST with `_method`.

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::{ApiVersion, Config};
use crate::ops::{Method, Operation, ParamKind, Segment, Uploads};
use crate::{Error, ErrorKind, Result, validate};

/// Largest local file that is uploaded (Gengo's own PUT limit is 100 MB).
pub const MAX_UPLOAD_BYTES: u64 = 100 * 1024 * 1024;

/// Parameter names the client writes itself and never takes from a caller.
pub const RESERVED_PARAMS: &[&str] = &["api_key", "api_sig", "ts", "_method"];

/// Whether a multipart part name is one Gengo accepts as a `file_key`
/// (`^[a-z0-9_-]+$`, case-insensitive).
pub fn valid_file_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A local file, read and closed, ready to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The multipart field name.
    pub field: String,
    /// The file's base name (never the local path).
    pub filename: String,
    /// The guessed MIME type.
    pub content_type: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// An operation's params, checked and split by where they travel.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The operation.
    pub op: &'static Operation,
    /// The path below the version, with ids substituted (`translate/job/42`).
    pub path: String,
    /// Query parameters (GET/DELETE), in the caller's order.
    pub query: Vec<(String, String)>,
    /// The `data` object (POST/PUT), if any.
    pub data: Option<Map<String, Value>>,
    /// `data` already serialised ([`Prepared::freeze`]); sent instead of `data` when set.
    pub data_json: Option<String>,
    /// `data=` and the percent-encoded `data` text of a form body ([`Prepared::freeze`]);
    /// sent instead of the two above when set.
    pub data_form: Option<Vec<u8>>,
    /// Files to upload.
    pub files: Vec<FilePart>,
}

/// A request ready to send. Its `Debug` hides `api_sig` and any bearer token.
#[derive(Clone, PartialEq, Eq)]
pub struct WireRequest {
    /// The method on the wire (POST when overridden).
    pub method: Method,
    /// The full URL, query included.
    pub url: String,
    /// Headers other than Host and Content-Length.
    pub headers: Vec<(String, String)>,
    /// The body (empty for GET/DELETE).
    pub body: Vec<u8>,
}

impl std::fmt::Debug for WireRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                if k.eq_ignore_ascii_case("authorization") {
                    (k.as_str(), "<redacted>")
                } else {
                    (k.as_str(), v.as_str())
                }
            })
            .collect();
        f.debug_struct("WireRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &headers)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

impl WireRequest {
    /// The header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// The URL with `api_sig` hidden, for logs.
    pub fn redacted_url(&self) -> String {
        redact_query(&self.url)
    }
}

/// Replaces the value of `api_sig` (and any `private_key`) in a URL by `<redacted>`.
pub fn redact_query(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k == "api_sig" || k == "private_key" => format!("{k}=<redacted>"),
            _ => kv.to_string(),
        })
        .collect();
    format!("{base}?{}", parts.join("&"))
}

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

/// [`prepare`], taking the params by value: a large order is moved through, not copied.
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
    fn data_text(&self) -> Option<std::borrow::Cow<'_, str>> {
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
fn check_reserved(params: &Map<String, Value>) -> Result<()> {
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

/// `order_jobs` for a typed order without a tree of the whole order: the order-level
/// fields and then each job go through the same rules as [`prepare`]'s (each job as its
/// own short list of fields, validated, written into the `data` text and dropped), so a 10,000-job
/// order never exists as one `serde_json::Value`. `None` whenever [`prepare`] must decide
/// (any rule refuses, a job key repeats, no jobs, an extra field named like a known one):
/// the caller then prepares the order the usual way, which gives the error. `Some` is the
/// request [`prepare`] + [`Prepared::freeze`] give, byte for byte.
pub fn prepare_order(order: &crate::requests::OrderRequest) -> Option<Prepared> {
    if order.jobs.is_empty() {
        return None;
    }
    let mut keys = std::collections::HashSet::with_capacity(order.jobs.len());
    if !order.jobs.iter().all(|(k, _)| keys.insert(k.as_str())) {
        return None;
    }
    // The order without its jobs, serialised as the whole order would be (its `jobs`
    // first, here empty): the same fields in the same order.
    // (Field by field: `..order.clone()` would copy the jobs too.)
    let rest = crate::requests::OrderRequest {
        jobs: Vec::new(),
        as_group: order.as_group,
        comment: order.comment.clone(),
        attachments: order.attachments.clone(),
        tone: order.tone.clone(),
        purpose: order.purpose.clone(),
        reference_id: order.reference_id,
        extra: order.extra.clone(),
    };
    let Ok(Value::Object(mut top)) = serde_json::to_value(&rest) else {
        return None;
    };
    // `jobs` must be the empty map `rest` wrote, and first (an extra field named `jobs`
    // replaces the jobs in the whole order's tree).
    if order.extra.contains_key("jobs") || top.keys().next().map(String::as_str) != Some("jobs") {
        return None;
    }
    match top.shift_remove("jobs") {
        Some(Value::Object(m)) if m.is_empty() => {}
        _ => return None,
    }
    // No other row of the generic checks applies: `jobs` is the only required param
    // (present) and the order has no id lists.
    let texts: usize = order
        .jobs
        .iter()
        .map(|(k, j)| {
            k.len()
                + [
                    &j.body_src,
                    &j.custom_data,
                    &j.comment,
                    &j.slug,
                    &j.callback_url,
                ]
                .into_iter()
                .flatten()
                .map(String::len)
                .sum::<usize>()
        })
        .sum();
    let mut w = OrderForm::new(3 * texts + 512 * order.jobs.len() + 4096);
    for (key, job) in &order.jobs {
        w.job(key, crate::fields::FieldList::of(job)?)?;
    }
    w.finish(top)
}

/// Writes an order's `data` straight into its form encoding, a job at a time, so neither
/// the whole order's tree nor its JSON text exists: `data=` and the percent-encoded
/// `{"jobs":{...},<order-level fields>}`. Each job is checked by the same rule as the tree
/// path's ([`validate::order_job`]).
struct OrderForm {
    form: Vec<u8>,
    scratch: Vec<u8>,
    jobs: usize,
}

impl OrderForm {
    /// `capacity` is reserved generously: capacity that is never written costs no memory.
    fn new(capacity: usize) -> OrderForm {
        let mut w = OrderForm {
            form: Vec::with_capacity(capacity),
            scratch: Vec::with_capacity(1024),
            jobs: 0,
        };
        w.form.extend_from_slice(b"data=");
        w.put_scratch_of(b"{\"jobs\":{");
        w
    }

    fn put_scratch_of(&mut self, text: &[u8]) {
        form_bytes_into(&mut self.form, text);
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.scratch);
        self.put_scratch_of(&text);
        self.scratch = text;
        self.scratch.clear();
    }

    /// One job: checked (and normalised) as the tree path does, then written.
    fn job<F: crate::fields::Fields + serde::Serialize>(
        &mut self,
        key: &str,
        mut job: F,
    ) -> Option<()> {
        validate::order_job(&mut job, key).ok()?;
        if self.jobs > 0 {
            self.scratch.push(b',');
        }
        serde_json::to_writer(&mut self.scratch, key).ok()?;
        self.scratch.push(b':');
        serde_json::to_writer(&mut self.scratch, &job).ok()?;
        self.flush();
        self.jobs += 1;
        Some(())
    }

    /// The order-level fields (checked here, as the tree path checks them) after the jobs;
    /// the request.
    fn finish(mut self, mut top: Map<String, Value>) -> Option<Prepared> {
        if self.jobs == 0 {
            return None;
        }
        check_reserved(&top).ok()?;
        validate::order_fields(&mut top).ok()?;
        self.scratch.push(b'}');
        for (k, v) in &top {
            self.scratch.push(b',');
            serde_json::to_writer(&mut self.scratch, k).ok()?;
            self.scratch.push(b':');
            serde_json::to_writer(&mut self.scratch, v).ok()?;
        }
        self.scratch.push(b'}');
        self.flush();
        let op = &crate::ops::ORDER_JOBS;
        Some(Prepared {
            op,
            path: op.path.to_string(),
            query: Vec::new(),
            data: None,
            data_json: None,
            data_form: Some(self.form),
            files: Vec::new(),
        })
    }
}

/// `order_jobs` params fed a job at a time (a binding walking its own objects, or a
/// stream of JSON text), written straight into the request without a tree of the whole
/// order. Each job goes through the same rules as [`prepare`]'s; the order-level fields
/// come last, to [`OrderStream::finish`]. Any `None` means the tree path must decide
/// (the caller then prepares the whole params the usual way, which gives the error): a
/// job that is not an object, a repeated key, no jobs, a rule refusing. `Some` from
/// `finish` is the request [`prepare`] + [`Prepared::freeze`] give for params whose first
/// key is `jobs` (the jobs in the order fed) followed by the order-level fields, byte for
/// byte.
pub struct OrderStream {
    form: OrderForm,
    keys: std::collections::HashSet<String>,
}

impl OrderStream {
    /// Whether the operation named `name` (canonical or official alias) is the one an
    /// `OrderStream` prepares (`order_jobs`): bindings ask this before streaming params.
    pub fn applies_to(name: &str) -> bool {
        crate::ops::find(name).is_some_and(|op| op.name == crate::ops::ORDER_JOBS.name)
    }

    /// A stream for an order of about `size_hint` bytes of JSON (capacity only).
    pub fn new(size_hint: usize) -> OrderStream {
        OrderStream {
            form: OrderForm::new(size_hint.saturating_mul(2).saturating_add(4096)),
            keys: std::collections::HashSet::new(),
        }
    }

    /// The next job, under its caller-chosen key: checked, normalised and written.
    pub fn job(&mut self, key: String, job: Value) -> Option<()> {
        let Value::Object(job) = job else {
            return None;
        };
        self.job_fields(key, job)
    }

    /// [`OrderStream::job`] for a job given as its fields in order (as a binding walking
    /// its own object has them): no map is built for it.
    pub fn job_fields(
        &mut self,
        key: String,
        fields: impl IntoIterator<Item = (String, Value)>,
    ) -> Option<()> {
        self.job_list(key, crate::fields::FieldList::from_entries(fields))
    }

    fn job_list(&mut self, key: String, job: crate::fields::FieldList) -> Option<()> {
        self.form.job(&key, job)?;
        self.keys.insert(key).then_some(())
    }

    /// The order-level fields (everything but `jobs`, in the params' order): checked as
    /// the tree path checks them; the request.
    pub fn finish(self, rest: Map<String, Value>) -> Option<Prepared> {
        if rest.contains_key("jobs") {
            return None;
        }
        self.form.finish(rest)
    }
}

/// `order_jobs` params given as JSON text (the C ABI), without a tree of the whole order:
/// read as a stream into an [`OrderStream`]. `None` whenever the tree path must decide:
/// not JSON, `jobs` not the first key or not an object of job objects, no jobs, a repeated
/// key, any rule refusing (the tree path then gives the error). `Some` is the request
/// [`prepare`] + [`Prepared::freeze`] give for the parsed text, byte for byte.
pub fn prepare_order_json(text: &str) -> Option<Prepared> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};

    struct Top<'a>(&'a mut Option<OrderStream>, usize);
    struct Jobs<'a>(&'a mut OrderStream);

    fn bail<E: serde::de::Error>() -> E {
        E::custom(crate::lenient::BAIL)
    }

    impl<'de> DeserializeSeed<'de> for Jobs<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Jobs<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("jobs keyed by the caller's keys")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
            while let Some(k) = map.next_key::<String>()? {
                let job = map.next_value::<crate::fields::FieldList>()?;
                self.0.job_list(k, job).ok_or_else(bail)?;
            }
            Ok(())
        }
    }
    impl<'de> Visitor<'de> for Top<'_> {
        type Value = Map<String, Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("order params")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Map<String, Value>, A::Error> {
            if map.next_key::<String>()?.as_deref() != Some("jobs") {
                return Err(bail());
            }
            let mut w = OrderStream::new(self.1);
            map.next_value_seed(Jobs(&mut w))?;
            *self.0 = Some(w);
            let mut top = Map::new();
            while let Some(k) = map.next_key::<String>()? {
                let v: Value = map.next_value()?;
                if k == "jobs" || top.insert(k, v).is_some() {
                    return Err(bail());
                }
            }
            Ok(top)
        }
    }

    let mut w = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let top = (&mut de).deserialize_map(Top(&mut w, text.len())).ok()?;
    de.end().ok()?;
    w?.finish(top)
}

/// The URL of `path` under the config's base URL and the operation's version.
pub fn url_for(config: &Config, op: &Operation, path: &str) -> String {
    let version = if op.legacy {
        ApiVersion::V1_1
    } else {
        config.api_version
    };
    let base = &config.base_url;
    if base.contains("{version}") {
        format!("{}/{path}", base.replace("{version}", version.as_str()))
    } else {
        format!("{base}/{}/{path}", version.as_str())
    }
}

/// Appends `bytes` form-urlencoded exactly as [`form_urlencoded::byte_serialize`] writes
/// them (ASCII letters, digits and `*-._` as themselves, space as `+`, any other byte as
/// `%XX`), a byte at a time into reserved space. `byte_serialize` yields a slice per
/// escaped byte, and copying those one by one was a third of a large order's encoding
/// (measured); the small params keep `form_urlencoded` itself, and the wire tests check the
/// two agree (frozen requests use this, unfrozen ones `form_urlencoded`).
fn form_bytes_into(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    const fn kept(b: u8) -> bool {
        b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_')
    }
    static KEPT: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = kept(i as u8);
            i += 1;
        }
        t
    };
    out.reserve(bytes.len() + bytes.len() / 2);
    // A chunk at a time through a buffer on the stack: one copy per chunk, not per byte.
    let mut buf = [0u8; 3 * 256];
    for chunk in bytes.chunks(256) {
        let mut n = 0;
        for &b in chunk {
            if KEPT[usize::from(b)] {
                buf[n] = b;
                n += 1;
            } else if b == b' ' {
                buf[n] = b'+';
                n += 1;
            } else {
                buf[n..n + 3].copy_from_slice(&[
                    b'%',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 15)],
                ]);
                n += 3;
            }
        }
        out.extend_from_slice(&buf[..n]);
    }
}

/// The URL a same-origin redirect of `original` (a GET or DELETE) is followed to: the
/// redirect's `target` with the call's authentication again, as `original` carried it
/// (`api_key`, then a fresh `ts` and `api_sig`), whatever the `Location` said of them.
/// A bearer token travels in the request's headers, which are sent again as they are.
pub(crate) fn reauthenticate(config: &Config, original: &str, target: &str) -> String {
    let query_of = |u: &str| -> Vec<(String, String)> {
        let u = u.split('#').next().unwrap_or_default();
        u.split_once('?')
            .map(|(_, q)| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default()
    };
    let had = query_of(original);
    let has = |k: &str| had.iter().any(|(n, _)| n == k);
    let base = target.split(['?', '#']).next().unwrap_or_default();
    let mut pairs: Vec<(String, String)> = query_of(target)
        .into_iter()
        .filter(|(k, _)| !RESERVED_PARAMS.contains(&k.as_str()))
        .collect();
    if has("api_key")
        && let Some(k) = &config.public_key
    {
        pairs.push(("api_key".into(), k.clone()));
    }
    if has("api_sig")
        && let Some((ts, sig)) = config.signature(config.clock.now())
    {
        pairs.push(("ts".into(), ts));
        pairs.push(("api_sig".into(), sig));
    }
    if pairs.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", form_encode(&pairs))
    }
}

fn form_encode(pairs: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

fn quote_header_value(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "%22")
        .replace(['\r', '\n'], " ")
}

/// Encodes a multipart/form-data body.
pub fn multipart(boundary: &str, fields: &[(String, String)], files: &[FilePart]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n",
                quote_header_value(k)
            )
            .as_bytes(),
        );
        out.extend_from_slice(v.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    for f in files {
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                quote_header_value(&f.field),
                quote_header_value(&f.filename),
                f.content_type
            )
            .as_bytes(),
        );
        out.extend_from_slice(&f.bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

/// A fresh multipart boundary.
pub fn new_boundary() -> String {
    let mut s = String::from("gengo-rs-");
    for _ in 0..24 {
        s.push(fastrand::alphanumeric());
    }
    s
}

/// Builds the exact request for prepared params at time `ts`.
pub fn build(config: &Config, prepared: &Prepared, ts: u64, boundary: &str) -> Result<WireRequest> {
    let op = prepared.op;
    let mut auth: Vec<(String, String)> = Vec::new();
    let mut headers = vec![
        ("Accept".to_string(), "application/json".to_string()),
        ("User-Agent".to_string(), config.user_agent()),
    ];
    if let Some(token) = &config.access_token {
        // Token auth replaces api_key, ts and api_sig.
        headers.push((
            "Authorization".to_string(),
            format!("Bearer {}", token.expose()),
        ));
    } else if let Some(k) = &config.public_key {
        auth.push(("api_key".into(), k.clone()));
    }
    if op.signed && config.access_token.is_none() {
        let (ts, sig) = match (&config.public_key, config.signature(ts)) {
            (Some(_), Some(pair)) => pair,
            _ => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "{} is a signed call: set the public and private keys (GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY)",
                        op.name
                    ),
                ));
            }
        };
        auth.push(("ts".into(), ts));
        auth.push(("api_sig".into(), sig));
    }
    let url = url_for(config, op, &prepared.path);
    let overridden = config.method_override && matches!(op.method, Method::Put | Method::Delete);
    if op.method.uses_query() && !overridden {
        let mut pairs = prepared.query.clone();
        pairs.extend(auth);
        let q = form_encode(&pairs);
        let url = if q.is_empty() {
            url
        } else {
            format!("{url}?{q}")
        };
        return Ok(WireRequest {
            method: op.method,
            url,
            headers,
            body: Vec::new(),
        });
    }
    let mut fields = auth;
    if overridden {
        fields.push(("_method".into(), op.method.as_str().to_ascii_lowercase()));
        // an overridden DELETE carries its query parameters as form fields
        fields.extend(prepared.query.iter().cloned());
    }
    let body = if prepared.files.is_empty() {
        headers.push((
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
        let mut body = form_encode(&fields).into_bytes();
        if let Some(form) = &prepared.data_form {
            body.reserve_exact(form.len() + 1);
            if !body.is_empty() {
                body.push(b'&');
            }
            body.extend_from_slice(form);
        } else if let Some(text) = prepared.data_text() {
            // `data` goes last, percent-encoded straight into the body (the same bytes as
            // one more `append_pair`, without the copies).
            body.reserve(text.len() + text.len() / 2 + 6);
            if !body.is_empty() {
                body.push(b'&');
            }
            body.extend_from_slice(b"data=");
            for chunk in form_urlencoded::byte_serialize(text.as_bytes()) {
                body.extend_from_slice(chunk.as_bytes());
            }
        }
        body
    } else {
        if let Some(text) = prepared.data_text() {
            fields.push(("data".into(), text.into_owned()));
        }
        headers.push((
            "Content-Type".into(),
            format!("multipart/form-data; boundary={boundary}"),
        ));
        multipart(boundary, &fields, &prepared.files)
    };
    Ok(WireRequest {
        method: if overridden { Method::Post } else { op.method },
        url,
        headers,
        body,
    })
}

#[cfg(test)]
mod form_tests {
    /// Every byte, alone and in runs, encodes as `form_urlencoded` encodes it.
    #[test]
    fn form_bytes_match_form_urlencoded() {
        let all: Vec<u8> = (0..=255u8).collect();
        let mut inputs: Vec<Vec<u8>> = all.iter().map(|b| vec![*b]).collect();
        inputs.push(all.clone());
        inputs.push("{\"jobs\":{\"k é\":{\"body_src\":\"a+b=c&d %20 «x»\"}}}".into());
        inputs.push(Vec::new());
        for input in inputs {
            let mut ours = b"data=".to_vec();
            super::form_bytes_into(&mut ours, &input);
            let theirs: String = form_urlencoded::byte_serialize(&input).collect();
            assert_eq!(
                ours,
                [b"data=".as_slice(), theirs.as_bytes()].concat(),
                "{input:?}"
            );
        }
    }
}
