//! Typed, lenient models for every Gengo response.
//!
//! Every field is optional (servers omit fields freely) and read leniently (see
//! [`crate::lenient`]). Unknown fields, and values that do not read as their field's
//! type, are kept in `extra`. Serialising a model gives the normalised JSON that the
//! dispatcher returns: ids and counts as integers, money as decimal strings, flags as
//! booleans, statuses in canonical spelling, everything else as sent.

use serde_json::Value;

use crate::lenient::{Lenient, string_enum};

mod account;
pub mod indexmap_like;
mod jobs;
mod orders;
mod service;
mod threads;

pub use account::*;
pub use jobs::*;
pub use orders::*;
pub use service::*;
pub use threads::*;

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

/// Decodes a `response` payload into `T`, naming the path on failure.
pub fn decode<T: Lenient>(response: &Value, what: &str) -> crate::Result<T> {
    T::from_json(response).ok_or_else(|| {
        let body = serde_json::to_vec(response).unwrap_or_default();
        crate::Error::decode("response", format!("expected {what}"), &body)
    })
}

/// Every model, described (what each field holds), in reading order, then the
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

    /// Every `model!` of these files is in `model_shapes()` (the bindings' models are
    /// generated from it), and every model a shape or an operation names is there too.
    #[test]
    fn every_model_is_described_and_every_name_resolves() {
        let shapes = model_shapes();
        let names: Vec<&str> = shapes.iter().map(|m| m.name).collect();
        let src = concat!(
            include_str!("jobs.rs"),
            include_str!("orders.rs"),
            include_str!("threads.rs"),
            include_str!("service.rs"),
            include_str!("account.rs")
        );
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
