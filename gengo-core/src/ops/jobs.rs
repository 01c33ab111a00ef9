//! One job's rows: read, act on (approve, revise, reject, archive), cancel, comments,
//! feedback, revisions.

use super::Location::{Data, Files, Query};
use super::*;
use crate::models;
use crate::validate;

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
            ValueType::Flag,
            "1: machine translation while the human one is not ready",
        ),
    ],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: Some("job"),
    result: one::<models::Job>(),
    response: ResponseKind::Json(typed::<models::JobEnvelope>()),
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
        p(
            "action",
            true,
            Data,
            ValueType::Str,
            "approve, revise, reject or archive",
        ),
        p("rating", false, Data, ValueType::Int, "approve: 1 to 5"),
        p(
            "for_translator",
            false,
            Data,
            ValueType::Str,
            "approve: feedback for the translator",
        ),
        p(
            "for_mygengo",
            false,
            Data,
            ValueType::Str,
            "approve: feedback for Gengo",
        ),
        p(
            "public",
            false,
            Data,
            ValueType::Flag,
            "approve: 0/1, feedback may be shared",
        ),
        p(
            "comment",
            false,
            Data,
            ValueType::Str,
            "revise/reject: the reason",
        ),
        p(
            "reason",
            false,
            Data,
            ValueType::Str,
            "reject: quality, incomplete or other",
        ),
        p(
            "follow_up",
            false,
            Data,
            ValueType::Str,
            "reject: requeue or cancel",
        ),
        p(
            "captcha",
            false,
            Data,
            ValueType::Str,
            "reject: captcha text (old API)",
        ),
    ],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
        p("rating", false, Data, ValueType::Int, "1 to 5"),
        p(
            "for_translator",
            false,
            Data,
            ValueType::Str,
            "feedback for the translator",
        ),
        p(
            "for_mygengo",
            false,
            Data,
            ValueType::Str,
            "feedback for Gengo",
        ),
        p(
            "public",
            false,
            Data,
            ValueType::Flag,
            "0/1, feedback may be shared",
        ),
    ],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
    params: &[
        ID,
        p("comment", true, Data, ValueType::Str, "what to change"),
    ],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
        p(
            "reason",
            true,
            Data,
            ValueType::Str,
            "quality, incomplete or other",
        ),
        p("comment", true, Data, ValueType::Str, "why"),
        p(
            "follow_up",
            false,
            Data,
            ValueType::Str,
            "requeue (default) or cancel",
        ),
        p(
            "captcha",
            false,
            Data,
            ValueType::Str,
            "captcha text (old API)",
        ),
    ],
    renames: &[],
    validate: validate::job_action,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
            ValueType::Str,
            "the comment (at most 25,000 characters)",
        ),
        p(
            "attachments",
            false,
            Data,
            ValueType::Attachments,
            "URL attachments: [{url, filename, mime_type}]",
        ),
        p(
            "files",
            false,
            Files,
            ValueType::Files,
            "local files to attach (multipart)",
        ),
    ],
    renames: &[("file_attachments", "files")],
    validate: validate::comment,
    uploads: Uploads::Files,
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
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
    streams: false,
    unwrap: Some("thread"),
    result: list::<models::Comment>(),
    response: ResponseKind::Json(typed::<models::Thread>()),
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
    streams: false,
    unwrap: Some("feedback"),
    result: one::<models::Feedback>(),
    response: ResponseKind::Json(typed::<models::FeedbackEnvelope>()),
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
    streams: false,
    unwrap: Some("revisions"),
    result: list::<models::RevisionRef>(),
    response: ResponseKind::Json(typed::<models::Revisions>()),
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
    streams: false,
    unwrap: Some("revision"),
    result: one::<models::Revision>(),
    response: ResponseKind::Json(typed::<models::RevisionEnvelope>()),
    doc: "One revision of a job.",
};
