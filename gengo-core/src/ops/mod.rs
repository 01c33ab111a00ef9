//! The one table of Gengo operations.
//!
//! Each operation is named once: canonical snake_case name, the official clients'
//! camelCase alias, HTTP method, path template, whether it is signed, how its
//! parameters travel, whether it is legacy (v1.1), and how its response is typed.
//! The typed client methods, the JSON dispatcher, the C ABI, the Python wheel, the CLI
//! and the sandbox's router all read this table.

use serde_json::{Value, json};

use crate::Result;
use crate::lenient::{DescribedModel, Lenient};
use crate::models::{self, decode};
use crate::normal::Normalized;
pub use crate::operation::*;

mod account;
mod jobs;
mod orders;
mod service;

pub use account::*;
pub use jobs::*;
pub use orders::*;
pub use service::*;

pub(super) const fn one<M: DescribedModel>() -> ResultType {
    ResultType::One(M::model_shape)
}
pub(super) const fn optional<M: DescribedModel>() -> ResultType {
    ResultType::Optional(M::model_shape)
}
pub(super) const fn list<M: DescribedModel>() -> ResultType {
    ResultType::List(M::model_shape)
}
pub(super) const fn keyed<M: DescribedModel>() -> ResultType {
    ResultType::Keyed(M::model_shape)
}

/// The decoder of a typed payload `T`: both paths.
pub(super) const fn typed<T: Lenient + Send + Sync + 'static>() -> Decoder {
    Decoder {
        tree: norm::<T>,
        fast: Some(fast::<T>),
    }
}

fn fast<T: Lenient + Send + Sync + 'static>(status: u16, body: &[u8]) -> Option<Normalized> {
    crate::envelope::fast_response::<T>(status, body, None)?
        .map(|x| Normalized::typed(x).with_size_hint(body.len()))
}

pub(super) fn norm<T: Lenient>(v: &Value) -> Result<Value> {
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
pub(super) fn norm_ack(v: &Value) -> Result<Value> {
    match v {
        Value::Null => Ok(json!({})),
        Value::String(s) if s.is_empty() => Ok(json!({})),
        Value::Object(_) => norm::<models::Ack>(v),
        other => Ok(other.clone()),
    }
}

/// `cancel_order`: `{}` on older servers, `{"order": ...}` on later ones (D6).
pub(super) fn norm_order_or_ack(v: &Value) -> Result<Value> {
    match v {
        Value::Object(o) if o.contains_key("order") => norm::<models::OrderEnvelope>(v),
        _ => norm_ack(v),
    }
}

pub(super) fn norm_raw(v: &Value) -> Result<Value> {
    Ok(v.clone())
}

pub(super) const fn p(
    name: &'static str,
    required: bool,
    location: Location,
    ty: ValueType,
    doc: &'static str,
) -> Param {
    Param {
        name,
        required,
        location,
        kind: ParamKind::Value(ty),
        doc,
    }
}

pub(super) const fn id(name: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        required: true,
        location: Location::Path,
        kind: ParamKind::Id,
        doc,
    }
}

pub(super) const fn ids(name: &'static str, location: Location, doc: &'static str) -> Param {
    Param {
        name,
        required: true,
        location,
        kind: ParamKind::IdList,
        doc,
    }
}

pub(super) const ID: Param = id("id", "job id");
pub(super) const ORDER_ID: Param = id("id", "order id");
pub(super) const GLOSSARY_ID: Param = id("id", "glossary id");

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
