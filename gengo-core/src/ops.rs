//! The one table of Gengo operations.
//!
//! Each operation is named once: canonical snake_case name, the official clients'
//! camelCase alias, HTTP method, path template, whether it is signed, how its
//! parameters travel, whether it is legacy (v1.1), and how its response is typed.
//! The typed client methods, the JSON dispatcher, the C ABI, the Python wheel, the CLI
//! and the sandbox's router all read this table.

use serde_json::{Value, json};

use crate::lenient::Lenient;
use crate::models::{self, decode};
use crate::{Result, validate};

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
    /// Anything else: checked by the operation's validator, if at all.
    Value,
}

impl ParamKind {
    /// The kind's name (`id`, `id_list`, `value`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParamKind::Id => "id",
            ParamKind::IdList => "id_list",
            ParamKind::Value => "value",
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

/// How a response body is read.
#[derive(Debug, Clone, Copy)]
pub enum ResponseKind {
    /// A JSON envelope; the function normalises its `response` payload.
    Json(fn(&Value) -> Result<Value>),
    /// Raw bytes (glossary download, job preview).
    Bytes,
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
    /// The key of the payload the typed result sits under (`job` for `get_job`).
    pub unwrap: Option<&'static str>,
    /// The typed result, as the bindings name it: a model (`Job`), a list (`[Job]`), a
    /// map of models by the caller's keys (`{QuoteEntry}`), an optional model
    /// (`Order?`), `ack` (nothing), `bytes` or `json` (as sent).
    pub result: &'static str,
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
                       "location": p.location.as_str(), "kind": p.kind.as_str(), "doc": p.doc})
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
            "result": self.result,
            "unwrap": self.unwrap,
            "renames": self.renames.iter().map(|(o, n)| json!({"official": o, "name": n})).collect::<Vec<_>>(),
            "uploads": match self.uploads { Uploads::None => "none", Uploads::Files => "files", Uploads::QuoteFiles => "quote_files" },
            "params": params,
            "doc": self.doc,
        })
    }
}

fn norm<T: Lenient>(v: &Value) -> Result<Value> {
    Ok(decode::<T>(
        v,
        std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or("value"),
    )?
    .to_json())
}

/// Responses that are usually `{}` but may be anything (`""`, missing, an order).
fn norm_ack(v: &Value) -> Result<Value> {
    match v {
        Value::Null => Ok(json!({})),
        Value::String(s) if s.is_empty() => Ok(json!({})),
        Value::Object(_) => norm::<models::Ack>(v),
        other => Ok(other.clone()),
    }
}

/// `cancel_order`: `{}` on older servers, `{"order": ...}` on later ones (D6).
fn norm_order_or_ack(v: &Value) -> Result<Value> {
    match v {
        Value::Object(o) if o.contains_key("order") => norm::<models::OrderEnvelope>(v),
        _ => norm_ack(v),
    }
}

fn norm_raw(v: &Value) -> Result<Value> {
    Ok(v.clone())
}

const fn p(name: &'static str, required: bool, location: Location, doc: &'static str) -> Param {
    Param {
        name,
        required,
        location,
        kind: ParamKind::Value,
        doc,
    }
}

const fn id(name: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        required: true,
        location: Path,
        kind: ParamKind::Id,
        doc,
    }
}

const fn ids(name: &'static str, location: Location, doc: &'static str) -> Param {
    Param {
        name,
        required: true,
        location,
        kind: ParamKind::IdList,
        doc,
    }
}

use Location::{Data, Files, Path, Query};

const ID: Param = id("id", "job id");
const ORDER_ID: Param = id("id", "order id");
const GLOSSARY_ID: Param = id("id", "glossary id");

/// `account_stats`.
pub const ACCOUNT_STATS: Operation = Operation {
    name: "account_stats",
    alias: Some("getAccountStats"),
    method: Method::Get,
    path: "account/stats",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "AccountStats",
    response: ResponseKind::Json(norm::<models::AccountStats>),
    doc: "Account statistics: credits spent, customer since.",
};

/// `account_balance`.
pub const ACCOUNT_BALANCE: Operation = Operation {
    name: "account_balance",
    alias: Some("getAccountBalance"),
    method: Method::Get,
    path: "account/balance",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "Balance",
    response: ResponseKind::Json(norm::<models::Balance>),
    doc: "Credits available.",
};

/// `account_me`.
pub const ACCOUNT_ME: Operation = Operation {
    name: "account_me",
    alias: Some("getAccountMe"),
    method: Method::Get,
    path: "account/me",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "Me",
    response: ResponseKind::Json(norm::<models::Me>),
    doc: "The account's own details.",
};

/// `preferred_translators`.
pub const PREFERRED_TRANSLATORS: Operation = Operation {
    name: "preferred_translators",
    alias: Some("getPreferredTranslators"),
    method: Method::Get,
    path: "account/preferred_translators",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "[PreferredTranslators]",
    response: ResponseKind::Json(norm::<Vec<models::PreferredTranslators>>),
    doc: "Preferred translators by pair and tier.",
};

/// `get_job`.
pub const GET_JOB: Operation = Operation {
    name: "get_job",
    alias: Some("getTranslationJob"),
    method: Method::Get,
    path: "translate/job/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[
        ID,
        p(
            "pre_mt",
            false,
            Query,
            "1: machine translation while the human one is not ready",
        ),
    ],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("job"),
    result: "Job",
    response: ResponseKind::Json(norm::<models::JobEnvelope>),
    doc: "One job.",
};

/// `update_job`.
pub const UPDATE_JOB: Operation = Operation {
    name: "update_job",
    alias: Some("updateTranslationJob"),
    method: Method::Put,
    path: "translate/job/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[
        ID,
        p("action", true, Data, "approve, revise, reject or archive"),
        p("rating", false, Data, "approve: 1 to 5"),
        p(
            "for_translator",
            false,
            Data,
            "approve: feedback for the translator",
        ),
        p("for_mygengo", false, Data, "approve: feedback for Gengo"),
        p(
            "public",
            false,
            Data,
            "approve: 0/1, feedback may be shared",
        ),
        p("comment", false, Data, "revise/reject: the reason"),
        p(
            "reason",
            false,
            Data,
            "reject: quality, incomplete or other",
        ),
        p("follow_up", false, Data, "reject: requeue or cancel"),
        p("captcha", false, Data, "reject: captcha text (old API)"),
    ],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Approve, revise, reject or archive a job.",
};

/// `approve_job`.
pub const APPROVE_JOB: Operation = Operation {
    name: "approve_job",
    alias: None,
    method: Method::Put,
    path: "translate/job/{id}",
    signed: true,
    legacy: false,
    action: Some("approve"),
    params: &[
        ID,
        p("rating", false, Data, "1 to 5"),
        p("for_translator", false, Data, "feedback for the translator"),
        p("for_mygengo", false, Data, "feedback for Gengo"),
        p("public", false, Data, "0/1, feedback may be shared"),
    ],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Approve a reviewable job.",
};

/// `revise_job`.
pub const REVISE_JOB: Operation = Operation {
    name: "revise_job",
    alias: None,
    method: Method::Put,
    path: "translate/job/{id}",
    signed: true,
    legacy: false,
    action: Some("revise"),
    params: &[ID, p("comment", true, Data, "what to change")],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Send a reviewable job back for changes.",
};

/// `reject_job`.
pub const REJECT_JOB: Operation = Operation {
    name: "reject_job",
    alias: None,
    method: Method::Put,
    path: "translate/job/{id}",
    signed: true,
    legacy: false,
    action: Some("reject"),
    params: &[
        ID,
        p("reason", true, Data, "quality, incomplete or other"),
        p("comment", true, Data, "why"),
        p("follow_up", false, Data, "requeue (default) or cancel"),
        p("captcha", false, Data, "captcha text (old API)"),
    ],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Reject a reviewable job.",
};

/// `archive_job`.
pub const ARCHIVE_JOB: Operation = Operation {
    name: "archive_job",
    alias: None,
    method: Method::Put,
    path: "translate/job/{id}",
    signed: true,
    legacy: false,
    action: Some("archive"),
    params: &[ID],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Archive an approved job.",
};

/// `cancel_job`.
pub const CANCEL_JOB: Operation = Operation {
    name: "cancel_job",
    alias: Some("deleteTranslationJob"),
    method: Method::Delete,
    path: "translate/job/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Cancel an available job.",
};

/// `post_job_comment`.
pub const POST_JOB_COMMENT: Operation = Operation {
    name: "post_job_comment",
    alias: Some("postTranslationJobComment"),
    method: Method::Post,
    path: "translate/job/{id}/comment",
    signed: true,
    legacy: false,
    action: None,
    params: &[
        ID,
        p(
            "body",
            true,
            Data,
            "the comment (at most 25,000 characters)",
        ),
        p(
            "attachments",
            false,
            Data,
            "URL attachments: [{url, filename, mime_type}]",
        ),
        p("files", false, Files, "local files to attach (multipart)"),
    ],
    renames: &[],
    validate: validate::comment,
    uploads: Uploads::Files,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Comment on a job.",
};

/// `job_comments`.
pub const JOB_COMMENTS: Operation = Operation {
    name: "job_comments",
    alias: Some("getTranslationJobComments"),
    method: Method::Get,
    path: "translate/job/{id}/comments",
    signed: true,
    legacy: false,
    action: None,
    params: &[ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("thread"),
    result: "[Comment]",
    response: ResponseKind::Json(norm::<models::Thread>),
    doc: "A job's comment thread.",
};

/// `job_feedback`.
pub const JOB_FEEDBACK: Operation = Operation {
    name: "job_feedback",
    alias: Some("getTranslationJobFeedback"),
    method: Method::Get,
    path: "translate/job/{id}/feedback",
    signed: true,
    legacy: false,
    action: None,
    params: &[ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("feedback"),
    result: "Feedback",
    response: ResponseKind::Json(norm::<models::FeedbackEnvelope>),
    doc: "A job's feedback.",
};

/// `job_revisions`.
pub const JOB_REVISIONS: Operation = Operation {
    name: "job_revisions",
    alias: Some("getTranslationJobRevisions"),
    method: Method::Get,
    path: "translate/job/{id}/revisions",
    signed: true,
    legacy: false,
    action: None,
    params: &[ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("revisions"),
    result: "[RevisionRef]",
    response: ResponseKind::Json(norm::<models::Revisions>),
    doc: "A job's revisions.",
};

/// `job_revision`.
pub const JOB_REVISION: Operation = Operation {
    name: "job_revision",
    alias: Some("getTranslationJobRevision"),
    method: Method::Get,
    path: "translate/job/{id}/revision/{rev_id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[ID, id("rev_id", "revision id")],
    renames: &[("revision_id", "rev_id")],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("revision"),
    result: "Revision",
    response: ResponseKind::Json(norm::<models::RevisionEnvelope>),
    doc: "One revision of a job.",
};

/// `order_jobs`.
pub const ORDER_JOBS: Operation = Operation {
    name: "order_jobs",
    alias: Some("postTranslationJobs"),
    method: Method::Post,
    path: "translate/jobs",
    signed: true,
    legacy: false,
    action: None,
    params: &[
        p(
            "jobs",
            true,
            Data,
            "jobs keyed by your own keys (or a list)",
        ),
        p("as_group", false, Data, "0/1: one translator for all jobs"),
        p("comment", false, Data, "instructions for the whole order"),
        p("attachments", false, Data, "order-level URL attachments"),
        p("tone", false, Data, "tone"),
        p("purpose", false, Data, "purpose"),
        p("reference_id", false, Data, "your integer reference (>= 0)"),
        p("process", false, Data, "legacy 0/1"),
    ],
    renames: &[],
    validate: validate::order,
    uploads: Uploads::None,
    unwrap: None,
    result: "OrderReceipt",
    response: ResponseKind::Json(norm::<models::OrderReceipt>),
    doc: "Order jobs (spends credits).",
};

/// `list_jobs`.
pub const LIST_JOBS: Operation = Operation {
    name: "list_jobs",
    alias: Some("getTranslationJobs"),
    method: Method::Get,
    path: "translate/jobs",
    signed: true,
    legacy: false,
    action: None,
    params: &[
        p("status", false, Query, "only jobs in this status"),
        p(
            "timestamp_after",
            false,
            Query,
            "only jobs created after this Unix time",
        ),
        p("count", false, Query, "at most this many (1 to 200)"),
    ],
    renames: &[],
    validate: validate::list_jobs,
    uploads: Uploads::None,
    unwrap: None,
    result: "[JobSummary]",
    response: ResponseKind::Json(norm::<Vec<models::JobSummary>>),
    doc: "Recent jobs (ids and times).",
};

/// `get_jobs`.
pub const GET_JOBS: Operation = Operation {
    name: "get_jobs",
    alias: Some("getTranslationJobBatch"),
    method: Method::Get,
    path: "translate/jobs/{ids}",
    signed: true,
    legacy: false,
    action: None,
    params: &[ids("ids", Path, "job ids (list, or comma-separated)")],
    renames: &[("id", "ids")],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("jobs"),
    result: "[Job]",
    response: ResponseKind::Json(norm::<models::JobList>),
    doc: "Several jobs by id.",
};

/// `update_jobs`.
pub const UPDATE_JOBS: Operation = Operation {
    name: "update_jobs",
    alias: Some("updateTranslationJobs"),
    method: Method::Put,
    path: "translate/jobs",
    signed: true,
    legacy: false,
    action: None,
    params: &[
        p("action", true, Data, "approve, revise, reject or archive"),
        p(
            "job_ids",
            true,
            Data,
            "ids, or objects {job_id, ...fields of the action}",
        ),
        p("comment", false, Data, "default comment for revise/reject"),
    ],
    renames: &[],
    validate: validate::bulk_action,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Act on several jobs at once.",
};

/// `get_order`.
pub const GET_ORDER: Operation = Operation {
    name: "get_order",
    alias: Some("getTranslationOrderJobs"),
    method: Method::Get,
    path: "translate/order/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[ORDER_ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("order"),
    result: "Order",
    response: ResponseKind::Json(norm::<models::OrderEnvelope>),
    doc: "An order with its job ids by status.",
};

/// `cancel_order`.
pub const CANCEL_ORDER: Operation = Operation {
    name: "cancel_order",
    alias: Some("deleteTranslationOrder"),
    method: Method::Delete,
    path: "translate/order/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[ORDER_ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("order"),
    result: "Order?",
    response: ResponseKind::Json(norm_order_or_ack),
    doc: "Cancel an order's available jobs.",
};

/// `post_order_comment`.
pub const POST_ORDER_COMMENT: Operation = Operation {
    name: "post_order_comment",
    alias: Some("postOrderComment"),
    method: Method::Post,
    path: "translate/order/{id}/comment",
    signed: true,
    legacy: false,
    action: None,
    params: &[
        ORDER_ID,
        p("body", true, Data, "the comment"),
        p("attachments", false, Data, "URL attachments"),
    ],
    renames: &[],
    validate: validate::comment,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Comment on an order.",
};

/// `order_comments`.
pub const ORDER_COMMENTS: Operation = Operation {
    name: "order_comments",
    alias: Some("getOrderComments"),
    method: Method::Get,
    path: "translate/order/{id}/comments",
    signed: true,
    legacy: false,
    action: None,
    params: &[ORDER_ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: Some("thread"),
    result: "[Comment]",
    response: ResponseKind::Json(norm::<models::Thread>),
    doc: "An order's comment thread.",
};

/// `languages`.
pub const LANGUAGES: Operation = Operation {
    name: "languages",
    alias: Some("getServiceLanguages"),
    method: Method::Get,
    path: "translate/service/languages",
    signed: false,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "[Language]",
    response: ResponseKind::Json(norm::<Vec<models::Language>>),
    doc: "Languages (no keys needed).",
};

/// `language_pairs`.
pub const LANGUAGE_PAIRS: Operation = Operation {
    name: "language_pairs",
    alias: Some("getServiceLanguagePairs"),
    method: Method::Get,
    path: "translate/service/language_pairs",
    signed: false,
    legacy: false,
    action: None,
    params: &[p(
        "lc_src",
        false,
        Query,
        "only pairs from this source language",
    )],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "[LanguagePair]",
    response: ResponseKind::Json(norm::<Vec<models::LanguagePair>>),
    doc: "Language pairs with tiers and unit prices (no keys needed).",
};

/// `language_matrix`.
pub const LANGUAGE_MATRIX: Operation = Operation {
    name: "language_matrix",
    alias: Some("getServiceLanguageMatrix"),
    method: Method::Get,
    path: "translate/service/language_matrix",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "json",
    response: ResponseKind::Json(norm_raw),
    doc: "The language matrix (undocumented shape, returned as sent).",
};

/// `quote`.
pub const QUOTE: Operation = Operation {
    name: "quote",
    alias: Some("determineTranslationCost"),
    method: Method::Post,
    path: "translate/service/quote",
    signed: true,
    legacy: false,
    action: None,
    params: &[p(
        "jobs",
        true,
        Data,
        "jobs keyed by your own keys; file jobs give a local `file_path`",
    )],
    renames: &[],
    validate: validate::quote,
    uploads: Uploads::QuoteFiles,
    unwrap: Some("jobs"),
    result: "{QuoteEntry}",
    response: ResponseKind::Json(norm::<models::Quote>),
    doc: "Price text or file jobs without ordering.",
};

/// `glossaries`.
pub const GLOSSARIES: Operation = Operation {
    name: "glossaries",
    alias: Some("getGlossaryList"),
    method: Method::Get,
    path: "translate/glossary",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "[Glossary]",
    response: ResponseKind::Json(norm::<Vec<models::Glossary>>),
    doc: "The account's glossaries.",
};

/// `get_glossary`.
pub const GET_GLOSSARY: Operation = Operation {
    name: "get_glossary",
    alias: Some("getGlossary"),
    method: Method::Get,
    path: "translate/glossary/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[GLOSSARY_ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "Glossary",
    response: ResponseKind::Json(norm::<models::Glossary>),
    doc: "One glossary.",
};

/// `download_glossary`.
pub const DOWNLOAD_GLOSSARY: Operation = Operation {
    name: "download_glossary",
    alias: Some("getGlossaryFile"),
    method: Method::Get,
    path: "translate/glossary/download/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[GLOSSARY_ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "bytes",
    response: ResponseKind::Bytes,
    doc: "A glossary's file (bytes).",
};

/// `post_job`.
pub const POST_JOB: Operation = Operation {
    name: "post_job",
    alias: Some("postTranslationJob"),
    method: Method::Post,
    path: "translate/job",
    signed: true,
    legacy: true,
    action: None,
    params: &[p("job", true, Data, "one job payload")],
    renames: &[],
    validate: validate::post_job,
    uploads: Uploads::None,
    unwrap: Some("job"),
    result: "Job",
    response: ResponseKind::Json(norm::<models::JobEnvelope>),
    doc: "Legacy v1.1: order one job.",
};

/// `job_group`.
pub const JOB_GROUP: Operation = Operation {
    name: "job_group",
    alias: Some("getTranslationJobGroup"),
    method: Method::Get,
    path: "translate/jobs/group/{group_id}",
    signed: true,
    legacy: true,
    action: None,
    params: &[id("group_id", "group id")],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "JobGroup",
    response: ResponseKind::Json(norm::<models::JobGroup>),
    doc: "Legacy v1.1: the jobs of a group.",
};

/// `job_preview`.
pub const JOB_PREVIEW: Operation = Operation {
    name: "job_preview",
    alias: Some("getTranslationJobPreview"),
    method: Method::Get,
    path: "translate/job/{id}/preview",
    signed: true,
    legacy: true,
    action: None,
    params: &[ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "bytes",
    response: ResponseKind::Bytes,
    doc: "Legacy v1.1: JPEG preview of a translation (bytes).",
};

/// `cancel_jobs`.
pub const CANCEL_JOBS: Operation = Operation {
    name: "cancel_jobs",
    alias: Some("deleteTranslationJobs"),
    method: Method::Delete,
    path: "translate/jobs",
    signed: true,
    legacy: true,
    action: None,
    params: &[ids("job_ids", Query, "job ids (list, or comma-separated)")],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    unwrap: None,
    result: "ack",
    response: ResponseKind::Json(norm_ack),
    doc: "Legacy v1.1: cancel several jobs.",
};

/// Every operation, each once.
pub static OPERATIONS: &[Operation] = &[
    ACCOUNT_STATS,
    ACCOUNT_BALANCE,
    ACCOUNT_ME,
    PREFERRED_TRANSLATORS,
    GET_JOB,
    UPDATE_JOB,
    APPROVE_JOB,
    REVISE_JOB,
    REJECT_JOB,
    ARCHIVE_JOB,
    CANCEL_JOB,
    POST_JOB_COMMENT,
    JOB_COMMENTS,
    JOB_FEEDBACK,
    JOB_REVISIONS,
    JOB_REVISION,
    ORDER_JOBS,
    LIST_JOBS,
    GET_JOBS,
    UPDATE_JOBS,
    GET_ORDER,
    CANCEL_ORDER,
    POST_ORDER_COMMENT,
    ORDER_COMMENTS,
    LANGUAGES,
    LANGUAGE_PAIRS,
    LANGUAGE_MATRIX,
    QUOTE,
    GLOSSARIES,
    GET_GLOSSARY,
    DOWNLOAD_GLOSSARY,
    POST_JOB,
    JOB_GROUP,
    JOB_PREVIEW,
    CANCEL_JOBS,
];

/// Finds an operation by canonical name or official alias (camelCase, exact).
pub fn find(name: &str) -> Option<&'static Operation> {
    OPERATIONS
        .iter()
        .find(|op| op.name == name || op.alias == Some(name))
}

/// Finds an operation or returns an invalid-argument error naming the choices.
pub fn lookup(name: &str) -> Result<&'static Operation> {
    find(name).ok_or_else(|| {
        crate::Error::invalid_argument(format!(
            "unknown operation {}; list the operations with `gengo operations` (or gengo_core::ops::OPERATIONS)",
            crate::error::truncated(name)
        ))
    })
}

/// The table as a JSON list.
pub fn describe_all() -> Value {
    Value::Array(OPERATIONS.iter().map(Operation::describe).collect())
}
