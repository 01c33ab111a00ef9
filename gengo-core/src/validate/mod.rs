//! Validation before any request, so no credits are spent on input we can reject.
//!
//! Each check names the field (with its JSON path, such as `jobs.job_1.tier`) and the
//! reason. Params are also normalised here where Gengo is strict and callers are not:
//! flags become `0`/`1`, `url_attachments` becomes `attachments`. The rules of one job
//! (`jobs`) are written once, over a field list, for the tree and the streamed order alike;
//! the rules of actions on jobs are in `actions`.

mod actions;
mod jobs;
mod rules;

use serde_json::{Map, Value};

use crate::Result;
use crate::lenient::Lenient;
use crate::operation::{Location, Operation, ParamKind};

pub use actions::{bulk_action, comment, job_action, list_jobs};
pub use jobs::{order, post_job, quote};
pub(crate) use jobs::{order_fields, order_job};
use rules::err;

/// Most characters a comment (job, order, revise/reject reason) may have.
pub const MAX_COMMENT_CHARS: usize = 25_000;

/// Most bytes `custom_data` may have.
pub const MAX_CUSTOM_DATA_BYTES: usize = 1024;

/// Most characters a machine-tier job may have.
pub const MAX_MACHINE_CHARS: usize = 2_000;

/// Most files one quote may upload.
pub const MAX_QUOTE_FILES: usize = 50;

/// Most jobs one `list_jobs` call may ask for.
pub const MAX_LIST_COUNT: u32 = 200;

/// The reasons a rejection may give.
pub const REJECT_REASONS: &[&str] = &["quality", "incomplete", "other"];

/// What may follow a rejection.
pub const FOLLOW_UPS: &[&str] = &["requeue", "cancel"];

/// The ratings an approval may give.
pub const RATINGS: std::ops::RangeInclusive<i64> = 1..=5;

/// Reads an id (positive integer, as a number or a digit string).
pub fn id(v: &Value, field: &str) -> Result<u64> {
    match u64::from_json(v) {
        Some(i) if i > 0 && !matches!(v, Value::Bool(_)) => Ok(i),
        _ => Err(err(
            field,
            format!("must be a positive integer id, got {v}"),
        )),
    }
}

/// Reads a list of ids from a list, a single id, or a comma-separated string.
pub fn id_list(v: &Value, field: &str) -> Result<Vec<u64>> {
    let items: Vec<Value> = match v {
        Value::Array(a) => a.clone(),
        Value::String(s) => s
            .split(',')
            .map(|x| Value::String(x.trim().to_string()))
            .collect(),
        other => vec![other.clone()],
    };
    if items.is_empty() {
        return Err(err(field, "must list at least one id"));
    }
    items.iter().map(|x| id(x, field)).collect()
}

/// Checks and normalises `params` for `op`: required params, id lists outside the
/// path, then the operation's own validator (its row in [`crate::ops::OPERATIONS`]).
/// Path ids are checked when the path is built ([`crate::wire::prepare()`]).
pub fn check(op: &Operation, params: &mut Map<String, Value>) -> Result<()> {
    for p in op.params {
        if p.required && p.location != Location::Path {
            let present = params.get(p.name).is_some_and(|v| !v.is_null());
            let fixed_action = p.name == "action" && op.action.is_some();
            if !present && !fixed_action {
                return Err(err(p.name, "is required"));
            }
        }
        if p.location != Location::Path
            && p.kind == ParamKind::IdList
            && let Some(v) = params.get(p.name).filter(|v| !v.is_null())
        {
            let list = id_list(v, p.name)?;
            params.insert(p.name.into(), Value::from(list));
        }
    }
    (op.validate)(op, params)
}

/// The validator of operations with nothing to check beyond required params and ids.
pub fn none(_: &Operation, _: &mut Map<String, Value>) -> Result<()> {
    Ok(())
}
