//! The service: languages, language pairs and quotes.

use rust_decimal::Decimal;
use serde_json::Value;

use super::indexmap_like::KeyedList;
use super::{Tier, UnitType};
use crate::lenient::{Lenient, model};

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
