//! Typed, lenient models for every Gengo response.
//!
//! Every field is optional (servers omit fields freely) and read leniently (see
//! [`crate::lenient`]). Unknown fields, and values that do not read as their field's
//! type, are kept in `extra`. Serialising a model gives the normalised JSON that the
//! dispatcher returns: ids and counts as integers, money as decimal strings, flags as
//! booleans, statuses in canonical spelling, everything else as sent.

use indexmap_like::KeyedList;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::lenient::{Lenient, Time, model, string_enum, with_extra};

string_enum! {
    /// A job's status (Decision D2: `canceled` and `cancelled` are one status).
    pub enum JobStatus {
        /// Being processed by Gengo, not yet visible to translators.
        Queued = "queued",
        /// Waiting for a translator.
        Available = "available",
        /// A translator is working on it.
        Pending = "pending",
        /// Translated, waiting for the customer's review.
        Reviewable = "reviewable",
        /// Sent back to the translator for changes.
        Revising = "revising",
        /// Accepted.
        Approved = "approved",
        /// Rejected by the customer.
        Rejected = "rejected",
        /// Cancelled before a translator started.
        Canceled = "canceled" | "cancelled",
        /// Held by Gengo support.
        Hold = "hold",
        /// v1.1 only: created with `process=0`, not paid for.
        Unpaid = "unpaid",
    }
}

impl JobStatus {
    /// Whether the job can no longer change by itself (approved, rejected, canceled).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            JobStatus::Approved | JobStatus::Rejected | JobStatus::Canceled
        )
    }
}

string_enum! {
    /// A quality tier (Decision D11).
    pub enum Tier {
        /// Free machine translation (at most 2,000 characters).
        Machine = "machine",
        /// Standard human translation.
        Standard = "standard",
        /// Professional human translation.
        Pro = "pro",
        /// The old top tier (accepted on input only).
        Ultra = "ultra",
    }
}

#[allow(clippy::derivable_impls)]
impl Default for Tier {
    fn default() -> Self {
        Tier::Standard
    }
}

string_enum! {
    /// How a language's text is counted.
    pub enum UnitType {
        /// Counted in words.
        Word = "word",
        /// Counted in characters.
        Character = "character",
    }
}

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

model! {
    /// The receipt of `order_jobs` (POST translate/jobs).
    pub struct OrderReceipt {
        /// The new order's id.
        order_id: u64 = "order_id",
        /// Number of jobs sent.
        job_count: i64 = "job_count",
        /// Credits charged.
        credits_used: Decimal = "credits_used",
        /// Currency.
        currency: String = "currency",
        /// Group id, when the jobs were grouped.
        group_id: u64 = "group_id",
        /// Old or repeated jobs returned instead of new ones.
        jobs: ReceiptJobs = "jobs",
    }
}

model! {
    /// An order and the ids of its jobs by status.
    pub struct Order {
        /// Order id.
        order_id: u64 = "order_id",
        /// Total credits.
        total_credits: Decimal = "total_credits",
        /// Currency.
        currency: String = "currency",
        /// Total billable units.
        total_units: i64 = "total_units",
        /// Total number of jobs.
        total_jobs: i64 = "total_jobs",
        /// Whether the jobs are grouped.
        as_group: bool = "as_group",
        /// Number of jobs still queued (0 when processed).
        jobs_queued: i64 = "jobs_queued",
        /// Ids of available jobs.
        jobs_available: Vec<u64> = "jobs_available",
        /// Ids of pending jobs.
        jobs_pending: Vec<u64> = "jobs_pending",
        /// Ids of reviewable jobs.
        jobs_reviewable: Vec<u64> = "jobs_reviewable",
        /// Ids of approved jobs.
        jobs_approved: Vec<u64> = "jobs_approved",
        /// Ids of revising jobs.
        jobs_revising: Vec<u64> = "jobs_revising",
        /// Ids of cancelled jobs.
        jobs_cancelled: Vec<u64> = "jobs_cancelled",
        /// Ids of held jobs.
        jobs_held: Vec<u64> = "jobs_held",
        /// Ids of rejected jobs.
        jobs_rejected: Vec<u64> = "jobs_rejected",
    }
}

impl Order {
    /// Whether Gengo has finished queueing the order (`jobs_queued` is 0).
    pub fn is_processed(&self) -> bool {
        self.jobs_queued == Some(0)
    }
    /// Whether any job still waits for Gengo or a translator (queued, available,
    /// pending or revising). Reviewable jobs wait for you, not for Gengo.
    pub fn in_progress(&self) -> bool {
        self.jobs_queued.unwrap_or(0) > 0
            || [
                &self.jobs_available,
                &self.jobs_pending,
                &self.jobs_revising,
            ]
            .into_iter()
            .any(|l| l.as_ref().is_some_and(|v| !v.is_empty()))
    }

    /// All job ids the order lists, in status order.
    pub fn job_ids(&self) -> Vec<u64> {
        [
            &self.jobs_available,
            &self.jobs_pending,
            &self.jobs_reviewable,
            &self.jobs_revising,
            &self.jobs_approved,
            &self.jobs_rejected,
            &self.jobs_cancelled,
            &self.jobs_held,
        ]
        .into_iter()
        .flatten()
        .flatten()
        .copied()
        .collect()
    }
}

model! {
    /// `{"order": ...}`: the response of `get_order`, and of `cancel_order` on servers
    /// that return the order (Decision D6; older servers return `{}`).
    pub struct OrderEnvelope {
        /// The order.
        order: Order = "order",
    }
}

model! {
    /// A comment of a job or order thread.
    pub struct Comment {
        /// The text.
        body: String = "body",
        /// `customer`, `translator` (or older spellings, kept as sent).
        author: String = "author",
        /// Creation time.
        ctime: Time = "ctime",
        /// Job id (callbacks).
        job_id: u64 = "job_id",
        /// Custom data of the job (callbacks).
        custom_data: String = "custom_data",
        /// Translated file link (callbacks).
        file_url_tgt: String = "file_url_tgt",
    }
}

model! {
    /// `{"thread": [...]}`: job and order comments.
    pub struct Thread {
        /// The comments, oldest first.
        thread: Vec<Comment> = "thread",
    }
}

model! {
    /// A job's feedback.
    pub struct Feedback {
        /// Rating (1 to 5; older servers send `"3.0"`).
        rating: Decimal = "rating",
        /// The customer's words for the translator.
        for_translator: String = "for_translator",
    }
}

model! {
    /// `{"feedback": ...}`.
    pub struct FeedbackEnvelope {
        /// The feedback.
        feedback: Feedback = "feedback",
    }
}

model! {
    /// An entry of a job's revision list.
    pub struct RevisionRef {
        /// Revision id.
        rev_id: u64 = "rev_id",
        /// Creation time.
        ctime: Time = "ctime",
    }
}

model! {
    /// `{"job_id", "revisions": [...]}`.
    pub struct Revisions {
        /// The job id.
        job_id: u64 = "job_id",
        /// The revisions.
        revisions: Vec<RevisionRef> = "revisions",
    }
}

model! {
    /// One revision's text.
    pub struct Revision {
        /// Revision id, when sent.
        rev_id: u64 = "rev_id",
        /// Creation time.
        ctime: Time = "ctime",
        /// The translation at this revision.
        body_tgt: String = "body_tgt",
    }
}

model! {
    /// `{"revision": ...}`.
    pub struct RevisionEnvelope {
        /// The revision.
        revision: Revision = "revision",
    }
}

model! {
    /// A language Gengo serves.
    pub struct Language {
        /// English name.
        language: String = "language",
        /// Name in the language itself.
        localized_name: String = "localized_name",
        /// Language code.
        lc: String = "lc",
        /// How its text is counted.
        unit_type: UnitType = "unit_type",
    }
}

model! {
    /// A language pair with its tier and price per unit.
    pub struct LanguagePair {
        /// Source language.
        lc_src: String = "lc_src",
        /// Target language.
        lc_tgt: String = "lc_tgt",
        /// Tier.
        tier: Tier = "tier",
        /// Price per unit.
        unit_price: Decimal = "unit_price",
        /// Currency.
        currency: String = "currency",
    }
}

model! {
    /// The error of one failed entry in a successful quote.
    pub struct QuoteError {
        /// Error code (for example 1802).
        code: i64 = "code",
        /// Message, when sent.
        msg: String = "msg",
        /// The file name that failed.
        filename: String = "filename",
        /// The caller's job key.
        key: String = "key",
    }
}

model! {
    /// The quote for one job.
    pub struct QuoteEntry {
        /// Billable units.
        unit_count: i64 = "unit_count",
        /// Price in credits.
        credits: Decimal = "credits",
        /// Estimated seconds to completion.
        eta: i64 = "eta",
        /// `text` or `file`.
        job_type: String = "type",
        /// Currency.
        currency: String = "currency",
        /// The caller's custom data.
        custom_data: String = "custom_data",
        /// Detected source language.
        lc_src_detected: String = "lc_src_detected",
        /// Source language.
        lc_src: String = "lc_src",
        /// Identifier to order a quoted file job with.
        identifier: String = "identifier",
        /// Order id (some file quotes).
        order_id: u64 = "order_id",
        /// Set when this entry failed (the quote as a whole succeeded).
        err: QuoteError = "err",
    }
}

/// Quote entries keyed by the caller's job key. Decision D9: the old array of
/// single-key objects is accepted and read into the same keyed form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuoteJobs(pub KeyedList<QuoteEntry>);

impl Lenient for QuoteJobs {
    fn shape() -> crate::lenient::Shape {
        KeyedList::<QuoteEntry>::shape()
    }
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Object(_) => KeyedList::from_json(v).map(QuoteJobs),
            Value::Array(items) => {
                let mut out = KeyedList::default();
                for item in items {
                    for (k, x) in item.as_object()? {
                        out.push(k.clone(), QuoteEntry::from_json(x)?);
                    }
                }
                Some(QuoteJobs(out))
            }
            _ => None,
        }
    }
    fn to_json(&self) -> Value {
        self.0.to_json()
    }
    fn normalize(raw: &Value) -> Value {
        match raw {
            Value::Object(_) => KeyedList::<QuoteEntry>::normalize(raw),
            // Decision D9's old form, read into the keyed one where it is well formed.
            Value::Array(items) => match Self::from_json(raw) {
                Some(q) => q.to_json(),
                None => Value::Array(
                    items
                        .iter()
                        .map(KeyedList::<QuoteEntry>::normalize)
                        .collect(),
                ),
            },
            _ => Value::Null,
        }
    }
}

model! {
    /// The response of `quote`.
    pub struct Quote {
        /// Entries keyed by the caller's job key.
        jobs: QuoteJobs = "jobs",
    }
}

model! {
    /// Account statistics.
    pub struct AccountStats {
        /// Credits spent so far.
        credits_spent: Decimal = "credits_spent",
        /// Account creation time.
        user_since: Time = "user_since",
        /// Currency.
        currency: String = "currency",
        /// Billing type (`Pre-pay`, ...).
        billing_type: String = "billing_type",
        /// Customer type (`Retail`, ...).
        customer_type: String = "customer_type",
    }
}

model! {
    /// The account balance.
    pub struct Balance {
        /// Credits available.
        credits: Decimal = "credits",
        /// Currency.
        currency: String = "currency",
    }
}

model! {
    /// The account's own details.
    pub struct Me {
        /// E-mail address.
        email: String = "email",
        /// Full name.
        full_name: String = "full_name",
        /// Display name.
        display_name: String = "display_name",
        /// Preferred language.
        language_code: String = "language_code",
    }
}

model! {
    /// A preferred translator.
    pub struct Translator {
        /// Translator id.
        id: u64 = "id",
        /// Jobs this translator did for the account.
        number_of_jobs: i64 = "number_of_jobs",
        /// Last login time.
        last_login: Time = "last_login",
    }
}

model! {
    /// Preferred translators for one pair and tier.
    pub struct PreferredTranslators {
        /// Source language.
        lc_src: String = "lc_src",
        /// Target language.
        lc_tgt: String = "lc_tgt",
        /// Tier.
        tier: Tier = "tier",
        /// The translators.
        translators: Vec<Translator> = "translators",
    }
}

model! {
    /// A glossary.
    pub struct Glossary {
        /// Glossary id.
        id: u64 = "id",
        /// Status code.
        status: i64 = "status",
        /// Source language code (`en-US`).
        source_language_code: String = "source_language_code",
        /// Source language id.
        source_language_id: u64 = "source_language_id",
        /// Description.
        description: String = "description",
        /// Title (file name).
        title: String = "title",
        /// Target languages as `[id, code]` pairs.
        target_languages: Value = "target_languages",
        /// Whether the glossary is public.
        is_public: bool = "is_public",
        /// Number of entries.
        unit_count: i64 = "unit_count",
        /// Owner id.
        customer_user_id: u64 = "customer_user_id",
        /// Creation time.
        ctime: Time = "ctime",
    }
}

model! {
    /// A legacy job group (`job_group`).
    pub struct JobGroup {
        /// The group's jobs.
        jobs: Vec<JobSummary> = "jobs",
        /// Creation time.
        ctime: Time = "ctime",
    }
}

model! {
    /// An empty success (`{}`), with anything a server added kept in `extra`.
    pub struct Ack {}
}

/// Raw bytes returned by `download_glossary` and `job_preview`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// The response's `Content-Type`, when sent.
    pub content_type: Option<String>,
    /// The body, unmodified.
    pub bytes: Vec<u8>,
}

/// A small ordered map that keeps the caller's key order (job keys echo back in the
/// order Gengo sent them).
pub mod indexmap_like {
    use super::*;

    /// An ordered list of `(key, value)` pairs with unique keys.
    #[derive(Debug, Clone, PartialEq)]
    pub struct KeyedList<T>(pub Vec<(String, T)>);

    impl<T> Default for KeyedList<T> {
        fn default() -> Self {
            KeyedList(Vec::new())
        }
    }

    impl<T> KeyedList<T> {
        /// Adds or replaces `key`.
        pub fn push(&mut self, key: String, value: T) {
            if let Some(slot) = self.0.iter_mut().find(|(k, _)| *k == key) {
                slot.1 = value;
            } else {
                self.0.push((key, value));
            }
        }
        /// The value for `key`.
        pub fn get(&self, key: &str) -> Option<&T> {
            self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
        }
        /// The keys in order.
        pub fn keys(&self) -> impl Iterator<Item = &str> {
            self.0.iter().map(|(k, _)| k.as_str())
        }
        /// The entries in order.
        pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
            self.0.iter().map(|(k, v)| (k.as_str(), v))
        }
        /// Number of entries.
        pub fn len(&self) -> usize {
            self.0.len()
        }
        /// Whether there are no entries.
        pub fn is_empty(&self) -> bool {
            self.0.is_empty()
        }
    }

    impl<T: Lenient> Lenient for KeyedList<T> {
        fn shape() -> crate::lenient::Shape {
            crate::lenient::Shape::Keyed(Box::new(T::shape()))
        }
        fn from_json(v: &Value) -> Option<Self> {
            let mut out = KeyedList::default();
            for (k, x) in v.as_object()? {
                out.push(k.clone(), T::from_json(x)?);
            }
            Some(out)
        }
        fn to_json(&self) -> Value {
            let mut m = Map::new();
            for (k, v) in &self.0 {
                m.insert(k.clone(), v.to_json());
            }
            with_extra(m, &Map::new())
        }
        fn normalize(raw: &Value) -> Value {
            match raw {
                Value::Object(o) => Value::Object(
                    o.iter()
                        .map(|(k, v)| (k.clone(), T::normalize(v)))
                        .collect(),
                ),
                Value::Array(_) => raw.clone(),
                _ => Value::Null,
            }
        }
    }
}

/// Decodes a `response` payload into `T`, naming the path on failure.
pub fn decode<T: Lenient>(response: &Value, what: &str) -> crate::Result<T> {
    T::from_json(response).ok_or_else(|| {
        let body = serde_json::to_vec(response).unwrap_or_default();
        crate::Error::decode("response", format!("expected {what}"), &body)
    })
}

/// Every model, described (what each field holds), in this file's order, then the
/// callback event's JSON ([`crate::CallbackEvent`]): the bindings' own models are
/// generated from it (tools/gengo-bindgen).
pub fn model_shapes() -> Vec<crate::lenient::ModelShape> {
    use crate::lenient::DescribedModel;
    vec![
        Job::model_shape(),
        JobEnvelope::model_shape(),
        JobList::model_shape(),
        JobSummary::model_shape(),
        OrderReceipt::model_shape(),
        Order::model_shape(),
        OrderEnvelope::model_shape(),
        Comment::model_shape(),
        Thread::model_shape(),
        Feedback::model_shape(),
        FeedbackEnvelope::model_shape(),
        RevisionRef::model_shape(),
        Revisions::model_shape(),
        Revision::model_shape(),
        RevisionEnvelope::model_shape(),
        Language::model_shape(),
        LanguagePair::model_shape(),
        QuoteError::model_shape(),
        QuoteEntry::model_shape(),
        Quote::model_shape(),
        AccountStats::model_shape(),
        Balance::model_shape(),
        Me::model_shape(),
        Translator::model_shape(),
        PreferredTranslators::model_shape(),
        Glossary::model_shape(),
        JobGroup::model_shape(),
        Ack::model_shape(),
        crate::callback::CallbackEvent::model_shape(),
    ]
}

/// Every string enum, described (canonical spellings and the others read).
pub fn enum_shapes() -> Vec<crate::lenient::EnumShape> {
    use crate::lenient::DescribedEnum;
    vec![
        JobStatus::enum_shape(),
        Tier::enum_shape(),
        UnitType::enum_shape(),
    ]
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    /// Every `model!` of this file is in `model_shapes()` (the bindings' models are
    /// generated from it), and every model a shape or an operation names is there too.
    #[test]
    fn every_model_is_described_and_every_name_resolves() {
        let shapes = model_shapes();
        let names: Vec<&str> = shapes.iter().map(|m| m.name).collect();
        let src = include_str!("models.rs");
        let mut declared = Vec::new();
        for block in src.split("\nmodel! {").skip(1) {
            let after = block.split("pub struct ").nth(1).unwrap();
            declared.push(after.split([' ', '{']).next().unwrap().to_string());
        }
        assert!(declared.len() >= 28, "{declared:?}");
        for d in &declared {
            assert!(
                names.contains(&d.as_str()),
                "model {d} is missing from model_shapes()"
            );
        }
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "a model is listed twice");
        fn held(s: &crate::lenient::Shape) -> Vec<&'static str> {
            use crate::lenient::Shape;
            match s {
                Shape::Model(m) => vec![m],
                Shape::List(x) | Shape::Keyed(x) => held(x),
                _ => vec![],
            }
        }
        for m in &shapes {
            for f in &m.fields {
                for h in held(&f.shape) {
                    assert!(
                        names.contains(&h),
                        "{}.{} holds {h}, not described",
                        m.name,
                        f.name
                    );
                }
            }
        }
        for op in crate::ops::OPERATIONS {
            if let Some(m) = op.result.model() {
                assert!(names.contains(&m.name), "{} returns {}", op.name, m.name);
            }
        }
        let job = shapes.iter().find(|m| m.name == "Job").unwrap();
        assert_eq!(job.fields.len(), 27);
        let t = job.fields.iter().find(|f| f.name == "job_type").unwrap();
        assert_eq!((t.key, &t.shape), ("type", &crate::lenient::Shape::Str));
        assert_eq!(job.fields[0].doc, "The job id.");
    }
}
