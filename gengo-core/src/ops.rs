//! The one table of Gengo operations.
//!
//! Each operation is named once: canonical snake_case name, the official clients'
//! camelCase alias, HTTP method, path template, whether it is signed, how its
//! parameters travel, whether it is legacy (v1.1), and how its response is typed.
//! The typed client methods, the JSON dispatcher, the C ABI, the Python wheel, the CLI
//! and the sandbox's router all read this table.

use serde_json::{Value, json};

use crate::Result;
use crate::lenient::Lenient;
use crate::models::{self, decode};

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
    /// One line of documentation.
    pub doc: &'static str,
}

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
    /// How the response is read.
    pub response: ResponseKind,
    /// One line of documentation.
    pub doc: &'static str,
}

impl Operation {
    /// The names of the path parameters, in template order.
    pub fn path_params(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut rest = self.path;
        while let Some(start) = rest.find('{') {
            let end = start + rest[start..].find('}').expect("closed template");
            out.push(&rest[start + 1..end]);
            rest = &rest[end + 1..];
        }
        out
    }

    /// Whether the operation can upload local files.
    pub fn has_files(&self) -> bool {
        self.params.iter().any(|p| p.location == Location::Files) || self.name == "quote"
    }

    /// A JSON description (for `gengo_operations`, the CLI and docs).
    pub fn describe(&self) -> Value {
        let params: Vec<Value> = self
            .params
            .iter()
            .map(|p| {
                json!({"name": p.name, "required": p.required,
                       "location": p.location.as_str(), "doc": p.doc})
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
        doc,
    }
}

use Location::{Data, Files, Path, Query};

const ID: Param = p("id", true, Path, "job id");
const ORDER_ID: Param = p("id", true, Path, "order id");
const GLOSSARY_ID: Param = p("id", true, Path, "glossary id");

/// Every operation, each once.
pub static OPERATIONS: &[Operation] = &[
    Operation {
        name: "account_stats",
        alias: Some("getAccountStats"),
        method: Method::Get,
        path: "account/stats",
        signed: true,
        legacy: false,
        action: None,
        params: &[],
        response: ResponseKind::Json(norm::<models::AccountStats>),
        doc: "Account statistics: credits spent, customer since.",
    },
    Operation {
        name: "account_balance",
        alias: Some("getAccountBalance"),
        method: Method::Get,
        path: "account/balance",
        signed: true,
        legacy: false,
        action: None,
        params: &[],
        response: ResponseKind::Json(norm::<models::Balance>),
        doc: "Credits available.",
    },
    Operation {
        name: "account_me",
        alias: Some("getAccountMe"),
        method: Method::Get,
        path: "account/me",
        signed: true,
        legacy: false,
        action: None,
        params: &[],
        response: ResponseKind::Json(norm::<models::Me>),
        doc: "The account's own details.",
    },
    Operation {
        name: "preferred_translators",
        alias: Some("getPreferredTranslators"),
        method: Method::Get,
        path: "account/preferred_translators",
        signed: true,
        legacy: false,
        action: None,
        params: &[],
        response: ResponseKind::Json(norm::<Vec<models::PreferredTranslators>>),
        doc: "Preferred translators by pair and tier.",
    },
    Operation {
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
        response: ResponseKind::Json(norm::<models::JobEnvelope>),
        doc: "One job.",
    },
    Operation {
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
        response: ResponseKind::Json(norm_ack),
        doc: "Approve, revise, reject or archive a job.",
    },
    Operation {
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
        response: ResponseKind::Json(norm_ack),
        doc: "Approve a reviewable job.",
    },
    Operation {
        name: "revise_job",
        alias: None,
        method: Method::Put,
        path: "translate/job/{id}",
        signed: true,
        legacy: false,
        action: Some("revise"),
        params: &[ID, p("comment", true, Data, "what to change")],
        response: ResponseKind::Json(norm_ack),
        doc: "Send a reviewable job back for changes.",
    },
    Operation {
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
        response: ResponseKind::Json(norm_ack),
        doc: "Reject a reviewable job.",
    },
    Operation {
        name: "archive_job",
        alias: None,
        method: Method::Put,
        path: "translate/job/{id}",
        signed: true,
        legacy: false,
        action: Some("archive"),
        params: &[ID],
        response: ResponseKind::Json(norm_ack),
        doc: "Archive an approved job.",
    },
    Operation {
        name: "cancel_job",
        alias: Some("deleteTranslationJob"),
        method: Method::Delete,
        path: "translate/job/{id}",
        signed: true,
        legacy: false,
        action: None,
        params: &[ID],
        response: ResponseKind::Json(norm_ack),
        doc: "Cancel an available job.",
    },
    Operation {
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
        response: ResponseKind::Json(norm_ack),
        doc: "Comment on a job.",
    },
    Operation {
        name: "job_comments",
        alias: Some("getTranslationJobComments"),
        method: Method::Get,
        path: "translate/job/{id}/comments",
        signed: true,
        legacy: false,
        action: None,
        params: &[ID],
        response: ResponseKind::Json(norm::<models::Thread>),
        doc: "A job's comment thread.",
    },
    Operation {
        name: "job_feedback",
        alias: Some("getTranslationJobFeedback"),
        method: Method::Get,
        path: "translate/job/{id}/feedback",
        signed: true,
        legacy: false,
        action: None,
        params: &[ID],
        response: ResponseKind::Json(norm::<models::FeedbackEnvelope>),
        doc: "A job's feedback.",
    },
    Operation {
        name: "job_revisions",
        alias: Some("getTranslationJobRevisions"),
        method: Method::Get,
        path: "translate/job/{id}/revisions",
        signed: true,
        legacy: false,
        action: None,
        params: &[ID],
        response: ResponseKind::Json(norm::<models::Revisions>),
        doc: "A job's revisions.",
    },
    Operation {
        name: "job_revision",
        alias: Some("getTranslationJobRevision"),
        method: Method::Get,
        path: "translate/job/{id}/revision/{rev_id}",
        signed: true,
        legacy: false,
        action: None,
        params: &[ID, p("rev_id", true, Path, "revision id")],
        response: ResponseKind::Json(norm::<models::RevisionEnvelope>),
        doc: "One revision of a job.",
    },
    Operation {
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
        response: ResponseKind::Json(norm::<models::OrderReceipt>),
        doc: "Order jobs (spends credits).",
    },
    Operation {
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
        response: ResponseKind::Json(norm::<Vec<models::JobSummary>>),
        doc: "Recent jobs (ids and times).",
    },
    Operation {
        name: "get_jobs",
        alias: Some("getTranslationJobBatch"),
        method: Method::Get,
        path: "translate/jobs/{ids}",
        signed: true,
        legacy: false,
        action: None,
        params: &[p("ids", true, Path, "job ids (list, or comma-separated)")],
        response: ResponseKind::Json(norm::<models::JobList>),
        doc: "Several jobs by id.",
    },
    Operation {
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
        response: ResponseKind::Json(norm_ack),
        doc: "Act on several jobs at once.",
    },
    Operation {
        name: "get_order",
        alias: Some("getTranslationOrderJobs"),
        method: Method::Get,
        path: "translate/order/{id}",
        signed: true,
        legacy: false,
        action: None,
        params: &[ORDER_ID],
        response: ResponseKind::Json(norm::<models::OrderEnvelope>),
        doc: "An order with its job ids by status.",
    },
    Operation {
        name: "cancel_order",
        alias: Some("deleteTranslationOrder"),
        method: Method::Delete,
        path: "translate/order/{id}",
        signed: true,
        legacy: false,
        action: None,
        params: &[ORDER_ID],
        response: ResponseKind::Json(norm_order_or_ack),
        doc: "Cancel an order's available jobs.",
    },
    Operation {
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
        response: ResponseKind::Json(norm_ack),
        doc: "Comment on an order.",
    },
    Operation {
        name: "order_comments",
        alias: Some("getOrderComments"),
        method: Method::Get,
        path: "translate/order/{id}/comments",
        signed: true,
        legacy: false,
        action: None,
        params: &[ORDER_ID],
        response: ResponseKind::Json(norm::<models::Thread>),
        doc: "An order's comment thread.",
    },
    Operation {
        name: "languages",
        alias: Some("getServiceLanguages"),
        method: Method::Get,
        path: "translate/service/languages",
        signed: false,
        legacy: false,
        action: None,
        params: &[],
        response: ResponseKind::Json(norm::<Vec<models::Language>>),
        doc: "Languages (no keys needed).",
    },
    Operation {
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
        response: ResponseKind::Json(norm::<Vec<models::LanguagePair>>),
        doc: "Language pairs with tiers and unit prices (no keys needed).",
    },
    Operation {
        name: "language_matrix",
        alias: Some("getServiceLanguageMatrix"),
        method: Method::Get,
        path: "translate/service/language_matrix",
        signed: true,
        legacy: false,
        action: None,
        params: &[],
        response: ResponseKind::Json(norm_raw),
        doc: "The language matrix (undocumented shape, returned as sent).",
    },
    Operation {
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
        response: ResponseKind::Json(norm::<models::Quote>),
        doc: "Price text or file jobs without ordering.",
    },
    Operation {
        name: "glossaries",
        alias: Some("getGlossaryList"),
        method: Method::Get,
        path: "translate/glossary",
        signed: true,
        legacy: false,
        action: None,
        params: &[],
        response: ResponseKind::Json(norm::<Vec<models::Glossary>>),
        doc: "The account's glossaries.",
    },
    Operation {
        name: "get_glossary",
        alias: Some("getGlossary"),
        method: Method::Get,
        path: "translate/glossary/{id}",
        signed: true,
        legacy: false,
        action: None,
        params: &[GLOSSARY_ID],
        response: ResponseKind::Json(norm::<models::Glossary>),
        doc: "One glossary.",
    },
    Operation {
        name: "download_glossary",
        alias: Some("getGlossaryFile"),
        method: Method::Get,
        path: "translate/glossary/download/{id}",
        signed: true,
        legacy: false,
        action: None,
        params: &[GLOSSARY_ID],
        response: ResponseKind::Bytes,
        doc: "A glossary's file (bytes).",
    },
    Operation {
        name: "post_job",
        alias: Some("postTranslationJob"),
        method: Method::Post,
        path: "translate/job",
        signed: true,
        legacy: true,
        action: None,
        params: &[p("job", true, Data, "one job payload")],
        response: ResponseKind::Json(norm::<models::JobEnvelope>),
        doc: "Legacy v1.1: order one job.",
    },
    Operation {
        name: "job_group",
        alias: Some("getTranslationJobGroup"),
        method: Method::Get,
        path: "translate/jobs/group/{group_id}",
        signed: true,
        legacy: true,
        action: None,
        params: &[p("group_id", true, Path, "group id")],
        response: ResponseKind::Json(norm::<models::JobGroup>),
        doc: "Legacy v1.1: the jobs of a group.",
    },
    Operation {
        name: "job_preview",
        alias: Some("getTranslationJobPreview"),
        method: Method::Get,
        path: "translate/job/{id}/preview",
        signed: true,
        legacy: true,
        action: None,
        params: &[ID],
        response: ResponseKind::Bytes,
        doc: "Legacy v1.1: JPEG preview of a translation (bytes).",
    },
    Operation {
        name: "cancel_jobs",
        alias: Some("deleteTranslationJobs"),
        method: Method::Delete,
        path: "translate/jobs",
        signed: true,
        legacy: true,
        action: None,
        params: &[p(
            "job_ids",
            true,
            Query,
            "job ids (list, or comma-separated)",
        )],
        response: ResponseKind::Json(norm_ack),
        doc: "Legacy v1.1: cancel several jobs.",
    },
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
