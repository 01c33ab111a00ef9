//! Orders and many jobs: order, list, read several, act on several, one order and
//! its comments.

use super::Location::{Data, Path, Query};
use super::*;
use crate::models;
use crate::validate;

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
            ValueType::Jobs,
            "jobs keyed by your own keys (or a list)",
        ),
        p(
            "as_group",
            false,
            Data,
            ValueType::Flag,
            "0/1: one translator for all jobs",
        ),
        p(
            "comment",
            false,
            Data,
            ValueType::Str,
            "instructions for the whole order",
        ),
        p(
            "attachments",
            false,
            Data,
            ValueType::Attachments,
            "order-level URL attachments",
        ),
        p("tone", false, Data, ValueType::Str, "tone"),
        p("purpose", false, Data, ValueType::Str, "purpose"),
        p(
            "reference_id",
            false,
            Data,
            ValueType::Int,
            "your integer reference (>= 0)",
        ),
        p("process", false, Data, ValueType::Flag, "legacy 0/1"),
    ],
    renames: &[],
    validate: validate::order,
    uploads: Uploads::None,
    streams: true,
    unwrap: None,
    result: one::<models::OrderReceipt>(),
    response: ResponseKind::Json(typed::<models::OrderReceipt>()),
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
        p(
            "status",
            false,
            Query,
            ValueType::Str,
            "only jobs in this status",
        ),
        p(
            "timestamp_after",
            false,
            Query,
            ValueType::Int,
            "only jobs created after this Unix time",
        ),
        p(
            "count",
            false,
            Query,
            ValueType::Int,
            "at most this many (1 to 200)",
        ),
    ],
    renames: &[],
    validate: validate::list_jobs,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: list::<models::JobSummary>(),
    response: ResponseKind::Json(typed::<Vec<models::JobSummary>>()),
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
    streams: false,
    unwrap: Some("jobs"),
    result: list::<models::Job>(),
    response: ResponseKind::Json(typed::<models::JobList>()),
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
        p(
            "action",
            true,
            Data,
            ValueType::Str,
            "approve, revise, reject or archive",
        ),
        p(
            "job_ids",
            true,
            Data,
            ValueType::JobEntries,
            "ids, or objects {job_id, ...fields of the action}",
        ),
        p(
            "comment",
            false,
            Data,
            ValueType::Str,
            "default comment for revise/reject",
        ),
    ],
    renames: &[],
    validate: validate::bulk_action,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
    streams: false,
    unwrap: Some("order"),
    result: one::<models::Order>(),
    response: ResponseKind::Json(typed::<models::OrderEnvelope>()),
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
    streams: false,
    unwrap: Some("order"),
    result: optional::<models::Order>(),
    response: ResponseKind::Json(Decoder::tree(norm_order_or_ack)),
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
        p("body", true, Data, ValueType::Str, "the comment"),
        p(
            "attachments",
            false,
            Data,
            ValueType::Attachments,
            "URL attachments",
        ),
    ],
    renames: &[],
    validate: validate::comment,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
    streams: false,
    unwrap: Some("thread"),
    result: list::<models::Comment>(),
    response: ResponseKind::Json(typed::<models::Thread>()),
    doc: "An order's comment thread.",
};
