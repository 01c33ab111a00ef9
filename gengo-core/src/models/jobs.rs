//! Jobs: one job, lists of jobs, and the receipt's jobs in their three published shapes.

use serde_json::Value;

use rust_decimal::Decimal;

use super::indexmap_like::KeyedList;
use super::{JobStatus, Tier, UnitType};
use crate::lenient::{Lenient, Time, model};

model! {
    /// A translation job.
    pub struct Job {
        /// The job id.
        job_id: u64 = "job_id",
        /// The order the job belongs to.
        order_id: u64 = "order_id",
        /// The job's title.
        slug: String = "slug",
        /// The source text.
        body_src: String = "body_src",
        /// The translation (or a machine translation when `mt` is set).
        body_tgt: String = "body_tgt",
        /// Source language code.
        lc_src: String = "lc_src",
        /// Target language code.
        lc_tgt: String = "lc_tgt",
        /// Billable units (words or characters).
        unit_count: i64 = "unit_count",
        /// Quality tier.
        tier: Tier = "tier",
        /// Price in credits.
        credits: Decimal = "credits",
        /// Currency of `credits`.
        currency: String = "currency",
        /// Status.
        status: JobStatus = "status",
        /// Estimated seconds to completion (-1 when not applicable).
        eta: i64 = "eta",
        /// Creation time.
        ctime: Time = "ctime",
        /// Callback URL.
        callback_url: String = "callback_url",
        /// Whether the job is approved automatically.
        auto_approve: bool = "auto_approve",
        /// The caller's custom data.
        custom_data: String = "custom_data",
        /// Whether `body_tgt` is a machine translation.
        mt: bool = "mt",
        /// Captcha image URL (old reject flow).
        captcha_url: String = "captcha_url",
        /// Glossary applied to the job.
        glossary_id: u64 = "glossary_id",
        /// Source file link (file jobs).
        file_url_src: String = "file_url_src",
        /// Translated file link (file jobs).
        file_url_tgt: String = "file_url_tgt",
        /// Whether the translated file can be downloaded.
        file_download_ready: bool = "file_download_ready",
        /// `text` or `file`.
        job_type: String = "type",
        /// Position within a grouped order.
        position: i64 = "position",
        /// Preview URL (callbacks).
        preview_url: String = "preview_url",
        /// `word` or `character` (callbacks).
        unit_type: UnitType = "unit_type",
    }
}

model! {
    /// `{"job": ...}`: the response of `get_job` and `post_job`.
    pub struct JobEnvelope {
        /// The job.
        job: Job = "job",
    }
}

model! {
    /// `{"jobs": [...]}`: the response of `get_jobs`.
    pub struct JobList {
        /// The jobs.
        jobs: Vec<Job> = "jobs",
    }
}

model! {
    /// An entry of `list_jobs`.
    pub struct JobSummary {
        /// The job id.
        job_id: u64 = "job_id",
        /// Creation time.
        ctime: Time = "ctime",
    }
}

/// The jobs an order receipt returns for old (duplicate) or repeated jobs: keyed by the
/// caller's job key (values are lists, as several earlier jobs can match), or, for
/// repeats inside one payload, a list of lists.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ReceiptJobs {
    /// Keyed by the caller's job key.
    Keyed(KeyedList<Vec<Job>>),
    /// A list, one entry per submitted job.
    List(Vec<Vec<Job>>),
}

fn job_list(v: &Value) -> Option<Vec<Job>> {
    match v {
        Value::Array(_) => Vec::<Job>::from_json(v),
        // 2012 form: {"duplicate": "job_1", "custom_data": ""}
        Value::Object(_) => Job::from_json(v).map(|j| vec![j]),
        _ => None,
    }
}

impl Lenient for ReceiptJobs {
    /// Keyed lists of jobs, or (repeats inside one payload) a list of lists: as JSON.
    fn shape() -> crate::lenient::Shape {
        crate::lenient::Shape::Json
    }
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Object(o) => {
                let mut out = KeyedList::default();
                for (k, x) in o {
                    out.push(k.clone(), job_list(x)?);
                }
                Some(ReceiptJobs::Keyed(out))
            }
            Value::Array(a) => a
                .iter()
                .map(job_list)
                .collect::<Option<_>>()
                .map(ReceiptJobs::List),
            _ => None,
        }
    }
    fn to_json(&self) -> Value {
        match self {
            ReceiptJobs::Keyed(k) => k.to_json(),
            ReceiptJobs::List(l) => l.to_json(),
        }
    }
    fn normalize(raw: &Value) -> Value {
        let list = |x: &Value| match x {
            Value::Object(_) => Job::normalize(x),
            other => Vec::<Job>::normalize(other),
        };
        match raw {
            Value::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), list(v))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(list).collect()),
            _ => Value::Null,
        }
    }
}
