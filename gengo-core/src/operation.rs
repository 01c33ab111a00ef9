//! One operation of the Gengo API as data: its method, path, parameters (where each travels
//! and what it holds), validator, uploads and result type. The table of every operation is
//! [`crate::ops`]; the validators ([`crate::validate`]), the wire encoding and the bindings
//! read rows of this type, and this module depends on none of them.

use serde_json::{Value, json};

use crate::Result;
use crate::lenient::ModelShape;
use crate::normal::Normalized;

/// An HTTP method Gengo uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name (`"GET"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
    /// Whether parameters travel in the query string (GET and DELETE).
    pub fn uses_query(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }
    /// Whether repeating the request can never double an effect.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// Substituted into the path template.
    Path,
    /// A query-string parameter (GET/DELETE).
    Query,
    /// A field of the JSON `data` form field (POST/PUT).
    Data,
    /// Local files, uploaded as multipart parts.
    Files,
}

impl Location {
    /// The location's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Data => "data",
            Location::Files => "files",
        }
    }
}

/// What kind of value a parameter holds, where the client checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A positive integer id (a number or a digit string).
    Id,
    /// A list of ids (a list, one id, or a comma-separated string), sent comma-separated.
    IdList,
    /// Anything else, of this type: checked by the operation's validator, if at all.
    Value(ValueType),
}

impl ParamKind {
    /// The kind's name (`id`, `id_list`, `value`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParamKind::Id => "id",
            ParamKind::IdList => "id_list",
            ParamKind::Value(_) => "value",
        }
    }

    /// The type of value it takes (`id`, `id_list`, or the value's type: `str`, `int`, ...).
    pub fn type_name(self) -> &'static str {
        match self {
            ParamKind::Value(t) => t.as_str(),
            other => other.as_str(),
        }
    }
}

/// The type of a [`ParamKind::Value`] parameter, for the bindings' typed signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// Text.
    Str,
    /// An integer (a count, a rating, a Unix time).
    Int,
    /// A flag (sent as 0 or 1).
    Flag,
    /// The jobs of an order or a quote, by the caller's keys.
    Jobs,
    /// One job payload.
    Job,
    /// The jobs a bulk action names: ids, or `{job_id, ...}` objects.
    JobEntries,
    /// URL attachments: `{url, filename, mime_type}` objects.
    Attachments,
    /// Local files to upload (paths).
    Files,
}

impl ValueType {
    /// `str`, `int`, `flag`, `jobs`, `job`, `job_entries`, `attachments` or `files`.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::Str => "str",
            ValueType::Int => "int",
            ValueType::Flag => "flag",
            ValueType::Jobs => "jobs",
            ValueType::Job => "job",
            ValueType::JobEntries => "job_entries",
            ValueType::Attachments => "attachments",
            ValueType::Files => "files",
        }
    }
}

/// A documented parameter of an operation. Undocumented parameters are passed
/// through too (in the query or in `data`), never dropped.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Name, as in the Gengo docs.
    pub name: &'static str,
    /// Whether the operation needs it.
    pub required: bool,
    /// Where it travels.
    pub location: Location,
    /// What it holds.
    pub kind: ParamKind,
    /// One line of documentation.
    pub doc: &'static str,
}

/// Where an operation's local files come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uploads {
    /// It uploads nothing.
    None,
    /// The `files` parameter: local paths, each a multipart part `file_attachments`.
    Files,
    /// Each job's `file_path`: one part per job, named by its `file_key`.
    QuoteFiles,
}

/// A piece of a path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// Literal text (`translate`).
    Literal(&'static str),
    /// A parameter (`{id}` gives `id`).
    Param(&'static str),
}

/// A validator: checks and normalises an operation's params before anything is sent.
pub type Validator = fn(&Operation, &mut serde_json::Map<String, Value>) -> Result<()>;

/// A model's definition, as a function (so a `const` row can name it).
pub type ModelRef = fn() -> ModelShape;

/// What an operation gives back, as the bindings type it.
#[derive(Clone, Copy)]
pub enum ResultType {
    /// Nothing (Gengo acknowledges).
    Ack,
    /// A file's bytes.
    Bytes,
    /// JSON as sent.
    Json,
    /// One record.
    One(ModelRef),
    /// One record, or nothing when the server leaves it out.
    Optional(ModelRef),
    /// A list of records.
    List(ModelRef),
    /// Records keyed by the caller's keys.
    Keyed(ModelRef),
}

impl ResultType {
    /// `ack`, `bytes`, `json`, `one`, `optional`, `list` or `keyed`.
    pub fn kind(self) -> &'static str {
        match self {
            ResultType::Ack => "ack",
            ResultType::Bytes => "bytes",
            ResultType::Json => "json",
            ResultType::One(_) => "one",
            ResultType::Optional(_) => "optional",
            ResultType::List(_) => "list",
            ResultType::Keyed(_) => "keyed",
        }
    }

    /// The model it holds, if any.
    pub fn model(self) -> Option<ModelShape> {
        match self {
            ResultType::One(m)
            | ResultType::Optional(m)
            | ResultType::List(m)
            | ResultType::Keyed(m) => Some(m()),
            _ => None,
        }
    }

    /// As JSON: `{"kind": "list", "model": "Job"}` (`model` null for ack, bytes, json).
    pub fn describe(self) -> Value {
        json!({"kind": self.kind(), "model": self.model().map(|m| m.name)})
    }
}

impl std::fmt::Display for ResultType {
    /// The short form: `Job`, `Order?`, `[Job]`, `{QuoteEntry}`, `ack`, `bytes`, `json`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.model().map(|m| m.name).unwrap_or_default();
        match self {
            ResultType::One(_) => write!(f, "{name}"),
            ResultType::Optional(_) => write!(f, "{name}?"),
            ResultType::List(_) => write!(f, "[{name}]"),
            ResultType::Keyed(_) => write!(f, "{{{name}}}"),
            other => f.write_str(other.kind()),
        }
    }
}

impl std::fmt::Debug for ResultType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ResultType({self})")
    }
}

/// How a response body is read.
#[derive(Debug, Clone, Copy)]
pub enum ResponseKind {
    /// A JSON envelope, read by the decoder.
    Json(Decoder),
    /// Raw bytes (glossary download, job preview).
    Bytes,
}

/// Reads a body (with its HTTP status) straight into its normalised form, or declines.
pub type FastDecode = fn(u16, &[u8]) -> Option<Normalized>;

/// How a JSON response is normalised: from its parsed `response` payload (always), and
/// for typed payloads also straight from the body without a tree (the fast path; it
/// gives `None` whenever only the tree reader can answer exactly).
#[derive(Debug, Clone, Copy)]
pub struct Decoder {
    /// Normalises a parsed `response` payload.
    pub tree: fn(&Value) -> Result<Value>,
    /// Reads a successful body straight into its normalised form.
    pub fast: Option<FastDecode>,
}

impl Decoder {
    /// A decoder with only the tree path.
    pub const fn tree(f: fn(&Value) -> Result<Value>) -> Decoder {
        Decoder {
            tree: f,
            fast: None,
        }
    }
}

/// One operation of the Gengo API.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// Canonical snake_case name.
    pub name: &'static str,
    /// The official clients' camelCase name, when they have one.
    pub alias: Option<&'static str>,
    /// HTTP method.
    pub method: Method,
    /// Path template below the version, for example `translate/job/{id}`.
    pub path: &'static str,
    /// Whether the call is signed (`ts` and `api_sig`).
    pub signed: bool,
    /// Legacy v1.1 operation, always sent under `/v1.1/`.
    pub legacy: bool,
    /// A fixed `action` this shortcut puts in `data` (`approve_job` sends `approve`).
    pub action: Option<&'static str>,
    /// The documented parameters.
    pub params: &'static [Param],
    /// The official clients' parameter names, each renamed to ours before anything
    /// else (`(official, ours)`).
    pub renames: &'static [(&'static str, &'static str)],
    /// Checks and normalises the params (after the generic checks of required params
    /// and ids), before anything is sent.
    pub validate: Validator,
    /// Where local files to upload come from.
    pub uploads: Uploads,
    /// Whether the params may be streamed job by job straight into the request (the
    /// fast lane of [`crate::wire::streaming`]: `order_jobs`), instead of being checked
    /// and encoded as one tree. Bindings hand their params over either way
    /// ([`crate::binding::prepare`]); this row, not the operation's name, decides.
    pub streams: bool,
    /// The key of the payload the typed result sits under (`job` for `get_job`).
    pub unwrap: Option<&'static str>,
    /// The typed result, as the bindings type it (under `unwrap`).
    pub result: ResultType,
    /// How the response is read.
    pub response: ResponseKind,
    /// One line of documentation.
    pub doc: &'static str,
}

impl Operation {
    /// The path template, split once: literals and `{name}` parameters, in order.
    pub fn segments(&self) -> impl Iterator<Item = Segment> + 'static {
        self.path.split('/').map(|part| {
            match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(name) => Segment::Param(name),
                None => Segment::Literal(part),
            }
        })
    }

    /// The documented parameter `name`, if any.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// A JSON description (for `gengo_operations`, the CLI and docs).
    pub fn describe(&self) -> Value {
        let params: Vec<Value> = self
            .params
            .iter()
            .map(|p| {
                json!({"name": p.name, "required": p.required,
                       "location": p.location.as_str(), "kind": p.kind.as_str(),
                       "type": p.kind.type_name(), "doc": p.doc})
            })
            .collect();
        json!({
            "name": self.name,
            "alias": self.alias,
            "method": self.method.as_str(),
            "path": self.path,
            "signed": self.signed,
            "legacy": self.legacy,
            "action": self.action,
            "returns": match self.response { ResponseKind::Json(_) => "json", ResponseKind::Bytes => "bytes" },
            "result": self.result.to_string(),
            "result_type": self.result.describe(),
            "unwrap": self.unwrap,
            "renames": self.renames.iter().map(|(o, n)| json!({"official": o, "name": n})).collect::<Vec<_>>(),
            "streams": self.streams,
            "uploads": match self.uploads { Uploads::None => "none", Uploads::Files => "files", Uploads::QuoteFiles => "quote_files" },
            "params": params,
            "doc": self.doc,
        })
    }
}
