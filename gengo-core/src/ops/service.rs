//! The service (languages, pairs, quotes), glossaries, and the legacy v1.1 rows.

use super::Location::{Data, Query};
use super::*;
use crate::models;
use crate::validate;

/// `languages`.
pub const LANGUAGES: Operation = Operation {
    name: "languages",
    alias: Some("getServiceLanguages"),
    method: Method::Get,
    path: "translate/service/languages",
    signed: false,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: list::<models::Language>(),
    response: ResponseKind::Json(typed::<Vec<models::Language>>()),
    doc: "Languages (no keys needed).",
};

/// `language_pairs`.
pub const LANGUAGE_PAIRS: Operation = Operation {
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
        ValueType::Str,
        "only pairs from this source language",
    )],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: list::<models::LanguagePair>(),
    response: ResponseKind::Json(typed::<Vec<models::LanguagePair>>()),
    doc: "Language pairs with tiers and unit prices (no keys needed).",
};

/// `language_matrix`.
pub const LANGUAGE_MATRIX: Operation = Operation {
    name: "language_matrix",
    alias: Some("getServiceLanguageMatrix"),
    method: Method::Get,
    path: "translate/service/language_matrix",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Json,
    response: ResponseKind::Json(Decoder::tree(norm_raw)),
    doc: "The language matrix (undocumented shape, returned as sent).",
};

/// `quote`.
pub const QUOTE: Operation = Operation {
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
        ValueType::Jobs,
        "jobs keyed by your own keys; file jobs give a local `file_path`",
    )],
    renames: &[],
    validate: validate::quote,
    uploads: Uploads::QuoteFiles,
    streams: false,
    unwrap: Some("jobs"),
    result: keyed::<models::QuoteEntry>(),
    response: ResponseKind::Json(typed::<models::Quote>()),
    doc: "Price text or file jobs without ordering.",
};

/// `glossaries`.
pub const GLOSSARIES: Operation = Operation {
    name: "glossaries",
    alias: Some("getGlossaryList"),
    method: Method::Get,
    path: "translate/glossary",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: list::<models::Glossary>(),
    response: ResponseKind::Json(typed::<Vec<models::Glossary>>()),
    doc: "The account's glossaries.",
};

/// `get_glossary`.
pub const GET_GLOSSARY: Operation = Operation {
    name: "get_glossary",
    alias: Some("getGlossary"),
    method: Method::Get,
    path: "translate/glossary/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[GLOSSARY_ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: one::<models::Glossary>(),
    response: ResponseKind::Json(typed::<models::Glossary>()),
    doc: "One glossary.",
};

/// `download_glossary`.
pub const DOWNLOAD_GLOSSARY: Operation = Operation {
    name: "download_glossary",
    alias: Some("getGlossaryFile"),
    method: Method::Get,
    path: "translate/glossary/download/{id}",
    signed: true,
    legacy: false,
    action: None,
    params: &[GLOSSARY_ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Bytes,
    response: ResponseKind::Bytes,
    doc: "A glossary's file (bytes).",
};

/// `post_job`.
pub const POST_JOB: Operation = Operation {
    name: "post_job",
    alias: Some("postTranslationJob"),
    method: Method::Post,
    path: "translate/job",
    signed: true,
    legacy: true,
    action: None,
    params: &[p("job", true, Data, ValueType::Job, "one job payload")],
    renames: &[],
    validate: validate::post_job,
    uploads: Uploads::None,
    streams: false,
    unwrap: Some("job"),
    result: one::<models::Job>(),
    response: ResponseKind::Json(typed::<models::JobEnvelope>()),
    doc: "Legacy v1.1: order one job.",
};

/// `job_group`.
pub const JOB_GROUP: Operation = Operation {
    name: "job_group",
    alias: Some("getTranslationJobGroup"),
    method: Method::Get,
    path: "translate/jobs/group/{group_id}",
    signed: true,
    legacy: true,
    action: None,
    params: &[id("group_id", "group id")],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: one::<models::JobGroup>(),
    response: ResponseKind::Json(typed::<models::JobGroup>()),
    doc: "Legacy v1.1: the jobs of a group.",
};

/// `job_preview`.
pub const JOB_PREVIEW: Operation = Operation {
    name: "job_preview",
    alias: Some("getTranslationJobPreview"),
    method: Method::Get,
    path: "translate/job/{id}/preview",
    signed: true,
    legacy: true,
    action: None,
    params: &[ID],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Bytes,
    response: ResponseKind::Bytes,
    doc: "Legacy v1.1: JPEG preview of a translation (bytes).",
};

/// `cancel_jobs`.
pub const CANCEL_JOBS: Operation = Operation {
    name: "cancel_jobs",
    alias: Some("deleteTranslationJobs"),
    method: Method::Delete,
    path: "translate/jobs",
    signed: true,
    legacy: true,
    action: None,
    params: &[ids("job_ids", Query, "job ids (list, or comma-separated)")],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: ResultType::Ack,
    response: ResponseKind::Json(Decoder::tree(norm_ack)),
    doc: "Legacy v1.1: cancel several jobs.",
};
