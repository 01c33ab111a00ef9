//! One error type for every failure, with a stable kind that the bindings reuse.
//!
//! Nothing the server said is lost: an API error keeps its code, message and HTTP
//! status; a multi-job error keeps every code of every job key; a non-JSON body keeps
//! its status and a short snippet. Messages never contain the private key or `api_sig`.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde_json::{Map, Value, json};

/// Defines [`ErrorKind`] from one table: each kind's number, name, CamelCase class name,
/// parent, documentation and the fields of the error JSON it carries besides the common
/// ones. Every binding's exceptions are generated from this table (tools/gengo-bindgen),
/// or, in Ruby, built from it at load (`gengo_error_kinds()`).
macro_rules! error_kinds {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $number:literal, $name:literal, parent: $parent:expr, carries: [$(($field:literal, $ftype:literal, $fdoc:literal)),*];
    )*) => {
        /// What went wrong, as a stable name and number shared by every binding.
        ///
        /// The numbers are part of the C ABI (`gengo_status`) and never change meaning;
        /// new kinds get new numbers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in number order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant),*];

            /// The stable snake_case name (`"api"`, `"multi_job"`, ...).
            pub fn name(self) -> &'static str {
                match self { $(ErrorKind::$variant => $name,)* }
            }

            /// The stable number (1-based; 0 means success in the C ABI).
            pub fn number(self) -> u32 {
                match self { $(ErrorKind::$variant => $number,)* }
            }

            /// The kind's name in CamelCase (`MultiJob`), which each binding dresses in its
            /// own convention (`GengoMultiJobError`, `GengoRs\\MultiJobException`,
            /// `GengoRs::MultiJobError`).
            pub fn class_name(self) -> &'static str {
                match self { $(ErrorKind::$variant => stringify!($variant),)* }
            }

            /// The kind this one specialises, if any. Every binding's exception hierarchy
            /// has exactly these parents (the rest sit directly under the root error).
            pub fn parent(self) -> Option<ErrorKind> {
                match self { $(ErrorKind::$variant => $parent,)* }
            }

            /// One line of documentation (each binding's exception class carries it).
            pub fn doc(self) -> &'static str {
                match self { $(ErrorKind::$variant => concat!($($doc),*).trim_ascii(),)* }
            }

            /// The fields of the error JSON this kind carries besides the common ones:
            /// `(name, type, doc)`, type `str` or `float` (each binding has an accessor).
            pub fn carries(self) -> &'static [(&'static str, &'static str, &'static str)] {
                match self { $(ErrorKind::$variant => &[$(($field, $ftype, $fdoc)),*],)* }
            }
        }
    };
}

error_kinds! {
    /// The caller passed something unusable: an unknown operation, params that are not
    /// an object, a config that cannot be built.
    InvalidArgument = 1, "invalid_argument", parent: None, carries: [];
    /// Input rejected locally before any request was sent (no credits spent).
    Validation = 2, "validation", parent: None,
        carries: [("field", "str", "the offending field, with its path (jobs.job_1.tier)")];
    /// The API answered `opstat: error` with a single error.
    Api = 3, "api", parent: None, carries: [];
    /// Authentication failed (API codes 1000 to 1201).
    Auth = 4, "auth", parent: Some(ErrorKind::Api), carries: [];
    /// The API answered with per-job errors (keyed by the caller's job keys).
    MultiJob = 5, "multi_job", parent: Some(ErrorKind::Api), carries: [];
    /// The server throttled the client (HTTP 429), or the client's own rate limit did.
    RateLimited = 6, "rate_limited", parent: None,
        carries: [("retry_after", "float", "seconds to wait before trying again")];
    /// The connection failed (refused, reset, DNS, protocol).
    Transport = 7, "transport", parent: None, carries: [];
    /// The connect or whole-call deadline passed.
    Timeout = 8, "timeout", parent: Some(ErrorKind::Transport), carries: [];
    /// The TLS handshake failed (for example, an untrusted certificate).
    Tls = 9, "tls", parent: Some(ErrorKind::Transport), carries: [];
    /// A response (or a callback) could not be decoded into the expected shape.
    Decode = 10, "decode", parent: None, carries: [];
    /// A non-JSON (or unrecognised) body with an HTTP error status.
    Http = 11, "http", parent: None, carries: [];
    /// A local file could not be read (file quotes, comment attachments).
    Io = 12, "io", parent: None, carries: [];
}

impl ErrorKind {
    /// The kind with this name, if any.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        Self::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// The kind with this number, if any.
    pub fn from_number(n: u32) -> Option<ErrorKind> {
        Self::ALL.iter().copied().find(|k| k.number() == n)
    }

    /// The `gengo` command's exit status for this kind: 2 for bad input (nothing was
    /// sent), 3 for the network (and throttling), 1 for what the API answered.
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::InvalidArgument | ErrorKind::Validation | ErrorKind::Io => 2,
            ErrorKind::Transport | ErrorKind::Timeout | ErrorKind::Tls | ErrorKind::RateLimited => {
                3
            }
            _ => 1,
        }
    }

    /// Every kind as JSON, in number order: `[{name, number, class, parent, exit_code,
    /// doc, carries}]` (what `gengo_error_kinds()` returns and each binding builds or
    /// checks its exceptions from).
    pub fn describe_all() -> Value {
        Value::Array(
            Self::ALL
                .iter()
                .map(|k| {
                    json!({
                        "name": k.name(),
                        "number": k.number(),
                        "class": k.class_name(),
                        "parent": k.parent().map(ErrorKind::name),
                        "exit_code": k.exit_code(),
                        "doc": k.doc(),
                        "carries": k.carries().iter().map(|(n, t, d)| json!({"name": n, "type": t, "doc": d})).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One `{code, msg}` entry of a per-job error list (or of a failed quote entry).
#[derive(Debug, Clone, PartialEq)]
pub struct JobError {
    /// The numeric code, when the server sent one (strings such as `"1350"` are parsed).
    pub code: Option<i64>,
    /// The message text (empty when the server sent none).
    pub message: String,
    /// The entry exactly as the server sent it.
    pub raw: Value,
}

/// The single error type of gengo-core (one pointer wide, so `Result`s stay small).
#[derive(Debug)]
pub struct Error(Box<Repr>);

#[derive(Debug)]
struct Repr {
    kind: ErrorKind,
    message: String,
    code: Option<i64>,
    http_status: Option<u16>,
    job_errors: BTreeMap<String, Vec<JobError>>,
    field: Option<String>,
    retry_after: Option<Duration>,
    path: Option<String>,
    snippet: Option<String>,
    raw: Option<Value>,
    retryable: bool,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// A new error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Repr {
            kind,
            message: message.into(),
            code: None,
            http_status: None,
            job_errors: BTreeMap::new(),
            field: None,
            retry_after: None,
            path: None,
            snippet: None,
            raw: None,
            retryable: false,
            source: None,
        }))
    }

    /// A validation error about `field`.
    pub fn validation(field: impl Into<String>, reason: impl Into<String>) -> Self {
        let field = field.into();
        let reason = reason.into();
        let mut e = Error::new(ErrorKind::Validation, format!("{field}: {reason}"));
        e.0.field = Some(field);
        e
    }

    /// An invalid-argument error.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// A decode error at a JSON path, with a short snippet of the body.
    pub fn decode(path: impl Into<String>, message: impl Into<String>, body: &[u8]) -> Self {
        let path = path.into();
        let mut e = Error::new(
            ErrorKind::Decode,
            format!("cannot decode {path}: {}", message.into()),
        );
        e.0.path = Some(path);
        e.0.snippet = Some(snippet(body));
        e
    }

    pub(crate) fn with_code(mut self, code: Option<i64>) -> Self {
        self.0.code = code;
        self
    }
    pub(crate) fn with_status(mut self, status: Option<u16>) -> Self {
        self.0.http_status = status;
        self
    }
    pub(crate) fn with_snippet(mut self, body: &[u8]) -> Self {
        self.0.snippet = Some(snippet(body));
        self
    }
    pub(crate) fn with_raw(mut self, raw: Value) -> Self {
        self.0.raw = Some(raw);
        self
    }
    pub(crate) fn with_retryable(mut self, retryable: bool) -> Self {
        self.0.retryable = retryable;
        self
    }
    pub(crate) fn with_retry_after(mut self, d: Option<Duration>) -> Self {
        self.0.retry_after = d;
        self
    }
    pub(crate) fn with_job_errors(mut self, errs: BTreeMap<String, Vec<JobError>>) -> Self {
        self.0.job_errors = errs;
        self
    }
    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.0.source = Some(Box::new(source));
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    /// The human-readable message (never contains secrets).
    pub fn message(&self) -> &str {
        &self.0.message
    }
    /// The Gengo error code (`err.code`), or for a multi-job error the first code.
    pub fn code(&self) -> Option<i64> {
        self.0.code
    }
    /// The HTTP status of the response, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        self.0.http_status
    }
    /// Every per-job error, keyed by the caller's job key (empty unless multi-job).
    pub fn job_errors(&self) -> &BTreeMap<String, Vec<JobError>> {
        &self.0.job_errors
    }
    /// The offending field of a validation error.
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }
    /// The server's `Retry-After` for a rate-limited error.
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }
    /// The JSON path that failed to decode.
    pub fn path(&self) -> Option<&str> {
        self.0.path.as_deref()
    }
    /// A short snippet of the body behind a decode or HTTP error.
    pub fn snippet(&self) -> Option<&str> {
        self.0.snippet.as_deref()
    }
    /// The `err` value exactly as the server sent it, for API errors.
    pub fn raw(&self) -> Option<&Value> {
        self.0.raw.as_ref()
    }

    /// Whether the server said the resource does not exist: code 404 (a number or the
    /// string `"404"`, as Gengo sends both) or HTTP 404. Every binding exposes the same
    /// predicate (`not_found` in the error JSON).
    pub fn is_not_found(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Api | ErrorKind::Http)
            && (self.0.code == Some(404) || self.0.http_status == Some(404))
    }

    /// Whether the same call may be made again: it failed for a reason that can pass
    /// (rate limited; a connection failure or timeout; HTTP 500, 502, 503 or 504), and
    /// repeating it cannot order or change anything twice: GET and DELETE, or any method
    /// when the request provably never reached Gengo (connection refused, the client's
    /// own rate limit, a 429). A POST or PUT whose answer was lost is never retryable:
    /// the order may have been placed. Everything the server or the client refused on
    /// its merits (validation, API errors, auth, decode) is not. Every binding exposes it
    /// (`retryable` in the error JSON).
    pub fn is_retryable(&self) -> bool {
        self.0.retryable
    }

    /// Replaces every occurrence of each secret (a signature that was sent, the private
    /// key, a bearer token) by `<redacted>` in everything this error carries: message,
    /// snippet, raw body, per-job messages and the source chain. A server or proxy that
    /// echoes the request must not make the library hand secrets back to the caller.
    pub(crate) fn redact(mut self, secrets: &[&str]) -> Self {
        let secrets: Vec<&str> = secrets.iter().copied().filter(|s| s.len() >= 4).collect();
        if secrets.is_empty() {
            return self;
        }
        let r = &mut *self.0;
        scrub(&mut r.message, &secrets);
        if let Some(s) = &mut r.snippet {
            scrub(s, &secrets);
        }
        if let Some(f) = &mut r.field {
            scrub(f, &secrets);
        }
        if let Some(v) = &mut r.raw {
            scrub_json(v, &secrets);
        }
        for errs in r.job_errors.values_mut() {
            for e in errs {
                scrub(&mut e.message, &secrets);
                scrub_json(&mut e.raw, &secrets);
            }
        }
        let keys: Vec<String> = r.job_errors.keys().cloned().collect();
        for k in keys {
            if secrets.iter().any(|s| k.contains(s)) {
                let mut clean = k.clone();
                scrub(&mut clean, &secrets);
                if let Some(v) = r.job_errors.remove(&k) {
                    r.job_errors.insert(clean, v);
                }
            }
        }
        if let Some(src) = &r.source {
            let text = format!("{src} {src:?}");
            if secrets.iter().any(|s| text.contains(s)) {
                let mut shown = src.to_string();
                scrub(&mut shown, &secrets);
                r.source = Some(Box::new(Redacted(shown)));
            }
        }
        self
    }

    /// Every code this error carries: the single code, or all per-job codes.
    pub fn codes(&self) -> Vec<i64> {
        let mut out: Vec<i64> = self.0.code.into_iter().collect();
        for errs in self.0.job_errors.values() {
            for e in errs {
                if let Some(c) = e.code
                    && !out.contains(&c)
                {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The error as JSON, the shape every binding exposes:
    /// `{"kind", "kind_code", "message", "code", "http_status", "job_errors", ...}`.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("kind".into(), json!(self.0.kind.name()));
        m.insert("kind_code".into(), json!(self.0.kind.number()));
        m.insert("message".into(), json!(self.0.message));
        m.insert("code".into(), json!(self.0.code));
        m.insert("http_status".into(), json!(self.0.http_status));
        m.insert("not_found".into(), json!(self.is_not_found()));
        m.insert("retryable".into(), json!(self.0.retryable));
        let mut jobs = Map::new();
        for (k, errs) in &self.0.job_errors {
            let list: Vec<Value> = errs
                .iter()
                .map(|e| json!({"code": e.code, "message": e.message}))
                .collect();
            jobs.insert(k.clone(), Value::Array(list));
        }
        m.insert("job_errors".into(), Value::Object(jobs));
        if let Some(f) = &self.0.field {
            m.insert("field".into(), json!(f));
        }
        if let Some(d) = self.0.retry_after {
            m.insert("retry_after".into(), json!(d.as_secs_f64()));
        }
        if let Some(p) = &self.0.path {
            m.insert("path".into(), json!(p));
        }
        if let Some(s) = &self.0.snippet {
            m.insert("snippet".into(), json!(s));
        }
        if let Some(r) = &self.0.raw {
            m.insert("raw".into(), r.clone());
        }
        Value::Object(m)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.kind)?;
        if let Some(code) = self.0.code {
            write!(f, " {code}")?;
        }
        if let Some(status) = self.0.http_status {
            write!(f, " (HTTP {status})")?;
        }
        write!(f, ": {}", self.0.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The result type of gengo-core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A source error whose text held a secret, kept as its redacted text.
#[derive(Debug)]
struct Redacted(String);

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Redacted {}

fn scrub(text: &mut String, secrets: &[&str]) {
    for s in secrets {
        if text.contains(s) {
            *text = text.replace(s, "<redacted>");
        }
    }
}

fn scrub_json(v: &mut Value, secrets: &[&str]) {
    match v {
        Value::String(s) => scrub(s, secrets),
        Value::Array(a) => a.iter_mut().for_each(|x| scrub_json(x, secrets)),
        Value::Object(o) => {
            let dirty = o.keys().any(|k| secrets.iter().any(|s| k.contains(s)));
            if dirty {
                let old = std::mem::take(o);
                for (mut k, x) in old {
                    scrub(&mut k, secrets);
                    o.insert(k, x);
                }
            }
            o.values_mut().for_each(|x| scrub_json(x, secrets));
        }
        _ => {}
    }
}

/// Shows a config value in an error message only when it is short; anything longer
/// (which may be a key pasted into the wrong field) is described, never echoed.
pub(crate) fn shown(value: &str) -> String {
    let n = value.chars().count();
    if n <= 12 && !value.chars().any(char::is_control) {
        format!("{value:?}")
    } else {
        format!("a value of {n} characters (not shown)")
    }
}

/// A caller-supplied name, truncated for an error message.
pub(crate) fn truncated(name: &str) -> String {
    const MAX: usize = 64;
    if name.chars().count() <= MAX {
        format!("{name:?}")
    } else {
        let head: String = name.chars().take(MAX).collect();
        format!("{head:?}… ({} characters)", name.chars().count())
    }
}

/// At most 200 characters of a body, lossily decoded, for error messages.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(400)]);
    let mut s: String = text.chars().take(200).collect();
    if text.chars().count() > 200 || body.len() > 400 {
        s.push('…');
    }
    s
}
