//! Typed request payloads for the typed client methods.
//!
//! Each serialises to the params JSON of its operation, so typed calls and the JSON
//! dispatcher share one path (validation, encoding, signing). Every documented field
//! is here; anything else goes in `extra` and is sent as given.

use std::path::PathBuf;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::models::Tier;

/// A URL attachment of a job, order or comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// Public http(s) URL.
    pub url: String,
    /// File name to show.
    pub filename: String,
    /// MIME type (`image/png`, ...).
    pub mime_type: String,
}

impl Attachment {
    /// A new attachment.
    pub fn new(
        url: impl Into<String>,
        filename: impl Into<String>,
        mime_type: impl Into<String>,
    ) -> Self {
        Attachment {
            url: url.into(),
            filename: filename.into(),
            mime_type: mime_type.into(),
        }
    }
}

/// One job to order or quote.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct NewJob {
    /// `text` (default) or `file`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub job_type: Option<String>,
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Source text (text jobs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_src: Option<String>,
    /// Source language (left out when empty: a file job ordered by its quote's identifier
    /// takes it from the quote).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub lc_src: String,
    /// Target language (left out when empty, as `lc_src`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub lc_tgt: String,
    /// Tier (required but for a file job ordered by its quote's identifier).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// Identifier from a file quote (file jobs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// Local file to quote (quotes only; uploaded as multipart).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_path: Option<PathBuf>,
    /// Glossary to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glossary_id: Option<u64>,
    /// Position in a grouped order (from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// Order again even if an identical job was translated before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
    /// Instructions for the translator (first comment of the job).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// URL attachments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// `["translation"]` or `["translation", "edit"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<String>>,
    /// Purpose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Tone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<String>,
    /// Only preferred translators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_preferred: Option<bool>,
    /// Callback URL for this job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Approve automatically when translated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_approve: Option<bool>,
    /// Your data (at most 1 KB), echoed back in the job and callbacks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<String>,
    /// Most characters the translation may have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<u32>,
    /// Group flag at job level (later payload docs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_group: Option<bool>,
    /// Any other field, sent as given.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NewJob {
    /// A text job.
    pub fn text(
        body_src: impl Into<String>,
        lc_src: impl Into<String>,
        lc_tgt: impl Into<String>,
        tier: Tier,
    ) -> Self {
        NewJob {
            job_type: Some("text".into()),
            body_src: Some(body_src.into()),
            lc_src: lc_src.into(),
            lc_tgt: lc_tgt.into(),
            tier: Some(tier),
            ..Default::default()
        }
    }
    /// A file job to quote from a local file.
    pub fn file_to_quote(
        path: impl Into<PathBuf>,
        lc_src: impl Into<String>,
        lc_tgt: impl Into<String>,
        tier: Tier,
    ) -> Self {
        NewJob {
            job_type: Some("file".into()),
            file_path: Some(path.into()),
            lc_src: lc_src.into(),
            lc_tgt: lc_tgt.into(),
            tier: Some(tier),
            ..Default::default()
        }
    }
    /// A file job to order by its quote's identifier: Gengo takes the language pair and
    /// the tier from the quote (`translate/service/quote/file`, then `translate/jobs`).
    pub fn quoted_file(identifier: impl Into<String>) -> Self {
        NewJob {
            job_type: Some("file".into()),
            identifier: Some(identifier.into()),
            ..Default::default()
        }
    }
    /// A file job to order, from a quote's identifier, restating the quote's pair and tier
    /// (Gengo refuses a pair or tier that differs from the quote's).
    pub fn file(
        identifier: impl Into<String>,
        lc_src: impl Into<String>,
        lc_tgt: impl Into<String>,
        tier: Tier,
    ) -> Self {
        NewJob {
            job_type: Some("file".into()),
            identifier: Some(identifier.into()),
            lc_src: lc_src.into(),
            lc_tgt: lc_tgt.into(),
            tier: Some(tier),
            ..Default::default()
        }
    }
    /// Sets the title.
    pub fn slug(mut self, s: impl Into<String>) -> Self {
        self.slug = Some(s.into());
        self
    }
    /// Sets the custom data.
    pub fn custom_data(mut self, s: impl Into<String>) -> Self {
        self.custom_data = Some(s.into());
        self
    }
    /// Sets the translator instructions.
    pub fn comment(mut self, s: impl Into<String>) -> Self {
        self.comment = Some(s.into());
        self
    }
    /// Sets the callback URL.
    pub fn callback_url(mut self, s: impl Into<String>) -> Self {
        self.callback_url = Some(s.into());
        self
    }
    /// Sets automatic approval.
    pub fn auto_approve(mut self, on: bool) -> Self {
        self.auto_approve = Some(on);
        self
    }
}

/// An order: jobs keyed by your own keys, plus order-level fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrderRequest {
    /// The jobs, in your key order.
    #[serde(serialize_with = "ser_keyed")]
    pub jobs: Vec<(String, NewJob)>,
    /// One translator for all jobs (sent only when set, Decision D4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_group: Option<bool>,
    /// Instructions for the whole order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Order-level URL attachments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Tone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<String>,
    /// Purpose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Your integer reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<u64>,
    /// Any other field, sent as given.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OrderRequest {
    /// An order of these jobs.
    pub fn new(jobs: impl IntoIterator<Item = (impl Into<String>, NewJob)>) -> Self {
        OrderRequest {
            jobs: jobs.into_iter().map(|(k, j)| (k.into(), j)).collect(),
            ..Default::default()
        }
    }
}

fn ser_keyed<S: serde::Serializer>(jobs: &[(String, NewJob)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(jobs.len()))?;
    for (k, j) in jobs {
        m.serialize_entry(k, j)?;
    }
    m.end()
}

/// Approval details.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Approval {
    /// 1 to 5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// Feedback for the translator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_translator: Option<String>,
    /// Feedback for Gengo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_mygengo: Option<String>,
    /// Whether the feedback may be shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
}

impl Approval {
    /// An approval with a rating.
    pub fn rated(rating: u8) -> Self {
        Approval {
            rating: Some(rating),
            ..Default::default()
        }
    }
}

/// Why a job is rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RejectReason {
    /// Poor quality.
    Quality,
    /// Not finished.
    Incomplete,
    /// Anything else.
    Other,
}

/// What happens after a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FollowUp {
    /// Give the job to another translator (default).
    Requeue,
    /// Cancel the job and refund.
    Cancel,
}

/// Rejection details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// Why.
    pub reason: RejectReason,
    /// The explanation.
    pub comment: String,
    /// Requeue or cancel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
    /// Captcha text (old API only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captcha: Option<String>,
}

impl Rejection {
    /// A rejection.
    pub fn new(reason: RejectReason, comment: impl Into<String>) -> Self {
        Rejection {
            reason,
            comment: comment.into(),
            follow_up: None,
            captcha: None,
        }
    }
    /// Sets the follow-up.
    pub fn follow_up(mut self, f: FollowUp) -> Self {
        self.follow_up = Some(f);
        self
    }
}

/// A bulk action on several jobs (`update_jobs`).
#[derive(Debug, Clone, PartialEq)]
pub enum BulkAction {
    /// Approve each job.
    Approve(Vec<(u64, Approval)>),
    /// Revise each job with its comment.
    Revise(Vec<(u64, String)>),
    /// Reject each job.
    Reject(Vec<(u64, Rejection)>),
    /// Archive approved jobs.
    Archive(Vec<u64>),
}

fn entry(id: u64, fields: Value) -> Value {
    let mut m = Map::new();
    m.insert("job_id".into(), Value::from(id));
    if let Value::Object(o) = fields {
        m.extend(o);
    }
    Value::Object(m)
}

impl BulkAction {
    /// The params JSON of `update_jobs`.
    pub fn to_params(&self) -> Value {
        let to = |v: &dyn erased_value::ToValue| v.to_value();
        let (action, ids): (&str, Vec<Value>) = match self {
            BulkAction::Approve(v) => {
                ("approve", v.iter().map(|(i, a)| entry(*i, to(a))).collect())
            }
            BulkAction::Revise(v) => (
                "revise",
                v.iter()
                    .map(|(i, c)| entry(*i, serde_json::json!({"comment": c})))
                    .collect(),
            ),
            BulkAction::Reject(v) => ("reject", v.iter().map(|(i, r)| entry(*i, to(r))).collect()),
            BulkAction::Archive(v) => ("archive", v.iter().map(|i| Value::from(*i)).collect()),
        };
        serde_json::json!({"action": action, "job_ids": ids})
    }
}

mod erased_value {
    /// Lets one closure turn approvals and rejections into JSON.
    pub trait ToValue {
        fn to_value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> ToValue for T {
        fn to_value(&self) -> serde_json::Value {
            // These types hold only strings, numbers and options: serialising cannot fail.
            serde_json::to_value(self).unwrap_or_default()
        }
    }
}

/// Filters of `list_jobs`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct JobFilter {
    /// Only jobs in this status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Only jobs created after this Unix time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp_after: Option<u64>,
    /// At most this many (1 to 200).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// A comment to post on a job.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct NewComment {
    /// The text.
    pub body: String,
    /// URL attachments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Local files to attach (multipart).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<PathBuf>,
}

impl NewComment {
    /// A text comment.
    pub fn new(body: impl Into<String>) -> Self {
        NewComment {
            body: body.into(),
            ..Default::default()
        }
    }
}
